"""A practice plan's rules as plain data, and the plan file's validation.

`rules_for_region` turns the groeimodel of the leidraad version a region follows plus the
region's own rules (those that add to the leidraad; restatements are listed apart) into one
JSON-ready structure. The check that applies it is one script, generator/rules/plantoets.js: the
plan builder runs it in the browser, and `plancheck` runs it for the command line.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from generator.data.project import Project
from generator.data.validate import describe_error
from generator.dutch import plural
from generator.errors import DataError, Diagnostic, Position
from generator.files import InputProblem, read_input
from generator.models import PracticePlan, Region
from generator.rules import plancheck
from generator.rules.conformance import restated_rules
from generator.rules.offer import kernel_count, offers_of
from generator.rules.period import years as year_span

PLAN_FORMAT = 1
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
            "buiten_regioplan": False,
        }
        for o in offers
        if o.offered
    ]
    # Leidraad v3 §5 ("Selecties van interventies"): a practice may also carry out other
    # interventions from the leidraad, written into its own plan; the RHO does not promise support.
    # They count for the rules like the region's own.
    chosen = {o.choice.interventie for o in offers if o.offered}
    interventions += [
        {
            "key": item.id,
            "interventie": item.id,
            "naam": item.naam,
            "kernelement": item.kernelement,
            "aard": item.aard,
            "status": "buiten-regioplan",
            "buiten_regioplan": True,
        }
        for item in project.catalogue.interventies
        if item.id not in chosen
    ]
    offer = {}
    for kernel in kernels:
        count = kernel_count(offers, region, kernel)
        offer[kernel] = {
            "genoemd": len(count.named),
            "gezegd": count.stated,
            # The plan says something of this offer without a number: the count stays open.
            "meer_zonder_aantal": any(s.aantal is None for s in count.statements),
            "bron_volledig": count.complete,
        }
    period = _period(project, region)
    rules: list[dict[str, Any]] = []
    # Each calendar year is judged by the leidraad version in force in it (its `geldig_voor`); the
    # version the region follows also judges a plan whose start, and so whose calendar years, is
    # not known. Other versions count only where they govern a year of the region's plan.
    versions = [leidraad] + [
        other
        for other in sorted(project.leidraden.values(), key=lambda v: v.versie)
        if other.id != leidraad.id and other.geldig_voor and set(other.geldig_voor) & set(range(period[0], period[1] + 1))
    ]
    years = named_years = 2
    for version in versions:
        version_rules, version_named, version_years = _leidraad_rules(version, version.id == leidraad.id)
        rules += version_rules
        named_years, years = max(named_years, version_named), max(years, version_years)
    # A practice can be in any year from its start to the end of the region's plan: one that began
    # in 2023 is in year 5 in 2027.
    years = max(years, period[1] - PROGRAMME_START + 1)
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
                kalenderjaren=list(period),
                eigen=True,
            )
        )
    # A region rule that asks the intervisie every year already says what the leidraad's horde asks:
    # the plan gets one verdict on it, the region's.
    if any(r.intervisie and not r.interventies and r.en_verder for r in region.regels):
        rules = [r for r in rules if r["soort"] != "intervisie"]
    parts = _asked_parts(region)
    if any(part["verplicht"] for part in parts):
        rules.append(
            _rule(
                "regio-praktijkplan-onderdelen",
                "onderdelen",
                1,
                "Het praktijkplan bevat de onderdelen die de regio vraagt",
                "regioplan",
                en_verder=True,
                kalenderjaren=list(period),
                eigen=True,
            )
        )
    return {
        "formaat": PLAN_FORMAT,
        "regio": region.id,
        "regionaam": region.naam,
        # Every region's name, to tell a practice that opens another region's plan which one it is.
        "regios": {other.id: other.naam for other in project.regions.values()},
        "leidraad": leidraad.id,
        "leidraadversie": leidraad.versie,
        "groeimodel": leidraad.groeimodel is not None,
        "jaren": min(years, 10),  # the years a plan may fill in
        "basisjaren": named_years,  # the years the rules name
        "kernelementen": kernels,
        "interventies": interventions,
        "aanbod": offer,
        "regels": rules,
        "herhaald": [{"titel": r.rule.titel, "leidraad": r.leidraad_rule} for r in restated.values()],
        "intervisie": region.intervisie is not None,
        "onderdelen": parts,
        "kalender": _calendar(project, region),
    }


# The region's form parts the plan builder asks and the plan file holds (`onderdelen`); the
# practice's details, the choices per year and signatures have their own fields or stay on paper.
# A part with id "intervisie" is the plan's own intervisie field.
ASKED_KINDS = ("tekst", "keuze", "interventies-met-plan")


def _asked_parts(region: Region) -> list[dict[str, Any]]:
    form = region.praktijkplan
    parts = []
    for part in form.onderdelen if form else []:
        if part.soort not in ASKED_KINDS or part.id == "intervisie" or (part.soort == "interventies-met-plan" and not part.kolommen):
            continue
        parts.append(
            {
                "id": part.id,
                "titel": part.titel,
                "soort": part.soort,
                "toelichting": part.toelichting or "",
                "kolommen": part.kolommen,
                # A text or a plan per intervention the region asks is checked when the form marks it
                # required; a tick only when it is a commitment (not, say, the support a practice wants).
                "verplicht": part.verplicht and (part.soort != "keuze" or part.toezegging),
            }
        )
    return parts


def _period(project: Project, region: Region) -> tuple[int, int]:
    """The calendar years of the region's plan; an open end runs to the last year a leidraad covers,
    an unstated start is the first year of the leidraad version the plan follows (or, without one,
    the programme's start)."""
    last = max(year for leidraad in project.leidraden.values() for year in leidraad.geldig_voor)
    followed = project.leidraden[region.plan.leidraad].geldig_voor
    first = region.plan.periode_van or min(followed, default=PROGRAMME_START)
    return first, max(region.plan.periode_tot or last, first)


def _leidraad_rules(leidraad, own: bool) -> tuple[list[dict[str, Any]], int, int]:
    """The groeimodel of one leidraad version as rules, the years it names, and the years it runs on to.

    The rules of the version a region follows keep their plain ids; another version's carry its
    number ("v3-anders-werken-jaar-3"), so one plan can show both where both govern a year."""
    model = leidraad.groeimodel
    herkomst = f"leidraad versie {leidraad.versie}"
    prefix = "" if own else f"v{leidraad.versie}-"
    calendar_years = [min(leidraad.geldig_voor), max(leidraad.geldig_voor)] if leidraad.geldig_voor else None
    # The years a practice can be in: as many as the rules name (version 1 has two, later ones
    # three), and where a rule runs on ("jaar 3 en verder") as far as the programme has gone by
    # the last year of this leidraad version (a practice from 2023 is in year 5 in 2027).
    years = named = max([y.jaar for g in model.kernelementen for y in g.jaren] if model else [2])
    runs_on = model is not None and any(y.en_verder for g in model.kernelementen for y in g.jaren)
    if runs_on and leidraad.geldig_voor:
        years = max(years, max(leidraad.geldig_voor) - PROGRAMME_START + 1)
    rules: list[dict[str, Any]] = []
    if model is None:
        return rules, named, years
    common = {"kalenderjaren": calendar_years, "eigen": own}
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
                    f"{prefix}{growth.kernelement}-jaar-{year_rule.jaar}",
                    year_rule.eis,
                    year_rule.jaar,
                    year_rule.toelichting.strip(),
                    herkomst,
                    afgeleid=derived,
                    kernelementen=[growth.kernelement],
                    en_verder=year_rule.en_verder,
                    minimaal=year_rule.minimaal,
                    nodig=new_so_far if year_rule.eis == "nieuw" else year_rule.minimaal,
                    **common,
                )
            )
    for rule in model.regels:
        rules.append(
            _rule(
                f"{prefix}{rule.id}",
                rule.soort,
                1,
                rule.titel,
                herkomst,
                afgeleid=bool(model.afgeleid_uit or rule.afgeleid_uit),
                kernelementen=[rule.kernelement] if rule.kernelement else [],
                aard=rule.aard,
                en_verder=True,
                **common,
            )
        )
    return rules, named, years


def _calendar(project: Project, region: Region) -> dict[str, Any]:
    """How the plan builder labels its years: by calendar year or MTVP year, the plan's years,
    a transition year, the region's lichtingen (see the year arithmetic in plantoets.js), and the years a practice
    can have started in: from the programme's start to the plan's end (or, for a plan without
    an end, the last year any leidraad version covers)."""
    form = region.praktijkplan
    first, last = _period(project, region)
    return {
        "per_kalenderjaar": bool(form and form.jaarkolommen == "kalenderjaar"),
        "planjaren": [region.plan.periode_van, region.plan.periode_tot],
        "planperiode": year_span(region.plan.periode_van, region.plan.periode_tot),
        # The calendar years a plan is judged in: the region's plan (an open end as far as a
        # leidraad goes) and the years some leidraad version covers.
        "toetsjaren": [first, last],
        "leidraadjaren": sorted({year for leidraad in project.leidraden.values() for year in leidraad.geldig_voor}),
        # A region that asks a plan per year (Eemland) judges its coming year; earlier years are history.
        "jaarplan": bool(form and form.cyclus == "jaarlijks"),
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
    if rule["soort"] in plancheck.counting() and rule["kernelementen"]:
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
        # The calendar years the rule governs ([first, last]; None: every year), and whether it
        # belongs to the region's own plan or leidraad version (then it also judges a plan
        # without a start).
        "kalenderjaren": fields.get("kalenderjaren"),
        "eigen": fields.get("eigen", True),
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


class _Block(dict):
    """A JSON object as read, with the keys that came twice (JSON readers keep the last)."""

    def __init__(self, pairs: list[tuple[str, Any]]):
        super().__init__(pairs)
        seen: set[str] = set()
        self.twice = sorted({key for key, _ in pairs if key in seen or seen.add(key)})


def _keys_twice(value: Any, loc: tuple = ()) -> list[tuple[str, str]]:
    """(JSON path, key) for every key written twice in one block, anywhere in the plan."""
    found = []
    if isinstance(value, dict):
        found += [(_json_path((*loc, key)), key) for key in getattr(value, "twice", [])]
        for key, item in value.items():
            found += _keys_twice(item, (*loc, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _keys_twice(item, (*loc, index))
    return found


def read_plan(path: Path, rules: dict[str, Any]) -> dict[str, Any]:
    """Read and validate a plan file against the model and the region's offer; raise DataError (E5xx)."""
    shown = str(path)
    unreadable = "geen geldig planbestand (JSON); sla het opnieuw op vanuit de planbouwer"
    try:
        raw = json.loads(read_input(Path(path)).decode("utf-8"), object_pairs_hook=_Block)
    except InputProblem as problem:
        raise DataError([Diagnostic(Position(shown), "E001", str(problem))]) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line, column = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        raise DataError([Diagnostic(Position(shown, line, column), "E502", unreadable)]) from None
    except RecursionError:
        raise DataError([Diagnostic(Position(shown), "E502", f"{unreadable} (de waarden zijn te diep genest)")]) from None
    except ValueError:  # a whole number longer than Python reads (4,300 digits)
        raise DataError([Diagnostic(Position(shown), "E502", f"{unreadable} (een getal is te lang)")]) from None
    try:
        if twice := _keys_twice(raw):
            raise DataError(
                [
                    Diagnostic(
                        Position(shown),
                        "E503",
                        f"{where}: '{key}' staat twee keer in dit blok; welke van de twee bedoeld is, is niet te zeggen: houd er één",
                    )
                    for where, key in twice
                ]
            )
        problems = validate_plan(raw, rules)
    except RecursionError:  # nested within the parser's limit, but deeper than validation goes
        raise DataError([Diagnostic(Position(shown), "E502", f"{unreadable} (de waarden zijn te diep genest)")]) from None
    if problems:
        raise DataError(
            [Diagnostic(Position(shown), code, message if code == "E506" else f"{where}: {message}") for where, code, message in problems]
        )
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
    other = raw.get("regio")
    if isinstance(other, str) and other != rules["regio"]:
        # A plan of another region: one line that says so, not every id this region lacks.
        name = rules["regios"].get(other, other)
        return [("$", "E506", f"dit plan is gemaakt voor {name}, niet voor {rules['regionaam']}; toets het met --region {other}")]
    try:
        plan = PracticePlan.model_validate(raw)
    except ValidationError as exc:
        return [_plan_error(e) for e in exc.errors(include_url=False)]
    known = {item["key"]: item for item in rules["interventies"]}
    problems = []
    for field in ("keuzes", "onderbouwingen", "deelnemers", "personeel"):
        for key in getattr(plan, field):
            if key not in known:
                problems.append(
                    (
                        _json_path((field, key)),
                        "E504",
                        f"'{key}' is geen interventie van het regioplan van {rules['regionaam']} of van de leidraad; "
                        "open het plan in de planbouwer van deze regio en kies de interventie daar opnieuw",
                    )
                )
    for field in ("keuzes", "deelnemers"):
        for key, years in getattr(plan, field).items():
            for year in years:
                if int(year) > rules["jaren"]:
                    problems.append(
                        (
                            _json_path((field, key, year)),
                            "E505",
                            f"jaar {year} valt na het plan van {rules['regionaam']}, dat tot en met MTVP-jaar {rules['jaren']} loopt; kies het MTVP-jaar van uw praktijk: het eerste jaar waarin zij meedeed, is jaar 1",
                        )
                    )
    parts = {part["id"]: part for part in rules["onderdelen"]}
    for part_id, answer in plan.onderdelen.items():
        part = parts.get(part_id)
        where = _json_path(("onderdelen", part_id))
        if part is None:
            problems.append((where, "E503", f"'{part_id}' is geen onderdeel dat {rules['regionaam']} in het praktijkplan vraagt"))
        elif part["soort"] == "interventies-met-plan":
            if not isinstance(answer, dict):
                problems.append((where, "E503", "schrijf per interventie de kolommen van dit onderdeel, als lijst van teksten"))
            else:
                problems += [
                    (
                        _json_path(("onderdelen", part_id, key)),
                        "E504",
                        f"'{key}' is geen interventie van het regioplan van {rules['regionaam']} of van de leidraad",
                    )
                    for key in answer
                    if key not in known
                ]
        elif (part["soort"] == "keuze") != isinstance(answer, bool) or isinstance(answer, dict):
            problems.append((where, "E503", "schrijf true of false" if part["soort"] == "keuze" else "schrijf hier een tekst"))
    for key, years in plan.keuzes.items():
        if years.get("1") == "verdieping":
            problems.append((_json_path(("keuzes", key, "1")), "E505", "in jaar 1 valt er nog niets te verdiepen; kies 'actief'"))
    return problems
