"""JSON Schema for the data files and the practice plan file, generated from the models.

Editors with the YAML language server read the `# yaml-language-server: $schema=…` line at the
top of each data file and then complete field names and flag mistakes while the author types.
The schema files are committed; a test fails when they differ from the models.

The site publishes them too (open data). So that a first build need not make them (pydantic takes
about 0.1 CPU-s), the package carries them in `schemas.json` with a digest of the models' code
and pydantic's version; `regioplan schema` in regioplan's own repository writes that file beside
the editors' copies.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
from pathlib import Path

import pydantic
import pydantic_core

from generator import models
from generator.data.projectdata import CACHE_ROOT
from generator.files import carried_in, write_carried, write_whole
from generator.models import Catalogue, EarlierRegion, Glossary, Ledger, Leidraad, MonitorOverview, PracticePlan, Region, Sources

SCHEMA_DIR = "schema"
SCHEMAS = {
    "afkortingen.schema.json": Glossary,
    "bronnen.schema.json": Sources,
    "catalogus.schema.json": Catalogue,
    "leidraad.schema.json": Leidraad,
    "monitor.schema.json": MonitorOverview,
    "verplichtingen.schema.json": Ledger,
    "regio.schema.json": Region,
    # An earlier version of a region's plan, in data/regios/<region>/.
    "regio-versie.schema.json": EarlierRegion,
    # The file the plan builder saves and `regioplan check-plan` reads.
    "praktijkplan.schema.json": PracticePlan,
}


CACHE_DIR = f"{CACHE_ROOT}/schema"
SHIPPED = Path(__file__).with_name("schemas.json")  # package data, written by `write_schemas`


@functools.cache
def schemas() -> dict[str, str]:
    """File name to schema text, deterministic so the committed copies can be compared.

    Cached: the models cannot change while the program runs.
    """
    return {
        name: json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n" for name, model in SCHEMAS.items()
    }


def published_schemas(root: Path) -> dict[str, str]:
    """`schemas()`: as the package carries them when they were made from this code by this pydantic,
    else kept in the project's cache between builds (made again only when either changes)."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        shipped = json.loads(SHIPPED.read_text(encoding="utf-8"))
        if (shipped["code"], shipped["pydantic"]) == (_models_key(), _pydantic()):
            return shipped["schemas"]
    entry = Path(root) / CACHE_DIR / f"{_cache_key()}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(entry.read_text(encoding="utf-8"))
    made = schemas()
    with contextlib.suppress(OSError):  # no writable cache: made again next time
        entry.parent.mkdir(parents=True, exist_ok=True)
        write_whole(entry, json.dumps(made, ensure_ascii=False).encode("utf-8"))
        for earlier in entry.parent.glob("*.json"):  # made by earlier code: never read again
            if earlier != entry:
                earlier.unlink()
    return made


@functools.cache
def _models_key() -> str:
    """The code the schemas are made from: the models and this module."""
    digest = hashlib.sha256()
    for source in (models.__file__, __file__):
        digest.update(Path(source).read_bytes())
    return digest.hexdigest()


def _pydantic() -> str:
    """The versions that write the schemas' text (one version wrote `0` where another writes `0.0`)."""
    return f"{pydantic.VERSION} {pydantic_core.__version__}"


def _cache_key() -> str:
    return hashlib.sha256(f"{_pydantic()} {_models_key()}".encode()).hexdigest()


def write_schemas(root: Path) -> list[Path]:
    """The editors' copies in the project's schema/; in regioplan's own repository (the folder
    that holds the package) also the copy the package carries, never in an installed package."""
    folder = Path(root) / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    if carried_in(SHIPPED, root):  # <repository>/generator/data/schemas.json
        carried = {"code": _models_key(), "pydantic": _pydantic(), "schemas": schemas()}
        write_carried(SHIPPED, (json.dumps(carried, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8"))
        written.append(SHIPPED)
    return written
