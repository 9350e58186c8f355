"""The catalogue as Open Referral HSDS 3.0 (Human Services Data Specification) objects.

HSDS is the exchange format of service directories; tools that read it (search portals,
referral systems) can take the site's services without a custom parser. The objects follow
the official HSDS 3.0 JSON Schemas (openreferral/specification, ``schema/``, version 3.0);
the tests validate every object against them.

Mapping (Servicefinder -> HSDS):

- authority -> ``organization`` with one physical ``location`` (address, phones, opening
  hours as ``schedule`` descriptions, building accessibility);
- service -> ``service`` with ``service_areas`` (one per area served, named with its
  regional key), ``service_at_locations`` (one per responsible authority, naming its location by
  ``location_id``; the location itself is in the organizations file, not repeated),
  ``required_documents``, ``cost_options`` (the fees), ``languages`` and the site's
  fallback ``contact`` with its ``phones``.

A service here is offered by several authorities, each in its own area, so an HSDS service
carries no single ``organization_id``; who serves where is in ``service_at_locations``.
HSDS wants UUIDs; they are derived (UUID 5) from the Servicefinder ids, so they are stable
between builds and the same object keeps its id.

Opening hours are free text in Servicefinder ("Montag bis Freitag", "8:30 bis 12:00 Uhr"),
so schedules carry them as ``description`` only, not as iCal rules.

Example data (an office's ``example_data``: made-up phone numbers, addresses, hours) is
never published as if it were real. HSDS lets an ``attribute`` link a taxonomy term to
any address, phone, schedule, accessibility record, location or organization: each such
record that holds example data carries the attribute :data:`EXAMPLE_TERM` (code
``example_data``; its ``value`` names the block: ``address``, ``phone``, ``hours``,
``accessibility``), and a phone's ``description`` says it in words for readers that
ignore attributes. A value HSDS cannot mark on its own (an organization's ``email``, a
schedule's appointment ``notes``) is left out when it is example data.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from functools import partial
from typing import Any

from generator.content import routes
from generator.content.model import Catalogue
from generator.content.resolve import responsible_for
from generator.content.schema import Authority, Service
from generator.infra.streamed import Streamed, texts

#: namespace of the derived UUIDs (UUID 5 of a fixed URL; any fixed value would do)
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://servicefinder.invalid/hsds")
ORGANIZATIONS = "data/hsds/organizations.json"
SERVICES = "data/hsds/services.json"
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}


def uid(*parts: str) -> str:
    return str(uuid.uuid5(NAMESPACE, ":".join(parts)))


#: the taxonomy term that marks a record as example data (made up, not the office's)
EXAMPLE_TERM: dict[str, str] = {
    "id": uid("taxonomy_term", "example_data"),
    "code": "example_data",
    "name": "Beispieldaten (erfunden)",
    "description": "Erfundene Beispielangabe, keine echte Angabe der Stelle; nicht verwenden. "
    "/ Made-up example value, not a real detail of the office; do not use.",
    "taxonomy": "Servicefinder: Herkunft der Angaben / provenance of the data",
    "language": "de",
}
EXAMPLE_NOTE = "Beispieldaten (erfunden), nicht verwenden / example data (made up), do not use"


def example_attribute(link_id: str, entity: str, block: str) -> dict[str, Any]:
    """The attribute that marks the ``entity`` record ``link_id`` as example data."""
    return {
        "id": uid("attribute", entity, link_id, "example_data"),
        "link_id": link_id,
        "link_entity": entity,
        "link_type": "provenance",
        "taxonomy_term_id": EXAMPLE_TERM["id"],
        "value": block,
        "taxonomy_term": EXAMPLE_TERM,
    }


def _marked(record: dict[str, Any], entity: str, block: str, invented: bool) -> dict[str, Any]:
    """``record`` with the example-data attribute where ``invented``."""
    if invented:
        record["attributes"] = [example_attribute(record["id"], entity, block)]
    return record


def hsds_files(catalogue: Catalogue, base: str = "") -> dict[str, str]:
    """``{site path: JSON text}``: an array of organizations and an array of services."""
    return texts(hsds_streams(catalogue, base))


def hsds_streams(catalogue: Catalogue, base: str = "") -> dict[str, str | Streamed]:
    """:func:`hsds_files`, the services' array made one service at a time as it is
    written."""
    return {
        ORGANIZATIONS: _dump([organization(a, catalogue, base) for a in catalogue.authorities]),
        SERVICES: Streamed(partial(_service_pieces, catalogue, base)),
    }


def _service_pieces(catalogue: Catalogue, base: str) -> Iterator[str]:
    yield "["
    for i, s in enumerate(catalogue.services):
        yield ("," if i else "") + _dump(service(s, catalogue, base))[:-1]
    yield "]\n"


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def _drop_none(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != []}


def _full_name(a: Authority) -> str:
    return a.name + (f" – {a.department}" if a.department else "")


def _example_blocks(a: Authority) -> list[str]:
    blocks = ("address", "phone", "email", "hours", "appointment", "accessibility")
    return [b for b in blocks if a.invented(b)]


def organization(a: Authority, catalogue: Catalogue, base: str = "") -> dict[str, Any]:
    org_id = uid("authority", a.id)
    kinds = ", ".join(catalogue.kind_label(k, "de") for k in a.kinds)
    areas = ", ".join(f"{area.name} ({area.ars})" for area in a.areas)
    blocks = _example_blocks(a)
    return _drop_none(
        {
            "id": org_id,
            "name": _full_name(a),
            "description": f"{kinds}; zuständig für {areas}."
            + (f" Beispieldaten (erfunden): {', '.join(blocks)}." if blocks else ""),
            # a string HSDS cannot mark: left out where it is made up
            "email": None if a.invented("email") else a.email,
            "website": a.website,
            "uri": base + routes.authority(a.id) if base else None,
            "phones": [
                _phone(
                    a.phone, "authority", a.id, invented=a.invented("phone"), organization_id=org_id
                )
            ]
            if a.phone
            else [],
            "locations": [location(a)],
            # the organization as a whole: which of its details are example data
            "attributes": [example_attribute(org_id, "organization", ",".join(blocks))]
            if blocks
            else [],
        }
    )


def location(a: Authority) -> dict[str, Any]:
    loc_id = uid("location", a.id)
    access = a.accessibility  # None: nothing known, so nothing is published
    features = (
        []
        if access is None
        else [
            ("stufenlos erreichbar", access.wheelchair_accessible),
            ("barrierefreies WC", access.accessible_toilet),
            ("induktive Höranlage", access.hearing_loop),
        ]
    )
    details = "; ".join(f"{name}: {'ja' if value else 'nein'}" for name, value in features)
    return _drop_none(
        {
            "id": loc_id,
            "location_type": "physical",
            "organization_id": uid("authority", a.id),
            "name": _full_name(a),
            "addresses": [
                _marked(
                    {
                        "id": uid("address", a.id),
                        "location_id": loc_id,
                        "address_1": a.address.street,
                        "city": a.address.city,
                        # HSDS requires a state; the postcode does not name it reliably, and
                        # a guess would be invented data, so it stays empty
                        "state_province": "",
                        "postal_code": a.address.postcode,
                        "country": "DE",
                        "address_type": "physical",
                    },
                    "address",
                    "address",
                    a.invented("address"),
                )
            ],
            "phones": [
                _phone(a.phone, "location", a.id, invented=a.invented("phone"), location_id=loc_id)
            ]
            if a.phone
            else [],
            "schedules": [
                _marked(
                    _drop_none(
                        {
                            "id": uid("schedule", a.id, str(i)),
                            "location_id": loc_id,
                            "description": f"{h.days}: {h.hours}",
                            # free text HSDS cannot mark apart from the hours: left out
                            # where it is made up
                            "notes": None if a.invented("appointment") else a.appointment_note,
                        }
                    ),
                    "schedule",
                    "hours",
                    a.invented("hours"),
                )
                for i, h in enumerate(a.opening_hours)
            ],
            "accessibility": []
            if a.accessibility is None
            else [
                _marked(
                    _drop_none(
                        {
                            "id": uid("accessibility", a.id),
                            "location_id": loc_id,
                            "description": details,
                            "details": access.notes if access else None,
                        }
                    ),
                    "accessibility",
                    "accessibility",
                    a.invented("accessibility"),
                )
            ],
        }
    )


def _phone(number: str, *owner: str, invented: bool = False, **links: str) -> dict[str, Any]:
    phone: dict[str, Any] = {"id": uid("phone", *owner, number), "number": number, **links}
    if invented:
        phone["description"] = EXAMPLE_NOTE
    return _marked(phone, "phone", "phone", invented)


def service(s: Service, catalogue: Catalogue, base: str = "") -> dict[str, Any]:
    service_id = uid("service", s.id)
    site = catalogue.site
    pairs = responsible_for(catalogue, s)
    languages = [site.language] + [
        lang for lang in site.languages if catalogue.translated(lang, s.id)
    ]
    fallback = site.fallback
    contact_id = uid("contact", "fallback", s.id)
    return _drop_none(
        {
            "id": service_id,
            "name": s.title,
            "description": s.description,
            "url": base + routes.service(s.id, site.language) if base else None,
            "status": "active",
            "eligibility_description": "\n".join(f"- {r}" for r in s.requirements) or None,
            # HSDS has no field for deadlines: they belong to how one applies
            "application_process": "\n".join(
                [f"{i}. {step}" for i, step in enumerate(s.process, 1)]
                + ([f"Fristen: {s.deadlines}"] if s.deadlines else [])
            )
            or None,
            "fees_description": s.fees.text,
            "wait_time": s.processing_time,
            "assured_date": s.as_of.isoformat(),
            "languages": [
                {
                    "id": uid("language", s.id, lang),
                    "service_id": service_id,
                    "name": LANGUAGE_NAMES.get(lang, lang),
                    "code": lang,
                }
                for lang in languages
            ],
            "service_areas": [
                {
                    "id": uid("service_area", s.id, r.area.ars, r.authority.id),
                    "service_id": service_id,
                    "name": r.area.name,
                    "description": f"Amtlicher Regionalschlüssel (ARS) {r.area.ars}",
                }
                for r in pairs
            ],
            "service_at_locations": [
                {
                    "id": uid("service_at_location", s.id, r.authority.id, r.area.ars),
                    "service_id": service_id,
                    "location_id": uid("location", r.authority.id),
                    "description": f"Zuständig für {r.area.name} ({r.area.ars})",
                }
                for r in pairs
            ],
            "required_documents": [
                {
                    "id": uid("document", s.id, str(i)),
                    "service_id": service_id,
                    "document": d.name
                    + (f" ({d.note})" if d.note else "")
                    + ("" if d.required else " – nur im Einzelfall"),
                }
                for i, d in enumerate(s.documents)
            ],
            "cost_options": [
                _drop_none(
                    {
                        "id": uid("cost", s.id),
                        "service_id": service_id,
                        "option": s.fees.text,
                        "currency": "EUR" if s.fees.amount_eur is not None else None,
                        "amount": s.fees.amount_eur,
                    }
                )
            ],
            "contacts": [
                _drop_none(
                    {
                        "id": contact_id,
                        "service_id": service_id,
                        "name": fallback.name,
                        "email": None if fallback.example_data else fallback.email,
                        "phones": [
                            _marked(
                                {
                                    "id": uid("phone", "fallback", s.id),
                                    "contact_id": contact_id,
                                    "number": fallback.phone,
                                }
                                | ({"description": EXAMPLE_NOTE} if fallback.example_data else {}),
                                "phone",
                                "phone",
                                fallback.example_data,
                            )
                        ]
                        if fallback.phone
                        else [],
                    }
                )
            ],
        }
    )
