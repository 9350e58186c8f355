"""The site's own words on easy-language pages, in easy language.

The fixed texts of the interface (the lookup's hints, the accessibility labels, the
fallback question) are written for the full pages; on easy pages the same rules apply to
them as to editors' texts: no negation, no passive, no abbreviation, short words. A
language's strings file may carry an ``easy`` section with the easy wording of every text
that breaks a rule; the words a page gets are the plain ones with these laid over them
(``tests/test_easy_words.py`` checks every fixed text on the built easy pages with the
easy-language checker).
"""

from __future__ import annotations

import json
from functools import cache

from generator.content import routes
from generator.site import i18n

#: page templates that are easy-language pages
EASY_TEMPLATES = frozenset({"service_easy.html", "easy_index.html"})


@cache
def _words(section: str, lang: str, easy: bool) -> dict[str, str]:
    """A strings section, with the easy wording laid over it for easy pages; made once per
    language and kind of page, not for every page (callers must not change it)."""
    plain: dict[str, str] = i18n.STRINGS[lang][section]
    if not easy:
        return plain
    return {**plain, **((i18n.STRINGS[lang].get("easy") or {}).get(section) or {})}


def labels(lang: str, template: str) -> dict[str, str]:
    """The interface words for a page made from ``template``."""
    return _words("labels", lang, template in EASY_TEMPLATES)


#: the pre-check's words only its question list shows; the others go into its script's data
_PRECHECK_LIST_ONLY = frozenset(
    {"title", "intro", "overview", "goto", "yes", "no", "checklist_label"}
)


@cache
def precheck_words(lang: str, template: str, easy: bool) -> tuple[dict[str, str], dict[str, str]]:
    """The pre-check's words (the ``pc_`` labels, named without the prefix; with ``easy``
    the ``pc_easy_`` wording laid over them) and the part of them its script needs. Made
    once per language and kind of page, not on every page (callers must not change them)."""
    t = labels(lang, template)
    words = {
        key[3:]: t.get("pc_easy_" + key[3:], value) if easy else value
        for key, value in t.items()
        if key.startswith("pc_") and not key.startswith("pc_easy_")
    }
    script = {k: v for k, v in words.items() if k not in _PRECHECK_LIST_ONLY}
    return words, script


def lookup_words(lang: str, template: str) -> dict[str, str]:
    """The lookup script's words for a page made from ``template``."""
    return _words("lookup", lang, template in EASY_TEMPLATES)


def lookup_script_words(lang: str, template: str, source: str) -> dict[str, str]:
    """Everything lookup.js says on a page made from ``template`` in ``lang``; ``source``
    is the site's language (its pages need no pointer to the number 115 in the office
    data's language)."""
    fallback = shell(lang, template)["fallback_text"] if lang != source else ""
    return {**lookup_words(lang, template), "fallback_text": fallback}


def lookup_word_files(languages: list[str], source: str) -> dict[str, str]:
    """lookup.js's words as data files, one per language and kind of page (logical path
    -> JSON text): the same for every page of that kind, so a browser fetches them once
    and not with every page (see ``routes.lookup_words``)."""
    files = {}
    easy_template = sorted(EASY_TEMPLATES)[0]
    for lang in languages:
        for easy, template in ((False, "service.html"), (True, easy_template)):
            words = lookup_script_words(lang, template, source)
            files[routes.lookup_words(lang, easy)] = json.dumps(
                words, ensure_ascii=False, sort_keys=True, separators=(",", ":")
            )
    return files


def shell(lang: str, template: str) -> dict[str, str]:
    """The page shell's words (fallback text, skip link, ...) for a page made from ``template``."""
    return _words("shell", lang, template in EASY_TEMPLATES)
