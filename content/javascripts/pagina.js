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
 * on a phone, choosing a heading of this page in the menu closes the menu, so the heading shows.
 * There the menu is behind a button that Material drew as a label only a pointer could use: it is
 * made a button a keyboard reaches, opens with Enter or Space, and names open or closed; the menu
 * opens with the focus on its first link and Escape closes it, back on the button (WCAG 2.1.1,
 * 2.4.3, 4.1.2). While closed, its links are hidden (extra.css), so they are no tab stops. */
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

  // On a phone (or zoomed in) the menu is a drawer of panes, each sliding over the one it opens
  // from (Material's CSS); wider, the same toggles fold sections in place.
  var asDrawer = window.matchMedia("(max-width: 76.234375em)");

  function menuButton() {
    return document.querySelector(".md-header label[for=__drawer]");
  }

  function sidebar() {
    return document.querySelector(".md-sidebar--primary");
  }

  function drawerOpen() {
    var drawer = document.getElementById("__drawer");
    return Boolean(drawer && drawer.checked);
  }

  // The drawer's state, said by the button; a closed drawer is inert at once, so nothing in it is
  // a tab stop while it slides out (CSS hides it only once it is out of sight).
  function setMenu(open) {
    var drawer = document.getElementById("__drawer");
    var button = menuButton();
    var menu = sidebar();
    if (!drawer) return;
    drawer.checked = open;
    if (button) button.setAttribute("aria-expanded", String(open));
    if (menu) menu.inert = asDrawer.matches && !open;
  }

  function focusable(pane) {
    return pane && pane.querySelector("a[href], label[tabindex]");
  }

  // The pane in sight: the innermost pane that is open and shown (wider than 60em the page's
  // contents have their own column, and their pane in the menu is not shown even when open).
  function openPane(menu) {
    var panes = Array.prototype.filter.call(menu.querySelectorAll(".md-nav__toggle:checked ~ nav"), function (pane) {
      return pane.getClientRects().length > 0;
    });
    return panes.length ? panes[panes.length - 1] : menu;
  }

  // Focus moves once the pane is shown, which extra.css does in the frame after the change, and
  // only if what was asked still holds then (a second key in the same frame may have undone it).
  function focusLater(element, stillWanted) {
    if (!element) return;
    requestAnimationFrame(function () {
      if (stillWanted()) element.focus();
    });
  }

  // Labels a keyboard can use: the button that opens the menu, the toggle of a section or of the
  // page's contents, and the title of a pane, which leads back to the pane it was opened from.
  function makeMenuControls() {
    var button = menuButton();
    var menu = sidebar();
    if (!button || !menu) return;
    menu.id = menu.id || "menu";
    button.setAttribute("role", "button");
    button.setAttribute("aria-label", "Menu");
    button.setAttribute("aria-controls", menu.id);
    button.tabIndex = 0;
    setMenu(drawerOpen());
    menu.querySelectorAll("label.md-nav__link[for=__toc]").forEach(function (label) {
      label.tabIndex = 0;
      label.setAttribute("role", "button");
      label.setAttribute("aria-label", "Inhoudsopgave van " + label.textContent.trim());
    });
    menu.querySelectorAll("label.md-nav__link[for][tabindex]").forEach(function (label) {
      // A section with a page of its own has a toggle beside that page's link, without text.
      if (!label.getAttribute("aria-label") && !label.textContent.trim()) {
        var link = label.parentElement.querySelector("a");
        if (link) label.setAttribute("aria-label", "Pagina's onder " + link.textContent.trim());
      }
      label.setAttribute("role", "button");
    });
    menu.querySelectorAll("label.md-nav__title[for]:not([for=__drawer])").forEach(function (label) {
      label.tabIndex = 0;
      label.setAttribute("role", "button");
      label.setAttribute("aria-label", "Terug uit " + label.textContent.trim());
    });
  }

  function useWithKeys(event) {
    var label = event.target;
    if (event.key === "Escape") {
      if (drawerOpen()) {
        setMenu(false);
        menuButton().focus();
      }
      return;
    }
    if (event.key !== "Enter" && event.key !== " ") return;
    if (!label.matches || !label.matches("label[for][tabindex]")) return;
    var toggle = document.getElementById(label.htmlFor);
    if (!toggle) return;
    event.preventDefault(); // Space would scroll the page
    var menu = sidebar();
    if (toggle.id === "__drawer") {
      setMenu(!toggle.checked);
      if (toggle.checked) focusLater(focusable(openPane(menu)), drawerOpen);
      return;
    }
    toggle.checked = !toggle.checked;
    var section = document.querySelector('[aria-labelledby="' + label.id + '"]');
    if (section) section.setAttribute("aria-expanded", String(toggle.checked));
    if (!asDrawer.matches) return;
    // In the drawer the label just used is now out of sight: into the pane opened, or back to
    // the toggle that opened the pane just closed.
    var opened = toggle.checked;
    var stillWanted = function () {
      return drawerOpen() && toggle.checked === opened;
    };
    if (opened) focusLater(focusable(openPane(menu)), stillWanted);
    else focusLater(menu.querySelector('label.md-nav__link[for="' + toggle.id + '"]'), stillWanted);
  }

  function closeMenuOnHeading(event) {
    var link = event.target.closest && event.target.closest(".md-nav a[href^='#']");
    if (link) setMenu(false);
  }

  // The open drawer covers the page: when the focus leaves it (Tab past its last item, Shift+Tab
  // before its first), it closes, so the focus is never on something it covers.
  function closeMenuWhenFocusLeaves(event) {
    var menu = sidebar();
    if (!drawerOpen() || !asDrawer.matches || !menu) return;
    if (!menu.contains(event.target) && event.target !== menuButton()) setMenu(false);
  }

  function followMenuState() {
    // A click on the button, the overlay or the menu's title changes the box by itself.
    var drawer = document.getElementById("__drawer");
    if (drawer) drawer.addEventListener("change", function () { setMenu(drawer.checked); });
    // Wider than a drawer the menu is a sidebar, never inert; narrower again, a drawer once more.
    asDrawer.addEventListener("change", function () { setMenu(drawerOpen()); });
  }

  // Beside the page (a laptop), the menu scrolls by itself (extra.css); the reader's own page is
  // brought into its view, as Material's script did: a late part of a long list sat below it.
  function showCurrentInMenu() {
    if (asDrawer.matches) return;
    var box = document.querySelector(".md-sidebar--primary .md-sidebar__scrollwrap");
    var links = document.querySelectorAll(".md-sidebar--primary a.md-nav__link--active");
    var current = links[links.length - 1];
    if (!box || !current) return;
    var place = current.getBoundingClientRect().top - box.getBoundingClientRect().top + box.scrollTop;
    if (place + current.offsetHeight > box.scrollTop + box.clientHeight) box.scrollTop = place - box.clientHeight / 3;
  }

  document.addEventListener("DOMContentLoaded", function () {
    makeMenuControls();
    showCurrentInMenu();
    followMenuState();
    wrapTables();
    update();
  });
  window.addEventListener("resize", update);
  document.addEventListener("keydown", useWithKeys);
  document.addEventListener("click", closeMenuOnHeading);
  document.addEventListener("focusin", closeMenuWhenFocusLeaves);
})();
