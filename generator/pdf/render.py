"""HTML to PDF with WeasyPrint, in a pool of processes (one per core) that reports progress as it
goes, through the cache; and a praktijkplan PDF filled in with a saved plan."""

from __future__ import annotations

import contextlib
import logging
import os
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import TYPE_CHECKING

from generator.dutch import plural
from generator.pdf.cache import PdfCache, PdfJob
from generator.pdf.forms import FILLED_CREATOR, fill, with_tooltips
from generator.pdf.printing import pdf_jobs
from generator.processes import end_with

if TYPE_CHECKING:  # documents are made by the page code (stage 4) and handed in
    from generator.site.contexts.documents import Document

log = logging.getLogger("regioplan.pdf")


def filled_practice_plan(root: Path, document: Document, values: dict[str, str | bool]) -> bytes:
    """The region's praktijkplan PDF (its document from contexts/documents.py) with a saved plan's values filled in."""
    [job] = pdf_jobs(root, [document], [], {})
    _, data = _render(job.path, job.document(), job.forms, job.tooltips)
    return fill(data, values, creator=FILLED_CREATOR)


def _render(path: str, html: str, forms: bool, tooltips: tuple[tuple[str, str], ...]) -> tuple[str, bytes]:
    from weasyprint import HTML  # imported in the worker: each process loads it once

    data = HTML(string=html).write_pdf(pdf_forms=forms, pdf_tags=True, custom_metadata=True)
    return path, with_tooltips(data, dict(tooltips)) if tooltips else data


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
