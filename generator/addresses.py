"""Where each generated page and PDF lives in the site: one home, read by the page code and by the
cross-file check (an id that would give a page the address of another is refused at `check`)."""

from __future__ import annotations

import re

SOURCES_PAGE = "bronnen.md"
GLOSSARY_PAGE = "afkortingen.md"
# The search page; the theme's header form (site_templates/theme/partials/header.html) opens it.
SEARCH_PAGE = "zoeken.md"
# The catalogue's own page: no intervention may have it as its address.
CATALOGUE_PAGE = "interventies/index.md"

# Scripts a page loads only where it uses them (the rest of the site loads none of their 70 KB).
PLAN_CHECK_SCRIPT = "javascripts/plantoets.js"  # generator/rules/plantoets.js, added by the plugin
PLAN_BUILDER_SCRIPT = "javascripts/planbouwer.js"  # needs the plan check before it
COMPARE_SCRIPT = "javascripts/vergelijk.js"  # the matrix filter and the region picker
# The regions' data the picker reads (window.regioplanKiezer), generated: 480 KB at 200 regions,
# kept out of the page so that the page stays small and its text quick to show.
PICKER_DATA_SCRIPT = "vergelijk/kiezer-regios.js"
PICKER_DATA_NAME = "regioplanKiezer"
SEARCH_SCRIPT = "javascripts/zoeken.js"  # the search page's results (generator/engine/search.py)


def intervention_page(intervention_id: str) -> str:
    return f"interventies/{intervention_id}.md"


def region_page(region_id: str, subpage: str = "index") -> str:
    return f"regios/{region_id}/{subpage}.md"


def practice_plan_pdf(region_id: str) -> str:
    return f"regios/{region_id}/praktijkplan-{region_id}.pdf"


def region_plan_pdf(region_id: str) -> str:
    return f"regios/{region_id}/regioplan-{region_id}.pdf"


def abbreviation_anchor(abbreviation: str) -> str:
    """The heading id of an abbreviation on the glossary page: 'POH-GGZ' -> 'poh-ggz'."""
    return re.sub(r"[^a-z0-9]+", "-", abbreviation.casefold()).strip("-")
