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

from generator.site import i18n

#: page templates that are easy-language pages
EASY_TEMPLATES = frozenset({"service_easy.html", "easy_index.html"})


def _easy(lang: str, section: str) -> dict[str, str]:
    return dict((i18n.STRINGS[lang].get("easy") or {}).get(section) or {})


def labels(lang: str, template: str) -> dict[str, str]:
    """The interface words for a page made from ``template``."""
    plain = i18n.LABELS[lang]
    if template not in EASY_TEMPLATES:
        return plain
    return {**plain, **_easy(lang, "labels")}


def lookup_words(lang: str, template: str) -> dict[str, str]:
    """The lookup script's words for a page made from ``template``."""
    plain = i18n.LOOKUP[lang]
    if template not in EASY_TEMPLATES:
        return plain
    return {**plain, **_easy(lang, "lookup")}


def shell(lang: str, template: str) -> dict[str, str]:
    """The page shell's words (fallback text, skip link, ...) for a page made from ``template``."""
    plain = i18n.SHELL[lang]
    if template not in EASY_TEMPLATES:
        return plain
    return {**plain, **_easy(lang, "shell")}
