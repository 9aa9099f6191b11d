"""Stage 4, render: page contexts through Jinja2 templates into Markdown text.

Escaping is the default, not a filter to remember: every `{{ value }}` goes through
`finalize`, which turns data text into inert Markdown (see `escape`). Only values our own code
builds from validated slugs (links, anchors) are marked `Markup` and pass unescaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import jinja2
from markupsafe import Markup

from .errors import DataError, Diagnostic, Position
from .escape import anchor, escape_block, escape_html, escape_inline

TEMPLATE_DIR = "site_templates"


def _finalize(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Markup):
        return value
    return escape_inline(value)


def environment(root: Path) -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(root / TEMPLATE_DIR),
        finalize=_finalize,
        autoescape=False,  # HTML autoescaping is wrong for Markdown; _finalize does our escaping
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["paragraphs"] = escape_block
    env.filters["anchor"] = anchor
    # Inside raw HTML blocks Markdown is not processed, so text is HTML-escaped instead.
    env.filters["html"] = escape_html
    return env


def render_pages(root: Path, contexts: Iterable) -> list[tuple[str, str]]:
    """Render every page context; template problems are reported with template and line."""
    env = environment(root)
    pages: list[tuple[str, str]] = []
    for page in contexts:
        if page.template is None:  # a ready-made file such as JSON data for a script
            pages.append((page.path, page.content))
            continue
        try:
            template = env.get_template(page.template)
            pages.append((page.path, template.render(page.context)))
        except jinja2.TemplateSyntaxError as exc:
            where = Position(f"{TEMPLATE_DIR}/{exc.name or page.template}", exc.lineno or 0, 1)
            raise DataError([Diagnostic(where, "E301", f"fout in sjabloon: {exc.message}")]) from None
        except jinja2.TemplateNotFound as exc:
            raise DataError([Diagnostic(Position(f"{TEMPLATE_DIR}/{exc.name}"), "E302", "sjabloon ontbreekt")]) from None
    return pages
