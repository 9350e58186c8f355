"""Reading XZuFi files safely (no entity expansion, no external entities, a size limit, only
regular files) and turning each ``leistung`` object into the fields of a service.
"""

from __future__ import annotations

import os
import re
import stat
from datetime import date
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

from generator.content.schema import MARKDOWN_MAX
from generator.content.xzufi.codes import (
    _LEISTUNG_KNOWN,
    CODE_LIST_URN,
    CODE_LIST_VERSION,
    NS,
    TEXT_MODULES,
    Report,
    XzufiError,
    _child,
    _children,
    _german,
    _Leistung,
    _line,
    _LineBuilder,
    _path,
    _text,
    local,
)
from generator.content.xzufi.markup import html_to_items, html_to_markdown, plain
from generator.content.xzufi.structured import _check_lengths, _date, _legal_basis, _Structured

# --- reading ---------------------------------------------------------------------------------


#: an XZuFi file larger than this is refused before it is parsed (a state's whole catalogue
#: is a few MB); SERVICEFINDER_MAX_XZUFI_MB raises it
MAX_XZUFI_BYTES = int(os.environ.get("SERVICEFINDER_MAX_XZUFI_MB", "64")) * 1024 * 1024
#: a text module's HTML longer than this cannot become a field (Markdown holds at most
#: 20,000 characters): refused before it is converted, which took a minute at 50 MB
MAX_MODULE_CHARS = 200_000


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
