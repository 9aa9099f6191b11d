"""A region's dated deadlines and events as an iCalendar file (regios/<id>/agenda-<id>.ics).

A practice adds it to its calendar program to see the region's dates where it plans its work.
Only moments the plan dates exactly are in it; "april 2027" or "binnen drie maanden" are not. A
deadline ("Vóór 20 maart", `deadline: true` in the data) is a to-do due at the start of that
day, not an event on it; a dated moment is an all-day event. Each item keeps the plan's own words
and its source. Identifiers and time stamps come from the data, so the file is the same on every
build and a calendar that subscribed to it updates items instead of doubling them.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import Counter

import icalendar

from generator.dutch import dutch_date, plural
from generator.models import Milestone, Region

from .base import PageBuilder, PageContext, moment_words

NAMESPACE = uuid.UUID("0b8c5d0e-7f3a-5c2e-8d41-9a6e2b7c4f10")


def calendar_path(region_id: str) -> str:
    return f"regios/{region_id}/agenda-{region_id}.ics"


class CalendarPages(PageBuilder):
    def all(self) -> list[PageContext]:
        return [PageContext(calendar_path(r.id), None, content=self.calendar(r)) for r in self.lookups.regions if dated(r)]

    def calendar(self, region: Region) -> str:
        cal = icalendar.Calendar()
        cal.add("prodid", "-//MTVP-handboek//regioplan//NL")
        cal.add("version", "2.0")
        cal.add("calscale", "GREGORIAN")
        cal.add("x-wr-calname", f"MTVP {region.naam}")
        # When the items were written down: the plan's date, else the latest date in it.
        stamp = region.plan.datum or max(m.datum for m in dated(region))
        seen: Counter = Counter()
        for moment in dated(region):
            item = icalendar.Todo() if moment.deadline else icalendar.Event()
            # The same across builds, so a subscribed calendar updates an item instead of adding it
            # again; a second moment with the same day and words gets its own (a calendar program
            # would keep only one of two items with one UID).
            key = f"{region.id}/{moment.datum.isoformat()}/{moment.wanneer}"
            seen[key] += 1
            key += f"/{seen[key]}" if seen[key] > 1 else ""
            item.add("uid", f"{uuid.uuid5(NAMESPACE, key)}@mtvp-handboek")
            item.add("dtstamp", dt.datetime.combine(stamp, dt.time(0, 0), tzinfo=dt.UTC))
            what = " ".join(moment.wat.split())  # one line: calendar programs show the summary as a title
            item.add("summary", f"{moment_words(moment)}: {what}" if moment.deadline else what)
            source = self.lookups.plain_source(moment.bron)
            item.add("description", f"Regioplan {region.naam}, zoals het plan het zegt: {moment_words(moment)}. Bron: {source}.")
            if moment.deadline:
                # Floating midnight: "vóór 20 maart" is due when 20 March begins, wherever the reader is.
                item.add("due", dt.datetime.combine(moment.datum, dt.time(0, 0)))
            else:
                item.add("dtstart", moment.datum)
                item.add("dtend", moment.datum + dt.timedelta(days=1))
            cal.add_component(item)
        return cal.to_ical().decode("utf-8")


def dated(region: Region) -> list[Milestone]:
    return [m for m in region.tijdlijn if m.datum]


def calendar_label(region: Region) -> str:
    """How the region page names the file: how many dates, up to which day."""
    moments = dated(region)
    deadlines = sum(m.deadline for m in moments)
    last = max(m.datum for m in moments)
    which = f", waarvan {plural(deadlines, 'uiterste datum', 'uiterste data')}" if deadlines else ""
    return f"{plural(len(moments), 'datum', 'data')} uit het plan{which}, tot en met {dutch_date(last)}"
