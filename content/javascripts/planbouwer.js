/* The plan builder: a practice ticks interventions per year and sees at once which rules its
 * plan meets. The check is plantoets.js (loaded before this file), the one the command line runs
 * too; the region's rules are generated at build time and embedded in the page. Data text is
 * only ever set with textContent. */
(function () {
  "use strict";

  var toets = window.regioplanToets;  // the check itself: generator/rules/plantoets.js
  var STATES = toets.STATES, SYMBOLS = toets.SYMBOLS, checkPlan = toets.checkPlan, yearLabel = toets.yearLabel;
  var parseStart = toets.parseStart, span = toets.span, points = toets.points, quarterLabel = toets.quarterLabel;

  /* The structural checks of validate_plan in generator/rules/planrules.py, for a file a practice
   * opens: enough to refuse a file that is not a plan of this region, with the JSON path. */
  function jsonPath(parts) {
    return "$" + parts.map(function (part) {
      if (typeof part === "number") return "[" + part + "]";
      return /^[a-z_][a-z0-9_]*$/.test(part) ? "." + part : "[" + JSON.stringify(part) + "]";
    }).join("");
  }

  function validatePlan(raw, rules) {
    var problems = [];
    function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }
    if (!isObject(raw)) return ["$: een planbestand is een blok met velden ({…})"];
    if (typeof raw.regio === "string" && raw.regio !== rules.regio) {
      // A plan of another region: one line that says so, not every id this region lacks.
      return ["Dit plan is gemaakt voor " + (rules.regios[raw.regio] || raw.regio) + ", niet voor " + rules.regionaam +
        ". Open het in de planbouwer van " + (rules.regios[raw.regio] || "die regio") + "."];
    }
    var fields = ["formaat", "regio", "praktijk", "keuzes", "onderbouwingen", "deelnemers", "intervisie", "agb", "contactpersoon", "datum", "start", "personeel", "onderdelen"];
    Object.keys(raw).forEach(function (name) { if (fields.indexOf(name) < 0) problems.push("$." + name + ": onbekend veld"); });
    var known = {};
    rules.interventies.forEach(function (item) { known[item.key] = true; });
    ["keuzes", "onderbouwingen", "deelnemers", "personeel"].forEach(function (field) {
      if (raw[field] === undefined) return;
      if (!isObject(raw[field])) { problems.push("$." + field + ": moet een blok met velden zijn"); return; }
      Object.keys(raw[field]).forEach(function (key) {
        var path = jsonPath([field, key]);
        var value = raw[field][key];
        if (!known[key]) problems.push(path + ": '" + key + "' is geen interventie van het regioplan van " + rules.regionaam + " of van de leidraad");
        if (field === "onderbouwingen") { if (typeof value !== "string") problems.push(path + ": moet tekst zijn"); return; }
        if (!isObject(value)) { problems.push(path + ": moet een blok met jaren zijn"); return; }
        Object.keys(value).forEach(function (year) {
          var where = jsonPath([field, key, year]);
          var number = /^([1-9]|10)$/.test(year) ? parseInt(year, 10) : 0;
          if (!number) problems.push(where + ": geen jaar (1 tot en met 10)");
          else if (number > rules.jaren) problems.push(where + ": jaar " + year + " valt buiten het plan, dat " + rules.jaren + " jaar telt");
          if (field === "keuzes" && STATES.indexOf(value[year]) < 0) problems.push(where + ": kies 'actief' of 'verdieping'");
          if (field === "keuzes" && number === 1 && value[year] === "verdieping") problems.push(where + ": in jaar 1 valt er nog niets te verdiepen");
          if (field === "personeel" && typeof value[year] !== "string") problems.push(where + ": moet tekst zijn");
          if (field === "deelnemers" && !(Array.isArray(value[year]) && value[year].every(function (p) { return typeof p === "string"; }))) {
            problems.push(where + ": moet een lijst met namen of rollen zijn");
          }
        });
      });
    });
    if (raw.intervisie !== undefined && typeof raw.intervisie !== "boolean") problems.push("$.intervisie: moet true of false zijn");
    if (raw.start !== undefined && raw.start !== null && !parseStart(raw.start)) problems.push("$.start: schrijf het startkwartaal als JJJJ-K1 tot JJJJ-K4, bijvoorbeeld 2024-K1");
    if (raw.datum !== undefined && !/^(\d{4}-\d{2}-\d{2})?$/.test(raw.datum)) problems.push("$.datum: schrijf een datum als JJJJ-MM-DD");
    ["praktijk", "agb", "contactpersoon"].forEach(function (name) {
      if (raw[name] !== undefined && typeof raw[name] !== "string") problems.push("$." + name + ": moet tekst zijn");
    });
    return problems;
  }

  /* "15-04-2026" (or 15/4/2026, 15.4.2026) -> "2026-04-15"; "" for anything that is not a real date. */
  function isoDate(text) {
    var match = /^\s*(\d{1,2})[-\/.](\d{1,2})[-\/.](\d{4})\s*$/.exec(text || "");
    if (!match) return "";
    var day = +match[1], month = +match[2], year = +match[3];
    var check = new Date(Date.UTC(year, month - 1, day));
    if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return "";
    return year + "-" + (month < 10 ? "0" : "") + month + "-" + (day < 10 ? "0" : "") + day;
  }
  function dutchDate(iso) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    return match ? match[3] + "-" + match[2] + "-" + match[1] : "";
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
    var calendar = rules.kalender;
    // Who the practice is and when it began: every plan handed in needs them, and the start
    // turns "MTVP-jaar 3" into the calendar year the practice recognises.
    var identity = element("fieldset", null, { "class": "planbouwer-identiteit" });
    identity.appendChild(element("legend", "Uw praktijk"));
    function textField(id, label, attributes) {
      var wrap = element("p");
      wrap.appendChild(element("label", label, { "for": id }));
      var input = element("input", null, Object.assign({ id: id, type: "text" }, attributes || {}));
      input.addEventListener("input", update);
      wrap.appendChild(input);
      identity.appendChild(wrap);
      return input;
    }
    var practice = textField("plan-praktijk", "Naam van de praktijk", { autocomplete: "organization" });
    var agb = textField("plan-agb", "AGB-code van de praktijk");
    var contact = textField("plan-contactpersoon", "Contactpersoon voor dit plan", { autocomplete: "name" });
    // A text field, not the browser's date picker: that follows the browser's language (mm/dd/yyyy
    // in an English browser). The plan file keeps the date as JJJJ-MM-DD.
    var date = textField("plan-datum", "Datum (dag-maand-jaar, bijvoorbeeld 15-04-2026)", { inputmode: "numeric", autocomplete: "off", placeholder: "dd-mm-jjjj" });
    var startWrap = element("p");
    var startSelect = element("select", null, { id: "plan-start" });
    startSelect.appendChild(element("option", "— nog niet gekozen —", { value: "" }));
    if (calendar.lichtingen.length) {
      startWrap.appendChild(element("label", "Lichting waarmee de praktijk begon", { "for": "plan-start" }));
      calendar.lichtingen.forEach(function (item) {
        var start = parseStart(item.start);
        startSelect.appendChild(element("option", item.naam + " (vanaf " + span(start, 1).split(" – ")[0] + ")", { value: item.start }));
      });
    } else {
      startWrap.appendChild(element("label", "Kwartaal waarin de praktijk met MTVP begon", { "for": "plan-start" }));
      for (var startYear = calendar.startjaren[0]; startYear <= calendar.startjaren[1]; startYear++) {
        for (var quarter = 1; quarter <= 4; quarter++) {
          startSelect.appendChild(element("option", quarterLabel(startYear + "-K" + quarter), { value: startYear + "-K" + quarter }));
        }
      }
    }
    startSelect.addEventListener("change", function () { relabel(); update(); });
    startWrap.appendChild(startSelect);
    identity.appendChild(startWrap);
    if (calendar.overgangsjaar) {
      identity.appendChild(element("p", calendar.overgangsjaar.jaar + " is een overgangsjaar: " + calendar.overgangsjaar.toelichting.trim(), { "class": "planbouwer-noot" }));
    }
    form.appendChild(identity);

    // The parts the region asks in the plan (its form's onderdelen, rules.onderdelen): a text, a
    // commitment to tick, or per intervention the form's columns (Eemland: a short plan of approach
    // and a SMART goal). They go into the plan file under "onderdelen" and are checked like the rest.
    var partFields = {};  // part id -> textarea | checkbox | {key: [textarea per column]}
    var partRows = [];  // [row, key]: a plan per intervention is shown for the interventions chosen
    var perIntervention = [];
    var simpleParts = rules.onderdelen.filter(function (part) { return part.soort !== "interventies-met-plan"; });
    if (simpleParts.length) {
      var asked = element("fieldset", null, { "class": "planbouwer-onderdelen" });
      asked.appendChild(element("legend", "Wat " + rules.regionaam + " in het praktijkplan vraagt"));
      simpleParts.forEach(function (part) {
        var id = "plan-deel-" + part.id;
        var wrap = element("p");
        if (part.soort === "keuze") {
          var box = element("input", null, { type: "checkbox", id: id });
          box.addEventListener("change", update);
          wrap.appendChild(box);
          wrap.appendChild(element("label", " " + part.titel, { "for": id }));
          partFields[part.id] = box;
        } else {
          wrap.appendChild(element("label", part.titel + (part.verplicht ? "" : " (niet verplicht)"), { "for": id }));
          var area = element("textarea", null, { id: id, rows: "3" });
          area.addEventListener("input", update);
          wrap.appendChild(area);
          partFields[part.id] = area;
        }
        asked.appendChild(wrap);
        if (part.toelichting) asked.appendChild(element("p", part.toelichting, { "class": "planbouwer-noot" }));
      });
      form.appendChild(asked);
    }

    var selects = {};
    var peopleFields = {};
    var staffFields = {};
    var reasonFields = {};
    // What the builder asks per year beside the choice, by kind of intervention (YEAR_NOTES in
    // practiceform.py): who follows a training (it counts one year per care provider), and for
    // extra staff which staff and how many hours (the leidraad asks a plan to say so).
    var yearNotes = {
      training: {
        fields: peopleFields, placeholder: "wie volgt de training?",
        label: function (name, year) { return "Wie volgt “" + name + "” in jaar " + year + " (namen of rollen, met komma's)"; }
      },
      personeel: {
        fields: staffFields, placeholder: "welk personeel, hoeveel uren?",
        label: function (name, year) { return "Welk personeel en hoeveel uren bij “" + name + "” in jaar " + year; }
      }
    };
    var yearHeads = [];  // [th, year] per table, relabelled when the start changes
    var yearCells = [];  // [td, select, item, year]
    // The regioplan's interventions first, per kernelement; then, folded away, the leidraad's others,
    // which a practice may add (leidraad v3 §5) without the RHO's promise of support.
    var extras = element("details", null, { "class": "planbouwer-buiten" });
    extras.appendChild(element("summary", "Andere interventies uit de leidraad (niet in het regioplan)"));
    extras.appendChild(element("p", "De leidraad laat een praktijk ook andere interventies uit de leidraad uitvoeren, naast wat het regioplan " +
      "kiest. Ze tellen mee voor de regels en komen in uw praktijkplan, maar de RHO ondersteunt ze niet per se: overleg met de RHO."));
    [false, true].forEach(function (outside) { Object.keys(rules.kernelementen).forEach(function (kernel) {
      var items = rules.interventies.filter(function (item) { return item.kernelement === kernel && item.buiten_regioplan === outside; });
      if (!items.length) return;
      var table = element("table", null, { "class": "planbouwer-table" });
      table.appendChild(element("caption", rules.kernelementen[kernel]));
      var head = table.createTHead().insertRow();
      head.appendChild(element("th", "Interventie", { scope: "col" }));
      for (var year = 1; year <= rules.jaren; year++) {
        var th = element("th", "MTVP-jaar " + year, { scope: "col" });
        head.appendChild(th);
        yearHeads.push([th, year]);
      }
      head.appendChild(element("th", "Onderbouwing van een verdieping", { scope: "col" }));
      var body = table.createTBody();
      items.forEach(function (item) {
        var row = body.insertRow();
        row.appendChild(element("th", item.naam + (item.status === "verplicht" ? " (verplicht)" : ""), { scope: "row" }));
        selects[item.key] = {};
        peopleFields[item.key] = {};
        staffFields[item.key] = {};
        for (var y = 1; y <= rules.jaren; y++) {
          var cell = row.insertCell();
          var select = element("select", null, { "data-key": item.key, "data-jaar": String(y) });
          yearCells.push([cell, select, item, y]);
          select.appendChild(element("option", "—", { value: "" }));
          select.appendChild(element("option", "uitvoeren", { value: "actief" }));
          if (y > 1) select.appendChild(element("option", "verdiepen", { value: "verdieping" }));
          select.addEventListener("change", update);
          cell.appendChild(select);
          selects[item.key][y] = select;
          var note = yearNotes[item.aard];
          if (note) {
            var input = element("input", null, {
              type: "text", "class": "planbouwer-deelnemers", "data-key": item.key, "data-jaar": String(y),
              "aria-label": note.label(item.naam, y), placeholder: note.placeholder
            });
            input.addEventListener("input", update);
            cell.appendChild(input);
            note.fields[item.key][y] = input;
          }
        }
        var reasonCell = row.insertCell();
        reasonCell.setAttribute("data-label", "Onderbouwing van een verdieping");
        var reason = element("textarea", null, { rows: "2", "aria-label": "Onderbouwing van de verdieping van " + item.naam, "data-key": item.key });
        reason.addEventListener("input", update);
        reasonCell.appendChild(reason);
        reasonFields[item.key] = reason;
      });
      (outside ? extras : form).appendChild(table);
    }); });
    form.appendChild(extras);

    rules.onderdelen.filter(function (part) { return part.soort === "interventies-met-plan"; }).forEach(function (part) {
      var table = element("table", null, { "class": "planbouwer-table planbouwer-aanpak" });
      table.appendChild(element("caption", part.titel));
      var head = table.createTHead().insertRow();
      head.appendChild(element("th", "Interventie", { scope: "col" }));
      part.kolommen.forEach(function (column) { head.appendChild(element("th", column, { scope: "col" })); });
      var body = table.createTBody();
      partFields[part.id] = {};
      rules.interventies.forEach(function (item) {
        var row = body.insertRow();
        row.hidden = true;
        row.appendChild(element("th", item.naam, { scope: "row" }));
        partFields[part.id][item.key] = part.kolommen.map(function (column) {
          var cell = row.insertCell();
          cell.setAttribute("data-label", column);
          var area = element("textarea", null, { rows: "2", "aria-label": column + " bij " + item.naam });
          area.addEventListener("input", update);
          cell.appendChild(area);
          return area;
        });
        partRows.push([row, item.key]);
      });
      var empty = element("p", "Kies eerst interventies; per gekozen interventie vraagt de regio hier: " + part.kolommen.join(", ") + ".",
        { "class": "planbouwer-noot" });
      perIntervention.push([table, empty]);
      if (part.toelichting) form.appendChild(element("p", part.toelichting, { "class": "planbouwer-noot" }));
      form.appendChild(table);
      form.appendChild(empty);
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
    // The browser's own file picker would speak the browser's language ("Choose File"): it is
    // hidden, and a Dutch label works as its button; the chosen file's name is shown beside it.
    var importWrap = element("span", null, { "class": "planbouwer-file" });
    var importInput = element("input", null, { type: "file", id: "plan-bestand", accept: "application/json,.json" });
    var importLabel = element("label", "Opgeslagen plan openen", { "for": "plan-bestand", "class": "md-button" });
    var importName = element("span", " Geen bestand gekozen", { "class": "planbouwer-bestandsnaam", "aria-live": "polite" });
    var importErrors = element("div", null, { "class": "planbouwer-fouten", role: "alert" });
    importInput.addEventListener("change", function () {
      if (!importInput.files.length) return;
      importName.textContent = " " + importInput.files[0].name;
      importInput.files[0].text().then(function (text) { open(text); });
    });
    importWrap.appendChild(importInput);
    importWrap.appendChild(importLabel);
    importWrap.appendChild(importName);
    // What the practice types stays in this browser on this device (localStorage, as the site's
    // own settings do), so a reload loses nothing; nothing is sent anywhere. This button forgets it.
    var storageKey = "regioplan.planbouwer." + rules.regio;
    var clearButton = element("button", "Plan op dit apparaat wissen", { type: "button", "class": "md-button" });
    clearButton.addEventListener("click", function () {
      try { window.localStorage.removeItem(storageKey); } catch (error) { /* storage switched off */ }
      load({ keuzes: {} });
      try { window.localStorage.removeItem(storageKey); } catch (error) { /* storage switched off */ }
    });
    buttons.appendChild(printButton);
    buttons.appendChild(document.createTextNode(" "));
    buttons.appendChild(exportButton);
    buttons.appendChild(document.createTextNode(" "));
    buttons.appendChild(importWrap);
    buttons.appendChild(document.createTextNode(" "));
    buttons.appendChild(clearButton);
    form.appendChild(buttons);
    form.appendChild(importErrors);
    form.appendChild(element("p", "Wat u invult, bewaart de browser alleen op dit apparaat, tot u het wist; het wordt nergens heen gestuurd. " +
      "Sla het plan op als bestand om het te bewaren of in te dienen.", { "class": "planbouwer-noot" }));

    var result = element("div", null, { "class": "planbouwer-result", "aria-live": "polite" });
    // What printing gives: the chosen plan as a document, without controls (see extra.css).
    var printed = element("div", null, { "class": "planbouwer-print" });
    root.appendChild(form);
    root.appendChild(element("h2", "Toetsing van uw plan", { id: "toetsing-van-uw-plan" }));
    root.appendChild(result);
    root.appendChild(printed);

    function label(year) { return yearLabel(calendar, parseStart(startSelect.value), year); }

    function relabel() {
      yearHeads.forEach(function (pair) { pair[0].textContent = label(pair[1]); });
      yearCells.forEach(function (entry) {
        entry[0].setAttribute("data-label", label(entry[3]));  // shown above the control on a phone
        entry[1].setAttribute("aria-label", entry[2].naam + ", " + label(entry[3]));
      });
    }

    function currentPlan() {
      var plan = {
        formaat: rules.formaat, regio: rules.regio, praktijk: practice.value, agb: agb.value, contactpersoon: contact.value,
        datum: isoDate(date.value), start: startSelect.value || null,
        keuzes: {}, onderbouwingen: {}, deelnemers: {}, personeel: {}, intervisie: intervisie ? intervisie.checked : false
      };
      Object.keys(selects).forEach(function (key) {
        Object.keys(selects[key]).forEach(function (year) {
          var value = selects[key][year].value;
          if (value) { plan.keuzes[key] = plan.keuzes[key] || {}; plan.keuzes[key][year] = value; }
          var field = peopleFields[key][year];
          var people = field ? field.value.split(",").map(function (p) { return p.trim(); }).filter(Boolean) : [];
          if (people.length) { plan.deelnemers[key] = plan.deelnemers[key] || {}; plan.deelnemers[key][year] = people; }
          var staff = staffFields[key][year];
          if (staff && staff.value.trim()) { plan.personeel[key] = plan.personeel[key] || {}; plan.personeel[key][year] = staff.value.trim(); }
        });
        if (reasonFields[key].value.trim()) plan.onderbouwingen[key] = reasonFields[key].value;
      });
      var parts = {};
      rules.onderdelen.forEach(function (part) {
        var field = partFields[part.id];
        if (part.soort === "keuze") { if (field.checked) parts[part.id] = true; return; }
        if (part.soort === "tekst") { if (field.value.trim()) parts[part.id] = field.value; return; }
        var chosen = {};
        Object.keys(field).forEach(function (key) {
          var texts = field[key].map(function (area) { return area.value; });
          if (plan.keuzes[key] && texts.some(function (text) { return text.trim(); })) chosen[key] = texts;
        });
        if (Object.keys(chosen).length) parts[part.id] = chosen;
      });
      if (Object.keys(parts).length) plan.onderdelen = parts;
      return plan;
    }

    function open(text) {
      importErrors.textContent = "";
      var raw, problems;
      try { raw = JSON.parse(text); } catch (error) { raw = undefined; problems = ["Dit bestand is geen planbestand (geen geldige JSON). Sla het plan opnieuw op vanuit de planbouwer."]; }
      if (!problems) problems = validatePlan(raw, rules);
      if (problems.length) {
        importErrors.appendChild(element("p", "Dit plan kan niet worden geopend:"));
        var list = element("ul");
        problems.forEach(function (problem) { list.appendChild(element("li", problem)); });
        importErrors.appendChild(list);
        return;
      }
      load(raw);
    }

    function load(plan) {
      practice.value = plan.praktijk || "";
      agb.value = plan.agb || "";
      contact.value = plan.contactpersoon || "";
      date.value = dutchDate(plan.datum || "");
      startSelect.value = plan.start || "";
      if (startSelect.value !== (plan.start || "")) startSelect.value = "";  // a start this region's list does not have
      relabel();
      Object.keys(selects).forEach(function (key) {
        Object.keys(selects[key]).forEach(function (year) {
          var value = (plan.keuzes && plan.keuzes[key] && plan.keuzes[key][year]) || "";
          selects[key][year].value = STATES.indexOf(value) >= 0 ? value : "";
          var field = peopleFields[key][year];
          if (field) field.value = ((plan.deelnemers && plan.deelnemers[key] && plan.deelnemers[key][year]) || []).join(", ");
          var staff = staffFields[key][year];
          if (staff) staff.value = (plan.personeel && plan.personeel[key] && plan.personeel[key][year]) || "";
        });
        reasonFields[key].value = (plan.onderbouwingen && plan.onderbouwingen[key]) || "";
      });
      if (intervisie) intervisie.checked = !!plan.intervisie;
      var parts = plan.onderdelen || {};
      rules.onderdelen.forEach(function (part) {
        var field = partFields[part.id], answer = parts[part.id];
        if (part.soort === "keuze") field.checked = answer === true;
        else if (part.soort === "tekst") field.value = typeof answer === "string" ? answer : "";
        else Object.keys(field).forEach(function (key) {
          var texts = (answer && answer[key]) || [];
          field[key].forEach(function (area, index) { area.value = texts[index] || ""; });
        });
      });
      update();
    }

    function printable(plan, verdicts, summary) {
      printed.textContent = "";
      printed.appendChild(element("h2", "Praktijkplan MTVP · " + rules.regionaam));
      [["Praktijk", plan.praktijk], ["AGB-code", plan.agb], ["Contactpersoon", plan.contactpersoon], ["Datum", dutchDate(plan.datum)],
        ["Begonnen met MTVP", plan.start ? startSelect.options[startSelect.selectedIndex].textContent : ""]].forEach(function (pair) {
        printed.appendChild(element("p", pair[0] + ": " + (pair[1] || "niet ingevuld"), { "class": "planbouwer-gegeven" }));
      });
      var parts = plan.onderdelen || {};
      rules.onderdelen.forEach(function (part) {
        var answer = parts[part.id];
        if (part.soort === "keuze") { printed.appendChild(element("p", part.titel + ": " + (answer ? "ja" : "niet aangevinkt"))); return; }
        printed.appendChild(element("h3", part.titel));
        if (part.soort === "tekst") { printed.appendChild(element("p", answer || "niet ingevuld")); return; }
        var list = element("ul");
        Object.keys(answer || {}).forEach(function (key) {
          var item = rules.interventies.filter(function (i) { return i.key === key; })[0];
          list.appendChild(element("li", item.naam + ": " + part.kolommen.map(function (column, index) {
            return column + ": " + ((answer[key][index] || "").trim() || "niet ingevuld");
          }).join("; ")));
        });
        printed.appendChild(list.children.length ? list : element("p", "niet ingevuld"));
      });
      var years = [];
      Object.keys(plan.keuzes).forEach(function (key) {
        Object.keys(plan.keuzes[key]).forEach(function (year) { if (years.indexOf(+year) < 0) years.push(+year); });
      });
      years.sort(function (a, b) { return a - b; });
      if (!years.length) printed.appendChild(element("p", "Nog geen interventies gekozen."));
      var names = {};
      rules.interventies.forEach(function (item) { names[item.key] = item.naam; });
      years.forEach(function (year) {
        printed.appendChild(element("h3", label(year)));
        var list = element("ul");
        Object.keys(plan.keuzes).forEach(function (key) {
          var state = plan.keuzes[key][year];
          if (!state) return;
          var people = plan.deelnemers[key] && plan.deelnemers[key][year];
          var staff = plan.personeel[key] && plan.personeel[key][year];
          list.appendChild(element("li", names[key] + " (" + (state === "verdieping" ? "verdiepen" : "uitvoeren") + ")" +
            (people ? "; volgt: " + people.join(", ") : "") + (staff ? "; personeel: " + staff : "")));
        });
        printed.appendChild(list);
      });
      var reasons = Object.keys(plan.onderbouwingen);
      if (reasons.length) {
        printed.appendChild(element("h3", "Onderbouwing van verdiepingen"));
        var reasonList = element("ul");
        reasons.forEach(function (key) { reasonList.appendChild(element("li", names[key] + ": " + plan.onderbouwingen[key])); });
        printed.appendChild(reasonList);
      }
      if (rules.intervisie) printed.appendChild(element("p", plan.intervisie ? "De praktijk neemt deel aan de intervisie." : "Deelname aan de intervisie: niet aangevinkt."));
      printed.appendChild(element("h3", "Toetsing"));
      printed.appendChild(element("p", summary));
      var open = verdicts.filter(function (v) { return v.uitkomst !== "voldoet"; });
      if (open.length) {
        var openList = element("ul");
        open.forEach(function (v) { openList.appendChild(element("li", label(v.jaar) + ": " + SYMBOLS[v.uitkomst] + " " + v.melding)); });
        printed.appendChild(openList);
      }
    }

    function update() {
      var plan = currentPlan();
      try { window.localStorage.setItem(storageKey, JSON.stringify(plan)); } catch (error) { /* storage full or switched off */ }
      var verdicts = checkPlan(rules, plan);
      result.textContent = "";
      partRows.forEach(function (pair) { pair[0].hidden = !plan.keuzes[pair[1]]; });
      perIntervention.forEach(function (pair) {
        var any = Object.keys(plan.keuzes).length > 0;
        pair[0].hidden = !any;
        pair[1].hidden = any;
      });
      var summary = toets.summary(rules, plan, verdicts).tekst.join(" ");
      result.appendChild(element("p", summary, { "class": "planbouwer-summary" }));
      var notes = toets.planNotes(rules, plan);
      if (notes.length) {
        var noteList = element("ul", null, { "class": "planbouwer-notities" });
        notes.forEach(function (note) { noteList.appendChild(element("li", note)); });
        result.appendChild(noteList);
      }
      printable(plan, verdicts, summary);
      var years = [];
      verdicts.forEach(function (v) { if (years.indexOf(v.jaar) < 0) years.push(v.jaar); });
      years.forEach(function (year) {
        result.appendChild(element("h3", label(year)));
        var list = element("ul", null, { "class": "planbouwer-verdicts" });
        verdicts.filter(function (v) { return v.jaar === year; }).forEach(function (v) {
          list.appendChild(element("li", SYMBOLS[v.uitkomst] + " " + v.melding, {
            "data-rule": v.id, "data-jaar": String(v.jaar), "data-uitkomst": v.uitkomst, "class": "uitkomst-" + v.uitkomst.replace(/ /g, "-")
          }));
        });
        result.appendChild(list);
      });
    }

    root.hidden = false;
    var fallback = document.querySelector(".planbouwer-zonder-script");
    if (fallback) fallback.hidden = true;
    window.regioplanLoadPlan = load;  // for tests and for opening a saved plan programmatically
    window.regioplanOpenPlan = open;  // the same path as the file input, from text
    relabel();
    var kept = null;
    try { kept = JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (error) { kept = null; }
    if (kept && !validatePlan(kept, rules).length) load(kept);
    else update();
  }

  function start() {
    var root = document.getElementById("planbouwer");
    if (root) builder(root);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
