"""Which authority is responsible for a service, and where.

An authority serves areas given as regional-key (ARS) prefixes: a state (2 digits), a
district (5), an association (9) or a municipality (12). For one municipality and one kind
of authority, the most specific matching area wins; where nothing matches, the site's
fallback contact answers, so no citizen meets a dead end.

A service may be offered in an area only (``Service.area``, prefixes as well). Outside it,
no office is named at all, however well an office of the same kind matches: the answer is
"not offered here", the general service where one is named, and the fallback. The browser
runs the same rules on the same data (``rules.offeredAt`` and ``rules.responsible`` in
``lookup.js``); ``tests/test_resolve.py`` pins them down and ``tests/test_place_rules.py``
compares both on every place.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from generator.content.model import Catalogue
from generator.content.schema import Area, Authority, Service


@dataclass(frozen=True)
class Responsibility:
    area: Area
    authority: Authority


def offered_at(prefixes: tuple[str, ...] | list[str], ars: str) -> bool:
    """Whether a service offered in ``prefixes`` (empty: everywhere) is offered at ``ars``."""
    return not prefixes or any(ars.startswith(p) for p in prefixes)


def overlaps(prefixes: tuple[str, ...] | list[str], ars: str) -> bool:
    """Whether area ``ars`` shares any place with a service area (empty: everywhere): one
    of the two keys is a prefix of the other."""
    return not prefixes or any(ars.startswith(p) or p.startswith(ars) for p in prefixes)


def service_prefixes(service: Service) -> tuple[str, ...]:
    return tuple(a.ars for a in service.area)


def responsible_for(catalogue: Catalogue, service: Service) -> tuple[Responsibility, ...]:
    """Every (area, authority) pair that serves ``service`` inside the service's area, for
    the page without script."""
    kind = service.responsible.authority_kind
    offered = service_prefixes(service)
    pairs = [
        Responsibility(area, auth)
        for auth in catalogue.authorities
        if kind in auth.kinds
        for area in auth.areas
        if overlaps(offered, area.ars)
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


def answer_at(
    authorities: tuple[Authority, ...], service: Service, ars: str
) -> tuple[Authority, ...] | None:
    """The offices for ``service`` at municipality ``ars``; None where it is not offered."""
    if not offered_at(service_prefixes(service), ars):
        return None
    return responsible_at(authorities, service.responsible.authority_kind, ars)


@dataclass(frozen=True)
class Offer:
    """Where a service is offered and by which kind of office: what :func:`services_of`
    reads, so a caller asking for many offices reads each service once."""

    id: str
    kind: str
    prefixes: tuple[str, ...]


def offers(catalogue: Catalogue) -> tuple[Offer, ...]:
    return tuple(offer_of(s) for s in catalogue.services)


def offer_of(service: Service) -> Offer:
    return Offer(service.id, service.responsible.authority_kind, service_prefixes(service))


def services_of(offered: Iterable[Offer], authority: Authority) -> tuple[str, ...]:
    """The ids of the services an authority is responsible for: by its kinds, and only
    those offered somewhere in its areas."""
    return tuple(
        o.id
        for o in offered
        if o.kind in authority.kinds
        and any(overlaps(o.prefixes, area.ars) for area in authority.areas)
    )
