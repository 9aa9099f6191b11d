"""The abbreviations of Dutch general practice (data/afkortingen.yml) where readers meet them.

Two uses, both at build time: every page explains an abbreviation where it occurs (Markdown's
`abbr` extension, given the glossary below), and the search index knows both forms, so that
typing "POH" finds a section that writes "praktijkondersteuner huisartsenzorg" and the other way
round. The glossary page itself (contexts/national.py) is what search puts first for the
abbreviation: its section title is the abbreviation alone.
"""

from __future__ import annotations

import json
import re

from .contexts.base import GLOSSARY_PAGE
from .models import Glossary

GLOSSARY_URL = GLOSSARY_PAGE.removesuffix(".md") + "/"


def abbreviation_glossary(glossary: Glossary) -> dict[str, str]:
    """Every written form of every abbreviation with its meaning: the `glossary` option of
    Markdown's `abbr` extension, which then explains them on every page.

    Given as the extension's option rather than as definitions appended to each page: the
    extension parses appended definitions one per pass over the block, which made a 350-page
    site take four times as long to render.
    """
    return {form: " ".join(a.betekenis.split()) for a in glossary.afkortingen for form in (a.afkorting, *a.ook)}


def with_glossary(extension_configs: dict, glossary: Glossary) -> dict:
    """Markdown extension settings with the abbreviations given to `abbr`, for pages and PDFs alike."""
    return {**extension_configs, "abbr": {**extension_configs.get("abbr", {}), "glossary": abbreviation_glossary(glossary)}}


class _Mentions:
    """Which form of each abbreviation a text has, with every pattern compiled once per build.

    A plain substring test comes first: most sections mention few abbreviations, and only a
    section that contains the letters needs the (slower) whole-word test.
    """

    def __init__(self, glossary: Glossary) -> None:
        self.entries = [
            (
                a,
                # Case matters: "DA" is an abbreviation, "da" is not; "POH'er" and "POH-GGZ" mention POH.
                [(form, re.compile(rf"(?<![\w-]){re.escape(form)}(?!\w)")) for form in (a.afkorting, *a.ook)],
                # As whole words: "huisarts" is not mentioned by "huisartsenorganisatie".
                (a.betekenis.casefold(), re.compile(rf"(?<!\w){re.escape(a.betekenis)}(?!\w)", re.IGNORECASE)),
            )
            for a in glossary.afkortingen
        ]

    def missing_forms(self, text: str) -> list[str]:
        """'(POH: praktijkondersteuner huisartsenzorg)' for each abbreviation the text has in one form only."""
        folded = text.casefold()
        added = []
        for a, forms, (meaning, meaning_pattern) in self.entries:
            short = any(form in text and pattern.search(text) for form, pattern in forms)
            long = meaning in folded and meaning_pattern.search(text) is not None
            if short != long:
                added.append(f"({a.afkorting}: {a.betekenis})")
        return added


def expand_search_index(index_json: str, glossary: Glossary) -> str:
    """The search index with each section's missing form added: '(POH: praktijkondersteuner huisartsenzorg)'."""
    index = json.loads(index_json)
    mentions = _Mentions(glossary)
    for doc in index["docs"]:
        if doc["location"].startswith(GLOSSARY_URL):
            continue
        added = mentions.missing_forms(f"{doc['title']} {doc['text']}")
        if added:
            doc["text"] = f"{doc['text']} {' '.join(added)}"
    # As compact as the search plugin writes it.
    return json.dumps(index, separators=(",", ":"))
