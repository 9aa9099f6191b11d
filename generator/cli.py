"""The `regioplan` command: check, build and serve the site.

A user's mistake ends in a list of `file:line:col: CODE message` lines and exit code 1, never a
traceback; our own bugs still raise normally so they can be fixed.
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .errors import DataError

log = logging.getLogger("regioplan")


def _report(error: DataError) -> int:
    for diagnostic in error.diagnostics:
        print(diagnostic, file=sys.stderr)
    count = len(error.diagnostics)
    print(f"{count} {'fout' if count == 1 else 'fouten'} gevonden; er is niets gebouwd of gewijzigd.", file=sys.stderr)
    return 1


def _check(args: argparse.Namespace) -> int:
    from .conformance import warnings
    from .project import load_project

    project = load_project(args.root)
    found = warnings(project)
    for diagnostic in found:
        print(diagnostic, file=sys.stderr)
    if found:
        kind = "fouten (--strict)" if args.strict else "waarschuwingen"
        print(f"{len(found)} regioplan-{kind}: regels van de leidraad of de regio waaraan een plan niet voldoet.", file=sys.stderr)
        if args.strict:
            return 1
    print(
        f"In orde: {len(project.catalogue.interventies)} interventies, "
        f"{len(project.leidraden)} leidraadversies, {len(project.regions)} regio's."
    )
    return 0


def _build(args: argparse.Namespace) -> int:
    from .write import build_site

    site_dir = build_site(args.root, site_dir=args.site_dir)
    print(f"Site gebouwd in {site_dir}")
    return 0


def _schema(args: argparse.Namespace) -> int:
    from .schema import write_schemas

    for path in write_schemas(args.root):
        print(f"Geschreven: {path}")
    return 0


def _serve(args: argparse.Namespace) -> int:
    from .write import serve_site

    serve_site(args.root, dev_addr=args.dev_addr)
    return 0


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="regioplan", description="Bouw de MTVP-site uit de gegevens in data/.")
    main_parser.add_argument("--root", type=Path, default=Path.cwd(), help="projectmap (standaard: de huidige map)")
    main_parser.add_argument("-v", "--verbose", action="store_true", help="meer uitvoer")
    commands = main_parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="controleer alle gegevens")
    check.add_argument("--strict", action="store_true", help="een regioplan dat niet aan de regels voldoet is een fout")
    check.set_defaults(run=_check)

    build = commands.add_parser("build", help="bouw de site in site/")
    build.add_argument("--site-dir", type=Path, default=None, help="doelmap (standaard: site/ in de projectmap)")
    build.set_defaults(run=_build)

    serve = commands.add_parser("serve", help="bekijk de site lokaal; herlaadt bij wijzigingen")
    serve.add_argument("--dev-addr", default="127.0.0.1:8000", help="adres:poort (standaard 127.0.0.1:8000)")
    serve.set_defaults(run=_serve)
    schema = commands.add_parser("schema", help="schrijf de JSON Schema's voor editors naar schema/")
    schema.set_defaults(run=_schema)
    return main_parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING, format="%(levelname)s: %(message)s")
    args.root = args.root.resolve()
    try:
        return args.run(args)
    except DataError as error:
        return _report(error)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
