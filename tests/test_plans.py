"""Plan forms and the plan builder: PDFs read back, and one set of cases through both checkers.

The cases in fixtures/plan_cases.json run through `regioplan check-plan` (Python) and through
the plan builder in Chromium (JavaScript); both must reach the verdicts the case expects, with
the same messages.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import SiteServer, copy_project, heading, html, regioplan
from pypdf import PdfReader

from generator.data.project import load_project
from generator.engine.build import build_site
from generator.models import PracticePlan
from generator.rules.conformance import check_region
from generator.rules.plancheck import check_plan
from generator.rules.planrules import rules_for_region

FIXTURES = Path(__file__).parent / "fixtures"
CASES = json.loads((FIXTURES / "plan_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def plan_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("plans") / "p", with_regions=True)
    for name in ("planregio.yml", "deelregio.yml"):
        shutil.copy(FIXTURES / name, project.path(f"data/regios/{name}"))
    return project


@pytest.fixture(scope="module")
def plan_site(plan_project) -> Path:
    return build_site(plan_project.root)


@pytest.fixture(scope="module")
def served(plan_site):
    server = SiteServer(plan_site)
    yield server.url
    server.close()


def python_verdicts(project_root: Path, case: dict) -> list[dict]:
    project = load_project(project_root)
    plan = PracticePlan.model_validate(case["plan"]).model_dump()
    return check_plan(rules_for_region(project, project.regions[case["region"]]), plan)


def failing(verdicts, outcome: str = "voldoet niet") -> list[list]:
    return sorted([v["id"], v["jaar"]] for v in verdicts if v["uitkomst"] == outcome)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_check_plan_command(plan_project, tmp_path, case):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(case["plan"]), encoding="utf-8")
    result = regioplan(
        plan_project.root, "check-plan", str(plan_file), "--region", case["region"], timeout=120, in_process=case is not CASES[0]
    )
    assert result.returncode == (1 if case["failing"] or case.get("leeg") else 0), result.stdout + result.stderr
    assert result.stdout.count("✗ ") == len(case["failing"])
    assert result.stdout.count("– ") == len(case["unknown"])
    verdicts = python_verdicts(plan_project.root, case)
    assert failing(verdicts) == sorted(case["failing"])
    assert failing(verdicts, "niet te beoordelen") == sorted(case["unknown"])
    if "total" in case:
        assert len(verdicts) == case["total"]
    # Grouped by year, failures first within a year, each rule once per year.
    order = ["voldoet niet", "niet te beoordelen", "voldoet"]
    assert verdicts == sorted(verdicts, key=lambda v: (v["jaar"], order.index(v["uitkomst"])))
    assert len({(v["id"], v["jaar"]) for v in verdicts}) == len(verdicts)


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_plan_builder_reaches_the_same_verdicts(browser, served, plan_project, case):
    page = browser.new_page()
    page.goto(f"{served}regios/{case['region']}/planbouwer/")
    page.evaluate("plan => window.regioplanLoadPlan(plan)", case["plan"])
    items = page.locator(".planbouwer-verdicts li")
    shown = [
        {
            "id": item.get_attribute("data-rule"),
            "jaar": int(item.get_attribute("data-jaar")),
            "uitkomst": item.get_attribute("data-uitkomst"),
            "melding": item.inner_text()[2:],
        }
        for item in items.all()
    ]
    assert failing(shown) == sorted(case["failing"])
    assert failing(shown, "niet te beoordelen") == sorted(case["unknown"])
    expected = [{k: v[k] for k in ("id", "jaar", "uitkomst", "melding")} for v in python_verdicts(plan_project.root, case)]
    assert shown == expected  # same rules, same order, same words
    # Grouped by year under a heading each, as on the command line.
    assert page.locator(".planbouwer-result h3").all_inner_texts() == [f"MTVP-jaar {y}" for y in sorted({v["jaar"] for v in expected})]
    page.close()


def test_plan_builder_by_keyboard_and_export(browser, served, plan_project, tmp_path):
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{served}regios/planregio/planbouwer/")
    # Type the practice's name, Tab to its AGB code, choose the start quarter with the arrow
    # keys, Tab into the first year of the first intervention and choose "uitvoeren".
    page.focus("#plan-praktijk")
    page.keyboard.type("Huisartsenpraktijk De Linde")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "plan-agb"
    page.focus("#plan-start")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "2023-K1"
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused.endswith(", 2023 · MTVP-jaar 1"), focused
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "actief"
    # Planregio's plan runs 2026-2027; MTVP year 1 of a practice that began in 2023 lies before it.
    assert (
        page.locator(".planbouwer-summary").inner_text() == "Geen van de ingevulde jaren valt binnen het regioplan; er is niets getoetst."
    )
    assert "MTVP-jaar 1 (2023) valt buiten het regioplan van" in page.locator(".planbouwer-notities").inner_text()
    with page.expect_download() as download:
        page.get_by_role("button", name="Plan opslaan als bestand").click()
    saved = tmp_path / "plan.json"
    download.value.save_as(saved)
    plan = json.loads(saved.read_text(encoding="utf-8"))
    assert plan["praktijk"] == "Huisartsenpraktijk De Linde" and plan["regio"] == "planregio" and plan["start"] == "2023-K1"
    assert list(plan["keuzes"].values()) == [{"1": "actief"}]
    # The saved file gets the same verdicts from the command line.
    result = regioplan(plan_project.root, "check-plan", str(saved), "--region", "planregio", timeout=120)
    shown_failures = page.locator(".planbouwer-verdicts li[data-uitkomst='voldoet niet']").count()
    assert result.stdout.count("✗ ") == shown_failures
    assert result.returncode == 1 and "er is niets getoetst" in result.stdout
    page.close()


def test_plan_builder_without_javascript_lists_the_rules(browser, served):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{served}regios/midden-brabant/planbouwer/")
    assert page.locator("#planbouwer").is_hidden()
    assert page.locator(".planbouwer-zonder-script li").count() >= 5
    context.close()


def test_praktijkplan_prints_without_site_chrome(browser, served):
    page = browser.new_page()
    page.goto(f"{served}regios/zuid-holland-noord/praktijkplan/")
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".md-sidebar--primary").is_hidden()
    assert page.locator(".region-subnav").is_hidden()
    assert page.locator(".praktijkplan-form").is_visible()
    pdf = page.pdf(format="A4")
    text = "".join(p.extract_text() for p in PdfReader(__import__("io").BytesIO(pdf)).pages)
    assert "Praktijkplan MTVP · Zuid-Holland Noord" in text  # the margin box
    assert "Pagina 1 van" in text
    page.close()


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(path).pages).split())


def test_praktijkplan_pdf_is_a_tagged_fillable_form(plan_site):
    reader = PdfReader(plan_site / "regios/zuid-holland-noord/praktijkplan-zuid-holland-noord.pdf")
    fields = reader.get_fields()
    for name in [
        "huisartsen_1_naam",
        "huisartsen_1_agb-code",
        "praktijk",  # the region's own 'Naam van de praktijk' is the identity field
        "agb",
        "contactpersoon",  # not on the region's form, every handed-in plan needs it
        "start",
        "adres_adres",
        "verklaring_akkoord",
        "interventie_triage-training_jaar-1",
        "interventie_training-gespreksvoering-positieve-gezondheid_jaar-3",
        "intervisie_akkoord",  # the region's own promise to take part in the intervisie
        "plaats-datum_plaats",
        "datum",
        "handtekening_handtekening",
    ]:
        assert name in fields, name
    assert "intervisie" not in fields  # asked once, in the region's own words
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged for screen readers
    assert "Kies één interventie; die loopt twee jaar door." in pdf_text(
        plan_site / "regios/zuid-holland-noord/praktijkplan-zuid-holland-noord.pdf"
    )
    assert reader.metadata.title == "Praktijkplan MTVP regio Zuid-Holland Noord"


@pytest.mark.parametrize("region", ["eemland", "midden-brabant", "oost-gelderland", "zuid-holland-noord", "planregio", "deelregio"])
def test_every_praktijkplan_pdf_says_who_and_explains_every_field(plan_site, region):
    reader = PdfReader(plan_site / f"regios/{region}/praktijkplan-{region}.pdf")
    fields = reader.get_fields()
    assert {"praktijk", "agb", "contactpersoon", "datum", "start"} <= set(fields)
    for name, field in fields.items():
        tooltip = str(field.get("/TU", ""))
        # A description a reader can hover, never the field's id ('interventie_x_jaar-1').
        assert tooltip and tooltip != name and "_" not in tooltip, (name, tooltip)
    # Tab order is reading order: the widgets, page by page, come in the order of the form on the web page.
    order = [str(a.get_object().get("/T") or a.get_object()["/Parent"]["/T"]) for page in reader.pages for a in page.get("/Annots", [])]
    web = [field["name"] for field in html(plan_site, f"regios/{region}/praktijkplan").select("form.praktijkplan-form [name]")]
    assert order == web


def test_praktijkplan_pdfs_ask_only_what_their_region_asks(plan_site):
    eemland = pdf_text(plan_site / "regios/eemland/praktijkplan-eemland.pdf")
    assert "SmartTyping" in eemland and "SMART-doelstelling" in eemland  # Eemland asks a SMART goal per intervention
    assert "2026 (overgangsjaar)" in eemland and "Welk MTVP-jaar is 2027 voor de praktijk?" in eemland
    fields = PdfReader(plan_site / "regios/eemland/praktijkplan-eemland.pdf").get_fields()
    columns = {name.rsplit("_", 1)[1] for name in fields if name.startswith("interventie_")}
    assert columns == {"2026", "2027"}  # a column per calendar year of the plan, no "Jaar 1"
    gelderland_pdf = plan_site / "regios/oost-gelderland/praktijkplan-oost-gelderland.pdf"
    gelderland = pdf_text(gelderland_pdf)
    assert "SMART" not in gelderland  # the word does not occur in Oost-Gelderland's plan
    assert "MTVP-jaar 1" in gelderland and "MTVP-jaar 2" in gelderland  # its rules are per year
    names = PdfReader(gelderland_pdf).get_fields()
    assert any(name.startswith("interventies_") and "welzijn-op-recept" in name for name in names)  # a row per intervention
    brabant = pdf_text(plan_site / "regios/midden-brabant/praktijkplan-midden-brabant.pdf")
    assert brabant.count("(verplicht)") == 5 and "Inspanningsverplichting" in brabant
    assert "Lichting 1 begon in het 2e kwartaal 2023" in brabant  # the region's own lichtingen


def _gray(pdf: Path, page: int) -> tuple[int, int, bytes]:
    """Page `page` (1-based) of a PDF rendered by poppler at 72 dpi as grey pixels: (width, height, bytes)."""
    out = subprocess.run(
        ["pdftoppm", "-gray", "-r", "72", "-f", str(page), "-l", str(page), str(pdf)], capture_output=True, check=True
    ).stdout
    header, rest = out.split(b"\n", 1)
    size, rest = rest.split(b"\n", 1)
    _, rest = rest.split(b"\n", 1)  # maximum value
    width, height = (int(x) for x in size.split())
    assert header == b"P5"
    return width, height, rest


def _ink(pdf: Path, reader: PdfReader, name: str) -> float:
    """How dark the widget of field `name` is drawn (0 white, 1 black), as poppler renders it."""
    for number, page in enumerate(reader.pages, start=1):
        for annotation in page.get("/Annots", []):
            widget = annotation.get_object()
            if widget.get("/T") == name:
                x1, y1, x2, y2 = (float(v) for v in widget["/Rect"])
                left, right, bottom, top = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
                width, height, pixels = _gray(pdf, number)
                page_top = float(page.mediabox.top)
                rows = range(int(page_top - top) + 2, int(page_top - bottom) - 1)
                columns = range(int(left) + 2, int(right) - 1)
                values = [pixels[y * width + x] for y in rows for x in columns]
                return 1 - sum(values) / (255 * len(values))
    raise AssertionError(f"no widget {name}")


@pytest.mark.parametrize("shape", ["current", "first"])
def test_fill_plan_writes_the_regions_pdf_with_the_saved_plan(plan_project, tmp_path, shape):
    saved = {
        "formaat": 1,
        "regio": "eemland",
        "praktijk": "Huisartsenpraktijk De Linde",
        "keuzes": {"flexibele-consultduur": {"3": "actief"}, "triage-training": {"3": "actief", "4": "actief"}},
        "deelnemers": {"triage-training": {"3": ["doktersassistent"], "4": ["tweede doktersassistent"]}},
        "onderbouwingen": {},
        "intervisie": True,
    }
    if shape == "current":
        saved |= {"agb": "01012345", "contactpersoon": "J. de Vries", "datum": "2026-04-15", "start": "2024-K1"}
        saved["personeel"] = {"uitbreiding-personele-capaciteit": {"3": "physician assistant, 16 uur per week"}}
        saved["keuzes"]["uitbreiding-personele-capaciteit"] = {"3": "actief"}
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(saved), encoding="utf-8")
    out = tmp_path / "ingevuld.pdf"
    result = regioplan(plan_project.root, "fill-plan", str(plan_file), "--region", "eemland", "-o", str(out), timeout=300)
    assert result.returncode == 0, result.stderr
    reader = PdfReader(out)
    values = {name: field.get("/V") for name, field in reader.get_fields().items()}
    assert values["praktijk"] == "Huisartsenpraktijk De Linde" and values["intervisie"] == "/on"
    if shape == "first":
        # Without a start the calendar columns cannot be placed: said, and left empty.
        assert "startkwartaal" in result.stderr
        assert values["interventie_flexibele-consultduur_2026"] in (None, "/Off")
        return
    assert values["agb"] == "01012345" and values["contactpersoon"] == "J. de Vries" and values["datum"] == "2026-04-15"
    assert values["mtvp-jaar_2026"] == "3" and values["mtvp-jaar_2027"] == "4"  # began 1 January 2024
    assert values["interventie_flexibele-consultduur_2026"] == "/on" and values["interventie_flexibele-consultduur_2027"] == "/Off"
    assert values["wie_triage-training_2027"] == "tweede doktersassistent"
    assert values["personeel_uitbreiding-personele-capaciteit_2026"] == "physician assistant, 16 uur per week"
    # The ticks are drawn, not only stored: poppler shows ink in a ticked box and none in an empty one.
    assert _ink(out, reader, "interventie_flexibele-consultduur_2026") > 0.08
    assert _ink(out, reader, "interventie_flexibele-consultduur_2027") < 0.02


def test_fill_plan_refuses_a_broken_file_and_keeps_what_was_there(plan_project, tmp_path):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text('{"keuzes": {"bestaat-niet": {"1": "actief"}}}', encoding="utf-8")
    out = tmp_path / "ingevuld.pdf"
    out.write_bytes(b"earlier")
    result = regioplan(plan_project.root, "fill-plan", str(plan_file), "--region", "eemland", "-o", str(out), timeout=120)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "E504" in result.stderr and "er is geen PDF geschreven" in result.stderr
    assert out.read_bytes() == b"earlier"


def test_fill_plan_replaces_only_a_plan_it_filled(plan_project, tmp_path):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps({"formaat": 1, "regio": "eemland", "keuzes": {"triage-training": {"1": "actief"}}}), encoding="utf-8")
    fill = ("fill-plan", str(plan_file), "--region", "eemland", "-o")
    # What an author could name by mistake: the project's data, a document of their own.
    for name, content in [("catalogus.yml", None), ("jaarverslag.pdf", b"%PDF-1.7 mijn jaarverslag"), ("brief.txt", b"mijn brief")]:
        out = plan_project.path("data/catalogus.yml") if content is None else tmp_path / name
        if content is not None:
            out.write_bytes(content)
        before = out.read_bytes()
        result = regioplan(plan_project.root, *fill, str(out), in_process=True)
        assert result.returncode == 1 and f"{out}: E305 bestaat al en is geen praktijkplan dat regioplan invulde" in result.stderr
        assert out.read_bytes() == before
    # Its own earlier output it replaces, as an author filling in the plan again expects.
    out = tmp_path / "plan.pdf"
    assert regioplan(plan_project.root, *fill, str(out), in_process=True).returncode == 0
    assert regioplan(plan_project.root, *fill, str(out), in_process=True).returncode == 0


def test_fill_plan_never_replaces_a_blank_form_or_a_published_pdf(plan_project, plan_site, tmp_path):
    # The attack: the site's blank form, filled in by hand and saved by a practice, carries the same
    # creator as fill-plan's output; and the project's PDF cache holds the forms the site publishes:
    # replacing one there put a practice's name in the public blank form at the next build.
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps({"formaat": 1, "regio": "eemland", "praktijk": "De Linde"}), encoding="utf-8")
    blank = plan_site / "regios/eemland/praktijkplan-eemland.pdf"
    hand_filled = tmp_path / "ons-plan.pdf"
    shutil.copy(blank, hand_filled)
    cached = plan_project.path(".cache/regioplan/pdf/eigen.pdf")
    cached.parent.mkdir(parents=True, exist_ok=True)
    for out in (hand_filled, cached, plan_project.path("site/regios/eemland/nieuw.pdf")):
        before = out.read_bytes() if out.exists() else None
        result = regioplan(plan_project.root, "fill-plan", str(plan_file), "--region", "eemland", "-o", str(out), in_process=True)
        assert result.returncode == 1 and " E305 " in result.stderr, (out, result.stderr)
        assert (out.read_bytes() if out.exists() else None) == before


def test_fill_plan_shows_eemlands_goal_and_plans_of_approach_whole(plan_project, tmp_path):
    # Eemland's jaarplan holds a practice goal and per intervention a short plan of approach with a
    # SMART goal (seed 002, lines 190-194); the filled PDF must show each text whole, as a reader of
    # the printed or viewed form sees it (poppler reads the fields' drawn text).
    goal = (
        "In 2027 heeft elke patiënt met meerdere chronische aandoeningen een consult van twintig minuten, en daalt "
        "het aantal consulten per verzekerde met vijf procent ten opzichte van 2025, zodat er tijd is voor het goede gesprek."
    )
    approach = "De assistente plant consulten van 10, 15 of 20 minuten op basis van de hulpvraag; het team evalueert elk kwartaal."
    smart = "Per 1 juli 2027 is 80% van de spreekuren flexibel ingeroosterd, gemeten met het HIS-rapport van juni."
    saved = {
        "formaat": 1,
        "regio": "eemland",
        "praktijk": "Huisartsenpraktijk De Linde",
        "start": "2026-K1",
        "keuzes": {"flexibele-consultduur": {"1": "actief", "2": "actief"}, "taakherschikking": {"2": "actief"}},
        "onderdelen": {
            "doelstelling": goal,
            "plan-van-aanpak": {
                "flexibele-consultduur": [approach, smart],
                "taakherschikking": ["SOH-spreekuur op dinsdag.", "Eind 2027 15 patiënten per week."],
            },
        },
    }
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(saved), encoding="utf-8")
    out = tmp_path / "ingevuld.pdf"
    result = regioplan(plan_project.root, "fill-plan", str(plan_file), "--region", "eemland", "-o", str(out), in_process=True)
    assert result.returncode == 0, result.stderr
    assert "WARNING" not in result.stderr  # no English warnings from the PDF library
    values = {name: field.get("/V") for name, field in PdfReader(out).get_fields().items()}
    assert values["deel_doelstelling"] == goal
    assert values["plan-van-aanpak_1_interventie"] == "Flexibele consultduur via anders inroosteren"
    assert (values["plan-van-aanpak_1_kort-plan-van-aanpak"], values["plan-van-aanpak_1_smart-doelstelling"]) == (approach, smart)
    shown = " ".join(subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split())
    for text in (goal, approach, smart, "Flexibele consultduur via anders inroosteren"):
        words = text.split()
        assert all(word in shown for word in words), [w for w in words if w not in shown]


def test_regioplan_pdf_has_title_contents_and_every_section(plan_site):
    reader = PdfReader(plan_site / "regios/zuid-holland-noord/regioplan-zuid-holland-noord.pdf")
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert "Regioplan Meer Tijd Voor de Patiënt, regio Zuid Holland Noord" in pages[0]  # the plan's own spelling
    assert "2.7" in pages[0] and "6 november 2024" in pages[0]
    contents = pages[1]
    for section in [
        "Versies van het plan",
        "Overzicht",
        "Interventies",
        "Deelname en praktijkplan",
        "Monitoring, financiering en tijdlijn",
    ]:
        assert section in contents
    assert "2.7" in contents and "Versie" in contents  # the version history, newest first
    body = " ".join(pages[2:])
    assert "€ 3,23" in " ".join(body.split()) and "13050" in body
    assert "Minimale eis" in body and "Toetsing" in body
    assert "Pagina 3 van" in pages[2]
    # The site compares the region with similar regions; the summary of its own plan does not.
    overview = html(plan_site, "regios/zuid-holland-noord").find("article").get_text(" ")
    assert "Regio's met een vergelijkbaar aanbod" in overview and "vergelijkbaar aanbod" not in body
    # A page's settings for the site (front matter: its search weight) are not text of the plan.
    assert "boost" not in body and "search:" not in body


def printed_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines as poppler lays them out, without the running header and the page number."""
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    return [
        [
            " ".join(line.split())
            for line in page.splitlines()
            if line.strip() and not line.strip().startswith("Pagina ") and "niet het officiële document" not in line
        ]
        for page in pages
        if page.strip()
    ]


@pytest.mark.parametrize("region", ["eemland", "midden-brabant", "oost-gelderland", "zuid-holland-noord"])
def test_regioplan_pdf_says_it_is_a_summary_and_keeps_headings_with_their_text(plan_site, region):
    pdf = plan_site / f"regios/{region}/regioplan-{region}.pdf"
    pages = printed_lines(pdf)
    first = " ".join(pages[0])
    assert "Samenvatting van het regioplan" in first and "niet het officiële regioplan" in first
    header = subprocess.run(["pdftotext", "-f", "5", "-l", "5", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "niet het officiële document" in header.splitlines()[0]  # on every page after the first, in the running header
    # No heading ends a page: the headings of the region's pages (as the site shows them) are never
    # a page's last line, up to the list of sources (whose notes end in section names).
    headings = set()
    for sub in ["", "interventies", "deelname", "monitoring-en-financiering"]:
        article = html(plan_site, f"regios/{region}/{sub}").find("article")
        headings |= {" ".join(h.get_text(" ", strip=True).removesuffix("¶").split()) for h in article.find_all(["h1", "h2", "h3", "dt"])}
    pages_before_sources = next(n for n, lines in enumerate(pages) if "Bronnen" in lines)
    stranded = [(number + 1, lines[-1]) for number, lines in enumerate(pages[:pages_before_sources]) if lines and lines[-1] in headings]
    assert stranded == []
    # No near-empty page: after the title and contents pages, every page but the last is well filled.
    assert [number + 1 for number, lines in enumerate(pages[2:-1], start=2) if len(lines) < 15] == []
    # Sources as numbered notes, gathered once at the end, not a "Bron:" line under every paragraph.
    body = "\n".join("\n".join(lines) for lines in pages)
    assert "Bronvermeldingen" in body and body.count("Bron:") < 10


def reading(element) -> str:
    """An element's text as a reader reads it: no space before a comma that follows a link."""
    return re.sub(r" ([,;.)])", r"\1", " ".join(element.get_text(" ").split()))


def site_sources(site: Path, region: str) -> tuple[list[str], list[str]]:
    """The source references a reader sees on the region's pages that make up its regioplan PDF, in
    reading order (a "Bron:" line, a cell of a "Bron" column, a "bron:" after a verdict's origin),
    and the first cell of each row of a table with a "Bron" column."""
    sources, rows = [], []
    for sub in ["", "interventies", "deelname", "monitoring-en-financiering"]:
        article = html(site, f"regios/{region}/{sub}").find("article")
        for element in article.find_all(["p", "table", "td"]):
            text = reading(element)
            if element.name == "p" and element.find("em", string="Bron:") and text.startswith("Bron: "):
                sources.append(text.removeprefix("Bron: "))
            elif element.name == "table" and [th.get_text(strip=True) for th in element.select("thead th")][-1:] == ["Bron"]:
                for row in element.select("tbody tr"):
                    rows.append(reading(row.find(["th", "td"])))
                    sources += [cell for cell in [reading(row.find_all("td")[-1])] if cell not in ("", "–")]
            elif element.name == "td" and element.find("br") and " bron: " in f" {text}":
                sources.append(text.rsplit("bron: ", 1)[1])
    return sources, rows


def numbered_items(text: str) -> list[str]:
    """The items of a numbered list printed as one line ("1. a 2. b …"), each number the next."""
    assert text.startswith("1. "), text[:80]
    items, number = [], 1
    while True:
        text = text.removeprefix(f"{number}. ")
        end = text.find(f" {number + 1}. ")
        if end < 0:
            return [*items, text]
        items.append(text[:end])
        text, number = text[end + 1 :], number + 1


@pytest.mark.parametrize("region", ["eemland", "midden-brabant", "oost-gelderland", "zuid-holland-noord", "planregio"])
def test_every_source_the_site_names_is_a_numbered_note_in_the_regioplan_pdf(plan_site, region):
    # What the PDF promises on its title page: "bij elk onderdeel staat een verwijzing naar de plek in
    # de bron". Read back: the list of notes holds every reference the site's pages show, each once,
    # numbered 1..n; the text refers to every number; the tables keep every row (the notes take only
    # the source column's text).
    sources, rows = site_sources(plan_site, region)
    wanted = list(dict.fromkeys(sources))
    assert wanted, "the region's pages name their sources"
    printed = subprocess.run(
        ["pdftotext", str(plan_site / f"regios/{region}/regioplan-{region}.pdf"), "-"], capture_output=True, text=True, check=True
    )
    lines = [
        line
        for line in printed.stdout.replace("\f", "\n").splitlines()
        if not re.match(r"Pagina \d+ van \d+$|Samenvatting regioplan .* document$|Plan: versie", line)
    ]
    text, notes = " ".join(" ".join(lines).split()).rsplit("Bronvermeldingen", 1)
    listed = dict(enumerate(numbered_items(notes.split("verwijzen naar deze plekken in de bronnen. ", 1)[1]), start=1))
    assert len(listed) == len(wanted)

    # Compared without spaces and hyphens: poppler joins a word broken at a hyphen ("Midden-" /
    # "Brabant" reads "MiddenBrabant").
    def joined(text: str) -> str:
        return re.sub(r"[\s-]", "", text)

    notes_as_printed = {joined(note) for note in listed.values()}
    assert [source for source in wanted if joined(source) not in notes_as_printed] == []
    assert {int(n) for n in re.findall(r"\[(\d+)\]", text)} == set(listed)
    # A row's cells come out of poppler line by line, interleaved with their neighbours: its first
    # two words stand for it.
    assert [row for row in rows if joined(" ".join(row.split()[:2])) not in joined(text)] == []


def test_region_pages_link_their_pdfs(plan_site):
    from conftest import html

    page = html(plan_site, "regios/eemland/praktijkplan")
    link = page.select_one("article a[href$='.pdf']")
    assert (plan_site / "regios/eemland/praktijkplan" / link["href"]).resolve().is_file()


# Malformed plan files: (name, file content, region, error code, JSON path in the message).
MALFORMED = [
    ("not JSON", '{"keuzes": ', "planregio", "E502", ""),
    ("an empty file", "", "planregio", "E502", ""),
    ("a trailing comma", '{"keuzes": {},\n}', "planregio", "E502", ""),
    ("bytes that are not UTF-8", b'{"praktijk": "\xe9"}', "planregio", "E502", ""),
    ("nested 100,000 deep", '{"keuzes": ' + "[" * 100_000 + "]" * 100_000 + "}", "planregio", "E502", ""),
    ("a number of 5,000 digits", '{"formaat": ' + "9" * 5000 + "}", "planregio", "E502", ""),
    ("a list instead of a plan", "[]", "planregio", "E503", "$:"),
    ("a string instead of a plan", '"plan"', "planregio", "E503", "$:"),
    ("choices as a list", '{"keuzes": ["wijkteam"]}', "planregio", "E503", "$.keuzes:"),
    ("choices null", '{"keuzes": null}', "planregio", "E503", "$.keuzes:"),
    ("years as a list", '{"keuzes": {"wijkteam": [1, 2]}}', "planregio", "E503", "$.keuzes.wijkteam:"),
    ("a year spelled out", '{"keuzes": {"wijkteam": {"een": "actief"}}}', "planregio", "E503", "$.keuzes.wijkteam.een:"),
    ("a year beyond ten", '{"keuzes": {"wijkteam": {"11": "actief"}}}', "planregio", "E503", '$.keuzes.wijkteam["11"]:'),
    ("a number as a state", '{"keuzes": {"wijkteam": {"1": 5}}}', "planregio", "E503", '$.keuzes.wijkteam["1"]:'),
    ("an unknown state", '{"keuzes": {"wijkteam": {"2": "ja"}}}', "planregio", "E503", '$.keuzes.wijkteam["2"]:'),
    ("an unknown field", '{"keuzes": {}, "opmerking": "x"}', "planregio", "E503", "$.opmerking:"),
    ("an id with capitals", '{"keuzes": {"Wijkteam": {"2": "actief"}}}', "planregio", "E503", '$.keuzes["Wijkteam"]:'),
    (
        "an intervention neither the region nor the leidraad has",
        '{"keuzes": {"bestaat-niet": {"1": "actief"}}}',
        "planregio",
        "E504",
        '$.keuzes["bestaat-niet"]:',
    ),
    (
        "a justification for an unknown intervention",
        '{"onderbouwingen": {"wijktean": "x"}}',
        "planregio",
        "E504",
        "$.onderbouwingen.wijktean:",
    ),
    (
        "a year after the last the groeimodel can reach",
        '{"keuzes": {"wijkteam": {"6": "actief"}}}',
        "planregio",
        "E505",
        '$.keuzes.wijkteam["6"]:',
    ),
    # Midden-Brabant's plan has no end; a practice from 2023 is in year 5 in 2027, the last year a leidraad covers.
    (
        "year 6 after the last year of the plan",
        '{"keuzes": {"wijkteam": {"6": "actief"}}}',
        "midden-brabant",
        "E505",
        '$.keuzes.wijkteam["6"]:',
    ),
    ("deepening in year 1", '{"keuzes": {"wijkteam": {"1": "verdieping"}}}', "planregio", "E505", '$.keuzes.wijkteam["1"]:'),
    ("a justification that is not text", '{"onderbouwingen": {"wijkteam": 3}}', "planregio", "E503", "$.onderbouwingen.wijkteam:"),
    (
        "participants not a list",
        '{"deelnemers": {"triage-training": {"1": "POH"}}}',
        "planregio",
        "E503",
        '$.deelnemers["triage-training"]["1"]:',
    ),
    (
        "participants as numbers",
        '{"deelnemers": {"triage-training": {"1": [1]}}}',
        "planregio",
        "E503",
        '$.deelnemers["triage-training"]["1"][0]:',
    ),
    ("intervisie as a word", '{"intervisie": "ja"}', "planregio", "E503", "$.intervisie:"),
    ("an unknown file format", '{"formaat": 2}', "planregio", "E503", "$.formaat:"),
    ("a file format of true", '{"formaat": true}', "planregio", "E503", "$.formaat:"),
    ("a practice name as a number", '{"praktijk": 12}', "planregio", "E503", "$.praktijk:"),
    # Typed by a practice, printed on the checker's terminal: an escape sequence would act on it.
    (
        "a terminal escape in the practice name",
        '{"praktijk": "De Linde\\u001b[2J\\u001b]0;pwned\\u0007"}',
        "planregio",
        "E503",
        "$.praktijk:",
    ),
    ("a control character in the contact", '{"contactpersoon": "A\\u0000B"}', "planregio", "E503", "$.contactpersoon:"),
    ("a day that does not exist", '{"datum": "2026-02-30"}', "planregio", "E503", "$.datum:"),
    # JSON readers keep the last of two equal keys: which of the two the practice meant is unknown.
    ("a key twice", '{"regio": "planregio", "keuzes": {}, "regio": "eemland"}', "planregio", "E503", "$.regio:"),
    ("a choice twice", '{"keuzes": {"wijkteam": {"1": "actief", "1": "verdieping"}}}', "planregio", "E503", '$.keuzes.wijkteam["1"]:'),
]


@pytest.mark.parametrize(("name", "content", "region", "code", "path"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_plan_files_get_a_positioned_error(plan_project, tmp_path, name, content, region, code, path):
    plan_file = tmp_path / "plan.json"
    if isinstance(content, bytes):
        plan_file.write_bytes(content)
    else:
        plan_file.write_text(content, encoding="utf-8")
    result = regioplan(plan_project.root, "check-plan", str(plan_file), "--region", region, timeout=120, in_process=name != MALFORMED[0][0])
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "Traceback" not in output
    line = next(line for line in result.stderr.splitlines() if f" {code} " in line)
    assert line.startswith(f"{plan_file}:") and f"{code} {path}" in line, line


def _pipe(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _huge(path: Path) -> Path:
    path.write_text('{"praktijk": "' + "x" * 6_000_000 + '"}', encoding="utf-8")
    return path


# What is not a plan file at all: each is named (E001) at once, never read without end or waited on.
NOT_A_PLAN_FILE = {
    "a named pipe": (_pipe, "geen gewoon bestand"),
    "the endless /dev/zero": (lambda path: Path("/dev/zero"), "geen gewoon bestand"),
    "a folder": (lambda path: path.parent, "is een map"),
    "a file of 6 MB": (_huge, "groter dan 5 MB"),
}


@pytest.mark.parametrize("case", NOT_A_PLAN_FILE)
def test_what_is_not_a_plan_file_is_named_at_once(plan_project, tmp_path, case):
    make, explained = NOT_A_PLAN_FILE[case]
    target = make(tmp_path / "plan.json")
    result = regioplan(plan_project.root, "check-plan", str(target), "--region", "planregio", timeout=60)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert f"{target}: E001 " in output and explained in output, output
    assert "Traceback" not in output


def test_files_saved_by_the_builder_so_far_still_open(plan_project, tmp_path):
    """The shape the builder saved before this version stays valid input."""
    saved = {
        "formaat": 1,
        "regio": "planregio",
        "praktijk": "De Linde",
        "keuzes": {"triage-training": {"1": "actief"}},
        "onderbouwingen": {},
        "intervisie": True,
    }
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(saved), encoding="utf-8")
    result = regioplan(plan_project.root, "check-plan", str(plan_file), "--region", "planregio", in_process=True)
    assert "E5" not in result.stderr and "MTVP-jaar 1" in result.stdout


def test_the_plan_file_schema_is_published_and_current(plan_site):
    from generator.data.schema import schemas

    published = plan_site / "schema" / "praktijkplan.schema.json"
    assert json.loads(published.read_text(encoding="utf-8")) == json.loads(schemas()["praktijkplan.schema.json"])
    assert (Path(__file__).parents[1] / "schema" / "praktijkplan.schema.json").read_text(encoding="utf-8") == schemas()[
        "praktijkplan.schema.json"
    ]


def test_a_region_from_partial_sources_is_never_failed_on_what_it_does_not_state(plan_project, plan_site):
    project = load_project(plan_project.root)
    verdicts = check_region(project, project.regions["deelregio"])
    assert verdicts and not [v for v in verdicts if v.outcome == "voldoet niet"]
    unknown = [v for v in verdicts if v.outcome == "niet te beoordelen"]
    assert {v.section for v in unknown} == {"horde", "groeimodel"}
    offer = next(v for v in verdicts if v.rule.startswith("Anders werken in de praktijk: de regio biedt minimaal 3"))
    assert offer.outcome == "voldoet" and "minimaal 3 opties" in offer.reason  # the count the plan states
    # The built page says the same.
    page = html(plan_site, "regios/deelregio")
    rows = [tr.get_text(" ", strip=True) for tr in page.find("h2", id="toetsing").find_all_next("tr")]
    assert rows and not any("✗" in row for row in rows)


def test_opening_a_malformed_file_in_the_builder_shows_what_is_wrong(browser, served):
    page = browser.new_page()
    page.goto(f"{served}regios/planregio/planbouwer/")
    page.evaluate("text => window.regioplanOpenPlan(text)", '{"keuzes": {"bestaat-niet": {"1": "actief"}, "wijkteam": [1]}}')
    errors = page.locator(".planbouwer-fouten li").all_inner_texts()
    assert any(e.startswith('$.keuzes["bestaat-niet"]:') and "is geen interventie van het regioplan van" in e for e in errors)
    assert any(e.startswith("$.keuzes.wijkteam:") for e in errors)
    page.evaluate("text => window.regioplanOpenPlan(text)", "{niet: json")
    assert "geen planbestand" in page.locator(".planbouwer-fouten").inner_text()
    page.close()


@pytest.mark.parametrize("region", ["eemland", "midden-brabant", "oost-gelderland", "zuid-holland-noord", "planregio", "deelregio"])
def test_the_plan_builder_and_the_form_fit_a_phone(browser, served, region):
    page = browser.new_page(viewport={"width": 390, "height": 844})
    page.goto(f"{served}regios/{region}/planbouwer/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # On a phone each year's control carries its own label.
    first = page.locator(".planbouwer-table td").first
    assert first.evaluate("td => getComputedStyle(td, '::before').content") == '"MTVP-jaar 1"'
    page.goto(f"{served}regios/{region}/praktijkplan/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.close()


def test_the_plan_builder_names_years_by_the_calendar_once_the_start_is_known(browser, served):
    page = browser.new_page()
    page.goto(f"{served}regios/eemland/planbouwer/")
    heads = page.locator(".planbouwer-table").first.locator("thead th")
    assert heads.nth(1).inner_text() == "MTVP-jaar 1"
    page.select_option("#plan-start", "2024-K1")  # began on 1 January 2024
    assert heads.nth(3).inner_text() == "2026 · MTVP-jaar 3 (overgangsjaar)"
    assert heads.nth(4).inner_text() == "2027 · MTVP-jaar 4"
    assert heads.nth(1).inner_text() == "2024 · MTVP-jaar 1 (vóór dit plan)"
    page.goto(f"{served}regios/midden-brabant/planbouwer/")
    page.select_option("#plan-start", label="Lichting 2 (vanaf jul 2023)")
    assert page.locator(".planbouwer-table thead th").nth(1).inner_text() == "jul 2023 – jun 2024 · MTVP-jaar 1"
    page.close()


def test_the_plan_builder_speaks_dutch_and_prints_the_plan_not_the_form(browser, served):
    page = browser.new_page()
    page.goto(f"{served}regios/eemland/planbouwer/")
    case = next(c for c in CASES if c["name"] == "Eemland: a practice in its fifth year")
    page.evaluate(
        "plan => window.regioplanLoadPlan({...plan, praktijk: 'Huisartsenpraktijk De Linde', agb: '01012345', start: '2023-K2'})",
        case["plan"],
    )
    # The browser's own file picker ("Choose File") is replaced by a Dutch button.
    assert page.get_by_text("Opgeslagen plan openen").is_visible()
    assert page.locator("#plan-bestand").bounding_box()["width"] <= 1
    page.emulate_media(media="print")
    pdf = PdfReader(__import__("io").BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text() for p in pdf.pages).split())
    assert len(pdf.pages) <= 3  # five years of history, the goal and a plan per intervention
    assert "MTVP-doelstelling op praktijkniveau Meer tijd voor patiënten met een complexe hulpvraag." in text
    assert "Praktijkplan MTVP · Eemland" in text and "Huisartsenpraktijk De Linde" in text and "AGB-code: 01012345" in text
    assert "2027 · MTVP-jaar 5" in text  # the years as the practice knows them
    assert "Positieve gezondheid (uitvoeren); volgt: Nieuwe POH" in text
    assert "Plan opslaan als bestand" not in text and "Onderbouwing van een verdieping" not in text  # no controls
    assert not pdf.get_fields()
    page.close()


def test_a_form_with_a_signature_date_has_one_field_per_name(project):
    """Practice details and a signature part both ask for "Datum": two fields, both filled with the plan's date."""
    import datetime as dt

    from generator.pdf.render import filled_practice_plan
    from generator.site.contexts import Lookups
    from generator.site.contexts.documents import RegionDocuments

    region = (FIXTURES / "planregio.yml").read_text(encoding="utf-8")
    parts = """praktijkplan:
  vorm: Formulier
  onderdelen:
    - {id: praktijk, titel: Praktijkgegevens, soort: praktijkgegevens}
    - {id: keuze, titel: Gekozen interventies, soort: interventies-per-jaar}
    - {id: handtekening, titel: Ondertekening, soort: ondertekening}
  bron: [{document: leidraad-v3, sectie: test}]
"""
    project.write("data/regios/planregio.yml", region + parts)
    loaded = load_project(project.root)
    document = RegionDocuments(Lookups(loaded, dt.date(2026, 11, 22))).practice_plan(loaded.regions["planregio"])
    names = [name for name, _ in document.fields]
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)
    assert {"datum", "handtekening_datum"} <= set(names)

    filled = PdfReader(
        io.BytesIO(filled_practice_plan(project.root, document, {"datum": "22-11-2026", "handtekening_datum": "22-11-2026"}))
    )
    fields = filled.get_fields()
    assert fields["datum"]["/V"] == "22-11-2026" and fields["handtekening_datum"]["/V"] == "22-11-2026"


def test_eemlands_builder_asks_the_goal_and_a_plan_per_chosen_intervention(browser, served, plan_project, tmp_path):
    # Seed 002, lines 190-194: the jaarplan holds an MTVP goal for the practice and, per
    # intervention, a short plan of approach with a SMART goal. The builder asks them, counts them
    # in its verdict, saves them, and the command line reads the same file to the same verdict.
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{served}regios/eemland/planbouwer/")
    page.select_option("#plan-start", "2026-K1")
    page.get_by_label("MTVP-doelstelling op praktijkniveau").fill("Meer tijd voor patiënten met meerdere aandoeningen.")
    approach = page.locator(".planbouwer-aanpak", has=page.locator("caption", has_text="Kort plan van aanpak per interventie"))
    plan_rows = approach.locator("tbody tr:not([hidden])")
    assert plan_rows.count() == 0  # nothing chosen yet: no rows to fill
    page.select_option("select[data-key='flexibele-consultduur'][data-jaar='1']", "actief")
    assert plan_rows.count() == 1
    rule = page.locator(".planbouwer-verdicts li[data-rule='regio-praktijkplan-onderdelen']")
    assert rule.get_attribute("data-uitkomst") == "voldoet niet"
    assert "SMART-doelstelling bij Flexibele consultduur via anders inroosteren" in rule.inner_text()
    page.get_by_label("Kort plan van aanpak bij Flexibele consultduur via anders inroosteren").fill("Spreekuren anders inroosteren.")
    page.get_by_label("SMART-doelstelling bij Flexibele consultduur via anders inroosteren").fill("Per 1 juli 80% flexibel.")
    assert rule.get_attribute("data-uitkomst") == "voldoet"
    with page.expect_download() as download:
        page.get_by_role("button", name="Plan opslaan als bestand").click()
    saved = tmp_path / "plan.json"
    download.value.save_as(saved)
    plan = json.loads(saved.read_text(encoding="utf-8"))
    assert plan["onderdelen"] == {
        "doelstelling": "Meer tijd voor patiënten met meerdere aandoeningen.",
        "plan-van-aanpak": {"flexibele-consultduur": ["Spreekuren anders inroosteren.", "Per 1 juli 80% flexibel."]},
    }
    result = regioplan(plan_project.root, "check-plan", str(saved), "--region", "eemland", in_process=True)
    shown = page.locator(".planbouwer-verdicts li").all_inner_texts()
    printed = [line.strip() for line in result.stdout.splitlines() if line.startswith("  ")]
    assert printed == shown
    page.close()


def test_the_builder_keeps_the_plan_on_this_device_and_takes_a_dutch_date(browser, served, tmp_path):
    context = browser.new_context(accept_downloads=True, locale="en-US")  # an English browser
    page = context.new_page()
    page.goto(f"{served}regios/eemland/planbouwer/")
    page.fill("#plan-praktijk", "Huisartsenpraktijk De Linde")
    page.fill("#plan-datum", "15-04-2026")
    page.select_option("select[data-key='flexibele-consultduur'][data-jaar='1']", "actief")
    page.reload()  # what was typed is still there
    assert page.input_value("#plan-praktijk") == "Huisartsenpraktijk De Linde"
    assert page.input_value("select[data-key='flexibele-consultduur'][data-jaar='1']") == "actief"
    assert page.input_value("#plan-datum") == "15-04-2026"
    with page.expect_download() as download:
        page.get_by_role("button", name="Plan opslaan als bestand").click()
    download.value.save_as(tmp_path / "plan.json")
    assert json.loads((tmp_path / "plan.json").read_text(encoding="utf-8"))["datum"] == "2026-04-15"
    page.get_by_role("button", name="Plan op dit apparaat wissen").click()
    page.reload()
    assert page.input_value("#plan-praktijk") == "" and page.input_value("#plan-datum") == ""
    context.close()


def test_a_plan_of_another_region_is_named_in_one_line(browser, served):
    page = browser.new_page()
    page.goto(f"{served}regios/midden-brabant/planbouwer/")
    page.evaluate(
        "text => window.regioplanOpenPlan(text)",
        json.dumps({"formaat": 1, "regio": "eemland", "keuzes": {"microsoft-365": {"1": "actief"}}}),
    )
    errors = page.locator(".planbouwer-fouten li").all_inner_texts()
    assert errors == ["Dit plan is gemaakt voor Eemland, niet voor Midden-Brabant. Open het in de planbouwer van Eemland."]
    page.close()


def test_the_plan_builder_page_says_what_it_checks_and_what_not(plan_project, plan_site):
    # Every sentence of the ledgers that apply to the region, with its line and what is done with it.
    from generator.data.project import load_project
    from generator.rules.conformance import short_document_name

    project = load_project(plan_project.root)
    for region in ["eemland", "midden-brabant", "oost-gelderland", "zuid-holland-noord"]:
        source = project.regions[region].plan.document
        page = html(plan_site, f"regios/{region}/planbouwer")
        section = page.find("h2", id="wat-de-planbouwer-controleert-en-wat-niet")
        assert section is not None
        ledger = project.ledgers[source]
        # The ledger of the region's own plan, under the plan's name (its title when another region,
        # here the fixture deelregio, names the same document as its plan).
        name = short_document_name(project, source)
        heading_ = next(h for h in section.find_all_next("h3") if heading(h) == name)
        table = heading_.find_next("table")
        rows = [
            (int(tr.th.get_text(strip=True).removeprefix("regel ")), [td.get_text(" ", strip=True) for td in tr.find_all("td")])
            for tr in table.find("tbody").find_all("tr")
        ]
        assert [line for line, _ in rows] == [e.regel for e in ledger.verplichtingen]
        done = dict((line, cells[1]) for line, cells in rows)
        if region == "oost-gelderland":
            assert done[90].startswith("getoetst") and "Twee interventies in jaar 2" in done[90]
        if region == "eemland":  # the plan of approach with a SMART goal per intervention (seed 002, line 194)
            assert done[194].startswith("gevraagd in het plan") and "onderdelen die de regio vraagt" in done[194]


def test_last_years_saved_plan_opens_as_the_start_of_next_years(browser, served, tmp_path):
    """Eemland asks a plan per year (seed 002, lines 188, 355: the adjusted plan holds the choices for
    the following year). The file saved for 2026 opens in the builder with 2026 as it was; the
    practice adds 2027 and the check then judges 2027."""
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{served}regios/eemland/planbouwer/")
    last_year = {
        "formaat": 1,
        "regio": "eemland",
        "praktijk": "Huisartsenpraktijk De Eem",
        "start": "2026-K1",
        "intervisie": True,
        "keuzes": {"flexibele-consultduur": {"1": "actief"}, "training-gespreksvoering/positieve-gezondheid": {"1": "actief"}},
        "deelnemers": {"training-gespreksvoering/positieve-gezondheid": {"1": ["huisarts A"]}},
        "onderdelen": {
            "doelstelling": "Meer tijd voor patiënten met meerdere aandoeningen.",
            "plan-van-aanpak": {
                "flexibele-consultduur": ["Spreekuren anders inroosteren.", "Per 1 juli 80% flexibel."],
                "training-gespreksvoering/positieve-gezondheid": ["Training in het voorjaar.", "Vóór 1 oktober getraind."],
            },
        },
    }
    saved = tmp_path / "plan-2026.json"
    saved.write_text(json.dumps(last_year), encoding="utf-8")
    page.set_input_files("#plan-bestand", str(saved))
    # The file is read asynchronously: wait until 2026's choice shows as it was saved.
    page.wait_for_function("() => document.querySelector(\"select[data-key='flexibele-consultduur'][data-jaar='1']\").value === 'actief'")
    assert page.locator("select[data-key='training-gespreksvoering/positieve-gezondheid'][data-jaar='1']").input_value() == "actief"
    assert page.locator("#plan-start").input_value() == "2026-K1"
    # Next year's plan: one more anders-werken intervention, two network interventions, the goede gesprek continued.
    for key, state in [
        ("taakherschikking", "actief"),
        ("mdo-casuistiektafel", "actief"),
        ("toegang-sociaal-domein/welzijn-op-recept", "actief"),
        ("flexibele-consultduur", "actief"),
        ("training-gespreksvoering/positieve-gezondheid", "actief"),
    ]:
        page.select_option(f"select[data-key='{key}'][data-jaar='2']", state)
    page.locator("input.planbouwer-deelnemers[data-key='training-gespreksvoering/positieve-gezondheid'][data-jaar='2']").fill("POH-GGZ")
    # The plan of approach for each new intervention, as Eemland asks (seed 002, line 194).
    for name in ["Taakherschikking", "MDO", "Welzijn op Recept"]:
        page.get_by_label(re.compile(f"^Kort plan van aanpak bij .*{name}")).fill("Aanpak met het team.")
        page.get_by_label(re.compile(f"^SMART-doelstelling bij .*{name}")).fill("Vóór 1 oktober 2027 ingevoerd.")
    # Judged now: 2027, the plan's year; 2026 is history.
    assert page.locator(".planbouwer-result h3").all_inner_texts() == ["2027 · MTVP-jaar 2"]
    network = page.locator(".planbouwer-verdicts li[data-rule='samenwerken-netwerk-jaar-2']")
    assert network.get_attribute("data-uitkomst") == "voldoet"
    assert page.locator(".planbouwer-verdicts li[data-uitkomst='voldoet niet']").count() == 0
    page.close()


def test_nothing_from_a_plan_file_acts_on_the_terminal(plan_project, tmp_path):
    # A plan's values and its file name reach the terminal in messages: an escape sequence there
    # would clear or retitle it, and a line break would forge a line of output ("E000 alles goed").
    hostile_value = tmp_path / "plan.json"
    hostile_value.write_text(
        json.dumps({"regio": "\x1b[31mROOD\x1b]0;pwned\x07", "keuzes": {"x\x1b[2J": {"1": "actief"}}}), encoding="utf-8"
    )
    hostile_name = tmp_path / "x\x1b[31mRED\nfake.json: E000 alles goed.json"
    hostile_name.write_text("{", encoding="utf-8")
    for plan_file in (hostile_value, hostile_name):
        result = regioplan(plan_project.root, "check-plan", str(plan_file), "--region", "planregio", in_process=True)
        output = result.stdout + result.stderr
        assert result.returncode == 1 and " E50" in output, output
        assert not any(ord(c) < 32 and c != "\n" or 0x7F <= ord(c) <= 0x9F for c in output), repr(output)
        assert not any(line.startswith("fake.json") for line in output.splitlines()), output
