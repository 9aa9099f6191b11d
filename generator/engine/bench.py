"""`regioplan bench --regions N`: how the build scales, and how close it stays to the toolchain.

It generates N synthetic regions from the real catalogue, builds the full site and reports per
stage (load and validate, generate pages, MkDocs render, PDFs) the seconds, pages, pages/s and
output size. Then it builds the very same generated pages, written out as plain Markdown, with
MkDocs and Material alone, configured as `regioplan export` configures them (the project's
mkdocs.yml without our plugin: the same theme, scripts and search, the regions in the navigation,
the abbreviations given to Markdown): the floor for this site. `ratio` is our build without PDFs
over the floor's time, so it measures what our plugin adds.

Our build and the floor run in turn, `--repeat` times (a fresh project cache each time, as a first
build has), and the rebuild with PDFs from the cache as often (and once on another day); every figure is the median. `ratio`
is taken from CPU seconds (this process and its children), with the wall clock beside it: on a
shared machine the wall clock of one build varied by a factor of two within minutes, while the CPU
time a build needs does not depend on what else runs. A pair taken close together still compares
like with like, and one slow or lucky run does not move the result.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import logging
import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.utils import get_build_datetime

from generator.data.project import forget_read_files, load_project
from generator.data.projectdata import CACHE_ROOT, REGIONS_DIR
from generator.data.synthetic import synthetic_region
from generator.engine.build import CONFIG_FILE, PreviewLogInDutch, build_date, configured, mkdocs_config
from generator.engine.export import EXPORT_DOCS, plain_config, theme_folder
from generator.engine.search import index_site
from generator.engine.sitefiles import guide_files
from generator.pdf.cache import CACHE_DIR, PdfCache
from generator.pdf.printing import pdf_jobs, pdf_paths
from generator.pdf.render import render_pdfs
from generator.site.contexts import build_documents
from generator.site.glossary import with_glossary
from generator.site.pipeline import generate_pages, lookups_for, menu_sections

PROJECT_PARTS = ["mkdocs.yml", "content", "site_templates", "docs"]
TARGETS = {
    "ratio": 1.15,  # our build without PDFs over the floor
    "region_page_kb": 100,
    "pdf_speedup": 1.7,  # two cores over one
    "rebuild_ratio": 1.3,  # a rebuild with PDFs and nothing changed, over the build without PDFs
    "new_day_pdfs": 0,  # PDFs rendered again by a build on another day with the data unchanged
    "preview_cpu": 1.0,  # CPU seconds of the preview's rebuild after one region's file changed
}
PREVIEW_EDITS = 7


def _clock() -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process and its finished children) now."""
    times = os.times()
    return time.perf_counter(), times.user + times.system + times.children_user + times.children_system


def _since(start: tuple[float, float]) -> tuple[float, float]:
    wall, cpu = _clock()
    return wall - start[0], cpu - start[1]


@dataclass
class Run:
    """One build of ours without PDFs and the floor's build right after it (wall seconds per stage;
    CPU seconds of each whole build)."""

    stages: dict[str, float]
    floor: float
    cpu: float = 0.0
    floor_cpu: float = 0.0

    @property
    def site_without_pdfs(self) -> float:
        return sum(self.stages.values())

    @property
    def own(self) -> float:
        return self.stages["load and validate"] + self.stages["generate pages"]


@dataclass
class Report:
    regions: int
    runs: list[Run] = field(default_factory=list)
    pages: int = 0
    size: int = 0
    region_page_kb: float = 0.0
    pdfs: int = 0
    pdf_one: float = 0.0
    pdf_two: float = 0.0
    rebuild: float | None = None  # median seconds for `regioplan build` again, PDFs from the cache
    new_day: float | None = None  # seconds for `regioplan build` on another day, nothing else changed
    new_day_rendered: int | None = None  # PDFs that build rendered rather than took from the cache
    previews: list[tuple[float, float]] = field(default_factory=list)  # (wall, CPU) per preview rebuild

    @property
    def stages(self) -> dict[str, float]:
        return {stage: statistics.median(run.stages[stage] for run in self.runs) for stage in self.runs[0].stages}

    @property
    def floor(self) -> float:
        return statistics.median(run.floor for run in self.runs)

    @property
    def rebuild_ratio(self) -> float | None:
        return self.rebuild / self.site_without_pdfs if self.rebuild is not None else None

    @property
    def site_without_pdfs(self) -> float:
        return statistics.median(run.site_without_pdfs for run in self.runs)

    @property
    def pair_ratios(self) -> list[float]:
        """Our build over the floor, in CPU seconds, per pair."""
        return [run.cpu / run.floor_cpu for run in self.runs]

    @property
    def wall_ratios(self) -> list[float]:
        return [run.site_without_pdfs / run.floor for run in self.runs]

    @property
    def cpu(self) -> float:
        return statistics.median(run.cpu for run in self.runs)

    @property
    def floor_cpu(self) -> float:
        return statistics.median(run.floor_cpu for run in self.runs)

    @property
    def ratio(self) -> float:
        return statistics.median(self.pair_ratios)

    @property
    def own_share(self) -> float:
        return statistics.median(run.own / run.site_without_pdfs for run in self.runs)

    def lines(self) -> list[str]:
        out = [
            f"regions: {self.regions}   pages: {self.pages}   output: {self.size / 1e6:.1f} MB   largest region page: {self.region_page_kb:.0f} KB",
            f"builds without PDFs and floors: {len(self.runs)} each, in turn; medians",
        ]
        out.append(f"{'stage':<20}{'seconds':>9}{'pages/s':>10}")
        for stage, seconds in self.stages.items():
            rate = f"{self.pages / seconds:>10.0f}" if stage == "MkDocs render" else f"{'':>10}"
            out.append(f"{stage:<20}{seconds:>9.2f}{rate}")
        out.append(f"{'PDFs (2 processes)':<20}{self.pdf_two:>9.2f}   {self.pdfs} PDFs, {self.pdfs / self.pdf_two:.1f}/s")
        out.append(f"{'PDFs (1 process)':<20}{self.pdf_one:>9.2f}   speed-up on 2 cores: {self.pdf_one / self.pdf_two:.2f}")
        if self.rebuild is not None:
            out.append(
                f"{'rebuild, no change':<20}{self.rebuild:>9.2f}   with PDFs from the cache: {self.rebuild_ratio:.2f} × the build without PDFs"
            )
        if self.new_day is not None:
            out.append(f"{'rebuild, new day':<20}{self.new_day:>9.2f}   PDFs rendered again: {self.new_day_rendered} of {self.pdfs}")
        if self.previews:
            wall, cpu = (statistics.median(times) for times in zip(*self.previews, strict=True))
            out.append(
                f"{'preview after edit':<20}{wall:>9.2f}   CPU {cpu:.2f} s; median of {len(self.previews)} edits of one region "
                "(without the 0.5 s in which MkDocs notices a saved file)"
            )
        out.append(f"{'floor (Material)':<20}{self.floor:>9.2f}")
        # Information only: the share's old target (5 %) was retired by issue 29; the ratio is what readers and authors feel.
        out.append(f"our stages: {self.own_share * 100:.1f} % of the build without PDFs")
        out.append(f"CPU seconds: our build without PDFs {self.cpu:.2f}, floor {self.floor_cpu:.2f}")
        out.append(f"ratio (CPU): {self.ratio:.2f}   (pairs from {min(self.pair_ratios):.2f} to {max(self.pair_ratios):.2f})")
        wall = statistics.median(self.wall_ratios)
        out.append(
            f"wall clock: {wall:.2f}   (pairs from {min(self.wall_ratios):.2f} to {max(self.wall_ratios):.2f}; varies with the machine's load)"
        )
        return out

    def verdicts(self) -> list[str]:
        checks = [
            (f"ratio {self.ratio:.2f} <= {TARGETS['ratio']}", self.ratio <= TARGETS["ratio"]),
            (
                f"largest region page {self.region_page_kb:.0f} KB < {TARGETS['region_page_kb']} KB",
                self.region_page_kb < TARGETS["region_page_kb"],
            ),
            (
                f"PDF speed-up {self.pdf_one / self.pdf_two:.2f} >= {TARGETS['pdf_speedup']}",
                self.pdf_one / self.pdf_two >= TARGETS["pdf_speedup"],
            ),
        ]
        if self.rebuild_ratio is not None:
            ratio = self.rebuild_ratio
            checks.append((f"no-change rebuild ratio {ratio:.2f} <= {TARGETS['rebuild_ratio']}", ratio <= TARGETS["rebuild_ratio"]))
        if self.previews:
            cpu = statistics.median(cpu for _, cpu in self.previews)
            checks.append((f"preview rebuild {cpu:.2f} CPU s <= {TARGETS['preview_cpu']}", cpu <= TARGETS["preview_cpu"]))
        if self.new_day_rendered is not None:
            rendered = self.new_day_rendered
            checks.append((f"PDFs rendered on a new day {rendered} <= {TARGETS['new_day_pdfs']}", rendered <= TARGETS["new_day_pdfs"]))
        return [("met    " if ok else "NOT MET ") + text for text, ok in checks]


def make_project(root: Path, target: Path, regions: int, seed: int = 0) -> Path:
    """A copy of the project with only national data plus `regions` synthetic regions."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = root / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, target / part)
    shutil.copytree(root / "data", target / "data", ignore=shutil.ignore_patterns("regios"))
    (target / "data" / "regios").mkdir()
    national = load_project(target)
    for number in range(1, regions + 1):
        slug, text = synthetic_region(national, number, seed)
        (target / "data" / "regios" / f"{slug}.yml").write_text(text, encoding="utf-8")
    return target


def _size(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len([p for p in files if p.suffix == ".html"]), sum(p.stat().st_size for p in files)


def _floor_project(project_root: Path, folder: Path) -> Path:
    """The same pages as a project for MkDocs Material alone; returns its configuration file. What
    it makes to write them is gone when it returns, so that no build measured later carries it."""
    project = load_project(project_root)
    pages = generate_pages(project_root, lookups_for(project, build_date()))
    abbr = with_glossary(mkdocs_config(project_root).mdx_configs, project.glossary)["abbr"]  # as the plugin hands them to MkDocs
    docs = folder / EXPORT_DOCS
    shutil.copytree(project_root / "content", docs)
    for path, content in [(page.path, page.content) for page in pages] + guide_files(project_root):
        target = docs / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode())
    # The same files the pages link to, so both builds check the same links.
    for path in pdf_paths(project):
        (docs / path).write_bytes(b"")
    # The project's own configuration (theme, scripts, search, the regions in the navigation, the
    # abbreviations for Markdown) without our plugin: as `regioplan export` writes it.
    (folder / "mkdocs.yml").write_text(plain_config(project_root, project, abbr, menu_sections(pages)), encoding="utf-8")
    if theme := theme_folder(project_root):  # the theme overrides, where the configuration names them
        shutil.copytree(project_root / theme, folder / theme)
    return folder / "mkdocs.yml"


def _timed_floor(config_file: Path) -> tuple[float, float]:
    """(wall, CPU) seconds of the floor's build."""
    from mkdocs.config import load_config

    started = _clock()
    config = load_config(config_file=str(config_file))
    build(config)
    index_site(Path(config.site_dir))  # the same search, as the export's guide says to make it
    return _since(started)


def _build_as_regioplan_does(project_root: Path, site: Path, pdfs: bool) -> tuple[float, float, dict[str, float]]:
    """Validate, then build into `site`: the seconds of each and the plugin's own stage timings.
    Every data file is read afresh, as by `regioplan build`, a new process."""
    forget_read_files()
    started = time.perf_counter()
    validated = load_project(project_root)
    validate = time.perf_counter() - started
    started = time.perf_counter()
    config, plugin = configured(project_root, pdfs=pdfs, site_dir=str(site), strict=True)
    plugin.preloaded = validated  # as `regioplan build` hands it over
    build(config)
    return validate, time.perf_counter() - started, plugin.timings


def _preview_rebuilds(project_root: Path, site: Path) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of each rebuild of the preview after one region's summary changed, as
    `regioplan serve` rebuilds (engine/build.py, serve_site): dirty, by the plugin that built the first time,
    with placeholders for the PDFs. The file is put back as it was."""
    from mkdocs.config import load_config

    def config():
        return load_config(config_file=str(project_root / CONFIG_FILE), site_dir=str(site))

    def index_done():
        # The preview makes the search index beside the server, after the page is served; the
        # next edit comes later. It is not part of the time to the new page.
        if plugin.indexing is not None:
            plugin.indexing.join()

    logging.getLogger("mkdocs.commands.build").addFilter(PreviewLogInDutch())
    first = config()
    plugin = first.plugins["regioplan"]
    first.plugins.on_startup(command="serve", dirty=True)
    build(first, serve_url="http://127.0.0.1:8000/", dirty=True)
    index_done()
    region = sorted((project_root / REGIONS_DIR).glob("*.yml"))[0]
    original = region.read_text(encoding="utf-8")
    times = []
    try:
        for edit in range(1, PREVIEW_EDITS + 1):
            region.write_text(original.replace("\nsamenvatting: ", f"\nsamenvatting: (bewerking {edit}) ", 1), encoding="utf-8")
            started = _clock()
            build(config(), serve_url="http://127.0.0.1:8000/", dirty=True)  # MkDocs keeps our plugin
            times.append(_since(started))
            index_done()
    finally:
        region.write_text(original, encoding="utf-8")
    return times


def _timed_build(project_root: Path, site: Path) -> tuple[dict[str, float], float]:
    """Our build without PDFs, from an empty project cache: wall seconds per stage, CPU seconds in all."""
    shutil.rmtree(project_root / CACHE_ROOT, ignore_errors=True)
    started = _clock()
    validate, total, timings = _build_as_regioplan_does(project_root, site, pdfs=False)
    _, cpu = _since(started)
    words, index = timings.get("search words", 0.0), timings.get("search index", 0.0)
    own = timings["load"] + timings["generate"] + timings["pdf"] + words
    stages = {
        "load and validate": validate + timings["load"],
        # Our code inside MkDocs's run too: each page's abbreviations in the other form, for search.
        "generate pages": timings["generate"] + timings["pdf"] + words,
        "MkDocs render": total - own - index,
        "search index (Pagefind)": index,  # the floor makes it too
    }
    return stages, cpu


def run_bench(root: Path, regions: int, workdir: Path | None = None, pdf_sample: int | None = None, repeat: int = 3) -> Report:
    scratch = Path(workdir) if workdir else Path(tempfile.mkdtemp(prefix="regioplan-bench-"))
    project_root = make_project(Path(root), scratch / "project", regions)
    report = Report(regions)

    floor_config = _floor_project(project_root, scratch / "floor")

    # Our build (PDFs are measured apart, below) and the floor, in turn, each into an empty folder
    # and each as if in a process of its own: what an earlier build left to the cycle collector is
    # collected before (emptying a folder and collecting are not part of a build's cost).
    for _ in range(repeat):
        for folder in (scratch / "site", scratch / "floor" / "site"):
            shutil.rmtree(folder, ignore_errors=True)
        gc.collect()
        stages, cpu = _timed_build(project_root, scratch / "site")
        gc.collect()
        floor, floor_cpu = _timed_floor(floor_config)
        report.runs.append(Run(stages, floor, cpu, floor_cpu))
    report.pages, report.size = _size(scratch / "site")
    region_pages = [p for p in (scratch / "site" / "regios").rglob("index.html")]
    report.region_page_kb = max(p.stat().st_size for p in region_pages) / 1024
    report.previews = _preview_rebuilds(project_root, scratch / "preview")

    # PDFs on both cores and on one, from the same jobs.
    lookups = lookups_for(load_project(project_root), build_date())
    config = mkdocs_config(project_root)
    configs = with_glossary(config.mdx_configs, lookups.project.glossary)  # as the plugin hands them to MkDocs
    jobs = pdf_jobs(project_root, build_documents(lookups), config.markdown_extensions, configs)
    jobs = jobs[:pdf_sample] if pdf_sample else jobs
    report.pdfs = len(jobs)
    started = time.perf_counter()
    # Also fills the project's PDF cache, as a first `regioplan build` would.
    render_pdfs(jobs, workers=2, cache=None if pdf_sample else PdfCache(project_root / CACHE_DIR))
    report.pdf_two = time.perf_counter() - started
    started = time.perf_counter()
    render_pdfs(jobs, workers=1)
    report.pdf_one = time.perf_counter() - started

    if not pdf_sample:
        # The same project built again with real PDFs: nothing changed, so every PDF comes from the cache.
        rebuilds = []
        for _ in range(repeat):
            shutil.rmtree(scratch / "site-again", ignore_errors=True)
            validate, total, _ = _build_as_regioplan_does(project_root, scratch / "site-again", pdfs=True)
            rebuilds.append(validate + total)
        report.rebuild = statistics.median(rebuilds)
        # The day after (or before, at the end of a year), data unchanged: a PDF that printed the
        # day it was made would be rendered again every morning. Each rendered PDF adds a cache file.
        cached = set((project_root / CACHE_DIR).glob("*.pdf"))
        with _as_of(_another_day_of_the_year()):
            shutil.rmtree(scratch / "site-again", ignore_errors=True)
            validate, total, _ = _build_as_regioplan_does(project_root, scratch / "site-again", pdfs=True)
        report.new_day = validate + total
        report.new_day_rendered = len(set((project_root / CACHE_DIR).glob("*.pdf")) - cached)

    if not workdir:
        shutil.rmtree(scratch, ignore_errors=True)
    return report


def _another_day_of_the_year() -> dt.datetime:
    """The build day's neighbour in the same year (the PDFs name the year they describe)."""
    today = get_build_datetime()
    tomorrow = today + dt.timedelta(days=1)
    return tomorrow if tomorrow.year == today.year else today - dt.timedelta(days=1)


@contextlib.contextmanager
def _as_of(moment: dt.datetime):
    """Builds inside describe `moment`, as a build on that day would (SOURCE_DATE_EPOCH)."""
    before = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(moment.timestamp()))
    try:
        yield
    finally:
        if before is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = before


def main(root: Path, regions: int, workdir: Path | None, pdf_sample: int | None, repeat: int = 3) -> int:
    os.environ.setdefault("SOURCE_DATE_EPOCH", "1767225600")  # the same output every run
    report = run_bench(root, regions, workdir, pdf_sample, repeat)
    for line in report.lines() + report.verdicts():
        print(line)
    return 0
