"""Stage 2, validate: per file against its model, then across files.

Per-file validation turns pydantic's collected errors into positioned diagnostics with stable
codes. The cross-file pass (like MkDocs' post_validation) checks what one file cannot know
alone: that referenced interventions, kernelementen, sources and leidraad versions exist and
that ids are unique.
"""

from __future__ import annotations

import difflib
import os
import typing
from collections.abc import Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from generator.data.load import LoadedFile
from generator.dutch import dutch_number
from generator.errors import Diagnostic, invisible

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    str: "tekst",
    int: "een geheel getal",
    float: "een getal",
    bool: "true of false",
    list: "een lijst",
    dict: "een blok met velden",
    type(None): "een lege waarde",
}
_EXPECTED = {
    "string_type": "tekst",
    "int_type": "een geheel getal",
    "float_type": "een getal",
    "bool_type": "true of false",
    "list_type": "een lijst (regels die met '- ' beginnen)",
    "model_type": "een blok met velden",
    "model_attributes_type": "een blok met velden",
    "dict_type": "een blok met velden",
    "date_type": "een datum (JJJJ-MM-DD)",
}


def _all_field_names(model: type[BaseModel], seen: set[type] | None = None) -> set[str]:
    """Every field name in a model tree, for 'did you mean' on misspelt keys."""
    seen = seen if seen is not None else set()
    if model in seen:
        return set()
    seen.add(model)
    names = set(model.model_fields)
    for info in model.model_fields.values():
        for sub in _models_in(info.annotation):
            names |= _all_field_names(sub, seen)
    return names


def _models_in(annotation: Any) -> Iterable[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        yield from _models_in(arg)


def suggestion(word: str, candidates: Iterable[str]) -> str:
    """' (bedoelde u 'x'?)' when a near name exists, else ''.

    Near means similar overall (a typo) or sharing a start of four or more letters (a
    shortened or half-remembered id such as 'positief' for 'positieve-gezondheid').
    """
    names = sorted(set(candidates) - {word})  # a name that exists elsewhere is no suggestion for itself
    close = difflib.get_close_matches(word, names, n=1, cutoff=0.6)
    if not close:
        shared = [(len(os.path.commonprefix([word, name])), name) for name in names]
        length, name = max(shared, default=(0, ""), key=lambda item: item[0])
        close = [name] if length >= 4 else []
    return f" (bedoelde u '{close[0]}'?)" if close else ""


def _describe(value: Any) -> str:
    return _TYPE_NAMES.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = str(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _choices(model: type[BaseModel] | None, loc: tuple) -> list[str]:
    """The allowed values of the field at `loc` in a model tree, when it is a fixed list."""
    annotation: Any = model
    for part in loc:
        if isinstance(part, int):
            continue  # a position in a list: the same model
        models = list(_models_in(annotation))
        info = next((m.model_fields[part] for m in models if part in m.model_fields), None)
        if info is None:
            return []
        annotation = info.annotation
    literals = [a for a in (annotation, *typing.get_args(annotation)) if typing.get_origin(a) is typing.Literal]
    if not literals and typing.get_origin(annotation) is typing.Annotated:
        literals = [a for a in typing.get_args(annotation) if typing.get_origin(a) is typing.Literal]
    return [str(v) for literal in literals for v in typing.get_args(literal)]


def describe_error(error: dict, field_names: set[str], model: type[BaseModel] | None = None) -> tuple[str, str]:
    """(code, Dutch message) for one pydantic error; the caller adds where it is."""
    kind = error["type"]
    loc = tuple(error["loc"])
    name = str(loc[-1]) if loc else ""
    value = error.get("input")
    if kind == "missing":
        choices = _choices(model, loc)
        allowed = f" met een van: {', '.join(choices[:-1])} of {choices[-1]}" if len(choices) > 1 else ""
        return "E101", f"verplicht veld '{name}' ontbreekt; voeg het toe{allowed}"
    if kind == "extra_forbidden":
        if hidden := next((c for c in name if invisible(c)), None):
            # 'naam' with a zero-width space in it prints as 'naam': say what cannot be seen.
            return "E102", f"veldnaam '{name}' bevat een onzichtbaar teken (U+{ord(hidden):04X}); typ de naam opnieuw zonder dat teken"
        return "E102", f"onbekend veld '{name}'{suggestion(name, field_names)}; verwijder of hernoem het"
    if kind in _EXPECTED:
        hint = "; zet de waarde tussen aanhalingstekens" if kind == "string_type" and isinstance(value, (int, float, bool)) else ""
        return "E103", f"'{name}' moet {_EXPECTED[kind]} zijn, niet {_describe(value)}{hint}"
    if kind == "literal_error":
        expected = str(error.get("ctx", {}).get("expected", "")).replace(" or ", " of ")
        if isinstance(value, (dict, list)):  # not a wrong word but a wrong kind of value
            return "E103", f"'{name}' moet een woord zijn, niet {_describe(value)}; kies uit {expected}"
        return "E104", f"ongeldige waarde '{_short(value)}' voor '{name}'; kies uit {expected}"
    if kind == "string_pattern_mismatch":
        return (
            "E105",
            f"ongeldige id '{_short(value)}' in '{name}': gebruik alleen kleine letters, cijfers en enkele koppeltekens (zoals 'triage-training')",
        )
    if kind in ("string_too_short", "too_short"):
        return "E106", f"'{name}' mag niet leeg zijn"
    if kind in _LIMITS:
        limit = next(iter(error.get("ctx", {}).values()), "")
        return "E106", f"'{name}' {_LIMITS[kind].format(limit=_limit_words(limit))}"
    if kind == "value_error":
        return "E107", f"ongeldige waarde voor '{name}': {error['ctx']['error']}"
    # pydantic's own message is English: say what is known in Dutch, and its kind for a search.
    return "E199", f"ongeldige waarde voor '{name}' ({kind}); vergelijk de waarde met het voorbeeld in de veldenlijst van de handleiding"


def _limit_words(limit: Any) -> str:
    """A limit as a Dutch reader writes it: 1e9 -> '1.000.000.000', but a year or count as it is (2100)."""
    if isinstance(limit, float) and limit.is_integer():
        limit = int(limit)
    if isinstance(limit, int) and abs(limit) < 10_000:
        return str(limit)
    return dutch_number(limit) if isinstance(limit, (int, float)) else str(limit)


# A value beyond a limit of its field, in the author's words.
_LIMITS = {
    "string_too_long": "is te lang: hoogstens {limit} tekens; kort de tekst in",
    "too_long": "heeft te veel onderdelen: hoogstens {limit}",
    "greater_than_equal": "moet minstens {limit} zijn",
    "greater_than": "moet groter zijn dan {limit}",
    "less_than_equal": "mag hoogstens {limit} zijn",
    "less_than": "moet kleiner zijn dan {limit}",
}


def _diagnostic(error: dict, loaded: LoadedFile, field_names: set[str], model: type[BaseModel]) -> Diagnostic:
    code, message = describe_error(error, field_names, model)
    return Diagnostic(loaded.position(tuple(error["loc"])), code, message)


def validate_file(loaded: LoadedFile, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate one loaded file against its model; every error is reported."""
    if not isinstance(loaded.data, dict):
        return None, [Diagnostic(loaded.position(), "E103", f"het bestand moet een blok met velden zijn, niet {_describe(loaded.data)}")]
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        names = _all_field_names(model)
        return None, [_diagnostic(e, loaded, names, model) for e in exc.errors(include_url=False)]
