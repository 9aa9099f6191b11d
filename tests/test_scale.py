"""The site at 200 regions, as issue 29 asks: every page under 100 KB, and nothing lost on the way.

At 200 regions the matrix weighed 857 KB, the region picker 816 KB, the field reference 204 KB (at
any number of regions), the organisation comparison 198 KB. A page that small enough to read on a
phone must still hold, over its parts, everything the one page held.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import REPO, SiteServer, copy_project, html
from playwright.sync_api import expect

from generator.data.project import load_project
from generator.data.synthetic import synthetic_region
from generator.engine.build import build_site

REGIONS = 200
PAGE_LIMIT = 100_000


COPIES = 25  # of each real region: the real plans' long texts, many variants and timelines


@pytest.fixture(scope="module")
def project_root(tmp_path_factory) -> Path:
    """200 regions: synthetic ones, and copies of the real regions under names of their own (the
    synthetic regions alone have short texts, and hid pages of 131 to 235 KB)."""
    project = copy_project(tmp_path_factory.mktemp("scale") / "p")
    national = load_project(project.root)
    real = sorted((REPO / "data" / "regios").glob("*.yml"))
    for number in range(1, REGIONS - COPIES * len(real) + 1):
        slug, text = synthetic_region(national, number)
        project.write(f"data/regios/{slug}.yml", text)
    for path in real:
        text = path.read_text(encoding="utf-8")
        name = yaml.safe_load(text)["naam"]
        for copy in range(1, COPIES + 1):
            own = f"{path.stem}-kopie-{copy:02d}"
            text_of_copy = re.sub(r"^id: .*$", f"id: {own}", text, count=1, flags=re.M)
            text_of_copy = re.sub(r"^naam: .*$", f"naam: {name} kopie {copy:02d}", text_of_copy, count=1, flags=re.M)
            project.write(f"data/regios/{own}.yml", text_of_copy)
    return project.root


@pytest.fixture(scope="module")
def site(project_root) -> Path:
    return build_site(project_root, pdfs=False)


def names_of_all_regions(site: Path) -> set[str]:
    return {a.get_text(strip=True) for a in html(site, "regios").select("article table tbody tr td:first-child a")}


def test_no_page_outgrows_100_kb(site):
    sizes = {str(page.relative_to(site)): page.stat().st_size for page in site.rglob("*.html")}
    assert len(sizes) > 4 * REGIONS
    assert not {page: size for page, size in sizes.items() if size >= PAGE_LIMIT}


def offers_in_the_data(project_root: Path) -> dict[str, Counter[str]]:
    """Per national intervention, how often each region's file names it: as its own choice, or as
    the intervention nearest to one of the region's own (`verwant_aan`), read from the YAML."""
    offers: dict[str, Counter[str]] = {}
    for path in sorted((project_root / "data" / "regios").glob("*.yml")):
        region = yaml.safe_load(path.read_text(encoding="utf-8"))
        nearest = {own["id"]: own.get("verwant_aan") for own in region.get("eigen_interventies") or []}
        for choice in region["interventies"]:
            national = nearest.get(choice["interventie"], choice["interventie"])
            if national:
                offers.setdefault(national, Counter())[region["naam"]] += 1
    return offers


def test_every_intervention_still_has_a_row_for_every_region_that_offers_it(site, project_root):
    # An intervention's page had a row per region that offers it (130 KB at 200 regions); over the
    # parts it is split into, every such row is still there, once.
    catalogue = html(site, "interventies")
    ids = [a["href"].strip("/") for a in catalogue.select("article a") if re.fullmatch(r"[a-z0-9-]+/", a["href"])]
    offers = offers_in_the_data(project_root)
    assert set(offers) <= set(ids) and len(offers) > 20
    split = 0
    for intervention in ids:
        page = html(site, f"interventies/{intervention}")
        parts = [f"interventies/{intervention}/" + a["href"] for a in page.select("article .delen a")]
        split += bool(parts)
        rows: Counter[str] = Counter()
        for part in [page] + [html(site, href) for href in parts]:
            for th in part.select("article table tbody th[scope=row]"):
                rows[th.find("a").get_text(strip=True)] += 1
        assert rows == offers.get(intervention, Counter()), intervention
    assert split >= 2  # the two that were over the limit, at least


def test_the_matrix_in_parts_still_has_every_region_and_every_intervention(site):
    regions = names_of_all_regions(site)
    assert len(regions) == REGIONS
    index = html(site, "vergelijk/matrix")
    parts = [a["href"] for a in index.select("article .delen a")]
    assert len(parts) > 1
    columns: list[str] = []
    interventions = []
    for href in parts:
        tables = html(site, "vergelijk/matrix/" + href).select("article .matrix table")
        heads = {tuple(th.get_text(strip=True) for th in table.select("thead th")[1:]) for table in tables}
        assert len(heads) == 1  # every kernelement's table has the part's regions
        columns += heads.pop()
        names = []
        for table in tables:
            for tr in table.select("tbody tr"):
                # Every region of the part has a cell in every row.
                assert len(tr.find_all("td")) == len(table.select("thead th"))
                names.append(tr.find(["th", "td"]).get_text(strip=True))
        interventions.append([name for name in names if name != "Eigen interventies van de regio"])
    assert all(names == interventions[0] for names in interventions) and len(interventions[0]) > 20  # every one in every part
    assert sorted(columns) == sorted(regions)  # each region in one part, once


def rows_over_the_parts(site: Path, url: str) -> list[list[str]]:
    """The table rows of a page, or of each of its parts in turn when it lists parts."""
    page = html(site, url)
    pages = [html(site, f"{url}/{a['href']}") for a in page.select("article .delen a")] or [page]
    return [[cell.get_text(" ", strip=True) for cell in tr.select("td, th")] for p in pages for tr in p.select("article table tbody tr")]


def test_the_organisation_tables_have_a_row_for_every_region(site, project_root):
    regions = names_of_all_regions(site)
    for topic in ["tarieven", "intervisie", "praktijkplan", "tijdlijnen", "indicatoren"]:
        named = {row[1] if topic == "tijdlijnen" else row[0] for row in rows_over_the_parts(site, f"vergelijk/organisatie/{topic}")}
        assert regions <= named, (topic, sorted(regions - named)[:5])
    # One row per region for intervisie, whatever the parts; the timelines, every dated moment of
    # every region's file, once, in the order of their dates.
    assert len(rows_over_the_parts(site, "vergelijk/organisatie/intervisie")) == REGIONS
    dated = sum(
        1
        for path in (project_root / "data" / "regios").glob("*.yml")
        for moment in yaml.safe_load(path.read_text(encoding="utf-8")).get("tijdlijn") or []
        if moment.get("datum")
    )
    assert len(rows_over_the_parts(site, "vergelijk/organisatie/tijdlijnen")) == dated


@pytest.fixture(scope="module")
def served(site):
    server = SiteServer(site)
    yield server.url
    server.close()


def test_the_picker_offers_every_region_and_compares_them(browser, served):
    page = browser.new_page()
    page.goto(served + "vergelijk/kiezer/")
    assert page.locator("#picker-1 option").count() >= REGIONS
    page.select_option("#picker-1", "synthetische-regio-003")
    page.select_option("#picker-2", "zuid-holland-noord-kopie-25")
    headers = page.locator(".picker-result thead th").all_inner_texts()
    assert headers == ["Onderdeel", "Synthetische regio 003", "Zuid-Holland Noord kopie 25"]
    assert page.locator(".picker-result tbody tr", has_text="Zorgverzekeraars").count() == 1
    page.close()


def test_the_offer_per_kernelement_is_a_table_with_every_region_and_no_unreadable_chart(site):
    # A chart with a bar per region was 5,266 px tall and 138 KB at 200 regions: past 50 regions
    # the page gives the table alone, which has the same numbers.
    page = html(site, "vergelijk")
    assert page.select("article svg.chart") == []
    table = page.select_one("#aanbod-per-kernelement ~ table")
    assert {tr.find("td").get_text(strip=True) for tr in table.select("tbody tr")} == names_of_all_regions(site)
    assert "50" in page.select_one("#aanbod-per-kernelement ~ p").get_text()


def test_the_menu_shows_the_reader_where_they_are_on_the_last_part(browser, served, site):
    # With every part in the menu, the item of a late part was highlighted below the sidebar's
    # bottom edge, out of sight: the sidebar now scrolls it into view.
    parts = html(site, "vergelijk/matrix").select("article .delen a")
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(served + "vergelijk/matrix/" + parts[-1]["href"])
    current = page.locator(".md-sidebar--primary a.md-nav__link--active").last
    assert current.inner_text().strip() == parts[-1].get_text(strip=True)
    expect(current).to_be_in_viewport()
    page.close()
