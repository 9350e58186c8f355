"""The free pages in MkDocs' ``docs_dir`` (``content/pages``): checked like service texts.

MkDocs copies every file of that folder to the site and renders its Markdown with raw HTML
passed through, so here the folder is held to the rules of all other content: regular
files only (no link, no special file, no hard link, which may be a name of a file outside
the project), no HTML, no script links in Markdown, no file types a browser would run
(HTML, SVG, scripts) copied verbatim, and no file at an address the build's own pages use
(MkDocs would drop one of the two without a word). A page's metadata, which MkDocs reads
from its first lines and the page shell writes into the head, is validated like any other
content file (:class:`~generator.content.schema.PageMeta`).
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import markdown

from generator.content.load import MAX_FILE_BYTES, Document, parse_text
from generator.content.routes import top_level
from generator.content.schema import PageMeta, markup_problem
from generator.content.validate import invisible_characters, validate_document
from generator.infra.errors import Problem
from generator.infra.files import (
    RefusedFile,
    read_problem,
    read_regular,
    regular_files,
    scan_tree,
)

#: published verbatim, a browser would run them on the site's own origin
ACTIVE_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml", ".svg", ".svgz", ".js", ".mjs", ".xml"}


def check_pages(folder: Path, root: Path, languages: Sequence[str] = ()) -> list[Problem]:
    """Every problem of the pages folder, each at its file and line; ``languages`` are the
    site's (their folders hold generated pages)."""
    problems = scan_tree(folder, root)
    if problems or not folder.is_dir():
        return problems
    taken = top_level(tuple(languages))
    for path in regular_files(folder):
        suffix = path.suffix.lower()
        names = os.lstat(path).st_nlink
        clash = _generated_address(path.relative_to(folder).as_posix(), taken)
        if names > 1:
            problems.append(
                read_problem(
                    path,
                    root,
                    f"is a hard link (one file with {names} names, which may lie outside the "
                    "project); a page must be a file of its own: copy it",
                )
            )
        elif clash:
            problems.append(read_problem(path, root, clash))
        elif suffix in ACTIVE_SUFFIXES:
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
    shown = read_problem(path, root, "").file
    found = markup_problem(text)
    if found is None:
        return check_metadata(text, shown) + _outside_images(text, shown)
    offset, message = found
    before = text[:offset]
    line, col = before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1
    return [Problem(shown, line, col, "", message)]


_IMG_SRC = re.compile(r"<img\b[^>]*?\ssrc=\"([^\"]*)\"")
#: an address that leaves the site: a scheme (https:, data:) or a host (//cdn.example)
_OUTSIDE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


def _outside_images(text: str, shown: str) -> list[Problem]:
    """An image the browser would load from another host, or from a data: address.

    The site promises that a visit requests nothing from any other host; MkDocs' privacy
    plugin only warns about such an image (and fails only with --strict), so validation
    refuses it with its line. The page is rendered as MkDocs renders it (Python-Markdown,
    reference images included) to find every image, then each address is looked up in
    the text for its position.
    """
    problems = []
    for src in dict.fromkeys(_IMG_SRC.findall(markdown.markdown(text))):
        address = html.unescape(src)
        if not _OUTSIDE.match(address.strip()):
            continue
        at = text.find(address)
        before = text[: max(at, 0)]
        line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
        shown_address = address if len(address) <= 60 else address[:57] + "..."
        where = (
            "is a data: address, which the page would not show"
            if address.strip().lower().startswith("data:")
            else "would be loaded from another host, and the site loads nothing from any other host"
        )
        problems.append(
            Problem(
                shown,
                line,
                col,
                "",
                f"the image {shown_address!r} {where}; put the image into content/pages "
                "and link it by its file name",
            )
        )
    return problems


def _generated_address(rel: str, taken: frozenset[str]) -> str | None:
    """Why the file at ``rel`` (below the pages folder) takes an address of the build's
    own pages or files; None when it does not."""
    parts = rel.split("/")
    if parts[-1].lower().endswith(".md"):  # a page: x.md is served as x/, index.md as ./
        stem = parts[-1][:-3]
        parts = parts[:-1] if stem.lower() in ("index", "readme") else [*parts[:-1], stem]
    if not parts:
        return "would replace the home page, which the build makes from site.yaml; rename it"
    if parts[0] in taken:
        return (
            f"its address /{'/'.join(parts)} is the site's own (the build writes "
            f"{parts[0]!r} itself); give the page another name"
        )
    return None


# --- the page's metadata, read as MkDocs reads it (mkdocs.utils.meta.get_data) --------------

#: a YAML block between --- lines at the very start (MkDocs' YAML_RE)
_YAML_BLOCK = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)
#: without one, MultiMarkdown's ``Key: value`` lines until the first blank line
_META_LINE = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")


def check_metadata(text: str, shown: str) -> list[Problem]:
    """Every problem of the metadata MkDocs reads from the top of the page ``text``."""
    block = _YAML_BLOCK.match(text)
    if block:  # parsed after a blank first line, so every position is the file's own
        doc, problems = parse_text("\n" + block.group(1), shown)
        return problems + (_validated(doc) if doc is not None else [])
    found = _validated(_multimarkdown(text, shown))
    return [
        replace(p, message=p.message + _MULTIMARKDOWN) if "unknown field" in p.message else p
        for p in found
    ]


_MULTIMARKDOWN = (
    " (MkDocs reads 'key: value' lines at the top of a page as its metadata, not as text; "
    "begin the page with a heading or an empty line)"
)


def _multimarkdown(text: str, shown: str) -> Document:
    """MultiMarkdown metadata as MkDocs reads it: ``Key: value`` lines (key lowercased)
    before the first blank line, continued by indented lines."""
    doc = Document(shown, {})
    key = None
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        if line.strip() == "":
            break
        start = _META_LINE.match(line)
        if start:
            key = start.group("key").lower().strip()
            value = start.group("value").strip()
            doc.data[key] = f"{doc.data[key]} {value}" if key in doc.data else value
            doc.key_marks.setdefault((key,), (number, 1))
            doc.marks.setdefault((key,), (number, line.index(":") + 2))
            continue
        more = _META_MORE.match(line)
        if not (more and key):
            break
        doc.data[key] += " " + more.group("value").strip()
    return doc


def _validated(doc: Document) -> list[Problem]:
    data: dict[str, Any] = doc.data if isinstance(doc.data, dict) else {}
    problems = []
    if "template" in data:
        line, col = doc.where(("template",), key=True)
        problems.append(
            Problem(
                doc.file,
                line,
                col,
                "template",
                "a page cannot choose its template (MkDocs would look for "
                f"{str(data['template'])[:60]!r} among the theme's files); remove the line",
            )
        )
        data = {k: v for k, v in data.items() if k != "template"}
    if not data:
        return problems
    meta = Document(doc.file, data, doc.marks, doc.key_marks, source=doc.source, spans=doc.spans)
    _, found = validate_document(meta, PageMeta)
    return problems + found + invisible_characters(meta, found)
