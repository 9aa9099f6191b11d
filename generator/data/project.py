"""Loading a whole project: find the data files, load and validate each, then check across them.

The result is one immutable `Project` (generator/data/projectdata.py) that later stages read; nothing
is generated unless the whole project validated (two phases, as in Pelican and MkDocs).
"""

from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Any

from generator.data import crosscheck
from generator.data.load import LoadedFile, parse_yaml, read_text
from generator.data.projectdata import (
    CATALOGUE_FILE,
    GLOSSARY_FILE,
    LEDGER_DIR,
    LEIDRAAD_DIR,
    MONITOR_DIR,
    REGIONS_DIR,
    SOURCES_FILE,
    Project,
)
from generator.data.validate import validate_file
from generator.errors import DataError, Diagnostic, Position, relative, unreadable_folder
from generator.models import Catalogue, EarlierRegion, Glossary, Ledger, Leidraad, MonitorOverview, Region, Sources
from generator.processes import collector_paused

log = logging.getLogger(__name__)


def _data_files(root: Path, folder: str) -> list[Path]:
    """The data files in `folder`; OSError when the folder cannot be listed."""
    directory = root / folder
    if not directory.is_dir():
        return []
    # Everything named *.yml or *.yaml, whatever it is: a folder, a pipe or a broken link with such
    # a name is reported when it is read, never skipped as if absent. Hidden names are an editor's
    # (Emacs' ".#eemland.yml" lock is a broken link), not the author's.
    return sorted(p for p in directory.iterdir() if p.suffix in (".yml", ".yaml") and not p.name.startswith("."))


def _region_folders(root: Path) -> list[Path]:
    directory = root / REGIONS_DIR
    return sorted(p for p in directory.iterdir() if p.is_dir() and p.suffix not in (".yml", ".yaml")) if directory.is_dir() else []


def _one_file_per_name(paths: list[Path], root: Path) -> list[Diagnostic]:
    """eemland.yml and eemland.yaml side by side: one would silently replace the other."""
    seen: dict[str, Path] = {}
    problems = []
    for path in sorted(paths, key=lambda p: (p.stem, p.suffix != ".yml")):  # the usual spelling is the one kept
        if path.stem in seen:
            problems.append(
                Diagnostic(
                    Position(relative(path, root)),
                    "E221",
                    f"heeft dezelfde naam als {relative(seen[path.stem], root)}: er hoort één bestand per naam te zijn; verwijder een van beide",
                )
            )
        seen.setdefault(path.stem, path)
    return problems


@functools.lru_cache(maxsize=512)
def _parsed_and_validated(text: str, shown: str, model) -> tuple[LoadedFile | None, Any, tuple[Diagnostic, ...]]:
    """One file's text parsed and validated. The same text always gives the same result, so the
    preview, which loads the project after every edit, reads again only the files that changed
    (half the load at 50 regions). What it returns is never changed (the models are frozen)."""
    loaded, problems = parse_yaml(text, shown)
    if loaded is None:
        return None, None, tuple(problems)
    value, found = validate_file(loaded, model)
    return loaded, value, tuple(problems + found)


def forget_read_files() -> None:
    """Forget every file read before, as a new process would (for measurements in one process)."""
    _parsed_and_validated.cache_clear()


def load_project(root: Path) -> Project:
    """Load and validate every data file under `root`; raise DataError with all problems."""
    with collector_paused():
        return _load_project(Path(root).resolve())


def _load_project(root: Path) -> Project:
    problems: list[Diagnostic] = []
    files: dict[str, LoadedFile] = {}

    def load(path: Path, model, named_by_id: bool = True):
        shown = relative(path, root)
        if not os.path.lexists(path):  # anything else there (a folder, a broken link) is named when read
            problems.append(Diagnostic(Position(shown), "E001", "bestand ontbreekt; maak het aan"))
            return None
        text, found = read_text(path, shown)
        problems.extend(found)
        if text is None:
            return None
        loaded, value, found = _parsed_and_validated(text, shown, model)
        problems.extend(found)
        if loaded is None:
            return None
        files[shown] = loaded
        if value is not None and named_by_id and hasattr(value, "id") and path.stem != value.id:
            problems.append(
                Diagnostic(
                    loaded.position(("id",)),
                    "E209",
                    f"id '{value.id}' past niet bij de bestandsnaam; noem het bestand {value.id}{path.suffix} of pas de id aan",
                )
            )
        return value

    def listed(folder: str) -> list[Path]:
        try:
            paths = _data_files(root, folder)
        except OSError as exc:
            problems.append(unreadable_folder(folder, exc))
            return []
        problems.extend(_one_file_per_name(paths, root))
        return paths

    sources = load(root / SOURCES_FILE, Sources)
    catalogue = load(root / CATALOGUE_FILE, Catalogue)
    # Optional: a project without a glossary has an empty abbreviations page.
    glossary = load(root / GLOSSARY_FILE, Glossary) if os.path.lexists(root / GLOSSARY_FILE) else Glossary(afkortingen=[])
    leidraden = {v.id: v for p in listed(LEIDRAAD_DIR) if (v := load(p, Leidraad))}
    regions = {v.id: v for p in listed(REGIONS_DIR) if (v := load(p, Region))}
    monitors = {v.regio: v for p in listed(MONITOR_DIR) if (v := load(p, MonitorOverview))}
    ledgers = {v.bron: v for p in listed(LEDGER_DIR) if (v := load(p, Ledger, named_by_id=False))}
    # Earlier versions of a region's plan sit in a folder named after the region, next to its file.
    try:
        region_folders = _region_folders(root)
    except OSError:  # data/regios itself could not be listed: already said above
        region_folders = []
    earlier = {
        folder.name: found
        for folder in region_folders
        if (
            found := {
                relative(p, root): v for p in listed(f"{REGIONS_DIR}/{folder.name}") if (v := load(p, EarlierRegion, named_by_id=False))
            }
        )
    }
    if not leidraden and not problems:
        problems.append(Diagnostic(Position(LEIDRAAD_DIR), "E001", "geen leidraadversie gevonden; voeg een bestand toe"))

    if problems:
        # Cross-file checks on half-loaded data would only add noise; but when only region files
        # failed, the others are sound, and their references (and the intervention ids of the
        # failed files) can be checked now instead of in a second round.
        if sources and catalogue and all(d.position.path.startswith(REGIONS_DIR + "/") for d in problems):
            failed = {d.position.path for d in problems}
            # Regions that validated and sit in a file named after them (E209 aside).
            sound = {
                k: r
                for k, r in regions.items()
                if any(f"{REGIONS_DIR}/{k}{suffix}" in files and f"{REGIONS_DIR}/{k}{suffix}" not in failed for suffix in (".yml", ".yaml"))
            }
            partial = Project(root, sources, catalogue, leidraden, sound, files)
            problems.extend(d for d in crosscheck.check(partial) if d.severity == "error")
            problems.extend(crosscheck.raw_intervention_ids(catalogue, [files[path] for path in sorted(failed) if path in files]))
        raise DataError(problems)
    project = Project(root, sources, catalogue, leidraden, regions, files, glossary or Glossary(afkortingen=[]), monitors, earlier, ledgers)
    problems.extend(crosscheck.check(project))
    errors = [d for d in problems if d.severity == "error"]
    if errors:
        raise DataError(errors)
    log.debug("loaded %d leidraad versions and %d regions", len(leidraden), len(regions))
    return project
