"""The plan check, run from Python: the plan builder's own script (plantoets.js) in V8.

The rules, their messages and the year arithmetic live once, in plantoets.js; the plan builder
runs it in the reader's browser, and `check-plan`, `monitor` and `fill-plan` run the same file
here through mini-racer (an embedded V8, no Node.js). Python compiles a region's rules
(`planrules.rules_for_region`) and reads plan files (`planrules.read_plan`); this module only
hands both to the script and gives back what it says.
"""

from __future__ import annotations

import atexit
import functools
import json
import re
from pathlib import Path
from typing import Any

# Served in the site at addresses.PLAN_CHECK_SCRIPT, before the plan builder on its page.
SCRIPT = Path(__file__).with_name("plantoets.js")


@functools.cache
def _engine():
    from py_mini_racer import MiniRacer

    engine = MiniRacer()
    engine.eval(SCRIPT.read_text(encoding="utf-8"))
    # An engine still open when the interpreter shuts down can leave the process hanging in V8's
    # threads (seen here in about one run in three); closing it first ends it cleanly.
    atexit.register(engine.close)
    return engine


def _call(function: str, *args: Any) -> Any:
    return _engine().call(f"regioplanToets.{function}", *args)


def check_plan(rules: dict[str, Any], plan: dict[str, Any]) -> list[dict[str, Any]]:
    """Verdicts for a validated plan: [{id, jaar, uitkomst, melding, herkomst}], grouped by year,
    failures first, each rule once per year, nothing for rules that did not apply."""
    return _call("checkPlan", rules, plan)


def plan_notes(rules: dict[str, Any], plan: dict[str, Any]) -> list[str]:
    """What the practice should know beside the verdicts: interventions outside the regioplan,
    years not judged and why."""
    return _call("planNotes", rules, plan)


def summary(rules: dict[str, Any], plan: dict[str, Any], verdicts: list[dict[str, Any]]) -> dict[str, Any]:
    """{"tekst": [lines], "voldoet": bool}: the plan's verdict as the page says it."""
    return _call("summary", rules, plan, verdicts)


# A practice's start quarter ("2024-K1") is passed as the plan file has it; None when not known.
_WITH_START = "((name, start, ...rest) => regioplanToets[name](regioplanToets.parseStart(start), ...rest))"


def year_label(calendar: dict[str, Any], start: str | None, year: int) -> str:
    """'2026 · MTVP-jaar 3 (overgangsjaar)', or 'MTVP-jaar 3' while the start is not known;
    `calendar` is the "kalender" block of a region's rules."""
    return _engine().call("((c, s, y) => regioplanToets.yearLabel(c, regioplanToets.parseStart(s), y))", calendar, start, year)


def span(start: str, year: int) -> str:
    """The months of MTVP year `year`: '2024', or 'apr 2024 – mrt 2025' after a later start."""
    return _engine().call(_WITH_START, "span", start, year)


def mtvp_year(start: str, calendar_year: int) -> int:
    """The MTVP year a calendar year counts as (0 or less: before the practice began)."""
    return _engine().call(_WITH_START, "mtvpYear", start, calendar_year)


def calendar_year(start: str, year: int) -> int:
    return _engine().call(_WITH_START, "calendarYear", start, year)


def quarter_label(start: str) -> str:
    """'2024-K2' -> '2e kwartaal 2024 (vanaf 1 april)'."""
    return _call("quarterLabel", start)


def valid_start(start: str | None) -> bool:
    return _call("parseStart", start) is not None


@functools.cache
def _constant(name: str) -> Any:
    # A plain constant of the script is one line of JSON in it ("var SYMBOLS = {...};"), read here
    # as text: a build needs nothing else of the script, and starting V8 only to ask for these cost
    # a build about 0.35 G instructions. test_units holds that V8 reads the same values.
    found = re.search(rf"^ *var {name} = (.+);$", SCRIPT.read_text(encoding="utf-8"), re.MULTILINE)
    return json.loads(found[1])


def kinds() -> list[str]:
    """The rule kinds the script knows, in its order (the keys of its functions, so V8 is asked)."""
    return _engine().call("(() => regioplanToets.KINDS)")


def counting() -> list[str]:
    """The rule kinds that count interventions; their heading is the requirement per kernelement."""
    return _constant("COUNTING")


def outcome_order() -> list[str]:
    return _constant("OUTCOME_ORDER")


def symbols() -> dict[str, str]:
    return _constant("SYMBOLS")
