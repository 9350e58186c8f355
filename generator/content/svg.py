"""Refuse SVG images that could run code or load anything: a municipality's logo is shown
on every page and may be opened on its own, where a browser would run its scripts.

The check refuses instead of cleaning: a file that passes is copied byte for byte, so what
the editor committed is what the site serves. Parsing is the standard library's expat,
hardened by refusing any DOCTYPE (the only way to declare entities, so neither entity
expansion bombs nor external entities can occur) and every processing instruction (an
``<?xml-stylesheet?>`` would load a file). Every finding names its line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from xml.parsers import expat

SVG_NS = "http://www.w3.org/2000/svg"
#: elements that run code, embed other documents or react to events
_FORBIDDEN = {
    "script": "a script",
    "foreignobject": "<foreignObject> (embeds HTML, which may hold scripts or load files)",
    "iframe": "an embedded document",
    "embed": "an embedded object",
    "object": "an embedded object",
    "handler": "an event handler",
    "listener": "an event listener",
}
#: animation elements that could turn a link into ``javascript:``
_ANIMATIONS = {"set", "animate"}
_URL = re.compile(r"""url\(\s*['"]?\s*([^)'"\s]*)""", re.IGNORECASE)
_IMPORT = re.compile(r"@import", re.IGNORECASE)
_LENGTH = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(?:px)?\s*")


@dataclass(frozen=True)
class Finding:
    line: int
    column: int
    message: str


@dataclass(frozen=True)
class SvgImage:
    """A checked SVG's intrinsic size, for the width and height attributes of <img>."""

    width: int
    height: int


class _Stop(Exception):
    """Raised inside a handler: the rest of the file is not read."""


def check_svg(data: bytes) -> tuple[SvgImage | None, list[Finding]]:
    """The image's size when ``data`` is a safe SVG; otherwise every reason it is not."""
    parser = expat.ParserCreate(namespace_separator=" ")
    findings: list[Finding] = []
    #: the attributes of the root <svg>, once it was read
    root: list[dict[str, str]] = []
    #: the <style> element being read: where it starts and its text so far
    style: list[tuple[int, int, list[str]]] = []

    def here() -> tuple[int, int]:
        return parser.CurrentLineNumber, parser.CurrentColumnNumber + 1

    def refuse(message: str, *, stop: bool = False) -> None:
        findings.append(Finding(*here(), message))
        if stop:
            raise _Stop

    def doctype(*_: object) -> None:
        refuse("a DOCTYPE is not allowed (it can declare entities); remove it", stop=True)

    def instruction(target: str, _data: str) -> None:
        refuse(f"the processing instruction <?{target}?> is not allowed (it can load files)")

    def start(name: str, attrs: dict[str, str]) -> None:
        namespace, _, local = name.rpartition(" ")
        if not root:
            if (namespace, local) != (SVG_NS, "svg"):
                refuse(f'expected an <svg> element in the namespace "{SVG_NS}" first', stop=True)
            root.append(attrs)
        what = _FORBIDDEN.get(local.lower())
        if what:
            refuse(f"<{local}> is not allowed: {what}")
        for attr, value in attrs.items():
            attr_local = attr.rpartition(" ")[2]
            _check_attribute(local, attr_local, value, attrs, refuse)
        if local == "style":
            style.append((*here(), []))

    def text(data: str) -> None:
        if style:
            style[-1][2].append(data)

    def end(name: str) -> None:
        if name.rpartition(" ")[2] == "style" and style:
            line, column, parts = style.pop()
            css = "".join(parts)
            if _IMPORT.search(css):
                findings.append(Finding(line, column, "@import in <style> loads another file"))
            for target in _URL.findall(css):
                if not target.startswith("#"):
                    findings.append(Finding(line, column, _external("url()", target)))

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.ProcessingInstructionHandler = instruction
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = text
    try:
        parser.Parse(data, True)
    except _Stop:
        return None, findings
    except expat.ExpatError as exc:
        message = expat.ErrorString(exc.code) or "unreadable"
        findings.append(Finding(exc.lineno, exc.offset + 1, f"not well-formed XML: {message}"))
        return None, findings
    if findings:
        return None, findings
    size = _size(root[0])
    if size is None:
        return None, [
            Finding(1, 1, "the <svg> element needs a viewBox (or width and height) to scale")
        ]
    return size, []


def _check_attribute(element: str, name: str, value: str, attrs: dict[str, str], refuse) -> None:
    lowered = name.lower()
    if lowered.startswith("on"):
        refuse(f'the event handler attribute {name}="…" on <{element}> is not allowed')
    elif lowered in {"href", "src"} and not value.strip().startswith("#"):
        refuse(_external(f"{name} on <{element}>", value.strip()))
    elif element in _ANIMATIONS and lowered == "attributename" and value.endswith("href"):
        refuse(f"<{element}> may not change {value} (it could make a link run a script)")
    for target in _URL.findall(value):
        if not target.startswith("#"):
            refuse(_external(f"url() in {name} on <{element}>", target))
    if "javascript:" in value.lower().replace(" ", ""):
        refuse(f"javascript: in {name} on <{element}> is not allowed")


def _external(where: str, target: str) -> str:
    shown = target if len(target) <= 60 else target[:57] + "..."
    return (
        f"external reference {shown!r} in {where}: the image may refer only to its own "
        "parts (#id); put everything it needs into the file"
    )


def _size(attrs: dict[str, str]) -> SvgImage | None:
    width, height = (_LENGTH.fullmatch(attrs.get(k, "")) for k in ("width", "height"))
    if width and height:
        return SvgImage(round(float(width[1])), round(float(height[1])))
    parts = attrs.get("viewBox", "").replace(",", " ").split()
    try:
        w, h = float(parts[2]), float(parts[3])
    except (IndexError, ValueError):
        return None
    return SvgImage(round(w), round(h)) if w > 0 and h > 0 else None
