"""`regioplan export DIR`: the whole site as a plain project, for any MkDocs-compatible engine.

MkDocs 1.x has had its last release and Material is in maintenance; engines that follow them
(Zensical) ignore MkDocs plugins, so the pages our plugin adds in memory would be missing there.
The export writes everything the plugin adds as ordinary files next to the hand-written pages,
and a `mkdocs.yml` without the plugin: MkDocs, ProperDocs and Zensical build it as it is.

What only the plugin can do is left out, and the guide says so: the search index (made by one
command after the engine's build, generator/engine/search.py) does not get the spelled-out
abbreviations, and pages do not link the news feed in their head (the feed itself is
exported). Everything else is in the files; the abbreviations that every page explains are in
the exported mkdocs.yml, as the `glossary` of Markdown's `abbr` extension.

The export is written beside DIR and swapped in only when complete, like `regioplan build`, and only
into a folder that `outputs.checked_target` allows.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from generator.data.project import load_project
from generator.engine.build import CONFIG_FILE, mkdocs_config
from generator.engine.outputs import checked_target, replaced
from generator.engine.plugin import list_regions_in_nav, list_subpages_in_nav
from generator.engine.search import INDEX_COMMAND
from generator.engine.sitefiles import refuse_bad_links, site_files
from generator.errors import DataError, Diagnostic, Position
from generator.site.glossary import with_glossary

EXPORT_DOCS = "docs"
HEADER = (
    "# Made by `regioplan export` from the project's mkdocs.yml: every generated page is a file under docs/,\n"
    "# so MkDocs, ProperDocs or Zensical build this folder without the regioplan plugin.\n"
    f"# The search needs its index, made after the build: {INDEX_COMMAND}\n"
)


def export_project(root: Path, target: Path, real_pdfs: bool = True) -> Path:
    """Write the plain project to `target`; raises DataError on bad data, leaving `target` as it was."""
    root = Path(root)
    config = mkdocs_config(root)
    folder = checked_target(root, target if target.is_absolute() else Path.cwd() / target, Path(config.docs_dir))
    refuse_bad_links(root, Path(config.docs_dir))
    project = load_project(root)
    # The abbreviations as the plugin gives them: the PDFs then equal (and share a cache with) the build's.
    extension_configs = with_glossary(config.mdx_configs, project.glossary)
    with replaced(folder) as staging:
        docs = staging / EXPORT_DOCS
        shutil.copytree(config.docs_dir, docs)
        theme = theme_folder(root)
        if theme:  # the theme overrides (the escaped page title), at the same place beside mkdocs.yml
            shutil.copytree(root / theme, staging / theme)
        generated = site_files(root, project, config.markdown_extensions, extension_configs, real_pdfs)
        for path, content in generated.files:
            destination = docs / path
            if destination.exists():
                problem = f"{path} staat al in {Path(config.docs_dir).name}/ en wordt ook gegenereerd; hernoem de pagina in {Path(config.docs_dir).name}/"
                raise DataError([Diagnostic(Position(CONFIG_FILE), "E304", problem)])
            destination.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(content, bytes):
                destination.write_bytes(content)
            else:
                destination.write_text(content, encoding="utf-8")
        (staging / CONFIG_FILE).write_text(
            HEADER + plain_config(root, project, extension_configs["abbr"], generated.menu), encoding="utf-8"
        )
    return folder


def theme_folder(root: Path) -> str | None:
    """The project's theme `custom_dir`, relative to its mkdocs.yml."""
    settings = yaml.safe_load((root / CONFIG_FILE).read_text(encoding="utf-8"))
    theme = settings.get("theme")
    return theme.get("custom_dir") if isinstance(theme, dict) else None


def plain_config(root: Path, project, abbr: dict, menu: dict[str, list[tuple[str, str]]]) -> str:
    """The project's mkdocs.yml with the pages in docs/, the regions in the nav and no plugin of ours:
    the site as MkDocs builds it without our code (also the floor `regioplan bench` measures against)."""
    settings = yaml.safe_load((root / CONFIG_FILE).read_text(encoding="utf-8"))
    settings["docs_dir"] = EXPORT_DOCS
    settings["site_dir"] = "site"
    settings.pop("watch", None)  # folders of the source project, not of the export
    settings["plugins"] = [p for p in settings.get("plugins", []) if p != "regioplan" and not (isinstance(p, dict) and "regioplan" in p)]
    list_regions_in_nav(settings.get("nav"), project)
    list_subpages_in_nav(settings.get("nav"), menu)
    # What the plugin sets as it builds: the abbreviations for Markdown's `abbr` extension.
    settings["markdown_extensions"] = [
        {"abbr": abbr} if entry == "abbr" or (isinstance(entry, dict) and "abbr" in entry) else entry
        for entry in settings.get("markdown_extensions", [])
    ]
    return yaml.safe_dump(settings, allow_unicode=True, sort_keys=False, width=120)
