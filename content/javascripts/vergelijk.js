/* Comparison pages: the matrix filter and layout, the region picker and "mijn eigen aanbod".
 * Both enhance pages that work without JavaScript (the matrix shows every group; the picker
 * page lists every region). Data text is only ever set with textContent, never as HTML. */
(function () {
  "use strict";

  function matrixFilter() {
    var box = document.querySelector(".matrix-filter");
    if (!box) return;
    var select = box.querySelector("select");
    select.addEventListener("change", function () {
      document.querySelectorAll(".matrix-group").forEach(function (group) {
        group.hidden = select.value !== "" && group.dataset.kernelement !== select.value;
      });
    });
    box.hidden = false;
  }

  // A matrix that fits its column needs no sideways scrolling; without the scroll box its
  // header can stick to the top of the screen while the page scrolls (extra.css).
  function matrixFit() {
    var boxes = document.querySelectorAll(".matrix");
    if (!boxes.length) return;
    function fit() {
      boxes.forEach(function (box) {
        var table = box.querySelector("table");
        if (table) box.classList.toggle("matrix--fits", table.offsetWidth <= box.parentElement.clientWidth);
      });
    }
    fit();
    window.addEventListener("resize", fit);
  }

  function cell(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  // A link to a region's page, taken from the listing's link (its URL as the site has it).
  function linkTo(region) {
    var anchor = document.getElementById("regio-" + region.id); // the listing's link (kiezer.md.j2)
    var link = document.createElement("a");
    link.textContent = region.naam;
    if (anchor) link.href = anchor.getAttribute("href");
    return link;
  }

  function picker(data) {
    var box = document.querySelector(".picker");
    if (!box) return;
    var byId = {};
    data.regios.forEach(function (region) { byId[region.id] = region; });
    var selects = Array.prototype.slice.call(box.querySelectorAll("select"));
    var result = box.querySelector(".picker-result");

    function render() {
      var chosen = [];
      selects.forEach(function (select) {
        if (select.value && byId[select.value] && chosen.indexOf(byId[select.value]) < 0) chosen.push(byId[select.value]);
      });
      result.textContent = "";
      if (chosen.length < 2) {
        result.appendChild(cell("p", "Kies minstens twee verschillende regio's."));
        return;
      }
      var table = document.createElement("table");
      table.appendChild(cell("caption", "Gekozen regio's naast elkaar"));
      var head = table.createTHead().insertRow();
      head.appendChild(cell("th", "Onderdeel")).scope = "col";
      chosen.forEach(function (region) {
        var th = document.createElement("th");
        th.scope = "col";
        th.appendChild(linkTo(region));
        head.appendChild(th);
      });
      var body = table.createTBody();
      // Each value carries its region's name, which a phone shows in front of it (extra.css).
      function addRow(label, values) {
        var row = body.insertRow();
        row.appendChild(cell("th", label)).scope = "row";
        values.forEach(function (value, index) { row.appendChild(cell("td", value)).dataset.label = chosen[index].naam; });
      }
      chosen[0].feiten.forEach(function (fact, index) {
        addRow(fact.naam, chosen.map(function (region) { return region.feiten[index].waarde; }));
      });
      data.kernelementen.forEach(function (kernel) {
        var rows = data.rijen.filter(function (row) {
          return row.kernelement === kernel.id && chosen.some(function (region) { return row.key in region.interventies; });
        });
        if (!rows.length) return;
        var group = body.insertRow();
        group.className = "picker-group";
        var th = group.appendChild(cell("th", "Interventies: " + kernel.naam));
        th.scope = "colgroup";
        th.colSpan = chosen.length + 1;
        rows.forEach(function (row) {
          addRow(row.naam, chosen.map(function (region) { return region.interventies[row.key] || "niet genoemd"; }));
        });
      });
      result.appendChild(table);
    }

    selects.forEach(function (select, index) {
      select.appendChild(cell("option", "— geen —")).value = "";
      data.regios.forEach(function (region) { select.appendChild(cell("option", region.naam)).value = region.id; });
      if (index < 2 && data.regios[index]) select.value = data.regios[index].id;
      select.addEventListener("change", render);
    });
    box.hidden = false;
    var listing = document.querySelector(".picker-listing");
    if (listing) listing.hidden = true;
    render();
  }

  // "Which region is like my offer?": the same measure as the comparison pages (Jaccard over the
  // national interventions, see contexts/compare.py), for the interventions a reader ticks.
  function ownOffer(data) {
    var box = document.querySelector(".eigen-aanbod");
    if (!box) return;
    var boxes = Array.prototype.slice.call(box.querySelectorAll("input[type=checkbox]"));
    var result = box.querySelector(".eigen-aanbod-result");

    function render() {
      var mine = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
      result.textContent = "";
      if (!mine.length) {
        result.appendChild(cell("p", "Vink minstens één interventie aan."));
        return;
      }
      // A region whose sources give part of its offer has none here: it is compared with nothing.
      var whole = data.regios.filter(function (region) { return region.aanbod; });
      var likeness = whole.map(function (region) {
        var shared = mine.filter(function (id) { return region.aanbod.indexOf(id) >= 0; }).length;
        var either = mine.length + region.aanbod.length - shared;
        return { region: region, shared: shared, either: either, ratio: either ? shared / either : 0 };
      });
      likeness.sort(function (a, b) { return b.ratio - a.ratio || a.region.naam.localeCompare(b.region.naam, "nl"); });
      result.appendChild(cell("p", "Het meest lijkt uw aanbod op:"));
      var list = document.createElement("ol");
      likeness.slice(0, 3).forEach(function (item) {
        var li = document.createElement("li");
        li.appendChild(linkTo(item.region));
        li.appendChild(document.createTextNode(": u en " + item.region.naam + " bieden er " + item.shared +
          " allebei aan, van de " + item.either + " landelijke interventies die een van beide aanbiedt."));
        list.appendChild(li);
      });
      result.appendChild(list);
    }

    boxes.forEach(function (b) { b.addEventListener("change", render); });
    box.hidden = false;
    render();
  }

  function start() {
    matrixFilter();
    matrixFit();
    // The picker's data, from its own file (vergelijk/kiezer-regios.js, generator/addresses.py).
    var data = window.regioplanKiezer;
    if (!data) return;
    picker(data);
    ownOffer(data);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
