"""How worker processes start: forked where the system can fork, spawned elsewhere.

A forked worker (Linux, macOS) is a copy of the build: it starts at once, with the
templates compiled and the content loaded. Windows cannot fork; there a worker is a new
interpreter ("spawn") that imports the modules again and rebuilds what it needs from the
pickled arguments of its initializer. Every caller of :mod:`generator.infra.workers`
hands its workers what they need that way, so both give the same bytes; fork is faster.

``SERVICEFINDER_START_METHOD=spawn`` (or ``fork``) forces the choice: to test the spawn
path on Linux, or to get around trouble with fork (a library that starts threads when it
is imported, a macOS framework that refuses to run in a forked process).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
from functools import lru_cache

log = logging.getLogger("servicefinder.build")

#: the environment variable that forces the start method
ENV = "SERVICEFINDER_START_METHOD"
#: the methods it may name
CHOICES = ("fork", "spawn")


def start_method() -> str:
    """``fork`` or ``spawn``: what ``SERVICEFINDER_START_METHOD`` asks for, else fork where
    the system has it. Read on every call, so a test or the preview may change it."""
    return _chosen(os.environ.get(ENV, "").strip().lower())


@lru_cache(maxsize=4)
def _chosen(wanted: str) -> str:
    """The method for the variable's value ``wanted``; a value that cannot be used is
    named in a warning (once) and the default is used, rather than failing the build."""
    available = multiprocessing.get_all_start_methods()
    default = "fork" if "fork" in available else "spawn"
    if not wanted or wanted == default:
        return default
    if wanted in CHOICES and wanted in available:
        return wanted
    log.warning(f"{ENV}={wanted!r} is not possible here (use fork or spawn); using {default}")
    return default


def forks() -> bool:
    """Whether workers are forked: they then inherit what the parent has made."""
    return start_method() == "fork"
