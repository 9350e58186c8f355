"""Search in real Chromium: relevance, keyboard use, empty results, filters, accessibility."""

from __future__ import annotations

import re

import pytest
import yaml

from generator.content import routes
from tests.browser.conftest import describe, run_axe
from tests.browser.test_lookup import tab_to
from tests.helpers import REPO, TODAY

pytestmark = pytest.mark.browser

CASES = yaml.safe_load((REPO / "tests/search_relevance.yaml").read_text(encoding="utf-8"))
#: the example services the set is about: only their order in the results is judged, so a
#: service added to content/ changes nothing (see tests/browser/relevance.py)
NAMED = {c["expect"] for c in CASES}


def service_of(href: str) -> str:
    parts = [p for p in href.split("/") if p and p != ".."]
    return parts[2] if parts[0] in LANGS else parts[1]


#: languages with their own pages below their code
LANGS = {"en", "uk", "ar", "tr"}


def results(page, query: str) -> list[str]:
    """The services listed for ``query``: those presented as the answer, then those that
    only mention its words ("Erwähnt in")."""
    page.fill("#sf-q", query)
    page.press("#sf-q", "Enter")
    page.wait_for_function("document.querySelector('[data-sf-count]').textContent.length > 0")
    return listed(page)


def listed(page) -> list[str]:
    """The services the open search page lists, in their order (with those it names as
    only mentioning the words)."""
    hrefs = page.eval_on_selector_all(
        "[data-sf-results] a, [data-sf-mentioned]:not([hidden]) a", "as => as.map(a => a.href)"
    )
    return [service_of(re.sub(r"^https?://[^/]+/", "", h)) for h in hrefs]


def test_example_project_relevance_set(page, base_url: str):
    assert len(CASES) >= 30 and len(NAMED) >= 2
    langs = {c.get("lang", "de") for c in CASES}
    assert langs == {"de"} | LANGS
    for lang in LANGS - {"en"}:
        assert sum(c.get("lang") == lang for c in CASES) >= 8
    missed, first = [], 0
    for lang in sorted(langs):
        url = routes.search(lang)
        page.goto(base_url + url)
        page.wait_for_selector(".sf-search--ready")
        for case in (c for c in CASES if c.get("lang", "de") == lang):
            listed = results(page, case["q"])
            assert len(listed) == len(set(listed)), f"a service listed twice for {case['q']!r}"
            found = [f for f in listed if f in NAMED]
            if case["expect"] not in found[:3]:
                missed.append((case["q"], found[:3]))
            first += bool(found) and found[0] == case["expect"]
    assert missed == [], missed
    assert first / len(CASES) >= 0.8, f"only {first} of {len(CASES)} first"


def test_type_get_results_and_open_the_first_by_keyboard(page, base_url: str):
    """Whichever service comes first, Enter on it opens its page."""
    page.goto(base_url + "suche/")
    page.wait_for_selector(".sf-search--ready")
    tab_to(page, "#sf-q")
    page.keyboard.type("Schulden")
    page.wait_for_selector("[data-sf-results] a")
    # the count follows once typing pauses (one announcement per word)
    page.wait_for_function("document.querySelector('[data-sf-count]').textContent.length > 0")
    status = page.locator("[data-sf-count]")
    assert status.get_attribute("role") == "status"
    assert status.get_attribute("aria-live") == "polite"
    # the count, then the services that only mention the word (one announcement)
    assert re.fullmatch(
        r"\d+ Ergebnis(se)? für „Schulden“\.( Erwähnt in \d+ Leistung(en)?\.)?",
        status.inner_text(),
    )
    first = page.locator("[data-sf-results] li:first-child a")
    href, title = first.get_attribute("href"), first.inner_text()
    tab_to(page, "[data-sf-results] li:first-child a")
    page.keyboard.press("Enter")
    page.wait_for_url(href)
    assert page.inner_text("h1") == title


def test_example_project_home_page_leads_with_search(page, base_url: str):
    page.goto(base_url)
    tab_to(page, "#sf-home-q")
    page.keyboard.type("Sozialhilfe")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?q=Sozialhilfe")
    page.wait_for_selector("[data-sf-results] a")
    assert "hilfe-zum-lebensunterhalt" in listed(page)


def test_header_search_takes_the_query_to_the_search_page(page, base_url: str):
    page.goto(base_url + "behoerden/")
    tab_to(page, "#sf-header-q")
    page.keyboard.type("Eingliederungshilfe")
    page.keyboard.press("Enter")
    page.wait_for_url("**/suche/?q=Eingliederungshilfe")
    page.wait_for_selector("[data-sf-results] a")
    assert page.input_value("#sf-q") == "Eingliederungshilfe"


def test_example_project_empty_result_offers_closest_words_az_and_the_fallback(page, base_url: str):
    page.goto(base_url + "suche/")
    page.wait_for_selector(".sf-search--ready")
    assert results(page, "Schuldnerbrtung") == []  # two letters missing: no match
    assert page.inner_text("[data-sf-count]") == "Keine Ergebnisse für „Schuldnerbrtung“."
    suggestions = page.locator("[data-sf-suggestions] a").all_inner_texts()
    assert "Schuldnerberatung" in suggestions
    empty = page.inner_text("[data-sf-empty]")
    assert "Alle Leistungen von A bis Z" in empty and "Behördennummer 115" in empty
    violations = run_axe(page)
    assert violations == [], describe(violations)
    page.click("[data-sf-suggestions] a >> text=Schuldnerberatung")
    page.wait_for_selector("[data-sf-results] a")
    assert "kommunale-eingliederungsleistungen" in listed(page)


def test_example_project_typo_tolerance_and_inflection(page, base_url: str):
    page.goto(base_url + "suche/")
    page.wait_for_selector(".sf-search--ready")
    found = [r for r in results(page, "Suchtberatnug") if r in NAMED]
    assert found[:1] == ["kommunale-eingliederungsleistungen"]
    assert "hilfe-zum-lebensunterhalt" in results(page, "Bescheinigungen")
    assert results(page, "Antraege") == results(page, "Anträge")


def test_topic_filter(page, base_url: str):
    page.goto(base_url + "suche/")
    page.wait_for_selector(".sf-search--ready")
    everything = results(page, "Hilfe")
    page.check("input[name=thema][value=arbeit]")
    page.wait_for_timeout(100)
    hrefs = page.eval_on_selector_all("[data-sf-results] a", "as => as.map(a => a.href)")
    filtered = [service_of(re.sub(r"^https?://[^/]+/", "", h)) for h in hrefs]
    assert filtered and set(filtered) < set(everything)
    assert "sozialraumorientierte-eingliederungshilfe-jena" not in filtered


def test_open_search_with_results_has_no_axe_violations(page, base_url: str):
    page.goto(base_url + "suche/?q=Sozialhilfe")
    page.wait_for_selector("[data-sf-results] a")
    violations = run_axe(page)
    assert violations == [], describe(violations)


def test_example_project_browser_stems_like_the_build(page, base_url: str):
    """Every word of the example content stems the same in lunr.js as in the build."""
    from generator.content.catalogue import load_catalogue
    from generator.site.search_index import fold_de, stem

    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    text = " ".join(s.model_dump_json() for s in catalogue.services)
    words = sorted(set(re.findall(r"[a-zäöüß]{3,}", text.lower())))
    assert len(words) > 500
    page.goto(base_url + "suche/")
    page.wait_for_selector(".sf-search--ready")
    js = page.evaluate(
        """(words) => words.map(w => lunr.de.stemmer(new lunr.Token(w)).toString())""",
        [fold_de(w) for w in words],
    )
    mismatches = [
        (w, stem(w, "de"), j) for w, j in zip(words, js, strict=True) if stem(w, "de") != j
    ]
    assert mismatches == []
