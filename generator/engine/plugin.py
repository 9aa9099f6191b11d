"""MkDocs plugin `regioplan`: adds the generated pages and the author guide as virtual files.

Pages are added with `File.generated` in `on_files` (as mkdocs-gen-files does), so nothing is
written into the docs folder; `mkdocs serve` would otherwise see its own output and rebuild
forever. It is a registered plugin rather than a `hooks:` file so that any project folder
(a region's own repository, a test fixture) can use it without a copy of this package.

The plugin owns its run, as Material's plugins do: whether it renders real PDFs is a config
option (`pdf`), the live preview learns in `on_startup` that it serves, and the loaded project
and the timings of a build live on the instance, never in module globals or the environment.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import threading
import time
from html import escape
from pathlib import Path
from typing import NoReturn

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from generator.addresses import GLOSSARY_PAGE, region_page
from generator.data.project import Project, load_project
from generator.dutch import alphabetical, plural
from generator.engine.search import SEARCH_FOLDER, index_site
from generator.engine.sitefiles import refuse_bad_links, site_files
from generator.errors import DataError, Diagnostic, Position
from generator.files import files_through_links
from generator.models import Glossary
from generator.site.contexts.feed import FEED_PATH, FEED_TITLE
from generator.site.glossary import Mentions, with_glossary
from generator.site.render import bytecode_cache
from generator.site.reuse import Reuse

log = logging.getLogger("mkdocs.plugins.regioplan")

REGIONS_INDEX = "regios/index.md"
# Up to this many regions the menu lists each one; above it only the regions page does. Every region
# page carries the list (200 regions: 41 KB of a 105 KB page), and a longer menu is not scanned.
REGIONS_IN_MENU = 50
# Data text is escaped for these extensions (generator/site/escape.py): without them a `<script>` or
# a `|` in a data file would be read as markup.
REQUIRED_EXTENSIONS = ("pymdownx.escapeall", "md_in_html", "tables", "attr_list")


class RegioplanConfig(base.Config):
    # "echt": WeasyPrint renders every region's PDFs; "voorbeeld": a placeholder each, for quick
    # previews and tests that do not read the PDFs. `regioplan serve` always uses placeholders.
    pdf = c.Choice(("echt", "voorbeeld"), default="echt")


class RegioplanPlugin(BasePlugin[RegioplanConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.dirty = False
        self.indexing: threading.Thread | None = None  # the preview's search index being made
        self.reuse: Reuse | None = None  # the preview's pages and workbooks of its last build (site/reuse.py)
        # The dirty preview's record of its last successful build: per generated file, a digest of
        # what it held and where it went; and what every page was rendered with (_rendering_salt).
        self.built: dict[str, tuple[str, str]] = {}
        self.built_salt = ""
        self.building: dict[str, tuple[str, str]] = {}  # the same, of the build under way
        self.building_salt = ""
        # A project `regioplan build` has just validated, so it is not loaded twice; used once.
        self.preloaded: Project | None = None
        self.failure: DataError | None = None  # what stopped the last build in our own stages
        # Set by `regioplan build` (engine/build.py, build_site), which reports `failure` itself: MkDocs' own
        # error line then only points to it, instead of printing every diagnostic twice.
        self.caller_reports = False
        # Seconds spent in our own stages during the last build, for `regioplan bench`.
        self.timings: dict[str, float] = {}
        # The abbreviations of the last loaded project (data/afkortingen.yml), for search.
        self.mentions = Mentions(Glossary(afkortingen=[]))
        # The files this build added, so that on_post_build can check each reached the site.
        self.generated: list[File] = []

    def on_startup(self, *, command, dirty) -> None:
        self.serving = command == "serve"
        self.reuse = Reuse() if self.serving else None
        # `regioplan serve` builds "dirty": MkDocs renders only the files that say they changed.
        self.dirty = dirty

    def on_config(self, config):
        missing = [name for name in REQUIRED_EXTENSIONS if name not in config.markdown_extensions]
        if missing:
            raise PluginError(
                f"mkdocs.yml mist de Markdown-uitbreiding(en) {', '.join(missing)}; zet ze onder markdown_extensions: "
                "zonder deze uitbreidingen is tekst uit de gegevens niet veilig"
            )
        try:  # before MkDocs lists the hand-written pages and Jinja the templates
            refuse_bad_links(Path(config.config_file_path).parent, Path(config.docs_dir))
        except DataError as error:
            self._stop(error)
        return config

    def _stop(self, error: DataError) -> NoReturn:
        """End the build on a problem in our own stages. PluginError makes MkDocs stop with its
        message and no traceback; `regioplan build` reports the diagnostics themselves
        (engine/build.py, build_site), so then MkDocs' line only points to them."""
        self.failure = error
        if self.caller_reports:
            raise PluginError("de gegevens bevatten fouten; zie hieronder")
        raise PluginError("de gegevens bevatten fouten:\n" + "\n".join(str(d) for d in error.diagnostics))

    def on_files(self, files: Files, config) -> Files:
        root = Path(config.config_file_path).parent
        if self.indexing is not None:  # the preview's last index is done before pages are written again
            self.indexing.join()
            self.indexing = None
        self.timings = {}
        self.failure = None
        try:
            with self._timed("load"):
                project, self.preloaded = self.preloaded or load_project(root), None
            # Every abbreviation is explained where it occurs (<abbr title>), on the pages (rendered
            # after on_files) and in the PDFs.
            config.mdx_configs.update(with_glossary(config.mdx_configs, project.glossary))
            real_pdfs = not self.serving and self.config.pdf == "echt"
            if self.reuse:
                self.reuse.next_build()
            generated = site_files(root, project, config.markdown_extensions, config.mdx_configs, real_pdfs, self._timed, self.reuse)
        except DataError as error:
            self._stop(error)
        if not self.dirty:  # see _outside_collections
            _outside_collections()
        self.mentions = Mentions(project.glossary)
        list_regions_in_nav(config.nav, project)
        list_subpages_in_nav(config.nav, generated.menu)

        self.generated = []
        docs = Path(config.docs_dir).name
        # In a dirty preview a generated file that holds what it held at the last successful build,
        # rendered with the same configuration, abbreviations, theme and code, is left as it is.
        self.building, self.building_salt = {}, _rendering_salt(config) if self.dirty else ""
        if self.dirty and self.building_salt != self.built_salt:
            _forget_hand_written_pages(files, Path(config.site_dir))
        # The search index is written into pagefind/ after the build: nothing of the author's may be there.
        for file in files:
            if file.dest_uri.startswith(SEARCH_FOLDER + "/"):
                problem = f"staat waar de bouw de zoekindex van de site schrijft ({SEARCH_FOLDER}/); hernoem de map in {docs}/"
                self._stop(DataError([Diagnostic(Position(f"{docs}/{file.src_uri}"), "E304", problem)]))
        # A hand-written page at the address of a generated one, under its own name or another
        # (content/zoeken/index.md and the generated zoeken.md are both zoeken/index.html).
        written_by_author = {file.dest_uri: file.src_uri for file in files}
        for path, content in generated.files:
            file = _GeneratedFile.generated(config, path, content=content)
            if self.dirty:
                digest = hashlib.sha256(
                    self.building_salt.encode() + (content if isinstance(content, bytes) else content.encode())
                ).hexdigest()
                self.building[path] = (digest, file.dest_uri)
                file.unchanged = self.built.get(path, ("", ""))[0] == digest
            theirs = written_by_author.get(file.dest_uri)
            if theirs:
                problem = f"staat in {docs}/ op de plaats van een pagina die uit de gegevens wordt gemaakt; hernoem of verwijder de pagina in {docs}/"
                self._stop(DataError([Diagnostic(Position(f"{docs}/{theirs}"), "E304", problem)]))
            files.append(file)
            self.generated.append(file)
        log.info("regioplan: %d pages generated", len(generated.files))
        return files

    def on_env(self, env, *, config, files: Files):
        # MkDocs makes the theme's Jinja environment afresh for every build, and with it compiles
        # Material's templates and ours in theme/ again (about 0.1 s of every build and preview
        # rebuild): they are kept compiled where our page templates are (render.py).
        env.bytecode_cache = bytecode_cache(Path(config.config_file_path).parent)
        return env

    def on_page_markdown(self, markdown: str, *, page, config, files: Files) -> str:
        # The theme loads the scripts a page names in its front matter (site_templates/theme/main.html):
        # only files of the site itself, so no page sends its readers to another host, and no value
        # can break out of the script tag.
        scripts = page.meta.get("scripts")
        if scripts is not None:
            wrong = not isinstance(scripts, list) or [s for s in scripts if not isinstance(s, str) or files.get_file_from_path(s) is None]
            if wrong:
                problem = (
                    "'scripts' in de kop van de pagina noemt iets anders dan scripts van de site zelf; "
                    "geef een lijst van paden van bestanden in de site, zoals [javascripts/vergelijk.js]"
                )
                self._stop_at_front_matter(page, config, "scripts", "E308", problem)
        # How search weighs the page (the theme's main.html, generator/engine/search.py): a weight Pagefind
        # takes, so that no page can silently drop out of search or rise above every other.
        search = page.meta.get("search")
        if search is not None and not _search_settings_are_valid(search):
            problem = (
                "'search' in de kop van de pagina kan alleen 'boost' (een getal van 0 tot en met 10; 1 is gewoon, "
                "0 zet de pagina achteraan) en 'exclude' (true of false) hebben"
            )
            self._stop_at_front_matter(page, config, "search", "E310", problem)
        return markdown

    def _stop_at_front_matter(self, page, config, key: str, code: str, problem: str) -> NoReturn:
        docs = Path(config.docs_dir).name
        source = page.file.content_string if page.file.generated_by else Path(page.file.abs_src_path).read_text(encoding="utf-8")
        line = next((n for n, text in enumerate(source.splitlines(), start=1) if text.startswith(f"{key}:")), 1)
        self._stop(DataError([Diagnostic(Position(f"{docs}/{page.file.src_uri}", line, 1), code, problem)]))

    def on_page_content(self, html: str, *, page, config, files: Files) -> str:
        # Search finds a page by either form of an abbreviation it mentions (generator/site/glossary.py);
        # the glossary page has both forms of every one.
        if page.file.src_uri == GLOSSARY_PAGE:
            return html
        with self._timed("search words"):
            return self.mentions.search_words(html) + html

    def on_post_page(self, output: str, *, page, config) -> str:
        # Every page points feed readers at the feed of new plan versions (contexts/feed.py).
        href = get_relative_url(FEED_PATH, page.url)
        link = f'<link rel="alternate" type="application/atom+xml" title="{FEED_TITLE}" href="{href}">'
        return output.replace("</head>", f"{link}\n</head>", 1)

    def on_build_error(self, *, error) -> None:
        _back_in_collections()

    def on_post_build(self, *, config) -> None:
        _back_in_collections()
        # A page we generated that is not in the site (excluded by a setting, or dropped by an
        # engine that ignores this plugin's files) would only show up as a dead link: fail instead.
        missing = [f.src_uri for f in self.generated if not Path(f.abs_dest_path).is_file()]
        if missing:
            pages = plural(len(missing), "gegenereerde pagina staat", "gegenereerde pagina's staan")
            raise PluginError(f"{pages} niet in de site ({', '.join(missing[:5])}); haal ze uit exclude_docs of draft_docs in mkdocs.yml")
        if self.dirty:
            self._forget_what_is_gone(Path(config.site_dir), {f.dest_uri for f in self.generated})
            self.built, self.built_salt = self.building, self.building_salt  # only now: this build succeeded
            self._index_beside_the_preview(Path(config.site_dir))
            return
        with self._timed("search index"):
            try:
                index_site(Path(config.site_dir))
            except DataError as error:
                self._stop(error)

    def _forget_what_is_gone(self, site: Path, made_now: set[str]) -> None:
        """Remove from the preview's folder what the last build generated and this one did not (the
        pages of a deleted region), so that it is neither served nor found by search."""
        for _, destination in self.built.values():
            if destination not in made_now:
                (site / destination).unlink(missing_ok=True)

    def _index_beside_the_preview(self, site: Path) -> None:
        """In the preview the search index is made after the pages are served, beside the server:
        an edit is served without waiting for it, and search follows a moment later."""

        def index() -> None:
            try:
                index_site(site)
            except DataError as error:
                log.warning("%s", error)

        self.indexing = threading.Thread(target=index, name="zoekindex", daemon=True)
        self.indexing.start()

    @contextlib.contextmanager
    def _timed(self, stage: str):
        started = time.perf_counter()
        try:
            yield
        finally:
            self.timings[stage] = self.timings.get(stage, 0.0) + time.perf_counter() - started


class _GeneratedFile(File):
    """A file the plugin made; in a dirty preview, one that holds what it held at the previous build
    says it is not modified, so MkDocs neither reads nor renders it again."""

    unchanged = False

    def is_modified(self) -> bool:
        return not self.unchanged and super().is_modified()


def _outside_collections() -> None:
    """The project and its pages live until the build ends: Python's cycle collector leaves them
    out of its passes while MkDocs renders (a full pass looks at every object alive; at 200 regions
    those passes went over our data nine times). Undone when the build ends or fails
    (_back_in_collections). Freezing keeps whatever is alive, garbage too: in a process that built
    before (bench, a program that embeds the build), the previous build's garbage is collected first,
    unless a full pass has run since that build ended. Not in a preview: it renders only the pages an
    edit changed, which leaves the collector few passes to skip."""
    if _full_passes_when_unfrozen == _full_passes():
        gc.collect()
    gc.freeze()


def _back_in_collections() -> None:
    global _full_passes_when_unfrozen
    gc.unfreeze()
    _full_passes_when_unfrozen = _full_passes()


def _full_passes() -> int:
    return gc.get_stats()[2]["collections"]


_full_passes_when_unfrozen: int | None = None  # None: no build of this process has ended frozen


def _rendering_salt(config) -> str:
    """What, besides a page's own Markdown, goes into every rendered page: mkdocs.yml, the menu (with
    its regions), the Markdown settings (with the abbreviations), the theme's overrides and this
    package's code."""
    parts = [Path(config.config_file_path).read_text(encoding="utf-8"), repr(config.nav), repr(config.mdx_configs)]
    folders = [Path(__file__).resolve().parents[1]]  # the whole generator package
    if config.theme.custom_dir:
        folders.append(Path(config.theme.custom_dir))
    for folder in folders:  # through linked folders, as the theme's templates are loaded
        parts += [f"{name}:{(folder / name).stat().st_mtime_ns}" for name in files_through_links(folder)]
    return "\n".join(parts)


def _forget_hand_written_pages(files: Files, site: Path) -> None:
    """In the preview's own folder, remove the rendered hand-written pages: MkDocs renders a page
    again only when its file is newer than the result, and what changed is not the file."""
    for file in files:
        if file.is_documentation_page() and not isinstance(file, _GeneratedFile):
            (site / file.dest_uri).unlink(missing_ok=True)


def _search_settings_are_valid(search: object) -> bool:
    if not isinstance(search, dict) or not set(search) <= {"boost", "exclude"}:
        return False
    boost, exclude = search.get("boost", 1), search.get("exclude", False)
    weight_ok = isinstance(boost, (int, float)) and not isinstance(boost, bool) and 0 <= boost <= 10
    return weight_ok and isinstance(exclude, bool)


def list_regions_in_nav(nav: list | None, project: Project) -> None:
    """Under "Regio's" in the navigation, a page per region: readers find their region in the menu.
    With more than REGIONS_IN_MENU regions the entry stays the regions page, which lists them all.

    The configured entry `"Regio's": regios/index.md` becomes a section with that page as its
    index and the regions after it. The navigation is built after `on_files`, so this is in time.
    A project whose nav has no such entry keeps its nav as it is.
    """
    if len(project.regions) > REGIONS_IN_MENU:
        return
    # Titles in the nav reach the page as HTML (Material does not escape them): escape data text.
    regions = [{escape(r.naam): region_page(r.id)} for r in sorted(project.regions.values(), key=lambda r: alphabetical(r.naam))]
    for entry in nav or []:
        if isinstance(entry, dict):
            for title, target in entry.items():
                if target == REGIONS_INDEX:
                    entry[title] = [REGIONS_INDEX, *regions]


def list_subpages_in_nav(nav: list | None, sections: dict[str, list[tuple[str, str]]]) -> None:
    """Under an entry of the navigation for a page that others belong to (the organisation
    comparison and its topics, the field reference and its files, the matrix and its parts), those
    pages: the entry becomes a section with that page as "Overzicht" and the others after it, so
    the menu shows where a reader is on each of them. Entries for other pages stay as they are."""
    for entry in nav or []:
        if not isinstance(entry, dict):
            continue
        for title, target in entry.items():
            if isinstance(target, list):
                list_subpages_in_nav(target, sections)
            elif target in sections:
                # Titles in the nav reach the page as HTML (Material does not escape them).
                entry[title] = [{"Overzicht": target}, *({escape(name): path} for name, path in sections[target])]
                list_subpages_in_nav(entry[title][1:], sections)  # pages that have parts of their own
