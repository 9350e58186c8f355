"""Editor text to safe HTML: Markdown through an allow-list sanitiser.

Validation already refuses HTML in content; this is the second wall. Whatever reaches a page
has passed nh3 (the Ammonia sanitiser), which keeps only the tags and URL schemes listed
here, so no script, event handler, ``javascript:`` or ``data:`` URL can survive.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Sequence

import markdown as md
import nh3
from markupsafe import Markup, escape

from generator.content.schema import GlossaryEntry
from generator.content.urls import SAFE_SCHEMES

_TAGS = {"p", "ul", "ol", "li", "strong", "em", "a", "h2", "h3", "h4", "br", "code", "blockquote"}
_ATTRS = {"a": {"href", "title"}}
_SCHEMES = set(SAFE_SCHEMES)
_EXTERNAL = re.compile(r'<a href="(https?://[^"]+)"([^>]*)>(.*?)</a>', re.DOTALL)


_converters = threading.local()


def _markdown(text: str) -> str:
    """``markdown.markdown`` without its cost per call: building a converter (its
    extensions, processors and patterns) took longer than converting a service's short
    texts. One converter per thread, reset before each text, as Python-Markdown documents."""
    converter = getattr(_converters, "md", None)
    if converter is None:
        converter = _converters.md = md.Markdown(extensions=["sane_lists"], output_format="html")
    return converter.reset().convert(text)


def markdown_to_html(text: str, *, shift_headings: int = 0, external_label: str) -> Markup:
    """Render Markdown, sanitise it, and mark external links for screen readers."""
    html = _markdown(text)
    html = sanitise(html)
    if shift_headings:
        html = _shift_headings(html, shift_headings)
    return Markup(mark_external_links(html, external_label))


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRS,
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


#: the free Markdown pages of docs_dir may also hold tables, code and images
_PAGE_TAGS = _TAGS | {"h1", "h5", "h6", "hr", "pre", "table", "thead", "tbody", "tr", "th", "td"}
_PAGE_TAGS |= {"img", "dl", "dt", "dd", "sup", "sub", "span", "div", "abbr"}
_PAGE_ATTRS = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "abbr": {"title"},
    "th": {"align"},
    "td": {"align"},
}


def sanitise_page(html: str) -> str:
    """A Markdown page of docs_dir after MkDocs rendered it: the same URL schemes and no
    script, event handler or style as service texts, with the structure pages need."""
    return nh3.clean(
        html,
        tags=_PAGE_TAGS,
        attributes=_PAGE_ATTRS,
        url_schemes=_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def mark_external_links(html: str, label: str) -> str:
    """External links open no window handle to us and say that they leave the site."""

    def repl(m: re.Match[str]) -> str:
        return (
            f'<a href="{m.group(1)}"{m.group(2)} rel="noopener noreferrer" '
            f'class="sf-external">{m.group(3)}<span class="sf-visually-hidden"> '
            f"({label})</span></a>"
        )

    return _EXTERNAL.sub(repl, html)


def _shift_headings(html: str, by: int) -> str:
    def repl(m: re.Match[str]) -> str:
        return f"<{m.group(1)}h{min(int(m.group(2)) + by, 6)}"

    return re.sub(r"<(/?)h([1-6])", repl, html)


def strip_exception(line: str) -> str:
    """The line without its easy-language exception (``[[easy-ok rule: reason]]``), which
    is for editors and reviewers, not for readers."""
    from generator.content.easy_check import EXCEPTION

    return EXCEPTION.sub("", line)


def easy_to_html(
    text: str, *, external_label: str, glossary: Sequence[GlossaryEntry] = ()
) -> Markup:
    """Easy-language text: every line is a statement of its own, shown on its own line.

    Editors write one sentence per line (the easy-language rule); plain Markdown would join
    those lines into one paragraph, so each line becomes a paragraph unless it continues a
    list item.
    """
    out: list[str] = []
    for line in text.splitlines():
        line = strip_exception(line)
        stripped = line.strip()
        in_list_item = line.startswith("  ") and out and out[-1].lstrip().startswith("- ")
        if in_list_item:
            out[-1] += "<br>" + stripped
        elif stripped:
            out.append(line if stripped.startswith(("- ", "#")) else stripped)
            if not stripped.startswith("- "):
                out.append("")
        else:
            out.append("")
    html = _markdown("\n".join(out))
    html = explain_terms(sanitise(html), glossary)
    return Markup(mark_external_links(html, external_label))


_LETTER = r"[\wÄÖÜäöüß-]"


def explain_terms(html: str, glossary: Sequence[GlossaryEntry]) -> str:
    """Explain each glossary term where it first appears, right after that statement.

    Easy-language guidance asks for hard words to be explained at once, in the text, not
    behind a link. The term is marked up (strong), and its explanation follows as a
    statement of its own. Only paragraphs are searched, so headings and lists stay as
    written; each term is explained once per text.
    """
    pending = [
        (
            # not after "&" or "#": a term such as "amp" must not match inside "&amp;"
            re.compile(rf"(?<![&#]|{_LETTER})(?:{_alternatives(e)})(?!{_LETTER})"),
            e.explanation,
        )
        for e in glossary
    ]

    def explain(match: re.Match[str]) -> str:
        body = match.group(1)
        hits = []  # (start, end, explanation), one per term found in this statement
        for item in list(pending):
            pattern, explanation = item
            hit = next((h for h in pattern.finditer(body) if not _in_tag(body, h.start())), None)
            if hit is not None:
                hits.append((hit.start(), hit.end(), explanation))
                pending.remove(item)
        hits.sort()
        for start, end, _ in reversed(hits):  # from the back, so positions stay valid
            body = f'{body[:start]}<strong class="sf-term">{body[start:end]}</strong>{body[end:]}'
        notes = "".join(f'<p class="sf-explain">{escape(e)}</p>' for _, _, e in hits)
        return f"<p>{body}</p>{notes}"

    return re.sub(r"<p>(.*?)</p>", explain, html, flags=re.DOTALL)


def _alternatives(entry: GlossaryEntry) -> str:
    return "|".join(map(re.escape, _forms(entry)))


def _forms(entry: GlossaryEntry) -> list[str]:
    """Longest first, so "Anträge" is matched before "Antrag"."""
    return sorted({entry.term, *entry.forms}, key=len, reverse=True)


def _in_tag(html: str, pos: int) -> bool:
    return html.rfind("<", 0, pos) > html.rfind(">", 0, pos)
