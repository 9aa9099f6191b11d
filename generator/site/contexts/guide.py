"""The field reference of the author guide, generated from the models.

Each data file's model and every model inside it gets a table: field, kind of value, required
or not, what it means (the field's description), and an example taken from the real data where
one exists. The reference can therefore never fall behind the code.
"""

from __future__ import annotations

import datetime as dt
import json
import types
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from generator.data.schema import SCHEMAS
from generator.models import models_in

from .base import PageBuilder, PageContext, link

PAGE = "handleiding/velden.md"  # the overview; a page per data file beside it (FOLDER/<schema>.md)
FOLDER = "handleiding/velden"
FILES = {
    "afkortingen.schema.json": "data/afkortingen.yml",
    "bronnen.schema.json": "data/bronnen.yml",
    "catalogus.schema.json": "data/catalogus.yml",
    "leidraad.schema.json": "data/leidraad/<id>.yml",
    "monitor.schema.json": "data/monitor/<regio>.yml (geschreven door regioplan monitor --publish)",
    "regio.schema.json": "data/regios/<id>.yml",
    "regio-versie.schema.json": "data/regios/<id>/<versie>.yml (een eerdere versie van het regioplan)",
    "praktijkplan.schema.json": "praktijkplan-<regio>.json (opgeslagen door de planbouwer)",
    "verplichtingen.schema.json": "data/verplichtingen/<bron>.yml (wat een bron van een praktijk vraagt, zin voor zin)",
}
SCALARS = {str: "tekst", int: "geheel getal", float: "getal", bool: "true of false", dt.date: "datum (JJJJ-MM-DD)"}


def _anchor(model: type[BaseModel]) -> str:
    return "model-" + model.__name__.lower()


def describe(annotation: Any) -> tuple[str, list[type[BaseModel]]]:
    """A Dutch description of a field's type, and the models it refers to."""
    origin = typing.get_origin(annotation)
    args = typing.get_args(annotation)
    if origin is typing.Annotated:
        base, *meta = args
        if base is str and any(getattr(m, "pattern", None) for m in meta):
            return "id (kleine letters, cijfers, koppeltekens)", []
        return describe(base)
    if origin in (typing.Union, types.UnionType):
        parts = [describe(a) for a in args if a is not type(None)]
        return " of ".join(p[0] for p in parts) + (" (mag leeg)" if type(None) in args else ""), [m for p in parts for m in p[1]]
    if origin is typing.Literal:
        return "een van: " + ", ".join(str(a) for a in args), []
    if origin is list:
        inner, models = describe(args[0])
        return f"lijst van {inner}", models
    if origin is dict:
        inner, models = describe(args[1])
        return f"blok met per sleutel {inner}", models
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return "blok", [annotation]  # the page links the block's own table next to this word
    return SCALARS.get(annotation, getattr(annotation, "__name__", str(annotation))), []


def _places(root: type[BaseModel]) -> dict[type[BaseModel], list[str]]:
    """Every model of a file, in reading order, with the places in the file where it stands: field
    names from the top ('plan', 'interventies[]', 'horde.netwerk_ggz'); the top itself is ''."""
    places: dict[type[BaseModel], list[str]] = {root: [""]}
    queue = [root]
    while queue:
        current = queue.pop(0)
        parent = places[current][0]
        for name, info in current.model_fields.items():
            origin = typing.get_origin(info.annotation)
            suffix = "[]" if origin is list or list in typing.get_args(info.annotation) else ""
            for model in describe(info.annotation)[1]:
                place = f"{parent}.{name}{suffix}".lstrip(".")
                if model not in places:
                    places[model] = []
                    queue.append(model)
                if place not in places[model]:
                    places[model].append(place)
    return places


def _place_name(places: list[str]) -> str:
    """How the reference names a block: its place in the file, in words an author looks for."""
    if places == [""]:
        return "het bestand zelf (bovenste niveau)"
    named = [p for p in places if p]
    parents = {p.rpartition(".")[0] for p in named}
    if len(named) > 1 and len(parents) == 1:
        return f"{parents.pop()}.…" if parents != {""} else " of ".join(named)
    return named[0] + (f" (en op {len(named) - 1} andere plekken)" if len(named) > 1 else "")


def _example(values: Iterable[Any]) -> str:
    """The first real value, written as a YAML author would read it (JSON is valid YAML), or ''.
    Read one by one: most fields have a value in the first few of their thousands of instances."""
    for value in values:
        if value in (None, [], {}, ""):
            continue
        if isinstance(value, BaseModel):
            value = value.model_dump(mode="json", exclude_defaults=True)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            value = [value[0].model_dump(mode="json", exclude_defaults=True)]
        elif isinstance(value, dt.date):
            value = value.isoformat()
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        text = " ".join(text.split())
        return text if len(text) <= 90 else text[:87] + "…"
    return ""


def _instances(project) -> dict[type, list[BaseModel]]:
    """Every model instance in the project's data, by model, to take examples from."""
    found: dict[type, list[BaseModel]] = {}
    for _, instance in models_in([project.sources, project.catalogue, *project.leidraden.values(), *project.regions.values()]):
        found.setdefault(type(instance), []).append(instance)
    return found


class GuidePages(PageBuilder):
    def all(self) -> list[PageContext]:
        return self.field_reference()

    def field_reference(self) -> list[PageContext]:
        """An overview and a page per data file (one page held them all: 204 KB)."""
        instances_by_model = _instances(self.lookups.project)
        files, pages = [], []
        for schema_name, model in SCHEMAS.items():
            page = f"{FOLDER}/{schema_name.removesuffix('.schema.json')}.md"
            places = _places(model)
            sections = []
            for current, where in places.items():
                instances = instances_by_model.get(current, [])
                rows = []
                for name, info in current.model_fields.items():
                    kind, refs = describe(info.annotation)
                    # pydantic keeps a field's own constraints (such as the slug pattern) apart.
                    if any(getattr(m, "pattern", None) for m in info.metadata):
                        kind = kind.replace("tekst", "id (kleine letters, cijfers, koppeltekens)", 1)
                    rows.append(
                        {
                            "veld": name,
                            "soort": kind,
                            "verplicht": "ja" if info.is_required() else "nee",
                            "uitleg": info.description or "",
                            "voorbeeld": _example(getattr(i, name) for i in instances),
                            "verwijzingen": [{"naam": _place_name(places[r]), "href": link(page, page, _anchor(r))} for r in refs],
                        }
                    )
                sections.append(
                    {"naam": _place_name(where), "anchor": _anchor(current), "uitleg": (current.__doc__ or "").strip(), "velden": rows}
                )
            context = {
                "bestand": FILES[schema_name],
                "schema": link(page, f"schema/{schema_name}"),
                "schema_naam": schema_name,
                "modellen": sections,
                "overzicht": link(page, PAGE),
            }
            # In the menu by the file's path alone, without what the file is for.
            pages.append(PageContext(page, "handleiding/velden-bestand.md.j2", context, menu=FILES[schema_name].split(" (")[0]))
            files.append({"bestand": FILES[schema_name], "href": link(PAGE, page)})
        return [PageContext(PAGE, "handleiding/velden.md.j2", {"bestanden": files}), *pages]
