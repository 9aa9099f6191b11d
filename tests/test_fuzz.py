"""Property-based fuzzing of the loader and the validator (hypothesis).

Whatever text a data file holds, loading and validating it ends in values or in diagnostics with
a position inside that file: never an exception, never a silent YAML 1.1 conversion.
"""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from generator.data.load import parse_yaml
from generator.data.validate import validate_file
from generator.models import Region

# No MkDocs build and no browser: the fast tier (./scripts/test -m unit).
pytestmark = pytest.mark.unit

FUZZ = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Text that looks like YAML: its punctuation, indentation, tags and YAML 1.1 words, mixed.
yaml_tokens = st.sampled_from(
    [
        ": ",
        "- ",
        "\n",
        "\n  ",
        "\t",
        "#",
        "&a",
        "*a",
        "!!python/object",
        "'",
        '"',
        "[",
        "]",
        "{",
        "}",
        ",",
        "|",
        ">",
        "NO",
        "yes",
        "0123",
        "1.10",
        "1:20",
        "~",
        "null",
        "2024-11-06",
        "\ufeff",
        "é",
        "<script>",
        "{{ x }}",
    ]
)
yaml_like = st.lists(st.one_of(yaml_tokens, st.text(max_size=8)), max_size=40).map("".join)


def assert_diagnostics_point_into(text: str, found) -> None:
    lines = len(re.split(r"\r\n|\r|\n", text))  # as YAML counts them: a lone \r ends a line too
    for diagnostic in found:
        assert diagnostic.position.path == "data/f.yml"
        assert 0 <= diagnostic.position.line <= lines + 1
        assert diagnostic.code.startswith("E")


@FUZZ
@given(yaml_like)
def test_loader_never_raises_on_any_text(text):
    loaded, found = parse_yaml(text, "data/f.yml")
    assert (loaded is None) == bool(found)
    assert_diagnostics_point_into(text, found)


@FUZZ
@given(st.text(max_size=200))
@example("0:\r0")  # found by this test: a lone carriage return, counted as a line by YAML only
def test_loader_never_raises_on_arbitrary_unicode(text):
    loaded, found = parse_yaml(text, "data/f.yml")
    assert (loaded is None) == bool(found)
    assert_diagnostics_point_into(text, found)


# Plain YAML values that PyYAML's YAML 1.1 would convert; ours must refuse or keep them as typed.
@FUZZ
@given(
    st.sampled_from(["y", "n", "yes", "no", "on", "off", "true", "false", "null"]).flatmap(
        lambda w: st.sampled_from([w, w.upper(), w.capitalize()])
    )
)
def test_yaml11_booleans_are_never_silently_converted(word):
    loaded, found = parse_yaml(f"a: {word}\n", "data/f.yml")
    if found:
        assert found[0].code == "E004"
    else:
        assert word in ("true", "false", "null")


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10_000, 10_000) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(min_size=1, max_size=12), children, max_size=5),
    max_leaves=25,
)
region_keys = st.sampled_from(sorted(Region.model_fields))


@FUZZ
@given(st.dictionaries(region_keys, json_values, max_size=8))
def test_validator_reports_every_problem_as_a_positioned_diagnostic(data):
    text = yaml.safe_dump(data, allow_unicode=True)
    loaded, found = parse_yaml(text, "data/f.yml")
    if loaded is None:
        assert_diagnostics_point_into(text, found)
        return
    model, problems = validate_file(loaded, Region)
    assert (model is None) == bool(problems)
    assert_diagnostics_point_into(text, problems)
