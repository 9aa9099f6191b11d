"""The regiomonitor on a folder of generated plan files: counts, the small-count rule, bad files.

200 practices of Eemland, made with a fixed seed: most plans valid, some broken in the ways
files break (not JSON, an unknown intervention, a state the builder never writes). One
intervention is chosen by exactly three practices, to see that a small group is never shown.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import REPO, as_a_dutch_spreadsheet, copy_project, regioplan
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli.monitor import SMALL, monitor, plan_files
from generator.data.project import load_project
from generator.rules.planrules import rules_for_region

REGION = "eemland"
BROKEN = {
    "kapot-json.json": '{"keuzes": {"triage-training": {"1": "actief"}',
    "onbekende-interventie.json": json.dumps({"keuzes": {"bestaat-niet": {"1": "actief"}}}),
    "verkeerde-waarde.json": json.dumps({"keuzes": {"triage-training": {"1": "misschien"}}}),
    "twee-keer.json": '{"keuzes": {"triage-training": {"1": "actief"}}, "keuzes": {}}',
    # A colon in a name (counted as one file by the part before it, once): each file counts.
    "versie:1.json": "{",
    "versie:2.json": "[",
}
# Not plan files at all, though named like one: each is named and skipped, none waited on.
ODD = {
    "pijp.json": lambda path: os.mkfifo(path),
    "weg.json": lambda path: path.symlink_to(path.parent / "bestaat-niet.json"),
    "map.json": lambda path: path.mkdir(),
}


@pytest.fixture(scope="module")
def plans(tmp_path_factory):
    """(project, folder, practice names, the intervention chosen by exactly three practices)."""
    project = copy_project(tmp_path_factory.mktemp("monitor") / "p", with_regions=True)
    rules = rules_for_region(load_project(project.root), load_project(project.root).regions[REGION])
    offered = [item["key"] for item in rules["interventies"] if not item["buiten_regioplan"]]
    rare, common = offered[-1], offered[:-1]
    folder = project.root / "plannen"
    folder.mkdir()
    rng = random.Random(2026)
    names = []
    for number in range(197):
        keuzes = {}
        for year in ("1", "2", "3"):
            for key in rng.sample(common, rng.randint(1, 4)):
                # Deepening only what the practice already runs, as the builder allows.
                deepen = key in keuzes and rng.random() < 0.3
                keuzes.setdefault(key, {})[year] = "verdieping" if deepen else "actief"
        if number < 3:
            keuzes[rare] = {"1": "actief"}
        name = f"Huisartsenpraktijk Proef {number:03d}"
        names.append(name)
        plan = {"formaat": 1, "regio": REGION, "praktijk": name, "keuzes": keuzes, "intervisie": rng.random() < 0.8}
        (folder / f"plan-{number:03d}.json").write_text(json.dumps(plan, ensure_ascii=False), encoding="utf-8")
    for file_name, text in BROKEN.items():
        (folder / file_name).write_text(text, encoding="utf-8")
    for file_name, make in ODD.items():
        make(folder / file_name)
    return project, folder, names, rare


def run_monitor(project, *args: str) -> subprocess.CompletedProcess:
    return regioplan(project.root, "monitor", *args)


@pytest.fixture(scope="module")
def written(plans, tmp_path_factory):
    project, folder, _, _ = plans
    out = tmp_path_factory.mktemp("overzicht")
    result = run_monitor(project, str(folder), "--region", REGION, "--out", str(out), "--datum", "2026-11-01")
    return result, out


def test_bad_files_are_named_and_skipped(written):
    result, out = written
    assert result.returncode == 0 and "Traceback" not in result.stderr
    for file_name in [*BROKEN, *ODD]:
        assert re.search(rf"{re.escape(file_name)}\S*: E\d{{3}} .*\(overgeslagen\)", result.stderr), (file_name, result.stderr)
    assert "197 plannen geteld, 9 bestanden overgeslagen" in result.stdout


def test_counts_match_the_plans_and_small_counts_are_hidden(plans, written):
    project, folder, _, rare = plans
    _, out = written
    rows = as_a_dutch_spreadsheet(out / f"regiomonitor-{REGION}.csv")
    # No figure from 1 to 4 (nor 0) anywhere: below the threshold it is "< 5".
    assert all(row["aantal"] == f"< {SMALL}" or int(row["aantal"].split()[0]) >= SMALL for row in rows)
    assert next(r for r in rows if r["onderdeel"] == "plannen")["aantal"] == "197"
    # Each intervention's count per year equals the number of plan files that chose it that year.
    project_data = load_project(project.root)
    rules = rules_for_region(project_data, project_data.regions[REGION])
    # The regioplan's interventions each have a row; the leidraad's others only once a plan has one.
    names = {item["key"]: item["naam"] for item in rules["interventies"] if not item["buiten_regioplan"]}
    plans_read = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("plan-*.json"))]
    for key, name in names.items():
        for year in ("1", "2", "3"):
            expected = sum(1 for plan in plans_read if plan["keuzes"].get(key, {}).get(year) in ("actief", "verdieping"))
            row = next(r for r in rows if r["onderdeel"] == "interventie" and r["naam"] == name and r["jaar"] == year)
            assert row["aantal"] == (str(expected) if expected >= SMALL else f"< {SMALL}"), (name, year)
    rare_rows = [r for r in rows if r["naam"] == names[rare]]
    assert rare_rows and all(r["aantal"] == f"< {SMALL}" for r in rare_rows)  # three practices: not shown as 3


def test_no_practice_is_named_or_recognisable(plans, written):
    _, _, names, _ = plans
    _, out = written
    page = (out / f"regiomonitor-{REGION}.html").read_text(encoding="utf-8")
    table = (out / f"regiomonitor-{REGION}.csv").read_text(encoding="utf-8-sig")
    assert not any(name in page or name in table for name in names)
    assert "Proef" not in page + table and "plan-0" not in page + table


def test_the_page_reads_as_an_overview(written):
    _, out = written
    page = BeautifulSoup((out / f"regiomonitor-{REGION}.html").read_text(encoding="utf-8"), "html.parser")
    assert page.find("html")["lang"] == "nl"
    text = " ".join(page.get_text(" ").split())
    assert "Stand van de gegevens: 1 november 2026" in text and "Ingelezen praktijkplannen: 197" in text
    headers = [th.get_text() for th in page.select("table")[1].select("thead th")]
    assert headers == ["Kernelement", "Interventie", "Jaar 1", "Jaar 2", "Jaar 3"]
    assert "Regels die het vaakst niet gehaald worden" in text


def test_the_overview_follows_from_the_plans_in_process(plans):
    """The same counting without the command: plans meeting all rules and rules not met add up."""
    import datetime as dt

    project, folder, _, _ = plans
    overview = monitor(load_project(project.root), REGION, plan_files(folder), dt.date(2026, 11, 1))
    assert overview.plans == 197 and len(overview.skipped) == 9
    assert 0 <= overview.meet_all <= overview.plans
    assert all(count <= overview.plans - overview.meet_all for count in overview.not_met.values())


def test_a_folder_without_readable_plans_writes_nothing(plans, tmp_path):
    project, _, _, _ = plans
    empty = tmp_path / "leeg"
    empty.mkdir()
    (empty / "kapot.json").write_text("{", encoding="utf-8")
    out = tmp_path / "uit"
    result = run_monitor(project, str(empty), "--region", REGION, "--out", str(out))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "kapot.json" in result.stderr and not out.exists()


@pytest.fixture(scope="module")
def published_site(plans, tmp_path_factory):
    from generator.engine.build import build_site

    project, folder, _, _ = plans
    out = tmp_path_factory.mktemp("gepubliceerd")
    result = run_monitor(project, str(folder), "--region", REGION, "--out", str(out), "--datum", "2026-11-01", "--publish")
    assert result.returncode == 0, result.stderr
    return project, out, build_site(project.root, pdfs=False)


def test_published_overview_is_a_page_of_the_region(plans, published_site):
    from conftest import html

    _, _, names, _ = plans
    project, out, site = published_site
    data = project.read(f"data/monitor/{REGION}.yml")
    assert not any(name in data for name in names)
    page = html(site, f"regios/{REGION}/regiomonitor")
    text = " ".join(page.find("article").get_text(" ").split())
    assert "Stand van de gegevens: 1 november 2026" in text and "Ingelezen praktijkplannen: 197" in text
    # The page shows what the RHO's own overview shows, count for count.
    rows = as_a_dutch_spreadsheet(out / f"regiomonitor-{REGION}.csv")
    shown_rows = {  # one table per kernelement after the kernelement table
        tr.find("td").get_text(strip=True): [td.get_text(strip=True) for td in tr.find_all("td")[1:]]
        for table in page.select("article table")[1:]
        for tr in table.select("tbody tr")
    }
    for row in (r for r in rows if r["onderdeel"] == "interventie"):
        assert shown_rows[row["naam"]][int(row["jaar"]) - 1] == row["aantal"]
    assert html(site, f"regios/{REGION}").find("nav", class_="region-subnav").find("a", string="Regiomonitor") is not None


def test_a_hand_edited_small_count_is_refused(published_site):
    project, _, _ = published_site
    path = f"data/monitor/{REGION}.yml"
    original = project.read(path)
    project.write(path, original.replace("plannen: '197'", "plannen: '3'", 1))
    try:
        result = regioplan(project.root, "check")
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert f"{path}:" in result.stderr and "plannen" in result.stderr
    finally:
        project.write(path, original)


@pytest.mark.parametrize("edit", ["ander kernelement", "geen kernelement", "een aantal te weinig"])
def test_a_hand_edited_row_the_page_cannot_show_is_refused(published_site, edit):
    # The threat: counts of practices that vanish from the published page without a word. The page
    # lists each intervention under its kernelement, a count per year: a row under a kernelement the
    # overview does not have, or without one, was left out; one count short shifted the years.
    import yaml

    project, _, _ = published_site
    path = f"data/monitor/{REGION}.yml"
    original = project.read(path)
    data = yaml.safe_load(original)
    row = data["interventies"][-1]
    if edit == "ander kernelement":
        row["kernelement"] = "Een kernelement dat niet in het overzicht staat"
    elif edit == "geen kernelement":
        del row["kernelement"]
    else:
        row["aantallen"] = row["aantallen"][:-1]
    project.write(path, yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    line = project.line_of(path, f"naam: {row['naam']}")
    try:
        result = regioplan(project.root, "check", in_process=True)
        assert result.returncode == 1, result.stdout
        expected = "E222" if "kernelement" in edit else "E223"
        problems = [p for p in result.stderr.splitlines() if f" {expected} " in p]
        assert len(problems) == 1 and problems[0].startswith(f"{path}:"), result.stderr
        assert line <= int(problems[0].split(":")[1]) <= line + 4 + len(row["aantallen"])  # at that row
        assert "regioplan monitor" in problems[0]  # what to do: publish it again
    finally:
        project.write(path, original)


def test_an_output_that_is_a_file_is_refused_and_kept(plans, tmp_path):
    project, folder, _, _ = plans
    out = tmp_path / "overzicht"
    out.write_text("mijn aantekeningen", encoding="utf-8")
    result = regioplan(
        project.root, "monitor", str(folder), "--region", REGION, "--out", str(out), "--datum", "2026-11-01", in_process=True
    )
    assert result.returncode == 1 and f"{out}: E305 is een bestand, geen map" in result.stderr
    assert out.read_text(encoding="utf-8") == "mijn aantekeningen"


def test_files_of_the_same_name_it_did_not_make_are_refused_and_kept(plans, tmp_path):
    # The attack: a user's own regiomonitor-eemland.csv and .html in the --out folder were replaced.
    project, folder, _, _ = plans
    out = tmp_path / "overzicht"
    out.mkdir()
    command = ("monitor", str(folder), "--region", REGION, "--out", str(out), "--datum", "2026-11-01")
    for name in (f"regiomonitor-{REGION}.csv", f"regiomonitor-{REGION}.html"):
        mine = out / name
        mine.write_text("mijn eigen telling", encoding="utf-8")
        result = regioplan(project.root, *command, in_process=True)
        assert result.returncode == 1 and f"{mine}: E305 " in result.stderr, result.stderr
        assert mine.read_text(encoding="utf-8") == "mijn eigen telling"
        mine.unlink()
    # Its own earlier overview it replaces, as a RHO counting again expects.
    assert regioplan(project.root, *command, in_process=True).returncode == 0
    assert regioplan(project.root, *command, in_process=True).returncode == 0


# The promise (THREAT_MODEL.md, "No count below 5"): no published count, no complement of one
# (the total minus a count) and no difference between two publications tells about fewer than
# five practices.


def _plans(choices: list[set[str]]) -> list[dict]:
    return [{"formaat": 1, "regio": REGION, "keuzes": {key: {"1": "actief"} for key in chosen}, "intervisie": True} for chosen in choices]


def _published(tmp_path, plans: list[dict]) -> dict:
    from generator.cli.monitor import monitor, published

    folder = tmp_path / f"plannen-{len(list(tmp_path.iterdir()))}"
    folder.mkdir()
    for number, plan in enumerate(plans):
        (folder / f"{number}.json").write_text(json.dumps(plan), encoding="utf-8")
    project = load_project(REPO)
    return published(monitor(project, REGION, sorted(folder.glob("*.json")), __import__("datetime").date(2026, 11, 1)))


KEYS = ["flexibele-consultduur", "triage-training", "taakherschikking", "mdo-casuistiektafel"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sets(st.sampled_from(KEYS)), min_size=5, max_size=30))
def test_no_published_count_or_complement_tells_of_fewer_than_five(tmp_path_factory, choices):
    data = _published(tmp_path_factory.mktemp("m"), _plans(choices))
    total = int(data["plannen"])
    counts = [c for item in data["interventies"] + data["kernelementen"] for c in item["aantallen"]] + [data["voldoet"]]
    for count in counts:
        if count.isdigit():  # shown exactly: neither it nor its complement may be small
            assert int(count) >= 5 and total - int(count) >= 5, (count, total)
        else:
            assert count == "< 5" or count == f"{total - 4} of meer", count


def _published_twice(tmp_path, change):
    """Publish 14 plans, apply `change` to the project and plans folder, publish again: that result."""
    project = copy_project(tmp_path / "p", with_regions=True)
    folder = project.root / "plannen"
    folder.mkdir()
    for number, plan in enumerate(_plans([{"flexibele-consultduur", "triage-training"}] * 8 + [{"taakherschikking"}] * 6)):
        (folder / f"{number}.json").write_text(json.dumps(plan), encoding="utf-8")
    publish = ("monitor", str(folder), "--region", REGION, "--out", str(tmp_path / "out"), "--datum", "2026-11-01", "--publish")
    assert regioplan(project.root, *publish, in_process=True).returncode == 0
    before = project.path(f"data/monitor/{REGION}.yml").read_bytes()
    change(project, folder)
    result = regioplan(project.root, *publish, in_process=True)
    return result, before, project.path(f"data/monitor/{REGION}.yml").read_bytes()


def _add_plans(count: int):
    def add(project, folder):
        for number in range(count):
            (folder / f"nieuw-{number}.json").write_text(json.dumps(_plans([{"mdo-casuistiektafel"}])[0]), encoding="utf-8")

    return add


def test_a_second_publication_that_would_reveal_one_practice_is_refused(tmp_path):
    # One more practice: the difference between the two publications would be its choices.
    result, before, after = _published_twice(tmp_path, _add_plans(1))
    assert result.returncode == 1 and "E508" in result.stderr and "Traceback" not in result.stderr
    assert after == before


def test_five_changed_plans_together_are_published(tmp_path):
    # No single practice stands out among five.
    result, before, after = _published_twice(tmp_path, _add_plans(5))
    assert result.returncode == 0 and after != before


def test_plans_saved_again_without_another_choice_do_not_open_a_new_publication(tmp_path):
    # The attack: four practices save their plan again with only a new date (nothing counted
    # changes), a fifth plan is added: the guard counted five changed files, and the difference
    # between the publications was the new practice's choice.
    def resave_four_and_add_one(project, folder):
        for number in range(4):
            plan = json.loads((folder / f"{number}.json").read_text(encoding="utf-8"))
            (folder / f"{number}.json").write_text(json.dumps({**plan, "datum": "2026-11-30", "praktijk": "Andere naam"}), encoding="utf-8")
        (folder / "nieuw.json").write_text(json.dumps(_plans([{"mdo-casuistiektafel"}])[0]), encoding="utf-8")

    result, before, after = _published_twice(tmp_path, resave_four_and_add_one)
    assert result.returncode == 1 and "E508" in result.stderr, result.stderr
    assert after == before


def test_without_the_record_of_the_last_publication_only_a_safe_difference_is_published(tmp_path):
    # On a fresh clone, in CI or on a colleague's computer the private record (.regioplan/) is
    # missing: one added plan must still not be published on top of the last publication.
    def other_computer_one_more_plan(project, folder):
        shutil.rmtree(project.path(".regioplan"))
        (folder / "nieuw.json").write_text(json.dumps(_plans([{"mdo-casuistiektafel"}])[0]), encoding="utf-8")

    result, before, after = _published_twice(tmp_path, other_computer_one_more_plan)
    assert result.returncode == 1 and "E508" in result.stderr, result.stderr
    assert after == before


def test_a_folder_of_plans_it_cannot_read_is_named_not_passed_over(plans, tmp_path, monkeypatch):
    # The attack (run where root has no override): a subfolder without read permission was skipped
    # in silence, and the overview counted fewer plans without a word. As root no permission stops
    # the tests, so the refusal is made where the folder is listed.
    import errno

    project, folder, _, _ = plans
    locked = folder / "afdeling-noord"
    locked.mkdir(exist_ok=True)
    real_scandir = os.scandir

    def scandir_refusing(path="."):
        if Path(path) == locked:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir_refusing)
    result = regioplan(
        project.root, "monitor", str(folder), "--region", REGION, "--out", str(tmp_path / "out"), "--datum", "2026-11-01", in_process=True
    )
    assert result.returncode == 0
    assert f"{locked}: E001 map niet te lezen: geen toestemming om hier te lezen" in result.stderr and "(overgeslagen)" in result.stderr, (
        result.stderr
    )
    assert "197 plannen geteld, 10 bestanden overgeslagen" in result.stdout, result.stdout
