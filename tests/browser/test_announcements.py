"""Each thing said once: what a screen reader is given to say during the lookup, search and
pre-check journeys, recorded as it happens.

A recorder in the page notes every change of a live region (the region's text after a
``MutationObserver`` saw it change; emptied regions say nothing) and every focus target
(its text, which a screen reader reads on focus). After each user action the test waits
until the page is quiet and counts how often the answer's or question's text was given:
exactly once, whether by the status region or by moving focus.
"""

from __future__ import annotations

import pytest

from generator.content import routes
from tests.browser.test_every_language import CASES
from tests.browser.test_lookup import tab_to

pytestmark = pytest.mark.browser

RECORDER = """
window.sfSaid = [];
(() => {
  const region = n => {
    const e = n && (n.nodeType === 1 ? n : n.parentElement);
    return e && e.closest('[aria-live], [role=status], [role=alert], [role=log]');
  };
  new MutationObserver(changes => {
    const seen = new Set();
    for (const c of changes) {
      const r = region(c.target);
      if (r && !seen.has(r)) {
        seen.add(r);
        const text = r.textContent.replace(/\\s+/g, ' ').trim();
        if (text) window.sfSaid.push({how: 'live', text});
      }
    }
  }).observe(document, {subtree: true, childList: true, characterData: true});
  document.addEventListener('focusin', e => {
    const text = (e.target.textContent || '').replace(/\\s+/g, ' ').trim();
    if (text) window.sfSaid.push({how: 'focus', text});
  });
})();
"""
#: no change for this long: the page has said what it says for the action
QUIET_MS = 1500


def said(page) -> list[dict]:
    """What was said since the last call, once the page is quiet."""
    page.wait_for_function(
        """(quiet) => {
            const n = window.sfSaid.length;
            if (window.sfLastN !== n) { window.sfLastN = n; window.sfLastAt = Date.now(); }
            return Date.now() - window.sfLastAt >= quiet;
        }""",
        arg=QUIET_MS,
        polling=100,
        timeout=20000,
    )
    return page.evaluate("() => window.sfSaid.splice(0)")


def times(records: list[dict], text: str) -> int:
    """How often ``text`` was given to a screen reader."""
    return sum(r["text"].count(text) for r in records)


@pytest.fixture
def recorded(browser, base_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(RECORDER)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert errors == []


SERVICE = routes.service("hilfe-zum-lebensunterhalt", "de")
INPUT = "#sf-place-sozialamt"
TITLE = "Zuständig für Northeim (Landkreis Northeim)"


def test_lookup_postcode_typed_then_enter_says_the_answer_once_each(recorded, base_url: str):
    page = recorded
    page.goto(base_url + SERVICE)
    tab_to(page, INPUT)
    said(page)
    page.keyboard.type("37154", delay=60)
    typed = said(page)
    assert times(typed, TITLE) == 1, typed
    page.keyboard.press("Enter")
    entered = said(page)
    # Enter on the answer that is there: focus goes to it, which says it; nothing else
    assert times(entered, TITLE) == 1, entered
    assert page.evaluate("document.activeElement.matches('.sf-lookup__heading')")


def test_lookup_suggestions_counted_once_after_typing_pauses(recorded, base_url: str):
    page = recorded
    page.goto(base_url + SERVICE)
    tab_to(page, INPUT)
    said(page)
    page.keyboard.type("Nort", delay=120)
    typed = said(page)
    counts = [r for r in typed if r["how"] == "live" and "Vorschl" in r["text"]]
    assert len(counts) == 1, typed
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    chosen = said(page)
    heading = page.inner_text(".sf-lookup__heading")
    assert times(chosen, heading) == 1, chosen


def test_lookup_unknown_name_said_once(recorded, base_url: str):
    page = recorded
    page.goto(base_url + SERVICE)
    tab_to(page, INPUT)
    page.keyboard.type("Xyzzyq", delay=30)
    said(page)
    page.keyboard.press("Enter")
    entered = said(page)
    problem = page.inner_text(".sf-lookup__problem")
    assert times(entered, problem) == 1, entered


def test_search_count_said_once_per_word_and_once_on_enter(recorded, base_url: str):
    page = recorded
    page.goto(base_url + routes.search("de"))
    page.wait_for_selector(".sf-search--ready")
    tab_to(page, "#sf-q")
    said(page)
    page.keyboard.type("Schulden", delay=80)
    page.wait_for_selector("[data-sf-results] a")
    typed = said(page)
    count = page.inner_text("[data-sf-count]").strip()
    assert count and times(typed, count) == 1, typed
    page.keyboard.press("Enter")
    assert times(said(page), count) <= 1


#: one service with a pre-check in German, and one right to left where there is one
PRECHECK_CASES = [
    next((sid, lang) for sid, lang, _, pc in CASES if pc and lang == want)
    for want in ("de", "ar")
    if any(pc and lang == want for _, lang, _, pc in CASES)
]


@pytest.mark.parametrize(("sid", "lang"), PRECHECK_CASES)
def test_precheck_question_and_outcome_said_once(recorded, base_url: str, sid: str, lang: str):
    page = recorded
    page.goto(base_url + routes.service(sid, lang))
    page.locator(".sf-precheck__question").wait_for()
    said(page)
    for _ in range(12):
        question = page.locator(".sf-precheck__question")
        if not question.count():
            break
        page.locator(".sf-precheck__answers button").first.click()
        after = said(page)
        if page.locator(".sf-precheck__question").count():
            text = page.inner_text(".sf-precheck__question span:last-child")
            assert times(after, text) == 1, after
    outcome = page.locator(".sf-precheck__stage > p").first.inner_text()
    result = page.inner_text(".sf-precheck__result")
    assert times(after, outcome) == 1 and times(after, result) == 1, after
