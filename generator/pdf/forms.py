"""The PDFs' form fields: Dutch tooltips, and filling a form with a saved plan's values."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

# The creator of a plan fill-plan filled in: the only PDF it replaces (the site's blank form says
# "regioplan", and a practice that fills that in by hand keeps it).
FILLED_CREATOR = "regioplan fill-plan"


def _fields(writer) -> Iterator:
    """Every field of a PDF's form, with the radio groups' and other parents' kids."""
    pending = list(writer._root_object["/AcroForm"]["/Fields"])
    while pending:
        field = pending.pop(0).get_object()
        yield field
        pending += list(field.get("/Kids", []))


def with_tooltips(data: bytes, tooltips: dict[str, str]) -> bytes:
    """Give every field its Dutch description as tooltip (/TU). WeasyPrint takes a field's
    <label> when it has one ('Akkoord', three times on one form); ours says what it is for."""
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(data))
    for field in _fields(writer):
        name = str(field.get("/T", ""))
        if name in tooltips:
            field[NameObject("/TU")] = TextStringObject(tooltips[name])
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _fits(field, text: str) -> bool:
    """Whether `text` fits a text field at its own font size without wrapping (pypdf wraps only at
    font size 0): each line within the width, estimated generously (an average DejaVu Sans
    character is about 0.55 em wide), and no more lines than the box holds (1.2 em apart)."""
    match = re.search(r"([\d.]+) Tf", str(field["/DA"]))
    size = float(match[1]) if match else 0
    if not size:
        return False
    x1, y1, x2, y2 = (float(v) for v in field["/Rect"])
    multiline = int(field.get("/Ff", 0)) & 4096
    lines = max(1, int((abs(y2 - y1) - 2) // (size * 1.2))) if multiline else 1
    paragraphs = text.splitlines() or [""]
    return len(paragraphs) <= lines and all(len(paragraph) * 0.55 * size <= abs(x2 - x1) - 4 for paragraph in paragraphs)


def fill(data: bytes, values: dict[str, str | bool], creator: str | None = None) -> bytes:
    """A form PDF with its fields set to `values` (text, or True/False for a checkbox).

    A checkbox is set to the 'on' state its own appearance has, so that viewers that draw
    appearances (poppler, pdf.js) show the tick; text fields get an appearance of their own.
    """
    from pypdf import PdfWriter
    from pypdf.generic import NameObject, TextStringObject

    writer = PdfWriter(clone_from=io.BytesIO(data))
    texts = {name: value for name, value in values.items() if isinstance(value, str)}
    for field in _fields(writer):
        # A text longer than its box at the form's font size gets font size 0 ("auto"): pypdf then
        # wraps it over the lines of a multi-line field and shrinks it until the whole text fits,
        # instead of cutting it off after one line. A text that fits keeps the form's size.
        name = str(field.get("/T", ""))
        if field.get("/FT") == "/Tx" and name in texts and "/DA" in field and not _fits(field, texts[name]):
            field[NameObject("/DA")] = TextStringObject(re.sub(r"[\d.]+ Tf", "0 Tf", str(field["/DA"])))
    for page in writer.pages:
        # Only the fields on this page: pypdf warns (in English, on the author's terminal) for a
        # page it is given no field of.
        on_page = {str(annotation.get_object().get("/T", "")) for annotation in page.get("/Annots", [])}
        mine = {name: value for name, value in texts.items() if name in on_page}
        if mine:
            writer.update_page_form_field_values(page, mine, auto_regenerate=False)
    for field in _fields(writer):
        name = str(field.get("/T", ""))
        if field.get("/FT") == "/Btn" and isinstance(values.get(name), bool):
            states = [state for state in field["/AP"]["/N"] if state != "/Off"]
            state = NameObject(states[0] if values[name] and states else "/Off")
            field[NameObject("/V")] = state
            field[NameObject("/AS")] = state
    if creator:
        writer.add_metadata({"/Creator": creator})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
