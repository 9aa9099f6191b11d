"""Script in every text field of a whole data set: none of it runs, anywhere it is shown.

The hostile corpus (test_hostile.py) puts attacks in chosen fields. This test does not choose:
it takes the project's own data (every region, the leidraad versions, the catalogue, glossary,
sources and ledgers) and puts an attack in every field that takes free text, found by asking
each file's model, not by a list that could fall behind the models. Then the site is built and
every page is opened in Chromium, every control of the interactive pages is pressed, and the
search is used; the machine-read files (feed, calendars, CSV, JSON) must still parse and no CSV
cell may start a spreadsheet formula. (Hostile text in PDFs: test_hostile.py.)
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import icalendar
import openpyxl
import pytest
import yaml
from conftest import REPO, SiteServer, as_a_dutch_spreadsheet, copy_project, html
from pydantic import BaseModel, ValidationError

from generator.data.load import load_yaml
from generator.engine.build import build_site
from generator.models import Catalogue, EarlierRegion, Glossary, Ledger, Leidraad, Region, Sources

# Starts with "=" so a CSV cell would be a formula; then an element, a closing title (Material's
# striptags), a script, a Markdown link to javascript:, attribute breakers and a Jinja expression.
ATTACK = "=1+1 \"'><img src=x onerror=alert(1)></title><script>alert(2)</script>[k](javascript:alert(3)){{7*7}} "
PLAIN = "vrije tekst met spaties"


def model_of(relative: str) -> type[BaseModel]:
    parts = Path(relative).parts  # data/…
    folder = {"leidraad": Leidraad, "verplichtingen": Ledger}
    if len(parts) == 2:
        return {"bronnen.yml": Sources, "catalogus.yml": Catalogue, "afkortingen.yml": Glossary}[parts[1]]
    if parts[1] == "regios":
        return Region if len(parts) == 3 else EarlierRegion
    return folder[parts[1]]


def text_leaves(value, path=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from text_leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from text_leaves(item, (*path, index))
    elif isinstance(value, str):
        yield path


def at(data, path):
    for step in path:
        data = data[step]
    return data


def put(data, path, value):
    at(data, path[:-1])[path[-1]] = value


def leaf_of(data, loc) -> tuple:
    """The value path in `data` that a pydantic error location points at (skipping union tags)."""
    path: list = []
    for step in loc:
        here = at(data, tuple(path))
        if (isinstance(here, dict) and step in here) or (isinstance(here, list) and isinstance(step, int) and step < len(here)):
            path.append(step)
    return tuple(path)


def rejected(model, data) -> set[tuple]:
    try:
        model.model_validate(data)
    except ValidationError as exc:
        return {leaf_of(data, error["loc"]) for error in exc.errors(include_url=False)}
    return set()


def attack_every_text_field(relative: str, data) -> tuple[int, list[tuple]]:
    """Put ATTACK before every text value the file's model accepts it in. Returns how many took it,
    and the fields that take free text but refused the attack (there must be none)."""
    model = model_of(relative)
    original = {path: at(data, path) for path in text_leaves(data)}
    for path, value in original.items():
        put(data, path, ATTACK + value)
    for _ in range(20):  # ids, choices and dates refuse it; give those back their own value
        refused = rejected(model, data) & {p for p in original if at(data, p) != original[p]}
        if not refused:
            break
        for path in refused:
            put(data, path, original[path])
    untouched = [p for p in original if at(data, p) == original[p]]
    # A field that takes plain words takes free text: it should have taken the attack too.
    for path in untouched:
        put(data, path, PLAIN)
    free_but_refused = sorted(set(untouched) - rejected(model, data), key=str)
    for path in untouched:
        put(data, path, original[path])
    assert not rejected(model, data), relative
    return len(original) - len(untouched), free_but_refused


@pytest.fixture(scope="module")
def attacked_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("every-field") / "p", with_regions=True)
    attacked, refused = {}, {}
    for file in sorted(project.path("data").rglob("*.yml")):
        relative = file.relative_to(project.root).as_posix()
        loaded, problems = load_yaml(file, relative)
        assert loaded and not problems, relative
        attacked[relative], refused[relative] = attack_every_text_field(relative, loaded.data)
        file.write_text(yaml.safe_dump(loaded.data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")
    site = build_site(project.root, pdfs=False)
    server = SiteServer(site)
    yield site, server.url, attacked, refused
    server.close()


def test_the_attack_is_in_every_text_field_of_every_data_file(attacked_site):
    _, _, attacked, refused = attacked_site
    assert {relative: paths for relative, paths in refused.items() if paths} == {}
    assert all(count > 0 for count in attacked.values()), attacked
    assert sum(attacked.values()) > 2000  # the real data set: thousands of texts, not a sample


# Anything the attack could have become: an element or handler it made, a javascript: link, a
# script (data the page carries as JSON must still be JSON: a "</script>" in it would end it).
INJECTED = """() => {
  const found = [];
  for (const e of document.querySelectorAll('*')) {
    for (const a of e.attributes) {
      if (a.name.startsWith('on') && a.value.includes('alert')) found.push(e.tagName + ' ' + a.name);
      if (/^(href|src|action|xlink:href|formaction)$/.test(a.name) && /^\\s*javascript:/i.test(a.value)) found.push(e.tagName + ' ' + a.name);
    }
    if (e.tagName === 'IMG' && e.getAttribute('src') === 'x') found.push('img');
    if (e.tagName === 'SCRIPT' && !e.src && e.textContent.includes('alert(')) {
      if (e.type !== 'application/json') found.push('script');
      else { try { JSON.parse(e.textContent); } catch (error) { found.push('broken JSON'); } }
    }
  }
  return found;
}"""
CONTROLS = "article input[type=checkbox], article input[type=radio], article select, article button, article summary, article label"


def test_no_page_runs_any_of_it_when_opened_pressed_or_searched(browser, attacked_site):
    site, url, _, _ = attacked_site
    pages = sorted(p.parent.relative_to(site).as_posix() for p in site.rglob("index.html"))
    page = browser.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(f"{page.url}: {dialog.message}"), dialog.dismiss()))
    without = []
    for relative in pages:
        target = url + ("" if relative == "." else relative + "/")
        page.goto(target)
        assert page.evaluate(INJECTED) == [], relative
        # What the page shows (the words only search reads, the abbreviations' other form, left out).
        shown = page.evaluate(
            "() => { const body = document.body.cloneNode(true); body.querySelectorAll('.zoekwoorden').forEach(e => e.remove()); return body.textContent; }"
        )
        if "onerror=alert(1)" not in shown:
            without.append(relative)
    # The attack is on every page made from data, as text. Without it: the author's guide (docs/),
    # the accessibility page (content/), the search page, the open-data page, which shows counts and
    # columns, and two overviews that only link their pages (the field reference's, the organisation's).
    guide = sorted(f"handleiding/{p.stem}".removesuffix("/index") for p in (REPO / "docs").glob("*.md"))
    overviews = ["handleiding/velden", "vergelijk/organisatie"]
    # And the field reference of a data file the project has none of: it has no example to show.
    no_examples = [
        relative
        for relative in pages
        if relative.startswith("handleiding/velden/")
        and {tr.find_all("td")[-1].get_text(strip=True) for tr in html(site, relative).select("article tbody tr")} == {"–"}
    ]
    assert without == sorted([*guide, *overviews, *no_examples, "open-data", "toegankelijkheid", "zoeken"]), without

    # The plan builder, the form and the region picker make elements from the data as the reader
    # chooses: every control is pressed (every option of a list chosen last) and the page looked at.
    interactive = [
        p for p in pages if (p.startswith("regios/") and p.endswith(("/planbouwer", "/praktijkplan"))) or p == "vergelijk/kiezer"
    ]
    assert len(interactive) == 9  # four regions × builder and form, and the picker
    for relative in interactive:
        page.goto(url + relative + "/")
        controls = page.locator(CONTROLS)
        pressed = 0
        for index in range(controls.count()):
            control = controls.nth(index)
            if not control.is_visible():
                continue
            if control.evaluate("e => e.tagName") == "SELECT":
                control.select_option(index=control.locator("option").count() - 1)
            else:
                control.click(timeout=5000, no_wait_after=True)
            pressed += 1
            if not page.url.startswith(url + relative + "/"):  # a link in a label: come back
                page.goto(url + relative + "/")
        assert pressed > 10, relative
        assert page.evaluate(INJECTED) == [], relative

    # The search page shows fragments of the pages' text with the matched words marked; searched
    # for words of the attack, the fragments show the attack as text, and the first result opened.
    page.goto(url + "zoeken/")
    for term in ["onerror", "script", "javascript", "Eemland"]:
        box = page.locator("#zoekterm")
        box.fill("")
        box.press_sequentially(term)
        page.locator("#zoekstatus", has_text=f"„{term}”").wait_for()
        assert page.locator("#zoekresultaten > li").count() > 0, term
        assert page.evaluate(INJECTED) == [], term
        if term == "onerror":  # shown, as the letters it is
            assert any("onerror=alert(1)" in f for f in page.locator("#zoekresultaten .zoekfragment").all_inner_texts())
    page.locator("#zoekresultaten > li > a").first.click()
    page.wait_for_load_state()
    assert page.evaluate(INJECTED) == []
    assert dialogs == []
    page.close()


FORMULA = ("=", "+", "-", "@", "\t", "\r")


def test_machine_read_files_still_parse_and_start_no_formula(attacked_site):
    site, _, _, _ = attacked_site
    ET.parse(site / "feed.xml")
    calendars = sorted(site.rglob("*.ics"))
    assert calendars
    for file in calendars:
        icalendar.Calendar.from_ical(file.read_bytes())
    for file in sorted(site.rglob("*.json")):
        json.loads(file.read_text(encoding="utf-8"))
    tables = sorted(site.rglob("*.csv"))
    assert tables
    cells = [cell for file in tables for row in as_a_dutch_spreadsheet(file) for cell in row.values()]
    assert any("onerror=alert(1)" in cell for cell in cells)  # the attack reached the open data
    assert [cell for cell in cells if cell.startswith(FORMULA)] == []
    workbooks = sorted(site.rglob("*.xlsx"))
    assert len(workbooks) == len(tables)
    texts = []
    for file in workbooks:
        book = openpyxl.load_workbook(file)
        cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
        assert [c.coordinate for c in cells if c.data_type == "f"] == [], file.name  # text, never a formula
        texts += [c.value for c in cells if isinstance(c.value, str)]
    assert any(text.startswith("=1+1") and "onerror=alert(1)" in text for text in texts)  # the attack, whole, as text
    # The search index is read by the search page only, which shows it as text: tested in the browser
    # (test_no_page_runs_any_of_it_when_opened_pressed_or_searched).
