"""Every fixed text of the interface shown on an easy-language page passes the same
easy-language checker as editors' texts."""

from __future__ import annotations

import html
import json
import re
from datetime import date

import pytest

from generator.content.easy_check import EASY_RULES_FOR, check_easy_text
from generator.pipeline import BuildOptions, Project, build_bundle
from generator.site import i18n
from generator.site.easy_words import EASY_TEMPLATES, labels, lookup_words
from tests.project_fixture import small_project

#: builds a whole site once for the module: make test only, not make check
pytestmark = pytest.mark.slow

#: page URL -> (language, HTML, the lookup's words the page names, if it has a lookup)
EasyPages = dict[str, tuple[str, str, dict | None]]


@pytest.fixture(scope="module")
def easy_pages(tmp_path_factory: pytest.TempPathFactory) -> EasyPages:
    """The easy pages of the small project in the languages the checker reads."""
    root = small_project(tmp_path_factory.mktemp("easy") / "project")
    bundle = build_bundle(
        Project.at(root, use_cache=False), date(2025, 11, 22), BuildOptions(strict=False)
    )
    pages = {}
    for p in bundle.pages:
        if p.lang in EASY_RULES_FOR and ("/leichte-sprache/" in p.url or "easy-read/" in p.url):
            # the lookup's words, which lookup.js shows, are a data file the page names
            named = re.search(r'data-words="(?:\.\./)*([^"]+)"', p.html)
            words = json.loads(bundle.data_files[named.group(1)]) if named else None
            pages[p.url] = (p.lang, p.html, words)
    return pages


def _rules(text: str, lang: str) -> list[str]:
    filled = re.sub(r"\{\w+\}", "Northeim", text)
    return [f.rule for f in check_easy_text(filled, lang)]


def test_easy_pages_exist_in_both_languages(easy_pages: EasyPages):
    langs = {lang for lang, _, _ in easy_pages.values()}
    assert {"de", "en"} <= langs, sorted(easy_pages)


def test_every_fixed_text_on_easy_pages_passes_the_checker(easy_pages: EasyPages):
    failures = []
    template = next(iter(EASY_TEMPLATES))
    assert any(lookup for _, _, lookup in easy_pages.values()), "no easy page has a lookup"
    for url, (lang, page, lookup) in easy_pages.items():
        shown = html.unescape(page)
        words = {**labels(lang, template)}
        for key, text in words.items():
            if isinstance(text, str) and len(text) > 3 and text in shown:
                failures += [(url, key, text, r) for r in _rules(text, lang)]
        for key, text in (lookup or {}).items():  # the lookup's words, shown by lookup.js
            failures += [(url, f"lookup.{key}", text, r) for r in _rules(text, lang)]
    assert failures == []


def test_the_lookup_words_of_easy_pages_are_the_easy_ones():
    template = next(iter(EASY_TEMPLATES))
    assert lookup_words("de", template)["locate_hint"] != i18n.LOOKUP["de"]["locate_hint"]
    assert "nicht" in i18n.LOOKUP["de"]["locate_hint"]
    assert lookup_words("de", "service.html") is i18n.LOOKUP["de"]
