"""Folders a command replaces whole (the site of `build`, the folder of `export`): which ones it may
replace, and how the new one takes the old one's place.

Nothing a user made may be lost (THREAT_MODEL.md). A command writes only into a folder that is
absent, empty, or carries MARKER (regioplan made it), never into, around or inside the project's
own sources, and never in place of a file. A link to a folder (a web root) is followed: the
folder it points to is replaced and the link stays.

The result is made in a fresh folder beside the target, marked from its first moment, and then
exchanged with the target in one system call (renameat2 with RENAME_EXCHANGE): a reader, a web
server or a killed build finds the old folder or the new one, each complete, at every instant.
One command at a time writes beside a target (a lock on the folder that holds it); the one that
holds the lock removes the marked folders that killed runs left there.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import fcntl
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from generator.data.projectdata import CACHE_ROOT
from generator.errors import DataError, Diagnostic, Position, os_problem

MARKER = ".regioplan-map"
MARKER_TEXT = (
    "Deze map is gemaakt door regioplan. De volgende 'regioplan build' of 'regioplan export' naar deze map\n"
    "vervangt haar in haar geheel: zet hier niets neer dat u wilt bewaren.\n"
)
# The project's own sources, relative to its root: no output goes into or in place of them.
SOURCES = ("data", "site_templates", "docs", "schema", "mkdocs.yml", ".git", ".cache")


def refuse(target: Path, problem: str) -> DataError:
    return DataError([Diagnostic(Position(str(target)), "E305", problem)])


def inside_a_made_folder(root: Path, path: Path) -> bool:
    """Whether `path` lies in a folder regioplan makes and publishes from: a built site or export
    (marked), or the project's cache (whose PDFs the next build publishes). A file put there by
    hand would be replaced, or published."""
    path = path.resolve()
    if path.is_relative_to((root / CACHE_ROOT).resolve()):
        return True
    return any((folder / MARKER).is_file() for folder in path.parents)


def checked_target(root: Path, target: Path, docs_dir: Path) -> Path:
    """The folder that `target` names (a link followed), when a command may replace it; else E305."""
    root = root.resolve()
    folder = Path(os.path.realpath(target))  # unlike Path.resolve, no exception on a loop
    if folder.is_symlink():  # a link that, followed to the end, still ends in a link: a loop
        raise refuse(target, "is een koppeling die naar zichzelf verwijst; kies een gewone map")
    sources = [root / part for part in SOURCES] + [docs_dir.resolve()]
    if folder == root or folder in root.parents:
        raise refuse(target, "is de projectmap of een map erboven; kies een eigen map, bijvoorbeeld site/ in de projectmap")
    for source in sources:
        if folder == source or source in folder.parents:
            raise refuse(target, f"ligt in {source.relative_to(root)}, een deel van het project; kies een eigen map buiten de bronnen")
    if folder.exists() and not folder.is_dir():
        raise refuse(target, "is geen map maar een bestand; kies een map die nog niet bestaat")
    if folder.is_dir() and not (folder / MARKER).is_file() and any(folder.iterdir()):
        raise refuse(
            target,
            f"bestaat al, is niet leeg en is niet door regioplan gemaakt (er staat geen {MARKER} in); "
            "kies een lege of nieuwe map, of verwijder of hernoem deze map zelf als die weg mag",
        )
    return folder


@contextlib.contextmanager
def replaced(folder: Path) -> Iterator[Path]:
    """A fresh, marked folder beside `folder` to write into; it takes `folder`'s place only if the
    block succeeds. `folder` comes from `checked_target`."""
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        with _locked(parent):
            _remove_leftovers(folder)
            staging = Path(tempfile.mkdtemp(prefix=_staging_prefix(folder), dir=parent))
            try:
                (staging / MARKER).write_text(MARKER_TEXT, encoding="utf-8")
                yield staging
                os.chmod(staging, 0o755)  # mkdtemp makes the folder private; a site is meant to be read
                _put_in_place(staging, folder)
            finally:
                shutil.rmtree(staging, ignore_errors=True)  # the new folder on failure, else the old one
    except OSError as exc:
        # Named by the folder the author asked for: the file the system names may be one of ours.
        raise DataError([Diagnostic(Position(str(folder)), "E306", os_problem(exc))]) from None


def _staging_prefix(folder: Path) -> str:
    return f".{folder.name}-new-"


def _remove_leftovers(folder: Path) -> None:
    """Remove what killed runs left beside `folder`: folders with the staging name and our marker,
    and empty ones (a run killed between making its folder and marking it; removing an empty folder
    loses nothing). Called under the lock, so no other run is writing one of them."""
    for entry in folder.parent.glob(_staging_prefix(folder) + "*"):
        if not entry.is_dir() or entry.is_symlink():
            continue
        if (entry / MARKER).is_file():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            with contextlib.suppress(OSError):  # not empty: not ours to remove
                entry.rmdir()


@contextlib.contextmanager
def _locked(parent: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder `parent` (flock on the folder itself: no lock file is
    left behind); a second command writing beside the same target waits for the first."""
    descriptor = os.open(parent, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)


def _put_in_place(new: Path, folder: Path) -> None:
    if not folder.exists():
        os.rename(new, folder)
        return
    try:
        exchange(new, folder)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
            raise
        # A file system without the exchange (some network shares): two renames. Between them
        # the folder is missing for a moment; the old one, marked, is removed by the next run.
        old = Path(tempfile.mkdtemp(prefix=_staging_prefix(folder), dir=folder.parent))
        os.rename(folder, old)
        os.rename(new, folder)
        os.rename(old, new)


_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def exchange(a: Path, b: Path) -> None:
    """Swap the folders `a` and `b` in one step (Linux renameat2, RENAME_EXCHANGE)."""
    libc = ctypes.CDLL(None, use_errno=True)
    if not hasattr(libc, "renameat2"):
        raise OSError(errno.ENOSYS, "renameat2 ontbreekt", str(b))
    if libc.renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number), str(b))
