"""Plans written from the sources (fixtures/bronlezing/; Oost-Gelderland's by a reader who did not
see the code, the other regions' by the team, each citing its source lines):
each case says whether the plan meets its region's rules and the leidraad's, and if not, which one
rule it breaks in which year, with the source line. The check must agree, on the command line.

The reader wrote the plans before the plan file had `onderdelen` (the parts the region asks), with
one `aanpak` text per intervention; `as_plan_file` puts that text in both of Oost-Gelderland's
columns ("wat" and "hoe": the reader's text says both) and adds the two text parts the reader's
ledger lists as parts of the plan (reflection, line 155; the learning environment, line 71).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import REPO, regioplan

pytestmark = pytest.mark.unit

CASES = {
    path.stem: json.loads(path.read_text(encoding="utf-8"))
    for path in sorted((Path(__file__).parent / "fixtures" / "bronlezing").glob("*.json"))
}
ALL = [(region, case) for region, cases in CASES.items() for case in cases]


def as_plan_file(region: str, plan: dict) -> dict:
    plan = dict(plan)
    approach = plan.pop("aanpak", {})
    if region == "oost-gelderland":
        plan["onderdelen"] = {
            "reflectie": "Het team bekeek de huidige werkwijze en wat de druk veroorzaakt.",
            "lerende-omgeving": "Intervisie met de buurpraktijk, vier keer per jaar.",
            "interventies": {key: [text, text] for key, text in approach.items()},
        }
    return plan


@pytest.mark.parametrize(("region", "case"), ALL, ids=[f"{region}: {case['naam']}" for region, case in ALL])
def test_the_check_agrees_with_a_reading_of_the_sources(tmp_path, region, case):
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(as_plan_file(region, case["plan"])), encoding="utf-8")
    result = regioplan(REPO, "check-plan", str(plan_file), "--region", region, in_process=True)
    assert "Traceback" not in result.stderr
    if case["verwacht"] == "voldoet":
        assert result.returncode == 0, result.stdout + result.stderr
        assert "✗" not in result.stdout
        return
    assert result.returncode == 1, result.stdout
    failures = [line for line in result.stdout.splitlines() if line.startswith("  ✗ ")]
    if not failures:  # refused as a plan file: an intervention that is in no list (E504)
        assert " E504 " in result.stderr, result.stderr
        return
    assert len(failures) == 1, failures  # one rule broken: one ✗
