"""One form field of the browser editor for each field of the content model.

The widget, the label and hint (German and English), whether the field is required, its
pattern and the choices of a reference, all read from the pydantic field's annotation and
metadata, so :mod:`generator.content.cms_config` writes no field by hand.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass, field
from datetime import date
from typing import Annotated, Any, ForwardRef, Literal, Union, get_args, get_origin

from annotated_types import Ge, Gt, MaxLen, MinLen
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.content import schema as S

LABELS: dict[str, tuple[str, str]] = {
    "id": ("Kennung", "Id"),
    "summary": ("Zusammenfassung", "Summary"),
    "title": ("Titel", "Title"),
    "description": ("Beschreibung", "Description"),
    "topics": ("Lebenslagen", "Life situations"),
    "as_of": ("Stand", "As of"),
    "leika": ("LeiKa-Schlüssel", "LeiKa key"),
    "more_sources": ("Weitere Quellen", "Further sources"),
    "process": ("Ablauf", "Process steps"),
    "notes": ("Hinweise", "Notes"),
    "amounts": ("Beträge", "Amounts"),
    "related": ("Verwandte Leistungen", "Related services"),
    "area": ("Gebiet", "Area"),
    "general_service": ("Allgemeine Leistung", "General service"),
    "eligibility": ("Vorab-Prüfung", "Pre-check"),
    "kinds": ("Arten", "Kinds"),
    "accessibility": ("Barrierefreiheit", "Accessibility"),
    "example_data": ("Beispieldaten", "Example data"),
    "varies": ("Je nach Stelle", "Depends on the office"),
    "values": ("Beträge mit Datum", "Dated amounts"),
    "complete": ("Vollständig", "Complete"),
    "rates": ("Werte aus Tabelle", "Values from a table"),
    "url": ("Adresse", "Address"),
    "dated": ("Datum der Quelle", "Date of the source"),
    "date": ("Datum der Quelle", "Date of the source"),
    "ars": ("Regionalschlüssel", "Regional key"),
    "authority_kind": ("Art der Stelle", "Kind of office"),
    "required": ("Immer nötig", "Always needed"),
    "note": ("Hinweis", "Note"),
    "next": ("Weiter zu", "Next"),
    "reason": ("Grund", "Reason"),
    "easy_reason": ("Grund, Leichte Sprache", "Reason, easy language"),
    "easy_label": ("Antwort, Leichte Sprache", "Answer, easy language"),
    "easy": ("Leichte Sprache", "Easy language"),
    "text": ("Text", "Text"),
    "hint": ("Erklärung", "Explanation"),
    "result": ("Ergebnis", "Result"),
    "start": ("Erste Frage", "First question"),
    "review": ("Prüfung", "Review"),
    "translated_from": ("Übersetzt vom Stand", "Translated from"),
    "appeal": ("Rechtsbehelf", "Appeal"),
    "explanation": ("Erklärung", "Explanation"),
    "forms": ("Formulare", "Forms"),
    "stale_content": ("Veraltete Inhalte", "Stale content"),
    "review_interval_days": ("Prüfintervall (Tage)", "Review interval (days)"),
    "amount_max_age_days": ("Höchstalter Beträge (Tage)", "Maximum age of amounts (days)"),
    "easy_intro": ("Einstieg Leichte Sprache", "Easy-language entry"),
    "translations": ("Übersetzungen", "Translations"),
    "groups": ("Gruppen", "Groups"),
    "status": ("Stand der Vereinbarkeit", "Conformance status"),
    "cms": ("Redaktion im Browser", "Editing in the browser"),
    "base_url": ("Adresse des Git-Dienstes", "Address of the git host"),
    "app_id": ("Client-ID", "Client id"),
    "editorial_workflow": ("Merge-Requests", "Merge requests"),
    "local_backend": ("Lokale Vorschau", "Local preview"),
    "branch": ("Zweig", "Branch"),
    "repo": ("Repository", "Repository"),
    "backend": ("Git-Dienst", "Git host"),
    "max_wiener": ("Wiener Sachtextformel, höchstens", "Wiener score, at most"),
    "min_flesch": ("Flesch, mindestens", "Flesch, at least"),
    "max_sentence_words": ("Wörter je Satz, höchstens", "Words per sentence, at most"),
    "max_word_syllables": ("Silben je Wort, höchstens", "Syllables per word, at most"),
    "forms_note": ("Hinweis zu Formularen", "Note on forms"),
    "responsible_note": ("Hinweis zur Zuständigkeit", "Note on responsibility"),
    "footer_links": ("Links in der Fußzeile", "Footer links"),
    "branding": ("Erscheinungsbild", "Look"),
    "fallback": ("Ansprechstelle", "Fallback contact"),
    "operator": ("Betreiber", "Operator"),
    "data_sources": ("Quellen der Daten", "Sources of data"),
    "imprint": ("Impressum", "Legal notice"),
    "privacy": ("Datenschutz", "Privacy"),
    "primary": ("Hauptfarbe", "Primary colour"),
    "accent": ("Akzentfarbe", "Accent colour"),
    "file": ("Bilddatei", "Image file"),
    "alt": ("Textalternative", "Text alternative"),
    "svg": ("Symbol (SVG)", "Icon (SVG)"),
    "png": ("Symbol (PNG)", "Icon (PNG)"),
}

#: one-line fields (a name, a number, a short label) get a line; other plain texts a box
_ONE_LINE = {
    "id", "title", "name", "label", "days", "hours", "street", "city", "law", "section",
    "term", "period", "department", "easy_label", "alt", "status", "method",
}  # fmt: skip

_PATTERNS: dict[str, tuple[str, str]] = {
    "slug": (
        r"^[a-z0-9]+(-[a-z0-9]+)*$",
        "Kleinbuchstaben a-z, Ziffern und einzelne Bindestriche / lowercase letters a-z, "
        "digits and single hyphens",
    ),
    "url": (r"^https://[^\s<>\"']+$", "beginnt mit https:// / starts with https://"),
    "email": (r"^[^@\s<>]+@[^@\s<>]+\.[A-Za-z]{2,}$", "wie / like name@example.org"),
    "phone": (r"^\+?[0-9][0-9 ()/-]{2,30}$", "Ziffern und + ( ) / - / digits and + ( ) / -"),
    "ars": (r"^([0-9]{2,3}|[0-9]{5}|[0-9]{9}|[0-9]{12})$", "2, 3, 5, 9, 12 Ziffern / digits"),
    "leika": (r"^[0-9]{14}$", "14 Ziffern / 14 digits"),
    "postcode": (r"^[0-9]{5}$", "5 Ziffern / 5 digits"),
    "hex": (r"^#[0-9a-fA-F]{6}$", "# und sechs Hex-Ziffern / # and six hex digits"),
    "asset": (r"^[A-Za-z0-9_/.-]+\.(svg|png)$", "Pfad zu .svg oder .png / path to .svg or .png"),
    "rateref": (r"^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$", "Datei/Reihe / file/series"),
    "lang": (r"^[a-z]{2}$", "zwei Kleinbuchstaben / two lowercase letters"),
}

_VALIDATORS = {
    S._slug: "slug",
    S._https: "url",
    S._email: "email",
    S._phone: "phone",
    S._ars: "ars",
    S._leika: "leika",
    S._hex: "hex",
    S._asset: "asset",
    S._rate_ref: "rateref",
}


@dataclass
class References:
    """What the form offers where a field names other content (read from the content)."""

    languages: list[str] = field(default_factory=lambda: ["de", "en"])
    language: str = "de"
    rate_series: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Kind:
    """What one annotation is, as far as a form cares."""

    base: Any
    text: str = ""  # slug, url, ..., "text", "markdown", "postcode", "lang"
    optional: bool = False
    min_len: int | None = None
    minimum: float | None = None


def classify(annotation: Any, metadata: list[Any] | None = None) -> Kind:
    """Unwrap Optional and Annotated; name the rule a string follows."""
    metadata = list(metadata or [])
    if isinstance(annotation, ForwardRef):  # a model used before its class (RateTable.source)
        annotation = getattr(S, annotation.__forward_arg__)
    optional = False
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(args) < len(get_args(annotation))
        if len(args) == 1:
            inner = classify(args[0])
            return Kind(inner.base, inner.text, True, inner.min_len, inner.minimum)
        return Kind(tuple(args), "", optional)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        for item in extra:
            metadata.extend(item.metadata if isinstance(item, FieldInfo) else [item])
            if isinstance(item, FieldInfo) and isinstance(item.json_schema_extra, dict):
                metadata.append(item.json_schema_extra)
        inner = classify(base, metadata)
        return Kind(
            inner.base, inner.text, optional or inner.optional, inner.min_len, inner.minimum
        )
    text, min_len, minimum = "", None, None
    for item in metadata:
        func = getattr(item, "func", None)
        if func is S._plain:
            text = text or "text"
        elif func in _VALIDATORS:
            text = _VALIDATORS[func]
        elif isinstance(item, MaxLen) and item.max_length >= 20000:
            text = "markdown"
        elif isinstance(item, MinLen):
            min_len = item.min_length
        elif isinstance(item, Ge | Gt):
            bound = item.ge if isinstance(item, Ge) else item.gt
            minimum = float(bound)  # type: ignore[arg-type]
        elif getattr(item, "pattern", None) == r"^\d{5}$":
            text = "postcode"
        elif getattr(item, "pattern", None) == r"^[a-z]{2}$":
            text = "lang"
    if metadata and text == "" and annotation is str:
        text = (
            "markdown"
            if any(isinstance(m, MaxLen) and m.max_length >= 20000 for m in metadata)
            else ""
        )
    return Kind(annotation, text, optional, min_len, minimum)


def model_fields(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    """The model's fields as the file names them (``from``, ``date``), in model order."""
    return [(info.alias or name, info) for name, info in model.model_fields.items()]


def label(name: str, info: FieldInfo) -> tuple[str, str | None]:
    """The field's label (German / English) and, where the model says more, its hint."""
    description = info.description or ""
    de, _, en = description.partition(" / ")
    if name in LABELS:
        short = "{} / {}".format(*LABELS[name])
    elif len(de) <= 40 and len(en) <= 40 and de and en:
        short = description
    else:
        short = f"{_cut(de)} / {_cut(en)}"
    return short, description if description and description != short else None


def _cut(text: str) -> str:
    return re.split(r"[,;:(]", text, maxsplit=1)[0].strip() or text


class FieldMaker:
    """Turns models into Decap fields; one per configuration (it knows the references)."""

    def __init__(self, refs: References) -> None:
        self.refs = refs

    def fields(self, model: type[BaseModel], where: str) -> list[dict[str, Any]]:
        return [self.field(name, info, model, where) for name, info in model_fields(model)]

    def field(
        self, name: str, info: FieldInfo, model: type[BaseModel], where: str
    ) -> dict[str, Any]:
        kind = classify(info.annotation, list(info.metadata))
        shown, hint = label(name, info)
        out: dict[str, Any] = {"name": name, "label": shown}
        if hint:
            out["hint"] = hint
        required = info.is_required()
        if not required:
            out["required"] = False
        out.update(self.widget(name, kind, info, model, where, required))
        return out

    def widget(
        self,
        name: str,
        kind: Kind,
        info: FieldInfo,
        model: type[BaseModel],
        where: str,
        required: bool,
    ) -> dict[str, Any]:
        base = kind.base
        ref = self.reference(name, model, where, multiple=False)
        if ref is not None and base is str:
            return ref
        if isinstance(base, tuple):  # bool | list[ExampleBlock]: the marks as a multi-select
            block = next(a for a in base if get_origin(a) is list)
            return {
                "widget": "select",
                "multiple": True,
                "options": list(get_args(get_args(block)[0])),
            }
        if base is bool:
            default = info.get_default(call_default_factory=False)
            out: dict[str, Any] = {"widget": "boolean"}
            if default is True or required:  # a required flag starts as "no", not as empty
                out["default"] = default is True
            return out
        if base in (int, float):
            out = {"widget": "number", "value_type": "int" if base is int else "float"}
            for item in info.metadata:
                if isinstance(item, Ge | Gt):
                    out["min"] = getattr(item, "ge", None) or getattr(item, "gt", 0) or 0
            default = info.get_default(call_default_factory=False)
            if isinstance(default, int | float) and not isinstance(default, bool):
                out["default"] = default
            if base is float:
                out["step"] = 0.01
            return out
        if base is date:
            return {
                "widget": "datetime",
                "format": "YYYY-MM-DD",
                "date_format": "DD.MM.YYYY",
                "time_format": False,
                "picker_utc": True,
            }
        if get_origin(base) is Literal:
            options = list(get_args(base))
            out = {"widget": "select", "options": options}
            default = info.get_default(call_default_factory=False)
            if isinstance(default, str):
                out["default"] = default
            return out
        if get_origin(base) is list:
            return self.list_widget(name, get_args(base)[0], info, model, where, kind)
        if get_origin(base) is dict:
            value = get_args(base)[1]
            if not (isinstance(value, type) and issubclass(value, BaseModel)):
                # written by a command (translation checksums), never typed by an editor
                return {"widget": "hidden"}
            others = [lang for lang in self.refs.languages if lang != self.refs.language]
            return {
                "widget": "object",
                "collapsed": True,
                "fields": [
                    {
                        "name": lang,
                        "label": lang.upper(),
                        "required": False,
                        "widget": "object",
                        "collapsed": True,
                        "fields": self.fields(value, f"{where}.{name}"),
                    }
                    for lang in others
                ],
            }
        if isinstance(base, type) and issubclass(base, BaseModel):
            out = {"widget": "object", "fields": self.object_fields(base, f"{where}.{name}")}
            if not required:
                # Decap checks an optional object's required fields even when it is left
                # empty, and then refuses to save: inside one, the form requires nothing,
                # and the check in the merge request names what a begun object lacks
                out["collapsed"] = True
                out["fields"] = _nothing_required(out["fields"])
            return out
        return self.string(name, kind)

    def object_fields(self, model: type[BaseModel], where: str) -> list[dict[str, Any]]:
        fields = self.fields(model, where)
        if model.model_config.get("extra") == "allow":  # a label per further site language
            named = {f["name"] for f in fields}
            template = next(f for f in fields if f["name"] not in ("id",))
            for lang in self.refs.languages:
                if lang not in named:
                    fields.append(
                        {**template, "name": lang, "label": lang.upper(), "required": False}
                    )
        return fields

    def list_widget(
        self,
        name: str,
        item: Any,
        info: FieldInfo,
        model: type[BaseModel],
        where: str,
        kind: Kind,
    ) -> dict[str, Any]:
        inner = classify(item)
        min_len = next((m.min_length for m in info.metadata if isinstance(m, MinLen)), None)
        ref = self.reference(name, model, where, multiple=True)
        if ref is not None:
            if min_len:
                ref["min"] = min_len
            return ref
        if get_origin(inner.base) is Literal:
            return {"widget": "select", "multiple": True, "options": list(get_args(inner.base))}
        out: dict[str, Any] = {"widget": "list"}
        if min_len:
            out["min"] = min_len
        if isinstance(inner.base, type) and issubclass(inner.base, BaseModel):
            out["fields"] = self.object_fields(inner.base, f"{where}.{name}")
            first = out["fields"][0]["name"]
            out["summary"] = "{{fields." + first + "}}"
            out["collapsed"] = False  # a new item shows its fields at once
            # without it, Decap starts a new file's list with one item of the fields'
            # defaults (a document that is always needed), which the editor must fill
            out["default"] = []
            return out
        if get_origin(inner.base) is list:  # a group of words: one per line
            out["field"] = {
                "name": "words",
                "label": "Wörter / Words",
                "widget": "list",
                "field": {"name": "word", "label": "Wort / Word", "widget": "string"},
            }
            return out
        single = self.string(name, inner)
        out["field"] = {"name": "item", "label": label(name, info)[0], **single}
        return out

    def string(self, name: str, kind: Kind) -> dict[str, Any]:
        if kind.text == "markdown":
            return {"widget": "markdown", "modes": ["raw", "rich_text"], "sanitize_preview": True}
        out: dict[str, Any] = {"widget": "string" if name in _ONE_LINE else "text"}
        if kind.text in _PATTERNS:
            out["widget"] = "string"
            out["pattern"] = list(_PATTERNS[kind.text])
        if kind.text == "asset":
            out = {"widget": "image", "choose_url": False}
        return out

    def reference(
        self, name: str, model: type[BaseModel], where: str, *, multiple: bool
    ) -> dict[str, Any] | None:
        """Fields whose value names other content: a choice of what exists."""
        site_list = {
            "topics": "topics",
            "kinds": "authority_kinds",
            "authority_kind": "authority_kinds",
        }
        if name in site_list and not where.startswith("site"):
            return {
                "widget": "relation",
                "collection": "settings",
                "file": "site",
                "value_field": f"{site_list[name]}.*.id",
                "search_fields": [
                    f"{site_list[name]}.*.id",
                    f"{site_list[name]}.*.{self.refs.language}",
                ],
                "display_fields": [f"{site_list[name]}.*.{self.refs.language}"],
                "multiple": multiple,
            }
        services = name in ("related", "general_service", "popular") or (
            name == "id" and model is S.ServiceTranslation
        )
        if services:
            return {
                "widget": "relation",
                "collection": "services",
                "value_field": "id",
                "search_fields": ["id", "title"],
                "display_fields": ["title", "id"],
                "multiple": multiple,
            }
        if name == "rates" and model is S.Amount:
            return {"widget": "select", "options": list(self.refs.rate_series)}
        return None


def _nothing_required(fields: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for field_ in fields:
        field_ = {**field_, "required": False}
        field_.pop("min", None)
        if "fields" in field_:
            field_["fields"] = _nothing_required(field_["fields"])
        out.append(field_)
    return out
