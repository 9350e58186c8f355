"""Accessibility beyond axe, in real Chromium: colour modes, print, phones, keyboard paths;
each check of a visit to every page (test_every_page.py) is also shown here to fail on a
deliberately broken page."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.browser.a11y_checks import (
    focus_problems,
    outline_problems,
    print_problems,
    reflow_problems,
    semantics_problems,
)
from tests.browser.conftest import describe, run_axe
from tests.browser.test_lookup import answer_text, tab_to
from tests.browser.test_pages import KEY_PAGES

pytestmark = pytest.mark.browser
SERVICE = KEY_PAGES["service"]


@pytest.mark.parametrize("mode", ["dark", "forced-colors", "reduced-motion"])
def test_contrast_in_dark_and_forced_colours(browser, base_url: str, mode: str):
    options = {
        "dark": {"color_scheme": "dark"},
        "forced-colors": {"forced_colors": "active"},
        "reduced-motion": {"reduced_motion": "reduce"},
    }[mode]
    context = browser.new_context(**options)
    page = context.new_page()
    try:
        failures = {}
        for url in KEY_PAGES.values():
            page.goto(base_url + url)
            violations = run_axe(page)
            if violations:
                failures[url] = violations
            if mode == "forced-colors":  # focus stays visible when colours are forced
                assert focus_problems(page) == [], url
        assert failures == {}, describe(failures)
        if mode == "reduced-motion":
            duration = page.evaluate(
                "getComputedStyle(document.querySelector('a')).transitionDuration"
            )
            assert duration == "0s"
    finally:
        context.close()


def test_service_page_prints_as_a_checklist(page, base_url: str):
    page.goto(base_url + SERVICE)
    assert print_problems(page) == []


def test_lookup_answer_leads_to_the_authority_page_by_keyboard(page, base_url: str):
    page.goto(base_url + SERVICE)
    tab_to(page, "#sf-place-sozialamt")
    page.keyboard.type("37154")
    answer_text(page)
    tab_to(page, "[data-sf-answer] .sf-authority h4 a")
    page.keyboard.press("Enter")
    page.wait_for_url("**/behoerden/landkreis-northeim-sozialamt/")
    assert "Landkreis Northeim" in page.inner_text("h1")


# --- each check fails on a deliberately broken page ---------------------------------------

BROKEN = {
    "reflow": ("<p style='width:2000px'>Ein sehr breiter Absatz</p>", reflow_problems),
    "outline": ("<h4>Übersprungene Ebenen</h4>", outline_problems),
    "semantics": (
        "<a href='#'>hier</a><li>lose</li><table><tr><td>x</td></tr></table>",
        semantics_problems,
    ),
    "focus-invisible": (
        "<style>#sf-bad:focus-visible{outline:none!important;"
        "box-shadow:none!important}</style><a id='sf-bad' href='#'>x</a>",
        focus_problems,
    ),
    "print": ("<style>@media print{.md-header{display:block!important}}</style>", print_problems),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_each_check_fails_on_a_broken_page(page, base_url: str, name: str):
    markup, check = BROKEN[name]
    page.goto(base_url + SERVICE)
    page.evaluate("(m) => document.querySelector('h1').insertAdjacentHTML('afterend', m)", markup)
    assert check(page) != []


def test_focus_trap_is_found(page, base_url: str):
    page.goto(base_url + SERVICE)
    page.evaluate("""() => {
        document.querySelector('h1').insertAdjacentHTML('afterend', '<a id="falle" href="#">Falle</a>');
        const trap = document.getElementById('falle');
        trap.addEventListener('keydown', e => { if (e.key === 'Tab') e.preventDefault(); });
    }""")
    assert any("stuck" in p for p in focus_problems(page))


def test_dashboard_table_sorts_by_keyboard_and_says_so(page, base_url: str, site_dir: Path):
    page.goto(base_url + "redaktion/")
    assert page.get_attribute("meta[name=robots]", "content") == "noindex"
    tab_to(page, "th:nth-child(1) .sf-sort")
    page.keyboard.press("Enter")
    assert page.get_attribute("th:nth-child(1)", "aria-sort") == "ascending"
    titles = page.locator("table.sf-sortable tbody td:first-child").all_inner_texts()
    # one row per service of the site, as its open-data feed lists them
    feed = json.loads((site_dir / "data/servicefinder.json").read_text(encoding="utf-8"))
    assert sorted(titles) == sorted(s["title"] for s in feed["services"])
    assert titles == sorted(titles) and len(titles) >= 2
    page.keyboard.press("Enter")
    assert page.get_attribute("th:nth-child(1)", "aria-sort") == "descending"
    assert page.locator("table.sf-sortable tbody td:first-child").all_inner_texts() == sorted(
        titles, reverse=True
    )


@pytest.mark.parametrize("width", [320, 412])
def test_no_axe_violations_on_a_phone(browser, base_url: str, width: int):
    """Phone widths wrap the header links onto several lines: targets must stay 24 px apart
    (WCAG 2.2, 2.5.8), which axe's target-size rule checks only where they are laid out."""
    context = browser.new_context(
        viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    try:
        found = {}
        for url in KEY_PAGES.values():
            page.goto(base_url + url)
            violations = run_axe(page)
            if violations:
                found[url] = describe(violations)
        assert found == {}
    finally:
        context.close()
