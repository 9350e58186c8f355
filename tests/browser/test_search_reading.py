"""How the search reads what people type (issue 24), in real Chromium with the real
search.js: no unrelated hits for unknown words, legal references, numbered synonyms,
compounds, queries typed before the index arrives, links that keep the query.

The site is the example project. Tests named ``test_example_project_...`` read its words
and judge only its services (:data:`EXAMPLE`), so they hold when a service is added to
``content/``; a word that must find nothing is made up here (:data:`UNKNOWN`)."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.relevance import results
from tests.helpers import REPO, TODAY

pytestmark = pytest.mark.browser

KEL = "kommunale-eingliederungsleistungen"
HZL = "hilfe-zum-lebensunterhalt"
SGB_IX = {"eingliederungshilfe", "sozialraumorientierte-eingliederungshilfe-jena"}
#: the example services these tests are about; others a site has are left out
EXAMPLE = {KEL, HZL, *SGB_IX}
#: a made-up word no content uses, and a made-up compound whose head ("Geld") is common
UNKNOWN = "Zwulpfark"
UNKNOWN_COMPOUND = "Zwulpfgeld"


def example_results(page, query: str) -> list[str]:
    """The example services listed for ``query``, in their order."""
    return [r for r in results(page, query) if r in EXAMPLE]


@pytest.fixture
def search_page(page, base_url: str):
    page.goto(base_url + "suche/")
    page.wait_for_selector(".sf-search--ready")
    return page


def test_unknown_word_finds_nothing_and_offers_the_fallback(search_page):
    assert results(search_page, UNKNOWN) == []
    assert search_page.inner_text("[data-sf-count]") == f"Keine Ergebnisse für „{UNKNOWN}“."
    empty = search_page.inner_text("[data-sf-empty]")
    assert "Alle Leistungen von A bis Z" in empty and "Behördennummer 115" in empty


def test_an_unknown_word_in_a_longer_query_is_not_dropped_silently(search_page):
    assert results(search_page, f"{UNKNOWN} beantragen") == []
    # "beantragen" is a filler: the query is never reduced to it
    offers = search_page.locator("[data-sf-suggestions] a").all_inner_texts()
    assert "beantragen" not in offers


def test_example_project_a_typo_still_finds_its_word(search_page):
    assert example_results(search_page, "Sozailhilfe")[:1] == [HZL]  # two letters swapped
    assert example_results(search_page, "Heitzkosten")[:1] == [HZL]  # one letter too many


@pytest.mark.parametrize("query", ["SGB XII", "SGB 12", "§ 27 SGB XII", "12. Buch"])
def test_example_project_legal_references_find_the_services_on_that_law(search_page, query):
    assert example_results(search_page, query) == [HZL]


def test_example_project_sgb_ix_is_not_sgb_xii(search_page):
    assert set(example_results(search_page, "SGB IX")) == SGB_IX
    assert example_results(search_page, "§ 16a SGB II") == [KEL]


def test_example_project_numbered_synonyms_in_every_spelling(search_page):
    found = {q: example_results(search_page, q) for q in ("ALG2", "ALG 2", "ALG II", "Hartz4")}
    assert found["ALG II"] and KEL in found["ALG II"]
    assert all(f == found["ALG II"] for f in found.values()), found


def test_example_project_compounds_are_split_into_words_of_the_index(search_page):
    assert example_results(search_page, "Alkoholsucht")[:1] == [KEL]
    assert example_results(search_page, "Drogensucht")[:1] == [KEL]
    # "Geld" alone is too common a head: a compound that only shares it finds nothing
    assert results(search_page, UNKNOWN_COMPOUND) == []


def test_example_project_a_query_typed_before_the_index_arrives_runs_when_it_does(
    page, base_url: str
):
    held = []  # the index's directory, answered only after the query is typed
    page.route(
        re.compile(r".*/assets/search/search-de\..*\.json$"), lambda route: held.append(route)
    )
    page.goto(base_url + "suche/", wait_until="domcontentloaded")
    page.click("#sf-q")
    page.keyboard.type("Alkoholsucht")  # no Enter
    page.wait_for_timeout(300)
    assert held and page.locator(".sf-search--ready").count() == 0
    held[0].continue_()
    page.wait_for_selector("[data-sf-results] a")
    hrefs = page.eval_on_selector_all("[data-sf-results] a", "as => as.map(a => a.href)")
    assert any(f"/{KEL}/" in h for h in hrefs), hrefs


def test_links_to_the_other_search_keep_the_query(search_page, base_url: str):
    assert results(search_page, UNKNOWN) == []
    href = search_page.get_attribute("[data-sf-empty] a[hreflang=en]", "href")
    assert parse_qs(urlparse(href).query) == {"q": [UNKNOWN]}
    variants = search_page.eval_on_selector_all(".sf-variants a", "as => as.map(a => a.href)")
    assert variants and all(f"q={UNKNOWN}" in v for v in variants if "/search/" in v)
    search_page.click("[data-sf-empty] a[hreflang=en]")
    search_page.wait_for_selector(".sf-search--ready")
    assert search_page.input_value("#sf-q") == UNKNOWN
    assert f"No results for “{UNKNOWN}”." in search_page.inner_text("[data-sf-count]")


def test_example_project_browser_stems_english_like_the_build(page, base_url: str):
    """Every English word of the example content stems the same in lunr.js as in the build."""
    from generator.content.catalogue import load_catalogue
    from generator.site.search_index import stem

    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    translations = [catalogue.translation("en", s.id) for s in catalogue.services]
    text = " ".join(t.model_dump_json() for t in translations if t is not None)
    words = sorted(set(re.findall(r"[a-z]{3,}", text.lower())))
    assert len(words) > 300
    page.goto(base_url + "en/search/")
    page.wait_for_selector(".sf-search--ready")
    js = page.evaluate("(ws) => ws.map(w => lunr.stemmer(new lunr.Token(w)).toString())", words)
    assert [
        (w, stem(w, "en"), j) for w, j in zip(words, js, strict=True) if stem(w, "en") != j
    ] == []
