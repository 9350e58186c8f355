"""Freshness a citizen can see, in real Chromium: the example site built on a day past
every service's review date says so near the top and under every amount ("Stand: ..."),
in German, English and both easy-language variants; built on the usual test day, it
does not."""

from __future__ import annotations

import pytest

from tests.browser.conftest import local_page

pytestmark = pytest.mark.browser


@pytest.fixture
def stale_url(stale_build) -> str:
    _, url, printed = stale_build
    assert "checked" in printed and "days ago" in printed  # the build says so
    return url


@pytest.fixture
def stale_page(browser, stale_url: str):
    """A page on the later build; nothing may leave that host either."""
    with local_page(browser, stale_url) as page:
        yield page


PAGES = [
    (
        "leistungen/eingliederungshilfe/",
        "Diese Seite ist nicht mehr aktuell geprüft.",
        "Die Angaben wurden zuletzt am 06.12.2026 geprüft.",
    ),
    (
        "en/services/eingliederungshilfe/",
        "This page has not been checked recently.",
        "The information was last checked on 6 December 2026.",
    ),
    (
        "leistungen/eingliederungshilfe/leichte-sprache/",
        "Achtung: Diese Seite ist alt.",
        "Wir haben die Seite zuletzt am 06.12.2026 geprüft.",
    ),
    (
        "en/services/eingliederungshilfe/easy-read/",
        "Please note: this page is old.",
        "We last checked this page on 6 December 2026.",
    ),
]


@pytest.mark.parametrize(("path", "title", "words"), PAGES)
def test_a_stale_page_says_so_near_the_top(stale_page, stale_url: str, path, title, words):
    page = stale_page
    page.goto(stale_url + path)
    notice = page.locator(".sf-stale[role=note]")
    assert notice.count() == 1
    text = notice.inner_text()
    assert title in text and words in text
    # near the top: before the first section heading of the content
    first_h2 = page.locator("main h2, article h2").first
    assert notice.bounding_box()["y"] < first_h2.bounding_box()["y"]


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("leistungen/eingliederungshilfe/", "Stand: 06.12.2026"),
        ("en/services/eingliederungshilfe/", "As of 6 December 2026"),
    ],
)
def test_every_amount_on_a_stale_page_carries_the_notice(stale_page, stale_url, path, words):
    """Each amount says when it was last checked in a line of its own; the page's one
    notice (above) says what that means: one box per page, not one per amount."""
    page = stale_page
    page.goto(stale_url + path)
    amounts = page.locator(".sf-amount")
    assert amounts.count() >= 1
    for i in range(amounts.count()):
        assert words in amounts.nth(i).locator(".sf-amount__as-of").inner_text()
    assert page.locator(".sf-amount .sf-stale").count() == 0


@pytest.mark.parametrize("path", [p for p, _, _ in PAGES])
def test_a_page_within_its_review_interval_has_no_notice(page, base_url: str, path):
    page.goto(base_url + path)
    assert page.locator(".sf-stale[role=note]").count() == 0
    assert page.locator("footer.sf-meta time").count() >= 1  # last checked, always
