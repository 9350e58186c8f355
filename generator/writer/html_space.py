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

#: what is left as it is: the elements that keep their text (with all they contain),
#: comments, and tags that span lines (a line break in an attribute value is data). A
#: tag on one line holds no line break, so no run starts inside one: plain tags need no
#: matching. With a Python step per tag this took 2.5 ms per service page, 10 s of a
#: build at 1,000 services with English; now about 0.3 ms.
_KEPT = re.compile(
    r"<(pre|textarea|code|script|style)(?:[\s/][^>]*)?(?<!/)>.*?</\1\s*>"
    r"|<!--.*?-->"
    r"|<[^>]*\n[^>]*>",
    re.S | re.I,
)
#: HTML's whitespace besides the line feed: space, tab, form feed, carriage return
_BLANK = " \t\f\r"


def squeeze(html: str) -> str:
    """``html`` with every whitespace run that holds a line break, in text where
    whitespace collapses, reduced to one line break."""
    out: list[str] = []
    at = 0
    for match in _KEPT.finditer(html):
        out.append(_runs(html[at : match.start()]))
        out.append(match.group(0))
        at = match.end()
    out.append(_runs(html[at:]))
    return "".join(out)


def _runs(text: str) -> str:
    """``text`` with each whitespace run that holds a line break made one line break: the
    blanks around each line break go, and lines left empty between two others with them
    (line by line, which is four times faster than a regular expression here)."""
    if "\n" not in text:
        return text
    first, *middle, last = text.split("\n")
    lines = [first.rstrip(_BLANK)]
    lines += [line for line in (m.strip(_BLANK) for m in middle) if line]
    lines.append(last.lstrip(_BLANK))
    return "\n".join(lines)
