"""PDFs per region, made with WeasyPrint at build time.

- `praktijkplan-<id>.pdf`: the region's praktijkplan form, from the same HTML fragment as the
  web page; WeasyPrint turns its inputs into fillable AcroForm fields. Tagged for screen readers.
- `regioplan-<id>.pdf`: the whole regioplan for the insurer: a title page, version and date,
  contents with page numbers, and the region's pages, converted from the same Markdown the site
  shows (so the PDF never says something the site does not).

Rendering runs in a pool of processes, one per core, and reports progress as it goes.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import importlib.metadata
import io
import logging
import os
import re
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import markdown

from .contexts.base import Lookups, practice_plan_pdf, region_page, region_plan_pdf
from .contexts.regions import SUBPAGES, RegionPages
from .dutch import dutch_date, plural
from .files import write_whole
from .project import Project
from .projectdata import CACHE_ROOT
from .render import TEMPLATE_DIR, environment

log = logging.getLogger("regioplan.pdf")

# The region pages that make up the regioplan document, in reading order.
DOCUMENT_PAGES = [sub for sub, _ in SUBPAGES if sub not in ("praktijkplan", "planbouwer")]
PRINT_CSS = "pdf/print.css"
# Links inside a PDF cannot follow the site's relative links; only web and mail links stay.
_LOCAL_LINK = re.compile(r'<a href="(?!https?:|mailto:)[^"]*"[^>]*>(.*?)</a>', re.S)
# A page's source line after a paragraph, list or definition list ("*Bron:* …" in the templates).
_SOURCE_AFTER_BLOCK = re.compile(r"(</p>|</li>\s*</[uo]l>|</dd>\s*</dl>)\s*<p><em>Bron:</em> (.*?)</p>", re.S)
_SOURCE_LINE = re.compile(r"<p><em>Bron:</em> (.*?)</p>", re.S)
# A table whose last column is "Bron" (monitoring, tariffs, timeline), and a source under a verdict's origin.
_TABLE = re.compile(r"<table>.*?</table>", re.S)
_SOURCE_COLUMN = re.compile(r"<th[^>]*>Bron</th>\s*</tr>\s*</thead>")
_LAST_CELL = re.compile(r"<td([^>]*)>(.*?)</td>(\s*</tr>)", re.S)
_SOURCE_IN_CELL = re.compile(r"<br ?/?>bron: (.*?)</td>", re.S)


class SourceNotes:
    """The regioplan PDF's source references as numbered notes, not a "Bron:" line per paragraph.

    The same reference gets the same number throughout the document; the notes are listed once,
    at the end, under "Bronvermeldingen".
    """

    def __init__(self) -> None:
        self.notes: list[str] = []

    def _marker(self, source: str) -> str:
        if source not in self.notes:
            self.notes.append(source)
        number = self.notes.index(source) + 1
        return f'<sup class="noot"><a href="#noot-{number}">[{number}]</a></sup>'

    def gather(self, html: str) -> str:
        # After a paragraph or list the marker joins its last line; elsewhere (after a heading or a
        # table) a short line with the marker stays. In tables the source column keeps only the
        # marker, so its long text no longer makes every row tall.
        html = _TABLE.sub(self._table, html)
        html = _SOURCE_IN_CELL.sub(lambda m: " " + self._marker(m[1]) + "</td>", html)
        html = _SOURCE_AFTER_BLOCK.sub(lambda m: self._marker(m[2]) + m[1], html)
        return _SOURCE_LINE.sub(lambda m: f'<p class="bron-ref">Bron: {self._marker(m[1])}</p>', html)

    def _table(self, table: re.Match) -> str:
        if not _SOURCE_COLUMN.search(table[0]):
            return table[0]
        return _LAST_CELL.sub(lambda m: f"<td{m[1]}>{self._marker(m[2]) if m[2].strip() not in ('', '–') else m[2]}</td>{m[3]}", table[0])


@dataclass(frozen=True)
class PdfJob:
    path: str  # where the PDF goes in the site
    html: str  # a complete HTML document
    forms: bool  # turn inputs into fillable fields
    tooltips: tuple[tuple[str, str], ...] = ()  # (field name, Dutch description) for every field


def pdf_jobs(root: Path, lookups: Lookups, pages: dict[str, str], extensions: list, extension_configs: dict) -> list[PdfJob]:
    """The PDFs of every region; `pages` maps generated paths to their Markdown."""
    env = environment(root)
    css = print_css(root)
    builder = RegionPages(lookups)
    configs = {**extension_configs, "toc": {**extension_configs.get("toc", {}), "permalink": False}}
    jobs = []
    for region in lookups.regions:
        jobs.append(practice_plan_job(env, css, region, builder.form(region)))
        sections = []
        notes = SourceNotes()
        for sub in DOCUMENT_PAGES:
            converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
            body = converter.convert(pages[region_page(region.id, sub)])
            body = notes.gather(_LOCAL_LINK.sub(r"\1", body))
            # The pages share heading ids (one per kernelement); in one document they must differ.
            body = body.replace(' id="', f' id="{sub}-')
            sections.append({"id": f"deel-{sub}", "titel": dict(SUBPAGES)[sub], "html": body})
        document = env.get_template("pdf/regioplan.html.j2").render(
            css=css,
            region=region,
            sections=sections,
            sources=builder.region_sources(region),
            notes=notes.notes,
            versions=builder.region_versions(region, lookups.plain_source),
            datum=dutch_date(region.plan.datum),
            gemaakt=dutch_date(lookups.today),
            version=region.plan.versie or "",
        )
        jobs.append(PdfJob(region_plan_pdf(region.id), document, forms=False))
    return jobs


def practice_plan_job(env, css: str, region, form: dict) -> PdfJob:
    html = env.get_template("pdf/praktijkplan.html.j2").render(form=form, css=css, region=region, version=region.plan.versie or "")
    tooltips = tuple((field["naam"], field["titel"]) for field in form["velden"])
    return PdfJob(practice_plan_pdf(region.id), html, forms=True, tooltips=tooltips)


def filled_practice_plan(root: Path, project: Project, region_id: str, plan: dict, today) -> tuple[bytes, list[str]]:
    """The region's praktijkplan PDF with a saved plan filled in, and notes on what did not fit."""
    from .contexts.practiceform import PracticeForm, form_values

    lookups = Lookups(project, today)
    region = project.regions[region_id]
    form = PracticeForm(lookups, region).build()
    names = {item["key"]: item["naam"] for item in lookups.plan_rules(region)["interventies"]}
    values, notes = form_values(form, plan, names)
    _, data = _render(practice_plan_job(environment(root), print_css(root), region, form))
    return fill(data, values), notes


def print_css(root: Path) -> str:
    return (root / TEMPLATE_DIR / PRINT_CSS).read_text(encoding="utf-8")


def pdf_paths(project: Project) -> list[str]:
    """Where the PDFs of every region go, without preparing them."""
    return [path for region in sorted(project.regions) for path in (practice_plan_pdf(region), region_plan_pdf(region))]


def _render(job: PdfJob) -> tuple[str, bytes]:
    from weasyprint import HTML  # imported in the worker: each process loads it once

    data = HTML(string=job.html).write_pdf(pdf_forms=job.forms, pdf_tags=True, custom_metadata=True)
    return job.path, with_tooltips(data, dict(job.tooltips)) if job.tooltips else data


def _fields(writer) -> Iterator:
    """Every field of a PDF's form, with the radio groups' and other parents' kids."""
    pending = list(writer._root_object["/AcroForm"]["/Fields"])
    while pending:
        field = pending.pop(0).get_object()
        yield field
        pending += list(field.get("/Kids", []))


def with_tooltips(data: bytes, tooltips: dict[str, str]) -> bytes:
    """Give every field its Dutch description as tooltip (/TU). WeasyPrint takes a field's
    <label> when it has one ('Akkoord', three times on one form); ours says what it is for."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(data))
    for field in _fields(writer):
        name = str(field.get("/T", ""))
        if name in tooltips:
            field[NameObject("/TU")] = TextStringObject(tooltips[name])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def fill(data: bytes, values: dict[str, str | bool]) -> bytes:
    """A form PDF with its fields set to `values` (text, or True/False for a checkbox).

    A checkbox is set to the 'on' state its own appearance has, so that viewers that draw
    appearances (poppler, pdf.js) show the tick; text fields get an appearance of their own.
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject

    writer = PdfWriter(clone_from=io.BytesIO(data))
    texts = {name: value for name, value in values.items() if isinstance(value, str)}
    for page in writer.pages:
        writer.update_page_form_field_values(page, texts, auto_regenerate=False)
    for field in _fields(writer):
        name = str(field.get("/T", ""))
        if field.get("/FT") == "/Btn" and isinstance(values.get(name), bool):
            states = [state for state in field["/AP"]["/N"] if state != "/Off"]
            state = NameObject(states[0] if values[name] and states else "/Off")
            field[NameObject("/V")] = state
            field[NameObject("/AS")] = state
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


CACHE_DIR = f"{CACHE_ROOT}/pdf"
# Entries no build has used for this long are removed, so the folder does not grow without end.
CACHE_DAYS = 30


class PdfCache:
    """Rendered PDFs kept by the hash of everything that makes them.

    A job's HTML is complete (styles inline, no files it loads), so the HTML, the form settings,
    this module's code and the versions of the libraries that render and post-process it decide the bytes: a
    region whose pages did not change gets its PDFs from here, and any change makes a new key.
    """

    def __init__(self, folder: Path):
        self.folder = folder

    @staticmethod
    def key(job: PdfJob) -> str:
        digest = hashlib.sha256()
        for part in (_renderer(), *_library_versions(), job.path, str(job.forms), repr(job.tooltips), job.html):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()

    def get(self, key: str) -> bytes | None:
        entry = self.folder / f"{key}.pdf"
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        entry.touch()  # in use: keep it
        return data

    def put(self, key: str, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_whole(self.folder / f"{key}.pdf", data)
        except OSError as error:
            log.warning("PDF-cache niet bijgewerkt (%s); de volgende bouw maakt dit PDF opnieuw", error)

    def prune(self) -> None:
        cutoff = time.time() - CACHE_DAYS * 86400
        for entry in self.folder.glob("*.pdf") if self.folder.is_dir() else []:
            with contextlib.suppress(OSError):
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()


@functools.cache
def _library_versions() -> tuple[str, str]:
    """WeasyPrint's and pypdf's versions, read from their package metadata: importing them takes
    about a second, which a build whose PDFs all come from the cache need not spend."""
    return importlib.metadata.version("weasyprint"), importlib.metadata.version("pypdf")


@functools.cache
def _renderer() -> str:
    """This module's code: how a job becomes a PDF (fields, tooltips) is part of every key."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def render_pdfs(jobs: list[PdfJob], workers: int | None = None, cache: PdfCache | None = None) -> dict[str, bytes]:
    """Render all jobs on `workers` processes (default: one per core), logging progress; with a
    cache, only the jobs whose input changed since a build that used it."""
    if not jobs:
        return {}
    results: dict[str, bytes] = {}
    # Each job's key once: it hashes the whole document.
    keys = {job.path: cache.key(job) for job in jobs} if cache is not None else {}
    if cache is not None:
        for job in jobs:
            if (data := cache.get(keys[job.path])) is not None:
                results[job.path] = data
        if results:
            log.info("%d van %s ongewijzigd, uit %s", len(results), plural(len(jobs), "PDF", "PDF's"), cache.folder)
    todo = [job for job in jobs if job.path not in results]
    workers = min(workers or os.cpu_count() or 1, max(len(todo), 1))
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if workers == 1:
            rendered = map(_render, todo)
        else:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers))
            rendered = (future.result() for future in as_completed([pool.submit(_render, job) for job in todo]))
        for number, (path, data) in enumerate(rendered, start=1):
            results[path] = data
            if cache is not None:
                cache.put(keys[path], data)
            log.info("PDF %d/%d: %s", number, len(todo), path)
    if todo:
        made, processes = plural(len(todo), "PDF", "PDF's"), plural(workers, "proces", "processen")
        log.info("%s gemaakt in %.1f s op %s", made, time.perf_counter() - started, processes)
    if cache is not None:
        cache.prune()
    return results
