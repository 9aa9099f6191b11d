"""Plan forms and the plan builder: PDFs read back, and one set of cases through both checkers.

The cases in fixtures/plan_cases.json run through `regioplan check-plan` (Python) and through
the plan builder in Chromium (JavaScript); both must reach the verdicts the case expects, with
the same messages.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SiteServer, copy_project
from pypdf import PdfReader

from generator.planrules import check_plan, rules_for_region
from generator.project import load_project
from generator.write import build_site

FIXTURES = Path(__file__).parent / "fixtures"
CASES = json.loads((FIXTURES / "plan_cases.json").read_text(encoding="utf-8"))["cases"]


@pytest.fixture(scope="module")
def plan_project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("plans") / "p", with_regions=True)
    shutil.copy(FIXTURES / "planregio.yml", project.path("data/regios/planregio.yml"))
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
    return check_plan(rules_for_region(project, project.regions[case["region"]]), case["plan"])


def failing(verdicts) -> list[list]:
    return sorted([v["id"], v["jaar"]] for v in verdicts if not v["ok"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_check_plan_command(plan_project, tmp_path, case):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(case["plan"]), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(plan_project.root), "check-plan", str(plan_file), "--region", case["region"]],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == (1 if case["failing"] else 0), result.stdout + result.stderr
    assert result.stdout.count("✗ ") == len(case["failing"])
    assert failing(python_verdicts(plan_project.root, case)) == sorted(case["failing"])


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
            "ok": item.get_attribute("data-ok") == "true",
            "melding": item.inner_text()[2:],
        }
        for item in items.all()
    ]
    assert failing(shown) == sorted(case["failing"])
    assert shown == python_verdicts(plan_project.root, case)  # same rules, same order, same words
    page.close()


def test_plan_builder_by_keyboard_and_export(browser, served, plan_project, tmp_path):
    page = browser.new_page(accept_downloads=True)
    page.goto(f"{served}regios/planregio/planbouwer/")
    # Tab from the practice name into the first year of the first intervention, choose "uitvoeren".
    page.focus("#plan-praktijk")
    page.keyboard.type("Huisartsenpraktijk De Linde")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused.endswith(", jaar 1")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "actief"
    assert page.locator(".planbouwer-summary").inner_text().endswith("nog niet in orde.")
    with page.expect_download() as download:
        page.get_by_role("button", name="Plan opslaan als bestand").click()
    saved = tmp_path / "plan.json"
    download.value.save_as(saved)
    plan = json.loads(saved.read_text(encoding="utf-8"))
    assert plan["praktijk"] == "Huisartsenpraktijk De Linde" and plan["regio"] == "planregio"
    assert list(plan["keuzes"].values()) == [{"1": "actief"}]
    # The saved file gets the same verdicts from the command line.
    result = subprocess.run(
        [sys.executable, "-m", "generator", "--root", str(plan_project.root), "check-plan", str(saved), "--region", "planregio"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    shown_failures = page.locator(".planbouwer-verdicts li[data-ok='false']").count()
    assert result.stdout.count("✗ ") == shown_failures
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


def test_praktijkplan_pdf_is_a_tagged_fillable_form(plan_site):
    reader = PdfReader(plan_site / "regios/zuid-holland-noord/praktijkplan-zuid-holland-noord.pdf")
    fields = reader.get_fields()
    for name in [
        "huisartsen_1_naam",
        "huisartsen_1_agb",
        "praktijk_naam-van-de-praktijk",
        "adres_adres",
        "verklaring_akkoord",
        "interventie_triage-training_jaar_1",
        "interventie_training-gespreksvoering-positieve-gezondheid_jaar_3",
        "intervisie",
        "plaats-datum_plaats",
        "handtekening_handtekening",
    ]:
        assert name in fields, name
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"] and "/StructTreeRoot" in root  # tagged for screen readers
    text = " ".join(page.extract_text() for page in reader.pages)
    assert "Kies één interventie; die loopt twee jaar door." in " ".join(text.split())
    assert reader.metadata.title == "Praktijkplan MTVP regio Zuid-Holland Noord"


def test_praktijkplan_pdfs_carry_each_regions_own_interventions(plan_site):
    text = lambda pdf: " ".join(" ".join(p.extract_text() for p in PdfReader(pdf).pages).split())  # noqa: E731
    eemland = text(plan_site / "regios/eemland/praktijkplan-eemland.pdf")
    assert "SmartTyping" in eemland and "SMART-doel" in eemland
    brabant = text(plan_site / "regios/midden-brabant/praktijkplan-midden-brabant.pdf")
    assert brabant.count("(verplicht)") == 5 and "Inspanningsverplichting" in brabant
    gelderland = PdfReader(plan_site / "regios/oost-gelderland/praktijkplan-oost-gelderland.pdf")
    assert any(name.startswith("plan_welzijn") or "welzijn" in name for name in gelderland.get_fields())  # a row per intervention


def test_regioplan_pdf_has_title_contents_and_every_section(plan_site):
    reader = PdfReader(plan_site / "regios/zuid-holland-noord/regioplan-zuid-holland-noord.pdf")
    pages = [" ".join(p.extract_text().split()) for p in reader.pages]
    assert "Regioplan Meer Tijd Voor de Patiënt, regio Zuid Holland Noord" in pages[0]  # the plan's own spelling
    assert "2.7" in pages[0] and "6 november 2024" in pages[0]
    contents = pages[1]
    for section in ["Overzicht", "Interventies", "Deelname en praktijkplan", "Monitoring, financiering en tijdlijn"]:
        assert section in contents
    body = " ".join(pages[2:])
    assert "€ 3,23" in body and "13050" in body
    assert "Minimale eis" in body and "Toetsing" in body
    assert "Pagina 3 van" in pages[2]


def test_region_pages_link_their_pdfs(plan_site):
    from conftest import html

    page = html(plan_site, "regios/eemland/praktijkplan")
    link = page.select_one("article a[href$='.pdf']")
    assert (plan_site / "regios/eemland/praktijkplan" / link["href"]).resolve().is_file()
