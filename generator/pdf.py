"""PDFs per region, made with WeasyPrint at build time.

- `praktijkplan-<id>.pdf`: the region's praktijkplan form, from the same HTML fragment as the
  web page; WeasyPrint turns its inputs into fillable AcroForm fields. Tagged for screen readers.
- `regioplan-<id>.pdf`: the whole regioplan for the insurer: a title page, version and date,
  contents with page numbers, and the region's pages, converted from the same Markdown the site
  shows (so the PDF never says something the site does not).

Rendering runs in a pool of processes, one per core, and reports progress as it goes.
"""

from __future__ import annotations

import logging
import os
import re
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

import markdown

from .contexts.base import dutch_date, practice_plan_pdf, region_page, region_plan_pdf
from .contexts.regions import SUBPAGES, RegionPages
from .pipeline import build_date
from .project import Project
from .render import TEMPLATE_DIR, environment

log = logging.getLogger("regioplan.pdf")

# The region pages that make up the regioplan document, in reading order.
DOCUMENT_PAGES = [sub for sub, _ in SUBPAGES if sub not in ("praktijkplan", "planbouwer")]
PRINT_CSS = "pdf/print.css"
# Links inside a PDF cannot follow the site's relative links; only web and mail links stay.
_LOCAL_LINK = re.compile(r'<a href="(?!https?:|mailto:)[^"]*"[^>]*>(.*?)</a>', re.S)
_PERMALINK = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)


@dataclass(frozen=True)
class PdfJob:
    path: str  # where the PDF goes in the site
    html: str  # a complete HTML document
    forms: bool  # turn inputs into fillable fields


def pdf_jobs(root: Path, project: Project, pages: dict[str, str], extensions: list, extension_configs: dict) -> list[PdfJob]:
    """The PDFs of every region; `pages` maps generated paths to their Markdown."""
    env = environment(root)
    css = (root / TEMPLATE_DIR / PRINT_CSS).read_text(encoding="utf-8")
    made = build_date()
    builder = RegionPages(project, made)
    configs = {**extension_configs, "toc": {**extension_configs.get("toc", {}), "permalink": False}}
    jobs = []
    for region in builder.regions:
        form = builder.form(region)
        plan = env.get_template("pdf/praktijkplan.html.j2").render(form=form, css=css, region=region, version=region.plan.versie or "")
        jobs.append(PdfJob(practice_plan_pdf(region.id), plan, forms=True))
        sections = []
        for sub in DOCUMENT_PAGES:
            converter = markdown.Markdown(extensions=extensions, extension_configs=configs)
            body = converter.convert(pages[region_page(region.id, sub)])
            body = _LOCAL_LINK.sub(r"\1", _PERMALINK.sub("", body))
            # The pages share heading ids (one per kernelement); in one document they must differ.
            body = body.replace(' id="', f' id="{sub}-')
            sections.append({"id": f"deel-{sub}", "titel": dict(SUBPAGES)[sub], "html": body})
        document = env.get_template("pdf/regioplan.html.j2").render(
            css=css,
            region=region,
            sections=sections,
            sources=builder.region_sources(region),
            datum=dutch_date(region.plan.datum),
            gemaakt=dutch_date(made),
            version=region.plan.versie or "",
        )
        jobs.append(PdfJob(region_plan_pdf(region.id), document, forms=False))
    return jobs


def pdf_paths(project: Project) -> list[str]:
    """Where the PDFs of every region go, without preparing them."""
    return [path for region in sorted(project.regions) for path in (practice_plan_pdf(region), region_plan_pdf(region))]


def _render(job: PdfJob) -> tuple[str, bytes]:
    from weasyprint import HTML  # imported in the worker: each process loads it once

    return job.path, HTML(string=job.html).write_pdf(pdf_forms=job.forms, pdf_tags=True, custom_metadata=True)


def render_pdfs(jobs: list[PdfJob], workers: int | None = None) -> dict[str, bytes]:
    """Render all jobs on `workers` processes (default: one per core), logging progress."""
    if not jobs:
        return {}
    workers = workers or os.cpu_count() or 1
    started = time.perf_counter()
    results: dict[str, bytes] = {}
    if workers == 1:
        for number, job in enumerate(jobs, start=1):
            path, data = _render(job)
            results[path] = data
            log.info("PDF %d/%d: %s", number, len(jobs), path)
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = [pool.submit(_render, job) for job in jobs]
            for number, future in enumerate(as_completed(futures), start=1):
                path, data = future.result()
                results[path] = data
                log.info("PDF %d/%d: %s", number, len(jobs), path)
    log.info("%d PDF's in %.1f s op %d processen", len(jobs), time.perf_counter() - started, workers)
    return results
