"""The Markdown generated for a fixture region, compared with reviewed copies in tests/golden/.

Tests that look for one sentence miss what changes elsewhere on a page; here any change to the
region's pages shows as a diff, as Pelican compares its output with committed folders. After an
intended change, write the new pages with

    ./scripts/test tests/test_golden.py --update-golden

and read `git diff tests/golden/` before committing them.
"""

from __future__ import annotations

import datetime as dt
import difflib
import shutil

import pytest
from conftest import REPO, copy_project

from generator.data.project import load_project
from generator.site.pipeline import generate_pages, lookups_for

pytestmark = pytest.mark.unit

GOLDEN = REPO / "tests" / "golden" / "planregio"
REGION = "regios/planregio/"
AS_OF = dt.date(2026, 6, 1)  # a fixed day: what a page says about running or ended plans depends on it


def generated(tmp_path) -> dict[str, str]:
    project = copy_project(tmp_path / "project")
    shutil.copy(REPO / "tests/fixtures/planregio.yml", project.path("data/regios/planregio.yml"))
    pages = generate_pages(project.root, lookups_for(load_project(project.root), AS_OF))
    return {page.path.removeprefix(REGION): page.content for page in pages if page.path.startswith(REGION) and page.path.endswith(".md")}


def test_the_fixture_regions_pages_are_as_reviewed(tmp_path, request):
    pages = generated(tmp_path)
    assert len(pages) >= 6  # the overview, interventions, participation, form, builder, money
    if request.config.getoption("--update-golden"):
        shutil.rmtree(GOLDEN, ignore_errors=True)
        for name, text in pages.items():
            (GOLDEN / name).parent.mkdir(parents=True, exist_ok=True)
            (GOLDEN / name).write_text(text, encoding="utf-8")
    reviewed = {path.relative_to(GOLDEN).as_posix(): path.read_text(encoding="utf-8") for path in GOLDEN.rglob("*.md")}
    assert sorted(pages) == sorted(reviewed), "pages added or gone: --update-golden, then review git diff tests/golden/"
    for name, text in pages.items():
        if text != reviewed[name]:
            diff = difflib.unified_diff(reviewed[name].splitlines(), text.splitlines(), f"golden/{name}", f"now/{name}", lineterm="", n=1)
            pytest.fail(f"{name} changed (--update-golden after review):\n" + "\n".join(list(diff)[:40]))
