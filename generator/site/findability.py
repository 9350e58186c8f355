"""Being found: the sitemap with language alternates and robots.txt.

Most citizens arrive from a search engine. A sitemap needs absolute addresses, so it is
written only when ``site_url`` (the site's public address) is set in ``mkdocs.yml``; the
build says so when it is not. Each page lists itself and its versions in other languages
(``xhtml:link rel="alternate" hreflang``), and the same set is in the head of each page
(:func:`hreflang`): reciprocal, since every version lists the same versions, with
``x-default`` for the source language's version. Pages kept out of search (the editors'
dashboard) are left out of the sitemap and disallowed in robots.txt.
"""

from __future__ import annotations

import gzip
import os
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO, Protocol
from xml.sax.saxutils import escape

from generator.content import routes

#: pages search engines should not crawl (the editors' dashboard); also noindex in the head
DISALLOWED = (routes.DASHBOARD,)
SITEMAP = "sitemap.xml"


class _Alternate(Protocol):
    @property
    def lang(self) -> str: ...
    @property
    def url(self) -> str: ...
    @property
    def same(self) -> bool: ...


class _Page(Protocol):
    @property
    def url(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def search(self) -> bool: ...
    @property
    def alternates(self) -> tuple[_Alternate, ...]: ...


def hreflang(
    lang: str, url: str, alternates: Iterable[_Alternate], source: str
) -> list[tuple[str, str]]:
    """(hreflang, site-relative URL) of every version of the page at ``url``, itself
    included, and ``x-default`` for the source language's version; empty for a page in one
    language. Only true versions count (``same``), so each of them lists exactly this set."""
    versions = {lang: url, **{a.lang: a.url for a in alternates if a.same}}
    if len(versions) < 2:
        return []
    out = sorted(versions.items())
    if source in versions:
        out.append(("x-default", versions[source]))
    return out


def base_url(site_url: str | None) -> str:
    if not site_url:
        return ""
    return site_url if site_url.endswith("/") else site_url + "/"


def robots_files(site_url: str | None) -> dict[str, str]:
    """``{"robots.txt": text}``: everything may be crawled but the editors' pages."""
    lines = ["User-agent: *", *(f"Disallow: /{path}" for path in DISALLOWED)]
    base = base_url(site_url)
    if base:
        lines += ["", f"Sitemap: {base}{SITEMAP}"]
    return {"robots.txt": "\n".join(lines) + "\n"}


#: the sitemap protocol's limits for one file: 50,000 addresses and 50 MB (52,428,800
#: bytes) uncompressed; a site with more lists its parts in a sitemap index
MOST_URLS = 50_000
MOST_BYTES = 50 * 1024 * 1024
_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)
_TAIL = "</urlset>\n"


def sitemap_entries(pages: Iterable[_Page], site_url: str, source: str) -> Iterator[str]:
    """One ``<url>`` element for every public page, with its language versions, in the
    order of ``pages`` (the build gives them in a fixed order: its own pages, then the
    services by id), made one at a time: 100,000 pages are never held at once."""
    base = base_url(site_url)
    for page in pages:
        if not page.search:
            continue
        lines = [f"<url><loc>{escape(base + page.url)}</loc>"]
        lines += [
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(base + url)}"/>'
            for lang, url in hreflang(page.lang, page.url, page.alternates, source)
        ]
        lines.append("</url>")
        yield "\n".join(lines) + "\n"


def sitemap_xml(pages: Iterable[_Page], site_url: str, source: str) -> str:
    """Every public page with its language versions, as one sitemap (for a site within
    the protocol's limits; :func:`write_sitemap` splits a larger one)."""
    return _HEAD + "".join(sitemap_entries(pages, site_url, source)) + _TAIL


def write_sitemap(
    site_dir: Path, pages: Iterable[_Page], site_url: str | None, source: str
) -> bool:
    """Replace the engine's sitemap with ours; without ``site_url`` remove it (it would
    list no page). Returns whether a sitemap was written.

    Written as the pages come, in parts of at most :data:`MOST_URLS` addresses and
    :data:`MOST_BYTES` (``sitemap-1.xml``, ...); with more than one part, ``sitemap.xml``
    is the sitemap index that names them (where robots.txt points either way). Each file
    has its gzip copy, stamped with SOURCE_DATE_EPOCH."""
    target = site_dir / SITEMAP
    if not site_url:
        for path in (target, site_dir / f"{SITEMAP}.gz"):
            path.unlink(missing_ok=True)
        return False
    parts = _parts(site_dir, sitemap_entries(pages, site_url, source))
    if len(parts) == 1:
        parts.pop().replace(target)
    else:
        base = base_url(site_url)
        listed = [f"<sitemap><loc>{escape(base + p.name)}</loc></sitemap>\n" for p in parts]
        target.write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            f"{''.join(listed)}</sitemapindex>\n",
            encoding="utf-8",
            newline="\n",
        )
    for path in [target, *parts]:
        _gzipped(path)
    return True


def _parts(site_dir: Path, entries: Iterator[str]) -> list[Path]:
    """``entries`` in files ``sitemap-N.xml`` within the protocol's limits; at least one
    (a site without public pages has an empty sitemap)."""
    head, tail = _HEAD.encode(), _TAIL.encode()
    parts: list[Path] = []
    out: BinaryIO | None = None
    count = size = 0
    try:
        for entry in entries:
            data = entry.encode("utf-8")
            if out is None or count == MOST_URLS or size + len(data) > MOST_BYTES:
                if out is not None:
                    out.write(tail)
                    out.close()
                parts.append(site_dir / f"sitemap-{len(parts) + 1}.xml")
                out = open(parts[-1], "wb")  # noqa: SIM115 - closed above or below
                out.write(head)
                count, size = 0, len(head) + len(tail)
            out.write(data)
            count += 1
            size += len(data)
        if out is None:
            parts.append(site_dir / "sitemap-1.xml")
            parts[-1].write_bytes(head + tail)
        else:
            out.write(tail)
    finally:
        if out is not None:
            out.close()
    return parts


def _gzipped(path: Path) -> None:
    """``path.gz`` beside ``path``, the same bytes in every build."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    with open(path, "rb") as source, gzip.GzipFile(f"{path}.gz", "wb", mtime=epoch) as out:
        shutil.copyfileobj(source, out)
