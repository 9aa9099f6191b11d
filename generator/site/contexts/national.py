"""Contexts of the national pages: the leidraad section, the catalogue and the sources page."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from generator.addresses import (
    CATALOGUE_PAGE,
    GLOSSARY_PAGE,
    SEARCH_PAGE,
    SEARCH_SCRIPT,
    SOURCES_PAGE,
    abbreviation_anchor,
    intervention_page,
    region_page,
)
from generator.dutch import NOT_STATED, alphabetical, dutch_date, dutch_number, requirement_label
from generator.models import Intervention, Leidraad, Region, SourceRef
from generator.rules.changes import leidraad_changes
from generator.rules.conformance import document_name
from generator.rules.offer import STATUS_ORDER

from .base import NATURE_LABELS, PageBuilder, PageContext, in_parts, link, parts_list, rows_weight

# The rows of one page of an intervention, in bytes of their text and markup: an intervention that
# 200 regions offer was 130 KB on one page (and a part of 50 regions with the real plans' texts,
# five variants each, 170 KB); parts of at most this much stay under 100 KB with the menu.
INTERVENTION_BYTES = 55_000
ROW_MARKUP = 450  # bytes of HTML around a row's texts: cells, labels, the link to the region
# The support column of a catalogue row when the plan has no words on it: what `ondersteund` says.
SUPPORT_WITHOUT_TEXT = {"ja": "ja; het plan zegt niet hoe", "nee": "nee", "niet-vermeld": NOT_STATED}


class NationalPages(PageBuilder):
    """The leidraad section, the catalogue and the sources page."""

    def all(self) -> list[PageContext]:
        pages = [
            self.sources_page(),
            self.glossary_page(),
            self.search_page(),
            self.catalogue_index(),
            *(page for v in self.lookups.project.catalogue.interventies for page in self.intervention(v)),
            *self.leidraad_pages(),
        ]
        return pages

    def sources_page(self) -> PageContext:
        documents = [
            {
                "id": d.id,
                "titel": d.titel,
                "uitgever": d.uitgever,
                "versie": d.versie,
                "datum": dutch_date(d.datum),
                "toelichting": d.toelichting,
                "online": self.lookups.online(d.id),
            }
            for d in self.lookups.project.sources.documenten
        ]
        return PageContext(SOURCES_PAGE, "bronnen.md.j2", {"documents": documents})

    def glossary_page(self) -> PageContext:
        """Every abbreviation with its meaning: the page search puts first for 'POH' (engine/plugin.py)."""
        page = GLOSSARY_PAGE
        entries = [
            {
                "afkorting": a.afkorting,
                "anker": abbreviation_anchor(a.afkorting),
                "betekenis": a.betekenis,
                "uitleg": a.uitleg,
                "ook": ", ".join(a.ook),
                "bron": self.lookups.source(a.bron, page) if a.bron else None,
                "redactie": a.redactie,
            }
            for a in sorted(self.lookups.project.glossary.afkortingen, key=lambda a: a.afkorting.casefold())
        ]
        return PageContext(page, "afkortingen.md.j2", {"afkortingen": entries})

    def search_page(self) -> PageContext:
        """Where the header's search form leads (generator/engine/search.py); made here so every site has it."""
        page = SEARCH_PAGE
        return PageContext(page, "zoeken.md.j2", {"scripts": [Markup(SEARCH_SCRIPT)], "afkortingen": link(page, GLOSSARY_PAGE)})

    def catalogue_index(self) -> PageContext:
        page = CATALOGUE_PAGE
        groups = []
        for kernel in self.lookups.kernels:
            groups.append(
                {
                    "id": kernel.id,
                    "naam": kernel.naam,
                    "samenvatting": kernel.samenvatting,
                    "facultatief": kernel.facultatief,
                    "interventies": [
                        {
                            "naam": v.naam,
                            "nummer": v.nummer,
                            "samenvatting": v.samenvatting,
                            "href": link(page, intervention_page(v.id)),
                            "varianten": [x.naam for x in v.varianten],
                        }
                        for v in self.lookups.interventions_of(kernel)
                    ],
                }
            )
        total = len(self.lookups.project.catalogue.interventies)
        return PageContext(page, "catalogus.md.j2", {"groups": groups, "total": total, "leidraad": self.lookups.leidraad.titel})

    def intervention(self, intervention: Intervention) -> list[PageContext]:
        """The intervention's page, and, when more regions offer it than fit on that page, the
        parts that list them."""
        page = intervention_page(intervention.id)
        kernel = self.lookups.kernel_by_id[intervention.kernelement]
        if intervention.nummer is not None:
            place = f"nummer {intervention.nummer} in de lijst van hoofdstuk 4 (kernelement {kernel.naam})"
        else:
            place = "alleen beschreven in bijlage B; hoofdstuk 4 nummert haar niet"
        offers = self.lookups.offers.get(intervention.id, [])
        regions = sorted({o.region.id: o.region for o in offers}.values(), key=lambda r: (alphabetical(r.naam), r.id))
        rows = self.rows_by_region(intervention, regions, page)
        parts = in_parts(page, regions, INTERVENTION_BYTES, lambda region: rows_weight(rows[region.id], ROW_MARKUP))
        context = {
            "naam": intervention.naam,
            "samenvatting": intervention.samenvatting,
            "beschrijving": intervention.beschrijving,
            "kernelement": self.lookups.kernel_ref(kernel, page),
            "plaats": place,
            "aard": NATURE_LABELS[intervention.aard],
            "voorbeelden": intervention.voorbeelden,
            "let_op": intervention.let_op,
            "varianten": [
                {"id": v.id, "naam": v.naam, "beschrijving": v.beschrijving, "bron": self.lookups.source(v.bron, page)}
                for v in intervention.varianten
            ],
            "bronnen": self.lookups.sources(intervention.bron, page),
            "catalogus": link(page, CATALOGUE_PAGE),
            "regios": [] if parts else [row for region in regions for row in rows[region.id]],
            "aantal_regios": len(regions),
            "delen": parts_list(page, parts),
            "regios_index": link(page, "regios/index.md"),
        }
        return [
            PageContext(page, "interventie.md.j2", context),
            *(
                PageContext(
                    part.path,
                    "interventie-regios.md.j2",
                    {
                        "naam": intervention.naam,
                        "deel": part.neighbours(parts, page),
                        "regios": [row for rows in self.rows_by_region(intervention, part.regions, part.path).values() for row in rows],
                    },
                )
                for part in parts
            ),
        ]

    def rows_by_region(self, intervention: Intervention, regions: list[Region], page: str) -> dict[str, list[dict[str, Any]]]:
        """How each of `regions` offers this intervention (or its own intervention nearest to it),
        per region in their order."""
        order = {region.id: number for number, region in enumerate(regions)}
        rows: dict[str, list[dict[str, Any]]] = {region.id: [] for region in regions}
        for offer in sorted(
            (o for o in self.lookups.offers.get(intervention.id, []) if o.region.id in order),
            key=lambda o: (order[o.region.id], STATUS_ORDER.index(o.choice.status)),
        ):
            choice = offer.choice
            if offer.own:
                form = f"{offer.own.naam} (eigen interventie van de regio)"
            elif choice.variant:
                form = next(v.naam for v in intervention.varianten if v.id == choice.variant)
            else:
                form = choice.naam or ""  # the region's own name, for a form of its own too
            rows[offer.region.id].append(
                {
                    "regio": offer.region.naam,
                    "href": link(page, region_page(offer.region.id, "interventies"), offer.anchor),
                    "vorm": form,
                    "status": offer.label,
                    "minimale_eis": choice.minimale_eis
                    or (f"Inspanningsverplichting: {choice.inspanningsverplichting}" if choice.inspanningsverplichting else NOT_STATED),
                    "einddoel": choice.einddoel or NOT_STATED,
                    # The plan's words on support where it has them; else what `ondersteund` says.
                    "ondersteuning": choice.ondersteuning or SUPPORT_WITHOUT_TEXT[choice.ondersteund],
                }
            )
        return rows

    def leidraad_pages(self) -> list[PageContext]:
        leidraad = self.lookups.leidraad
        pages = [
            self.leidraad_index(leidraad),
            self.kernelementen_page(leidraad),
            self.groeimodel_page(leidraad),
            self.horde_page(leidraad),
            self.goals_page(leidraad),
            self.financing_page(leidraad),
            self.versions_page(),
        ]
        return pages

    def _meta(self, leidraad: Leidraad) -> dict[str, Any]:
        return {
            "titel": leidraad.titel,
            "versie": leidraad.versie,
            "datum": dutch_date(leidraad.datum),
            "door": ", ".join(leidraad.opgesteld_door),
            "jaren": " en ".join(str(y) for y in leidraad.geldig_voor),
        }

    def leidraad_index(self, leidraad: Leidraad) -> PageContext:
        page = "leidraad/index.md"
        subpages = [
            ("Kernelementen", "leidraad/kernelementen.md", "de vier onderdelen waaruit MTVP bestaat"),
            ("Groeimodel", "leidraad/groeimodel.md", "wat een praktijk per jaar minimaal doet"),
            ("Minimale horde", "leidraad/minimale-horde.md", "de drie voorwaarden om mee te doen"),
            ("Doelen en monitoring", "leidraad/doelen-en-monitoring.md", "de vijf doelstellingen en hoe ze worden gevolgd"),
            ("Bekostiging en contractering", "leidraad/bekostiging.md", "hoe MTVP wordt betaald en gecontracteerd"),
            ("Interventies", CATALOGUE_PAGE, "de catalogus met een pagina per interventie"),
            ("Versies van de leidraad", "leidraad/versies.md", "welke versie welk regioplan volgt"),
        ]
        context = {
            "meta": self._meta(leidraad),
            "samenvatting": leidraad.samenvatting,
            "definitie": self.lookups.points([leidraad.definitie], page)[0] if leidraad.definitie else None,
            "uitgangspunten": self.lookups.points(leidraad.uitgangspunten, page),
            "subpages": [{"titel": t, "href": link(page, p), "omschrijving": d} for t, p, d in subpages],
            "inleiding_bron": self.lookups.source(SourceRef(document=leidraad.document, sectie="Inleiding"), page)
            if leidraad.document
            else None,
        }
        return PageContext(page, "leidraad/index.md.j2", context)

    def kernelementen_page(self, leidraad: Leidraad) -> PageContext:
        page = "leidraad/kernelementen.md"
        kernels = [
            {
                "id": k.id,
                "nummer": k.nummer,
                "naam": k.naam,
                "facultatief": k.facultatief,
                "beschrijving": k.beschrijving,
                "aantal": len(self.lookups.interventions_of(k)),
                "href": link(page, CATALOGUE_PAGE, k.id),
                "bron": self.lookups.source(k.bron, page),
            }
            for k in self.lookups.kernels
        ]
        return PageContext(
            page, "leidraad/kernelementen.md.j2", {"toelichting": leidraad.kernelementen_toelichting, "kernelementen": kernels}
        )

    def groeimodel_page(self, leidraad: Leidraad) -> PageContext:
        page = "leidraad/groeimodel.md"
        model = leidraad.groeimodel
        if model is None:
            return PageContext(page, "leidraad/groeimodel.md.j2", {"model": None})
        growth = {g.kernelement: g for g in model.kernelementen}
        last_year = max(y.jaar for g in model.kernelementen for y in g.jaren)
        years = list(range(1, last_year + 1))
        columns = [k for k in self.lookups.kernels if k.id in growth]
        rows = []
        for year in years:
            label = f"Jaar {year}" + (" en verder" if year == last_year else "")
            cells = []
            for kernel in columns:
                rule = _rule_for_year(growth[kernel.id].jaren, year)
                derived = rule and (rule.afgeleid_uit or model.afgeleid_uit)
                cells.append((requirement_label(rule) + (" (afgeleid)" if derived else "")) if rule else NOT_STATED)
            rows.append({"jaar": label, "cellen": cells})
        details = [
            {
                "id": k.id,
                "naam": k.naam,
                "aanbod": growth[k.id].aanbod_minimaal,
                "toelichting": growth[k.id].toelichting,
                "jaren": [
                    {
                        "jaar": f"Jaar {y.jaar}" + (" en verder" if y.en_verder else ""),
                        "eis": requirement_label(y),
                        "toelichting": y.toelichting,
                        "afgeleid": self._derived(y.afgeleid_uit or model.afgeleid_uit),
                    }
                    for y in growth[k.id].jaren
                ],
                "aanbod_afgeleid": self._derived(growth[k.id].afgeleid_uit or model.afgeleid_uit),
                "bron": self.lookups.source(growth[k.id].bron, page),
            }
            for k in columns
        ]
        rules = [
            {"id": r.id, "titel": r.titel, "toelichting": r.toelichting, "bron": self.lookups.source(r.bron, page)} for r in model.regels
        ]
        context = {
            "afgeleid": any("(afgeleid)" in cell for row in rows for cell in row["cellen"]),
            "model": {"samenvatting": model.samenvatting, "bron": self.lookups.source(model.bron, page)},
            "kolommen": [k.naam for k in columns],
            "rijen": rows,
            "details": details,
            "regels": rules,
            "selectieregels": self.lookups.points(leidraad.selectieregels, page),
        }
        return PageContext(page, "leidraad/groeimodel.md.j2", context)

    def _derived(self, documents: list[str]) -> str | None:
        """'de regioplannen van Zuid-Holland Noord en Oost-Gelderland' for a rule reconstructed from them."""
        if not documents:
            return None
        names = [document_name(self.lookups.project, d) for d in documents]
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " en " + names[-1]

    def horde_page(self, leidraad: Leidraad) -> PageContext:
        page = "leidraad/minimale-horde.md"
        conditions = [
            {
                "nummer": c.nummer,
                "id": c.id,
                "titel": c.titel,
                "tekst": c.tekst,
                "taken": c.rho_taken,
                "bron": self.lookups.source(c.bron, page),
            }
            for c in sorted(leidraad.minimale_horde, key=lambda c: c.nummer)
        ]
        return PageContext(page, "leidraad/minimale-horde.md.j2", {"voorwaarden": conditions})

    def goals_page(self, leidraad: Leidraad) -> PageContext:
        page = "leidraad/doelen-en-monitoring.md"
        goals = {g.id: g for g in leidraad.doelstellingen}
        monitoring = leidraad.monitoring
        indicators = []
        if monitoring:
            for i in monitoring.indicatoren:
                figure = f"{dutch_number(i.referentiewaarde)} {i.eenheid or ''}".strip() if i.referentiewaarde is not None else NOT_STATED
                indicators.append(
                    {
                        "naam": i.naam,
                        "doel": i.doel,
                        "richting": i.richting.replace("-", " "),
                        "waarde": figure,
                        "doelstelling": goals[i.doelstelling].titel if i.doelstelling in goals else "",
                    }
                )
        context = {
            "doelen": [
                {"nummer": g.nummer, "id": g.id, "titel": g.titel, "tekst": g.tekst, "bron": self.lookups.source(g.bron, page)}
                for g in sorted(leidraad.doelstellingen, key=lambda g: g.nummer)
            ],
            "monitoring": None
            if monitoring is None
            else {
                "inleiding": monitoring.inleiding,
                "vormen": self.lookups.points(monitoring.vormen, page),
                "verantwoording": monitoring.verantwoording,
                "bron": self.lookups.source(monitoring.bron, page),
            },
            "indicatoren": indicators,
            "actualisatie": [
                {"wanneer": m.wanneer, "wat": m.wat, "bron": self.lookups.source(m.bron, page)} for m in leidraad.actualisatie
            ],
        }
        return PageContext(page, "leidraad/doelen-en-monitoring.md.j2", context)

    def financing_page(self, leidraad: Leidraad) -> PageContext:
        page = "leidraad/bekostiging.md"
        financing = leidraad.bekostiging
        context = {
            "bekostiging": None
            if financing is None
            else {
                "samenvatting": financing.samenvatting,
                "punten": self.lookups.points(financing.punten, page),
                "stappen": [{"nummer": s.nummer, "tekst": s.tekst} for s in sorted(financing.contracteerproces, key=lambda s: s.nummer)],
                "bron": self.lookups.source(financing.bron, page),
            }
        }
        return PageContext(page, "leidraad/bekostiging.md.j2", context)

    def versions_page(self) -> PageContext:
        page = "leidraad/versies.md"
        versions = sorted(self.lookups.project.leidraden.values(), key=lambda v: (min(v.geldig_voor, default=0), v.versie))
        rows = [
            {
                "id": v.id,
                "titel": v.titel,
                "versie": v.versie,
                "datum": dutch_date(v.datum),
                "jaren": ", ".join(str(y) for y in v.geldig_voor),
                "samenvatting": v.samenvatting,
                "groeimodel": v.groeimodel is not None,
                "actueel": v.id == self.lookups.leidraad.id,
                "bronnen": self.lookups.sources(v.bron, page),
                "regios": sorted((r.naam for r in self.lookups.project.regions.values() if r.plan.leidraad == v.id), key=alphabetical),
                "veranderd": self._changes(versions[i - 1], v, page) if i else None,
            }
            for i, v in enumerate(versions)
        ]
        return PageContext(page, "leidraad/versies.md.j2", {"versies": rows})

    def _changes(self, old: Leidraad, new: Leidraad, page: str) -> dict[str, Any]:
        """'Wat is er veranderd' between two consecutive versions (generator/rules/changes.py)."""
        names = {k.id: k.naam for k in self.lookups.kernels}
        items = self.lookups.change_items(leidraad_changes(old, new, names), page)
        return {"vorige": old.versie, "wijzigingen": items, "indicatief": any(i["indicatief"] for i in items)}


def _rule_for_year(rules, year: int):
    """The rule that governs `year`: its own, or the nearest earlier one that says 'en verder'."""
    exact = [r for r in rules if r.jaar == year]
    if exact:
        return exact[0]
    earlier = [r for r in rules if r.jaar < year and r.en_verder]
    return max(earlier, key=lambda r: r.jaar) if earlier else None
