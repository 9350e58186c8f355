"""The public-service face in real Chromium: on a phone (360 x 640) every service and easy
page, in every language, shows its title, the cost, the documents and the place field
itself on the first screen under a header of at most 64 px, also when the freshness notice
is there (and, on the same visit, test_answers.py's answers start within 1.5 screens); the
menu opens without script. At 1,280 px the reading column holds 60 to 75 characters a line
(:data:`LINE_LENGTHS`), and no page scrolls sideways at 320 px, the 404 page included: both
measured on the visit to every page in test_every_page.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.answers import ANSWERS, PHONE, answer_screens, service_pages
from tests.browser.test_answers import late_answers

pytestmark = pytest.mark.browser

HEADER_MAX = 64  # px at 360 px

#: the bottom edge of what must be on the first screen, in CSS px from the top
FIRST_SCREEN = """() => {
    const bottom = sel => {
        const el = document.querySelector(sel);
        if (!el || !el.getClientRects().length) return null;
        return Math.ceil(el.getBoundingClientRect().bottom + scrollY);
    };
    return {
        header: Math.ceil(document.querySelector('header.sf-header').offsetHeight),
        h1: bottom('h1'),
        cost: bottom('[data-sf-card="cost"]'),
        documents: bottom('[data-sf-card="documents"]'),
        place: bottom('.sf-answers [data-sf-lookup] input'),
    };
}"""

#: characters on each full line (every line of a paragraph but its last) of the first
#: five paragraphs of at least 300 characters in the page's reading column
LINE_LENGTHS = """() => {
    const column = document.querySelector('.sf-layout__main') || document.querySelector('.sf-page');
    const long = [...column.querySelectorAll('p')].filter(p => p.textContent.trim().length >= 300
        && p.getClientRects().length).slice(0, 5);
    const lengths = [];
    for (const p of long) {
        const lines = new Map();
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        const range = document.createRange();
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
                range.setStart(node, i); range.setEnd(node, i + 1);
                const rect = range.getClientRects()[0];
                if (!rect) continue;
                const top = Math.round(rect.top / 4);
                lines.set(top, (lines.get(top) || 0) + 1);
            }
        }
        const counts = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(e => e[1]);
        lengths.push(...counts.slice(0, -1));
    }
    return lengths;
}"""


@pytest.fixture
def stale_site(stale_build) -> tuple[Path, str]:
    """The example built on a day every text is past its review date: every page carries
    the freshness notice above the answers (the longest top a page can have)."""
    site, url, _ = stale_build
    return site, url


@pytest.fixture
def phone(tab):
    return tab.fresh(PHONE)


def first_screen_problems(page) -> list[str]:
    at = page.evaluate(FIRST_SCREEN)
    problems = [f"header is {at['header']} px high"] if at["header"] > HEADER_MAX else []
    for key in ("h1", "cost", "documents", "place"):
        if at[key] is None:
            problems.append(f"{key} missing")
        elif at[key] > PHONE["height"]:
            problems.append(f"{key} ends at {at[key]} px")
    return problems


@pytest.mark.parametrize("build", ["current", "stale"])
def test_phone_first_screen_answers_on_every_service_and_easy_page(phone, request, build: str):
    if build == "stale":
        site_dir, base_url = request.getfixturevalue("stale_site")
    else:
        site_dir = request.getfixturevalue("site_dir")
        base_url = request.getfixturevalue("base_url")
    pages = service_pages(site_dir)
    assert len(pages) >= 8, pages
    languages = {p.split("/")[0] for p in pages if p.split("/")[0] in ("en", "uk", "ar", "tr")}
    assert languages == {"en", "uk", "ar", "tr"}, pages  # every language of the example
    found, table = {}, []
    for path in pages:
        phone.goto(base_url + path)
        phone.wait_for_selector(".sf-answers [data-sf-lookup]:not([hidden])")
        if build == "stale":
            assert phone.locator(".sf-stale[role=note]").count() == 1, path
        screens = answer_screens(phone)
        table.append(f"{path:70} " + " ".join(f"{screens[k]}" for k in ANSWERS))
        if problems := first_screen_problems(phone) + late_answers(phone):
            found[path] = problems
    print(
        f"\n{build} build: answer start in screens (cost, documents, where):\n" + "\n".join(table)
    )
    assert found == {}


def test_first_screen_check_finds_a_tall_header(phone, base_url: str):
    phone.goto(base_url + "leistungen/hilfe-zum-lebensunterhalt/")
    phone.wait_for_selector(".sf-answers [data-sf-lookup]:not([hidden])")
    assert first_screen_problems(phone) == []
    phone.add_style_tag(content=".sf-header__inner { padding-block: 2rem !important; }")
    problems = first_screen_problems(phone)
    assert problems and problems[0].startswith("header is")


def test_menu_opens_without_script_and_is_open_on_a_desktop(browser, base_url: str):
    url = base_url + "en/services/hilfe-zum-lebensunterhalt/"
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(url)
        nav = page.locator(".sf-mainnav")
        assert nav.is_hidden() and page.locator("#sf-header-q").is_hidden()
        page.click(".sf-menu__button")
        assert nav.is_visible() and page.locator("#sf-header-q").is_visible()
        # the current language, named in itself, among the others
        current = page.locator(".sf-languages a[aria-current]")
        assert current.inner_text().strip().endswith("English")
        assert current.get_attribute("lang") == "en"
        page.set_viewport_size({"width": 1280, "height": 800})
        page.goto(url)
        assert nav.is_visible() and page.locator(".sf-menu__button").is_hidden()
    finally:
        context.close()
