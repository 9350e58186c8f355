"""German terms in pages of other languages are marked as German, wherever they come from.

The glossary's ``kept`` terms (content/glossary.yaml) and the names of the areas offices
answer for are wrapped in ``lang="de"`` on every page in another language. A walk over
every text node of every non-German page of the built example site finds none outside an
element in German; the same walk finds the one unmarked term of a page made for that.
"""

from __future__ import annotations

import html as htmllib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.kept_terms import mark_terms, term_pattern
from tests.helpers import REPO, build_in_process

#: builds a whole site once for the module: make test only, not make check
pytestmark = pytest.mark.slow

TERMS = yaml.safe_load((REPO / "content/glossary.yaml").read_text(encoding="utf-8"))["kept"]
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr"}  # fmt: skip


class _TextNodes(HTMLParser):
    """Each text node of the body with the language of its nearest element that has one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.nodes: list[tuple[str, str]] = []

    def handle_starttag(self, tag, attrs):
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        names = {name for name, _ in self.stack}
        if "body" not in names or names & {"script", "style", "template"}:
            return
        lang = next((code for _, code in reversed(self.stack) if code), "")
        self.nodes.append((data, lang))


def unmarked_terms(page: str, terms: list[str], source: str = "de") -> list[str]:
    """Each occurrence of a term in a text node outside an element in ``source``."""
    pattern = term_pattern(terms)
    assert pattern is not None
    parser = _TextNodes()
    parser.feed(page)
    return [
        f"{m.group(0)!r} in {text.strip()[:60]!r} (lang={lang})"
        for text, lang in parser.nodes
        if lang.split("-")[0] != source
        for m in pattern.finditer(text)
    ]


@pytest.fixture(scope="module")
def example_site(tmp_path_factory) -> Path:
    return build_in_process(
        REPO, site_dir=tmp_path_factory.mktemp("kept") / "site", use_cache=False
    )


def test_no_german_term_outside_lang_de_on_any_page_in_another_language(example_site: Path):
    found, pages = {}, 0
    for path in sorted(example_site.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)"', page)
        if lang is None or lang.group(1) == "de":
            continue
        pages += 1
        problems = unmarked_terms(page, TERMS)
        if problems:
            found[str(path.relative_to(example_site))] = problems
    assert found == {}
    assert pages >= 15  # en, uk, ar, tr pages were walked


def test_the_walk_finds_one_unmarked_term():
    page = (
        '<html lang="uk"><head><title>Sozialamt</title></head><body>'
        '<h1>Допомога (<span lang="de">Hilfe zum Lebensunterhalt</span>)</h1>'
        "<p>соціальне відомство (Sozialamt)</p>"
        '<script>var x = "Sozialamt";</script></body></html>'
    )
    assert unmarked_terms(page, TERMS) == [
        "'Sozialamt' in 'соціальне відомство (Sozialamt)' (lang=uk)"
    ]
    marked = mark_terms(page, term_pattern(TERMS), "de", "ltr")
    assert unmarked_terms(marked, TERMS) == []


def test_marking_leaves_markup_attributes_and_marked_text_alone():
    pattern = term_pattern(["Sozialamt", "Landkreis", "Landkreis Northeim"])
    page = (
        '<p title="Sozialamt">Sozialamt &amp; Landkreis Northeim, sozialamt@example.org, '
        '/Sozialamt/ <span lang="de-DE">Sozialamt</span></p>'
        "<script>Sozialamt</script><option>Landkreis</option>"
    )
    assert mark_terms(page, pattern, "de", "ltr") == (
        '<p title="Sozialamt"><span lang="de" dir="ltr">Sozialamt</span> &amp; '
        '<span lang="de" dir="ltr">Landkreis Northeim</span>, sozialamt@example.org, '
        '/Sozialamt/ <span lang="de-DE">Sozialamt</span></p>'
        "<script>Sozialamt</script><option>Landkreis</option>"
    )
    assert mark_terms(page, None, "de", "ltr") == page


WORDS = st.sampled_from(["Sozialamt", "Bescheid", "Landkreis", "Jobcenter", "Amt"])
PIECES = st.lists(
    st.one_of(WORDS, st.text(alphabet="<>&\"' ;#-/@aéЖب\u202e", max_size=6)), max_size=12
)


@settings(max_examples=200, deadline=None)
@given(PIECES)
def test_whatever_the_text_it_stays_text(pieces: list[str]):
    """Escaped text of any characters, marked: the same text, and no element but the marks."""
    text = " ".join(pieces)
    page = f"<p>{htmllib.escape(text)}</p>"
    marked = mark_terms(page, term_pattern(["Sozialamt", "Bescheid", "Landkreis"]), "de", "ltr")
    parser = _Elements()
    parser.feed(f"<body>{marked}</body>")
    assert "".join(parser.text) == text
    assert set(parser.tags) <= {("body", ()), ("p", ()), ("span", (("lang", "de"), ("dir", "ltr")))}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(alphabet="@/.-_ aéЖ1", max_size=3)), max_size=10))
def test_terms_are_found_as_whole_words_where_they_stand_alone(pieces: list[str]):
    """The pattern finds each term where it is a word of its own: not after or before a
    letter, digit or hyphen, not in an address (after @, / or .), longest first."""
    text = "".join(pieces)
    terms = ["Sozialamt", "Landkreis", "Amt", "Landkreis Amt"]
    words = sorted(terms, key=lambda t: (-len(t), t))
    plain = re.compile(r"(?<![\w@/.\-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w@/\-])")
    pattern = term_pattern(terms)
    assert pattern is not None
    assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)]


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple(attrs)))

    def handle_data(self, data):
        self.text.append(data)


def test_dates_on_right_to_left_pages_are_isolated():
    page = "<p>حتى 31.12.2022 (Bürgergeld)</p><p>1.2.2026</p><p>2.5.20261</p>"
    marked = mark_terms(page, term_pattern(["Bürgergeld"]), "de", "ltr", isolate_dates=True)
    assert marked == (
        '<p>حتى <bdi dir="ltr">31.12.2022</bdi> (<span lang="de" dir="ltr">Bürgergeld</span>)</p>'
        '<p><bdi dir="ltr">1.2.2026</bdi></p><p>2.5.20261</p>'
    )
    assert mark_terms(page, None, "de", "ltr") == page


def test_pages_in_other_languages_describe_themselves_in_their_language(example_site: Path):
    """No page in another language carries the German site description, and German
    inside a right-to-left page is isolated left to right."""
    german = " ".join(
        yaml.safe_load((REPO / "content/site.yaml").read_text(encoding="utf-8"))[
            "description"
        ].split()
    )
    for path in sorted(example_site.rglob("index.html")):
        page = path.read_text(encoding="utf-8")
        lang = re.search(r'<html lang="([^"]+)" dir="([^"]+)"', page)
        if lang is None or lang.group(1) == "de":
            continue
        description = re.search(r'<meta name="description" content="([^"]*)"', page)
        assert description and htmllib.unescape(description.group(1)) != german, path
        if lang.group(2) == "rtl":
            body = page[page.index("<body") :]
            unisolated = re.findall(r'<span lang="de"(?! dir=)[^>]*>', body)
            assert unisolated == [], path
