"""A project's data: where its files are kept, and the validated `Project` they make.

Its own module near the bottom of the imports, so that the cross-file checks and every later
stage can use both without importing the loader (crosscheck and project used to import each
other).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from generator.data.load import LoadedFile
from generator.models import Catalogue, EarlierRegion, Glossary, Ledger, Leidraad, MonitorOverview, Region, Sources

SOURCES_FILE = "data/bronnen.yml"
GLOSSARY_FILE = "data/afkortingen.yml"
CATALOGUE_FILE = "data/catalogus.yml"
LEIDRAAD_DIR = "data/leidraad"
REGIONS_DIR = "data/regios"
LEDGER_DIR = "data/verplichtingen"
# Overviews published by `regioplan monitor --publish`, one per region.
MONITOR_DIR = "data/monitor"
# What builds keep between runs (PDFs, compiled templates, schemas), in the project and never in
# the user's home (as Material keeps its social cards). It may always be deleted.
CACHE_ROOT = ".cache/regioplan"
# What commands remember that is not a cache (deleting it changes what they allow): kept out of
# data/, which is published, and out of git (.gitignore).
STATE_ROOT = ".regioplan"


@dataclass
class Project:
    """Everything the site is made from, validated."""

    root: Path
    sources: Sources
    catalogue: Catalogue
    leidraden: dict[str, Leidraad]
    regions: dict[str, Region]
    # The loaded files, so cross-file checks can point at positions.
    files: dict[str, LoadedFile] = field(default_factory=dict, repr=False)
    # The abbreviations the site explains and search knows; a project may have none.
    glossary: Glossary = field(default_factory=lambda: Glossary(afkortingen=[]))
    monitors: dict[str, MonitorOverview] = field(default_factory=dict)
    # Earlier versions of regions' plans: region id -> file path (data/regios/<region>/*.yml) -> data.
    earlier_versions: dict[str, dict[str, EarlierRegion]] = field(default_factory=dict)
    # What each source asks of a practice, and what the product does with it: source id -> ledger.
    ledgers: dict[str, Ledger] = field(default_factory=dict)

    @functools.cached_property
    def plans_by_document(self) -> dict[str, list[Region]]:
        """The regions that name each document as their plan: one, as a rule (made once: the
        project does not change after loading)."""
        plans: dict[str, list[Region]] = {}
        for region in self.regions.values():
            plans.setdefault(region.plan.document, []).append(region)
        return plans

    def earlier_version(self, region: Region, version) -> EarlierRegion | None:
        """The data of one entry of a region's `versiegeschiedenis`, if an earlier-version file holds it."""
        for earlier in self.earlier_versions.get(region.id, {}).values():
            if (earlier.plan.versie, earlier.plan.datum) == (version.versie, version.datum):
                return earlier
        return None

    def file_of(self, folder: str, item_id: str) -> LoadedFile:
        """The loaded file of a leidraad version or region, by id."""
        for suffix in (".yml", ".yaml"):
            if (found := self.files.get(f"{folder}/{item_id}{suffix}")) is not None:
                return found
        raise KeyError(item_id)
