/* The plan builder: a practice ticks interventions per year and sees at once which rules its
 * plan meets. `checkPlan` mirrors check_plan in generator/planrules.py: the same rules
 * (generated at build time, embedded in the page), one function per rule kind in a table
 * (`KINDS`, in the same order as the Python table), the same three outcomes and the same
 * words; shared test cases run through both. Data text is only ever set with textContent. */
(function () {
  "use strict";

  var STATES = ["actief", "verdieping"];
  var OUTCOME_ORDER = ["voldoet niet", "niet te beoordelen", "voldoet"];
  var SYMBOLS = { "voldoet": "✓", "voldoet niet": "✗", "niet te beoordelen": "–" };
  var COUNTING = ["nieuw", "actief", "nieuw-of-verdieping", "continueren", "keuze"];

  function sentence(text) { return text.charAt(0).toUpperCase() + text.slice(1) + "."; }
  function options(count) { return count + (count === 1 ? " optie" : " opties"); }
  function points(count) { return count + (count === 1 ? " punt" : " punten"); }

  /* A practice's MTVP years and the calendar, as generator/practiceyear.py: MTVP year 1 starts in
   * the quarter the practice began ("2024-K1"); calendar year Y is MTVP year Y - start year + 1. */
  var SHORT_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
  function parseStart(text) {
    var match = /^(\d{4})-K([1-4])$/.exec(text || "");
    return match ? { year: parseInt(match[1], 10), quarter: parseInt(match[2], 10) } : null;
  }
  function span(start, year) {
    var first = start.year + year - 1;
    if (start.quarter === 1) return String(first);
    var month = (start.quarter - 1) * 3;
    return SHORT_MONTHS[month] + " " + first + " – " + SHORT_MONTHS[month - 1] + " " + (first + 1);
  }
  /* "2026 · MTVP-jaar 3 (overgangsjaar)", or "MTVP-jaar 3" while the start is not known. */
  function yearLabel(calendar, start, year) {
    if (!start) return "MTVP-jaar " + year;
    var label = (calendar.per_kalenderjaar ? String(start.year + year - 1) : span(start, year)) + " · MTVP-jaar " + year;
    var inCalendar = start.year + year - 1;
    if (calendar.overgangsjaar && calendar.per_kalenderjaar && inCalendar === calendar.overgangsjaar.jaar) label += " (overgangsjaar)";
    if (calendar.per_kalenderjaar && inCalendar < calendar.planjaren[0]) label += " (vóór dit plan)";
    return label;
  }

  function Plan(rules, plan) {
    var self = this;
    this.rules = rules;
    this.known = {};
    rules.interventies.forEach(function (item) { self.known[item.key] = item; });
    this.keys = rules.interventies.map(function (item) { return item.key; });
    this.choices = {};
    Object.keys(plan.keuzes || {}).forEach(function (key) {
      if (!self.known[key]) return;
      self.choices[key] = {};
      Object.keys(plan.keuzes[key]).forEach(function (year) { self.choices[key][parseInt(year, 10)] = plan.keuzes[key][year]; });
    });
    this.reasons = plan.onderbouwingen || {};
    this.people = {};
    Object.keys(plan.deelnemers || {}).forEach(function (key) {
      self.people[key] = {};
      Object.keys(plan.deelnemers[key]).forEach(function (year) { self.people[key][parseInt(year, 10)] = plan.deelnemers[key][year]; });
    });
    this.staff = {};
    Object.keys(plan.personeel || {}).forEach(function (key) {
      self.staff[key] = {};
      Object.keys(plan.personeel[key]).forEach(function (year) { self.staff[key][parseInt(year, 10)] = plan.personeel[key][year]; });
    });
    this.intervisie = !!plan.intervisie;
  }
  Plan.prototype.active = function (key, year) { return !!(this.choices[key] && this.choices[key][year]); };
  Plan.prototype.before = function (key, year) { for (var y = 1; y < year; y++) { if (this.active(key, y)) return true; } return false; };
  Plan.prototype.isNew = function (key, year) { return this.active(key, year) && !this.before(key, year); };
  Plan.prototype.deepened = function (key, year) { return !!(this.choices[key] && this.choices[key][year] === "verdieping") && this.before(key, year); };
  Plan.prototype.scope = function (rule) {
    var known = this.known;
    return this.keys.filter(function (k) { return rule.kernelementen.indexOf(known[k].kernelement) >= 0 || rule.interventies.indexOf(known[k].interventie) >= 0; });
  };
  Plan.prototype.names = function (keys) { var known = this.known; return keys.map(function (k) { return known[k].naam; }).join(", ") || "geen"; };
  Plan.prototype.label = function (rule) {
    var rules = this.rules;
    if (rule.kernelementen.length) return rule.kernelementen.map(function (k) { return rules.kernelementen[k]; }).join(" of ");
    return rule.interventies.map(function (id) {
      for (var i = 0; i < rules.interventies.length; i++) { if (rules.interventies[i].interventie === id) return rules.interventies[i].naam; }
      return id;
    }).join(", ");
  };
  Plan.prototype.capacity = function (rule) {
    var offer = this.rules.aanbod;
    var named = 0, unnamed = false;
    rule.kernelementen.forEach(function (k) { named += offer[k].genoemd; unnamed = unnamed || offer[k].ongenoemd; });
    this.rules.interventies.forEach(function (i) { if (rule.interventies.indexOf(i.interventie) >= 0) named += 1; });
    return [named, unnamed];
  };

  function count(plan, rule, found, counted) {
    if (found.length >= rule.minimaal) return ["voldoet", counted + ": " + plan.names(found) + "."];
    var capacity = plan.capacity(rule), offered = capacity[0];
    if (offered < rule.nodig) {
      if (capacity[1]) {
        return ["niet te beoordelen", "Het regioplan noemt hier " + options(offered) + " bij naam en zegt dat er meer zijn; vraag de RHO welke u kunt kiezen."];
      }
      return ["niet te beoordelen", "Het regioplan biedt hier " + options(offered) + " (" + plan.names(plan.scope(rule)) + "): te weinig keuze om dit te halen. " +
        "Dat ligt aan het regioplan, niet aan uw plan; overleg met de RHO."];
    }
    return ["voldoet niet", counted + ": " + plan.names(found) + "."];
  }

  // One function per rule kind, in the same order as KINDS in generator/planrules.py. A function
  // returns [outcome, message] or null when the rule does not apply to this plan in this year.
  var KINDS = {
    "nieuw": function (plan, rule, year) {
      return count(plan, rule, plan.scope(rule).filter(function (k) { return plan.isNew(k, year); }), "Nieuw in dit jaar");
    },
    "actief": function (plan, rule, year) {
      return count(plan, rule, plan.scope(rule).filter(function (k) { return plan.active(k, year); }), "Uitgevoerd in dit jaar");
    },
    "nieuw-of-verdieping": function (plan, rule, year) {
      var found = plan.scope(rule).filter(function (k) { return plan.isNew(k, year) || plan.deepened(k, year); });
      return count(plan, rule, found, "Nieuw of verdiept in dit jaar");
    },
    "continueren": function (plan, rule, year) {
      var found = plan.scope(rule).filter(function (k) { return plan.active(k, year) && plan.before(k, year); });
      var result = count(plan, rule, found, "Voortgezet uit een eerder jaar");
      if (result[0] === "voldoet niet") {
        result[1] += " Kies bij de interventie uit een eerder jaar 'verdiepen' (met onderbouwing), " +
          "of laat teamleden die haar nog niet volgden de training doen.";
      }
      return result;
    },
    "keuze": function (plan, rule, year) {
      var all = [], found = [];
      rule.kernelementen.forEach(function (kernel) {
        var mine = plan.keys.filter(function (x) { return plan.known[x].kernelement === kernel && (plan.isNew(x, year) || plan.deepened(x, year)); });
        if (mine.length > found.length) found = mine;
        all = all.concat(mine);
      });
      if (found.length >= rule.minimaal) return ["voldoet", "Nieuw of verdiept in dit jaar: " + plan.names(found) + "."];
      return ["voldoet niet", "Nieuw of verdiept in dit jaar: " + plan.names(all) + "."];
    },
    "verplicht": function (plan, rule, year) {
      var years = [];
      if (rule.uiterlijk) { for (var y = 1; y <= year; y++) years.push(y); } else { years = [year]; }
      var missing = rule.interventies.filter(function (id) {
        return !plan.keys.some(function (k) { return plan.known[k].interventie === id && years.some(function (y) { return plan.active(k, y); }); });
      });
      var unoffered = missing.filter(function (id) { return !plan.keys.some(function (k) { return plan.known[k].interventie === id; }); });
      var offeredMissing = missing.filter(function (id) { return unoffered.indexOf(id) < 0; });
      var parts = [];
      if (offeredMissing.length) parts.push("voer uit: " + plan.label({ kernelementen: [], interventies: offeredMissing }));
      if (rule.intervisie && !plan.intervisie) parts.push("neem deel aan de intervisie");
      if (parts.length) return ["voldoet niet", sentence(parts.join("; "))];
      if (unoffered.length) return ["niet te beoordelen", "Het regioplan biedt " + unoffered.join(", ") + " niet aan; overleg met de RHO."];
      var done = (rule.interventies.length ? ["de verplichte interventies zijn gekozen"] : [])
        .concat(rule.intervisie ? ["de praktijk neemt deel aan de intervisie"] : []);
      return ["voldoet", sentence(done.join(" en "))];
    },
    "nooit-enige": function (plan, rule, year) {
      var running = plan.keys.filter(function (k) { return plan.active(k, year); });
      var mine = running.filter(function (k) { return rule.kernelementen.indexOf(plan.known[k].kernelement) >= 0; });
      if (!mine.length) return null;
      if (mine.length === running.length) return ["voldoet niet", "Kies ook een interventie uit een ander kernelement (nu alleen: " + plan.names(mine) + ")."];
      return ["voldoet", "Ook gekozen: " + plan.names(running.filter(function (k) { return mine.indexOf(k) < 0; })) + "."];
    },
    "verdieping-onderbouwen": function (plan, rule, year) {
      var deepened = plan.keys.filter(function (k) { return plan.choices[k] && plan.choices[k][year] === "verdieping"; });
      if (!deepened.length) return null;
      var lacking = deepened.filter(function (k) { return !String(plan.reasons[k] || "").trim(); });
      if (lacking.length) return ["voldoet niet", "Schrijf een onderbouwing bij: " + plan.names(lacking) + "."];
      return ["voldoet", "Onderbouwd: " + plan.names(deepened) + "."];
    },
    "geen-verdieping": function (plan, rule, year) {
      var wrong = plan.keys.filter(function (k) { return plan.deepened(k, year) && plan.known[k].aard === rule.aard; });
      if (!wrong.length) return null;
      return ["niet te beoordelen", "Een ICT-aanpassing die volledig is ingevoerd, telt volgens de leidraad niet als verdieping (" + plan.names(wrong) + "). " +
        "Bespreek met de RHO of deze verdieping telt, of kies een nieuwe interventie."];
    },
    "eenmalig-per-zorgverlener": function (plan, rule, year) {
      var repeated = plan.keys.filter(function (k) {
        return plan.known[k].aard === rule.aard && plan.choices[k] && plan.choices[k][year] === "actief" && plan.before(k, year);
      });
      if (!repeated.length) return null;
      var problems = [];
      repeated.forEach(function (key) {
        var people = plan.people[key] || {};
        var now = (people[year] || []).map(function (p) { return p.trim(); }).filter(Boolean);
        var earlier = [];
        Object.keys(people).forEach(function (y) {
          if (parseInt(y, 10) < year) people[y].forEach(function (p) { earlier.push(p.trim().toLowerCase()); });
        });
        var name = plan.known[key].naam;
        var again = now.filter(function (p) { return earlier.indexOf(p.toLowerCase()) >= 0; });
        if (!now.length) problems.push("zeg wie " + name + " dit jaar volgt");
        else if (again.length) problems.push(name + " is al eerder gevolgd door: " + again.join(", "));
      });
      if (problems.length) {
        return ["voldoet niet", sentence(problems.join("; ")) +
          " Een training telt één jaar per zorgverlener: alleen teamleden die haar nog niet volgden, mogen haar nu volgen." +
          " Gaan dezelfde mensen verder, kies dan 'verdiepen' (nascholing of vervolg, met onderbouwing)."];
      }
      return ["voldoet", "Andere teamleden volgen: " + plan.names(repeated) + "."];
    },
    "geen-herhaling": function (plan, rule, year) {
      // Trainings are left to the training rule: other team members may follow one again later.
      var wrong = plan.keys.filter(function (k) {
        return plan.known[k].aard !== "training" && plan.active(k, year) && !plan.active(k, year - 1) &&
          plan.before(k, year - 1) && !plan.deepened(k, year);
      });
      if (!wrong.length) return null;
      return ["voldoet niet", "Een eerder ingevoerde interventie komt alleen terug als aantoonbare verdieping (" + plan.names(wrong) + ")."];
    },
    "personeel-onderbouwen": function (plan, rule, year) {
      var running = plan.keys.filter(function (k) { return plan.known[k].aard === rule.aard && plan.active(k, year); });
      if (!running.length) return null;
      var lacking = running.filter(function (k) { return !String((plan.staff[k] || {})[year] || "").trim(); });
      if (lacking.length) return ["voldoet niet", "Schrijf bij " + plan.names(lacking) + " welk personeel de praktijk inzet en hoeveel uren."];
      return ["voldoet", "Onderbouwd: " + plan.names(running) + "."];
    }
  };

  function applies(rule, year) {
    if (rule.uiterlijk) return year === rule.jaar;
    return year === rule.jaar || (rule.en_verder && year > rule.jaar);
  }

  function checkPlan(rules, input) {
    var plan = new Plan(rules, input);
    // Judged through the last year the plan fills in, and at least through the years the rules name.
    var last = rules.basisjaren;
    Object.keys(plan.choices).forEach(function (key) {
      Object.keys(plan.choices[key]).forEach(function (year) { last = Math.max(last, parseInt(year, 10)); });
    });
    var verdicts = [];
    rules.regels.forEach(function (rule) {
      for (var year = 1; year <= last; year++) {
        if (!applies(rule, year)) continue;
        var result = KINDS[rule.soort](plan, rule, year);
        if (!result) continue;
        var message = COUNTING.indexOf(rule.soort) >= 0 ? plan.label(rule) + ": " + rule.eis + " " + result[1] : rule.eis + " — " + result[1];
        if (rule.afgeleid && result[0] !== "voldoet") message += " (Indicatief: deze regel is afgeleid uit regioplannen, niet gelezen in de leidraad.)";
        verdicts.push({ id: rule.id, jaar: year, uitkomst: result[0], melding: message, herkomst: rule.herkomst });
      }
    });
    return verdicts
      .map(function (v, i) { return [v, i]; })
      .sort(function (a, b) {
        return (a[0].jaar - b[0].jaar) || (OUTCOME_ORDER.indexOf(a[0].uitkomst) - OUTCOME_ORDER.indexOf(b[0].uitkomst)) || (a[1] - b[1]);
      })
      .map(function (pair) { return pair[0]; });
  }

  /* The structural checks of validate_plan in generator/planrules.py, for a file a practice
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
    var fields = ["formaat", "regio", "praktijk", "keuzes", "onderbouwingen", "deelnemers", "intervisie", "agb", "contactpersoon", "datum", "start", "personeel"];
    Object.keys(raw).forEach(function (name) { if (fields.indexOf(name) < 0) problems.push("$." + name + ": onbekend veld"); });
    var known = {};
    rules.interventies.forEach(function (item) { known[item.key] = true; });
    ["keuzes", "onderbouwingen", "deelnemers", "personeel"].forEach(function (field) {
      if (raw[field] === undefined) return;
      if (!isObject(raw[field])) { problems.push("$." + field + ": moet een blok met velden zijn"); return; }
      Object.keys(raw[field]).forEach(function (key) {
        var path = jsonPath([field, key]);
        var value = raw[field][key];
        if (!known[key]) problems.push(path + ": hoort niet bij het aanbod van " + rules.regionaam);
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
    var date = textField("plan-datum", "Datum", { type: "date" });
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
      var months = ["januari", "april", "juli", "oktober"];
      for (var startYear = calendar.startjaren[0]; startYear <= calendar.startjaren[1]; startYear++) {
        for (var quarter = 1; quarter <= 4; quarter++) {
          startSelect.appendChild(element("option", quarter + "e kwartaal " + startYear + " (vanaf 1 " + months[quarter - 1] + ")", { value: startYear + "-K" + quarter }));
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
    Object.keys(rules.kernelementen).forEach(function (kernel) {
      var items = rules.interventies.filter(function (item) { return item.kernelement === kernel; });
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
    buttons.appendChild(printButton);
    buttons.appendChild(document.createTextNode(" "));
    buttons.appendChild(exportButton);
    buttons.appendChild(document.createTextNode(" "));
    buttons.appendChild(importWrap);
    form.appendChild(buttons);
    form.appendChild(importErrors);

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
        datum: date.value, start: startSelect.value || null,
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
      date.value = plan.datum || "";
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
      update();
    }

    function printable(plan, verdicts, summary) {
      printed.textContent = "";
      printed.appendChild(element("h2", "Praktijkplan MTVP · " + rules.regionaam));
      [["Praktijk", plan.praktijk], ["AGB-code", plan.agb], ["Contactpersoon", plan.contactpersoon], ["Datum", plan.datum],
        ["Begonnen met MTVP", plan.start ? startSelect.options[startSelect.selectedIndex].textContent : ""]].forEach(function (pair) {
        printed.appendChild(element("p", pair[0] + ": " + (pair[1] || "niet ingevuld"), { "class": "planbouwer-gegeven" }));
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
      var verdicts = checkPlan(rules, plan);
      result.textContent = "";
      var failed = verdicts.filter(function (v) { return v.uitkomst === "voldoet niet"; }).length;
      var unknown = verdicts.filter(function (v) { return v.uitkomst === "niet te beoordelen"; }).length;
      var summary = failed ? points(failed) + " nog niet in orde." : "Uw plan voldoet aan alle regels die het kan halen.";
      if (unknown) summary += " " + points(unknown) + " niet te beoordelen: het regioplan zegt of biedt daar te weinig.";
      result.appendChild(element("p", summary, { "class": "planbouwer-summary" }));
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
