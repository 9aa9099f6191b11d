"""The generator as one pure function: a loaded project's lookups in, `(path, markdown)` pages out.

MkDocs calls it from a hook; any other engine (or a test, or `regioplan bench`) can call it
the same way and write the pages wherever it likes. Nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from generator.data.project import Project
from generator.site.contexts import Lookups, build_contexts
from generator.site.render import render_pages
from generator.site.reuse import Reuse


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "interventies/triage-training.md"
    content: str | bytes  # Markdown for .md pages; other files (JSON, CSV, workbooks) as they are
    menu: str | None = None  # its name in the menu, under the page of its folder (PageContext.menu)


def lookups_for(project: Project, today: dt.date, reuse: Reuse | None = None) -> Lookups:
    """The build's shared lookups; `today` is the day plans are read as of (the engine's build date,
    engine/build.py `build_date`); `reuse`, in the preview, what its last build made."""
    return Lookups(project, today, reuse)


def generate_pages(root: Path, lookups: Lookups) -> list[Page]:
    """Build contexts and render them with the project's templates; raises DataError on a template problem."""
    contexts = build_contexts(lookups)
    return [Page(path, text, page.menu) for page, (path, text) in zip(contexts, render_pages(root, contexts, lookups.reuse), strict=True)]


def menu_sections(pages: list[Page]) -> dict[str, list[tuple[str, str]]]:
    """Per page that others belong to, (name in the menu, path) of each of them, in their order."""
    sections: dict[str, list[tuple[str, str]]] = {}
    for page in pages:
        if page.menu:
            sections.setdefault(page.path.rsplit("/", 1)[0] + ".md", []).append((page.menu, page.path))
    return sections
