"""The region section: each regioplan's key facts, read back from the built pages.

The expected values come from the source documents (../shared/seeds), not from the data files,
so a transcription error fails here.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, copy_project, heading, html
from test_validate import MINIMAL_REGION

from generator.addresses import practice_plan_pdf
from generator.engine.build import build_site

REGIONS = ["eemland", "midden-brabant", "oost-gelderland", "zuid-holland-noord"]
SUBPAGES = ["", "interventies", "deelname", "monitoring-en-financiering", "praktijkplan", "planbouwer"]


def text(site: Path, url: str) -> str:
    return " ".join(html(site, url).find("article").get_text(" ", strip=True).split())


def table_rows(site: Path, url: str, header: str) -> list[list[str]]:
    """Rows of the first table whose first header cell is `header`, row headers included."""
    page = html(site, url)
    for table in page.select("article table"):
        if table.find("th").get_text(strip=True) == header:
            return [
                [" ".join(cell.get_text(" ", strip=True).split()) for cell in tr.find_all(["th", "td"])] for tr in table.select("tbody tr")
            ]
    raise AssertionError(f"no table starting with {header!r} on {url}")


def test_regions_index_lists_every_region_with_its_rho(real_site):
    rows = {r[0]: r for r in table_rows(real_site, "regios", "Regio")}
    assert set(rows) == {"Eemland", "Midden-Brabant", "Oost-Gelderland", "Zuid-Holland Noord"}
    assert rows["Eemland"][1] == "Huisartsen Eemland"
    assert rows["Midden-Brabant"][1] == "PrimaCura"
    assert rows["Oost-Gelderland"][1] == "HOOG"
    assert "Rijn en Duin" in rows["Zuid-Holland Noord"][1]
    assert rows["Midden-Brabant"][2] == "CZ, VGZ"
    assert rows["Oost-Gelderland"][2] == "Menzis, Zilveren Kruis"


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_has_its_pages_linked_to_each_other(real_site, region):
    for sub in SUBPAGES:
        url = f"regios/{region}/{sub}".rstrip("/")
        menu = html(real_site, url).find("nav", class_="region-subnav")  # the local menu under the title
        linked = {(real_site / url / a["href"]).resolve() for a in menu.find_all("a")}
        subpages = SUBPAGES + (["versies"] if region == "zuid-holland-noord" else [])  # the only one with a history
        others = {(real_site / f"regios/{region}/{other}").resolve() for other in subpages if other != sub}
        assert linked == others
        assert menu.find("strong") is not None  # the current page, not a link


def test_zuid_holland_noord(real_site):
    base = "regios/zuid-holland-noord"
    overview = text(real_site, base)
    assert "Versie: 2.7" in overview and "6 november 2024" in overview
    assert "Zorg en Zekerheid" in overview
    # The rule that lets year 3 pick from either of two kernelementen asks no more than the
    # leidraad's year 3: listed as restating it, not as an extra obligation.
    page = html(real_site, base)
    restated = next(h for h in page.select("h3") if "leidraad herhalen" in heading(h)).find_next("ul").get_text()
    assert (
        "In jaar 3 één interventie bij anders werken of bij samenwerken met het netwerk: vraagt minder dan de leidraad, die blijft gelden"
        in restated
    )
    # Its own rule: the commitment to the intervisie on its praktijkplan form (seed 000, line 334).
    own = page.find("h2", id="eigen-regels-van-de-regio")
    assert heading(own.find_next("h3")) == "Deelnemen aan de intervisie van Rijn en Duin"
    assert "deelname aan de intervisie" in own.find_next("ul").get_text(" ", strip=True)
    tariffs = table_rows(real_site, f"{base}/monitoring-en-financiering", "Zorgverzekeraar")
    assert tariffs[0][:5] == ["Zorg en Zekerheid", "€ 3,23", "per ingeschreven patiënt (ION) per kwartaal", "2025", "13050"]
    participation = text(real_site, f"{base}/deelname")
    assert "twee keer per jaar" in participation.lower()
    assert "AGB" in participation
    statuses = {
        r[0]: r[1]
        for g in html(real_site, base).select(".kaarten table")
        for r in [[cell.get_text(" ", strip=True) for cell in tr.find_all(["th", "td"])] for tr in g.select("tbody tr")]
    }
    assert statuses["3-gesprekken (patiënt, huisarts en bijvoorbeeld wijkverpleegkundige)"] == "niet aangeboden"
    assert statuses["Time-out verwijzingen"] == "niet aangeboden"


def test_eemland(real_site):
    base = "regios/eemland"
    overview = text(real_site, base)
    assert "31 maart 2026" in overview and "2026 tot en met 2027" in overview
    assert "Zilveren Kruis" in overview
    names = [a.get_text(" ", strip=True) for a in html(real_site, base).select("article table a")]
    for own in ["Microsoft 365", "SmartTyping", "Digicoach"]:
        assert any(own in name for name in names), own
    assert "(eigen interventie van de regio)" in overview
    monitoring = text(real_site, f"{base}/monitoring-en-financiering")
    assert "90%" in monitoring.replace(" %", "%")
    participation = text(real_site, f"{base}/deelname")
    assert "april" in participation and "2027" in participation
    assert "SMART" in participation


def test_midden_brabant(real_site):
    base = "regios/midden-brabant"
    overview = html(real_site, base)
    mandatory = [  # per intervention a row: its name (row header), status, when
        tr.th.get_text(" ", strip=True) for tr in overview.select(".kaarten tbody tr") if tr.td.get_text(strip=True).startswith("verplicht")
    ]
    assert len(mandatory) == 5
    assert any("Regie op" in m for m in mandatory)
    # The sixth mandatory part is the intervisie, shown where the plan shows it.
    assert "Intervisie MTVP" in text(real_site, base)
    rule = " ".join(overview.find("h2", id="eigen-regels-van-de-regio").find_next("ul").get_text(" ", strip=True).split())
    assert "jaar 1" in rule and "deelname aan de intervisie" in rule
    assert "PrimaCura" in text(real_site, f"{base}/interventies")


def test_oost_gelderland(real_site):
    base = "regios/oost-gelderland"
    overview = text(real_site, base)
    for sub in ["Apeldoorn", "Zutphen", "Oost-Achterhoek"]:
        assert sub in overview
    tariffs = {r[0]: r for r in table_rows(real_site, f"{base}/monitoring-en-financiering", "Zorgverzekeraar")}
    assert tariffs["Menzis"][1:4:2] == ["€ 2,88", "2023"]
    assert tariffs["Zilveren Kruis"][1:4:2] == ["€ 2,96", "2023"]
    timeline = " ".join(r[0] + " " + r[1] for r in table_rows(real_site, f"{base}/monitoring-en-financiering", "Wanneer"))
    assert "1 juli 2023" in timeline or "2023-07-01" in timeline
    assert "drie maanden" in text(real_site, f"{base}/deelname") or "3 maanden" in text(real_site, f"{base}/deelname")


def test_a_fact_the_plan_does_not_state_reads_niet_vermeld_in_every_table(real_site):
    # The standard: "where a source does not state a fact, the data says 'niet vermeld'". Oost-
    # Gelderland's plan: "Het kwartaaltarief van Menzis voor 2023 is vastgesteld op €2,88 per ION"
    # (no prestatiecode). A dash read as "none" or "not applicable"; a screen reader says nothing.
    # Every unstated tariff year or code, indicator aim or norm, and offer year, from the data:
    from generator.data.project import load_project

    project = load_project(REPO)
    tariffs = table_rows(real_site, "vergelijk/organisatie/tarieven", "Regio")
    indicators = table_rows(real_site, "vergelijk/organisatie/indicatoren", "Regio")
    seen = 0
    for region in project.regions.values():
        base = f"regios/{region.id}"
        money = region.financiering.tarieven if region.financiering else []
        own = table_rows(real_site, f"{base}/monitoring-en-financiering", "Zorgverzekeraar") if money else []
        for tariff in money:
            page_rows = [r for r in own if r[0] == tariff.verzekeraar]
            compared = [r for r in tariffs if r[0] == region.naam and r[1] == tariff.verzekeraar]
            for stated, page_column, compare_column in [(tariff.jaar, 3, 4), (tariff.prestatiecode, 4, 6)]:
                if stated is None:
                    seen += 1
                    assert any(r[page_column] == "niet vermeld" for r in page_rows), (region.id, tariff)
                    assert any(r[compare_column] == "niet vermeld" for r in compared), (region.id, tariff)
        for indicator in region.monitoring.indicatoren if region.monitoring else []:
            page_rows = [r for r in table_rows(real_site, f"{base}/monitoring-en-financiering", "Indicator") if r[0] == indicator.naam]
            if indicator.doel is None:
                seen += 1
                assert page_rows and all(r[2] == "niet vermeld" for r in page_rows), (region.id, indicator.naam)
            if indicator.norm is None:
                seen += 1
                assert page_rows and all(r[3] == "niet vermeld" for r in page_rows), (region.id, indicator.naam)
                assert all(r[3] == "niet vermeld" for r in indicators if r[0] == region.naam and r[1] == indicator.naam)
    assert seen, "the data has no unstated fact of these kinds: the test proves nothing"
    # An offer the plan gives no year for: the overview's "Wanneer" column, and on the interventions
    # page every intervention's facts, where the line was left out (as if there were nothing to say).
    for region in project.regions.values():
        when = [td.get_text(strip=True) for td in html(real_site, f"regios/{region.id}").select('article td[data-label="Wanneer"]')]
        assert when and "–" not in when, region.id
        facts = [li.get_text(" ", strip=True) for li in html(real_site, f"regios/{region.id}/interventies").select("article li")]
        statuses = [f for f in facts if f.startswith("Status:")]
        unstated = [c for c in region.interventies if not (c.jaar or c.sinds)]
        assert len([f for f in facts if f.startswith("Wanneer:")]) == len(statuses), region.id
        assert facts.count("Wanneer: niet vermeld") == len(unstated), region.id
    # What the practice plan must meet: its deadline and where it goes in. Midden-Brabant's and
    # Zuid-Holland Noord's plans name no deadline; the page, the form and its PDF left the line out.
    from pypdf import PdfReader

    for region in project.regions.values():
        plan = region.praktijkplan
        if plan is None:
            continue
        pdf = " ".join(" ".join(p.extract_text() for p in PdfReader(real_site / practice_plan_pdf(region.id)).pages).split())
        for label, stated in [("Uiterlijk", plan.deadline), ("Indienen", plan.indienen)]:
            if stated is None:
                seen += 1
                for url in [f"regios/{region.id}/deelname", f"regios/{region.id}/praktijkplan"]:
                    shown = {
                        dt.get_text(strip=True): dt.find_next_sibling("dd").get_text(" ", strip=True)
                        for dt in html(real_site, url).select("article dt")
                    }
                    assert shown.get(label) == "niet vermeld", (url, label, shown.get(label))
                assert f"{label} niet vermeld" in pdf, (region.id, label)


def test_catalogue_page_puts_regions_side_by_side(real_site):
    table = html(real_site, "interventies/triage-training").select_one(".kaarten table")
    assert [th.get_text(strip=True) for th in table.select("thead th")] == [
        "Regio, vorm en status",
        "Minimale eis",
        "Einddoel",
        "Ondersteuning door de RHO",
    ]
    rows: dict[str, list] = {}
    for tr in table.select("tbody tr"):  # a region may offer the intervention in more than one form
        rows.setdefault(tr.th.a.get_text(strip=True), []).append(tr)
    assert {"Midden-Brabant", "Zuid-Holland Noord"} <= set(rows)

    def cells(region: str) -> list[dict[str, str]]:
        return [{td["data-label"]: td.get_text(" ", strip=True) for td in tr.find_all("td")} for tr in rows[region]]

    assert any("triagetraining" in c["Minimale eis"].lower() and c["Einddoel"] != "niet vermeld" for c in cells("Zuid-Holland Noord"))
    assert any("PrimaCura" in c["Ondersteuning door de RHO"] for c in cells("Midden-Brabant"))  # the support its RHO gives
    assert any("verplicht" in tr.th.get_text(" ", strip=True) for tr in rows["Midden-Brabant"])  # its status, in words


def test_home_routes_a_gp_to_what_the_region_asks_of_the_practice(real_site):
    home = html(real_site, "")
    listed = {a.get_text(strip=True): a["href"] for a in home.select("article ul li > a") if "#voor-uw-praktijk" in a["href"]}
    assert set(listed) == {"Eemland", "Midden-Brabant", "Oost-Gelderland", "Zuid-Holland Noord"}
    zhn = next(li for li in home.select("article li") if li.a and li.a.get_text(strip=True) == "Zuid-Holland Noord")
    assert "afgelopen (2023–2025)" in zhn.get_text()  # whether the plan is current
    # One click further: the region's first section, with the form and the planbouwer one click away.
    region = html(real_site, "regios/eemland")
    section = region.find(id="voor-uw-praktijk")
    assert section.find_previous("h2") is None  # the first section of the page
    links = {a.get_text(strip=True): a["href"] for a in section.find_next("ul").find_all("a")}
    assert links["formulier"].rstrip("/").endswith("praktijkplan") and links["planbouwer"].rstrip("/").endswith("planbouwer")
    assert "Vanaf 2027 uiterlijk in april" in section.find_next("ul").get_text()


def test_the_navigation_lists_the_regions_in_their_own_section_only(real_site):
    # Every page listed every region: at 200 regions a page of the leidraad weighed 92 KB, the site
    # 150 MB. The regions' own section lists them all; any other page links to that section.
    regions = {"Eemland", "Midden-Brabant", "Oost-Gelderland", "Zuid-Holland Noord"}

    def nav_labels(url: str) -> set[str]:
        nav = html(real_site, url).select_one("nav.md-nav--primary")
        return {" ".join(a.get_text(" ", strip=True).split()) for a in nav.select("a[href]")}

    for url in ["regios/", "regios/eemland/", "regios/zuid-holland-noord/"]:
        assert regions <= nav_labels(url), url
    for url in ["", "leidraad/", "interventies/", "interventies/triage-training/", "vergelijk/", "afkortingen/"]:
        labels = nav_labels(url)
        assert "Regio's" in labels and not regions & labels, (url, labels)


def test_no_reader_meets_notes_about_how_the_sources_were_read(real_site):
    """How a source was read (OCR, a text version of a PDF) is our concern, never the reader's."""
    mentions = [
        page.relative_to(real_site).as_posix()
        for page in real_site.rglob("*.html")
        if re.search(r"\bOCR\b|tekstversie", BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text())
    ]
    assert mentions == []


def test_no_page_shows_markdown_escapes(real_site):
    """Data text is escaped for Markdown; a backslash must never reach the reader."""
    shown = []
    for page in real_site.rglob("index.html"):
        article = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").find("article")
        if article and re.search(r"\\[^\s\w]", article.get_text()):
            shown.append(page.relative_to(real_site).as_posix())
    assert shown == []


def test_a_new_region_file_appears_on_the_index_and_the_catalogue(tmp_path):
    project = copy_project(tmp_path / "p")
    project.write("data/regios/testregio.yml", MINIMAL_REGION)
    site = build_site(project.root, pdfs=False)
    assert [r[0] for r in table_rows(site, "regios", "Regio")] == ["Testregio"]
    assert heading(html(site, "regios/testregio").find("h1")) == "Regioplan Testregio"
    rows = table_rows(site, "interventies/triage-training", "Regio, vorm en status")
    assert rows == [["Testregio verplicht, ondersteuning door de RHO niet vermeld", "niet vermeld", "niet vermeld", "niet vermeld"]]


def site_with_text(tmp_path, text: str) -> Path:
    """A site with one region whose summary and minimale eis are `text` (a YAML double-quoted string)."""
    project = copy_project(tmp_path / "p")
    region = MINIMAL_REGION.replace("samenvatting: Een regio voor tests.", f'samenvatting: "{text}"').replace(
        "    status: verplicht\n", f'    status: verplicht\n    minimale_eis: "{text}"\n'
    )
    project.write("data/regios/testregio.yml", region)
    return build_site(project.root, pdfs=False)


def test_hostile_region_text_is_inert(tmp_path):
    hostile = "<script>alert('x')</script>|**x**"
    site = site_with_text(tmp_path, hostile)
    overview = html(site, "regios/testregio").find("article")
    assert overview.find("script") is None and hostile in overview.get_text()
    row = table_rows(site, "interventies/triage-training", "Regio, vorm en status")[0]
    assert row[1] == hostile and len(row) == 4


def test_lists_in_data_text_become_lists_and_stay_escaped(tmp_path):
    site = site_with_text(tmp_path, "Het plan vraagt:\\n- een **eerste** punt;\\n  dat doorloopt\\n- een <b>tweede</b> punt")
    overview = html(site, "regios/testregio").find("article")
    lead = overview.find("p", string="Het plan vraagt:")
    assert lead is not None
    items = [li.get_text() for li in lead.find_next_sibling("ul").find_all("li")]
    assert items == ["een **eerste** punt; dat doorloopt", "een <b>tweede</b> punt"]
    details = html(site, "regios/testregio/interventies").find("article")
    dd = next(dt for dt in details.find_all("dt") if dt.get_text() == "Minimale eis").find_next_sibling("dd")
    assert [li.get_text() for li in dd.find_all("li")] == items


@pytest.mark.parametrize("region", REGIONS)
def test_the_plan_facts_are_separate_list_items(real_site, region):
    """Each fact about the plan is its own item (a template once ran two together)."""
    items = html(real_site, f"regios/{region}").find("h2", id="het-plan").find_next("ul").find_all("li")
    labels = [li.get_text(" ", strip=True).split(":")[0] for li in items]
    assert labels == ["Titel", "Versie", "Datum", "Status", "Periode", "Volgt", "Bron"]


def test_each_region_has_its_dates_as_a_calendar(real_site):
    import datetime as dt

    import icalendar

    from generator.data.project import load_project

    project = load_project(Path(__file__).resolve().parents[1])
    for region in project.regions.values():
        dated = [m for m in region.tijdlijn if m.datum]
        path = real_site / f"regios/{region.id}/agenda-{region.id}.ics"
        calendar = icalendar.Calendar.from_ical(path.read_bytes())
        events, todos = calendar.walk("VEVENT"), calendar.walk("VTODO")
        assert len(events) + len(todos) == len(dated)
        assert len({c["UID"] for c in events + todos}) == len(dated)  # stable, unique identifiers
        assert len(todos) == sum(m.deadline for m in dated)
        link = html(real_site, f"regios/{region.id}").find("a", href=f"agenda-{region.id}.ics")
        assert link is not None  # linked from the region page
    mb = icalendar.Calendar.from_ical((real_site / "regios/midden-brabant/agenda-midden-brabant.ics").read_bytes())
    enrol = next(t for t in mb.walk("VTODO") if str(t["SUMMARY"]).startswith("Vóór 20 maart 2023"))
    assert enrol["DUE"].dt == dt.datetime(2023, 3, 20, 0, 0)  # a deadline: due when 20 March begins, not an event that day
    start = next(e for e in mb.walk("VEVENT") if e["DTSTART"].dt == dt.date(2023, 7, 1))
    assert start["DTEND"].dt == dt.date(2023, 7, 2) and "Lichting 2 start" in str(start["SUMMARY"])
