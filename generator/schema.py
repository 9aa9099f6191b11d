"""JSON Schema for the data files and the practice plan file, generated from the models.

Editors with the YAML language server read the `# yaml-language-server: $schema=…` line at the
top of each data file and then complete field names and flag mistakes while the author types.
The schema files are committed; a test fails when they differ from the models.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path

from .models import Catalogue, EarlierRegion, Glossary, Leidraad, MonitorOverview, PracticePlan, Region, Sources

SCHEMA_DIR = "schema"
SCHEMAS = {
    "afkortingen.schema.json": Glossary,
    "bronnen.schema.json": Sources,
    "catalogus.schema.json": Catalogue,
    "leidraad.schema.json": Leidraad,
    "monitor.schema.json": MonitorOverview,
    "regio.schema.json": Region,
    # An earlier version of a region's plan, in data/regios/<region>/.
    "regio-versie.schema.json": EarlierRegion,
    # The file the plan builder saves and `regioplan check-plan` reads.
    "praktijkplan.schema.json": PracticePlan,
}


@functools.cache
def schemas() -> dict[str, str]:
    """File name to schema text, deterministic so the committed copies can be compared.

    Cached: the models cannot change while the program runs.
    """
    return {
        name: json.dumps(model.model_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n" for name, model in SCHEMAS.items()
    }


def write_schemas(root: Path) -> list[Path]:
    folder = Path(root) / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in schemas().items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
