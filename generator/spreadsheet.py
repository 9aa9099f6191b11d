"""Tables (CSV) as a spreadsheet with Dutch settings opens them, and what each column holds.

A Dutch spreadsheet reads a CSV file as UTF-8 only when it starts with a byte-order mark (else as
the Windows code page: "Patiënt" becomes "PatiÃ«nt"), splits columns on the semicolon and reads
a decimal comma. Programs that want plain data read the JSON files beside the tables.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

from .escape import csv_cell

BYTE_ORDER_MARK = "\ufeff"
SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    name: str
    description: str  # for the open-data page and datapackage.json
    kind: str = "string"  # a Frictionless Data field type: string, number, integer


def decimal(value: float, places: int = 2) -> str:
    """3.2 -> '3,20': a decimal comma, no thousands separator (a spreadsheet reads it as a number)."""
    return f"{value:.{places}f}".replace(".", ",")


def table(columns: list[Column], rows: list[list]) -> str:
    buffer = io.StringIO()
    # CRLF ends a row, as RFC 4180 and spreadsheets expect; a line break inside a cell stays inside its quotes.
    writer = csv.writer(buffer, delimiter=SEPARATOR, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        assert len(row) == len(columns), (columns, row)
        # Text blocks end in a line break in YAML; in a cell it would only confuse a spreadsheet.
        writer.writerow([csv_cell(c.strip() if isinstance(c, str) else "" if c is None else c) for c in row])
    return BYTE_ORDER_MARK + buffer.getvalue()


def frictionless_fields(columns: list[Column]) -> list[dict]:
    """The columns as a Frictionless Data table schema (https://specs.frictionlessdata.io/table-schema/)."""
    return [
        {"name": c.name, "type": c.kind, "description": c.description, **({"decimalChar": ","} if c.kind == "number" else {})}
        for c in columns
    ]


DIALECT = {"delimiter": SEPARATOR, "lineTerminator": "\r\n", "header": True}
