"""Authoring: a new region from the scaffold, the field reference, open data, contact, versions."""

from __future__ import annotations

import json
import re

import pytest
from conftest import REPO, as_a_dutch_spreadsheet, copy_project, heading, html, picker_data, regioplan

from generator.data.schema import SCHEMAS, schemas
from generator.data.validate import _models_in


@pytest.fixture(scope="module")
def scaffolded(tmp_path_factory):
    """A clean checkout with the real regions plus one made by `regioplan new-region`."""
    project = copy_project(tmp_path_factory.mktemp("new") / "p", with_regions=True)
    result = regioplan(project.root, "new-region", "west-brabant", "--year", "2026")
    assert result.returncode == 0, result.stderr
    return project


def test_a_scaffolded_region_checks_and_builds(scaffolded):
    result = regioplan(scaffolded.root, "check")
    assert result.returncode == 0, result.stderr
    assert "5 regio's" in result.stdout
    build = regioplan(scaffolded.root, "build")
    assert build.returncode == 0, build.stderr
    assert heading(html(scaffolded.path("site"), "regios/west-brabant").find("h1")) == "Regioplan West Brabant"


def test_placeholders_left_in_a_scaffolded_region_are_pointed_out(scaffolded):
    region = "data/regios/west-brabant.yml"
    result = regioplan(scaffolded.root, "check", "--region", "west-brabant")
    warnings = [line for line in result.stderr.splitlines() if " W402 " in line]
    assert f"{region}:{scaffolded.line_of(region, 'mtvp@example.org')}:" in "\n".join(warnings)
    assert f"{region}:{scaffolded.line_of(region, 'Naam van de zorgverzekeraar')}:" in "\n".join(warnings)
    assert any("'Hoofdstuk of paragraaf' komt uit het startbestand" in w for w in warnings)
    # --strict makes them errors; `build` repeats them after building.
    assert regioplan(scaffolded.root, "check", "--strict").returncode == 1
    assert " W402 " in regioplan(scaffolded.root, "build").stderr


def test_a_period_outside_the_leidraad_a_split_list_and_an_unused_source_are_warned(project):
    from test_validate import MINIMAL_REGION

    region = MINIMAL_REGION.replace("periode_van: 2026", "periode_van: 2023").replace(
        "samenvatting: Een regio voor tests.", "samenvatting: Een regio voor tests.\nvisie: []\noverig: []"
    )
    region += 'versiegeschiedenis:\n  - {versie: "1.0", wijzigingen: [De webpagina\'s van de RHO, zonder versienummer.], bron: {document: leidraad-v3, sectie: test}}\n'
    project.write("data/regios/testregio.yml", region)
    project.replace("data/bronnen.yml", "documenten:\n", "documenten:\n  - {id: oud-plan, titel: Een oud plan, uitgever: RHO Test}\n")
    stderr = regioplan(project.root, "check").stderr
    assert (
        f"data/regios/testregio.yml:{project.line_of('data/regios/testregio.yml', 'leidraad: leidraad-v3')}:13: W403 het plan loopt vanaf 2023"
        in stderr
    )
    assert f"data/regios/testregio.yml:{project.line_of('data/regios/testregio.yml', 'wijzigingen')}:" in stderr and " W404 " in stderr
    assert "data/bronnen.yml:" in stderr and "W405 brondocument 'oud-plan' wordt door geen enkel gegeven gebruikt" in stderr


def test_a_scaffolded_region_shows_in_every_comparison(scaffolded):
    site = scaffolded.path("site")
    if not (site / "index.html").exists():
        assert regioplan(scaffolded.root, "build").returncode == 0
    name = "West Brabant"
    assert name in [th.get_text(strip=True) for th in html(site, "vergelijk/matrix").select(".matrix thead th")]
    assert name in [tr.find("td").get_text(strip=True) for tr in html(site, "vergelijk/toetsing").select("table")[0].select("tbody tr")]
    assert name in [t.get_text() for t in html(site, "vergelijk").select("svg text.chart-label")]
    assert name in [tr.find("td").get_text(strip=True) for tr in html(site, "vergelijk").select("article table")[-1].select("tbody tr")]
    assert name in [r["naam"] for r in picker_data(site)["regios"]]
    assert any(
        tr.find("td").get_text(strip=True) == name
        for tr in html(site, "vergelijk/organisatie/intervisie").select("article table")[0].select("tbody tr")
    )
    assert "west-brabant" in (site / "open-data/regio-interventies.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize("slug, code", [("eemland", "E202"), ("../x", "E105"), ("West-Brabant", "E105"), ("a/b", "E105")])
def test_new_region_refuses_existing_and_unsafe_slugs(tmp_path, slug, code):
    project = copy_project(tmp_path / "p", with_regions=True)
    before = sorted(p.name for p in project.path("data/regios").iterdir())
    result = regioplan(project.root, "new-region", slug)
    assert result.returncode == 1 and f" {code} " in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in project.path("data/regios").iterdir()) == before


def all_fields():
    seen, fields = set(), []

    def walk(model):
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            fields.append((model.__name__, name, info.description))
            for sub in _models_in(info.annotation):
                walk(sub)

    for model in SCHEMAS.values():
        walk(model)
    return fields


def test_every_field_has_a_description():
    undocumented = [f"{model}.{name}" for model, name, description in all_fields() if not (description or "").strip()]
    assert undocumented == []


def field_reference(site):
    """The field reference's pages, one per data file, as its overview in the guide links them (one
    page held them all: 204 KB at any number of regions)."""
    overview = html(site, "handleiding/velden")
    links = [a["href"] for a in overview.select("article li a") if not a["href"].startswith(("http", "#", ".."))]
    assert len(links) == len(SCHEMAS), links
    return [html(site, "handleiding/velden/" + href) for href in links]


def test_every_field_is_in_the_published_field_reference(real_site):
    documented = set()
    for page in field_reference(real_site):
        for section in page.select("h2[id^='model-']"):
            table = section.find_next("table")
            for row in table.select("tbody tr"):
                cells = [td.get_text(" ", strip=True) for td in row.find_all("td")]
                assert cells[3], (section["id"], cells[0])  # every field explained
                documented.add((section["id"], cells[0]))
    missing = [(model, name) for model, name, _ in all_fields() if (f"model-{model.lower()}", name) not in documented]
    assert missing == []


def test_the_field_reference_names_each_block_by_its_place_in_the_file_not_by_a_class(real_site):
    """The reference showed the software's class names ('Glossary', 'SourceRef') as headings and link
    texts; an author looks for where a block stands in the file: `plan`, `interventies[]`."""
    pages = field_reference(real_site)
    headings = [heading(h) for page in pages for h in page.select("h2[id^='model-']")]
    assert not [h for h in headings if re.fullmatch(r"[A-Z][A-Za-z]+", h)], headings
    assert "plan" in headings and "interventies[]" in headings and "horde.netwerk_ggz" not in headings
    links = [a.get_text(strip=True) for page in pages for a in page.select("article td a[href*='#model-']")]
    assert links and not [t for t in links if re.fullmatch(r"[A-Z][A-Za-z]+", t)], links


def test_open_data_matches_the_data(real_site):
    from generator.data.project import load_project

    project = load_project(REPO)
    regions = json.loads((real_site / "open-data/regios.json").read_text(encoding="utf-8"))
    assert sorted(r["id"] for r in regions) == sorted(project.regions)
    rows = as_a_dutch_spreadsheet(real_site / "open-data/regio-interventies.csv")
    assert len(rows) == sum(len(r.interventies) for r in project.regions.values())
    tariff = next(r for r in as_a_dutch_spreadsheet(real_site / "open-data/tarieven.csv") if r["regio_id"] == "zuid-holland-noord")
    assert tariff["bedrag_euro"] == "3,23" and tariff["prestatiecode"] == "13050"
    catalogue = json.loads((real_site / "open-data/catalogus.json").read_text(encoding="utf-8"))
    assert len(catalogue["interventies"]) == 22
    for name, text in schemas().items():
        assert (real_site / "schema" / name).read_text(encoding="utf-8") == text
    page = html(real_site, "open-data")
    assert "CC BY 4.0" in page.find("article").get_text()


def test_every_region_page_offers_the_rhos_contact(real_site):
    for region in ["eemland", "midden-brabant", "oost-gelderland", "zuid-holland-noord"]:
        for sub in ["", "interventies", "deelname", "monitoring-en-financiering", "praktijkplan", "planbouwer"]:
            menu = html(real_site, f"regios/{region}/{sub}".rstrip("/")).find("nav", class_="region-subnav")
            assert "Vragen over dit regioplan:" in menu.get_text(), (region, sub)
    assert "mtvp@rijnduin.nl" in html(real_site, "regios/zuid-holland-noord/deelname").find("nav", class_="region-subnav").get_text()


def test_version_history_where_the_data_has_more_than_one_version(real_site):
    page = html(real_site, "regios/zuid-holland-noord/versies")
    assert [heading(h) for h in page.select("article h2")] == ["Versie 2.7, 6 november 2024", "Versie zonder nummer, 29 maart 2023"]
    assert not (real_site / "regios/eemland/versies").exists()


def test_zuid_holland_noord_compares_only_what_version_2_7_says_about_2023(real_site):
    """The 2023 plan is known only from version 2.7: what it states is compared, the rest is named as not comparable."""
    page = html(real_site, "regios/zuid-holland-noord/versies")
    section = next(h for h in page.select("article h3") if heading(h) == "Wat is er veranderd ten opzichte van de versie van 29 maart 2023")
    changes = [" ".join(li.get_text(" ").split()) for li in section.find_next("ul").find_all("li")]
    assert [c.split(":")[0] for c in changes] == [
        "Plan , periode",
        "Interventies , Anders triëren door middel van triage training",
        "Interventies , 3-gesprekken (patiënt, huisarts en bijvoorbeeld wijkverpleegkundige)",
        "Interventies , Time-out verwijzingen",
    ]
    assert "Was: 2023 tot en met 2024. Nu: 2023 tot en met 2025." in changes[0]
    assert ": nieuw." in changes[1] and "Was: in overweging. Nu: niet aangeboden." in changes[2]
    text = " ".join(page.find("article").get_text(" ").split())
    assert "kennen wij alleen wat deze versie erover zegt" in text and "Noot van de redactie:" in text
    # Interventions the 2023 data says nothing about are named, not counted as new.
    assert "Niet te vergelijken, omdat de gegevens van de versie van 29 maart 2023 er niets over zeggen:" in text
    assert "Uitbreiding van personele capaciteit" in text.split("Niet te vergelijken")[1]


WEB_SOURCE = """  - id: webpaginas-voorbeeldstreek
    titel: MTVP op de website van Huisartsen Voorbeeldstreek
    uitgever: Huisartsen Voorbeeldstreek
    toelichting: Drie webpagina's over MTVP, zonder versie of datum.
    paginas:
      - {titel: Meer tijd voor de patiënt, adres: "https://www.example.org/voorbeeldstreek/mtvp", geraadpleegd: 2026-11-02}
      - {titel: Regels, adres: "https://www.example.org/voorbeeldstreek/mtvp/regels", geraadpleegd: 2026-11-02}
      - {titel: Veelgestelde vragen, adres: "https://www.example.org/voorbeeldstreek/mtvp/faq", geraadpleegd: 2026-11-03}
"""


@pytest.fixture(scope="module")
def web_region(tmp_path_factory):
    """A made-up region entered from three web pages (tests/fixtures/webregio.yml), built with PDFs."""
    project = copy_project(tmp_path_factory.mktemp("web") / "p")
    project.write("data/regios/voorbeeldstreek.yml", (REPO / "tests/fixtures/webregio.yml").read_text(encoding="utf-8"))
    project.replace("data/bronnen.yml", "documenten:\n", "documenten:\n" + WEB_SOURCE)
    check = regioplan(project.root, "check")
    build = regioplan(project.root, "build")
    return project, check, build


def test_a_region_from_web_pages_checks_clean_and_links_its_pages(web_region):
    project, check, build = web_region
    # Clean: nothing about this region's file or its source (other regions' sources are unused
    # in this copy, which only has this region).
    assert check.returncode == 0, check.stderr
    assert not [line for line in check.stderr.splitlines() if "voorbeeldstreek" in line], check.stderr
    assert build.returncode == 0, build.stderr
    site = project.path("site")
    # The Bronnen page and the region page link every web page, with the date it was read.
    sources = html(site, "bronnen")
    links = {a["href"] for a in sources.select("article a[href^='https://']")}
    assert {"https://www.example.org/voorbeeldstreek/mtvp/regels", "https://www.example.org/voorbeeldstreek/mtvp/faq"} <= links
    assert "geraadpleegd op 2 november 2026" in sources.get_text(" ")
    region = html(site, "regios/voorbeeldstreek")
    assert region.select_one("article a[href='https://www.example.org/voorbeeldstreek']") is not None  # the RHO's website
    assert region.select_one("article a[href='https://www.example.org/voorbeeldstreek/mtvp']") is not None
    # Open data has the sources, a row per page.
    rows = as_a_dutch_spreadsheet(site / "open-data/bronnen.csv")
    assert sum(r["id"] == "webpaginas-voorbeeldstreek" and r["soort"] == "webpagina" for r in rows) == 3
    # The regioplan PDF links them too.
    from pypdf import PdfReader

    reader = PdfReader(site / "regios/voorbeeldstreek/regioplan-voorbeeldstreek.pdf")
    uris = {a.get_object()["/A"].get("/URI") for p in reader.pages for a in p.get("/Annots", []) if "/A" in a.get_object()}
    assert "https://www.example.org/voorbeeldstreek/mtvp/faq" in uris


def test_a_region_from_web_pages_shows_every_unknown_as_unknown(web_region):
    project, _, _ = web_region
    site = project.path("site")
    rows = [tr.get_text(" ", strip=True) for tr in html(site, "regios/voorbeeldstreek").find("h2", id="toetsing").find_all_next("tr")]
    assert rows and not any("✗" in row for row in rows)
    assert any("niet te beoordelen" in row and "organisator" in row for row in rows)
    statuses = [th.em.get_text() for th in html(site, "interventies/triage-training").select(".kaarten tbody th")]
    assert "aangeboden, ondersteuning door de RHO niet vermeld" in statuses
    tariffs = html(site, "regios/voorbeeldstreek/monitoring-en-financiering").get_text(" ")
    assert "Niet vermeld: de bronnen van dit regioplan noemen geen tarieven" in " ".join(tariffs.split())


def test_a_web_address_must_be_complete(project):
    from test_validate import MINIMAL_REGION

    project.write(
        "data/regios/testregio.yml", MINIMAL_REGION.replace("rho: {naam: RHO Test}", "rho: {naam: RHO Test, website: www.rho.nl}")
    )
    result = regioplan(project.root, "check")
    assert result.returncode == 1
    assert (
        "data/regios/testregio.yml:3:32: E107 ongeldige waarde voor 'website': schrijf een volledig webadres met https://, "
        "zonder spaties of haakjes, bijvoorbeeld https://www.voorbeeld.nl/mtvp"
    ) in result.stderr


def test_glossary_mistakes_are_named_with_their_line(project):
    """A long form under `ook` and an abbreviation listed twice: both reported, in Dutch, with file and line."""
    project.replace("data/afkortingen.yml", 'ook: ["POH\'er"', 'ook: ["praktijkondersteuner", "POH\'er"')
    text = project.read("data/afkortingen.yml")
    project.write("data/afkortingen.yml", text + '  - afkorting: "DA"\n    betekenis: "dubbel"\n    uitleg: Twee keer.\n')
    result = regioplan(project.root, "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    line = project.line_of("data/afkortingen.yml", '"praktijkondersteuner"')
    assert (
        f"data/afkortingen.yml:{line}:" in result.stderr
        and "E214 'praktijkondersteuner' is geen schrijfwijze van de afkorting 'POH'" in result.stderr
    )
    assert "E202 afkorting 'DA' komt twee keer voor" in result.stderr


def test_a_region_from_partial_sources_shows_no_count_its_sources_do_not_give(web_region):
    """The web pages say 'minimaal drie opties' for three kernelementen, naming one, one and none, and
    nothing about personele capaciteit; their source is partial (`bron_volledig: false`). No page may
    turn that into 1, 1, 0 and 0: the field reference promises such a region 'telt nergens als nul'."""
    project, _, _ = web_region
    site = project.path("site")
    expected = ["minimaal 3", "minimaal 3", "niet vermeld", "minimaal 3", "minimaal 9"]

    compare = html(site, "vergelijk")
    table = compare.find("h2", id="aanbod-per-kernelement").find_next("table")
    row = next(tr for tr in table.select("tbody tr") if "Voorbeeldstreek" in tr.get_text())
    assert [td.get_text(" ", strip=True) for td in row.find_all("td")[1:]] == expected
    # The chart draws what the sources state (three at least, three times) and says "minimaal".
    chart = compare.select_one("svg#grafiek-aanbod")
    assert [t.get_text() for t in chart.select("text.chart-total")] == ["minimaal 9"]
    assert [t.get_text() for t in chart.select("text.chart-value")] == ["3", "3", "3"]
    # How much it resembles another region cannot be told from a part of its offer.
    similar = compare.find("h2", id="regios-met-een-vergelijkbaar-aanbod").find_next("table")
    cells = [td.get_text(" ", strip=True) for td in similar.select("tbody td")]
    assert cells[cells.index("Voorbeeldstreek") + 1].startswith("niet te bepalen")

    regions = html(site, "regios")
    row = next(tr for tr in regions.select("article tbody tr") if "Voorbeeldstreek" in tr.get_text())
    assert row.find_all("td")[-1].get_text(strip=True) == "minimaal 9"

    picker = picker_data(site)
    assert picker["regios"][0]["aanbod"] is None  # not compared with the reader's own offer either
    facts = {f["naam"]: f["waarde"] for f in picker["regios"][0]["feiten"]}
    assert [facts[name] for name in facts if name.startswith("Aanbod: ")] == [
        "minimaal 3 interventies",
        "minimaal 3 interventies",
        "niet vermeld",
        "minimaal 3 interventies",
    ]
    # The region's own pages say per kernelement what the sources say, named or not.
    for url in ("regios/voorbeeldstreek", "regios/voorbeeldstreek/interventies"):
        page = html(site, url)
        talk = page.find(id="goede-gesprek").find_next("p").get_text(" ", strip=True)
        assert talk.startswith("Aanbod: minimaal 3 interventies."), talk
        # The overview gives the number; the interventions page what the pages say, with its source.
        assert ("noemen er geen bij naam" in talk) == url.endswith("interventies"), talk
        if url.endswith("interventies"):
            assert page.find(id="goede-gesprek").find_next("p").find_next("p").get_text(" ", strip=True).startswith("Bron:")
        staff = page.find(id="personele-capaciteit").find_next("p").get_text(" ", strip=True)
        assert staff.startswith("Aanbod: niet vermeld."), staff
    # Nowhere on the site: a zero for this region's offer.
    for page in site.rglob("*.html"):
        text = " ".join(html(site, page.parent.relative_to(site).as_posix()).get_text(" ").split())
        assert not re.search(r"\b0 interventies", text), page


def test_a_region_can_file_an_intervention_under_another_kernelement(web_region):
    """A region that puts Welzijn op recept (nationally: samenwerken met het netwerk) under het goede
    gesprek is shown, counted and checked as it files it, and the page says where the leidraad puts it."""
    project, check, _ = web_region
    assert check.returncode == 0, check.stderr
    site = project.path("site")
    page = html(site, "regios/voorbeeldstreek/interventies")
    talk = page.find(id="goede-gesprek")
    item = next(h for h in talk.find_all_next("h3") if "Welzijn op Recept" in h.get_text())
    assert item.find_previous("h2") is talk
    text = " ".join(item.find_next("ul").get_text(" ").split())
    assert "landelijk onder Samenwerken met het netwerk" in text, text
    plan = json.loads(html(site, "regios/voorbeeldstreek/planbouwer").select_one("script#plan-rules").string)
    entry = next(i for i in plan["interventies"] if i["key"] == "toegang-sociaal-domein/welzijn-op-recept")
    assert entry["kernelement"] == "goede-gesprek"


def test_an_indicator_measured_only_in_aggregate_says_so(web_region):
    """'Alleen geaggregeerd, niet per praktijk' is a level of its own: neither the practice's nor the region's."""
    project, _, _ = web_region
    page = html(project.path("site"), "regios/voorbeeldstreek/monitoring-en-financiering")
    row = next(tr for tr in page.select("article tbody tr") if "Verwijzingen naar de tweede lijn" in tr.get_text())
    assert row.find_all("td")[1].get_text(" ", strip=True) == "alleen geaggregeerd, niet per praktijk"


def test_a_count_is_exact_only_where_the_plan_names_every_option(real_site):
    """The four regions' sources are whole plans; where a plan says there can be more options than it
    names (Eemland's open list of network interventions), the count is a lower bound there too."""
    table = html(real_site, "vergelijk").find("h2", id="aanbod-per-kernelement").find_next("table")
    heads = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = {tr.td.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in table.select("tbody tr")}
    eemland = dict(zip(heads, rows["Eemland"], strict=True))
    assert eemland["Samenwerken met het netwerk"].startswith("minimaal ")
    assert eemland["Totaal"].startswith("minimaal ")
    assert eemland["Uitbreiding van personele capaciteit"].isdigit()


@pytest.fixture(scope="module")
def silent_region(tmp_path_factory):
    """The web-page region again, but its pages name no insurer, no title for the plan and no first
    year (only that it runs until 2027): none of them may have to be invented."""
    text = (REPO / "tests/fixtures/webregio.yml").read_text(encoding="utf-8")
    for line in ("zorgverzekeraars:\n  - naam: Voorbeeldverzekeraar\n", "  titel: MTVP in de Voorbeeldstreek\n", "  periode_van: 2026\n"):
        assert line in text
        text = text.replace(line, "")
    project = copy_project(tmp_path_factory.mktemp("silent") / "p")
    project.write("data/regios/voorbeeldstreek.yml", text)
    project.replace("data/bronnen.yml", "documenten:\n", "documenten:\n" + WEB_SOURCE)
    return project, regioplan(project.root, "check"), regioplan(project.root, "build")


def test_facts_a_source_does_not_give_can_stay_unstated(silent_region):
    project, check, build = silent_region
    assert check.returncode == 0 and "voorbeeldstreek" not in check.stderr, check.stderr
    assert build.returncode == 0, build.stderr
    site = project.path("site")
    regions = html(site, "regios")
    intro = regions.select_one("article p").get_text(" ", strip=True)
    assert "afgesproken met een of meer zorgverzekeraars" not in intro  # not said of a plan that names none
    heads = [th.get_text(strip=True) for th in regions.select("article thead th")]
    row = dict(zip(heads, [td.get_text(" ", strip=True) for td in regions.select_one("article tbody tr").find_all("td")], strict=True))
    assert row["Zorgverzekeraars"] == "niet vermeld"
    assert row["Periode"] == "begin niet vermeld, tot en met 2027"
    overview = " ".join(html(site, "regios/voorbeeldstreek").select_one("article").get_text(" ").split())
    assert "Zorgverzekeraar: niet vermeld" in overview and "Titel: niet vermeld" in overview
    assert "Periode: Het plan loopt tot en met 2027; het eerste jaar is niet vermeld." in overview
    picker = picker_data(site)
    facts = {f["naam"]: f["waarde"] for f in picker["regios"][0]["feiten"]}
    assert facts["Zorgverzekeraars"] == "niet vermeld" and facts["Periode"] == "begin niet vermeld, tot en met 2027"
    # No channel says "None" or leaves an empty name where the fact is missing.
    for path in [*site.rglob("*.html"), *site.rglob("*.xml"), *site.rglob("*.ics"), *site.rglob("*.csv"), *site.rglob("*.json")]:
        assert "None" not in path.read_text(encoding="utf-8"), path
    from pypdf import PdfReader

    pdf = " ".join(p.extract_text() for p in PdfReader(site / "regios/voorbeeldstreek/regioplan-voorbeeldstreek.pdf").pages)
    assert "Zorgverzekeraars niet vermeld" in " ".join(pdf.split())


def test_the_starter_file_and_the_check_lead_to_bron_volledig_and_never_to_inventing(scaffolded):
    """An author entering a region from web pages got three ✗ on facts the pages do not state, and
    the advice 'Vul het aanbod aan'. The starter file names the safeguard; a failed rule says to add
    only what the plan says, and how to mark a partial source."""
    starter = scaffolded.read("data/regios/west-brabant.yml")
    assert "  bron_volledig: true\n" in starter and "webpagina's of een samenvatting" in starter
    assert "schrijf 'niet vermeld' nooit als waarde" in starter
    result = regioplan(scaffolded.root, "check", "--region", "west-brabant")
    failed = [line for line in result.stderr.splitlines() if " W401 " in line]
    assert failed, result.stderr  # the starter names one intervention: the groeimodel's counts are not met
    for line in failed:
        assert "vul alleen aan wat het plan noemt" in line and "plan.bron_volledig: false" in line, line
    guide = (REPO / "docs/aan-de-slag.md").read_text(encoding="utf-8")
    assert "bron_volledig: false" in guide and "Vul het aanbod aan" not in (REPO / "docs/index.md").read_text(encoding="utf-8")


def test_a_region_whose_sources_describe_no_form_gets_no_form_that_claims_to_be_its_own(web_region):
    """The web pages say nothing of participation, support, intervisie or a praktijkplan form: the
    page says so under each heading instead of being empty, and the form made from the leidraad's
    rules says where it comes from, on the web and in the PDF."""
    project, _, build = web_region
    assert build.returncode == 0, build.stderr
    site = project.path("site")
    participation = html(site, "regios/voorbeeldstreek/deelname").select_one("article")
    for heading_id in ("wat-een-deelnemende-praktijk-doet", "ondersteuning-door-de-rho", "intervisie", "praktijkplan"):
        title = participation.find(id=heading_id)
        assert title is not None, heading_id
        assert title.find_next("p").get_text(" ", strip=True).startswith("Niet vermeld"), heading_id
    form_page = " ".join(html(site, "regios/voorbeeldstreek/praktijkplan").select_one("article").get_text(" ").split())
    assert "zoals de regio het vraagt" not in form_page
    said = "De bronnen van dit regioplan beschrijven geen formulier voor het praktijkplan"
    assert said in form_page
    from pypdf import PdfReader

    pdf = " ".join(p.extract_text() for p in PdfReader(site / "regios/voorbeeldstreek/praktijkplan-voorbeeldstreek.pdf").pages)
    assert said in " ".join(pdf.split())


def test_open_data_opens_in_a_dutch_spreadsheet_as_columns_of_names(real_site):
    # Opened as a Dutch spreadsheet opens a CSV file, every file fell into one to five columns, with
    # "PatiÃ«nt" for "Patiënt" and ids ("niet-vermeld", "oost-gelderland") for what the site names.
    tables = sorted((real_site / "open-data").glob("*.csv"))
    assert [t.name for t in tables] == ["bronnen.csv", "interventies.csv", "regio-interventies.csv", "tarieven.csv", "toetsing.csv"]
    names = {"Eemland", "Midden-Brabant", "Oost-Gelderland", "Zuid-Holland Noord"}
    for table in tables:
        rows = as_a_dutch_spreadsheet(table)
        assert rows and len(rows[0]) >= 6, table.name
        assert all(None not in row and None not in row.values() for row in rows), table.name  # every row fills the columns
        cells = [cell for row in rows for cell in row.values()]
        assert not any("Ã" in cell for cell in cells), table.name
        assert "niet-vermeld" not in cells, table.name
        if "regio" in rows[0]:  # the regions by name (the tariffs table has those that name tariffs)
            assert {row["regio"] for row in rows} <= names and {row["regio_id"] for row in rows}.isdisjoint(names), table.name
    assert any("Patiënt" in row["titel"] for row in as_a_dutch_spreadsheet(real_site / "open-data/bronnen.csv"))
    offers = as_a_dutch_spreadsheet(real_site / "open-data/regio-interventies.csv")
    assert {row["ondersteund"] for row in offers} <= {"ja", "nee", "niet vermeld"}
    assert {row["status"] for row in offers} == {"verplicht", "aangeboden", "in overweging", "niet aangeboden"}  # as the site says them
    triage = [row for row in offers if row["interventie_id"] == "triage-training"]
    assert triage and all(
        row["interventie"] != "triage-training" and row["kernelement"] == "Anders werken in de praktijk" for row in triage
    )
    catalogue = {row["id"]: row for row in as_a_dutch_spreadsheet(real_site / "open-data/interventies.csv")}
    assert (
        catalogue["triage-training"]["naam"] == "Anders triëren door middel van triage training"
        and catalogue["triage-training"]["kernelement_id"] == "anders-werken"
    )
    verdicts = as_a_dutch_spreadsheet(real_site / "open-data/toetsing.csv")
    assert {row["uitkomst"] for row in verdicts} <= {"voldoet", "voldoet niet", "niet te beoordelen"}


def test_the_open_data_holds_what_a_region_asks_of_a_practice_as_its_pages_show_it(real_site):
    # Midden-Brabant's plan states what a practice commits to (an inspanningsverplichting) for its
    # obligatory interventions, where others state a minimale eis; the region's and the catalogue's
    # pages show it, while the open data left it out and its empty cells read "niet vermeld".
    from generator.data.project import load_project

    region = load_project(REPO).regions["midden-brabant"]
    stated = [(c.interventie, " ".join(c.inspanningsverplichting.split())) for c in region.interventies if c.inspanningsverplichting]
    assert len(stated) >= 5
    offers = [row for row in as_a_dutch_spreadsheet(real_site / "open-data/regio-interventies.csv") if row["regio_id"] == region.id]
    for intervention, text in stated:
        assert text in [" ".join(row["inspanningsverplichting"].split()) for row in offers if row["interventie_id"] == intervention]
    unstated = {c.interventie for c in region.interventies if not c.inspanningsverplichting}
    assert all(row["inspanningsverplichting"] == "" for row in offers if row["interventie_id"] in unstated)


def test_no_page_shows_its_readers_a_markdown_escape(real_site):
    # The open-data page named its columns "minimale\\_eis" and "regio\\_id": text escaped for
    # Markdown inside a code span, where Markdown leaves the backslash. Readers copy these names.
    from bs4 import BeautifulSoup

    escape = re.compile(r"\\[\\`*_{}\[\]()#+\-.!|<>]")
    shown = {}
    for page in sorted(real_site.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup(["script", "style"]):
            hidden.decompose()
        if found := escape.findall(soup.get_text(" ")):
            shown[str(page.relative_to(real_site))] = found[:5]
    assert shown == {}
    columns = [code.get_text() for code in html(real_site, "open-data").select("article td code")]
    assert "minimale_eis" in columns and "regio_id" in columns


def test_the_open_data_sets_are_described_beside_them(real_site):
    # A file of columns without a word on what they hold, under which licence and as of when, is
    # of little use: datapackage.json (the Frictionless Data standard) says it for every file, and
    # the open-data page shows the same.
    package = json.loads((real_site / "open-data/datapackage.json").read_text(encoding="utf-8"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0" and package["created"]
    files = {r["path"]: r for r in package["resources"]}
    assert set(files) == {
        p.name for p in (real_site / "open-data").iterdir() if p.suffix in (".csv", ".xlsx", ".json") and p.name != "datapackage.json"
    }
    page = html(real_site, "open-data").find("article").get_text(" ")
    for table in sorted((real_site / "open-data").glob("*.csv")):
        header = list(as_a_dutch_spreadsheet(table)[0])
        fields = files[table.name]["schema"]["fields"]
        assert [f["name"] for f in fields] == header, table.name
        assert all(f["description"] for f in fields), table.name
        assert files[table.name]["dialect"]["delimiter"] == ";", table.name
        for field in fields:
            assert field["description"] in " ".join(page.split()), (table.name, field["name"])
        # "Missing is not zero and not no": a column with an empty cell says what the empty cell
        # means, or a reader of the spreadsheet takes it for "none". Every such column in the data:
        rows = as_a_dutch_spreadsheet(table)
        for field in fields:
            if any(row[field["name"]] == "" for row in rows):
                assert "leeg" in field["description"], (table.name, field["name"], field["description"])


def test_every_table_is_also_a_workbook_that_keeps_text_and_numbers_as_they_are(real_site):
    # Issue 29: "Every data set has an .xlsx (read back with openpyxl: readable headers, display
    # names)". A CSV depends on the spreadsheet's settings; a workbook opens the same everywhere,
    # with amounts as numbers one can add up, and no cell a formula, whatever the data says.
    import openpyxl

    folder = real_site / "open-data"
    package = {r["path"]: r for r in json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))["resources"]}
    page = html(real_site, "open-data")
    for table in sorted(folder.glob("*.csv")):
        workbook = folder / f"{table.stem}.xlsx"
        book = openpyxl.load_workbook(workbook)
        data, about = book.worksheets
        rows = list(data.iter_rows(values_only=True))
        header, body = rows[0], rows[1:]
        expected = as_a_dutch_spreadsheet(table)
        columns = list(expected[0])
        # Headers people read: words, not field names; one per column of the CSV, in its order.
        assert len(header) == len(columns), table.name
        assert all(h and "_" not in h and h[0].isupper() for h in header), (table.name, header)
        assert data.freeze_panes == "A2" and data.auto_filter.ref, table.name  # header stays, filter buttons
        assert len(body) == len(expected), table.name
        for cells, row in zip(body, expected, strict=True):
            for cell, (column, value) in zip(cells, row.items(), strict=True):
                if isinstance(cell, (int, float)):
                    assert cell == float(value.replace(",", ".")), (table.name, column, value)
                else:
                    # The CSV's apostrophe before a formula character is for the CSV only.
                    assert (cell or "") == (value[1:] if value.startswith("'=") else value), (table.name, column)
        assert all(c.data_type != "f" for sheet in book.worksheets for line in sheet.iter_rows() for c in line), table.name
        # What the file is, under which licence, and every column with what it holds.
        words = " ".join(str(v) for line in about.iter_rows(values_only=True) for v in line if v)
        assert "CC BY 4.0" in words and package[table.name]["title"] in words, table.name
        for title, field in zip(header, package[table.name]["schema"]["fields"], strict=True):
            assert title in words and field["description"] in words, (table.name, title)
        assert package[workbook.name]["mediatype"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        assert page.find("a", href=workbook.name) is not None, workbook.name
    tariffs = openpyxl.load_workbook(folder / "tarieven.xlsx").worksheets[0]
    amounts = [row[2] for row in tariffs.iter_rows(min_row=2, values_only=True)]
    assert amounts and all(isinstance(a, float) for a in amounts)
    # The leidraad's numbers of its interventions sort as numbers (they were text: found by an attacker).
    catalogue = openpyxl.load_workbook(folder / "interventies.xlsx").worksheets[0]
    numbers = [row[2] for row in catalogue.iter_rows(min_row=2, values_only=True) if row[2] is not None]
    assert numbers and all(isinstance(n, int) for n in numbers)
