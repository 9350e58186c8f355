"""The list pages at any catalogue size: each under one round trip (14 KB brotli), every
service reachable from them, long lists in pages a reader and a screen reader can move
through, the site's popular services first."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache
from html import unescape
from pathlib import Path

import pytest

from bench.list_figures import (
    ROUND_TRIP,
    brotli_size,
    example_catalogue,
    large_catalogue,
    list_pages,
)
from generator.content import routes
from generator.content.catalogue import load_catalogue
from generator.content.model import Catalogue
from generator.infra.errors import ContentError
from generator.site import lists, render
from generator.site.lists import OTHER, Entry, letter_of, pager, prominent, split
from generator.site.pages import RenderedPage, relative_url
from tests.helpers import REPO, TODAY, batches_of, small_project

#: what the theme's frame (header, navigation, footer) adds to a page's content: measured
#: 1,268 B brotli around the example site's pages (bench/list_figures.py prints it), with room
FRAME = 2048
#: more services than the old lists could carry: their home page was 1.5 MB at 5,000
SERVICES = 1200


@cache
def example() -> Catalogue:
    return example_catalogue()


def rendered(catalogue: Catalogue) -> dict[str, RenderedPage]:
    return {p.url: p for p in list_pages(catalogue)}


def links(page: RenderedPage) -> set[str]:
    """The site-root-relative targets of a page's links, its frame's (menu, footer,
    language switch) included."""
    shell = page.shell
    out = {i["url"] for key in ("nav", "legal", "languages") for i in shell.get(key, [])}
    for href in re.findall(r'href="([^"#]*)', page.html):
        href = unescape(href)
        if href and "://" not in href and not href.startswith(("mailto:", "tel:")):
            parts: list[str] = []
            for part in (page.url + href).split("/"):
                if part == "..":
                    parts.pop()
                elif part not in ("", "."):
                    parts.append(part)
            out.add("/".join(parts) + "/" if parts else "")
    return out


@pytest.mark.slow  # renders the lists of 1,200 services in five languages (about 15 s)
def test_every_list_page_is_one_round_trip_and_every_service_is_reachable():
    catalogue = large_catalogue(example(), SERVICES)
    pages = rendered(catalogue)
    # the full lists are split into pages
    assert "themen/wohnen/seite-2/" in pages and "en/topics/wohnen/page-2/" in pages
    assert any(url.startswith(routes.LETTERS) and "seite-2" in url for url in pages)
    too_big = {
        url: size
        for url, page in pages.items()
        if url != routes.DASHBOARD  # the editors' table of every service, not for citizens
        and (size := brotli_size(page.html) + FRAME) > ROUND_TRIP
    }
    assert too_big == {}
    # from the start pages, the lists lead to every list page and to every service page
    starts = [routes.HOME, *(routes.home(lang) for lang in ("en", "uk", "ar", "tr"))]
    seen, todo, found = set(starts), list(starts), set()
    while todo:
        for target in links(pages[todo.pop()]):
            if target in pages and target not in seen:
                seen.add(target)
                todo.append(target)
            found.add(target)
    unseen = set(pages) - seen - {routes.DASHBOARD}
    assert unseen == set()
    for s in catalogue.services:
        assert routes.service(s.id, "de") in found
        assert routes.service(s.id, "de", easy=True) in found
        for lang in ("en", "uk", "ar", "tr"):
            tr = catalogue.translation(lang, s.id)
            if tr is None:
                continue  # not translated: no page of its own in that language
            assert routes.service(s.id, lang) in found
            if tr.easy:
                assert routes.service(s.id, lang, easy=True) in found


def example_pages(monkeypatch, per_page: int) -> dict[str, RenderedPage]:
    """The example site's lists with ``per_page`` services a page."""
    monkeypatch.setattr(lists, "PAGE_ENTRIES", per_page)
    return rendered(example())


def test_a_long_list_goes_on_over_pages_with_a_navigation_between_them(monkeypatch):
    pages = example_pages(monkeypatch, 1)
    # one service a page: as many pages as "Wohnen" holds services (at least three)
    n = sum("wohnen" in s.topics for s in example().services)
    assert n >= 3
    all_pages = [pages[routes.page("themen/wohnen/", k, "de")] for k in range(1, n + 1)]
    first, second, last = all_pages[0], all_pages[1], all_pages[-1]
    assert second.url == "themen/wohnen/seite-2/"
    assert first.title == "Wohnen" and second.title == f"Wohnen – Seite 2 von {n}"
    assert f"<h1>Wohnen – Seite 2 von {n}</h1>" in second.html
    assert f'<p class="sf-note">Seite 1 von {n}</p>' in first.html
    nav = re.search(r'<nav class="sf-pages".*?</nav>', second.html, re.S)
    assert nav is not None
    assert 'aria-label="Seiten der Liste"' in nav.group()
    assert '<a href="../" rel="prev">Vorige Seite</a>' in nav.group()
    assert '<a href="../seite-3/" rel="next">Nächste Seite</a>' in nav.group()
    assert (
        '<span aria-current="page"><span class="sf-visually-hidden">Seite </span>2</span>'
        in nav.group()
    )
    assert 'rel="prev"' not in first.html and 'rel="next"' not in last.html
    # every service of the topic on exactly one of its pages
    listed = [re.findall(r'<li><a href="[^"]*leistungen/([^/"]+)/"', p.html) for p in all_pages]
    assert sorted(i for ids in listed for i in ids) == sorted(
        s.id for s in example().services if "wohnen" in s.topics
    )
    # in Arabic, the interface's words say where the reader is (its list holds the
    # services translated into Arabic)
    n_ar = sum(
        "wohnen" in s.topics and example().translation("ar", s.id) is not None
        for s in example().services
    )
    assert n_ar >= 2
    arabic = pages["ar/topics/wohnen/page-2/"]
    assert arabic.title == f"السكن – الصفحة 2 من {n_ar}"
    assert 'aria-label="صفحات القائمة"' in arabic.html and "الصفحة التالية" in arabic.html


def test_only_first_pages_are_versions_of_each_other(monkeypatch):
    """A page 2 in English lists other services than the German page 2: the language
    switch leads to the first page there, and no hreflang pairs them."""
    pages = example_pages(monkeypatch, 1)
    first = pages["themen/wohnen/"]
    assert {(a.lang, a.url, a.same) for a in first.alternates} >= {
        ("en", "en/topics/wohnen/", True),
        ("ar", "ar/topics/wohnen/", True),
    }
    assert all(not a.same for a in pages["themen/wohnen/seite-2/"].alternates)
    assert [a["lang"] for a in pages["themen/wohnen/seite-2/"].shell["alternates"]] == []
    assert pages["en/topics/wohnen/"].shell["alternates"][0] == {
        "lang": "ar",
        "url": "ar/topics/wohnen/",
    }
    # the trail leads up to the topics and to the list's first page
    assert 'href="../../">Lebenslagen</a>' in pages["themen/wohnen/seite-2/"].html
    assert 'href="../">Wohnen</a>' in pages["themen/wohnen/seite-2/"].html


def test_the_easy_language_list_keeps_its_introduction_on_the_first_page(monkeypatch):
    pages = example_pages(monkeypatch, 2)
    first, second = pages["leichte-sprache/"], pages["leichte-sprache/seite-2/"]
    easy = sum(s.easy is not None for s in example().services)
    assert easy > 2
    assert "So finden Sie eine Hilfe" in first.html
    assert "So finden Sie eine Hilfe" not in second.html
    assert second.title == f"Leichte Sprache – Seite 2 von {-(-easy // 2)}"
    assert "/leichte-sprache/" in second.html  # links to the services' easy pages
    assert "en/easy-read/page-2/" in pages


def test_an_office_with_many_services_lists_the_first_and_leads_to_all(monkeypatch):
    monkeypatch.setattr(lists, "OFFICE_ENTRIES", 1)
    pages = rendered(example())
    office = "behoerden/saale-holzland-kreis-sozialamt/"
    page = pages[office].html
    assert page.count('<li><a href="../../leistungen/') == 1
    all_link = re.search(r'<p class="sf-all"><a href="leistungen/">([^<]*)</a>', page)
    every = pages[office + "leistungen/"]
    count = every.html.count('<li><a href="../../../leistungen/')
    assert count > 1
    assert all_link and all_link.group(1) == (
        "Alle Leistungen: Landratsamt Saale-Holzland-Kreis – "
        f"Sozialhilfe und Eingliederungshilfe ({count})"
    )
    assert every.title.startswith("Leistungen dieser Stelle: Landratsamt Saale-Holzland-Kreis")
    # an office whose services all fit on its page has no second list
    offices = [url for url in pages if re.fullmatch(r"behoerden/[^/]+/", url)]
    for url in offices:
        assert ('<p class="sf-all">' in pages[url].html) == (url + "leistungen/" in pages), url


def test_the_popular_services_come_first_then_the_alphabet():
    entries = [
        Entry(i, t, "", f"{i}/")
        for i, t in [("z", "Zuschuss"), ("a", "Ärztliche Hilfe"), ("b", "Beratung")]
    ]
    assert [e.id for e in prominent(entries, ["b", "missing"])] == ["b", "a", "z"]
    home = rendered(example())[routes.HOME].html
    first = re.findall(r'<li><a href="leistungen/([^/"]+)/"', home)
    assert first[:2] == list(example().site.popular)


def test_titles_are_listed_under_their_letter():
    assert [letter_of(t) for t in ("Ärztliche Hilfe", "„Bürgergeld“", "Élan", "115", "Ωmega")] == [
        "A", "B", "E", OTHER, OTHER,
    ]  # fmt: skip


def test_pages_are_cut_by_count_and_by_text():
    small = [Entry(str(i), "T", "x" * 10, "u/") for i in range(120)]
    assert [len(p) for p in split(small)] == [50, 50, 20]
    large = [Entry(str(i), "T", "x" * 5000, "u/") for i in range(7)]
    assert [len(p) for p in split(large)] == [3, 3, 1]
    assert split([]) == [()]


def test_the_page_navigation_stays_short_however_long_the_list():
    t = {"page_of": "Seite {page} von {pages}"}
    where = pager(10, 200, "themen/x/", "de", t)
    assert [link.number for link in where.links] == [1, None, 8, 9, 10, 11, 12, None, 200]
    assert where.label == "Seite 10 von 200"
    assert (where.previous, where.next) == ("themen/x/seite-9/", "themen/x/seite-11/")
    assert pager(1, 1, "themen/x/", "de", t).links[0].url == "themen/x/"


def test_popular_names_known_services_once(tmp_path: Path):
    project = small_project(tmp_path)
    site = project / "content/site.yaml"
    text = site.read_text(encoding="utf-8")
    service = next((project / "content/services").glob("*.yaml")).stem
    site.write_text(text + f"popular: [{service}, testgelt, {service}]\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_catalogue(project / "content", root=project, today=TODAY)
    messages = [p.format() for p in caught.value.problems if p.field.startswith("popular")]
    assert len(messages) == 2
    assert (
        messages[0].startswith("content/site.yaml:")
        and "popular[1]: unknown service 'testgelt'" in messages[0]
    )
    assert f"popular[2]: '{service}' is named twice" in messages[1]


def test_a_relative_link_resolves_as_a_browser_does():
    page = RenderedPage("themen/wohnen/seite-2/", "t", '<a href="../../../leistungen/x/">', "de")
    assert links(page) == {"leistungen/x/"}
    assert relative_url("leistungen/x/", page.url) == "../../../leistungen/x/"
    assert replace(page, html='<a href="./">').url == page.url


def test_other_languages_lists_made_in_workers_are_the_same_pages(monkeypatch):
    """With the services apart, a large catalogue's other languages are made in worker
    processes while this one makes the source language's: the same pages, in order."""
    catalogue = example()

    def pages(workers: int) -> list[list]:
        renderer = render.Renderer(REPO / "templates", catalogue, TODAY, workers=workers)
        renderer.services_apart = True
        return [p.to_json() for p in renderer.pages()]

    here = pages(1)
    monkeypatch.setattr(render, "LISTS_APART_FROM", 0)
    batches = batches_of(monkeypatch, render)
    handed: list[tuple[Path, int]] = []
    read = render.unpack_from_file

    def spied(path: Path, ends):
        handed.append((path, len(ends)))
        return read(path, ends)

    monkeypatch.setattr(render, "unpack_from_file", spied)
    assert pages(2) == here
    assert batches == [len(catalogue.site.languages) - 1]
    # each language's pages came in a file of their own, gone once they were read
    others = len(catalogue.site.languages) - 1
    assert len(handed) == others and all(count > 0 for _, count in handed)
    assert not any(path.exists() for path, _ in handed)


def test_the_lists_entries_are_let_go_once_every_page_is_made_and_made_again_alike():
    """The writers of the service pages fork after the lists are made: they should not
    start with every service's entry in every language (generator/site/lists.py)."""
    renderer = render.Renderer(REPO / "templates", example(), TODAY, workers=1)
    renderer.services_apart = True
    first = [p.to_json() for p in renderer.pages()]
    assert not renderer.lists._entries and not renderer.lists._offers
    assert [p.to_json() for p in renderer.pages()] == first


def test_a_language_s_entries_are_let_go_and_made_again_alike():
    """A list worker makes several languages one after the other, holding one language's
    entries at a time (render._language_chunk)."""
    lists = render.Renderer(REPO / "templates", example(), TODAY, workers=1).lists
    first = lists.entries("en")
    lists._topic_entries("en")
    lists.forget_language("en")
    assert "en" not in lists._entries and "en" not in lists._topics
    assert lists.entries("en") == first and lists.entries("en") is not first


def test_another_language_s_lists_need_no_source_language_entries():
    """A list worker makes another language's pages from the services' topics alone (the
    parent makes the source language's entries before the workers fork, and they share
    them); equal sets of topics are one object, so reading them copies no page."""
    catalogue = example()
    lists = render.Renderer(REPO / "templates", catalogue, TODAY, workers=1).lists
    pages = list(lists.language_topics("en"))
    assert pages and catalogue.site.language not in lists._entries
    topics = lists.topics_of()
    assert set(topics) == {s.id for s in catalogue.services}
    by_value = {t: id(t) for t in topics.values()}
    assert all(id(t) == by_value[t] for t in topics.values())
