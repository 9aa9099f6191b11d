"""The build's processes: children (PDF workers, the search indexer) that end when the build that
started them ends, and this process's garbage collector while the build makes its data."""

from __future__ import annotations

import contextlib
import ctypes
import gc
import os
import signal
from collections.abc import Iterator


def end_with(build: int) -> None:
    """In a PDF worker or another child (the search indexer): end when the build that started it ends, however it ends (a killed build
    would otherwise leave its workers running, each holding a few hundred MB). Linux tells the
    worker through PR_SET_PDEATHSIG; if the build is already gone, the worker ends at once."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != build:
        os._exit(1)


_PR_SET_PDEATHSIG = 1


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused while the build makes data that lives until it ends (the
    loaded project, the pages). The collector starts a pass every few hundred new objects and now
    and then a full one over every object alive; loading and generating 200 regions makes millions,
    and those passes cost 0.9 of their 4 CPU-s while finding nothing to free (the data is trees
    without cycles). Collection resumes afterwards, so a cycle made meanwhile is still freed."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
