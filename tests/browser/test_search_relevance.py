"""The second relevance set (tests/search_relevance_everyday.yaml) in real Chromium, on the
example site: judged on the example services it names, whatever else content/ holds."""

from __future__ import annotations

import pytest

from tests.browser.relevance import evaluate, load_cases
from tests.helpers import REPO

pytestmark = pytest.mark.browser

CASES = load_cases(REPO / "tests/search_relevance_everyday.yaml")


def test_example_project_everyday_relevance_set(page, base_url: str):
    assert len(CASES) >= 60
    assert {c.get("lang", "de") for c in CASES} == {"de", "en"}
    figures = evaluate(page, base_url, CASES)
    print(figures.report())
    assert figures.nothing_expected >= 10
    # every need no example service meets: none of them listed (and the fallback where
    # nothing is)
    assert figures.nothing_shown == figures.nothing_expected, figures.misses
    assert figures.p_at_3 >= 0.9, (figures.report(), figures.misses)
    assert figures.p_at_1 >= 0.8, (figures.report(), figures.misses)
