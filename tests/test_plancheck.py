"""The plan check against the sources: each case quotes the sentence it rests on, then asks what a
careful reader of that sentence expects. No MkDocs build: the check runs as `regioplan check-plan`
does, on the repository's own data.

Seeds (../shared/seeds): 001 = leidraad v3 (OCR), 002 = Eemland, 003 = Midden-Brabant,
004 = Oost-Gelderland, 000 = Zuid-Holland Noord.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, regioplan

from generator.data.project import load_project
from generator.rules.offer import choice_key
from generator.rules.plancheck import check_plan
from generator.rules.planrules import rules_for_region, validate_plan

pytestmark = pytest.mark.unit


@pytest.fixture(scope="module")
def project():
    return load_project(REPO)


def verdicts(project, region: str, plan: dict) -> list[dict]:
    return check_plan(rules_for_region(project, project.regions[region]), {"keuzes": {}, **plan})


def failing(found: list[dict]) -> list[tuple[str, int]]:
    return sorted((v["id"], v["jaar"]) for v in found if v["uitkomst"] == "voldoet niet")


def run(tmp_path: Path, region: str, plan: dict):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps({"formaat": 1, "regio": region, **plan}), encoding="utf-8")
    return regioplan(REPO, "check-plan", str(plan_file), "--region", region, in_process=True)


# A plan that meets leidraad v3 in years 1-3 in Eemland: one anders-werken intervention in year 1
# and one more in year 2, a new one in year 3; two network interventions in year 2 and a new one
# in year 3; a conversation training followed by different people each year; the intervisie.
EEMLAND_THREE_YEARS = {
    "start": "2026-K1",
    "intervisie": True,
    "keuzes": {
        "flexibele-consultduur": {"1": "actief", "2": "actief", "3": "actief"},
        "taakherschikking": {"2": "actief", "3": "actief"},
        "lean-administratielast": {"3": "actief"},
        "mdo-casuistiektafel": {"2": "actief", "3": "actief"},
        "meekijkconsult-meedenkadvies/meedenkadvies": {"2": "actief", "3": "actief"},
        "samenwerken-via-nis": {"3": "actief"},
        "training-gespreksvoering/4d-model": {"1": "actief", "2": "actief", "3": "actief"},
    },
    "deelnemers": {"training-gespreksvoering/4d-model": {"1": ["huisarts A"], "2": ["POH-GGZ"], "3": ["huisarts B"]}},
}
# Eemland's jaarplan holds at least a practice goal and, per intervention, a short plan of approach
# with a SMART goal (seed 002, lines 190-194: "Het jaarplan bevat minimaal de volgende onderdelen").
EEMLAND_THREE_YEARS["onderdelen"] = {
    "doelstelling": "Elke patiënt met een complexe vraag krijgt een consult van 20 minuten.",
    "plan-van-aanpak": {
        key: [f"Aanpak voor {key}.", f"SMART-doel voor {key}: vóór 1 juli gerealiseerd bij 80% van de spreekuren."]
        for key in EEMLAND_THREE_YEARS["keuzes"]
    },
}


# Leidraad v3 §5, "Selecties van interventies" (seed 001, near line 361): "Het staat
# huisartsenpraktijken vrij om aanvullend andere interventies uit de leidraad (die niet zijn
# geselecteerd in het regioplan) uit te voeren. Ook deze interventies neemt de huisarts op in het
# individuele praktijkplan. Voor de uitvoering van deze interventies is ondersteuning vanuit de RHO
# niet gegarandeerd." Oost-Gelderland says the same (seed 004, near line 224).


def test_a_leidraad_intervention_outside_the_regioplan_is_accepted_and_counts(project, tmp_path):
    # Midden-Brabant offers one network intervention (wijkteam); leidraad v1, which it follows,
    # asks two in year 2. With a second from the leidraad (MDO), the plan meets that rule.
    plan = MIDDEN_BRABANT_TWO_YEARS  # below: a complete plan with MDO, which Midden-Brabant does not offer
    assert validate_plan({"formaat": 1, **plan}, rules_for_region(project, project.regions["midden-brabant"])) == []
    # Year 2 of a practice that began in April 2023 starts in 2024: leidraad v2's year (its
    # groeimodel asks the same two network interventions), not v1's.
    network = [v for v in verdicts(project, "midden-brabant", plan) if v["id"].endswith("samenwerken-netwerk-jaar-2")]
    assert [(v["id"], v["uitkomst"]) for v in network] == [("v2-samenwerken-netwerk-jaar-2", "voldoet")]
    assert "MDO" in network[0]["melding"] and "Wijksamenwerking" in network[0]["melding"]
    result = run(tmp_path, "midden-brabant", plan)
    assert "Traceback" not in result.stderr
    # Said once, in the words of the leidraad: the practice may, the RHO does not promise support.
    assert result.stdout.lower().count("niet in het regioplan") == 1
    assert "ondersteuning van de RHO is niet gegarandeerd; overleg met de RHO" in result.stdout


def test_an_unknown_intervention_names_the_region_not_a_list_of_ids(project, tmp_path):
    result = run(tmp_path, "eemland", {"keuzes": {"bestaat-niet": {"1": "actief"}}})
    assert result.returncode == 1
    assert (
        "E504 $.keuzes[\"bestaat-niet\"]: 'bestaat-niet' is geen interventie van het regioplan van Eemland of van de leidraad"
        in result.stderr
    )
    assert "triage-training" not in result.stderr  # no list of about 24 ids


# Eemland, "Praktijkplan en jaarevaluatie" (seed 002, lines 188-198): the MTVP plan becomes part of
# the practice's jaarplan; each year its effect is evaluated and the adjusted plan holds "minimaal de
# keuze voor interventies voor het daaropvolgende jaar" (line 355). The regioplan covers 2026-2027
# (its title, line 3); leidraad v3 covers 2026 and 2027 (seed 001, title page and §1).


def test_a_yearly_plan_is_judged_on_its_coming_year_only(project, tmp_path):
    # A practice that began in 2026 hands in its plan for 2027 (MTVP year 2): 2026 is history,
    # 2028 (year 3) lies outside Eemland's plan and outside leidraad v3, so neither is judged.
    plan = {
        **EEMLAND_THREE_YEARS,
        "keuzes": {k: {y: s for y, s in v.items() if y != "3"} for k, v in EEMLAND_THREE_YEARS["keuzes"].items()},
    }
    plan["keuzes"] = {k: v for k, v in plan["keuzes"].items() if v}
    plan["deelnemers"] = {"training-gespreksvoering/4d-model": {"1": ["huisarts A"], "2": ["POH-GGZ"]}}
    found = verdicts(project, "eemland", plan)
    assert {v["jaar"] for v in found} == {2}
    assert failing(found) == []
    result = run(tmp_path, "eemland", plan)
    assert result.returncode == 0, result.stdout
    assert "2027 · MTVP-jaar 2" in result.stdout and "2026 · MTVP-jaar 1" not in result.stdout.split("getoetst")[-1]


def test_years_outside_the_regioplan_and_every_leidraad_are_not_judged(project):
    found = verdicts(project, "eemland", EEMLAND_THREE_YEARS)  # year 3 is 2028
    assert found and all(v["jaar"] != 3 for v in found)


def test_years_before_the_regioplan_are_history_not_judged(project):
    # Began in 2023: years 1-3 (2023-2025) lie before Eemland's plan and before leidraad v3.
    plan = {**EEMLAND_THREE_YEARS, "start": "2023-K1"}
    plan["keuzes"] = {k: {str(int(y) + 1): s for y, s in v.items()} for k, v in EEMLAND_THREE_YEARS["keuzes"].items()}
    plan["deelnemers"] = {"training-gespreksvoering/4d-model": {"2": ["huisarts A"], "3": ["POH-GGZ"], "4": ["huisarts B"]}}
    found = verdicts(project, "eemland", plan)
    assert {v["jaar"] for v in found} == {4}  # 2026; 2027 (year 5) is not filled in


def test_a_first_year_plan_is_not_judged_on_later_years(project):
    # Midden-Brabant, lichting 3 (seed 003): a practice hands in its first year.
    plan = {
        "start": "2023-K4",
        "keuzes": {
            "regie-op-veelgebruikers": {"1": "actief"},
            "triage-training": {"1": "actief"},
            "time-out-verwijzingen": {"1": "actief"},
            "flexibele-consultduur": {"1": "actief"},
            "training-gespreksvoering/positieve-gezondheid": {"1": "actief"},
        },
    }
    found = verdicts(project, "midden-brabant", plan)
    assert {v["jaar"] for v in found} == {1}


def test_an_empty_plan_never_meets_the_rules(project, tmp_path):
    for region in project.regions:
        result = run(tmp_path, region, {"keuzes": {}})
        assert result.returncode == 1, (region, result.stdout)
        assert "voldoet aan alle regels" not in result.stdout
        assert "Het plan kiest nog geen interventies" in result.stdout


def test_no_message_says_a_regioplan_offers_more_than_it_says(project):
    # Midden-Brabant names its options and gives no number of further ones (seed 003); only a
    # region whose plan states a number larger than it names may be said to have more.
    plan = {"start": "2023-K2", "keuzes": {"flexibele-consultduur": {"1": "actief", "2": "actief"}}}
    for verdict in verdicts(project, "midden-brabant", plan):
        assert "zegt dat er meer zijn" not in verdict["melding"]


def test_one_item_is_never_both_met_and_not_met_in_one_year(project):
    plan = {
        **EEMLAND_THREE_YEARS,
        "start": "2025-K1",
        "keuzes": {**EEMLAND_THREE_YEARS["keuzes"], "mdo-casuistiektafel": {"2": "actief", "3": "verdieping"}},
    }
    found = verdicts(project, "eemland", plan)
    by_item = {}
    for v in found:
        by_item.setdefault(v["jaar"], []).append(v)
    for year, items in by_item.items():
        deepening = [v for v in items if "verdiep" in v["melding"].lower() and "MDO" in v["melding"]]
        assert len({v["uitkomst"] for v in deepening} - {"niet te beoordelen"}) <= 1, (year, deepening)


def test_the_command_ends_every_time(tmp_path):
    # The check runs in an embedded V8; an engine left open at exit hung the process in about one
    # run in three. Each run here must end by itself.
    import subprocess
    import sys

    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps({"formaat": 1, "keuzes": {"triage-training": {"1": "actief"}}}), encoding="utf-8")
    command = [sys.executable, "-m", "generator", "--root", str(REPO), "check-plan", str(plan_file), "--region", "eemland"]
    for _ in range(8):
        assert subprocess.run(command, capture_output=True, timeout=60).returncode in (0, 1)


# Eemland, "Praktijkplan en jaarevaluatie" (seed 002, lines 190-194): "Het jaarplan bevat minimaal
# de volgende onderdelen: een MTVP-doelstelling op praktijkniveau; de keuze van de interventies;
# een kort plan van aanpak per interventie, inclusief een SMART doelstelling."


def eemland_2027(**changes) -> dict:
    """A practice that began in 2026 hands in its plan for 2027 (MTVP year 2), complete."""
    plan = json.loads(json.dumps(EEMLAND_THREE_YEARS))
    plan["keuzes"] = {k: {y: s for y, s in v.items() if y != "3"} for k, v in plan["keuzes"].items()}
    plan["keuzes"] = {k: v for k, v in plan["keuzes"].items() if v}
    plan["deelnemers"] = {"training-gespreksvoering/4d-model": {"1": ["huisarts A"], "2": ["POH-GGZ"]}}
    plan["onderdelen"]["plan-van-aanpak"] = {k: v for k, v in plan["onderdelen"]["plan-van-aanpak"].items() if k in plan["keuzes"]}
    plan.update(changes)
    return plan


def test_eemland_asks_a_practice_goal_and_a_plan_with_a_smart_goal_per_intervention(project):
    rules = rules_for_region(project, project.regions["eemland"])
    assert [(p["id"], p["kolommen"]) for p in rules["onderdelen"] if p["verplicht"]] == [
        ("doelstelling", []),
        ("plan-van-aanpak", ["Kort plan van aanpak", "SMART-doelstelling"]),
    ]
    assert failing(verdicts(project, "eemland", eemland_2027())) == []


# Same section (line 196): each year the effect of the interventions is evaluated, as part of the
# plan and improvement cycle, and shared in the MTVP-intervisie; line 188 puts the yearly evaluation
# in the practice's jaarverslag, not among the jaarplan's required parts.
def test_eemland_has_the_yearly_evaluation_per_intervention_as_an_optional_part(project):
    rules = rules_for_region(project, project.regions["eemland"])
    evaluation = next(p for p in rules["onderdelen"] if p["id"] == "evaluatie")
    assert evaluation["soort"] == "interventies-met-plan" and not evaluation["verplicht"]
    assert evaluation["kolommen"] == ["Effect in het afgelopen jaar"]
    # Without it the plan is complete; with it, nothing changes in the verdicts.
    assert failing(verdicts(project, "eemland", eemland_2027())) == []
    plan = eemland_2027()
    plan["onderdelen"]["evaluatie"] = {key: ["Wachttijd aan de telefoon halveerde."] for key in plan["keuzes"]}
    assert failing(verdicts(project, "eemland", plan)) == []


def test_a_yearly_plan_without_the_practice_goal_fails_on_that_alone(project):
    plan = eemland_2027()
    del plan["onderdelen"]["doelstelling"]
    found = verdicts(project, "eemland", plan)
    assert failing(found) == [("regio-praktijkplan-onderdelen", 2)]
    assert "Vul nog in: MTVP-doelstelling op praktijkniveau." in next(v["melding"] for v in found if v["uitkomst"] == "voldoet niet")


def test_a_missing_smart_goal_is_named_with_its_intervention(project):
    plan = eemland_2027()
    plan["onderdelen"]["plan-van-aanpak"]["taakherschikking"] = ["SOH-spreekuur op dinsdag.", " "]
    found = verdicts(project, "eemland", plan)
    assert failing(found) == [("regio-praktijkplan-onderdelen", 2)]
    message = next(v["melding"] for v in found if v["uitkomst"] == "voldoet niet")
    assert message.endswith("Vul nog in: SMART-doelstelling bij Taakherschikking (bijvoorbeeld SOH-spreekuur).")


def test_a_part_the_region_does_not_ask_is_an_error_with_its_path(project, tmp_path):
    result = run(tmp_path, "eemland", {"keuzes": {}, "onderdelen": {"reflectie": "x"}})
    assert result.returncode == 1
    assert "E503 $.onderdelen.reflectie: 'reflectie' is geen onderdeel dat Eemland in het praktijkplan vraagt" in result.stderr


# Midden-Brabant (seed 003). Line 204: "Alle praktijken maken in jaar 1 en jaar 2 een HIS uitdraai
# van patiënten die 30 keer of meer contact hebben met de praktijk"; PrimaCura asks after year 1
# and after year 2 whether the plans were made. Line 526: half of the GPs take part in the
# intervisie twice "in jaar 1 en jaar 2".
MIDDEN_BRABANT_TWO_YEARS = {
    "start": "2023-K2",
    "intervisie": True,
    "keuzes": {
        "regie-op-veelgebruikers": {"1": "actief", "2": "actief"},
        "triage-training": {"1": "actief"},
        "time-out-verwijzingen": {"1": "actief"},
        "flexibele-consultduur": {"1": "actief", "2": "actief"},
        "training-gespreksvoering/positieve-gezondheid": {"1": "actief", "2": "verdieping"},
        "taakherschikking": {"2": "actief"},
        "wijkteam": {"2": "actief"},
        "mdo-casuistiektafel": {"2": "actief"},
    },
    "onderbouwingen": {"training-gespreksvoering/positieve-gezondheid": "Vervolgtraining Positieve Gezondheid voor het hele team."},
}


def test_midden_brabant_two_complete_years_pass(project):
    assert failing(verdicts(project, "midden-brabant", MIDDEN_BRABANT_TWO_YEARS)) == []


def test_midden_brabant_keeps_regie_op_veelgebruikers_in_year_2(project):
    plan = json.loads(json.dumps(MIDDEN_BRABANT_TWO_YEARS))
    plan["keuzes"]["regie-op-veelgebruikers"] = {"1": "actief"}
    assert failing(verdicts(project, "midden-brabant", plan)) == [("regio-veelgebruikers-jaar-2", 2)]


def test_midden_brabant_keeps_the_intervisie_in_year_2(project):
    # The plan file says one thing about the intervisie for the whole plan: without it, year 1's
    # condition (the six parts) and year 2's fail, each once.
    plan = {**MIDDEN_BRABANT_TWO_YEARS, "intervisie": False}
    assert failing(verdicts(project, "midden-brabant", plan)) == [
        ("regio-intervisie-jaar-2", 2),
        ("regio-zes-verplichte-onderdelen-jaar-1", 1),
    ]


# Leidraad v3 §5 (seed 001, line 324): the goede gesprek "wordt gecontinueerd … en zal worden
# onderhouden met nascholing en scholing van (nieuwe) personeelsleden"; the groeimodel's legend asks
# to develop an existing intervention further, with a justification. The same people following the
# same training again is neither.


def test_the_same_people_repeating_a_training_is_not_developing_it_further(project):
    plan = json.loads(json.dumps(MIDDEN_BRABANT_TWO_YEARS))
    plan["keuzes"]["training-gespreksvoering/positieve-gezondheid"] = {"1": "actief", "2": "actief"}
    plan["deelnemers"] = {"training-gespreksvoering/positieve-gezondheid": {"1": ["huisarts A", "POH-GGZ"], "2": ["huisarts A", "POH-GGZ"]}}
    found = verdicts(project, "midden-brabant", plan)
    assert [v["id"] for v in found if v["uitkomst"] == "voldoet niet"] == ["v2-goede-gesprek-jaar-2"]
    # Others of the team following it in year 2 does develop it.
    plan["deelnemers"]["training-gespreksvoering/positieve-gezondheid"]["2"] = ["huisarts B"]
    assert failing(verdicts(project, "midden-brabant", plan)) == []


# Oost-Gelderland, "1.4 Randvoorwaarden" (seed 004, line 71): "De praktijk neemt deel aan een
# lerende omgeving middels intervisie. In het praktijkplan wordt beschreven hoe de lerende omgeving
# wordt vormgegeven." Zuid-Holland Noord's praktijkplan (seed 000, lines 332-353): the practice
# commits to the leidraad and the regioplan, to the intervisie of Rijn en Duin (1) and to the
# monitoring (3).
OOST_GELDERLAND_YEAR_1 = {
    "start": "2023-K3",
    "intervisie": True,
    "keuzes": {"triage-training": {"1": "actief"}, "training-gespreksvoering": {"1": "actief"}},
    "deelnemers": {"triage-training": {"1": ["doktersassistent A"]}, "training-gespreksvoering": {"1": ["huisarts A"]}},
    "onderdelen": {
        "reflectie": "Veel korte consulten voor vragen die de assistente kan afhandelen.",
        "interventies": {
            "triage-training": ["Twee assistentes volgen de triagetraining.", "Na de training triëren zij zelf."],
            "training-gespreksvoering": ["Training voor de huisartsen.", "Eén gesprek per dagdeel volgens de methode."],
        },
        "lerende-omgeving": "Intervisie met de buurpraktijk, vier keer per jaar, over verwijzingen.",
    },
}


def test_oost_gelderland_first_year_plan_with_its_parts_passes(project):
    assert failing(verdicts(project, "oost-gelderland", OOST_GELDERLAND_YEAR_1)) == []


def test_oost_gelderland_asks_the_intervisie(project):
    plan = {**OOST_GELDERLAND_YEAR_1, "intervisie": False}
    assert failing(verdicts(project, "oost-gelderland", plan)) == [("regio-lerende-omgeving", 1)]


def test_oost_gelderland_asks_how_the_learning_environment_is_shaped(project):
    plan = json.loads(json.dumps(OOST_GELDERLAND_YEAR_1))
    del plan["onderdelen"]["lerende-omgeving"]
    found = verdicts(project, "oost-gelderland", plan)
    assert failing(found) == [("regio-praktijkplan-onderdelen", 1)]
    assert "Lerende omgeving (intervisie)" in next(v["melding"] for v in found if v["uitkomst"] == "voldoet niet")


ZUID_HOLLAND_NOORD_YEAR_1 = {
    "start": "2023-K3",
    "intervisie": True,
    "keuzes": {"taakherschikking": {"1": "actief"}, "training-gespreksvoering/positieve-gezondheid": {"1": "actief"}},
    "onderdelen": {"verklaring": True, "monitoring": True},
}


def test_zuid_holland_noord_commitments_are_checked(project):
    assert failing(verdicts(project, "zuid-holland-noord", ZUID_HOLLAND_NOORD_YEAR_1)) == []
    assert failing(verdicts(project, "zuid-holland-noord", {**ZUID_HOLLAND_NOORD_YEAR_1, "intervisie": False})) == [
        ("regio-intervisie-toezegging", 1)
    ]
    plan = {**ZUID_HOLLAND_NOORD_YEAR_1, "onderdelen": {"verklaring": True}}
    found = verdicts(project, "zuid-holland-noord", plan)
    assert failing(found) == [("regio-praktijkplan-onderdelen", 1)]
    assert "Toezegging 3: medewerking aan de monitoring (aanvinken)" in next(v["melding"] for v in found if v["uitkomst"] == "voldoet niet")


def test_a_year_past_a_plan_that_names_no_end_is_not_called_outside_the_plan(project):
    # Midden-Brabant (seed 003) starts with "Er is vanaf 1-4-2023 een prestatie MTVP" and names no
    # end anywhere. A practice that began in 2024 plans its fifth year, 2028: later than any
    # leidraad version describes (2023-2027), so it is not judged. But the plan does not say 2028
    # lies outside it; the note said "valt buiten het regioplan van Midden-Brabant (vanaf 2023)".
    from generator.rules.offer import choice_key
    from generator.rules.plancheck import plan_notes

    region = project.regions["midden-brabant"]
    assert region.plan.periode_van == 2023 and region.plan.periode_tot is None
    first = region.interventies[0]
    plan = {"start": "2024-K1", "keuzes": {choice_key(first.interventie, first.variant): {"1": "actief", "5": "actief"}}}
    notes = plan_notes(rules_for_region(project, region), plan)
    (year_5,) = [n for n in notes if n.startswith("MTVP-jaar 5 (2028)")]
    assert "valt buiten het regioplan" not in year_5, year_5
    assert "leidraad" in year_5 and "noemt geen einde" in year_5, year_5
    # Zuid-Holland Noord's plan does name its years (2023-2025): 2026 lies outside it.
    zhn = project.regions["zuid-holland-noord"]
    first = zhn.interventies[0]
    plan = {"start": "2023-K3", "keuzes": {choice_key(first.interventie, first.variant): {"1": "actief", "4": "actief"}}}
    (year_4,) = [n for n in plan_notes(rules_for_region(project, zhn), plan) if n.startswith("MTVP-jaar 4")]
    assert "valt buiten het regioplan van Zuid-Holland Noord" in year_4, year_4


def test_a_kernelement_with_options_stated_without_a_number_is_not_called_too_few(project):
    # A plan may say there are more options than it names, without a number (a kernelement's
    # `aanbod` sentence with no `aantal`: "Meer opties, in overleg met de RHO."). The toetsing
    # (offer.py) then cannot judge the region's offer; the plan check said "te weinig keuze om dit
    # te halen", as if the named options were all there are.
    from generator.models import KernelOffer
    from generator.rules.offer import offers_of

    region = project.regions["eemland"]
    growth = next(g for g in project.leidraden["leidraad-v3"].groeimodel.kernelementen if g.kernelement == "anders-werken")
    others = [o.choice for o in offers_of(project.catalogue, region) if o.kernelement != "anders-werken"]
    worded = region.model_copy(
        update={
            "interventies": others,
            "aanbod_per_kernelement": [
                KernelOffer(kernelement="anders-werken", tekst="Meer opties, in overleg met de RHO.", bron=growth.bron)
            ],
            "plan": region.plan.model_copy(update={"bron_volledig": True}),
        }
    )
    other = others[0]
    plan = {"start": "2026-K1", "keuzes": {choice_key(other.interventie, other.variant): {"1": "actief"}}}
    found = check_plan(rules_for_region(project, worded), {"keuzes": {}, **plan})
    (year_1,) = [v["melding"] for v in found if v["jaar"] == 1 and v["melding"].startswith("Anders werken") and v["uitkomst"] != "voldoet"]
    # It said "Het regioplan zegt hier 0 opties te bieden": a number the plan never gave.
    assert "0 opties te bieden" not in year_1 and "noemt geen aantal" in year_1, year_1
    # Without another leidraad intervention to choose, the verdict is the regioplan's gap, and the
    # reason does not call the choice too small where the plan says there is more.
    rules = rules_for_region(project, worded)
    rules["interventies"] = [i for i in rules["interventies"] if not (i.get("buiten_regioplan") and i["kernelement"] == "anders-werken")]
    found = check_plan(rules, {"keuzes": {}, **plan})
    (year_1,) = [v for v in found if v["jaar"] == 1 and v["melding"].startswith("Anders werken") and v["uitkomst"] != "voldoet"]
    assert year_1["uitkomst"] == "niet te beoordelen", year_1
    assert "te weinig keuze" not in year_1["melding"] and "noemt geen aantal" in year_1["melding"], year_1["melding"]


def test_a_plan_of_another_region_says_so_once(tmp_path):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps({"formaat": 1, "regio": "eemland", "keuzes": {"microsoft-365": {"1": "actief"}}}), encoding="utf-8")
    result = regioplan(REPO, "check-plan", str(plan_file), "--region", "midden-brabant", in_process=True)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if " E5" in line]
    assert lines == [f"{plan_file}: E506 dit plan is gemaakt voor Eemland, niet voor Midden-Brabant; toets het met --region eemland"]


def test_commands_find_the_project_from_a_folder_inside_it(tmp_path, monkeypatch):
    from generator.cli.main import main

    monkeypatch.chdir(REPO / "data" / "regios")
    assert main(["check"]) == 0
    monkeypatch.chdir(tmp_path)
    import contextlib
    import io

    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        assert main(["check"]) == 1
    assert f"{tmp_path}: E307 geen regioplan-project in deze map of een map erboven" in err.getvalue()
    assert "--root" in err.getvalue() and "Traceback" not in err.getvalue()


# The ledger (data/verplichtingen/): every sentence of a source that asks something of a practice,
# with what the product does with it. It holds both ways: no rule of the check without a sentence
# it comes from, and no sentence marked as checked without a rule that checks it.


def _ledger_rules(project, ledger) -> tuple[set[str], set[str]]:
    """The rule ids the check applies for a ledger's source (a region's: every rule its plans are
    checked by, the leidraad's it restates among them), and those that source itself gives."""
    from generator.rules.planrules import _leidraad_rules

    leidraad = next((v for v in project.leidraden.values() if v.document == ledger.bron), None)
    if leidraad is not None:
        ids = {rule["id"] for rule in _leidraad_rules(leidraad, own=True)[0]}
        return ids, ids
    region = next(r for r in project.regions.values() if r.plan.document == ledger.bron)
    rules = rules_for_region(project, region)["regels"]
    return {rule["id"] for rule in rules}, {rule["id"] for rule in rules if rule["herkomst"] == "regioplan"}


def test_every_sentence_marked_as_checked_names_a_rule_that_exists(project):
    from generator.models import CHECKED_BY_THE_CHECK

    assert project.ledgers
    for ledger in project.ledgers.values():
        known = _ledger_rules(project, ledger)[0] | set(CHECKED_BY_THE_CHECK)
        for entry in ledger.verplichtingen:
            if entry.soort == "controleerbaar":
                assert entry.getoetst_door, (ledger.bron, entry.regel)
            assert set(entry.getoetst_door) <= known, (ledger.bron, entry.regel, set(entry.getoetst_door) - known)


def test_every_rule_of_a_ledgers_source_comes_from_a_sentence(project):
    for ledger in project.ledgers.values():
        named = {rule for entry in ledger.verplichtingen for rule in entry.getoetst_door}
        own = _ledger_rules(project, ledger)[1]
        assert own <= named, (ledger.bron, own - named)


def test_a_sentence_not_checked_says_why_or_where(project):
    for ledger in project.ledgers.values():
        for entry in ledger.verplichtingen:
            if entry.soort == "tonen":
                assert entry.waarom, (ledger.bron, entry.regel)
