"""A content-addressed store of build results, so an unchanged page is not made again.

Every entry is named by the SHA-256 of *everything* its result depends on (the inputs, the
templates, the generator's own code and the versions of the libraries that shape the
output), never by a file name or a time stamp: a changed input gives a new key, so a stale
entry can be missed but never served. Entries are written once (to a temporary name, then
renamed) and never changed, so a build killed half-way leaves no torn entry behind.

After a complete build, :meth:`BuildCache.prune` removes what that build did not use: the
cache holds one site's worth of results, not the history of every edit.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from collections.abc import Iterable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import lru_cache
from importlib import metadata
from pathlib import Path

#: where a project keeps its cache, relative to mkdocs.yml
DEFAULT_FOLDER = ".cache/servicefinder"
#: libraries whose version changes a cached result (parsed file, page, search index, copy)
SHAPING_PACKAGES = (
    "mkdocs",
    "mkdocs-material",
    "jinja2",
    "markupsafe",
    "markdown",
    "nh3",
    "pyyaml",
    "lunr",
    "snowballstemmer",
    "brotli",
)


class BuildCache:
    """Results by key, in ``folder/<kind>/<key[:2]>/<key>``; a no-op when ``folder`` is None."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.used: dict[str, set[str]] = {}
        self.hits = 0
        self.misses = 0
        #: writes run beside the build (file system calls release the GIL); see flush()
        self._writer: ThreadPoolExecutor | None = None
        self._pending: list[Future[None]] = []
        #: folders known to exist
        self._folders: set[Path] = set()

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _path(self, kind: str, key: str) -> Path:
        assert self.folder is not None
        return self.folder / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        if self.folder is None:
            return None
        data = self.peek(kind, key)
        if data is None:
            self._missed()
            return None
        return data if self._found(kind, key) else None

    def peek(self, kind: str, key: str) -> bytes | None:
        """What :meth:`get` gives, not counted as used: for reading again what this build
        got already (a document's positions, ``content/catalogue.py``)."""
        if self.folder is None:
            return None
        try:
            return self._path(kind, key).read_bytes()
        except OSError:
            return None

    def holds(self, kind: str, key: str) -> bool:
        """Whether ``key`` is stored (not counted as used: :meth:`get` it to use it)."""
        return self.folder is not None and self._path(kind, key).is_file()

    def _found(self, kind: str, key: str) -> bool:
        self.used.setdefault(kind, set()).add(key)
        self.hits += 1
        return True

    def _missed(self) -> bool:
        self.misses += 1
        return False

    def put(self, kind: str, key: str, data: bytes) -> None:
        """Store ``data`` in the background; :meth:`flush` waits until it is written."""
        if self.folder is None:
            return
        self.used.setdefault(kind, set()).add(key)
        if self._writer is None:
            self._writer = ThreadPoolExecutor(max_workers=2, thread_name_prefix="cache")
        self._pending.append(self._writer.submit(self._write, self._path(kind, key), data))

    def claim(self, kind: str, key: str) -> None:
        """Count ``key`` as used by this build without storing anything here: a worker
        process stored it through its own :class:`BuildCache` on the same folder."""
        if self.folder is not None:
            self.used.setdefault(kind, set()).add(key)

    def found_elsewhere(self, kind: str, key: str) -> None:
        """Count ``key`` as reused by this build: a worker process found it stored."""
        self.claim(kind, key)
        self.hits += 1

    def made_elsewhere(self, kind: str, key: str) -> None:
        """Count ``key`` as made by this build: a worker process made and stored it."""
        self.claim(kind, key)
        self.misses += 1

    def flush(self) -> None:
        """Wait for every write; a build calls this before it ends."""
        for future in self._pending:
            future.result()
        self._pending = []
        if self._writer is not None:
            self._writer.shutdown()
            self._writer = None

    def _write(self, path: Path, data: bytes) -> None:
        if path.exists():
            return
        try:
            if path.parent not in self._folders:  # 256 folders per kind, 9,000 writes
                path.parent.mkdir(parents=True, exist_ok=True)
                self._folders.add(path.parent)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        except OSError:  # a read-only checkout or a full disk: build on, uncached
            return
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException as exc:
            Path(tmp).unlink(missing_ok=True)
            if not isinstance(exc, OSError):
                raise

    def copy_out(self, kind: str, key: str, target: Path) -> bool:
        """Copy the entry ``key`` to the file ``target`` without reading it into memory
        (for entries too large to hold); whether it was there."""
        if self.folder is None or not self._path(kind, key).is_file():
            return False
        shutil.copyfile(self._path(kind, key), target)
        self._found(kind, key)
        return True

    def copy_in(self, kind: str, key: str, source: Path) -> None:
        """Store a copy of the file ``source`` as the entry ``key``, now (see copy_out)."""
        if self.folder is None:
            return
        self.used.setdefault(kind, set()).add(key)
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            os.close(fd)
            shutil.copyfile(source, tmp)
            os.replace(tmp, path)
        except OSError:  # a read-only checkout or a full disk: build on, uncached
            return

    def prune(self, kinds: Iterable[str]) -> int:
        """Remove the entries of ``kinds`` this build did not use; returns how many."""
        self.flush()
        if self.folder is None:
            return 0
        removed = 0
        for kind in kinds:
            keep = self.used.get(kind, set())
            for path in (self.folder / kind).glob("*/*"):
                if path.name not in keep:
                    try:
                        path.unlink(missing_ok=True)
                    except OSError:
                        continue
                    removed += 1
        return removed


def digest(*parts: str | bytes) -> str:
    """One key from many inputs; each part is length-prefixed, so parts cannot run together."""
    return digest_of(parts)


def digest_of(parts: Iterable[str | bytes]) -> str:
    """:func:`digest` of parts made one at a time (none held once it is hashed)."""
    h = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "big"))
        h.update(data)
    return h.hexdigest()


def folder_digest(*folders: Path) -> str:
    """Every file's path and bytes under ``folders`` (the templates, the theme overrides)."""
    parts: list[str | bytes] = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


@lru_cache(maxsize=1)
def code_digest() -> str:
    """The generator's own source and the shaping libraries' versions: a new release or a
    local code change starts from an empty cache instead of trusting old results."""
    package = Path(__file__).resolve().parent.parent
    parts: list[str | bytes] = [p.read_bytes() for p in sorted(package.rglob("*.py"))]
    for name in SHAPING_PACKAGES:
        try:
            parts.append(f"{name}=={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            parts.append(f"{name} missing")
    return digest(*parts)
