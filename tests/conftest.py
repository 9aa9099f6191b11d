"""Shared fixtures: small projects in temporary folders, built with the real MkDocs."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import fcntl
import functools
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

REPO = Path(__file__).resolve().parents[1]
# What a project needs besides its data: configuration, hand-written pages, templates, guide.
PROJECT_PARTS = ["mkdocs.yml", "content", "site_templates", "docs"]
SHARED_CACHE = REPO / ".cache"

# The programs the tests run besides Python, by the Debian package that has them; scripts/setup-env
# installs the same packages. A test that finds one missing would fail with a traceback far from
# the cause, so the run stops at its start and says what to install.
PROGRAMS = {
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "chromium": "chromium",
    # A full or read-only disk (tmpfs) and a file no one may change, for the tests of output folders.
    "mount": "mount",
    "umount": "mount",
    "chattr": "e2fsprogs",
}


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true", help="write the generated pages to tests/golden/ (test_golden.py)")


def pytest_sessionstart(session):
    missing = {program: package for program, package in PROGRAMS.items() if shutil.which(program) is None}
    if missing:
        packages = " ".join(sorted(set(missing.values())))
        pytest.exit(
            f"programs the tests need are missing: {', '.join(missing)}; "
            f"run ./scripts/test (it installs them) or: apt-get install {packages}",
            returncode=4,
        )


def pytest_collection_modifyitems(config, items):
    """Every test in one tier: `unit` (marked in its file), `browser` (it uses Chromium), else `site`.
    Marked from what a test uses, so a new test lands in its tier without anyone remembering to."""
    for item in items:
        if item.get_closest_marker("unit"):
            continue
        item.add_marker(pytest.mark.browser if "browser" in getattr(item, "fixturenames", ()) else pytest.mark.site)


class Project:
    """A copy of this repository's project in a temp folder, with editable data."""

    def __init__(self, root: Path):
        self.root = root

    def path(self, relative: str) -> Path:
        return self.root / relative

    def read(self, relative: str) -> str:
        return self.path(relative).read_text(encoding="utf-8")

    def write(self, relative: str, text: str) -> Path:
        target = self.path(relative)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
        return target

    def replace(self, relative: str, old: str, new: str) -> None:
        text = self.read(relative)
        assert old in text, f"{old!r} not in {relative}"
        self.write(relative, text.replace(old, new, 1))

    def line_of(self, relative: str, needle: str) -> int:
        """1-based line of the first line containing `needle`."""
        for number, line in enumerate(self.read(relative).splitlines(), start=1):
            if needle in line:
                return number
        raise AssertionError(f"{needle!r} not in {relative}")


def copy_project(target: Path, with_regions: bool = False) -> Project:
    target.mkdir(parents=True)
    for part in PROJECT_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, target / part)
        else:
            shutil.copy2(source, target / part)
    shutil.copytree(REPO / "data", target / "data", ignore=None if with_regions else shutil.ignore_patterns("regios"))
    (target / "data" / "regios").mkdir(exist_ok=True)
    # One PDF cache for every test project: a PDF whose input another test already rendered is
    # not rendered again (the key is a hash of that input, generator/pdf/cache.py). Tests of the cache
    # itself, or of rendering twice, remove this link.
    SHARED_CACHE.mkdir(parents=True, exist_ok=True)
    (target / ".cache").symlink_to(SHARED_CACHE, target_is_directory=True)
    return Project(target)


def regioplan(root: Path, *args: str, env: dict[str, str] | None = None, in_process: bool = False, timeout: int = 600):
    """Run the `regioplan` command on a project, as an author would: as its own process (`env` adds to
    the environment); or (`in_process`) the same command line, generator.cli.main.main, in this process,
    which skips an interpreter start. In process an exception (a traceback for the author) fails the
    test, and what the command prints is captured, not what it logs."""
    argv = ["--root", str(root), *args]
    if not in_process:
        command = [sys.executable, "-m", "generator", *argv]
        return subprocess.run(command, capture_output=True, text=True, timeout=timeout, env={**os.environ, **(env or {})})
    assert env is None, "a command run in process shares this process's environment"
    from generator.cli.main import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(argv)
    return subprocess.CompletedProcess(argv, code, out.getvalue(), err.getvalue())


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The national data (leidraad, catalogue, sources) without regions."""
    return copy_project(tmp_path / "project")


def html(site: Path, url: str) -> BeautifulSoup:
    """Parsed HTML of a built page, by its URL path ('' for home, 'interventies/' …), as a reader reads it.

    An abbreviation's <abbr> only adds its meaning as a tooltip; it is unwrapped so the text reads
    as the reader sees it ("CZ, VGZ", not "CZ , VGZ"). Tests of the tooltips use `raw_html`.
    """
    page = raw_html(site, url)
    for abbr in page.find_all("abbr"):
        abbr.unwrap()
    page.smooth()
    return page


def raw_html(site: Path, url: str) -> BeautifulSoup:
    return BeautifulSoup((site / url / "index.html").read_text(encoding="utf-8"), "html.parser")


def picker_data(site: Path) -> dict:
    """The regions' data the region picker's script reads, from its file (`window.… = {…};`)."""
    from generator.addresses import PICKER_DATA_NAME, PICKER_DATA_SCRIPT

    text = (site / PICKER_DATA_SCRIPT).read_text(encoding="ascii")
    prefix, suffix = f"window.{PICKER_DATA_NAME} = ", ";\n"
    assert text.startswith(prefix) and text.endswith(suffix), text[:80]
    return json.loads(text[len(prefix) : -len(suffix)])


def as_a_dutch_spreadsheet(path: Path) -> list[dict[str, str]]:
    """A CSV file as a spreadsheet with Dutch settings opens it: UTF-8 only when the file starts with
    a byte-order mark (else the Windows code page, which makes "Patiënt" "PatiÃ«nt"), and the
    semicolon as the separator between columns."""
    raw = path.read_bytes()
    text = raw[3:].decode("utf-8") if raw.startswith(b"\xef\xbb\xbf") else raw.decode("cp1252", errors="replace")
    return list(csv.DictReader(io.StringIO(text, newline=""), delimiter=";"))


def heading(element) -> str:
    """A heading's text without the permalink sign MkDocs adds to it."""
    return element.get_text(strip=True).removesuffix("¶")


# The moment the shared site is built as of: today at midnight (UTC), so it describes today like
# any build, and another build given the same SOURCE_DATE_EPOCH must give the same bytes. Kept
# beside the site (see built_as_of), since another test worker may have built it.
TODAY_EPOCH = str(int(dt.datetime.now(dt.UTC).replace(hour=0, minute=0, second=0, microsecond=0).timestamp()))
EPOCH_FILE = "SOURCE_DATE_EPOCH"


@pytest.fixture(scope="session")
def real_site(tmp_path_factory, worker_id) -> Path:
    """The repository's own data, built with --strict (as `regioplan build` does), once per test run.

    Tests only read it, so the test workers share one: the first builds it, the others wait for
    it (pytest-xdist's recipe for a session fixture made once).
    """
    if worker_id == "master":  # run without workers
        return _build_real_site(tmp_path_factory.mktemp("real"))
    folder = tmp_path_factory.getbasetemp().parent / "real"  # the run's folder, shared by its workers
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        site = folder / "site"
        # build_site puts the site in place only when the build succeeded.
        return site if site.is_dir() else _build_real_site(folder)


def _build_real_site(folder: Path) -> Path:
    from generator.engine.build import build_site

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("SOURCE_DATE_EPOCH", TODAY_EPOCH)
        site = build_site(REPO, site_dir=folder / "site")
    (folder / EPOCH_FILE).write_text(TODAY_EPOCH, encoding="utf-8")
    return site


def built_as_of(site: Path) -> str:
    """The SOURCE_DATE_EPOCH the shared site was built with."""
    return (site.parent / EPOCH_FILE).read_text(encoding="utf-8")


CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# As root in a container Chromium needs --no-sandbox; the rest keeps it from phoning home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        # A missing page gets the site's own 404.html, as every web host serves it.
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A page closed while it still loaded something drops its connection; that is the
        # browser's doing, not a failure of the site. Anything else is reported as usual.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """A built site served over HTTP on 127.0.0.1, as a reader's browser would get it."""

    def __init__(self, site: Path):
        handler = functools.partial(_QuietHandler, directory=str(site))
        self.httpd = _QuietServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()
