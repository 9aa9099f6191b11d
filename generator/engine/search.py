"""The site's search: a Pagefind index of the built pages, in `pagefind/` beside them.

Material's own search loaded its whole index (930 KB for four regions) on every page before
anyone typed, and ranked developer pages above the pages GPs look for. Pagefind splits its index
into chunks that the search page (site_templates/zoeken.md.j2, content/javascripts/zoeken.js)
fetches as the reader types, stems Dutch, and runs on any engine's output, so the export built by
another engine is indexed the same way (INDEX_COMMAND below).

What is indexed is marked in the theme (site_templates/theme/main.html): the article of every
page except those whose front matter says `search: exclude: true` (the search page itself) and
the 404 page; `search: boost:` weighs a page up or down (checked by the plugin, E310).
"""

from __future__ import annotations

import functools
import os
import subprocess
import tempfile
from pathlib import Path

from generator.errors import DataError, Diagnostic, Position
from generator.processes import end_with

SEARCH_FOLDER = "pagefind"
# How the index is made, here and after another engine's build of the export (generator/engine/export.py):
# the heading links' "¶" is not a word of the page.
PAGEFIND_OPTIONS = ("--output-subdir", SEARCH_FOLDER, "--exclude-selectors", ".headerlink")
# The command for a built site in site/, as the export's configuration and the guide give it.
INDEX_COMMAND = "python -m pagefind_bin --site site " + " ".join(PAGEFIND_OPTIONS)


def _failed(problem: str) -> DataError:
    return DataError([Diagnostic(Position(SEARCH_FOLDER + "/"), "E311", problem)])


def index_site(site_dir: Path) -> None:
    """Write the search index of the built site in `site_dir` into `site_dir/pagefind/`; raises
    DataError (E311) when it cannot, leaving the rest of `site_dir` as it was."""
    try:
        import pagefind_bin

        program = pagefind_bin.get_executable()
    except (ImportError, FileNotFoundError) as error:
        raise _failed(
            f"het zoekprogramma Pagefind, dat de zoekindex maakt, is niet geïnstalleerd ({error}); installeer het opnieuw met ./scripts/build-site (README)"
        ) from None
    site_dir = Path(site_dir).resolve()
    # Pagefind also reads a pagefind.yml/.toml/.json in the folder it runs in and PAGEFIND_* variables,
    # which could send the index into the project's sources or anywhere else: it runs in an empty
    # folder of its own, with none of those variables, and only our options count.
    environment = {name: value for name, value in os.environ.items() if not name.upper().startswith("PAGEFIND")}
    with tempfile.TemporaryDirectory(prefix="regioplan-pagefind-") as empty:
        try:
            done = subprocess.run(
                [str(program), "--site", str(site_dir), *PAGEFIND_OPTIONS, "--silent"],
                cwd=empty,
                env=environment,
                capture_output=True,
                text=True,
                encoding="utf-8",
                errors="replace",
                check=False,
                # A killed build takes the indexer with it, as it does its PDF workers.
                preexec_fn=functools.partial(end_with, os.getpid()),
            )
        except OSError as error:
            raise _failed(f"Pagefind kon niet starten ({error}); installeer het opnieuw met ./scripts/build-site (README)") from None
    if done.returncode != 0 or not (site_dir / SEARCH_FOLDER / "pagefind.js").is_file():
        said = " ".join((done.stderr or done.stdout).split())[:300] or "geen melding"
        raise _failed(
            f"Pagefind kon de zoekindex niet maken (het zei: {said}); de vorige site blijft staan. "
            "Installeer het opnieuw met ./scripts/build-site; blijft dit gebeuren, meld het dan met deze melding"
        )
