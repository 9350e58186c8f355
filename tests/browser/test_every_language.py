"""Every translated service in every language, in real Chromium: the page and its easy
variant exist, the pre-check runs to an outcome, the checklist prints on one sheet in the
page's language, and axe and the Nu checker find nothing in any of these states (axe on
the loaded pages is test_pages.py's, which runs it on every page).

The cases are read from the content (each ``content/services/<id>.<lang>.yaml`` beside its
German file), never listed here, so a new translation is tested once it is merged.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from generator.content import routes
from tests.browser.conftest import describe, run_axe
from tests.helpers import REPO
from tests.test_html_validity import vnu

pytestmark = pytest.mark.browser

SERVICES = REPO / "content" / "services"
SOURCE = "de"


def _cases() -> list[tuple[str, str, bool, bool]]:
    """(service id, language, has an easy page, has a pre-check) for every page pair."""
    cases = []
    for main in sorted(SERVICES.glob("*.yaml")):
        if main.name.count(".") != 1:
            continue
        data = yaml.safe_load(main.read_text(encoding="utf-8"))
        sid, precheck = data["id"], data.get("eligibility") is not None
        cases.append((sid, SOURCE, data.get("easy") is not None, precheck))
        for tr in sorted(SERVICES.glob(f"{sid}.*.yaml")):
            lang = tr.name.split(".")[-2]
            words = yaml.safe_load(tr.read_text(encoding="utf-8"))
            cases.append((sid, lang, words.get("easy") is not None, precheck))
    return cases


CASES = _cases()


def _snapshot(page) -> str:
    """The live DOM without injected scripts, as the Nu checker's input."""
    return page.evaluate(
        "() => { const d = document.documentElement.cloneNode(true);"
        " d.querySelectorAll('script:not([src]):not([type=\"application/json\"])')"
        ".forEach(s => s.remove());"
        " return '<!doctype html>\\n' + d.outerHTML; }"
    )


def run_to_an_outcome(page, limit: int = 12) -> str:
    """Answer each question with its first answer until the pre-check gives an outcome;
    the outcome's result ("likely", "unlikely", "ask")."""
    for _ in range(limit):
        if page.locator(".sf-precheck__result").count():
            return page.get_attribute(".sf-precheck__result", "data-result") or ""
        question = page.inner_text(".sf-precheck__question")
        page.locator(".sf-precheck__answers button").first.click()
        page.wait_for_function(
            "(q) => !document.querySelector('.sf-precheck__question') ||"
            " document.querySelector('.sf-precheck__question').innerText !== q",
            arg=question,
        )
    raise AssertionError(f"no outcome after {limit} answers")


def own_language_problems(page, lang: str) -> list[str]:
    """The page's own words the scripts added (checklist hint and buttons, the pre-check's
    controls) must be in the page's language, not inside a block marked as German."""
    return page.evaluate(
        """(lang) => {
        const out = [];
        const own = ['.sf-checklist__controls button', '.sf-checklist__status',
                     '[data-sf-precheck] .sf-precheck__controls button',
                     '[data-sf-precheck] .sf-precheck__progress'];
        for (const sel of own)
            for (const el of document.querySelectorAll(sel)) {
                const marked = el.closest('[lang]');
                if (marked && marked.getAttribute('lang') !== lang)
                    out.push(sel + ' inside lang=' + marked.getAttribute('lang'));
            }
        const hint = document.querySelector('[data-sf-documents]');
        const before = hint && hint.closest('.sf-untranslated');
        const note = (before || hint) && (before || hint).previousElementSibling;
        if (hint && (!note || !note.matches('.sf-note')))
            out.push('checklist hint not before the list');
        else if (note && note.closest('[lang]').getAttribute('lang') !== lang)
            out.push('checklist hint in lang=' + note.closest('[lang]').getAttribute('lang'));
        return out;
    }""",
        lang,
    )


def print_checklist(page) -> dict:
    """Press the checklist's print button; what the print media shows."""
    page.evaluate("() => { window.sfPrinted = 0; window.print = () => { window.sfPrinted++; }; }")
    page.click("[data-sf-print]")
    page.wait_for_function("window.sfPrinted === 1")
    page.emulate_media(media="print")
    try:
        return page.evaluate("""() => {
            const visible = el => !!el && el.getClientRects().length > 0;
            const sheet = document.querySelector('.sf-print-sheet');
            return {sheet: visible(sheet), main: visible(document.querySelector('main, .md-main')),
                    lang: sheet && sheet.getAttribute('lang'),
                    items: sheet ? sheet.querySelectorAll('.sf-print-sheet__docs li').length : 0};
        }""")
    finally:
        page.emulate_media(media="screen")


def test_the_cases_come_from_the_content():
    langs = {lang for _, lang, _, _ in CASES}
    assert {"de", "en", "uk", "ar", "tr"} <= langs
    assert len({sid for sid, _, _, _ in CASES}) == len(
        [p for p in SERVICES.glob("*.yaml") if p.name.count(".") == 1]
    )


def walk_one_service(page, base_url: str, case: tuple[str, str, bool, bool], out: Path) -> dict:
    """A service page in one language as a citizen uses it: the page and its easy variant,
    the pre-check run to an outcome, a document ticked and the checklist printed. Each
    state's live DOM is written into ``out`` for the Nu checker; what axe found in each
    state a script made (the loaded pages are axe's in test_pages.py, every page)."""
    sid, lang, easy, precheck = case
    found: dict[str, list] = {}

    def audit(name: str, axe: bool = True) -> None:
        if axe and (violations := run_axe(page)):
            found[name] = violations
        (out / f"{sid}-{name}.html").write_text(_snapshot(page), encoding="utf-8")

    url = base_url + routes.service(sid, lang)
    response = page.goto(url)
    assert response is not None and response.ok, url
    assert page.get_attribute("html", "lang") == lang
    audit("page", axe=False)
    if easy:
        easy_url = base_url + routes.service(sid, lang, easy=True)
        response = page.goto(easy_url)
        assert response is not None and response.ok, easy_url
        audit("easy", axe=False)
        page.goto(url)
    if precheck:
        assert page.is_visible("[data-sf-precheck] .sf-precheck__question"), (sid, "no pre-check")
        assert page.locator("[data-sf-precheck-list]").is_hidden(), sid
        audit("question")
        assert run_to_an_outcome(page) in ("likely", "unlikely", "ask"), sid
        assert page.evaluate("document.activeElement.matches('.sf-precheck__result')"), sid
        audit("outcome")
    if page.locator("[data-sf-documents]").count():
        page.check("#sf-doc-0")
        assert own_language_problems(page, lang) == [], sid
        shown = print_checklist(page)
        assert shown["sheet"] and not shown["main"] and shown["lang"] == lang, sid
        assert shown["items"] == page.locator(".sf-checklist__box").count() > 0, sid
        audit("print-sheet")
    return found


@pytest.mark.parametrize("lang", sorted({lang for _, lang, _, _ in CASES}))
def test_service_pages_precheck_and_checklist_in_each_language(
    page, base_url: str, tmp_path: Path, lang: str
):
    """Every service translated into ``lang``, one after the other in one tab; the Nu
    checker reads all their states in one run (Java starts once a language)."""
    found = {}
    for case in [c for c in CASES if c[1] == lang]:
        if problems := walk_one_service(page, base_url, case, tmp_path):
            found[case[0]] = problems
    assert found == {}, describe([v for s in found.values() for vs in s.values() for v in vs])
    result = vnu(tmp_path)
    assert result.returncode == 0, result.stderr


def test_checklist_words_stay_out_of_an_untranslated_german_list(browser, base_url: str):
    """A translation that leaves ``documents`` out shows them in German inside
    ``lang="de"``; the checklist's hint, buttons and count are the page's words and must
    stand outside that block (as a translated page is served with its list so marked)."""
    lang = next(lang for _, lang, _, _ in CASES if lang not in (SOURCE, "en"))
    sid = next(s for s, lg, _, _ in CASES if lg == lang)
    context = browser.new_context()
    page = context.new_page()

    def marked(route):
        html = re.sub(
            r'(<ul class="sf-checklist" data-sf-documents>.*?</ul>)',
            r'<div class="sf-untranslated" lang="de" dir="ltr">\1</div>',
            route.fetch().text(),
            count=1,
            flags=re.S,
        )
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    try:
        page.route("**/" + routes.service(sid, lang), marked)
        page.goto(base_url + routes.service(sid, lang))
        assert page.locator(".sf-untranslated [data-sf-documents]").count() == 1
        page.locator(".sf-checklist__box").first.wait_for()
        page.check("#sf-doc-0")
        assert own_language_problems(page, lang) == []
    finally:
        context.close()
