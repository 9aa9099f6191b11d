"""Stage 5, write: run MkDocs on the generated pages and publish the result atomically.

The site is built into a fresh folder beside the target and only swapped in when the whole
build succeeded, so a failed build never touches the site that is already published.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .errors import DataError, Diagnostic, Position
from .project import load_project

log = logging.getLogger(__name__)

CONFIG_FILE = "mkdocs.yml"


def mkdocs_config(root: Path, **overrides):
    config_file = root / CONFIG_FILE
    if not config_file.is_file():
        raise DataError([Diagnostic(Position(CONFIG_FILE), "E001", "mkdocs.yml ontbreekt in de projectmap")])
    return load_config(config_file=str(config_file), **overrides)


def configured(root: Path, pdfs: bool = True, **overrides):
    """MkDocs' configuration with our plugin told whether to render PDFs, and handed the
    project when it is already validated."""
    config = mkdocs_config(root, **overrides)
    plugin = config.plugins["regioplan"]
    plugin.config.pdf = "echt" if pdfs else "voorbeeld"
    return config, plugin


def build_site(root: Path, site_dir: Path | None = None, pdfs: bool = True) -> Path:
    """Validate, build with --strict into a temporary folder, then swap it into place.

    `pdfs=False` puts a placeholder where each PDF goes (quicker, for previews and tests that
    do not read the PDFs).
    """
    root = Path(root)
    project = load_project(root)  # fail fast, with every data error, before MkDocs starts
    target = Path(site_dir) if site_dir else root / "site"
    target = target if target.is_absolute() else root / target
    with staged(target) as staging:
        try:
            config, plugin = configured(root, pdfs, site_dir=str(staging), strict=True)
            plugin.preloaded = project
            build(config)
        except MkDocsException as exc:
            raise DataError([Diagnostic(Position(CONFIG_FILE), "E303", f"MkDocs kon de site niet bouwen: {exc}")]) from None
    return target


@contextlib.contextmanager
def staged(target: Path) -> Iterator[Path]:
    """A fresh folder beside `target` to write into; it replaces `target` only if the block succeeds."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}-new-", dir=target.parent))
    try:
        yield staging
        swap_into_place(staging, target)
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def swap_into_place(new: Path, target: Path) -> None:
    """Replace `target` by `new` with two renames on the same file system."""
    os.chmod(new, 0o755)  # mkdtemp makes the folder private; a site is meant to be read
    if target.exists():
        old = target.with_name(f".site-old-{os.getpid()}")
        os.replace(target, old)
        os.replace(new, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(new, target)


def serve_site(root: Path, dev_addr: str = "127.0.0.1:8000") -> None:
    """Preview with live reload; mkdocs.yml's `watch:` covers data, templates and the guide.

    The generator's own code is watched too, so a developer sees a change in it at once.
    """
    from mkdocs.commands.serve import serve

    load_project(root)  # report data errors plainly before the server starts
    package = Path(__file__).resolve().parent
    # Previews stay quick: the plugin learns in on_startup that it serves and uses placeholders.
    serve(config_file=str(root / CONFIG_FILE), dev_addr=dev_addr, livereload=True, watch=[str(package)])
