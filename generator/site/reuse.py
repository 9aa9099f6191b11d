"""What the preview takes over from its last build: an output (a page's Markdown, a workbook) whose
inputs are the same is not made again.

An output is kept by a digest of everything it is made from, written out with pickle: the same
bytes can only come from equal values of the same types (a pydantic model, Markup or plain text
each say what they are). The code stays the one imported when the preview started (a change to it
takes effect when the preview is started again), so the inputs are the values, the template's name
and the texts of the project's templates as the render read them (render._TemplatesAsRead). Anything that
cannot be written out (a lambda, an open file) is made every time. Only the preview uses this: in a
single build nothing is found, and the digests would cost it about 1 % (0.05 CPU-s at 50 regions).
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class Reuse:
    def __init__(self) -> None:
        self._last: dict[bytes, object] = {}  # by digest: the outputs of the last build
        self._now: dict[bytes, object] = {}  # the outputs of the build under way
        self.made_now = 0  # outputs this build had to make (tests read it)

    def next_build(self) -> None:
        """A new build begins: keep what the last one used, and only that (a build that stopped
        halfway kept less; what it did not reach is made again)."""
        if self._now:
            self._last, self._now = self._now, {}
        self.made_now = 0

    def made(self, inputs: tuple, make: Callable[[], T]) -> T:
        """`make()`, or its output from the last build if that was made from equal `inputs`."""
        try:
            key = hashlib.blake2b(pickle.dumps(inputs, protocol=pickle.HIGHEST_PROTOCOL)).digest()
        except (pickle.PicklingError, TypeError, AttributeError):
            self.made_now += 1
            return make()
        if key in self._now:
            return self._now[key]  # type: ignore[return-value]
        if key in self._last:
            output = self._last[key]
        else:
            output = make()
            self.made_now += 1
        self._now[key] = output
        return output  # type: ignore[return-value]


def reused_or_made(reuse: Reuse | None, inputs: tuple, make: Callable[[], T]) -> T:
    """`make()`; in the preview (`reuse`), the output of its last build where that was made from equal `inputs`."""
    return reuse.made(inputs, make) if reuse else make()
