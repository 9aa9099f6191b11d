"""Turning data text into inert Markdown.

Python-Markdown passes raw HTML through and gives meaning to dozens of punctuation marks, so
text from a data file is escaped in two ways: `& < >` become HTML entities, and every other
ASCII punctuation mark gets a backslash, which `pymdownx.escapeall` renders as the literal
character. A `<script>` typed into YAML reaches the page as text, and a `|` cannot cut a
table cell.
"""

from __future__ import annotations

import functools
import json
import re
import string

from markupsafe import Markup, escape

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_ESCAPED = {c: _ENTITIES.get(c, "\\" + c) for c in string.punctuation}
_TRANSLATION = str.maketrans(_ESCAPED)
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


# Line breaks and runs of ordinary spaces; a non-breaking space (between € and an amount) stays.
_SPACES = re.compile(r"[ \t\n\r\f\v]+")


def escape_inline(value: object) -> str:
    """Data text as one line of inert Markdown (newlines become spaces)."""
    return _escaped_line(str(value))


# The same names, labels and amounts come back on page after page (about 35,000 values and a
# tenth of that distinct at 50 regions), and translating to multi-character escapes is slow.
@functools.lru_cache(maxsize=1 << 16)
def _escaped_line(text: str) -> str:
    return _SPACES.sub(" ", text).strip(" ").translate(_TRANSLATION)


_ITEM = re.compile(r"^\s*- ")


def escape_block(value: object) -> Markup:
    """Data text as inert Markdown blocks.

    A blank line starts a new paragraph; lines starting with '- ' are list items (indented
    lines continue the item). Only this structure is ours: all text is escaped inline.
    """
    blocks = []
    for paragraph in re.split(r"\n\s*\n", str(value).strip()):
        lead: list[str] = []
        items: list[list[str]] = []
        for line in paragraph.splitlines():
            if _ITEM.match(line):
                items.append([_ITEM.sub("", line)])
            elif items:
                items[-1].append(line)
            else:
                lead.append(line)
        if any(part.strip() for part in lead):
            blocks.append(escape_inline(" ".join(lead)))
        if items:
            blocks.append("\n".join("- " + escape_inline(" ".join(item)) for item in items))
    return Markup("\n\n".join(blocks))


def anchor(value: str) -> Markup:
    """A heading id from a validated slug; refuses anything else rather than escape it."""
    if not _SLUG.fullmatch(value):
        raise ValueError(f"not a slug: {value!r}")
    return Markup(value)


def escape_html(value: object) -> Markup:
    """Data text for inside a raw HTML block, where Markdown is not processed."""
    return escape(" ".join(str(value).split()))


def script_json(data: object) -> Markup:
    """Data as JSON for a <script type="application/json"> element.

    '<' is written as \\u003c so that no text in the data can close the element.
    """
    return Markup(json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c"))


def script_data(name: str, data: object) -> str:
    """Data as a script file that sets `window.<name>`, for a page that loads it with <script src>
    (which, unlike fetching a JSON file, works when the site is opened from a folder).

    JSON is a JavaScript expression; written in ASCII, no character of the data (U+2028 included)
    can end the string it is in, whatever encoding the file is served as."""
    return f"window.{name} = {json.dumps(data, ensure_ascii=True, sort_keys=True, separators=(',', ':'))};\n"


def css_string(value: object) -> str:
    """Data text as a quoted CSS string: quotes, backslashes and '<' (no closing </style>) escaped."""
    text = " ".join(str(value).split())
    return '"' + "".join(f"\\{ord(c):x} " if c in '"\\<>' else c for c in text) + '"'


# A spreadsheet reads a cell that starts with one of these as a formula (OWASP, "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> object:
    """A value for a CSV cell that a spreadsheet shows as text: text that would start a formula gets
    a leading apostrophe, which spreadsheets hide; numbers and other text stay as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
