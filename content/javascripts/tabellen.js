/* A table wider than the screen scrolls sideways in its own box (Material's .md-typeset__scrollwrap).
 * Keyboard users can only scroll a box they can focus, so such a box is made focusable and named
 * after the table's heading (WCAG 2.1.1; axe's scrollable-region-focusable). A line above it says
 * there is more to the right, which nothing showed on a phone (screen readers hear it in the box's
 * name, so the line itself is hidden from them). Boxes that fit stay out of the tab order and
 * have no such line. */
(function () {
  "use strict";

  function nameOf(box) {
    var caption = box.querySelector("caption");
    if (caption) return caption.textContent;
    for (var element = box.previousElementSibling; element; element = element.previousElementSibling) {
      if (/^H[1-6]$/.test(element.tagName)) return element.textContent.replace(/¶$/, "");
    }
    return document.title;
  }

  function hintBefore(box) {
    var before = box.previousElementSibling;
    return before && before.classList.contains("schuifhint") ? before : null;
  }

  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      var hint = hintBefore(box);
      // A box whose overflow is visible does not scroll itself (the matrix scrolls in its own box).
      var scrolls = getComputedStyle(box).overflowX !== "visible" && box.scrollWidth > box.clientWidth + 1;
      if (scrolls) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Tabel: " + nameOf(box).trim() + " (schuift opzij)");
        if (!hint) {
          hint = document.createElement("p");
          hint.className = "schuifhint";
          hint.setAttribute("aria-hidden", "true");
          hint.textContent = "Schuif de tabel opzij voor alle kolommen →";
          box.parentNode.insertBefore(hint, box);
        }
      } else {
        if (box.hasAttribute("tabindex")) {
          box.removeAttribute("tabindex");
          box.removeAttribute("role");
          box.removeAttribute("aria-label");
        }
        if (hint) hint.remove();
      }
    });
  }

  // Material wraps the tables when it sets up a page; document$ tells when that is done.
  if (window.document$) window.document$.subscribe(update);
  else document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
})();
