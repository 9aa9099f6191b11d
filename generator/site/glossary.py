"""The abbreviations of Dutch general practice (data/afkortingen.yml) where readers meet them.

Two uses, both at build time: every page explains an abbreviation where it occurs (Markdown's
`abbr` extension, given the glossary below), and what search reads of a page has both forms, so
that typing "POH" finds a page that writes "praktijkondersteuner huisartsenzorg" and the other way
round. The glossary page itself (contexts/national.py) is what search puts first for the
abbreviation: its section title is the abbreviation alone.
"""

from __future__ import annotations

import html
import re

from generator.models import Glossary


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


_WORD = re.compile(r"\w+")


def _first_word(text: str) -> str:
    """The run of word characters a form starts with ('' when it starts with another character)."""
    found = _WORD.match(text)
    return found[0] if found else ""


def _is_word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _has_whole(text: str, part: str, joiners: str = "") -> bool:
    """Whether `part` occurs in `text` with no word character (nor one of `joiners`) right before
    it and no word character right after it: "huisarts" is not in "huisartsenorganisatie"."""
    start = text.find(part)
    while start != -1:
        before = text[start - 1] if start else " "
        end = start + len(part)
        after = text[end] if end < len(text) else " "
        if not (_is_word_character(before) or before in joiners) and not _is_word_character(after):
            return True
        start = text.find(part, start + 1)
    return False


# Not what search reads: tags (and the attributes in them, such as an abbreviation's title), and
# what a script or style holds (Pagefind skips both; the plan builder's rules are JSON in a script,
# a third of a 200-region site's text). Our templates and Markdown write these tags in lower case.
_NOT_READ = re.compile(r"<(?:script\b.*?</script|style\b.*?</style)\s*>|<[^>]*>", re.S)


class Mentions:
    """Which form of each abbreviation a text has.

    A text's words are looked up first: only an abbreviation whose form (or meaning) starts with
    one of the text's words can be mentioned in it, so a page is tested for a few abbreviations
    instead of every one.
    """

    def __init__(self, glossary: Glossary) -> None:
        # Per abbreviation, made once: what is added to a section, its written forms, its meaning folded.
        self.entries = [
            # Escaped: added to the page's HTML.
            (html.escape(f"({a.afkorting}: {a.betekenis})", quote=False), (a.afkorting, *a.ook), " ".join(a.betekenis.split()).casefold())
            for a in glossary.afkortingen
        ]
        # The first word of each form (case kept) and of each meaning (case folded), to the entries.
        self.by_form_word: dict[str, set[int]] = {}
        self.by_meaning_word: dict[str, set[int]] = {}
        self.always: set[int] = set()  # a form or meaning that does not start with a word character
        for number, (_, forms, meaning) in enumerate(self.entries):
            for form in forms:
                self._index(self.by_form_word, _first_word(form), number)
            self._index(self.by_meaning_word, _first_word(meaning), number)

    def _index(self, index: dict[str, set[int]], word: str, number: int) -> None:
        if word:
            index.setdefault(word, set()).add(number)
        else:
            self.always.add(number)

    def missing_forms(self, text: str) -> list[str]:
        """'(POH: praktijkondersteuner huisartsenzorg)' for each abbreviation the text has in one form only."""
        # Words never cross white space, so the words of the text's distinct pieces are the text's
        # words; a page repeats most of its pieces, and splitting on white space is cheaper than the
        # regular expression (at 200 regions 0.1 CPU-s of 0.4).
        words = set(_WORD.findall(" ".join(set(text.split()))))
        folded = text.casefold()
        candidates = set(self.always)
        for word in words & self.by_form_word.keys():
            candidates |= self.by_form_word[word]
        # Case folding maps each character on its own and never to white space: folding the words
        # joined by spaces and splitting there gives each word folded, in one call instead of one per word.
        for word in set(" ".join(words).casefold().split(" ")) & self.by_meaning_word.keys():
            candidates |= self.by_meaning_word[word]
        added = []
        for number in sorted(candidates):
            addition, forms, meaning = self.entries[number]
            # Case matters: "DA" is an abbreviation, "da" is not; "POH'er" and "POH-GGZ" mention POH.
            short = any(_has_whole(text, form, joiners="-") for form in forms)
            if short != _has_whole(folded, meaning):
                added.append(addition)
        return added

    def search_words(self, page_html: str) -> str:
        """For a page's HTML, the forms it lacks as a block search reads and readers do not see
        ('' when it lacks none): '(POH: praktijkondersteuner huisartsenzorg)'. Put before the
        page's first heading, it belongs to the page rather than to one of its sections."""
        added = self.missing_forms(html.unescape(_NOT_READ.sub(" ", page_html)))
        return f'<div class="zoekwoorden" hidden>{" ".join(added)}</div>\n' if added else ""
