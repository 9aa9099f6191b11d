"""One region's verdicts as the toetsing shows them, on the region page and under vergelijk/.

Sections in a fixed order (minimale horde, groeimodel, the region's own rules), failures first
within each; the region rules that restate the leidraad listed apart; and for a plan that
follows an older leidraad, what would have to change under the newest one.
"""

from __future__ import annotations

from typing import Any

from generator.models import Region
from generator.rules.conformance import SECTION_INTROS, SECTION_TITLES, Verdict, restated_rules
from generator.rules.plancheck import outcome_order, symbols

from .base import Lookups


def verdict_rows(lookups: Lookups, verdicts: list[Verdict], page: str) -> list[dict[str, Any]]:
    # Outcomes, their order and their symbols as the plan builder shows them (plantoets.js).
    order, symbol = outcome_order(), symbols()
    ordered = sorted(verdicts, key=lambda v: order.index(v.outcome))
    return [
        {
            "regel": v.rule,
            "herkomst": v.origin,
            "uitkomst": f"{symbol[v.outcome]} {v.outcome}" + (" (indicatief)" if v.indicatief else ""),
            "reden": v.reason,
            "noot": v.note,
            "bron": lookups.short_source(v.source, page) if v.source else None,
        }
        for v in ordered
    ]


# How each item of the road to the newest leidraad reads, in this order: what the plan says that does
# not fit first, what it does not show last.
TO_DO_WORDS = {
    "in strijd": "{niet} in strijd met versie {versie}",
    "voldoet niet": "{niet} voldoet niet",
    "niet aangetoond": "niet aangetoond",
}


def verdict_sections(lookups: Lookups, region: Region, page: str) -> dict[str, Any]:
    verdicts = lookups.verdicts(region)
    sections = [
        {
            "titel": title,
            "uitleg": SECTION_INTROS[section],
            "rijen": verdict_rows(lookups, [v for v in verdicts if v.section == section], page),
        }
        for section, title in SECTION_TITLES.items()
    ]
    period = lookups.period(region)
    newest = None
    if period.older_leidraad is not None:
        version = period.newest.versie
        newest = {
            "versie": version,
            "gevolgd": period.older_leidraad.versie,
            "rijen": [
                {
                    "regel": item.rule,
                    "nu": item.now,
                    "te_doen": f"{TO_DO_WORDS[item.status].format(versie=version, niet=symbols()['voldoet niet'])}: {item.advice}",
                    "noot": item.note,
                    "bron": lookups.short_source(item.source, page) if item.source else None,
                }
                for item in sorted(lookups.road_to_newest(region), key=lambda item: list(TO_DO_WORDS).index(item.status))
            ],
        }
    return {
        "secties": [s for s in sections if s["rijen"]],
        "herhaald": [
            {"titel": r.rule.titel, "leidraad": r.leidraad_rule, "minder": r.weaker} for r in restated_rules(lookups.project, region)
        ],
        "naar_nieuwste": newest,
        "symbolen": symbols(),
    }
