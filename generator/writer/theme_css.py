"""The trimmed theme stylesheets under names made from their trimmed bytes.

Material names its stylesheets by a hash of the bytes it ships (``main.57a0d79d.min.css``).
After :mod:`generator.writer.trim` has dropped the rules no page uses, the bytes depend on
the site's pages (one page using ``md-button`` more keeps more rules), but the name would
still be Material's: every shipped hosting configuration serves such a name as immutable
for a year, so returning visitors would keep a stale stylesheet. This module renames
each trimmed stylesheet to ``<name>.<hash of the trimmed bytes>.min.css``.

Which rules survive trimming is known only once every page is written (the classes come
from the theme's page shell as well as from the page bodies), so the pages cannot be
rendered with the final name. The one post-build step here therefore rewrites the
stylesheet's ``href`` in each written HTML file: it replaces exactly the old file name
inside ``href="..."`` attribute values, and fails if a page links a theme stylesheet it
does not know, so no page can keep pointing at a name that no longer exists.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

#: where Material keeps its stylesheets, relative to the site
FOLDER = "assets/stylesheets"
#: Material's names: ``main.57a0d79d.min.css``, ``palette.fb2fffe2.min.css``
_THEME_NAME = re.compile(r"^(?P<stem>[a-z]+)\.[0-9a-f]{8,64}\.min\.css$")
_HREF = re.compile(r'href="(?P<prefix>[^"]*?)' + re.escape(FOLDER) + r'/(?P<name>[^"/]+\.css)"')


class StaleReference(Exception):
    """A page links a theme stylesheet that is not in the site."""


def content_name(path: Path, data: bytes | None = None) -> str:
    """``main.57a0d79d.min.css`` -> ``main.<first 10 hex digits of SHA-256>.min.css``,
    of the file's bytes or of ``data``, the bytes it is going to have."""
    match = _THEME_NAME.match(path.name)
    if match is None:
        raise ValueError(f"{path.name}: not a theme stylesheet name")
    digest = hashlib.sha256(path.read_bytes() if data is None else data).hexdigest()[:10]
    return f"{match['stem']}.{digest}.min.css"


def rename_by_content(site: Path) -> dict[str, str]:
    """Rename every theme stylesheet in ``site`` by its bytes and point every page at the
    new names; returns old name -> new name."""
    renames: dict[str, str] = {}
    for path in sorted((site / FOLDER).glob("*.css")):
        new = content_name(path)
        if new != path.name:
            path.rename(path.with_name(new))
        renames[path.name] = new
    known = set(renames.values())

    def replace(match: re.Match[str]) -> str:
        name = renames.get(match["name"], match["name"])
        if name not in known:
            raise StaleReference(f"a page links {FOLDER}/{match['name']}, which is not built")
        return f'href="{match["prefix"]}{FOLDER}/{name}"'

    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        rewritten = _HREF.sub(replace, html)
        if rewritten != html:
            page.write_text(rewritten, encoding="utf-8", newline="\n")
    return renames
