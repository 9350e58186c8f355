"""Rendering: sanitised text, dated amounts, relative links."""

from __future__ import annotations

import re
from datetime import date

import pytest

from generator.content.model import amount_in_force
from generator.content.schema import Amount
from generator.site.pages import relative_url
from generator.site.text import easy_to_html, markdown_to_html

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[klick](javascript:alert(1))",
    "[bild](data:text/html;base64,PHNjcmlwdD4=)",
    '<a href="#" onclick="alert(1)">x</a>',
    "<iframe src=https://example.org></iframe>",
    '<svg onload="alert(1)">',
]


def test_hostile_markup_is_rendered_inert():
    for text in HOSTILE:
        for html in (
            markdown_to_html(text, external_label="ext"),
            easy_to_html(text, external_label="ext"),
        ):
            lowered = str(html).lower()
            assert "<script" not in lowered, text
            assert "onerror" not in lowered and "onclick" not in lowered, text
            assert "onload" not in lowered, text
            assert "javascript:" not in lowered and "data:" not in lowered, text
            assert "<iframe" not in lowered and "<img" not in lowered, text


def test_external_links_are_marked_and_isolated():
    html = str(
        markdown_to_html(
            "[Gesetz](https://www.gesetze-im-internet.de/sgb_12/)", external_label="externer Link"
        )
    )
    assert 'rel="noopener noreferrer"' in html
    assert '<span class="sf-visually-hidden"> (externer Link)</span>' in html


def test_editor_headings_are_shifted_below_the_section_heading():
    html = str(markdown_to_html("### Mehrbedarf", shift_headings=1, external_label="x"))
    assert html == "<h4>Mehrbedarf</h4>"


def test_easy_text_keeps_one_statement_per_line():
    html = str(easy_to_html("Satz eins.\nSatz zwei.\n\n## Frage?\n- Punkt\n", external_label="x"))
    assert html.count("<p>") == 2
    assert "<h2>Frage?</h2>" in html and "<li>Punkt</li>" in html


def test_amount_in_force_depends_on_the_build_date():
    amount = Amount.model_validate(
        {
            "id": "regelsatz",
            "name": "Regelsatz",
            "values": [
                {"from": date(2019, 1, 1), "eur": 424.0},
                {"from": date(2024, 1, 1), "eur": 563.0},
            ],
        }
    )
    in_2023 = amount_in_force(amount, date(2023, 6, 1))
    assert in_2023.current.eur == 424.0 and in_2023.upcoming.eur == 563.0
    in_2025 = amount_in_force(amount, date(2025, 6, 1))
    assert in_2025.current.eur == 563.0 and in_2025.upcoming is None
    assert [v.eur for v in in_2025.earlier] == [424.0]
    assert amount_in_force(amount, date(2018, 1, 1)).current is None


def test_relative_urls():
    assert relative_url("behoerden/x/", "leistungen/y/") == "../../behoerden/x/"
    assert relative_url("", "leistungen/y/") == "../../"
    assert relative_url("leistungen/", "") == "leistungen/"
    assert relative_url("themen/#arbeit", "") == "themen/#arbeit"
    assert relative_url("leistungen/y/", "leistungen/y/") == "./"
    assert relative_url("assets/lookup/m.json", "leistungen/y/") == "../../assets/lookup/m.json"


def test_relative_urls_agree_with_posixpath_relpath():
    """The string-only path arithmetic gives what ``posixpath.relpath`` gives."""
    import itertools
    import posixpath

    from generator.site.pages import _relpath

    paths = ["", ".", "a", "a/", "a/b", "a/b/", "a/b/c.json", "a/./b", "a/c/../b", "ab/", "b/a"]
    for path, start in itertools.product(paths, repeat=2):
        assert _relpath(path, start) == posixpath.relpath(path or ".", start or "."), (path, start)


@pytest.mark.slow
def test_hostile_text_that_bypassed_validation_is_still_inert_on_the_page():
    """Second wall: even unvalidated text reaches the page escaped or sanitised."""
    from dataclasses import replace

    from generator.content.catalogue import load_catalogue
    from generator.site.render import render_site
    from tests.helpers import REPO, TODAY

    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    service = catalogue.services[0].model_copy(
        update={
            "title": hostile,
            "summary": hostile,
            "requirements": [hostile],
            "description": hostile + "\n\n[x](javascript:alert(3))",
        }
    )
    catalogue = replace(catalogue, services=(service, *catalogue.services[1:]))
    pages = render_site(REPO / "templates", catalogue, date(2025, 11, 22))
    page = next(p for p in pages if p.url == f"leistungen/{service.id}/")
    # the page's own scripts only: the JSON-LD and pre-check data blocks (their text
    # JSON-escaped) and the site's deferred scripts
    blocks = re.compile(r'<script type="application/(?:ld\+)?json"[^>]*>(.*?)</script>', re.S)
    assert all("<" not in data for data in blocks.findall(page.html))
    rest = blocks.sub("", page.html)
    scripts = re.findall(r"<script[^>]*>", rest)
    assert scripts and all(
        re.fullmatch(r'<script src="[./]*assets/[a-z]+\.js" defer>', s) for s in scripts
    )
    html = re.sub(r"<script[^>]*></script>", "", rest).lower()
    assert "<script" not in html and "<img" not in html
    assert "javascript:" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_glossary_terms_are_explained_once_where_they_first_appear():
    from generator.content.schema import GlossaryEntry

    glossary = [
        GlossaryEntry(term="Antrag", forms=["Anträge"], explanation="Ein Antrag ist ein Brief."),
        # bypasses validation, to show the explanation is escaped on its own
        GlossaryEntry.model_construct(
            term="Amt", forms=[], explanation="Ein Amt ist eine <Behörde>."
        ),
    ]
    text = (
        "## Der Antrag\n"
        "Mehrere Anträge gehen an das [Amt](https://example.org/Amt).\n"
        "Das Amt prüft den Antrag.\n"
        "Das Amtsgericht ist etwas anderes.\n"
    )
    html = str(easy_to_html(text, external_label="ext", glossary=glossary))
    assert "<h2>Der Antrag</h2>" in html  # headings stay as written
    assert '<strong class="sf-term">Anträge</strong>' in html  # a form counts, longest first
    assert html.count('class="sf-term"') == 2 and html.count("sf-explain") == 2
    # never inside a tag's attributes; link text counts as text
    assert 'href="https://example.org/Amt"' in html
    assert '<strong class="sf-term">Amt</strong><span class="sf-visually-hidden">' in html
    assert "Amtsgericht" in html and "<Behörde>" not in html and "&lt;Behörde&gt;" in html
    first, second = html.index("Ein Antrag ist"), html.index("Ein Amt ist")
    assert html.index("Anträge") < first < second  # right after the statement, in text order
    reordered = str(
        easy_to_html("Das Amt prüft den Antrag.", external_label="x", glossary=glossary)
    )
    assert reordered.index("Ein Amt ist") < reordered.index("Ein Antrag ist")


def test_one_text_leaves_nothing_behind_for_the_next():
    """The Markdown converter is reused between texts; a link reference defined in one
    text must not turn a later text's brackets into a link."""
    from generator.site.text import markdown_to_html

    first = markdown_to_html("[Antrag][a]\n\n[a]: https://example.org/", external_label="x")
    assert 'href="https://example.org/"' in first
    later = markdown_to_html("[Antrag][a]", external_label="x")
    assert "href" not in later and "[Antrag][a]" in later
