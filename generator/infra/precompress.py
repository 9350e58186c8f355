"""Precompressed copies of the text files of a built site, for hosts that serve them.

nginx (gzip_static, brotli_static), Apache (rewrite to .gz) and Caddy (precompressed)
send ``page.html.gz`` or ``.br`` instead of compressing on every request. Written with
fixed metadata (gzip mtime from SOURCE_DATE_EPOCH, no file name), so two builds of the
same content stay byte-identical. A file whose bytes were compressed by an earlier build
takes both copies from the build cache (one entry holds both, so the cache adds one file
per page, not two); the rest are compressed in parallel.
"""

from __future__ import annotations

import gzip
import io
import os
from itertools import chain
from pathlib import Path

import brotli

from generator.infra.cache import BuildCache, code_digest, digest, digest_of
from generator.infra.security import is_hashed
from generator.infra.workers import run_parallel

SUFFIXES = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}
#: the build cache's kind for a file's two compressed copies
KIND = "compressed"
#: below this, compression saves less than a network packet
MIN_BYTES = 1024
#: below this many files to compress, starting processes costs more than it saves
PARALLEL_FROM = 200


def precompress(site: Path, cache: BuildCache | None = None, workers: int = 1) -> int:
    """Write ``.gz`` and ``.br`` next to every text file of ``site``; returns the count."""
    cache = cache or BuildCache(None)
    todo: list[tuple[Path, str]] = []
    large: list[tuple[Path, str]] = []
    count = 0
    for path in sorted(site.rglob("*")):
        if path.suffix not in SUFFIXES or not path.is_file():
            continue
        size = path.stat().st_size
        if size < MIN_BYTES:
            continue
        count += 1
        if size > LARGE:
            key = _file_key(path)
            if not _large_from_cache(path, key, cache):
                large.append((path, key))
            continue
        data = path.read_bytes()
        key = digest(code_digest(), _mtime().to_bytes(8, "big"), data)
        both = cache.get(KIND, key)
        if both is None:
            todo.append((path, key))
            continue
        gz, br = _unpack(both)
        path.with_name(path.name + ".gz").write_bytes(gz)
        path.with_name(path.name + ".br").write_bytes(br)
    if workers > 1 and (large or len(todo) >= PARALLEL_FROM):
        cache.flush()  # no writer thread may hold a lock when the process forks
        # the large files first, each a task of its own: they take longest (the feed of
        # 10,000 services, 400 MB, about 10 s), and the small ones fill in beside them
        chunks = [(cache.folder, [item], True) for item in large]
        chunks += [(cache.folder, todo[k : k + 32], False) for k in range(0, len(todo), 32)]
        run_parallel(_compress_chunk, chunks, workers, what="compression")
        for _, key in large:
            cache.claim(KIND, key + "-gz")
            cache.claim(KIND, key + "-br")
        for _, key in todo:
            cache.claim(KIND, key)
    else:
        for path, key in large:
            _large_copies(path, key, cache)
        for path, key in todo:
            _compress_and_write(path, key, cache)
    return count


#: files larger than this (the open-data exports of a large catalogue: the feed is 40 KB
#: a service) are compressed as they are read, never held whole, and their copies kept
#: in the build cache as files of their own
LARGE = 16 * 1024 * 1024
#: how much of a large file is read at a time
PIECE = 1024 * 1024


def _large_from_cache(path: Path, key: str, cache: BuildCache) -> bool:
    """A large file's copies from the cache where its bytes were compressed before (an
    edit changes the feed, a rebuild that changes no page does not): copied file to
    file, never read whole."""
    gz, br = path.with_name(path.name + ".gz"), path.with_name(path.name + ".br")
    return cache.copy_out(KIND, key + "-gz", gz) and cache.copy_out(KIND, key + "-br", br)


def _large_copies(path: Path, key: str, cache: BuildCache) -> None:
    """A large file's copies made, and kept in the cache as files of their own."""
    compress_streamed(path)
    cache.copy_in(KIND, key + "-gz", path.with_name(path.name + ".gz"))
    cache.copy_in(KIND, key + "-br", path.with_name(path.name + ".br"))


def _file_key(path: Path) -> str:
    """The code, the gzip time stamp and the file's bytes, read a piece at a time."""
    with open(path, "rb") as source:
        pieces = iter(lambda: source.read(PIECE), b"")
        return digest_of(chain([code_digest(), _mtime().to_bytes(8, "big")], pieces))


def compress_streamed(path: Path) -> None:
    """``path.gz`` and ``path.br`` next to ``path``, read and written a piece at a time.
    Brotli's output in pieces differs from its output in one call, so a file takes this
    way by its size alone: the same bytes make the same copies."""
    brotli_out = brotli.Compressor(mode=brotli.MODE_TEXT, quality=_quality(path, LARGE + 1))
    with (
        open(path, "rb") as source,
        open(path.with_name(path.name + ".gz"), "wb") as gz_file,
        open(path.with_name(path.name + ".br"), "wb") as br_file,
        gzip.GzipFile(
            filename="", mode="wb", fileobj=gz_file, compresslevel=GZIP_LEVEL, mtime=_mtime()
        ) as gz,
    ):
        while piece := source.read(PIECE):
            gz.write(piece)
            br_file.write(brotli_out.process(piece))
        br_file.write(brotli_out.finish())


def _mtime() -> int:
    return int(os.environ.get("SOURCE_DATE_EPOCH", "0"))


def _compress_chunk(chunk: tuple[Path | None, list[tuple[Path, str]], bool]) -> None:
    """In a worker: compress, write and store a chunk of files itself, so no compressed
    bytes travel back and the parent never holds the whole site's copies at once; a
    large file is a chunk of its own, compressed as it is read."""
    folder, todo, large = chunk
    cache = BuildCache(folder)
    for path, key in todo:
        if large:
            _large_copies(path, key, cache)
        else:
            _compress_and_write(path, key, cache)
    cache.flush()


def _compress_and_write(path: Path, key: str, cache: BuildCache) -> None:
    """``path.gz`` and ``path.br`` next to ``path``, and both in one ``cache`` entry."""
    gz_bytes, br_bytes = _compress_file(path)
    path.with_name(path.name + ".gz").write_bytes(gz_bytes)
    path.with_name(path.name + ".br").write_bytes(br_bytes)
    cache.put(KIND, key, len(gz_bytes).to_bytes(8, "big") + gz_bytes + br_bytes)


def _unpack(both: bytes) -> tuple[bytes, bytes]:
    """A cache entry's ``.gz`` and ``.br`` copies (the first's length, then both)."""
    size = int.from_bytes(both[:8], "big")
    return both[8 : 8 + size], both[8 + size :]


def _compress_file(path: Path) -> tuple[bytes, bytes]:
    return compressed(path, path.read_bytes())


def compressed(path: Path, data: bytes) -> tuple[bytes, bytes]:
    """The ``.gz`` and ``.br`` copies of ``data``, the bytes of the file at ``path``."""
    buffer = io.BytesIO()
    with gzip.GzipFile(
        filename="", mode="wb", fileobj=buffer, compresslevel=GZIP_LEVEL, mtime=_mtime()
    ) as out:
        out.write(data)
    return buffer.getvalue(), brotli.compress(
        data, mode=brotli.MODE_TEXT, quality=_quality(path, len(data))
    )


#: gzip is the copy for the few clients without Brotli (every current browser sends
#: ``br``): level 4 takes a third less time than 6 on service pages of 28 KB (0.37
#: against 0.56 ms a page) for 3.4 % more bytes, and half the time on the large exports
GZIP_LEVEL = 4

#: content-hashed files larger than this are compressed at quality 8 too
BEST_UP_TO = 256 * 1024


def _quality(path: Path, size: int) -> int:
    """Brotli quality 6 for pages: measured on service pages of 28 KB, 0.69 ms a page
    against 1.21 ms at quality 8, for 0.9 % more bytes (60 of 7 KB): at national scale,
    100,000 pages, that is 50 s of a build's CPU. Quality 9 and above use a larger window
    (8 ms a page); 11 saves 11 % more at 22 ms a page, too slow for thousands of pages.
    10 for the files named by their content hash up to ``BEST_UP_TO``: the stylesheets,
    scripts, data files and search shards pages load, shared by many pages, cached by
    browsers for a year and across builds here. Measured on the 7,143 search shards of
    5,000 services: 10 makes them as small as 11 (0.3 % smaller) in a third of the time
    (1.4 against 4.3 ms a shard, 21 s of a cold build's CPU); on the stylesheets and
    scripts 11 would save 1.4 % (0.4 KB of a first visit). Larger ones (the search index
    of one language in one file, 1-2 MB: seconds each, on every change of the content)
    stay at 8, and the open-data exports past ``LARGE`` (400 MB at 10,000 services,
    fetched by programs, not browsers) take quality 5."""
    if size > LARGE:
        return 5
    if is_hashed(path.name) and size <= BEST_UP_TO:
        return 10
    return 8 if is_hashed(path.name) else 6
