/* A table wider than the screen scrolls sideways in its own box (Material's .md-typeset__scrollwrap).
 * Keyboard users can only scroll a box they can focus, so such a box is made focusable and named
 * after the table's heading (WCAG 2.1.1; axe's scrollable-region-focusable). Boxes that fit stay
 * out of the tab order. */
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

  function update() {
    document.querySelectorAll(".md-typeset__scrollwrap").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        box.tabIndex = 0;
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Tabel: " + nameOf(box).trim() + " (schuift opzij)");
      } else if (box.hasAttribute("tabindex")) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    });
  }

  // Material wraps the tables when it sets up a page; document$ tells when that is done.
  if (window.document$) window.document$.subscribe(update);
  else document.addEventListener("DOMContentLoaded", update);
  window.addEventListener("resize", update);
})();
