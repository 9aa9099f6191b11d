"""`regioplan export`: the site as a plain project that MkDocs, ProperDocs and Zensical build without our plugin."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SiteServer, copy_project, html, regioplan

from generator.engine.export import export_project
from generator.errors import DataError

BIN = Path(sys.executable).parent
# Each engine builds the exported folder with its own command; all read mkdocs.yml.
ENGINES = {
    "mkdocs": [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"],
    "properdocs": [str(BIN / "properdocs"), "build", "--strict", "--quiet"],
    "zensical": [str(BIN / "zensical"), "build", "--strict"],
}
# Pages only the plugin build makes: none. Files only the engines make (their own 404 page,
# sitemaps, search index) are not ours to check.


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    return export_project(REPO, tmp_path_factory.mktemp("export") / "project", real_pdfs=False)


@pytest.fixture(scope="module", params=sorted(ENGINES))
def engine_site(request, exported, tmp_path_factory) -> tuple[str, Path]:
    """The export built by one engine, in a copy of its own."""
    folder = tmp_path_factory.mktemp(request.param) / "project"
    shutil.copytree(exported, folder)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(ENGINES[request.param], cwd=folder, capture_output=True, text=True, timeout=600, env=environment)
    assert result.returncode == 0, result.stdout + result.stderr
    # Then the search index, with the command the exported mkdocs.yml gives (python from this environment).
    command = (folder / "mkdocs.yml").read_text(encoding="utf-8").split("made after the build: ", 1)[1].splitlines()[0].split()
    assert command[:3] == ["python", "-m", "pagefind_bin"], command
    result = subprocess.run([sys.executable, *command[1:]], cwd=folder, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    return request.param, folder / "site"


def _pages(site: Path) -> set[str]:
    return {
        p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".pdf", ".json", ".ics", ".xml")
    }


def test_every_page_of_the_plugin_build_is_in_each_engines_output(engine_site, real_site):
    name, site = engine_site
    ours = {p for p in _pages(real_site) if p not in {"404.html", "sitemap.xml"}}
    missing = ours - _pages(site)
    assert not missing, f"{name}: {sorted(missing)[:10]}"
    # The pages carry the data, not just a file name: a region, its versions and the explained abbreviations.
    page = html(site, "regios/zuid-holland-noord/versies")
    assert "Wat is er veranderd ten opzichte van de versie van 29 maart 2023" in page.get_text()
    raw = (site / "regios/eemland/index.html").read_text(encoding="utf-8")
    assert '<abbr title="regionale huisartsenorganisatie">RHO</abbr>' in raw, name


def test_no_request_leaves_the_exported_site(engine_site, browser):
    name, site = engine_site
    server = SiteServer(site)
    outside = []
    page = browser.new_page()
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith(server.url) else None)
    try:
        for path in ["", "regios/eemland/", "vergelijk/matrix/", "vergelijk/kiezer/"]:
            page.goto(server.url + path, wait_until="networkidle")
            assert page.locator("h1").first.is_visible(), (name, path)
        # The same search as the plugin's build: the page for a word GPs type comes first.
        page.goto(server.url + "zoeken/?q=triage", wait_until="networkidle")
        first = page.locator("#zoekresultaten > li > a").first
        assert first.get_attribute("href").endswith("/interventies/triage-training/"), name
    finally:
        page.close()
        server.close()
    assert outside == [], f"{name}: {outside}"


def test_the_export_is_written_whole_or_not_at_all(tmp_path):
    """A bad data file stops the export before anything is written; the folder keeps what it had."""
    project = copy_project(tmp_path / "project", with_regions=True).root
    target = tmp_path / "export"
    result = regioplan(project, "export", str(target), "--zonder-pdf")
    assert result.returncode == 0 and f"Project geëxporteerd naar {target}" in result.stdout, result.stderr
    before = sorted(p.relative_to(target).as_posix() for p in target.rglob("*"))
    region = project / "data/regios/eemland.yml"
    region.write_text(region.read_text(encoding="utf-8").replace("status: aangeboden", "status: aangebodn", 1), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        export_project(project, target, real_pdfs=False)
    assert any("aangebodn" in str(d) for d in caught.value.diagnostics)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == before
    # Into the project itself it refuses, naming what to do.
    with pytest.raises(DataError) as caught:
        export_project(project, project / "content" / "export", real_pdfs=False)
    assert "E305" in str(caught.value.diagnostics[0])


def test_the_plugin_build_fails_when_a_generated_page_does_not_reach_the_site(project, caplog):
    from generator.engine.build import build_site

    project.replace(
        "mkdocs.yml", "use_directory_urls: true\n", "use_directory_urls: true\nexclude_docs: |\n  interventies/triage-training.md\n"
    )
    with pytest.raises(DataError):
        build_site(project.root, pdfs=False)
    assert "1 gegenereerde pagina staat niet in de site (interventies/triage-training.md)" in caplog.text
    assert not (project.root / "site").exists()
