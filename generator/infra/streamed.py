"""A data file made piece by piece as it is written, never held whole.

The open-data exports hold every service: the feed alone is 40 KB a service in five
languages, 400 MB of text at 10,000 services (and several times that as the objects it
is dumped from). The stages hand the engine a :class:`Streamed` for such a file instead
of its text; the engine writes its pieces to disk one by one (``writer/mkdocs_adapter``).
"""

from __future__ import annotations

import hashlib
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
    out: dict[str, Streamed] = {}
    at = 0
    with open(path, "xb") as handle:
        for name, text in files.items():
            data = text.encode("utf-8")
            handle.write(data)
            out[name] = Streamed(partial(_spilled, path, at, len(data)))
            at += len(data)
    return out


def _spilled(path: Path, at: int, size: int) -> Iterator[str]:
    with open(path, "rb") as handle:
        handle.seek(at)
        yield handle.read(size).decode("utf-8")
