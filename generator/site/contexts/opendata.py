"""Open data: the catalogue and every region as JSON, CSV and Excel downloads, with the schemas.

Files are generated from the validated data at build time, so a download never differs from
what the pages say. JSON holds everything; each table is a flat view for spreadsheets, as CSV and
as an Excel workbook with the same rows.
"""

from __future__ import annotations

import json

from generator.data.projectdata import CATALOGUE_FILE, LEIDRAAD_DIR, REGIONS_DIR, SOURCES_FILE
from generator.data.schema import published_schemas
from generator.dutch import NOT_STATED, dutch_date
from generator.rules.conformance import SECTION_TITLES
from generator.site.spreadsheet import DIALECT, Column, frictionless_fields, table, workbook

from .base import NATURE_LABELS, PageBuilder, PageContext, link

FOLDER = "open-data"
SUPPORT_WORDS = {"ja": "ja", "nee": "nee", "niet-vermeld": NOT_STATED}
REVIEWS = {"plan": "aan de leidraad die het plan volgt", "naar-nieuwste": "naar de nieuwste leidraad"}

# Each table's columns, with what they hold: written once, for the tables, the open-data page and
# datapackage.json. Names come first, as the site shows them; ids (for joining tables) last.
# What an empty cell means where the plan may not state a fact: never "none" or "no".
EMPTY_NOT_STATED = "leeg: niet vermeld in het plan"
INTERVENTION_COLUMNS = [
    Column("naam", "naam van de interventie in de leidraad"),
    Column("kernelement", "het kernelement waaronder de leidraad haar indeelt"),
    Column("nummer", "nummer van de interventie in de leidraad; leeg: de leidraad nummert haar niet (alleen in bijlage B)", "integer"),
    Column("aard", "wat voor interventie het is (werkwijze, training, ICT, samenwerking of personeel)"),
    Column("samenvatting", "wat de interventie inhoudt, in eigen woorden"),
    Column("varianten", "de vormen die de leidraad noemt, gescheiden door een puntkomma; leeg: de leidraad noemt er geen"),
    Column("id", "korte naam van de interventie (zoals in de webadressen)"),
    Column("kernelement_id", "korte naam van het kernelement"),
]
OFFER_COLUMNS = [
    Column("regio", "de regio"),
    Column("interventie", "de interventie zoals de regio haar noemt"),
    Column("variant", f"de vorm die de regio kiest; {EMPTY_NOT_STATED}"),
    Column("eigen_interventie", "ja als het een interventie van de regio zelf is, niet uit de leidraad"),
    Column("kernelement", "het kernelement waaronder de regio haar indeelt"),
    Column("status", "verplicht, aangeboden, in overweging of niet aangeboden"),
    Column("ondersteund", "of het plan ondersteuning door de RHO noemt: ja, nee of niet vermeld"),
    Column("minimale_eis", f"wat de regio minimaal vraagt; {EMPTY_NOT_STATED}"),
    Column("inspanningsverplichting", f"waartoe de praktijk zich verplicht, waar het plan dat zo noemt; {EMPTY_NOT_STATED}"),
    Column("einddoel", f"het einddoel dat het plan noemt; {EMPTY_NOT_STATED}"),
    Column("ondersteuning", f"hoe de RHO ondersteunt; {EMPTY_NOT_STATED}"),
    Column("regio_id", "korte naam van de regio"),
    Column("interventie_id", "korte naam van de interventie"),
    Column("kernelement_id", "korte naam van het kernelement"),
]
TARIFF_COLUMNS = [
    Column("regio", "de regio"),
    Column("verzekeraar", "de zorgverzekeraar die het tarief betaalt"),
    Column("bedrag_euro", "het bedrag in euro (in de CSV met een komma als decimaalteken)", "number", "Bedrag (euro)"),
    Column("eenheid", "waarvoor het bedrag geldt, zoals per ingeschreven patiënt per kwartaal"),
    Column("jaar", f"het jaar waarin het tarief geldt; {EMPTY_NOT_STATED}", "integer"),
    Column("prestatiecode", f"de prestatiecode; {EMPTY_NOT_STATED}"),
    Column("regio_id", "korte naam van de regio"),
]
VERDICT_COLUMNS = [
    Column("regio", "de regio"),
    Column("periode", "de looptijd van het plan"),
    Column("leidraad", "de leidraadversie waaraan getoetst is"),
    Column("toetsing", "aan de leidraad die het plan volgt, of naar de nieuwste leidraad (wat er dan zou moeten veranderen)"),
    Column("onderdeel", "minimale horde, groeimodel of eigen regels van de regio"),
    Column("regel", "wat de regel vraagt"),
    Column("herkomst", "waar de regel vandaan komt"),
    Column("uitkomst", "voldoet, voldoet niet of niet te beoordelen"),
    Column("indicatief", "ja als de regel uit een andere bron is afgeleid en het oordeel dus indicatief is"),
    Column("reden", "waarom: wat geteld is, of welk feit het plan niet noemt"),
    Column("noot_redactie", "een afweging van de redactie, apart van wat het plan zegt; leeg: geen noot", title="Noot van de redactie"),
    Column("regio_id", "korte naam van de regio"),
    Column("leidraad_id", "korte naam van de leidraadversie"),
]
SOURCE_COLUMNS = [
    Column("id", "korte naam van het brondocument"),
    Column("titel", "titel van het document"),
    Column("uitgever", "wie het uitgaf"),
    Column("versie", "versie van het document; leeg: het document noemt geen versie"),
    Column("datum", "datum van het document; leeg: het document noemt geen datum"),
    Column("soort", "document, of een webpagina die bij het document hoort"),
    Column("naam", "titel van het document of de webpagina"),
    Column("adres", "webadres; leeg: er is geen webadres vermeld"),
    Column("geraadpleegd", "wanneer de redactie de pagina las; leeg: niet vermeld"),
]
DESCRIPTIONS = {
    "bronnen.csv": ("Bronnen", "Een regel per brondocument en een per webpagina daarvan.", SOURCE_COLUMNS),
    "interventies.csv": ("Interventies", "Een regel per interventie van de leidraad.", INTERVENTION_COLUMNS),
    "regio-interventies.csv": ("Keuzes van de regio's", "Een regel per interventie per regio.", OFFER_COLUMNS),
    "tarieven.csv": ("Tarieven", "Een regel per tarief dat een regioplan noemt.", TARIFF_COLUMNS),
    "toetsing.csv": ("Toetsing", "Een regel per oordeel van de toetsing, zoals op de toetsingspagina's.", VERDICT_COLUMNS),
    "bronnen.json": ("Bronnen (JSON)", "data/bronnen.yml zoals hij is.", None),
    "catalogus.json": ("Catalogus (JSON)", "data/catalogus.yml zoals hij is: kernelementen en interventies.", None),
    "leidraad.json": ("Leidraadversies (JSON)", "Elke leidraadversie uit data/leidraad/ zoals hij is.", None),
    "regios.json": ("Regio's (JSON)", "Elk regiobestand uit data/regios/ zoals het is.", None),
    "datapackage.json": ("Beschrijving van de bestanden", "Bestanden, kolommen, licentie en datum, als Frictionless Data Package.", None),
}
# Each table as a workbook too: the same rows, with its columns explained inside.
DESCRIPTIONS |= {
    name.replace(".csv", ".xlsx"): (f"{title} (Excel)", f"De tabel {name} als Excel-werkboek, met een toelichting per kolom.", None)
    for name, (title, _, columns) in list(DESCRIPTIONS.items())
    if columns
}
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LICENCE_WORDS = "Creative Commons Naamsvermelding 4.0 (CC BY 4.0): https://creativecommons.org/licenses/by/4.0/"
LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Naamsvermelding 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}


def _json(data) -> str:
    # Compact: indented JSON goes through Python's slow pure-Python encoder.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _datapackage(files: dict[str, str | bytes], created: str) -> str:
    """A description of the data sets beside them (https://specs.frictionlessdata.io/data-package/)."""
    resources = []
    for name in files:
        title, description, columns = DESCRIPTIONS[name]
        resource = {"name": name.replace(".", "-"), "path": name, "title": title, "description": description}
        if columns:
            resource |= {
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": DIALECT,
                "schema": {"fields": frictionless_fields(columns)},
            }
        elif name.endswith(".xlsx"):
            resource |= {"format": "xlsx", "mediatype": XLSX_MEDIA_TYPE}
        else:
            resource |= {"format": "json", "mediatype": "application/json", "encoding": "utf-8"}
        resources.append(resource)
    package = {
        "name": "mtvp-handboek",
        "title": "MTVP-handboek: de leidraad en de regioplannen",
        "licenses": [LICENCE],
        "created": created,
        "resources": resources,
    }
    return json.dumps(package, ensure_ascii=False, indent=1) + "\n"


class OpenDataPages(PageBuilder):
    def all(self) -> list[PageContext]:
        project = self.lookups.project
        # The validated files' own values: what the authors wrote, already plain data.
        raw = {loaded.path: loaded.data for loaded in project.files.values()}
        kernels = {k.id: k.naam for k in project.catalogue.kernelementen}
        leidraden = {v.id: v for v in project.leidraden.values()}
        interventions = [
            [
                v.naam,
                kernels[v.kernelement],
                v.nummer,
                NATURE_LABELS[v.aard],
                v.samenvatting,
                "; ".join(x.naam for x in v.varianten),
                v.id,
                v.kernelement,
            ]
            for v in project.catalogue.interventies
        ]
        offers = [
            [
                region.naam,
                offer.name,
                offer.variant_name or offer.choice.variant,
                "ja" if offer.own else "nee",
                kernels.get(offer.kernelement, offer.kernelement),
                offer.status_label,
                SUPPORT_WORDS[offer.choice.ondersteund],
                offer.choice.minimale_eis,
                offer.choice.inspanningsverplichting,
                offer.choice.einddoel,
                offer.choice.ondersteuning,
                region.id,
                offer.choice.interventie,
                offer.kernelement,
            ]
            for region in self.lookups.regions
            for offer in self.lookups.offers_of(region)
        ]
        tariffs = [
            [r.naam, t.verzekeraar, t.bedrag, t.eenheid, t.jaar, t.prestatiecode, r.id]
            for r in self.lookups.regions
            for t in (r.financiering.tarieven if r.financiering else [])
        ]
        # Every verdict with its evidence, as on the toetsing pages.
        verdicts = []
        for r in self.lookups.regions:
            period = self.lookups.period(r)
            road = self.lookups.verdicts(r, newest=True) if period.older_leidraad else []
            for kind, leidraad, judged in (("plan", r.plan.leidraad, self.lookups.verdicts(r)), ("naar-nieuwste", period.newest.id, road)):
                verdicts += [
                    [
                        r.naam,
                        period.label,
                        f"{leidraden[leidraad].titel} (versie {leidraden[leidraad].versie})",
                        REVIEWS[kind],
                        SECTION_TITLES[v.section],
                        v.rule,
                        v.origin,
                        v.outcome,
                        "ja" if v.indicatief else "nee",
                        v.reason,
                        v.note,
                        r.id,
                        leidraad,
                    ]
                    for v in judged
                ]
        # Every source with where to read it: one row per document, and one per web page of it.
        sources = []
        for d in project.sources.documenten:
            base = [d.id, d.titel, d.uitgever, d.versie, d.datum]
            sources.append([*base, "document", d.titel, d.adres, d.geraadpleegd])
            sources += [[*base, "webpagina", p.titel, p.adres, p.geraadpleegd] for p in d.paginas]
        tables = {
            "bronnen": (SOURCE_COLUMNS, sources),
            "interventies": (INTERVENTION_COLUMNS, interventions),
            "regio-interventies": (OFFER_COLUMNS, offers),
            "tarieven": (TARIFF_COLUMNS, tariffs),
            "toetsing": (VERDICT_COLUMNS, verdicts),
        }
        today = self.lookups.today
        files: dict[str, str | bytes] = {}
        for stem, (columns, rows) in tables.items():
            files[f"{stem}.csv"] = table(columns, rows)
            title, description, _ = DESCRIPTIONS[f"{stem}.csv"]
            about = [
                ("Gegevens", title),
                ("Wat erin staat", description),
                ("Licentie", LICENCE_WORDS),
                ("Gemaakt op", dutch_date(today)),
                ("Bron", "De gegevensbestanden van het MTVP-handboek; elk gegeven verwijst naar zijn brondocument."),
            ]
            inputs = (columns, rows, about, today, f"{stem}.csv")
            files[f"{stem}.xlsx"] = self.lookups.made(inputs, lambda inputs=inputs: workbook(*inputs))
        files |= {
            "bronnen.json": _json(raw[SOURCES_FILE]),
            "catalogus.json": _json(raw[CATALOGUE_FILE]),
            "leidraad.json": _json([raw[project.file_of(LEIDRAAD_DIR, v).path] for v in sorted(project.leidraden)]),
            "regios.json": _json([raw[project.file_of(REGIONS_DIR, r.id).path] for r in self.lookups.regions]),
        }
        files["datapackage.json"] = _datapackage(files, today.isoformat())
        pages = [PageContext(f"{FOLDER}/{name}", None, content=content) for name, content in files.items()]
        schemas = published_schemas(project.root)
        pages += [PageContext(f"schema/{name}", None, content=text) for name, text in schemas.items()]
        page = f"{FOLDER}/index.md"
        downloads = [
            {
                "naam": name,
                "href": link(page, f"{FOLDER}/{name}"),
                "grootte": f"{len(content if isinstance(content, bytes) else content.encode()) // 1024 + 1} kB",
                "titel": DESCRIPTIONS[name][0],
                "beschrijving": DESCRIPTIONS[name][1],
                "kolommen": DESCRIPTIONS[name][2],
            }
            for name, content in files.items()
        ]
        context = {
            "downloads": downloads,
            "schemas": [{"naam": name, "href": link(page, f"schema/{name}")} for name in schemas],
            "velden": link(page, "handleiding/velden.md"),
            "regios": len(self.lookups.regions),
            "interventies": len(project.catalogue.interventies),
            "bronnen": link(page, "bronnen.md"),
        }
        pages.append(PageContext(page, "open-data.md.j2", context))
        return pages
