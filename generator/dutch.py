"""Dutch words for numbers, amounts, dates and rules, in one place for pages, PDFs, feeds and messages."""

from __future__ import annotations

import datetime as dt
import functools
import unicodedata

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal

# What a groeimodel year rule asks, per kind of requirement.
REQUIREMENT_LABELS = {
    "nieuw": "minimaal {n} nieuwe",
    "actief": "minimaal {n} uitgevoerd",
    "nieuw-of-verdieping": "minimaal {n} nieuwe of onderbouwde verdieping",
    "continueren": "voortzetten en verder ontwikkelen",
    "optioneel": "geen minimum",
}


# What every page, PDF and file says where a source does not state a fact: never zero, no, or empty.
NOT_STATED = "niet vermeld"
# Why a count or comparison of a region's offer says nothing, where its sources give part of the plan.
PARTIAL_OFFER = "de bronnen van deze regio noemen maar een deel van haar aanbod"


def names(items) -> str:
    """The names of organisations, comma-separated; 'niet vermeld' when the source names none."""
    return ", ".join(item.naam for item in items) or NOT_STATED


def plural(count: int, one: str, many: str) -> str:
    """'1 optie', '3 opties': Dutch singular or plural, never 'optie(s)' (planbouwer.js has the same)."""
    return f"{count} {one if count == 1 else many}"


# Babel takes about 75 µs a date; a site names the same few hundred dates thousands of times.
@functools.cache
def dutch_date(value: dt.date | None) -> str:
    """2024-11-06 -> '6 november 2024'."""
    return format_date(value, "d MMMM y", locale="nl") if value else ""


def dutch_number(value: float) -> str:
    """4.6 -> '4,6', 2095 -> '2.095', 4.625 -> '4,625' (Dutch decimal comma, dot for thousands; every
    decimal the source gives, up to six)."""
    return format_decimal(value, "#,##0.######", locale="nl")


def euro(amount: float) -> str:
    """3.23 -> '€ 3,23' with a non-breaking space, so sign and amount stay on one line; always with
    cents, and any further decimal the source gives (2.885 -> '€ 2,885', not '€ 2,88')."""
    return format_currency(amount, "EUR", format="¤\u00a0#,##0.00####", locale="nl", currency_digits=False)


def requirement_label(rule) -> str:
    """What a groeimodel year rule asks, in words: 'minimaal 1 nieuwe'."""
    return REQUIREMENT_LABELS[rule.eis].format(n=rule.minimaal)


# Dutch collation (ICU's, as the browser's localeCompare with "nl") puts spaces, punctuation and
# symbols before digits and letters, in this order; the apostrophes ' ‘ ’ count as one.
_PUNCTUATION_ORDER = [" \u00a0", "_", "-\u2010\u2011", "\u2013", "\u2014", ",", ";", ":", "!", "?", ".", "'\u2018\u2019",
                      '"\u201c\u201d', "(", ")", "[", "]", "{", "}", "@", "*", "/", "\\", "&", "#", "%", "+", "<", "=", ">",
                      "|", "~", "$", "€"]  # fmt: skip
_PUNCTUATION = {ord(c): chr(1 + rank) for rank, group in enumerate(_PUNCTUATION_ORDER) for c in group}


@functools.cache
def alphabetical(name: str) -> tuple[str, str, str, str]:
    """A sort key that puts names where a Dutch reader looks for them, as Dutch collation does: letters
    first without their accents or case ("Ääbenhausen" before "Aalsmeer", "de Kempen" before
    "Eemland", "’s-Hertogenbosch" first), then unaccented before accented, then a small letter before
    a capital; the name itself last, so no two names tie. Unicode's own order put every accented or
    small first letter, and the typographic apostrophe, after Z."""
    bare = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return bare.casefold().translate(_PUNCTUATION), name.casefold(), name.swapcase(), name
