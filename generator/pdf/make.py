"""PDFs per region, made with WeasyPrint at build time.

- `praktijkplan-<id>.pdf`: the region's praktijkplan form, from the same HTML fragment as the
  web page; WeasyPrint turns its inputs into fillable AcroForm fields. Tagged for screen readers.
- `regioplan-<id>.pdf`: the whole regioplan for the insurer: a title page, version and date,
  contents with page numbers, and the region's pages, rendered from the same page contexts and
  templates as the site (so the PDF never says something the site does not), for print: the
  templates' `bron(…)` become numbered notes and their site-only parts stay out (`afdruk`).

What a document holds is decided by the page code (contexts/documents.py); this module renders it.

Rendering runs in a pool of processes, one per core, and reports progress as it goes.
"""

from __future__ import annotations

import contextlib
import ctypes
import datetime as dt
import functools
import hashlib
import importlib.metadata
import io
import json
import logging
import os
import re
import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from pydantic import BaseModel

from generator.addresses import practice_plan_pdf, region_plan_pdf
from generator.data.project import Project
from generator.data.projectdata import CACHE_ROOT
from generator.dutch import plural
from generator.files import write_whole
from generator.site.render import TEMPLATE_DIR, SourceNotes, environment, render_template

if TYPE_CHECKING:  # documents are made by the page code (stage 4) and handed in
    from generator.site.contexts.documents import Document

log = logging.getLogger("regioplan.pdf")

PRINT_CSS = "pdf/print.css"

# A table row with more text than this (about a third of a page in its narrow columns) may break
# across pages (`tr.lang` in print.css): kept whole, it pushes itself to the next page and leaves
# the page before it near-empty. Shorter rows stay whole.
LONG_ROW = 600


class _Printed(Treeprocessor):
    """A region page as a part of the printed regioplan, done on the page's element tree.

    - A source line (`bron(…)` in a template prints "Bron: [n]" as `p.bron-ref`) right under a
      paragraph, list or definition list becomes the note's marker at the end of that block; under
      a heading or a table the short line stays.
    - Links into the site become their text: a PDF cannot follow them (web and mail links stay).
    - Heading ids get the page's prefix: the pages share ids (one per kernelement), one document cannot.
    - A long table row may break across pages.
    """

    def __init__(self, md: markdown.Markdown, prefix: str):
        super().__init__(md)
        self.prefix = prefix

    def run(self, root: ElementTree.Element) -> None:
        for parent in list(root.iter()):
            before = None
            for element in list(parent):
                if (
                    element.tag == "p"
                    and element.get("class") == "bron-ref"
                    and before is not None
                    and before.tag in ("p", "ul", "ol", "dl")
                ):
                    _append(_last_text_block(before), (element.text or "").removeprefix("Bron: "))
                    parent.remove(element)
                else:
                    before = element
        for parent in list(root.iter()):
            for element in list(parent):
                if element.tag == "a" and not element.get("href", "").startswith(("http:", "https:", "mailto:")):
                    _unwrap(parent, element)
        for element in root.iter():
            if "id" in element.attrib:
                element.set("id", f"{self.prefix}-{element.get('id')}")
            if element.tag == "tr" and len("".join(element.itertext())) > LONG_ROW:
                element.set("class", "lang")


def _last_text_block(block: ElementTree.Element) -> ElementTree.Element:
    """Where a line that follows `block` ends up: its last paragraph, list item or definition,
    down through nested lists ("Draagt bij aan" with a list in its definition)."""
    while len(block) and block.tag != "p":
        last = block[-1]
        if block.tag not in ("ul", "ol", "dl") and last.tag not in ("p", "ul", "ol", "dl"):
            break  # a list item or definition whose last part is inline text
        block = last
    return block


def _append(element: ElementTree.Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "").rstrip() + text
    else:
        element.text = (element.text or "").rstrip() + text


def _unwrap(parent: ElementTree.Element, element: ElementTree.Element) -> None:
    """Replace `element` by its content (text, children, tail) in `parent`."""
    index = list(parent).index(element)
    text = element.text or ""
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text
    children = list(element)
    parent.remove(element)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    tail = element.tail or ""
    if children:
        children[-1].tail = (children[-1].tail or "") + tail
    elif index == 0:
        parent.text = (parent.text or "") + tail
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + tail


class _PrintedExtension(Extension):
    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's name)
        # After every other tree step (attribute lists, abbreviations, the contents' ids).
        md.treeprocessors.register(_Printed(md, self.prefix), "regioplan-printed", 0)


@dataclass(frozen=True)
class PdfJob:
    path: str  # where the PDF goes in the site
    # Makes the complete HTML document; called only when the cache lacks this PDF (the regioplan's
    # Markdown conversions are most of a rebuild's PDF stage).
    document: Callable[[], str]
    # What the document is made from, written out (_Recipes); None when some part has no stable text.
    recipe: str | None
    forms: bool  # turn inputs into fillable fields
    tooltips: tuple[tuple[str, str], ...] = ()  # (field name, Dutch description) for every field


def pdf_jobs(root: Path, documents: list[Document], extensions: list, extension_configs: dict) -> list[PdfJob]:
    """A job per document (contexts/documents.py): its region pages printed with the project's
    templates (`afdruk`: sources become numbered notes, the site's own parts stay out)."""
    env = environment(root)
    css = print_css(root)
    configs = {**extension_configs, "toc": {**extension_configs.get("toc", {}), "permalink": False}}
    recipes = _Recipes(root, extensions, configs)
    jobs = []
    for document in documents:
        notes = SourceNotes()
        printed = {part.id: render_template(env, part.page.template, {**part.page.context, "afdruk": notes}) for part in document.pages}
        made = functools.partial(_document, env, css, extensions, configs, document, printed, tuple(notes.notes))
        recipe = recipes.of(document.path, document.template, document.values, {"pages": printed, "notes": notes.notes})
        jobs.append(PdfJob(document.path, made, recipe, forms=bool(document.fields), tooltips=document.fields))
    return jobs


def _document(env, css: str, extensions: list, configs: dict, document: Document, printed: dict[str, str], notes: tuple[str, ...]) -> str:
    """The document's HTML: each printed page converted from Markdown as the site converts it,
    then made fit for paper (_Printed)."""

    def converted(text: str, prefix: str) -> str:
        return markdown.Markdown(extensions=[*extensions, _PrintedExtension(prefix)], extension_configs=configs).convert(text)

    titles = {part.id: part.titel for part in document.pages}
    sections = [{"id": f"deel-{sub}", "titel": titles[sub], "html": converted(text, sub)} for sub, text in printed.items()]
    notes_html = [converted(note, "noot") for note in notes]
    return render_template(env, document.template, {"css": css, "sections": sections, "notes": notes_html, **document.values})


class _Recipes:
    """A PDF's document written out as everything it is made from, so that the cache can find the PDF
    without making the document.

    The document is made by this package's code (Markdown conversion, source notes, escaping filters)
    with the project's templates (styles included) and the Markdown extensions, from the values its
    template receives and the region pages' Markdown. A recipe holds all of these: the code and the
    templates as hashes, the libraries as versions, the values and Markdown as JSON. It may hold more
    than the document uses (the whole region, not only its name): a recipe that changed without the
    document changing only costs making the document, whose own hash then finds the PDF.
    """

    def __init__(self, root: Path, extensions: list, configs: dict):
        try:
            markdown_setup = _stable_json({"extensions": extensions, "configs": configs})
        except TypeError:
            self.shared = None  # a setting without a stable text (an object): documents are always made
        else:
            self.shared = "\0".join((_package_code(), _templates(root), *_maker_versions(extensions), markdown_setup))

    def of(self, path: str, template: str, values: dict, markdown_pages: dict[str, str] | None = None) -> str | None:
        if self.shared is None:
            return None
        try:
            own = _stable_json({"path": path, "template": template, "values": values, "markdown": markdown_pages})
        except TypeError:
            return None
        return self.shared + "\0" + own


def _stable_json(value: object) -> str:
    """JSON that is the same in every process; TypeError for a value without such a text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)


def _plain(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dt.date):
        return value.isoformat()
    name = getattr(value, "__qualname__", "")
    if callable(value) and name and "<" not in name:
        # A function named in mkdocs.yml (!!python/name), with the version of the package it comes
        # from; a lambda or a function made inside another has no name that tells it apart.
        package = value.__module__.split(".")[0]
        version = "" if package in _KNOWN_EXTENSION_PACKAGES else _package_versions(package)  # those are in _MAKERS
        return f"{value.__module__}.{name} {version}"
    raise TypeError(f"no stable text for {type(value).__name__}")


@functools.cache
def _package_code() -> str:
    """The generator's code: every module that can shape a document or a PDF."""
    return _folder_hash(Path(__file__).parents[1], "*.py")


def _templates(root: Path) -> str:
    return _folder_hash(root / TEMPLATE_DIR, "*")


def _folder_hash(folder: Path, pattern: str) -> str:
    """One hash of the names and contents of the files below `folder` that match `pattern`."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        digest.update(file.relative_to(folder).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


def filled_practice_plan(root: Path, document: Document, values: dict[str, str | bool]) -> bytes:
    """The region's praktijkplan PDF (its document from contexts/documents.py) with a saved plan's values filled in."""
    [job] = pdf_jobs(root, [document], [], {})
    _, data = _render(job.path, job.document(), job.forms, job.tooltips)
    return fill(data, values, creator=FILLED_CREATOR)


# The creator of a plan fill-plan filled in: the only PDF it replaces (the site's blank form says
# "regioplan", and a practice that fills that in by hand keeps it).
FILLED_CREATOR = "regioplan fill-plan"


def print_css(root: Path) -> str:
    return (root / TEMPLATE_DIR / PRINT_CSS).read_text(encoding="utf-8")


def pdf_paths(project: Project) -> list[str]:
    """Where the PDFs of every region go, without preparing them."""
    return [path for region in sorted(project.regions) for path in (practice_plan_pdf(region), region_plan_pdf(region))]


def _render(path: str, html: str, forms: bool, tooltips: tuple[tuple[str, str], ...]) -> tuple[str, bytes]:
    from weasyprint import HTML  # imported in the worker: each process loads it once

    data = HTML(string=html).write_pdf(pdf_forms=forms, pdf_tags=True, custom_metadata=True)
    return path, with_tooltips(data, dict(tooltips)) if tooltips else data


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


def _fits(field, text: str) -> bool:
    """Whether `text` fits a text field at its own font size without wrapping (pypdf wraps only at
    font size 0): each line within the width, estimated generously (an average DejaVu Sans
    character is about 0.55 em wide), and no more lines than the box holds (1.2 em apart)."""
    match = re.search(r"([\d.]+) Tf", str(field["/DA"]))
    size = float(match[1]) if match else 0
    if not size:
        return False
    x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
    multiline = int(field.get("/Ff", 0)) & 4096
    lines = max(1, int((abs(y2 - y1) - 2) // (size * 1.2))) if multiline else 1
    paragraphs = text.splitlines() or [""]
    return len(paragraphs) <= lines and all(len(paragraph) * 0.55 * size <= abs(x2 - x1) - 4 for paragraph in paragraphs)


def fill(data: bytes, values: dict[str, str | bool], creator: str | None = None) -> bytes:
    """A form PDF with its fields set to `values` (text, or True/False for a checkbox).

    A checkbox is set to the 'on' state its own appearance has, so that viewers that draw
    appearances (poppler, pdf.js) show the tick; text fields get an appearance of their own.
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(data))
    texts = {name: value for name, value in values.items() if isinstance(value, str)}
    for field in _fields(writer):
        # A text longer than its box at the form's font size gets font size 0 ("auto"): pypdf then
        # wraps it over the lines of a multi-line field and shrinks it until the whole text fits,
        # instead of cutting it off after one line. A text that fits keeps the form's size.
        name = str(field.get("/T", ""))
        if field.get("/FT") == "/Tx" and name in texts and "/DA" in field and not _fits(field, texts[name]):
            field[NameObject("/DA")] = TextStringObject(re.sub(r"[\d.]+ Tf", "0 Tf", str(field["/DA"])))
    for page in writer.pages:
        # Only the fields on this page: pypdf warns (in English, on the author's terminal) for a
        # page it is given no field of.
        on_page = {str(annotation.get_object().get("/T", "")) for annotation in page.get("/Annots", [])}
        mine = {name: value for name, value in texts.items() if name in on_page}
        if mine:
            writer.update_page_form_field_values(page, mine, auto_regenerate=False)
    for field in _fields(writer):
        name = str(field.get("/T", ""))
        if field.get("/FT") == "/Btn" and isinstance(values.get(name), bool):
            states = [state for state in field["/AP"]["/N"] if state != "/Off"]
            state = NameObject(states[0] if values[name] and states else "/Off")
            field[NameObject("/V")] = state
            field[NameObject("/AS")] = state
    if creator:
        writer.add_metadata({"/Creator": creator})
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
    Beside each PDF the cache notes which key a job's recipe led to, so that a rebuild finds an
    unchanged PDF without making its HTML again.
    """

    def __init__(self, folder: Path):
        self.folder = folder

    @staticmethod
    def key(job: PdfJob, html: str) -> str:
        return _digest(_renderer(), *_versions(_RENDERERS), job.path, str(job.forms), repr(job.tooltips), html)

    def known_key(self, job: PdfJob) -> str | None:
        """The key the job's recipe had in an earlier build, if it had one."""
        if job.recipe is None:
            return None
        key = self._read(self.folder / f"{_digest(job.recipe)}.key")
        return key.decode("ascii") if key is not None and _KEY.fullmatch(key) else None

    def remember(self, job: PdfJob, key: str) -> None:
        if job.recipe is not None:
            self._write(self.folder / f"{_digest(job.recipe)}.key", key.encode("ascii"))

    def get(self, key: str) -> bytes | None:
        return self._read(self.folder / f"{key}.pdf")

    def put(self, key: str, data: bytes) -> None:
        self._write(self.folder / f"{key}.pdf", data)

    def prune(self) -> None:
        cutoff = time.time() - CACHE_DAYS * 86400
        for entry in self.folder.iterdir() if self.folder.is_dir() else []:
            with contextlib.suppress(OSError):
                if entry.suffix in (".pdf", ".key") and entry.stat().st_mtime < cutoff:
                    entry.unlink()

    @staticmethod
    def _read(entry: Path) -> bytes | None:
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        entry.touch()  # in use: keep it
        return data

    def _write(self, entry: Path, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_whole(entry, data)
        except OSError as error:
            log.warning("PDF-cache niet bijgewerkt (%s); de volgende bouw maakt dit PDF opnieuw", error)


_KEY = re.compile(rb"[0-9a-f]{64}")


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


# The libraries that turn HTML into a PDF, and those that make a job's HTML (Markdown and its extensions, Jinja).
_RENDERERS = ("weasyprint", "pypdf")
_MAKERS = ("markdown", "pymdown-extensions", "jinja2", "markupsafe")
# The packages of Markdown extensions named without their package ("toc") or in one of those libraries.
_KNOWN_EXTENSION_PACKAGES = {"markdown", "pymdownx"}


def _maker_versions(extensions: list) -> tuple[str, ...]:
    """The versions of the libraries that make HTML and of any other package a Markdown extension comes from."""
    packages = {name.split(".")[0] for name in extensions if isinstance(name, str) and "." in name} - _KNOWN_EXTENSION_PACKAGES
    return _versions(_MAKERS) + tuple(f"{package} {_package_versions(package)}" for package in sorted(packages))


@functools.cache
def _versions(distributions: tuple[str, ...]) -> tuple[str, ...]:
    """Read from the package metadata: importing WeasyPrint and pypdf for their versions takes about a
    second, which a build whose PDFs all come from the cache need not spend."""
    return tuple(importlib.metadata.version(name) for name in distributions)


@functools.cache
def _package_versions(package: str) -> str:
    """The versions of the distributions that install an importable package (slow: reads them all)."""
    names = importlib.metadata.packages_distributions().get(package, [])
    return " ".join(f"{name}={importlib.metadata.version(name)}" for name in sorted(names)) or "unknown"


@functools.cache
def _renderer() -> str:
    """This module's code: how a job becomes a PDF (fields, tooltips) is part of every key."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()


def end_with(build: int) -> None:
    """In a PDF worker or another child (the search indexer): end when the build that started it ends, however it ends (a killed build
    would otherwise leave its workers running, each holding a few hundred MB). Linux tells the
    worker through PR_SET_PDEATHSIG; if the build is already gone, the worker ends at once."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != build:
        os._exit(1)


_PR_SET_PDEATHSIG = 1


def render_pdfs(jobs: list[PdfJob], workers: int | None = None, cache: PdfCache | None = None) -> dict[str, bytes]:
    """Render all jobs on `workers` processes (default: one per core), logging progress; with a
    cache, only the jobs whose input changed since a build that used it."""
    if not jobs:
        return {}
    results: dict[str, bytes] = {}
    todo: list[tuple[str, str, bool, tuple]] = []  # _render's arguments for each PDF to make
    keys: dict[str, str] = {}  # with a cache: the key each PDF to make is stored under
    for job in jobs:
        html = None
        if cache is not None:
            key = cache.known_key(job)
            if key is None:
                html = job.document()
                key = PdfCache.key(job, html)
                cache.remember(job, key)
            if (data := cache.get(key)) is not None:
                results[job.path] = data
                continue
            keys[job.path] = key
        todo.append((job.path, job.document() if html is None else html, job.forms, job.tooltips))
    if results:
        log.info("%d van %s ongewijzigd, uit %s", len(results), plural(len(jobs), "PDF", "PDF's"), cache.folder)
    workers = min(workers or os.cpu_count() or 1, max(len(todo), 1))
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        if workers == 1:
            rendered = (_render(*order) for order in todo)
        else:
            pool = stack.enter_context(ProcessPoolExecutor(max_workers=workers, initializer=end_with, initargs=(os.getpid(),)))
            rendered = (future.result() for future in as_completed([pool.submit(_render, *order) for order in todo]))
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
