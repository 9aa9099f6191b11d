"""The YAML loader: strict types, positions, and one precise error per kind of bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.data.load import load_yaml, parse_yaml

# No MkDocs build and no browser: the fast tier (./scripts/test -m unit).
pytestmark = pytest.mark.unit


def problems(text: str) -> list[str]:
    loaded, found = parse_yaml(text, "data/x.yml")
    assert loaded is None
    return [str(p) for p in found]


def value(text: str):
    loaded, found = parse_yaml(text, "data/x.yml")
    assert found == []
    return loaded.data


def test_plain_values_follow_a_small_unambiguous_rule_set():
    assert value("a: 3\nb: -4\nc: 2.5\nd: true\ne: false\nf: null\ng:\nh: tekst met spaties\n") == {
        "a": 3,
        "b": -4,
        "c": 2.5,
        "d": True,
        "e": False,
        "f": None,
        "g": None,
        "h": "tekst met spaties",
    }


def test_dates_and_quoted_values_stay_text_exactly_as_typed():
    assert value('datum: 2025-07-01\nversie: "1.10"\ncode: \'0123\'\nja: "NO"\n') == {
        "datum": "2025-07-01",
        "versie": "1.10",
        "code": "0123",
        "ja": "NO",
    }


def test_positions_are_recorded_for_every_value():
    loaded, _ = parse_yaml("a:\n  - x\n  - naam: z\n", "data/x.yml")
    assert str(loaded.position(("a", 1, "naam"))) == "data/x.yml:3:11"
    assert str(loaded.position(("a", 0))) == "data/x.yml:2:5"
    # A missing key falls back to its enclosing value.
    assert str(loaded.position(("a", 1, "ontbreekt"))) == "data/x.yml:3:5"


def test_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "bom.yml"
    path.write_bytes(b"\xef\xbb\xbfnaam: Eemland\n")
    loaded, found = load_yaml(path, "data/bom.yml")
    assert found == [] and loaded.data == {"naam": "Eemland"}


def test_e001_not_utf8(tmp_path: Path):
    path = tmp_path / "latin1.yml"
    path.write_bytes("naam: x\nplaats: Ede\ntekst: caf\xe9\n".encode("latin-1"))
    loaded, found = load_yaml(path, "data/latin1.yml")
    assert loaded is None
    assert [str(p) for p in found] == ["data/latin1.yml:3:11: E001 bestand is geen UTF-8 (byte 0xe9); sla het op als UTF-8"]


def test_e002_syntax_error_names_line_and_column():
    assert problems("a: 1\nb: [1, 2\nc: 3\n") == [
        "data/x.yml:3:2: E002 YAML-syntaxfout: een lijst of blok tussen haken is niet gesloten; sluit de haak die op regel 2 opent"
    ]


def test_e002_tab_indentation_gets_a_hint():
    assert problems("a:\n\t- b\n") == ["data/x.yml:2:1: E002 YAML-syntaxfout: deze regel springt in met een tab; gebruik spaties"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # A colon in unquoted text: the most common mistake when copying a title.
        (
            "id: x\ntitel: Jaar 1: start\n",
            "2:14: E002 YAML-syntaxfout: de tekst bevat een dubbele punt met een spatie erna (': '); "
            'zet de hele tekst tussen aanhalingstekens, bijvoorbeeld titel: "Jaar 1: start"',
        ),
        # A key indented under a key that already has a value.
        (
            "plan:\n  titel: a\n    versie: b\n",
            "3:11: E002 YAML-syntaxfout: deze regel springt verder in dan regel 2, die al een waarde heeft; "
            "zet de regels van één blok even ver in",
        ),
        # A key indented less than its block: the line above is named too.
        (
            "plan:\n  titel: a\n versie: b\n",
            "3:2: E002 YAML-syntaxfout: deze regel springt anders in dan de regels van hetzelfde blok; "
            "zet hem even ver in als de regels erboven (controleer ook regel 2)",
        ),
        # A list item out of line.
        (
            "a:\n  - b: 1\n    c: 2\n   d: 3\n",
            "4:4: E002 YAML-syntaxfout: deze regel springt anders in dan de lijst erboven; "
            "elk item van een lijst begint met '- ' op dezelfde inspringing (controleer ook regel 3)",
        ),
        (
            "a: @x\n",
            "1:4: E002 YAML-syntaxfout: deze waarde begint met een teken dat YAML niet als tekst leest (zoals @, ` of %); "
            "zet de tekst tussen aanhalingstekens",
        ),
    ],
)
def test_e002_yaml_mistakes_are_explained_in_dutch(text, expected):
    assert problems(text) == [f"data/x.yml:{expected}"]


def test_e003_duplicate_key():
    assert problems("naam: a\nid: b\nnaam: c\n") == [
        "data/x.yml:3:1: E003 sleutel 'naam' komt twee keer voor (eerst op regel 1); verwijder of hernoem er een"
    ]


AS_TEXT = 'schrijf "{0}" tussen aanhalingstekens als het tekst is'
AS_NUMBER = ", of {1} als het een getal is (met een punt, zonder voorloopnul of slotnul)"
AS_BOOLEAN = ", of true of false als het ja of nee betekent"


@pytest.mark.parametrize(
    "text, advice",
    [
        ("NO", AS_TEXT + AS_BOOLEAN),
        ("yes", AS_TEXT + AS_BOOLEAN),
        ("Off", AS_TEXT + AS_BOOLEAN),
        ("y", AS_TEXT + AS_BOOLEAN),
        ("True", AS_TEXT + AS_BOOLEAN),
        ("NULL", AS_TEXT + AS_BOOLEAN),
        ("0123", (AS_TEXT + AS_NUMBER).replace("{1}", "123")),
        ("1.10", (AS_TEXT + AS_NUMBER).replace("{1}", "1.1")),
        ("2.50", (AS_TEXT + AS_NUMBER).replace("{1}", "2.5")),
        ("1:20", AS_TEXT),
        ("0x1F", AS_TEXT),
        ("+5", (AS_TEXT + AS_NUMBER).replace("{1}", "5")),
        ("1_000", (AS_TEXT + AS_NUMBER).replace("{1}", "1000")),
        (".inf", AS_TEXT),
        ("1e3", (AS_TEXT + AS_NUMBER).replace("{1}", "1000")),
    ],
)
def test_e004_yaml11_traps_are_errors_not_conversions(text, advice):
    assert problems(f"waarde: {text}\n") == [
        f"data/x.yml:1:9: E004 de waarde {text} is dubbelzinnig (YAML leest die als iets anders dan tekst); " + advice.replace("{0}", text)
    ]


def test_e005_key_must_be_a_name():
    assert problems("1: een\n") == ["data/x.yml:1:1: E005 sleutel '1' moet een naam zijn; zet hem tussen aanhalingstekens"]


def test_e007_empty_file():
    assert problems("# alleen commentaar\n") == ["data/x.yml:1:1: E007 het bestand is leeg"]


def test_e008_aliases_are_refused():
    assert problems("a: &anker x\nb: *anker\n") == [
        "data/x.yml:2:1: E008 ankers en aliassen (&naam, *naam) worden niet ondersteund; schrijf de waarde uit"
    ]


def test_e009_tags_are_refused():
    assert problems("a: !!python/object:os.system x\n") == [
        "data/x.yml:1:4: E009 YAML-tags zoals 'tag:yaml.org,2002:python/object:os.system' worden niet ondersteund; laat de tag weg"
    ]


def test_e010_deep_nesting():
    assert problems("a: " + "[" * 60 + "]" * 60 + "\n") == ["data/x.yml:1:4: E010 waarden zijn dieper genest dan 40 niveaus"]


def test_e010_nesting_far_beyond_any_stack_is_refused_before_parsing():
    assert problems("a: " + "[" * 1_000_000 + "]" * 1_000_000 + "\n") == ["data/x.yml:1:4: E010 waarden zijn dieper genest dan 40 niveaus"]


def test_e012_a_list_longer_than_any_plan_needs_is_refused():
    # 10,000 interventions checked in 19 s but did not build in 15 minutes: a limit, said up front.
    items = "".join(f"  - x{i}\n" for i in range(1001))
    assert problems("a: 1\nlijst:\n" + items) == [
        "data/x.yml:2:1: E012 'lijst' heeft 1001 onderdelen, meer dan de 1000 die een lijst in een gegevensbestand mag hebben; "
        "splits het bestand of controleer of dit het goede bestand is"
    ]
    assert len(value("lijst:\n" + "".join(f"  - x{i}\n" for i in range(1000)))["lijst"]) == 1000


def test_all_problems_in_a_file_are_reported_together():
    assert len(problems("a: NO\nb: 0123\na: x\n")) == 3


def test_e011_line_breaks_that_editors_do_not_show():
    assert problems("a: een\nb: twee\u2028drie\n") == [
        "data/x.yml:2:8: E011 ongebruikelijk regeleinde (U+2028); vervang het door een gewone regelovergang of een spatie"
    ]
