"""Memory a process has freed, handed back to the system before it forks workers.

A build's main process makes and drops a great deal on its way (the lists' pages, what
MkDocs holds while it writes). Much of it is in reference cycles (MkDocs' pages, files
and navigation point at each other), which only a full collection frees: the oldest
generation is collected rarely, and forking freezes it for a while. What is freed stays
with the process, in pieces of the C library's heap between objects still alive.
Every worker forked then starts with those pages as its own to share, and they count in
every process's share of memory (PSS). So: a full collection, then glibc's
``malloc_trim``, which returns the free pages in the middle of its heap too. At 5,000
services the main process went from 177 to 107 MB before the page writers were forked,
and their process tree's peak from 340 to 246 MB PSS. Elsewhere (macOS, Windows, musl)
there is no such call, and only the collection is done.
"""

from __future__ import annotations

import ctypes
import gc
import sys
from collections.abc import Callable

_trim: Callable[[int], int] | None = None
if sys.platform.startswith("linux"):
    try:
        _trim = ctypes.CDLL(None).malloc_trim  # glibc only
    except (AttributeError, OSError):
        _trim = None


def hand_back() -> bool:
    """Free what is garbage and return the freed memory this process's heap holds to the
    system; whether the system has a way to take it back."""
    gc.collect()
    if _trim is None:
        return False
    _trim(0)
    return True
