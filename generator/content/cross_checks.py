"""The checks of the content files together: references between files (authorities, topics,
rates, laws), what the site file declares, easy language, coverage of the area, glossary and
the list of what this site does not offer. Each finding is a :class:`Problem` at the file,
line and field concerned.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

from pydantic import BaseModel

from generator.content import laws
from generator.content.easy_check import EASY_RULES_FOR, check_easy_text
from generator.content.load import Document, dotted, value_at
from generator.content.resolve import offered_at, responsible_at, service_prefixes
from generator.content.schema import (
    Authority,
    EasyLanguageRules,
    Elsewhere,
    Glossary,
    RateTable,
    Service,
    Site,
    Synonyms,
)
from generator.infra.errors import Problem
from generator.infra.memo import ContentMemo
from generator.places.gazetteer import Gazetteer


def check_references(
    site: Site,
    services: Mapping,
    authorities: dict,
    translations: Mapping,
    problems: list[Problem],
    main_stems: set[str],
) -> None:
    topics = {t.id for t in site.topics}
    kinds = {k.id for k in site.authority_kinds}
    kinds_served: dict[str, list[str]] = defaultdict(list)
    for auth, doc in authorities.values():
        for i, kind in enumerate(auth.kinds):
            if kind not in kinds:
                problems.append(
                    problem_at(doc, ("kinds", i), _unknown("authority kind", kind, kinds))
                )
            kinds_served[kind].append(auth.id)
    for service, doc in services.values():
        for i, topic in enumerate(service.topics):
            if topic not in topics:
                problems.append(problem_at(doc, ("topics", i), _unknown("topic", topic, topics)))
        for i, rel in enumerate(service.related):
            if rel == service.id:
                problems.append(
                    problem_at(doc, ("related", i), "a service cannot be related to itself")
                )
            elif rel not in services and rel not in main_stems:  # a file with mistakes
                # is still there: only the mistakes in it are reported
                problems.append(problem_at(doc, ("related", i), _unknown("service", rel, services)))
        if service.general_service is not None:
            if not service.area:
                problems.append(
                    problem_at(
                        doc,
                        ("general_service",),
                        "a general service is named for places outside the service's "
                        "'area'; give the 'area' too, or leave 'general_service' out",
                    )
                )
            elif service.general_service not in service.related:
                problems.append(
                    problem_at(
                        doc,
                        ("general_service",),
                        f"{service.general_service!r} is not among the service's related "
                        f"services {service.related!r}; add it there",
                    )
                )
        kind = service.responsible.authority_kind
        if kind not in kinds:
            problems.append(
                problem_at(
                    doc, ("responsible", "authority_kind"), _unknown("authority kind", kind, kinds)
                )
            )
        elif not kinds_served[kind]:
            problems.append(
                problem_at(
                    doc,
                    ("responsible", "authority_kind"),
                    f"no authority is of kind {kind!r}; the fallback contact will be shown",
                    "warning",
                )
            )
        for i, ref in enumerate(service.legal_basis):
            if ref.url is None and not laws.is_known(ref.law):
                problems.append(
                    problem_at(
                        doc,
                        ("legal_basis", i, "law"),
                        _unknown_law(ref.law, i),
                    )
                )
        for i, amount in enumerate(service.amounts):
            dates = [v.from_ for v in amount.values]
            if len(set(dates)) != len(dates):
                problems.append(
                    problem_at(doc, ("amounts", i, "values"), "two values start on the same date")
                )
        ids = [a.id for a in service.amounts]
        for i, amount_id in enumerate(ids):
            if ids.index(amount_id) != i:
                problems.append(
                    problem_at(doc, ("amounts", i, "id"), f"duplicate amount id {amount_id!r}")
                )
    for (lang, stem), (tr, doc) in translations.items():
        if lang not in site.languages or lang == site.language:
            problems.append(
                problem_at(
                    doc,
                    (),
                    f"language {lang!r} (from the file name) is not one of "
                    f"the site's other languages {site.languages}",
                )
            )
        if stem not in services:
            if stem not in main_stems:
                problems.append(orphan(doc, stem, main_stems))
            continue  # a main file with mistakes: those are reported there, once
        main = services[stem][0]
        known_amounts = {a.id for a in main.amounts}
        for i, name in enumerate(tr.amounts):
            if name.id not in known_amounts:
                problems.append(
                    problem_at(
                        doc, ("amounts", i, "id"), _unknown("amount", name.id, known_amounts)
                    )
                )


def check_popular(
    site: Site, site_doc: Document, services: Mapping, main_stems: set[str], problems: list[Problem]
) -> None:
    """The site's ``popular`` services exist, each named once: the home page and the
    overviews list them first, and a name that is no service would silently show nothing."""
    seen: set[str] = set()
    for i, sid in enumerate(site.popular):
        if sid in seen:
            problems.append(problem_at(site_doc, ("popular", i), f"{sid!r} is named twice"))
        elif sid not in services and sid not in main_stems:  # a file with mistakes is
            # still there: only the mistakes in it are reported
            problems.append(
                problem_at(site_doc, ("popular", i), _unknown("service", sid, services))
            )
        seen.add(sid)


SITE_FILE = "content/site.yaml"


def _declared_in(key: str) -> str:
    return f"declare it under '{key}:' in {SITE_FILE}"


@dataclass
class _Declared:
    """The names site.yaml declares, read from its model or, when it has mistakes of its
    own, from its plain data, so the other files are still checked against them."""

    topics: set[str] | None = None
    kinds: set[str] | None = None
    language: str = "de"
    easy_rules: EasyLanguageRules | None = None


def declarations(site_loaded, broken) -> _Declared:
    if site_loaded is not None:
        site = site_loaded[0]
        return _Declared(
            {t.id for t in site.topics},
            {k.id for k in site.authority_kinds},
            site.language,
            site.easy_language,
        )
    for model, doc, _ in broken:
        if model is Site and isinstance(doc.data, dict):
            return _Declared(
                _raw_ids(doc.data.get("topics")),
                _raw_ids(doc.data.get("authority_kinds")),
                str(doc.data.get("language") or "de"),
                None,
            )
    return _Declared()


def _raw_ids(items: object) -> set[str] | None:
    if not isinstance(items, list):
        return None
    return {str(i["id"]) for i in items if isinstance(i, dict) and "id" in i}


def check_raw(
    model: type[BaseModel],
    doc: Document,
    reported: set[str],
    declared: _Declared,
    main_stems: set[str],
) -> list[Problem]:
    """The reference checks of a file that did not pass the schema, on its plain data: the
    fields without a mistake of their own are still checked, in the same run."""
    data = doc.data if isinstance(doc.data, dict) else {}
    found: list[Problem] = []

    def free(path: tuple) -> bool:
        name = dotted(path)
        return (
            not any(
                name == r or name.startswith(r + ".") or name.startswith(r + "[")
                for r in reported
                if r
            )
            and name not in reported
        )

    def each(key: str) -> list[tuple[int, object]]:
        value = data.get(key)
        return list(enumerate(value)) if isinstance(value, list) else []

    def unknown(path: tuple, value: object, what: str, known: set[str] | None) -> None:
        if known is not None and isinstance(value, str) and free(path) and value not in known:
            found.append(problem_at(doc, path, _unknown(what, value, known)))

    if model is Service:
        for i, topic in each("topics"):
            unknown(("topics", i), topic, "topic", declared.topics)
        responsible = data.get("responsible")
        kind = responsible.get("authority_kind") if isinstance(responsible, dict) else None
        unknown(("responsible", "authority_kind"), kind, "authority kind", declared.kinds)
        for i, ref in each("legal_basis"):
            if isinstance(ref, dict) and isinstance(ref.get("law"), str):
                path = ("legal_basis", i, "law")
                if free(path) and ref.get("url") is None and not laws.is_known(ref["law"]):
                    found.append(problem_at(doc, path, _unknown_law(ref["law"], i)))
        for i, rel in each("related"):
            unknown(("related", i), rel, "service", main_stems)
    elif model is Authority:
        for i, kind in each("kinds"):
            unknown(("kinds", i), kind, "authority kind", declared.kinds)
    return found


def orphan(doc: Document, stem: str, main_stems: set[str]) -> Problem:
    return problem_at(
        doc,
        ("id",),
        f"there is no content/services/{stem}.yaml for this translation; "
        + _unknown("service", stem, main_stems, declared="").split("; ", 1)[1]
        + " (a translation needs its main file: rename this file to <service id>.<language>"
        ".yaml)",
    )


def _unknown_law(law: str, i: int) -> str:
    return (
        _unknown("law", law, laws.FEDERAL, declared="")
        + f"; Servicefinder links only these federal laws by itself: for any other law "
        f"give the link to its text as 'url' in legal_basis[{i}] (url: https://...)"
    )


def check_easy_language(
    site: Site,
    texts: list[tuple[Document, tuple, str]],
    problems: list[Problem],
    memo: ContentMemo | None = None,
) -> None:
    """Easy-language findings as warnings at the file line they concern.

    ``texts`` names each easy-language text by its document, its path there and its
    language; the text itself is read from the document, so nothing is checked twice.
    A text a document no longer holds (a lean one: its file's text was checked as it was
    read, :func:`easy_text_problems`) is passed by.
    """
    refused = {(p.file, p.field) for p in problems if p.severity == "error"}
    rules = site.easy_language.model_dump_json() if memo else ""
    for doc, path, lang in texts:
        if (doc.file, dotted(path)) in refused:
            continue  # a placeholder or a refused text: its error says what to do
        problems.extend(easy_text_problems(site, doc, path, lang, memo, rules))


def easy_text_problems(
    site: Site,
    doc: Document,
    path: tuple,
    lang: str,
    memo: ContentMemo | None = None,
    rules: str = "",
) -> list[Problem]:
    """The easy-language findings of the text at ``path`` of ``doc``, as warnings; none
    where it holds no text there or ``lang`` has no rules. The check of a service file
    calls this as each file is read, before its document is made lean: held until the
    checks across files, every file's easy text took 12 MB of 42 at 2,000 services."""
    text = value_at(doc.data, path)
    if lang not in EASY_RULES_FOR or not isinstance(text, str):
        return []
    if memo is None:
        findings = check_easy_text(text, lang, site.easy_language)
    else:
        findings = memo.easy(
            text, lang, rules, partial(check_easy_text, text, lang, site.easy_language)
        )
    return [
        Problem(
            doc.file,
            doc.text_line(path, finding.line),
            1,
            dotted(path),
            f"[{finding.rule}] {finding.message}",
            "warning",
        )
        for finding in findings
    ]


def with_rates(
    service: Service,
    doc: Document,
    rates: dict[str, tuple[RateTable, Document]],
    problems: list[Problem],
) -> Service:
    """The service with each amount that names a rates series filled in from that series,
    so one file updates every service that shows the rates."""
    if not any(a.rates for a in service.amounts):
        return service
    amounts = []
    for i, amount in enumerate(service.amounts):
        if amount.rates is None:
            amounts.append(amount)
            continue
        file, _, series_id = amount.rates.partition("/")
        table = rates.get(file)
        series = next((x for x in table[0].series if x.id == series_id), None) if table else None
        if series is None:
            known = sorted(f"{t.id}/{x.id}" for t, _ in rates.values() for x in t.series)
            problems.append(
                problem_at(
                    doc, ("amounts", i, "rates"), _unknown("rates series", amount.rates, known)
                )
            )
            amounts.append(amount)
            continue
        amounts.append(
            amount.model_copy(update={"values": series.values, "complete": series.complete})
        )
    return service.model_copy(update={"amounts": amounts})


def check_coverage(
    services: Mapping, authorities: dict, gazetteer: Gazetteer, problems: list[Problem]
) -> None:
    """Warn where two offices claim the same area, and where a place has no office."""
    claims: dict[tuple[str, str], str] = {}
    for auth, doc in sorted(authorities.values(), key=lambda x: x[0].id):
        for kind in auth.kinds:
            for i, area in enumerate(auth.areas):
                other = claims.setdefault((kind, area.ars), auth.id)
                if other != auth.id:
                    problems.append(
                        problem_at(
                            doc,
                            ("areas", i, "ars"),
                            f"area {area.ars!r} is served by {other!r} too, for "
                            f"kind {kind!r}; the lookup will show both",
                            "warning",
                        )
                    )
    if not gazetteer.municipalities:
        return
    offices = tuple(a for a, _ in authorities.values())
    # a kind no office has is reported once already, as such
    reported: set[str] = {s.responsible.authority_kind for s, _ in services.values()} - {
        kind for office in offices for kind in office.kinds
    }
    # coverage counts inside each service's area only: a service offered in one district
    # needs offices there, not everywhere in the gazetteer
    checked: set[tuple[str, tuple[str, ...]]] = set()
    for sid in sorted(services):  # by id, one at a time: the services are kept packed
        service, doc = services[sid]
        kind = service.responsible.authority_kind
        prefixes = service_prefixes(service)
        if kind in reported or (kind, prefixes) in checked:
            continue
        checked.add((kind, prefixes))
        uncovered = [
            m
            for m in gazetteer.municipalities.values()
            if offered_at(prefixes, m.ars) and not responsible_at(offices, kind, m.ars)
        ]
        if uncovered:
            examples = ", ".join(f"{m.name} ({m.ars})" for m in sorted(uncovered)[:3])
            problems.append(
                problem_at(
                    doc,
                    ("responsible", "authority_kind"),
                    f"{len(uncovered)} places"
                    + (" in the service's area" if prefixes else "")
                    + f" have no authority of kind {kind!r}, "
                    f"e.g. {examples}; they are shown the fallback contact",
                    "warning",
                )
            )


def check_glossary(glossary: Glossary, doc: Document, problems: list[Problem]) -> None:
    """Each word form may be explained by one entry only, or the first would always win."""
    for lang in type(glossary).model_fields:
        if lang == "kept":  # words, not entries
            continue
        seen: dict[str, int] = {}
        for i, entry in enumerate(getattr(glossary, lang)):
            for form in [entry.term, *entry.forms]:
                if form in seen:
                    problems.append(
                        problem_at(
                            doc,
                            (lang, i, "term"),
                            f"{form!r} is already explained by entry {seen[form] + 1}",
                        )
                    )
                seen.setdefault(form, i)


def check_elsewhere(
    elsewhere: Elsewhere,
    doc: Document,
    site: Site,
    services: Mapping,
    synonyms: Synonyms | None,
    problems: list[Problem],
) -> None:
    """The "not here" list must not contradict the site: a word listed there that is a
    service's title, keyword or synonym would answer "not here" for a service that is here.
    Ids are unique, and languages are the site's, or a word would never be searched."""
    own: dict[str, str] = {}
    for service, _ in services.values():
        for text in (service.title, *service.keywords):
            own.setdefault(text.casefold(), f"service {service.id!r}")
    for group in synonyms.groups if synonyms else []:
        for word in group:
            own.setdefault(word.casefold(), "content/synonyms.yaml")
    seen_ids: set[str] = set()
    seen_words: dict[str, str] = {}
    for i, entry in enumerate(elsewhere.entries):
        if entry.id in seen_ids:
            problems.append(problem_at(doc, ("entries", i, "id"), f"id {entry.id!r} is used twice"))
        seen_ids.add(entry.id)
        for part in ("name", "words", "handled_by"):
            for lang in getattr(entry, part).by_language():
                if lang not in site.languages:
                    problems.append(
                        problem_at(
                            doc,
                            ("entries", i, part, lang),
                            f"language {lang!r} is not one of the site's {list(site.languages)}",
                        )
                    )
        words: list[tuple[str, tuple]] = [(entry.name.de, ("entries", i, "name", "de"))]
        for lang, listed in entry.words.by_language().items():
            words += [(w, ("entries", i, "words", lang, k)) for k, w in enumerate(listed)]
        for word, path in words:
            key = word.casefold()
            if key in own:
                problems.append(
                    problem_at(
                        doc,
                        path,
                        f"{word!r} is listed as not described here, but {own[key]} has it; "
                        "remove it from one of them",
                    )
                )
            elif key in seen_words and seen_words[key] != entry.id:
                problems.append(
                    problem_at(doc, path, f"{word!r} is already listed under {seen_words[key]!r}")
                )
            seen_words.setdefault(key, entry.id)


#: where each kind of name is declared, for messages that say where to add a new one
_DECLARED_UNDER = {"topic": "topics", "authority kind": "authority_kinds"}


def _unknown(what: str, value: str, known, declared: str | None = None) -> str:
    names = sorted(known)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"expected one of {names}"
    key = _DECLARED_UNDER.get(what) if declared is None else None
    where = f"; if it is new, {_declared_in(key)}" if key else ""
    return f"unknown {what} {value!r}; {hint}{where}"


def problem_at(doc: Document, path: tuple, message: str, severity: str = "error") -> Problem:
    line, col = doc.where(path)
    return Problem(doc.file, line, col, dotted(path), message, severity)
