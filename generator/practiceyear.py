"""A practice's MTVP years and the calendar: which year of the programme a column of the form is.

A practice's MTVP year 1 starts in the quarter in which it joined ("2024-K1"); each MTVP year is
twelve months from there. Regions count their form's columns one of two ways (the region
file's `praktijkplan.jaarkolommen`):

- per MTVP year ("mtvp-jaar"): column n is the practice's year n; the calendar months it covers
  follow from the start quarter ("2024" for a start on 1 January, "apr 2024 – mrt 2025" for
  one on 1 April);
- per calendar year ("kalenderjaar"): a column per year of the plan's period; calendar year Y
  is MTVP year Y − start year + 1, the way a region that moved to a calendar-year cycle counts
  (Eemland: 2026 is "jaar 4" for the practices that began in 2023).

The plan file keeps choices per MTVP year (the rules are per MTVP year); these functions turn
that into the labels a practice recognises. `planbouwer.js` has the same arithmetic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SHORT_MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]
_QUARTER = re.compile(r"^(\d{4})-K([1-4])$")


@dataclass(frozen=True)
class Start:
    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str | None) -> Start | None:
        match = _QUARTER.match(text or "")
        return cls(int(match[1]), int(match[2])) if match else None

    def mtvp_year(self, calendar_year: int) -> int:
        """The MTVP year a calendar year counts as (0 or less: before the practice began)."""
        return calendar_year - self.year + 1

    def calendar_year(self, mtvp_year: int) -> int:
        return self.year + mtvp_year - 1

    def span(self, mtvp_year: int) -> str:
        """The months of an MTVP year: '2024', or 'apr 2024 – mrt 2025' after a later start."""
        first = self.calendar_year(mtvp_year)
        if self.quarter == 1:
            return str(first)
        month = (self.quarter - 1) * 3
        return f"{SHORT_MONTHS[month]} {first} – {SHORT_MONTHS[month - 1]} {first + 1}"


def quarter_label(text: str) -> str:
    """'2024-K2' -> '2e kwartaal 2024 (vanaf 1 april)'."""
    start = Start.parse(text)
    if start is None:
        return text
    months = ["januari", "april", "juli", "oktober"]
    return f"{start.quarter}e kwartaal {start.year} (vanaf 1 {months[start.quarter - 1]})"


def year_label(calendar: dict, start: Start | None, year: int) -> str:
    """'2026 · MTVP-jaar 3 (overgangsjaar)', or 'MTVP-jaar 3' while the start is not known.

    `calendar` is the "kalender" block of a region's plan rules (planrules.py); the plan
    builder's yearLabel says the same.
    """
    if start is None:
        return f"MTVP-jaar {year}"
    in_calendar = start.calendar_year(year)
    label = f"{in_calendar if calendar['per_kalenderjaar'] else start.span(year)} · MTVP-jaar {year}"
    transition = calendar["overgangsjaar"]
    if calendar["per_kalenderjaar"] and transition and in_calendar == transition["jaar"]:
        label += " (overgangsjaar)"
    if calendar["per_kalenderjaar"] and in_calendar < calendar["planjaren"][0]:
        label += " (vóór dit plan)"
    return label
