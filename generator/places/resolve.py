"""Which authority is responsible for a service, and where.

An authority serves areas given as regional-key (ARS) prefixes: a state (2 digits), a
district (5), an association (9) or a municipality (12). For one municipality and one kind
of authority, the most specific matching area wins; where nothing matches, the site's
fallback contact answers, so no citizen meets a dead end. The browser runs the same rule
on the same data (``lookup.js``); ``tests/test_resolve.py`` pins it down.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.content.model import Catalogue
from generator.content.schema import Area, Authority, Service


@dataclass(frozen=True)
class Responsibility:
    area: Area
    authority: Authority


def responsible_for(catalogue: Catalogue, service: Service) -> tuple[Responsibility, ...]:
    """Every (area, authority) pair that serves ``service``, for the page without script."""
    kind = service.responsible.authority_kind
    pairs = [
        Responsibility(area, auth)
        for auth in catalogue.authorities
        if kind in auth.kinds
        for area in auth.areas
    ]
    return tuple(sorted(pairs, key=lambda r: (r.area.ars, r.authority.id)))


def responsible_at(
    authorities: tuple[Authority, ...], kind: str, ars: str
) -> tuple[Authority, ...]:
    """The authorities of ``kind`` for municipality ``ars``: the most specific area wins."""
    matches = [
        (len(area.ars), auth)
        for auth in authorities
        if kind in auth.kinds
        for area in auth.areas
        if ars.startswith(area.ars)
    ]
    if not matches:
        return ()
    best = max(length for length, _ in matches)
    return tuple(
        sorted({a.id: a for length, a in matches if length == best}.values(), key=lambda a: a.id)
    )


def services_of(catalogue: Catalogue, authority: Authority) -> tuple[Service, ...]:
    """The services an authority is responsible for, by its kinds."""
    return tuple(s for s in catalogue.services if s.responsible.authority_kind in authority.kinds)
