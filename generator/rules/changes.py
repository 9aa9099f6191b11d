"""What changed between two versions of the leidraad, or of a region's plan, item by item from the data.

Items are matched by what they are, not by their wording: groeimodel rules by kernelement and
year, general rules by their kind (and kernelement or kind of intervention), horde conditions
and goals by id. A change is "nieuw", "vervallen" or "gewijzigd", with the source of the version
that has the item. Where the older version's item is reconstructed (`afgeleid_uit`: the text of
that version is not among the sources), the change is marked indicative: it compares with what
was reconstructed, not with the leidraad itself.

A region's plan versions are compared the same way: interventions by id and variant, rules by id,
timeline moments by what happens, tariffs by insurer, year and unit. An earlier version known
only from what a later one says about it (`gegevens: gedeeltelijk`) is compared only where it
states something; what it leaves out is "not compared", never "new" or "removed".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.dutch import NOT_STATED, euro, requirement_label
from generator.models import Catalogue, EarlierRegion, GeneralRule, Leidraad, Region, RegionRule, SourceRef, YearRule
from generator.rules.offer import STATUS_LABELS, SUPPORT_LABELS, Offer, choice_key, offers_of


@dataclass(frozen=True)
class Change:
    part: str  # Groeimodel, Regels van het groeimodel, Minimale horde, Doelstellingen
    subject: str  # what the change is about, e.g. "Anders werken in de praktijk, jaar 3"
    kind: str  # nieuw, vervallen, gewijzigd
    old: str | None
    new: str | None
    source: SourceRef
    indicative: bool  # the older version's item is reconstructed


def _year_rule(rule: YearRule) -> str:
    return requirement_label(rule) + (" (ook in latere jaren)" if rule.en_verder else "")


def _rule_key(rule: GeneralRule) -> tuple:
    return (rule.soort, rule.kernelement, rule.aard)


def leidraad_changes(old: Leidraad, new: Leidraad, kernel_names: dict[str, str]) -> list[Change]:
    changes: list[Change] = []
    if old.groeimodel is None or new.groeimodel is None:
        # One of the two has no groeimodel in the data: say so, rather than list every rule as new.
        present = new.groeimodel or old.groeimodel
        if present is not None:
            missing = old if old.groeimodel is None else new
            subject = f"versie {missing.versie} heeft geen groeimodel in de gegevens; de groeimodellen zijn niet te vergelijken"
            changes.append(Change("Groeimodel", subject, "niet te vergelijken", None, None, present.bron, False))
    else:
        changes += _growth_changes(old, new, kernel_names)
        changes += _general_rule_changes(old, new)
    changes += _horde_changes(old, new)
    changes += _goal_changes(old, new)
    return changes


def _growth_changes(old: Leidraad, new: Leidraad, kernel_names: dict[str, str]) -> list[Change]:
    changes = []
    old_kernels = {k.kernelement: k for k in old.groeimodel.kernelementen}
    new_kernels = {k.kernelement: k for k in new.groeimodel.kernelementen}
    for kernel_id in [*new_kernels, *(k for k in old_kernels if k not in new_kernels)]:
        name = kernel_names.get(kernel_id, kernel_id)
        before, after = old_kernels.get(kernel_id), new_kernels.get(kernel_id)
        reconstructed = bool(old.groeimodel.afgeleid_uit or (before and before.afgeleid_uit))
        source = (after or before).bron
        if before and after and before.aanbod_minimaal != after.aanbod_minimaal:
            changes.append(
                Change(
                    "Groeimodel",
                    f"{name}, aanbod van de RHO",
                    "gewijzigd",
                    _offer(before.aanbod_minimaal),
                    _offer(after.aanbod_minimaal),
                    source,
                    reconstructed,
                )
            )
        old_years = {r.jaar: r for r in (before.jaren if before else [])}
        new_years = {r.jaar: r for r in (after.jaren if after else [])}
        for year in sorted(set(old_years) | set(new_years)):
            was, now = old_years.get(year), new_years.get(year)
            subject = f"{name}, jaar {year}"
            if was and now and (was.eis, was.minimaal, was.en_verder) != (now.eis, now.minimaal, now.en_verder):
                changes.append(Change("Groeimodel", subject, "gewijzigd", _year_rule(was), _year_rule(now), source, reconstructed))
            elif now and not was:
                changes.append(Change("Groeimodel", subject, "nieuw", None, _year_rule(now), source, reconstructed))
            elif was and not now:
                changes.append(Change("Groeimodel", subject, "vervallen", _year_rule(was), None, source, reconstructed))
    return changes


def _offer(minimum: int | None) -> str:
    return f"minimaal {minimum} interventies aanbieden" if minimum is not None else "geen minimum genoemd"


def _general_rule_changes(old: Leidraad, new: Leidraad) -> list[Change]:
    before = {_rule_key(r): r for r in old.groeimodel.regels}
    after = {_rule_key(r): r for r in new.groeimodel.regels}
    reconstructed = bool(old.groeimodel.afgeleid_uit)
    changes = [
        Change(
            "Regels van het groeimodel", rule.titel, "nieuw", None, rule.toelichting, rule.bron, reconstructed or bool(rule.afgeleid_uit)
        )
        for key, rule in after.items()
        if key not in before
    ]
    changes += [
        Change(
            "Regels van het groeimodel",
            rule.titel,
            "vervallen",
            rule.toelichting,
            None,
            rule.bron,
            reconstructed or bool(rule.afgeleid_uit),
        )
        for key, rule in before.items()
        if key not in after
    ]
    return changes


def _horde_changes(old: Leidraad, new: Leidraad) -> list[Change]:
    before = {c.id: c for c in old.minimale_horde}
    after = {c.id: c for c in new.minimale_horde}
    changes = []
    for condition_id, condition in after.items():
        was = before.get(condition_id)
        if was is None:
            changes.append(Change("Minimale horde", condition.titel, "nieuw", None, condition.tekst, condition.bron, False))
            continue
        added = [c.titel for c in condition.toetsing if c.feit not in {w.feit for w in was.toetsing}]
        if added:
            changes.append(
                Change(
                    "Minimale horde",
                    condition.titel,
                    "gewijzigd",
                    None,
                    "vraagt nu ook: " + "; ".join(added),
                    condition.bron,
                    bool(was.afgeleid_uit),
                )
            )
    changes += [
        Change("Minimale horde", c.titel, "vervallen", c.tekst, None, c.bron, bool(c.afgeleid_uit))
        for condition_id, c in before.items()
        if condition_id not in after
    ]
    return changes


def _goal_changes(old: Leidraad, new: Leidraad) -> list[Change]:
    if not old.doelstellingen:
        return []  # the older version's goals are not in the data: nothing to compare with
    before = {g.id: g for g in old.doelstellingen}
    after = {g.id: g for g in new.doelstellingen}
    changes = [Change("Doelstellingen", g.titel, "nieuw", None, g.tekst, g.bron, False) for i, g in after.items() if i not in before]
    changes += [Change("Doelstellingen", g.titel, "vervallen", g.tekst, None, g.bron, False) for i, g in before.items() if i not in after]
    return changes


# --------------------------------------------------------------------------------------------
# A region's plan


@dataclass
class PlanComparison:
    changes: list[Change]
    # Interventions of the newer version that the earlier version's data says nothing about.
    not_compared: list[str] = field(default_factory=list)


def _complete(version: Region) -> bool:
    """Whether what a version's data leaves out was not in that plan (a full copy), or is unknown."""
    return not (isinstance(version, EarlierRegion) and version.gegevens == "gedeeltelijk")


def _offers(catalogue: Catalogue, version: Region, other: Region) -> dict[str, Offer]:
    # An earlier file may name the region's own interventions declared only in the other version.
    own = {o.id for o in version.eigen_interventies}
    merged = version.model_copy(
        update={"eigen_interventies": [*version.eigen_interventies, *(o for o in other.eigen_interventies if o.id not in own)]}
    )
    return {o.key: o for o in offers_of(catalogue, merged)}


def plan_changes(catalogue: Catalogue, old: Region, new: Region, plan_source: SourceRef) -> PlanComparison:
    """What changed from one version of a region's plan to the next; `plan_source` is where the newer
    version's history entry is, the source of changes to the plan as a whole (its period)."""
    comparison = PlanComparison([])
    changes = comparison.changes
    old_complete, new_complete = _complete(old), _complete(new)

    def period(version: Region) -> str | None:
        van, tot = version.plan.periode_van, version.plan.periode_tot
        return f"{van or 'begin niet vermeld'} tot en met {tot}" if tot else None

    if period(old) and period(new) and period(old) != period(new):
        changes.append(Change("Plan", "periode", "gewijzigd", period(old), period(new), plan_source, False))
    if old.plan.leidraad and new.plan.leidraad and old.plan.leidraad != new.plan.leidraad:
        changes.append(Change("Plan", "versie van de leidraad", "gewijzigd", old.plan.leidraad, new.plan.leidraad, plan_source, False))

    before, after = _offers(catalogue, old, new), _offers(catalogue, new, old)
    absent = {choice_key(a.interventie, a.variant): a for a in getattr(old, "niet_in_deze_versie", [])}
    for key, offer in after.items():
        was = before.get(key)
        if was is not None:
            changes += _offer_changes(was, offer, old_complete)
        elif key in absent:
            changes.append(Change("Interventies", offer.name, "nieuw", None, offer.label, absent[key].bron, False))
        elif old_complete:
            changes.append(Change("Interventies", offer.name, "nieuw", None, offer.label, offer.choice.bron[0], False))
        else:
            comparison.not_compared.append(offer.name)
    if new_complete:
        changes += [
            Change("Interventies", o.name, "vervallen", o.label, None, o.choice.bron[0], False)
            for key, o in before.items()
            if key not in after
        ]

    changes += _keyed_changes(
        "Regels",
        {r.id: r for r in old.regels},
        {r.id: r for r in new.regels},
        _rule_terms,
        lambda r: f"{r.titel}: {r.toelichting}",
        lambda r: r.titel,
        old_complete,
        new_complete,
    )
    changes += _keyed_changes(
        "Tijdlijn",
        {_words(m.wat): m for m in old.tijdlijn},
        {_words(m.wat): m for m in new.tijdlijn},
        lambda m: (m.wanneer, m.datum, m.deadline),
        lambda m: ("uiterlijk " if m.deadline else "") + m.wanneer,
        lambda m: _words(m.wat),
        old_complete,
        new_complete,
    )
    changes += _keyed_changes(
        "Tarieven",
        {(t.verzekeraar, t.jaar, t.eenheid): t for t in (old.financiering.tarieven if old.financiering else [])},
        {(t.verzekeraar, t.jaar, t.eenheid): t for t in (new.financiering.tarieven if new.financiering else [])},
        lambda t: (t.bedrag, t.prestatiecode),
        lambda t: euro(t.bedrag) + (f" (prestatie {t.prestatiecode})" if t.prestatiecode else f" (prestatiecode {NOT_STATED})"),
        lambda t: f"{t.verzekeraar}, {t.eenheid}, {t.jaar or f'jaar {NOT_STATED}'}",
        old_complete,
        new_complete,
    )
    for label, attribute, parent in (
        ("Praktijkplan", "deadline", "praktijkplan"),
        ("Intervisie", "frequentie", "intervisie"),
    ):
        was = getattr(getattr(old, parent), attribute, None) if getattr(old, parent) else None
        now = getattr(getattr(new, parent), attribute, None) if getattr(new, parent) else None
        if was and now and _words(was) != _words(now):
            source = getattr(new, parent).bron
            changes.append(Change(label, attribute, "gewijzigd", was, now, source[0] if isinstance(source, list) else source, False))
    return comparison


def _offer_changes(was: Offer, now: Offer, old_complete: bool) -> list[Change]:
    """Status, support, minimale eis and einddoel of one intervention in two versions."""
    source = now.choice.bron[0]
    found = []
    if was.choice.status != now.choice.status:
        found.append(
            Change("Interventies", now.name, "gewijzigd", STATUS_LABELS[was.choice.status], STATUS_LABELS[now.choice.status], source, False)
        )
    # Unknown in a partial earlier version is not "niet vermeld" in the plan: compare only what it states.
    if was.choice.ondersteund != now.choice.ondersteund and (old_complete or was.choice.ondersteund != "niet-vermeld"):
        found.append(
            Change(
                "Interventies",
                f"{now.name}, ondersteuning",
                "gewijzigd",
                SUPPORT_LABELS[was.choice.ondersteund],
                SUPPORT_LABELS[now.choice.ondersteund],
                source,
                False,
            )
        )
    for attribute, label in (("minimale_eis", "minimale eis"), ("einddoel", "einddoel")):
        before, after = getattr(was.choice, attribute), getattr(now.choice, attribute)
        if (before or old_complete) and _words(before or "") != _words(after or ""):
            found.append(
                Change("Interventies", f"{now.name}, {label}", "gewijzigd", before or NOT_STATED, after or NOT_STATED, source, False)
            )
    return found


def _rule_terms(rule: RegionRule) -> tuple:
    return (
        rule.soort,
        rule.jaar,
        rule.en_verder,
        rule.uiterlijk,
        rule.minimaal,
        tuple(sorted(rule.interventies)),
        tuple(sorted(rule.kernelementen)),
        rule.intervisie,
        _words(rule.toelichting),
    )


def _keyed_changes(part, before: dict, after: dict, terms, shown, subject, old_complete: bool, new_complete: bool) -> list[Change]:
    """Items matched by key: new ones, removed ones and ones whose terms differ."""
    changes = []
    for key, item in after.items():
        was = before.get(key)
        if was is None:
            if old_complete:
                changes.append(Change(part, subject(item), "nieuw", None, shown(item), item.bron, False))
        elif terms(was) != terms(item):
            changes.append(Change(part, subject(item), "gewijzigd", shown(was), shown(item), item.bron, False))
    if new_complete:
        changes += [
            Change(part, subject(item), "vervallen", shown(item), None, item.bron, False)
            for key, item in before.items()
            if key not in after
        ]
    return changes


def _words(text: str) -> str:
    return " ".join(text.split())
