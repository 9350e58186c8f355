"""Precompressed copies of large files are made as the file is read, never held whole."""

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
    # the small page still goes through the cache; the large file does not
    assert len(cache.used.get(precompress.KIND, set())) == 1
    # the same bytes make the same copies
    again = _site(tmp_path / "b")
    precompress.precompress(again, BuildCache(None))
    for suffix in (".gz", ".br"):
        name = "feed.json" + suffix
        assert (again / "data" / name).read_bytes() == (site / "data" / name).read_bytes()
