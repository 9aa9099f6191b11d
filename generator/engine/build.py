"""The engine's build: run MkDocs on the generated pages and publish the result atomically.

The site is built into a fresh folder beside the target and only swapped in when the whole
build succeeded, so a failed build never touches the site that is already published; which
folders a build may replace, and how, is `outputs`'.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import logging
import sys
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException
from mkdocs.utils import get_build_datetime

from generator.data.project import load_project
from generator.engine.outputs import checked_target, replaced
from generator.errors import DataError, Diagnostic, Position

log = logging.getLogger(__name__)

CONFIG_FILE = "mkdocs.yml"


def build_date() -> dt.date:
    """The day the site describes: today, or SOURCE_DATE_EPOCH's day for reproducible builds (as
    MkDocs reads it for the pages' dates)."""
    return get_build_datetime().date()


def mkdocs_config(root: Path, **overrides):
    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        raise DataError([Diagnostic(Position(CONFIG_FILE), "E001", "mkdocs.yml ontbreekt in de projectmap")])
    return load_config(config_file=str(config_file), **overrides)


def configured(root: Path, pdfs: bool = True, **overrides):
    """MkDocs' configuration for a build (not a preview), with our plugin told whether to render PDFs."""
    config = mkdocs_config(root, **overrides)
    # MkDocs keeps one instance of our plugin for the whole process (it has on_startup), so a
    # preview earlier in this process (tests, `regioplan bench`) would have left it serving, with
    # placeholder PDFs. Say that this is a build, as `mkdocs build` does.
    config.plugins.on_startup(command="build", dirty=False)
    plugin = config.plugins["regioplan"]
    plugin.config.pdf = "echt" if pdfs else "voorbeeld"
    return config, plugin


def build_site(root: Path, site_dir: Path | None = None, pdfs: bool = True, project=None) -> Path:
    """Validate, build with --strict into a temporary folder, then swap it into place.

    `site_dir` (default site/ in the project; relative to the project) must be a folder this
    command may replace (`outputs.checked_target`). `pdfs=False` puts a placeholder where each
    PDF goes (quicker, for previews and tests that do not read the PDFs). A `project` already
    loaded (by the command, for its warnings) is used as it is.
    """
    root = Path(root)
    target = Path(site_dir) if site_dir else Path("site")
    target = target if target.is_absolute() else root / target
    config = mkdocs_config(root, strict=True)
    folder = checked_target(root, target, Path(config.docs_dir))
    project = project or load_project(root)  # fail fast, with every data error, before MkDocs starts
    with replaced(folder) as staging:
        plugin = None
        try:
            config, plugin = configured(root, pdfs, site_dir=str(staging), strict=True)
            plugin.preloaded = project
            plugin.caller_reports = True
            build(config)
        except MkDocsException as exc:
            if failure := getattr(plugin, "failure", None):  # our own stage failed: say what, not that MkDocs stopped
                raise failure from None
            raise DataError([Diagnostic(Position(CONFIG_FILE), "E303", f"MkDocs kon de site niet bouwen: {exc}")]) from None
    return target


def serve_site(root: Path, dev_addr: str = "127.0.0.1:8000") -> None:
    """Preview with live reload; mkdocs.yml's `watch:` covers data, templates and the guide.

    The generator's own package is watched too; a change to its Python code rebuilds, but that code
    takes effect only when the preview is started again (a running process does not import it anew).
    """
    from mkdocs.commands.serve import serve

    load_project(root)  # report data errors plainly before the server starts
    package = Path(__file__).resolve().parents[1]  # the whole generator package
    # Previews stay quick: the plugin learns in on_startup that it serves and uses placeholders, and
    # builds "dirty": after an edit MkDocs renders only the pages whose text changed (the plugin
    # tells it which, plugin._GeneratedFile).
    for name in ("mkdocs.commands.build", "mkdocs.livereload"):
        logging.getLogger(name).addFilter(PreviewLogInDutch())
    log.info("Voorvertoning: na een wijziging worden alleen de pagina's opnieuw gemaakt waarvan de tekst veranderde.")
    with contextlib.redirect_stderr(_WithoutLine(sys.stderr, "Aborted with a BuildError!")):
        serve(config_file=str(root / CONFIG_FILE), dev_addr=dev_addr, livereload=True, build_type="dirty", watch=[str(package)])


class PreviewLogInDutch(logging.Filter):
    """MkDocs' own lines around a preview rebuild, said in Dutch or left out: its warning about
    dirty builds (stale menus in hand-written sites) does not apply here, as the menu is part of
    what is compared; after a failed rebuild it names the page in English and says the server
    "will appear stuck"."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "'dirty' build" in message:
            return False
        if message.startswith(("Error reading page '", "Error building page '")):
            record.msg, record.args = f"Fout in de pagina '{message.split(chr(39))[1]}':", ()
        elif "An error happened during the rebuild" in message:  # after the time, "[12:00:00] "
            record.msg, record.args = message.split("An error happened")[0] + REBUILD_FAILED, ()
        return True


REBUILD_FAILED = "De voorvertoning toont de vorige versie tot de fout hierboven is hersteld; daarna ververst ze vanzelf."


class _WithoutLine(io.TextIOBase):
    """A text stream that passes on everything but one line: MkDocs prints "Aborted with a
    BuildError!" itself when a preview rebuild fails, after our Dutch report of why."""

    def __init__(self, stream, line: str) -> None:
        self.stream, self.line, self.dropped = stream, line, False

    def write(self, text: str) -> int:
        if text == self.line or (self.dropped and text == "\n"):
            self.dropped = text == self.line
            return len(text)
        self.dropped = False
        return self.stream.write(text)

    def flush(self) -> None:
        self.stream.flush()
