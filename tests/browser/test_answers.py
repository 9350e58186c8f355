"""The answer card on a phone: cost, documents and where to apply start within the first
1.5 screens (360 x 640 px) on every service page and every easy page of the example site
(checked in test_face.py's walk over those pages, with what the first screen shows); and
once a place is known, its answer replaces the list of all offices."""

from __future__ import annotations

import re

import pytest

from tests.browser.a11y_checks import outline_problems
from tests.browser.answers import PHONE, answer_screens
from tests.browser.conftest import describe, run_axe

pytestmark = pytest.mark.browser

LIMIT = 1.5  # screens
SOZIALAMT = "leistungen/hilfe-zum-lebensunterhalt/"
INPUT = "#sf-place-sozialamt"


def late_answers(page) -> list[str]:
    screens = answer_screens(page)
    return [
        f"{key} {'missing' if at is None else f'starts {at} screens down'}"
        for key, at in screens.items()
        if at is None or at > LIMIT
    ]


@pytest.fixture
def phone(tab):
    return tab.fresh(PHONE)


def test_the_check_finds_answers_pushed_down(phone, base_url: str):
    phone.goto(base_url + SOZIALAMT)
    assert late_answers(phone) == []
    phone.add_style_tag(content=".sf-answers { margin-top: 900px !important; }")
    assert len(late_answers(phone)) == 3


def test_card_links_lead_to_the_sections(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    card = page.locator(".sf-answers")
    assert "Es fallen keine Gebühren an." in card.inner_text()
    assert card.locator("a[href='#unterlagen']").inner_text() == "Liste der Unterlagen (8)"
    assert page.locator("#unterlagen").count() == 1
    assert card.locator("a[href='#zustaendig']").count() == 1
    # the summary of who can get it, with the conditions counted
    assert "Alle Voraussetzungen (3)" in card.inner_text()


def _look_up(page, text: str) -> None:
    page.focus(INPUT)
    page.keyboard.type(text)
    page.wait_for_selector(".sf-lookup__answer .sf-authority--answer")


def test_lookup_answer_replaces_the_list(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    all_offices = page.locator("details[data-sf-all-offices]")
    assert all_offices.get_attribute("open") is not None  # no place known: the list is open
    assert page.inner_text("details[data-sf-all-offices] > summary").startswith(
        "Alle zuständigen Stellen"
    )
    _look_up(page, "37154")
    assert all_offices.get_attribute("open") is None  # the answer replaces the list
    look = page.evaluate("""() => {
        const s = el => getComputedStyle(el);
        const heading = document.querySelector('.sf-lookup__heading');
        const answer = document.querySelector('.sf-authority--answer .sf-authority__name');
        const listed = document.querySelector('.sf-authority-list .sf-authority__name');
        return {weight: Number(s(heading).fontWeight), answer: parseFloat(s(answer).fontSize),
                listed: parseFloat(s(listed).fontSize)};
    }""")
    assert look["weight"] >= 700, look
    assert look["answer"] >= look["listed"], look
    where = page.inner_text("[data-sf-where]")
    assert "Zuständig für Northeim" in where and "Landkreis Northeim" in where
    assert outline_problems(page) == []
    violations = run_axe(page)
    assert violations == [], describe(violations)
    # the list is one click away, in the same state as before
    page.click("details[data-sf-all-offices] > summary")
    assert all_offices.get_attribute("open") is not None
    assert outline_problems(page) == []
    # forgetting the place brings the list back
    page.click(".sf-lookup__controls button:nth-child(2)")
    assert all_offices.get_attribute("open") is not None
    assert page.locator("[data-sf-where]").is_hidden()


def test_remembered_place_answers_in_the_card(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    _look_up(page, "37154")
    page.goto(base_url + "leistungen/hilfe-zum-lebensunterhalt/leichte-sprache/")
    page.wait_for_selector("[data-sf-where]:not([hidden])")
    assert "Landkreis Northeim" in page.inner_text(".sf-answers")


def test_my_offices_answer_heading_follows_the_h1(page, base_url: str):
    page.goto(base_url + "meine-stellen/")
    page.focus("#sf-place-alle")
    page.keyboard.type("37154")
    page.wait_for_selector(".sf-lookup__answer h2")
    assert outline_problems(page) == []
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_the_outline_check_finds_a_skipped_level(page, base_url: str):
    page.goto(base_url + "meine-stellen/")
    page.evaluate("""() => {
        const h = document.createElement('h3');
        h.textContent = 'Zuständig für Northeim';
        document.querySelector('h1').after(h);
    }""")
    assert outline_problems(page) == ["heading level 1 followed by 3"]


# --- fewer, clearer links and landmarks ------------------------------------------------

LANDMARKS = re.compile(
    r"^\s*- (banner|navigation|main|contentinfo|region|search|complementary|form)\b", re.M
)


def landmarks(page) -> list[str]:
    """The landmarks assistive technology lists, from the accessibility tree."""
    return LANDMARKS.findall(page.locator("body").aria_snapshot())


@pytest.mark.parametrize("path", [SOZIALAMT, SOZIALAMT + "leichte-sprache/"])
def test_a_service_page_has_a_handful_of_landmarks(page, base_url: str, path: str):
    page.goto(base_url + path)
    found = landmarks(page)
    assert found.count("main") == 1 and found.count("banner") == 1, found
    assert len(found) <= 10, found  # was 24: one region per section


def test_the_landmark_count_sees_a_region_per_section(page, base_url: str):
    page.goto(base_url + SOZIALAMT)
    page.evaluate("""() => document.querySelectorAll('.sf-page section').forEach((s, i) => {
        const h = s.querySelector('h2'); if (h) s.setAttribute('aria-labelledby', h.id); })""")
    assert len(landmarks(page)) > 10


@pytest.mark.parametrize(
    ("path", "variant", "other"),
    [
        (SOZIALAMT, "Diese Seite in Leichter Sprache", "leichte-sprache/"),
        (SOZIALAMT + "leichte-sprache/", "Ausführliche Fassung", SOZIALAMT),
    ],
)
def test_one_link_to_each_variant_named_distinctly(page, base_url, path, variant, other):
    page.goto(base_url + path)
    links = page.eval_on_selector_all(
        ".sf-page a[href], .sf-header a[href]",
        "as => as.map(a => [a.textContent.trim(), a.pathname + a.hash])",
    )
    target = "/" + (other if other.endswith(SOZIALAMT) else SOZIALAMT + other)
    # the variant itself; a link to one of its sections (#unterlagen) says what it opens
    to_variant = [text for text, href in links if href == target]
    assert to_variant == [variant], to_variant
    languages = [text for text, _ in links if text == "English"]
    assert languages == ["English"], languages  # the header's switch, once


@pytest.mark.parametrize(
    ("path", "title"),
    [
        (
            "",
            "Servicefinder Soziales – Welche Stelle hilft mir, was muss ich mitbringen, "
            "was kostet es?",
        ),
        (SOZIALAMT, "Hilfe zum Lebensunterhalt beantragen – Servicefinder Soziales"),
        (
            SOZIALAMT + "leichte-sprache/",
            "Geld zum Leben vom Sozialamt – Leichte Sprache – Servicefinder Soziales",
        ),
        (
            "en/services/hilfe-zum-lebensunterhalt/easy-read/",
            "Money to live on from the social welfare office – Easy read – Servicefinder Soziales",
        ),
    ],
)
def test_page_titles_name_page_variant_and_site_once(page, base_url, path, title):
    page.goto(base_url + path)
    assert page.title() == title
    assert page.title().count("Servicefinder Soziales") == 1
