"""The tool's own files: page templates, theme overrides and the starter project.

A site repository holds content and configuration; the templates and theme overrides come
with the installed tool, and a site overrides one of them only by a file at the same path in
its own ``templates/`` or ``site_overrides/`` (as Material's ``custom_dir`` works). In an
installed package the tool's folders lie inside it (``generator/_tool/``, mapped there by
``pyproject.toml``); in a source checkout they are this repository's top-level folders, which
is where they are edited.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent

#: the tool's own folders, by the name they have at the top of this repository
TOOL_FOLDERS = ("templates", "site_overrides")


def tool_folder(name: str) -> Path:
    """The tool's folder ``name`` (one of :data:`TOOL_FOLDERS`), installed or checked out."""
    if name not in TOOL_FOLDERS:
        raise ValueError(f"not a folder of the tool: {name!r}")
    installed = _PACKAGE / "_tool" / name
    if installed.is_dir():
        return installed
    return _PACKAGE.parent / name


def layers(own: Path, name: str) -> tuple[Path, ...]:
    """The folders to search for a template or override, the site's own first: a file in
    ``own`` replaces the tool's file at the same path; a missing ``own`` is skipped."""
    tool = tool_folder(name)
    found = [own] if own.is_dir() else []
    if not found or own.resolve() != tool.resolve():
        found.append(tool)
    return tuple(found)
