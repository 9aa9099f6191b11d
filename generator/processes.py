"""Child processes (PDF workers, the search indexer) that end when the build that started them ends."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal


def end_with(build: int) -> None:
    """In a PDF worker or another child (the search indexer): end when the build that started it ends, however it ends (a killed build
    would otherwise leave its workers running, each holding a few hundred MB). Linux tells the
    worker through PR_SET_PDEATHSIG; if the build is already gone, the worker ends at once."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != build:
        os._exit(1)


_PR_SET_PDEATHSIG = 1
