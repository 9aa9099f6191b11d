"""Contexts of the region section: the list of regions and, per region, its regioplan pages.

A region gets four pages, so that a huisarts finds what the plan asks of the practice without
reading one endless page: an overview (who, which plan, which interventions per kernelement,
the region's own rules), the interventions in detail, taking part (support, obligations,
intervisie, praktijkplan), and monitoring, financing and timeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from generator.addresses import (
    PLAN_BUILDER_SCRIPT,
    PLAN_CHECK_SCRIPT,
    intervention_page,
    practice_plan_pdf,
    region_page,
    region_plan_pdf,
)
from generator.data.crosscheck import source_refs
from generator.dutch import NOT_STATED, alphabetical, dutch_date, euro, names
from generator.models import CHECKED_BY_THE_CHECK, Kernelement, Region, RegionIntervention, SourceRef
from generator.rules.changes import plan_changes
from generator.rules.conformance import restated_rules
from generator.rules.offer import STATUS_ORDER, Amount, kernel_count
from generator.rules.planrules import describe_rule
from generator.site.escape import css_string, script_json

from .base import INDICATOR_LEVELS, PageBuilder, PageContext, link, web_link
from .calendar import calendar_label, calendar_path, dated
from .compare import SIMILARITY_EXPLAINED
from .practiceform import PracticeForm
from .verdicts import verdict_sections

SUBPAGES = [
    ("index", "Overzicht"),
    ("interventies", "Interventies"),
    ("deelname", "Deelname en praktijkplan"),
    ("monitoring-en-financiering", "Monitoring, financiering en tijdlijn"),
    ("praktijkplan", "Praktijkplan"),
    ("planbouwer", "Planbouwer"),
]
# Label and attribute of each detail of a region's intervention, in reading order.
DETAIL_FIELDS = [
    ("Wat", "wat"),
    ("Waarom deze interventie", "waarom"),
    ("Hoe", "hoe"),
    ("Wat het oplevert", "opbrengst"),
    ("Minimale eis", "minimale_eis"),
    ("Einddoel", "einddoel"),
    ("Verdieping", "verdieping"),
    ("Ondersteuning door de RHO", "ondersteuning"),
    ("Doelgroep", "doelgroep"),
    ("Inspanningsverplichting", "inspanningsverplichting"),
    ("Tips", "tips"),
    ("Kosten", "kosten"),
]
INTERVISIE_FIELDS = [
    ("Organisator", "organisator"),
    ("Hoe vaak", "frequentie"),
    ("Eerste bijeenkomst", "eerste"),
    ("Groepsgrootte", "groepsgrootte"),
    ("Deelnemers", "deelnemers"),
    ("Vorm", "vorm"),
    ("Toelichting", "toelichting"),
]


class RegionPages(PageBuilder):
    def all(self) -> list[PageContext]:
        pages = [self.regions_index()]
        for region in self.lookups.regions:
            pages += [
                self.overview(region),
                self.interventions(region),
                self.participation(region),
                self.monitoring(region),
                self.practice_plan(region),
                self.plan_builder(region),
            ]
            if len(region.versiegeschiedenis) > 1:
                pages.append(self.versions(region))
            if region.id in self.lookups.project.monitors:
                pages.append(self.monitor_overview(region))
        return pages

    def versions(self, region: Region) -> PageContext:
        page = region_page(region.id, "versies")
        history = self.region_versions(region, lambda ref: self.lookups.source(ref, page))
        for version, changes in zip(history, self.version_changes(region, page), strict=True):
            version["veranderd"] = changes
        return PageContext(page, "regios/versies.md.j2", {**self._base(region, page), "versies": history})

    def monitor_overview(self, region: Region) -> PageContext:
        """The regiomonitor as the RHO published it: only rounded counts, with the date of the data."""
        page = region_page(region.id, "regiomonitor")
        overview = self.lookups.project.monitors[region.id]
        context = {**self._base(region, page), "monitor": overview, "stand": dutch_date(overview.stand)}
        return PageContext(page, "regios/regiomonitor.md.j2", context)

    # ------------------------------------------------------------ helpers

    def _goal_titles(self) -> dict[str, str]:
        return {g.id: g.titel for leidraad in self.lookups.project.leidraden.values() for g in leidraad.doelstellingen}

    def _when(self, choice: RegionIntervention) -> str:
        """'jaar 2, sinds 2024', or 'niet vermeld' where the plan gives an offer no year."""
        parts = []
        if choice.jaar:
            parts.append(f"jaar {choice.jaar}")
        if choice.sinds:
            parts.append(f"sinds {choice.sinds}")
        return ", ".join(parts) or NOT_STATED

    def _subpages(self, region: Region) -> list[tuple[str, str]]:
        # The history page exists only where the data records more than one version.
        return (
            SUBPAGES
            + ([("versies", "Versies")] if len(region.versiegeschiedenis) > 1 else [])
            + ([("regiomonitor", "Regiomonitor")] if region.id in self.lookups.project.monitors else [])
        )

    def _subnav(self, region: Region, page: str) -> list[dict[str, Any]]:
        return [
            {"titel": title, "href": link(page, region_page(region.id, sub)), "actief": region_page(region.id, sub) == page}
            for sub, title in self._subpages(region)
        ]

    def _base(self, region: Region, page: str) -> dict[str, Any]:
        contact = region.contact
        reach = [x for x in (contact.email, contact.telefoon, contact.website) if x]
        return {
            "naam": region.naam,
            "slug": region.id,
            "contact_regel": " · ".join([contact.organisatie + (f" ({contact.naam})" if contact.naam else ""), *reach]),
            "subnav": self._subnav(region, page),
            "regios": link(page, "regios/index.md"),
            "pdf_praktijkplan": link(page, practice_plan_pdf(region.id)),
            "pdf_regioplan": link(page, region_plan_pdf(region.id)),
        }

    def form(self, region: Region) -> dict[str, Any]:
        """The praktijkplan form as the region lays it out; shared by the web page, the PDF and fill-plan
        (built once per build: the page and the PDF read the same form)."""
        return self.lookups.once(("practice form", region.id), lambda: PracticeForm(self.lookups, region).build())

    def practice_plan(self, region: Region) -> PageContext:
        page = region_page(region.id, "praktijkplan")
        version = f"versie {region.plan.versie}" if region.plan.versie else region.plan.titel or ""
        # Margins of the printed page: region, plan version, page number (Chromium's @page boxes).
        print_style = Markup(
            '<style media="print">@page { size: A4; margin: 18mm 15mm; '
            f"@top-left {{ content: {css_string('Praktijkplan MTVP · ' + region.naam)}; }} "
            f"@top-right {{ content: {css_string(version)}; }} "
            '@bottom-center { content: "Pagina " counter(page) " van " counter(pages); } }</style>'
        )
        context = {
            **self._base(region, page),
            "form": self.form(region),
            "planbouwer": link(page, region_page(region.id, "planbouwer")),
            "print_style": print_style,
        }
        return PageContext(page, "regios/praktijkplan.md.j2", context)

    def plan_builder(self, region: Region) -> PageContext:
        page = region_page(region.id, "planbouwer")
        rules = self.lookups.plan_rules(region)
        payload = script_json(rules)
        context = {
            **self._base(region, page),
            "regels": payload,
            "regellijst": [f"{describe_rule(r, rules['kernelementen'])} ({_origin(r)})" for r in rules["regels"]],
            "praktijkplan": link(page, region_page(region.id, "praktijkplan")),
            "groeimodel": rules["groeimodel"],
            "verplichtingen": self._ledgers(region, rules, page),
            "scripts": [Markup(PLAN_CHECK_SCRIPT), Markup(PLAN_BUILDER_SCRIPT)],  # site paths, not text
        }
        return PageContext(page, "regios/planbouwer.md.j2", context)

    def _ledgers(self, region: Region, rules: dict, page: str) -> list[dict]:
        """What the region's plan and the leidraad versions its plans are checked by ask of a
        practice, sentence by sentence, and what the plan builder does with each (data/verplichtingen/)."""
        project = self.lookups.project
        origins = {rule["herkomst"] for rule in rules["regels"]}
        documents = [region.plan.document] + [
            v.document for v in sorted(project.leidraden.values(), key=lambda v: v.versie) if f"leidraad versie {v.versie}" in origins
        ]
        eis = {rule["id"]: describe_rule(rule, rules["kernelementen"]) for rule in rules["regels"]}
        # A leidraad version the region does not follow has its rules under "v<versie>-" in this region.
        for rule in rules["regels"]:
            eis.setdefault(rule["id"].split("-", 1)[1] if re.match(r"v\d+-", rule["id"]) else rule["id"], eis[rule["id"]])
        found = []
        for document in dict.fromkeys(documents):
            ledger = project.ledgers.get(document)
            if ledger is None:
                continue
            rows = [
                {
                    "regel": entry.regel,
                    "tekst": entry.tekst,
                    "hoe": LEDGER_KINDS[entry.soort],
                    "details": [eis.get(rule) or CHECKED_BY_THE_CHECK.get(rule, rule) for rule in entry.getoetst_door]
                    + ([entry.waarom] if entry.waarom else []),
                }
                for entry in ledger.verplichtingen
            ]
            found.append({"bron": self.lookups.source_document(document, page), "gelezen": ledger.gelezen, "rijen": rows})
        return found

    # ------------------------------------------------------------ pages

    def regions_index(self) -> PageContext:
        page = "regios/index.md"
        rows = []
        for region in self.lookups.regions:
            plan = region.plan
            rows.append(
                {
                    "naam": region.naam,
                    "href": link(page, region_page(region.id)),
                    "rho": region.rho.naam,
                    "verzekeraars": names(region.zorgverzekeraars),
                    "periode": self.lookups.period(region).label,
                    "versie": " ".join(x for x in [plan.versie or "", dutch_date(plan.datum)] if x) or NOT_STATED,
                    "leidraad": self.lookups.project.leidraden[plan.leidraad].titel.split(",")[0]
                    + f" (versie {self.lookups.project.leidraden[plan.leidraad].versie})",
                    "aantal": str(Amount.total(self.lookups.amounts(region))),
                }
            )
        return PageContext(page, "regios/index.md.j2", {"regios": rows})

    def overview(self, region: Region) -> PageContext:
        page = region_page(region.id)
        plan = region.plan
        leidraad = self.lookups.project.leidraden[plan.leidraad]
        details_page = region_page(region.id, "interventies")
        groups = []
        for kernel in self.lookups.kernels:
            offers = sorted(
                (o for o in self.lookups.offers_of(region) if o.kernelement == kernel.id),
                key=lambda o: (STATUS_ORDER.index(o.choice.status), o.name),
            )
            amount = self._offer_amount(region, kernel, page)
            if offers or amount:
                groups.append(
                    {
                        "naam": kernel.naam,
                        "id": kernel.id,
                        "aanbod": amount,
                        "rijen": [
                            {
                                "naam": o.name,
                                "href": link(page, details_page, o.anchor),
                                "status": o.label,
                                "wanneer": self._when(o.choice),
                                "eigen": o.own is not None,
                            }
                            for o in offers
                        ],
                    }
                )
        restated = {r.rule.id for r in restated_rules(self.lookups.project, region)}
        names = {o.choice.interventie: o.name for o in self.lookups.offers_of(region)}
        names |= {v.id: v.naam for v in self.lookups.project.catalogue.interventies if v.id not in names}
        rules = [
            {
                "titel": r.titel,
                "toelichting": r.toelichting,
                "jaar": f"jaar {r.jaar}" + (" en verder" if r.en_verder else ""),
                "noemt": [names[i] for i in r.interventies]
                + [self.lookups.kernel_by_id[k].naam for k in r.kernelementen]
                + (["deelname aan de intervisie"] if r.intervisie else []),
                "bron": self.lookups.source(r.bron, page),
            }
            for r in region.regels
            if r.id not in restated
        ]
        intervisie = region.intervisie
        plan_rules = self.lookups.plan_rules(region)
        practice_plan = region.praktijkplan
        context = {
            **self._base(region, page),
            # What a practice must do, first: when its plan is due, the intervisie, what it must choose.
            "voor_de_praktijk": {
                "deadline": practice_plan.deadline if practice_plan and practice_plan.deadline else NOT_STATED,
                "intervisie": intervisie.frequentie if intervisie and intervisie.frequentie else NOT_STATED,
                # The rules of the region's own plan and leidraad version; the plan builder also applies
                # other versions in the calendar years they govern, and lists them there.
                "keuzes": [describe_rule(r, plan_rules["kernelementen"]) for r in plan_rules["regels"] if r["eigen"]],
                "praktijkplan": link(page, region_page(region.id, "praktijkplan")),
                "planbouwer": link(page, region_page(region.id, "planbouwer")),
                "deelname": link(page, region_page(region.id, "deelname")),
                "agenda": link(page, calendar_path(region.id)) if dated(region) else None,
                "agenda_label": calendar_label(region) if dated(region) else None,
            },
            "rho": region.rho,
            "rho_website": web_link(region.rho.website, region.rho.website) if region.rho.website else None,
            "contact_website": web_link(region.contact.website, region.contact.website) if region.contact.website else None,
            "cooperaties": region.cooperaties,
            "partners": region.partners,
            "subregios": [{"naam": s.naam, "toelichting": s.toelichting} for s in region.subregios],
            "verzekeraars": region.zorgverzekeraars,
            "plan": {
                "titel": plan.titel or NOT_STATED,
                "versie": plan.versie or NOT_STATED,
                "datum": dutch_date(plan.datum) or NOT_STATED,
                "status": plan.status,
                "periode": self.lookups.period(region).text,
                # The year, not the day: whether a plan has ended is decided per calendar year, and a
                # day would change the page (and its PDF) every morning.
                "stand": self.lookups.today.year,
                "afgelopen": self.lookups.period(region).ended,
                "leidraad": f"{leidraad.titel} (versie {leidraad.versie})",
                "leidraad_href": link(page, "leidraad/versies.md", leidraad.id),
                "leidraad_redactie": plan.leidraad_redactie,
                "bron": self.source_document(plan.document, page),
                "online": self.lookups.online(plan.document),
            },
            "contact": region.contact,
            "versies_href": link(page, region_page(region.id, "versies")) if len(region.versiegeschiedenis) > 1 else None,
            "samenvatting": region.samenvatting,
            "visie": self.lookups.points(region.visie, page),
            "groepen": groups,
            "intervisie_als_interventie": intervisie.getoond_als_interventie if intervisie else None,
            "intervisie_href": link(page, region_page(region.id, "deelname"), "intervisie"),
            "regels": rules,
            "toetsing": verdict_sections(self.lookups, region, page),
            "toetsing_alle": link(page, "vergelijk/toetsing.md"),
            "vergelijkbaar": [
                {"naam": x.other.naam, "href": link(page, region_page(x.other.id)), "gedeeld": x.shared, "samen": x.either}
                for x in self.lookups.similar[region.id]
            ],
            "gelijkenis": SIMILARITY_EXPLAINED,
        }
        return PageContext(page, "regios/overzicht.md.j2", context)

    def region_sources(self, region: Region) -> list[dict[str, Any]]:
        """The documents a region's data and its toetsing cite, with where to read them: for the regioplan PDF."""
        judged = [v.source for v in self.lookups.verdicts(region)]
        if self.lookups.period(region).older_leidraad is not None:
            judged += [item.source for item in self.lookups.road_to_newest(region)]
        used = [region.plan.document, *(ref.document for _, ref in source_refs(region)), *(ref.document for ref in judged if ref)]
        found = []
        for document_id in dict.fromkeys(used):
            d = self.lookups.documents[document_id]
            pages = ([{"titel": d.adres, "adres": d.adres, "geraadpleegd": dutch_date(d.geraadpleegd)}] if d.adres else []) + [
                {"titel": p.titel, "adres": p.adres, "geraadpleegd": dutch_date(p.geraadpleegd)} for p in d.paginas
            ]
            found.append({"titel": d.titel, "uitgever": d.uitgever, "versie": d.versie, "datum": dutch_date(d.datum), "online": pages})
        return found

    def region_versions(self, region: Region, source: Callable[[SourceRef], str]) -> list[dict[str, Any]]:
        """The plan's versions as the data records them, newest first; `source` writes a reference
        (a Markdown link on the versions page, plain text in the regioplan PDF)."""
        return [
            {
                "versie": v.versie or "zonder nummer",
                "datum": dutch_date(v.datum) or "datum niet vermeld",
                "wijzigingen": v.wijzigingen,
                "bron": source(v.bron),
            }
            for v in reversed(region.versiegeschiedenis)
        ]

    def version_changes(self, region: Region, page: str) -> list[dict[str, Any] | None]:
        """Per version (newest first, as region_versions), what changed from the version before,
        where the data holds both versions; None where it does not."""
        history = region.versiegeschiedenis
        data = [self.lookups.project.earlier_version(region, v) for v in history[:-1]] + [region]
        found: list[dict[str, Any] | None] = [None]
        for i in range(1, len(history)):
            old, new = data[i - 1], data[i]
            if old is None or new is None:
                found.append(None)
                continue
            comparison = plan_changes(self.lookups.project.catalogue, old, new, history[i].bron)
            found.append(
                {
                    "vorige": _version_name(history[i - 1]),
                    "wijzigingen": self.lookups.change_items(comparison.changes, page),
                    "gedeeltelijk": old.gegevens == "gedeeltelijk",
                    "redactie": old.redactie,
                    "niet_vergeleken": comparison.not_compared,
                }
            )
        return list(reversed(found))

    def source_document(self, document_id: str, page: str) -> Markup:
        return self.lookups.source(SourceRef(document=document_id, sectie="het hele document"), page)

    def _offer_amount(self, region: Region, kernel: Kernelement, page: str) -> dict[str, Any] | None:
        """What the sources say about the number of options in a kernelement, where the rows alone do
        not say it all (a stated number, options not named, a partial source); None where they do."""
        count = kernel_count(self.lookups.offers_of(region), region, kernel.id)
        if count.amount.exact:
            return None
        return {
            "aantal": count.amount.words("interventie", "interventies"),
            "uitspraken": [
                {
                    "tekst": s.tekst,
                    "wie_kiest": s.wie_kiest,
                    "redactie": s.redactie,
                    "bron": self.lookups.source(s.bron, page),
                }
                for s in count.statements
            ],
            "deel": not region.plan.bron_volledig,
        }

    def interventions(self, region: Region) -> PageContext:
        page = region_page(region.id, "interventies")
        goals = self._goal_titles()
        groups = []
        for kernel in self.lookups.kernels:
            offers = [o for o in self.lookups.offers_of(region) if o.kernelement == kernel.id]
            amount = self._offer_amount(region, kernel, page)
            if not offers and not amount:
                continue
            items = []
            for offer in sorted(offers, key=lambda o: (STATUS_ORDER.index(o.choice.status), alphabetical(o.name))):
                choice = offer.choice
                national_id = offer.national.id if offer.national else None
                fields = []
                for label, attribute in DETAIL_FIELDS:
                    value = getattr(choice, attribute)
                    if isinstance(value, list) and value:
                        fields.append({"label": label, "lijst": value, "tekst": None})
                    elif value and not isinstance(value, list):
                        fields.append({"label": label, "lijst": [], "tekst": value})
                if choice.doelstellingen:
                    fields.append({"label": "Draagt bij aan", "lijst": [goals[g] for g in choice.doelstellingen], "tekst": None})
                items.append(
                    {
                        "naam": offer.name,
                        "anchor": offer.anchor,
                        "status": offer.label,
                        "wanneer": self._when(choice),
                        "eigen": offer.own.beschrijving if offer.own else None,
                        "landelijk": {
                            "naam": self.lookups.national[national_id].naam,
                            "href": link(page, intervention_page(national_id)),
                            # Filed by the region under another kernelement than the leidraad's.
                            "elders": self.lookups.kernel_by_id[self.lookups.national[national_id].kernelement].naam
                            if self.lookups.national[national_id].kernelement != offer.kernelement
                            else None,
                        }
                        if national_id
                        else None,
                        # What the leidraad adds for every region (such as the meedenkadvies' own S1
                        # payment title since 2026), shown apart from the region's own text.
                        "landelijk_let_op": self.lookups.national[national_id].let_op if national_id and not offer.own else [],
                        "velden": fields,
                        "bronnen": self.lookups.sources_line(choice.bron + ([offer.own.bron] if offer.own else []), page),
                    }
                )
            groups.append({"naam": kernel.naam, "id": kernel.id, "aanbod": amount, "interventies": items})
        intervisie = region.intervisie
        context = {
            **self._base(region, page),
            "groepen": groups,
            "intervisie_als_interventie": intervisie.getoond_als_interventie if intervisie else None,
            "intervisie_href": link(page, region_page(region.id, "deelname"), "intervisie"),
        }
        return PageContext(page, "regios/interventies.md.j2", context)

    def participation(self, region: Region) -> PageContext:
        page = region_page(region.id, "deelname")
        intervisie = region.intervisie
        practice_plan = region.praktijkplan
        goals = self._goal_titles()
        context = {
            **self._base(region, page),
            "ondersteuning": self.lookups.points(region.ondersteuning, page),
            "verplichtingen": self.lookups.points(region.verplichtingen, page),
            "intervisie": None
            if intervisie is None
            else {
                "velden": [
                    {"label": label, "tekst": getattr(intervisie, attr)} for label, attr in INTERVISIE_FIELDS if getattr(intervisie, attr)
                ],
                "doelstellingen": [goals[g] for g in intervisie.doelstellingen],
                "als_interventie": intervisie.getoond_als_interventie,
                "bronnen": self.lookups.sources_line(intervisie.bron, page),
                "horde": link(page, "leidraad/minimale-horde.md", "lerende-omgeving"),
            },
            "praktijkplan": None
            if practice_plan is None
            else {
                "vorm": practice_plan.vorm,
                "deadline": practice_plan.deadline or NOT_STATED,
                "indienen": practice_plan.indienen or NOT_STATED,
                "onderdelen": [
                    {"titel": p.titel, "toelichting": p.toelichting, "verplicht": p.verplicht} for p in practice_plan.onderdelen
                ],
                "instructies": practice_plan.instructies,
                "bronnen": self.lookups.sources_line(practice_plan.bron, page),
            },
            "formulier": link(page, region_page(region.id, "praktijkplan")),
        }
        return PageContext(page, "regios/deelname.md.j2", context)

    def monitoring(self, region: Region) -> PageContext:
        page = region_page(region.id, "monitoring-en-financiering")
        monitoring = region.monitoring
        financing = region.financiering
        context = {
            **self._base(region, page),
            "monitoring": None
            if monitoring is None
            else {
                "toelichting": monitoring.toelichting,
                "indicatoren": [
                    {
                        "naam": i.naam,
                        "doel": i.doel or NOT_STATED,
                        "norm": i.norm or NOT_STATED,
                        "niveau": INDICATOR_LEVELS[i.niveau],
                        "bron": self.lookups.source(i.bron, page),
                    }
                    for i in monitoring.indicatoren
                ],
                "punten": self.lookups.points(monitoring.punten, page),
                "bronnen": self.lookups.sources_line(monitoring.bron, page),
            },
            "financiering": None
            if financing is None
            else {
                "toelichting": financing.toelichting,
                "tarieven": [
                    {
                        "verzekeraar": t.verzekeraar,
                        "bedrag": euro(t.bedrag),
                        "eenheid": t.eenheid,
                        "jaar": t.jaar or NOT_STATED,
                        "code": t.prestatiecode or NOT_STATED,
                        "toelichting": t.toelichting or "",
                        "bron": self.lookups.source(t.bron, page),
                    }
                    for t in financing.tarieven
                ],
                "punten": self.lookups.points(financing.punten, page),
                "bronnen": self.lookups.sources_line(financing.bron, page),
            },
            "tijdlijn": [{"wanneer": m.wanneer, "wat": m.wat, "bron": self.lookups.source(m.bron, page)} for m in region.tijdlijn],
            "overig": self.lookups.points(region.overig, page),
        }
        return PageContext(page, "regios/monitoring-en-financiering.md.j2", context)


def _version_name(version) -> str:
    """'versie 2.7 van 6 november 2024', or 'de versie van 29 maart 2023' without a number."""
    date = f" van {dutch_date(version.datum)}" if version.datum else ""
    return f"versie {version.versie}{date}" if version.versie else f"de versie{date}"


# What the plan builder does with a sentence of a source, by the ledger's kind.
LEDGER_KINDS = {
    "controleerbaar": "getoetst",
    "formulier": "gevraagd in het plan, inhoud niet te toetsen",
    "tonen": "niet te toetsen",
    "niet-voor-praktijk": "vraagt iets van de RHO of anderen",
}


def _origin(rule: dict) -> str:
    """Where a plan rule comes from, with the calendar years when it is another leidraad version's."""
    if rule["eigen"] or not rule["kalenderjaren"]:
        return rule["herkomst"]
    first, last = rule["kalenderjaren"]
    return f"{rule['herkomst']}, in {first}" if first == last else f"{rule['herkomst']}, in {first}–{last}"
