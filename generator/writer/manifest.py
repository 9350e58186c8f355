"""What the last build of a site folder wrote, and from what: the manifest that lets a
rebuild write only the files whose inputs changed.

For every service: the digest of everything its pages are made of (its content and
translations, the services it links to, the site-wide inputs, the templates, the code, the
build date, the theme's frame) and the files it wrote, with the pages' addresses and
classes, so a service whose digest is unchanged is neither rendered nor written, and the
sitemap and the stylesheet trimming still know its pages. For the whole build: a digest
of every input file, so a rebuild with nothing changed stops before reading the content.

Kept in the build cache's folder, one file per site folder, never in the site: it is
not published. Written only after the new site is in place; a missing or unreadable
manifest means a complete build.
"""

from __future__ import annotations

import json
import os
from array import array
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from generator.infra.cache import code_digest, digest, digest_of
from generator.infra.spool import Spool

if TYPE_CHECKING:
    from generator.infra.project import Project

#: a manifest of another layout is ignored (a complete build writes a new one)
VERSION = 2
FOLDER = "manifests"


class Entries(Mapping[str, dict[str, Any]]):
    """Service id -> manifest entry, each kept as its line of JSON text in a file and
    read back by position: at 10,000 services the entries are 56 MB of JSON and several
    times that as Python objects, which the build would hold from the first service
    written to its end, and every process it forks with it.

    Only the ids (the strings given, not copies) and the positions are in memory, the
    positions in two arrays: a few small objects kept for each service, made among the
    large ones each service's record is unpacked into, would hold the memory of those in
    pieces. The lookup by id is made when it is first needed.

    An entry made in this build (:meth:`add`) is in a temporary file
    (:class:`~generator.infra.spool.Spool`); one of the last build's manifest is read
    from the manifest file itself (:meth:`Manifest.load`)."""

    def __init__(self) -> None:
        self._spool: Spool | None = Spool()
        self._path: Path | None = None
        self._keys: list[str] = []
        self._starts = array("q")
        self._sizes = array("q")
        self._index: dict[str, int] | None = None

    @classmethod
    def _in_file(cls, path: Path, at: Iterable[tuple[str, int, int]]) -> Entries:
        entries = cls()
        entries._spool, entries._path = None, path
        for key, start, size in at:
            entries._append(key, start, size)
        return entries

    def _append(self, key: str, start: int, size: int) -> None:
        self._keys.append(key)
        self._starts.append(start)
        self._sizes.append(size)
        self._index = None

    def add(self, key: str, entry: dict[str, Any]) -> None:
        assert self._spool is not None, "the last build's entries are read-only"
        self._append(key, *self._spool.append(_json(entry).encode("utf-8")))

    def _position(self, key: str) -> int:
        if self._index is None:
            self._index = {k: n for n, k in enumerate(self._keys)}
        return self._index[key]

    def text(self, key: str) -> str:
        return self._read(self._position(key))

    def _read(self, n: int, handle: BinaryIO | None = None) -> str:
        at, size = self._starts[n], self._sizes[n]
        if self._spool is not None:
            return self._spool.read(at, size).decode("utf-8")
        if handle is not None:
            handle.seek(at)
            return handle.read(size).decode("utf-8")
        assert self._path is not None
        with open(self._path, "rb") as own:  # never held open: the next build replaces it
            own.seek(at)
            return own.read(size).decode("utf-8")

    def __getitem__(self, key: str) -> dict[str, Any]:
        return json.loads(self.text(key))

    def each(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Every (id, entry), read through once in the order they were made."""
        if self._spool is not None:
            for n, key in enumerate(self._keys):
                yield key, json.loads(self._read(n))
            return
        assert self._path is not None
        with open(self._path, "rb") as handle:
            for n, key in enumerate(self._keys):
                yield key, json.loads(self._read(n, handle))

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def __contains__(self, key: object) -> bool:
        try:
            self._position(key)  # type: ignore[arg-type]
        except (KeyError, TypeError):
            return False
        return True


@dataclass
class Manifest:
    """The manifest of one site folder; saved as a line of the build's own values, then a
    line per service (``"id"<TAB>entry``), so a rebuild reads only the entries it needs
    and never holds them all."""

    #: the digest of every input file, the build date and the code (:func:`inputs_digest`)
    inputs: str = ""
    #: Material's stylesheet name -> the trimmed sheet's name the pages link
    css: dict[str, str] = field(default_factory=dict)
    #: service id -> {"key": digest, "files": [...], "pages": [...], "classes": index}
    services: Mapping[str, dict[str, Any]] = field(default_factory=dict)
    #: the distinct class sets of the services' pages (most services share one)
    class_sets: list[list[str]] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path | None) -> Manifest | None:
        """The manifest saved at ``path``; None when there is none or it is not readable
        as one (a complete build follows)."""
        if path is None:
            return None
        try:
            with open(path, "rb") as handle:
                head = json.loads(handle.readline())
                if not isinstance(head, dict) or head.get("version") != VERSION:
                    return None
                at: list[tuple[str, int, int]] = []
                offset = handle.tell()
                for line in handle:
                    key, tab, _ = line.partition(b"\t")
                    if not tab or not line.endswith(b"\n"):
                        return None
                    at.append((json.loads(key), offset + len(key) + 1, len(line) - len(key) - 2))
                    offset += len(line)
            return cls(head["inputs"], head["css"], Entries._in_file(path, at), head["class_sets"])
        except (OSError, ValueError, KeyError):
            return None

    def save(self, path: Path) -> None:
        """Write the manifest whole or not at all (a crash leaves the old one), one
        service at a time, in the order of their ids."""
        path.parent.mkdir(parents=True, exist_ok=True)
        temp = path.with_name(path.name + f".{os.getpid()}.tmp")
        services = self.services
        head = {
            "class_sets": self.class_sets,
            "css": self.css,
            "inputs": self.inputs,
            "version": VERSION,
        }
        with open(temp, "w", encoding="utf-8", newline="\n") as out:
            out.write(_json(head) + "\n")
            for key in sorted(services):
                entry = services.text(key) if isinstance(services, Entries) else None
                out.write(f"{_json(key)}\t{entry or _json(services[key])}\n")
        os.replace(temp, path)

    def classes_of(self, service_id: str) -> list[str]:
        return self.class_sets[self.services[service_id]["classes"]]


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def manifest_path(cache_dir: Path | None, site_dir: Path) -> Path | None:
    """Where the manifest of ``site_dir`` is kept; None without a build cache."""
    if cache_dir is None:
        return None
    return cache_dir / FOLDER / f"{digest(str(site_dir.resolve()))[:16]}.json"


def inputs_digest(folders: list[Path], files: list[Path], *extra: str) -> str:
    """Every file's path and bytes below ``folders`` and of ``files``, the code, and
    ``extra`` (the build date, the options): equal only when a build would make the
    same site. Bytes, not modification times: a checkout or a copy changes those.
    Each file is hashed as it is read and let go: collected first, a national
    catalogue's 50,000 files took the build's main process from 343 to 774 MB."""

    def parts() -> Iterator[str | bytes]:
        yield from [code_digest(), *extra]
        for folder in folders:
            for base, dirs, names in os.walk(folder):
                dirs.sort()
                for name in sorted(names):
                    path = os.path.join(base, name)
                    with open(path, "rb") as handle:
                        yield path
                        yield handle.read()
        for file in files:
            yield str(file)
            yield file.read_bytes() if file.is_file() else b""

    return digest_of(parts())


def project_inputs(project: Project, today: str, strict: bool) -> str:
    """The digest a rebuild compares to know that nothing changed (``manifest.py``)."""
    folders = [project.content_dir, *project.template_dirs, *project.override_dirs]
    pages = project.pages_dir
    if pages is not None and pages.is_dir() and not pages.is_relative_to(project.content_dir):
        folders.append(pages)
    return inputs_digest(
        [f for f in folders if f.is_dir()],
        [project.config_file],
        today,
        f"strict={strict}",
        os.environ.get("SOURCE_DATE_EPOCH", ""),
    )


def unchanged(project: Project, site_dir: Path, today: str, strict: bool) -> bool:
    """True when ``site_dir`` is what a build would make: same inputs as its last build,
    and every file that build wrote still there."""
    manifest = Manifest.load(manifest_path(project.cache_dir, site_dir))
    if manifest is None or manifest.inputs != project_inputs(project, today, strict):
        return False
    services = manifest.services
    entries = services.each() if isinstance(services, Entries) else services.items()
    return all(intact(site_dir, entry) for _, entry in entries)


def stamp(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]


def intact(site: Path, entry: dict) -> bool:
    """Every file of a manifest entry is in ``site`` as the build left it."""
    try:
        return all(
            stamp(site / name) == recorded
            for name, recorded in zip(entry["files"], entry["stamps"], strict=True)
        )
    except (OSError, KeyError, ValueError):
        return False
