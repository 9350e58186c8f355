"""Per language: which fields of which services fall back to the source language, which
translations are older than their original, which do not word the pre-check (a page shows
no pre-check in a language its translation does not word it in), and which still wait
for a reviewer.

"Older" is told field by field by the checksums a translation records of the German it was
made from (``digests``, see :mod:`generator.content.translations`). A translation without
them is compared by date, as before: its ``translated_from`` (the ``as_of`` of the German
text it was made from) against the service's current ``as_of``; one without either is
reported as of unknown age rather than guessed from file dates, which git checkouts do not
keep.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.content.eligibility import easy_wording_missing
from generator.content.model import Catalogue
from generator.content.translations import state
from generator.site.views import service_view


@dataclass
class LanguageReport:
    lang: str
    #: service id -> translatable fields shown in the source language
    fallbacks: dict[str, list[str]] = field(default_factory=dict)
    #: service id -> (translated_from, the original's as_of), for outdated translations
    #: without checksums
    outdated: dict[str, tuple[str, str]] = field(default_factory=dict)
    #: service id -> fields whose German changed since they were translated (checksums)
    outdated_fields: dict[str, list[str]] = field(default_factory=dict)
    unknown_age: list[str] = field(default_factory=list)
    machine_translated: list[str] = field(default_factory=list)
    untranslated: list[str] = field(default_factory=list)
    #: services with a pre-check whose translation does not word it: its page has none
    precheck_untranslated: list[str] = field(default_factory=list)
    #: services whose translation words the pre-check but not in easy language where the
    #: German does (not repeated for those in precheck_untranslated)
    easy_precheck_untranslated: list[str] = field(default_factory=list)


def language_reports(catalogue: Catalogue) -> list[LanguageReport]:
    source = catalogue.site.language
    out = []
    for lang in catalogue.site.languages:
        if lang == source:
            continue
        report = LanguageReport(lang)
        for service in catalogue.services:
            tr = catalogue.translation(lang, service.id)
            view = service_view(catalogue, service, lang)
            if tr is None or view is None:
                report.untranslated.append(service.id)
                continue
            if view.fallbacks:
                report.fallbacks[service.id] = sorted(view.fallbacks)
            tracked = state(service, tr)
            if tracked.tracked:
                changed = [*tracked.outdated, *tracked.unrecorded]
                if changed:
                    report.outdated_fields[service.id] = changed
            elif tr.translated_from is None:
                report.unknown_age.append(service.id)
            elif tr.translated_from < service.as_of:
                report.outdated[service.id] = (
                    tr.translated_from.isoformat(),
                    service.as_of.isoformat(),
                )
            tree = service.eligibility
            if tree is not None:
                if tr.eligibility is None:
                    report.precheck_untranslated.append(service.id)
                elif easy_wording_missing(tree, tr.eligibility):
                    report.easy_precheck_untranslated.append(service.id)
            if tr.review:
                report.machine_translated.append(service.id)
        out.append(report)
    return out


#: with more services than this in one line or kind of line, the report names the first
#: ones and counts the rest (``validate --verbose`` names all)
FIRST_IDS = 10
FIRST_SERVICES = 3


def format_reports(reports: list[LanguageReport], every: bool = False) -> str:
    """The report as text; unless ``every``, long lists of services are cut to their first
    ones and a count, so a catalogue of thousands of services gets a report of lines."""

    def ids(found: list[str]) -> str:
        if every or len(found) <= FIRST_IDS:
            return ", ".join(found)
        return f"{', '.join(found[:FIRST_IDS])} and {len(found) - FIRST_IDS} more"

    def per_service(kind: str, found: dict[str, str]) -> list[str]:
        """One line a service (``sid: text``), or one for all: ``kind: N services (...)``."""
        if every or len(found) <= FIRST_SERVICES:
            return [f"  {sid}: {text}" for sid, text in found.items()]
        return [f"  {kind}: {len(found)} services ({ids(list(found))})"]

    lines = []
    for r in reports:
        lines.append(f"language {r.lang}:")
        lines += per_service(
            "shown in the source language",
            {
                sid: f"shown in the source language: {', '.join(fields)}"
                for sid, fields in r.fallbacks.items()
            },
        )
        lines += per_service(
            "the German changed since translated",
            {
                sid: f"the German changed since translated: {', '.join(fields)}"
                for sid, fields in r.outdated_fields.items()
            },
        )
        lines += per_service(
            "translation older than the original",
            {
                sid: f"translation of {made} is older than the original of {now}"
                for sid, (made, now) in r.outdated.items()
            },
        )
        if r.unknown_age:
            lines.append(f"  age unknown (no digests, no translated_from): {ids(r.unknown_age)}")
        if r.precheck_untranslated:
            lines.append(f"  pre-check not translated: {ids(r.precheck_untranslated)}")
        if r.easy_precheck_untranslated:
            lines.append(
                f"  easy-language pre-check not translated: {ids(r.easy_precheck_untranslated)}"
            )
        if r.machine_translated:
            lines.append(f"  machine translated, not reviewed: {ids(r.machine_translated)}")
        if r.untranslated:
            lines.append(f"  not translated: {ids(r.untranslated)}")
    return "\n".join(lines)
