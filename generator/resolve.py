"""Which authority is responsible for a service, and where.

For this stage the answer is a list: every authority of the service's kind, grouped by the
area it serves, most general area first. The site's fallback contact is always offered, so
no page ends in "no authority found".
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Catalogue
from .schema import Area, Authority, Service


@dataclass(frozen=True)
class Responsibility:
    area: Area
    authority: Authority


def responsible_for(catalogue: Catalogue, service: Service) -> tuple[Responsibility, ...]:
    """Every (area, authority) pair that serves ``service``, sorted by regional key."""
    kind = service.responsible.authority_kind
    pairs = [
        Responsibility(area, auth)
        for auth in catalogue.authorities
        if kind in auth.kinds
        for area in auth.areas
    ]
    return tuple(sorted(pairs, key=lambda r: (r.area.ars, r.authority.id)))


def services_of(catalogue: Catalogue, authority: Authority) -> tuple[Service, ...]:
    """The services an authority is responsible for, by its kinds."""
    return tuple(s for s in catalogue.services if s.responsible.authority_kind in authority.kinds)
