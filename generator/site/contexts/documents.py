"""The PDFs as contexts: per region its praktijkplan form and the summary of its regioplan.

A document is an HTML template under `site_templates/pdf/` with its values and, for the regioplan,
the region's pages printed into it: the same page contexts and templates as the site's, rendered
for print (generator/pdf/printing.py), so the PDF never says something the site does not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.addresses import practice_plan_pdf, region_plan_pdf
from generator.dutch import NOT_STATED, dutch_date, names
from generator.models import Region

from .base import PageBuilder, PageContext
from .practiceform import form_values
from .regions import SUBPAGES, RegionPages

REGION_PLAN_TEMPLATE = "pdf/regioplan.html.j2"
PRACTICE_PLAN_TEMPLATE = "pdf/praktijkplan.html.j2"


@dataclass(frozen=True)
class PrintedPage:
    id: str  # the page's part of the document ("deel-<id>"), and the prefix of its heading ids
    titel: str  # its title in the document's contents
    page: PageContext  # the region page, as the site has it


@dataclass(frozen=True)
class Document:
    path: str  # where the PDF goes in the site
    template: str
    values: dict[str, Any]
    pages: tuple[PrintedPage, ...] = ()  # region pages printed into it, in reading order
    # A fillable form: (field name, Dutch description) of every field, its tooltip in the PDF.
    fields: tuple[tuple[str, str], ...] = ()


class RegionDocuments(PageBuilder):
    def __init__(self, lookups):
        super().__init__(lookups)
        self.pages = RegionPages(lookups)

    def all(self) -> list[Document]:
        return [document for region in self.lookups.regions for document in (self.practice_plan(region), self.region_plan(region))]

    def practice_plan(self, region: Region) -> Document:
        form = self.pages.form(region)
        values = {"form": form, "region": region, "plan_titel": _plan_title(region), "versie": region.plan.versie or NOT_STATED}
        fields = tuple((field["naam"], field["titel"]) for field in form["velden"])
        return Document(practice_plan_pdf(region.id), PRACTICE_PLAN_TEMPLATE, values, fields=fields)

    def practice_plan_values(self, region: Region, plan: dict[str, Any]) -> tuple[dict[str, str | bool], list[str]]:
        """The value of every field of the region's form that a saved plan (PracticePlan.model_dump())
        fills, and notes on what does not fit the form (`regioplan fill-plan`)."""
        names = {item["key"]: item["naam"] for item in self.lookups.plan_rules(region)["interventies"]}
        return form_values(self.pages.form(region), plan, names)

    def region_plan(self, region: Region) -> Document:
        """The regioplan for the insurer: a title page, the plan's versions, the region's pages
        (without the praktijkplan form and the plan builder, which are documents or tools of their
        own) and the sources."""
        printed = {
            "index": self.pages.overview,
            "interventies": self.pages.interventions,
            "deelname": self.pages.participation,
            "monitoring-en-financiering": self.pages.monitoring,
        }
        values = {
            "region": region,
            "sources": self.pages.region_sources(region),
            "versions": self.pages.region_versions(region, self.lookups.plain_source),
            "datum": dutch_date(region.plan.datum) or NOT_STATED,
            # The year the summary describes, not the day it was made: what it says (the plan's period,
            # the leidraad in force) is decided per year, and a day would make it stale every morning.
            "jaar": self.lookups.today.year,
            "version": region.plan.versie or NOT_STATED,
            # On every page: the version, and the date where the plan gives one.
            "kopregel": f"Plan: versie {region.plan.versie or NOT_STATED}"
            + (f", {dutch_date(region.plan.datum)}" if region.plan.datum else ""),
            "titel": region.plan.titel or NOT_STATED,
            "plan_titel": _plan_title(region),
            "verzekeraars": names(region.zorgverzekeraars),
        }
        pages = tuple(PrintedPage(sub, title, printed[sub](region)) for sub, title in SUBPAGES if sub in printed)
        return Document(region_plan_pdf(region.id), REGION_PLAN_TEMPLATE, values, pages)


def _plan_title(region: Region) -> str:
    """The plan's title as the PDFs' descriptions and headers name it, or that the source names none."""
    return region.plan.titel or f"(titel {NOT_STATED})"
