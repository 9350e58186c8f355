"""Open data out: the catalogue as machine-readable files under ``data/`` of the site.

Portals, aggregators and chatbots should not have to scrape pages. Every build writes:

- ``data/servicefinder.json``: all services (with their translations and the authorities
  responsible, area by area) and all authorities, as editors wrote them;
- ``data/servicefinder-feed-v1.schema.json``: its JSON Schema, generated from the same
  content models that validate the YAML, so feed and schema cannot drift apart. The major
  version is in the file name: a change that breaks readers gets a new file, the old
  name keeps its meaning;
- the Open Referral HSDS 3.0 export of :mod:`generator.site.hsds`.

:func:`export_files` is pure: catalogue in, ``{site path: text}`` out, byte-identical for
the same input (sorted keys, no timestamps beyond the build date).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from functools import partial
from typing import Any

from pydantic.json_schema import models_json_schema

from generator.content import routes
from generator.content.model import Catalogue
from generator.content.resolve import responsible_for
from generator.content.schema import Authority, Service, ServiceTranslation
from generator.infra.streamed import Streamed, texts
from generator.site import hsds

#: the feed's format version (semantic versioning); the major part names the schema file
FEED_VERSION = "1.0.0"
FEED = "data/servicefinder.json"
FEED_SCHEMA = f"data/servicefinder-feed-v{FEED_VERSION.split('.')[0]}.schema.json"
SCHEMA_ID = f"https://servicefinder.invalid/{FEED_SCHEMA}"


def export_files(catalogue: Catalogue, today: date, site_url: str | None) -> dict[str, str]:
    """Every open-data file of the site: the JSON feed, its schema and the HSDS export."""
    return texts(export_streams(catalogue, today, site_url))


def export_streams(
    catalogue: Catalogue, today: date, site_url: str | None
) -> dict[str, str | Streamed]:
    """:func:`export_files` as the build writes them: the files that hold every service
    (the feed is 40 KB a service in five languages: 400 MB at 10,000) are made piece by
    piece as they are written, never held whole."""
    base = _base(site_url)
    files: dict[str, str | Streamed] = {
        FEED: Streamed(partial(_feed_pieces, catalogue, today, base)),
        FEED_SCHEMA: json.dumps(feed_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n",
    }
    files.update(hsds.hsds_streams(catalogue, base))
    return files


def dump(data: Any) -> str:
    """Compact, sorted, UTF-8: small and byte-identical between builds."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _base(site_url: str | None) -> str:
    if not site_url:
        return ""
    return site_url if site_url.endswith("/") else site_url + "/"


def feed(catalogue: Catalogue, today: date, base: str = "") -> dict[str, Any]:
    """The feed as a dict; ``base`` (the site's address) makes page addresses absolute."""
    return json.loads("".join(_feed_pieces(catalogue, today, base)))


def _feed_pieces(catalogue: Catalogue, today: date, base: str) -> Iterator[str]:
    site = catalogue.site
    authorities = []
    for authority in catalogue.authorities:
        item = authority.model_dump(mode="json", by_alias=True, exclude_none=True)
        item["url"] = base + routes.authority(authority.id)
        authorities.append(item)
    head = {
        "$schema": base + FEED_SCHEMA if base else FEED_SCHEMA.removeprefix("data/"),
        "version": FEED_VERSION,
        "generated": today.isoformat(),
        "site": {"name": site.name, "language": site.language, "languages": site.languages},
        "authorities": authorities,
    }
    items = (_feed_item(catalogue, service, base) for service in catalogue.services)
    yield from dump_with_list(head, "services", items)


def _feed_item(catalogue: Catalogue, service: Service, base: str) -> dict[str, Any]:
    site = catalogue.site
    item = service.model_dump(mode="json", by_alias=True, exclude_none=True)
    translated = {}
    for lang in site.languages:
        tr = catalogue.translation(lang, service.id)
        if tr is not None:
            translated[lang] = tr.model_dump(mode="json", by_alias=True, exclude_none=True)
    langs = [site.language] + [lang for lang in site.languages if lang in translated]
    item["urls"] = {lang: base + routes.service(service.id, lang) for lang in langs}
    item["translations"] = translated
    item["responsible_authorities"] = [
        {"ars": r.area.ars, "area": r.area.name, "authority": r.authority.id}
        for r in responsible_for(catalogue, service)
    ]
    return item


#: where the list goes in the dumped head: a string no content holds (NUL is refused)
_HOLE = "\x00list\x00"


def dump_with_list(head: dict[str, Any], key: str, items: Iterable[Any]) -> Iterator[str]:
    """:func:`dump` of ``head`` with ``key`` set to the list of ``items``, in pieces:
    one item dumped at a time, byte for byte what dumping the whole would give."""
    before, after = dump({**head, key: _HOLE}).split(json.dumps(_HOLE), 1)
    yield before + "["
    for i, item in enumerate(items):
        yield ("," if i else "") + dump(item)[:-1]
    yield "]" + after


def feed_schema() -> dict[str, Any]:
    """The feed's JSON Schema (draft 2020-12), generated from the content models.

    The models' own fields keep their German/English descriptions; the fields the feed
    adds (addresses, translations, responsibility) are described here."""
    _, top = models_json_schema(
        [
            (Service, "serialization"),
            (Authority, "serialization"),
            (ServiceTranslation, "serialization"),
        ],
        by_alias=True,
        ref_template="#/$defs/{model}",
    )
    defs = top["$defs"]
    defs["Service"]["properties"].update(
        urls={
            "description": "Adresse der Seite je Sprache (relativ zur Website, absolut wenn "
            "site_url gesetzt ist) / Address of the page per language (relative to the site, "
            "absolute when site_url is set)",
            "type": "object",
            "additionalProperties": {"type": "string"},
        },
        translations={
            "description": "Übersetzungen je Sprachcode / Translations by language code",
            "type": "object",
            "additionalProperties": {"$ref": "#/$defs/ServiceTranslation"},
        },
        responsible_authorities={
            "description": "Zuständige Stelle je Gebiet (Regionalschlüssel) / Responsible "
            "authority per area (regional key, ARS)",
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["ars", "area", "authority"],
                "properties": {
                    "ars": {"type": "string", "pattern": "^[0-9]{2,12}$"},
                    "area": {"type": "string"},
                    "authority": {"type": "string", "description": "id of an authority"},
                },
            },
        },
    )
    defs["Service"]["required"] = sorted(
        {*defs["Service"].get("required", []), "urls", "translations", "responsible_authorities"}
    )
    defs["Authority"]["properties"]["url"] = {
        "description": "Adresse der Seite der Stelle / Address of the authority's page",
        "type": "string",
    }
    defs["Authority"]["required"] = sorted({*defs["Authority"].get("required", []), "url"})
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Servicefinder feed",
        "description": (
            f"Version {FEED_VERSION}. Alle Leistungen und Behörden einer Servicefinder-Website"
            " / All services and authorities of a Servicefinder site. Texts are Markdown where"
            " the field says so; dates are ISO 8601; regional keys (ARS) are strings of digits."
        ),
        "type": "object",
        "additionalProperties": False,
        "required": ["version", "generated", "site", "services", "authorities"],
        "properties": {
            "$schema": {"type": "string"},
            "version": {
                "description": "Format version (semantic versioning) / Format version",
                "const": FEED_VERSION,
            },
            "generated": {
                "description": "Tag des Builds / Build date",
                "type": "string",
                "format": "date",
            },
            "site": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name", "language", "languages"],
                "properties": {
                    "name": {"type": "string"},
                    "language": {"type": "string"},
                    "languages": {"type": "array", "items": {"type": "string"}},
                },
            },
            "services": {"type": "array", "items": {"$ref": "#/$defs/Service"}},
            "authorities": {"type": "array", "items": {"$ref": "#/$defs/Authority"}},
        },
        "$defs": defs,
    }
