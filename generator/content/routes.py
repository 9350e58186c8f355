"""Every address the site has, in one place.

Pages, data files and templates ask here for a URL instead of writing one; changing an
address is then a change of one line, and a test can list every page the site has. All
URLs are site-root-relative directory URLs (``leistungen/x/``); templates turn them into
relative links with ``link()``, so the site works under any path prefix.

German is the source language and keeps the short German addresses; every other language
lives below its code (``en/``), with English path words unless :data:`SEGMENTS` names its own.
"""

from __future__ import annotations

from dataclasses import dataclass

#: the site's pages that exist once, in the source language
HOME = ""
TOPICS = "themen/"
AUTHORITIES = "behoerden/"
MY_OFFICES = "meine-stellen/"
IMPRINT = "impressum/"
PRIVACY = "datenschutz/"
ACCESSIBILITY = "barrierefreiheit/"
#: the editors' page: not linked from the menus, not in search or sitemap
DASHBOARD = "redaktion/"
#: the source language's services by first letter, one folder a letter (``a-z/b/``): a
#: folder of its own, as any word below ``leistungen/`` could be a service's id
LETTERS = "a-z/"

#: scripts the pages load, by logical path: templates write ``asset(routes.X)``, which
#: gives the content-hashed name the pipeline's asset manifest assigned
#: (``generator/site/assets.py``); data files carry content hashes too
SEARCH_SCRIPT = "assets/search.js"
LOOKUP_SCRIPT = "assets/lookup.js"
PRECHECK_SCRIPT = "assets/precheck.js"
SORTABLE_SCRIPT = "assets/sortable.js"
#: fetches the lookup's script when the citizen first uses the lookup (see the file)
ON_USE_SCRIPT = "assets/onuse.js"
LUNR_SCRIPTS = (
    "assets/search/lunr.js",
    "assets/search/lunr.stemmer.support.js",
    "assets/search/lunr.de.js",
)
#: a language's own stemmer script, loaded by its search page only
LUNR_LANGUAGE_SCRIPTS = {"tr": "assets/search/lunr.tr.js"}
#: the scripts a service page may load: their names are part of its cache key
PAGE_SCRIPTS = (LOOKUP_SCRIPT, PRECHECK_SCRIPT, ON_USE_SCRIPT)
#: data files of words a script fetches (``lookup_words``); their names are part of a
#: service page's cache key too
WORDS_DIR = "assets/words/"


def lookup_words(lang: str, easy: bool = False) -> str:
    """The lookup's words for pages in ``lang`` (easy-language pages have their own), by
    logical path: lookup.js fetches them when it starts, so they are not in every page."""
    return f"{WORDS_DIR}lookup-{lang}{'-easy' if easy else ''}.json"


@dataclass(frozen=True)
class Segments:
    """The path words of one language's pages."""

    prefix: str  # "" for the source language, else "<lang>/"
    services: str  # the folder of service pages
    index: str  # the language's list of services
    easy: str  # the easy-language variant below a service page
    easy_index: str
    search: str
    #: the folder of the language's pages of services by topic (``<topics><topic id>/``)
    topics: str = ""
    #: the word before the number of a list's second and later pages (``seite-2/``)
    page: str = "page-"


SEGMENTS: dict[str, Segments] = {
    "de": Segments(
        "", "leistungen/", "leistungen/", "leichte-sprache/", "leichte-sprache/", "suche/",
        TOPICS, "seite-",
    ),
    "en": Segments(
        "en/", "en/services/", "en/", "easy-read/", "en/easy-read/", "en/search/", "en/topics/"
    ),
}  # fmt: skip


def segments(lang: str) -> Segments:
    """A language's path words; a language without its own gets English words below
    its code, so adding a language needs no change here."""
    if lang in SEGMENTS:
        return SEGMENTS[lang]
    return Segments(
        f"{lang}/", f"{lang}/services/", f"{lang}/", "easy-read/", f"{lang}/easy-read/",
        f"{lang}/search/", f"{lang}/topics/",
    )  # fmt: skip


def service(service_id: str, lang: str, *, easy: bool = False) -> str:
    s = segments(lang)
    return f"{s.services}{service_id}/" + (s.easy if easy else "")


def authority(authority_id: str) -> str:
    return f"{AUTHORITIES}{authority_id}/"


def services_index(lang: str) -> str:
    """The list of services a language's pages lead back to (A–Z in the source language)."""
    return segments(lang).index


def easy_index(lang: str) -> str:
    return segments(lang).easy_index


def search(lang: str) -> str:
    return segments(lang).search


def topic(topic_id: str, lang: str = "de") -> str:
    """The services of a topic in ``lang`` (the first page of them)."""
    return f"{segments(lang).topics}{topic_id}/"


def letter(slug: str) -> str:
    """The source language's services whose titles start with a letter (its first page)."""
    return f"{LETTERS}{slug}/"


def authority_services(authority_id: str) -> str:
    """Every service of an office, where its own page shows only the first of them."""
    return f"{authority(authority_id)}leistungen/"


def page(first: str, number: int, lang: str) -> str:
    """Page ``number`` of the list whose first page is at ``first``."""
    return first if number == 1 else f"{first}{segments(lang).page}{number}/"


def home(lang: str) -> str:
    """Where a language's pages start: the home page, or the language's list of services."""
    return HOME if segments(lang).prefix == "" else services_index(lang)


def statement(lang: str) -> str:
    """The accessibility statement, in every language the site has."""
    prefix = segments(lang).prefix
    return f"{prefix}accessibility/" if prefix else ACCESSIBILITY


#: files the build writes at the top of the site, beside the pages
TOP_FILES = ("index.html", "404.html", "robots.txt", "sitemap.xml", "_headers", ".htaccess")


def top_level(languages: list[str] | tuple[str, ...]) -> frozenset[str]:
    """The first path segment of every page and file the build makes (``leistungen``,
    ``en``, ``assets``...): a free page there would replace a generated one or be
    replaced by it, so content/pages may not use them."""
    names = {"assets", "data", *TOP_FILES}
    for route in (
        TOPICS, AUTHORITIES, MY_OFFICES, IMPRINT, PRIVACY, ACCESSIBILITY, DASHBOARD, LETTERS
    ):  # fmt: skip
        names.add(route.split("/")[0])
    for lang in ("de", *languages):
        s = segments(lang)
        for route in (
            s.prefix, s.services, s.index, s.easy_index, s.search, s.topics, statement(lang)
        ):  # fmt: skip
            if route:
                names.add(route.split("/")[0])
    return frozenset(names)
