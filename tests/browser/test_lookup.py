"""The location lookup in real Chromium, driven by keyboard as a citizen would."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.site import i18n
from tests.browser.conftest import describe, run_axe

pytestmark = pytest.mark.browser

SOZIALAMT = "leistungen/hilfe-zum-lebensunterhalt/"
INPUT = "#sf-place-sozialamt"
ANSWER = "[data-sf-answer]"


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until ``selector`` has focus, as a keyboard user would."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} is not reachable with Tab")


def answer_text(page) -> str:
    page.wait_for_function(
        "(s) => document.querySelector(s).textContent.trim().length > 0", arg=ANSWER
    )
    return page.inner_text(ANSWER)


def test_northeim_postcode_shows_the_northeim_office(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    tab_to(page, INPUT)
    page.keyboard.type("37154")
    text = answer_text(page)
    assert "Zuständig für Northeim (Landkreis Northeim)" in text
    assert "Landkreis Northeim, Sozialhilfe" in text
    assert "Medenheimer Straße 6-8" in text
    # no source gives the hours: nothing invented, and where to ask
    assert i18n.LABELS["de"]["hours_unknown"] in text  # the page's own office card
    # announced to screen readers through the live region
    page.wait_for_function(
        "document.querySelector('[data-sf-status]').textContent.includes('Zuständig für Northeim')"
    )
    assert page.get_attribute("[data-sf-status]", "aria-live") == "polite"
    assert page.evaluate("document.activeElement.id") == INPUT[1:]  # typing keeps focus


def test_postcode_shared_by_jena_and_the_saale_holzland_kreis_asks(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    tab_to(page, INPUT)
    page.keyboard.type("07751")
    page.keyboard.press("Enter")
    page.wait_for_selector(".sf-lookup__choices button")
    assert "gehört zu mehreren Gemeinden" in page.evaluate("document.activeElement.textContent")
    choices = page.locator(".sf-lookup__choices button").all_inner_texts()
    assert "Jena – Stadt Jena" in choices and "Bucha – Saale-Holzland-Kreis" in choices
    tab_to(page, ".sf-lookup__choices li:nth-child(2) button")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(s) => document.querySelector(s).innerText.includes('Zuständig für Bucha')", arg=ANSWER
    )
    assert "Landratsamt Saale-Holzland-Kreis" in page.inner_text(ANSWER)
    # the answer's heading takes focus, so keyboard users are not left on a removed button
    assert page.evaluate("document.activeElement.tagName") == "H3"


def test_place_name_by_autocomplete(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    tab_to(page, INPUT)
    page.keyboard.type("noerten")  # without umlaut, as on many keyboards
    page.wait_for_selector("[role=listbox]:not([hidden]) [role=option]")
    assert page.get_attribute(INPUT, "aria-expanded") == "true"
    page.keyboard.press("ArrowDown")
    active = page.get_attribute(INPUT, "aria-activedescendant")
    assert page.get_attribute(f"#{active}", "aria-selected") == "true"
    assert page.inner_text(f"#{active}") == "Nörten-Hardenberg – Landkreis Northeim"
    page.keyboard.press("Enter")
    assert "Zuständig für Nörten-Hardenberg" in answer_text(page)
    assert page.get_attribute(INPUT, "aria-expanded") == "false"


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("abcde", "Einen Ort „abcde“ kennen wir nicht."),
        ("99999", "Die Postleitzahl 99999 kennen wir nicht."),
        ("123", "Bitte geben Sie eine Postleitzahl mit 5 Ziffern oder einen Ortsnamen ein."),
    ],
)
def test_invalid_input_gets_a_message_and_the_fallback(page, base_url, typed, message):
    page.goto(base_url + SOZIALAMT)
    tab_to(page, INPUT)
    page.keyboard.type(typed)
    page.keyboard.press("Enter")
    text = answer_text(page)
    assert message in text
    assert "Behördennummer 115" in text and "Telefon: 115" in text


def test_geolocation_picks_the_nearest_place(browser, base_url: str):
    context = browser.new_context(
        geolocation={"latitude": 51.66, "longitude": 9.62}, permissions=["geolocation"]
    )
    page = context.new_page()
    try:
        page.goto(base_url + SOZIALAMT)
        tab_to(page, "[data-sf-locate]")
        page.keyboard.press("Enter")
        text = answer_text(page)
        assert "Nächster Ort zu Ihrem Standort: Uslar." in text
        assert "Zuständig für Uslar (Landkreis Northeim)" in text
    finally:
        context.close()


def test_no_axe_violations_with_the_lookup_open_and_answered(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    page.click(INPUT)
    page.keyboard.type("Je")
    page.wait_for_selector("[role=listbox]:not([hidden]) [role=option]")
    assert run_axe(page) == [], "suggestions open"
    page.keyboard.press("Escape")
    page.fill(INPUT, "")
    page.keyboard.type("07751")
    page.keyboard.press("Enter")
    page.wait_for_selector(".sf-lookup__choices button")
    assert run_axe(page) == [], "asking which municipality"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    answer_text(page)
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_remembered_place_preselects_other_services_and_can_be_forgotten(page, base_url):
    page.goto(base_url + SOZIALAMT)
    page.click(INPUT)
    page.keyboard.type("37154")
    answer_text(page)
    page.goto(base_url + "leistungen/kommunale-eingliederungsleistungen/")
    text = answer_text(page)
    assert "Ihr gespeicherter Ort: Northeim" in text
    assert "Jobcenter für den Landkreis Northeim" in text
    assert page.evaluate("document.cookie") == ""  # localStorage, never a cookie
    page.get_by_role("button", name="Gespeicherten Ort vergessen").click()
    assert page.evaluate("localStorage.getItem('servicefinder.place')") is None
    page.reload()
    assert page.inner_text(ANSWER).strip() == ""


def test_find_my_offices_lists_every_service(page, base_url: str):
    page.goto(base_url + "meine-stellen/")
    page.click("#sf-place-alle")
    page.keyboard.type("37154")
    text = answer_text(page)
    for line in [
        "Kommunale Eingliederungsleistungen beantragen: Jobcenter für den Landkreis Northeim",
        "Hilfe zum Lebensunterhalt beantragen: Landkreis Northeim, Sozialhilfe",
    ]:
        assert line in text


def test_example_project_without_javascript_every_office_is_listed(
    browser, base_url: str, site_dir: Path
):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + SOZIALAMT)
        assert not page.is_visible(".sf-lookup")
        offices = page.locator(
            "section[aria-labelledby=zustaendig] .sf-authority__name"
        ).all_inner_texts()
        # one entry per office responsible somewhere, as the open-data feed lists them
        feed = json.loads((site_dir / "data/servicefinder.json").read_text(encoding="utf-8"))
        service = next(s for s in feed["services"] if SOZIALAMT.endswith(f"/{s['id']}/"))
        responsible = {r["authority"] for r in service["responsible_authorities"]}
        assert len(offices) == len(responsible) >= 2
        assert any("Saale-Holzland" in o for o in offices)
        areas = page.locator("section[aria-labelledby=zustaendig] .sf-area").all_inner_texts()
        assert "Zuständig für: Landkreis Northeim" in areas
    finally:
        context.close()


def _hold_lookup_script(page) -> list:
    """Hold every request for lookup.js until the test lets it go (``route.continue_()``),
    so what the citizen does first surely happens before the script has arrived."""
    held: list = []
    page.route("**/assets/lookup.*.js", lambda route: held.append(route))
    return held


def _release(page, held: list) -> None:
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(20)
    assert len(held) == 1, "the lookup's script was not asked for"
    held[0].continue_()


def test_the_lookup_script_is_fetched_only_when_the_lookup_is_used(page, base_url: str):
    held = _hold_lookup_script(page)
    page.goto(base_url + SOZIALAMT, wait_until="networkidle")
    assert held == []  # a visit that does not use the lookup does not fetch it
    assert page.is_visible(INPUT)  # but the form is there to use
    tab_to(page, INPUT)
    _release(page, held)
    page.wait_for_selector("[data-sf-lookup][data-sf-ready]", state="attached")


def test_a_submit_before_the_script_has_arrived_is_answered(page, base_url: str):
    held = _hold_lookup_script(page)
    page.goto(base_url + SOZIALAMT)
    tab_to(page, INPUT)  # focus asks for the script, which is held back
    page.keyboard.type("37154")
    page.keyboard.press("Enter")
    assert page.get_attribute("[data-sf-lookup]", "data-sf-ready") is None
    assert page.get_attribute("[data-sf-lookup]", "data-sf-queued") == "submit"
    _release(page, held)
    text = answer_text(page)
    assert "Zuständig für Northeim (Landkreis Northeim)" in text
    assert page.url == base_url + SOZIALAMT  # the form was not sent
    # an explicit submit moves focus to the answer, as it does when the script was there
    assert page.evaluate("document.activeElement.tagName") == "H3"


def test_use_my_location_before_the_script_has_arrived_is_answered(browser, base_url: str):
    context = browser.new_context(
        geolocation={"latitude": 51.66, "longitude": 9.62}, permissions=["geolocation"]
    )
    page = context.new_page()
    try:
        held = _hold_lookup_script(page)
        page.goto(base_url + SOZIALAMT)
        tab_to(page, "[data-sf-locate]")
        page.keyboard.press("Enter")
        assert page.get_attribute("[data-sf-lookup]", "data-sf-queued") == "locate"
        _release(page, held)
        text = answer_text(page)
        assert "Nächster Ort zu Ihrem Standort: Uslar." in text
    finally:
        context.close()
