"""Every file the generator adds to a site: the generated pages, the PDFs, the author guide and the
plan check's script.

One home for both ways of publishing: the MkDocs plugin hands these files to MkDocs in memory
(`regioplan build`), and `regioplan export` writes them into a plain project that any
MkDocs-compatible engine builds without the plugin.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.addresses import PLAN_CHECK_SCRIPT
from generator.data.projectdata import Project
from generator.engine.build import build_date
from generator.errors import DataError, Diagnostic, Position
from generator.files import bad_links
from generator.pdf.cache import CACHE_DIR, PdfCache
from generator.pdf.printing import pdf_jobs, pdf_paths
from generator.pdf.render import render_pdfs
from generator.processes import collector_paused
from generator.rules import plancheck
from generator.site.contexts import build_documents
from generator.site.pipeline import generate_pages, lookups_for, menu_sections
from generator.site.render import TEMPLATE_DIR
from generator.site.reuse import Reuse

GUIDE_DIR = "docs"
GUIDE_URL_PREFIX = "handleiding"

Timer = Callable[[str], contextlib.AbstractContextManager]


def refuse_bad_links(root: Path, docs_dir: Path) -> None:
    """MkDocs reads the hand-written pages through links, and Jinja the templates: a link to a folder
    that holds it would be walked without end (or reach templates no digest names), and one that
    leads nowhere stops MkDocs with a message about something else. A DataError (E312) instead."""
    problems = {
        "kring": "is een koppeling naar een map waar ze zelf in staat (of een map daarboven), zodat de bouw die map zonder einde "
        "zou doorlopen; verwijder de koppeling of laat haar naar een andere map wijzen",
        "nergens": "is een koppeling die naar niets wijst (het doel bestaat niet, of is de koppeling zelf); "
        "verwijder de koppeling of laat haar naar een bestaand bestand wijzen",
    }
    found = [
        Diagnostic(Position(f"{folder.name}/{link}"), "E312", problems[kind])
        for folder in (docs_dir, root / TEMPLATE_DIR)
        for link, kind in bad_links(folder)
    ]
    if found:
        raise DataError(found)


@dataclass(frozen=True)
class SiteFiles:
    files: list[tuple[str, str | bytes]]  # (path in the site's docs folder, content)
    menu: dict[str, list[tuple[str, str]]]  # pipeline.menu_sections: the pages listed under another in the menu


def site_files(
    root: Path,
    project: Project,
    markdown_extensions: list,
    mdx_configs: dict,
    real_pdfs: bool,
    timed: Timer | None = None,
    reuse: Reuse | None = None,
) -> SiteFiles:
    """Every generated file, and the pages the menu lists under another; `timed(stage)` measures a stage.

    Real PDFs come from the project's PDF cache where their input did not change (generator/pdf/cache.py);
    in the preview, pages and workbooks whose inputs did not change from its last build (`reuse`).
    """
    timed = timed or (lambda stage: contextlib.nullcontext())
    # Paused only here: the PDF workers start as copies of this process, collector state and all.
    with timed("generate"), collector_paused():
        lookups = lookups_for(project, build_date(), reuse)  # one set for the pages and the PDFs
        pages = generate_pages(root, lookups)
    files: list[tuple[str, str | bytes]] = [(page.path, page.content) for page in pages]
    with timed("pdf"):
        if real_pdfs:
            jobs = pdf_jobs(root, build_documents(lookups), markdown_extensions, mdx_configs)
            files += sorted(render_pdfs(jobs, cache=PdfCache(root / CACHE_DIR)).items())
        else:
            files += [(path, placeholder_pdf()) for path in pdf_paths(project)]
    files += guide_files(root)
    # The plan check, for the plan builder; the command line runs the same file (plancheck.py).
    files.append((PLAN_CHECK_SCRIPT, plancheck.SCRIPT.read_text(encoding="utf-8")))
    return SiteFiles(files, menu_sections(pages))


def guide_files(root: Path) -> list[tuple[str, str]]:
    """The author guide (docs/) under handleiding/ of the site."""
    guide = root / GUIDE_DIR
    sources = sorted(guide.rglob("*.md")) if guide.is_dir() else []
    return [(f"{GUIDE_URL_PREFIX}/{s.relative_to(guide).as_posix()}", s.read_text(encoding="utf-8")) for s in sources]


@functools.cache
def placeholder_pdf() -> bytes:
    # A ready-made one-page PDF that says the real one comes from `regioplan build`.
    return (Path(__file__).parent / "placeholder.pdf").read_bytes()
