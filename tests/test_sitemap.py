"""The sitemap keeps to the protocol's limits at any size: parts of at most 50,000
addresses and 50 MB, named by a sitemap index (generator/site/findability.py)."""

from __future__ import annotations

import gzip
import xml.etree.ElementTree as ET
from pathlib import Path

from generator.site import findability
from generator.site.findability import write_sitemap
from generator.site.pages import Alternate
from generator.writer.stream import PageRecord

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
BASE = "https://example.org/"


PAGES = [
    PageRecord(
        f"leistungen/s-{i}/", "de", True, (Alternate("en", f"en/services/s-{i}/", "English"),)
    )
    for i in range(7)
] + [PageRecord("redaktion/", "de", False, ())]
LISTED = [f"{BASE}leistungen/s-{i}/" for i in range(7)]


def urls(path: Path) -> list[str]:
    root = ET.parse(path).getroot()
    assert root.tag == f"{SM}urlset"
    return [u.findtext(f"{SM}loc") or "" for u in root.iter(f"{SM}url")]


def parts(site: Path) -> list[Path]:
    index = ET.parse(site / "sitemap.xml").getroot()
    assert index.tag == f"{SM}sitemapindex"
    locs = [e.text or "" for e in index.iter(f"{SM}loc")]
    assert all(loc.startswith(BASE) for loc in locs)
    return [site / loc.removeprefix(BASE) for loc in locs]


def test_a_site_within_the_limits_has_one_sitemap(tmp_path: Path):
    assert write_sitemap(tmp_path, PAGES, BASE, "de")
    assert urls(tmp_path / "sitemap.xml") == LISTED
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sitemap.xml", "sitemap.xml.gz"]


def test_more_addresses_than_a_sitemap_may_hold_are_split_and_indexed(tmp_path, monkeypatch):
    monkeypatch.setattr(findability, "MOST_URLS", 3)
    assert write_sitemap(tmp_path, PAGES, BASE, "de")
    found = parts(tmp_path)
    assert [p.name for p in found] == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml"]
    assert [len(urls(p)) for p in found] == [3, 3, 1]
    assert [u for p in found for u in urls(p)] == LISTED
    for path in [tmp_path / "sitemap.xml", *found]:
        assert gzip.decompress(Path(f"{path}.gz").read_bytes()) == path.read_bytes()


def test_a_sitemap_is_split_by_its_bytes_too(tmp_path, monkeypatch):
    write_sitemap(tmp_path, PAGES[:1], BASE, "de")
    one = len((tmp_path / "sitemap.xml").read_bytes())
    monkeypatch.setattr(findability, "MOST_BYTES", one + 10)  # room for one address each
    write_sitemap(tmp_path, PAGES, BASE, "de")
    found = parts(tmp_path)
    assert len(found) == 7 and all(p.stat().st_size <= one + 10 for p in found)
    assert [u for p in found for u in urls(p)] == LISTED


def test_without_site_url_there_is_no_sitemap(tmp_path: Path):
    write_sitemap(tmp_path, PAGES, BASE, "de")
    assert not write_sitemap(tmp_path, PAGES, None, "de")
    assert not (tmp_path / "sitemap.xml").exists()
