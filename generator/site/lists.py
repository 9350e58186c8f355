"""The pages that list services: the home page, A–Z, topics, each language's start page,
the easy-language lists and an office's services. Each stays small at any catalogue size.

A list that showed every service grew with the catalogue: at 5,000 services the home page
was 1.5 MB of HTML (83 KB brotli) and the topics page 3.5 MB (100 KB), far past the 14 KB
a first round trip brings. So each page shows a bounded part and leads one level down:

- the home page and each language's start page: the topics, and a few services: the
  site's ``popular`` ones first (the editors' ordered list in site.yaml, checked against the
  services; the site keeps no usage figures), then the others in alphabetical order;
- the topics page and the A–Z index: each topic or letter with its count, its first few
  services, and a link to its own page;
- a topic's page, a letter's page, an office's services and the easy-language lists:
  every service, split into pages of at most :data:`PAGE_ENTRIES` entries and
  :data:`PAGE_TEXT` bytes of text, with a navigation between them ("Seite 2 von 7").

``bench/list_figures.py`` measures these pages at 1,000, 5,000 and 10,000 services;
``tests/test_lists.py`` holds each of them under 14 KB brotli and every service reachable.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol

from generator.content import routes
from generator.content.model import Catalogue
from generator.content.resolve import Offer, offer_of, services_of
from generator.content.schema import Authority, Service, ServiceTranslation
from generator.site import i18n
from generator.site.pages import Alternate, RenderedPage
from generator.site.views import offer_lookup_data

#: at most this many services on one page of a full list ...
PAGE_ENTRIES = 50
#: ... and at most this many bytes of their titles and summaries (UTF-8): 50 entries of
#: the longest texts the schema allows would be 200 KB. Measured (bench/list_figures.py,
#: summaries of random words, which compress worse than prose): the largest such page,
#: Turkish, 35 KB of HTML with the frame, is 7.4 KB brotli, half the 14 KB of a round trip
PAGE_TEXT = 16_000
#: services the home page and each language's start page show
START_ENTRIES = 12
#: services an office's page shows before the link to all of them
OFFICE_ENTRIES = 10
#: services "Meine Stellen" answers for: the lookup answers one line each
MY_OFFICES_ENTRIES = 20
#: titles a topic or letter shows on the overviews, and at most in all on one overview
GROUP_ENTRIES = 5
OVERVIEW_ENTRIES = 60
#: pages the navigation names on either side of the current one (first and last always)
SPREAD = 2
#: umlauts sorted with their base letter, as German readers expect
_FOLD = str.maketrans({"ä": "a", "ö": "o", "ü": "u", "ß": "ss", "Ä": "A", "Ö": "O", "Ü": "U"})
#: the slug of the letter group of titles that start with no letter from A to Z
OTHER = "0-9"


class PageMaker(Protocol):
    """The renderer's page factory (``Renderer._page``)."""

    def __call__(
        self,
        template: str,
        url: str,
        title: str,
        lang: str,
        *,
        data: dict[str, Any] | None = None,
        description: str = "",
        alternates: tuple[Alternate, ...] = (),
        crumbs: list[tuple[str, str]] | None = None,
        all_assets: bool = False,
    ) -> RenderedPage: ...


@dataclass(frozen=True, slots=True)
class Entry:
    """A service as a list shows it, in one language."""

    id: str
    title: str
    summary: str
    url: str
    #: its easy-language page in the same language, where it has one
    easy_title: str | None = None
    easy_url: str | None = None
    #: a machine translation no reviewer has cleared yet (the list says so)
    machine_translated: bool = False

    @property
    def size(self) -> int:
        """Bytes of text it adds to a page (markup and address compress to a few)."""
        return sum(len(s.encode()) for s in (self.title, self.summary, self.easy_title or ""))


@dataclass(frozen=True)
class Group:
    """A topic or a letter on an overview: its count, first entries and own page."""

    id: str
    name: str
    #: the name's language, where it is not the page's (a topic not named in the language)
    name_lang: str | None
    url: str
    count: int
    first: tuple[Entry, ...]
    #: the link to its own page, which says how many it lists ("Alle Leistungen: B (12)")
    all_label: str


@dataclass(frozen=True)
class PageLink:
    """One place in a list's page navigation; ``number`` None is a gap ("…")."""

    number: int | None
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pager:
    """Where a page is in its list, and the way to the other pages."""

    number: int
    count: int
    #: "Seite 2 von 7" in the page's language
    label: str
    links: tuple[PageLink, ...]
    previous: str | None
    next: str | None


def sort_key(title: str, service_id: str) -> tuple[str, str]:
    """Alphabetical as readers expect (umlauts with their base letter); the id settles
    equal titles, so the order never depends on the order files were read in."""
    return title.translate(_FOLD).casefold(), service_id


def alphabetical(entries: Sequence[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: sort_key(e.title, e.id))


def prominent(entries: Sequence[Entry], popular: Sequence[str]) -> list[Entry]:
    """The ``popular`` entries in their order, then the others in alphabetical order."""
    by_id = {e.id: e for e in entries}
    first = [by_id[i] for i in popular if i in by_id]
    chosen = {e.id for e in first}
    return first + [e for e in alphabetical(entries) if e.id not in chosen]


def letter_of(title: str) -> str:
    """The A–Z letter a title is listed under: its first letter or digit without accents
    (Ä under A, É under E), or :data:`OTHER` for digits and other scripts."""
    for char in unicodedata.normalize("NFKD", title.translate(_FOLD)):
        if char.isalnum():
            upper = char.upper()
            return upper if "A" <= upper <= "Z" else OTHER
    return OTHER


def split(entries: Sequence[Entry]) -> list[tuple[Entry, ...]]:
    """Pages of at most :data:`PAGE_ENTRIES` entries and :data:`PAGE_TEXT` bytes of text
    (an entry longer than that alone is a page alone); at least one page."""
    pages: list[tuple[Entry, ...]] = []
    page: list[Entry] = []
    size = 0
    for entry in entries:
        if page and (len(page) == PAGE_ENTRIES or size + entry.size > PAGE_TEXT):
            pages.append(tuple(page))
            page, size = [], 0
        page.append(entry)
        size += entry.size
    pages.append(tuple(page))
    return pages


def pager(number: int, count: int, first: str, lang: str, t: dict[str, str]) -> Pager:
    """Page ``number`` of ``count`` of the list whose first page is at ``first``: the
    navigation names the first, the last, and :data:`SPREAD` pages either side of this one,
    so it stays short however long the list."""
    near = {1, count, *range(number - SPREAD, number + SPREAD + 1)}
    links: list[PageLink] = []
    last = 0
    for n in sorted(k for k in near if 1 <= k <= count):
        if n - last > 1:
            links.append(PageLink(None))
        links.append(PageLink(n, routes.page(first, n, lang), n == number))
        last = n
    return Pager(
        number=number,
        count=count,
        label=t["page_of"].format(page=number, pages=count),
        links=tuple(links),
        previous=routes.page(first, number - 1, lang) if number > 1 else None,
        next=routes.page(first, number + 1, lang) if number < count else None,
    )


def format_count(n: int, lang: str) -> str:
    """A count as the language writes numbers (1.234 in German, 1,234 in English)."""
    return f"{n:,}".replace(",", i18n.STRINGS[lang]["language"]["thousands"])


def all_label(name: str, count: int, lang: str) -> str:
    """The link to a whole list: its name and how many it holds. Worded "all services:
    name (count)", so no language needs the plural forms of its nouns."""
    return i18n.LABELS[lang]["all_in"].format(name=name, count=format_count(count, lang))


class ListPages:
    """Every list page of the site, made with the renderer's page factory ``make``."""

    def __init__(self, catalogue: Catalogue, others: list[str], make: PageMaker) -> None:
        self.catalogue = catalogue
        self.source = catalogue.site.language
        self.others = others
        self.make = make
        #: made once per language: every page of that language's lists reads them
        self._entries: dict[str, list[Entry]] = {}
        self._topics: dict[str, dict[str, list[Entry]]] = {}
        #: each service's topics and offer, read with its source-language entry: the
        #: services are kept packed, and each read unpacks one (content/shelf.py)
        self._topics_of: dict[str, tuple[str, ...]] = {}
        self._topic_sets: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._offers: list[Offer] = []

    def forget(self) -> None:
        """Let go of the entries made for the lists (every service in every language,
        about a kilobyte each): once the lists are made, nothing reads them, and every
        process forked later (the writers of the service pages) would start with them."""
        self._entries, self._topics, self._topics_of, self._offers = {}, {}, {}, []
        self._topic_sets = {}

    def forget_language(self, lang: str) -> None:
        """Let go of ``lang``'s entries once its pages are made (a process that makes
        several languages one after the other holds one language's at a time)."""
        self._entries.pop(lang, None)
        self._topics.pop(lang, None)

    # --- the entries -----------------------------------------------------------------------

    def entries(self, lang: str) -> list[Entry]:
        """Every service with a page in ``lang``, alphabetical by its title there."""
        if lang not in self._entries:
            if lang == self.source:
                made = []
                for service in self.catalogue.services:
                    made.append(self._entry(service.id, lang, service))
                    self._note_topics(service)
                    self._offers.append(offer_of(service))
            else:  # the translations only: each read of a service unpacks it (shelf.py)
                translations = self.catalogue.translations
                made = [
                    self._entry(i, lang, translations[(lang, i)])
                    for other, i in translations
                    if other == lang
                ]
            self._entries[lang] = alphabetical(made)
        return self._entries[lang]

    def _entry(self, service_id: str, lang: str, text: Service | ServiceTranslation) -> Entry:
        """A service's entry in ``lang``, from its ``text`` there: as on the service's page
        (views.service_view), title and summary are the translation's own, and the easy
        text is never taken from another language."""
        easy = text.easy
        return Entry(
            service_id,
            text.title,
            text.summary,
            routes.service(service_id, lang),
            easy_title=easy.title if easy else None,
            easy_url=routes.service(service_id, lang, easy=True) if easy else None,
            machine_translated=isinstance(text, ServiceTranslation) and text.review is not None,
        )

    def _topic_entries(self, lang: str) -> dict[str, list[Entry]]:
        """Each topic's entries in ``lang`` (alphabetical), topics in the site's order."""
        if lang not in self._topics:
            self.topics_of()
            out: dict[str, list[Entry]] = {t.id: [] for t in self.catalogue.site.topics}
            for entry in self.entries(lang):
                for topic in self._topics_of[entry.id]:
                    out[topic].append(entry)
            self._topics[lang] = out
        return self._topics[lang]

    def topics_of(self) -> dict[str, tuple[str, ...]]:
        """Each service's topics (one tuple for equal ones), read with the source
        language's entries, or, where another language's lists need no more, alone: a
        worker that makes another language's lists makes no source-language entry."""
        if not self._topics_of:
            for service in self.catalogue.services:
                self._note_topics(service)
        return self._topics_of

    def _note_topics(self, service: Service) -> None:
        topics = tuple(service.topics)
        self._topics_of[service.id] = self._topic_sets.setdefault(topics, topics)

    def _topics_in(self, lang: str) -> set[str]:
        """The topics with a service in ``lang``, from the catalogue's keys alone: making
        another language's entries for this unpacked all its translations, in each
        language's process (at 10,000 services in five languages, 200,000 reads)."""
        self.topics_of()
        if lang == self.source:
            ids: Iterable[str] = self._topics_of
        else:
            ids = (i for other, i in self.catalogue.translations if other == lang)
        return {topic for i in ids for topic in self._topics_of[i]}

    def _groups(
        self,
        lang: str,
        members: dict[str, list[Entry]],
        names: Mapping[str, tuple[str, str | None]],
        url: Callable[[str], str],
    ) -> list[Group]:
        """Overview groups with at most :data:`GROUP_ENTRIES` entries each, fewer where
        there are many groups (:data:`OVERVIEW_ENTRIES` in all), the popular ones first."""
        each = max(1, min(GROUP_ENTRIES, OVERVIEW_ENTRIES // max(1, len(members))))
        popular = self.catalogue.site.popular
        return [
            Group(
                key,
                *names[key],
                url=url(key),
                count=len(entries),
                first=tuple(prominent(entries, popular)[:each]),
                all_label=all_label(names[key][0], len(entries), lang),
            )
            for key, entries in members.items()
            if entries
        ]

    def _topic_name(self, topic_id: str, lang: str) -> tuple[str, str | None]:
        """A topic's name in ``lang``, or in the source language (then named so)."""
        label = next(t for t in self.catalogue.site.topics if t.id == topic_id)
        own = getattr(label, lang, None)
        return (own, None) if own else (self.catalogue.topic_label(topic_id, lang), self.source)

    # --- the pages -------------------------------------------------------------------------

    def home(self, alternates: tuple[Alternate, ...]) -> RenderedPage:
        """The source language's home page: the topics, and the first services."""
        lang = self.source
        entries = self.entries(lang)
        chosen = prominent(entries, self.catalogue.site.popular)[:START_ENTRIES]
        return self.make(
            "home.html",
            routes.HOME,
            self.catalogue.site.name,
            lang,
            data={"topics": self._topic_tiles(lang), "entries": chosen, "total": len(entries)},
            alternates=alternates,
        )

    def language_home(self, lang: str, alternates: tuple[Alternate, ...]) -> RenderedPage:
        """A translated language's start page: its topics and its first services."""
        entries = self.entries(lang)
        chosen = prominent(entries, self.catalogue.site.popular)[:START_ENTRIES]
        return self.make(
            "language_index.html",
            routes.services_index(lang),
            i18n.LABELS[lang]["title_index"],
            lang,
            data={"topics": self._topic_tiles(lang), "services": chosen, "total": len(entries)},
            alternates=alternates,
        )

    def _topic_tiles(self, lang: str) -> list[tuple[str, str | None, str]]:
        """(name, its language where not ``lang``, address) of each topic with services."""
        members = self._topic_entries(lang)
        return [
            (*self._topic_name(t.id, lang), routes.topic(t.id, lang))
            for t in self.catalogue.site.topics
            if members[t.id]
        ]

    def az(self, alternates: tuple[Alternate, ...]) -> Iterator[RenderedPage]:
        """The A–Z index (each letter, its count and first services), then each letter's
        pages."""
        lang = self.source
        t = i18n.LABELS[lang]
        letters: dict[str, list[Entry]] = {}
        for entry in self.entries(lang):
            letters.setdefault(letter_of(entry.title), []).append(entry)
        # A to Z, then the titles that start otherwise
        ordered = dict(sorted(letters.items(), key=lambda kv: (kv[0] == OTHER, kv[0])))
        names = {k: (t["letter_other"] if k == OTHER else k, None) for k in ordered}
        groups = self._groups(lang, ordered, names, lambda k: routes.letter(k.lower()))
        index = routes.services_index(lang)
        yield self.make(
            "az.html", index, t["title_index"], lang, data={"groups": groups},
            alternates=alternates,
        )  # fmt: skip
        for group in groups:
            yield from self._full_list(
                ordered[group.id],
                group.url,
                f"{t['az']}: {group.name}",
                lang,
                crumbs=[(t["az"], index)],
                others=alternates,
            )

    def topics(self) -> Iterator[RenderedPage]:
        """The topics overview of the source language, then each topic's pages."""
        lang = self.source
        t = i18n.LABELS[lang]
        members = self._topic_entries(lang)
        names = {k: self._topic_name(k, lang) for k in members}
        groups = self._groups(lang, members, names, lambda k: routes.topic(k, lang))
        yield self.make(
            "topics.html", routes.TOPICS, t["title_topics"], lang, data={"groups": groups}
        )
        yield from self._topic_pages(lang, members, [(t["topics"], routes.TOPICS)])

    def language_topics(self, lang: str) -> Iterator[RenderedPage]:
        """A translated language's topic pages (its start page leads to them)."""
        yield from self._topic_pages(lang, self._topic_entries(lang), [])

    def _topic_pages(
        self, lang: str, members: dict[str, list[Entry]], crumbs: list[tuple[str, str]]
    ) -> Iterator[RenderedPage]:
        """Each topic's pages in ``lang``; the first page's versions are the same topic's
        first page in each language that has services in it."""
        has = {
            other: self._topics_in(other) for other in [self.source, *self.others] if other != lang
        }
        for topic_id, entries in members.items():
            if not entries:
                continue
            name, name_lang = self._topic_name(topic_id, lang)
            versions = tuple(
                Alternate(other, routes.topic(topic_id, other), i18n.LANGUAGE_NAMES[other])
                for other, topics in has.items()
                if topic_id in topics
            )
            yield from self._full_list(
                entries,
                routes.topic(topic_id, lang),
                name,
                lang,
                crumbs=crumbs,
                others=versions,
                name_lang=name_lang,
            )

    def easy_index(self, lang: str, alternates: tuple[Alternate, ...]) -> Iterator[RenderedPage]:
        """The easy-language entry page (BITV 2.0 § 4) and, where its list is long, the
        further pages of it; the introduction is on the first page only."""
        # each an entry of its easy page, by its easy title (all the list shows of it)
        easy = [
            Entry(e.id, e.easy_title, "", e.easy_url)
            for e in self.entries(lang)
            if e.easy_title is not None and e.easy_url is not None
        ]
        chunks = split(alphabetical(easy))
        first = routes.easy_index(lang)
        t = i18n.LABELS[lang]
        for number, chunk in enumerate(chunks, 1):
            yield self._list_page(
                "easy_index.html",
                first,
                number,
                len(chunks),
                i18n.LABELS[lang]["easy"],
                lang,
                chunk,
                crumbs=[],
                alternates=alternates,
                t=t,
            )

    def my_offices(self) -> RenderedPage:
        """ "Meine Stellen": the lookup answers for the first services (it says one line
        for each); every service's own page has the lookup for that service."""
        lang = self.source
        t = i18n.LABELS[lang]
        entries = self.entries(lang)
        chosen = prominent(entries, self.catalogue.site.popular)[:MY_OFFICES_ENTRIES]
        services = [self.catalogue.service(e.id) for e in chosen]
        listed = [
            {
                "title": e.title,
                "url": e.url,
                "kind": service.responsible.authority_kind,
                **offer_lookup_data(self.catalogue, service, lang),
            }
            for e, service in zip(chosen, services, strict=True)
        ]
        return self.make(
            "my_offices.html",
            routes.MY_OFFICES,
            t["title_my_offices"],
            lang,
            data={"listed": listed, "entries": chosen, "total": len(entries)},
        )

    def office(self, authority: Authority) -> tuple[dict[str, Any], list[RenderedPage]]:
        """What an office's page lists of its services (``entries``, ``total`` and, where
        it shows only the first, ``all_url``), and the pages of all of them then."""
        lang = self.source
        t = i18n.LABELS[lang]
        self.entries(self.source)  # reads the offers
        ids = set(services_of(self._offers, authority))
        entries = [e for e in self.entries(lang) if e.id in ids]
        chosen = prominent(entries, self.catalogue.site.popular)[:OFFICE_ENTRIES]
        data: dict[str, Any] = {"entries": chosen, "total": len(entries), "all_url": None}
        if len(chosen) == len(entries):
            return data, []
        data["all_url"] = routes.authority_services(authority.id)
        name = authority.name + (f" – {authority.department}" if authority.department else "")
        data["all_label"] = all_label(name, len(entries), lang)
        pages = self._full_list(
            entries,
            data["all_url"],
            f"{t['services_here']}: {name}",
            lang,
            crumbs=[(t["authorities"], routes.AUTHORITIES), (name, routes.authority(authority.id))],
            others=(),
        )
        return data, list(pages)

    # --- a full list in pages --------------------------------------------------------------

    def _full_list(
        self,
        entries: Sequence[Entry],
        first: str,
        name: str,
        lang: str,
        *,
        crumbs: list[tuple[str, str]],
        others: tuple[Alternate, ...],
        name_lang: str | None = None,
    ) -> Iterator[RenderedPage]:
        """Every entry, in pages; the first page's versions in other languages are
        ``others``."""
        chunks = split(entries)
        t = i18n.LABELS[lang]
        for number, chunk in enumerate(chunks, 1):
            yield self._list_page(
                "list.html",
                first,
                number,
                len(chunks),
                name,
                lang,
                chunk,
                crumbs=crumbs,
                alternates=others,
                t=t,
                name_lang=name_lang,
            )

    def _list_page(
        self,
        template: str,
        first: str,
        number: int,
        count: int,
        name: str,
        lang: str,
        chunk: tuple[Entry, ...],
        *,
        crumbs: list[tuple[str, str]],
        alternates: tuple[Alternate, ...],
        t: dict[str, str],
        name_lang: str | None = None,
    ) -> RenderedPage:
        """Page ``number`` of a list. Its title says which page it is, so each page of a
        list has a title of its own; the second and later pages have no versions in other
        languages (a page 2 there lists other services), the language switch leads to
        the first page there."""
        where = pager(number, count, first, lang, t)
        title = name if number == 1 else f"{name} – {where.label}"
        return self.make(
            template,
            routes.page(first, number, lang),
            title,
            lang,
            data={"entries": chunk, "pager": where, "name": name, "name_lang": name_lang},
            alternates=alternates
            if number == 1
            else tuple(replace(a, same=False) for a in alternates),
            crumbs=crumbs if number == 1 else [*crumbs, (name, first)],
        )
