"""The rules of issue 32, each in real Chromium with the real search.js, on a small project
built for them (tests/project_fixture.py in five languages, plus a local variant, a "not
here" list and synonyms in Ukrainian), so no test depends on the example's services:

1. ranked partial matching, and question words and fillers as stop words per language;
2. "did you mean" corrects the misspelt word and keeps the others;
3. a service not translated into the page's language is found as its German page,
   labelled as German;
4. a benefit on the "not here" list is answered before any result, with who handles it;
   a service only mentioning the words is listed apart ("Erwähnt in");
5. legal references in the forms people write, the general service before a local variant.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.content import routes
from generator.site import i18n
from tests.browser.conftest import describe, local_page, run_axe, served
from tests.helpers import run_cli
from tests.project_fixture import (
    ASSISTANCE,
    ASSISTANCE_DE,
    MONEY,
    MONEY_DE,
    SYNONYMS,
    _replaced,
    languages_project,
)

pytestmark = pytest.mark.browser

#: the local variant of the assistance: Teststadt only, on other sections of SGB IX
LOCAL = "testassistenz-teststadt"

LOCAL_DE = """\
id: testassistenz-teststadt
title: Testassistenz im Stadtteil in Teststadt
summary: Ein erfundenes Modell für Tests, Assistenz im Stadtteil, nur in Teststadt.
topics: [behinderung]
keywords: [Stadtteil, Modellprojekt]
as_of: 2025-09-01
source:
  name: Testdaten
description: |
  Ein erfundenes Modellprojekt. Eine Assistentin kommt in den Stadtteil.
requirements:
  - Sie wohnen in Teststadt.
documents:
  - name: Ärztlicher Bericht
fees:
  text: Es fallen keine Gebühren an.
process:
  - Stellen Sie einen Antrag bei der Assistenzstelle.
forms:
  available: true
  online: false
  written_form_required: false
  informal_application: true
  personal_appearance: false
legal_basis:
  - {law: SGB IX, section: "95"}
related: [testassistenz]
area:
  - {ars: "01998", name: Stadt Teststadt}
general_service: testassistenz
responsible:
  authority_kind: eingliederungshilfe
easy:
  title: Hilfe im Stadtteil
  text: |
    Manche Menschen brauchen Hilfe im Alltag.
    Dann hilft eine Assistentin im Stadtteil.
"""

ELSEWHERE = """\
entries:
  - id: testwohngeld
    name: {de: Testwohngeld, en: Test housing benefit}
    words:
      de: [Testwohngeld, Mietzuschuss]
      en: [test housing benefit]
      uk: [тестова субсидія]
    handled_by:
      de: die Testwohngeldstelle Ihrer Gemeinde
      en: the test housing benefit office of your municipality
    phone: "115"
"""

FILES = {
    # the general service on three sections: without the rule lunr ranks the local
    # variant (one section, a shorter field) first for "SGB IX"
    f"content/services/{ASSISTANCE}.yaml": _replaced(
        ASSISTANCE_DE,
        (
            '  - {law: SGB IX, section: "113"}',
            '  - {law: SGB IX, section: "90"}\n  - {law: SGB IX, section: "99"}\n'
            '  - {law: SGB IX, section: "113"}',
        ),
    ),
    f"content/services/{LOCAL}.yaml": LOCAL_DE,
    # the money's text mentions the benefit it is not, and account statements in passing
    f"content/services/{MONEY}.yaml": _replaced(
        MONEY_DE,
        (
            "Sie bekommen es, wenn Ihr Geld nicht reicht.",
            "Sie bekommen es, wenn Ihr Geld nicht reicht. Testwohngeld wird angerechnet.",
        ),
    ),
    "content/elsewhere.yaml": ELSEWHERE,
    "content/synonyms.yaml": SYNONYMS + "  - [Assistenz, асистент, асистентка, supporter]\n",
}


@pytest.fixture(scope="module")
def site_url(tmp_path_factory) -> Iterator[str]:
    project = languages_project(tmp_path_factory.mktemp("rules"), FILES)
    result = run_cli(project, "build", "--strict")
    assert result.returncode == 0, result.stdout + result.stderr
    with served(project / "site") as url:
        yield url


@pytest.fixture
def open_search(browser, site_url: str):
    """A function that opens the search page of a language, in a page that checks no
    request leaves the host and no script fails."""
    with local_page(browser, site_url) as page:

        def go(lang: str = "de"):
            page.goto(site_url + routes.search(lang))
            page.wait_for_selector(".sf-search--ready")
            return page

        yield go


def search(page, query: str) -> dict:
    """Type ``query``, press Enter; what the page shows."""
    page.fill("#sf-q", query)
    page.press("#sf-q", "Enter")
    page.wait_for_function("document.querySelector('[data-sf-count]').textContent.length > 0")
    return page.evaluate("""() => {
        const links = (sel) => Array.from(document.querySelectorAll(sel)).map(a => ({
            id: a.getAttribute('href').split('/').filter(Boolean)
                .filter(p => !['..', 'leichte-sprache', 'easy-read'].includes(p)).pop(),
            lang: a.lang, hreflang: a.hreflang, text: a.parentElement.textContent}));
        const shown = (sel) => !document.querySelector(sel).hidden;
        return {
            status: document.querySelector('[data-sf-count]').textContent,
            answers: links('[data-sf-results] a'),
            mentions: shown('[data-sf-mentioned]') ? links('[data-sf-mentioned] a') : [],
            elsewhere: shown('[data-sf-elsewhere]')
                ? document.querySelector('[data-sf-elsewhere]').innerText : '',
            offers: Array.from(document.querySelectorAll('[data-sf-suggestions] a'))
                .filter(a => !a.closest('[hidden]')).map(a => a.textContent),
            empty: shown('[data-sf-empty]'),
            order: Array.from(document.querySelectorAll(
                '[data-sf-elsewhere]:not([hidden]), [data-sf-results] li'))
                .map(e => e.matches('[data-sf-elsewhere]') ? 'elsewhere' : 'result'),
        };
    }""")


def ids(links: list[dict]) -> list[str]:
    return [link["id"] for link in links]


# --- 1. ranked partial matching; question words are not search terms ---------------------


def test_no_service_has_every_word_the_ones_with_some_are_ranked_and_said_so(open_search):
    page = open_search()
    shown = search(page, "Regelsatz Assistentin Hundefutter")
    assert set(ids(shown["answers"])) >= {MONEY, ASSISTANCE}
    assert shown["status"].startswith(f"{len(shown['answers'])} Ergebnisse für einen Teil")
    assert not shown["empty"]
    # the word that matches in more of what a page is about ranks it first
    assert ids(search(page, "Regelsatz Stütze Assistentin")["answers"])[0] == MONEY


@pytest.mark.parametrize(
    ("lang", "query"),
    [
        ("de", "wie bekomme ich den Regelsatz"),
        ("en", "how do I get the standard rate"),
        ("uk", "як отримати стандартну ставку"),
        ("ar", "كيف أحصل على المعدل الأساسي"),
        ("tr", "standart ihtiyaç nasıl alınır"),
    ],
)
def test_question_words_are_not_search_terms(open_search, lang, query):
    shown = search(open_search(lang), query)
    assert ids(shown["answers"])[:1] == [MONEY]
    # every content word matched: a full result, not "part of your search"
    assert shown["status"] == i18n.SEARCH[lang]["one"].replace("{q}", query)


# --- 2. "did you mean" keeps the meaning --------------------------------------------------


def test_did_you_mean_corrects_the_misspelt_word_and_keeps_the_others(open_search):
    page = open_search()
    shown = search(page, "Reglsaz Teststadt")  # two slips: not read as Regelsatz by itself
    assert shown["offers"][:1] == ["Regelsatz Teststadt"]
    assert "Teststadt" not in shown["offers"]  # never the query without the misspelt word
    page.click("[data-sf-suggestions] a >> nth=0")
    page.wait_for_function("document.querySelector('#sf-q').value === 'Regelsatz Teststadt'")
    assert ids(search(page, "Regelsatz Teststadt")["answers"])[:1] == [MONEY]


def test_a_phrase_of_known_words_is_not_cut_to_one_word(open_search):
    shown = search(open_search(), "Regelsatz Assistentin")
    assert shown["offers"] == []
    assert set(ids(shown["answers"])) >= {MONEY, ASSISTANCE}


# --- 3. across languages --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["uk", "ar", "tr"])
def test_an_untranslated_service_is_found_as_its_german_page_labelled_german(open_search, lang):
    page = open_search(lang)
    query = {"uk": "асистент", "ar": "Testassistenz", "tr": "Testassistenz"}[lang]
    shown = search(page, query)
    german = [link for link in shown["answers"] if link["id"] == ASSISTANCE]
    assert german, shown
    assert german[0]["lang"] == "de" and german[0]["hreflang"] == "de"
    label = {"uk": "німецькою", "ar": "بالألمانية", "tr": "Almanca"}[lang]
    assert f"({label})" in german[0]["text"]
    # its local variant is German too, and ranks after the general service
    assert ids(shown["answers"]).index(ASSISTANCE) < ids(shown["answers"]).index(LOCAL)


def test_german_pages_rank_with_the_translated_ones(open_search):
    shown = search(open_search("uk"), "асистент соціальне відомство")
    assert {MONEY, ASSISTANCE} <= set(ids(shown["answers"]))
    translated = next(link for link in shown["answers"] if link["id"] == MONEY)
    assert translated["lang"] == ""  # the page's own language: no label


# --- 4. not here, but there; mentioned is not the answer ---------------------------------


@pytest.mark.parametrize(
    ("lang", "query"),
    [("de", "Testwohngeld"), ("de", "Testwohngelt"), ("de", "Mietzuschuss beantragen"),
     ("en", "test housing benefit"), ("uk", "тестова субсидія")],
)  # fmt: skip
def test_a_benefit_not_described_here_says_who_handles_it_and_is_no_answer(
    open_search, lang, query
):
    shown = search(open_search(lang), query)
    assert shown["answers"] == []
    assert "115" in shown["elsewhere"]
    who = {"de": "Testwohngeldstelle", "en": "test housing benefit office", "uk": "Testwohn"}
    assert who[lang] in shown["elsewhere"] and who[lang] in shown["status"]
    assert shown["empty"]  # the other ways and the fallback still follow


def test_the_not_here_answer_comes_before_any_result(open_search):
    shown = search(open_search(), "Mietzuschuss Regelsatz")
    assert ids(shown["answers"]) == [MONEY]
    assert shown["order"][0] == "elsewhere"
    status = shown["status"]
    assert status.index("Testwohngeld") < status.index("1 Ergebnis")  # said once, in order


def test_a_page_that_only_mentions_the_word_is_listed_apart(open_search):
    page = open_search()
    shown = search(page, "Testwohngeld")
    assert ids(shown["mentions"]) == [MONEY] and shown["answers"] == []
    assert shown["status"].endswith("Erwähnt in 1 Leistung.")
    shown = search(page, "Kontoauszüge")  # a word of the money's text only
    assert shown["answers"] == [] and ids(shown["mentions"]) == [MONEY]
    violations = run_axe(page)
    assert violations == [], describe(violations)


# --- 5. legal references ------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    ["§ 113 SGB IX", "§113 SGB IX", "113 SGB 9", "sgb ix 113", "SGB IX § 113",
     "Paragraph 113 Sozialgesetzbuch IX", "SGB IX", "Neuntes Buch Sozialgesetzbuch"],
)  # fmt: skip
def test_legal_references_rank_the_general_service_first(open_search, query):
    found = ids(search(open_search(), query)["answers"])
    assert found[:2] == [ASSISTANCE, LOCAL], found


@pytest.mark.parametrize(
    "query",
    ["§ 95 SGB IX", "§95 SGB IX", "95 SGB 9", "sgb ix 95", "SGB 9 § 95",
     "Paragraph 95 Sozialgesetzbuch IX", "§ 95 Neuntes Buch Sozialgesetzbuch"],
)  # fmt: skip
def test_the_cited_section_decides_in_every_form(open_search, query):
    """Only the local variant is on § 95: read as a section in every form, it ranks first
    (read as the book alone, the general service would)."""
    assert ids(search(open_search(), query)["answers"])[:1] == [LOCAL]
