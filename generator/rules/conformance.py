"""The conformance check: does a regioplan meet the rules it must meet, as far as the plan says?

Three kinds of rules apply, all from data, never from code written for a particular region:

- the minimale horde of the leidraad version the plan follows: each condition names the facts
  (`HordeCheck.feit`) a plan must show, answered by the region's `horde` block;
- the groeimodel of that version: how many interventions the region offers per kernelement,
  whether its offer lets a practice meet the yearly minimums, and that staff capacity is never
  the only choice;
- the region's own rules, where they add to the leidraad. A rule that says what the leidraad
  already says (same kind, same or weaker numbers) is shown as restating it, not judged again.

Every verdict has one of three outcomes and a reason naming what was counted or which fact the
plan does not state. Missing is never zero: no "voldoet niet" rests on a fact the plan does not
state. A rule reconstructed from a regioplan (`afgeleid_uit`) gives an indicative verdict, and a
plan is never judged by a rule taken from itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from generator.data.project import Project
from generator.data.projectdata import REGIONS_DIR
from generator.dutch import PARTIAL_OFFER, alphabetical, plural
from generator.errors import Diagnostic
from generator.models import Groeimodel, KernelementGrowth, Leidraad, Region, RegionRule, SourceRef, YearRule
from generator.rules.offer import KernelCount, kernel_count, offers_of
from generator.rules.period import years

Outcome = Literal["voldoet", "voldoet niet", "niet te beoordelen"]
Section = Literal["horde", "groeimodel", "eigen-regels"]
# Their order and symbols live once, in the plan check (plantoets.js: OUTCOME_ORDER, SYMBOLS).
SECTION_TITLES = {"horde": "Minimale horde", "groeimodel": "Groeimodel", "eigen-regels": "Eigen regels van de regio"}
# What each section judges, said once under its heading.
SECTION_INTROS = {
    "horde": "Wat het plan zegt over de voorwaarden om mee te doen.",
    "groeimodel": "Of het aanbod van de regio praktijken in staat stelt het groeimodel te volgen.",
    "eigen-regels": "Regels die het plan zelf toevoegt. Getoetst wordt alleen of het eigen aanbod van de regio ze haalbaar maakt; "
    "over de regel zelf oordeelt de site niet.",
}

# What a reason says when the plan gives no explanation of its own, per fact and answer.
FACT_PHRASES = {
    "intervisie_door_rho": (
        "het plan zegt dat de RHO de intervisie organiseert",
        "volgens het plan organiseert niet de RHO de intervisie",
        "het plan noemt geen organisator van de intervisie",
    ),
    "regioplan_geaccordeerd": (
        "het plan zegt dat de zorgverzekeraar het heeft geaccordeerd",
        "het plan zegt dat de zorgverzekeraar het niet heeft geaccordeerd",
        "het plan zegt niet of de zorgverzekeraar het heeft geaccordeerd",
    ),
    "praktijken_committeren": (
        "praktijken verbinden zich volgens het plan aan het regioplan",
        "volgens het plan verbinden praktijken zich niet aan het regioplan",
        "het plan zegt niet dat praktijken zich aan het regioplan verbinden",
    ),
    "netwerk_sociaal_domein": (
        "het plan noemt samenwerkingsafspraken met het sociaal domein",
        "het plan zegt dat er geen afspraken met het sociaal domein zijn",
        "het plan noemt geen afspraken met het sociaal domein",
    ),
    "netwerk_tweede_lijn": (
        "het plan noemt samenwerkingsafspraken met de tweede lijn",
        "het plan zegt dat er geen afspraken met de tweede lijn zijn",
        "het plan noemt geen afspraken met de tweede lijn",
    ),
    "netwerk_ggz": (
        "het plan noemt samenwerkingsafspraken met de GGZ",
        "het plan zegt dat er geen afspraken met de GGZ zijn",
        "het plan noemt geen afspraken met de GGZ",
    ),
    "onderbouwing_personeel": (
        "het praktijkplan vraagt bij extra personeel om het type personeel en de uren",
        "het praktijkplan vraagt bij extra personeel niet om het type personeel en de uren",
        "het plan zegt niet dat een praktijk extra personeel onderbouwt met type personeel en uren",
    ),
    "eigen_interventies_akkoord": (
        "het plan zegt dat de zorgverzekeraar instemde met de interventies buiten de landelijke lijst",
        "het plan zegt dat de zorgverzekeraar niet instemde met de interventies buiten de landelijke lijst",
        "het plan zegt niet dat de zorgverzekeraar instemde met de interventies buiten de landelijke lijst",
    ),
    "verdieping_onderbouwing": (
        "het plan zegt hoe een verdieping wordt onderbouwd",
        "het plan zegt dat verdiepingen niet worden onderbouwd",
        "het plan zegt niet hoe een verdieping wordt onderbouwd of welke interventies te verdiepen zijn",
    ),
}
_ANSWERS = {"ja": 0, "nee": 1, "niet-vermeld": 2}
_OUTCOME_OF_ANSWER: dict[str, Outcome] = {"ja": "voldoet", "nee": "voldoet niet", "niet-vermeld": "niet te beoordelen"}


@dataclass(frozen=True)
class Verdict:
    region: str
    section: Section
    rule: str  # what is required, in Dutch
    origin: str  # where the rule comes from: a leidraad version (and what it was reconstructed from) or the region's plan
    outcome: Outcome
    reason: str  # why: what was counted, or which fact the plan does not state
    source: SourceRef | None
    loc: tuple  # where in the region file a reader should look
    indicatief: bool = False  # the rule is reconstructed, not read in the leidraad itself
    note: str | None = None  # an editorial note (a judgement call of ours), shown apart from the reason


@dataclass(frozen=True)
class Restated:
    """A region rule that says what the leidraad already says, or less."""

    rule: RegionRule
    leidraad_rule: str  # the leidraad's rule it restates, in words
    weaker: bool  # it asks less (fewer, or a choice where the leidraad asks each): the leidraad still holds


class _Judge:
    """The verdicts for one region against one leidraad version."""

    def __init__(self, project: Project, region: Region, leidraad: Leidraad):
        self.project = project
        self.region = region
        self.leidraad = leidraad
        self.offers = offers_of(project.catalogue, region)
        self.kernel_names = {k.id: k.naam for k in project.catalogue.kernelementen}
        self.verdicts: list[Verdict] = []

    # ------------------------------------------------------------------ provenance

    def origin(self, derived: Iterable[str]) -> tuple[str, bool, bool]:
        """(origin in words, indicative?, taken only from this region's own plan?)."""
        base = f"leidraad versie {self.leidraad.versie}"
        derived = list(dict.fromkeys(derived))
        if not derived:
            return base, False, False
        names = ", ".join(document_name(self.project, d) for d in derived)
        # Never judged *only* by a rule taken from itself: a rule that other sources state too
        # judges this plan as well, indicatively.
        return f"{base}, afgeleid uit {names}", True, derived == [self.region.plan.document]

    def add(self, section: Section, rule: str, derived: Iterable[str], outcome: Outcome, reason: str, source, loc, note=None):
        origin, indicative, circular = self.origin(derived)
        if circular:
            # A plan is never judged by a rule taken from itself: say what we found, judge nothing.
            reason = f"deze regel is alleen uit dit regioplan zelf bekend, dus het plan wordt er niet aan getoetst ({reason})"
            outcome, indicative = "niet te beoordelen", False
        self.verdicts.append(Verdict(self.region.id, section, rule, origin, outcome, reason, source, loc, indicative, note))

    # ------------------------------------------------------------------ the three sections

    def horde(self) -> None:
        for condition in self.leidraad.minimale_horde:
            for check in condition.toetsing:
                if check.alleen_bij == "eigen-interventies" and not self.region.eigen_interventies:
                    continue  # nothing to agree on
                fact = getattr(self.region.horde, check.feit)
                phrase = FACT_PHRASES[check.feit][_ANSWERS[fact.waarde]]
                # The data's own explanation says what the plan states or leaves out; without one, a
                # standard sentence names the fact.
                reason = fact.toelichting.strip() if fact.toelichting else sentence(phrase)
                if check.alleen_bij == "eigen-interventies" and not fact.toelichting:
                    reason = reason[:-1] + f" ({', '.join(v.naam for v in self.region.eigen_interventies)})."
                self.add(
                    "horde",
                    f"{condition.titel}: {check.titel}",
                    condition.afgeleid_uit,
                    _OUTCOME_OF_ANSWER[fact.waarde],
                    reason,
                    check.bron,
                    ("horde", check.feit),
                    fact.redactie,
                )

    def groeimodel(self) -> None:
        model = self.leidraad.groeimodel
        if model is None:
            self.verdicts.append(
                Verdict(
                    self.region.id,
                    "groeimodel",
                    "groeimodel van de leidraad",
                    f"leidraad versie {self.leidraad.versie}",
                    "niet te beoordelen",
                    f"het groeimodel van {self.leidraad.titel} staat niet in de gegevens; een andere versie wordt er niet op toegepast",
                    None,
                    ("plan", "leidraad"),
                )
            )
            return
        for growth in model.kernelementen:
            name = self.kernel_names[growth.kernelement]
            count = kernel_count(self.offers, self.region, growth.kernelement)
            # The most specific provenance counts: a kernelement's own sources replace the groeimodel's.
            derived = growth.afgeleid_uit or model.afgeleid_uit
            if growth.aanbod_minimaal:
                self._offer_verdict(
                    f"{name}: de regio biedt minimaal {growth.aanbod_minimaal} interventies aan",
                    derived,
                    count,
                    growth.aanbod_minimaal,
                    growth,
                )
            needed = needed_for_years(growth.jaren)
            if needed > (growth.aanbod_minimaal or 0):
                derived_years = list(dict.fromkeys([*derived, *(d for y in growth.jaren for d in y.afgeleid_uit)]))
                self._offer_verdict(
                    f"{name}: het aanbod maakt de jaarminimums haalbaar ({needed} verschillende interventies)",
                    derived_years,
                    count,
                    needed,
                    growth,
                )
        # The general rules (never only staff, deepening justified, trainings once per person, …)
        # are about practice plans: the plan check judges them, a regioplan cannot break them.

    def _offer_verdict(self, rule: str, derived: list[str], count: KernelCount, needed: int, growth: KernelementGrowth) -> None:
        enough = count.at_least(needed)
        reason = f"bij naam aangeboden: {len(count.named)} ({count.names()})"
        if count.distinct < len(count.named):
            reason += f"; dat zijn vormen van één interventie, {plural(count.distinct, 'verschillende interventie', 'verschillende interventies')}"
        for statement in count.statements:
            stated = f"minimaal {statement.aantal} opties" if statement.aantal else "opties zonder aantal"
            reason += f"; het plan noemt {stated}: {statement.tekst.strip()}"
        if not count.complete:
            reason += f"; {PARTIAL_OFFER}"
        outcome: Outcome = {True: "voldoet", False: "voldoet niet", None: "niet te beoordelen"}[enough]
        notes = " ".join(s.redactie.strip() for s in count.statements if s.redactie) or None
        self.add("groeimodel", rule, derived, outcome, reason, growth.bron, ("interventies",), notes)

    def own_rules(self) -> None:
        restated = {r.rule.id for r in restated_rules(self.project, self.region)}
        names = {o.choice.interventie: o.name for o in self.offers}
        names |= {v.id: v.naam for v in self.project.catalogue.interventies if v.id not in names}
        for index, rule in enumerate(self.region.regels):
            if rule.id in restated:
                continue
            loc = ("regels", index)
            if rule.soort == "verplicht":
                mandatory = {o.choice.interventie for o in self.offers if o.choice.status == "verplicht"}
                missing = [names[i] for i in rule.interventies if i not in mandatory]
                if missing:
                    outcome: Outcome = "voldoet niet"
                    reason = f"niet als verplicht aangeboden: {', '.join(missing)}"
                elif rule.intervisie and self.region.intervisie is None:
                    outcome, reason = "niet te beoordelen", "het plan beschrijft de intervisie niet"
                else:
                    found = ["alle genoemde interventies staan als verplicht in het aanbod"] if rule.interventies else []
                    if rule.intervisie:
                        who = self.region.intervisie.organisator or "organisator niet vermeld"
                        found.append(f"de regio beschrijft de intervisie die de regel vraagt ({who})")
                    outcome, reason = "voldoet", "; ".join(found)
                self.verdicts.append(Verdict(self.region.id, "eigen-regels", rule.titel, "regioplan", outcome, reason, rule.bron, loc))
                continue
            counts = {k: kernel_count(self.offers, self.region, k) for k in rule.kernelementen}
            if rule.soort == "minimaal-aantal":
                named = sum(len(c.named) for c in counts.values()) + sum(
                    1 for o in self.offers if o.offered and o.choice.interventie in rule.interventies
                )
                if named >= rule.minimaal:
                    enough: bool | None = True
                elif any(c.unnamed for c in counts.values()):
                    enough = True if sum(c.stated or 0 for c in counts.values()) >= rule.minimaal else None
                else:
                    enough = False
                places = ", ".join(self.kernel_names[k] for k in rule.kernelementen) or "de genoemde interventies"
                reason = f"bij naam aangeboden in {places}: {named}"
            else:  # keuze-uit-kernelementen: one of the kernelementen must offer enough
                answers = [c.at_least(rule.minimaal) for c in counts.values()]
                enough = True if True in answers else None if None in answers else False
                reason = "; ".join(f"{self.kernel_names[k]}: {len(c.named)} bij naam aangeboden" for k, c in counts.items())
            outcome = {True: "voldoet", False: "voldoet niet", None: "niet te beoordelen"}[enough]
            self.verdicts.append(Verdict(self.region.id, "eigen-regels", rule.titel, "regioplan", outcome, reason, rule.bron, loc))


def sentence(text: str) -> str:
    """'het plan zegt niet …' -> 'Het plan zegt niet ….': a phrase as a sentence in a message."""
    return text[:1].upper() + text[1:] + "."


def short_document_name(project: Project, document_id: str) -> str:
    """'regioplan Oost-Gelderland', 'leidraad versie 3', or the title of another document."""
    name = document_name(project, document_id)
    return name.replace("het regioplan van ", "regioplan ")


def document_name(project: Project, document_id: str) -> str:
    """'het regioplan van Oost-Gelderland' for a region's plan, 'leidraad versie 3' for a leidraad,
    the title for other documents."""
    # The leidraad first: a region file that names the leidraad as its plan's document (the
    # synthetic regions of tests and benchmarks do) must not turn it into that region's plan.
    for leidraad in project.leidraden.values():
        if leidraad.document == document_id:
            return f"leidraad versie {leidraad.versie}"
    # The plan of one region is named after it; a document that several regions name as their plan
    # is named by its title, so that no region's file can rename another region's sources.
    planned = project.plans_by_document.get(document_id, [])
    if len(planned) == 1:
        return f"het regioplan van {planned[0].naam}"
    document = next((d for d in project.sources.documenten if d.id == document_id), None)
    if document is None:
        return document_id
    return document.titel + (f" (versie {document.versie})" if document.versie else "")


def needed_for_years(years: list[YearRule]) -> int:
    """Distinct interventions a practice must be able to pick to meet every year's minimum.

    New ones add up over the years; 'actief' asks for that many at once; continuing or
    deepening needs nothing new.
    """
    new = sum(y.minimaal for y in years if y.eis == "nieuw")
    running = max((y.minimaal for y in years if y.eis == "actief"), default=0)
    return max(new, running)


def _covering(growth: KernelementGrowth, year: int) -> YearRule | None:
    return next((y for y in growth.jaren if y.jaar == year or (y.en_verder and year > y.jaar)), None)


def restates(rule: RegionRule, model: Groeimodel | None) -> YearRule | None:
    """The leidraad's year rule that already asks what `rule` asks (same or more), if there is one.

    A region rule on one kernelement (minimaal-aantal), or a choice between kernelementen, is
    implied by a leidraad rule for the same year(s) that asks at least as many interventions:
    every way of meeting the leidraad's rule meets the region's.
    """
    if model is None or rule.interventies or rule.intervisie or rule.soort == "verplicht" or rule.uiterlijk:
        return None
    growth = {g.kernelement: g for g in model.kernelementen}
    last = max(y.jaar for g in model.kernelementen for y in g.jaren)
    years = range(rule.jaar, max(last, rule.jaar) + 1) if rule.en_verder else [rule.jaar]
    found = None
    for year in years:
        matches = []
        for kernel in rule.kernelementen:
            year_rule = _covering(growth[kernel], year) if kernel in growth else None
            if year_rule and year_rule.eis != "optioneel" and year_rule.minimaal >= rule.minimaal:
                matches.append(year_rule)
        # minimaal-aantal on one kernelement needs that kernelement covered; a choice between
        # kernelementen is implied as soon as one of them is.
        if rule.soort == "minimaal-aantal" and (len(rule.kernelementen) != 1 or not matches):
            return None
        if rule.soort == "keuze-uit-kernelementen" and not any(m.eis in ("nieuw", "nieuw-of-verdieping") for m in matches):
            return None
        found = found or matches[0]
    if rule.en_verder and found is not None and not _covering(growth[rule.kernelementen[0]], last + 1):
        return None  # the region's rule runs on after the leidraad's rules stop: it adds to them
    return found


def restated_rules(project: Project, region: Region) -> list[Restated]:
    model = project.leidraden[region.plan.leidraad].groeimodel
    found = []
    for rule in region.regels:
        match = restates(rule, model)
        if match is not None:
            weaker = rule.minimaal < match.minimaal or (rule.soort == "keuze-uit-kernelementen" and len(rule.kernelementen) > 1)
            found.append(Restated(rule, match.toelichting.strip(), weaker))
    return found


# What an older plan must do under the newest leidraad, per item of the road to it.
ToDoStatus = Literal["in strijd", "voldoet niet", "niet aangetoond"]


@dataclass(frozen=True)
class ToDo:
    """One item of the road from an older plan to the newest leidraad: what that version asks, what
    the plan says today, and what is to be done. Only what the plan says can be ✗ ('in strijd',
    'voldoet niet'); where it is silent, the item is 'niet aangetoond'."""

    rule: str
    now: str
    status: ToDoStatus
    advice: str
    note: str | None = None
    source: SourceRef | None = None


def road_to(project: Project, region: Region, newest: Leidraad) -> list[ToDo]:
    """What a plan that follows an older leidraad must add or change to meet `newest`: every rule of
    `newest` it does not meet, then the plan period, the years the rules name, and the tariffs."""
    items = []
    for v in check_region(project, region, newest):
        if v.outcome == "voldoet":
            continue
        fact = getattr(region.horde, v.loc[1]) if v.loc[0] == "horde" else None
        if v.outcome == "voldoet niet":
            items.append(ToDo(v.rule, v.reason, "voldoet niet", "pas het plan aan", v.note, v.source))
        elif fact is not None and fact.strijdig_met_nieuwste:
            items.append(ToDo(v.rule, v.reason, "in strijd", "pas het plan aan", fact.strijdig_met_nieuwste.strip(), v.source))
        else:
            items.append(ToDo(v.rule, v.reason, "niet aangetoond", "laat in het plan zien hoe het hieraan voldoet", v.note, v.source))
    first, last = min(newest.geldig_voor), max(newest.geldig_voor)
    span = f"{first}–{last}"
    plan = region.plan
    said = f"Het plan noemt als periode: {years(plan.periode_van, plan.periode_tot)}"
    if (plan.periode_tot or last) < last or (plan.periode_van or first) > first:
        advice = f"maak een plan (of een nieuwe versie) voor {span}"
        items.append(ToDo(f"Een planperiode die {span} dekt", said + ".", "voldoet niet", advice))
    elif plan.periode_tot is None or plan.periode_van is None:
        said += ", " + ("geen einde." if plan.periode_tot is None else "geen eerste jaar.")
        items.append(ToDo(f"Een planperiode die {span} dekt", said, "niet aangetoond", f"noem in het plan de periode {span}"))
    followed = project.leidraden[plan.leidraad]
    named = max([_last_year(followed.groeimodel), *(r.jaar for r in region.regels)])
    asked = _last_year(newest.groeimodel)
    if asked > named:
        items.append(
            ToDo(
                f"Regels voor jaar {named + 1} en verder",
                f"Het plan noemt regels voor jaar 1{' en ' + str(named) if named > 1 else ''} (leidraad versie {followed.versie}).",
                "niet aangetoond",
                f"neem de regels van versie {newest.versie} voor jaar {named + 1} en verder op",
            )
        )
    tariffs = region.financiering.tarieven if region.financiering else []
    if not any(t.jaar is not None and first <= t.jaar <= last for t in tariffs):
        stated = sorted({t.jaar for t in tariffs if t.jaar is not None})
        said = f"Het plan noemt tarieven voor {', '.join(map(str, stated))}." if stated else "Het plan noemt geen tarieven voor deze jaren."
        items.append(ToDo(f"Tarieven voor {span}", said, "niet aangetoond", f"noem de tarieven die in {span} gelden"))
    return items


def _last_year(model: Groeimodel | None) -> int:
    """The last implementation year a groeimodel names (a rule 'jaar 3 en verder' names 3)."""
    return max((y.jaar for g in model.kernelementen for y in g.jaren), default=0) if model else 0


def check_region(project: Project, region: Region, leidraad: Leidraad | None = None) -> list[Verdict]:
    """The verdicts for a region: by the version its plan follows, or (for the road to a newer
    version) by `leidraad`, in which case its own rules are not judged."""
    judge = _Judge(project, region, leidraad or project.leidraden[region.plan.leidraad])
    judge.horde()
    judge.groeimodel()
    if leidraad is None:
        judge.own_rules()
    return judge.verdicts


def check_project(project: Project) -> list[Verdict]:
    return [v for region in sorted(project.regions.values(), key=lambda r: alphabetical(r.naam)) for v in check_region(project, region)]


# What an author can do about a failed rule, without being pushed to add what the plan does not say.
W401_ADVICE = (
    "controleer of de gegevens zeggen wat het plan zegt (vul alleen aan wat het plan noemt); komen ze uit een deel van "
    "het plan, zoals webpagina's of een samenvatting, zet dan plan.bron_volledig: false"
)


def warnings(project: Project) -> list[Diagnostic]:
    """Failed rules as warnings for `regioplan check` (errors with --strict)."""
    found = []
    for v in check_project(project):
        if v.outcome != "voldoet niet":
            continue
        position = project.file_of(REGIONS_DIR, v.region).position(v.loc)
        kind = "indicatief, " if v.indicatief else ""
        found.append(
            Diagnostic(
                position,
                "W401",
                f"regioplan voldoet niet aan '{v.rule}' ({kind}{v.origin}): {v.reason}; {W401_ADVICE}",
                severity="warning",
            )
        )
    return found
