"""A practice plan's rules as plain data, the plan file's validation, and the check that applies them.

`rules_for_region` turns the groeimodel of the leidraad version a region follows plus the
region's own rules (those that add to the leidraad; restatements are listed apart) into one
JSON-ready structure. Two checkers read exactly that structure: `check_plan` here (for
`regioplan check-plan`) and `checkPlan` in the plan builder's script
(content/javascripts/planbouwer.js). Both keep their rule kinds in one table (`KINDS` here,
`KINDS` there), in the same order, so they can be read side by side; shared test cases run
through both, so a practice gets the same verdict on the site as on the command line.

A plan says, per offered intervention and per implementation year, whether the practice runs
it ("actief") or develops it further ("verdieping", with a justification), and per training who
follows it. From that: new in year Y = active in Y and not before; deepened = "verdieping" in Y
after an earlier year.

Every verdict has one of three outcomes. A rule that did not apply (no deepening chosen, no
training repeated) gives no verdict. A rule the region's offer cannot satisfy is a gap in the
regioplan, reported as "niet te beoordelen" with advice to consult the RHO, never as the
practice's failure.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .conformance import restated_rules, sentence
from .dutch import plural
from .errors import DataError, Diagnostic, Position
from .models import PracticePlan, Region
from .offer import kernel_count, offers_of
from .project import Project
from .validate import describe_error

PLAN_FORMAT = 1
OUTCOME_ORDER = ["voldoet niet", "niet te beoordelen", "voldoet"]
# The first practices started MTVP in April 2023 (leidraad v3, introduction): a practice is at
# most in year (last year of the leidraad version − 2023 + 1), so "jaar 3 en verder" runs to there.
PROGRAMME_START = 2023


def rules_for_region(project: Project, region: Region) -> dict[str, Any]:
    """Everything the plan check needs for one region, and nothing it has to look up."""
    leidraad = project.leidraden[region.plan.leidraad]
    kernels = {k.id: k.naam for k in sorted(project.catalogue.kernelementen, key=lambda k: k.nummer)}
    offers = offers_of(project.catalogue, region)
    interventions = [
        {
            "key": o.key,
            "interventie": o.choice.interventie,
            "naam": o.name,
            "kernelement": o.kernelement,
            "aard": o.aard,
            "status": o.choice.status,
        }
        for o in offers
        if o.offered
    ]
    offer = {}
    for kernel in kernels:
        count = kernel_count(offers, region, kernel)
        offer[kernel] = {"genoemd": len(count.named), "ongenoemd": count.unnamed}
    rules: list[dict[str, Any]] = []
    model = leidraad.groeimodel
    herkomst = f"leidraad versie {leidraad.versie}"
    # The years a practice can be in: as many as the rules name (version 1 has two, later ones
    # three), and where a rule runs on ("jaar 3 en verder") as far as the programme has gone by
    # the last year of this leidraad version (a practice from 2023 is in year 5 in 2027).
    years = max([y.jaar for g in model.kernelementen for y in g.jaren] if model else [2])
    named_years = years
    runs_on = model is not None and any(y.en_verder for g in model.kernelementen for y in g.jaren)
    if runs_on and leidraad.geldig_voor:
        years = max(years, max(leidraad.geldig_voor) - PROGRAMME_START + 1)
    if model is not None:
        for growth in model.kernelementen:
            new_so_far = 0
            for year_rule in growth.jaren:
                # New ones add up: by year 2 the region must have offered the first one and another.
                new_so_far += year_rule.minimaal if year_rule.eis == "nieuw" else 0
                if year_rule.eis == "optioneel" or year_rule.minimaal == 0:
                    continue
                # The kernelement's own provenance covers its offer; a year rule carries its own.
                derived = bool(model.afgeleid_uit or year_rule.afgeleid_uit)
                rules.append(
                    _rule(
                        f"{growth.kernelement}-jaar-{year_rule.jaar}",
                        year_rule.eis,
                        year_rule.jaar,
                        year_rule.toelichting.strip(),
                        herkomst,
                        afgeleid=derived,
                        kernelementen=[growth.kernelement],
                        en_verder=year_rule.en_verder,
                        minimaal=year_rule.minimaal,
                        nodig=new_so_far if year_rule.eis == "nieuw" else year_rule.minimaal,
                    )
                )
        for rule in model.regels:
            rules.append(
                _rule(
                    rule.id,
                    rule.soort,
                    1,
                    rule.titel,
                    herkomst,
                    afgeleid=bool(model.afgeleid_uit or rule.afgeleid_uit),
                    kernelementen=[rule.kernelement] if rule.kernelement else [],
                    aard=rule.aard,
                    en_verder=True,
                )
            )
    restated = {r.rule.id: r for r in restated_rules(project, region)}
    for rule in region.regels:
        years = max(years, rule.jaar)
        named_years = max(named_years, rule.jaar)
        if rule.id in restated:
            continue  # the leidraad's own rule above already asks this
        kind = {"verplicht": "verplicht", "minimaal-aantal": "actief", "keuze-uit-kernelementen": "keuze"}[rule.soort]
        rules.append(
            _rule(
                f"regio-{rule.id}",
                kind,
                rule.jaar,
                rule.titel,
                "regioplan",
                kernelementen=rule.kernelementen,
                interventies=rule.interventies,
                intervisie=rule.intervisie,
                en_verder=rule.en_verder,
                uiterlijk=rule.uiterlijk,
                minimaal=rule.minimaal,
            )
        )
    return {
        "formaat": PLAN_FORMAT,
        "regio": region.id,
        "regionaam": region.naam,
        "leidraad": leidraad.id,
        "groeimodel": model is not None,
        "jaren": years,  # the years a plan may fill in
        "basisjaren": named_years,  # the years the rules name; a plan is judged at least this far
        "kernelementen": kernels,
        "interventies": interventions,
        "aanbod": offer,
        "regels": rules,
        "herhaald": [{"titel": r.rule.titel, "leidraad": r.leidraad_rule} for r in restated.values()],
        "intervisie": region.intervisie is not None,
        "kalender": _calendar(project, region),
    }


def _calendar(project: Project, region: Region) -> dict[str, Any]:
    """How the plan builder labels its years: by calendar year or MTVP year, the plan's years,
    a transition year, the region's lichtingen (see practiceyear.py), and the years a practice
    can have started in: from the programme's start to the plan's end (or, for a plan without
    an end, the last year any leidraad version covers)."""
    form = region.praktijkplan
    last = region.plan.periode_tot or max(year for leidraad in project.leidraden.values() for year in leidraad.geldig_voor)
    return {
        "per_kalenderjaar": bool(form and form.jaarkolommen == "kalenderjaar"),
        "planjaren": [region.plan.periode_van, region.plan.periode_tot],
        "startjaren": [PROGRAMME_START, last],
        "overgangsjaar": {"jaar": form.overgangsjaar.jaar, "toelichting": form.overgangsjaar.toelichting}
        if form and form.overgangsjaar
        else None,
        "lichtingen": [{"naam": item.naam, "start": item.start} for item in form.lichtingen] if form else [],
    }


def options(count: int) -> str:
    return plural(count, "optie", "opties")


def points(count: int) -> str:
    return plural(count, "punt", "punten")


def describe_rule(rule: dict[str, Any], kernels: dict[str, str]) -> str:
    """A rule in one line for lists and forms: 'Anders werken in de praktijk, jaar 2: …'."""
    when = f"jaar {rule['jaar']}" + (" en verder" if rule["en_verder"] else "")
    if rule["uiterlijk"]:
        when = f"uiterlijk in jaar {rule['jaar']}"
    if rule["soort"] in _COUNTING:
        return f"{' of '.join(kernels[k] for k in rule['kernelementen'])}, {when}: {rule['eis']}"
    return rule["eis"] if rule["jaar"] == 1 and rule["en_verder"] else f"{rule['eis']} ({when})"


def _rule(rule_id: str, kind: str, year: int, text: str, origin: str, **fields) -> dict[str, Any]:
    return {
        "id": rule_id,
        "soort": kind,
        "jaar": year,
        "eis": text,
        "herkomst": origin,
        # Reconstructed from regioplannen, not read in the leidraad: its verdicts are indicative.
        "afgeleid": fields.get("afgeleid", False),
        "kernelementen": fields.get("kernelementen", []),
        "interventies": fields.get("interventies", []),
        "aard": fields.get("aard"),
        "intervisie": fields.get("intervisie", False),
        "en_verder": fields.get("en_verder", False),
        "uiterlijk": fields.get("uiterlijk", False),
        "minimaal": fields.get("minimaal", 0),
        # How many options the region must offer in the rule's scope for a practice to meet it.
        "nodig": fields.get("nodig", fields.get("minimaal", 0)),
    }


# --------------------------------------------------------------------------------------------
# The plan file


def _json_path(loc: tuple) -> str:
    """('keuzes', 'triage-training', '1') -> $.keuzes["triage-training"]["1"]: plain words after a dot,
    list positions as [0], other keys quoted (the same as jsonPath in planbouwer.js)."""
    path = "$"
    for part in loc:
        if isinstance(part, int):
            path += f"[{part}]"
        else:
            path += f".{part}" if re.fullmatch(r"[a-z_][a-z0-9_]*", part) else f"[{json.dumps(part)}]"
    return path


def read_plan(path: Path, rules: dict[str, Any]) -> dict[str, Any]:
    """Read and validate a plan file against the model and the region's offer; raise DataError (E5xx)."""
    shown = str(path)
    try:
        raw = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataError([Diagnostic(Position(shown), "E001", f"bestand niet te lezen: {exc.strerror}")]) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        raise DataError(
            [Diagnostic(Position(shown, line, column), "E502", "geen geldig planbestand (JSON); sla het opnieuw op vanuit de planbouwer")]
        ) from None
    problems = validate_plan(raw, rules)
    if problems:
        raise DataError([Diagnostic(Position(shown), code, f"{where}: {message}") for where, code, message in problems])
    return PracticePlan.model_validate(raw).model_dump()


def _plan_error(error: dict) -> tuple[str, str, str]:
    """A pydantic error in a plan file as (JSON path, code, message)."""
    loc = tuple(error["loc"])
    if loc and loc[-1] == "[key]":  # a key of a block is wrong, not its value
        key, where = loc[-2], loc[:-1]
        if len(where) == 3:
            return _json_path(where), "E503", f'\'{key}\' is geen jaar; schrijf een jaar als "1" tot en met "10"'
        return (
            _json_path(where),
            "E503",
            f"'{key}' is geen interventie-id; gebruik de id uit de planbouwer, zoals 'triage-training' of 'training-gespreksvoering/solk-alk'",
        )
    return _json_path(loc), "E503", describe_error(error, set(PracticePlan.model_fields))[1]


def validate_plan(raw: Any, rules: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(JSON path, code, message) for every problem in a plan file; [] when it can be checked."""
    if not isinstance(raw, dict):
        return [("$", "E503", "een planbestand is een blok met velden ({…}); sla het opnieuw op vanuit de planbouwer")]
    try:
        plan = PracticePlan.model_validate(raw)
    except ValidationError as exc:
        return [_plan_error(e) for e in exc.errors(include_url=False)]
    known = {item["key"]: item for item in rules["interventies"]}
    problems = []
    for field in ("keuzes", "onderbouwingen", "deelnemers"):
        for key in getattr(plan, field):
            if key not in known:
                hint = ", ".join(sorted(known)) or "geen"
                problems.append(
                    (_json_path((field, key)), "E504", f"'{key}' hoort niet bij het aanbod van {rules['regionaam']}; kies uit: {hint}")
                )
    for field in ("keuzes", "deelnemers"):
        for key, years in getattr(plan, field).items():
            for year in years:
                if int(year) > rules["jaren"]:
                    problems.append(
                        (
                            _json_path((field, key, year)),
                            "E505",
                            f"jaar {year} bestaat niet in het groeimodel dat {rules['regionaam']} volgt ({rules['jaren']} jaar); kies het MTVP-jaar van uw praktijk: het eerste jaar waarin zij meedeed, is jaar 1",
                        )
                    )
    for key, years in plan.keuzes.items():
        if years.get("1") == "verdieping":
            problems.append((_json_path(("keuzes", key, "1")), "E505", "in jaar 1 valt er nog niets te verdiepen; kies 'actief'"))
    return problems


# --------------------------------------------------------------------------------------------
# The check


class _Plan:
    """A validated plan read against a region's rules: what is active, new, deepened, when."""

    def __init__(self, rules: dict[str, Any], plan: dict[str, Any]):
        self.rules = rules
        self.known = {item["key"]: item for item in rules["interventies"]}
        self.keys = list(self.known)
        self.choices = {key: {int(y): s for y, s in years.items()} for key, years in plan.get("keuzes", {}).items() if key in self.known}
        self.reasons = plan.get("onderbouwingen", {})
        self.people = {key: {int(y): v for y, v in years.items()} for key, years in plan.get("deelnemers", {}).items()}
        self.staff = {key: {int(y): v for y, v in years.items()} for key, years in plan.get("personeel", {}).items()}
        self.intervisie = bool(plan.get("intervisie"))

    def active(self, key: str, year: int) -> bool:
        return year in self.choices.get(key, {})

    def before(self, key: str, year: int) -> bool:
        return any(self.active(key, y) for y in range(1, year))

    def new(self, key: str, year: int) -> bool:
        return self.active(key, year) and not self.before(key, year)

    def deepened(self, key: str, year: int) -> bool:
        return self.choices.get(key, {}).get(year) == "verdieping" and self.before(key, year)

    def scope(self, rule: dict) -> list[str]:
        return [
            k
            for k in self.keys
            if self.known[k]["kernelement"] in rule["kernelementen"] or self.known[k]["interventie"] in rule["interventies"]
        ]

    def names(self, keys) -> str:
        return ", ".join(self.known[k]["naam"] for k in keys) or "geen"

    def label(self, rule: dict) -> str:
        kernels = self.rules["kernelementen"]
        if rule["kernelementen"]:
            return " of ".join(kernels[k] for k in rule["kernelementen"])
        return ", ".join(next((i["naam"] for i in self.rules["interventies"] if i["interventie"] == x), x) for x in rule["interventies"])

    def capacity(self, rule: dict) -> tuple[int, bool]:
        """(offered options in the rule's scope, whether the plan has options it does not name)."""
        offer = self.rules["aanbod"]
        named = sum(offer[k]["genoemd"] for k in rule["kernelementen"]) + sum(
            1 for i in self.rules["interventies"] if i["interventie"] in rule["interventies"]
        )
        return named, any(offer[k]["ongenoemd"] for k in rule["kernelementen"])


def _count(plan: _Plan, rule: dict, found: list[str], counted: str) -> tuple[str, str]:
    """Outcome and message tail for a rule that asks a number of interventions (`counted` says
    which ones count); a shortfall of the region's offer is the regioplan's gap, not the
    practice's failure."""
    if len(found) >= rule["minimaal"]:
        return "voldoet", f"{counted}: {plan.names(found)}."
    offered, unnamed = plan.capacity(rule)
    if offered < rule["nodig"]:
        if unnamed:
            return "niet te beoordelen", (
                f"Het regioplan noemt hier {options(offered)} bij naam en zegt dat er meer zijn; vraag de RHO welke u kunt kiezen."
            )
        return "niet te beoordelen", (
            f"Het regioplan biedt hier {options(offered)} ({plan.names(plan.scope(rule))}): te weinig keuze om dit te halen. "
            "Dat ligt aan het regioplan, niet aan uw plan; overleg met de RHO."
        )
    return "voldoet niet", f"{counted}: {plan.names(found)}."


def _new(plan: _Plan, rule: dict, year: int):
    return _count(plan, rule, [k for k in plan.scope(rule) if plan.new(k, year)], "Nieuw in dit jaar")


def _active(plan: _Plan, rule: dict, year: int):
    return _count(plan, rule, [k for k in plan.scope(rule) if plan.active(k, year)], "Uitgevoerd in dit jaar")


def _new_or_deepened(plan: _Plan, rule: dict, year: int):
    found = [k for k in plan.scope(rule) if plan.new(k, year) or plan.deepened(k, year)]
    return _count(plan, rule, found, "Nieuw of verdiept in dit jaar")


def _continued(plan: _Plan, rule: dict, year: int):
    # Continuing means developing further: deepening it, or running it on (a training then only
    # for team members who have not followed it, which the training rule checks).
    found = [k for k in plan.scope(rule) if plan.active(k, year) and plan.before(k, year)]
    outcome, tail = _count(plan, rule, found, "Voortgezet uit een eerder jaar")
    if outcome == "voldoet niet":
        tail += (
            " Kies bij de interventie uit een eerder jaar 'verdiepen' (met onderbouwing), "
            "of laat teamleden die haar nog niet volgden de training doen."
        )
    return outcome, tail


def _choice(plan: _Plan, rule: dict, year: int):
    counts = {
        k: [x for x in plan.keys if plan.known[x]["kernelement"] == k and (plan.new(x, year) or plan.deepened(x, year))]
        for k in rule["kernelementen"]
    }
    found = max(counts.values(), key=len, default=[])
    if len(found) >= rule["minimaal"]:
        return "voldoet", f"Nieuw of verdiept in dit jaar: {plan.names(found)}."
    return "voldoet niet", f"Nieuw of verdiept in dit jaar: {plan.names([x for keys in counts.values() for x in keys])}."


def _mandatory(plan: _Plan, rule: dict, year: int):
    years = range(1, year + 1) if rule["uiterlijk"] else [year]
    missing = [
        i for i in rule["interventies"] if not any(plan.active(k, y) for k in plan.keys if plan.known[k]["interventie"] == i for y in years)
    ]
    unoffered = [i for i in missing if not any(plan.known[k]["interventie"] == i for k in plan.keys)]
    parts = []
    if [i for i in missing if i not in unoffered]:
        parts.append("voer uit: " + plan.label({"kernelementen": [], "interventies": [i for i in missing if i not in unoffered]}))
    if rule["intervisie"] and not plan.intervisie:
        parts.append("neem deel aan de intervisie")
    if parts:
        return "voldoet niet", sentence("; ".join(parts))
    if unoffered:
        return "niet te beoordelen", f"Het regioplan biedt {', '.join(unoffered)} niet aan; overleg met de RHO."
    done = (["de verplichte interventies zijn gekozen"] if rule["interventies"] else []) + (
        ["de praktijk neemt deel aan de intervisie"] if rule["intervisie"] else []
    )
    return "voldoet", sentence(" en ".join(done))


def _never_only(plan: _Plan, rule: dict, year: int):
    running = [k for k in plan.keys if plan.active(k, year)]
    mine = [k for k in running if plan.known[k]["kernelement"] in rule["kernelementen"]]
    if not mine:
        return None
    if len(mine) == len(running):
        return "voldoet niet", f"Kies ook een interventie uit een ander kernelement (nu alleen: {plan.names(mine)})."
    return "voldoet", f"Ook gekozen: {plan.names([k for k in running if k not in mine])}."


def _justified(plan: _Plan, rule: dict, year: int):
    deepened = [k for k in plan.keys if plan.choices.get(k, {}).get(year) == "verdieping"]
    if not deepened:
        return None
    lacking = [k for k in deepened if not str(plan.reasons.get(k, "")).strip()]
    if lacking:
        return "voldoet niet", f"Schrijf een onderbouwing bij: {plan.names(lacking)}."
    return "voldoet", f"Onderbouwd: {plan.names(deepened)}."


def _not_deepened(plan: _Plan, rule: dict, year: int):
    wrong = [k for k in plan.keys if plan.deepened(k, year) and plan.known[k]["aard"] == rule["aard"]]
    if not wrong:
        return None
    # The leidraad excludes ICT changes that are fully implemented, as an example; whether this one
    # is, the plan file cannot say: the region decides.
    return "niet te beoordelen", (
        f"Een ICT-aanpassing die volledig is ingevoerd, telt volgens de leidraad niet als verdieping ({plan.names(wrong)}). "
        "Bespreek met de RHO of deze verdieping telt, of kies een nieuwe interventie."
    )


def _once_per_person(plan: _Plan, rule: dict, year: int):
    repeated = [
        k
        for k in plan.keys
        if plan.known[k]["aard"] == rule["aard"] and plan.choices.get(k, {}).get(year) == "actief" and plan.before(k, year)
    ]
    if not repeated:
        return None
    problems = []
    for key in repeated:
        now = [p.strip() for p in plan.people.get(key, {}).get(year, []) if p.strip()]
        earlier = {p.strip().lower() for y, people in plan.people.get(key, {}).items() if y < year for p in people}
        name = plan.known[key]["naam"]
        again = [p for p in now if p.lower() in earlier]
        if not now:
            problems.append(f"zeg wie {name} dit jaar volgt")
        elif again:
            problems.append(f"{name} is al eerder gevolgd door: {', '.join(again)}")
    if problems:
        return "voldoet niet", sentence("; ".join(problems)) + (
            " Een training telt één jaar per zorgverlener: alleen teamleden die haar nog niet volgden, mogen haar nu volgen."
            " Gaan dezelfde mensen verder, kies dan 'verdiepen' (nascholing of vervolg, met onderbouwing)."
        )
    return "voldoet", f"Andere teamleden volgen: {plan.names(repeated)}."


def _no_repeat(plan: _Plan, rule: dict, year: int):
    # Trainings are left to the training rule: other team members may follow one again later.
    wrong = [
        k
        for k in plan.keys
        if plan.known[k]["aard"] != "training"
        and plan.active(k, year)
        and not plan.active(k, year - 1)
        and plan.before(k, year - 1)
        and not plan.deepened(k, year)
    ]
    if not wrong:
        return None
    return "voldoet niet", f"Een eerder ingevoerde interventie komt alleen terug als aantoonbare verdieping ({plan.names(wrong)})."


def _staff_justified(plan: _Plan, rule: dict, year: int):
    running = [k for k in plan.keys if plan.known[k]["aard"] == rule["aard"] and plan.active(k, year)]
    if not running:
        return None
    lacking = [k for k in running if not plan.staff.get(k, {}).get(year, "").strip()]
    if lacking:
        return "voldoet niet", f"Schrijf bij {plan.names(lacking)} welk personeel de praktijk inzet en hoeveel uren."
    return "voldoet", f"Onderbouwd: {plan.names(running)}."


# One function per rule kind, in the same order as KINDS in planbouwer.js. A function returns
# (outcome, message) or None when the rule does not apply to this plan in this year.
KINDS: dict[str, Callable[[_Plan, dict, int], tuple[str, str] | None]] = {
    "nieuw": _new,
    "actief": _active,
    "nieuw-of-verdieping": _new_or_deepened,
    "continueren": _continued,
    "keuze": _choice,
    "verplicht": _mandatory,
    "nooit-enige": _never_only,
    "verdieping-onderbouwen": _justified,
    "geen-verdieping": _not_deepened,
    "eenmalig-per-zorgverlener": _once_per_person,
    "geen-herhaling": _no_repeat,
    "personeel-onderbouwen": _staff_justified,
}
# Rules whose heading is the requirement itself, phrased per kernelement.
_COUNTING = {"nieuw", "actief", "nieuw-of-verdieping", "continueren", "keuze"}


def _applies(rule: dict, year: int) -> bool:
    if rule["uiterlijk"]:
        return year == rule["jaar"]
    return year == rule["jaar"] or (rule["en_verder"] and year > rule["jaar"])


def check_plan(rules: dict[str, Any], plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Verdicts for a validated plan: [{id, jaar, uitkomst, melding, herkomst}], grouped by year,
    failures first, each rule once, nothing for rules that did not apply."""
    state = _Plan(rules, plan)
    # A plan is judged through the last year it fills in, and at least through the years the
    # rules name: a practice in its third year is not told what its fifth year lacks.
    last = max([rules["basisjaren"], *(year for years in state.choices.values() for year in years)])
    verdicts = []
    for rule in rules["regels"]:
        for year in range(1, last + 1):
            if not _applies(rule, year):
                continue
            result = KINDS[rule["soort"]](state, rule, year)
            if result is None:
                continue
            outcome, tail = result
            if rule["soort"] in _COUNTING:
                message = f"{state.label(rule)}: {rule['eis']} {tail}"
            else:
                message = f"{rule['eis']} — {tail}"
            if rule["afgeleid"] and outcome != "voldoet":
                message += " (Indicatief: deze regel is afgeleid uit regioplannen, niet gelezen in de leidraad.)"
            verdicts.append({"id": rule["id"], "jaar": year, "uitkomst": outcome, "melding": message, "herkomst": rule["herkomst"]})
    return sorted(verdicts, key=lambda v: (v["jaar"], OUTCOME_ORDER.index(v["uitkomst"])))
