"""HTML of XZuFi text modules to the Markdown subset Servicefinder allows.

FIM texts carry HTML (paragraphs, lists, bold, links). Content files may hold no HTML at
all, so every tag is translated or dropped, never passed through: ``p``/``div`` become
paragraphs, ``ul``/``ol``/``li`` Markdown lists, ``strong``/``b`` and ``em``/``i``
emphasis, ``a`` links (https, http and mailto only), ``h1``-``h6`` level-3 headings (the
text sits under the page's h2 sections), ``br`` a line break. Any other tag is dropped
with its text kept and named in the report; ``script`` and ``style`` lose their content.
A literal ``<`` in the text stays visible as the entity ``&lt;``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "section", "article", "blockquote"}
_SKIP_CONTENT = {"script", "style", "template"}
_KNOWN = _BLOCK | {"ul", "ol", "li", "strong", "b", "em", "i", "a", "br", "span"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_SAFE_LINK = re.compile(r"(https?|mailto):", re.IGNORECASE)


class _Converter(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.line = ""
        self.lists: list[list[int | str]] = []  # [kind, counter]
        self.skip = 0
        self.links: list[str | None] = []
        self.unmapped: set[str] = set()

    # --- structure ----------------------------------------------------------------------

    def _flush(self) -> None:
        text = re.sub(r"[ \t]+", " ", self.line).strip()
        if text:
            self.blocks.append(text)
        self.line = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP_CONTENT:
            self.skip += 1
            self.unmapped.add(tag)
            return
        if tag in _BLOCK or tag in _HEADINGS:
            self._flush()
            if tag in _HEADINGS:
                self.line = "### "
        elif tag in ("ul", "ol"):
            self._flush()
            self.lists.append([tag, 0])
        elif tag == "li":
            self._flush()
            depth = max(len(self.lists) - 1, 0)
            kind = self.lists[-1] if self.lists else ["ul", 0]
            if kind[0] == "ol":
                kind[1] = int(str(kind[1])) + 1
                self.line = "   " * depth + f"{kind[1]}. "
            else:
                self.line = "  " * depth + "- "
        elif tag in ("strong", "b"):
            self.line += "**"
        elif tag in ("em", "i"):
            self.line += "*"
        elif tag == "br":
            self._flush()
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            self.links.append(href if _SAFE_LINK.match(href.strip()) else None)
            self.line += "["
        elif tag not in _KNOWN:
            self.unmapped.add(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP_CONTENT:
            self.skip = max(self.skip - 1, 0)
        elif tag in _BLOCK or tag in _HEADINGS or tag == "li":
            self._flush()
        elif tag in ("ul", "ol"):
            self._flush()
            if self.lists:
                self.lists.pop()
        elif tag in ("strong", "b"):
            self.line += "**"
        elif tag in ("em", "i"):
            self.line += "*"
        elif tag == "a":
            href = self.links.pop() if self.links else None
            start = self.line.rfind("[")
            if href:
                self.line += f"]({href.strip()})"
            elif start >= 0:  # unsafe or missing target: keep the words, drop the link
                self.line = self.line[:start] + self.line[start + 1 :]

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.line += data.replace("<", "&lt;").replace("\n", " ")


def html_to_markdown(html: str) -> tuple[str, set[str]]:
    """The Markdown text and the names of the tags that had no Markdown equivalent."""
    conv = _Converter()
    conv.feed(html)
    conv.close()
    conv._flush()
    out: list[str] = []
    for block in conv.blocks:
        is_item = bool(re.match(r"\s*(-|\d+\.) ", block))
        if out and not (is_item and re.match(r"\s*(-|\d+\.) ", out[-1])):
            out.append("")  # a blank line between paragraphs, none inside a list
        out.append(block.replace("****", ""))  # emphasis around nothing
    return "\n".join(out).strip(), conv.unmapped


def html_to_items(html: str) -> tuple[list[str], set[str]]:
    """List items as plain text (for fields that hold a list of sentences): the ``li``
    elements if there are any, else the paragraphs. Emphasis is dropped; a link keeps its
    words and its address in brackets."""
    text, unmapped = html_to_markdown(html)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    items = [re.sub(r"^(-|\d+\.) ", "", line) for line in lines if re.match(r"(-|\d+\.) ", line)]
    if not items:
        items = lines
    return [plain(item) for item in items], unmapped


def plain(markdown: str) -> str:
    """Markdown inline formatting to plain words.

    A plain field is not Markdown, so the ``&lt;`` that kept a literal ``<`` from Markdown
    becomes ``<`` again (the page escapes it); only before a letter, where validation
    would take it for a tag, it stays written as ``&lt;``.
    """
    text = re.sub(r"\[([^\]]*)\]\(([^)]*)\)", r"\1 (\2)", markdown)
    text = text.replace("**", "").replace("### ", "")
    text = re.sub(r"(?<!\w)\*(\S[^*]*)\*(?!\w)", r"\1", text)
    text = _LITERAL_LT.sub("<", text)
    return re.sub(r"\s+", " ", text).strip()


#: an escaped "<" that no tag could start at (not before a letter, "/", "!" or "?")
_LITERAL_LT = re.compile(r"&lt;(?!\s*[A-Za-z/!?])")
