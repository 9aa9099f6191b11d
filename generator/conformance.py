"""The conformance check: does a regioplan meet the rules it must meet?

Two sets of rules apply to a regioplan, and both come from data, never from code written for a
particular region:

- the groeimodel of the leidraad version the plan follows (`plan.leidraad`): how many
  interventions the region offers per kernelement, whether its offer lets a practice meet the
  yearly minimums, and that staff capacity is never the only choice. A plan is judged by its own
  version; where that version's groeimodel is not in the data, the verdict says so instead of
  applying another version's rules;
- the region's own rules (`regels`), which the region's own offer must make possible.

Rules about individual practice plans (deepening needs a justification, trainings count one
year, …) are not judged here: a regioplan cannot break them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .errors import Diagnostic
from .models import Region, RegionIntervention, SourceRef
from .project import REGIONS_DIR, Project

Outcome = Literal["voldoet", "voldoet niet", "niet te beoordelen"]
# Statuses under which a practice in the region can actually choose the intervention.
OFFERED = {"verplicht", "aangeboden-met-ondersteuning", "aangeboden-zonder-ondersteuning"}


@dataclass(frozen=True)
class Verdict:
    region: str
    rule: str  # what is required, in Dutch
    origin: str  # where the rule comes from: a leidraad version or the region's own plan
    outcome: Outcome
    reason: str  # why, naming what was counted
    source: SourceRef | None
    loc: tuple  # where in the region file a reader should look


class _Offer:
    """The region's offer, by kernelement, for counting."""

    def __init__(self, project: Project, region: Region):
        national = {v.id: v for v in project.catalogue.interventies}
        own = {v.id: v for v in region.eigen_interventies}
        self.names = {v.id: v.naam for v in project.catalogue.interventies} | {v.id: v.naam for v in region.eigen_interventies}
        self.kernel_names = {k.id: k.naam for k in project.catalogue.kernelementen}
        self.by_kernel: dict[str, list[RegionIntervention]] = {}
        for choice in region.interventies:
            if choice.status not in OFFERED:
                continue
            kernel = own[choice.interventie].kernelement if choice.interventie in own else national[choice.interventie].kernelement
            self.by_kernel.setdefault(kernel, []).append(choice)
        self.variant_names = {(v.id, x.id): x.naam for v in project.catalogue.interventies for x in v.varianten}

    def label(self, choice: RegionIntervention) -> str:
        if choice.naam:
            return choice.naam
        if choice.variant:
            return self.variant_names[(choice.interventie, choice.variant)]
        return self.names[choice.interventie]

    def listing(self, kernel: str) -> str:
        chosen = self.by_kernel.get(kernel, [])
        return ", ".join(self.label(c) for c in chosen) if chosen else "geen"

    def count(self, kernel: str) -> int:
        return len(self.by_kernel.get(kernel, []))


def _needed_for_years(years) -> int:
    """Distinct interventions a practice must be able to pick to meet every year's minimum.

    New ones add up over the years; 'actief' asks for that many at once; continuing or
    deepening needs nothing new.
    """
    new = sum(y.minimaal for y in years if y.eis == "nieuw")
    running = max((y.minimaal for y in years if y.eis == "actief"), default=0)
    return max(new, running)


def check_region(project: Project, region: Region) -> list[Verdict]:
    offer = _Offer(project, region)
    leidraad = project.leidraden[region.plan.leidraad]
    origin = f"leidraad versie {leidraad.versie}"
    verdicts: list[Verdict] = []

    def verdict(rule, origin, ok, reason, source, loc):
        verdicts.append(Verdict(region.id, rule, origin, "voldoet" if ok else "voldoet niet", reason, source, loc))

    if leidraad.groeimodel is None:
        verdicts.append(
            Verdict(
                region.id,
                "groeimodel van de leidraad",
                origin,
                "niet te beoordelen",
                f"het plan volgt {leidraad.titel}; het groeimodel van die versie staat niet in de gegevens, "
                "en een andere versie wordt er niet op toegepast",
                None,
                ("plan", "leidraad"),
            )
        )
    else:
        model = leidraad.groeimodel
        for growth in model.kernelementen:
            name = offer.kernel_names[growth.kernelement]
            count = offer.count(growth.kernelement)
            if growth.aanbod_minimaal:
                verdict(
                    f"{name}: de regio biedt minimaal {growth.aanbod_minimaal} interventies aan",
                    origin,
                    count >= growth.aanbod_minimaal,
                    f"aangeboden: {count} ({offer.listing(growth.kernelement)})",
                    growth.bron,
                    ("interventies",),
                )
            needed = _needed_for_years(growth.jaren)
            if needed > (growth.aanbod_minimaal or 0):
                verdict(
                    f"{name}: het aanbod maakt de jaarminimums haalbaar ({needed} verschillende interventies)",
                    origin,
                    count >= needed,
                    f"aangeboden: {count} ({offer.listing(growth.kernelement)})",
                    growth.bron,
                    ("interventies",),
                )
        for rule in model.regels:
            if rule.soort == "nooit-enige":
                others = sum(offer.count(k) for k in offer.by_kernel if k != rule.kernelement)
                verdict(
                    rule.titel,
                    origin,
                    others > 0,
                    f"de regio biedt {others} interventies buiten {offer.kernel_names[rule.kernelement]} aan",
                    rule.bron,
                    ("interventies",),
                )

    for index, rule in enumerate(region.regels):
        loc = ("regels", index)
        if rule.soort == "verplicht":
            mandatory = {c.interventie for c in region.interventies if c.status == "verplicht"}
            missing = [offer.names[i] for i in rule.interventies if i not in mandatory]
            problems = [f"niet als verplicht aangeboden: {', '.join(missing)}"] if missing else []
            if rule.intervisie and region.intervisie is None:
                problems.append("het plan beschrijft geen intervisie")
            verdict(
                rule.titel,
                "regioplan",
                not problems,
                "; ".join(problems) or "alle genoemde onderdelen zijn verplicht in het aanbod",
                rule.bron,
                loc,
            )
        else:
            kernels = rule.kernelementen
            counts = {k: offer.count(k) for k in kernels}
            counted_interventions = sum(1 for i in rule.interventies for cs in offer.by_kernel.values() for c in cs if c.interventie == i)
            if rule.soort == "minimaal-aantal":
                total = sum(counts.values()) + counted_interventions
                ok, reason = (
                    total >= rule.minimaal,
                    f"aangeboden in {', '.join(offer.kernel_names[k] for k in kernels) or 'de genoemde interventies'}: {total}",
                )
            else:  # keuze-uit-kernelementen: one of the kernelementen must offer enough
                ok = any(n >= rule.minimaal for n in counts.values())
                reason = "; ".join(f"{offer.kernel_names[k]}: {n} aangeboden" for k, n in counts.items())
            verdict(rule.titel, "regioplan", ok, reason, rule.bron, loc)
    return verdicts


def check_project(project: Project) -> list[Verdict]:
    return [v for region in sorted(project.regions.values(), key=lambda r: r.naam) for v in check_region(project, region)]


def warnings(project: Project) -> list[Diagnostic]:
    """Failed rules as warnings for `regioplan check` (errors with --strict)."""
    found = []
    for v in check_project(project):
        if v.outcome != "voldoet niet":
            continue
        position = project.file_of(REGIONS_DIR, v.region).position(v.loc)
        found.append(Diagnostic(position, "W401", f"regioplan voldoet niet aan '{v.rule}' ({v.origin}): {v.reason}", severity="warning"))
    return found
