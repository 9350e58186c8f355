"""Relevance figures of the real search.js in a real browser page, shared by the test
(tests/browser/test_search_relevance.py) and the figures script (bench/).

A relevance set is about the services it names, those of the example content: it judges
the order of those services in the results and leaves out any other, so a service added
to ``content/`` (which may well answer a query better) changes no figure. A query that
expects nothing must list none of the named services; if the page lists nothing at all,
it must show the fallback."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

SEARCH_PAGE = {"de": "suche/", "en": "en/search/"}


@dataclass
class Figures:
    queries: int = 0
    answerable: int = 0  # queries some service answers
    first: int = 0  # ... whose first result answers them
    top3: int = 0  # ... with an answer among the first three
    nothing_expected: int = 0  # queries no service of the set answers
    nothing_shown: int = 0  # ... that listed none of them (the fallback, if nothing at all)
    false_hits: int = 0  # first result does not answer (any result, where none should)
    misses: list[tuple[str, list[str]]] = field(default_factory=list)

    @property
    def p_at_1(self) -> float:
        return self.first / self.answerable

    @property
    def p_at_3(self) -> float:
        return self.top3 / self.answerable

    @property
    def false_hit_rate(self) -> float:
        return self.false_hits / self.queries

    def report(self) -> str:
        return (
            f"{self.queries} queries: precision@1 {self.p_at_1:.3f}, precision@3 "
            f"{self.p_at_3:.3f} ({self.answerable} answerable); false-hit rate "
            f"{self.false_hit_rate:.3f}; nothing shown for {self.nothing_shown} of "
            f"{self.nothing_expected} needs no service meets"
        )


def load_cases(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def named_services(cases: list[dict]) -> set[str]:
    """The services a relevance set names: those whose order it judges."""
    return {s for c in cases for s in _expected(c)}


def _expected(case: dict) -> list[str]:
    expect = case["expect"]
    return [expect] if isinstance(expect, str) else list(expect)


def service_of(href: str) -> str:
    parts = [p for p in re.sub(r"^https?://[^/]+/", "", href).split("/") if p and p != ".."]
    return parts[2] if parts[0] == "en" else parts[1]


def results(page, query: str) -> list[str]:
    """Type ``query`` into the open search page, submit, and read the services listed."""
    page.fill("#sf-q", query)
    page.press("#sf-q", "Enter")
    page.wait_for_function("document.querySelector('[data-sf-count]').textContent.length > 0")
    hrefs = page.eval_on_selector_all("[data-sf-results] a", "as => as.map(a => a.href)")
    return [service_of(h) for h in hrefs]


def evaluate(page, base_url: str, cases: list[dict]) -> Figures:
    """Every case on the search page of its language, judged on the services the set names
    (:func:`named_services`): others found are left out before the ranks are counted."""
    named = named_services(cases)
    figures = Figures()
    for lang, path in SEARCH_PAGE.items():
        page.goto(base_url + path)
        page.wait_for_selector(".sf-search--ready")
        for case in (c for c in cases if c.get("lang", "de") == lang):
            listed = results(page, case["q"])
            found = [f for f in listed if f in named]
            expect = _expected(case)
            figures.queries += 1
            if not expect:
                figures.nothing_expected += 1
                fallback = page.is_visible("[data-sf-empty]") and "115" in page.inner_text(
                    "[data-sf-empty]"
                )
                if not found and (listed or fallback):
                    figures.nothing_shown += 1
                else:
                    figures.misses.append((case["q"], listed[:3]))
                figures.false_hits += bool(found)
                continue
            figures.answerable += 1
            figures.first += bool(found) and found[0] in expect
            hit3 = any(f in expect for f in found[:3])
            figures.top3 += hit3
            figures.false_hits += bool(found) and found[0] not in expect
            if not hit3:
                figures.misses.append((case["q"], found[:3]))
    return figures
