"""Terms a translation keeps in the site's language, marked as that language in its pages.

A Ukrainian page says "соціальне відомство (Sozialamt)": without ``lang="de"`` a screen
reader reads "Sozialamt" by Ukrainian rules. The glossary lists such terms once
(``kept`` in ``content/glossary.yaml``), and the names of the areas offices answer for
("Landkreis Northeim") are added from the content; every page in another language gets
each occurrence wrapped in ``<span lang="de" dir="ltr">`` (``dir`` isolates it in a
right-to-left page), wherever the text came from.

The rendered page is walked as a sequence of tags and text runs. Only text runs change,
and only by a fixed element around a whole word of letters, digits, spaces and hyphens
(``KeptTerm`` in the schema), so an escape sequence (``&amp;``) is never cut and no
markup can come from a term. Text already inside an element of that language, and the
text of elements that hold no markup (script, style, title, textarea, option) or of SVG,
is left as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from generator.content.model import Catalogue

#: elements without an end tag
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
#: elements whose content is left alone: raw text, or text without elements
_KEEP = frozenset({"script", "style", "title", "textarea", "option", "svg", "head"})
_TOKEN = re.compile(r"<!--.*?-->|<[!?/]?[A-Za-z][^>]*>", re.S)
_NAME = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)")
_LANG = re.compile(r"""\slang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)


def term_pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    """One pattern finding any of ``terms`` as whole words (longest first, so "Landkreis
    Northeim" wins over "Landkreis"); None for no terms. Not inside an address or an
    e-mail address (``sozialhilfe@...``, ``/jobcenter/``)."""
    words = sorted({t for t in terms if t}, key=lambda t: (-len(t), t))
    if not words:
        return None
    # each alternative starts with its first letter and only then looks behind it: a
    # pattern that starts with letters lets the regex engine skip to where one of them
    # stands, one that starts with a look-behind tries it at every character (a page's
    # text searched in 0.1 instead of 0.5 ms with the example's 32 terms)
    alternatives = "|".join(re.escape(w[0]) + r"(?<![\w@/.\-].)" + re.escape(w[1:]) for w in words)
    return re.compile(rf"(?:{alternatives})(?![\w@/\-])")


#: a date as the source language writes it (31.12.2022)
_DATE = re.compile(r"(?<![\d.])\d{1,2}\.\d{1,2}\.\d{4}(?![\d])")


def mark_terms(
    html: str,
    pattern: re.Pattern[str] | None,
    lang: str,
    direction: str,
    *,
    isolate_dates: bool = False,
) -> str:
    """``html`` with every match of ``pattern`` in its text, outside an element already
    in ``lang``, wrapped in an element marking it as ``lang``; with ``isolate_dates`` (a
    right-to-left page) each date written with dots there is isolated left to right
    (``<bdi dir="ltr">``), so "31.12.2022" between Arabic and German words stays whole."""
    if pattern is None and not isolate_dates:
        return html
    if not (pattern is not None and pattern.search(html)) and not (
        isolate_dates and _DATE.search(html)
    ):
        return html  # nothing to mark (a match in a tag would only cost the walk)
    out: list[str] = []
    #: open elements: (name, lang attribute); and how many of them leave text alone
    stack: list[tuple[str, str | None]] = []
    opening = f'<span lang="{lang}" dir="{direction}">'
    wrap = (lambda m: f"{opening}{m.group(0)}</span>") if pattern is not None else None

    def own_text(text: str) -> str:
        # most runs between tags hold no term and no date: no need to look at the stack
        if not (pattern is not None and pattern.search(text)) and not (
            isolate_dates and _DATE.search(text)
        ):
            return text
        if any(name in _KEEP for name, _ in stack):
            return text
        here = next((code for _, code in reversed(stack) if code), None)
        if here is not None and here.split("-")[0].lower() == lang:
            return text
        if isolate_dates:
            text = _DATE.sub(lambda m: f'<bdi dir="ltr">{m.group(0)}</bdi>', text)
        if pattern is None or wrap is None:
            return text
        return pattern.sub(wrap, text)

    pos = 0
    while pos < len(html):
        found = _TOKEN.search(html, pos)
        end = found.start() if found else len(html)
        if end > pos:
            out.append(own_text(html[pos:end]))
        if not found:
            break
        tag = found.group(0)
        out.append(tag)
        pos = found.end()
        name_match = _NAME.match(tag)
        if tag.startswith(("<!", "<?")) or not name_match:
            continue
        name = name_match.group(1).lower()
        if tag.startswith("</"):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
            continue
        if name in ("script", "style", "textarea", "title"):
            # raw text: everything up to its end tag, as it is
            close = re.compile(rf"</{name}\s*>", re.I).search(html, pos)
            stop = close.start() if close else len(html)
            out.append(html[pos:stop])
            pos = stop
            continue
        if name in _VOID or tag.endswith("/>"):
            continue
        lang_match = _LANG.search(tag)
        code = next((g for g in lang_match.groups() if g is not None), None) if lang_match else None
        stack.append((name, code))
    return "".join(out)


def site_terms(catalogue: Catalogue) -> re.Pattern[str] | None:
    """The site's kept terms (glossary ``kept``) and the names of the areas its offices
    answer for, as one pattern."""
    names = [area.name for auth in catalogue.authorities for area in auth.areas]
    return term_pattern([*catalogue.glossary.kept, *(n for n in names if _WORDS.match(n))])


#: an area name that is words only (as ``KeptTerm``); any other is left unmarked
_WORDS = re.compile(r"^\w[\w -]*$")
