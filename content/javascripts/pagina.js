/* What every page needs of a script. The site does not load Material's own (111 KB on every first
 * view, issue 29); the parts of it readers need are here, and the page reads as well without them.
 *
 * Tables. A table wider than the screen scrolls sideways in its own box, which this script puts
 * around it as Material's did (.md-typeset__scrollwrap, styled by the theme and extra.css).
 * Keyboard users can only scroll a box they can focus, so such a box is made focusable and named
 * after the table's heading (WCAG 2.1.1; axe's scrollable-region-focusable). A line above it says
 * there is more to the right, which nothing showed on a phone (screen readers hear it in the box's
 * name, so the line itself is hidden from them). Boxes that fit stay out of the tab order and
 * have no such line.
 *
 * The menu. Its open section folds with Enter or Space on its toggle, as with a click (WCAG 2.1.1);
 * on a phone, choosing a heading of this page in the menu closes the menu, so the heading shows. */
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

  // Tables written by Markdown have no class; the site's own tables (cards, the matrix) bring
  // their own layout and are wrapped like them.
  function wrapTables() {
    document.querySelectorAll(".md-typeset table:not([class])").forEach(function (table) {
      if (table.parentElement.classList.contains("md-typeset__table")) return;
      var box = document.createElement("div");
      box.className = "md-typeset__scrollwrap";
      var inner = document.createElement("div");
      inner.className = "md-typeset__table";
      table.parentNode.insertBefore(box, table);
      box.appendChild(inner);
      inner.appendChild(table);
    });
  }

  function toggleWithKeys(event) {
    var label = event.target;
    if (!label.matches || !label.matches(".md-nav label[for][tabindex]")) return;
    if (event.key !== "Enter" && event.key !== " ") return;
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    event.preventDefault(); // Space would scroll the page
    toggle.checked = !toggle.checked;
    var section = document.querySelector('[aria-labelledby="' + label.id + '"]');
    if (section) section.setAttribute("aria-expanded", String(toggle.checked));
  }

  function closeMenuOnHeading(event) {
    var link = event.target.closest && event.target.closest(".md-nav a[href^='#']");
    var drawer = document.getElementById("__drawer");
    if (link && drawer) drawer.checked = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    wrapTables();
    update();
  });
  window.addEventListener("resize", update);
  document.addEventListener("keydown", toggleWithKeys);
  document.addEventListener("click", closeMenuOnHeading);
})();
