"""Diagnostics: problems in a user's input, with the position that caused them.

Two kinds of failure exist (as in mkdocs' exceptions): a user's data is wrong, which is
reported as a list of diagnostics and exit code 1 with no traceback; or the generator itself
is wrong, which is a normal Python exception and may show a traceback.
"""

from __future__ import annotations

import os
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple


class Position(NamedTuple):
    """A place in a source file; line and column are 1-based as editors show them. A named tuple:
    loading keeps one for every key and value of every data file (at 200 regions 90,000), and a
    tuple is made in half the time of a frozen dataclass."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line:
            return f"{self.path}:{self.line}:{self.column}"
        return self.path


@dataclass(frozen=True, order=True)
class Diagnostic:
    """One problem: where, a stable code, and a message that says what to do."""

    position: Position
    code: str
    message: str
    # Warnings (the conformance check) do not fail a build unless --strict is given.
    severity: str = field(default="error", compare=False)

    def __str__(self) -> str:
        return visible(f"{self.position}: {self.code} {self.message}")


def invisible(character: str) -> bool:
    """A control or format character: it shows nothing, or acts on what is shown."""
    return unicodedata.category(character) in ("Cc", "Cf")


def visible(text: str) -> str:
    """Text for a terminal, with every control or invisible format character written out as
    \\u001b: a message may quote a file name or a value from an untrusted file, and an escape
    sequence or line break in it would act on the terminal or forge a line of output."""
    return "".join(f"\\u{ord(c):04x}" if invisible(c) else c for c in text)


class DataError(Exception):
    """The input is wrong; carries every diagnostic found, not just the first."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = sorted(diagnostics)
        super().__init__("\n".join(str(d) for d in self.diagnostics))


def relative(path: Path, root: Path) -> str:
    """Path as the user sees it in messages: relative to the project when possible. A file that is
    a symbolic link is named by its place in the project, not by where it points."""
    base = root.resolve()
    try:
        return Path(os.path.abspath(path)).relative_to(base).as_posix()
    except ValueError:
        pass
    try:  # a path that reaches the project only through a link
        return path.resolve().relative_to(base).as_posix()
    except (ValueError, OSError, RuntimeError):  # RuntimeError: a link that points to itself
        return path.as_posix()


# What the system said, in the author's words, and what to do about it.
_OS_PROBLEMS = {
    "EACCES": "geen toestemming om hier te lezen of te schrijven; controleer de rechten van deze map of dit bestand",
    "EPERM": "geen toestemming om hier te lezen of te schrijven; controleer de rechten van deze map of dit bestand",
    "EROFS": "staat op een schijf die alleen gelezen kan worden; kies een map op een beschrijfbare schijf",
    "ENOSPC": "de schijf is vol; maak ruimte vrij en probeer het opnieuw",
    "EDQUOT": "uw schijfruimte (quotum) is op; maak ruimte vrij en probeer het opnieuw",
    "ENOENT": "bestaat niet (meer); controleer het pad",
    "ENOTDIR": "een deel van het pad is een bestand, geen map; controleer het pad",
    "EISDIR": "is een map, geen bestand; geef een bestand op",
    "ELOOP": "is een koppeling die naar zichzelf verwijst; kies een gewoon bestand of een gewone map",
    "ENAMETOOLONG": "de naam is te lang; kies een kortere",
    "EIO": "de schijf gaf een lees- of schrijffout; controleer de schijf (of de netwerkmap) en probeer het opnieuw",
}


def os_problem(exc: OSError) -> str:
    """A Dutch message for what the operating system refused (no English strerror, no traceback)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _OS_PROBLEMS.get(
        name, f"het besturingssysteem weigerde dit (foutcode {name or exc.errno}); probeer het opnieuw of kies een andere plek"
    )


def unreadable_folder(where: str, exc: OSError) -> Diagnostic:
    """A folder of input that the system would not list: named, with what the system said."""
    return Diagnostic(Position(where), "E001", f"map niet te lezen: {os_problem(exc)}")
