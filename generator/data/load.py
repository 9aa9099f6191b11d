"""Stage 1, load: read YAML files into plain Python values, remembering where each came from.

PyYAML's own loader is unsuitable for hand-written data: it keeps the last of two duplicate
keys, reads YAML 1.1 booleans (`NO` becomes False), octal-looking numbers (`0123` becomes 83),
sexagesimals and dates as something other than what the author typed. So we only let PyYAML
*compose* the node tree (with no implicit type resolution at all) and build the values
ourselves, with a deliberately small YAML 1.2-like rule set: anything that YAML 1.1 would
silently convert is an error that asks the author to quote the value.

Every value's position is recorded under its path (a tuple of keys and list indices), so later
stages can report `file:line:col` for any value, as Ansible's YAML objects do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.errors import Diagnostic, Position
from generator.files import InputProblem, read_input

# Beyond this depth a data file is not a plausible plan; refuse it before Python's recursion
# limit turns it into a traceback.
MAX_DEPTH = 40
# The longest list a data file may hold: the largest real one has about 70 items; a region with
# 10,000 interventions would take hours to build and gigabytes for its PDFs.
MAX_ITEMS = 1000

_CANONICAL_INT = re.compile(r"-?(0|[1-9][0-9]*)")
_CANONICAL_FLOAT = re.compile(r"-?(0|[1-9][0-9]*)\.[0-9]+")
# Plain scalars that YAML 1.1 (PyYAML) reads as a bool, null, number or time and that we
# refuse rather than guess: the author must quote them if they mean text.
_YAML11_WORDS = re.compile(r"(?i)(y|n|yes|no|on|off|true|false|null|~)")
_NUMBERISH = re.compile(
    r"[-+]?(\.[0-9_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?"
    r"|0[xXoObB][0-9a-fA-F_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)"
    r"|[-+]?\.(inf|Inf|INF|nan|NaN|NAN)"
)

Path_ = tuple[str | int, ...]


@dataclass
class LoadedFile:
    """A data file's values and the source position of each value, by path."""

    path: str
    data: Any
    positions: dict[Path_, Position] = field(default_factory=dict)
    # One-line lists ([a, b]) of texts where a comma probably split one text in two.
    split_lists: list[Path_] = field(default_factory=list)

    def position(self, loc: Path_ = ()) -> Position:
        """The position of the value at `loc`, or of its nearest enclosing value."""
        loc = tuple(loc)
        while loc and loc not in self.positions:
            loc = loc[:-1]
        return self.positions.get(loc, Position(self.path, 1, 1))


# libyaml's C parser where available (it is in PyYAML's wheels): scanning YAML in pure Python
# was most of the load time. Its composer cannot be hooked, so aliases are found afterwards,
# as a node object reached twice.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _ComposeOnlyLoader(_BaseLoader):
    """Composes nodes without resolving plain scalars to types."""

    # No implicit resolvers: every plain scalar arrives tagged as a string and we decide.
    yaml_implicit_resolvers: dict = {}
    _TAG_OF_KIND = {
        yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    }

    def resolve(self, kind, value, implicit):
        # Without implicit or path resolvers PyYAML's answer is the default tag of the node's kind;
        # given here without its general lookup, asked once per node (at 200 regions 90,000 times).
        return self._TAG_OF_KIND[kind]


# Deeper flow or compact nesting than this is refused before parsing: the C parser would
# recurse on the C stack for every level.
_DEEP_NESTING = re.compile(rf"(?:[\[{{]\s*|-[ \t]+){{{MAX_DEPTH + 1},}}")


class _AliasFound(Exception):
    def __init__(self, position: Position):
        self.position = position


_DEFAULT_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


def _position(path: str, mark: yaml.Mark) -> Position:
    return Position(path, mark.line + 1, mark.column + 1)


def read_text(path: Path, shown: str) -> tuple[str | None, list[Diagnostic]]:
    """Read a file as UTF-8 (a leading BOM is accepted and dropped)."""
    try:
        raw = read_input(path)
    except InputProblem as problem:
        return None, [Diagnostic(Position(shown), "E001", str(problem))]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return None, [
            Diagnostic(
                Position(shown, line, column),
                "E001",
                f"bestand is geen UTF-8 (byte 0x{raw[exc.start]:02x}); sla het op als UTF-8",
            )
        ]


def load_yaml(path: Path, shown: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Load one YAML file; `shown` is the path used in messages."""
    text, problems = read_text(path, shown)
    if text is None:
        return None, problems
    return parse_yaml(text, shown)


# YAML counts these as line breaks, editors do not: line numbers would stop matching. They
# mostly arrive by copying from a PDF or a word processor.
_ODD_LINE_BREAKS = {"\x85": "U+0085", "\u2028": "U+2028", "\u2029": "U+2029"}


def _yaml_lines(text: str) -> list[str]:
    """The lines as YAML counts them: a lone carriage return (old Mac files) also ends a line."""
    return re.split(r"\r\n|\r|\n", text)


def parse_yaml(text: str, shown: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Parse YAML text; returns the loaded file (or None) and every problem found."""
    odd = [
        Diagnostic(
            Position(shown, number, line.index(char) + 1),
            "E011",
            f"ongebruikelijk regeleinde ({name}); vervang het door een gewone regelovergang of een spatie",
        )
        for number, line in enumerate(_yaml_lines(text), start=1)
        for char, name in _ODD_LINE_BREAKS.items()
        if char in line
    ]
    if odd:
        return None, odd
    deep = _DEEP_NESTING.search(text)
    if deep:
        line = text.count("\n", 0, deep.start()) + 1
        column = deep.start() - (text.rfind("\n", 0, deep.start()) + 1) + 1
        return None, [Diagnostic(Position(shown, line, column), "E010", f"waarden zijn dieper genest dan {MAX_DEPTH} niveaus")]
    try:
        root = yaml.compose(text, Loader=_ComposeOnlyLoader)
    except yaml.MarkedYAMLError as exc:
        return None, [_syntax_error(exc, text, shown)]
    except yaml.YAMLError as exc:  # reader errors: control characters and the like
        return None, [Diagnostic(Position(shown, 1, 1), "E002", f"YAML-syntaxfout: {exc}")]
    except RecursionError:
        return None, [Diagnostic(Position(shown, 1, 1), "E010", "waarden zijn te diep genest")]
    if root is None:
        return None, [Diagnostic(Position(shown, 1, 1), "E007", "het bestand is leeg")]
    loaded = LoadedFile(shown, None)
    problems: list[Diagnostic] = []
    try:
        loaded.data = _construct(root, (), loaded, problems, 0, set())
    except _AliasFound as found:
        return None, [
            Diagnostic(found.position, "E008", "ankers en aliassen (&naam, *naam) worden niet ondersteund; schrijf de waarde uit")
        ]
    return (loaded if not problems else None), problems


def _previous_line(lines: list[str], index: int) -> int:
    """1-based number of the last non-blank line before line `index` (0-based), or 0."""
    for number in range(index - 1, -1, -1):
        if lines[number].strip() and not lines[number].lstrip().startswith("#"):
            return number + 1
    return 0


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _explain(problem: str, lines: list[str], index: int, exc: yaml.MarkedYAMLError) -> str:
    """PyYAML's English problem as a Dutch sentence that says what to do, for the line it points at."""
    line = lines[index] if index < len(lines) else ""
    above = _previous_line(lines, index)
    check_above = f" (controleer ook regel {above})" if above else ""
    if "\t" in line:
        return "deze regel springt in met een tab; gebruik spaties"
    if "mapping values are not allowed" in problem:
        if above and _indent(line) > _indent(lines[above - 1]) and re.match(r"\s*[^\s:#-][^:]*:\s*\S", lines[above - 1]):
            return f"deze regel springt verder in dan regel {above}, die al een waarde heeft; zet de regels van één blok even ver in"
        return "de tekst bevat een dubbele punt met een spatie erna (': '); zet de hele tekst tussen aanhalingstekens, bijvoorbeeld titel: \"Jaar 1: start\""
    if "did not find expected key" in problem:
        return f"deze regel springt anders in dan de regels van hetzelfde blok; zet hem even ver in als de regels erboven{check_above}"
    if "did not find expected '-' indicator" in problem:
        return f"deze regel springt anders in dan de lijst erboven; elk item van een lijst begint met '- ' op dezelfde inspringing{check_above}"
    if "did not find expected ',' or ']'" in problem or "did not find expected ',' or '}'" in problem:
        opened = exc.context_mark.line + 1 if exc.context_mark else above
        return f"een lijst of blok tussen haken is niet gesloten; sluit de haak die op regel {opened} opent"
    if "could not find expected ':'" in problem:
        return f"na een sleutel hoort een dubbele punt; schrijf 'sleutel: waarde', of zet doorlopende tekst onder een sleutel met '|'{check_above}"
    if "found character that cannot start any token" in problem:
        return "deze waarde begint met een teken dat YAML niet als tekst leest (zoals @, ` of %); zet de tekst tussen aanhalingstekens"
    if "found unknown escape character" in problem:
        return "een backslash (\\) tussen dubbele aanhalingstekens; gebruik enkele aanhalingstekens of laat de backslash weg"
    if "expected <block end>, but found" in problem:
        return f"deze regel springt minder in dan verwacht; zet hem even ver in als de regels van zijn blok{check_above}"
    return f"YAML kan dit niet lezen ({problem}); controleer inspringing en aanhalingstekens op deze regel{check_above}"


def _syntax_error(exc: yaml.MarkedYAMLError, text: str, shown: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    problem = exc.problem or exc.context or "onleesbare YAML"
    lines = _yaml_lines(text)
    if "end of stream" in problem and exc.context_mark is not None:
        # An unclosed quote or bracket is only noticed at the end of the file; the place
        # where it was opened is what the author needs to see.
        position = _position(shown, exc.context_mark)
        return Diagnostic(position, "E002", "YAML-syntaxfout: aanhalingstekens of haken die hier openen, worden niet gesloten; sluit ze")
    position = _position(shown, mark) if mark else Position(shown)
    return Diagnostic(position, "E002", f"YAML-syntaxfout: {_explain(problem, lines, mark.line if mark else 0, exc)}")


def _construct(node: yaml.Node, loc: Path_, out: LoadedFile, problems: list[Diagnostic], depth: int, seen: set[int]) -> Any:
    here = _position(out.path, node.start_mark)
    if id(node) in seen:  # the composer returns the anchored node again for every alias
        raise _AliasFound(out.positions.get(loc, here))
    seen.add(id(node))
    key_position = out.positions.get(loc, here)  # the key this value belongs to
    out.positions[loc] = here
    if depth > MAX_DEPTH:
        problems.append(Diagnostic(here, "E010", f"waarden zijn dieper genest dan {MAX_DEPTH} niveaus"))
        return None
    if node.tag not in _DEFAULT_TAGS:
        problems.append(Diagnostic(here, "E009", f"YAML-tags zoals '{node.tag}' worden niet ondersteund; laat de tag weg"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar_key(key_node, out.path, problems)
            if key is None:
                continue
            key_position = _position(out.path, key_node.start_mark)
            if key in result:
                first = out.positions[(*loc, key)]
                problems.append(
                    Diagnostic(
                        key_position,
                        "E003",
                        f"sleutel '{key}' komt twee keer voor (eerst op regel {first.line}); verwijder of hernoem er een",
                    )
                )
                continue
            out.positions[(*loc, key)] = key_position  # where an alias found in the value is reported
            result[key] = _construct(value_node, (*loc, key), out, problems, depth + 1, seen)
            # Point at the key for collections: their value starts on the next line.
            if not isinstance(value_node, yaml.ScalarNode):
                out.positions[(*loc, key)] = key_position
        return result
    if isinstance(node, yaml.SequenceNode):
        if len(node.value) > MAX_ITEMS:
            name = next((str(part) for part in reversed(loc) if isinstance(part, str)), "de lijst")
            problems.append(
                Diagnostic(
                    key_position,
                    "E012",
                    f"'{name}' heeft {len(node.value)} onderdelen, meer dan de {MAX_ITEMS} die een lijst in een gegevensbestand mag hebben; "
                    "splits het bestand of controleer of dit het goede bestand is",
                )
            )
            return None
        if node.flow_style and _looks_split(node):
            out.split_lists.append(loc)
        return [_construct(item, (*loc, i), out, problems, depth + 1, seen) for i, item in enumerate(node.value)]
    return _scalar(node, out.path, problems)


def _looks_split(node: yaml.SequenceNode) -> bool:
    """[De webpagina's van ROHA, zonder versienummer.] reads as one text but is two items: plain
    texts (not ids) where a later item starts in lower case, as the rest of a sentence does."""
    items = node.value
    plain = all(isinstance(i, yaml.ScalarNode) and not i.style for i in items)  # libyaml gives "" for plain
    texts = [i.value for i in items] if plain else []
    return len(texts) > 1 and any(" " in t for t in texts) and any(t[:1].islower() for t in texts[1:])


def _scalar_key(node: yaml.Node, path: str, problems: list[Diagnostic]) -> str | None:
    if not isinstance(node, yaml.ScalarNode):
        problems.append(Diagnostic(_position(path, node.start_mark), "E005", "een sleutel moet een naam zijn, geen lijst of blok"))
        return None
    value = _scalar(node, path, problems)
    if not isinstance(value, str):
        problems.append(
            Diagnostic(
                _position(path, node.start_mark), "E005", f"sleutel '{node.value}' moet een naam zijn; zet hem tussen aanhalingstekens"
            )
        )
        return None
    return value


# The longest whole number a data file may hold (Python's own limit for reading one is 4,300 digits).
MAX_DIGITS = 100


def _scalar(node: yaml.ScalarNode, path: str, problems: list[Diagnostic]) -> Any:
    text = node.value
    if node.style:  # quoted, literal (|) or folded (>): always text (plain is None or "")
        return text
    if text in ("", "null", "~"):
        return None
    if text in ("true", "false"):
        return text == "true"
    if _CANONICAL_INT.fullmatch(text):
        if len(text) > MAX_DIGITS:  # Python refuses to read longer numbers (ValueError); no field needs one
            problems.append(
                Diagnostic(
                    _position(path, node.start_mark), "E004", f"een getal van {len(text)} cijfers is geen geldige waarde; kort het in"
                )
            )
            return None
        return int(text)
    if _CANONICAL_FLOAT.fullmatch(text) and str(float(text)) == text.lstrip("+"):
        return float(text)
    if _YAML11_WORDS.fullmatch(text) or _NUMBERISH.fullmatch(text):
        problems.append(Diagnostic(_position(path, node.start_mark), "E004", _ambiguity(text)))
        return None
    return text


def _ambiguity(text: str) -> str:
    """What to write instead of an ambiguous plain value: as text, and as the value it may mean."""
    advice = f'schrijf "{text}" tussen aanhalingstekens als het tekst is'
    if _YAML11_WORDS.fullmatch(text):
        advice += ", of true of false als het ja of nee betekent"
    else:
        try:
            number = float(text.replace("_", ""))
        except ValueError:
            number = None
        if number is not None and abs(number) != float("inf") and number == number:
            meant = str(int(number)) if number.is_integer() and "." not in text else repr(number)
            advice += f", of {meant} als het een getal is (met een punt, zonder voorloopnul of slotnul)"
    return f"de waarde {text} is dubbelzinnig (YAML leest die als iets anders dan tekst); {advice}"
