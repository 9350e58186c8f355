"""hreflang: with ``site_url`` set, every page's head lists its language versions, each of
those versions lists exactly the same set (reciprocal, home pages included), ``x-default``
names the source language's version, and the sitemap says the same as the heads."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.content import routes
from generator.site.findability import hreflang
from generator.site.render import Alternate
from tests.helpers import build_in_process
from tests.project_fixture import FURTHER_LANGUAGES, languages_project

#: builds a whole site once for the module: make test only, not make check
pytestmark = pytest.mark.slow

SITE_URL = "https://example.org/sf/"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    project = languages_project(tmp_path_factory.mktemp("hreflang"))
    mkdocs = project / "mkdocs.yml"
    mkdocs.write_text(mkdocs.read_text() + f"\nsite_url: {SITE_URL}\n")
    return build_in_process(project, use_cache=False)


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.alternates: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and a.get("rel") == "alternate" and "hreflang" in a:
            self.alternates.add((a["hreflang"], a["href"]))


def heads(site: Path) -> dict[str, set[tuple[str, str]]]:
    """Every page's absolute URL -> its head's hreflang links."""
    out = {}
    for path in sorted(site.rglob("index.html")):
        parser = _Head()
        parser.feed(path.read_text(encoding="utf-8"))
        url = SITE_URL + path.parent.relative_to(site).as_posix() + "/"
        out[url.replace(f"{SITE_URL}./", SITE_URL)] = parser.alternates
    return out


def sitemap(site: Path) -> dict[str, set[tuple[str, str]]]:
    text = (site / "sitemap.xml").read_text(encoding="utf-8")
    out = {}
    for entry in re.findall(r"<url>(.*?)</url>", text, re.S):
        loc = re.search(r"<loc>(.*?)</loc>", entry)
        assert loc
        out[loc.group(1)] = set(re.findall(r'hreflang="([^"]+)" href="([^"]+)"', entry))
    return out


def reciprocity_problems(pages: dict[str, set[tuple[str, str]]]) -> list[str]:
    """Each version a page names must exist and name exactly the same versions; x-default
    must be one of them."""
    problems = []
    for url, links in pages.items():
        if not links:
            continue
        versions = {href for code, href in links if code != "x-default"}
        if url not in versions:
            problems.append(f"{url}: does not list itself")
        defaults = [href for code, href in links if code == "x-default"]
        if len(defaults) != 1 or defaults[0] not in versions:
            problems.append(f"{url}: x-default {defaults}")
        for other in versions - {url}:
            if pages.get(other) != links:
                problems.append(f"{url} -> {other}: not reciprocal ({pages.get(other)})")
    return problems


def test_every_page_lists_its_versions_reciprocally_with_x_default(site: Path):
    pages = heads(site)
    assert reciprocity_problems(pages) == []
    home = pages[SITE_URL]
    # the home pages pair with each other: each language's start, not its list of services
    assert ("de", SITE_URL) in home and ("x-default", SITE_URL) in home
    for lang in ("en", *FURTHER_LANGUAGES):
        assert (lang, SITE_URL + routes.home(lang)) in home
        assert pages[SITE_URL + routes.home(lang)] == home
    with_links = [u for u, links in pages.items() if links]
    assert len(with_links) >= 20


def test_the_sitemap_says_what_the_heads_say(site: Path):
    pages, listed = heads(site), sitemap(site)
    assert listed, "no sitemap"
    for url, links in listed.items():
        assert pages[url] == links, url
    assert reciprocity_problems(listed) == []


def test_a_one_sided_link_is_found():
    """The check itself: a page whose version does not point back is reported."""
    a, b = SITE_URL + "a/", SITE_URL + "en/a/"
    both = {("de", a), ("en", b), ("x-default", a)}
    assert reciprocity_problems({a: both, b: both}) == []
    assert reciprocity_problems({a: both, b: {("en", b), ("de", SITE_URL)}})


def test_a_nearest_page_is_no_version():
    """An easy page whose other language has no easy page links that language's full
    page in the switch, but not as an hreflang version."""
    near = Alternate("en", "en/services/x/", "English", same=False)
    twin = Alternate("uk", "uk/services/x/easy-read/", "Українська")
    got = hreflang("de", "leistungen/x/leichte-sprache/", [near, twin], "de")
    assert ("en", "en/services/x/") not in got
    assert ("x-default", "leistungen/x/leichte-sprache/") in got
    assert hreflang("de", "leistungen/x/", [near], "de") == []
