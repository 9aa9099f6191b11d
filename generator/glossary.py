"""The abbreviations of Dutch general practice (data/afkortingen.yml) where readers meet them.

Two uses, both at build time: every page explains an abbreviation where it occurs (Markdown's
`abbr` extension, fed the definitions below), and the search index knows both forms, so that
typing "POH" finds a section that writes "praktijkondersteuner huisartsenzorg" and the other way
round. The glossary page itself (contexts/national.py) is what search puts first for the
abbreviation: its section title is the abbreviation alone.
"""

from __future__ import annotations

import json
import re

from .contexts.base import GLOSSARY_PAGE
from .models import Abbreviation, Glossary

GLOSSARY_URL = GLOSSARY_PAGE.removesuffix(".md") + "/"


def abbreviation_definitions(glossary: Glossary) -> str:
    """Markdown abbreviation definitions ('*[POH]: praktijkondersteuner huisartsenzorg')."""
    lines = []
    for a in glossary.afkortingen:
        meaning = " ".join(a.betekenis.split())  # one line; the extension escapes it as an attribute
        lines += [f"*[{form}]: {meaning}" for form in (a.afkorting, *a.ook)]
    return "\n".join(lines) + "\n"


def _mentions_abbreviation(a: Abbreviation, text: str) -> bool:
    # Case matters: "DA" is an abbreviation, "da" is not; "POH'er" and "POH-GGZ" mention POH.
    return any(re.search(rf"(?<![\w-]){re.escape(form)}(?!\w)", text) for form in (a.afkorting, *a.ook))


def _mentions_meaning(a: Abbreviation, text: str) -> bool:
    # As whole words: "huisarts" is not mentioned by "huisartsenorganisatie".
    return re.search(rf"(?<!\w){re.escape(a.betekenis)}(?!\w)", text, re.IGNORECASE) is not None


def expand_search_index(index_json: str, glossary: Glossary) -> str:
    """The search index with each section's missing form added: '(POH: praktijkondersteuner huisartsenzorg)'."""
    index = json.loads(index_json)
    for doc in index["docs"]:
        if doc["location"].startswith(GLOSSARY_URL):
            continue
        content = f"{doc['title']} {doc['text']}"
        added = [
            f"({a.afkorting}: {a.betekenis})"
            for a in glossary.afkortingen
            if _mentions_abbreviation(a, content) != _mentions_meaning(a, content)
        ]
        if added:
            doc["text"] = f"{doc['text']} {' '.join(added)}"
    # As compact as the search plugin writes it.
    return json.dumps(index, separators=(",", ":"))
