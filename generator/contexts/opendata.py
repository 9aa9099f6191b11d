"""Open data: the catalogue and every region as JSON and CSV downloads, with the schemas.

Files are generated from the validated data at build time, so a download never differs from
what the pages say. JSON holds everything; the CSV files are flat views for spreadsheets.
"""

from __future__ import annotations

import csv
import io
import json

from ..escape import csv_cell
from ..offer import STATUS_LABELS
from ..projectdata import CATALOGUE_FILE, LEIDRAAD_DIR, REGIONS_DIR, SOURCES_FILE
from ..schema import published_schemas
from .base import PageBuilder, PageContext, link

FOLDER = "open-data"
REGION_COLUMNS = [
    "regio",
    "interventie",
    "variant",
    "eigen_interventie",
    "kernelement",
    "status",
    "ondersteund",
    "minimale_eis",
    "einddoel",
    "ondersteuning",
]


def _json(data) -> str:
    # Compact: indented JSON goes through Python's slow pure-Python encoder.
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _csv(header: list[str], rows: list[list]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    # Text blocks end in a line break in YAML; in a cell it would only confuse a spreadsheet.
    writer.writerows([[csv_cell(c.strip() if isinstance(c, str) else c) for c in row] for row in rows])
    return buffer.getvalue()


class OpenDataPages(PageBuilder):
    def all(self) -> list[PageContext]:
        project = self.lookups.project
        # The validated files' own values: what the authors wrote, already plain data.
        raw = {loaded.path: loaded.data for loaded in project.files.values()}
        catalogue = raw[CATALOGUE_FILE]
        regions = [raw[project.file_of(REGIONS_DIR, r.id).path] for r in self.lookups.regions]
        leidraden = [raw[project.file_of(LEIDRAAD_DIR, v).path] for v in sorted(project.leidraden)]
        interventions_csv = _csv(
            ["id", "naam", "kernelement", "nummer", "aard", "samenvatting", "varianten"],
            [
                [v.id, v.naam, v.kernelement, v.nummer or "", v.aard, v.samenvatting, "; ".join(x.id for x in v.varianten)]
                for v in project.catalogue.interventies
            ],
        )
        choice_rows = []
        for region in self.lookups.regions:
            for offer in self.lookups.offers_of(region):
                c = offer.choice
                choice_rows.append(
                    [
                        region.id,
                        c.interventie,
                        c.variant or "",
                        "ja" if offer.own else "nee",
                        offer.kernelement,
                        c.status,
                        c.ondersteund,
                        c.minimale_eis or "",
                        c.einddoel or "",
                        c.ondersteuning or "",
                    ]
                )
        tariff_rows = [
            [r.id, t.verzekeraar, f"{t.bedrag:.2f}", t.eenheid, t.jaar or "", t.prestatiecode or ""]
            for r in self.lookups.regions
            for t in (r.financiering.tarieven if r.financiering else [])
        ]
        # Every verdict with its evidence, as on the toetsing pages.
        verdict_rows = []
        for r in self.lookups.regions:
            period = self.lookups.period(r)
            road = self.lookups.verdicts(r, newest=True) if period.older_leidraad else []
            for kind, leidraad, verdicts in (
                ("plan", r.plan.leidraad, self.lookups.verdicts(r)),
                ("naar-nieuwste", period.newest.id, road),
            ):
                verdict_rows += [
                    [
                        r.id,
                        period.label,
                        leidraad,
                        kind,
                        v.section,
                        v.rule,
                        v.origin,
                        v.outcome,
                        "ja" if v.indicatief else "nee",
                        v.reason,
                        v.note or "",
                    ]
                    for v in verdicts
                ]
        # Every source with where to read it: one row per document, and one per web page of it.
        source_rows = []
        for d in project.sources.documenten:
            base = [d.id, d.titel, d.uitgever, d.versie or "", d.datum or ""]
            source_rows.append([*base, "document", d.titel, d.adres or "", d.geraadpleegd or ""])
            source_rows += [[*base, "webpagina", p.titel, p.adres, p.geraadpleegd or ""] for p in d.paginas]
        files = {
            "bronnen.json": _json(raw[SOURCES_FILE]),
            "bronnen.csv": _csv(["id", "titel", "uitgever", "versie", "datum", "soort", "naam", "adres", "geraadpleegd"], source_rows),
            "catalogus.json": _json(catalogue),
            "leidraad.json": _json(leidraden),
            "regios.json": _json(regions),
            "interventies.csv": interventions_csv,
            "regio-interventies.csv": _csv(REGION_COLUMNS, choice_rows),
            "tarieven.csv": _csv(["regio", "verzekeraar", "bedrag_euro", "eenheid", "jaar", "prestatiecode"], tariff_rows),
            "toetsing.csv": _csv(
                [
                    "regio",
                    "periode",
                    "leidraad",
                    "toetsing",
                    "onderdeel",
                    "regel",
                    "herkomst",
                    "uitkomst",
                    "indicatief",
                    "reden",
                    "noot_redactie",
                ],
                verdict_rows,
            ),
        }
        pages = [PageContext(f"{FOLDER}/{name}", None, content=text) for name, text in files.items()]
        schemas = published_schemas(project.root)
        pages += [PageContext(f"schema/{name}", None, content=text) for name, text in schemas.items()]
        page = f"{FOLDER}/index.md"
        downloads = [
            {"naam": name, "href": link(page, f"{FOLDER}/{name}"), "grootte": f"{len(text.encode()) // 1024 + 1} kB"}
            for name, text in files.items()
        ]
        context = {
            "downloads": downloads,
            "schemas": [{"naam": name, "href": link(page, f"schema/{name}")} for name in schemas],
            "velden": link(page, "handleiding/velden.md"),
            "statussen": list(STATUS_LABELS),
            "regios": len(self.lookups.regions),
            "interventies": len(project.catalogue.interventies),
            "bronnen": link(page, "bronnen.md"),
        }
        pages.append(PageContext(page, "open-data.md.j2", context))
        return pages
