/* The plan check: a practice plan's verdicts from a region's rules, and a practice's years on the
 * calendar. The one implementation: the plan builder runs it in the reader's browser
 * (javascripts/plantoets.js, loaded before planbouwer.js), and `regioplan check-plan`, `monitor`
 * and `fill-plan` run the same file in V8 through mini-racer (generator/rules/plancheck.py). The rules
 * come as data (generator/rules/planrules.py compiles them per region); one function per rule kind in
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

  // Each plain constant is one line of JSON: generator/rules/plancheck.py reads them as text.
  var STATES = ["actief", "verdieping"];
  var OUTCOME_ORDER = ["voldoet niet", "niet te beoordelen", "voldoet"];
  var SYMBOLS = { "voldoet": "✓", "voldoet niet": "✗", "niet te beoordelen": "–" };
  var COUNTING = ["nieuw", "actief", "nieuw-of-verdieping", "continueren", "keuze"];
  // Rules about the plan as a whole rather than a year: judged once, in its last judged year. The
  // plan's parts, and taking part in the intervisie year after year (the plan says it once).
  function oncePerPlan(rule) {
    return rule.soort === "onderdelen" || rule.soort === "intervisie" ||
      (rule.soort === "verplicht" && rule.intervisie && !rule.interventies.length && rule.en_verder);
  }

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
    this.start = parseStart(plan.start);
    this.parts = plan.onderdelen || {};
  }
  /* The calendar year MTVP year `year` begins in; null while the start is not known. */
  Plan.prototype.calendarYear = function (year) { return this.start ? calendarYear(this.start, year) : null; };
  /* Whether a year lies where the plan can be judged: in the region's plan and in a year some
   * leidraad version covers. Without a start every year can be. */
  Plan.prototype.inScope = function (year) {
    var inCalendar = this.calendarYear(year), calendar = this.rules.kalender;
    if (inCalendar === null) return true;
    return inCalendar >= calendar.toetsjaren[0] && inCalendar <= calendar.toetsjaren[1] && calendar.leidraadjaren.indexOf(inCalendar) >= 0;
  };
  /* The years the plan covers, in order: from the first year it fills in to the last (a year
   * left empty in between is still part of the plan). */
  Plan.prototype.filledYears = function () {
    var first = Infinity, last = 0, choices = this.choices;
    Object.keys(choices).forEach(function (key) {
      Object.keys(choices[key]).forEach(function (year) { first = Math.min(first, +year); last = Math.max(last, +year); });
    });
    var years = [];
    for (var year = first; year <= last; year++) years.push(year);
    return years;
  };
  /* The years the plan is judged on: those it fills in within scope; where the region asks a plan
   * per year, only the last of them (the coming year), the ones before being history. */
  Plan.prototype.judgedYears = function () {
    var self = this;
    var years = this.filledYears().filter(function (year) { return self.inScope(year); });
    return this.rules.kalender.jaarplan && years.length ? [years[years.length - 1]] : years;
  };
  /* Whether a training's followers in a year are new to it: "ja", "nee" (someone followed it
   * before), or "onbekend" (no one named). */
  Plan.prototype.newPeople = function (key, year) {
    var people = this.people[key] || {};
    var now = (people[year] || []).map(function (p) { return p.trim().toLowerCase(); }).filter(Boolean);
    if (!now.length) return "onbekend";
    var earlier = [];
    Object.keys(people).forEach(function (y) {
      if (parseInt(y, 10) < year) people[y].forEach(function (p) { earlier.push(p.trim().toLowerCase()); });
    });
    return now.some(function (p) { return earlier.indexOf(p) >= 0; }) ? "nee" : "ja";
  };
  /* Whether a rule that a training counts once per care provider judges this year. */
  Plan.prototype.onceRuleIn = function (year) {
    var plan = this;
    return this.rules.regels.some(function (rule) { return rule.soort === "eenmalig-per-zorgverlener" && applies(rule, year, plan); });
  };
  /* The chosen interventions that are not in the regioplan (leidraad v3 §5 allows them). */
  Plan.prototype.outsideRegioplan = function () {
    var known = this.known;
    return Object.keys(this.choices).filter(function (key) { return known[key].buiten_regioplan; });
  };
  Plan.prototype.active = function (key, year) { return !!(this.choices[key] && this.choices[key][year]); };
  Plan.prototype.before = function (key, year) { for (var y = 1; y < year; y++) { if (this.active(key, y)) return true; } return false; };
  Plan.prototype.isNew = function (key, year) { return this.active(key, year) && !this.before(key, year); };
  /* Deepened in a year: "verdieping" after an earlier year, with a justification (leidraad v3 §5:
   * developing an existing intervention further needs one). An unjustified deepening counts for
   * nothing; the justification rule says what is missing, so no item is both met and not met. */
  Plan.prototype.deepened = function (key, year) {
    return this.deepening(key, year) && !!String(this.reasons[key] || "").trim();
  };
  /* Marked "verdieping" after an earlier year, justified or not. */
  Plan.prototype.deepening = function (key, year) {
    return !!(this.choices[key] && this.choices[key][year] === "verdieping") && this.before(key, year);
  };
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
  /* What the region's offer holds in a rule's scope: the options it names, the number its plan
   * states (when it gives one), whether its source is complete, and how many leidraad
   * interventions outside the regioplan a practice could add there. */
  Plan.prototype.capacity = function (rule) {
    var offer = this.rules.aanbod, known = this.known;
    var result = { named: 0, stated: 0, unnumbered: false, complete: true, extra: 0 };
    rule.kernelementen.forEach(function (k) {
      result.named += offer[k].genoemd;
      result.stated = Math.max(result.stated, offer[k].gezegd || 0);
      result.unnumbered = result.unnumbered || offer[k].meer_zonder_aantal;
      result.complete = result.complete && offer[k].bron_volledig;
    });
    this.keys.forEach(function (key) {
      var item = known[key];
      var inScope = rule.kernelementen.indexOf(item.kernelement) >= 0 || rule.interventies.indexOf(item.interventie) >= 0;
      if (!inScope) return;
      if (item.buiten_regioplan) result.extra += 1;
      else if (!rule.kernelementen.length) result.named += 1;
    });
    return result;
  };

  function count(plan, rule, found, counted) {
    if (found.length >= rule.minimaal) return ["voldoet", counted + ": " + plan.names(found) + "."];
    var capacity = plan.capacity(rule);
    var tail = counted + ": " + plan.names(found) + ".";
    if (capacity.named >= rule.nodig) return ["voldoet niet", tail];
    // The regioplan names too few options here. Say what its sources say, and no more: a number
    // only where the plan gives one.
    var offered = capacity.stated > capacity.named ?
      "zegt hier " + options(capacity.stated) + " te bieden en noemt er " + capacity.named + " bij naam" :
      "noemt hier " + options(capacity.named) + " bij naam";
    // A sentence on the offer without a number (Midden-Brabant's menu card of one method) claims no
    // more options, but leaves the count open.
    if (capacity.unnumbered) offered += "; wat het verder over dit aanbod zegt, noemt geen aantal";
    var more = !capacity.complete ? " De regio is ingevoerd uit onvolledige bronnen: of zij hier meer biedt, is niet bekend." : "";
    var tooFew = capacity.unnumbered ? "of dat genoeg keuze is om dit te halen, is daaruit niet te zeggen" : "te weinig keuze om dit te halen";
    if (capacity.extra) {
      return ["voldoet niet", tail + " Het regioplan " + offered + "." + more +
        " Een andere interventie uit de leidraad mag ook; de RHO ondersteunt die niet per se, overleg met de RHO."];
    }
    return ["niet te beoordelen", "Het regioplan " + offered + " (" + plan.names(plan.scope(rule).filter(function (k) { return !plan.known[k].buiten_regioplan; })) +
      "): " + tooFew + "." + more + " Dat ligt aan het regioplan, niet aan uw plan; overleg met de RHO."];
  }

  // One function per rule kind, in the same order as KINDS in generator/rules/planrules.py. A function
  // returns [outcome, message] or null when the rule does not apply to this plan in this year.
  var KINDS = {
    "nieuw": function (plan, rule, year) {
      return count(plan, rule, plan.scope(rule).filter(function (k) { return plan.isNew(k, year); }), "Nieuw in dit jaar");
    },
    "actief": function (plan, rule, year) {
      return count(plan, rule, plan.scope(rule).filter(function (k) { return plan.active(k, year); }), "Uitgevoerd in dit jaar");
    },
    "nieuw-of-verdieping": function (plan, rule, year) {
      var scope = plan.scope(rule);
      var found = scope.filter(function (k) { return plan.isNew(k, year) || plan.deepened(k, year); });
      // A deepening that only lacks its justification is for the justification rule to report:
      // this rule then says nothing, rather than a second ✗ (or a ✓ for an unjustified one).
      var pending = scope.filter(function (k) { return plan.deepening(k, year) && !plan.deepened(k, year); });
      if (found.length < rule.minimaal && found.length + pending.length >= rule.minimaal) return null;
      return count(plan, rule, found, "Nieuw of verdiept in dit jaar");
    },
    "continueren": function (plan, rule, year) {
      // Continuing means developing further: deepening it (with a justification), or running it on;
      // a training only runs on when others of the team follow it: the same people following it
      // again is neither. (A plan that names no one is not held to have repeated it.) Where the
      // once-per-person rule is in force it reports a training followed again by the same
      // people, and this rule then says nothing about it.
      var scope = plan.scope(rule).filter(function (k) { return plan.active(k, year) && plan.before(k, year); });
      var found = scope.filter(function (k) { return plan.deepened(k, year) || plan.known[k].aard !== "training" || plan.newPeople(k, year) !== "nee"; });
      var pending = scope.filter(function (k) { return found.indexOf(k) < 0 && (plan.deepening(k, year) || plan.onceRuleIn(year)); });
      if (found.length < rule.minimaal && found.length + pending.length >= rule.minimaal) return null;
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
      var pending = rule.kernelementen.some(function (kernel) {
        var mine = plan.keys.filter(function (x) { return plan.known[x].kernelement === kernel && (plan.isNew(x, year) || plan.deepening(x, year)); });
        return mine.length >= rule.minimaal;
      });
      if (pending) return null;  // met once the justification is written: the justification rule says so
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
    },
    // The parts the region asks in the plan (its form's onderdelen): judged once, for the plan as a
    // whole, in its last judged year; a plan per intervention for every intervention it runs then.
    // The minimale horde's intervisie: the plan says once whether the practice takes part.
    "intervisie": function (plan, rule, year) {
      if (!plan.rules.intervisie) {
        return ["niet te beoordelen", "Het regioplan beschrijft geen intervisie; vraag de RHO aan welke intervisie de praktijk deelneemt."];
      }
      return plan.intervisie ? ["voldoet", "De praktijk neemt deel aan de intervisie."] : ["voldoet niet", "Neem deel aan de intervisie die de RHO organiseert."];
    },
    "onderdelen": function (plan, rule, year) {
      var missing = [], asked = [];
      var judged = plan.judgedYears();
      var running = plan.keys.filter(function (key) { return judged.some(function (y) { return plan.active(key, y); }); });
      plan.rules.onderdelen.forEach(function (part) {
        if (!part.verplicht) return;
        asked.push(part.titel);
        var answer = plan.parts[part.id];
        if (part.soort === "tekst" && !(typeof answer === "string" && answer.trim())) missing.push(part.titel);
        if (part.soort === "keuze" && answer !== true) missing.push(part.titel + " (aanvinken)");
        if (part.soort === "interventies-met-plan") {
          running.forEach(function (key) {
            var columns = (answer && typeof answer === "object" && answer[key]) || [];
            part.kolommen.forEach(function (column, index) {
              if (!String(columns[index] || "").trim()) missing.push(column + " bij " + plan.known[key].naam);
            });
          });
        }
      });
      if (missing.length) return ["voldoet niet", "Vul nog in: " + missing.join("; ") + "."];
      return ["voldoet", "Ingevuld: " + asked.join("; ") + "."];
    }
  };

  /* Whether a rule judges a year: its own years, and where the start is known, only the calendar
   * years its leidraad version or regioplan governs; without a start, only the rules of the
   * region's own plan and leidraad version. */
  function applies(rule, year, plan) {
    var named = rule.uiterlijk ? year === rule.jaar : year === rule.jaar || (rule.en_verder && year > rule.jaar);
    if (!named) return false;
    var inCalendar = plan.calendarYear(year);
    if (inCalendar === null) return rule.eigen;
    return !rule.kalenderjaren || (inCalendar >= rule.kalenderjaren[0] && inCalendar <= rule.kalenderjaren[1]);
  }

  function checkPlan(rules, input) {
    var plan = new Plan(rules, input);
    var verdicts = [];
    var years = plan.judgedYears();
    rules.regels.forEach(function (rule) {
      years.forEach(function (year) {
        if (!applies(rule, year, plan)) return;
        if (oncePerPlan(rule) && year !== years[years.length - 1]) return;
        var result = KINDS[rule.soort](plan, rule, year);
        if (!result) return;
        var message = COUNTING.indexOf(rule.soort) >= 0 ? plan.label(rule) + ": " + rule.eis + " " + result[1] : rule.eis + " — " + result[1];
        if (rule.afgeleid && result[0] !== "voldoet") message += " (Indicatief: deze regel is afgeleid uit regioplannen, niet gelezen in de leidraad.)";
        verdicts.push({ id: rule.id, jaar: year, uitkomst: result[0], melding: message, herkomst: rule.herkomst });
      });
    });
    return verdicts
      .map(function (v, i) { return [v, i]; })
      .sort(function (a, b) {
        return (a[0].jaar - b[0].jaar) || (OUTCOME_ORDER.indexOf(a[0].uitkomst) - OUTCOME_ORDER.indexOf(b[0].uitkomst)) || (a[1] - b[1]);
      })
      .map(function (pair) { return pair[0]; });
  }

  /* What the practice should know beside the verdicts: interventions outside the regioplan, years
   * that are not judged and why. */
  function planNotes(rules, input) {
    var plan = new Plan(rules, input);
    var notes = [];
    if (!plan.filledYears().length) return notes;  // nothing chosen yet: the summary says so
    var outside = plan.outsideRegioplan();
    if (outside.length) {
      notes.push("Niet in het regioplan: " + plan.names(outside) + ". De leidraad (versie 3, §5) laat een praktijk ook andere " +
        "interventies uit de leidraad uitvoeren; zij tellen mee voor de regels, maar ondersteuning van de RHO is niet gegarandeerd; overleg met de RHO.");
    }
    var judged = plan.judgedYears();
    var calendar = rules.kalender;
    plan.filledYears().forEach(function (year) {
      if (judged.indexOf(year) >= 0) return;
      var which = "MTVP-jaar " + year + (plan.start ? " (" + plan.calendarYear(year) + ")" : "");
      if (!plan.inScope(year)) {
        var inCalendar = plan.calendarYear(year);
        var before = inCalendar < calendar.toetsjaren[0], after = inCalendar > calendar.toetsjaren[1];
        // Outside the plan only where the plan names its first or last year; past an end it does not
        // name, the judged years stop where the leidraad versions do, and the note says so.
        var unnamed = (before && calendar.planjaren[0] === null) ? "begin" : (after && calendar.planjaren[1] === null) ? "einde" : null;
        var where = (before || after) && !unnamed ?
          "valt buiten het regioplan van " + rules.regionaam + " (" + calendar.planperiode + ")" :
          "valt buiten de jaren die een versie van de leidraad beschrijft" +
            (unnamed ? " (het regioplan van " + rules.regionaam + " noemt geen " + unnamed + ")" : "");
        notes.push(which + " " + where + ": niet getoetst.");
      } else {
        notes.push(which + " geldt als geschiedenis: " + rules.regionaam + " vraagt elk jaar een plan voor het komende jaar; getoetst wordt het laatste jaar van dit plan.");
      }
    });
    var others = rules.regels.some(function (rule) { return !rule.eigen; });
    if (!plan.start && others) {
      notes.push("Het plan zegt niet wanneer de praktijk met MTVP begon. Daarom is het getoetst aan leidraad versie " + rules.leidraadversie +
        ", die het regioplan volgt, en niet aan de versie die in elk kalenderjaar gold; vul het startkwartaal in.");
    }
    return notes;
  }

  /* The plan's verdict in a sentence or two, the same on the page and on the command line:
   * { tekst: [...], voldoet: true|false }. An empty plan, or one with no year to judge, never meets
   * the rules. */
  function summary(rules, input, verdicts) {
    var plan = new Plan(rules, input);
    if (!plan.filledYears().length) return { tekst: ["Het plan kiest nog geen interventies; er valt nog niets te toetsen."], voldoet: false };
    if (!plan.judgedYears().length) return { tekst: ["Geen van de ingevulde jaren valt binnen het regioplan; er is niets getoetst."], voldoet: false };
    var failed = verdicts.filter(function (v) { return v.uitkomst === "voldoet niet"; }).length;
    var unknown = verdicts.filter(function (v) { return v.uitkomst === "niet te beoordelen"; }).length;
    var lines = [failed ? points(failed) + " nog niet in orde." : "Het plan voldoet aan alle regels die getoetst konden worden."];
    if (unknown) lines.push(points(unknown) + " niet te beoordelen: het regioplan zegt of biedt daar te weinig.");
    return { tekst: lines, voldoet: !failed };
  }

  exports.regioplanToets = {
    checkPlan: checkPlan, planNotes: planNotes, summary: summary, yearLabel: yearLabel, parseStart: parseStart, span: span, quarterLabel: quarterLabel,
    mtvpYear: mtvpYear, calendarYear: calendarYear, points: points,
    STATES: STATES, OUTCOME_ORDER: OUTCOME_ORDER, SYMBOLS: SYMBOLS, KINDS: Object.keys(KINDS), COUNTING: COUNTING
  };
})(typeof globalThis !== "undefined" ? globalThis : this);
