/* The plan check: a practice plan's verdicts from a region's rules, and a practice's years on the
 * calendar. The one implementation: the plan builder runs it in the reader's browser
 * (javascripts/plantoets.js, loaded before planbouwer.js), and `regioplan check-plan`, `monitor`
 * and `fill-plan` run the same file in V8 through mini-racer (generator/plancheck.py). The rules
 * come as data (generator/planrules.py compiles them per region); one function per rule kind in
 * `KINDS`. It touches no page: no DOM, no window, nothing but its arguments.
 *
 * A plan says, per intervention and per MTVP year, whether the practice runs it ("actief") or
 * develops it further ("verdieping", with a justification), and per training who follows it.
 * New in year Y = active in Y and not before; deepened = "verdieping" in Y after an earlier year.
 * Every verdict has one of three outcomes; a rule that does not apply gives no verdict; a rule the
 * region's offer cannot satisfy is a gap in the regioplan ("niet te beoordelen"), never the
 * practice's failure. */
(function (exports) {
  "use strict";

  var STATES = ["actief", "verdieping"];
  var OUTCOME_ORDER = ["voldoet niet", "niet te beoordelen", "voldoet"];
  var SYMBOLS = { "voldoet": "✓", "voldoet niet": "✗", "niet te beoordelen": "–" };
  var COUNTING = ["nieuw", "actief", "nieuw-of-verdieping", "continueren", "keuze"];

  function sentence(text) { return text.charAt(0).toUpperCase() + text.slice(1) + "."; }
  function options(count) { return count + (count === 1 ? " optie" : " opties"); }
  function points(count) { return count + (count === 1 ? " punt" : " punten"); }

  /* A practice's MTVP years and the calendar. MTVP year 1 starts in the quarter the practice
   * joined ("2024-K1"); each MTVP year is twelve months from there. Regions count their form's
   * columns one of two ways (the region file's `praktijkplan.jaarkolommen`): per MTVP year
   * (column n is the practice's year n; its months follow from the start: "2024" for a start on
   * 1 January, "apr 2024 – mrt 2025" for one on 1 April), or per calendar year (calendar year Y
   * is MTVP year Y − start year + 1, as a region that moved to a calendar-year cycle counts:
   * Eemland's 2026 is "jaar 4" for the practices that began in 2023). Plan files keep choices
   * per MTVP year, since the rules are per MTVP year. */
  var SHORT_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"];
  var QUARTER_MONTHS = ["januari", "april", "juli", "oktober"];
  function parseStart(text) {
    var match = /^(\d{4})-K([1-4])$/.exec(text || "");
    return match ? { year: parseInt(match[1], 10), quarter: parseInt(match[2], 10) } : null;
  }
  /* The MTVP year a calendar year counts as (0 or less: before the practice began), and back. */
  function mtvpYear(start, calendarYear) { return calendarYear - start.year + 1; }
  function calendarYear(start, year) { return start.year + year - 1; }
  /* The months of an MTVP year: "2024", or "apr 2024 – mrt 2025" after a later start. */
  function span(start, year) {
    var first = calendarYear(start, year);
    if (start.quarter === 1) return String(first);
    var month = (start.quarter - 1) * 3;
    return SHORT_MONTHS[month] + " " + first + " – " + SHORT_MONTHS[month - 1] + " " + (first + 1);
  }
  /* "2024-K2" -> "2e kwartaal 2024 (vanaf 1 april)". */
  function quarterLabel(text) {
    var start = parseStart(text);
    return start ? start.quarter + "e kwartaal " + start.year + " (vanaf 1 " + QUARTER_MONTHS[start.quarter - 1] + ")" : text;
  }
  /* "2026 · MTVP-jaar 3 (overgangsjaar)", or "MTVP-jaar 3" while the start is not known. */
  function yearLabel(calendar, start, year) {
    if (!start) return "MTVP-jaar " + year;
    var inCalendar = calendarYear(start, year);
    var label = (calendar.per_kalenderjaar ? String(inCalendar) : span(start, year)) + " · MTVP-jaar " + year;
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

  exports.regioplanToets = {
    checkPlan: checkPlan, yearLabel: yearLabel, parseStart: parseStart, span: span, quarterLabel: quarterLabel,
    mtvpYear: mtvpYear, calendarYear: calendarYear, points: points,
    STATES: STATES, OUTCOME_ORDER: OUTCOME_ORDER, SYMBOLS: SYMBOLS, KINDS: Object.keys(KINDS), COUNTING: COUNTING
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
