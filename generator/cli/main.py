"""The `regioplan` command: check, build and serve the site.

A user's mistake ends in a list of `file:line:col: CODE message` lines and exit code 1, never a
traceback; our own bugs still raise normally so they can be fixed.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
from pathlib import Path

from generator.errors import DataError

log = logging.getLogger("regioplan")


def _report(error: DataError, command: str) -> int:
    for diagnostic in error.diagnostics:
        print(diagnostic, file=sys.stderr)
    count = len(error.diagnostics)
    # What did not happen, in the words of the command the author ran.
    consequence = {
        "check-plan": "het plan is niet getoetst",
        "fill-plan": "er is geen PDF geschreven",
        "monitor": "er is geen overzicht geschreven",
    }.get(command, "er is niets gebouwd of gewijzigd")
    print(f"{count} {'fout' if count == 1 else 'fouten'} gevonden; {consequence}.", file=sys.stderr)
    return 1


def _require_region(project, region: str, where: str) -> None:
    """E501 when `region` is not a region of the project, with the nearest id as suggestion."""
    if region not in project.regions:
        from generator.data.validate import suggestion
        from generator.errors import Diagnostic, Position

        raise DataError([Diagnostic(Position(where), "E501", f"onbekende regio '{region}'{suggestion(region, project.regions)}")])


def _warnings(project, region: str | None = None) -> list:
    """Every warning for authors: data that is probably not meant (W402-W405) and plans that
    fail a rule (W401); of one region's file only, when `region` is given."""
    from generator.cli import authoring
    from generator.rules import conformance

    found = authoring.warnings(project) + conformance.warnings(project)
    if region:
        found = [d for d in found if d.position.path.startswith(f"data/regios/{region}.")]
    return found


def _print_warnings(found: list, strict: bool) -> None:
    for diagnostic in found:
        print(diagnostic, file=sys.stderr)
    if found:
        from generator.dutch import plural

        counted = (
            plural(len(found), "fout (--strict)", "fouten (--strict)") if strict else plural(len(found), "waarschuwing", "waarschuwingen")
        )
        authoring = sum(d.code != "W401" for d in found)
        print(
            f"{counted}: {authoring} over de gegevens, {len(found) - authoring} over regels van de leidraad of de regio "
            "waaraan een plan niet voldoet.",
            file=sys.stderr,
        )


def _check(args: argparse.Namespace) -> int:
    from generator.data.project import load_project

    project = load_project(args.root)
    if args.region:
        _require_region(project, args.region, "data/regios")
    found = _warnings(project, args.region)
    _print_warnings(found, args.strict)
    if found and args.strict:
        return 1
    print(
        f"In orde: {len(project.catalogue.interventies)} interventies, "
        f"{len(project.leidraden)} leidraadversies, {len(project.regions)} {'regio' if len(project.regions) == 1 else 'regio' + chr(39) + 's'}."
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    from generator.data.project import load_project
    from generator.engine.build import build_site

    project = load_project(args.root)  # once: for the build and for its warnings
    site_dir = build_site(args.root, site_dir=args.site_dir, project=project)
    # The same summary as `check`, so an author who only builds still sees what to look at.
    _print_warnings(_warnings(project), strict=False)
    print(f"Site gebouwd in {site_dir}")
    return 0


def _export(args: argparse.Namespace) -> int:
    from generator.engine.export import export_project
    from generator.engine.search import INDEX_COMMAND

    target = export_project(args.root, args.folder, real_pdfs=not args.zonder_pdf)
    print(
        f"Project geëxporteerd naar {target}; bouw het met 'mkdocs build', 'properdocs build' of 'zensical build' in die map, "
        f"en maak daarna de zoekindex met '{INDEX_COMMAND}'."
    )
    return 0


def _check_plan(args: argparse.Namespace) -> int:
    """Check a practice plan saved by the plan builder, with the same rules the page uses."""
    from generator.data.project import load_project
    from generator.rules.plancheck import check_plan, plan_notes, summary, symbols, year_label
    from generator.rules.planrules import read_plan, rules_for_region

    project = load_project(args.root)
    _require_region(project, args.region, str(args.file))
    rules = rules_for_region(project, project.regions[args.region])
    plan = read_plan(args.file, rules)
    verdicts = check_plan(rules, plan)
    shown = symbols()
    for year in sorted({v["jaar"] for v in verdicts}):
        print(year_label(rules["kalender"], plan["start"], year))
        for verdict in (v for v in verdicts if v["jaar"] == year):
            print(f"  {shown[verdict['uitkomst']]} {verdict['melding']}")
    for note in plan_notes(rules, plan):
        print(f"Let op: {note}")
    said = summary(rules, plan, verdicts)
    for line in said["tekst"]:
        print(line)
    return 0 if said["voldoet"] else 1


def _iso_date(text: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is geen datum; schrijf JJJJ-MM-DD, bijvoorbeeld 2026-11-22") from None


def _at_least_one(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"'{text}' is geen aantal; geef een geheel getal van 1 of meer")
    return number


def _monitor(args: argparse.Namespace) -> int:
    """Count what the practices of a region chose, from a folder of saved plan files."""
    import datetime as dt

    from generator.cli.monitor import context, made_by_monitor, monitor, plan_files, to_csv
    from generator.data.project import load_project
    from generator.dutch import plural
    from generator.errors import Diagnostic, Position
    from generator.files import write_whole
    from generator.site.render import environment, render_template

    project = load_project(args.root)
    _require_region(project, args.region, str(args.folder))
    if not args.folder.is_dir():
        raise DataError([Diagnostic(Position(str(args.folder)), "E001", "map niet gevonden; geef de map met de opgeslagen planbestanden")])
    files = plan_files(args.folder)
    if not files:
        raise DataError([Diagnostic(Position(str(args.folder)), "E001", "geen planbestanden (.json) in deze map")])
    as_of = args.datum or dt.date.today()
    overview = monitor(project, args.region, files, as_of)
    # A bad file is named and skipped; the overview counts the others.
    for problems in overview.skipped.values():
        for problem in problems:
            print(f"{problem} (overgeslagen)", file=sys.stderr)
    if overview.plans == 0:
        print("Geen enkel planbestand kon worden gelezen; er is geen overzicht geschreven.", file=sys.stderr)
        return 1
    if args.publish:  # refused before anything is written (E508)
        from generator.cli.monitor import check_publishable

        check_publishable(args.root, overview)
    page = render_template(environment(args.root), "monitor/overzicht.html.j2", context(overview))
    if args.out.exists() and not args.out.is_dir():
        raise DataError([Diagnostic(Position(str(args.out)), "E305", "is een bestand, geen map; geef bij --out een map")])
    written = {args.out / f"regiomonitor-{args.region}.html": page, args.out / f"regiomonitor-{args.region}.csv": to_csv(overview)}
    for path in written:
        if path.exists() and not made_by_monitor(path):
            problem = "bestaat al en is geen overzicht dat regioplan schreef; kies een andere map bij --out, of verwijder of hernoem het bestand zelf"
            raise DataError([Diagnostic(Position(str(path)), "E305", problem)])
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        for path, text in written.items():
            write_whole(path, text.encode("utf-8"))  # a reader never sees half a file
    except OSError as exc:
        from generator.errors import os_problem

        raise DataError([Diagnostic(Position(str(args.out)), "E306", os_problem(exc))]) from None
    if args.publish:  # only the shown counts; the plan files and per-plan results stay where they are
        from generator.cli.monitor import publish

        target = publish(args.root, overview)
        print(f"Gepubliceerd in {target.relative_to(args.root)}; bouw de site om het op de regiopagina te zien.")
    skipped = len(overview.skipped)
    print(
        f"{plural(overview.plans, 'plan', 'plannen')} geteld"
        + (f", {plural(skipped, 'bestand', 'bestanden')} overgeslagen" if skipped else "")
        + f"; overzicht in {args.out}"
    )
    return 0


def _fill_plan(args: argparse.Namespace) -> int:
    """Write the region's praktijkplan PDF filled in from a plan saved by the plan builder."""
    from generator.data.project import load_project
    from generator.engine.build import build_date
    from generator.engine.outputs import inside_a_made_folder
    from generator.errors import Diagnostic, Position
    from generator.files import write_whole
    from generator.pdf.render import filled_practice_plan
    from generator.rules.planrules import read_plan, rules_for_region
    from generator.site.contexts.documents import RegionDocuments
    from generator.site.pipeline import lookups_for

    project = load_project(args.root)
    _require_region(project, args.region, str(args.file))
    plan = read_plan(args.file, rules_for_region(project, project.regions[args.region]))
    target = args.output.resolve()
    if not target.parent.is_dir():
        raise DataError(
            [Diagnostic(Position(str(args.output)), "E001", "de map bestaat niet; maak haar eerst aan of kies een andere plek")]
        )
    if inside_a_made_folder(args.root, target):
        problem = (
            "ligt in de site of in de cache van de PDF's, die regioplan maakt en publiceert: een ingevuld plan zou daar "
            "vervangen of gepubliceerd worden; kies een plek buiten site/ en .cache/"
        )
        raise DataError([Diagnostic(Position(str(args.output)), "E305", problem)])
    if target.exists() and not _filled_by_us(target):
        problem = "bestaat al en is geen praktijkplan dat regioplan invulde; kies een andere naam, of verwijder of hernoem het bestand zelf"
        raise DataError([Diagnostic(Position(str(args.output)), "E305", problem)])
    documents = RegionDocuments(lookups_for(project, build_date()))
    region = project.regions[args.region]
    values, notes = documents.practice_plan_values(region, plan)
    data = filled_practice_plan(args.root, documents.practice_plan(region), values)
    try:
        write_whole(target, data)
    except OSError as exc:
        from generator.errors import os_problem

        raise DataError([Diagnostic(Position(str(args.output)), "E306", os_problem(exc))]) from None
    for note in notes:
        print(f"Let op: {note}", file=sys.stderr)
    print(f"Geschreven: {args.output}")
    return 0


def _filled_by_us(path: Path) -> bool:
    """Whether `path` is a praktijkplan PDF that fill-plan wrote (the creator fill-plan gives it; the
    site's blank form, which a practice may fill in by hand, has another): the only file fill-plan
    may replace."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    from generator.pdf.forms import FILLED_CREATOR

    try:
        with path.open("rb") as pdf:
            return pdf.read(5) == b"%PDF-" and (PdfReader(path).metadata or {}).get("/Creator") == FILLED_CREATOR
    except (OSError, PyPdfError, ValueError):
        return False


def _new_region(args: argparse.Namespace) -> int:
    import datetime as dt

    from generator.cli.scaffold import create_region

    for path in create_region(args.root, args.slug, args.year or dt.date.today().year):
        print(f"Geschreven: {path}")
    print(f"Controleer met 'regioplan check' en bekijk met 'regioplan serve': regios/{args.slug}/")
    return 0


def _bench(args: argparse.Namespace) -> int:
    from generator.engine.bench import main as bench

    return bench(args.root, args.regions, args.keep, args.pdf_sample, args.repeat)


def _schema(args: argparse.Namespace) -> int:
    from generator.data.schema import write_schemas

    for path in write_schemas(args.root):
        print(f"Geschreven: {path}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from generator.engine.build import serve_site

    print(f"Voorbeeld op http://{args.dev_addr}/ ; het ververst bij elke wijziging. Stop met Ctrl+C.", flush=True)
    serve_site(args.root, dev_addr=args.dev_addr)
    return 0


# argparse speaks English ("error: the following arguments are required"); its texts go through
# gettext, looked up in its module at the moment they are shown, so a table gives them in Dutch.
# A wrong command line gets a code like every other input error (exit code 2, as argparse's).
_ARGPARSE_DUTCH = {
    "usage: ": "gebruik: ",
    "options": "opties",
    "positional arguments": "argumenten",
    "show this help message and exit": "toon deze hulp en stop",
    "%(prog)s: error: %(message)s\n": "%(prog)s: E309 %(message)s; zie --help\n",
    "the following arguments are required: %s": "dit ontbreekt nog: %s",
    "unrecognized arguments: %s": "onbekende argumenten: %s",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid choice: %(value)r (choose from %(choices)s)": "ongeldige keuze %(value)r; kies uit %(choices)s",
    "expected one argument": "hier hoort een waarde achter",
    "expected at least one argument": "hier hoort minstens één waarde achter",
    "expected at most one argument": "hier hoort hoogstens één waarde achter",
    "invalid %(type)s value: %(value)r": "ongeldige waarde %(value)r",
    "ambiguous option: %(option)s could match %(matches)s": "%(option)s kan meer opties betekenen: %(matches)s; schrijf de optie voluit",
    "one of the arguments %s is required": "geef een van deze: %s",
    "not allowed with argument %s": "gaat niet samen met %s",
    "ignored explicit argument %r": "deze optie neemt geen waarde: %r",
}
argparse._ = lambda text: _ARGPARSE_DUTCH.get(text, text)


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="regioplan", description="Bouw de MTVP-site uit de gegevens in data/.")
    main_parser.add_argument(
        "--root", type=Path, default=None, help="projectmap (standaard: de huidige map of de eerste map erboven met mkdocs.yml en data/)"
    )
    main_parser.add_argument("-v", "--verbose", action="store_true", help="meer uitvoer")
    commands = main_parser.add_subparsers(dest="command", required=True, metavar="opdracht")

    check = commands.add_parser("check", help="controleer alle gegevens")
    check.add_argument("--strict", action="store_true", help="een regioplan dat niet aan de regels voldoet is een fout")
    check.add_argument("--region", default=None, help="toon alleen de waarschuwingen van deze regio (fouten altijd allemaal)")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="bouw de site in site/")
    build.add_argument("--site-dir", type=Path, default=None, help="doelmap (standaard: site/ in de projectmap)")
    build.set_defaults(run=_build)

    export = commands.add_parser(
        "export", help="schrijf de hele site als gewoon project, te bouwen zonder deze plugin (ook met ProperDocs of Zensical)"
    )
    export.add_argument("folder", type=Path, help="doelmap, buiten de projectmap")
    export.add_argument("--zonder-pdf", action="store_true", help="een voorbeeld-PDF in plaats van elk echt PDF (sneller)")
    export.set_defaults(run=_export)

    serve = commands.add_parser("serve", help="bekijk de site lokaal; herlaadt bij wijzigingen")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="adres:poort (standaard 127.0.0.1:8000)")
    serve.set_defaults(run=_serve)
    check_plan = commands.add_parser("check-plan", help="toets een praktijkplan uit de planbouwer aan de regels van een regio")
    check_plan.add_argument("file", type=Path, help="het opgeslagen plan (JSON)")
    check_plan.add_argument("--region", required=True, help="id van de regio, bijvoorbeeld eemland")
    check_plan.set_defaults(run=_check_plan)

    fill_plan = commands.add_parser("fill-plan", help="vul het praktijkplan-PDF van een regio in met een opgeslagen plan")
    fill_plan.add_argument("file", type=Path, help="het opgeslagen plan uit de planbouwer (JSON)")
    fill_plan.add_argument("--region", required=True, help="id van de regio, bijvoorbeeld eemland")
    fill_plan.add_argument("-o", "--output", type=Path, required=True, help="waar het ingevulde PDF komt, bijvoorbeeld plan.pdf")
    fill_plan.set_defaults(run=_fill_plan)

    monitor = commands.add_parser("monitor", help="tel wat de praktijken van een regio kozen, uit een map met opgeslagen plannen")
    monitor.add_argument("folder", type=Path, help="map met de planbestanden (JSON) van de praktijken")
    monitor.add_argument("--region", required=True, help="id van de regio, bijvoorbeeld eemland")
    monitor.add_argument("--out", type=Path, required=True, help="map waarin het overzicht (HTML en CSV) komt")
    monitor.add_argument(
        "--datum", type=_iso_date, default=None, help="stand van de gegevens, JJJJ-MM-DD (standaard: vandaag); staat boven het overzicht"
    )
    monitor.add_argument(
        "--publish",
        action="store_true",
        help="zet het overzicht (alleen de afgeronde aantallen) ook in data/monitor/, voor een pagina Regiomonitor bij de regio",
    )
    monitor.set_defaults(run=_monitor)

    new_region = commands.add_parser("new-region", help="maak een startbestand voor een nieuwe regio")
    new_region.add_argument("slug", help="id van de regio: kleine letters, cijfers en koppeltekens, bijvoorbeeld west-brabant")
    new_region.add_argument("--year", type=int, default=None, help="eerste jaar van het plan (standaard: dit jaar)")
    new_region.set_defaults(run=_new_region)

    bench = commands.add_parser("bench", help="meet de bouw met synthetische regio's en vergelijk met MkDocs Material alleen")
    bench.add_argument("--regions", type=int, default=50, help="aantal synthetische regio's (standaard 50)")
    bench.add_argument("--keep", type=Path, default=None, help="bewaar de gebouwde projecten in deze map")
    bench.add_argument("--pdf-sample", type=_at_least_one, default=None, help="meet de PDF's op alleen de eerste N opdrachten")
    bench.add_argument(
        "--repeat",
        type=_at_least_one,
        default=3,
        help="bouw zonder PDF's en ondergrens elk zo vaak, om en om; de mediaan telt (standaard 3)",
    )
    bench.set_defaults(run=_bench)

    schema = commands.add_parser("schema", help="schrijf de JSON Schema's voor editors naar schema/")
    schema.set_defaults(run=_schema)
    return main_parser


def _find_project(folder: Path) -> Path:
    """The project that holds `folder`: it, or the nearest folder above it, with mkdocs.yml and
    data/bronnen.yml (as git finds its repository)."""
    from generator.data.projectdata import SOURCES_FILE
    from generator.errors import Diagnostic, Position

    for candidate in (folder, *folder.parents):
        if (candidate / "mkdocs.yml").is_file() and (candidate / SOURCES_FILE).is_file():
            return candidate
    problem = "geen regioplan-project in deze map of een map erboven (geen mkdocs.yml met data/bronnen.yml); ga naar de projectmap of geef haar met --root MAP"
    raise DataError([Diagnostic(Position(str(folder)), "E307", problem)])


def _interrupted(number, frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    # Progress of the slow part (PDFs) is shown even without --verbose.
    logging.getLogger("regioplan.pdf").setLevel(logging.INFO)
    try:
        args.root = args.root.resolve() if args.root else _find_project(Path.cwd())
    except DataError as error:
        return _report(error, args.command)
    # A stop request (kill, a closing terminal, CI's timeout) ends the command like Ctrl+C: through
    # its cleanup, so a half-built folder is removed and the site stays as it was.
    signal.signal(signal.SIGTERM, _interrupted)
    try:
        return args.run(args)
    except DataError as error:
        return _report(error, args.command)
    except KeyboardInterrupt:
        return 130
    except OSError as exc:
        # The last net: a fault the system reports where no step expected one (a failing disk, a
        # folder made unreadable during the run) is said in Dutch with its path, never as a traceback.
        from generator.errors import Diagnostic, Position, os_problem, relative

        where = relative(Path(os.fsdecode(exc.filename)), args.root) if exc.filename else str(args.root)
        return _report(DataError([Diagnostic(Position(where), "E306", os_problem(exc))]), args.command)


if __name__ == "__main__":
    raise SystemExit(main())
