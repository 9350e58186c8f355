"""Refuse SVG images that could run code or load anything: a municipality's logo is shown
on every page and may be opened on its own, where a browser would run its scripts.

The check refuses instead of cleaning: a file that passes is copied byte for byte, so what
the editor committed is what the site serves. Parsing is the standard library's expat,
hardened by refusing any DOCTYPE (the only way to declare entities, so neither entity
expansion bombs nor external entities can occur) and every processing instruction (an
``<?xml-stylesheet?>`` would load a file). Every finding names its line and column.

Styles (the ``<style>`` element, ``style=""`` and every other attribute, such as
``fill="url(#g)"``) are read by a CSS tokenizer (tinycss2), which decodes CSS escapes as a
browser does, so ``u\72l(https://...)`` is the ``url()`` it spells and ``@\69mport`` an
``@import``. Refused: any ``url()`` that is not a reference to the image's own part
(``url(#g)``), every function that loads an image (``image-set()``, ``image()``,
``cross-fade()``, ``src()``), ``@import`` and every at-rule but ``@media``, and CSS the
tokenizer cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any
from xml.parsers import expat

import tinycss2
from tinycss2 import ast as css

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
#: the only at-rule a logo's stylesheet may hold (a dark variant, a size step)
_AT_RULES = {"media"}
#: CSS functions that load an image or a file (``url()`` is checked for its target)
_LOADING = {"image-set", "-webkit-image-set", "image", "cross-fade", "-webkit-cross-fade", "src"}
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

    def refuse_css(where: tuple[int, int], found: Iterable[tuple[int, int, str]]) -> None:
        """Findings in CSS that starts at ``where`` (line, column), each at its own line."""
        for line, column, message in found:
            at_line = where[0] + line - 1
            at_column = where[1] + column - 1 if line == 1 else column
            findings.append(Finding(at_line, at_column, message))

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
            _check_attribute(local, attr_local, value, refuse)
            where = f"{attr_local} on <{local}>"
            values = tinycss2.parse_component_value_list(value, skip_comments=True)
            for _, _, message in _css_problems(values, where):  # at the element's line
                refuse(message)
        if local == "style":
            style.append((*here(), []))

    def text(data: str) -> None:
        if style:
            if not style[-1][2]:  # where the stylesheet's text begins
                style[-1] = (*here(), style[-1][2])
            style[-1][2].append(data)

    def end(name: str) -> None:
        if name.rpartition(" ")[2] == "style" and style:
            line, column, parts = style.pop()
            rules = tinycss2.parse_stylesheet("".join(parts), skip_comments=True)
            refuse_css((line, column), _css_problems(rules, "<style>"))

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


def _check_attribute(element: str, name: str, value: str, refuse: Any) -> None:
    lowered = name.lower()
    if lowered.startswith("on"):
        refuse(f'the event handler attribute {name}="…" on <{element}> is not allowed')
    elif lowered in {"href", "src"} and not value.strip().startswith("#"):
        refuse(_external(f"{name} on <{element}>", value.strip()))
    elif element in _ANIMATIONS and lowered == "attributename" and value.endswith("href"):
        refuse(f"<{element}> may not change {value} (it could make a link run a script)")
    if "javascript:" in value.lower().replace(" ", ""):
        refuse(f"javascript: in {name} on <{element}> is not allowed")


def _css_problems(nodes: Iterable[Any], where: str) -> Iterable[tuple[int, int, str]]:
    """(line, column, message) for everything in the CSS ``nodes`` (tinycss2's rules and
    tokens, escapes decoded) that could load a file; positions are the CSS text's own."""
    for node in nodes:
        line, column = getattr(node, "source_line", 1), getattr(node, "source_column", 1)
        if isinstance(node, css.ParseError):
            yield line, column, f"the CSS in {where} cannot be read ({node.message}); fix it"
        elif isinstance(node, (css.AtRule, css.AtKeywordToken)):
            name = node.lower_at_keyword if isinstance(node, css.AtRule) else node.lower_value
            if name == "import":
                yield line, column, f"@import in {where} loads another file"
            elif name not in _AT_RULES:
                yield line, column, f"the at-rule @{name} in {where} is not allowed (only @media)"
            if isinstance(node, css.AtRule):
                yield from _css_problems([*node.prelude, *(node.content or [])], where)
        elif isinstance(node, css.QualifiedRule):
            yield from _css_problems([*node.prelude, *node.content], where)
        elif isinstance(node, css.URLToken):
            if not node.value.startswith("#"):
                yield line, column, _external(f"url() in {where}", node.value)
        elif isinstance(node, css.FunctionBlock):
            if node.lower_name == "url":
                target = next(
                    (a.value for a in node.arguments if isinstance(a, css.StringToken)), ""
                )
                if not target.startswith("#"):
                    yield line, column, _external(f"url() in {where}", target)
            elif node.lower_name in _LOADING:
                yield line, column, f"{node.lower_name}() in {where} loads an image; not allowed"
            yield from _css_problems(node.arguments, where)
        elif hasattr(node, "content") and isinstance(node.content, list):  # (), [], {}
            yield from _css_problems(node.content, where)


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
