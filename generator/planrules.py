"""A practice plan's rules as plain data, and the check that applies them.

`rules_for_region` turns the groeimodel of the leidraad version a region follows plus the
region's own rules into one JSON-ready structure. Two checkers read exactly that structure:
`check_plan` here (for `regioplan check-plan`) and `checkPlan` in the plan builder's script
(content/javascripts/planbouwer.js). Shared test cases run through both, so a practice gets the
same verdict on the site as on the command line.

A plan says, per offered intervention and per implementation year, whether the practice runs
it ("actief"), or runs it as a justified deepening ("verdieping", with a text). From that:
new in year Y = active in Y and not active before; continued = active in Y and in Y-1.
"""

from __future__ import annotations

from typing import Any

from .models import Region
from .project import Project

PLAN_FORMAT = 1
STATES = ("actief", "verdieping")


def choice_key(interventie: str, variant: str | None) -> str:
    return f"{interventie}/{variant}" if variant else interventie


def rules_for_region(project: Project, region: Region) -> dict[str, Any]:
    """Everything the plan check needs for one region, and nothing it has to look up."""
    leidraad = project.leidraden[region.plan.leidraad]
    national = {v.id: v for v in project.catalogue.interventies}
    own = {v.id: v for v in region.eigen_interventies}
    kernels = {k.id: k.naam for k in project.catalogue.kernelementen}
    interventions = []
    for choice in region.interventies:
        if choice.status in ("niet-aangeboden", "in-overweging"):
            continue
        item = own.get(choice.interventie) or national[choice.interventie]
        variant = next((v.naam for v in national[choice.interventie].varianten if v.id == choice.variant), None) if choice.variant else None
        interventions.append(
            {
                "key": choice_key(choice.interventie, choice.variant),
                "interventie": choice.interventie,
                "naam": choice.naam or variant or item.naam,
                "kernelement": item.kernelement,
                "aard": _nature(choice.interventie, national, own),
                "status": choice.status,
            }
        )
    rules: list[dict[str, Any]] = []
    model = leidraad.groeimodel
    # The years the plan covers: as many as the rules name (version 1 has two, later ones three).
    years = max([y.jaar for g in model.kernelementen for y in g.jaren] if model else [2])
    if model is not None:
        for growth in model.kernelementen:
            for year_rule in growth.jaren:
                if year_rule.eis == "optioneel" or year_rule.minimaal == 0:
                    continue
                rules.append(
                    {
                        "id": f"{growth.kernelement}-jaar-{year_rule.jaar}",
                        "soort": year_rule.eis,
                        "kernelementen": [growth.kernelement],
                        "interventies": [],
                        "jaar": year_rule.jaar,
                        "en_verder": year_rule.en_verder,
                        "minimaal": year_rule.minimaal,
                        "titel": f"{kernels[growth.kernelement]}, jaar {year_rule.jaar}{' en verder' if year_rule.en_verder else ''}: {year_rule.toelichting}",
                        "herkomst": f"leidraad versie {leidraad.versie}",
                    }
                )
        for rule in model.regels:
            rules.append(
                {
                    "id": rule.id,
                    "soort": rule.soort,
                    "kernelementen": [rule.kernelement] if rule.kernelement else [],
                    "interventies": [],
                    "aard": rule.aard,
                    "jaar": 1,
                    "en_verder": True,
                    "minimaal": 0,
                    "titel": rule.titel,
                    "herkomst": f"leidraad versie {leidraad.versie}",
                }
            )
    for rule in region.regels:
        years = max(years, rule.jaar)
        rules.append(
            {
                "id": f"regio-{rule.id}",
                "soort": {"verplicht": "verplicht", "minimaal-aantal": "actief", "keuze-uit-kernelementen": "keuze"}[rule.soort],
                "kernelementen": rule.kernelementen,
                "interventies": rule.interventies,
                "intervisie": rule.intervisie,
                "jaar": rule.jaar,
                "en_verder": rule.en_verder,
                "minimaal": rule.minimaal,
                "titel": rule.titel,
                "herkomst": "regioplan",
            }
        )
    return {
        "formaat": PLAN_FORMAT,
        "regio": region.id,
        "regionaam": region.naam,
        "leidraad": leidraad.id,
        "groeimodel": model is not None,
        "jaren": years,
        "kernelementen": kernels,
        "interventies": interventions,
        "regels": rules,
        "intervisie": region.intervisie is not None,
    }


def _nature(intervention_id: str, national: dict, own: dict) -> str:
    """The kind of intervention for the groeimodel rules; an own one takes its nearest national's."""
    if intervention_id in own:
        related = own[intervention_id].verwant_aan
        return national[related].aard if related else "werkwijze"
    return national[intervention_id].aard


def _applies(rule: dict, year: int) -> bool:
    return year == rule["jaar"] or (rule["en_verder"] and year > rule["jaar"])


def check_plan(rules: dict[str, Any], plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Verdicts for a practice plan: [{id, jaar, ok, melding}], one per rule and year it governs.

    `plan` is {"regio": …, "keuzes": {key: {"1": "actief" | "verdieping", …}},
    "onderbouwingen": {key: text}, "intervisie": bool}.
    """
    known = {i["key"]: i for i in rules["interventies"]}
    choices = {
        key: {int(y): state for y, state in years.items() if state in STATES}
        for key, years in plan.get("keuzes", {}).items()
        if key in known
    }
    reasons = plan.get("onderbouwingen", {})
    kernels = rules["kernelementen"]
    verdicts: list[dict[str, Any]] = []

    def active(key: str, year: int) -> bool:
        return year in choices.get(key, {})

    def new(key: str, year: int) -> bool:
        return active(key, year) and not any(active(key, y) for y in range(1, year))

    def deepened(key: str, year: int) -> bool:
        return choices.get(key, {}).get(year) == "verdieping" and any(active(key, y) for y in range(1, year))

    def in_scope(rule: dict, key: str) -> bool:
        item = known[key]
        return item["kernelement"] in rule["kernelementen"] or item["interventie"] in rule["interventies"]

    def names(keys) -> str:
        return ", ".join(known[k]["naam"] for k in keys) or "geen"

    def intervention_names(ids) -> str:
        return ", ".join(next((known[k]["naam"] for k in known if known[k]["interventie"] == i), i) for i in ids)

    unknown = [key for key in plan.get("keuzes", {}) if key not in known]
    if unknown:
        verdicts.append(
            {
                "id": "onbekende-keuzes",
                "jaar": 0,
                "ok": False,
                "melding": f"Deze keuzes horen niet bij het aanbod van de regio: {', '.join(sorted(unknown))}.",
            }
        )

    for rule in rules["regels"]:
        kind = rule["soort"]
        for year in range(1, rules["jaren"] + 1):
            if not _applies(rule, year):
                continue
            scope = [k for k in known if in_scope(rule, k)]
            label = " of ".join(kernels[k] for k in rule["kernelementen"]) or intervention_names(rule["interventies"])
            ok, message = True, ""
            if kind == "nieuw":
                found = [k for k in scope if new(k, year)]
                ok = len(found) >= rule["minimaal"]
                message = f"Jaar {year}: kies minimaal {rule['minimaal']} nieuwe interventie(s) bij {label} (nu: {names(found)})."
            elif kind == "actief":
                found = [k for k in scope if active(k, year)]
                ok = len(found) >= rule["minimaal"]
                message = f"Jaar {year}: voer minimaal {rule['minimaal']} interventie(s) uit bij {label} (nu: {names(found)})."
            elif kind == "nieuw-of-verdieping":
                found = [k for k in scope if new(k, year) or deepened(k, year)]
                ok = len(found) >= rule["minimaal"]
                message = f"Jaar {year}: kies minimaal {rule['minimaal']} nieuwe interventie(s) of onderbouwde verdieping(en) bij {label} (nu: {names(found)})."
            elif kind == "continueren":
                found = [k for k in scope if active(k, year) and any(active(k, y) for y in range(1, year))]
                ok = len(found) >= rule["minimaal"]
                message = f"Jaar {year}: zet minimaal {rule['minimaal']} interventie(s) bij {label} voort uit een eerder jaar (nu: {names(found)})."
            elif kind == "keuze":
                counts = {
                    k: sum(1 for key in known if known[key]["kernelement"] == k and (new(key, year) or deepened(key, year)))
                    for k in rule["kernelementen"]
                }
                ok = any(n >= rule["minimaal"] for n in counts.values())
                message = f"Jaar {year}: kies minimaal {rule['minimaal']} nieuwe interventie(s) of verdieping(en) bij {label}."
            elif kind == "verplicht":
                missing = [i for i in rule["interventies"] if not any(active(k, year) for k in known if known[k]["interventie"] == i)]
                absent = rule.get("intervisie") and not plan.get("intervisie")
                ok = not missing and not absent
                parts = []
                if missing:
                    parts.append("voer de verplichte interventie(s) uit: " + intervention_names(missing))
                if absent:
                    parts.append("neem deel aan de intervisie")
                message = f"Jaar {year}: " + ("; ".join(parts) if parts else "alle verplichte onderdelen zijn gekozen") + "."
            elif kind == "nooit-enige":
                running = [k for k in known if active(k, year)]
                only = bool(running) and all(known[k]["kernelement"] in rule["kernelementen"] for k in running)
                ok = not only
                message = f"Jaar {year}: {label} mag niet de enige interventie zijn; kies er ook een uit een ander kernelement."
            elif kind == "verdieping-onderbouwen":
                lacking = [k for k in known if choices.get(k, {}).get(year) == "verdieping" and not str(reasons.get(k, "")).strip()]
                ok = not lacking
                message = f"Jaar {year}: onderbouw elke verdieping (ontbreekt bij: {names(lacking)})."
            elif kind == "geen-verdieping":
                wrong = [k for k in known if deepened(k, year) and known[k]["aard"] == rule["aard"]]
                ok = not wrong
                message = f"Jaar {year}: een ingevoerde ICT-aanpassing kan niet als verdieping tellen ({names(wrong)}); kies een nieuwe interventie."
            elif kind == "eenmalig-per-zorgverlener":
                wrong = [k for k in known if deepened(k, year) and known[k]["aard"] == rule["aard"]]
                ok = not wrong
                message = f"Jaar {year}: een training telt één jaar per zorgverlener; kies een nieuwe interventie of laat andere teamleden de training volgen ({names(wrong)})."
            elif kind == "geen-herhaling":
                wrong = [
                    k
                    for k in known
                    if active(k, year)
                    and not active(k, year - 1)
                    and any(active(k, y) for y in range(1, year - 1))
                    and not deepened(k, year)
                ]
                ok = not wrong
                message = f"Jaar {year}: een eerder ingevoerde interventie herhalen mag alleen als aantoonbare verdieping ({names(wrong)})."
            if kind in ("verdieping-onderbouwen", "geen-verdieping", "eenmalig-per-zorgverlener", "geen-herhaling", "nooit-enige") and ok:
                message = f"Jaar {year}: {rule['titel']}: in orde."
            verdicts.append({"id": rule["id"], "jaar": year, "ok": ok, "melding": message})
    return verdicts
