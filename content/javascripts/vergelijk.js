/* Comparison pages: the matrix filter and the region picker.
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

  function cell(tag, text) {
    var element = document.createElement(tag);
    element.textContent = text;
    return element;
  }

  function picker() {
    var box = document.querySelector(".picker");
    var source = document.getElementById("picker-data");
    if (!box || !source) return;
    var regions = JSON.parse(source.textContent);
    var byId = {};
    regions.forEach(function (region) { byId[region.id] = region; });
    var selects = Array.prototype.slice.call(box.querySelectorAll("select"));
    var result = box.querySelector(".picker-result");

    function linkTo(region) {
      var heading = document.getElementById(region.id);
      var anchor = heading && heading.querySelector("a[href]:not(.headerlink)");
      var link = document.createElement("a");
      link.textContent = region.naam;
      if (anchor) link.href = anchor.getAttribute("href");
      return link;
    }

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
      function addRow(label, values) {
        var row = body.insertRow();
        row.appendChild(cell("th", label)).scope = "row";
        values.forEach(function (value) { row.appendChild(cell("td", value)); });
      }
      Object.keys(chosen[0].feiten).forEach(function (fact) {
        addRow(fact, chosen.map(function (region) { return region.feiten[fact] || "–"; }));
      });
      var names = {};
      chosen.forEach(function (region) { Object.keys(region.interventies).forEach(function (name) { names[name] = true; }); });
      Object.keys(names).sort().forEach(function (name) {
        addRow(name, chosen.map(function (region) { return region.interventies[name] || "niet genoemd"; }));
      });
      result.appendChild(table);
    }

    selects.forEach(function (select, index) {
      select.appendChild(cell("option", "— geen —")).value = "";
      regions.forEach(function (region) { select.appendChild(cell("option", region.naam)).value = region.id; });
      if (index < 2 && regions[index]) select.value = regions[index].id;
      select.addEventListener("change", render);
    });
    box.hidden = false;
    var listing = document.querySelector(".picker-listing");
    if (listing) listing.hidden = true;
    render();
  }

  function start() { matrixFilter(); picker(); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
