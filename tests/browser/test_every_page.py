"""Every page of the example site, visited once, with every check that needs no other
browser settings; one test a language, so two workers share the pages.

On each page, at 1,280 px: the page's language and direction, and on a translated page no
text of another language without its lang (a small identifier,
:data:`tests.browser.test_languages.IDENTIFY`);
axe-core (WCAG 2.2 AA and best practices; its results, rules passed and to review too,
kept in ``test-artifacts/axe-report-<language>.json``); the heading outline and the
semantics assistive technology meets; the reading column's line length; then the page
reflowed at 1,280, 640 and 320 CSS px (1,280 px at 100, 200 and 400 % zoom): nothing cut
off, nothing scrolling sideways. Focus (real Tab presses: always visible, never trapped)
is walked on one page of each kind (:func:`focus_sample`): where it goes is the template's
and the scripts' doing, the same on every page of a kind.

Each check also fails on a page broken on purpose: tests/browser/test_accessibility.py,
test_languages.py, test_face.py and test_pages.py.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest
import yaml

from generator.content import routes
from generator.site import i18n
from tests.browser.a11y_checks import (
    focus_problems,
    outline_problems,
    reflow_problems,
    semantics_problems,
)
from tests.browser.conftest import axe_results, describe
from tests.browser.test_face import LINE_LENGTHS
from tests.browser.test_languages import IDENTIFY
from tests.browser.test_pages import KEY_PAGES, all_pages
from tests.helpers import REPO

pytestmark = pytest.mark.browser

CONTENT = REPO / "content"
LANGUAGES = tuple(yaml.safe_load((CONTENT / "site.yaml").read_text("utf-8"))["languages"])
#: what a page that names a service or an office is, whichever it names
NAMED = {
    "service": {p.name.split(".")[0] for p in (CONTENT / "services").glob("*.yaml")},
    "office": {p.stem for p in (CONTENT / "authorities").glob("*.yaml")},
}
#: the page a missing address gets, checked with the pages of the source language
NOT_FOUND = "404.html"


def language_of(url: str) -> str:
    """The language of a page, by its address (the source language has no prefix)."""
    for lang in LANGUAGES:
        prefix = routes.segments(lang).prefix
        if prefix and url.startswith(prefix):
            return lang
    return LANGUAGES[0]


def kind_of(url: str) -> tuple[str, str | None]:
    """A page's kind: its address with the service or office it names left out, and which
    of the two it names (None for a page of its own)."""
    parts = url.strip("/").split("/")
    for family, names in NAMED.items():
        if any(part in names for part in parts):
            return "/".join("*" if part in names else part for part in parts), family
    return url, None


def focus_sample(pages: list[str]) -> list[str]:
    """One page of each kind. Pages naming a service or an office take turns by kind, so
    across the languages and variants every service's page is walked at least once."""
    kinds: dict[str, list[str]] = {}
    families: dict[str, str | None] = {}
    for url in sorted(pages):
        kind, family = kind_of(url)
        kinds.setdefault(kind, []).append(url)
        families[kind] = family
    turn = dict.fromkeys(NAMED, 0)
    sample = []
    for kind, members in sorted(kinds.items()):
        family = families[kind]
        if family is None:
            sample.append(members[0])
        else:
            sample.append(members[turn[family] % len(members)])
            turn[family] += 1
    return sorted(sample)


def test_the_focus_sample_has_every_kind_and_every_service(site_dir: Path):
    pages = [u.lstrip("/") for u in all_pages(site_dir)]
    sample = focus_sample(pages)
    assert {kind_of(u)[0] for u in sample} == {kind_of(u)[0] for u in pages}
    walked = {part for url in sample for part in url.split("/")}
    assert NAMED["service"] <= walked, NAMED["service"] - walked
    assert len(sample) < len(pages)


def visit(page, url: str, lang: str, focus: bool) -> tuple[dict, list[str], list[int]]:
    """One page, every check: axe's results, the problems found, the line lengths."""
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(url)
    assert response is not None and response.status in (200, 404), url
    problems = []
    direction = i18n.DIRECTION[lang]
    said = page.evaluate(
        "[document.documentElement.lang, document.documentElement.dir,"
        " getComputedStyle(document.body).direction]"
    )
    if said != [lang, direction, direction]:
        problems.append(f"lang, dir, direction are {said}, not {lang} {direction}")
    if lang != LANGUAGES[0]:  # source-language pages: test_languages.py, four of them
        problems += page.evaluate(IDENTIFY)
    axe = axe_results(page)
    problems += outline_problems(page) + semantics_problems(page)
    if focus:
        problems += focus_problems(page)
    lengths = page.evaluate(LINE_LENGTHS)
    for width in (1280, 640, 320):
        page.set_viewport_size({"width": width, "height": 900})
        problems += [f"at {width} px: {p}" for p in reflow_problems(page)]
    sideways = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    if sideways > 0:
        problems.append(f"at 320 px the page scrolls sideways by {sideways} px")
    return axe, problems, lengths


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_in_one_visit(page, site_dir: Path, base_url: str, lang: str):
    pages = [u.lstrip("/") for u in all_pages(site_dir)]
    assert len(pages) >= 30 and all(u in pages for u in KEY_PAGES.values())
    walked = set(focus_sample(pages))
    mine = [u for u in pages if language_of(u) == lang]
    if lang == LANGUAGES[0]:
        mine.append(NOT_FOUND)
    assert len(mine) >= 6
    found, violations, report, medians = {}, {}, {}, {}
    for url in mine:
        axe, problems, lengths = visit(page, base_url + url, lang, focus=url in walked)
        report[url] = {**axe, "violations": len(axe["violations"])}
        if axe["violations"]:
            violations[url] = axe["violations"]
        if problems:
            found[url] = problems
        if len(lengths) >= 3:
            medians[url] = statistics.median(lengths)
    out = REPO / "test-artifacts" / f"axe-report-{lang}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(report, indent=1, sort_keys=True), encoding="utf-8")
    assert violations == {}, describe(violations)
    assert all(len(r["passes"]) > 10 for r in report.values())
    assert found == {}
    # the reading column holds 60 to 75 characters a line (the median of each page's full
    # lines, on pages with long paragraphs: services, the accessibility statement)
    print(f"\nmedian characters per full line ({lang}):", medians)
    assert len(medians) >= 4, medians
    assert {url: m for url, m in medians.items() if not 60 <= m <= 75} == {}
