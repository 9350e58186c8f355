"""The page shell's words and links (header, skip link, language switch, header search,
footer, hreflang alternates) for one page, in that page's language.

The shell is drawn by the theme's templates (``site_overrides/``), which know nothing of
languages: each page carries this dictionary in its front matter (key ``sf``), so the
header of an Arabic page is Arabic, right to left, and leads to Arabic pages, and the
theme templates only print what they are given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from generator.content import routes
from generator.content.model import Catalogue
from generator.site import i18n
from generator.site.findability import hreflang

if TYPE_CHECKING:
    from generator.site.pages import Alternate


def shell_meta(
    catalogue: Catalogue,
    url: str,
    lang: str,
    alternates: tuple[Alternate, ...],
    others: list[str],
) -> dict[str, Any]:
    """What the shell of the page at ``url`` in ``lang`` shows; every URL site-root-relative."""
    source = catalogue.site.language
    t = i18n.LABELS[lang]
    words = i18n.SHELL[lang]
    same_page = {a.lang: a.url for a in alternates}
    languages = [source, *others]

    def item(label: str, target: str, target_lang: str = lang) -> dict[str, Any]:
        entry: dict[str, Any] = {"label": label, "url": target, "current": target == url}
        if target_lang != lang:
            entry["hreflang"] = target_lang
        return entry

    if lang == source:
        nav = [
            item(t["home"], routes.HOME),
            item(t["az"], routes.services_index(lang)),
            item(t["topics"], routes.TOPICS),
            item(t["authorities"], routes.AUTHORITIES),
            item(words["my_offices"], routes.MY_OFFICES),
            item(t["title_search"], routes.search(lang)),
            item(t["easy"], routes.easy_index(lang)),
        ]
        legal = [
            item(t["title_imprint"], routes.IMPRINT),
            item(t["title_privacy"], routes.PRIVACY),
        ]
    else:
        nav = [
            item(t["home"], routes.home(lang)),
            item(t["title_search"], routes.search(lang)),
            item(t["easy"], routes.easy_index(lang)),
        ]
        only = f" ({words['german_only']})"
        legal = [
            item(t["title_imprint"] + only, routes.IMPRINT, source),
            item(t["title_privacy"] + only, routes.PRIVACY, source),
        ]
    legal += [
        item(t["title_statement"], routes.statement(lang)),
        item(t["easy"], routes.easy_index(lang)),
    ]
    switch = [
        {
            "lang": other,
            "label": i18n.LANGUAGE_NAMES[other],
            # the same page where that language has it, else that language's start
            "url": url if other == lang else same_page.get(other, routes.home(other)),
            "current": other == lang,
        }
        for other in languages
    ]
    return {
        "lang": lang,
        "dir": i18n.DIRECTION[lang],
        # the page title's parts besides the page's name (site_overrides/main.html)
        "variant": t["easy"] if _is_easy_page(url, lang) else "",
        "tagline": _tagline(catalogue.site.description) if url == routes.HOME else "",
        "site_name_lang": source if lang != source else "",
        "home": routes.home(lang),
        "skip": words["skip"],
        "main_nav": words["main_nav"],
        "menu": words["menu"],
        "nav": nav,
        "search": {
            "action": routes.search(lang),
            "landmark": words["header_search"],
            "label": words["search_term"],
            "button": words["search_button"],
        },
        "languages_label": words["languages"],
        "languages": switch if len(languages) > 1 else [],
        "legal_label": words["legal_nav"],
        "legal": legal,
        # the head's hreflang links: the same set the sitemap lists (findability.py)
        "alternates": [
            {"lang": code, "url": target}
            for code, target in hreflang(lang, url, alternates, source)
        ],
    }


def _is_easy_page(url: str, lang: str) -> bool:
    """An easy-language service page (not the list of them)."""
    words = routes.segments(lang)
    return url.startswith(words.services) and url.endswith(words.easy) and url != words.services


def _tagline(description: str) -> str:
    """The site description's first sentence: the home page's title says the site's name
    once, and then what it is for."""
    text = " ".join(description.split())
    for i, char in enumerate(text):
        if char in ".?!":
            return text[: i + 1]
    return text


def theme_extra(catalogue: Catalogue, others: list[str]) -> dict[str, Any]:
    """What the theme's pages without front matter need: the 404 page's shell (source
    language) and its message in every language, each block marked with its language,
    because one 404 page answers for every address and cannot know the reader's."""
    source = catalogue.site.language
    blocks = []
    for lang in [source, *others]:
        words = i18n.SHELL[lang]
        blocks.append(
            {
                "lang": lang,
                "dir": i18n.DIRECTION[lang],
                "title": words["not_found_title"],
                "text": words["not_found_text"],
                "search_label": i18n.SEARCH[lang]["label"],
                "search_button": i18n.SEARCH[lang]["submit"],
                "search": routes.search(lang),
                "index": routes.services_index(lang),
                "index_label": i18n.SEARCH[lang]["az"]
                if lang == source
                else i18n.LABELS[lang]["title_index"],
                "home": routes.home(lang),
                "home_label": words["not_found_home"],
            }
        )
    return {
        "sf_shell": shell_meta(catalogue, "404.html", source, (), others),
        "sf_not_found": blocks,
    }
