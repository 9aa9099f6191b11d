"""A plan's place in time: running, ended, not yet begun, and whether it follows the newest leidraad.

Read as of a given day (the build date, which honours SOURCE_DATE_EPOCH), so that a plan that
ran until 2025 is shown as ended in 2026 and two builds of the same day stay identical.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from generator.data.project import Project
from generator.models import Leidraad, Region

PeriodStatus = Literal["loopt", "afgelopen", "nog niet begonnen", "einde niet vermeld", "begin niet vermeld", "niet vermeld"]


def newest_leidraad(project: Project) -> Leidraad:
    """The most recent version: the one valid for the latest year. Leidraad v3 asks every party to implement it."""
    return max(project.leidraden.values(), key=lambda v: (max(v.geldig_voor, default=0), v.versie))


def years(first: int | None, last: int | None) -> str:
    if first is None:
        return f"tot en met {last}" if last is not None else "niet vermeld"
    if last is None:
        return f"vanaf {first}"
    return str(first) if first == last else f"{first}–{last}"


@dataclass(frozen=True)
class PlanPeriod:
    status: PeriodStatus
    text: str  # one Dutch sentence for readers: the status with its dates
    older_leidraad: Leidraad | None  # the version the plan follows, when a newer one exists
    newest: Leidraad
    first: int | None
    last: int | None

    @property
    def ended(self) -> bool:
        return self.status == "afgelopen"

    @property
    def label(self) -> str:
        """A short label for tables: 'afgelopen (2023–2025)', 'loopt (2026–2027)'."""
        if self.status == "einde niet vermeld":
            return f"{years(self.first, None)}, einde niet vermeld"
        if self.status in ("begin niet vermeld", "niet vermeld"):
            return f"begin niet vermeld, tot en met {self.last}" if self.last else "niet vermeld"
        if self.first is None:
            return f"{self.status} (begin niet vermeld, tot en met {self.last})"
        return f"{self.status} ({years(self.first, self.last)})"


def plan_period(project: Project, region: Region, today: dt.date) -> PlanPeriod:
    plan = region.plan
    newest = newest_leidraad(project)
    followed = project.leidraden[plan.leidraad]
    older = followed if followed.id != newest.id else None
    span = years(plan.periode_van, plan.periode_tot)
    if plan.periode_tot is not None and plan.periode_tot < today.year:
        status, text = "afgelopen", f"Afgelopen: het plan liep {span.replace('–', ' tot en met ')}."
        if plan.periode_van is None:
            text = f"Afgelopen: het plan liep tot en met {plan.periode_tot}; het eerste jaar is niet vermeld."
    elif plan.periode_van is None and plan.periode_tot is None:
        status, text = "niet vermeld", "De bronnen noemen geen periode van het plan."
    elif plan.periode_van is None:
        status, text = "begin niet vermeld", f"Het plan loopt tot en met {plan.periode_tot}; het eerste jaar is niet vermeld."
    elif plan.periode_van > today.year:
        status, text = "nog niet begonnen", f"Nog niet begonnen: het plan begint in {plan.periode_van}."
    elif plan.periode_tot is None:
        status, text = "einde niet vermeld", f"Het plan loopt vanaf {plan.periode_van} en noemt geen einde."
    else:
        status, text = "loopt", f"Het plan loopt {span.replace('–', ' tot en met ')}."
    if plan.einde:
        text += f" Het plan noemt als einde: {plan.einde}."
    if older is not None:
        text += (
            f" Het volgt leidraad versie {older.versie} (voor {years(min(older.geldig_voor), max(older.geldig_voor))}); "
            f"de meest recente is versie {newest.versie} (voor {years(min(newest.geldig_voor), max(newest.geldig_voor))})."
        )
    return PlanPeriod(status, text, older, newest, plan.periode_van, plan.periode_tot)
