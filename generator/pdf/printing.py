"""The PDFs' documents as HTML: the region pages printed from their page contexts.

- `praktijkplan-<id>.pdf`: the region's praktijkplan form, from the same HTML fragment as the
  web page; WeasyPrint turns its inputs into fillable AcroForm fields.
- `regioplan-<id>.pdf`: the whole regioplan for the insurer: a title page, version and date,
  contents with page numbers, and the region's pages, rendered from the same page contexts and
  templates as the site (so the PDF never says something the site does not), for print: the
  templates' `bron(…)` become numbered notes and their site-only parts stay out (`afdruk`).

What a document holds is decided by the page code (site/contexts/documents.py); this module prints it.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

import jinja2
import markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from generator.addresses import practice_plan_pdf, region_plan_pdf
from generator.data.project import Project
from generator.errors import DataError, Diagnostic, Position
from generator.pdf.cache import PdfJob, _Recipes
from generator.site.render import MISSING_TEMPLATE, TEMPLATE_DIR, SourceNotes, environment, render_template

if TYPE_CHECKING:  # documents are made by the page code (stage 4) and handed in
    from generator.site.contexts.documents import Document

PRINT_CSS = "pdf/print.css"


# A table row with more text than this (about a third of a page in its narrow columns) may break
# across pages (`tr.lang` in print.css): kept whole, it pushes itself to the next page and leaves
# the page before it near-empty. Shorter rows stay whole.
LONG_ROW = 600


class _Printed(Treeprocessor):
    """A region page as a part of the printed regioplan, done on the page's element tree.

    - A source line (`bron(…)` in a template prints "Bron: [n]" as `p.bron-ref`) right under a
      paragraph, list or definition list becomes the note's marker at the end of that block; under
      a heading or a table the short line stays.
    - Links into the site become their text: a PDF cannot follow them (web and mail links stay).
    - Heading ids get the page's prefix: the pages share ids (one per kernelement), one document cannot.
    - A long table row may break across pages.
    """

    def __init__(self, md: markdown.Markdown, prefix: str):
        super().__init__(md)
        self.prefix = prefix

    def run(self, root: ElementTree.Element) -> None:
        for parent in list(root.iter()):
            before = None
            for element in list(parent):
                if (
                    element.tag == "p"
                    and element.get("class") == "bron-ref"
                    and before is not None
                    and before.tag in ("p", "ul", "ol", "dl")
                ):
                    # The marker is what follows "Bron:", wherever it sits: "Bron" may have become an
                    # <abbr> (a glossary entry) with the marker in its tail.
                    _append(_last_text_block(before), "".join(element.itertext()).removeprefix("Bron:").strip())
                    parent.remove(element)
                else:
                    before = element
        for parent in list(root.iter()):
            for element in list(parent):
                if element.tag == "a" and not element.get("href", "").startswith(("http:", "https:", "mailto:")):
                    _unwrap(parent, element)
        for element in root.iter():
            if "id" in element.attrib:
                element.set("id", f"{self.prefix}-{element.get('id')}")
            if element.tag == "tr" and len("".join(element.itertext())) > LONG_ROW:
                element.set("class", "lang")


def _last_text_block(block: ElementTree.Element) -> ElementTree.Element:
    """Where a line that follows `block` ends up: its last paragraph, list item or definition,
    down through nested lists ("Draagt bij aan" with a list in its definition)."""
    while len(block) and block.tag != "p":
        last = block[-1]
        if block.tag not in ("ul", "ol", "dl") and last.tag not in ("p", "ul", "ol", "dl"):
            break  # a list item or definition whose last part is inline text
        block = last
    return block


def _append(element: ElementTree.Element, text: str) -> None:
    if len(element):
        element[-1].tail = (element[-1].tail or "").rstrip() + text
    else:
        element.text = (element.text or "").rstrip() + text


def _unwrap(parent: ElementTree.Element, element: ElementTree.Element) -> None:
    """Replace `element` by its content (text, children, tail) in `parent`."""
    index = list(parent).index(element)
    children = list(element)
    parent.remove(element)
    _add_text(parent, index, element.text)
    for offset, child in enumerate(children):
        parent.insert(index + offset, child)
    _add_text(parent, index + len(children), element.tail)


def _add_text(parent: ElementTree.Element, index: int, text: str | None) -> None:
    """Add `text` in `parent` just before its child number `index` (after all children at the end)."""
    if not text:
        return
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        parent[index - 1].tail = (parent[index - 1].tail or "") + text


class _PrintedExtension(Extension):
    def __init__(self, prefix: str):
        super().__init__()
        self.prefix = prefix

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Markdown's name)
        # After every other tree step (attribute lists, abbreviations, the contents' ids).
        md.treeprocessors.register(_Printed(md, self.prefix), "regioplan-printed", 0)


def pdf_jobs(root: Path, documents: list[Document], extensions: list, extension_configs: dict) -> list[PdfJob]:
    """A job per document (contexts/documents.py): its region pages printed with the project's
    templates (`afdruk`: sources become numbered notes, the site's own parts stay out)."""
    env = environment(root)  # reads the templates once: the documents and their recipes use those texts
    css = _print_css(env)
    configs = {**extension_configs, "toc": {**extension_configs.get("toc", {}), "permalink": False}}
    recipes = _Recipes(env.loader.digest, extensions, configs)
    jobs = []
    for document in documents:
        notes = SourceNotes()
        printed = {part.id: _printed_page(env, part.page, notes) for part in document.pages}
        made = functools.partial(_document, env, css, extensions, configs, document, printed, tuple(notes.notes))
        recipe = recipes.of(document.path, document.template, document.values, {"pages": printed, "notes": notes.notes})
        jobs.append(PdfJob(document.path, made, recipe, forms=bool(document.fields), tooltips=document.fields))
    return jobs


def _printed_page(env, page, notes: SourceNotes) -> str:
    """A region page's Markdown for print. A template from before `afdruk` would print the site's
    settings (its front matter) and what only the site shows: refused, with the line to mend."""
    text = render_template(env, page.template, {**page.context, "afdruk": notes})
    if text.startswith("---\n"):
        source, _, _ = env.loader.get_source(env, page.template)
        line = next((n for n, row in enumerate(source.splitlines(), start=1) if row.strip() == "---"), 1)
        problem = (
            "fout in sjabloon: de instellingen van de pagina (front matter) komen ook in de PDF; zet ze "
            "tussen {% if not afdruk %} en {% endif %}, of vergelijk het sjabloon met dat van deze versie van regioplan"
        )
        raise DataError([Diagnostic(Position(f"{TEMPLATE_DIR}/{page.template}", line, 1), "E301", problem)])
    return text


def _document(env, css: str, extensions: list, configs: dict, document: Document, printed: dict[str, str], notes: tuple[str, ...]) -> str:
    """The document's HTML: each printed page converted from Markdown as the site converts it,
    then made fit for paper (_Printed)."""

    def converter(prefix: str) -> markdown.Markdown:
        return markdown.Markdown(extensions=[*extensions, _PrintedExtension(prefix)], extension_configs=configs)

    titles = {part.id: part.titel for part in document.pages}
    sections = [{"id": f"deel-{sub}", "titel": titles[sub], "html": converter(sub).convert(text)} for sub, text in printed.items()]
    # One converter for all notes (setting up the extensions is a third of a short note's cost).
    note_converter = converter("noot")
    notes_html = [note_converter.reset().convert(note) for note in notes]
    return render_template(env, document.template, {"css": css, "sections": sections, "notes": notes_html, **document.values})


def _print_css(env: jinja2.Environment) -> str:
    """The print style sheet, as the environment read it with the templates."""
    where = Position(f"{TEMPLATE_DIR}/{PRINT_CSS}")
    try:
        return env.loader.get_source(env, PRINT_CSS)[0]
    except jinja2.TemplateNotFound:
        raise DataError([Diagnostic(where, "E302", MISSING_TEMPLATE)]) from None
    except UnicodeDecodeError:
        problem = "is geen UTF-8-tekst; sla het op als UTF-8, of zet het terug uit de sjablonen van deze versie van regioplan"
        raise DataError([Diagnostic(where, "E301", problem)]) from None


def pdf_paths(project: Project) -> list[str]:
    """Where the PDFs of every region go, without preparing them."""
    return [path for region in sorted(project.regions) for path in (practice_plan_pdf(region), region_plan_pdf(region))]
