"""Tables as spreadsheets open them (CSV with Dutch settings, and Excel workbooks), and what each
column holds.

A Dutch spreadsheet reads a CSV file as UTF-8 only when it starts with a byte-order mark (else as
the Windows code page: "Patiënt" becomes "PatiÃ«nt"), splits columns on the semicolon and reads
a decimal comma. A workbook (.xlsx) opens the same whatever the settings, with amounts as numbers.
Programs that want plain data read the JSON files beside the tables.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from decimal import Decimal

import xlsxwriter

from generator.site.escape import csv_cell

BYTE_ORDER_MARK = "\ufeff"
SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str  # the CSV header and the field name in datapackage.json
    description: str  # for the open-data page, datapackage.json and the workbook
    kind: str = "string"  # a Frictionless Data field type: string, number, integer
    title: str = ""  # the workbook's header, for people; by default the name in words

    @property
    def heading(self) -> str:
        """'regio_id' -> 'Regio (korte naam)', 'minimale_eis' -> 'Minimale eis'."""
        if self.title:
            return self.title
        words = "korte naam" if self.name == "id" else self.name.removesuffix("_id").replace("_", " ")
        words += " (korte naam)" if self.name.endswith("_id") else ""
        return words[0].upper() + words[1:]


def decimal(value: float, places: int = 2) -> str:
    """3.2 -> '3,20', 2.885 -> '2,885': a decimal comma, no thousands separator (a spreadsheet reads
    it as a number), at least `places` decimals and every further one the value has."""
    given = -Decimal(repr(value)).as_tuple().exponent
    return f"{value:.{max(places, given)}f}".replace(".", ",")


def _plain(value):
    # Text blocks end in a line break in YAML; in a cell it would only confuse a spreadsheet.
    return value.strip() if isinstance(value, str) else value


def table(columns: list[Column], rows: list[list]) -> str:
    """The rows as CSV text with a Dutch spreadsheet's settings (numbers with a decimal comma)."""
    buffer = io.StringIO()
    # CRLF ends a row, as RFC 4180 and spreadsheets expect; a line break inside a cell stays inside its quotes.
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        assert len(row) == len(columns), (columns, row)
        cells = []
        for column, value in zip(columns, map(_plain, row), strict=True):
            if value is None:
                cells.append("")
            elif column.kind == "number":
                cells.append(decimal(value))
            else:
                cells.append(csv_cell(value))
        writer.writerow(cells)
    return BYTE_ORDER_MARK + buffer.getvalue()


# Excel keeps at most this many characters in a cell; longer text is cut with a note that says where it is whole.
CELL_LIMIT = 32_767
WIDEST = 60  # characters: wider columns wrap their text


def workbook(columns: list[Column], rows: list[list], about: list[tuple[str, str]], made: dt.date, whole_in: str) -> bytes:
    """The rows as an Excel workbook: a sheet "Gegevens" with a header that stays in view and filter
    buttons, and a sheet "Toelichting" with `about` (label, text) and what every column holds.

    Every text is written as text, so nothing in the data becomes a formula or a link; the same
    rows give the same bytes (the file's date is `made`, its parts dated 1980 by XlsxWriter)."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties({"created": dt.datetime.combine(made, dt.time(), dt.UTC), "title": about[0][1]})
    bold = book.add_format({"bold": True})
    wrapped = book.add_format({"text_wrap": True, "valign": "top"})
    # Cents always, and every further decimal the source gives (2,885 is not shown as 2,89).
    amount = book.add_format({"num_format": "0.00####", "valign": "top"})
    top = book.add_format({"valign": "top"})
    cut_note = f" … [ingekort: de volledige tekst staat in {whole_in}]"

    def text(value) -> str:
        value = str(value)
        return value if len(value) <= CELL_LIMIT else value[: CELL_LIMIT - len(cut_note)] + cut_note

    data = book.add_worksheet("Gegevens")
    widths = [len(c.heading) for c in columns]
    for x, column in enumerate(columns):
        data.write_string(0, x, column.heading, bold)
    for y, row in enumerate(rows, start=1):
        for x, (column, value) in enumerate(zip(columns, map(_plain, row), strict=True)):
            if value is None or value == "":
                continue
            if column.kind in ("number", "integer") and isinstance(value, (int, float)) and not isinstance(value, bool):
                data.write_number(y, x, value, amount if column.kind == "number" else top)
                widths[x] = max(widths[x], len(str(value)))
            else:
                data.write_string(y, x, text(value), wrapped)
                widths[x] = max(widths[x], *map(len, str(value).splitlines()))
    for x, width in enumerate(widths):
        data.set_column(x, x, min(width, WIDEST) + 2)
    data.freeze_panes(1, 0)
    data.autofilter(0, 0, max(len(rows), 1), len(columns) - 1)

    notes = book.add_worksheet("Toelichting")
    notes.set_column(0, 0, 24)
    notes.set_column(1, 1, 90)
    for y, (label, words) in enumerate(about):
        notes.write_string(y, 0, label, bold)
        notes.write_string(y, 1, text(words), wrapped)
    header = len(about) + 1  # after an empty line
    notes.write_string(header, 0, "Kolom", bold)
    notes.write_string(header, 1, "Wat erin staat", bold)
    for y, column in enumerate(columns, start=header + 1):
        notes.write_string(y, 0, column.heading, top)
        notes.write_string(y, 1, column.description, wrapped)
    book.close()
    return buffer.getvalue()


def frictionless_fields(columns: list[Column]) -> list[dict]:
    """The columns as a Frictionless Data table schema (https://specs.frictionlessdata.io/table-schema/)."""
    return [
        {
            "name": c.name,
            "title": c.heading,
            "type": c.kind,
            "description": c.description,
            **({"decimalChar": ","} if c.kind == "number" else {}),
        }
        for c in columns
    ]


DIALECT = {"delimiter": SEPARATOR, "lineTerminator": "\r\n", "header": True}
