"""The build lock: one build of an output folder at a time, on every system, released by
the system however its holder ends, so a killed build never blocks the next.

Chosen at import from what the system offers:

- ``fcntl.flock`` on the folder that holds the output folder (Linux, macOS, the BSDs). No
  lock file is left lying about.
- Elsewhere, a lock on the first byte of a lock file beside the output folder
  (``.site.lock`` for ``site/``): ``msvcrt.locking`` on Windows, ``os.lockf`` on a Unix
  whose Python has no ``fcntl`` module (which also lets this path be tested on Linux). The
  file stays where it is: removing it while another build waits on it would let a third
  build lock a new file beside the waiting one. The lock belongs to the open file, and the
  system drops it when the file is closed or the process ends, killed or not.

A second build of the same folder in the same process waits as well: ``os.lockf`` locks
belong to the process, not to the open file, so a thread lock stands in front of them.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

#: seconds between two tries of a lock that cannot be waited for (``msvcrt``)
POLL_SECONDS = 0.1


def _module(name: str) -> ModuleType | None:
    """The module ``name`` where this system has it (``fcntl`` is Unix-only, ``msvcrt``
    Windows-only); imported by name, so that neither is assumed at import time."""
    try:
        return importlib.import_module(name)
    except ImportError:
        return None


_fcntl: Any = _module("fcntl")
_msvcrt: Any = None if _fcntl else _module("msvcrt")

#: how this system locks: "flock", "msvcrt" or "lockf" (see the module's docstring)
KIND = "flock" if _fcntl else "msvcrt" if _msvcrt else "lockf" if hasattr(os, "lockf") else ""

_threads_lock = threading.Lock()
#: one thread lock per lock file, for builds in threads of one process
_thread_locks: dict[str, threading.Lock] = {}


def lock_file(target: Path) -> Path:
    """The file a lock-file system locks for builds of ``target`` (``flock`` needs none)."""
    return target.with_name(f".{target.name}.lock")


@contextlib.contextmanager
def held(target: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    """Hold the build lock for the output folder ``target`` while the block runs;
    ``on_wait`` is called once first if another build holds it, then this one waits."""
    if KIND == "flock":
        with _flocked(target.parent, on_wait):
            yield
        return
    if not KIND:
        raise OSError("this system offers no file lock (neither fcntl, msvcrt nor lockf)")
    path = lock_file(target)
    with _threads_lock:
        in_process = _thread_locks.setdefault(os.path.abspath(path), threading.Lock())
    told: list[bool] = []

    def tell() -> None:  # once, whichever of the two locks is busy
        if not told:
            told.append(True)
            on_wait()

    if not in_process.acquire(blocking=False):
        tell()
        in_process.acquire()
    try:
        with _byte_locked(path, tell):
            yield
    finally:
        in_process.release()


@contextlib.contextmanager
def _flocked(folder: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(folder, flags)
    try:
        try:
            _fcntl.flock(fd, _fcntl.LOCK_EX | _fcntl.LOCK_NB)
        except BlockingIOError:
            on_wait()
            _fcntl.flock(fd, _fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing the descriptor releases the lock


@contextlib.contextmanager
def _byte_locked(path: Path, on_wait: Callable[[], None]) -> Iterator[None]:
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | getattr(os, "O_NOINHERIT", 0), 0o644)
    try:
        if not _try_byte(fd):
            on_wait()
            _wait_byte(fd)
        try:
            yield
        finally:
            _unlock_byte(fd)
    finally:
        os.close(fd)


def _try_byte(fd: int) -> bool:
    """Lock the file's first byte if no other process holds it; False if one does."""
    os.lseek(fd, 0, os.SEEK_SET)  # both lock from the current position
    try:
        if _msvcrt:
            _msvcrt.locking(fd, _msvcrt.LK_NBLCK, 1)
        else:
            os.lockf(fd, os.F_TLOCK, 1)
    except OSError as exc:
        if isinstance(exc, PermissionError | BlockingIOError):  # EACCES, EAGAIN: held
            return False
        raise
    return True


def _wait_byte(fd: int) -> None:
    """Wait for the lock: ``os.lockf`` can block; ``msvcrt.locking`` only tries ten times a
    second apart and then fails, so it is tried here until it succeeds."""
    if not _msvcrt:
        os.lseek(fd, 0, os.SEEK_SET)
        os.lockf(fd, os.F_LOCK, 1)
        return
    while not _try_byte(fd):
        time.sleep(POLL_SECONDS)


def _unlock_byte(fd: int) -> None:
    """Unlock at once rather than at close: Windows may take its time over a closed
    handle's locks."""
    os.lseek(fd, 0, os.SEEK_SET)
    with contextlib.suppress(OSError):
        if _msvcrt:
            _msvcrt.locking(fd, _msvcrt.LK_UNLCK, 1)
        else:
            os.lockf(fd, os.F_ULOCK, 1)
