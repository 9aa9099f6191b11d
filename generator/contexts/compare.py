"""Contexts of the comparison section (vergelijk/): regions side by side, all from data.

A region added as one data file appears in every comparison with no other change: nothing
here names a region.
"""

from __future__ import annotations

from typing import Any

from ..charts import stacked_bars
from ..conformance import OUTCOMES, Verdict
from ..escape import script_json
from ..models import Region
from ..offer import STATUS_LABELS, STATUS_SYMBOLS, Offer
from .base import INDICATOR_LEVELS, Lookups, PageContext, dutch_date, euro, intervention_page, link, region_page
from .verdicts import verdict_sections

SIMILAR_COUNT = 3
MATRIX_PAGE = "vergelijk/matrix.md"


def offered_ids(lookups: Lookups, region: Region) -> set[str]:
    """The national interventions a region offers (its own ones counted as their nearest)."""
    return {o.national.id for o in lookups.offers_of(region) if o.offered and o.national}


def tariff_validity(year: int | None, this_year: int) -> str:
    """Whether a tariff is for this year, as of the build date; an unstated year stays unstated."""
    if year is None:
        return "jaar niet vermeld"
    if year < this_year:
        return f"alleen {year} (verlopen)"
    return f"{year}" + (" (dit jaar)" if year == this_year else " (later)")


def similarity(a: set[str], b: set[str]) -> float:
    """Jaccard index: shared interventions over all interventions of the two."""
    return len(a & b) / len(a | b) if a | b else 0.0


def most_similar(lookups: Lookups) -> dict[str, list[tuple[Region, float]]]:
    sets = {r.id: offered_ids(lookups, r) for r in lookups.regions}
    result = {}
    for region in lookups.regions:
        scores = [(other, similarity(sets[region.id], sets[other.id])) for other in lookups.regions if other.id != region.id]
        result[region.id] = sorted(scores, key=lambda item: (-item[1], item[0].naam))[:SIMILAR_COUNT]
    return result


class ComparePages(Lookups):
    def all(self) -> list[PageContext]:
        verdicts = [v for region in self.regions for v in self.verdicts(region)]
        return [self.index(), self.matrix(), self.conformance(verdicts), self.organisation(), self.picker(verdicts)]

    def _counts(self, region: Region) -> list[int]:
        """Offered interventions per kernelement, named in the plan (the same count as the region pages)."""
        offers = [o for o in self.offers_of(region) if o.offered]
        return [sum(1 for o in offers if o.kernelement == k.id) for k in self.kernels]

    # ------------------------------------------------------------------ pages

    def index(self) -> PageContext:
        page = "vergelijk/index.md"
        counts = [(r.naam, self._counts(r)) for r in self.regions]
        chart = stacked_bars(
            "aanbod-per-kernelement",
            "Aangeboden interventies per kernelement per regio",
            "Per regio het aantal interventies dat praktijken kunnen kiezen (verplicht of aangeboden), opgebouwd per kernelement.",
            [k.naam for k in self.kernels],
            counts,
        )
        similar = most_similar(self)
        rows = [
            {
                "naam": r.naam,
                "href": link(page, region_page(r.id)),
                "lijkt_op": ", ".join(f"{other.naam} ({round(score * 100)}%)" for other, score in similar[r.id]) or "–",
            }
            for r in self.regions
        ]
        context = {
            "chart": chart,
            "kernelementen": [k.naam for k in self.kernels],
            "aantallen": [{"naam": name, "aantallen": values, "totaal": sum(values)} for name, values in counts],
            "vergelijkbaar": rows,
            "links": {
                "matrix": link(page, MATRIX_PAGE),
                "toetsing": link(page, "vergelijk/toetsing.md"),
                "organisatie": link(page, "vergelijk/organisatie.md"),
                "kiezer": link(page, "vergelijk/kiezer.md"),
                "catalogus": link(page, "interventies/index.md"),
            },
        }
        return PageContext(page, "vergelijk/index.md.j2", context)

    def matrix(self) -> PageContext:
        page = MATRIX_PAGE
        regions = self.regions
        groups = []
        for kernel in self.kernels:
            rows = []
            for intervention in self.interventions_of(kernel):
                cells = []
                for region in regions:
                    offers = [o for o in self.offers.get(intervention.id, []) if o.region.id == region.id and o.own is None]
                    cells.append(self._cell(page, region, offers))
                rows.append(
                    {"naam": intervention.naam, "href": link(page, intervention_page(intervention.id)), "eigen": None, "cellen": cells}
                )
            # One row for all region-specific interventions of this kernelement: a row per own
            # intervention would make the matrix grow with regions times regions.
            own_cells = []
            for region in regions:
                offers = [o for o in self.offers_of(region) if o.own is not None and o.kernelement == kernel.id]
                own_cells.append(self._cell(page, region, offers))
            if any(cell["marks"] for cell in own_cells):
                rows.append({"naam": "Eigen interventies van de regio", "href": None, "eigen": True, "cellen": own_cells})
            groups.append({"id": kernel.id, "naam": kernel.naam, "rijen": rows})
        context = {
            "regios": [
                {"naam": r.naam, "href": link(page, region_page(r.id, "interventies")), "periode": self.period(r).label} for r in regions
            ],
            "groepen": groups,
            "legenda": [{"symbool": STATUS_SYMBOLS[s], "tekst": label} for s, label in STATUS_LABELS.items()],
            "kolommen": len(regions) + 1,
        }
        return PageContext(page, "vergelijk/matrix.md.j2", context)

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

    def conformance(self, verdicts: list[Verdict]) -> PageContext:
        page = "vergelijk/toetsing.md"
        regions = []
        for region in self.regions:
            own = [v for v in verdicts if v.region == region.id]
            period = self.period(region)
            regions.append(
                {
                    "naam": region.naam,
                    "href": link(page, region_page(region.id), "toetsing"),
                    "periode": period.text,
                    "leidraad_noot": region.plan.leidraad_redactie,
                    "periode_kort": period.label + (f"; volgt versie {period.older_leidraad.versie}" if period.older_leidraad else ""),
                    "afgelopen": period.ended,
                    "telling": {outcome: sum(v.outcome == outcome for v in own) for outcome in OUTCOMES},
                    "indicatief": sum(v.indicatief for v in own),
                    **verdict_sections(self, region, page),
                }
            )
        context = {
            "regios": regions,
            "versies": link(page, "leidraad/versies.md"),
            "leidraad": self.leidraad.versie,
            "stand": dutch_date(self.today),
        }
        return PageContext(page, "vergelijk/toetsing.md.j2", context)

    def organisation(self) -> PageContext:
        page = "vergelijk/organisatie.md"
        tariffs, intervisie, plans, milestones, indicators = [], [], [], [], []
        for region in self.regions:
            ref = {"regio": region.naam, "href": link(page, region_page(region.id))}
            for t in region.financiering.tarieven if region.financiering else []:
                tariffs.append(
                    {
                        **ref,
                        "verzekeraar": t.verzekeraar,
                        "bedrag": euro(t.bedrag),
                        "eenheid": t.eenheid,
                        "jaar": t.jaar or "–",
                        "geldig": tariff_validity(t.jaar, self.today.year),
                        "code": t.prestatiecode or "–",
                    }
                )
            if not (region.financiering and region.financiering.tarieven):
                tariffs.append(
                    {**ref, "verzekeraar": "–", "bedrag": "niet vermeld", "eenheid": "–", "jaar": "–", "geldig": "–", "code": "–"}
                )
            i = region.intervisie
            intervisie.append(
                {
                    **ref,
                    "organisator": (i.organisator if i and i.organisator else "niet vermeld"),
                    "frequentie": (i.frequentie if i and i.frequentie else "niet vermeld"),
                    "eerste": (i.eerste if i and i.eerste else "niet vermeld"),
                    "groepsgrootte": (i.groepsgrootte if i and i.groepsgrootte else "niet vermeld"),
                }
            )
            p = region.praktijkplan
            plans.append(
                {
                    **ref,
                    "vorm": p.vorm if p else "niet vermeld",
                    "deadline": (p.deadline if p and p.deadline else "niet vermeld"),
                    "onderdelen": ", ".join(part.titel for part in p.onderdelen) if p and p.onderdelen else "niet vermeld",
                }
            )
            for m in region.tijdlijn:
                if m.datum:
                    # The plan's own words ("Vóór 20 maart"): a deadline stays a deadline, not an event on that day.
                    when = m.wanneer if str(m.datum.year) in m.wanneer else f"{m.wanneer} {m.datum.year}"
                    milestones.append({**ref, "datum": m.datum, "datum_tekst": when, "wat": m.wat})
            for ind in region.monitoring.indicatoren if region.monitoring else []:
                indicators.append({**ref, "naam": ind.naam, "niveau": INDICATOR_LEVELS[ind.niveau], "norm": ind.norm or "–"})
        milestones.sort(key=lambda m: (m["datum"], m["regio"]))
        context = {
            "tarieven": tariffs,
            "intervisie": intervisie,
            "praktijkplannen": plans,
            "mijlpalen": milestones,
            "indicatoren": indicators,
            "landelijk": link(page, "leidraad/doelen-en-monitoring.md"),
        }
        return PageContext(page, "vergelijk/organisatie.md.j2", context)

    def picker(self, verdicts: list[Verdict]) -> PageContext:
        """The picker page: a plain listing that works without JavaScript, plus the same data as JSON."""
        page = "vergelijk/kiezer.md"
        regions = []
        for region in self.regions:
            plan = region.plan
            offers = self.offers_of(region)
            own = [v for v in verdicts if v.region == region.id]
            facts = {
                "RHO": region.rho.naam,
                "Zorgverzekeraars": ", ".join(z.naam for z in region.zorgverzekeraars),
                "Periode": self.period(region).label,
                "Volgt leidraad": f"versie {self.project.leidraden[plan.leidraad].versie}",
                **{f"Aanbod: {k.naam}": str(n) for k, n in zip(self.kernels, self._counts(region), strict=True)},
                "Intervisie": region.intervisie.frequentie if region.intervisie and region.intervisie.frequentie else "niet vermeld",
                "Praktijkplan uiterlijk": region.praktijkplan.deadline
                if region.praktijkplan and region.praktijkplan.deadline
                else "niet vermeld",
                "Tarieven": "; ".join(
                    f"{t.verzekeraar} {euro(t.bedrag)} ({t.jaar or 'jaar niet vermeld'})" for t in region.financiering.tarieven
                )
                if region.financiering and region.financiering.tarieven
                else "niet vermeld",
                "Toetsing": ", ".join(f"{sum(v.outcome == o for v in own)} {o}" for o in OUTCOMES),
            }
            interventions = {}
            for offer in offers:
                key = f"{offer.name} (eigen interventie)" if offer.own else offer.national.naam
                interventions.setdefault(key, []).append(f"{offer.symbol} {offer.label}")
            regions.append(
                {
                    "id": region.id,
                    "naam": region.naam,
                    "href": link(page, region_page(region.id)),
                    "feiten": facts,
                    "interventies": {name: "; ".join(marks) for name, marks in sorted(interventions.items())},
                }
            )
        data = [{"id": r["id"], "naam": r["naam"], "feiten": r["feiten"], "interventies": r["interventies"]} for r in regions]
        payload = script_json(data)
        return PageContext(page, "vergelijk/kiezer.md.j2", {"regios": regions, "data": payload})
