"""The eligibility pre-check and the document checklist in real Chromium, by keyboard.

Every path of the social-assistance pre-check is answered and its outcome compared with the
one its source's requirements give (written out here, not read from the page). axe and the
Nu checker see each state; the page fixture fails any request that leaves the local host.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.conftest import describe, run_axe
from tests.browser.test_lookup import answer_text, tab_to
from tests.test_html_validity import vnu

pytestmark = pytest.mark.browser

SERVICE = "leistungen/hilfe-zum-lebensunterhalt/"
EASY = SERVICE + "leichte-sprache/"
ENGLISH = "en/services/hilfe-zum-lebensunterhalt/"
HEADING = ".sf-precheck__stage h4"
STORE = "servicefinder.checklist.de.hilfe-zum-lebensunterhalt"

NO_MONEY = ["Nein", "Nein, es reicht nicht."]
UNDER_3 = [*NO_MONEY, "Weniger als 3 Stunden"]
#: every path through the tree: the answers given, and the outcome the sources lead to
PATHS: list[tuple[list[str], str, str]] = [
    (["Ja"], "unlikely", "Hilfe zum Lebensunterhalt bekommt nur, wer kein Grundsicherungsgeld"),
    (["Nein", "Ja, es reicht."], "unlikely", "nicht vollständig aus eigenem Einkommen"),
    (["Nein", "Das weiß ich nicht."], "ask", "Ob Ihr Geld reicht, rechnet das Sozialamt aus"),
    ([*NO_MONEY, "Mindestens 3 Stunden"], "unlikely", "Grundsicherung für Arbeitsuchende"),
    ([*NO_MONEY, "Das weiß ich nicht."], "ask", "vorübergehend voll erwerbsgemindert"),
    ([*UNDER_3, "Länger als 6 Monate, aber nicht auf Dauer"], "likely", "kann für Sie passen"),
    ([*UNDER_3, "Auf Dauer"], "unlikely", "Grundsicherung im Alter und bei Erwerbsminderung"),
    ([*UNDER_3, "6 Monate oder kürzer"], "unlikely", "länger als sechs Monate"),
    ([*UNDER_3, "Das weiß ich nicht."], "ask", "ärztlichen Bescheinigungen"),
]
RESULT = {
    "likely": "Ergebnis: Wahrscheinlich ja",
    "unlikely": "Ergebnis: Wahrscheinlich nein",
    "ask": "Ergebnis: Fragen Sie beim Amt",
}
DECIDES = "Ob Sie die Leistung bekommen, entscheidet das zuständige Amt."


def focused(page) -> str:
    return page.evaluate("document.activeElement.textContent.trim()")


def answer_by_keyboard(
    page, labels: list[str], progress: str = "Frage {n} von höchstens 4"
) -> None:
    """From the page top: Tab to the first answer, then for each question Tab from the
    focused question to the wanted answer and press Enter."""
    tab_to(page, "[data-sf-precheck] .sf-precheck__answers button")
    for n, label in enumerate(labels, start=1):
        if n > 1:
            # focus moved to the new question, which says it; the status region does not
            # say it again (tests/browser/test_announcements.py)
            assert page.evaluate("document.activeElement.matches('.sf-precheck__question')")
            said = progress.format(n=n)
            assert focused(page).startswith(said)
            status = page.text_content("[data-sf-precheck] [role=status]") or ""
            assert not status.startswith(said)
            page.keyboard.press("Tab")
        for _ in range(8):
            if focused(page) == label:
                break
            page.keyboard.press("Tab")
        assert focused(page) == label, f"answer {label!r} not reached by Tab"
        page.keyboard.press("Enter")


def outcome(page) -> dict:
    heading = page.locator(".sf-precheck__result")
    heading.wait_for()
    return {
        "focused": page.evaluate("document.activeElement.matches('.sf-precheck__result')"),
        "result": heading.get_attribute("data-result"),
        "heading": heading.inner_text(),
        "text": page.inner_text(".sf-precheck__stage"),
        "reasons": page.locator(".sf-precheck__reasons li").count(),
    }


def test_the_paths_written_here_are_all_the_paths_of_the_tree(page, base_url: str):
    page.goto(base_url + SERVICE)
    tree = json.loads(page.text_content("#sf-precheck-data"))["tree"]
    questions = {q["id"]: q for q in tree["questions"]}

    def leaves(qid: str) -> int:
        return sum(
            leaves(a["next"]) if a["next"] in questions else 1 for a in questions[qid]["answers"]
        )

    assert leaves(tree["start"]) == len(PATHS) == 9


@pytest.mark.parametrize(("labels", "result", "says"), PATHS, ids=lambda v: str(v)[:40])
def test_every_path_by_keyboard_gives_its_outcome(
    page, base_url: str, labels: list[str], result: str, says: str
):
    page.goto(base_url + SERVICE)
    assert page.inner_text(".sf-precheck__question").startswith("Frage 1 von höchstens 4")
    answer_by_keyboard(page, labels)
    found = outcome(page)
    assert found["focused"] and found["result"] == result
    assert found["heading"] == RESULT[result]
    assert says in found["text"] and DECIDES in found["text"]
    assert found["reasons"] == len(labels)  # the reasons that led there, one per answer
    # no place saved: the outcome points to the section that lists the offices
    assert page.get_attribute("[data-sf-precheck-office] a", "href") == "#zustaendig"
    if result == "unlikely" and labels == ["Ja"]:
        related = page.locator(".sf-precheck__related a")
        assert related.all_inner_texts() == ["Kommunale Eingliederungsleistungen beantragen"]


def test_back_and_restart_by_keyboard(page, base_url: str):
    page.goto(base_url + SERVICE)
    answer_by_keyboard(page, [*UNDER_3, "Auf Dauer"])
    outcome(page)
    tab_to(page, "[data-sf-back]")
    page.keyboard.press("Enter")
    assert focused(page).startswith("Frage 4 von höchstens 4: Wie lange")
    tab_to(page, "[data-sf-restart]")
    page.keyboard.press("Enter")
    assert focused(page).startswith("Frage 1 von höchstens 4: Bekommen Sie")
    assert page.locator("[data-sf-restart]").count() == 0  # nothing to go back to


def test_outcome_names_the_office_of_the_place_the_lookup_saved(page, base_url: str):
    page.goto(base_url + SERVICE)
    tab_to(page, "#sf-place-sozialamt")
    page.keyboard.type("37154")
    answer_text(page)  # the lookup answered and saved the place
    page.reload()
    answer_by_keyboard(page, [*UNDER_3, "Länger als 6 Monate, aber nicht auf Dauer"])
    outcome(page)
    page.wait_for_function(
        "document.querySelector('[data-sf-precheck-office]').textContent.includes('Medenheimer')"
    )
    office = page.inner_text("[data-sf-precheck-office]")
    assert "Für Ihren gespeicherten Ort Northeim" in office
    assert "Landkreis Northeim" in office and "Medenheimer Straße 6-8" in office


def test_outcome_names_the_only_office_before_anyone_used_the_lookup(page, base_url: str):
    """lookup.js is fetched when the lookup is first used; an outcome that needs its rules
    and cards asks for it (onuse.js), so the service's one office is still named."""
    page.goto(base_url + "leistungen/sozialraumorientierte-eingliederungshilfe-jena/")
    assert not page.evaluate("'servicefinderLookup' in window")  # not fetched with the page
    answer_by_keyboard(page, ["Ja", "Ja", "Ja"], progress="Frage {n} von höchstens 3")
    outcome(page)
    card = page.locator("[data-sf-precheck-office] [data-sf-authority]")
    card.wait_for()
    assert card.get_attribute("data-sf-authority") == "stadt-jena-eingliederungshilfe"


def test_easy_and_english_pages_ask_in_their_own_words(page, base_url: str):
    page.goto(base_url + EASY)
    assert "Grund-Sicherung" in page.inner_text(".sf-precheck__question")
    assert page.locator("[data-sf-precheck] h2, #vorab-pruefen").first.inner_text() == (
        "Kann ich die Hilfe bekommen?"
    )
    page.goto(base_url + ENGLISH)
    question = page.text_content(".sf-precheck__question")
    assert question.startswith(
        "Question 1 of at most 4: Do you receive basic income support for jobseekers"
    )
    tab_to(page, "[data-sf-precheck] .sf-precheck__answers button")
    page.keyboard.press("Enter")
    assert "Result: Probably not" in page.inner_text(".sf-precheck__result")
    assert "The responsible office decides" in page.inner_text(".sf-precheck__stage")


def _boxes(page) -> list[bool]:
    return page.eval_on_selector_all(".sf-checklist__box", "els => els.map(e => e.checked)")


def test_checklist_survives_a_reload_and_clear_empties_it(page, base_url: str):
    page.goto(base_url + SERVICE)
    tab_to(page, "#sf-doc-0")
    page.keyboard.press("Space")
    tab_to(page, "#sf-doc-2")
    page.keyboard.press("Space")
    assert page.inner_text(".sf-checklist__status") == "2 von 8 abgehakt"
    page.reload()
    assert _boxes(page)[:4] == [True, False, True, False] and sum(_boxes(page)) == 2
    stored = json.loads(page.evaluate("(k) => localStorage.getItem(k)", STORE))
    assert stored == ["Gültiger Personalausweis oder Reisepass", "Nachweise über Einkommen"]
    assert page.context.cookies() == []  # kept in localStorage, never in a cookie
    tab_to(page, "[data-sf-clear]")
    page.keyboard.press("Enter")
    assert sum(_boxes(page)) == 0 and page.evaluate("(k) => localStorage.getItem(k)", STORE) is None
    page.reload()
    assert sum(_boxes(page)) == 0


def test_print_shows_the_one_page_checklist(page, base_url: str, tmp_path: Path):
    page.goto(base_url + SERVICE)
    tab_to(page, "#sf-place-sozialamt")
    page.keyboard.type("37154")
    answer_text(page)
    page.check("#sf-doc-1")
    # The page's own window.print() would print in the background while the test asks for
    # its PDF below ("Page is already being printed" under load), and its afterprint would
    # take the sheet away: this page's print dialog only counts the calls. What the printer
    # gets is the PDF of the print media, taken once the page has asked to print.
    page.evaluate("() => { window.sfPrinted = 0; window.print = () => { window.sfPrinted++; }; }")
    tab_to(page, "[data-sf-print]")
    page.keyboard.press("Enter")
    page.wait_for_function("window.sfPrinted === 1")
    assert page.evaluate("document.documentElement.classList.contains('sf-print-checklist')")
    page.emulate_media(media="print")
    shown = page.evaluate("""() => {
        const visible = el => !!el && el.getClientRects().length > 0;
        return {sheet: visible(document.querySelector('.sf-print-sheet')),
                main: visible(document.querySelector('main, .md-main')),
                header: visible(document.querySelector('.md-header')),
                text: document.querySelector('.sf-print-sheet').innerText};
    }""")
    assert shown["sheet"] and not shown["main"] and not shown["header"]
    text = shown["text"]
    assert "Checkliste: Hilfe zum Lebensunterhalt beantragen" in text
    assert "Gedruckt am " in text and "Stand der Informationen: 06.12.2026" in text
    assert "☒ Nachweis der vorübergehenden vollen Erwerbsminderung (erledigt)" in text
    assert "☐ Gültiger Personalausweis oder Reisepass (fehlt noch)" in text
    assert "Medenheimer Straße 6-8" in text and "Telefon:" in text
    pdf = page.pdf(format="A4")  # what the printer gets: one page
    assert len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf)) == 1
    page.emulate_media(media="screen")
    # once the dialog closes, the page is printed whole again
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("html.sf-print-checklist").count() == 0
    assert page.evaluate("window.sfPrinted") == 1


def _states(page, base_url: str):
    """Each state of the pre-check and checklist a citizen can reach, by name."""
    page.goto(base_url + SERVICE)
    yield "question"
    answer_by_keyboard(page, ["Nein"])
    yield "second-question"
    answer_by_keyboard_from_here(page, ["Das weiß ich nicht."])
    outcome(page)
    yield "outcome-ask"
    page.goto(base_url + SERVICE)
    answer_by_keyboard(page, ["Ja"])
    outcome(page)
    page.check("#sf-doc-0")
    yield "outcome-unlikely-with-ticks"
    page.click("[data-sf-print]")
    yield "print-sheet"
    page.goto(base_url + EASY)
    yield "easy-question"
    page.goto(base_url + ENGLISH)
    answer_by_keyboard(
        page, ["No", "No, they do not.", "Less than 3 hours"], "Question {n} of at most 4"
    )
    yield "english-question"


def answer_by_keyboard_from_here(page, labels: list[str]) -> None:
    for label in labels:
        page.keyboard.press("Tab")
        for _ in range(8):
            if focused(page) == label:
                break
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")


def test_axe_and_the_nu_checker_find_nothing_in_any_state(page, base_url: str, tmp_path: Path):
    found = {}
    for name in _states(page, base_url):
        violations = run_axe(page)
        if violations:
            found[name] = violations
        # the live DOM, without the injected axe script, as the checker's input
        html = page.evaluate(
            "() => { const d = document.documentElement.cloneNode(true);"
            " d.querySelectorAll('script:not([src]):not([type=\"application/json\"])')"
            ".forEach(s => s.remove());"
            " return '<!doctype html>\\n' + d.outerHTML; }"
        )
        (tmp_path / f"{name}.html").write_text(html, encoding="utf-8")
    assert found == {}, describe([v for vs in found.values() for v in vs])
    result = vnu(tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("*.html"))) == 7


def test_without_javascript_the_conditions_are_listed(browser, base_url: str):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(base_url + SERVICE)
        assert not page.is_visible("[data-sf-precheck]")
        items = page.locator(".sf-precheck__questions > li")
        assert items.count() == 4
        first = items.first.inner_text()
        assert first.startswith("Bekommen Sie Grundsicherungsgeld vom Jobcenter")
        assert "Ja: Wahrscheinlich nein." in first and "Nein: weiter mit Frage 2" in first
        assert "Wahrscheinlich ja." in items.nth(3).inner_text()
        assert page.locator(".sf-checklist .sf-checklist__box").count() == 0
    finally:
        context.close()
