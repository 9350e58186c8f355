"""Pages without the indentation their templates leave behind.

Jinja and the theme's page shell indent their markup and leave blank lines where a block
or a condition was; a service page carried about 2.5 KB of such whitespace (about 0.3 KB
after brotli, measured with ``bench/site_figures.py``). Where whitespace collapses
anyway (the normal flow of text), a run of whitespace that holds a line break means the
same as one line break, so each such run becomes a single ``\\n``. Nothing else changes:

- runs without a line break (the space between two words or two links) stay as they are;
- inside a tag (attribute values), a comment, and inside ``pre``, ``textarea``,
  ``code``, ``script`` and ``style``, where whitespace may be kept or be part of data,
  nothing is touched.

A plain tokenizer is enough: the pages are the generator's own, well-formed output
(checked by the Nu HTML checker in the tests), and it is a pure function of the text, so
the output stays deterministic.
"""

from __future__ import annotations

import re

#: comments, then tags: the parts of a page that are not text
_MARKUP = re.compile(r"<!--.*?-->|<[^>]*>", re.S)
#: elements whose text is left as written
_KEEP = ("pre", "textarea", "code", "script", "style")
_OPEN = re.compile(r"<(" + "|".join(_KEEP) + r")[\s>/]", re.I)
_CLOSE = re.compile(r"</(" + "|".join(_KEEP) + r")\s*>", re.I)
#: whitespace (HTML's: space, tab, line feed, form feed, carriage return) with a line break
_BREAK_RUN = re.compile(r"[ \t\f\r]*\n[ \t\n\f\r]*")


def squeeze(html: str) -> str:
    """``html`` with every whitespace run that holds a line break, in text where
    whitespace collapses, reduced to one line break."""
    out: list[str] = []
    keep = 0  # how many elements that keep their text are open here
    at = 0
    for match in _MARKUP.finditer(html):
        text = html[at : match.start()]
        out.append(text if keep else _BREAK_RUN.sub("\n", text))
        tag = match.group(0)
        out.append(tag)
        if not tag.startswith("<!--"):
            if _OPEN.match(tag) and not tag.endswith("/>"):
                keep += 1
            elif _CLOSE.match(tag):
                keep = max(0, keep - 1)
        at = match.end()
    tail = html[at:]
    out.append(tail if keep else _BREAK_RUN.sub("\n", tail))
    return "".join(out)
