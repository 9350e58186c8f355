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
  (``languageCode`` attribute), ``leikaTextmodul/code`` and ``weiterfuehrenderLink``;
  ``modulKosten``, ``modulFrist``, ``modulBearbeitungsdauer`` with ``beschreibung``;
  ``modulFachlicheFreigabe/fachlichFreigegebenAm``; ``versionsinformation``;
  ``kennzeichenSchriftformerfordernis``
- ``organisationseinheit/id``, ``name/name``, ``anschrift`` (``ort``), ``zustaendigkeit``
  with ``leistungID`` and one or more ``gebietID`` (regional keys)
- ``onlinedienst/id``, ``bezeichnung``, ``link/link``

Assumptions that could not be checked against the specification text itself (see
docs/editors/xzufi-import.md): the codes of the text-module code list beyond 02 and 03
(``TEXT_MODULES``); ``strasse``, ``hausnummer``, ``postleitzahl`` in ``anschrift``;
``kommunikation`` with ``kanal/code`` and ``kennung`` for phone and e-mail;
``internetadresse/uri``; an ``onlinedienst`` names its services in
``zustaendigkeit/leistungID``. The root element's name is not checked.

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

#: LeiKa text modules (code list "LeiKa-Textmodul") -> Servicefinder field. Codes 02 and 03
#: are confirmed by public parsers; the others follow the code list as published and are
#: matched by their ``name`` too when the file carries it.
TEXT_MODULES: dict[str, str] = {
    "02": "leistungsbezeichnung",
    "03": "leistungsbezeichnung_ii",
    "04": "volltext",
    "05": "unterlagen",
    "06": "voraussetzungen",
    "07": "kosten",
    "08": "verfahrensablauf",
    "09": "bearbeitungsdauer",
    "10": "frist",
    "11": "weiterfuehrende_informationen",
    "12": "hinweise",
    "13": "rechtsgrundlage",
    "14": "rechtsbehelf",
    "15": "kurztext",
    "18": "formulare",
    "19": "teaser",
}
_NAMES = {
    "leistungsbezeichnung": "leistungsbezeichnung",
    "leistungsbezeichnung ii": "leistungsbezeichnung_ii",
    "volltext": "volltext",
    "erforderliche unterlagen": "unterlagen",
    "voraussetzungen": "voraussetzungen",
    "kosten": "kosten",
    "verfahrensablauf": "verfahrensablauf",
    "bearbeitungsdauer": "bearbeitungsdauer",
    "frist": "frist",
    "fristen": "frist",
    "weiterführende informationen": "weiterfuehrende_informationen",
    "hinweise": "hinweise",
    "hinweise (besonderheiten)": "hinweise",
    "rechtsgrundlage": "rechtsgrundlage",
    "rechtsgrundlage(n)": "rechtsgrundlage",
    "rechtsbehelf": "rechtsbehelf",
    "kurztext": "kurztext",
    "formulare": "formulare",
    "teaser": "teaser",
}
#: Service field <- FIM text module (documented for editors and the JSON feed)
FIELD_MODULES = {
    "leika": "referenzLeiKa",
    "title": "Leistungsbezeichnung II (else Leistungsbezeichnung)",
    "summary": "Kurztext (else Teaser, else the first sentence of Volltext)",
    "description": "Volltext",
    "requirements": "Voraussetzungen",
    "documents": "Erforderliche Unterlagen",
    "fees": "modulKosten (else Kosten)",
    "deadlines": "modulFrist (else Frist)",
    "processing_time": "modulBearbeitungsdauer (else Bearbeitungsdauer)",
    "process": "Verfahrensablauf",
    "forms": "Formulare, onlinedienst, kennzeichenSchriftformerfordernis",
    "legal_basis": "Rechtsgrundlage(n)",
    "appeal": "Rechtsbehelf",
    "notes": "Hinweise (Besonderheiten), Weiterführende Informationen",
    "as_of": "modulFachlicheFreigabe/fachlichFreigegebenAm (else versionsinformation)",
}
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
    source: str


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
    found: dict[str, list[Element]] = {}
    for module in _children(leistung, "modulText"):
        kind = _path(module, "leikaTextmodul")
        code, name = _text(_path(kind, "code")) if kind is not None else "", ""
        if kind is not None:
            name = _text(_path(kind, "name")).lower()
        key = _NAMES.get(name) or TEXT_MODULES.get(code)
        if key is None:
            report.unmapped.append(f"{where}: modulText {code or name or '?'} (not imported)")
            continue
        found.setdefault(key, []).append(module)
    return found


def _parse_leistung(el: Element, path: Path, today: date, report: Report) -> _Leistung:
    xid = _text(_child(el, "id"))
    where = f"{path.name}: leistung {xid or '?'}"
    if not xid:
        raise XzufiError(f"{where}: has no <id>")
    for child in el:
        if local(child.tag) not in _LEISTUNG_KNOWN:
            report.unmapped.append(f"{where}: {local(child.tag)} (not imported)")
    modules = _modules(el, report, where)
    unmapped_tags: set[str] = set()
    #: the element each module's text came from, for messages about that text
    source: dict[str, Element] = {}

    def html_of(module: Element, name: str, key: str) -> str:
        html = _german(module, name)
        source.setdefault(key, module)
        if len(html) > MAX_MODULE_CHARS:
            raise XzufiError(
                f"{path}:{_line(module)}: {key}: the text has {len(html)} characters; no "
                f"field holds more than {MARKDOWN_MAX} (leistung {xid}); shorten it"
            )
        return html

    def md(key: str) -> str | None:
        texts = []
        for module in modules.get(key, []):
            html = html_of(module, "inhalt", key)
            if html:
                text, tags = html_to_markdown(html)
                unmapped_tags.update(tags)
                texts.append(text)
        return "\n\n".join(t for t in texts if t) or None

    def items(key: str) -> list[str]:
        out: list[str] = []
        for module in modules.get(key, []):
            html = html_of(module, "inhalt", key)
            if html:
                found, tags = html_to_items(html)
                unmapped_tags.update(tags)
                out += found
        return out

    def described(module_name: str, fallback: str) -> str | None:
        mod = _child(el, module_name)
        if mod is not None:
            html = html_of(mod, "beschreibung", module_name)
            if html:
                text, tags = html_to_markdown(html)
                unmapped_tags.update(tags)
                return plain(text)
        value = md(fallback)
        return plain(value) if value else None

    title = plain(md("leistungsbezeichnung_ii") or md("leistungsbezeichnung") or "")
    if not title:
        raise XzufiError(f"{where}: has no Leistungsbezeichnung (text module 02 or 03)")
    description = md("volltext")
    summary_md = md("kurztext") or md("teaser")
    summary = plain(summary_md) if summary_md else None
    if not summary and description:
        first = plain(description.split("\n\n")[0])
        summary = re.split(r"(?<=[.!?])\s", first, maxsplit=1)[0]
    data: dict[str, Any] = {}
    leika = _text(_path(el, "referenzLeiKa", "code"))
    if leika:
        data["leika"] = leika
    data["title"] = title
    data["summary"] = summary or title
    data["description"] = description or summary or title
    data["requirements"] = items("voraussetzungen")
    data["documents"] = [{"name": d} for d in items("unterlagen")]
    data["fees"] = {
        "text": described("modulKosten", "kosten") or "Zu den Kosten liegen keine Angaben vor."
    }
    for key, module_name, fallback in (
        ("deadlines", "modulFrist", "frist"),
        ("processing_time", "modulBearbeitungsdauer", "bearbeitungsdauer"),
    ):
        value = described(module_name, fallback)
        if value:
            data[key] = value
    data["process"] = items("verfahrensablauf")
    laws, unparsed = _legal_basis(items("rechtsgrundlage"))
    data["legal_basis"] = laws
    appeal = md("rechtsbehelf")
    if appeal:
        data["appeal"] = plain(appeal)
    notes = [t for t in (md("hinweise"), md("weiterfuehrende_informationen")) if t]
    if unparsed:
        notes.append("Rechtsgrundlagen: " + "; ".join(unparsed))
        report.notes.append(f"{where}: legal basis kept as text in notes: {'; '.join(unparsed)}")
    if notes:
        data["notes"] = "\n\n".join(notes)
    forms_text = md("formulare")
    links = [
        {"title": plain(_text(_path(link, "titel")) or uri), "url": uri}
        for module in modules.get("formulare", [])
        for link in _children(module, "weiterfuehrenderLink")
        if (uri := _text(_path(link, "uri"))).startswith("https://")
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
    _check_lengths(data, path, xid, source, el)
    checked = _text(_path(el, "modulFachlicheFreigabe", "fachlichFreigegebenAm"))
    changed = _text(_path(el, "versionsinformation", "geaendertDatumZeit"))
    data["as_of"] = _date(checked or changed) or today
    if unmapped_tags:
        report.unmapped.append(
            f"{where}: HTML tags without Markdown equivalent, text kept: "
            + ", ".join(sorted(unmapped_tags))
        )
    return _Leistung(xid, data, path.name)


#: Service field -> the XZuFi text it is made of (keys of ``source`` in _parse_leistung)
_FIELD_SOURCES = {
    "title": ("leistungsbezeichnung_ii", "leistungsbezeichnung"),
    "summary": ("kurztext", "teaser", "volltext"),
    "description": ("volltext", "kurztext", "teaser"),
    "requirements": ("voraussetzungen",),
    "documents": ("unterlagen",),
    "fees": ("modulKosten", "kosten"),
    "deadlines": ("modulFrist", "frist"),
    "processing_time": ("modulBearbeitungsdauer", "bearbeitungsdauer"),
    "process": ("verfahrensablauf",),
    "appeal": ("rechtsbehelf",),
    "notes": ("hinweise", "weiterfuehrende_informationen", "rechtsgrundlage"),
    "forms": ("formulare",),
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
) -> Planned:
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
                leistung = _parse_leistung(obj, path, today, report)
                leistungen[leistung.xid] = leistung
            elif kind == "organisationseinheit":
                units.append(_parse_unit(obj, path, report))
            elif kind == "onlinedienst":
                online.append(_parse_online(obj))
            else:
                report.unmapped.append(f"{path.name}: {kind} (not imported)")
    if not leistungen:
        raise XzufiError(f"{', '.join(map(str, paths))}: no <leistung> found; nothing written")
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
        body["keywords"] = []
        body["source"] = {"name": f"FIM-Leistungsbeschreibung (XZuFi {leistung.source})"}
        body["responsible"] = {"authority_kind": kind}
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
    pass


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
) -> Report:
    """Read, map and check everything first; write only when all of it is good."""
    content = project / "content"
    site = yaml.safe_load((content / "site.yaml").read_text(encoding="utf-8")) or {}
    topics = [t.get("id") for t in site.get("topics", [])]
    if topic is not None and topic not in topics:
        raise XzufiError(f"--topic {topic!r} is not a topic in content/site.yaml: {topics}")
    if area is not None and not re.fullmatch(r"\d{2,12}", area):
        raise XzufiError(f"--area expects the digits of a regional key (ARS), got {area!r}")
    planned = plan_import(
        paths,
        content,
        area=area,
        topic=topic,
        today=today,
        gazetteer_names=_gazetteer_names(content / "places" / "municipalities.csv"),
        site_topics=topics,
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
