"""Lists long enough to go on over pages, in real Chromium: a synthetic site of 130 services
in German and English (bench/synthetic.py), whose topic, easy-language and office lists
have two or three pages. axe, the heading outline, landmarks, focus and reflow on each kind
of list page, the page navigation by keyboard, valid HTML, and every list page of the
built site (frame included) under 14 KB brotli."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.synthetic import make_project
from tests.browser.a11y_checks import (
    focus_problems,
    outline_problems,
    reflow_problems,
    semantics_problems,
)
from tests.browser.conftest import describe, local_page, run_axe, served
from tests.helpers import build_in_process
from tests.test_html_validity import vnu

pytestmark = pytest.mark.browser

#: more than one page of a topic (its last page too), the easy-language list, an office's
#: services, an English topic, and the pages that lead to them
PAGES = [
    "",
    "themen/",
    "themen/wohnen/",
    "themen/wohnen/seite-2/",
    "leistungen/",
    "leichte-sprache/seite-2/",
    "leichte-sprache/seite-3/",
    "behoerden/stadt-jena-eingliederungshilfe/",
    "behoerden/stadt-jena-eingliederungshilfe/leistungen/seite-2/",
    "en/",
    "en/topics/wohnen/page-2/",
    "en/easy-read/page-2/",
]


@pytest.fixture(scope="module")
def long_lists(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("lists") / "project", 130)
    return build_in_process(project, strict=False)


@pytest.fixture(scope="module")
def lists_url(long_lists: Path) -> Iterator[str]:
    with served(long_lists) as url:
        yield url


@pytest.fixture
def page(browser, lists_url: str):
    """A fresh page that may load from this site only."""
    with local_page(browser, lists_url) as page:
        yield page


def test_list_pages_pass_axe_and_the_other_checks(page, long_lists: Path, lists_url: str):
    assert all((long_lists / url / "index.html").is_file() for url in PAGES)
    failures, found = {}, {}
    for url in PAGES:
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(lists_url + url)
        violations = run_axe(page)
        if violations:
            failures[url] = violations
        problems = outline_problems(page) + semantics_problems(page) + focus_problems(page)
        for width in (640, 320):
            page.set_viewport_size({"width": width, "height": 800})
            problems += [f"at {width} px: {p}" for p in reflow_problems(page)]
        if problems:
            found[url] = problems
    assert failures == {}, describe(failures)
    assert found == {}


def test_the_next_page_by_keyboard(page, lists_url: str):
    page.goto(lists_url + "themen/wohnen/")
    nav = page.get_by_role("navigation", name="Seiten der Liste")
    assert nav.locator("[aria-current=page]").text_content() == "Seite 1"
    nav.get_by_role("link", name="Nächste Seite").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/themen/wohnen/seite-2/")
    assert page.inner_text("h1").startswith("Wohnen – Seite 2 von ")
    assert page.title().startswith("Wohnen – Seite 2 von ")
    # each place in the navigation is a target of at least 44 by 44 CSS pixels
    for box in page.locator(".sf-pages :is(a, [aria-current])").evaluate_all(
        "els => els.map(e => e.getBoundingClientRect()).map(r => [r.width, r.height])"
    ):
        assert box[0] >= 44 and box[1] >= 44, box
    page.get_by_role("link", name="Vorige Seite").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/themen/wohnen/")


def test_list_pages_are_valid_html(long_lists: Path):
    result = vnu(*(long_lists / url / "index.html" for url in PAGES))
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def test_every_built_list_page_is_one_round_trip(long_lists: Path):
    """The pages as the server sends them: the build's brotli copies, frame included
    (every page but the services' own and the editors' table)."""
    sizes = {}
    for copy in long_lists.rglob("index.html.br"):
        url = copy.parent.relative_to(long_lists).as_posix() + "/"
        service = url.startswith(("leistungen/", "en/services/")) and url != "leistungen/"
        if not service and url != "redaktion/":
            sizes[url] = copy.stat().st_size
    assert len(sizes) > 40 and "themen/wohnen/seite-2/" in sizes
    assert {url: size for url, size in sizes.items() if size > 14 * 1024} == {}
