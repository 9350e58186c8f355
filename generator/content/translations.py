"""Translations that know when their original changed.

A translation file records, in ``digests``, a checksum of each German field it was made
from: the first 12 hex digits of the SHA-256 of the field's value as JSON. When a German
field changes afterwards, its checksum no longer matches; the check then reports that
field of every translation made from the old text (a warning, so ``--strict`` refuses to
publish it), and the page says in its own language that the German version has changed.

Nothing here compares dates: editors move ``as_of`` when they check a text without
changing it, and change a text without moving ``as_of``; a checksum cannot be forgotten.

A translator renews a translation from the current German, then records the new checksums
with ``servicefinder translations --renew <file>`` (:func:`renewed_text`), which rewrites
only the ``translated_from`` and ``digests`` lines of the file, comments included.

A translation without any ``digests`` (written before this existed, or by hand) is not
tracked: the language report says so, and nothing is reported per field.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args

from pydantic import BaseModel

from generator.content.load import Document
from generator.content.schema import Service, ServiceTranslation, TranslatedField
from generator.infra.errors import Problem

#: the translatable fields, in the order a translation file lists them
FIELDS: tuple[str, ...] = get_args(TranslatedField)
#: translatable fields whose German value lives in a sub-object of the service
NESTED = {"forms_note": ("forms", "note"), "responsible_note": ("responsible", "note")}
RENEW = "servicefinder translations --renew"


def source_value(service: Service, field: str) -> Any:
    """The German value a translation of ``field`` is made from, as plain JSON data.

    Amounts are translated by name and period only (their figures are the same in every
    language), so only those count; everything else counts as a whole."""
    if field in NESTED:
        outer, inner = NESTED[field]
        return getattr(getattr(service, outer), inner)
    if field == "amounts":
        return [{"id": a.id, "name": a.name, "period": a.period} for a in service.amounts]
    return _plain(getattr(service, field))


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json", by_alias=True)
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def field_digest(value: Any) -> str:
    """The checksum of one field's value: canonical JSON, SHA-256, 12 hex digits."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def given_fields(translation: ServiceTranslation) -> list[str]:
    """The fields this translation translates (the others are shown in German)."""
    return [f for f in FIELDS if getattr(translation, f) not in (None, [])]


def digests_for(service: Service, translation: ServiceTranslation) -> dict[str, str]:
    """The checksums to record for ``translation`` made from ``service`` as it is now."""
    return {f: field_digest(source_value(service, f)) for f in given_fields(translation)}


@dataclass(frozen=True)
class TranslationState:
    """How one translation stands against its German original."""

    #: the translation records checksums at all
    tracked: bool
    #: fields whose German original changed since the translation was made
    outdated: tuple[str, ...] = ()
    #: translated fields without a recorded checksum (added after the last renewal)
    unrecorded: tuple[str, ...] = ()

    @property
    def current(self) -> bool:
        return self.tracked and not self.outdated and not self.unrecorded


def state(service: Service, translation: ServiceTranslation) -> TranslationState:
    if not translation.digests:
        return TranslationState(tracked=False)
    outdated, unrecorded = [], []
    for f in given_fields(translation):
        recorded = translation.digests.get(f)  # type: ignore[call-overload]
        if recorded is None:
            unrecorded.append(f)
        elif recorded != field_digest(source_value(service, f)):
            outdated.append(f)
    return TranslationState(True, tuple(outdated), tuple(unrecorded))


def check_translations(
    services: Mapping[str, tuple[Service, Document]],
    translations: Mapping[tuple[str, str], tuple[ServiceTranslation, Document]],
) -> list[Problem]:
    """One warning per field of every translation whose German original changed since
    the translation was made, at that field's line of the translation file."""
    problems: list[tuple[tuple[str, str], Problem]] = []
    # a service's translations one after the other (the file order), so its main file is
    # read once for them (they are kept packed, shelf.py); reported by language then id
    for (lang, stem), (tr, doc) in translations.items():
        main = services.get(stem)
        if main is None:
            continue  # an orphan or a main file with mistakes: reported elsewhere
        found = state(main[0], tr)
        messages = [
            (
                f,
                f"outdated translation ({lang}): the German '{f}' changed since this "
                f"was translated; translate it anew, then run `{RENEW} {doc.file}`",
            )
            for f in found.outdated
        ] + [
            (
                f,
                f"no checksum of the German '{f}' is recorded for this translation "
                f"({lang}), so a later change of the German would go unnoticed; once it "
                f"matches the German, run `{RENEW} {doc.file}`",
            )
            for f in found.unrecorded
        ]
        for f, message in messages:
            line, col = doc.where((f,), key=True)
            problems.append(((lang, stem), Problem(doc.file, line, col, f, message, "warning")))
    return [problem for _, problem in sorted(problems, key=lambda item: item[0])]


_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")


def renewed_text(text: str, digests: dict[str, str], as_of: date) -> str:
    """``text`` (a translation file) with ``translated_from`` set to ``as_of`` and the
    ``digests`` block replaced by ``digests``; every other line is kept as it was."""
    lines = text.splitlines()
    out: list[str] = []
    skipping = False
    for line in lines:
        key = _TOP_KEY.match(line)
        if skipping:
            if key is None and (line.startswith((" ", "\t")) or not line.strip()):
                continue
            skipping = False
        if key and key.group(1) == "digests":
            skipping = True
            continue
        if key and key.group(1) == "translated_from":
            continue
        out.append(line)
    while out and not out[-1].strip():
        out.pop()
    block = [f"translated_from: {as_of.isoformat()}", "digests:"]
    block += [f'  {f}: "{digests[f]}"' for f in FIELDS if f in digests]
    if not digests:
        block[-1] = "digests: {}"
    anchor = _insert_after(out)
    return "\n".join([*out[:anchor], *block, *out[anchor:]]) + "\n"


def _insert_after(lines: list[str]) -> int:
    """Where the two lines go: after ``review`` if the file has it, else after ``id``."""
    for wanted in ("review", "id"):
        for i, line in enumerate(lines):
            key = _TOP_KEY.match(line)
            if key and key.group(1) == wanted:
                return i + 1
    return 0
