"""Precompressed copies of large files are made as the file is read, never held whole,
and kept in the build cache as files."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli

from generator.infra import precompress
from generator.infra.cache import BuildCache


def _site(folder: Path) -> Path:
    site = folder / "site"
    (site / "data").mkdir(parents=True)
    # larger than a piece read at a time, so the copies are made of several pieces
    text = "".join(f'{{"id": "leistung-{i:05d}", "title": "Hilfe {i}"}},\n' for i in range(60_000))
    (site / "data" / "feed.json").write_text(text, encoding="utf-8")
    (site / "index.html").write_text("<p>" + "Seite " * 400 + "</p>", encoding="utf-8")
    return site


def test_a_large_file_is_compressed_in_pieces_to_the_same_bytes(tmp_path: Path, monkeypatch):
    site = _site(tmp_path / "a")
    feed = site / "data" / "feed.json"
    assert feed.stat().st_size > precompress.PIECE
    monkeypatch.setattr(precompress, "LARGE", 64 * 1024)
    cache = BuildCache(tmp_path / "cache")
    made = precompress.precompress(site, cache)
    cache.flush()
    assert made == 2
    original = feed.read_bytes()
    assert gzip.decompress((site / "data" / "feed.json.gz").read_bytes()) == original
    assert brotli.decompress((site / "data" / "feed.json.br").read_bytes()) == original
    # the large file's copies are kept in the cache as files of their own: a build of
    # the same bytes copies them out and compresses nothing
    assert len(cache.used.get(precompress.KIND, set())) == 3
    for suffix in (".gz", ".br"):
        (site / "data" / f"feed.json{suffix}").unlink()

    def refused(path: Path) -> None:
        raise AssertionError(f"{path} compressed again")

    real = precompress.compress_streamed
    monkeypatch.setattr(precompress, "compress_streamed", refused)
    later = BuildCache(tmp_path / "cache")
    precompress.precompress(site, later)
    assert gzip.decompress((site / "data" / "feed.json.gz").read_bytes()) == original
    assert brotli.decompress((site / "data" / "feed.json.br").read_bytes()) == original
    assert later.hits == 3
    monkeypatch.setattr(precompress, "compress_streamed", real)
    # the same bytes make the same copies
    again = _site(tmp_path / "b")
    precompress.precompress(again, BuildCache(None))
    for suffix in (".gz", ".br"):
        name = "feed.json" + suffix
        assert (again / "data" / name).read_bytes() == (site / "data" / name).read_bytes()


def test_workers_compress_a_large_file_beside_the_small_ones(tmp_path: Path, monkeypatch):
    """With workers, a large file is a task of its own in a worker process: its copies
    are the same bytes, kept in the cache the parent counts as used, and taken from there
    by the next build."""
    monkeypatch.setattr(precompress, "LARGE", 64 * 1024)
    alone = _site(tmp_path / "alone")
    precompress.precompress(alone, BuildCache(None))
    site = _site(tmp_path / "site")
    cache = BuildCache(tmp_path / "cache")
    assert precompress.precompress(site, cache, workers=2) == 2
    for name in ("data/feed.json.gz", "data/feed.json.br", "index.html.gz", "index.html.br"):
        assert (site / name).read_bytes() == (alone / name).read_bytes(), name
    assert len(cache.used.get(precompress.KIND, set())) == 3
    later = BuildCache(tmp_path / "cache")
    again = _site(tmp_path / "again")
    precompress.precompress(again, later, workers=2)
    assert later.hits == 3
    assert (again / "data/feed.json.br").read_bytes() == (alone / "data/feed.json.br").read_bytes()
