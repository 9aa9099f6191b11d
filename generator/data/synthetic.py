"""Synthetic regions for tests and the benchmark: realistic selections from the real catalogue.

Each region is a YAML text that goes through the same loader and validator as a real one. The
choices are random but seeded, so the same seed always gives the same regions.
"""

from __future__ import annotations

import random

import yaml

from generator.data.project import Project

STATUSES = ["verplicht", "aangeboden", "in-overweging", "niet-aangeboden"]
WEIGHTS = [1, 8, 1, 1]
SUPPORT = ["ja", "nee", "niet-vermeld"]


class _PlainDumper(yaml.SafeDumper):
    """Writes repeated values out in full: our loader refuses YAML anchors and aliases."""

    def ignore_aliases(self, data):  # noqa: ANN001 - PyYAML's signature
        return True


INSURERS = ["Zilveren Kruis", "CZ", "VGZ", "Menzis", "Zorg en Zekerheid", "DSW", "ONVZ"]


def synthetic_region(project: Project, number: int, seed: int = 0) -> tuple[str, str]:
    """(slug, YAML text) of synthetic region `number`."""
    rng = random.Random(f"{seed}-{number}")
    slug = f"synthetische-regio-{number:03d}"
    name = f"Synthetische regio {number:03d}"
    source = {"document": "leidraad-v3", "sectie": "synthetische testgegevens"}
    choices = []
    for intervention in project.catalogue.interventies:
        # Most regions offer most anders-werken items and a few of the others.
        if rng.random() > (0.7 if intervention.kernelement == "anders-werken" else 0.5):
            continue
        variants = [v.id for v in intervention.varianten]
        picked = rng.sample(variants, k=min(len(variants), rng.randint(1, 2))) if variants else [None]
        for variant in picked:
            status = rng.choices(STATUSES, WEIGHTS)[0]
            choice = {"interventie": intervention.id, "status": status, "bron": [source]}
            if variant:
                choice["variant"] = variant
            if rng.random() < 0.6:
                choice["minimale_eis"] = f"De praktijk toont aan dat zij met {intervention.naam.lower()} is begonnen."
                choice["einddoel"] = "De werkwijze is vast onderdeel van de praktijk."
            choice["ondersteund"] = rng.choice(SUPPORT)
            if choice["ondersteund"] == "ja":
                choice["ondersteuning"] = "De RHO organiseert scholing en een bijeenkomst per kwartaal."
            choices.append(choice)
    own = []
    if rng.random() < 0.5:
        own_id = f"eigen-aanpak-{number:03d}"
        own.append(
            {
                "id": own_id,
                "naam": f"Eigen aanpak {number:03d}",
                "kernelement": "anders-werken",
                "verwant_aan": "lean-administratielast",
                "aard": "werkwijze",
                "beschrijving": "Een eigen interventie van deze regio.",
                "bron": source,
            }
        )
        choices.append({"interventie": own_id, "status": "aangeboden", "ondersteund": "ja", "bron": [source]})
    insurer = rng.choice(INSURERS)
    region = {
        "id": slug,
        "naam": name,
        "rho": {"naam": f"RHO {number:03d}"},
        "zorgverzekeraars": [{"naam": insurer, "rol": "preferente zorgverzekeraar"}],
        "plan": {
            "titel": f"Regioplan MTVP {name}",
            "versie": f"{rng.randint(1, 3)}.{rng.randint(0, 9)}",
            "datum": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "status": "definitief",
            "periode_van": 2026,
            "periode_tot": 2027,
            "leidraad": "leidraad-v3",
            "document": "leidraad-v3",
        },
        "contact": {"organisatie": f"RHO {number:03d}", "email": f"mtvp@rho-{number:03d}.example"},
        "samenvatting": f"Het regioplan van {name}, gemaakt voor tests en metingen.",
        "interventies": choices or [{"interventie": "triage-training", "status": "verplicht", "bron": [source]}],
        "eigen_interventies": own,
        "regels": [
            {
                "id": "jaar-1-anders-werken",
                "soort": "minimaal-aantal",
                "jaar": 1,
                "minimaal": 1,
                "kernelementen": ["anders-werken"],
                "titel": "Jaar 1: minimaal één interventie anders werken",
                "toelichting": "Elke praktijk begint met anders werken.",
                "bron": source,
            }
        ],
        "intervisie": {"organisator": f"RHO {number:03d}", "frequentie": f"{rng.randint(2, 4)} keer per jaar", "bron": [source]},
        "praktijkplan": {
            "vorm": "Digitaal formulier",
            "deadline": f"binnen {rng.randint(2, 4)} maanden na de start",
            "onderdelen": [
                {"id": "praktijk", "titel": "Praktijkgegevens", "soort": "praktijkgegevens"},
                {"id": "keuze", "titel": "Gekozen interventies", "soort": "interventies-per-jaar"},
                {"id": "handtekening", "titel": "Ondertekening", "soort": "ondertekening"},
            ],
            "bron": [source],
        },
        "financiering": {
            "tarieven": [
                {
                    "verzekeraar": insurer,
                    "bedrag": round(rng.uniform(2.5, 3.5), 2),
                    "eenheid": "per ingeschreven patiënt (ION) per kwartaal",
                    "jaar": 2026,
                    "bron": source,
                }
            ],
            "bron": [source],
        },
        "tijdlijn": [{"wanneer": "1 januari 2026", "datum": "2026-01-01", "wat": "Start van het plan.", "bron": source}],
    }
    text = "# yaml-language-server: $schema=../../schema/regio.schema.json\n" + yaml.dump(
        region, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False
    )
    return slug, text
