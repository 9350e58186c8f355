"""The one URL check: what may stand in an ``href`` or ``src`` the site writes.

Escaping keeps a value inside its attribute, but it cannot make ``javascript:alert(1)``
harmless: the scheme decides what a browser does with a link. So every address that comes
from content passes this check twice: when the content is validated (``Url`` fields in
:mod:`generator.content.schema`, which also require https) and when a template writes it
(the ``url`` filter of the page shell's templates and of the page bodies' templates), so a
value that reached a template some other way is refused there, not published.
"""

from __future__ import annotations

import re

#: the schemes a link of the site may use; everything else (javascript:, data:, vbscript:,
#: file:, blob:, ...) is refused. Also the sanitiser's list for Markdown links.
SAFE_SCHEMES = frozenset({"https", "http", "mailto", "tel"})

_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
#: what a browser drops or reinterprets while reading an address (blanks and controls,
#: which it removes from a scheme, so ``java\tscript:`` runs), bidirectional and
#: zero-width controls (an address that reads differently than it leads), and characters
#: no address needs unescaped (quotes, angle brackets, backslash, backtick)
_NOT_IN_URL = re.compile(
    "[\x00-\x20\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\"'<>\\\\`]"
)


class UnsafeUrl(ValueError):
    """A template was given an address the site must not write (see :func:`url_problem`)."""


def url_problem(value: str, *, schemes: frozenset[str] = SAFE_SCHEMES) -> str | None:
    """Why ``value`` may not be written as a link or image address; None when it may.

    Relative addresses (``../leistungen/``, ``#inhalt``, ``assets/logo.svg``) are allowed;
    one that begins with ``//`` is not, as it leads to another host.
    """
    bad = _NOT_IN_URL.search(value)
    if bad:
        return f"an address may not hold {_shown(bad.group())}"
    scheme = _SCHEME.match(value)
    if scheme is None:
        if value.startswith("//"):
            return "an address beginning with // leads to another host; write https://"
        return None
    name = scheme.group(1).lower()
    if name not in schemes:
        allowed = ", ".join(f"{s}:" for s in sorted(schemes))
        return f"the scheme {name}: is not allowed (only {allowed})"
    return None


def checked_url(value: object) -> str:
    """``value`` as a string when :func:`url_problem` finds nothing, else UnsafeUrl.

    The templates' filter: validation refuses such addresses first, so this raising means
    a value bypassed validation, and the build stops instead of publishing it.
    """
    text = str(value)
    problem = url_problem(text)
    if problem:
        raise UnsafeUrl(f"refused to write the address {text[:80]!r}: {problem}")
    return text


def _shown(char: str) -> str:
    if char == " ":
        return "a blank"
    if char.isprintable():
        return repr(char)
    return f"the control character U+{ord(char):04X}"
