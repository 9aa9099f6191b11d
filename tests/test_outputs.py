"""Output folders: a command writes its result only where nothing of anyone else's can be lost.

Written from the threat (THREAT_MODEL.md, "Nothing lost"), before the code: an author who types
`--site-dir .` or `export data`, a site that is a link to a web root, a build killed half-way. Each
case asserts what the author would find afterwards: every file of the project and of the target
as it was, a Dutch message with its code, no traceback; or the new site, complete, in its place.
"""

from __future__ import annotations

import functools
import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import copy_project, regioplan

from generator.engine.build import build_site
from generator.engine.outputs import MARKER

REPO = Path(__file__).resolve().parents[1]


def tree(folder: Path) -> dict[str, str]:
    """Every entry under `folder` (itself included) with what it is: a file's bytes, a link's
    target, or a folder; what a user would miss if a command lost it."""
    found = {}
    for path in sorted([folder, *folder.rglob("*")]):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = "link " + os.readlink(path)
        elif path.is_file():
            found[name] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[name] = "folder"
    return found


def refused(result, code: str = "E305") -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert f" {code} " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "niets gebouwd of gewijzigd" in result.stderr


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A user's folder with things of their own in it, the project among them."""
    folder = tmp_path / "home"
    copy_project(folder / "project")
    (folder / "brief.txt").write_text("mijn brief", encoding="utf-8")
    (folder / "foto's").mkdir()
    (folder / "foto's" / "vakantie.jpg").write_bytes(b"\xff\xd8 jpeg")
    return folder


# The places an author could name by mistake, relative to the project; each holds what the author
# or the project made, so a command that wrote there would lose it.
NOT_OURS = [".", "data", "data/leidraad", "content", "site_templates", "docs", "..", "../foto's", "../brief.txt", "mkdocs.yml"]


@pytest.mark.parametrize("place", NOT_OURS)
def test_build_refuses_a_site_folder_it_did_not_make(home, place):
    before = tree(home)
    result = regioplan(home / "project", "build", "--site-dir", place, in_process=True)
    refused(result)
    assert tree(home) == before


@pytest.mark.parametrize("place", NOT_OURS)
def test_export_refuses_a_folder_it_did_not_make(home, place, monkeypatch):
    before = tree(home)
    monkeypatch.chdir(home / "project")  # export's folder is relative to where the author is
    result = regioplan(home / "project", "export", place, "--zonder-pdf", in_process=True)
    refused(result)
    assert tree(home) == before


def test_a_new_folder_inside_the_projects_sources_is_refused_too(home):
    # Absent, so nothing in it could be lost; but the next `check` would read a site among the data.
    before = tree(home)
    refused(regioplan(home / "project", "build", "--site-dir", "data/regios/site", in_process=True))
    refused(regioplan(home / "project", "export", str(home / "project" / "content" / "export"), in_process=True))
    assert tree(home) == before


def test_a_site_folder_that_links_into_the_project_is_refused(home):
    project = home / "project"
    (project / "site").symlink_to(project / "data", target_is_directory=True)
    before = tree(home)
    refused(regioplan(project, "build", in_process=True))
    assert tree(home) == before


def test_a_link_that_points_at_itself_is_refused(home):
    project = home / "project"
    (project / "site").symlink_to(project / "site")
    before = tree(home)
    refused(regioplan(project, "build", in_process=True))
    assert tree(home) == before


def test_the_site_is_written_into_an_absent_an_empty_or_its_own_folder(home):
    project = home / "project"
    site = build_site(project, site_dir=home / "www", pdfs=False)  # absent
    assert (site / "index.html").is_file() and (site / MARKER).is_file()
    (site / "index.html").write_text("oud", encoding="utf-8")
    build_site(project, site_dir=home / "www", pdfs=False)  # its own: replaced whole
    assert (site / "index.html").read_text(encoding="utf-8") != "oud"
    (home / "leeg").mkdir()
    build_site(project, site_dir=home / "leeg", pdfs=False)  # empty
    assert (home / "leeg" / "index.html").is_file()
    assert [p.name for p in home.iterdir() if p.name.startswith(".")] == []  # nothing beside the sites


def test_export_replaces_its_own_earlier_export(home, monkeypatch):
    monkeypatch.chdir(home)
    assert regioplan(home / "project", "export", "export", "--zonder-pdf", in_process=True).returncode == 0
    (home / "export" / "mkdocs.yml").write_text("oud", encoding="utf-8")
    assert regioplan(home / "project", "export", "export", "--zonder-pdf", in_process=True).returncode == 0
    assert (home / "export" / "mkdocs.yml").read_text(encoding="utf-8").startswith("# Made by `regioplan export`")


def test_a_site_that_links_to_a_web_root_is_published_there_and_stays_a_link(home):
    project = home / "project"
    web_root = home / "var" / "www" / "mtvp"
    web_root.mkdir(parents=True)
    (project / "site").symlink_to(web_root, target_is_directory=True)
    assert regioplan(project, "build", in_process=True).returncode == 0
    assert (project / "site").is_symlink() and os.readlink(project / "site") == str(web_root)
    assert (web_root / "index.html").is_file() and (web_root / MARKER).is_file()
    first = (web_root / "index.html").stat().st_ino
    assert regioplan(project, "build", in_process=True).returncode == 0  # and again, into its own folder
    assert (project / "site").is_symlink() and (web_root / "index.html").stat().st_ino != first


def test_what_a_killed_build_left_is_removed_by_the_next_and_nothing_else(home):
    project = home / "project"
    build_site(project, pdfs=False)
    leftover = project / ".site-new-abc123"  # as a killed build leaves it: marked
    (leftover / "pdf").mkdir(parents=True)
    (leftover / MARKER).write_text("", encoding="utf-8")
    # Killed between making its folder and marking it: empty, so removing it removes nothing.
    unmarked_empty = project / ".site-new-def456"
    unmarked_empty.mkdir()
    someone_elses = project / ".site-new-mine"  # same kind of name, but not made by regioplan
    someone_elses.mkdir()
    (someone_elses / "notes.txt").write_text("bewaren", encoding="utf-8")
    build_site(project, pdfs=False)
    assert not leftover.exists() and not unmarked_empty.exists()
    assert (someone_elses / "notes.txt").read_text(encoding="utf-8") == "bewaren"


def test_the_swap_exchanges_the_folders_in_one_step(tmp_path):
    from generator.engine.outputs import exchange

    (tmp_path / "new").mkdir()
    (tmp_path / "new" / "a").write_text("nieuw", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "a").write_text("oud", encoding="utf-8")
    exchange(tmp_path / "new", tmp_path / "site")
    assert (tmp_path / "site" / "a").read_text(encoding="utf-8") == "nieuw"
    assert (tmp_path / "new" / "a").read_text(encoding="utf-8") == "oud"


def _children(pid: int) -> set[int]:
    found: set[int] = set()
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:  # the process ended while we looked: it has no children left
        return found
    for task in tasks:
        try:
            found |= {int(child) for child in (task / "children").read_text().split()}
        except OSError:
            pass
    return found | {grandchild for child in found for grandchild in _children(child)}


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except OSError:
        return False


@pytest.fixture
def regions_project(tmp_path: Path) -> Path:
    """The repository's project with its four regions (their PDFs take the build's longest stage)."""
    return copy_project(tmp_path / "project", with_regions=True).root


def _killed_build(project: Path, when, env: dict[str, str] | None = None, how: int = signal.SIGKILL) -> set[int]:
    """Start `regioplan build` as its own process, kill it (SIGKILL, as the OOM killer or a closed
    terminal would) once `when(children)` says so, and return the processes it had started."""
    command = [sys.executable, "-m", "generator", "--root", str(project), "build"]
    build = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})})
    seen: set[int] = set()
    while build.poll() is None:
        seen |= _children(build.pid)
        if when(seen):
            build.send_signal(how)
            break
        time.sleep(0.01)
    build.wait(timeout=120)
    return seen


def test_a_build_killed_while_it_renders_pdfs_leaves_the_old_site_and_no_process(regions_project):
    project = regions_project
    (project / ".cache").unlink()  # no shared PDF cache: this build must render its PDFs
    assert regioplan(project, "build").returncode == 0
    before = tree(project / "site")
    (project / "data" / "catalogus.yml").write_text(
        (project / "data" / "catalogus.yml").read_text(encoding="utf-8").replace("Anders triëren", "Anders triëren (herzien)", 1),
        encoding="utf-8",
    )
    (project / ".cache").rename(project.parent / "koude-cache")  # the PDFs render again, on workers
    workers = _killed_build(project, when=lambda children: len(children) >= 2)
    assert workers, "the build ended before it started its PDF workers"
    deadline = time.monotonic() + 30  # the kernel tells orphans their parent died; give them time to go
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if _alive(pid)], "PDF workers outlived their build"
    assert tree(project / "site") == before
    assert regioplan(project, "build").returncode == 0
    assert "Anders triëren (herzien)" in (project / "site" / "interventies" / "index.html").read_text(encoding="utf-8")
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def _staged(project: Path, name: str = "") -> bool:
    """Whether a build's new folder (with `name` in it, when given) is there beside site/."""
    return any((folder / name).exists() for folder in project.glob(".site-new-*"))


# Moments to kill a build at: as soon as it makes its new folder, once MkDocs has written pages
# into it, once it has written the sitemap (its last step before the swap), and at fractions of
# the time a whole build took just before.
MOMENTS = {
    "folder made": lambda project, elapsed, took: _staged(project),
    "pages written": lambda project, elapsed, took: _staged(project, "interventies/index.html"),
    "sitemap written": lambda project, elapsed, took: _staged(project, "sitemap.xml"),
    **{
        f"{share:.0%} of a build": functools.partial(lambda share, project, elapsed, took: elapsed >= share * took, share)
        for share in (0.3, 0.6, 0.9, 0.97)
    },
}


@pytest.mark.parametrize("moment", MOMENTS)
def test_a_build_killed_at_any_moment_leaves_the_old_or_the_new_site_complete(regions_project, moment):
    project = regions_project
    as_of = {"SOURCE_DATE_EPOCH": "1780000000"}  # builds of the same data are then byte-identical
    started = time.monotonic()
    assert regioplan(project, "build", env=as_of).returncode == 0
    took = time.monotonic() - started
    old = tree(project / "site")
    catalogue = project / "data" / "catalogus.yml"
    catalogue.write_text(catalogue.read_text(encoding="utf-8").replace("Anders triëren", "Anders triëren (herzien)", 1), encoding="utf-8")
    started = time.monotonic()
    _killed_build(project, when=lambda children: MOMENTS[moment](project, time.monotonic() - started, took), env=as_of)
    after_kill = tree(project / "site")
    assert regioplan(project, "build", env=as_of).returncode == 0
    new = tree(project / "site")
    assert old != new
    assert after_kill in (old, new)  # the whole old site or the whole new one, never a mix or nothing
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


def test_a_build_asked_to_stop_cleans_up_after_itself(regions_project):
    # SIGTERM: what `kill`, a closing terminal or CI's time limit sends. The build stops through
    # its own cleanup: its new folder is gone at once, not only after the next build.
    project = regions_project
    assert regioplan(project, "build").returncode == 0
    old = tree(project / "site")
    (project / "data" / "catalogus.yml").write_text(
        (project / "data" / "catalogus.yml").read_text(encoding="utf-8").replace("Anders triëren", "Anders triëren (herzien)", 1),
        encoding="utf-8",
    )
    _killed_build(project, when=lambda children: _staged(project, "interventies/index.html"), how=signal.SIGTERM)
    assert tree(project / "site") == old
    assert [p.name for p in project.iterdir() if p.name.startswith(".site")] == []


@pytest.fixture
def small_disk(tmp_path: Path):
    """A file system of its own (tmpfs), made full or read-only by the test; root may mount one."""
    mounted = []

    def make(options: str) -> Path:
        folder = tmp_path / f"disk{len(mounted)}"
        folder.mkdir()
        subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True)
        mounted.append(folder)
        return folder

    yield make
    for folder in mounted:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_full_disk_leaves_the_old_site_and_says_so_in_dutch(home, small_disk):
    disk = small_disk("size=2m")
    (disk / "site").mkdir()
    (disk / "site" / MARKER).write_text("", encoding="utf-8")
    (disk / "site" / "index.html").write_text("de vorige site", encoding="utf-8")
    before = tree(disk)
    result = regioplan(home / "project", "build", "--site-dir", str(disk / "site"), in_process=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{disk / 'site'}: E306 de schijf is vol" in result.stderr
    assert tree(disk) == before


def test_a_read_only_disk_is_named_in_dutch(home, small_disk):
    disk = small_disk("ro,size=1m")
    result = regioplan(home / "project", "build", "--site-dir", str(disk / "site"), in_process=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{disk / 'site'}: E306 staat op een schijf die alleen gelezen kan worden" in result.stderr


# `new-region` writes two files: the region and its source entry. Both or neither, in the file's own
# style, never beside or over a region that exists, never an id or year the project then refuses.


def test_new_region_refuses_an_existing_region_in_either_spelling(home):
    project = home / "project"
    (project / "data" / "regios" / "eemland.yaml").write_text(
        (REPO / "data/regios/eemland.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    before = tree(home)
    result = regioplan(project, "new-region", "eemland", in_process=True)
    assert result.returncode == 1 and " E202 " in result.stderr
    assert tree(home) == before


@pytest.mark.parametrize(("slug", "year"), [("a" * 75, "2026"), ("west-brabant", "99999"), ("west-brabant", "1999")])
def test_new_region_refuses_an_id_or_year_the_project_would_refuse(home, slug, year):
    project = home / "project"
    before = tree(home)
    result = regioplan(project, "new-region", slug, "--year", year, in_process=True)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert tree(home) == before
    assert regioplan(project, "check", in_process=True).returncode == 0


def test_new_region_keeps_the_sources_files_own_indentation(home):
    project = home / "project"
    sources = project / "data" / "bronnen.yml"
    sources.write_text(sources.read_text(encoding="utf-8").replace("\n  ", "\n    "), encoding="utf-8")
    assert regioplan(project, "check", in_process=True).returncode == 0
    assert regioplan(project, "new-region", "west-brabant", in_process=True).returncode == 0
    assert regioplan(project, "check", in_process=True).returncode == 0


def test_new_region_writes_both_files_or_neither(home, small_disk):
    project = home / "project"
    sources = project / "data" / "bronnen.yml"
    before = tree(home)
    sources.chmod(0o444)
    # As root the mode is no obstacle; an immutable file is.
    subprocess.run(["chattr", "+i", str(sources)], check=True)
    try:
        result = regioplan(project, "new-region", "west-brabant", in_process=True)
    finally:
        subprocess.run(["chattr", "-i", str(sources)], check=True)
        sources.chmod(0o644)
    assert result.returncode == 1 and " E306 " in result.stderr and "Traceback" not in result.stderr
    assert tree(home) == before
