"""Places as people name them, on every service page in every language: a part of a
municipality ("Lobeda", "Jena-Lobeda") is answered for its municipality, and a postcode of
another state ("10115", Berlin) is outside this site's area, with the number 115, not an
unknown postcode. Parts come from ``content/places/parts.csv``; the cases from the content.
"""

from __future__ import annotations

import pytest
import yaml

from generator.content import routes
from tests.browser.test_every_language import CASES
from tests.helpers import REPO

pytestmark = pytest.mark.browser

STRINGS = REPO / "generator/site/strings"
PAGES = sorted({(sid, lang) for sid, lang, _, _ in CASES})
COMBOBOX = "[data-sf-lookup] input[role=combobox]"


def words(lang: str) -> dict[str, str]:
    return yaml.safe_load((STRINGS / f"{lang}.yaml").read_text(encoding="utf-8"))["lookup"]


def ask(page, text: str) -> str:
    """Type ``text`` into the page's lookup, press Enter; the answer's text."""
    page.fill(COMBOBOX, "")
    page.click(COMBOBOX)
    page.keyboard.type(text, delay=20)
    page.locator("[data-sf-lookup][data-sf-ready]").wait_for()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "(t) => { const a = document.querySelector('[data-sf-answer]');"
        " return a && a.textContent.trim().length > 0 &&"
        " document.activeElement.closest('[data-sf-answer]') !== null; }",
        arg=text,
    )
    return page.inner_text("[data-sf-answer]")


@pytest.mark.parametrize(("sid", "lang"), PAGES, ids=lambda v: str(v))
def test_parts_and_other_states_on_every_service_page(page, base_url: str, sid: str, lang: str):
    page.goto(base_url + routes.service(sid, lang))
    t = words(lang)
    unknown_name = t["unknown_name"].split("{q}")[0]
    for typed in ("Lobeda", "Jena-Lobeda"):
        answer = ask(page, typed)
        assert "Jena" in answer, (typed, answer)
        assert not unknown_name or unknown_name not in answer, (typed, answer)
    page.fill(COMBOBOX, "")
    page.click(COMBOBOX)
    page.keyboard.type("Lobed", delay=20)
    page.locator("[role=listbox] [role=option]").first.wait_for()
    assert page.inner_text("[role=listbox] [role=option]").startswith("Lobeda (Jena)")
    answer = ask(page, "10115")
    outside = t["outside_postcode"].replace("{code}", "10115")
    assert outside in answer and "115" in answer.replace("10115", "")
    assert t["unknown_postcode"].replace("{code}", "10115") not in answer


@pytest.mark.parametrize("code", ["00000", "01000", "05123", "43210", "62345", "99999"])
def test_a_postcode_nowhere_is_still_unknown(page, base_url: str, code: str):
    """No German postcode begins with these postal regions or lies outside 01001 to 99998."""
    page.goto(base_url + routes.service(PAGES[0][0], "de"))
    answer = ask(page, code)
    assert words("de")["unknown_postcode"].replace("{code}", code) in answer


def test_a_name_that_carries_its_district_is_not_given_it_twice(page, base_url: str):
    """ "Solling (Landkreis Northeim)" is the official name of an unincorporated area."""
    page.goto(base_url + routes.service(PAGES[0][0], "de"))
    ask(page, "Solling")
    heading = page.inner_text(".sf-lookup__heading, .sf-lookup__answer h3")
    assert "Solling (Landkreis Northeim)" in heading
    assert "(Landkreis Northeim) (Landkreis Northeim)" not in heading
