"""A region's offer: what a practice in the region can choose, in one home for every page.

An offer is one row of a region's `interventies`, resolved against the catalogue: its name, its
kernelement, its aard, and whether it counts as offered. Every page, the conformance check and
the plan check read offers from here, so they count the same ("offered" means verplicht or
aangeboden; in-overweging and niet-aangeboden are listed but never counted).

Where a plan states a number of options without naming them all (`aanbod_per_kernelement`), the
count is the plan's statement, not the rows we happen to have: `KernelCount` keeps both.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.dutch import NOT_STATED
from generator.models import Catalogue, Intervention, KernelOffer, Nature, Region, RegionIntervention, RegionOwnIntervention

# Label and symbol per status; the order is the order of listing: what a practice must do first,
# what is ruled out last. The symbol lets the matrix read at a glance; cells also carry the words.
STATUSES = {
    "verplicht": ("verplicht", "■"),
    "aangeboden": ("aangeboden", "●"),
    "in-overweging": ("in overweging", "?"),
    "niet-aangeboden": ("niet aangeboden", "✕"),
}
STATUS_LABELS = {status: label for status, (label, _) in STATUSES.items()}
STATUS_SYMBOLS = {status: symbol for status, (_, symbol) in STATUSES.items()}
STATUS_ORDER = list(STATUSES)
# Statuses under which a practice in the region can actually choose the intervention.
OFFERED = frozenset({"verplicht", "aangeboden"})
SUPPORT_LABELS = {
    "ja": "met ondersteuning van de RHO",
    "nee": "zonder ondersteuning van de RHO",
    "niet-vermeld": "ondersteuning door de RHO niet vermeld",
}


def choice_key(interventie: str, variant: str | None) -> str:
    """How the plan builder and plan files name a choice: the id, and the variant after a '/'."""
    return f"{interventie}/{variant}" if variant else interventie


@dataclass(frozen=True)
class Offer:
    """One region's choice of one national intervention, or of one of its own."""

    region: Region
    choice: RegionIntervention
    own: RegionOwnIntervention | None  # set when the choice is a region-specific intervention
    national: Intervention | None  # the national intervention it is, or is nearest to (None for an own one without)
    name: str  # as the region calls it
    variant_name: str | None  # the national name of the chosen form, when the choice is a variant
    kernelement: str
    aard: Nature

    @property
    def key(self) -> str:
        return choice_key(self.choice.interventie, self.choice.variant or self.choice.vorm)

    @property
    def anchor(self) -> str:
        return self.key.replace("/", "-")

    @property
    def offered(self) -> bool:
        return self.choice.status in OFFERED

    @property
    def status_label(self) -> str:
        return STATUS_LABELS[self.choice.status]

    @property
    def symbol(self) -> str:
        return STATUS_SYMBOLS[self.choice.status]

    @property
    def support_label(self) -> str:
        return SUPPORT_LABELS[self.choice.ondersteund]

    @property
    def label(self) -> str:
        """Status and support in words, as a cell or a list item shows them."""
        if not self.offered:
            return self.status_label
        return f"{self.status_label}, {self.support_label}"


def offers_of(catalogue: Catalogue, region: Region) -> list[Offer]:
    """Every row of a region's `interventies`, resolved, in the order of the file."""
    national = {v.id: v for v in catalogue.interventies}
    own = {v.id: v for v in region.eigen_interventies}
    offers = []
    for choice in region.interventies:
        mine = own.get(choice.interventie)
        nearest = national.get(mine.verwant_aan) if mine and mine.verwant_aan else national.get(choice.interventie)
        variant = None
        if mine:
            name, kernel, nature = choice.naam or mine.naam, mine.kernelement, mine.aard
        else:
            item = national[choice.interventie]
            variant = next((v.naam for v in item.varianten if v.id == choice.variant), None)
            name, kernel, nature = choice.naam or variant or item.naam, item.kernelement, item.aard
        kernel = choice.kernelement or kernel  # where the region files it, when it says
        offers.append(Offer(region, choice, mine, nearest, name, variant, kernel, nature))
    return offers


@dataclass(frozen=True)
class Amount:
    """A number of options as far as the sources give it: exactly `least`, at least `least`, or
    (at least nothing, which says nothing) not stated. Missing is never zero: every page, chart and
    file that shows how much a region offers shows it through here."""

    least: int
    exact: bool

    def __str__(self) -> str:
        return self.words("", "")

    def __add__(self, other: Amount) -> Amount:
        return Amount(self.least + other.least, self.exact and other.exact)

    @staticmethod
    def total(amounts: list[Amount]) -> Amount:
        return sum(amounts, Amount(0, exact=True))

    @property
    def known(self) -> bool:
        return self.exact or self.least > 0

    def words(self, one: str, many: str) -> str:
        """'3 interventies', 'minimaal 3 interventies' or 'niet vermeld'."""
        if not self.known:
            return NOT_STATED
        noun = one if self.least == 1 else many
        return ("" if self.exact else "minimaal ") + f"{self.least} {noun}".strip()


@dataclass(frozen=True)
class KernelCount:
    """How many options a region offers in one kernelement: the named rows and what the plan says."""

    named: tuple[Offer, ...]  # offered rows in this kernelement
    statements: tuple[KernelOffer, ...]  # what the plan says about the number of options
    complete: bool  # the source is the whole plan, so a missing row means not offered

    @property
    def stated(self) -> int | None:
        """The largest number of options the plan states, or None when it gives no number."""
        return max((s.aantal for s in self.statements if s.aantal), default=None)

    @property
    def unnamed(self) -> bool:
        """True when there may be options the data does not name: the plan says so, or the source is partial."""
        return bool(self.statements) or not self.complete

    @property
    def amount(self) -> Amount:
        """What a page may say: the named rows or the stated number, whichever is larger; exact only
        when the whole plan is the source and it says nothing of options beyond those it names."""
        return Amount(max(len(self.named), self.stated or 0), exact=not self.unnamed)

    def names(self) -> str:
        return ", ".join(o.name for o in self.named) or "geen"

    @property
    def distinct(self) -> int:
        """The named options counted as interventions: the forms (variants) of one national
        intervention count once, as leidraad v3 counts training gespreksvoering in five forms."""
        return len({o.own.id if o.own else o.choice.interventie for o in self.named})

    def at_least(self, needed: int) -> bool | None:
        """Does the region offer `needed` options? None when the plan does not say enough to tell,
        or when only a judgement call reaches the number: forms counted apart, or a stated count
        the data marks with an editorial note (docs/toetsing.md, 'Eén maatstaf')."""
        plain = max((s.aantal for s in self.statements if s.aantal and not s.redactie), default=0)
        if self.distinct >= needed or plain >= needed:
            return True
        if len(self.named) >= needed or any(s.aantal is None or s.redactie for s in self.statements) or not self.complete:
            return None  # forms counted apart, options without a number, a judgement call, or a partial source
        return False


def kernel_count(offers: list[Offer], region: Region, kernel: str) -> KernelCount:
    """The count for one kernelement (`offers`: the region's, from `offers_of`)."""
    return KernelCount(
        tuple(o for o in offers if o.offered and o.kernelement == kernel),
        tuple(s for s in region.aanbod_per_kernelement if s.kernelement == kernel),
        region.plan.bron_volledig,
    )
