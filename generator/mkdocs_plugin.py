"""MkDocs plugin `regioplan`: adds the generated pages and the author guide as virtual files.

Pages are added with `File.generated` in `on_files` (as mkdocs-gen-files does), so nothing is
written into the docs folder; `mkdocs serve` would otherwise see its own output and rebuild
forever. It is a registered plugin rather than a `hooks:` file so that any project folder
(a region's own repository, a test fixture) can use it without a copy of this package.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.errors import DataError
from generator.pipeline import generate_pages

log = logging.getLogger("mkdocs.plugins.regioplan")

GUIDE_DIR = "docs"
GUIDE_URL_PREFIX = "handleiding"


class RegioplanPlugin(BasePlugin):
    def on_files(self, files: Files, config) -> Files:
        return add_generated_files(files, config)


def add_generated_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).parent
    try:
        pages = generate_pages(root)
    except DataError as error:
        # PluginError makes MkDocs stop with this message and no traceback.
        raise PluginError("de gegevens bevatten fouten:\n" + "\n".join(str(d) for d in error.diagnostics)) from None
    generated = [(page.path, page.content) for page in pages]
    guide = root / GUIDE_DIR
    for source in sorted(guide.rglob("*.md")) if guide.is_dir() else []:
        generated.append((f"{GUIDE_URL_PREFIX}/{source.relative_to(guide).as_posix()}", source.read_text(encoding="utf-8")))
    for path, content in generated:
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{path} bestaat al in content/ en wordt ook gegenereerd; hernoem de pagina in content/")
        files.append(File.generated(config, path, content=content))
    log.info("regioplan: %d pages generated", len(generated))
    return files
