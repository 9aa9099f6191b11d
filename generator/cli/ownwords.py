"""Prose in the data that follows a source too closely: the project's texts are in its own words.

A passage counts as following a source when, in a window of WINDOW words of a data text, at least
SHARED of them appear in the same order in one stretch of the source no longer than SPAN words
(names and numbers must be exact, so a little sharing is expected). Authors run it with the
source texts they worked from (`scripts/own-words <folder>`); the source texts are not part of the
project.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

WINDOW, SHARED, SPAN = 20, 16, 30
_WORD = re.compile(r"[\wÀ-ÿ'-]+")


@dataclass(frozen=True)
class Echo:
    where: str  # file and path of the data text
    source: str  # name of the source text
    shared: int  # words of the window found in order in the source
    words: str  # the window


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def echoes(text: list[str], source: list[str]) -> tuple[int, int]:
    """The best window of `text` against `source`: (words shared in order, start of the window)."""
    found_at: list[int | None] = [None] * len(text)
    for a, b, size in difflib.SequenceMatcher(None, source, text, autojunk=False).get_matching_blocks():
        for j in range(b, b + size):
            found_at[j] = a + (j - b)
    best = (0, 0)
    for start in range(max(len(text) - WINDOW + 1, 0)):
        places = [p for p in found_at[start : start + WINDOW] if p is not None]
        if places and places[-1] - places[0] <= SPAN:
            best = max(best, (len(places), start))
    return best


def _texts(node, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _texts(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _texts(value, f"{path}[{index}]")
    elif isinstance(node, str) and len(node.split()) >= WINDOW:
        yield path, node


def find(data_files: list[Path], sources: dict[str, str]) -> list[Echo]:
    """Every data text with a window that follows one of `sources` (name -> text)."""
    source_words = {name: words(text) for name, text in sources.items()}
    # Only a text sharing two runs of five words with a source is compared word by word.
    fives: dict[tuple[str, ...], set[str]] = {}
    for name, ws in source_words.items():
        for i in range(len(ws) - 4):
            fives.setdefault(tuple(ws[i : i + 5]), set()).add(name)
    found = []
    for file in data_files:
        for path, text in _texts(yaml.safe_load(file.read_text(encoding="utf-8")), ""):
            ws = words(text)
            hits: dict[str, int] = {}
            for i in range(len(ws) - 4):
                for name in fives.get(tuple(ws[i : i + 5]), ()):
                    hits[name] = hits.get(name, 0) + 1
            for name in sorted(n for n, count in hits.items() if count >= 2):
                shared, start = echoes(ws, source_words[name])
                if shared >= SHARED:
                    found.append(Echo(f"{file.as_posix()}{path}", name, shared, " ".join(ws[start : start + WINDOW])))
    return found
