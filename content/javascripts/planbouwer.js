/* The plan builder: a practice ticks interventions per year and sees at once which rules its
 * plan meets. `checkPlan` mirrors check_plan in generator/planrules.py line for line, reading
 * the same rules (generated at build time, embedded in the page); shared test cases run
 * through both. Data text is only ever set with textContent. */
(function () {
  "use strict";

  var STATES = ["actief", "verdieping"];

  function checkPlan(rules, plan) {
    var known = {};
    rules.interventies.forEach(function (item) { known[item.key] = item; });
    var keys = rules.interventies.map(function (item) { return item.key; });
    var choices = {};
    Object.keys(plan.keuzes || {}).forEach(function (key) {
      if (!known[key]) return;
      choices[key] = {};
      Object.keys(plan.keuzes[key]).forEach(function (year) {
        var state = plan.keuzes[key][year];
        if (STATES.indexOf(state) >= 0) choices[key][parseInt(year, 10)] = state;
      });
    });
    var reasons = plan.onderbouwingen || {};
    var kernels = rules.kernelementen;
    var verdicts = [];

    function active(key, year) { return !!(choices[key] && choices[key][year]); }
    function activeBefore(key, year) { for (var y = 1; y < year; y++) { if (active(key, y)) return true; } return false; }
    function isNew(key, year) { return active(key, year) && !activeBefore(key, year); }
    function deepened(key, year) { return !!(choices[key] && choices[key][year] === "verdieping") && activeBefore(key, year); }
    function inScope(rule, key) {
      var item = known[key];
      return rule.kernelementen.indexOf(item.kernelement) >= 0 || rule.interventies.indexOf(item.interventie) >= 0;
    }
    function names(list) { return list.map(function (k) { return known[k].naam; }).join(", ") || "geen"; }
    function interventionNames(ids) {
      return ids.map(function (id) {
        for (var i = 0; i < keys.length; i++) { if (known[keys[i]].interventie === id) return known[keys[i]].naam; }
        return id;
      }).join(", ");
    }

    var unknown = Object.keys(plan.keuzes || {}).filter(function (key) { return !known[key]; });
    if (unknown.length) {
      verdicts.push({ id: "onbekende-keuzes", jaar: 0, ok: false, melding: "Deze keuzes horen niet bij het aanbod van de regio: " + unknown.sort().join(", ") + "." });
    }

    rules.regels.forEach(function (rule) {
      var kind = rule.soort;
      for (var year = 1; year <= rules.jaren; year++) {
        if (!(year === rule.jaar || (rule.en_verder && year > rule.jaar))) continue;
        var scope = keys.filter(function (k) { return inScope(rule, k); });
        var label = rule.kernelementen.map(function (k) { return kernels[k]; }).join(" of ") || interventionNames(rule.interventies);
        var ok = true, message = "", found, wrong;
        var y = year;
        if (kind === "nieuw") {
          found = scope.filter(function (k) { return isNew(k, y); });
          ok = found.length >= rule.minimaal;
          message = "Jaar " + year + ": kies minimaal " + rule.minimaal + " nieuwe interventie(s) bij " + label + " (nu: " + names(found) + ").";
        } else if (kind === "actief") {
          found = scope.filter(function (k) { return active(k, y); });
          ok = found.length >= rule.minimaal;
          message = "Jaar " + year + ": voer minimaal " + rule.minimaal + " interventie(s) uit bij " + label + " (nu: " + names(found) + ").";
        } else if (kind === "nieuw-of-verdieping") {
          found = scope.filter(function (k) { return isNew(k, y) || deepened(k, y); });
          ok = found.length >= rule.minimaal;
          message = "Jaar " + year + ": kies minimaal " + rule.minimaal + " nieuwe interventie(s) of onderbouwde verdieping(en) bij " + label + " (nu: " + names(found) + ").";
        } else if (kind === "continueren") {
          found = scope.filter(function (k) { return active(k, y) && activeBefore(k, y); });
          ok = found.length >= rule.minimaal;
          message = "Jaar " + year + ": zet minimaal " + rule.minimaal + " interventie(s) bij " + label + " voort uit een eerder jaar (nu: " + names(found) + ").";
        } else if (kind === "keuze") {
          ok = rule.kernelementen.some(function (kernel) {
            return keys.filter(function (k) { return known[k].kernelement === kernel && (isNew(k, y) || deepened(k, y)); }).length >= rule.minimaal;
          });
          message = "Jaar " + year + ": kies minimaal " + rule.minimaal + " nieuwe interventie(s) of verdieping(en) bij " + label + ".";
        } else if (kind === "verplicht") {
          var missing = rule.interventies.filter(function (id) {
            return !keys.some(function (k) { return known[k].interventie === id && active(k, y); });
          });
          var absent = !!rule.intervisie && !plan.intervisie;
          ok = !missing.length && !absent;
          var parts = [];
          if (missing.length) parts.push("voer de verplichte interventie(s) uit: " + interventionNames(missing));
          if (absent) parts.push("neem deel aan de intervisie");
          message = "Jaar " + year + ": " + (parts.length ? parts.join("; ") : "alle verplichte onderdelen zijn gekozen") + ".";
        } else if (kind === "nooit-enige") {
          var running = keys.filter(function (k) { return active(k, y); });
          var only = running.length > 0 && running.every(function (k) { return rule.kernelementen.indexOf(known[k].kernelement) >= 0; });
          ok = !only;
          message = "Jaar " + year + ": " + label + " mag niet de enige interventie zijn; kies er ook een uit een ander kernelement.";
        } else if (kind === "verdieping-onderbouwen") {
          var lacking = keys.filter(function (k) { return choices[k] && choices[k][y] === "verdieping" && !String(reasons[k] || "").trim(); });
          ok = !lacking.length;
          message = "Jaar " + year + ": onderbouw elke verdieping (ontbreekt bij: " + names(lacking) + ").";
        } else if (kind === "geen-verdieping") {
          wrong = keys.filter(function (k) { return deepened(k, y) && known[k].aard === rule.aard; });
          ok = !wrong.length;
          message = "Jaar " + year + ": een ingevoerde ICT-aanpassing kan niet als verdieping tellen (" + names(wrong) + "); kies een nieuwe interventie.";
        } else if (kind === "eenmalig-per-zorgverlener") {
          wrong = keys.filter(function (k) { return deepened(k, y) && known[k].aard === rule.aard; });
          ok = !wrong.length;
          message = "Jaar " + year + ": een training telt één jaar per zorgverlener; kies een nieuwe interventie of laat andere teamleden de training volgen (" + names(wrong) + ").";
        } else if (kind === "geen-herhaling") {
          wrong = keys.filter(function (k) {
            if (!active(k, y) || active(k, y - 1)) return false;
            for (var earlier = 1; earlier < y - 1; earlier++) { if (active(k, earlier)) return !deepened(k, y); }
            return false;
          });
          ok = !wrong.length;
          message = "Jaar " + year + ": een eerder ingevoerde interventie herhalen mag alleen als aantoonbare verdieping (" + names(wrong) + ").";
        }
        if (["verdieping-onderbouwen", "geen-verdieping", "eenmalig-per-zorgverlener", "geen-herhaling", "nooit-enige"].indexOf(kind) >= 0 && ok) {
          message = "Jaar " + year + ": " + rule.titel + ": in orde.";
        }
        verdicts.push({ id: rule.id, jaar: year, ok: ok, melding: message });
      }
    });
    return verdicts;
  }

  function element(tag, text, attributes) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = text;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function builder(root) {
    var rules = JSON.parse(document.getElementById("plan-rules").textContent);
    var form = element("form", null, { "class": "planbouwer-form" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var practiceLabel = element("label", "Naam van de praktijk", { "for": "plan-praktijk" });
    var practice = element("input", null, { id: "plan-praktijk", type: "text", autocomplete: "organization" });
    form.appendChild(practiceLabel);
    form.appendChild(practice);

    var selects = {};
    var reasonFields = {};
    Object.keys(rules.kernelementen).forEach(function (kernel) {
      var items = rules.interventies.filter(function (item) { return item.kernelement === kernel; });
      if (!items.length) return;
      var table = element("table", null, { "class": "planbouwer-table" });
      table.appendChild(element("caption", rules.kernelementen[kernel]));
      var head = table.createTHead().insertRow();
      head.appendChild(element("th", "Interventie", { scope: "col" }));
      for (var year = 1; year <= rules.jaren; year++) head.appendChild(element("th", "Jaar " + year, { scope: "col" }));
      head.appendChild(element("th", "Onderbouwing van een verdieping", { scope: "col" }));
      var body = table.createTBody();
      items.forEach(function (item) {
        var row = body.insertRow();
        row.appendChild(element("th", item.naam + (item.status === "verplicht" ? " (verplicht)" : ""), { scope: "row" }));
        selects[item.key] = {};
        for (var y = 1; y <= rules.jaren; y++) {
          var cell = row.insertCell();
          var select = element("select", null, { "aria-label": item.naam + ", jaar " + y, "data-key": item.key, "data-jaar": String(y) });
          select.appendChild(element("option", "—", { value: "" }));
          select.appendChild(element("option", "uitvoeren", { value: "actief" }));
          if (y > 1) select.appendChild(element("option", "verdiepen", { value: "verdieping" }));
          select.addEventListener("change", update);
          cell.appendChild(select);
          selects[item.key][y] = select;
        }
        var reasonCell = row.insertCell();
        var reason = element("textarea", null, { rows: "2", "aria-label": "Onderbouwing van de verdieping van " + item.naam, "data-key": item.key });
        reason.addEventListener("input", update);
        reasonCell.appendChild(reason);
        reasonFields[item.key] = reason;
      });
      form.appendChild(table);
    });

    var intervisie = null;
    if (rules.intervisie) {
      var wrap = element("p");
      intervisie = element("input", null, { type: "checkbox", id: "plan-intervisie" });
      intervisie.addEventListener("change", update);
      wrap.appendChild(intervisie);
      wrap.appendChild(element("label", " De praktijk neemt deel aan de intervisie van de regio", { "for": "plan-intervisie" }));
      form.appendChild(wrap);
    }

    var buttons = element("p", null, { "class": "planbouwer-buttons" });
    var printButton = element("button", "Afdrukken", { type: "button", "class": "md-button" });
    printButton.addEventListener("click", function () { window.print(); });
    var exportButton = element("button", "Plan opslaan als bestand", { type: "button", "class": "md-button" });
    exportButton.addEventListener("click", function () {
      var blob = new Blob([JSON.stringify(currentPlan(), null, 2)], { type: "application/json" });
      var link = element("a", null, { href: URL.createObjectURL(blob), download: "praktijkplan-" + rules.regio + ".json" });
      document.body.appendChild(link);
      link.click();
      link.remove();
    });
    var importLabel = element("label", "Opgeslagen plan openen ", { "for": "plan-bestand" });
    var importInput = element("input", null, { type: "file", id: "plan-bestand", accept: "application/json,.json" });
    importInput.addEventListener("change", function () {
      if (!importInput.files.length) return;
      importInput.files[0].text().then(function (text) { load(JSON.parse(text)); });
    });
    buttons.appendChild(printButton);
    buttons.appendChild(exportButton);
    buttons.appendChild(importLabel);
    buttons.appendChild(importInput);
    form.appendChild(buttons);

    var result = element("div", null, { "class": "planbouwer-result", "aria-live": "polite" });
    root.appendChild(form);
    root.appendChild(element("h2", "Toetsing van uw plan", { id: "toetsing-van-uw-plan" }));
    root.appendChild(result);

    function currentPlan() {
      var plan = { formaat: rules.formaat, regio: rules.regio, praktijk: practice.value, keuzes: {}, onderbouwingen: {}, intervisie: intervisie ? intervisie.checked : false };
      Object.keys(selects).forEach(function (key) {
        Object.keys(selects[key]).forEach(function (year) {
          var value = selects[key][year].value;
          if (value) { plan.keuzes[key] = plan.keuzes[key] || {}; plan.keuzes[key][year] = value; }
        });
        if (reasonFields[key].value.trim()) plan.onderbouwingen[key] = reasonFields[key].value;
      });
      return plan;
    }

    function load(plan) {
      practice.value = plan.praktijk || "";
      Object.keys(selects).forEach(function (key) {
        Object.keys(selects[key]).forEach(function (year) {
          var value = (plan.keuzes && plan.keuzes[key] && plan.keuzes[key][year]) || "";
          selects[key][year].value = STATES.indexOf(value) >= 0 ? value : "";
        });
        reasonFields[key].value = (plan.onderbouwingen && plan.onderbouwingen[key]) || "";
      });
      if (intervisie) intervisie.checked = !!plan.intervisie;
      update(plan);
    }

    function update(loaded) {
      var plan = loaded && loaded.keuzes ? loaded : currentPlan();
      var verdicts = checkPlan(rules, plan);
      result.textContent = "";
      var failed = verdicts.filter(function (v) { return !v.ok; }).length;
      result.appendChild(element("p", failed ? failed + " punt(en) nog niet in orde." : "Uw plan voldoet aan alle regels.", { "class": "planbouwer-summary" }));
      var list = element("ul", null, { "class": "planbouwer-verdicts" });
      verdicts.forEach(function (v) {
        list.appendChild(element("li", (v.ok ? "✓ " : "✗ ") + v.melding, { "data-rule": v.id, "data-jaar": String(v.jaar), "data-ok": String(v.ok) }));
      });
      result.appendChild(list);
    }

    root.hidden = false;
    var fallback = document.querySelector(".planbouwer-zonder-script");
    if (fallback) fallback.hidden = true;
    window.regioplanLoadPlan = load;  // for tests and for opening a saved plan programmatically
    update();
  }

  window.regioplanCheckPlan = checkPlan;
  function start() {
    var root = document.getElementById("planbouwer");
    if (root) builder(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
