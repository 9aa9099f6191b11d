"""The regiomonitor: what a region's practices chose, counted from their saved plan files.

An RHO collects the plan files the planbouwer saves (one JSON file per practice) and runs
`regioplan monitor DIR --region SLUG --out OUT`. Each file is checked with the region's rules,
as `check-plan` does; the result is an overview per intervention, kernelement and MTVP year of
how many practices chose it, how many plans meet all rules, and which rules are most often not
met. The national monitoring judges no individual practice, and neither does this: no practice
is named or ranked, and every count below SMALL is shown as "< 5", so that no practice can be
recognised in a small group. What reaches the page and the CSV is only these shown counts.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.data.project import Project
from generator.data.projectdata import MONITOR_DIR, STATE_ROOT
from generator.dutch import dutch_date
from generator.errors import DataError, Diagnostic, Position, unreadable_folder
from generator.files import write_whole
from generator.models import MonitorOverview
from generator.rules.plancheck import check_plan
from generator.rules.planrules import describe_rule, read_plan, rules_for_region
from generator.site.spreadsheet import Column, table

SMALL = 5
CHOSEN = ("actief", "verdieping")  # a plan's states that mean the practice does the intervention that year
TOP_RULES = 5


def shown(count: int, total: int | None = None) -> str:
    """A count as published: '< 5' below the threshold (zero included), so small groups stay
    unrecognisable; and, given the total it is part of, 'N of meer' when the others (total minus
    count) are fewer than 5: with 12 plans, "10 chose it" would tell that 2 did not."""
    if count < SMALL:
        return f"< {SMALL}"
    if total is not None and total - count < SMALL:
        return f"{total - SMALL + 1} of meer"
    return str(count)


@dataclass
class Overview:
    region: str  # the region's name
    slug: str
    as_of: dt.date  # the date of the data, as the RHO gives it
    plans: int = 0
    years: list[int] = field(default_factory=list)
    # (kernelement name, intervention name) -> year -> practices that chose it
    chosen: dict[tuple[str, str], Counter] = field(default_factory=dict)
    # kernelement name -> year -> practices with at least one intervention in it
    per_kernel: dict[str, Counter] = field(default_factory=dict)
    meet_all: int = 0
    # rule in words -> plans that do not meet it (in any year)
    not_met: Counter = field(default_factory=Counter)
    skipped: dict[Path, list[str]] = field(default_factory=dict)  # per file its problems, for the RHO's own screen only
    # A hash of each plan counted: to tell how many changed since the last publication (kept in the
    # project's cache, never published).
    fingerprints: Counter = field(default_factory=Counter)

    def most_often_not_met(self) -> list[tuple[str, int]]:
        return sorted(self.not_met.items(), key=lambda item: (-item[1], item[0]))[:TOP_RULES]


def plan_files(folder: Path) -> list[Path | Diagnostic]:
    """Every file named *.json under `folder`, and a diagnostic for each folder that could not be
    listed. Hidden names (an editor's) aside, nothing is passed over in silence: a pipe, folder or
    broken link with such a name is named when it is read, a folder the system refuses here."""
    found: list[Path | Diagnostic] = []

    def unreadable(error: OSError) -> None:
        found.append(unreadable_folder(str(error.filename), error))

    for here, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        found += [Path(here) / name for name in files + folders if name.endswith(".json") and not name.startswith(".")]
    return sorted(found, key=str)


def monitor(project: Project, region_id: str, files: list[Path | Diagnostic], as_of: dt.date) -> Overview:
    region = project.regions[region_id]
    rules = rules_for_region(project, region)
    kernels = rules["kernelementen"]
    names = {item["key"]: (kernels[item["kernelement"]], item["naam"]) for item in rules["interventies"]}
    overview = Overview(region.naam, region.id, as_of)
    # Every intervention of the regioplan has a row, also one no practice chose (shown as "< 5");
    # one from the leidraad outside the regioplan (leidraad v3 §5) gets a row once a plan has it.
    overview.chosen = {names[item["key"]]: Counter() for item in rules["interventies"] if not item["buiten_regioplan"]}
    overview.per_kernel = {name: Counter() for name in kernels.values()}
    years: set[int] = set(range(1, rules["basisjaren"] + 1))
    for path in files:
        if isinstance(path, Diagnostic):  # a folder that could not be listed
            overview.skipped[Path(path.position.path)] = [str(path)]
            continue
        try:
            plan = read_plan(path, rules)
        except DataError as error:
            overview.skipped[path] = [f"{d}" for d in error.diagnostics]
            continue
        overview.plans += 1
        kernels_per_year: dict[int, set[str]] = {}
        for key, states in plan["keuzes"].items():
            for year_text, state in states.items():
                if state in CHOSEN and key in names:
                    year = int(year_text)
                    years.add(year)
                    overview.chosen.setdefault(names[key], Counter())[year] += 1
                    kernels_per_year.setdefault(year, set()).add(names[key][0])
        for year, chosen_kernels in kernels_per_year.items():
            for kernel in chosen_kernels:
                overview.per_kernel[kernel][year] += 1
        failed = {v["id"] for v in check_plan(rules, plan) if v["uitkomst"] == "voldoet niet"}
        # What this plan adds to the counts, and nothing else: a plan saved again with only a new date
        # or name is the same plan to the publication guard (check_publishable).
        counted = {
            "keuzes": sorted(
                (key, year, state)
                for key, states in plan["keuzes"].items()
                for year, state in states.items()
                if state in CHOSEN and key in names
            ),
            "niet_gehaald": sorted(failed & {rule["id"] for rule in rules["regels"]}),
            "voldoet": not failed,
        }
        overview.fingerprints[hashlib.sha256(json.dumps(counted, sort_keys=True).encode()).hexdigest()] += 1
        if not failed:
            overview.meet_all += 1
        for rule in rules["regels"]:
            if rule["id"] in failed:
                overview.not_met[describe_rule(rule, kernels)] += 1
    overview.years = sorted(years)
    return overview


def published(overview: Overview) -> dict[str, Any]:
    """Every figure the page, the CSV and data/monitor/<region>.yml show (models.MonitorOverview),
    each count as published: the one place where counts become "< 5"."""
    return {
        "regio": overview.slug,
        "stand": overview.as_of,
        "plannen": shown(overview.plans),
        "voldoet": shown(overview.meet_all, overview.plans),
        "jaren": overview.years,
        "kernelementen": [
            {"naam": kernel, "aantallen": [shown(counts[year], overview.plans) for year in overview.years]}
            for kernel, counts in overview.per_kernel.items()
        ],
        "interventies": [
            {"naam": name, "kernelement": kernel, "aantallen": [shown(counts[year], overview.plans) for year in overview.years]}
            for (kernel, name), counts in overview.chosen.items()
        ],
        "regels": [{"regel": rule, "aantal": shown(count, overview.plans)} for rule, count in overview.most_often_not_met()],
    }


def to_csv(overview: Overview) -> str:
    """The published figures as rows: one per figure, with what it counts."""
    data = published(overview)
    rows = [
        {"onderdeel": "plannen", "kernelement": "", "naam": "Ingelezen praktijkplannen", "jaar": "", "aantal": data["plannen"]},
        {"onderdeel": "regels", "kernelement": "", "naam": "Plannen die aan alle regels voldoen", "jaar": "", "aantal": data["voldoet"]},
    ]
    for kind, items in (("kernelement", data["kernelementen"]), ("interventie", data["interventies"])):
        for item in items:
            kernel, name = (item["naam"], "") if kind == "kernelement" else (item["kernelement"], item["naam"])
            rows += [
                {"onderdeel": kind, "kernelement": kernel, "naam": name, "jaar": str(year), "aantal": count}
                for year, count in zip(data["jaren"], item["aantallen"], strict=True)
            ]
    rows += [
        {"onderdeel": "regel niet gehaald", "kernelement": "", "naam": r["regel"], "jaar": "", "aantal": r["aantal"]}
        for r in data["regels"]
    ]
    return table(MONITOR_COLUMNS, [[row[c.name] for c in MONITOR_COLUMNS] for row in rows])


MONITOR_COLUMNS = [
    Column("onderdeel", "plannen, regels, kernelement, interventie of regel niet gehaald"),
    Column("kernelement", "het kernelement van de interventie"),
    Column("naam", "wat geteld is"),
    Column("jaar", "het MTVP-jaar van de praktijk"),
    Column("aantal", "hoeveel plannen; onder de 5 staat er '< 5', en 'N of meer' als het verschil met het totaal kleiner is dan 5"),
]


def made_by_monitor(path: Path) -> bool:
    """Whether `path` is an overview this command wrote (the only file of that name it replaces):
    the page names it as generator, the table starts with its header."""
    try:
        start = path.read_bytes()[:2048].decode("utf-8", errors="replace")
    except OSError:
        return False
    return start.startswith(table(MONITOR_COLUMNS, [])) or f'<meta name="generator" content="{GENERATOR}">' in start


# How the overview page names its maker: the mark by which a later run knows it may replace the page.
GENERATOR = "regioplan monitor"


def context(overview: Overview) -> dict[str, Any]:
    """What the overview page shows (site_templates/monitor/overzicht.html.j2): the published figures."""
    return {**published(overview), "regio": overview.region, "stand": dutch_date(overview.as_of), "drempel": SMALL, "generator": GENERATOR}


def _record(root: Path, overview: Overview) -> Path:
    return Path(root) / STATE_ROOT / "monitor" / f"{overview.slug}.json"


def check_publishable(root: Path, overview: Overview) -> None:
    """Two publications side by side tell what changed between them: after one more plan, the
    difference would be that practice's choices. So a region publishes again only when at least
    SMALL plans were added, removed or changed since its last publication (E508). The plans'
    hashes that tell this stay in the project (.regioplan/, not published, not in git)."""
    record = _record(root, overview)
    if not record.is_file():
        _check_against_the_publication(root, overview)
        return
    before = Counter(json.loads(record.read_text(encoding="utf-8")))
    changed = sum(((before - overview.fingerprints) + (overview.fingerprints - before)).values())
    if changed < SMALL:
        problem = (
            f"sinds de vorige publicatie {'is' if changed == 1 else 'zijn'} {changed} {'plan' if changed == 1 else 'plannen'} "
            f"bijgekomen, weggegaan of veranderd; publiceer pas opnieuw als dat er minstens {SMALL} zijn, anders is uit het "
            "verschil tussen de twee publicaties af te lezen wat één praktijk koos; laat --publish weg voor alleen het overzicht"
        )
        raise DataError([Diagnostic(Position(f"{MONITOR_DIR}/{overview.slug}.yml"), "E508", problem)])


def _check_against_the_publication(root: Path, overview: Overview) -> None:
    """Without the record of the last publication (a fresh clone, CI, another computer) which plans
    changed is unknown; only a number of plans that differs by at least SMALL from the published
    one is certain to change at least SMALL plans."""
    previous = Path(root) / MONITOR_DIR / f"{overview.slug}.yml"
    if not previous.is_file():
        return  # the first publication
    try:
        published_plans = int(str(yaml.safe_load(previous.read_text(encoding="utf-8"))["plannen"]))
    except (OSError, ValueError, TypeError, KeyError, yaml.YAMLError):
        published_plans = None
    if published_plans is not None and abs(overview.plans - published_plans) >= SMALL:
        return
    problem = (
        f"de vorige publicatie is niet op deze computer gemaakt, of haar vingerafdrukken ({STATE_ROOT}/monitor/) ontbreken: "
        "welke plannen sindsdien veranderden, is dan niet te zien; publiceer vanaf de computer van de vorige publicatie, "
        f"of pas als er minstens {SMALL} plannen meer of minder zijn dan de vorige keer; laat --publish weg voor alleen het overzicht"
    )
    raise DataError([Diagnostic(Position(f"{MONITOR_DIR}/{overview.slug}.yml"), "E508", problem)])


def publish(root: Path, overview: Overview) -> Path:
    """Write the shown counts into the project (data/monitor/<region>.yml), for the region's page,
    and remember which plans they came from; `check_publishable` first."""
    check_publishable(root, overview)
    data = MonitorOverview.model_validate(published(overview)).model_dump(mode="json", exclude_none=True)
    target = Path(root) / MONITOR_DIR / f"{overview.slug}.yml"
    target.parent.mkdir(parents=True, exist_ok=True)
    text = (
        "# yaml-language-server: $schema=../../schema/monitor.schema.json\n"
        "# Written by `regioplan monitor --publish`: rounded counts only, no practice.\n"
        + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=120)
    )
    write_whole(target, text.encode("utf-8"))
    record = _record(root, overview)
    record.parent.mkdir(parents=True, exist_ok=True)
    write_whole(record, json.dumps(sorted(overview.fingerprints.elements())).encode("utf-8"))
    return target
