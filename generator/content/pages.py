"""The free pages in MkDocs' ``docs_dir`` (``content/pages``): checked like service texts.

MkDocs copies every file of that folder to the site and renders its Markdown with raw HTML
passed through, so here the folder is held to the rules of all other content: regular
files only (no link, no special file), no HTML, no script links in Markdown, and no file
types a browser would run (HTML, SVG, scripts) copied verbatim.
"""

from __future__ import annotations

from pathlib import Path

from generator.content.files import (
    RefusedFile,
    read_problem,
    read_regular,
    regular_files,
    scan_tree,
)
from generator.content.load import MAX_FILE_BYTES
from generator.content.schema import markup_problem
from generator.errors import Problem

#: published verbatim, a browser would run them on the site's own origin
ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".xml"}


def check_pages(folder: Path, root: Path) -> list[Problem]:
    """Every problem of the pages folder, each at its file and line."""
    problems = scan_tree(folder, root)
    if problems or not folder.is_dir():
        return problems
    for path in regular_files(folder):
        suffix = path.suffix.lower()
        if suffix in ACTIVE_SUFFIXES:
            problems.append(
                read_problem(
                    path,
                    root,
                    f"{suffix} files would be published as they are and may run scripts; "
                    "write the page in Markdown (.md)",
                )
            )
        elif suffix == ".md":
            problems.extend(_check_markdown(path, root))
    return problems


def _check_markdown(path: Path, root: Path) -> list[Problem]:
    try:
        raw = read_regular(path, root, MAX_FILE_BYTES)
        text = raw.decode("utf-8")
    except RefusedFile as exc:
        return [read_problem(path, root, exc)]
    except UnicodeDecodeError as exc:
        return [read_problem(path, root, f"not valid UTF-8 (byte {exc.start}); save as UTF-8")]
    found = markup_problem(text)
    if found is None:
        return []
    offset, message = found
    before = text[:offset]
    line, col = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
    shown = read_problem(path, root, message)
    return [Problem(shown.file, line, col, "", message)]
