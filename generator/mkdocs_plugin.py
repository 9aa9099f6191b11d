"""MkDocs plugin `regioplan`: adds the generated pages and the author guide as virtual files.

Pages are added with `File.generated` in `on_files` (as mkdocs-gen-files does), so nothing is
written into the docs folder; `mkdocs serve` would otherwise see its own output and rebuild
forever. It is a registered plugin rather than a `hooks:` file so that any project folder
(a region's own repository, a test fixture) can use it without a copy of this package.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import os
import time
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.errors import DataError
from generator.pdf import pdf_jobs, pdf_paths, render_pdfs
from generator.pipeline import generate_pages
from generator.project import load_project

log = logging.getLogger("mkdocs.plugins.regioplan")

GUIDE_DIR = "docs"
GUIDE_URL_PREFIX = "handleiding"
# Set to "0" to skip real PDF rendering (the live preview does, to stay quick).
PDF_SWITCH = "REGIOPLAN_PDF"


class RegioplanPlugin(BasePlugin):
    def on_files(self, files: Files, config) -> Files:
        return add_generated_files(files, config)


def add_generated_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).parent
    TIMINGS.clear()
    try:
        with _timed("load"):
            project = load_project(root)
        with _timed("generate"):
            pages = generate_pages(root, project)
    except DataError as error:
        # PluginError makes MkDocs stop with this message and no traceback.
        raise PluginError("de gegevens bevatten fouten:\n" + "\n".join(str(d) for d in error.diagnostics)) from None
    generated: list[tuple[str, str | bytes]] = [(page.path, page.content) for page in pages]
    with _timed("pdf"):
        generated += _pdfs(root, project, {page.path: page.content for page in pages}, config)
    guide = root / GUIDE_DIR
    for source in sorted(guide.rglob("*.md")) if guide.is_dir() else []:
        generated.append((f"{GUIDE_URL_PREFIX}/{source.relative_to(guide).as_posix()}", source.read_text(encoding="utf-8")))
    for path, content in generated:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{path} bestaat al in content/ en wordt ook gegenereerd; hernoem de pagina in content/")
        files.append(File.generated(config, path, content=content))
    log.info("regioplan: %d pages generated", len(generated))
    return files


def _pdfs(root: Path, project, pages: dict[str, str], config) -> list[tuple[str, bytes]]:
    """The regions' PDFs; with REGIOPLAN_PDF=0 (live preview, some tests) a placeholder each."""
    if os.environ.get(PDF_SWITCH) == "0":
        return [(path, _placeholder()) for path in pdf_paths(project)]
    jobs = pdf_jobs(root, project, pages, config.markdown_extensions, config.mdx_configs)
    return sorted(render_pdfs(jobs).items())


# Seconds spent in our own stages during the last build, for `regioplan bench`.
TIMINGS: dict[str, float] = {}


@contextlib.contextmanager
def _timed(stage: str):
    started = time.perf_counter()
    try:
        yield
    finally:
        TIMINGS[stage] = TIMINGS.get(stage, 0.0) + time.perf_counter() - started


@functools.cache
def _placeholder() -> bytes:
    # A ready-made one-page PDF that says the real one comes from `regioplan build`.
    return (Path(__file__).parent / "placeholder.pdf").read_bytes()
