"""The home page: a route for each reader, and every region for a GP to pick."""

from __future__ import annotations

from generator.addresses import CATALOGUE_PAGE, GLOSSARY_PAGE, region_page

from .base import PageBuilder, PageContext, link


class HomePages(PageBuilder):
    def all(self) -> list[PageContext]:
        return [self.home()]

    def home(self) -> PageContext:
        """The home page routes each reader; a GP picks a region and lands on what it asks of a practice."""
        page = "index.md"
        pages = {
            "regios": "regios/index.md",
            "leidraad": "leidraad/index.md",
            "interventies": CATALOGUE_PAGE,
            "afkortingen": GLOSSARY_PAGE,
            "vergelijk": "vergelijk/index.md",
            "toetsing": "vergelijk/toetsing.md",
            "organisatie": "vergelijk/organisatie.md",
            "handleiding": "handleiding/index.md",
            "handleiding_toetsing": "handleiding/toetsing.md",
            "bronnen": "bronnen.md",
        }
        regions = [
            {
                "naam": r.naam,
                "href": link(page, region_page(r.id), "voor-uw-praktijk"),
                "periode": self.lookups.period(r).label,
                "rho": r.rho.naam,
            }
            for r in self.lookups.regions
        ]
        context = {"regios": regions, "links": {name: link(page, target) for name, target in pages.items()}}
        return PageContext(page, "home.md.j2", context)
