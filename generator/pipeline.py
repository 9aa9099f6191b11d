"""The generator as one pure function: project folder in, `(path, markdown)` pages out.

MkDocs calls it from a hook; any other engine (or a test, or `regioplan bench`) can call it
the same way and write the pages wherever it likes. Nothing here writes files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .contexts import build_contexts
from .project import Project, load_project
from .render import render_pages


@dataclass(frozen=True)
class Page:
    path: str  # relative to the docs folder, e.g. "interventies/triage-training.md"
    content: str  # Markdown for .md pages; other files (JSON for scripts) as they are


def generate_pages(root: Path, project: Project | None = None) -> list[Page]:
    """Load, validate, build contexts and render; raises DataError on bad input."""
    project = project if project is not None else load_project(root)
    return [Page(path, text) for path, text in render_pages(root, build_contexts(project))]
