"""The generator as one pure function: project folder in, `(path, markdown)` pages out.

MkDocs calls it from a hook; any other engine (or a test, or `regioplan bench`) can call it
the same way and write the pages wherever it likes. Nothing here writes files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import get_build_datetime

from .contexts import build_contexts
from .project import Project, load_project
from .render import render_pages


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "interventies/triage-training.md"
    content: str  # Markdown for .md pages; other files (JSON for scripts) as they are


def build_date() -> dt.date:
    """The day the site describes: today, or SOURCE_DATE_EPOCH's day for reproducible builds."""
    return get_build_datetime().date()


def generate_pages(root: Path, project: Project | None = None, today: dt.date | None = None) -> list[Page]:
    """Load, validate, build contexts and render; raises DataError on bad input.

    `today` is the day plans are read as of (ended or running); the build date by default.
    """
    project = project if project is not None else load_project(root)
    contexts = build_contexts(project, today or build_date())
    return [Page(path, text) for path, text in render_pages(root, contexts)]
