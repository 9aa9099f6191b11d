"""Turning data text into inert Markdown.

Python-Markdown passes raw HTML through and gives meaning to dozens of punctuation marks, so
text from a data file is escaped in two ways: `& < >` become HTML entities, and every other
ASCII punctuation mark gets a backslash, which `pymdownx.escapeall` renders as the literal
character. A `<script>` typed into YAML reaches the page as text, and a `|` cannot cut a
table cell.
"""

from __future__ import annotations

import re
import string

from markupsafe import Markup

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPED = {c: _ENTITIES.get(c, "\\" + c) for c in string.punctuation}
_TRANSLATION = str.maketrans(_ESCAPED)
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def escape_inline(value: object) -> str:
    """Data text as one line of inert Markdown (newlines become spaces)."""
    text = " ".join(str(value).split())
    return text.translate(_TRANSLATION)


def escape_block(value: object) -> Markup:
    """Data text as inert Markdown paragraphs; a blank line in the data starts a new one."""
    paragraphs = re.split(r"\n\s*\n", str(value).strip())
    return Markup("\n\n".join(escape_inline(p) for p in paragraphs if p.strip()))


def anchor(value: str) -> Markup:
    """A heading id from a validated slug; refuses anything else rather than escape it."""
    if not _SLUG.fullmatch(value):
        raise ValueError(f"not a slug: {value!r}")
    return Markup(value)
