"""Bytes kept in an unnamed temporary file instead of memory, read back by position.

A build at national scale keeps a few records for every service until its end (the
manifest's entries, the content check's packed objects): 10,000 services make tens of
megabytes of them, and every process forked from the one that holds them starts with
them. Appended here they occupy the operating system's page cache, which it drops as it
needs, and no process's memory: only their positions are kept in memory.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path


class Spool:
    """An append-only run of byte strings in a temporary file, gone with the object."""

    def __init__(self) -> None:
        # open as long as the spool lives (closed with it, below), not for a block
        self._file = tempfile.TemporaryFile()  # noqa: SIM115
        weakref.finalize(self, self._file.close)
        # one file position for writes, and for reads where there is no pread (Windows)
        self._lock = threading.Lock()
        self._end = 0

    def append(self, data: bytes) -> tuple[int, int]:
        """Add ``data``; its position and length, for :meth:`read`."""
        with self._lock:
            self._file.seek(self._end)
            self._file.write(data)
            at = self._end
            self._end += len(data)
        return at, len(data)

    def read(self, at: int, size: int) -> bytes:
        with self._lock:
            self._file.flush()
            if hasattr(os, "pread"):
                return os.pread(self._file.fileno(), size, at)
            self._file.seek(at)
            return self._file.read(size)

    def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
        """Everything appended, in order, ``size`` bytes at a time."""
        at = 0
        while at < self._end:
            piece = self.read(at, min(size, self._end - at))
            at += len(piece)
            yield piece

    def __len__(self) -> int:
        return self._end


def scratch_folder(prefix: str) -> Path:
    """A new temporary folder, removed with what it holds when this process ends: for the
    files worker processes hand back, which outlive the call that started them."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder
