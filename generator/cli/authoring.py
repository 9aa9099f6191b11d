"""Warnings for authors: data that validates but is probably not what they meant.

Each warning points into the file (W402-W405) and never stops a build, unless `check --strict`:
a starter file's placeholder left in, a plan period outside the years of the leidraad version
it follows, a one-line list that a comma split in two, a source document nothing refers to.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from generator.cli.scaffold import PLACEHOLDERS
from generator.data.crosscheck import derived_from, source_refs
from generator.data.load import LoadedFile
from generator.data.project import Project
from generator.data.projectdata import REGIONS_DIR, SOURCES_FILE
from generator.errors import Diagnostic
from generator.rules.period import years


def _strings(value: Any, loc: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """Every text in a loaded file's data, with its path."""
    if isinstance(value, str):
        yield loc, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, (*loc, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, (*loc, i))


def _placeholders(loaded: LoadedFile) -> Iterator[Diagnostic]:
    for loc, text in _strings(loaded.data):
        for placeholder in PLACEHOLDERS:
            if placeholder in text:
                yield Diagnostic(
                    loaded.position(loc),
                    "W402",
                    f"'{placeholder}' komt uit het startbestand; vervang het door wat het plan zegt, of verwijder het veld",
                    severity="warning",
                )


def _split_lists(loaded: LoadedFile) -> Iterator[Diagnostic]:
    for loc in loaded.split_lists:
        yield Diagnostic(
            loaded.position(loc),
            "W404",
            "deze lijst staat op één regel tussen [ ]: elke komma begint een nieuw punt. "
            "Bedoelt u één tekst, zet die dan tussen aanhalingstekens",
            severity="warning",
        )


def _documents_used(project: Project) -> set[str]:
    """Every document a data file cites: in a source reference, as a plan or leidraad document, or
    as the source a rule was reconstructed from."""
    models = [project.catalogue, *project.leidraden.values(), *project.regions.values()]
    used = {ref.document for model in models for _, ref in source_refs(model)}
    used |= {document for model in models for _, document in derived_from(model)}
    used |= {region.plan.document for region in project.regions.values()}
    return used | {leidraad.document for leidraad in project.leidraden.values() if leidraad.document}


def warnings(project: Project) -> list[Diagnostic]:
    found: list[Diagnostic] = []
    for region in project.regions.values():
        loaded = project.file_of(REGIONS_DIR, region.id)
        found += _placeholders(loaded)
        leidraad = project.leidraden[region.plan.leidraad]
        plan = region.plan
        last = plan.periode_tot or plan.periode_van  # an open end is read as the first year only
        first = plan.periode_van or plan.periode_tot  # an unstated start, as the last year only
        if leidraad.geldig_voor and last and (last < min(leidraad.geldig_voor) or first > max(leidraad.geldig_voor)):
            found.append(
                Diagnostic(
                    loaded.position(("plan", "leidraad")),
                    "W403",
                    f"het plan loopt {years(plan.periode_van, plan.periode_tot)}, maar leidraad versie {leidraad.versie} geldt voor "
                    f"{years(min(leidraad.geldig_voor), max(leidraad.geldig_voor))}; kies de versie die het plan zelf volgt "
                    "(de toetsing gebruikt haar regels)",
                    severity="warning",
                )
            )
    for loaded in project.files.values():
        found += _split_lists(loaded)
    sources = project.files[SOURCES_FILE]
    found += _placeholders(sources)
    used = _documents_used(project)
    for i, document in enumerate(project.sources.documenten):
        if document.id not in used:
            found.append(
                Diagnostic(
                    sources.position(("documenten", i, "id")),
                    "W405",
                    f"brondocument '{document.id}' wordt door geen enkel gegeven gebruikt; verwijder het als de regio weg is",
                    severity="warning",
                )
            )
    return sorted(found)
