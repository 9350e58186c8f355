"""The project's YAML format: how a content file is written when a program writes it.

A program that writes a content file (the browser editor at /admin/, through its
``format.js``) writes it the way this module does, so a file saved from the form reads as
one written by hand: the schema modeline first, keys in the model's order, dates as bare
ISO dates, digit strings (postcodes, regional keys, sections) in double quotes, a text
that YAML 1.1 or 1.2 would read as something else quoted, a long sentence folded at
:data:`WIDTH` columns (``>-``), a text of several lines as a literal block (``|``), short
lists of words in brackets, and nothing for an empty or default value.

``format.js`` is the same rules in JavaScript; a test renders every example file with
both and compares the bytes. An existing file is never rewritten as a whole: the editor
replaces only the values the form changed (``format.js``'s ``patch``), so comments, the
author's quoting and line breaks of every other value stay as they were.
"""

from __future__ import annotations

import json
import re
from datetime import date
from functools import cache
from typing import Any

#: columns a folded text and a bracketed list may fill, indentation included
WIDTH = 92

#: the modeline's path to schema/ from a file of each kind
SCHEMA_PATHS = {
    "service": "../../schema/service.schema.json",
    "service-translation": "../../schema/service-translation.schema.json",
    "authority": "../../schema/authority.schema.json",
    "rates": "../../schema/rates.schema.json",
    "site": "../schema/site.schema.json",
    "glossary": "../schema/glossary.schema.json",
    "synonyms": "../schema/synonyms.schema.json",
}

#: words YAML 1.1 (PyYAML) or 1.2 reads as null or a boolean
_WORDS = frozenset(
    [
        "~",
        "null",
        "Null",
        "NULL",
        "y",
        "Y",
        "yes",
        "Yes",
        "YES",
        "n",
        "N",
        "no",
        "No",
        "NO",
        "true",
        "True",
        "TRUE",
        "false",
        "False",
        "FALSE",
        "on",
        "On",
        "ON",
        "off",
        "Off",
        "OFF",
    ]
)
#: numbers in any form YAML 1.1 or 1.2 knows (sexagesimal, octal, hex, binary, .inf),
#: and dates: such a text must be quoted to stay a text
_NUMBER_OR_DATE = re.compile(
    r"[-+]?(?:0b[01_]+|0x[0-9a-fA-F_]+|0o[0-7]+|[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|(?:[0-9][0-9_]*)?\.?[0-9_]*(?:[eE][-+]?[0-9]+)?|\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?"
)
_INDICATORS = "-?:,[]{}#&*!|>'\"%@`"


def plain_ok(text: str, *, flow: bool = False) -> bool:
    """True when ``text`` can stand unquoted and reads back as the same text in YAML 1.1
    (PyYAML, the build) and 1.2 (editors' tools, the browser editor)."""
    if not text or text != text.strip() or "\n" in text or "\t" in text:
        return False
    if text[0] in _INDICATORS or text in _WORDS or text in ("<<", "="):
        return False
    if ": " in text or " #" in text or text.endswith(":"):
        return False
    if flow and any(ch in text for ch in ",[]{}"):
        return False
    if any(ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F or ch in "\ufeff\u2028\u2029" for ch in text):
        return False
    return _NUMBER_OR_DATE.fullmatch(text) is None


def quoted(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def number(value: float) -> str:
    if isinstance(value, bool):
        raise TypeError("a boolean is not a number")
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _foldable(text: str) -> bool:
    return (
        bool(text)
        and text == text.strip()
        and "\n" not in text
        and "  " not in text
        and "\t" not in text
        and all(ord(ch) >= 0x20 and ch not in "\ufeff\u2028\u2029\x85" for ch in text)
    )


def _fold(text: str, indent: int) -> list[str]:
    """Words in lines of at most WIDTH columns (a longer word stands alone)."""
    room = WIDTH - indent
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        if current and len(current) + 1 + len(word) > room:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}" if current else word
    lines.append(current)
    return lines


def scalar(value: Any, spec: dict[str, Any], indent: int, used: int) -> str:
    """``value`` after ``key: `` (``used`` columns already taken); block scalars continue
    on the following lines, indented by ``indent``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, date):
        return value.isoformat()
    if not isinstance(value, str):
        return quoted(json.dumps(value, ensure_ascii=False))
    if spec.get("t") == "date" and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return value
    pad = " " * indent
    if "\n" in value.rstrip("\n") or value.endswith("\n"):
        if value[0] in " \n" or any(line != line.rstrip(" \t") for line in value.split("\n")):
            return quoted(value)
        body = value.rstrip("\n")
        trail = len(value) - len(body)
        chomp = "-" if trail == 0 else ("" if trail == 1 else "+")
        lines = [f"{pad}{line}" if line else "" for line in body.split("\n")]
        lines += [""] * (trail - 1 if trail > 1 else 0)
        return f"|{chomp}\n" + "\n".join(lines)
    if plain_ok(value) and used + len(value) <= WIDTH:
        return value
    if _foldable(value) and used + len(value) > WIDTH and value[0] not in "#":
        return ">-\n" + "\n".join(pad + line for line in _fold(value, indent))
    if plain_ok(value):
        return value
    return quoted(value)


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _flow_item(value: Any) -> str | None:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return number(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        if plain_ok(value, flow=True):
            return value
        if "\n" not in value:
            return quoted(value)
    return None


def _flow_list(items: list[Any], used: int) -> str | None:
    """``[a, b]`` when every item is a short scalar and the line fits."""
    if not items:
        return None
    parts = []
    for item in items:
        shown = _flow_item(item)
        if shown is None:
            return None
        parts.append(shown)
    text = "[" + ", ".join(parts) + "]"
    return text if used + len(text) <= WIDTH else None


class Writer:
    """Writes data as the project's YAML, keys in the order of :func:`layout`'s models."""

    def __init__(self, layout: dict[str, Any]) -> None:
        self.models: dict[str, list[list[Any]]] = layout["models"]
        self.kinds: dict[str, str] = layout["kinds"]
        self.marker: str = layout.get("marker", "")

    def document(self, kind: str, data: dict[str, Any]) -> str:
        head = f"# yaml-language-server: $schema={SCHEMA_PATHS[kind]}\n"
        return head + "".join(self.mapping(data, {"t": "model", "m": self.kinds[kind]}, 0))

    def ordered(self, data: dict[str, Any], spec: dict[str, Any]) -> list[tuple[str, Any, Any]]:
        """The entries to write: the model's keys in its order, then unknown keys as given
        (the check reports them; they are not dropped)."""
        fields = self.models.get(spec.get("m", ""), []) if spec.get("t") == "model" else []
        known = {name: entry for name, entry in fields}
        out = []
        for name, entry in fields:
            if name in data and not self.skip(data[name], entry):
                out.append((name, data[name], entry))
        for name, value in data.items():
            if name not in known and name != self.marker and not _empty(value):
                child = spec.get("of", {"t": "any"}) if spec.get("t") == "dict" else {"t": "any"}
                out.append((name, value, child))
        return out

    def skip(self, value: Any, entry: dict[str, Any]) -> bool:
        if _empty(value):
            return True
        if isinstance(value, dict | list):
            return False
        if "d" not in entry or isinstance(value, bool) != isinstance(entry["d"], bool):
            return False
        return bool(value == entry["d"])

    def mapping(self, data: dict[str, Any], spec: dict[str, Any], indent: int) -> list[str]:
        lines = []
        pad = " " * indent
        for name, value, entry in self.ordered(data, spec):
            lines.append(self.entry(f"{pad}{_key(name)}:", value, entry, indent))
        return [line for line in lines if line]  # a mapping of defaults only is left out

    def entry(self, head: str, value: Any, spec: dict[str, Any], indent: int) -> str:
        """``head`` (``key:`` or ``-``) and the value, ending with a newline."""
        if isinstance(value, dict):
            inner = self.mapping(value, spec, indent + 2)
            if not inner:
                return ""
            return head + "\n" + "".join(inner)
        if isinstance(value, list):
            item = spec.get("of", {"t": "any"})
            flow = _flow_list(value, len(head) + 1)
            if flow is not None:
                return f"{head} {flow}\n"
            return head + "\n" + "".join(self.item(v, item, indent + 2) for v in value)
        return f"{head} {scalar(value, spec, indent + 2, len(head) + 1)}\n"

    def item(self, value: Any, spec: dict[str, Any], indent: int) -> str:
        pad = " " * indent
        if isinstance(value, dict):
            inner = self.mapping(value, spec, indent + 2)
            if not inner:
                return f"{pad}- {{}}\n"
            return f"{pad}- " + "".join(inner)[indent + 2 :]
        if isinstance(value, list):
            flow = _flow_list(value, indent + 2)
            if flow is not None:
                return f"{pad}- {flow}\n"
            inner_spec = spec.get("of", {"t": "any"})
            body = "".join(self.item(v, inner_spec, indent + 2) for v in value)
            return f"{pad}- " + body[indent + 2 :]
        return f"{pad}- {scalar(value, spec, indent + 2, indent + 2)}\n"


def _key(name: str) -> str:
    return name if plain_ok(name, flow=True) else quoted(name)


@cache
def writer() -> Writer:
    from generator.content.cms_config import layout

    return Writer(layout())


def render(kind: str, data: dict[str, Any]) -> str:
    """``data`` (as read from a file of ``kind``) as the project writes it."""
    return writer().document(kind, data)
