"""Every interactive state checked as a citizen meets it: axe and the heading outline after
a search and after opening a disclosure; forced colours on the place suggestions and the
disclosures; the search count announced once typing pauses; the WCAG 1.4.12 text-spacing
overrides at 320 px; 16 px text and controls. Each check also runs on a page broken on
purpose, where it must report the breakage."""

from __future__ import annotations

import pytest

from tests.browser.a11y_checks import outline_problems, reflow_problems
from tests.browser.conftest import describe, run_axe
from tests.browser.state_checks import (
    disclosure_marker_problems,
    live_region_changes,
    selected_option_problems,
    skip_link_problems,
    small_text_problems,
    text_spacing_problems,
    watch_live_regions,
)

pytestmark = pytest.mark.browser

SOZIALAMT = "leistungen/hilfe-zum-lebensunterhalt/"
EASY = SOZIALAMT + "leichte-sprache/"
INPUT = "#sf-place-sozialamt"
LISTBOX = "#sf-place-sozialamt-options"
PAGES = [
    "",
    SOZIALAMT,
    EASY,
    "en/services/hilfe-zum-lebensunterhalt/",
    "ar/services/hilfe-zum-lebensunterhalt/",
    "suche/",
    "meine-stellen/",
    "behoerden/stadt-jena-sozialamt/",
    "redaktion/",
]


def _clean(page) -> None:
    assert outline_problems(page) == []
    violations = run_axe(page)
    assert violations == [], describe(violations)


# --- after a search, after a disclosure ------------------------------------------------


def test_after_a_search(page, base_url: str):
    page.goto(base_url + "suche/")
    page.wait_for_selector(".sf-search--ready")
    page.fill("#sf-q", "Sozialhilfe")
    page.press("#sf-q", "Enter")
    page.wait_for_selector("[data-sf-results] a")
    _clean(page)
    page.fill("#sf-q", "Zwulpfark")  # a made-up word: the empty state with its headings
    page.press("#sf-q", "Enter")
    page.wait_for_selector("[data-sf-empty]:not([hidden])")
    assert page.locator("[data-sf-results] a").count() == 0
    _clean(page)


def test_after_opening_each_disclosure(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    summaries = page.locator(".sf-page details:not([open]) > summary")
    assert summaries.count() >= 1  # the history of amounts
    for i in range(summaries.count()):
        page.locator(".sf-page details > summary").nth(i).click()
    _clean(page)


def test_each_history_toggle_is_named_after_its_amount(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    names = page.locator(".sf-amount__history > summary").all_inner_texts()
    assert names and all(n.startswith("Frühere Beträge: ") for n in names), names
    assert len(set(names)) == len(names), names  # no two toggles named alike


# --- forced colours ---------------------------------------------------------------------


def _suggestions(page) -> None:
    page.goto(base_url_of(page) + SOZIALAMT)
    page.focus(INPUT)
    page.keyboard.type("Nor")
    page.wait_for_selector(LISTBOX + " [role=option]:nth-child(2)")
    page.keyboard.press("ArrowDown")


def base_url_of(page) -> str:
    return page.url.split("/", 3)[0] + "//" + page.url.split("/", 3)[2] + "/"


def test_forced_colours_selected_suggestion_stands_out(page, base_url: str):
    page.goto(base_url)
    page.emulate_media(forced_colors="active")
    _suggestions(page)
    assert selected_option_problems(page, LISTBOX) == []
    _clean(page)


def test_forced_colours_check_finds_a_selection_that_looks_like_the_rest(page, base_url: str):
    page.goto(base_url)
    page.emulate_media(forced_colors="active")
    _suggestions(page)
    page.add_style_tag(
        content="""@media (forced-colors: active) { .sf-combobox [role=option] {
        forced-color-adjust: auto !important; outline: none !important;
        background: Canvas !important; color: CanvasText !important; } }"""
    )
    assert selected_option_problems(page, LISTBOX) == ["the selected option looks like the others"]


def test_forced_colours_disclosure_markers(page, base_url: str):
    page.emulate_media(forced_colors="active")
    page.goto(base_url + SOZIALAMT)
    assert page.locator(".sf-page details").count() >= 2
    assert disclosure_marker_problems(page) == []
    # Material's marker (a masked background) is what vanishes in forced colours
    page.add_style_tag(content=".sf-page details > summary::before { content: none !important; }")
    assert len(disclosure_marker_problems(page)) == page.locator(".sf-page details").count()


# --- the search count -------------------------------------------------------------------


def test_search_count_is_announced_once_typing_pauses(page, base_url: str):
    page.goto(base_url + "suche/")
    page.wait_for_selector(".sf-search--ready")
    watch_live_regions(page)
    page.focus("#sf-q")
    page.keyboard.type("Sozialhilfe", delay=120)  # a steady typist: no pause in the word
    page.wait_for_timeout(1500)
    said = live_region_changes(page)
    assert len(said) == 1, said
    assert "Sozialhilfe" in said[0]


def test_count_check_finds_announcements_on_every_key(page, base_url: str):
    page.goto(base_url + "suche/")
    page.wait_for_selector(".sf-search--ready")
    # broken on purpose: a second live region that follows the results on every key
    page.evaluate("""() => {
        const echo = document.createElement('p');
        echo.setAttribute('aria-live', 'polite');
        document.querySelector('[data-sf-count]').after(echo);
        new MutationObserver(() => {
            echo.textContent = document.querySelectorAll('[data-sf-results] li').length + ' hits';
        }).observe(document.querySelector('[data-sf-results]'), {childList: true});
    }""")
    watch_live_regions(page)
    page.focus("#sf-q")
    page.keyboard.type("Sozialhilfe", delay=120)
    page.wait_for_timeout(1500)
    assert len(live_region_changes(page)) > 1


# --- text spacing at 320 px, 16 px minimum -----------------------------------------------


@pytest.fixture
def narrow(tab):
    return tab.fresh({"width": 320, "height": 640})


@pytest.mark.parametrize("path", PAGES)
def test_text_spacing_at_320_px_keeps_the_page_in_its_width(narrow, base_url: str, path: str):
    narrow.goto(base_url + path)
    assert text_spacing_problems(narrow) == []


def test_text_spacing_check_finds_a_header_that_sticks_out(narrow, base_url: str):
    narrow.goto(base_url + SOZIALAMT)
    narrow.add_style_tag(content=".sf-header__search { min-width: 340px !important; }")
    assert reflow_problems(narrow) != []


@pytest.mark.parametrize("path", PAGES)
def test_text_and_controls_are_at_least_16_px(page, base_url: str, path: str):
    page.goto(base_url + path)
    assert small_text_problems(page) == []
    assert skip_link_problems(page) == []


def test_size_check_finds_small_labels(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    page.add_style_tag(content=".sf-note, .sf-skip { font-size: 12.8px !important; }")
    assert small_text_problems(page) != []
    assert skip_link_problems(page) == ["skip link is 12.8 px"]


# --- without JavaScript --------------------------------------------------------------


def dead_controls(page) -> list[str]:
    """Form controls a reader sees in the content: without script none of them could work."""
    return page.eval_on_selector_all(
        ".sf-page input, .sf-page button",
        "els => els.filter(e => e.getClientRects().length).map(e => e.outerHTML.slice(0, 60))",
    )


@pytest.fixture
def no_script(browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    yield page
    context.close()


def test_search_without_script_offers_what_works(no_script, base_url: str):
    no_script.goto(base_url + "suche/?q=Sozialhilfe")
    assert dead_controls(no_script) == []
    links = no_script.eval_on_selector_all(
        ".sf-search noscript a",
        "as => as.filter(a => a.getClientRects().length).map(a => a.textContent.trim())",
    )
    assert links == ["Alle Leistungen von A bis Z", "Leistungen nach Lebenslage"], links
    # broken on purpose: the form shown without script
    no_script.evaluate("document.querySelector('.sf-search__form').hidden = false")
    assert len(dead_controls(no_script)) >= 2
