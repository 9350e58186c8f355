"""The browser editor's configuration (Decap CMS), made from the content model.

The same pydantic models that validate the YAML and make the JSON Schemas decide every
form field here: its widget, its label and hint in German and English, whether it is
required, its pattern, and the choices of a reference. Nothing is written by hand, so a
field added to the model appears in the form with its next build, and a test compares the
two (every field of the model appears, none that the model lacks).

How the source language and the CMS meet. Decap's ``multiple_files`` i18n structure
expects every language's file as ``<slug>.<locale>.yaml``, the default language's too, and
writes the translatable fields of the main file's structure into each. This project's
translation is a model of its own (``ServiceTranslation``: ``forms_note`` instead of
``forms.note``, amounts by id, ``review`` and ``translated_from`` that the main file has
not) in ``<slug>.<lang>.yaml`` beside a bare ``<slug>.yaml``. So the main files form one
collection and each further language of the site one collection of its own, on the same
folder, told apart by file name (a translation's ``extension`` is ``en.yaml``) and by a
mark the admin page's reader sets (``_sf_file``, never saved): each form shows exactly the
model of its file, a translation is saved to its own file only, and no file is renamed.

Choices that name other content (topics and kinds of office from ``site.yaml``, related
services, rate series) are read from the content when the configuration is made: the
build makes it afresh, so the form offers what the published site has.
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

#: the version of decap-cms (npm) the admin page is made for; package.json pins it
DECAP_VERSION = "3.16.3"
#: where ``decap-server`` (npm) listens for the local backend: loopback only, on the
#: port of ``cms.local_port``
LOCAL_BACKEND_ORIGIN = "http://127.0.0.1"
#: the mark the admin page's reader adds to each entry: which model the file holds
FILE_MARK = "_sf_file"

#: the kinds of content file: collection name, folder, model kind (schema.MODELS)
FOLDERS = {
    "services": ("content/services", "service"),
    "offices": ("content/authorities", "authority"),
    "rates": ("content/rates", "rates"),
}
SETTINGS = {
    "site": ("content/site.yaml", "site"),
    "glossary": ("content/glossary.yaml", "glossary"),
    "synonyms": ("content/synonyms.yaml", "synonyms"),
}

#: short labels where the model's description is a sentence, not a name (German, English)
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


class _Maker:
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
        services = name in ("related", "general_service") or (
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


def references(site: S.Site | None, rate_series: list[str]) -> References:
    if site is None:
        return References(rate_series=rate_series)
    return References(list(site.languages), site.language, rate_series)


def decap_config(
    site: S.Site, rate_series: list[str], *, local_backend: bool | None = None
) -> dict[str, Any]:
    """The whole configuration (``admin/config.yml``) for ``site``, whose ``cms`` is set."""
    settings = site.cms
    assert settings is not None
    refs = references(site, rate_series)
    maker = _Maker(refs)
    config: dict[str, Any] = {"backend": backend(settings)}
    if settings.editorial_workflow:
        config["publish_mode"] = "editorial_workflow"
    if local_backend if local_backend is not None else settings.local_backend:
        config["local_backend"] = {"url": local_backend_url(settings)}
    config.update(
        {
            "locale": "de" if site.language == "de" else "en",
            "media_folder": "content/branding",
            "public_folder": "branding",
            "slug": {"encoding": "ascii", "clean_accents": True},
            "collections": collections(maker, refs),
        }
    )
    return config


def local_backend_url(settings: S.CmsSettings) -> str:
    return f"{LOCAL_BACKEND_ORIGIN}:{settings.local_port}/api/v1"


def backend(settings: S.CmsSettings) -> dict[str, Any]:
    """Decap's ``backend`` block: PKCE against the git host, no server of ours."""
    out: dict[str, Any] = {
        "name": settings.backend,
        "repo": settings.repo,
        "branch": settings.branch,
    }
    base = (settings.base_url or "").rstrip("/")
    if settings.backend == "gitlab":
        base = base or "https://gitlab.com"
        out.update(
            auth_type="pkce",
            app_id=settings.app_id,
            base_url=base,
            api_root=f"{base}/api/v4",
            auth_endpoint="oauth/authorize",
        )
    elif settings.backend in ("gitea", "forgejo"):
        out.update(app_id=settings.app_id, base_url=base, api_root=f"{base}/api/v1")
    else:  # github: the OAuth helper exchanges the code; its address is base_url
        out.update(base_url=base, auth_endpoint="auth")
        if settings.app_id:
            out["app_id"] = settings.app_id
    return out


def backend_hosts(settings: S.CmsSettings) -> list[str]:
    """The origins the admin page talks to (its own policy names exactly these)."""
    config = backend(settings)
    hosts = {_origin(config["base_url"])}
    if "api_root" in config:
        hosts.add(_origin(config["api_root"]))
    if settings.backend == "github":
        hosts.add("https://api.github.com")
    return sorted(hosts)


def _origin(url: str) -> str:
    match = re.match(r"^(https://[^/]+)", url)
    return match.group(1) if match else url


def collections(maker: _Maker, refs: References) -> list[dict[str, Any]]:
    """One collection per kind of content file, and one per further language."""
    out = []
    service_fields = maker.fields(S.Service, "service")
    out.append(
        _folder(
            "services",
            "Leistungen / Services",
            "Leistung / Service",
            "service",
            "yaml",
            service_fields,
            summary="{{title}}",
        )
    )
    for lang in refs.languages:
        if lang == refs.language:
            continue
        out.append(
            _folder(
                f"services_{lang}",
                f"Leistungen – {lang.upper()} / Services – {lang.upper()}",
                f"Übersetzung {lang.upper()} / Translation {lang.upper()}",
                "service-translation",
                f"{lang}.yaml",
                maker.fields(S.ServiceTranslation, "translation"),
                summary="{{title}} ({{id}})",
            )
        )
    out.append(
        _folder(
            "offices",
            "Stellen / Offices",
            "Stelle / Office",
            "authority",
            "yaml",
            maker.fields(S.Authority, "authority"),
            summary="{{name}}",
        )
    )
    out.append(
        _folder(
            "rates",
            "Beträge / Rates",
            "Tabelle / Table",
            "rates",
            "yaml",
            maker.fields(S.RateTable, "rates"),
            summary="{{name}}",
        )
    )
    out.append(
        {
            "name": "pages",
            "label": "Seiten / Pages",
            "label_singular": "Seite / Page",
            "folder": "content/pages",
            "extension": "md",
            "format": "frontmatter",
            "create": True,
            "slug": "{{slug}}",
            "fields": [
                {"name": "title", "label": "Titel / Title", "widget": "string"},
                {
                    "name": "body",
                    "label": "Text (Markdown) / Text (Markdown)",
                    "widget": "markdown",
                    "modes": ["raw", "rich_text"],
                    "sanitize_preview": True,
                },
            ],
        }
    )
    out.append(
        {
            "name": "settings",
            "label": "Einstellungen / Settings",
            "editor": {"preview": False},
            "files": [
                {
                    "name": name,
                    "label": label_,
                    "file": path,
                    "format": f"sf-{kind}",
                    "fields": maker.object_fields(S.MODELS[kind], kind),
                }
                for (name, (path, kind)), label_ in zip(
                    SETTINGS.items(),
                    ("Website / Site", "Wörterbuch / Glossary", "Synonyme / Synonyms"),
                    strict=True,
                )
            ],
        }
    )
    return out


def _folder(
    name: str,
    label_: str,
    singular: str,
    kind: str,
    extension: str,
    fields: list[dict[str, Any]],
    *,
    summary: str,
) -> dict[str, Any]:
    folder = FOLDERS.get(name, ("content/services", kind))[0]
    return {
        "name": name,
        "label": label_,
        "label_singular": singular,
        "folder": folder,
        "extension": extension,
        "format": f"sf-{kind}",
        "filter": {"field": FILE_MARK, "value": kind},
        "create": True,
        "identifier_field": "id",
        "slug": "{{id}}",
        "summary": summary,
        "editor": {"preview": False},
        "fields": fields,
    }


def layout() -> dict[str, Any]:
    """Each model's keys in order, with what their values are: the key order and the
    scalar rules of the project's YAML format (generator/content/format.py writes it,
    the admin page's format.js writes it the same way)."""
    models: dict[str, list[list[Any]]] = {}

    def spec(annotation: Any, metadata: list[Any] | None = None) -> dict[str, Any]:
        kind = classify(annotation, metadata)
        base = kind.base
        if isinstance(base, tuple):
            return {"t": "any"}
        if base is bool:
            return {"t": "bool"}
        if base in (int, float):
            return {"t": "num"}
        if base is date:
            return {"t": "date"}
        if get_origin(base) is list:
            return {"t": "list", "of": spec(get_args(base)[0])}
        if get_origin(base) is dict:
            return {"t": "dict", "of": spec(get_args(base)[1])}
        if isinstance(base, type) and issubclass(base, BaseModel):
            visit(base)
            return {"t": "model", "m": base.__name__}
        return {"t": "str"}

    def visit(model: type[BaseModel]) -> None:
        if model.__name__ in models:
            return
        models[model.__name__] = []
        entries = []
        for name, info in model_fields(model):
            entry = spec(info.annotation, list(info.metadata))
            default = info.get_default(call_default_factory=False)
            if isinstance(default, bool | int | float | str) and default is not None:
                entry["d"] = default
            entries.append([name, entry])
        models[model.__name__] = entries

    kinds = {}
    for kind, model in S.MODELS.items():
        visit(model)
        kinds[kind] = model.__name__
    return {"models": models, "kinds": kinds, "marker": FILE_MARK}
