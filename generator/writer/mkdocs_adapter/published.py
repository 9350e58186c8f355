"""The second wall before MkDocs publishes files it found itself.

Validation refuses links, special files and HTML in ``docs_dir`` already; these two hooks
hold even when a build skips it (``serve`` after an edit, a plugin user calling MkDocs
directly): MkDocs follows symbolic links while collecting files and copies them, and
passes raw HTML in Markdown through.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from itertools import chain
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from generator.content.pages import ACTIVE_SUFFIXES
from generator.infra.errors import terminal_safe
from generator.infra.files import RefusedFile, check_components
from generator.site.text import sanitise_page


def refuse_unsafe_sources(files: Any, config: Any, root: Path) -> None:
    """Raise PluginError if a file MkDocs took from the project is a link, not a regular
    file, lies outside the project through a link, or is an active file type or a hard
    link (a name of a file that may lie outside the project) in docs_dir."""
    docs = os.path.abspath(config.docs_dir)
    refused = []
    for file in files:
        source = getattr(file, "abs_src_path", None)
        if not source or getattr(file, "generated_by", None):
            continue
        source = os.path.abspath(source)
        if not source.startswith(os.path.abspath(root) + os.sep):
            continue  # the theme's own files, from the installed package
        try:
            check_components(Path(source), root)
        except RefusedFile as exc:
            refused.append(f"{os.path.relpath(source, root)}: {exc}")
            continue
        if source.startswith(docs + os.sep) and Path(source).suffix.lower() in ACTIVE_SUFFIXES:
            refused.append(f"{os.path.relpath(source, root)}: would be published as it is")
        elif source.startswith(docs + os.sep) and os.lstat(source).st_nlink > 1:
            refused.append(f"{os.path.relpath(source, root)}: is a hard link")
    if refused:
        raise PluginError(terminal_safe("; ".join(refused)))


def safe_page_html(html: str) -> str:
    return sanitise_page(html)


def refuse_shadowed(files: Any, generated: list[Any], also: Iterable[str] = ()) -> None:
    """Raise PluginError if a file of docs_dir is written where a generated page or file
    is (``impressum.md`` and the imprint page both become ``impressum/index.html``): MkDocs
    would keep one of the two without a word. Validation refuses such pages first.
    ``also``: the site paths of generated files that are no MkDocs files."""
    own = {f.dest_uri: f.src_uri for f in files if not getattr(f, "generated_by", None)}
    dests = chain((f.dest_uri for f in generated), also)
    clashes = [own[dest] for dest in dests if dest in own]
    if clashes:
        raise PluginError(
            terminal_safe(
                "; ".join(f"{src}: is written where a page the build makes is" for src in clashes)
            )
        )
