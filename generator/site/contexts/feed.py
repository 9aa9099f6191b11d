"""The Atom feed (feed.xml at the site root): an entry per plan version and leidraad version.

Readers subscribe to hear when a plan changes. Every entry is dated from the data (the version's
date), never from the build, so two builds of the same data give the same bytes. A version the
documents give no date is left out: the feed cannot say when it appeared. Identifiers are
UUIDs derived from what the entry is about, so they stay the same between builds and hosts
(the site has no fixed address to build tag: or http: identifiers from). Links are relative to
the feed, which sits at the site root, in the site's directory URLs (use_directory_urls).
"""

from __future__ import annotations

import datetime as dt
import uuid
import xml.etree.ElementTree as ET

from generator.dutch import dutch_date

from .base import PageBuilder, PageContext

FEED_PATH = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"
FEED_TITLE = "MTVP-handboek: nieuwe versies van regioplannen en leidraad"
# A fixed namespace for this site's identifiers (uuid5 of it and the entry's subject).
NAMESPACE = uuid.UUID("6f1c7e52-3c1a-5d0e-9b7a-2f4d8e6a9c31")


def _id(subject: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, subject)}"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


class FeedPages(PageBuilder):
    def all(self) -> list[PageContext]:
        return [PageContext(FEED_PATH, None, content=self.feed())]

    def entries(self) -> list[dict[str, str | dt.date]]:
        found = []
        for leidraad in self.lookups.project.leidraden.values():
            if leidraad.datum:
                found.append(
                    {
                        "id": _id(f"leidraad/{leidraad.id}"),
                        "titel": f"Leidraad MTVP versie {leidraad.versie}",
                        "datum": leidraad.datum,
                        "href": f"leidraad/versies/#{leidraad.id}",
                        "tekst": f"{leidraad.titel}, versie {leidraad.versie} van {dutch_date(leidraad.datum)}.",
                    }
                )
        for region in self.lookups.regions:
            history = region.versiegeschiedenis
            versions_page = f"regios/{region.id}/versies/" if len(history) > 1 else f"regios/{region.id}/"
            for number, version in enumerate(history):
                if not version.datum:
                    continue
                name = f"versie {version.versie}" if version.versie else f"versie van {dutch_date(version.datum)}"
                found.append(
                    {
                        "id": _id(f"regio/{region.id}/{version.versie or ''}/{version.datum.isoformat()}"),
                        "titel": f"Regioplan {region.naam}: {'nieuw in het handboek' if number == 0 and len(history) == 1 else name}",
                        "datum": version.datum,
                        "href": versions_page,
                        "tekst": " ".join(version.wijzigingen),
                    }
                )
            if not history and region.plan.datum:
                # A region without recorded versions: its plan as it is, on the plan's own date.
                found.append(
                    {
                        "id": _id(f"regio/{region.id}/{region.plan.versie or ''}/{region.plan.datum.isoformat()}"),
                        "titel": f"Regioplan {region.naam}"
                        + (f": {region.plan.titel}" if region.plan.titel else "")
                        + (f", versie {region.plan.versie}" if region.plan.versie else ""),
                        "datum": region.plan.datum,
                        "href": f"regios/{region.id}/",
                        "tekst": f"{region.plan.titel or 'Het regioplan'}, van {dutch_date(region.plan.datum)}.",
                    }
                )
        return sorted(found, key=lambda e: (e["datum"], e["titel"]), reverse=True)

    def feed(self) -> str:
        ET.register_namespace("", ATOM)
        root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "nl"})
        entries = self.entries()
        _add(root, "id", _id("feed"))
        _add(root, "title", FEED_TITLE)
        _add(root, "subtitle", "Een bericht bij elke gedateerde versie van een regioplan en van de landelijke leidraad.")
        _add(root, "updated", _timestamp(max((e["datum"] for e in entries), default=dt.date(2023, 1, 1))))
        _add(_add(root, "author"), "name", "MTVP-handboek")
        _add(root, "link", rel="self", href=FEED_PATH)
        _add(root, "link", rel="alternate", href="./")
        for entry in entries:
            element = _add(root, "entry")
            _add(element, "id", entry["id"])
            _add(element, "title", entry["titel"])
            _add(element, "updated", _timestamp(entry["datum"]))
            _add(element, "link", rel="alternate", href=entry["href"])
            _add(element, "summary", entry["tekst"])
        ET.indent(root)
        return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
