"""Writing a file whole or not at all, reading an input file without being fooled by what it is, and
listing a folder as a program that follows links sees it."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
import tomllib
from pathlib import Path

from generator.errors import os_problem


def write_whole(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file beside it: a reader, or a build running at
    the same time, finds the old file or the new one, never half of one, and a failure leaves
    the old file as it was."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def carried_in(packaged: Path, root: Path) -> bool:
    """Whether `packaged`, a file the package carries (<repository>/generator/<part>/<file>), lies in
    regioplan's own repository at `root`: what the package carries is written there only, never in
    a package installed in a project (in its .venv, or put in its folder with `pip --target`)."""
    repository = Path(root).resolve()
    if packaged.resolve().parents[2] != repository:
        return False
    with contextlib.suppress(OSError, ValueError, UnicodeDecodeError, AttributeError, KeyError):
        return tomllib.loads((repository / "pyproject.toml").read_text(encoding="utf-8"))["project"]["name"] == "regioplan"
    return False


def write_carried(packaged: Path, data: bytes) -> None:
    """Write a file the package carries whole, readable by everyone who runs the package (a
    temporary file is made for its owner only)."""
    write_whole(packaged, data)
    packaged.chmod(0o644)


# The largest input file read: the biggest real region file is about 60 KB, a plan file a few KB.
# A limit keeps a wrong file (a database dump, /dev/zero) from filling the machine's memory.
MAX_INPUT_BYTES = 5_000_000


class InputProblem(Exception):
    """An input file that cannot be read as one: the message says why, in Dutch, and what to do."""


def read_input(path: Path, limit: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of an input file. Anything but a regular file of at most `limit` bytes raises
    InputProblem: a pipe or device is never read (it could block or never end), a folder or a
    broken link is named as such."""
    try:
        # Non-blocking: opening a named pipe must not wait for a writer.
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as exc:
        if isinstance(exc, FileNotFoundError) and path.is_symlink():  # the link is there, what it names is not
            raise InputProblem(
                f"is een koppeling naar een bestand dat niet bestaat ({os.readlink(path)}); verwijder de koppeling of herstel het doel"
            ) from None
        raise InputProblem(os_problem(exc)) from None
    try:
        kind = os.fstat(handle).st_mode
        if stat.S_ISDIR(kind):
            raise InputProblem("is een map, geen bestand; geef een bestand op, of geef de map een naam zonder deze extensie")
        if not stat.S_ISREG(kind):
            raise InputProblem("is geen gewoon bestand (maar een pijp, apparaat of socket); geef een gewoon bestand op")
        with os.fdopen(handle, "rb", closefd=False) as file:
            data = file.read(limit + 1)
    except OSError as exc:
        raise InputProblem(os_problem(exc)) from None
    finally:
        os.close(handle)
    if len(data) > limit:
        raise InputProblem(
            f"is groter dan {limit // 1_000_000} MB, meer dan een gegevens- of planbestand ooit is; controleer of dit het goede bestand is"
        )
    return data


def files_through_links(folder: Path) -> list[str]:
    """The files below `folder`, named by their paths from it (with "/"), as a loader that follows
    links reaches them (Jinja's, for templates), sorted; a link that leads nowhere is left out.

    Each real folder is entered once, and a link to a folder that holds `folder` is not followed:
    a link back up would repeat the tree below it without end (two such links kept a build
    reading templates for minutes and counting)."""
    top = Path(folder).resolve()
    entered = {top}
    names = []
    for here, folders, files in os.walk(folder, followlinks=True):
        kept = []
        for name in sorted(folders):
            real = Path(here, name).resolve()
            if real not in entered and not top.is_relative_to(real):
                entered.add(real)
                kept.append(name)
        folders[:] = kept
        names += [Path(here, name).relative_to(folder).as_posix() for name in files if os.path.isfile(os.path.join(here, name))]
    return sorted(names)


def bad_links(folder: Path) -> list[tuple[str, str]]:
    """(path from `folder`, "kring" or "nergens") for each link below it that a program following
    links without keeping track (MkDocs, reading the hand-written pages) cannot get through: one that
    leads to a folder holding itself, as reached through the links before it (it would walk there
    without end), and one that leads nowhere (to nothing, or to itself)."""
    chains = {os.fspath(folder): (Path(folder).resolve(),)}  # per folder walked: the real folders it is in
    found = []
    for here, folders, files in os.walk(folder, followlinks=True):
        chain = chains.pop(here)
        kept = []
        for name in sorted(folders):
            path = os.path.join(here, name)
            real = Path(path).resolve()
            if any(inside.is_relative_to(real) for inside in chain):
                found.append((Path(path).relative_to(folder).as_posix(), "kring"))
            else:
                chains[path] = (*chain, real)
                kept.append(name)
        folders[:] = kept
        for name in sorted(files):
            path = os.path.join(here, name)
            if os.path.islink(path) and not os.path.exists(path):
                found.append((Path(path).relative_to(folder).as_posix(), "nergens"))
    return found
