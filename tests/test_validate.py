"""Validation: every error code, with its exact message and position."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.data.project import load_project
from generator.errors import DataError

# No MkDocs build and no browser: the fast tier (./scripts/test -m unit).
pytestmark = pytest.mark.unit

CAT = "data/catalogus.yml"
REGION = "data/regios/testregio.yml"

# The smallest valid region; tests break one thing in it at a time.
MINIMAL_REGION = """\
id: testregio
naam: Testregio
rho: {naam: RHO Test}
zorgverzekeraars:
  - naam: Verzekeraar A
plan:
  titel: Regioplan Testregio
  versie: "1.0"
  status: concept
  periode_van: 2026
  leidraad: leidraad-v3
  document: leidraad-v3
contact: {organisatie: RHO Test, email: info@example.org}
samenvatting: Een regio voor tests.
interventies:
  - interventie: triage-training
    status: verplicht
    doelstellingen: [werkplezier]
    bron: [{document: leidraad-v3, sectie: test}]
  - interventie: training-gespreksvoering
    variant: positieve-gezondheid
    status: aangeboden
    ondersteund: ja
    bron: [{document: leidraad-v3, sectie: test}]
regels:
  - id: zes-verplicht
    soort: verplicht
    jaar: 1
    interventies: [triage-training]
    titel: Verplicht in jaar 1
    toelichting: Test.
    bron: {document: leidraad-v3, sectie: test}
"""


def errors(project) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_project(project.root)
    return [str(d) for d in caught.value.diagnostics]


def test_the_real_national_data_and_a_minimal_region_validate(project):
    project.write(REGION, MINIMAL_REGION)
    loaded = load_project(project.root)
    assert set(loaded.regions) == {"testregio"}
    assert len(loaded.catalogue.interventies) == 22


def test_e101_missing_field(project):
    project.replace(CAT, "    samenvatting: Assistenten leren triëren", "    andere_samenvatting: Assistenten leren triëren")
    line = project.line_of(CAT, "andere_samenvatting")
    assert errors(project) == [
        f"{CAT}:{line - 5}:5: E101 verplicht veld 'samenvatting' ontbreekt; voeg het toe",
        f"{CAT}:{line}:26: E102 onbekend veld 'andere_samenvatting' (bedoelde u 'samenvatting'?); verwijder of hernoem het",
    ]


def test_e103_wrong_type(project):
    project.replace(CAT, "    nummer: 2\n", '    nummer: "2"\n')
    line = project.line_of(CAT, 'nummer: "2"')
    assert errors(project) == [f"{CAT}:{line}:13: E103 'nummer' moet een geheel getal zijn, niet tekst"]


def test_e103_number_where_text_is_expected_says_to_quote(project):
    project.write(REGION, MINIMAL_REGION.replace('versie: "1.0"', "versie: 2"))
    assert errors(project) == [
        f"{REGION}:8:11: E103 'versie' moet tekst zijn, niet een geheel getal; zet de waarde tussen aanhalingstekens"
    ]


def test_e104_value_not_in_list(project):
    project.write(REGION, MINIMAL_REGION.replace("status: verplicht", "status: misschien"))
    assert errors(project) == [
        f"{REGION}:17:13: E104 ongeldige waarde 'misschien' voor 'status'; kies uit 'verplicht', 'aangeboden', "
        "'in-overweging' of 'niet-aangeboden'"
    ]


def test_e107_a_retired_status_says_how_to_write_it_now(project):
    project.write(REGION, MINIMAL_REGION.replace("status: verplicht", "status: aangeboden-met-ondersteuning"))
    assert errors(project) == [
        f"{REGION}:17:13: E107 ongeldige waarde voor 'status': 'aangeboden-met-ondersteuning' bestaat niet meer: "
        "schrijf 'status: aangeboden' en, alleen als het plan het zegt, 'ondersteund: ja' "
        "(anders laat u 'ondersteund' weg: niet vermeld)"
    ]


def test_e211_a_horde_fact_stated_without_a_source(project):
    region = MINIMAL_REGION + "horde:\n  intervisie_door_rho:\n    waarde: ja\n    toelichting: De RHO organiseert de intervisie.\n"
    project.write(REGION, region)
    line = project.line_of(REGION, "waarde: ja")
    assert errors(project) == [
        f"{REGION}:{line}:13: E211 'intervisie_door_rho' is ja, maar zonder bron; zeg onder 'bron' waar het plan dit zegt, of maak het niet-vermeld"
    ]


def test_e205_a_region_that_names_no_offer_at_all(project):
    start = MINIMAL_REGION.index("interventies:")
    end = MINIMAL_REGION.index("regels:")
    project.write(
        REGION,
        MINIMAL_REGION[:start]
        + MINIMAL_REGION[end:]
        .replace("interventies: [triage-training]", "kernelementen: [anders-werken]\n    minimaal: 1")
        .replace("soort: verplicht", "soort: minimaal-aantal"),
    )
    assert errors(project) == [
        f"{REGION}:1:1: E205 de regio noemt geen interventies en geen aanbod; vul 'interventies' of 'aanbod_per_kernelement' in"
    ]


@pytest.mark.parametrize("slug", ["../x", "/etc/passwd", "a/b", "Hoofdletter", "a--b", "-a"])
def test_e105_unsafe_slugs_are_refused(project, slug):
    project.write("data/regios/testregio.yml", MINIMAL_REGION.replace("id: testregio", f"id: '{slug}'"))
    assert errors(project) == [
        f"{REGION}:1:5: E105 ongeldige id '{slug}' in 'id': gebruik alleen kleine letters, cijfers en enkele koppeltekens (zoals 'triage-training')"
    ]


def test_e106_empty_text(project):
    project.write(REGION, MINIMAL_REGION.replace("samenvatting: Een regio voor tests.", 'samenvatting: ""'))
    assert errors(project) == [f"{REGION}:14:15: E106 'samenvatting' mag niet leeg zijn"]


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        ("naam: Testregio", "naam: " + "x" * 501, "E106 'naam' is te lang: hoogstens 500 tekens; kort de tekst in"),
        ("  periode_van: 2026", "  periode_van: 1999", "E106 'periode_van' moet minstens 2000 zijn"),
        ("  periode_van: 2026", "  periode_van: 2101", "E106 'periode_van' mag hoogstens 2100 zijn"),
    ],
)
def test_e106_limits_are_said_in_dutch(project, old, new, said):
    # pydantic's own words ("string too long", "greater than equal") reached authors before.
    project.write(REGION, MINIMAL_REGION.replace(old, new))
    found = errors(project)
    assert any(line.endswith(said) for line in found), found


def test_e102_a_field_name_with_an_invisible_character_says_so(project):
    # "naam" with a zero-width space prints as "naam": "onbekend veld 'naam'" would puzzle anyone.
    project.write(REGION, MINIMAL_REGION.replace("naam: Testregio", "naam\u200b: Testregio"))
    assert (
        f"{REGION}:2:8: E102 veldnaam 'naam\\u200b' bevat een onzichtbaar teken (U+200B); typ de naam opnieuw zonder dat teken"
        in errors(project)
    )


@pytest.mark.parametrize("abbreviation", ["40", "wzxhzdk", "klzzwxh"])
def test_e107_an_abbreviation_markdown_would_find_inside_its_own_placeholders(project, abbreviation):
    # The attack: "40" or "wzxhzdk" as an abbreviation is also found inside Markdown's internal
    # placeholders, which then break: the plan builder vanished from every region, "(" and "&" were
    # lost, and check said "In orde".
    glossary = "data/afkortingen.yml"
    entry = f'  - afkorting: "{abbreviation}"\n    betekenis: "iets"\n    uitleg: "x"\n    bron: {{document: leidraad-v3, sectie: test}}\n'
    project.write(glossary, project.read(glossary) + entry)
    line = project.line_of(glossary, f'afkorting: "{abbreviation}"')
    found = errors(project)
    assert any(f.startswith(f"{glossary}:{line}:") and " E107 " in f for f in found), found


@pytest.mark.parametrize(("existing", "added"), [("C&C", "C-C"), ("POH", "poh")])
def test_e202_two_abbreviations_that_would_share_one_place_on_the_glossary_page(project, existing, added):
    # The attack: "C-C" beside "C&C", or "poh" beside "POH", got the same heading id: links and
    # search results for the second led to the first.
    glossary = "data/afkortingen.yml"
    assert f'afkorting: "{existing}"' in project.read(glossary)
    entry = f'  - afkorting: "{added}"\n    betekenis: "iets anders"\n    uitleg: "x"\n    bron: {{document: leidraad-v3, sectie: test}}\n'
    project.write(glossary, project.read(glossary) + entry)
    line = project.line_of(glossary, f'afkorting: "{added}"')
    found = errors(project)
    assert any(f.startswith(f"{glossary}:{line}:") and " E202 " in f and f"'{existing}'" in f for f in found), found


def test_e107_date_format(project):
    project.write(REGION, MINIMAL_REGION.replace("  status: concept", "  datum: 6-11-2024\n  status: concept"))
    assert errors(project) == [
        f"{REGION}:9:10: E107 ongeldige waarde voor 'datum': schrijf een datum als JJJJ-MM-DD, bijvoorbeeld 2025-07-01"
    ]


def test_e201_unknown_intervention_with_suggestion(project):
    project.write(REGION, MINIMAL_REGION.replace("  - interventie: triage-training", "  - interventie: triage-traning"))
    assert errors(project) == [
        f"{REGION}:16:18: E201 onbekende interventie 'triage-traning' (bedoelde u 'triage-training'?); "
        "gebruik een id uit data/catalogus.yml of declareer haar onder 'eigen_interventies'"
    ]


def test_e202_duplicate_intervention_id_in_catalogue(project):
    project.replace(CAT, "  - id: aanmeldzuil", "  - id: triage-training")
    first = project.line_of(CAT, "  - id: triage-training")
    second = project.line_of(CAT, "    naam: Aanmeldzuil") - 1
    assert errors(project) == [
        f"{CAT}:{second}:9: E202 interventie 'triage-training' komt twee keer voor (eerst op regel {first}); geef elk een eigen id"
    ]


def test_e105_an_intervention_may_not_take_the_name_of_the_catalogue_page(project):
    # interventies/index.md is the catalogue itself: an intervention "index" would be its page too.
    project.replace(CAT, "  - id: aanmeldzuil", "  - id: index")
    line = project.line_of(CAT, "  - id: index")
    found = errors(project)
    assert (
        f"{CAT}:{line}:9: E105 id 'index' is de naam van de pagina van de catalogus zelf (interventies/index.md); kies een andere id"
        in found
    ), found


def test_e202_region_own_intervention_may_not_shadow_a_national_one(project):
    own = "eigen_interventies:\n  - id: aanmeldzuil\n    naam: Zuil\n    kernelement: anders-werken\n    aard: werkwijze\n    beschrijving: x\n    bron: {document: leidraad-v3, sectie: test}\n"
    project.write(REGION, MINIMAL_REGION + own)
    line = MINIMAL_REGION.count("\n") + 2
    assert errors(project) == [
        f"{REGION}:{line}:9: E202 eigen interventie 'aanmeldzuil' heeft dezelfde id als een landelijke interventie; verwijs naar de landelijke of kies een andere id"
    ]


def test_e203_unknown_kernelement(project):
    project.replace(CAT, "    kernelement: goede-gesprek", "    kernelement: goed-gesprek")
    line = project.line_of(CAT, "kernelement: goed-gesprek")
    assert errors(project) == [
        f"{CAT}:{line}:18: E203 onbekend kernelement 'goed-gesprek' (bedoelde u 'goede-gesprek'?); gebruik een id uit 'kernelementen'"
    ]


def test_e204_unknown_source_document(project):
    project.write(
        REGION,
        MINIMAL_REGION.replace(
            "    bron: [{document: leidraad-v3, sectie: test}]\n  - interventie: training",
            "    bron: [{document: leidraad-v9, sectie: test}]\n  - interventie: training",
        ),
    )
    assert errors(project) == [
        f"{REGION}:19:23: E204 onbekend brondocument 'leidraad-v9' (bedoelde u 'leidraad-v3'?); voeg het toe aan data/bronnen.yml"
    ]


def test_e205_rule_that_names_nothing(project):
    project.write(REGION, MINIMAL_REGION.replace("    interventies: [triage-training]\n", ""))
    assert errors(project) == [f"{REGION}:26:5: E205 regel 'zes-verplicht' noemt geen interventies of kernelementen; vul er een van in"]


def test_e206_unknown_leidraad_version(project):
    project.write(REGION, MINIMAL_REGION.replace("  leidraad: leidraad-v3", "  leidraad: leidraad-v4"))
    assert errors(project) == [
        f"{REGION}:11:13: E206 onbekende leidraadversie 'leidraad-v4' (bedoelde u 'leidraad-v3'?); gebruik een id uit data/leidraad/"
    ]


def test_e207_unknown_variant(project):
    project.write(REGION, MINIMAL_REGION.replace("variant: positieve-gezondheid", "variant: positief"))
    assert errors(project) == [
        f"{REGION}:21:14: E207 onbekende variant 'positief' (bedoelde u 'positieve-gezondheid'?); kies een variant van 'training-gespreksvoering'"
    ]


def test_e208_unknown_goal(project):
    project.write(REGION, MINIMAL_REGION.replace("doelstellingen: [werkplezier]", "doelstellingen: [werkgeluk]"))
    assert errors(project) == [
        f"{REGION}:18:22: E208 onbekende doelstelling 'werkgeluk' (bedoelde u 'werkplezier'?); gebruik een id uit de doelstellingen van de leidraad"
    ]


def test_e209_id_must_match_file_name(project):
    project.write("data/regios/andere-naam.yml", MINIMAL_REGION)
    assert errors(project) == [
        "data/regios/andere-naam.yml:1:5: E209 id 'testregio' past niet bij de bestandsnaam; noem het bestand testregio.yml of pas de id aan"
    ]


def test_errors_in_several_files_are_reported_together(project):
    project.replace(CAT, "    nummer: 2\n", "    nummer: NO\n")
    project.write(REGION, MINIMAL_REGION.replace("naam: Testregio", "naam: Testregio\nnaam: Dubbel"))
    found = errors(project)
    assert [f.split(": ")[1].split(" ")[0] for f in found] == ["E004", "E003"]
    assert found[0].startswith(CAT) and found[1].startswith(REGION)


def test_committed_json_schemas_match_the_models():
    """Editors validate against schema/*.json; regenerate with `regioplan schema`."""
    from conftest import REPO

    from generator.data.schema import SCHEMA_DIR, schemas

    for name, text in schemas().items():
        assert (REPO / SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"{name} is stale: run `regioplan schema`"


def test_every_data_file_names_its_schema_for_editors():
    from conftest import REPO

    expected = {"afkortingen.yml": "afkortingen", "bronnen.yml": "bronnen", "catalogus.yml": "catalogus"}
    for path in sorted((REPO / "data").rglob("*.yml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        folders = {"leidraad": "leidraad", "regios": "regio", "monitor": "monitor", "verplichtingen": "verplichtingen"}
        # An earlier version of a plan sits in data/regios/<region>/.
        kind = expected.get(path.name) or folders.get(path.parent.name) or {"regios": "regio-versie"}[path.parent.parent.name]
        depth = "../" * (len(path.relative_to(REPO / "data").parts))
        assert first == f"# yaml-language-server: $schema={depth}schema/{kind}.schema.json", path


def test_e210_version_history_ends_at_the_current_plan(project):
    history = """versiegeschiedenis:
  - versie: "0.9"
    datum: 2025-01-01
    wijzigingen: [Eerste versie.]
    bron: {document: leidraad-v3, sectie: test}
"""
    project.write(REGION, MINIMAL_REGION + history)
    line = MINIMAL_REGION.count("\n") + 2
    assert errors(project) == [
        f"{REGION}:{line}:5: E210 de laatste versie in de versiegeschiedenis (0.9, 2025-01-01) is niet die van 'plan' (1.0, zonder datum); maak ze gelijk"
    ]


EARLIER = "data/regios/testregio/0.9.yml"
HISTORY = """versiegeschiedenis:
  - versie: "0.9"
    datum: 2025-01-01
    wijzigingen: [Eerste versie.]
    bron: {document: leidraad-v3, sectie: test}
  - versie: "1.0"
    wijzigingen: [Tweede versie.]
    bron: {document: leidraad-v3, sectie: test}
"""


def test_an_earlier_version_is_checked_like_a_region_file(project):
    """E218 for a version the history does not list, E219 for partial data without a note, E201 inside it."""
    project.write(REGION, MINIMAL_REGION + HISTORY)
    earlier = """plan:
  versie: "0.8"
  datum: 2025-01-01
  periode_van: 2025
  document: leidraad-v3
gegevens: gedeeltelijk
interventies:
  - {interventie: triage-traning, status: aangeboden, bron: [{document: leidraad-v3, sectie: test}]}
"""
    project.write(EARLIER, earlier)
    assert errors(project) == [
        f"{EARLIER}:2:11: E218 deze versie (0.8, 2025-01-01) staat niet als eerdere versie in de versiegeschiedenis van "
        "data/regios/testregio.yml (eerdere versies daar: 0.9 van 2025-01-01); maak versie en datum gelijk",
        f"{EARLIER}:6:11: E219 bij gedeeltelijke gegevens hoort een noot onder 'redactie': waar komen ze vandaan en wat is er niet van bekend",
        f"{EARLIER}:8:19: E201 onbekende interventie 'triage-traning' (bedoelde u 'triage-training'?); "
        "gebruik een id uit data/catalogus.yml of declareer haar onder 'eigen_interventies'",
    ]
    project.write(EARLIER, earlier.replace('"0.8"', '"0.9"').replace("triage-traning", "triage-training") + "redactie: Uit versie 1.0.\n")
    assert set(load_project(project.root).earlier_versions["testregio"]) == {EARLIER}


def test_e217_earlier_versions_belong_to_a_region(project):
    project.write(REGION, MINIMAL_REGION)
    project.write("data/regios/testregoi/0.9.yml", "plan: {periode_van: 2025, document: leidraad-v3}\ngegevens: volledig\n")
    assert errors(project) == [
        "data/regios/testregoi/0.9.yml:1:1: E217 onbekende regio 'testregoi' (bedoelde u 'testregio'?); zet eerdere versies in data/regios/<id van de regio>/"
    ]


def test_e101_names_the_values_a_missing_field_may_hold(project):
    project.write(REGION, MINIMAL_REGION.replace("    status: verplicht\n", "", 1))
    assert errors(project) == [
        f"{REGION}:16:5: E101 verplicht veld 'status' ontbreekt; voeg het toe met een van: verplicht, aangeboden, in-overweging of niet-aangeboden"
    ]


def test_e107_an_impossible_date_in_dutch(project):
    project.write(REGION, MINIMAL_REGION.replace("  status: concept", "  datum: 2025-02-30\n  status: concept"))
    assert errors(project) == [f"{REGION}:9:10: E107 ongeldige waarde voor 'datum': 2025-02-30 bestaat niet; controleer de dag en de maand"]


def test_field_errors_and_a_misspelt_intervention_in_one_round(project):
    """An author sees every problem of a region file at once, not the id only after the fields."""
    broken = MINIMAL_REGION.replace("status: verplicht", "status: misschien").replace(
        "  - interventie: training-gespreksvoering", "  - interventie: training-gesprekvoering"
    )
    project.write(REGION, broken)
    found = errors(project)
    assert any(" E104 " in line for line in found)
    assert any(
        " E201 onbekende interventie 'training-gesprekvoering' (bedoelde u 'training-gespreksvoering'?)" in line for line in found
    ), found


def test_an_agreement_counts_as_ja_only_where_the_plan_names_the_partner(project):
    """One standard for every region (docs/toetsing.md, 'Eén maatstaf'): the RHO has agreements with
    a domain ('ja') only where the plan names the party it agreed with; a plan that says it will make
    agreements, or names none, is 'niet-vermeld'. The data says with whom in `met`."""
    region = MINIMAL_REGION + (
        "horde:\n"
        "  netwerk_tweede_lijn:\n"
        "    waarde: ja\n"
        "    toelichting: De RHO maakt afspraken met de tweede lijn.\n"
        "    bron: {document: leidraad-v3, sectie: test}\n"
    )
    project.write(REGION, region)
    line = project.line_of(REGION, "waarde: ja")
    assert errors(project) == [
        f"{REGION}:{line}:13: E220 een afspraak telt als 'ja' alleen als het plan de partij noemt waarmee de RHO haar maakte; "
        "noem die onder 'met', of maak het niet-vermeld"
    ]
    project.write(REGION, region + "    met: [Ziekenhuis Test]\n")
    assert load_project(project.root).regions["testregio"].horde.netwerk_tweede_lijn.met == ["Ziekenhuis Test"]


def test_every_regions_agreements_meet_the_one_standard():
    from generator.data.project import load_project
    from generator.models import AGREEMENT_FACTS

    project = load_project(Path(__file__).parent.parent)
    for region in project.regions.values():
        for name in AGREEMENT_FACTS:
            fact = getattr(region.horde, name)
            assert fact.waarde != "ja" or fact.met, (region.id, name)


def test_a_region_file_that_is_a_symbolic_link_is_read_and_named_by_its_place_in_the_project(project, tmp_path):
    """A region kept elsewhere and linked into data/regios/ (KeyError 'eemland' with a traceback)."""
    elsewhere = tmp_path / "gedeeld" / "testregio.yml"
    elsewhere.parent.mkdir()
    elsewhere.write_text(MINIMAL_REGION.replace("status: verplicht", "status: misschien"), encoding="utf-8")
    project.path(REGION).symlink_to(elsewhere)
    found = errors(project)
    assert found and all(line.startswith(f"{REGION}:") for line in found), found
    elsewhere.write_text(MINIMAL_REGION, encoding="utf-8")
    assert set(load_project(project.root).regions) == {"testregio"}


def test_e106_a_reference_value_beyond_any_measure_is_refused_with_its_line(project):
    # Found by an attacker: 10^29 passed `check` and made `build` end in a traceback (Babel cannot
    # write it as a Dutch number). A reference value is a share, a count or an amount: never that.
    leidraad = "data/leidraad/leidraad-v3.yml"
    project.replace(leidraad, "referentiewaarde: 4.6", "referentiewaarde: 100000000000000000000000000000")
    line = project.line_of(leidraad, "referentiewaarde: 1000")
    [error] = errors(project)
    assert error.startswith(f"{leidraad}:{line}:") and " E106 " in error and "hoogstens" in error
