"""The comparison section: matrix, conformance, organisation, picker and similarity.

Known facts of the four real regions are checked in the built HTML; a synthetic region added
as one data file must show up in every comparison; 50 regions must stay usable in a browser.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SiteServer, copy_project, heading, html, picker_data

from generator.data.project import load_project
from generator.data.synthetic import synthetic_region
from generator.engine.build import build_site
from generator.site.contexts.compare import ORGANISATION_TOPICS as COMPARE_TOPICS


def matrix_cells(site: Path) -> dict[tuple[str, str], str]:
    """(intervention, region) -> the words behind the symbols in that cell."""
    page = html(site, "vergelijk/matrix")
    cells = {}
    for table in page.select(".matrix table"):
        regions = [th.get_text(strip=True) for th in table.select("thead th")][1:]
        for tr in table.select("tbody tr"):
            tds = tr.find_all("td")
            name = tds[0].get_text(" ", strip=True)
            for region, td in zip(regions, tds[1:], strict=True):
                words = "; ".join(span.get_text(strip=True) for span in td.select(".sr-only"))
                # The own-interventions row occurs once per kernelement: keep every one.
                cells[(name, region)] = f"{cells[(name, region)]}; {words}" if (name, region) in cells else words
    return cells


def test_matrix_cells_for_known_facts(real_site):
    cells = matrix_cells(real_site)
    assert cells[("Regie op veelgebruikers", "Midden-Brabant")] == "verplicht, met ondersteuning van de RHO"
    assert cells[("3-gesprekken (patiënt, huisarts en bijvoorbeeld wijkverpleegkundige)", "Zuid-Holland Noord")] == "niet aangeboden"
    # Oost-Gelderland's table says "Nee" under support; Eemland's plan says nothing about it.
    assert cells[("Time-out verwijzingen", "Oost-Gelderland")] == "aangeboden, zonder ondersteuning van de RHO"
    assert cells[("Time-out verwijzingen", "Eemland")] == "aangeboden, ondersteuning door de RHO niet vermeld"
    assert cells[("Aanmeldzuil", "Eemland")] == "niet genoemd"
    # One cell can hold several forms of an intervention, each with its own words.
    gesprek = cells[("Training/scholing rondom gespreksvoering", "Zuid-Holland Noord")]
    assert "(Training gespreksvoering Positieve Gezondheid)" in gesprek and "(Training rondom SOLK/ALK)" in gesprek
    # Region-specific interventions share one row per kernelement, each named in its region's cell.
    own = cells[("Eigen interventies van de regio", "Eemland")]
    assert "aangeboden, met ondersteuning van de RHO (Administratielast verlagen door invoering van Microsoft 365)" in own
    # SmartTyping is a form of a national intervention in Eemland's plan, recorded as such.
    digital = cells[("Bevordering vaardigheden medewerkers en/of patiënten op digitaal gebied", "Eemland")]
    assert "(SmartTyping)" in digital and "(Digicoach in de huisartsenpraktijk)" in digital and "SmartTyping" not in own
    assert "Prima-Digitaal" in cells[("Eigen interventies van de regio", "Midden-Brabant")]


def test_matrix_marks_own_interventions_and_links_every_symbol(real_site):
    page = html(real_site, "vergelijk/matrix")
    assert sum(td.get_text(strip=True) == "Eigen interventies van de regio" for td in page.select(".matrix td:first-child")) >= 1
    for link in page.select(".matrix td:not(:first-child) a"):
        target, _, anchor = link["href"].partition("#")
        document = html(real_site, str((Path("vergelijk/matrix") / target).as_posix()).replace("/index.html", "").rstrip("/"))
        assert document.find(id=anchor) is not None, link["href"]


def toetsing(site: Path, page: str) -> dict[str, dict[str, list[list[str]]]]:
    """h2 heading -> h3 section -> rows of cell texts, as a reader sees the page."""
    found: dict[str, dict[str, list[list[str]]]] = {}
    region = None
    for node in html(site, page).select("article h2, article h3, article table"):
        if node.name == "h2":
            region = heading(node)
            found[region] = {}
        elif node.name == "h3" and region:
            section = heading(node)
            found[region][section] = []
        elif node.name == "table" and region and found[region]:
            rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in node.select("tbody tr")]
            found[region][section] = rows
    return found


def region_pages_of_the_toetsing(site: Path) -> dict[str, str]:
    """Region name -> the page its row in the toetsing comparison links to (each link goes to #toetsing)."""
    pages = {}
    for link in html(site, "vergelijk/toetsing").select("table")[0].select("tbody tr td:first-child a"):
        target, _, anchor = link["href"].partition("#")
        assert anchor == "toetsing", link["href"]
        pages[link.get_text(strip=True)] = (
            (Path("vergelijk/toetsing") / target).as_posix().replace("vergelijk/toetsing/../../", "").strip("/")
        )
    return pages


def all_toetsing(site: Path) -> dict[str, dict[str, list[list[str]]]]:
    """Region -> section -> rows: every region's toetsing, reached as a reader reaches it from the comparison."""
    return {name: toetsing(site, page)["Toetsing"] for name, page in region_pages_of_the_toetsing(site).items()}


def test_toetsing_judges_the_horde_and_says_what_a_plan_does_not_state(real_site):
    regions = all_toetsing(real_site)
    og = regions["Oost-Gelderland"]
    intervisie = next(r for r in og["Minimale horde"] if "organiseert de intervisie" in r[0])
    assert intervisie[1].startswith("– niet te beoordelen") and "HOOG de intervisie organiseert" in intervisie[2]
    # Rules reconstructed only from Oost-Gelderland's own plan never judge it; the offer of three
    # anders-werken interventions, which leidraad v3 states too, judges it indicatively.
    own = [r for r in og["Groeimodel"] if "afgeleid uit het regioplan van Oost-Gelderland bron:" in r[3]]
    assert own and all(r[1] == "– niet te beoordelen" and "uit dit regioplan zelf" in r[2] for r in own)
    anders = next(r for r in og["Groeimodel"] if r[0].startswith("Anders werken"))
    assert anders[1] == "✓ voldoet (indicatief)" and "leidraad versie 3" in anders[3]
    # The same holds for samenwerken met het netwerk: two interventions in year 2 is also leidraad v3's
    # rule (seed 001, l. 335-337), and Oost-Gelderland offers five.
    network = next(r for r in og["Groeimodel"] if r[0].startswith("Samenwerken met het netwerk"))
    assert network[1] == "✓ voldoet (indicatief)" and "leidraad versie 3" in network[3], network
    # Midden-Brabant is judged by that same reconstruction: indicative, and the origin says where it comes from.
    mb = regions["Midden-Brabant"]["Groeimodel"]
    assert all("(indicatief)" in r[1] and "afgeleid uit het regioplan van Oost-Gelderland" in r[3] for r in mb)
    # Zuid-Holland Noord's intervisie is organised by its RHO.
    zhn = next(r for r in regions["Zuid-Holland Noord"]["Minimale horde"] if "organiseert de intervisie" in r[0])
    assert zhn[1].startswith("✓ voldoet")
    # No ✗ rests on a fact a plan does not state.
    for region, sections in regions.items():
        for rows in sections.values():
            for row in rows:
                if "✗" in row[1]:
                    assert "niet vermeld" not in row[2] and "noemt geen" not in row[2] and "zegt niet" not in row[2], (region, row)


def test_toetsing_separates_restated_rules_and_shows_the_road_to_version_3(real_site):
    regions = all_toetsing(real_site)
    eemland = regions["Eemland"]
    assert [r[0] for r in eemland["Eigen regels van de regio"]] == ["Elk jaar naar de verplichte intervisiebijeenkomst"]
    restated = next(h for h in html(real_site, "regios/eemland").select("h3") if "leidraad herhalen" in heading(h))
    assert "Jaar 1, minimaal één interventie anders werken: herhaalt de leidraad" in restated.find_next("ul").get_text()
    assert "Naar leidraad versie 3" not in eemland
    for name in ["Midden-Brabant", "Oost-Gelderland", "Zuid-Holland Noord"]:
        road = regions[name]["Naar leidraad versie 3"]
        assert any("extra personeel" in r[0] for r in road), name  # a v3 condition the older plans do not meet or state


def test_ended_plans_are_shown_as_ended(real_site):
    page = html(real_site, "vergelijk/toetsing")
    summary = {
        tr.find("td").get_text(strip=True): tr.find_all("td")[1].get_text(" ", strip=True)
        for tr in page.select("table")[0].select("tbody tr")
    }
    assert summary["Zuid-Holland Noord"].startswith("afgelopen (2023–2025)")
    assert summary["Eemland"] == "loopt (2026–2027)"
    assert summary["Oost-Gelderland"] == "vanaf 2023, einde niet vermeld; volgt versie 1"
    region = html(real_site, "regios/zuid-holland-noord")
    warning = region.select_one("article .admonition.warning")
    assert "Afgelopen: het plan liep 2023 tot en met 2025." in warning.get_text(" ", strip=True)
    assert "afgelopen (2023–2025)" in html(real_site, "vergelijk/matrix").get_text()
    assert html(real_site, "regios/eemland").select_one("article .admonition.warning") is None


ORGANISATION_TOPICS = ["tarieven", "intervisie", "praktijkplan", "tijdlijnen", "indicatoren"]


def menu_place(site: Path, url: str) -> set[str]:
    """Where the menu says the reader is: the names of the sections open around the page, and the
    page's own name, highlighted."""
    nav = html(site, url).select_one("nav.md-nav--primary")
    sections = {
        li.select_one(":scope > .md-nav__link, :scope > .md-nav__container > a").get_text(" ", strip=True)
        for li in nav.select("li.md-nav__item--active.md-nav__item--nested")
    }
    return sections | {a.get_text(" ", strip=True) for a in nav.select("a.md-nav__link--active")}


@pytest.mark.parametrize(
    ("url", "place"),
    [
        *[(f"vergelijk/organisatie/{slug}", ["Vergelijken", "Organisatie", title]) for slug, title, _ in COMPARE_TOPICS],
        ("vergelijk/organisatie", ["Vergelijken", "Organisatie", "Overzicht"]),
        ("handleiding/velden/regio", ["Handleiding voor RHO's", "Velden", "data/regios/<id>.yml"]),
        ("handleiding/velden", ["Handleiding voor RHO's", "Velden", "Overzicht"]),
    ],
)
def test_a_page_under_an_overview_has_its_place_in_the_menu(real_site, url, place):
    # The topics of the organisation comparison and the field reference per file are pages of their
    # own under an overview; the menu shows which one the reader is on, as for every other page.
    assert menu_place(real_site, url) == set(place)


def test_organisation_compared(real_site):
    # A page per topic, so that each stays small with many regions (198 KB at 200 regions as one
    # page); the overview at the old address leads to each.
    overview = html(real_site, "vergelijk/organisatie")
    assert [a["href"] for a in overview.select("article li a")] == [f"{topic}/" for topic in ORGANISATION_TOPICS]
    tables = [html(real_site, f"vergelijk/organisatie/{topic}").select_one("article table") for topic in ORGANISATION_TOPICS]
    tariffs = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in tables[0].select("tbody tr")]
    # A tariff says for which year it was agreed, and that it has expired: Zilveren Kruis pays
    # Oost-Gelderland's 2023 amount, which says nothing about Eemland in 2026.
    assert [
        "Oost-Gelderland",
        "Menzis",
        "€\u00a02,88",  # sign and amount kept on one line
        "per ingeschreven patiënt (ION) per kwartaal",
        "2023",
        "alleen 2023 (verlopen)",
        "niet vermeld",  # the plan names no prestatiecode for it
    ] in tariffs
    assert any(r[0] == "Zuid-Holland Noord" and r[6] == "13050" for r in tariffs)
    assert any(r[0] == "Eemland" and r[2] == "niet vermeld" for r in tariffs)
    dates = [tr.find("td").get_text(strip=True) for tr in tables[3].select("tbody tr")]
    assert dates and dates[0].endswith("2023")  # chronological: the 2023 starts come first
    # A deadline keeps the plan's words: "vóór 20 maart", not an event on 20 March.
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in tables[3].select("tbody tr")]
    assert ["Vóór 20 maart 2023", "Midden-Brabant", "Lichting 1 schrijft zich bij de RHO in voor deelname."] in rows


def test_chart_and_similarity(real_site):
    page = html(real_site, "vergelijk")
    svg = page.find("svg", id="grafiek-aanbod")
    assert len(page.select("[id='aanbod-per-kernelement']")) == 1  # the heading's, not also the chart's
    assert svg.find("title").get_text() == "Aangeboden interventies per kernelement per regio"
    assert [t.get_text() for t in svg.select("text.chart-label")] == ["Eemland", "Midden-Brabant", "Oost-Gelderland", "Zuid-Holland Noord"]
    similar = {
        tr.find("td").get_text(strip=True): tr.find_all("td")[1].get_text(strip=True)
        for tr in page.select("article table")[-1].select("tbody tr")
    }
    assert set(similar) == {"Eemland", "Midden-Brabant", "Oost-Gelderland", "Zuid-Holland Noord"}
    # Counts, not percentages: "Midden-Brabant (9 van 14)", both offering 9 of the 14 either offers.
    for value in similar.values():
        counts = [(int(a), int(b)) for a, b in re.findall(r"\((\d+) van (\d+)\)", value)]
        assert len(counts) == 3 and all(0 < shared <= either for shared, either in counts), value


# A region's id is its RHO's choice; this one is also the id of the picker's second list.
PICKER_ID_REGION = ("picker-2", "Regio met de naam van een keuzelijst")


@pytest.fixture(scope="module")
def site_with_extra_region(tmp_path_factory) -> Path:
    """The real regions plus synthetic regions added as a single data file each."""
    project = copy_project(tmp_path_factory.mktemp("extra") / "p", with_regions=True)
    national = load_project(project.root)
    slug, text = synthetic_region(national, 7)
    project.write(f"data/regios/{slug}.yml", text)
    slug, text = synthetic_region(national, 8)
    region_id, name = PICKER_ID_REGION
    project.write(f"data/regios/{region_id}.yml", text.replace(slug, region_id).replace("Synthetische regio 008", name))
    return build_site(project.root, pdfs=False)


def test_a_region_added_as_one_file_appears_in_every_comparison(site_with_extra_region):
    site, name = site_with_extra_region, "Synthetische regio 007"
    assert name in [th.get_text(strip=True) for th in html(site, "vergelijk/matrix").select(".matrix thead th")]
    assert name in [t.get_text() for t in html(site, "vergelijk").select("svg text.chart-label")]
    similar = html(site, "vergelijk").select("article table")[-1]
    assert name in [tr.find("td").get_text(strip=True) for tr in similar.select("tbody tr")]
    own_row = next(tr for tr in similar.select("tbody tr") if tr.find("td").get_text(strip=True) == name)
    assert len(re.findall(r"\(\d+ van \d+\)", own_row.find_all("td")[1].get_text())) == 3  # its three most similar regions
    assert name in [tr.find("td").get_text(strip=True) for tr in html(site, "vergelijk/toetsing").select("table")[0].select("tbody tr")]
    data = picker_data(site)
    assert name in [region["naam"] for region in data["regios"]]
    assert name in [a.get_text(strip=True) for a in html(site, "vergelijk/kiezer").select(".picker-listing li a")]
    for topic in ["tarieven", "intervisie", "praktijkplan", "tijdlijnen", "indicatoren"]:
        assert name in [a.get_text(strip=True) for a in html(site, f"vergelijk/organisatie/{topic}").select("article tbody a")], topic


def test_a_region_that_names_no_indicators_is_compared_as_not_stating_them(site_with_extra_region):
    # "Missing is not zero and not 'no'": the synthetic region's file names no indicators of its
    # own. Left out of the table, a reader comparing regions would take it for a region without
    # indicators; it has a row that says its plan does not state them, as the tariffs do.
    table = html(site_with_extra_region, "vergelijk/organisatie/indicatoren").select_one("article table")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
    assert ["Synthetische regio 007", "niet vermeld", "–", "–"] in rows
    assert not [r for r in rows if r[0] == "Eemland" and r[1] == "niet vermeld"]  # Eemland names its own


def test_a_topic_no_region_gives_says_so_instead_of_an_empty_table(tmp_path):
    # One region whose timeline has no exact date and which names no indicators: the timelines
    # page has no table with only a header, but a sentence; the indicators page a row per region.
    project = copy_project(tmp_path / "p")
    national = load_project(project.root)
    slug, text = synthetic_region(national, 7)
    text = re.sub(r"^(\s+)datum: .*$", r"\1datum: null", text, flags=re.M)
    project.write(f"data/regios/{slug}.yml", text)
    site = build_site(project.root, pdfs=False)
    timelines = html(site, "vergelijk/organisatie/tijdlijnen").select_one("article")
    assert timelines.select("table") == []
    assert "Geen van de regio's noemt een moment met een exacte datum" in timelines.get_text(" ", strip=True)


def test_a_region_whose_id_the_picker_page_uses_itself_is_picked_like_any_other(browser, site_with_extra_region):
    page_html = html(site_with_extra_region, "vergelijk/kiezer")
    ids = [element["id"] for element in page_html.select("[id]")]
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    region_id, name = PICKER_ID_REGION
    server = SiteServer(site_with_extra_region)
    page = browser.new_page()
    page.goto(server.url + "vergelijk/kiezer/")
    page.select_option("#picker-1", "eemland")
    page.select_option("#picker-2", region_id)
    assert page.locator(".picker-result thead th").all_inner_texts() == ["Onderdeel", "Eemland", name]
    page.locator(".picker-result thead th a", has_text=name).click()
    assert page.locator("h1").inner_text().removesuffix("¶") == f"Regioplan {name}"
    page.close()
    server.close()


def test_a_plan_whose_version_has_no_groeimodel_is_not_judged_by_another(tmp_path):
    from test_validate import MINIMAL_REGION

    project = copy_project(tmp_path / "p")
    project.write(
        "data/leidraad/leidraad-v0.yml",
        project.read("data/leidraad/leidraad-v1.yml")
        .split("\n# The groeimodel")[0]
        .replace("leidraad-v1", "leidraad-v0")
        .replace('versie: "1"', 'versie: "0"')
        .replace("geldig_voor: [2023]", "geldig_voor: [2022]"),
    )
    project.write("data/regios/testregio.yml", MINIMAL_REGION.replace("leidraad: leidraad-v3", "leidraad: leidraad-v0"))
    site = build_site(project.root, pdfs=False)
    rows = all_toetsing(site)["Testregio"]["Groeimodel"]
    assert len(rows) == 1 and rows[0][1] == "– niet te beoordelen" and rows[0][3] == "leidraad versie 0"
    assert "staat niet in de gegevens" in rows[0][2]


@pytest.fixture(scope="module")
def fifty_regions(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("fifty") / "p")
    national = load_project(project.root)
    for number in range(1, 51):
        slug, text = synthetic_region(national, number)
        project.write(f"data/regios/{slug}.yml", text)
    return build_site(project.root, pdfs=False)


def test_the_toetsing_comparison_is_a_summary_that_stays_small(fifty_regions):
    # Issue 29: the comparison repeated every region's whole toetsing (462 KB at 50 regions, 1.8 MB
    # at 200). It is now one row per region with its counts, linked to the verdicts on the region's
    # own page, where nothing of them is missing.
    assert (fifty_regions / "vergelijk/toetsing/index.html").stat().st_size < 100_000
    pages = region_pages_of_the_toetsing(fifty_regions)
    assert len(pages) == 50
    page = html(fifty_regions, "vergelijk/toetsing")
    assert [heading(h) for h in page.select("article h2")] == ["Samenvatting"]
    summary = {
        tr.find("td").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in page.select("table")[0].select("tbody tr")
    }
    for name in ["Synthetische regio 001", "Synthetische regio 017"]:
        sections = toetsing(fifty_regions, pages[name])["Toetsing"]
        verdicts = [row[1] for rows in sections.values() for row in rows if row and row[1][:1] in "✓✗–"]
        counts = {
            outcome: sum(v.split(" (")[0].split(" ", 1)[1] == outcome for v in verdicts)
            for outcome in ("voldoet", "voldoet niet", "niet te beoordelen")
        }
        assert summary[name][2:5] == [str(counts["voldoet"]), str(counts["voldoet niet"]), str(counts["niet te beoordelen"])], (
            name,
            summary[name],
            counts,
        )


def test_matrix_for_fifty_regions_comes_in_even_parts_under_100_kb(fifty_regions):
    # One page of 50 columns weighed 214 KB (857 KB at 200 regions).
    parts = [a["href"] for a in html(fifty_regions, "vergelijk/matrix").select(".delen a")]
    assert parts == [f"deel-{n}/" for n in range(1, len(parts) + 1)] and len(parts) > 1
    columns, widths = [], []
    for part in parts:
        assert (fifty_regions / "vergelijk/matrix" / part / "index.html").stat().st_size < 100_000
        headers = [
            th.get_text(strip=True) for th in html(fifty_regions, "vergelijk/matrix/" + part).select(".matrix")[0].select("thead th")
        ]
        assert headers[0] == "Interventie"
        columns += headers[1:]
        widths.append(len(headers) - 1)
    assert columns == [f"Synthetische regio {n:03d}" for n in range(1, 51)]  # each once, in the list's order
    assert max(widths) - min(widths) <= 3, widths  # regions alike come in parts alike


@pytest.fixture(scope="module")
def fifty_served(fifty_regions):
    server = SiteServer(fifty_regions)
    yield server.url
    server.close()


def test_each_part_of_the_matrix_has_its_place_in_the_menu(fifty_regions):
    index = html(fifty_regions, "vergelijk/matrix")
    for a in index.select("article .delen a"):
        assert menu_place(fifty_regions, "vergelijk/matrix/" + a["href"]) == {"Vergelijken", "Matrix", a.get_text(strip=True)}


def test_matrix_headers_stay_in_view_while_scrolling(browser, fifty_served):
    # On a laptop a part of the matrix fits the column: as the page scrolls, the region names stay
    # at the top of the screen, below the site's header bar (2.4rem).
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(fifty_served + "vergelijk/matrix/deel-1/")
    box = page.locator(".matrix").first
    box.evaluate("e => window.scrollTo(0, window.scrollY + e.getBoundingClientRect().top + 300)")
    region_header = box.locator("thead th").last
    assert abs(region_header.bounding_box()["y"] - 48) < 3
    # Region names are readable: each header is at most a few symbols wide.
    assert region_header.bounding_box()["width"] < 60
    # On a phone the matrix is wider than the screen and scrolls sideways in its box, with the
    # intervention names kept in view at the left.
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => !document.querySelector('.matrix').classList.contains('matrix--fits')")
    box.evaluate("e => { e.scrollIntoView(); e.scrollLeft = 400; }")
    assert box.evaluate("e => e.scrollLeft") > 0
    name_cell = box.locator("tbody tr").nth(8).locator("td").first
    assert abs(name_cell.bounding_box()["x"] - box.bounding_box()["x"]) < 3
    assert abs(box.locator("thead th").last.bounding_box()["y"] - box.bounding_box()["y"]) < 3
    page.close()


def test_matrix_filter_shows_one_kernelement(browser, fifty_served):
    page = browser.new_page()
    page.goto(fifty_served + "vergelijk/matrix/deel-2/")
    page.select_option("#matrix-kernelement", "goede-gesprek")
    visible = [g.get_attribute("data-kernelement") for g in page.locator(".matrix-group").all() if g.is_visible()]
    assert visible == ["goede-gesprek"]
    page.select_option("#matrix-kernelement", "")
    assert all(g.is_visible() for g in page.locator(".matrix-group").all())
    page.close()


def test_picker_puts_chosen_regions_side_by_side(browser, fifty_served):
    page = browser.new_page()
    page.goto(fifty_served + "vergelijk/kiezer/")
    page.select_option("#picker-1", "synthetische-regio-003")
    page.select_option("#picker-2", "synthetische-regio-041")
    page.select_option("#picker-3", "synthetische-regio-017")
    headers = page.locator(".picker-result thead th").all_inner_texts()
    assert headers == ["Onderdeel", "Synthetische regio 003", "Synthetische regio 041", "Synthetische regio 017"]
    row = page.locator(".picker-result tbody tr", has_text="Zorgverzekeraars").first
    assert len(row.locator("td").all()) == 3
    assert page.locator(".picker-listing").is_hidden()
    page.close()


def test_without_javascript_the_picker_page_lists_all_regions(browser, fifty_served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(fifty_served + "vergelijk/kiezer/")
    assert page.locator(".picker").is_hidden()
    # Every region is linked, to its own page with its facts (the picker's data is for its script).
    links = page.locator(".picker-listing li a")
    assert links.count() == 50
    links.nth(16).click()
    assert page.locator("h1").inner_text().removesuffix("¶") == "Regioplan Synthetische regio 017"
    page.goto(fifty_served + "vergelijk/kiezer/")
    page.goto(fifty_served + "vergelijk/matrix/deel-3/")
    assert page.locator(".matrix-filter").is_hidden()
    assert all(g.is_visible() for g in page.locator(".matrix-group").all())
    context.close()


def test_regions_and_comparisons_count_the_same_offer(real_site):
    """One definition of offered: verplicht or aangeboden, never in-overweging or niet-aangeboden."""
    listed = {
        tr.find("td").get_text(strip=True): tr.find_all("td")[-1].get_text(strip=True)
        for tr in html(real_site, "regios").select("article tbody tr")
    }
    compared = {
        tr.find("td").get_text(strip=True): tr.find_all("td")[-1].get_text(strip=True)
        for tr in html(real_site, "vergelijk").select("article table")[0].select("tbody tr")
    }
    assert listed == compared
    # Zuid-Holland Noord names regie op veelgebruikers as in overweging: listed, not counted.
    overview = html(real_site, "regios/zuid-holland-noord")
    heading_ = overview.find("h2", id="interventies-per-kernelement")
    statuses = []
    for table in heading_.find_all_next("table"):
        if table.find_previous("h2") is not heading_:
            break
        statuses += [tr.td.get_text(" ", strip=True) for tr in table.select("tbody tr")]  # the status, after the row header
    assert "in overweging" in statuses
    # "minimaal": the plan says there can be more than it names (offer.KernelCount.amount).
    assert listed["Zuid-Holland Noord"] == f"minimaal {sum(s.startswith(('verplicht', 'aangeboden')) for s in statuses)}"


def test_the_regions_list_and_the_comparison_count_every_region_alike(real_site):
    """The number of interventions a region offers is the same on /regios/ and on /vergelijk/."""

    def column(url: str, heading: str) -> dict[str, str]:
        for table in html(real_site, url).select("article table"):
            headings = [th.get_text(strip=True) for th in table.select("thead th")]
            if heading in headings:
                at = headings.index(heading)
                return {
                    cells[0]: cells[at]
                    for cells in ([c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])] for tr in table.select("tbody tr"))
                }
        raise AssertionError(f"no column {heading} on {url}")

    listed, compared = column("regios", "Interventies"), column("vergelijk", "Totaal")
    assert set(listed) == {"Eemland", "Midden-Brabant", "Oost-Gelderland", "Zuid-Holland Noord"}
    assert listed == compared


def test_the_road_to_version_3_is_a_to_do_list_for_the_rho(real_site):
    """'Naar leidraad versie 3' lists what an older plan must add or change: each v3 rule with what
    the plan says today; ✗ where the plan says something v3 does not allow, 'niet aangetoond' where
    it is silent. Leidraad v3 (seed 001, l. 230) asks intervisie organised by the RHO; Oost-
    Gelderland's plan leaves the learning environment to the practice, which the zorggroep 'kan
    ondersteunen' (seed 004, l. 71). V3 governs 2026-2027 (seed 001, l. 32) and names years 3 and on."""
    regions = all_toetsing(real_site)
    heads = [th.get_text(strip=True) for th in _road_table(real_site, "Oost-Gelderland").select("thead th")]
    assert heads == ["Wat versie 3 vraagt", "Wat het plan nu zegt", "Te doen"]
    og = {row[0]: row for row in regions["Oost-Gelderland"]["Naar leidraad versie 3"]}
    intervisie = og["Lerende omgeving via intervisie: de RHO organiseert de intervisie over MTVP"]
    assert intervisie[2].startswith("✗ in strijd met versie 3"), intervisie
    assert "praktijk" in intervisie[1]
    assert og["Een planperiode die 2026–2027 dekt"][2].startswith("niet aangetoond")
    assert "geen einde" in og["Een planperiode die 2026–2027 dekt"][1]
    years = og["Regels voor jaar 3 en verder"]
    assert years[2].startswith("niet aangetoond") and "jaar 1 en 2" in years[1], years
    tariffs = og["Tarieven voor 2026–2027"]
    assert tariffs[2].startswith("niet aangetoond") and "2023" in tariffs[1], tariffs
    # Zuid-Holland Noord's plan says it ran until 2025: that is said, and it is not v3's period.
    zhn = {row[0]: row for row in regions["Zuid-Holland Noord"]["Naar leidraad versie 3"]}
    assert zhn["Een planperiode die 2026–2027 dekt"][2].startswith("✗"), zhn["Een planperiode die 2026–2027 dekt"]
    # Every v3 verdict a plan does not meet stays in the list, with its own outcome's words.
    for name in ["Midden-Brabant", "Oost-Gelderland", "Zuid-Holland Noord"]:
        for row in regions[name]["Naar leidraad versie 3"]:
            assert row[2].split(":")[0] in ("✗ in strijd met versie 3", "✗ voldoet niet", "niet aangetoond"), (name, row)


def _road_table(site: Path, region: str):
    page = html(site, region_pages_of_the_toetsing(site)[region])
    start = next(h for h in page.select("article h2") if heading(h) == "Toetsing")
    road = next(h for h in start.find_all_next("h3") if heading(h) == "Naar leidraad versie 3")
    return road.find_next("table")


def test_a_handbook_without_regions_says_so_on_every_topic(project):
    site = build_site(project.root, pdfs=False)
    for topic in ORGANISATION_TOPICS:
        article = html(site, f"vergelijk/organisatie/{topic}").select_one("article")
        assert article.select("table") == [], topic
        assert "Er staan nog geen regio's in dit handboek." in article.get_text(" ", strip=True), topic
