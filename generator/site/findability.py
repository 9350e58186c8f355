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
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol
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


def sitemap_xml(pages: Iterable[_Page], site_url: str, source: str) -> str:
    """Every public page with its language versions, sorted by address."""
    base = base_url(site_url)
    public = sorted((p for p in pages if p.search), key=lambda p: p.url)
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ]
    for page in public:
        out.append(f"<url><loc>{escape(base + page.url)}</loc>")
        out += [
            f'<xhtml:link rel="alternate" hreflang="{lang}" href="{escape(base + url)}"/>'
            for lang, url in hreflang(page.lang, page.url, page.alternates, source)
        ]
        out.append("</url>")
    out.append("</urlset>")
    return "\n".join(out) + "\n"


def write_sitemap(
    site_dir: Path, pages: Iterable[_Page], site_url: str | None, source: str
) -> bool:
    """Replace the engine's sitemap with ours; without ``site_url`` remove it (it would
    list no page). Returns whether a sitemap was written."""
    targets = [site_dir / SITEMAP, site_dir / f"{SITEMAP}.gz"]
    if not site_url:
        for path in targets:
            path.unlink(missing_ok=True)
        return False
    text = sitemap_xml(pages, site_url, source)
    targets[0].write_text(text, encoding="utf-8", newline="\n")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    with gzip.GzipFile(targets[1], "wb", mtime=epoch) as out:
        out.write(text.encode("utf-8"))
    return True
