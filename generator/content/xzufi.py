"""Import service texts and responsibilities from XZuFi 2.2 files (the FIM exchange format).

Every German state publishes its service descriptions as FIM building blocks: a LeiKa key,
fixed text modules, and which organisation unit is responsible where (by regional key).
``servicefinder import-xzufi FILE... [--area PREFIX]`` turns ``leistung`` objects into
``content/services/<id>.yaml`` and ``organisationseinheit`` objects into
``content/authorities/<id>.yaml``, so a municipality starts from the state's texts.

Element names follow the XZuFi 2.2 specification (XRepository, urn:xoev-de:fim:standard:xzufi,
namespace ``http://xoev.de/schemata/xzufi/2_2_0``) as also read by public PVOG parsers
(github.com/codedust/xzufi ``parse-xzufi.py``; github.com/rongem/pvog ``src/model/rest``):

- ``schreibe`` wraps each object; ``leistung``, ``organisationseinheit``, ``onlinedienst``
- ``leistung/id``, ``leistung/referenzLeiKa/code`` (the LeiKa key; ``code`` and ``name``
  of code-list values are unqualified), ``leistung/modulText`` with ``inhalt``
  (``languageCode`` attribute), ``leikaTextmodul/code`` (coded by the published list in
  ``TEXT_MODULES``; codes 02 and 03 also as the PVOG parsers read them) and
  ``weiterfuehrenderLink``; ``modulKosten``, ``modulFrist``, ``modulBearbeitungsdauer``
  with ``beschreibung`` and their amounts and durations (see ``_Structured``);
  ``modulFachlicheFreigabe/fachlichFreigegebenAm``;
  ``versionsinformation``; ``kennzeichenSchriftformerfordernis``
- ``organisationseinheit/id``, ``name/name``, ``anschrift`` (``ort``), ``zustaendigkeit``
  with ``leistungID`` and one or more ``gebietID`` (regional keys)
- ``onlinedienst/id``, ``bezeichnung``, ``link/link``

Assumptions that could not be checked against the specification text itself (see
docs/open-data/README.md): ``strasse``, ``hausnummer``, ``postleitzahl`` in ``anschrift``;
``kommunikation`` with ``kanal/code`` and ``kennung`` for phone and e-mail;
``internetadresse/uri``; an ``onlinedienst`` names its services in
``zustaendigkeit/leistungID``. The root element's name is not checked.

Where the text-module codes come from: the code list
``urn:de:xzufi:codeliste:leistungstextmodulleika``, version 20240216, is published on
XRepository; its 16 codes (02, 03, 05-09, 11, 14-16, 18, 22-25) are quoted as a table in a
public Python module that reads the XZuFi exports of the FIM portal (fimportal.de,
``/api/v1/leistung-stammtexte/.../xzufi``) and names this URN and version. Two PVOG readers
agree on the codes they use: github.com/rongem/pvog (``src/model/leistung.interface.ts``)
takes the name from 03 before 02, github.com/codedust/xzufi (``parse-xzufi.py``) reads 02
as the Leistungsbezeichnung. Sources disagree in two ways, both noted in ``TEXT_MODULES``:
that module keys 03 as "Leistungsname" and 07 as "Handlungsgrundlagen" where the list's
names are "Leistungsbezeichnung II" and "Rechtsgrundlage(n)"; and the Brandenburg BUS app
(github.com/smart-village-solutions/smart-village-app-app, ``src/screens/BB-BUS``) shows
costs, deadlines and processing time as text blocks "Kosten (Gebühren, Auslagen, etc.)",
"Fristen" and "Bearbeitungsdauer" (names of its own interface, without codes), where XZuFi
2.2 has the structured modules. The table this import used before (04 Volltext, 05
Unterlagen, ... 19 Teaser) matched no source and put texts into the wrong sections.

Re-import keeps editors' changes: for every field written, the SHA-256 of the imported
value is kept in ``content/.xzufi-import.json``. On the next import a field is replaced
only if its current value still has that hash (nobody changed it since); otherwise the
editor's value stays and the report says so.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import unicodedata
import weakref
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, TreeBuilder

import yaml
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from pydantic import ValidationError

from generator.content.dialect import needs_quotes
from generator.content.schema import MARKDOWN_MAX, TEXT_MAX, Authority, Service
from generator.content.xzufi_html import html_to_items, html_to_markdown, plain

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


# --- reading ---------------------------------------------------------------------------------


#: an XZuFi file larger than this is refused before it is parsed (a state's whole catalogue
#: is a few MB); SERVICEFINDER_MAX_XZUFI_MB raises it
MAX_XZUFI_BYTES = int(os.environ.get("SERVICEFINDER_MAX_XZUFI_MB", "64")) * 1024 * 1024
#: a text module's HTML longer than this cannot become a field (Markdown holds at most
#: 20,000 characters): refused before it is converted, which took a minute at 50 MB
MAX_MODULE_CHARS = 200_000
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


def read_file(path: Path) -> Element:
    """Parse one file with entity expansion and external entities forbidden.

    Only a regular file is read (a named pipe would wait for a writer for ever), and at
    most :data:`MAX_XZUFI_BYTES` of it."""
    data = _read_bytes(path)
    builder = _LineBuilder()
    parser = DefusedXMLParser(target=builder)
    builder.parser = parser
    try:
        parser.feed(data)
        return parser.close()
    except ParseError as exc:
        line, column = exc.position
        raise XzufiError(
            f"{path}:{line}:{column + 1}: malformed XML: {str(exc).split(':')[0]}"
        ) from None
    except DefusedXmlException as exc:
        raise XzufiError(
            f"{path}: refused: {exc} (entity declarations and external references are not "
            "allowed in XZuFi files)"
        ) from None


def _read_bytes(path: Path) -> bytes:
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise XzufiError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            kind = "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "not a regular file"
            raise XzufiError(f"{path}: is {kind}; give the XZuFi file itself")
        if info.st_size > MAX_XZUFI_BYTES:
            raise XzufiError(
                f"{path}: has {info.st_size // (1024 * 1024)} MB; at most "
                f"{MAX_XZUFI_BYTES // (1024 * 1024)} MB are read (SERVICEFINDER_MAX_XZUFI_MB)"
            )
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read(MAX_XZUFI_BYTES + 1)
        if len(data) > MAX_XZUFI_BYTES:  # grew while it was read
            raise XzufiError(f"{path}: is larger than {MAX_XZUFI_BYTES // (1024 * 1024)} MB")
        return data
    except OSError as exc:
        raise XzufiError(f"{path}: cannot read: {exc.strerror}") from None
    finally:
        os.close(fd)


def _line(element: Element | None) -> int:
    return _LINES.get(element, 1) if element is not None else 1


def _objects(root: Element, path: Path) -> list[Element]:
    if root.tag.startswith("{") and not root.tag.startswith("{" + NS):
        raise XzufiError(
            f"{path}: expected XZuFi 2.2 (namespace {NS}), got {root.tag.split('}')[0][1:]}"
        )
    objects: list[Any] = []
    for child in root:
        if local(child.tag) == "schreibe":
            objects.extend(child)
        elif local(child.tag) in ("leistung", "organisationseinheit", "onlinedienst"):
            objects.append(child)
    return objects


def _modules(leistung: Element, report: Report, where: str) -> dict[str, list[Element]]:
    """The ``modulText`` elements by code of the published list.

    A module is matched by its code only: a file may leave out the optional ``name``, and a
    code read by its position in some other list would put texts into the wrong sections
    without anyone noticing. Where the name is given it must be the list's name for that
    code; every contradiction is an error that names both, and nothing is written. A code
    the list does not have is reported with its name and not imported.
    """
    found: dict[str, list[Element]] = {}
    contradictions: list[str] = []
    for module in _children(leistung, "modulText"):
        kind = _child(module, "leikaTextmodul")
        code = _text(_child(kind, "code")) if kind is not None else ""
        name = _text(_child(kind, "name")) if kind is not None else ""
        list_uri = kind.get("listURI", "") if kind is not None else ""
        if list_uri and list_uri != CODE_LIST_URN:
            raise XzufiError(
                f"{where}: modulText {code or '?'} is coded by {list_uri}, not by "
                f"{CODE_LIST_URN}; its codes cannot be read by this list. Nothing written"
            )
        version = kind.get("listVersionID", "") if kind is not None else ""
        if version and version != CODE_LIST_VERSION:
            report.notes.append(
                f"{where}: modulText {code} names code list version {version}; read by "
                f"version {CODE_LIST_VERSION}"
            )
        listed = TEXT_MODULES.get(code)
        if listed is None:
            label = f"{code or '(no code)'}" + (f" {name!r}" if name else "")
            report.unmapped.append(
                f"{where}: modulText {label} (not a code of {CODE_LIST_URN} "
                f"{CODE_LIST_VERSION}; not imported)"
            )
            continue
        if name and not listed.is_named(name):
            others = [m for m in TEXT_MODULES.values() if m.is_named(name)]
            meaning = (
                f"the list's name for code {others[0].code}"
                if others
                else "a name the list does not have"
            )
            contradictions.append(
                f"{where}: modulText code {code} is {listed.name!r} in {CODE_LIST_URN} "
                f"{CODE_LIST_VERSION}, but its name is {name!r} ({meaning})"
            )
            continue
        found.setdefault(code, []).append(module)
    if contradictions:
        raise XzufiError(
            "text-module names contradict their codes; nothing written:\n  "
            + "\n  ".join(contradictions)
        )
    return found


#: the parts of a ``modulText``; ``positionDarstellung`` is display order, which the page's
#: fixed order of sections replaces
_MODULE_TEXT_KNOWN = {"inhalt", "leikaTextmodul", "weiterfuehrenderLink", "positionDarstellung"}
#: text modules whose field is Markdown, so their ``weiterfuehrenderLink`` become a list of
#: links after the text (Volltext, Weiterführende Informationen, Hinweise); the links of
#: Formulare (14) are the form links; links of any other module have no place
_LINKED_MODULES = {"06", "15", "16"}


def _links(module: Element) -> list[tuple[str, str]]:
    """(title, address) of each ``weiterfuehrenderLink``; the address as its own title."""
    out = []
    for link in _children(module, "weiterfuehrenderLink"):
        uri = _text(_child(link, "uri"))
        if uri:
            out.append((plain(_text(_child(link, "titel")) or uri), uri))
    return out


def _markdown_link(title: str, uri: str) -> str:
    title = title.replace("[", "(").replace("]", ")")
    return f"- [{title}]({uri.replace(' ', '%20').replace('(', '%28').replace(')', '%29')})"


def _parse_leistung(
    el: Element, path: Path, report: Report, *, today: date, release_date: date | None
) -> _Leistung:
    id_el = _child(el, "id")
    xid = _text(id_el)
    where = f"{path.name}: leistung {xid or '?'}"
    if not xid:
        raise XzufiError(f"{where}: has no <id>")
    for child in el:
        if local(child.tag) not in _LEISTUNG_KNOWN:
            report.unmapped.append(f"{where}: {local(child.tag)} (not imported)")
    modules = _modules(el, report, where)
    unmapped_tags: set[str] = set()
    for code, found in sorted(modules.items()):
        label = f"modulText {code} ({TEXT_MODULES[code].name})"
        for module in found:
            for child in module:
                if local(child.tag) not in _MODULE_TEXT_KNOWN:
                    report.unmapped.append(f"{where}: {label}: {local(child.tag)} (not imported)")
            for _, uri in _links(module):
                if code not in {"14", *_LINKED_MODULES}:
                    report.unmapped.append(f"{where}: {label}: link {uri} (no place for it)")
                elif code == "14" and not uri.startswith("https://"):
                    report.unmapped.append(f"{where}: {label}: link {uri} (not https)")
                elif not uri.startswith(("https://", "http://", "mailto:")):
                    report.unmapped.append(f"{where}: {label}: link {uri} (not a web address)")

    #: the element each module's text came from, for messages about that text
    origins: dict[str, Element] = {}

    def html_of(module: Element, name: str, key: str) -> str:
        html = _german(module, name)
        origins.setdefault(key, module)
        if len(html) > MAX_MODULE_CHARS:
            raise XzufiError(
                f"{path}:{_line(module)}: modulText {key} ({TEXT_MODULES[key].name}): the text "
                f"has {len(html)} characters; no "
                f"field holds more than {MARKDOWN_MAX} (leistung {xid}); shorten it"
            )
        return html

    def md(code: str) -> str | None:
        texts = []
        for module in modules.get(code, []):
            html = html_of(module, "inhalt", code)
            if html:
                text, tags = html_to_markdown(html)
                unmapped_tags.update(tags)
                texts.append(text)
            if code in _LINKED_MODULES:
                links = [
                    _markdown_link(title, uri)
                    for title, uri in _links(module)
                    if uri.startswith(("https://", "http://", "mailto:"))
                ]
                texts.append("\n".join(links))
        return "\n\n".join(t for t in texts if t) or None

    def items(code: str) -> list[str]:
        out: list[str] = []
        for module in modules.get(code, []):
            html = html_of(module, "inhalt", code)
            if html:
                found, tags = html_to_items(html)
                unmapped_tags.update(tags)
                out += found
        return out

    name, name_ii = md("02"), md("03")
    title = plain(name_ii or name or "")
    if not title:
        raise XzufiError(f"{where}: has no Leistungsbezeichnung (text module 02 or 03)")
    # 03 is the name people use; the formal name of 02 then still finds the page in search
    keywords = [plain(name)] if name and name_ii and plain(name) != title else []
    teaser, short, full = md("24"), md("05"), md("06")
    # the teaser is the one-sentence summary; where there is one, the short text opens the
    # description instead, so each text has its place and none is dropped
    summary = plain(teaser or short or "") or None
    description = "\n\n".join(t for t in ((short if teaser else None), full) if t) or None
    if not summary and description:
        first = plain(description.split("\n\n")[0])
        summary = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    data: dict[str, Any] = {}
    leika = _text(_path(el, "referenzLeiKa", "code"))
    if leika:
        data["leika"] = leika
    data["title"] = title
    data["summary"] = summary or title
    if keywords:
        data["keywords"] = keywords
    data["description"] = description or summary or title
    data["requirements"] = items("09")
    data["documents"] = [{"name": d} for d in items("08")]
    structured = _Structured(el, where)
    data["fees"] = structured.fees()
    for key, module_name, item_name in (
        ("deadlines", "modulFrist", "frist"),
        ("processing_time", "modulBearbeitungsdauer", "bearbeitungsdauer"),
    ):
        value = structured.durations(module_name, item_name)
        if value:
            data[key] = value
    unmapped_tags.update(structured.tags)
    report.unmapped += structured.unmapped
    report.notes += structured.notes
    data["process"] = items("11")
    laws, unparsed = _legal_basis(items("07"))
    data["legal_basis"] = laws
    appeal = md("25")
    if appeal:
        data["appeal"] = plain(appeal)
    notes = [t for t in (md("16"), md("15")) if t]
    if unparsed:
        notes.append("Rechtsgrundlagen: " + "; ".join(unparsed))
        report.notes.append(f"{where}: legal basis kept as text in notes: {'; '.join(unparsed)}")
    if notes:
        data["notes"] = "\n\n".join(notes)
    forms_text = md("14")
    links = [
        {"title": title, "url": uri}
        for module in modules.get("14", [])
        for title, uri in _links(module)
        if uri.startswith("https://")
    ]
    data["forms"] = {
        "available": bool(forms_text or links),
        "online": False,
        "written_form_required": _text(_child(el, "kennzeichenSchriftformerfordernis")) == "true",
        "informal_application": False,
        "personal_appearance": False,
        **({"note": plain(forms_text)} if forms_text else {}),
        "links": links,
    }
    released, released_by = _release(el, where, report)
    if released is not None and released > today:
        raise XzufiError(
            f"{where}: fachlichFreigegebenAm {released} is after today ({today}); nothing written"
        )
    _check_lengths(data, path, xid, origins, el)
    if released is not None:
        data["as_of"] = released
    elif release_date is not None:
        data["as_of"] = release_date
    responsible = [plain(t) for t in (md("22"), md("23")) if t]
    author = md("18")
    if unmapped_tags:
        report.notes.append(
            f"{where}: HTML tags without Markdown equivalent, text kept: "
            + ", ".join(sorted(unmapped_tags))
        )
    agency = id_el.get("schemeAgencyID", "") if id_el is not None else ""
    version = _text(_path(el, "versionsinformation", "version"))
    changed = _text(_path(el, "versionsinformation", "geaendertDatumZeit"))
    origin = f"FIM-Leistungsbeschreibung, XZuFi-Leistung {xid}" + (f" ({agency})" if agency else "")
    if version:
        origin += f", Version {version}"
    if changed:
        origin += f", geändert {changed}"
    if not version and not changed:
        report.notes.append(f"{where}: no versionsinformation; the source names the id only")
    if released_by:
        origin += f", fachlich freigegeben durch {released_by}"
    if author:
        origin = f"{plain(author)}; {origin}"
    source: dict[str, Any] = {"name": origin}
    if released is not None:
        source["date"] = released
    return _Leistung(xid, data, source, where, responsible_note=" ".join(responsible) or None)


def _release(el: Element, where: str, report: Report) -> tuple[date | None, str]:
    """The release date (``fachlichFreigegebenAm``) and who released the texts.

    The release date is the one date in the file that says when the texts were checked,
    which is what ``as_of`` means; the date of the last change or of the import does not.
    """
    module = _child(el, "modulFachlicheFreigabe")
    if module is None:
        return None, ""
    text = _text(_child(module, "fachlichFreigegebenAm"))
    released = _date(text)
    if text and released is None:
        raise XzufiError(
            f"{where}: fachlichFreigegebenAm {text!r} is not a date (YYYY-MM-DD); nothing written"
        )
    by = _german(module, "fachlichFreigegebenDurch")
    for child in module:
        if local(child.tag) not in {"fachlichFreigegebenAm", "fachlichFreigegebenDurch"}:
            report.unmapped.append(
                f"{where}: modulFachlicheFreigabe/{local(child.tag)} (not imported)"
            )
    return released, plain(by) if by else ""


# --- structured modules: costs, deadlines, processing time ------------------------------------

#: Units of ``einheit``/``einheitBis`` (a code or a word) and of ISO 8601 durations, to the
#: German words on the page (singular, plural). The units' code list was not found in a
#: public source, so German and English words, UN/ECE Recommendation 20 codes and the
#: letters of ISO 8601 are read; anything else is reported, never guessed.
_UNITS: dict[str, tuple[str, str]] = {
    key.casefold(): forms
    for keys, forms in (
        (("Minute", "Minuten", "min", "minutes"), ("Minute", "Minuten")),
        (("Stunde", "Stunden", "h", "hour", "hours", "HUR"), ("Stunde", "Stunden")),
        (("Tag", "Tage", "Kalendertag", "Kalendertage", "d", "day", "days"), ("Tag", "Tage")),
        (("Werktag", "Werktage", "Arbeitstag", "Arbeitstage"), ("Werktag", "Werktage")),
        (("Woche", "Wochen", "w", "week", "weeks", "WEE"), ("Woche", "Wochen")),
        (("Monat", "Monate", "month", "months", "MON"), ("Monat", "Monate")),
        (("Jahr", "Jahre", "a", "y", "year", "years", "ANN"), ("Jahr", "Jahre")),
    )
    for key in keys
}
_ISO_DURATION = re.compile(
    r"P(?:(?P<Y>[\d.,]+)Y)?(?:(?P<M>[\d.,]+)M)?(?:(?P<W>[\d.,]+)W)?(?:(?P<D>[\d.,]+)D)?"
    r"(?:T(?:(?P<H>[\d.,]+)H)?(?:(?P<MIN>[\d.,]+)M)?)?"
)
_ISO_UNITS = {"Y": "a", "M": "month", "W": "w", "D": "d", "H": "h", "MIN": "min"}
#: elements of structured modules that carry no content of their own: the display order
_LAYOUT = {"positionDarstellung"}


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}".replace(".", ",")


def _decimal(text: str) -> Decimal | None:
    try:
        value = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return value if value.is_finite() and value >= 0 else None


def _quantity(number: str, unit: str) -> str | None:
    """``'3', 'Monat'`` -> ``'3 Monate'``; None if the number or the unit cannot be read."""
    value, forms = _decimal(number), _UNITS.get(unit.strip().casefold())
    if value is None or forms is None:
        return None
    return f"{_number(value)} {forms[0] if value == 1 else forms[1]}"


def _iso_duration(text: str) -> str | None:
    """``'P2W'`` -> ``'2 Wochen'``, ``'P1Y6M'`` -> ``'1 Jahr und 6 Monate'``; None if not one."""
    match = _ISO_DURATION.fullmatch(text.strip())
    if match is None or not any(match.groupdict().values()):
        return None
    parts = [_quantity(n, _ISO_UNITS[k]) for k, n in match.groupdict().items() if n]
    return " und ".join(p for p in parts if p) if all(parts) else None


def _find(el: Element, name: str) -> Element | None:
    """The first element named ``name`` below ``el`` (wrappers between them are allowed)."""
    return next((d for d in el.iter() if d is not el and local(d.tag) == name), None)


def _sentences(parts: list[str]) -> str:
    """Parts joined into running text, each ending its sentence before the next starts."""
    out = ""
    for part in parts:
        if out:
            out += " " if out[-1] in ".!?:;" else ". "
        out += part
    return out


class _Structured:
    """Reads ``modulKosten``, ``modulFrist`` and ``modulBearbeitungsdauer`` as structure.

    Amounts and durations are data, not prose: ``kosten/betrag`` with ``waehrung`` fills
    ``fees.amount_eur`` where there is one fixed amount in euros, and ``dauer``/``einheit``
    (with ``dauerBis``/``einheitBis`` for a range, or an ISO 8601 duration in ``dauer``)
    becomes "2 bis 4 Wochen" in ``deadlines`` and ``processing_time``, which hold durations as
    words. Each module's and each item's ``beschreibung`` follows. Every element with text
    that is not read this way is reported as not imported, so a part of the structure this
    import does not know (``fristStichtag``, a link, ...) is never dropped silently.

    Read from public code that parses XZuFi exports of the FIM portal (it takes ``dauer``,
    ``einheit``, ``betrag``, ``waehrung`` and the ``typ`` code from these modules) and from
    github.com/rongem/pvog (``beschreibung`` of each module). Wrappers around the values
    (``kosten/...``, ``frist/...``) are allowed, as the specification text was not at hand.
    """

    def __init__(self, leistung: Element, where: str) -> None:
        self.leistung = leistung
        self.where = where
        self.used: set[int] = set()
        self.unmapped: list[str] = []
        self.notes: list[str] = []
        self.tags: set[str] = set()

    def _use(self, el: Element | None) -> Element | None:
        if el is not None:
            self.used.update(id(d) for d in el.iter())
        return el

    def _description(self, el: Element) -> str | None:
        """The German ``beschreibung`` directly under ``el``, as plain text."""
        for option in _children(el, "beschreibung"):
            self._use(option)  # other languages: translations are not imported
        html = _german(el, "beschreibung")
        if not html:
            return None
        text, tags = html_to_markdown(html)
        self.tags.update(tags)
        return plain(text) or None

    def _code(self, el: Element | None, *, use: bool = True) -> str:
        """A code-list value: its ``code``, else its own text."""
        if el is None:
            return ""
        if use:
            self._use(el)
        return _text(_child(el, "code")) or _text(el)

    def _items(self, module: Element, item_name: str) -> list[Element]:
        return _children(module, item_name) or [module]

    def _types(self, module_name: str, items: list[Element]) -> None:
        codes = [c for item in items if (c := self._code(_child(item, "typ")))]
        if codes:
            self.notes.append(
                f"{self.where}: {module_name}: type code {', '.join(codes)} not shown (the "
                "service has no field for it; the code list of types is not read)"
            )

    def _leftovers(self, module: Element) -> None:
        for el in module.iter():
            text = (el.text or "").strip()
            if text and id(el) not in self.used and local(el.tag) not in _LAYOUT:
                short = text if len(text) <= 60 else text[:57] + "..."
                self.unmapped.append(
                    f"{self.where}: {self._path(module, el)} {short!r} (not imported)"
                )

    @staticmethod
    def _path(module: Element, target: Element) -> str:
        def walk(el: Element, trail: list[str]) -> list[str] | None:
            if el is target:
                return trail
            for child in el:
                found = walk(child, [*trail, local(child.tag)])
                if found:
                    return found
            return None

        return "/".join(walk(module, [local(module.tag)]) or [local(target.tag)])

    def fees(self) -> dict[str, Any]:
        """``fees`` from ``modulKosten``: the amounts and descriptions as text, and the one
        fixed amount in euros (if there is exactly one) as ``amount_eur``."""
        module = _child(self.leistung, "modulKosten")
        if module is None:
            return {"text": "Zu den Kosten liegen keine Angaben vor."}
        items = self._items(module, "kosten")
        self._types("modulKosten", items)
        parts: list[str] = []
        euros: list[Decimal] = []
        amounts = 0
        for item in items:
            words: list[str] = []
            for el in [d for d in item.iter() if local(d.tag) == "betrag"]:
                value = _decimal(_text(el))
                if value is None:
                    continue  # not a readable amount: reported with the leftovers
                self._use(el)
                amounts += 1
                currency = self._code(_find(item, "waehrung")).upper()
                if not currency:
                    currency = "EUR"
                    self.notes.append(f"{self.where}: modulKosten: no currency, read as EUR")
                if currency == "EUR":
                    euros.append(value)
                else:
                    self.notes.append(
                        f"{self.where}: modulKosten: amount in {currency}, kept in the text only"
                    )
                words.append("kostenfrei" if value == 0 else f"{value:.2f} {currency}")
            description = self._description(item) if item is not module else None
            amount = " bis ".join(w.replace(".", ",") for w in words)
            if amount and description:
                parts.append(f"{amount}: {description}")
            elif amount or description:
                parts.append(amount or description or "")
        description = self._description(module)
        if description:
            parts.append(description)
        self._leftovers(module)
        fees: dict[str, Any] = {
            "text": _sentences(parts) or "Zu den Kosten liegen keine Angaben vor."
        }
        if amounts == 1 and len(euros) == 1:
            fees["amount_eur"] = float(euros[0])
        elif amounts > 1:
            self.notes.append(
                f"{self.where}: modulKosten: {amounts} amounts; fees.amount_eur holds one "
                "fixed amount, so they are in fees.text only"
            )
        return fees

    def _duration(self, item: Element) -> str | None:
        """The duration of one ``frist`` or ``bearbeitungsdauer`` in German words; None if
        it has none or it cannot be read (then its elements are reported as leftovers)."""
        start = _find(item, "dauer")
        if start is None:
            return None
        unit_el, end_unit_el = _find(item, "einheit"), _find(item, "einheitBis")
        unit = self._code(unit_el, use=False)
        first = _quantity(_text(start), unit) if unit else _iso_duration(_text(start))
        if first is None:
            return None
        self._use(start)
        self._use(unit_el)
        end = _find(item, "dauerBis")
        if end is None:
            return first
        end_unit = self._code(end_unit_el, use=False) or unit
        last = _quantity(_text(end), end_unit) if end_unit else _iso_duration(_text(end))
        if last is None:
            return first
        self._use(end)
        self._use(end_unit_el)
        number = _decimal(_text(start))
        if unit and number is not None and _UNITS[unit.casefold()] == _UNITS[end_unit.casefold()]:
            return f"{_number(number)} bis {last}"  # "2 bis 4 Wochen"
        return f"{first} bis {last}"

    def durations(self, module_name: str, item_name: str) -> str | None:
        """``deadlines`` or ``processing_time`` from ``modulFrist`` or
        ``modulBearbeitungsdauer``: each item's duration with its description, then the
        module's description."""
        module = _child(self.leistung, module_name)
        if module is None:
            return None
        items = self._items(module, item_name)
        self._types(module_name, items)
        parts: list[str] = []
        for item in items:
            duration = self._duration(item)
            description = self._description(item) if item is not module else None
            if duration and description:
                parts.append(f"{duration}: {description}")
            elif duration or description:
                parts.append(duration or description or "")
        description = self._description(module)
        if description:
            parts.append(description)
        self._leftovers(module)
        return _sentences(parts) or None


#: Service field -> the text modules (codes) it is made of (keys of ``origins`` in
#: _parse_leistung)
_FIELD_SOURCES = {
    "title": ("03", "02"),
    "keywords": ("02",),
    "summary": ("24", "05", "06"),
    "description": ("06", "05", "24"),
    "requirements": ("09",),
    "documents": ("08",),
    "process": ("11",),
    "legal_basis": ("07",),
    "appeal": ("25",),
    "notes": ("16", "15", "07"),
    "forms": ("14",),
}


def _check_lengths(
    data: dict[str, Any], path: Path, xid: str, source: dict[str, Element], el: Element
) -> None:
    """A text longer than its field holds is refused at the line of the XZuFi text it came
    from, before anything is written (it was reported as a list's length, without a place)."""
    markdown = {"description", "notes"}

    def texts(value: Any, where: str) -> Any:
        if isinstance(value, str):
            yield where, value
        elif isinstance(value, dict):
            for key, item in value.items():
                if key != "url":
                    yield from texts(item, f"{where}.{key}")
        elif isinstance(value, list):
            for i, item in enumerate(value):
                yield from texts(item, f"{where}[{i}]")

    for name, value in data.items():
        limit = MARKDOWN_MAX if name in markdown else TEXT_MAX
        for where, text in texts(value, name):
            if len(text) > limit:
                keys = _FIELD_SOURCES.get(name, ())
                origin = next((source[k] for k in keys if k in source), el)
                raise XzufiError(
                    f"{path}:{_line(origin)}: {where}: the imported text has {len(text)} "
                    f"characters; the field holds at most {limit} (leistung {xid}); shorten it"
                )


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _legal_basis(lines: list[str]) -> tuple[list[dict[str, str]], list[str]]:
    refs: list[dict[str, str]] = []
    unparsed: list[str] = []
    for line in lines:
        found = _LAW.findall(line)
        if not found:
            unparsed.append(line)
        for section, law in found:
            ref = {"law": law, "section": section}
            if ref not in refs:
                refs.append(ref)
    return refs, unparsed


def _parse_unit(el: Element, path: Path, report: Report) -> _Unit:
    xid = _text(_child(el, "id"))
    where = f"{path.name}: organisationseinheit {xid or '?'}"
    if not xid:
        raise XzufiError(f"{where}: has no <id>")
    for child in el:
        if local(child.tag) not in _OE_KNOWN:
            report.unmapped.append(f"{where}: {local(child.tag)} (not imported)")
    name_el = _child(el, "name")
    name = _german(name_el, "name") if name_el is not None else ""
    if not name:
        raise XzufiError(f"{where}: has no <name>")
    address = _child(el, "anschrift")
    street = (
        " ".join(
            t for t in (_text(_path(address, "strasse")), _text(_path(address, "hausnummer"))) if t
        )
        if address is not None
        else ""
    )
    data: dict[str, Any] = {
        "name": name,
        "address": {
            "street": street or "Anschrift siehe Website",
            "postcode": _text(_path(address, "postleitzahl")) if address is not None else "",
            "city": _text(_path(address, "ort")) if address is not None else "",
        },
    }
    for channel in _children(el, "kommunikation"):
        kind = _text(_path(channel, "kanal", "code")).lower()
        value = _text(_child(channel, "kennung"))
        if kind in ("02", "telefon", "phone") and value and "phone" not in data:
            data["phone"] = value
        elif kind in ("01", "email", "e-mail") and value and "email" not in data:
            data["email"] = value
    website = _text(_path(el, "internetadresse", "uri"))
    if website.startswith("https://"):
        data["website"] = website
    services: set[str] = set()
    areas: list[str] = []
    for resp in _children(el, "zustaendigkeit"):
        services.update(_text(s) for s in _children(resp, "leistungID") if _text(s))
        areas += [_text(g) for g in _children(resp, "gebietID") if _text(g)]
    return _Unit(xid, data, services, list(dict.fromkeys(areas)), path.name)


def _parse_online(el: Element) -> tuple[set[str], dict[str, str] | None]:
    title = _german(el, "bezeichnung")
    url = next((u for link in _children(el, "link") if (u := _text(_child(link, "link")))), "")
    services = {
        _text(s)
        for resp in _children(el, "zustaendigkeit")
        for s in _children(resp, "leistungID")
        if _text(s)
    }
    if not url.startswith("https://"):
        return services, None
    return services, {"title": plain(title or url), "url": url}


# --- mapping ---------------------------------------------------------------------------------


def _area_name(ars: str, gazetteer_names: dict[str, str]) -> str:
    if ars in gazetteer_names:
        return gazetteer_names[ars]
    if len(ars) == 2 and ars in _STATES:
        return _STATES[ars]
    return f"Gebiet mit Regionalschlüssel {ars}"


def _normalise_ars(raw: str) -> str | None:
    """XZuFi area ids are regional keys; a 12-digit key of a whole district or state ends
    in zeros and is shortened to the prefix Servicefinder uses (5 or 2 digits)."""
    if not re.fullmatch(r"\d{2}|\d{3}|\d{5}|\d{9}|\d{12}", raw):
        return None
    if len(raw) == 12 and raw.endswith("0000000"):
        return raw[:5] if raw[2:5] != "000" else raw[:2]
    return raw


@dataclass
class Planned:
    """The files an import would write, built and checked before any is written."""

    files: dict[Path, dict[str, Any]]
    kinds: dict[str, str]  # kind id -> German label, to add to site.yaml
    report: Report


def plan_import(
    paths: list[Path],
    content: Path,
    *,
    area: str | None = None,
    topic: str | None = None,
    today: date,
    gazetteer_names: dict[str, str] | None = None,
    site_topics: list[str] | None = None,
    release_date: date | None = None,
    allow_unmapped: bool = False,
) -> Planned:
    """Read and map ``paths`` into the files an import would write, checked, or raise.

    Nothing is left out quietly: whatever cannot be placed is listed in the report, and
    unless ``allow_unmapped`` the import stops on it, since a municipality that publishes
    the state's texts must know which of them it does not publish. A ``leistung`` without
    ``fachlichFreigegebenAm`` stops the import too, unless ``release_date`` gives its date.
    """
    report = Report()
    names = gazetteer_names or {}
    leistungen: dict[str, _Leistung] = {}
    units: list[_Unit] = []
    online: list[tuple[set[str], dict[str, str] | None]] = []
    for path in paths:
        root = read_file(path)
        for obj in _objects(root, path):
            kind = local(obj.tag)
            if kind == "leistung":
                leistung = _parse_leistung(
                    obj, path, report, today=today, release_date=release_date
                )
                leistungen[leistung.xid] = leistung
            elif kind == "organisationseinheit":
                units.append(_parse_unit(obj, path, report))
            elif kind == "onlinedienst":
                online.append(_parse_online(obj))
            else:
                report.unmapped.append(f"{path.name}: {kind} (not imported)")
    if not leistungen:
        raise XzufiError(f"{', '.join(map(str, paths))}: no <leistung> found; nothing written")
    undated = [lst.where for lst in leistungen.values() if "as_of" not in lst.data]
    if undated:
        raise XzufiError(
            "no release date (modulFachlicheFreigabe/fachlichFreigegebenAm), so no as_of, "
            "for:\n  " + "\n  ".join(undated) + "\nGive the date the texts were released "
            "with --release-date YYYY-MM-DD; nothing written"
        )
    topic = topic or (site_topics[0] if site_topics else None)
    if topic is None:
        raise XzufiError("site.yaml lists no topics; give --topic")
    report.notes.append(
        f"every imported service has topic {topic!r} and no easy-language text; "
        "please review topics, the forms flags and write the easy-language variant"
    )
    files: dict[Path, dict[str, Any]] = {}
    kinds: dict[str, str] = {}
    service_kind: dict[str, str] = {}
    used: set[str] = set()
    for xid, leistung in sorted(leistungen.items()):
        sid = slug(leistung.data["title"])
        while sid in used:
            sid = f"{sid}-{len(used)}"
        used.add(sid)
        kind = sid[:64]
        service_kind[xid] = kind
        kinds[kind] = f"Zuständig: {leistung.data['title']}"
        links = [link for services, link in online if xid in services and link]
        data = dict(leistung.data)
        if links:
            data["forms"] = {
                **data["forms"],
                "available": True,
                "online": True,
                "links": [*data["forms"]["links"], *links],
            }
        body = {"id": sid, **data}
        body["topics"] = [topic]
        body["keywords"] = data.get("keywords", [])
        body["source"] = leistung.source
        body["responsible"] = {
            "authority_kind": kind,
            **({"note": leistung.responsible_note} if leistung.responsible_note else {}),
        }
        body["easy"] = {
            "title": data["title"][:2000],
            "text": data["summary"],
        }
        files[content / "services" / f"{sid}.yaml"] = body
    for unit in units:
        served = sorted(service_kind[s] for s in unit.services if s in service_kind)
        areas = [a for a in (_normalise_ars(g) for g in unit.areas) if a]
        bad = [g for g in unit.areas if not _normalise_ars(g)]
        if bad:
            report.notes.append(f"{unit.source}: {unit.xid}: area ids not regional keys: {bad}")
        if area:
            areas = [a for a in areas if a.startswith(area) or area.startswith(a)]
        if not served or not areas:
            report.notes.append(
                f"{unit.source}: organisationseinheit {unit.xid} skipped: "
                + ("no imported service" if not served else f"no area within {area}")
            )
            continue
        aid = slug(unit.data["name"] + "-" + unit.xid)
        files[content / "authorities" / f"{aid}.yaml"] = {
            "id": aid,
            **unit.data,
            "kinds": served,
            "accessibility": {"wheelchair_accessible": False},
            "areas": [{"ars": a, "name": _area_name(a, names)} for a in areas],
        }
        report.notes.append(
            f"{aid}: building accessibility is not in XZuFi; wheelchair_accessible is false "
            "until an editor checks it"
        )
    if report.unmapped and not allow_unmapped:
        raise XzufiError(
            f"{len(report.unmapped)} part(s) have no place in Servicefinder and would be left "
            "out; nothing written. Each is listed below; import the rest with "
            "--allow-unmapped (the list is repeated then), or ask the publisher:\n  "
            + "\n  ".join(report.unmapped)
        )
    _check(files)
    return Planned(files, kinds, report)


def _check(files: dict[Path, dict[str, Any]]) -> None:
    """Every planned file must pass the content schema, or nothing is written."""
    problems = []
    for path, data in files.items():
        model = Service if path.parent.name == "services" else Authority
        try:
            model.model_validate(json.loads(json.dumps(data, default=str)), strict=False)
        except ValidationError as exc:
            for err in exc.errors():
                where = ".".join(str(p) for p in err["loc"])
                problems.append(f"{path.name}: {where}: {err['msg']}")
    if problems:
        raise XzufiError(
            "the imported data would not pass validation; nothing written:\n  "
            + "\n  ".join(problems)
        )


# --- writing with editors' changes kept ---------------------------------------------------------


def digest(value: Any) -> str:
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        """Content files may not use YAML aliases, so a value used twice (the release date
        as ``as_of`` and as the source's date) is written out twice."""
        return True


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    """Multi-line texts as literal blocks; keys such as ``08111000`` in quotes, which the
    build (YAML 1.2) would otherwise read as a number (``dialect.needs_quotes``)."""
    style = "|" if "\n" in value else ('"' if needs_quotes(value) else None)
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def write_import(planned: Planned, content: Path, root: Path) -> Report:
    """Write the planned files, keeping every field an editor changed since the last
    import, and add the new authority kinds to site.yaml."""
    report = planned.report
    state_path = content / STATE_FILE
    state = json.loads(state_path.read_text(encoding="utf-8")) if state_path.is_file() else {}
    outputs: dict[Path, str] = {}
    for path, imported in planned.files.items():
        rel = path.relative_to(content).as_posix()
        last = state.get(rel, {})
        merged = dict(imported)
        if path.is_file():
            current = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
            for key, value in current.items():
                if key not in imported:
                    merged[key] = value  # a field the editor added
                elif key in last and digest(value) != last[key]:
                    merged[key] = value
                    if digest(value) != digest(imported[key]):
                        report.kept.append(f"{rel}: {key} (changed by an editor, kept)")
                elif key not in last and digest(value) != digest(imported[key]):
                    merged[key] = value  # written by hand before any import
                    report.kept.append(f"{rel}: {key} (not from an earlier import, kept)")
        state[rel] = {key: digest(value) for key, value in imported.items()}
        schema = "service" if path.parent.name == "services" else "authority"
        outputs[path] = SCHEMA_LINE.format(schema) + yaml.dump(
            merged, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100
        )
    site_path = content / "site.yaml"
    site_text = _with_kinds(site_path.read_text(encoding="utf-8"), planned.kinds, site_path)
    for path, text in outputs.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
        report.written.append(path.relative_to(root).as_posix())
    if site_text is not None:
        site_path.write_text(site_text, encoding="utf-8", newline="\n")
        report.written.append(site_path.relative_to(root).as_posix())
    state_path.write_text(
        json.dumps(state, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
        encoding="utf-8",
        newline="\n",
    )
    return report


def _with_kinds(text: str, kinds: dict[str, str], path: Path) -> str | None:
    """site.yaml with the missing authority kinds added under ``authority_kinds:`` (as
    one-line entries, so the editor's comments and layout stay); None if none is missing."""
    data = yaml.safe_load(text) or {}
    have = {k.get("id") for k in data.get("authority_kinds", [])}
    missing = {k: label for k, label in sorted(kinds.items()) if k not in have}
    if not missing:
        return None
    match = re.search(r"^authority_kinds:[ \t]*\n", text, re.MULTILINE)
    if match is None:
        raise XzufiError(
            f"{path}: authority_kinds must be a block list (one '- ' entry per line) so the "
            "import can add kinds; nothing written"
        )
    lines = "".join(
        f"  - {{id: {k}, de: {json.dumps(label, ensure_ascii=False)}, "
        f"en: {json.dumps(label, ensure_ascii=False)}}}\n"
        for k, label in missing.items()
    )
    return text[: match.end()] + lines + text[match.end() :]


def import_files(
    paths: list[Path],
    project: Path,
    *,
    area: str | None = None,
    topic: str | None = None,
    today: date,
    release_date: str | None = None,
    allow_unmapped: bool = False,
) -> Report:
    """Read, map and check everything first; write only when all of it is good."""
    content = project / "content"
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8")) or {}
    topics = [t.get("id") for t in site.get("topics", [])]
    if topic is not None and topic not in topics:
        raise XzufiError(f"--topic {topic!r} is not a topic in content/site.yaml: {topics}")
    if area is not None and not re.fullmatch(r"\d{2,12}", area):
        raise XzufiError(f"--area expects the digits of a regional key (ARS), got {area!r}")
    released = _date(release_date) if release_date else None
    if release_date and (released is None or len(release_date) != 10):
        raise XzufiError(f"--release-date expects a date as YYYY-MM-DD, got {release_date!r}")
    planned = plan_import(
        paths,
        content,
        area=area,
        topic=topic,
        today=today,
        gazetteer_names=_gazetteer_names(content / "places" / "municipalities.csv"),
        site_topics=topics,
        release_date=released,
        allow_unmapped=allow_unmapped,
    )
    return write_import(planned, content, project)


def _gazetteer_names(path: Path) -> dict[str, str]:
    """Regional key -> name of municipalities and districts, from the gazetteer."""
    import csv

    names: dict[str, str] = {}
    if path.is_file():
        with path.open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                names[row["ars"]] = row["name"]
                names[row["district_ars"]] = row["district"]
    return names
