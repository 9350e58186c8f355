"""The structured modules of a ``leistung`` (costs, deadlines, processing time: amounts,
units and ISO durations written as sentences), the length limits of fields, the legal basis,
and the ``organisationseinheit`` and ``onlinedienst`` objects.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from generator.content.schema import MARKDOWN_MAX, TEXT_MAX
from generator.content.xzufi.codes import (
    _LAW,
    _OE_KNOWN,
    Report,
    XzufiError,
    _child,
    _children,
    _german,
    _line,
    _path,
    _text,
    _Unit,
    local,
)
from generator.content.xzufi.markup import html_to_markdown, plain

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
