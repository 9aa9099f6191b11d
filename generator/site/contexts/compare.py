"""Contexts of the comparison section (vergelijk/): regions side by side, all from data.

A region added as one data file appears in every comparison with no other change: nothing
here names a region.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from generator.addresses import CATALOGUE_PAGE, COMPARE_SCRIPT, PICKER_DATA_NAME, PICKER_DATA_SCRIPT, intervention_page, region_page
from generator.dutch import NOT_STATED, PARTIAL_OFFER, dutch_date, euro, names, plural
from generator.models import Region
from generator.rules.offer import STATUS_LABELS, STATUS_SYMBOLS, Amount, Offer
from generator.rules.plancheck import outcome_order, symbols
from generator.site.charts import stacked_bars
from generator.site.escape import script_data

from .base import (
    INDICATOR_LEVELS,
    PageBuilder,
    PageContext,
    html_length,
    in_parts,
    link,
    moment_words,
    parts_list,
    rows_weight,
    split_heavy,
)

# Regions up to which the comparison draws its chart of the offer, a bar per region: at 200 regions
# it was 5,266 px tall and 138 KB, past reading; the table under it has the same numbers.
CHART_REGIONS = 50
MATRIX_PAGE = "vergelijk/matrix.md"
# The regions' columns on one page of the matrix, in bytes of HTML: a column is 3 to 7 KB (more
# for a region that offers much, in forms with names of their own), so a page of them stays
# under 100 KB with the site's menu and header.
MATRIX_BYTES = 60_000
COLUMN_MARKUP = 120  # bytes of HTML around a column's heading: the link to the region
CELL_MARKUP = 60  # bytes of a cell with nothing in it (read out as "niet genoemd")
MARK_MARKUP = 130  # bytes around a mark's own text: the symbol and its link


def tariff_validity(year: int | None, this_year: int) -> str:
    """Whether a tariff is for this year, as of the build date; an unstated year stays unstated."""
    if year is None:
        return "jaar niet vermeld"
    if year < this_year:
        return f"alleen {year} (verlopen)"
    return f"{year}" + (" (dit jaar)" if year == this_year else " (later)")


# The measure in one sentence, for every page that shows it (the kiezer script computes the same
# for a reader's own offer).
SIMILARITY_EXPLAINED = (
    "Twee regio's lijken meer op elkaar naarmate een groter deel van de landelijke interventies die een van beide "
    "aanbiedt, door allebei wordt aangeboden; een eigen interventie telt als de landelijke interventie die er het dichtst bij ligt."
)


ORGANISATION_PAGE = "vergelijk/organisatie.md"
ORGANISATION_FOLDER = "vergelijk/organisatie"  # a page per topic, beside the overview's address
ORGANISATION_TOPICS = [  # (page, title, what it compares), in the order the overview lists them
    ("tarieven", "Tarieven", "wat de zorgverzekeraar per regio betaalt, en in welk jaar"),
    ("intervisie", "Intervisie", "wie haar organiseert, hoe vaak en in welke groepen"),
    ("praktijkplan", "Praktijkplan", "de vorm, de uiterste datum en de onderdelen"),
    ("tijdlijnen", "Tijdlijnen", "alle momenten met een exacte datum, op volgorde"),
    ("indicatoren", "Indicatoren", "wat de regio's naast de landelijke indicatoren volgen"),
]

# What a topic's page says where it has no row at all. Every region has a row in the others, if
# only to say that its plan does not state the topic ("niet vermeld").
NO_DATED_MOMENTS = "Geen van de regio's noemt een moment met een exacte datum."
NO_REGIONS = "Er staan nog geen regio's in dit handboek."

# The rows of one page of an organisation topic, in bytes of their text and markup: at 200 regions
# the timelines of the real plans' kind were 235 KB on one page.
ORGANISATION_BYTES = 55_000
TABLE_ROW_MARKUP = 120  # bytes of HTML around a row's texts in a table: cells and the link to the region


@dataclass(frozen=True)
class _Run:
    """Rows of a table that go together on one page: those of one region, or of one day."""

    naam: str
    rijen: list[dict[str, Any]]


def _runs(rows: list[dict[str, Any]], key: str) -> list[_Run]:
    """`rows` in runs of the same `key` (in the order they come), each named by it: a region's name, a day."""
    runs: list[_Run] = []
    for _, run in itertools.groupby(rows, key=lambda row: row[key]):
        run = list(run)
        runs.append(_Run(dutch_date(run[0]["datum"]) if key == "datum" else run[0]["regio"], run))
    return runs


# Said for a region compared with none (`PageLookups.similar`).
NOT_COMPARABLE = f"niet te bepalen: {PARTIAL_OFFER}"


class ComparePages(PageBuilder):
    def all(self) -> list[PageContext]:
        return [self.index(), *self.matrix(), self.conformance(), *self.organisation(), *self.picker()]

    # ------------------------------------------------------------------ pages

    def index(self) -> PageContext:
        page = "vergelijk/index.md"
        counts = [(r.naam, self.lookups.amounts(r)) for r in self.lookups.regions]
        # The bars draw what the sources state (the named options, or a stated "at least" number);
        # the total says "minimaal" where there can be more, and a kernelement not stated has no bar.
        chart = stacked_bars(
            "grafiek-aanbod",
            "Aangeboden interventies per kernelement per regio",
            "Per regio het aantal interventies dat praktijken kunnen kiezen (verplicht of aangeboden), opgebouwd per kernelement; "
            "'minimaal' waar het plan zegt dat er meer kunnen zijn dan het noemt, of de bronnen maar een deel van het plan zijn.",
            [k.naam for k in self.lookups.kernels],
            [(name, [a.least for a in amounts]) for name, amounts in counts],
            totals=[str(Amount.total(amounts)) for _, amounts in counts],
        )
        if len(counts) > CHART_REGIONS:
            chart = None  # the table below has the same numbers
        similar = self.lookups.similar
        rows = [
            {
                "naam": r.naam,
                "href": link(page, region_page(r.id)),
                "lijkt_op": ", ".join(f"{x.other.naam} ({x.text})" for x in similar[r.id])
                or (NOT_COMPARABLE if not r.plan.bron_volledig else "–"),
            }
            for r in self.lookups.regions
        ]
        context = {
            "chart": chart,
            "grafiek_tot": CHART_REGIONS,
            "kernelementen": [k.naam for k in self.lookups.kernels],
            "aantallen": [
                {"naam": name, "aantallen": [str(a) for a in amounts], "totaal": str(Amount.total(amounts))} for name, amounts in counts
            ],
            "vergelijkbaar": rows,
            "gelijkenis": SIMILARITY_EXPLAINED,
            "links": {
                "matrix": link(page, MATRIX_PAGE),
                "toetsing": link(page, "vergelijk/toetsing.md"),
                "organisatie": link(page, ORGANISATION_PAGE),
                "kiezer": link(page, "vergelijk/kiezer.md"),
                "catalogus": link(page, CATALOGUE_PAGE),
            },
        }
        return PageContext(page, "vergelijk/index.md.j2", context)

    def matrix(self) -> list[PageContext]:
        """The matrix on one page, or, with more regions than fit on one (857 KB at 200 regions), in
        parts of at most MATRIX_BYTES of columns each, in the regions' order, behind an index page."""
        regions = self.lookups.regions
        parts = in_parts(MATRIX_PAGE, regions, MATRIX_BYTES, self._column_weight)
        if not parts:
            return [self._matrix_page(MATRIX_PAGE, regions)]
        index = {
            "delen": parts_list(MATRIX_PAGE, parts),
            "kiezer": link(MATRIX_PAGE, "vergelijk/kiezer.md"),
        }
        pages = [self._matrix_page(part.path, part.regions, part.neighbours(parts, MATRIX_PAGE), menu=part.naam) for part in parts]
        return [PageContext(MATRIX_PAGE, "vergelijk/matrix-delen.md.j2", index), *pages]

    def _matrix_page(self, page: str, regions: list[Region], part: dict | None = None, menu: str | None = None) -> PageContext:
        groups = []
        for kernel in self.lookups.kernels:
            rows = []
            for intervention in self.lookups.interventions_of(kernel):
                # Per region its choices of this intervention, found in one pass (not one per region).
                by_region: dict[str, list[Offer]] = {}
                for offer in self.lookups.offers.get(intervention.id, []):
                    if offer.own is None:
                        by_region.setdefault(offer.region.id, []).append(offer)
                cells = [self._cell(page, region, by_region.get(region.id, [])) for region in regions]
                rows.append(
                    {"naam": intervention.naam, "href": link(page, intervention_page(intervention.id)), "eigen": None, "cellen": cells}
                )
            # One row for all region-specific interventions of this kernelement: a row per own
            # intervention would make the matrix grow with regions times regions.
            own_cells = []
            for region in regions:
                offers = [o for o in self.lookups.offers_of(region) if o.own is not None and o.kernelement == kernel.id]
                own_cells.append(self._cell(page, region, offers))
            if any(cell["marks"] for cell in own_cells):
                rows.append({"naam": "Eigen interventies van de regio", "href": None, "eigen": True, "cellen": own_cells})
            groups.append({"id": kernel.id, "naam": kernel.naam, "rijen": rows})
        context = {
            "regios": [
                {"naam": r.naam, "href": link(page, region_page(r.id, "interventies")), "periode": self.lookups.period(r).label}
                for r in regions
            ],
            "groepen": groups,
            "legenda": [{"symbool": STATUS_SYMBOLS[s], "tekst": label} for s, label in STATUS_LABELS.items()],
            "kolommen": len(regions) + 1,
            "deel": part,
            "scripts": [Markup(COMPARE_SCRIPT)],  # a site path, not text
        }
        return PageContext(page, "vergelijk/matrix.md.j2", context, menu=menu)

    def _column_weight(self, region: Region) -> int:
        """About how many bytes of HTML the region's column of the matrix takes."""
        rows = sum(len(self.lookups.interventions_of(kernel)) + 1 for kernel in self.lookups.kernels)
        marks = sum(MARK_MARKUP + html_length(o.label) + html_length(self._form(o)) + len(o.anchor) for o in self.lookups.offers_of(region))
        # The region's name heads its column in each kernelement's table, and once more in the key.
        headings = (len(self.lookups.kernels) + 1) * (COLUMN_MARKUP + html_length(region.naam))
        return headings + rows * CELL_MARKUP + marks

    def _cell(self, page: str, region: Region, offers: list[Offer]) -> dict[str, Any]:
        marks = [
            {
                "symbool": o.symbol,
                "status": o.choice.status,
                "tekst": o.label + (f" ({self._form(o)})" if self._form(o) else ""),
                "href": link(page, region_page(region.id, "interventies"), o.anchor),
            }
            for o in offers
        ]
        return {"marks": marks}

    def _form(self, offer: Offer) -> str:
        """Which form: the own intervention's or the region's own form's name, or the national name of the chosen variant."""
        return offer.name if offer.own or offer.choice.vorm else offer.variant_name or ""

    def conformance(self) -> PageContext:
        page = "vergelijk/toetsing.md"
        regions = []
        for region in self.lookups.regions:
            own = self.lookups.verdicts(region)
            period = self.lookups.period(region)
            regions.append(
                {
                    "naam": region.naam,
                    # Every verdict is on the region's own page; this page only counts them, so that it
                    # stays small with many regions (1.8 MB at 200 regions when it repeated them all).
                    "href": link(page, region_page(region.id), "toetsing"),
                    "periode_kort": period.label + (f"; volgt versie {period.older_leidraad.versie}" if period.older_leidraad else ""),
                    "telling": {outcome: sum(v.outcome == outcome for v in own) for outcome in outcome_order()},
                    "indicatief": sum(v.indicatief for v in own),
                }
            )
        context = {
            "regios": regions,
            "versies": link(page, "leidraad/versies.md"),
            "leidraad": self.lookups.leidraad.versie,
            "stand": dutch_date(self.lookups.today),
            "symbolen": symbols(),
        }
        return PageContext(page, "vergelijk/toetsing.md.j2", context)

    def organisation(self) -> list[PageContext]:
        """An overview, and a page per topic with a row per region (one page held them all: 198 KB
        at 200 regions). The topic pages share a folder, so a link from one is a link from each."""
        page = f"{ORGANISATION_FOLDER}/{ORGANISATION_TOPICS[0][0]}.md"
        tariffs, intervisie, plans, milestones, indicators = [], [], [], [], []
        for region in self.lookups.regions:
            ref = {"regio": region.naam, "regio_id": region.id, "href": link(page, region_page(region.id))}
            for t in region.financiering.tarieven if region.financiering else []:
                tariffs.append(
                    {
                        **ref,
                        "verzekeraar": t.verzekeraar,
                        "bedrag": euro(t.bedrag),
                        "eenheid": t.eenheid,
                        "jaar": t.jaar or NOT_STATED,
                        "geldig": tariff_validity(t.jaar, self.lookups.today.year),
                        "code": t.prestatiecode or NOT_STATED,
                    }
                )
            if not (region.financiering and region.financiering.tarieven):
                tariffs.append({**ref, "verzekeraar": "–", "bedrag": NOT_STATED, "eenheid": "–", "jaar": "–", "geldig": "–", "code": "–"})
            i = region.intervisie
            intervisie.append(
                {
                    **ref,
                    "organisator": (i.organisator if i and i.organisator else NOT_STATED),
                    "frequentie": (i.frequentie if i and i.frequentie else NOT_STATED),
                    "eerste": (i.eerste if i and i.eerste else NOT_STATED),
                    "groepsgrootte": (i.groepsgrootte if i and i.groepsgrootte else NOT_STATED),
                }
            )
            p = region.praktijkplan
            plans.append(
                {
                    **ref,
                    "vorm": p.vorm if p else NOT_STATED,
                    "deadline": (p.deadline if p and p.deadline else NOT_STATED),
                    "onderdelen": ", ".join(part.titel for part in p.onderdelen) if p and p.onderdelen else NOT_STATED,
                }
            )
            for m in region.tijdlijn:
                if m.datum:
                    milestones.append({**ref, "datum": m.datum, "datum_tekst": moment_words(m), "wat": m.wat})
            for ind in region.monitoring.indicatoren if region.monitoring else []:
                indicators.append({**ref, "naam": ind.naam, "niveau": INDICATOR_LEVELS[ind.niveau], "norm": ind.norm or NOT_STATED})
            if not (region.monitoring and region.monitoring.indicatoren):
                # Left out, a region would read as one without indicators; its plan does not name them.
                indicators.append({**ref, "naam": NOT_STATED, "niveau": "–", "norm": "–"})
        milestones.sort(key=lambda m: (m["datum"], m["regio"]))
        rows = {"tarieven": tariffs, "intervisie": intervisie, "praktijkplan": plans, "tijdlijnen": milestones, "indicatoren": indicators}
        topics = []
        for slug, title, _ in ORGANISATION_TOPICS:
            topic, template = f"{ORGANISATION_FOLDER}/{slug}.md", f"{ORGANISATION_FOLDER}/{slug}.md.j2"
            # A list too long for one page is cut between regions, the timelines between days.
            weight = lambda group: rows_weight(group.rijen, TABLE_ROW_MARKUP)  # noqa: E731 - used twice
            # A day (or region) with more rows than a page holds is cut itself.
            groups = [
                piece
                for run in _runs(rows[slug], "datum" if slug == "tijdlijnen" else "regio_id")
                for piece in split_heavy(run, ORGANISATION_BYTES, weight)
            ]
            parts = in_parts(topic, groups, ORGANISATION_BYTES, weight)
            empty = NO_DATED_MOMENTS if slug == "tijdlijnen" and self.lookups.regions else NO_REGIONS
            context = {**self._topic_links(topic), "rijen": [] if parts else rows[slug], "deel": None, "leeg": empty}
            counted = ("dag", "dagen") if slug == "tijdlijnen" else ("regio", "regio's")
            topics.append(PageContext(topic, template, {**context, "delen": parts_list(topic, parts, counted)}, menu=title))
            for part in parts:
                # A part is a folder deeper than its topic: its links to the regions are its own.
                part_rows = [
                    {**row, "href": link(part.path, region_page(row["regio_id"]))} for group in part.regions for row in group.rijen
                ]
                context = {**self._topic_links(part.path), "rijen": part_rows, "deel": part.neighbours(parts, topic), "delen": []}
                topics.append(PageContext(part.path, template, context, menu=part.naam))
        overview = {
            "onderwerpen": [
                {"titel": title, "wat": what, "href": link(ORGANISATION_PAGE, f"{ORGANISATION_FOLDER}/{slug}.md")}
                for slug, title, what in ORGANISATION_TOPICS
            ]
        }
        return [PageContext(ORGANISATION_PAGE, "vergelijk/organisatie.md.j2", overview), *topics]

    @staticmethod
    def _topic_links(page: str) -> dict[str, Any]:
        return {"overzicht": link(page, ORGANISATION_PAGE), "landelijk": link(page, "leidraad/doelen-en-monitoring.md")}

    def picker(self) -> list[PageContext]:
        """The picker page, with a link to every region for readers without JavaScript, and the data
        its script reads, as a file of its own.

        Facts come in the order a reader asks them (organisation, period, financing, the practice's
        part, the offer, the toetsing); statuses in words. The toetsing is given as what a plan does
        not meet, not as a count of rules met: regions are judged against different rules (their
        leidraad version and their own), so such counts are no score to rank them by.
        """
        page = "vergelijk/kiezer.md"
        regions = []
        rows: dict[str, dict[str, str]] = {}  # every intervention row, in catalogue order, then own ones
        for kernel in self.lookups.kernels:
            for intervention in self.lookups.interventions_of(kernel):
                rows[intervention.id] = {"key": intervention.id, "naam": intervention.naam, "kernelement": kernel.id}
        for region in self.lookups.regions:
            plan = region.plan
            own = self.lookups.verdicts(region)
            not_met = [v.rule for v in own if v.outcome == "voldoet niet"]
            unstated = sum(v.outcome == "niet te beoordelen" for v in own)
            financing = region.financiering
            facts = [
                ("RHO", region.rho.naam),
                ("Zorgverzekeraars", names(region.zorgverzekeraars)),
                ("Periode", self.lookups.period(region).label),
                ("Volgt leidraad", f"versie {self.lookups.project.leidraden[plan.leidraad].versie}"),
                (
                    "Tarieven",
                    "; ".join(f"{t.verzekeraar} {euro(t.bedrag)} ({t.jaar or 'jaar niet vermeld'})" for t in financing.tarieven)
                    if financing and financing.tarieven
                    else NOT_STATED,
                ),
                (
                    "Praktijkplan uiterlijk",
                    region.praktijkplan.deadline if region.praktijkplan and region.praktijkplan.deadline else NOT_STATED,
                ),
                ("Intervisie", region.intervisie.frequentie if region.intervisie and region.intervisie.frequentie else NOT_STATED),
                *(
                    (f"Aanbod: {k.naam}", n.words("interventie", "interventies"))
                    for k, n in zip(self.lookups.kernels, self.lookups.amounts(region), strict=True)
                ),
                ("Toetsing: voldoet niet aan", "; ".join(not_met) if not_met else "geen van de getoetste regels"),
                ("Toetsing: niet te beoordelen", f"{plural(unstated, 'regel', 'regels')} (het plan zegt het niet)" if unstated else "geen"),
            ]
            offers: dict[str, list[str]] = {}
            for offer in self.lookups.offers_of(region):
                key = offer.national.id if offer.national and not offer.own else f"{region.id}/{offer.key}"
                if offer.own:
                    rows.setdefault(
                        key, {"key": key, "naam": f"{offer.name} (eigen interventie van {region.naam})", "kernelement": offer.kernelement}
                    )
                form = self._form(offer)
                offers.setdefault(key, []).append(f"{form}: {offer.label}" if form else offer.label)
            regions.append(
                {
                    "id": region.id,
                    "naam": region.naam,
                    "href": link(page, region_page(region.id)),
                    "feiten": [{"naam": name, "waarde": value} for name, value in facts],
                    "interventies": {key: "; ".join(labels) for key, labels in offers.items()},
                    # For "mijn eigen aanbod": none for a region compared with no other (`PageLookups.similar`).
                    "aanbod": sorted(self.lookups.offered_ids(region)) if region.plan.bron_volledig else None,
                }
            )
        kernels = [{"id": k.id, "naam": k.naam} for k in self.lookups.kernels]
        # Own interventions join their kernelement's rows after the national ones.
        ordered = [r for k in self.lookups.kernels for r in rows.values() if r["kernelement"] == k.id]
        # Links stay out of the data: the script takes them from the listing's links, which MkDocs
        # has turned into the site's URLs.
        scripted = [{key: r[key] for key in ("id", "naam", "feiten", "interventies", "aanbod")} for r in regions]
        data = {"regios": scripted, "kernelementen": kernels, "rijen": ordered}
        choices = [
            {"naam": k.naam, "id": k.id, "interventies": [{"id": i.id, "naam": i.naam} for i in self.lookups.interventions_of(k)]}
            for k in self.lookups.kernels
        ]
        context = {
            "regios": regions,
            "keuzes": choices,
            "gelijkenis": SIMILARITY_EXPLAINED,
            "scripts": [Markup(PICKER_DATA_SCRIPT), Markup(COMPARE_SCRIPT)],  # site paths, not text
        }
        return [
            PageContext(page, "vergelijk/kiezer.md.j2", context),
            PageContext(PICKER_DATA_SCRIPT, None, content=script_data(PICKER_DATA_NAME, data)),
        ]
