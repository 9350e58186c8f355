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
from datetime import date
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from generator.content import schema as S
from generator.content.cms_fields import FieldMaker, References, classify, model_fields

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
    maker = FieldMaker(refs)
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


def collections(maker: FieldMaker, refs: References) -> list[dict[str, Any]]:
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
