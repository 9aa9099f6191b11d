"""Stage 4, render: page contexts through Jinja2 templates into Markdown text.

Escaping is the default, not a filter to remember. In Markdown templates (`.md.j2`) every
`{{ value }}` goes through `finalize`, which turns data text into inert Markdown (see
`escape`); in HTML templates (`.html.j2`) Jinja's HTML autoescaping applies. Only values our
own code builds from validated slugs (links, anchors) are marked `Markup` and pass unescaped.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import re
from collections.abc import Iterable
from pathlib import Path

import jinja2
from markupsafe import Markup

from generator.data.projectdata import CACHE_ROOT
from generator.errors import DataError, Diagnostic, Position
from generator.files import files_through_links
from generator.site.compiled import ShippedFirst
from generator.site.escape import anchor, escape_block, escape_html, escape_inline
from generator.site.reuse import Reuse, reused_or_made

TEMPLATE_DIR = "site_templates"
MISSING_TEMPLATE = "sjabloon ontbreekt (of is geen bestand); zet het terug uit de sjablonen van deze versie van regioplan"


@jinja2.pass_eval_context
def _finalize(eval_ctx, value: object) -> object:
    if value is None:
        return ""
    if eval_ctx.autoescape or isinstance(value, Markup):
        return value  # HTML templates: Jinja's own HTML escaping applies after this
    return escape_inline(value)


def _is_html_template(name: str | None) -> bool:
    return bool(name) and name.endswith(".html.j2")


BYTECODE_CACHE_DIR = f"{CACHE_ROOT}/jinja"


def bytecode_cache(root: Path) -> jinja2.BytecodeCache | None:
    """Compiled templates kept between builds (keyed by the template's checksum, never stale)."""
    folder = root / BYTECODE_CACHE_DIR
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # no writable cache folder: compile every time
    return jinja2.FileSystemBytecodeCache(str(folder))


# A dict's own methods: `.items()` in a template still means the method, as in Jinja.
_DICT_METHODS = frozenset(dir(dict))


class _ContextEnvironment(jinja2.Environment):
    """Page contexts are dicts all the way down, so `{{ part.titel }}` is a key lookup. Jinja first
    asks a dict for a Python attribute of that name, and its AttributeError costs more than the
    lookup: at 200 regions half a million times, about 0.25 CPU-s of a build. The key is taken
    first instead; what a template gets is the same."""

    def getattr(self, obj: object, attribute: str) -> object:
        if type(obj) is dict and attribute not in _DICT_METHODS:
            try:
                return obj[attribute]
            except KeyError:
                pass  # Jinja's own way: an attribute, or StrictUndefined
        return super().getattr(obj, attribute)


class _TemplatesAsRead(jinja2.FileSystemLoader):
    """A project's templates, read once when the environment is made: every page rendered with it
    comes from the same texts, and `digest` names exactly those (what the preview keeps pages by,
    site/reuse.py, and the PDF cache its recipes). Listed through linked folders, as Jinja loads
    them (files.py: never a link back up). A template not listed (not UTF-8 text, or reached only
    through a second link to a folder already read) is read as Jinja reads it, with Jinja's own error."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.listed = files_through_links(folder)  # as loaded: through a linked folder too, each once
        self.texts: dict[str, tuple[str, str | None]] = {}  # name -> (source, file)
        for name in self.listed:
            with contextlib.suppress(jinja2.TemplateNotFound, OSError, UnicodeDecodeError):
                source, filename, _ = super().get_source(None, name)  # type: ignore[arg-type]
                self.texts[name] = (source, filename)

    def list_templates(self) -> list[str]:
        return self.listed

    def get_source(self, environment, template):
        if template in self.texts:
            source, filename = self.texts[template]
            return source, filename, lambda: True
        return super().get_source(environment, template)

    @functools.cached_property
    def digest(self) -> str:
        """Names and texts, written out so that no two different sets give the same bytes."""
        texts = sorted((name, source) for name, (source, _) in self.texts.items())
        # ASCII JSON: a name that is not UTF-8 (Python keeps its bytes as surrogates) is written too.
        return hashlib.blake2b(json.dumps(texts).encode("ascii")).hexdigest()


def environment(root: Path) -> jinja2.Environment:
    env = _ContextEnvironment(
        bytecode_cache=ShippedFirst(bytecode_cache(root)),  # compiled as the package carries them, else as kept
        loader=_TemplatesAsRead(root / TEMPLATE_DIR),
        finalize=_finalize,
        # .html.j2 templates (forms, PDF documents) get HTML escaping; .md.j2 templates get
        # Markdown escaping from _finalize. Both escape by default.
        autoescape=_is_html_template,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # one build never sees a template change; skip the stat per page
    )
    env.filters["paragraphs"] = escape_block
    env.filters["anchor"] = anchor
    # Inside raw HTML blocks Markdown is not processed, so text is HTML-escaped instead.
    env.filters["html"] = escape_html
    env.globals["bron"] = source_reference
    env.globals["afdruk"] = None  # a printed document's SourceNotes; None on the site
    return env


class SourceNotes:
    """A printed document's source references as numbered notes: the same reference gets the same
    number throughout, and the notes are listed once, at its end (generator/pdf/printing.py)."""

    def __init__(self) -> None:
        self.notes: list[Markup] = []  # Markdown, in order of their numbers

    def marker(self, source: Markup) -> Markup:
        if source not in self.notes:
            self.notes.append(source)
        number = self.notes.index(source) + 1
        return Markup(f'<sup class="noot"><a href="#noot-{number}">[{number}]</a></sup>')


class SourcePlaceError(jinja2.TemplateRuntimeError):
    """A template asked `bron` for a place it does not know."""


# Where a `bron(…)` stands in a template: on a line of its own (under a paragraph, list or heading),
# as a cell of a table's source column, or after the origin of a verdict.
SOURCE_PLACES = ("regel", "cel", "herkomst")


@jinja2.pass_context
def source_reference(context: jinja2.runtime.Context, refs: object, plaats: str = "regel") -> Markup:
    """Where something comes from, as a template writes it: `{{ bron(p.bron) }}`.

    One or more references (Markup from `Lookups.source`, or plain text, escaped here). The site
    writes them out ("*Bron:* …"); a printed document (the values' `afdruk`) numbers them as notes,
    and its print step joins a source line to the end of the paragraph or list above it.
    """
    if plaats not in SOURCE_PLACES:
        raise SourcePlaceError(f"bron(…, '{plaats}'): de plaats van een bron is regel, cel of herkomst")
    items = refs if isinstance(refs, list | tuple) else [refs]
    text = Markup("; ").join(item if isinstance(item, Markup) else Markup(escape_inline(item)) for item in items if item)
    notes: SourceNotes | None = context.get("afdruk")
    numbered = notes is not None and text not in ("", "–")  # "–": a table's empty cell, nothing to number
    if plaats == "cel":
        return notes.marker(text) if numbered else text
    if plaats == "herkomst":
        if not text:
            return Markup("")
        return Markup(" ") + notes.marker(text) if numbered else Markup("<br>bron: ") + text
    if numbered:
        return Markup("Bron: ") + notes.marker(text) + Markup("\n{: .bron-ref }")
    return Markup("*Bron:* ") + text


def render_pages(root: Path, contexts: Iterable, reuse: Reuse | None = None) -> list[tuple[str, str]]:
    """Render every page context; template problems are reported with template and line. With
    `reuse` (the preview), a page whose template files and values did not change is taken over."""
    env = environment(root)
    templates = env.loader.digest if reuse else ""  # the very texts this render uses
    pages: list[tuple[str, str]] = []
    for page in contexts:
        if page.template is None:  # a ready-made file such as JSON data for a script
            pages.append((page.path, page.content))
        else:
            pages.append((page.path, _rendered(env, page.template, page.context, reuse, templates)))
    return pages


def _rendered(env: jinja2.Environment, template: str, values: dict, reuse: Reuse | None, templates: str) -> str:
    return reused_or_made(reuse, (templates, template, values), lambda: render_template(env, template, values))


def render_template(env: jinja2.Environment, name: str, values: dict) -> str:
    """One template rendered; any problem in it (a project keeps its own copy of the templates,
    which may ask for a value no page gives after an update) is a DataError naming its line."""
    try:
        return env.get_template(name).render(values)
    except jinja2.TemplateSyntaxError as exc:
        where = Position(f"{TEMPLATE_DIR}/{exc.name or name}", exc.lineno or 0, 1)
        problem = f"fout in sjabloon: Jinja kan deze regel niet lezen; controleer de {{% %}} en {{{{ }}}} (Jinja meldt: {exc.message})"
        raise DataError([Diagnostic(where, "E301", problem)]) from None
    except jinja2.TemplateNotFound as exc:
        raise DataError([Diagnostic(Position(f"{TEMPLATE_DIR}/{exc.name}"), "E302", MISSING_TEMPLATE)]) from None
    except jinja2.UndefinedError as exc:  # at render time: a value the page does not give
        where = _template_line(env, exc, name)
        asked = re.findall(r"'([^']+)'", str(exc))
        value = asked[-1] if asked else str(exc)
        problem = (
            f"fout in sjabloon: '{value}' komt niet voor in wat deze pagina krijgt; haal het weg, "
            "of vergelijk het sjabloon met dat van deze versie van regioplan"
        )
        raise DataError([Diagnostic(where, "E301", problem)]) from None
    except SourcePlaceError as exc:
        raise DataError([Diagnostic(_template_line(env, exc, name), "E301", f"fout in sjabloon: {exc}")]) from None
    except Exception as exc:  # noqa: BLE001 (any other failure on a line of a project's template)
        problem = (
            f"fout in sjabloon: deze regel gaat mis bij het maken van de pagina ({type(exc).__name__}); "
            "vergelijk het sjabloon met dat van deze versie van regioplan"
        )
        raise DataError([Diagnostic(_template_line(env, exc, name), "E301", problem)]) from None


def _template_line(env: jinja2.Environment, exc: Exception, name: str) -> Position:
    """Where in which template the render stopped: Jinja gives the template's own file and line
    to the frames of its traceback (the innermost template wins, for an include)."""
    folders = [Path(f).resolve() for f in getattr(env.loader, "searchpath", [])]
    where = Position(f"{TEMPLATE_DIR}/{name}")
    frame = exc.__traceback__
    while frame is not None:
        filename = Path(frame.tb_frame.f_code.co_filename)
        for folder in folders:
            if filename.is_absolute() and filename.resolve().is_relative_to(folder):
                where = Position(f"{TEMPLATE_DIR}/{filename.resolve().relative_to(folder).as_posix()}", frame.tb_lineno, 1)
        frame = frame.tb_next
    return where
