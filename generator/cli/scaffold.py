"""`regioplan new-region <slug>`: a commented starter file for a new region.

The starter is valid as written (it passes `regioplan check`, builds, and shows up in every
comparison) so an author starts from something that works and changes it step by step. It also
adds the region's plan to data/bronnen.yml, because every fact must point at a source.
"""

from __future__ import annotations

import re
from pathlib import Path

from generator.data.load import parse_yaml
from generator.data.projectdata import REGIONS_DIR, SOURCES_FILE
from generator.data.validate import validate_file
from generator.errors import DataError, Diagnostic, Position, os_problem
from generator.files import write_whole
from generator.models import Region, Sources

SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")
# The starter's example values: `regioplan check` warns (W402) wherever one is left in.
PLACEHOLDERS = (
    "Naam van de zorgverzekeraar",
    "mtvp@example.org",
    "Vat hier in een paar zinnen samen",
    "Wat de praktijk minimaal doet of aantoont.",
    "Wat er aan het eind bereikt is.",
    "Wat de RHO biedt.",
    "Hoofdstuk of paragraaf",
    "Wat het plan hierover zegt, in eigen woorden.",
    "vul titel, uitgever, versie en datum aan",
)

STARTER = """\
# yaml-language-server: $schema=../../schema/regio.schema.json
# Regioplan van {naam}. Gemaakt met `regioplan new-region {slug}`.
# Vervang de voorbeeldwaarden door die uit uw regioplan; `regioplan check` zegt wat er nog
# ontbreekt of niet klopt. Uitleg bij elk veld: de handleiding op de site (Handleiding > Velden).
# Schrijf in gewone tekst en in eigen woorden; neem namen, getallen en data precies over.
# Noemt de bron iets niet, laat het veld dan weg: de site toont 'niet vermeld'. Vul nooit iets in
# omdat het voor de hand ligt, en schrijf 'niet vermeld' nooit als waarde.

id: {slug}
naam: {naam}

# De regionale huisartsenorganisatie die het plan maakte.
rho:
  naam: RHO {naam}

# Met welke zorgverzekeraars het plan is afgesproken; noemt de bron er geen, laat de lijst weg.
zorgverzekeraars:
  - naam: Naam van de zorgverzekeraar
    rol: preferente zorgverzekeraar

plan:
  titel: Regioplan MTVP {naam}
  versie: "0.1"           # tussen aanhalingstekens, anders wordt 1.10 een getal
  status: concept         # concept, definitief of onbekend
  periode_van: {jaar}       # eerste en laatste jaar; weglaten wat het plan niet noemt
  periode_tot: {jaar_tot}
  leidraad: {leidraad}    # de leidraadversie die het plan volgt (data/leidraad/)
  document: {document}    # het regioplan in data/bronnen.yml
  # Komen uw gegevens niet uit het hele regioplan maar uit webpagina's of een samenvatting, zet
  # dan false: wat de bron niet noemt, is dan 'niet vermeld' (nooit 'niet aangeboden' of nul),
  # en de toetsing zegt 'niet te beoordelen' in plaats van 'voldoet niet'.
  bron_volledig: true

# Waar praktijken met vragen terechtkunnen; staat op elke pagina van de regio.
contact:
  organisatie: RHO {naam}
  email: mtvp@example.org

samenvatting: |
  Vat hier in een paar zinnen samen waar het regioplan over gaat.

# Elke interventie die het plan noemt. Gebruik de ids uit de catalogus (data/catalogus.yml of
# de pagina Interventies), met 'variant' voor een vorm zoals positieve-gezondheid.
# status: verplicht, aangeboden, in-overweging of niet-aangeboden.
# ondersteund: ja of nee, alleen als het plan zegt of de RHO de praktijk hierbij ondersteunt;
# zegt het plan dat niet, laat het veld dan weg (dan staat er 'niet vermeld').
interventies:
  - interventie: triage-training
    status: aangeboden
    ondersteund: ja
    minimale_eis: Wat de praktijk minimaal doet of aantoont.
    einddoel: Wat er aan het eind bereikt is.
    ondersteuning: Wat de RHO biedt.
    bron: [{{document: {document}, sectie: "Hoofdstuk of paragraaf"}}]

# Hoe de intervisie (de lerende omgeving uit de minimale horde) is georganiseerd.
intervisie:
  organisator: RHO {naam}
  frequentie: twee keer per jaar
  bron: [{{document: {document}, sectie: "Hoofdstuk of paragraaf"}}]

# Wat het plan zegt over de voorwaarden van de minimale horde: ja, nee of niet-vermeld, met de
# plek in het plan. Wat het plan niet zegt, laat u weg: dan toont de toetsing 'niet te beoordelen'.
# Mogelijke velden: intervisie_door_rho, regioplan_geaccordeerd, praktijken_committeren,
# netwerk_sociaal_domein, netwerk_tweede_lijn, netwerk_ggz, onderbouwing_personeel,
# verdieping_onderbouwing.
horde:
  intervisie_door_rho:
    waarde: ja
    toelichting: Wat het plan hierover zegt, in eigen woorden.
    bron: {{document: {document}, sectie: "Hoofdstuk of paragraaf"}}

# Het praktijkplan: de onderdelen van het formulier, op volgorde.
praktijkplan:
  vorm: Digitaal formulier
  deadline: drie maanden na de start
  onderdelen:
    - {{id: praktijk, titel: Gegevens van de praktijk, soort: praktijkgegevens}}
    - {{id: interventies, titel: Gekozen interventies per jaar, soort: interventies-per-jaar}}
    - {{id: ondertekening, titel: Ondertekening, soort: ondertekening}}
  bron: [{{document: {document}, sectie: "Hoofdstuk of paragraaf"}}]
"""

SOURCE_ENTRY = """  - id: {document}
    titel: Regioplan MTVP {naam}
    uitgever: RHO {naam}
    toelichting: Het regioplan van {naam}; vul titel, uitgever, versie en datum aan.
"""


def _indented_like(text: str, entry: str) -> str:
    """The source entry (written with two spaces before '- id:') in the file's own indentation."""
    match = re.search(r"^( *)- id:", text, flags=re.M)
    indent = match.group(1) if match else "  "
    return "".join(indent + line[2:] if line.startswith("  ") else line for line in entry.splitlines(keepends=True))


def _problems(text: str, shown: str, model) -> list[Diagnostic]:
    loaded, found = parse_yaml(text, shown)
    if loaded is None:
        return found
    return found + validate_file(loaded, model)[1]


def create_region(root: Path, slug: str, year: int) -> list[Path]:
    """Write the starter file and the source entry; refuse unsafe or existing slugs."""
    root = Path(root)
    shown = f"{REGIONS_DIR}/{slug}.yml"
    if not SLUG.fullmatch(slug) or len(slug) > 80:
        raise DataError(
            [
                Diagnostic(
                    Position(shown),
                    "E105",
                    f"ongeldige id '{slug}': gebruik alleen kleine letters, cijfers en enkele koppeltekens (zoals 'west-brabant')",
                )
            ]
        )
    target = root / shown
    existing = [root / REGIONS_DIR / f"{slug}{suffix}" for suffix in (".yml", ".yaml")]
    if any(path.exists() or path.is_symlink() for path in existing):
        raise DataError(
            [Diagnostic(Position(shown), "E202", f"regio '{slug}' bestaat al; kies een andere id of bewerk het bestaande bestand")]
        )
    from generator.data.project import load_project
    from generator.rules.period import newest_leidraad

    project = load_project(root)  # the starter must fit the project as it is
    document = f"regioplan-{slug}"
    naam = " ".join(part.capitalize() for part in slug.split("-"))
    values = {
        "slug": slug,
        "naam": naam,
        "jaar": year,
        "jaar_tot": year + 1,
        "leidraad": newest_leidraad(project).id,
        "document": document,
    }
    region_text = STARTER.format(**values)
    sources = root / SOURCES_FILE
    sources_text = None
    if document not in {d.id for d in project.sources.documenten}:
        current = sources.read_text(encoding="utf-8")
        sources_text = current.rstrip("\n") + "\n" + _indented_like(current, SOURCE_ENTRY.format(**values))
    # Both files are checked as the project will read them before either is written: an id or a
    # year the models refuse is refused here, not found by the next `check`.
    problems = _problems(region_text, shown, Region) + (_problems(sources_text, SOURCES_FILE, Sources) if sources_text else [])
    if problems:
        raise DataError(problems)
    written = []
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_whole(target, region_text.encode("utf-8"))
        written.append(target)
        if sources_text is not None:
            write_whole(sources, sources_text.encode("utf-8"))
            written.append(sources)
    except OSError as exc:
        if target in written:
            target.unlink()  # made by this command a moment ago: both files or neither
        raise DataError([Diagnostic(Position(str(exc.filename or shown)), "E306", os_problem(exc))]) from None
    return written
