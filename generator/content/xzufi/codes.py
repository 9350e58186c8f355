"""The XZuFi vocabulary this importer reads: the namespace, the published code list of text
modules (which module becomes which field), the elements known per object, and the small
helpers that read an element's children and German text and remember its line.
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from dataclasses import dataclass, field
from typing import Any
from xml.etree.ElementTree import Element, TreeBuilder

NS = "http://xoev.de/schemata/xzufi/2_2_0"
STATE_FILE = ".xzufi-import.json"
SCHEMA_LINE = "# yaml-language-server: $schema=../../schema/{}.schema.json\n"

#: The code list the ``leikaTextmodul`` of every ``modulText`` is coded by (where it comes
#: from: the module docstring). Names follow the list; where public code spells one
#: differently (03 "Leistungsname", 07 "Handlungsgrundlagen"), that spelling is accepted as
#: the same name. Costs, deadlines and processing time are not text modules in this version:
#: they are the structured ``modulKosten``, ``modulFrist`` and ``modulBearbeitungsdauer``.
CODE_LIST_URN = "urn:de:xzufi:codeliste:leistungstextmodulleika"
CODE_LIST_VERSION = "20240216"


@dataclass(frozen=True)
class TextModule:
    """One entry of the text-module code list and the Servicefinder field it fills."""

    code: str
    name: str
    field: str
    aliases: tuple[str, ...] = ()

    def is_named(self, name: str) -> bool:
        """Whether ``name`` is this entry's name (case, spacing and umlaut spelling aside)."""
        return _name_key(name) in {_name_key(n) for n in (self.name, *self.aliases)}


TEXT_MODULES: dict[str, TextModule] = {
    m.code: m
    for m in (
        TextModule("02", "Leistungsbezeichnung", "title (without 03), else keywords"),
        TextModule("03", "Leistungsbezeichnung II", "title", ("Leistungsname",)),
        TextModule("05", "Kurztext", "summary (without 24), else the first part of description"),
        TextModule("06", "Volltext", "description"),
        TextModule(
            "07",
            "Rechtsgrundlage(n)",
            "legal_basis (lines that name no § and law: notes)",
            ("Rechtsgrundlagen", "Handlungsgrundlagen", "Rechtsgrundlage(n)/Handlungsgrundlagen"),
        ),
        TextModule("08", "Erforderliche Unterlagen", "documents"),
        TextModule("09", "Voraussetzungen", "requirements"),
        TextModule("11", "Verfahrensablauf", "process"),
        TextModule("14", "Formulare", "forms.note, forms.links"),
        TextModule("15", "Weiterführende Informationen", "notes"),
        TextModule("16", "Hinweise (Besonderheiten)", "notes", ("Hinweise",)),
        TextModule("18", "Urheber", "source.name"),
        TextModule("22", "Zuständige Stelle", "responsible.note"),
        TextModule("23", "Ansprechpunkt", "responsible.note"),
        TextModule("24", "Teaser", "summary"),
        TextModule("25", "Rechtsbehelf", "appeal"),
    )
}


def _name_key(name: str) -> str:
    text = name.casefold().replace("ä", "ae").replace("ö", "oe").replace("ü", "ue")
    return " ".join(text.replace("ß", "ss").split())


_LEISTUNG_KNOWN = {
    "id",
    "idSekundaer",
    "referenzLeiKa",
    "modulText",
    "modulKosten",
    "modulFrist",
    "modulBearbeitungsdauer",
    "modulFachlicheFreigabe",
    "versionsinformation",
    "kennzeichenSchriftformerfordernis",
    "sprachversion",
}
_OE_KNOWN = {"id", "name", "anschrift", "zustaendigkeit", "kommunikation", "internetadresse"}
_STATES = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}
_LAW = re.compile(
    r"§+\s*(\d+[a-z]?)(?:\s+(?:Abs\.|Absatz)\s*\d+[a-z]?)*(?:\s+(?:S\.|Satz)\s*\d+)?"
    r"(?:\s+(?:Nr\.|Nummer)\s*\d+)?\s+([A-ZÄÖÜ][A-Za-zÄÖÜäöüß]*(?:\s+[IVX]+)?)"
)


class XzufiError(Exception):
    """A file that cannot be imported; nothing was written."""


@dataclass
class Report:
    written: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    unmapped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class _Leistung:
    xid: str
    data: dict[str, Any]
    #: the service's ``source``: the XZuFi object's id and version, its author (text module
    #: 18) and who released it, dated by the release
    source: dict[str, Any]
    #: where the object is, for messages
    where: str
    #: text modules 22 and 23 (Zuständige Stelle, Ansprechpunkt), for ``responsible.note``
    responsible_note: str | None = None


@dataclass
class _Unit:
    xid: str
    data: dict[str, Any]
    services: set[str]
    areas: list[str]
    source: str


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(el: Element, name: str) -> list[Element]:
    return [c for c in el if local(c.tag) == name]


def _child(el: Element, name: str) -> Element | None:
    found = _children(el, name)
    return found[0] if found else None


def _text(el: Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _path(el: Element, *names: str) -> Element | None:
    found: Element | None = el
    for name in names:
        if found is None:
            return None
        found = _child(found, name)
    return found


def _german(el: Element, name: str) -> str:
    """The German (or language-less) text of repeated multi-language elements."""
    options = _children(el, name)
    for option in options:
        if option.get("languageCode", "de").lower().startswith("de"):
            return _text(option)
    return _text(options[0]) if options else ""


def slug(text: str) -> str:
    text = text.lower().replace("ß", "ss").replace("ä", "ae").replace("ö", "oe")
    text = text.replace("ü", "ue")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.findall(r"[a-z0-9]+", text)
    out = ""
    for word in words:
        if len(out) + len(word) + 1 > 60:
            break
        out = f"{out}-{word}" if out else word
    return out or "leistung"


#: the line each element of a read file starts on (for messages that name it)
_LINES: weakref.WeakKeyDictionary[Element, int] = weakref.WeakKeyDictionary()


class _LineBuilder(TreeBuilder):
    """ElementTree's builder, noting the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: Any = None

    def start(self, tag: Any, attrs: Any) -> Element:
        element = super().start(tag, attrs)
        _LINES[element] = self.parser.parser.CurrentLineNumber
        return element


def _line(element: Element | None) -> int:
    return _LINES.get(element, 1) if element is not None else 1
