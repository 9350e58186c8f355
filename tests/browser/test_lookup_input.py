"""The lookup with what citizens actually type (issue 24), in real Chromium by keyboard:
postcodes with spaces, a country prefix or the place name, names without umlauts or
hyphens or status words, Enter without choosing, and answers that go when the input
changes."""

from __future__ import annotations

import re

import pytest

from tests.browser.test_lookup import ANSWER, INPUT, SOZIALAMT, answer_text, tab_to

pytestmark = pytest.mark.browser

NORTHEIM = "Zuständig für Northeim (Landkreis Northeim)"


def type_into_lookup(page, base_url: str, text: str) -> None:
    page.goto(base_url + SOZIALAMT)
    tab_to(page, INPUT)
    page.keyboard.type(text)


def wait_for_answer(page, words: str) -> str:
    page.wait_for_function(
        "([s, w]) => document.querySelector(s).innerText.includes(w)", arg=[ANSWER, words]
    )
    return page.inner_text(ANSWER)


def status(page) -> str:
    return page.inner_text("[data-sf-status]")


@pytest.mark.parametrize("typed", ["37 154", "D-37154", "37154 Northeim", "DE 37154"])
def test_postcode_spellings_answer_while_typing_and_on_enter(page, base_url, typed):
    type_into_lookup(page, base_url, typed)
    assert NORTHEIM in wait_for_answer(page, NORTHEIM)
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement.tagName === 'H3'")  # Enter: the answer
    text = page.inner_text(ANSWER)
    assert NORTHEIM in text and "Postleitzahl mit 5 Ziffern" not in text


def test_postcode_with_a_place_name_picks_it_from_a_shared_postcode(page, base_url):
    type_into_lookup(page, base_url, "07751 Bucha")
    page.keyboard.press("Enter")
    text = wait_for_answer(page, "Zuständig für Bucha")
    assert "Landratsamt Saale-Holzland-Kreis" in text
    assert page.locator(".sf-lookup__choices").count() == 0  # no question: the name said it


def test_enter_takes_the_suggestion_shown_for_a_name_without_umlaut(page, base_url):
    type_into_lookup(page, base_url, "Noerten")
    page.wait_for_selector("[role=listbox]:not([hidden]) [role=option]")
    page.keyboard.press("Enter")  # no arrow key: the first suggestion
    assert "Zuständig für Nörten-Hardenberg" in wait_for_answer(page, "Nörten-Hardenberg")
    assert page.input_value(INPUT) == "Nörten-Hardenberg"
    assert "kennen wir nicht" not in page.inner_text(ANSWER)


def test_enter_before_suggestions_arrive_answers_the_same(page, base_url):
    page.goto(base_url + SOZIALAMT)
    page.fill(INPUT, "Noerten")  # one input event, Enter straight after it
    page.press(INPUT, "Enter")
    assert "Zuständig für Nörten-Hardenberg" in wait_for_answer(page, "Nörten-Hardenberg")


@pytest.mark.parametrize(
    ("typed", "place"),
    [
        ("Nörten Hardenberg", "Nörten-Hardenberg – Landkreis Northeim"),
        ("Gandersheim", "Bad Gandersheim – Landkreis Northeim"),
        ("Hardenberg", "Nörten-Hardenberg – Landkreis Northeim"),
        ("Lindau", "Katlenburg-Lindau – Landkreis Northeim"),
    ],
)
def test_names_by_any_word_get_a_suggestion_and_enter_answers(page, base_url, typed, place):
    type_into_lookup(page, base_url, typed)
    page.wait_for_selector("[role=listbox]:not([hidden]) [role=option]")
    assert page.locator("[role=option]").all_inner_texts()[0] == place
    page.keyboard.press("Enter")
    name = place.split(" – ")[0]
    assert f"Zuständig für {name}" in wait_for_answer(page, f"Zuständig für {name}")


def test_one_suggestion_is_announced_in_the_singular(page, base_url):
    type_into_lookup(page, base_url, "Gandersheim")
    page.wait_for_selector("[role=listbox]:not([hidden]) [role=option]")
    assert page.locator("[role=option]").count() == 1
    page.wait_for_function("document.querySelector('[data-sf-status]').textContent !== ''")
    assert status(page) == "1 Vorschlag. Mit den Pfeiltasten auswählen."
    page.fill(INPUT, "")
    page.keyboard.type("Har")  # Hardegsen, Nörten-Hardenberg
    page.wait_for_function(
        "document.querySelector('[data-sf-status]').textContent.startsWith('2 ')"
    )
    assert status(page) == "2 Vorschläge. Mit den Pfeiltasten auswählen."


def test_a_sixth_digit_clears_the_answer_at_once(page, base_url):
    type_into_lookup(page, base_url, "37154")
    wait_for_answer(page, NORTHEIM)
    page.keyboard.type("4")
    assert page.inner_text(ANSWER).strip() == ""  # synchronously, with the keystroke
    page.keyboard.press("Enter")
    text = answer_text(page)
    assert "Postleitzahl mit 5 Ziffern" in text and "Northeim" not in text


def test_editing_a_chosen_name_clears_its_answer(page, base_url):
    type_into_lookup(page, base_url, "Uslar")
    page.keyboard.press("Enter")
    wait_for_answer(page, "Zuständig für Uslar")
    page.click(INPUT)
    page.keyboard.press("End")
    page.keyboard.press("Backspace")
    assert page.inner_text(ANSWER).strip() == ""


def test_typing_a_place_name_after_the_postcode_keeps_the_answer(page, base_url):
    type_into_lookup(page, base_url, "37154")
    wait_for_answer(page, NORTHEIM)
    page.evaluate("(s) => document.querySelector(s).setAttribute('data-seen', '1')", ANSWER + " h3")
    page.keyboard.type(" Northeim")
    page.wait_for_timeout(300)
    # the same heading element: not cleared, re-drawn or re-announced letter by letter
    assert page.get_attribute(ANSWER + " h3", "data-seen") == "1"


def test_lookup_script_only_where_there_is_a_lookup(page, base_url):
    for url, expected in (
        ("", False),
        ("suche/", False),
        ("behoerden/", False),
        (SOZIALAMT, True),
        ("meine-stellen/", True),
    ):
        page.goto(base_url + url)
        scripts = page.eval_on_selector_all("script[src]", "ss => ss.map(s => s.src)")
        # the lookup's script is fetched when the lookup is first used (onuse.js, deferred)
        scripts += page.eval_on_selector_all(
            "[data-sf-on-use]", "ps => ps.map(p => new URL(p.dataset.sfOnUse, location.href).href)"
        )
        # named by its content hash (generator/site/assets.py)
        loaded = [s for s in scripts if re.search(r"/assets/lookup\.[0-9a-f]{10}\.js$", s)]
        assert bool(loaded) == expected, (url, scripts)
        if expected:
            assert page.get_attribute("script[src*='assets/onuse.']", "defer") is not None


def test_suggestions_stay_when_the_focus_leaves_and_comes_back_at_once(page, base_url):
    """Leaving the input closes its list a moment later; coming back and typing within that
    moment shows a new list, which the late close must not hide."""
    type_into_lookup(page, base_url, "Noerte")
    page.wait_for_selector("[role=listbox]:not([hidden]) [role=option]")
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == INPUT[1:]
    page.keyboard.press("End")  # Tab selects the text; typing goes after it
    page.keyboard.type("n")
    page.wait_for_timeout(400)  # past the close that leaving the input set off
    assert page.locator("[role=listbox]:not([hidden]) [role=option]").count() > 0
    assert page.get_attribute(INPUT, "aria-expanded") == "true"
    assert page.input_value(INPUT) == "Noerten"
