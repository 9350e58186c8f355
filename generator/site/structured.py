"""schema.org JSON-LD for service and authority pages.

Search engines and assistants read ``GovernmentService`` (with ``serviceOperator``,
``areaServed`` and ``audience``) and ``GovernmentOffice`` from a
``<script type="application/ld+json">`` data block. A data block is never executed, so the
site's strict Content Security Policy (no inline script) does not apply to it. The JSON is
escaped so that no ``<``, ``>`` or ``&`` appears raw inside the element: text cannot end
the block early.

schema.org has no way to say that a value is made up, and search engines show what they
find as the office's real details. An office's example data (``example_data``: address,
phone, e-mail, building accessibility) is therefore left out of the data block; the page
itself shows it with its label.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from generator.content.model import Catalogue
from generator.content.schema import Authority, Service
from generator.site.views import ServiceView

CONTEXT = "https://schema.org"
AUDIENCE = {"de": "Bürgerinnen und Bürger", "en": "Residents"}


def data_block(data: dict[str, Any]) -> Markup:
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _address(a: Authority) -> dict[str, str]:
    return {
        "@type": "PostalAddress",
        "streetAddress": a.address.street,
        "postalCode": a.address.postcode,
        "addressLocality": a.address.city,
        "addressCountry": "DE",
    }


def _area(name: str, ars: str) -> dict[str, Any]:
    return {
        "@type": "AdministrativeArea",
        "name": name,
        "identifier": {"@type": "PropertyValue", "propertyID": "ARS", "value": ars},
    }


def _organisation(a: Authority) -> dict[str, Any]:
    """The office as schema.org knows it, without what is example data."""
    org: dict[str, Any] = {
        "@type": "GovernmentOrganization",
        "name": a.name + (f" – {a.department}" if a.department else ""),
    }
    if not a.invented("address"):
        org["address"] = _address(a)
    if a.phone and not a.invented("phone"):
        org["telephone"] = a.phone
    if a.email and not a.invented("email"):
        org["email"] = a.email
    if a.website:
        org["url"] = a.website
    return org


class StructuredData:
    """The template global: ``structured_data.service(...)``, ``structured_data.authority(...)``."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue

    def service_data(self, service: Service, view: ServiceView, lang: str) -> dict[str, Any]:
        pairs = view.responsibilities
        operators = {r.authority.id: _organisation(r.authority) for r in pairs}
        areas = {r.area.ars: _area(r.area.name, r.area.ars) for r in pairs}
        topics = [self.catalogue.topic_label(t, lang) for t in service.topics]
        data: dict[str, Any] = {
            "@context": CONTEXT,
            "@type": "GovernmentService",
            "name": view.title,
            "description": view.summary,
            "serviceType": self.catalogue.kind_label(service.responsible.authority_kind, lang),
            "audience": {
                "@type": "Audience",
                "audienceType": AUDIENCE.get(lang, AUDIENCE["de"]),
                "name": ", ".join(topics),
            },
            "serviceOperator": [operators[k] for k in sorted(operators)],
            "areaServed": [areas[k] for k in sorted(areas)],
        }
        if service.leika:
            data["identifier"] = {
                "@type": "PropertyValue",
                "propertyID": "LeiKa",
                "value": service.leika,
            }
        if service.forms.online and service.forms.links:
            data["availableChannel"] = [
                {"@type": "ServiceChannel", "name": link.title, "serviceUrl": link.url}
                for link in service.forms.links
            ]
        return data

    def authority_data(self, a: Authority) -> dict[str, Any]:
        access = a.accessibility
        data: dict[str, Any] = {
            **_organisation(a),
            "@context": CONTEXT,
            "@type": "GovernmentOffice",
            "areaServed": [_area(area.name, area.ars) for area in a.areas],
            "amenityFeature": []
            if access is None or a.invented("accessibility")
            else [
                {"@type": "LocationFeatureSpecification", "name": name, "value": value}
                for name, value in (
                    ("Stufenlos erreichbar", access.wheelchair_accessible),
                    ("Barrierefreies WC", access.accessible_toilet),
                    ("Induktive Höranlage", access.hearing_loop),
                )
            ],
        }
        return data

    def service(self, service: Service, view: ServiceView, lang: str) -> Markup:
        return data_block(self.service_data(service, view, lang))

    def authority(self, a: Authority) -> Markup:
        return data_block(self.authority_data(a))
