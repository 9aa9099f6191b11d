"""The PDF cache: a PDF is kept by the hash of everything that makes it, so a build whose input
did not change renders none; a job's recipe stands in for its document, which is costly to make."""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import hashlib
import importlib.metadata
import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel

from generator.data.projectdata import CACHE_ROOT
from generator.files import write_whole

log = logging.getLogger("regioplan.pdf")


@dataclass(frozen=True)
class PdfJob:
    path: str  # where the PDF goes in the site
    # Makes the complete HTML document; called only when the cache lacks this PDF (the regioplan's
    # Markdown conversions are most of a rebuild's PDF stage).
    document: Callable[[], str]
    # What the document is made from, written out (_Recipes); None when some part has no stable text.
    recipe: str | None
    forms: bool  # turn inputs into fillable fields
    tooltips: tuple[tuple[str, str], ...] = ()  # (field name, Dutch description) for every field


class _Recipes:
    """A PDF's document written out as everything it is made from, so that the cache can find the PDF
    without making the document.

    The document is made by this package's code (Markdown conversion, source notes, escaping filters)
    with the project's templates (styles included) and the Markdown extensions, from the values its
    template receives and the region pages' Markdown. A recipe holds all of these: the code and the
    templates as hashes, the libraries as versions, the values and Markdown as JSON. It may hold more
    than the document uses (the whole region, not only its name): a recipe that changed without the
    document changing only costs making the document, whose own hash then finds the PDF.
    """

    def __init__(self, templates: str, extensions: list, configs: dict):
        """`templates`: the digest of the project's templates as the documents' environment read them."""
        try:
            markdown_setup = _stable_json({"extensions": extensions, "configs": configs})
        except TypeError:
            self.shared = None  # a setting without a stable text (an object): documents are always made
        else:
            self.shared = "\0".join((_package_code(), templates, *_maker_versions(extensions), markdown_setup))

    def of(self, path: str, template: str, values: dict, markdown_pages: dict[str, str] | None = None) -> str | None:
        if self.shared is None:
            return None
        try:
            own = _stable_json({"path": path, "template": template, "values": values, "markdown": markdown_pages})
        except TypeError:
            return None
        return self.shared + "\0" + own


def _stable_json(value: object) -> str:
    """JSON that is the same in every process; TypeError for a value without such a text."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain)


def _plain(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, dt.date):
        return value.isoformat()
    name = getattr(value, "__qualname__", "")
    if callable(value) and name and "<" not in name:
        # A function named in mkdocs.yml (!!python/name), with the version of the package it comes
        # from; a lambda or a function made inside another has no name that tells it apart.
        package = value.__module__.split(".")[0]
        version = "" if package in _KNOWN_EXTENSION_PACKAGES else _package_versions(package)  # those are in _MAKERS
        return f"{value.__module__}.{name} {version}"
    raise TypeError(f"no stable text for {type(value).__name__}")


@functools.cache
def _package_code() -> str:
    """The generator's code: every module that can shape a document or a PDF."""
    return _folder_hash(Path(__file__).parents[1], "*.py")


def _folder_hash(folder: Path, pattern: str) -> str:
    """One hash of the names and contents of the files below `folder` that match `pattern`."""
    digest = hashlib.sha256()
    for file in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        digest.update(file.relative_to(folder).as_posix().encode() + b"\0" + file.read_bytes())
    return digest.hexdigest()


CACHE_DIR = f"{CACHE_ROOT}/pdf"


# Entries no build has used for this long are removed, so the folder does not grow without end.
CACHE_DAYS = 30


class PdfCache:
    """Rendered PDFs kept by the hash of everything that makes them.

    A job's HTML is complete (styles inline, no files it loads), so the HTML, the form settings,
    this module's code and the versions of the libraries that render and post-process it decide the bytes: a
    region whose pages did not change gets its PDFs from here, and any change makes a new key.
    Beside each PDF the cache notes which key a job's recipe led to, so that a rebuild finds an
    unchanged PDF without making its HTML again.
    """

    def __init__(self, folder: Path):
        self.folder = folder

    @staticmethod
    def key(job: PdfJob, html: str) -> str:
        return _digest(_renderer(), *_versions(_RENDERERS), job.path, str(job.forms), repr(job.tooltips), html)

    def known_key(self, job: PdfJob) -> str | None:
        """The key the job's recipe had in an earlier build, if it had one."""
        if job.recipe is None:
            return None
        key = self._read(self.folder / f"{_digest(job.recipe)}.key")
        return key.decode("ascii") if key is not None and _KEY.fullmatch(key) else None

    def remember(self, job: PdfJob, key: str) -> None:
        if job.recipe is not None:
            self._write(self.folder / f"{_digest(job.recipe)}.key", key.encode("ascii"))

    def get(self, key: str) -> bytes | None:
        return self._read(self.folder / f"{key}.pdf")

    def put(self, key: str, data: bytes) -> None:
        self._write(self.folder / f"{key}.pdf", data)

    def prune(self) -> None:
        cutoff = time.time() - CACHE_DAYS * 86400
        for entry in self.folder.iterdir() if self.folder.is_dir() else []:
            with contextlib.suppress(OSError):
                if entry.suffix in (".pdf", ".key") and entry.stat().st_mtime < cutoff:
                    entry.unlink()

    @staticmethod
    def _read(entry: Path) -> bytes | None:
        try:
            data = entry.read_bytes()
        except OSError:
            return None
        entry.touch()  # in use: keep it
        return data

    def _write(self, entry: Path, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            write_whole(entry, data)
        except OSError as error:
            log.warning("PDF-cache niet bijgewerkt (%s); de volgende bouw maakt dit PDF opnieuw", error)


_KEY = re.compile(rb"[0-9a-f]{64}")


def _digest(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8") + b"\0")
    return digest.hexdigest()


# The libraries that turn HTML into a PDF, and those that make a job's HTML (Markdown and its extensions, Jinja).
_RENDERERS = ("weasyprint", "pypdf")


_MAKERS = ("markdown", "pymdown-extensions", "jinja2", "markupsafe")


# The packages of Markdown extensions named without their package ("toc") or in one of those libraries.
_KNOWN_EXTENSION_PACKAGES = {"markdown", "pymdownx"}


def _maker_versions(extensions: list) -> tuple[str, ...]:
    """The versions of the libraries that make HTML and of any other package a Markdown extension comes from."""
    packages = {name.split(".")[0] for name in extensions if isinstance(name, str) and "." in name} - _KNOWN_EXTENSION_PACKAGES
    return _versions(_MAKERS) + tuple(f"{package} {_package_versions(package)}" for package in sorted(packages))


@functools.cache
def _versions(distributions: tuple[str, ...]) -> tuple[str, ...]:
    """Read from the package metadata: importing WeasyPrint and pypdf for their versions takes about a
    second, which a build whose PDFs all come from the cache need not spend."""
    return tuple(importlib.metadata.version(name) for name in distributions)


@functools.cache
def _package_versions(package: str) -> str:
    """The versions of the distributions that install an importable package (slow: reads them all)."""
    names = importlib.metadata.packages_distributions().get(package, [])
    return " ".join(f"{name}={importlib.metadata.version(name)}" for name in sorted(names)) or "unknown"


@functools.cache
def _renderer() -> str:
    """The code that turns a job into a PDF (WeasyPrint's options, fields, tooltips): part of every key."""
    digest = hashlib.sha256()
    for module in ("render.py", "forms.py"):
        digest.update(Path(__file__).with_name(module).read_bytes())
    return digest.hexdigest()
