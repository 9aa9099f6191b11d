"""The site's search: a Pagefind index of the built pages, in `pagefind/` beside them.

Material's own search loaded its whole index (930 KB for four regions) on every page before
anyone typed, and ranked developer pages above the pages GPs look for. Pagefind splits its index
into chunks that the search page (content/zoeken.md, content/javascripts/zoeken.js) fetches as
the reader types, stems Dutch, and runs on any engine's output, so the export built by another
engine is indexed the same way (INDEX_COMMAND below).

What is indexed is marked in the theme (site_templates/theme/main.html): the article of every
page except those whose front matter says `search: exclude: true` (the search page itself) and
the 404 page; `search: boost:` weighs a page up or down, as it did for Material's search.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

SEARCH_FOLDER = "pagefind"
# How the index is made, here and after another engine's build of the export (generator/export.py):
# the heading links' "¶" is not a word of the page.
PAGEFIND_OPTIONS = ("--output-subdir", SEARCH_FOLDER, "--exclude-selectors", ".headerlink")
# The command for a built site in site/, as the export's configuration and the guide give it.
INDEX_COMMAND = "python -m pagefind_bin --site site " + " ".join(PAGEFIND_OPTIONS)


class SearchIndexError(Exception):
    """Pagefind could not index the site; the message says why and what to do, in Dutch."""


def index_site(site_dir: Path) -> None:
    """Write the search index of the built site in `site_dir` into `site_dir/pagefind/`."""
    try:
        import pagefind_bin

        program = pagefind_bin.get_executable()
    except (ImportError, FileNotFoundError) as error:
        raise SearchIndexError(
            f"het zoekprogramma Pagefind is niet geïnstalleerd ({error}); installeer het met `pip install -e .` (zie README)"
        ) from None
    try:
        done = subprocess.run(
            [str(program), "--site", str(site_dir), *PAGEFIND_OPTIONS, "--silent"],
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            check=False,
        )
    except OSError as error:
        raise SearchIndexError(f"Pagefind kon niet starten ({error}); installeer het opnieuw met `pip install -e .`") from None
    if done.returncode != 0:
        said = " ".join((done.stderr or done.stdout).split())[:500]
        raise SearchIndexError(f"Pagefind kon de zoekindex niet maken: {said or 'geen melding'}")
