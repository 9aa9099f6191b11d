"""The PDF cache finds an unchanged PDF without making its document, and never serves a stale one.

A job's recipe (generator/pdf/cache.py, _Recipes) stands in for its HTML document, which is costly to
make (a Markdown conversion per region page). These tests render real PDFs with WeasyPrint for one
region and change, one at a time, each thing the document is made from.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil

import pytest
from conftest import REPO
from markdown.extensions.toc import slugify_unicode
from pymdownx.slugs import slugify
from pypdf import PdfReader

from generator.data.project import load_project
from generator.engine.build import mkdocs_config
from generator.pdf.cache import PdfCache
from generator.pdf.printing import pdf_jobs
from generator.pdf.render import render_pdfs
from generator.site.contexts import Lookups, build_documents
from generator.site.glossary import with_glossary
from generator.site.pipeline import generate_pages
from generator.site.render import TEMPLATE_DIR

REGION = "oost-gelderland"  # the quickest to render of the four
TODAY = dt.date(2026, 11, 22)


@pytest.fixture(scope="module")
def project():
    return load_project(REPO)


@pytest.fixture(scope="module")
def markdown_setup(project):
    config = mkdocs_config(REPO)
    return config.markdown_extensions, with_glossary(config.mdx_configs, project.glossary)


def jobs_of(root, project, markdown_setup, today=TODAY):
    """The region's two PDF jobs, as a build on `today` makes them."""
    extensions, configs = markdown_setup
    return [job for job in pdf_jobs(root, build_documents(Lookups(project, today)), extensions, configs) if f"-{REGION}.pdf" in job.path]


def never_made():
    raise AssertionError("the document was made although the cache holds its PDF")


def test_an_unchanged_pdf_comes_from_the_cache_without_making_its_document(project, markdown_setup, tmp_path):
    cache = PdfCache(tmp_path / "cache")
    first = render_pdfs(jobs_of(REPO, project, markdown_setup), workers=1, cache=cache)
    assert sorted(first) == [f"regios/{REGION}/praktijkplan-{REGION}.pdf", f"regios/{REGION}/regioplan-{REGION}.pdf"]

    again = [dataclasses.replace(job, document=never_made) for job in jobs_of(REPO, project, markdown_setup)]
    assert render_pdfs(again, workers=1, cache=cache) == first

    # A recipe whose PDF has gone from the cache (removed as unused) makes the document again.
    for entry in (tmp_path / "cache").glob("*.pdf"):
        entry.unlink()
    form = jobs_of(REPO, project, markdown_setup)[:1]
    remade = render_pdfs(form, workers=1, cache=cache)
    assert list(remade) == [f"regios/{REGION}/praktijkplan-{REGION}.pdf"]
    assert "Oost-Gelderland" in PdfReader(io.BytesIO(remade[form[0].path])).pages[0].extract_text()


def with_template_edit(tmp_path):
    """A project root whose print style sheet differs from the repository's by one rule."""
    root = tmp_path / "root"
    shutil.copytree(REPO / TEMPLATE_DIR, root / TEMPLATE_DIR)
    css = root / TEMPLATE_DIR / "pdf/print.css"
    css.write_text(css.read_text(encoding="utf-8") + "\nh1 { color: #000; }\n", encoding="utf-8")
    return root


def test_a_recipe_changes_with_everything_the_document_is_made_from(project, markdown_setup, tmp_path):
    """For each kind of change: the regioplan document changes, and so does its recipe, so the
    cache cannot hand out the PDF of the document before the change."""
    from conftest import copy_project

    edited = copy_project(tmp_path / "edited", with_regions=True)
    region_file = edited.path(f"data/regios/{REGION}.yml")
    region_file.write_text(
        region_file.read_text(encoding="utf-8").replace("samenvatting: |\n", "samenvatting: |\n  Een nieuwe alinea.\n\n", 1),
        encoding="utf-8",
    )
    extensions, configs = markdown_setup
    glossary = configs["abbr"]["glossary"]
    changed = {
        # What a plan's period and verdicts say depends on the calendar year (periods, the leidraad in force).
        "the year the PDF describes": jobs_of(REPO, project, markdown_setup, today=TODAY.replace(year=2027)),
        "a text on a region page": jobs_of(edited.root, load_project(edited.root), markdown_setup),
        "a template or style": jobs_of(with_template_edit(tmp_path), project, markdown_setup),
        "an abbreviation's meaning": jobs_of(
            REPO, project, (extensions, {**configs, "abbr": {"glossary": {**glossary, "MTVP": "een andere betekenis"}}})
        ),
    }
    before = jobs_of(REPO, project, markdown_setup)[1]
    assert before.path.endswith(f"regioplan-{REGION}.pdf")
    assert "Een nieuwe alinea." in changed["a text on a region page"][1].document()
    for change, jobs in changed.items():
        after = jobs[1]
        assert after.document() != before.document(), change
        assert after.recipe != before.recipe, change


def test_templates_saved_while_a_build_prepares_its_pdfs_are_not_named_by_their_recipes(project, markdown_setup, tmp_path, monkeypatch):
    """The threat: a PDF made from the templates as the build read them, kept under a recipe that
    names the texts saved a moment later; the next build, with those texts, would be handed the
    older PDF. A build uses its templates (style sheet included) as read once, and names exactly those."""
    from generator.pdf import printing

    untouched = tmp_path / "untouched"
    shutil.copytree(REPO / TEMPLATE_DIR, untouched / TEMPLATE_DIR)
    saved = tmp_path / "saved"
    shutil.copytree(REPO / TEMPLATE_DIR, saved / TEMPLATE_DIR)
    read_as_built = printing.environment

    def saved_after_reading(root):
        env = read_as_built(root)
        for name, addition in (("pdf/print.css", "\nh1 { color: #000; }\n"), ("pdf/regioplan.html.j2", "\n<p>Later opgeslagen.</p>\n")):
            template = root / TEMPLATE_DIR / name
            template.write_text(template.read_text(encoding="utf-8") + addition, encoding="utf-8")
        return env

    expected = jobs_of(untouched, project, markdown_setup)
    monkeypatch.setattr(printing, "environment", saved_after_reading)
    built = jobs_of(saved, project, markdown_setup)
    for job, same in zip(built, expected, strict=True):
        assert job.document() == same.document(), job.path
        assert job.recipe == same.recipe, job.path


@pytest.mark.parametrize(
    ("fault", "said"),
    [
        ("weg", "ontbreekt"),
        ("map", "ontbreekt"),
        # Found by an attacker: a style sheet saved in another encoding ended in a traceback.
        ("latin-1", "UTF-8"),
    ],
)
def test_a_missing_or_unreadable_print_style_sheet_is_named_with_what_to_do(project, markdown_setup, tmp_path, fault, said):
    from generator.errors import DataError

    root = with_template_edit(tmp_path)
    css = root / TEMPLATE_DIR / "pdf/print.css"
    css.unlink()
    if fault == "map":
        css.mkdir()
    elif fault == "latin-1":
        css.write_bytes("/* opmaak voor café */\n".encode("latin-1"))
    with pytest.raises(DataError) as raised:
        jobs_of(root, project, markdown_setup)
    (problem,) = raised.value.diagnostics
    assert problem.position.path == "site_templates/pdf/print.css" and said in problem.message, problem
    assert "regioplan" in problem.message  # where to find a good copy


def test_a_build_on_another_day_of_the_same_year_makes_the_same_pdfs(project, markdown_setup):
    """A PDF that printed the day it was made was stale every morning: a daily build with no change
    in the data re-rendered every regioplan PDF (about 5 x the build without PDFs). What the PDF says
    changes with the year only, so on any other day of that year it is the same document."""
    before = jobs_of(REPO, project, markdown_setup)
    for day in (TODAY + dt.timedelta(days=1), dt.date(TODAY.year, 1, 1), dt.date(TODAY.year, 12, 31)):
        after = jobs_of(REPO, project, markdown_setup, today=day)  # its pages made on that day too
        for old, new in zip(before, after, strict=True):
            assert new.document() == old.document(), (day, new.path)
            assert new.recipe == old.recipe, (day, new.path)


def test_a_setting_without_a_stable_text_makes_the_document_every_time(project, markdown_setup, tmp_path):
    """A Markdown setting that is an object (its text differs per process), such as a slug function
    made with arguments in mkdocs.yml, gives no recipe: the cache then keys the PDF on its document,
    as made in this build."""
    extensions, configs = markdown_setup
    odd = (extensions, {**configs, "toc": {**configs.get("toc", {}), "slugify": slugify(case="lower")}})
    jobs = jobs_of(REPO, project, odd)
    assert all(job.recipe is None for job in jobs)
    # A lambda has a name (<lambda>) but not one that tells it apart from another lambda.
    unnamed = (extensions, {**configs, "toc": {**configs.get("toc", {}), "slugify": lambda value, separator: value}})
    assert all(job.recipe is None for job in jobs_of(REPO, project, unnamed))
    # A function named in mkdocs.yml has a stable text: the recipe stays.
    named = (extensions, {**configs, "toc": {**configs.get("toc", {}), "slugify": slugify_unicode}})
    assert all(job.recipe is not None for job in jobs_of(REPO, project, named))
    jobs = jobs[:1]  # the praktijkplan form: quicker to render than the regioplan
    cache = PdfCache(tmp_path / "cache")
    first = render_pdfs(jobs, workers=1, cache=cache)
    made = []
    counted = [dataclasses.replace(job, document=lambda job=job: made.append(job.path) or job.document()) for job in jobs]
    assert render_pdfs(counted, workers=1, cache=cache) == first
    assert sorted(made) == sorted(first)


def test_a_regions_pdfs_stay_the_same_when_other_regions_are_added(project, markdown_setup, tmp_path):
    """The regioplan PDF summarises one region's plan: the site's comparison with similar regions
    is left out, so publishing another region neither changes this PDF nor renders it again."""
    from conftest import copy_project

    from generator.data.synthetic import synthetic_region

    larger = copy_project(tmp_path / "project", with_regions=True)
    for number in range(1, 6):
        slug, text = synthetic_region(project, number)
        larger.write(f"data/regios/{slug}.yml", text)
    larger_project = load_project(larger.root)
    overview = f"regios/{REGION}/index.md"
    pages = {page.path: page.content for page in generate_pages(REPO, Lookups(project, TODAY))}
    larger_pages = {page.path: page.content for page in generate_pages(larger.root, Lookups(larger_project, TODAY))}
    assert "vergelijkbaar aanbod" in pages[overview]
    assert larger_pages[overview] != pages[overview]  # the site names other similar regions now

    before = jobs_of(REPO, project, markdown_setup)
    after = jobs_of(larger.root, larger_project, markdown_setup)
    assert [job.recipe for job in after] == [job.recipe for job in before]
    assert "vergelijkbaar aanbod" not in before[1].document()


@pytest.mark.parametrize("glossary_addition", [{}, {"Bron": "Bronvermelding"}])
def test_every_note_of_the_regioplan_is_referred_to_in_its_text(project, markdown_setup, glossary_addition):
    """From an attack: with "Bron" in the glossary, the word became an <abbr> and the marker after it
    was thrown away with the "Bron:" line it was joined from (28 of 92 markers left in Eemland's PDF)."""
    from bs4 import BeautifulSoup

    extensions, configs = markdown_setup
    glossary = {**configs["abbr"]["glossary"], **glossary_addition}
    regioplan = jobs_of(REPO, project, (extensions, {**configs, "abbr": {"glossary": glossary}}))[1]
    document = BeautifulSoup(regioplan.document(), "html.parser")
    notes = [li["id"] for li in document.select("ol.noten > li")]
    assert len(notes) > 20
    markers = document.select("section.document-part sup.noot a")
    assert {a["href"].removeprefix("#") for a in markers} == set(notes)
    assert [a.get_text() for a in markers if a.get_text() != f"[{a['href'].removeprefix('#noot-')}]"] == []


def test_the_regioplan_lists_every_document_its_notes_cite(project, markdown_setup):
    """From an attack: the notes cited "leidraad versie 3, §5 …" (the toetsing's rules) while the
    list of sources at the end named only the region's own documents."""
    from bs4 import BeautifulSoup

    regioplan = jobs_of(REPO, project, markdown_setup)[1]
    document = BeautifulSoup(regioplan.document(), "html.parser")
    notes = " ".join(li.get_text(" ") for li in document.select("ol.noten > li"))
    listed = {h.get_text(" ", strip=True) for h in document.select("#deel-bronnen h2")}
    cited = [leidraad for leidraad in project.leidraden.values() if f"leidraad versie {leidraad.versie}," in notes]
    assert cited, "the toetsing cites the leidraad"
    titles = {d.id: d.titel for d in project.sources.documenten}
    assert [titles[leidraad.document] for leidraad in cited if titles[leidraad.document] not in listed] == []


def test_a_plan_without_a_title_is_not_named_by_a_blank_in_either_pdf(project, markdown_setup):
    # A region file may leave out the plan's title when the source names none ("niet vermeld").
    # The regioplan PDF's description read "Samenvatting in eigen woorden van  van <RHO>", the
    # praktijkplan's running header an empty line, or ", versie 3".
    import dataclasses

    from bs4 import BeautifulSoup

    region = project.regions[REGION]
    untitled = region.model_copy(update={"plan": region.plan.model_copy(update={"titel": None})})
    changed = dataclasses.replace(project, regions={**project.regions, REGION: untitled})
    for job in jobs_of(REPO, changed, markdown_setup):
        page = BeautifulSoup(job.document(), "html.parser")
        description = page.find("meta", attrs={"name": "description"})["content"]
        header = page.select_one(".running-version").get_text(" ", strip=True)
        for text in (description, header):
            assert "niet vermeld" in text and "  " not in text and not text.startswith(","), (job.path, text)
