"""Shared pieces of the contexts stage: the page record, links, Dutch formatting, lookups.

Links between generated pages are relative `.md` paths so that MkDocs validates them in
`--strict` builds and rewrites them for any URL style.
"""

from __future__ import annotations

import datetime as dt
import functools
import heapq
import html
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from markupsafe import Markup

from generator.addresses import CATALOGUE_PAGE, SOURCES_PAGE
from generator.data.project import Project
from generator.dutch import NOT_STATED, alphabetical, dutch_date, plural
from generator.models import Intervention, Kernelement, Region, SourceRef
from generator.rules.conformance import ToDo, Verdict, check_region, road_to, short_document_name
from generator.rules.offer import Amount, Offer, kernel_count, offers_of
from generator.rules.period import PlanPeriod, newest_leidraad, plan_period
from generator.rules.planrules import rules_for_region
from generator.site.escape import escape_inline
from generator.site.reuse import Reuse, reused_or_made

NATURE_LABELS = {
    "werkwijze": "werkwijze in de praktijk",
    "training": "training of scholing (telt één jaar per zorgverlener)",
    "ict": "ICT-aanpassing (na invoering niet te verdiepen)",
    "samenwerking": "samenwerkingsafspraak",
    "personeel": "inzet van personeel",
}
# What a region's indicator measures; a regional one is no target for the single practice.
INDICATOR_LEVELS = {
    "praktijk": "per praktijk",
    "regio": "de regio",
    "geaggregeerd": "alleen geaggregeerd, niet per praktijk",
    "landelijk": "landelijk",
    "niet-vermeld": NOT_STATED,
}
T = TypeVar("T")
SIMILAR_COUNT = 3  # the most similar regions a region's page and the comparison name


@dataclass
class PageContext:
    """A page to render with a template, or (template None) a file whose content is ready."""

    path: str
    template: str | None
    context: dict[str, Any] = field(default_factory=dict)
    content: str | bytes = ""  # bytes for binary files (workbooks)
    # The page's name in the menu, under the page it belongs to (the page named after its folder:
    # vergelijk/organisatie/tarieven.md under vergelijk/organisatie.md), where the menu lists that one.
    menu: str | None = None


def link(from_page: str, to_page: str, fragment: str = "") -> Markup:
    """Relative link from one generated page to another (paths as in the docs folder).

    Both paths are relative to the same folder, so no file system lookup is needed
    (posixpath.relpath would ask the operating system for the working directory each time).
    """
    source = from_page.split("/")[:-1]
    target = to_page.split("/")
    shared = 0
    while shared < len(source) and shared < len(target) - 1 and source[shared] == target[shared]:
        shared += 1
    path = "/".join([".."] * (len(source) - shared) + target[shared:])
    return Markup(path + (f"#{fragment}" if fragment else ""))


def web_link(label: str, address: str) -> Markup:
    """A Markdown link to a web address; the label is escaped, the address was validated (no
    spaces or brackets, see WebAddress) so it cannot end the link early."""
    return Markup(f"[{escape_inline(label)}]({address})")


@dataclass(frozen=True)
class Part:
    """One page of a list of regions too long for one page, beside the page it belongs to."""

    path: str  # the part's page: `deel-N.md` in the folder named after the page it belongs to
    regions: list[Any]  # what the part shows, each with a `naam` (regions, or what goes per region)
    naam: str  # "A tot en met B", after the first and last (or "A", if they have one name)

    def neighbours(self, parts: list[Part], whole: str) -> dict[str, Any]:
        """What a part's page says of its place: its name, and links to the whole and its neighbours."""
        number = parts.index(self)
        return {
            "naam": self.naam,
            "overzicht": link(self.path, whole),
            "vorige": link(self.path, parts[number - 1].path) if number > 0 else None,
            "volgende": link(self.path, parts[number + 1].path) if number + 1 < len(parts) else None,
        }


def in_parts(whole: str, items: list[Any], most: float, weight: Callable[[Any], float] = lambda item: 1) -> list[Part]:
    """`items` (each with a `naam`, in reading order) in as few parts as keep each at most `most`
    in weight, as even as the items allow (50 of weight 1 in parts of at most 15: 13, 12, 13 and
    12), or none if all fit on the page `whole`, whose parts go in the folder of its own name. An
    item heavier than `most` is a part of its own."""
    weights = [weight(item) for item in items]
    count = math.ceil(sum(weights) / most)
    if count <= 1:
        return []
    while True:
        if count >= len(items):
            groups = [[pair] for pair in zip(items, weights, strict=True)]
            break
        groups = _even_groups(items, weights, count)
        if all(len(group) == 1 or sum(w for _, w in group) <= most for group in groups):
            break
        count += 1
    folder = whole.removesuffix(".md")
    return [
        Part(f"{folder}/deel-{number}.md", [item for item, _ in group], _span(group[0][0].naam, group[-1][0].naam))
        for number, group in enumerate(groups, start=1)
    ]


def _span(first: str, last: str) -> str:
    return first if first == last else f"{first} tot en met {last}"


def _even_groups(items: list[Any], weights: list[float], count: int) -> list[list[tuple[Any, float]]]:
    """`items` in `count` runs of about equal weight: a run ends before or after the item where the
    running weight passes the next share, whichever is nearer."""
    share = sum(weights) / count
    groups: list[list[tuple[Any, float]]] = [[]]
    running = 0.0
    for item, heavy in zip(items, weights, strict=True):
        target = share * len(groups)
        if len(groups) < count and groups[-1] and running + heavy >= target:
            if target - running < running + heavy - target:  # nearer before this item
                groups.append([])
                groups[-1].append((item, heavy))
            else:
                groups[-1].append((item, heavy))
                groups.append([])
        else:
            groups[-1].append((item, heavy))
        running += heavy
    return [group for group in groups if group]


def parts_list(whole: str, parts: list[Part], counted: tuple[str, str] = ("regio", "regio's")) -> list[dict[str, Any]]:
    """The parts as the page they belong to lists them, each with how many it holds ('13 regio's')."""
    return [{"naam": part.naam, "omvang": plural(len(part.regions), *counted), "href": link(whole, part.path)} for part in parts]


def html_length(text: object) -> int:
    """Bytes a text takes in the page: escaped ('<&>' is 13), in UTF-8."""
    return len(html.escape(str(text)).encode())


def rows_weight(rows: list[dict[str, Any]], markup: int) -> int:
    """About how many bytes of a page `rows` of a table fill: their texts, and `markup` a row."""
    return sum(markup + sum(html_length(value) for value in row.values()) for row in rows)


def split_heavy(run: Any, most: float, weight: Callable[[Any], float]) -> list[Any]:
    """A run of rows (`naam`, `rijen`) that would not fit one part alone, in pieces that do, named
    "<naam> (1)", "<naam> (2)" …; a run that fits, as it is. A run weighs what its rows weigh."""
    if weight(run) <= most:
        return [run]
    pieces: list[list[Any]] = [[]]
    held = 0.0
    for row in run.rijen:
        heavy = weight(type(run)(run.naam, [row]))
        if pieces[-1] and held + heavy > most:
            pieces.append([])
            held = 0.0
        pieces[-1].append(row)
        held += heavy
    return [type(run)(f"{run.naam} ({number})", rows) for number, rows in enumerate(pieces, start=1)]


def moment_words(moment) -> str:
    """A dated moment in the plan's own words with its year: 'Vóór 20 maart 2023', not an event on 20 March."""
    year = str(moment.datum.year)
    return moment.wanneer if year in moment.wanneer else f"{moment.wanneer} {year}"


@dataclass(frozen=True)
class Likeness:
    """How much two offers overlap: interventions both offer, out of those either offers (Jaccard)."""

    other: Region
    shared: int
    either: int

    @property
    def ratio(self) -> float:
        return self.shared / self.either if self.either else 0.0

    @property
    def text(self) -> str:
        return f"{self.shared} van {self.either}"


class Lookups:
    """What every page builder (and the PDFs) look up, made once per build and shared by all.

    What more than one page needs (offers, verdicts, plan rules, similar regions) is computed
    at most once here, whichever builder asks first.
    """

    def __init__(self, project: Project, today: dt.date, reuse: Reuse | None = None):
        self.project = project
        self.today = today  # the build date: plans are read as of this day
        self.reuse = reuse  # the preview's outputs of its last build (site/reuse.py); None in a build
        self.documents = {d.id: d for d in project.sources.documenten}
        self.kernels = sorted(project.catalogue.kernelementen, key=lambda k: k.nummer)
        self.kernel_by_id = {k.id: k for k in self.kernels}
        self.leidraad = newest_leidraad(project)
        self.national = {v.id: v for v in project.catalogue.interventies}
        self.regions = sorted(project.regions.values(), key=lambda r: alphabetical(r.naam))
        # Every region's choices, in the order of its file.
        self._offers = {region.id: offers_of(project.catalogue, region) for region in self.regions}
        self._made: dict[tuple, Any] = {}  # see `once`
        # Every region's choices, by the national intervention they are (or are nearest to).
        self.offers: dict[str, list[Offer]] = {}
        for region in self.regions:
            for offer in self._offers[region.id]:
                if offer.national:
                    self.offers.setdefault(offer.national.id, []).append(offer)

    def made(self, inputs: tuple, make: Callable[[], T]) -> T:
        """`make()`; in the preview, the output of its last build where that was made from equal `inputs`."""
        return reused_or_made(self.reuse, inputs, make)

    def offers_of(self, region: Region) -> list[Offer]:
        """A region's choices in the order of its file (computed once per build)."""
        return self._offers[region.id]

    def offered_ids(self, region: Region) -> set[str]:
        """The national interventions a region offers (its own ones counted as their nearest)."""
        return {o.national.id for o in self.offers_of(region) if o.offered and o.national}

    def amounts(self, region: Region) -> list[Amount]:
        """How many options the region offers per kernelement (in catalogue order), as far as its sources say."""
        return self.once(("amounts", region.id), lambda: [kernel_count(self.offers_of(region), region, k.id).amount for k in self.kernels])

    @functools.cached_property
    def similar(self) -> dict[str, list[Likeness]]:
        """Per region the regions whose offer overlaps most with its own, most similar first. A region
        whose sources give part of its offer (`bron_volledig: false`) is compared with none: what two
        regions share "of what either offers" cannot be told from a part."""
        whole = [r for r in self.regions if r.plan.bron_volledig]
        sets = {r.id: self.offered_ids(r) for r in whole}
        result = {r.id: [] for r in self.regions}

        def likeness(mine: set[str], other: Region) -> Likeness:
            shared = len(mine & sets[other.id])
            return Likeness(other, shared, len(mine) + len(sets[other.id]) - shared)  # the union's size, not made

        for region in whole:
            mine = sets[region.id]
            others = (likeness(mine, o) for o in whole if o.id != region.id)
            # The first few as the sorted list would have them (200 regions: 40,000 pairs, 3 kept each).
            result[region.id] = heapq.nsmallest(SIMILAR_COUNT, others, key=lambda x: (-x.ratio, alphabetical(x.other.naam)))
        return result

    def period(self, region: Region) -> PlanPeriod:
        return plan_period(self.project, region, self.today)

    def once(self, key: tuple, make: Callable[[], T]) -> T:
        """What `make()` returns, made the first time `key` (what, for which region) is asked for in this build."""
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def plan_rules(self, region: Region) -> dict[str, Any]:
        """The plan check's rules for a region (form, plan builder and PDF all read them), computed once."""
        return self.once(("plan rules", region.id), lambda: rules_for_region(self.project, region))

    def verdicts(self, region: Region, newest: bool = False) -> list[Verdict]:
        """The region's verdicts by the leidraad its plan follows (or by the newest), computed once."""

        def judge() -> list[Verdict]:
            return check_region(self.project, region, newest_leidraad(self.project) if newest else None)

        return self.once(("verdicts", region.id, newest), judge)

    def road_to_newest(self, region: Region) -> list[ToDo]:
        """What the region's plan must add or change to meet the newest leidraad, computed once."""
        return self.once(("road", region.id), lambda: road_to(self.project, region, self.leidraad))

    def points(self, points, page: str) -> list[dict[str, Any]]:
        return [{"titel": p.titel, "tekst": p.tekst, "bron": self.source(p.bron, page)} for p in points]

    def source(self, ref: SourceRef, page: str) -> Markup:
        """'Document, section' as a Markdown link to the sources page, data parts escaped."""
        document = self.documents[ref.document]
        label = document.titel + (f", versie {document.versie}" if document.versie else "")
        if document.datum:
            label += f" ({dutch_date(document.datum)})"
        href = link(page, SOURCES_PAGE, ref.document)
        return Markup(f"[{escape_inline(label)}]({href}), {escape_inline(ref.sectie)}")

    def plain_source(self, ref: SourceRef) -> str:
        """'leidraad versie 3, §5 …' or 'regioplan Oost-Gelderland, 1.4 …' as plain text (calendar, PDF)."""
        return f"{short_document_name(self.project, ref.document)}, {ref.sectie}"

    def source_document(self, document_id: str, page: str) -> Markup:
        """A source document's short name, linked to the sources page."""
        label = short_document_name(self.project, document_id)
        return Markup(f"[{escape_inline(label)}]({link(page, SOURCES_PAGE, document_id)})")

    def short_source(self, ref: SourceRef, page: str) -> Markup:
        """The same, linked to the sources page: for table cells."""
        label = self.plain_source(ref)
        return Markup(f"[{escape_inline(label)}]({link(page, SOURCES_PAGE, ref.document)})")

    def change_items(self, changes: list, page: str) -> list[dict[str, Any]]:
        """What changed between two versions (generator/rules/changes.py), as 'Wat is er veranderd' lists it."""
        return [
            {
                "onderdeel": c.part,
                "onderwerp": c.subject,
                "soort": c.kind,
                "was": _sentence(c.old) if c.old else None,
                "nu": _sentence(c.new) if c.new else None,
                "bron": self.short_source(c.source, page),
                "indicatief": c.indicative,
            }
            for c in changes
        ]

    def online(self, document_id: str) -> list[dict[str, Any]]:
        """Where a source can be read online: its address and its web pages, each with the date read."""
        document = self.documents[document_id]
        found = []
        if document.adres:
            found.append({"link": web_link(document.adres, document.adres), "geraadpleegd": dutch_date(document.geraadpleegd)})
        for page in document.paginas:
            found.append({"link": web_link(page.titel, page.adres), "geraadpleegd": dutch_date(page.geraadpleegd)})
        return found

    def sources(self, refs: list[SourceRef], page: str) -> list[Markup]:
        return [self.source(r, page) for r in refs]

    def sources_line(self, refs: list[SourceRef], page: str) -> Markup:
        """Several sources on one line; joined here because Jinja's join would drop the Markup."""
        unique = list(dict.fromkeys(refs))  # the same place cited twice is shown once
        return Markup("; ").join(self.sources(unique, page))

    def kernel_ref(self, kernel: Kernelement, page: str) -> dict[str, Any]:
        return {"naam": kernel.naam, "href": link(page, CATALOGUE_PAGE, kernel.id)}

    def interventions_of(self, kernel: Kernelement) -> list[Intervention]:
        # Numbered chapter-4 items first in their order, then appendix-B-only items by name.
        items = [v for v in self.project.catalogue.interventies if v.kernelement == kernel.id]
        return sorted(items, key=lambda v: (v.nummer is None, v.nummer or 0, alphabetical(v.naam)))


class PageBuilder:
    """Makes the pages of one part of the site from the build's shared lookups."""

    def __init__(self, lookups: Lookups):
        self.lookups = lookups

    def all(self) -> list[PageContext]:
        raise NotImplementedError


def _sentence(text: str) -> str:
    """Ending in a full stop: 'minimaal 1 nieuwe' -> 'minimaal 1 nieuwe.' (escaping makes it one line)."""
    line = text.strip()
    return line if line.endswith((".", "!", "?")) else line + "."
