"""Hostile and broken input: a precise error with file and line, or harmless text; never a
traceback, and never damage to the site that is already built.

The corpus is tests/hostile/: one region file per case, and expected.json saying what each must
do. Error cases run the real command line against a project with a built site (a few as a process
of their own, the rest in this process); inert cases are built together and opened in Chromium,
where no script may run and no element may be injected.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import REPO, SiteServer, copy_project, regioplan

from generator.engine.build import build_site

CORPUS = Path(__file__).parent / "hostile"
EXPECTED = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))["cases"]
ERRORS = sorted(name for name, case in EXPECTED.items() if case["expect"] != "inert")
INERT = sorted(name for name, case in EXPECTED.items() if case["expect"] == "inert")
PAYLOAD_MARK = "window.__pwned"


def test_the_corpus_is_complete():
    files = sorted(p.name for p in CORPUS.glob("*.yml"))
    assert files == sorted(EXPECTED)
    assert len(files) >= 40


def snapshot(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def built_project(tmp_path_factory):
    """A project with a published site; every error case must leave that site as it is."""
    project = copy_project(tmp_path_factory.mktemp("hostile") / "p")
    build_site(project.root, pdfs=False)
    return project, snapshot(project.path("site"))


# A few cases run `regioplan build` as its own process, exactly as an author does; the rest run the
# same command line (generator.cli.main.main) in this process, which skips an interpreter start per case.
AS_PROCESS = set(ERRORS[:: len(ERRORS) // 3])


def _build_command(root: Path, name: str) -> tuple[int, str]:
    """`regioplan build` on `root`: its exit code and everything it printed."""
    result = regioplan(root, "build", timeout=300, in_process=name not in AS_PROCESS)
    return result.returncode, result.stderr + result.stdout


@pytest.mark.parametrize("name", ERRORS)
def test_broken_input_gets_a_precise_error(built_project, name):
    project, before = built_project
    target = project.path("data/regios/testregio.yml")
    shutil.copy(CORPUS / name, target)
    try:
        code, output = _build_command(project.root, name)
    finally:
        target.unlink()
    expected = EXPECTED[name]["expect"]
    position = f"{EXPECTED[name]['file']}:{expected['line']}:"
    assert code == 1
    assert any(line.startswith(position) and f" {expected['code']} " in line for line in output.splitlines()), output
    assert "Traceback" not in output
    assert snapshot(project.path("site")) == before
    assert not list(project.root.glob(".site-*"))


def region_id(name: str) -> str:
    text = (CORPUS / name).read_bytes().decode("utf-8-sig")
    return re.search(r"^id: (\S+)$", text, flags=re.M).group(1)


@pytest.fixture(scope="module")
def inert_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("inert") / "p")
    for name in INERT:
        shutil.copy(CORPUS / name, project.path(f"data/regios/{region_id(name)}.yml"))
    site = build_site(project.root)  # with the real PDFs: hostile text goes through WeasyPrint too
    server = SiteServer(site)
    yield site, server.url
    server.close()


PAYLOAD = [
    "<script>window.__pwned=1</script>",
    "{{ 7*7 }}",
    "{% if 1 %}jinja{% endif %}",
    "**vet**",
    "[klik](javascript:window.__pwned=1)",
    "| pijp # kop",
]
# Where each inert case's text shows, and what must be visible there, literally.
VISIBLE = {
    "inert-summary-and-name.yml": ("", PAYLOAD),
    "inert-intervention-fields.yml": ("interventies/", PAYLOAD),
    "inert-points-and-sections.yml": ("", PAYLOAD),
    "inert-praktijkplan-form.yml": ("praktijkplan/", PAYLOAD),
    "inert-money-time-monitoring.yml": ("monitoring-en-financiering/", PAYLOAD),
    "inert-contact-partners-rules.yml": ("", PAYLOAD),
    "inert-long-text.yml": ("", ["Lange tekst zonder einde Lange tekst zonder einde"]),
    "inert-byte-order-mark.yml": ("", ["Een regio voor tests."]),
    "inert-markdown-structure.yml": (
        "",
        ['!!! note "x"', '--8<-- "/etc/passwd"', "[^1]: voetnoot", "*[HTML]: afkorting", "{: #id .klasse }"],
    ),
}
PAGES = ["", "interventies/", "deelname/", "monitoring-en-financiering/", "praktijkplan/", "planbouwer/"]


# Pages that show every region at once: checked once for all hostile regions together.
SHARED_PAGES = [
    "regios/",
    "vergelijk/",  # the chart: its labels are SVG text, never Markdown
    "vergelijk/matrix/",
    "vergelijk/kiezer/",
    "vergelijk/organisatie/tarieven/",
    "vergelijk/organisatie/intervisie/",
    "vergelijk/organisatie/praktijkplan/",
    "vergelijk/toetsing/",
    "interventies/triage-training/",
]
INJECTED = """() => [...document.querySelectorAll('script:not([src]):not([type="application/json"]), img, [onerror], a[href^="javascript:"]')]
    .filter(e => (e.outerHTML || '').includes('__pwned')).length"""


def assert_nothing_injected(page, target: str) -> None:
    assert page.evaluate("typeof window.__pwned") == "undefined", target
    assert page.evaluate(INJECTED) == 0, target


def test_pages_with_every_hostile_region_run_none_of_their_text(browser, inert_site):
    _, url = inert_site
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for target in SHARED_PAGES:
        page.goto(url + target)
        assert_nothing_injected(page, target)
        # Every hostile region is on the page (so its text was there to be run).
        if target != "interventies/triage-training/":
            for name in INERT:
                assert page.locator(f'a[href*="{region_id(name)}/"]').count() > 0, (target, name)
    assert dialogs == []
    page.close()


@pytest.mark.parametrize("name", INERT)
def test_hostile_text_stays_text_in_the_browser(browser, inert_site, name):
    site, url = inert_site
    region = region_id(name)
    page = browser.new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    for target in [f"regios/{region}/{sub}" for sub in PAGES]:
        page.goto(url + target)
        assert_nothing_injected(page, target)
    # Material writes the title with `striptags`, which undoes escaping: a name with "</title>" in it
    # must still be the page's title, whole and as text.
    if name == "inert-summary-and-name.yml":
        page.goto(url + f"regios/{region}/")
        assert page.title().startswith("Regio </title><script>window.__pwned=1</script>"), page.title()
    # And the text arrives as text, on the page that shows that field.
    sub, expected_text = VISIBLE[name]
    page.goto(url + f"regios/{region}/{sub}")
    article = page.locator("article")
    content = article.inner_text()
    for fragment in expected_text:
        assert fragment in content, (name, fragment)
    assert "49" not in content.replace("2049", "")  # {{ 7*7 }} was not evaluated
    assert article.locator(".admonition, .footnote, pre code").count() == 0  # no Markdown structure from data
    # Abbreviations are explained from the glossary only; "*[HTML]: afkorting" in data defines none.
    assert page.evaluate("[...document.querySelectorAll('article abbr')].filter(a => a.title === 'afkorting').length") == 0
    assert dialogs == []
    page.close()


def test_hostile_text_in_pdfs_and_forms_is_text(inert_site):
    from pypdf import PdfReader

    site, _ = inert_site
    reader = PdfReader(site / "regios/inert-form/praktijkplan-inert-form.pdf")
    text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert "<script>window.__pwned=1</script>" in text
    assert "{{ 7*7 }}" in text
    form_page = (site / "regios/inert-form/praktijkplan/index.html").read_text(encoding="utf-8")
    assert "<script>window.__pwned" not in form_page  # escaped in the form fragment too
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in form_page


# Where the project expects a data file, something that is not one. Each is named with E001 and
# what to do; none is skipped as if it were absent, and none makes a command wait for ever.
def _link_to_nothing(folder: Path) -> None:
    (folder / "x.yml").symlink_to(folder / "weg.yml")


def _link_to_itself(folder: Path) -> None:
    (folder / "x.yml").symlink_to("x.yml")


def _folder(folder: Path) -> None:
    (folder / "x.yml").mkdir()


def _pipe(folder: Path) -> None:
    os.mkfifo(folder / "x.yml")


def _huge(folder: Path) -> None:
    (folder / "x.yml").write_text("# opvulling\n" * 600_000, encoding="utf-8")  # 7 MB of comments


NOT_A_DATA_FILE = {
    "a link to a file that does not exist": (_link_to_nothing, "koppeling naar een bestand dat niet bestaat"),
    "a link to itself": (_link_to_itself, "koppeling die naar zichzelf verwijst"),
    "a folder": (_folder, "is een map, geen bestand"),
    "a named pipe": (_pipe, "geen gewoon bestand"),
    "a file of 7 MB": (_huge, "groter dan 5 MB"),
}


@pytest.mark.parametrize("case", NOT_A_DATA_FILE)
def test_what_is_not_a_data_file_is_named_not_skipped(project, case):
    make, explained = NOT_A_DATA_FILE[case]
    make(project.path("data/regios"))
    result = regioplan(project.root, "check", timeout=60)  # a process of its own: a pipe must not hang it
    output = result.stderr + result.stdout
    assert result.returncode == 1, output
    assert "data/regios/x.yml: E001 " in output and explained in output, output
    assert "Traceback" not in output


def test_a_file_the_system_refuses_to_read_is_named_in_dutch(project, monkeypatch):
    # The tests run as root, whom no permission stops: the refusal is made where the file is opened.
    import errno

    real_open = os.open
    refused = project.path("data/catalogus.yml")

    def open_refusing(path, *args, **kwargs):
        if Path(path) == refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", open_refusing)
    result = regioplan(project.root, "check", in_process=True)
    assert result.returncode == 1
    assert "data/catalogus.yml: E001 geen toestemming om hier te lezen" in result.stderr + result.stdout
    assert "Permission denied" not in result.stderr + result.stdout


def test_one_region_in_two_files_is_an_error_not_a_choice(project):
    # eemland.yml and eemland.yaml, both "id: eemland": one would silently win.
    region = (REPO / "data/regios/eemland.yml").read_text(encoding="utf-8")
    project.write("data/regios/eemland.yml", region)
    project.write("data/regios/eemland.yaml", region.replace("naam: Eemland", "naam: Eemland (oud)"))
    result = regioplan(project.root, "check", in_process=True)
    output = result.stderr + result.stdout
    assert result.returncode == 1
    assert "data/regios/eemland.yaml: E221 " in output and "data/regios/eemland.yml" in output, output


# Characters that show nothing but change what a reader sees: a name that looks like another
# (zero-width space, soft hyphen, word joiner) or text whose direction is turned around
# (right-to-left override, isolates). Refused in every published text, with their code point.
INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\u202e", "\u2066", "\u200f", "\ufeff"]


@pytest.mark.parametrize("character", INVISIBLE, ids=[f"U+{ord(c):04X}" for c in INVISIBLE])
def test_invisible_characters_in_published_text_are_refused(project, character):
    region = (REPO / "data/regios/eemland.yml").read_text(encoding="utf-8")
    project.write("data/regios/eemland.yml", region.replace("naam: Eemland\n", f'naam: "Eem{character}land"\n', 1))
    result = regioplan(project.root, "check", in_process=True)
    output = result.stderr + result.stdout
    line = project.line_of("data/regios/eemland.yml", 'naam: "Eem')
    assert result.returncode == 1
    assert f"data/regios/eemland.yml:{line}:" in output and "E107" in output and f"U+{ord(character):04X}" in output, output


def test_a_folder_the_system_refuses_to_list_is_named_in_dutch(project, monkeypatch):
    # As root no permission stops the tests: the refusal is made where the folder is listed.
    import errno

    real_iterdir = Path.iterdir
    refused = project.path("data/regios")

    def iterdir_refusing(self):
        if self == refused:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_iterdir(self)

    monkeypatch.setattr(Path, "iterdir", iterdir_refusing)
    result = regioplan(project.root, "check", in_process=True)
    output = result.stderr + result.stdout
    assert result.returncode == 1
    assert "data/regios: E001 map niet te lezen: geen toestemming om hier te lezen" in output, output
    assert "Permission denied" not in output


def test_any_fault_the_system_reports_ends_in_dutch_not_a_traceback(project, monkeypatch):
    # A failing disk can refuse a read anywhere; wherever it happens, the command names the path.
    import errno

    import generator.data.project

    def failing_disk(root):
        raise OSError(errno.EIO, "Input/output error", str(root / "data/catalogus.yml"))

    monkeypatch.setattr(generator.data.project, "load_project", failing_disk)
    result = regioplan(project.root, "check", in_process=True)  # in process: a traceback fails the test
    output = result.stderr + result.stdout
    assert result.returncode == 1
    assert "data/catalogus.yml: E306 " in output and "Input/output error" not in output, output


# A command line an operator gets wrong is input too: a Dutch message with a code, never argparse's English.
WRONG_COMMAND_LINES = [
    (["bouw"], "ongeldige keuze 'bouw'"),
    (["check-plan", "plan.json"], "dit ontbreekt nog: --region"),
    (["build", "--sitedir", "x"], "onbekende argumenten: --sitedir x"),
    (["build", "--site-dir"], "--site-dir: hier hoort een waarde achter"),
    ([], "dit ontbreekt nog: opdracht"),
]


@pytest.mark.parametrize(("argv", "said"), WRONG_COMMAND_LINES, ids=[" ".join(a) or "nothing" for a, _ in WRONG_COMMAND_LINES])
def test_a_wrong_command_line_is_answered_in_dutch(project, argv, said):
    result = regioplan(project.root, *argv)
    assert result.returncode == 2
    assert " E309 " in result.stderr and said in result.stderr, result.stderr
    assert not re.search(r"\b(usage|error|required|invalid|arguments?)\b", result.stderr), result.stderr
