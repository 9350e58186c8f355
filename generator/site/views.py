"""What a page shows of a service, in one language: the one merge of a service with its
translation, read alike by the page templates and the search index.

The rule for every translatable field (the fields :class:`ServiceTranslation` declares):
the translation's value where it gives one, else the source language's, and the field is
then listed in :attr:`ServiceView.fallbacks` with the language its text is in, so a page
can mark the passage with that language and say it is not yet translated. One exception:
the easy-language variant never falls back, because easy German is no easy English.

Language-neutral facts (flags, legal basis, dates, the kind of responsible office) are
read from the service itself; the responsible offices are resolved here, once, so
templates never query the catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from generator.content import routes
from generator.content.model import Catalogue
from generator.content.resolve import Responsibility, responsible_for
from generator.content.schema import (
    Amount,
    AmountName,
    Easy,
    EligibilityTranslation,
    Fees,
    Link,
    RequiredDocument,
    Service,
    ServiceTranslation,
)
from generator.content.translations import state
from generator.site import i18n
from generator.site.pages import Alternate

#: translatable fields whose value comes from a sub-object of the service
NESTED = {"forms_note": ("forms", "note"), "responsible_note": ("responsible", "note")}
#: fields that are never shown in another language than the page's
NO_FALLBACK = frozenset({"easy"})

#: the sections of a service page, in the FIM order every page keeps: (anchor, label key)
SECTIONS = (
    ("beschreibung", "description"),
    ("zustaendig", "responsible"),
    ("voraussetzungen", "requirements"),
    ("unterlagen", "documents"),
    ("kosten", "fees"),
    ("betraege", "amounts"),
    ("fristen", "deadlines"),
    ("dauer", "processing_time"),
    ("ablauf", "process"),
    ("formulare", "forms"),
    ("rechtsbehelf", "appeal"),
    ("hinweise", "notes"),
    ("rechtsgrundlagen", "legal_basis"),
    ("verwandt", "related"),
)
#: sections every service page has, whatever the service says
ALWAYS = frozenset({"beschreibung", "zustaendig", "kosten", "formulare"})


@dataclass(frozen=True)
class RelatedLink:
    """A related service as a page in ``lang`` links to it: in that language where the
    service is translated, else in the source language (``lang`` says which)."""

    id: str
    title: str
    url: str
    lang: str
    #: its easy-language page in the same language, where it has one
    easy_url: str | None


@dataclass(frozen=True)
class OfferArea:
    """Where a service is offered, as its page and the lookup say it: the area's names and
    prefixes, and the general service for everyone else, where one is named."""

    names: tuple[str, ...]
    prefixes: tuple[str, ...]
    general: RelatedLink | None

    def lookup_data(self) -> dict[str, Any]:
        """What ``lookup.js`` reads (data-offer): prefixes, area names, the general service."""
        general = {"title": self.general.title, "url": self.general.url} if self.general else None
        return {"area": list(self.prefixes), "names": list(self.names), "general": general}


def offer_lookup_data(catalogue: Catalogue, service: Service, lang: str) -> dict[str, Any]:
    """The area fields of a service in "Meine Stellen"'s list (nothing for everywhere)."""
    area = offer_area(catalogue, service, lang)
    return area.lookup_data() if area is not None else {}


def offer_area(catalogue: Catalogue, service: Service, lang: str) -> OfferArea | None:
    """None for a service offered everywhere."""
    if not service.area:
        return None
    general = (
        _related(catalogue, service.general_service, lang)
        if service.general_service is not None
        else None
    )
    return OfferArea(
        names=tuple(a.name for a in service.area),
        prefixes=tuple(a.ars for a in service.area),
        general=general,
    )


@dataclass(frozen=True)
class ServiceView:
    """A service as shown in :attr:`lang`."""

    service: Service
    lang: str
    title: str
    summary: str
    keywords: list[str]
    description: str
    requirements: list[str]
    documents: list[RequiredDocument]
    fees: Fees
    deadlines: str | None
    processing_time: str | None
    process: list[str]
    appeal: str | None
    notes: str | None
    forms_note: str | None
    responsible_note: str | None
    easy: Easy | None
    #: each dated amount with its name in this language, if translated
    amounts: list[tuple[Amount, AmountName | None]]
    #: the pre-check's wording in this language (the tree itself is the service's);
    #: None on source-language pages and where no translation words it
    eligibility_words: EligibilityTranslation | None
    #: field -> the language its text is shown in, for every field that fell back
    fallbacks: dict[str, str]
    #: (anchor, label key) of the sections this page has, in order
    sections: tuple[tuple[str, str], ...]
    responsibilities: tuple[Responsibility, ...]
    related: tuple[RelatedLink, ...]
    #: where the service is offered; None where it is offered everywhere
    area: OfferArea | None
    #: "machine-translated" while no reviewer has cleared the translation
    review: str | None = None
    #: translated fields whose German original changed since they were translated (the
    #: translation's checksums, see content/translations.py); empty on German pages
    outdated: tuple[str, ...] = ()

    def outdated_here(self, easy: bool = False) -> bool:
        """Whether this page shows a translated field whose German changed since: the easy
        page shows the easy text and the pre-check, the full page everything else."""
        shown = {"easy", "eligibility"} if easy else set(self.outdated) - {"easy"}
        return bool(shown & set(self.outdated))

    @property
    def id(self) -> str:
        return self.service.id

    def has(self, section: str) -> bool:
        return any(anchor == section for anchor, _ in self.sections)

    @property
    def answers(self) -> Answers:
        """The answer card at the top of the page (see :class:`Answers`)."""
        return answers_of(self)


@dataclass(frozen=True)
class Answers:
    """What a citizen on a phone needs first, taken from the service's own fields so the
    card can never say something the sections below do not: who can get it, what it costs,
    what to bring, where to apply, and the first step. Each answer links to the section
    that says it in full; a count tells how much is there."""

    #: the summary: one or two sentences saying what, for whom (schema: Service.summary)
    who: str
    requirements: int
    #: the fees in words, as the section "Kosten" says them
    cost: str
    #: True where the service is free of charge (fees.amount_eur == 0)
    free: bool
    documents: int
    #: of those, how many are needed only in some cases
    optional_documents: int
    #: the first step of the process, where the service describes one
    first_step: str | None
    steps: int
    #: where an online procedure is possible: its first link
    online: Link | None
    #: how many offices the page lists (the lookup picks the one for a place)
    offices: int


def answers_of(view: ServiceView) -> Answers:
    forms = view.service.forms
    optional = sum(1 for d in view.documents if not d.required)
    return Answers(
        who=view.summary,
        requirements=len(view.requirements),
        cost=view.fees.text,
        free=view.fees.amount_eur == 0,
        documents=len(view.documents),
        optional_documents=optional,
        first_step=view.process[0] if view.process else None,
        steps=len(view.process),
        online=forms.links[0] if forms.online and forms.links else None,
        offices=len({r.authority.id for r in view.responsibilities}),
    )


def service_view(catalogue: Catalogue, service: Service, lang: str) -> ServiceView | None:
    """``service`` in ``lang``; None where the site has no translation into ``lang``."""
    source = catalogue.site.language
    tr: ServiceTranslation | None = None
    if lang != source:
        tr = catalogue.translation(lang, service.id)
        if tr is None:
            return None
    values: dict[str, Any] = {}
    fallbacks: dict[str, str] = {}
    for name in ServiceTranslation.model_fields:
        if name in ("id", "amounts", "eligibility", "review", "translated_from", "digests"):
            continue
        own = getattr(tr, name) if tr is not None else None
        original = _source_value(service, name)
        if tr is None or own is not None or name in NO_FALLBACK:
            values[name] = own if tr is not None else original
        else:
            values[name] = original
            if original:
                fallbacks[name] = source
    if tr is not None and tr.eligibility is None and service.eligibility is not None:
        # the pre-check's questions are shown in German on the full page (marked so), with
        # the interface in the page's language; the easy page never falls back
        fallbacks["eligibility"] = source
    names = {a.id: a for a in tr.amounts} if tr is not None else {}
    amounts = [(a, names.get(a.id)) for a in service.amounts]
    view_fields = {
        **values,
        "amounts": amounts,
        "eligibility_words": tr.eligibility if tr is not None else None,
    }
    return ServiceView(
        service=service,
        lang=lang,
        fallbacks=fallbacks,
        sections=_sections(service, view_fields),
        responsibilities=responsible_for(catalogue, service),
        related=tuple(_related(catalogue, rid, lang) for rid in service.related),
        area=offer_area(catalogue, service, lang),
        review=tr.review if tr is not None else None,
        outdated=state(service, tr).outdated if tr is not None else (),
        **view_fields,
    )


def _related(catalogue: Catalogue, service_id: str, lang: str) -> RelatedLink:
    other = catalogue.service(service_id)
    tr = catalogue.translation(lang, service_id) if lang != catalogue.site.language else None
    shown = lang if tr is not None else catalogue.site.language
    title, easy = (tr.title, tr.easy) if tr is not None else (other.title, other.easy)
    return RelatedLink(
        id=service_id,
        title=title,
        url=routes.service(service_id, shown),
        lang=shown,
        easy_url=routes.service(service_id, shown, easy=True) if easy is not None else None,
    )


def related_key(catalogue: Catalogue, service_id: str) -> list[str]:
    """Everything of a service that its neighbours' pages show (see :func:`_related`), for
    the render cache's keys."""
    other = catalogue.service(service_id)
    parts = [service_id, other.title, str(other.easy is not None)]
    for lang in catalogue.site.languages:
        tr = catalogue.translation(lang, service_id)
        if tr is not None:
            parts += [lang, tr.title, str(tr.easy is not None)]
    return parts


def _source_value(service: Service, name: str) -> Any:
    if name in NESTED:
        outer, inner = NESTED[name]
        return getattr(getattr(service, outer), inner)
    return getattr(service, name)


def _sections(service: Service, fields: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    """The sections with something to say: the fixed ones, and each optional one whose
    field is given (legal basis and related services are language-neutral)."""
    given = {
        "voraussetzungen": bool(fields["requirements"]),
        "unterlagen": bool(fields["documents"]),
        "betraege": bool(fields["amounts"]),
        "fristen": fields["deadlines"] is not None,
        "dauer": fields["processing_time"] is not None,
        "ablauf": bool(fields["process"]),
        "rechtsbehelf": fields["appeal"] is not None,
        "hinweise": fields["notes"] is not None,
        "rechtsgrundlagen": bool(service.legal_basis),
        "verwandt": bool(service.related),
    }
    return tuple((a, label) for a, label in SECTIONS if a in ALWAYS or given.get(a, False))


def service_alternates(
    service_id: str, lang: str, views: dict[str, ServiceView | None], *, easy: bool
) -> tuple[Alternate, ...]:
    """The same page in the site's other languages (the easy variant if it has one)."""
    out = []
    for other, view in views.items():
        if other == lang or view is None:
            continue
        label = i18n.LANGUAGE_NAMES[other]
        with_easy = easy and view.easy is not None
        url = routes.service(service_id, other, easy=with_easy)
        out.append(Alternate(other, url, label, same=with_easy == easy))
    return tuple(out)
