"""The validated content as one immutable catalogue, and the facts derived from it.

Everything after validation reads this and nothing else: templates never see YAML.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

from generator.content.schema import (
    Amount,
    AmountValue,
    Authority,
    ElsewhereEntry,
    Glossary,
    Service,
    ServiceTranslation,
    Site,
)
from generator.content.shelf import Row
from generator.infra.errors import Problem
from generator.places.gazetteer import Gazetteer


@dataclass(frozen=True)
class Catalogue:
    """All content of one site, sorted by id so every output is deterministic.

    The services and translations of a loaded catalogue are kept packed (``shelf.py``):
    each read makes a new object, so read one once per use, and find a service by its
    id with :meth:`service`, not by walking them all."""

    site: Site
    services: Sequence[Service]
    authorities: tuple[Authority, ...]
    translations: Mapping[tuple[str, str], ServiceTranslation] = field(default_factory=dict)
    glossary: Glossary = field(default_factory=Glossary)
    gazetteer: Gazetteer = field(default_factory=Gazetteer)
    #: freshness findings (stale texts and rates), for the editors' dashboard; a loaded
    #: catalogue keeps them packed (``shelf.PackedTuple``)
    notices: Sequence[Problem] = ()
    #: findings that fail --strict (shown by the preview, which does not stop for them)
    warnings: tuple[Problem, ...] = ()
    #: groups of search words that mean the same (content/synonyms.yaml)
    synonyms: tuple[tuple[str, ...], ...] = ()
    #: benefits the site does not describe, and who handles them (content/elsewhere.yaml)
    elsewhere: tuple[ElsewhereEntry, ...] = ()
    #: the file each service and authority came from, for reports
    files: dict[str, str] = field(default_factory=dict)

    def service(self, service_id: str) -> Service:
        if isinstance(self.services, Row):
            found = self.services.get(service_id)
            if found is None:
                raise KeyError(service_id)
            return found
        return next(s for s in self.services if s.id == service_id)

    def authority(self, authority_id: str) -> Authority:
        return next(a for a in self.authorities if a.id == authority_id)

    def translation(self, lang: str, service_id: str) -> ServiceTranslation | None:
        return self.translations.get((lang, service_id))

    def translated(self, lang: str, service_id: str) -> bool:
        """Whether the service has a translation into ``lang`` (without reading it)."""
        return (lang, service_id) in self.translations

    def topic_label(self, topic_id: str, lang: str) -> str:
        label = next(t for t in self.site.topics if t.id == topic_id)
        return _in(label, lang, self.site.language)

    def kind_label(self, kind_id: str, lang: str) -> str:
        label = next(k for k in self.site.authority_kinds if k.id == kind_id)
        return _in(label, lang, self.site.language)


def _in(label: object, lang: str, source: str) -> str:
    """A label's text in ``lang``, or in the source language where it has none."""
    return str(getattr(label, lang, None) or getattr(label, source))


@dataclass(frozen=True)
class AmountInForce:
    """The value of a dated amount that applies on the build date, and its history."""

    amount: Amount
    current: AmountValue | None
    upcoming: AmountValue | None
    earlier: tuple[AmountValue, ...]


def amount_in_force(amount: Amount, on: date) -> AmountInForce:
    """Pick the latest value whose ``from`` date is not after ``on``. A yearly update that
    confirmed the same figure (the standard rates of 2025 and 2026 equal 2024's) keeps
    the date the figure first applied: "563 EUR since 1 Jan 2024", not "since 2026"."""
    values = sorted(amount.values, key=lambda v: v.from_)
    past = [v for v in values if v.from_ <= on]
    future = [v for v in values if v.from_ > on]
    while len(past) > 1 and past[-2].eur == past[-1].eur:
        past.pop()
    current = past[-1] if past else None
    return AmountInForce(amount, current, future[0] if future else None, tuple(past[:-1]))
