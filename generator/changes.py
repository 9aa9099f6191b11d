"""What changed between two versions of the leidraad, compared item by item from the data.

Items are matched by what they are, not by their wording: groeimodel rules by kernelement and
year, general rules by their kind (and kernelement or kind of intervention), horde conditions
and goals by id. A change is "nieuw", "vervallen" or "gewijzigd", with the source of the version
that has the item. Where the older version's item is reconstructed (`afgeleid_uit`: the text of
that version is not among the sources), the change is marked indicative: it compares with what
was reconstructed, not with the leidraad itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from .contexts.base import requirement_label
from .models import GeneralRule, Leidraad, SourceRef, YearRule


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
