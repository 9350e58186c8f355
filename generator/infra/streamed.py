"""A data file made piece by piece as it is written, never held whole.

The open-data exports hold every service: the feed alone is 40 KB a service in five
languages, 400 MB of text at 10,000 services (and several times that as the objects it
is dumped from). The stages hand the engine a :class:`Streamed` for such a file instead
of its text; the engine writes its pieces to disk one by one (``writer/mkdocs_adapter``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, overload


@dataclass(frozen=True)
class Streamed:
    """``pieces`` is called once each time the file is written or read."""

    pieces: Callable[[], Iterator[str]]

    def text(self) -> str:
        return "".join(self.pieces())

    def write(self, path: Path) -> None:
        with open(path, "w", encoding="utf-8", newline="") as out:
            for piece in self.pieces():
                out.write(piece)

    def digest(self) -> str:
        """A digest of :meth:`text`, made piece by piece: equal for equal texts."""
        h = hashlib.sha256()
        for piece in self.pieces():
            h.update(piece.encode("utf-8"))
        return h.hexdigest()


@overload
def texts(files: Mapping[str, str | Streamed]) -> dict[str, str]: ...


@overload
def texts(files: Mapping[str, str | bytes | Streamed]) -> dict[str, str | bytes]: ...


def texts(files: Mapping[str, Any]) -> dict[str, Any]:
    """``files`` with each streamed file's text in its place (for the preview and tests,
    which want the text)."""
    return {
        path: content.text() if isinstance(content, Streamed) else content
        for path, content in files.items()
    }


def spill(files: Mapping[str, str], path: Path) -> dict[str, Streamed]:
    """Write the texts of ``files`` end to end into ``path`` (a new file) and give each
    back as a :class:`Streamed` that reads it from there: a worker process hands its
    files to the build this way, without their text crossing the pipe or filling the
    build's memory until the engine writes them (the search index's shards, 55 MB of
    text at 10,000 services). ``path`` must outlive every reader; its maker removes it."""
    with Spill(path) as out:
        for name, text in files.items():
            out.add(name, text)
    return out.files()


class Spill:
    """Texts written end to end into a new file as they are made, with their names and
    positions after them, so a maker never holds them all (a language's search index is
    thousands of files): :func:`spilled` reads the file back, and a copy of it (the
    build cache keeps one) reads the same.

    The file ends with the listing as JSON, ``[[name, position, size], ...]``, and the
    listing's size as 20 digits."""

    def __init__(self, path: Path) -> None:
        self.path = path
        # open from here to close(): the file is made piece by piece
        self._out = open(path, "xb")  # noqa: SIM115
        self._listing: list[tuple[str, int, int]] = []
        self._at = 0

    def add(self, name: str, text: str) -> None:
        data = text.encode("utf-8")
        self._out.write(data)
        self._listing.append((name, self._at, len(data)))
        self._at += len(data)

    def close(self) -> None:
        if self._out.closed:
            return
        listing = json.dumps(self._listing, ensure_ascii=False).encode("utf-8")
        self._out.write(listing + b"%020d" % len(listing))
        self._out.close()

    def __enter__(self) -> Spill:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def files(self) -> dict[str, Streamed]:
        return {
            name: Streamed(partial(_spilled, self.path, at, size))
            for name, at, size in self._listing
        }


def spilled(path: Path) -> dict[str, Streamed]:
    """The files of a :class:`Spill` file, each read from it when it is written."""
    with open(path, "rb") as handle:
        handle.seek(-_DIGITS, os.SEEK_END)
        size = int(handle.read(_DIGITS))
        handle.seek(-_DIGITS - size, os.SEEK_END)
        listing = json.loads(handle.read(size))
    return {name: Streamed(partial(_spilled, path, at, n)) for name, at, n in listing}


def spill_bytes(files: Mapping[str, str]) -> bytes:
    """What :class:`Spill` writes for ``files``, in memory (a small index kept whole)."""
    listing, parts, at = [], [], 0
    for name, text in files.items():
        data = text.encode("utf-8")
        parts.append(data)
        listing.append((name, at, len(data)))
        at += len(data)
    tail = json.dumps(listing, ensure_ascii=False).encode("utf-8")
    return b"".join([*parts, tail, b"%020d" % len(tail)])


def unspilled(data: bytes) -> dict[str, str]:
    """The texts of a :class:`Spill` file's bytes."""
    size = int(data[-_DIGITS:])
    listing = json.loads(data[-_DIGITS - size : -_DIGITS])
    return {name: data[at : at + n].decode("utf-8") for name, at, n in listing}


#: the digits of a spill file's last field, its listing's size
_DIGITS = 20


def _spilled(path: Path, at: int, size: int) -> Iterator[str]:
    with open(path, "rb") as handle:
        handle.seek(at)
        yield handle.read(size).decode("utf-8")
