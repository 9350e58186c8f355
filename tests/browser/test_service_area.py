"""Where a service is offered, in real Chromium: outside its area, the lookup, "Meine
Stellen" and the page without script say it is not offered there, point to the general
service and to 115, and name no office; office pages list only services of their area."""

from __future__ import annotations

import pytest

from tests.browser.test_lookup import ANSWER, answer_text, tab_to

pytestmark = pytest.mark.browser

JENA_ONLY = "leistungen/sozialraumorientierte-eingliederungshilfe-jena/"
INPUT = "#sf-place-eingliederungshilfe"
GENERAL = "Eingliederungshilfe für Menschen mit Behinderungen beantragen"


def test_northeim_postcode_on_the_jena_only_service_is_not_offered_here(page, base_url):
    page.goto(base_url + JENA_ONLY)
    tab_to(page, INPUT)
    page.keyboard.type("37154")
    text = answer_text(page)
    said = "Für Northeim wird diese Leistung nicht angeboten. Es gibt sie nur hier: Stadt Jena."
    assert said in text
    assert "Für Ihren Ort gilt stattdessen: " + GENERAL in text
    assert "Behördennummer 115" in text
    heading = "Zuständig für Northeim (Landkreis Northeim)"
    assert "Landkreis Northeim" not in text.replace(heading, "")  # no office of Northeim
    link = page.locator(ANSWER + " a", has_text=GENERAL)
    assert link.get_attribute("href").endswith("/leistungen/eingliederungshilfe/")
    page.wait_for_function(
        "document.querySelector('[data-sf-status]').textContent.includes('nicht angeboten')"
    )


def test_a_jena_postcode_on_the_jena_only_service_names_the_jena_office(page, base_url):
    page.goto(base_url + JENA_ONLY)
    tab_to(page, INPUT)
    page.keyboard.type("07743")
    text = answer_text(page)
    assert "Stadt Jena, Eingliederungshilfe" in text
    assert "nicht angeboten" not in text


def test_meine_stellen_says_not_offered_here_for_the_jena_only_service(page, base_url):
    page.goto(base_url + "meine-stellen/")
    page.click("#sf-place-alle")
    page.keyboard.type("37154")
    text = answer_text(page)
    assert (
        "Sozialraumorientierte Eingliederungshilfe für Erwachsene in Jena: hier nicht "
        "angeboten. Für Ihren Ort gilt stattdessen: " + GENERAL + ". Behördennummer 115"
    ) in text
    # the general service itself still names Northeim's office
    assert GENERAL + ": Landkreis Northeim" in text


def test_without_javascript_the_page_says_where_it_is_offered(browser, base_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + JENA_ONLY)
        section = page.inner_text("section[aria-labelledby=zustaendig]")
        assert "Dieses Angebot gibt es nur hier: Stadt Jena." in section
        assert "Für alle anderen Orte: " + GENERAL in section
        assert "115" in section
        offices = page.locator(
            "section[aria-labelledby=zustaendig] .sf-authority__name"
        ).all_inner_texts()
        assert offices == ["Stadt Jena, Eingliederungshilfe"]
    finally:
        context.close()


@pytest.mark.parametrize(
    ("office", "listed"),
    [
        ("landkreis-northeim-eingliederungshilfe", False),
        ("stadt-jena-eingliederungshilfe", True),
    ],
)
def test_office_pages_list_only_services_offered_in_their_area(page, base_url, office, listed):
    page.goto(base_url + f"behoerden/{office}/")
    services = page.inner_text("section[aria-labelledby=leistungen]")
    assert "Eingliederungshilfe für Menschen mit Behinderungen" in services
    assert ("Sozialraumorientierte Eingliederungshilfe" in services) is listed
