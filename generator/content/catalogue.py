"""Read the content folder into a validated :class:`Catalogue`, or report every problem.

Two passes: each file on its own (syntax, schema), then the files together (ids, cross
references). Nothing is rendered until both passes are clean.
"""

from __future__ import annotations

import difflib
import pickle
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path

from pydantic import BaseModel

from generator.content import eligibility, laws
from generator.content.branding import check_branding
from generator.content.easy_check import EASY_RULES_FOR, check_easy_text
from generator.content.files import RefusedFile, exists, list_files, read_problem, read_regular
from generator.content.load import MAX_FILE_BYTES, Document, dotted, parse_bytes
from generator.content.memo import ContentMemo
from generator.content.model import Catalogue
from generator.content.pages import check_pages
from generator.content.schema import (
    Authority,
    EasyLanguageRules,
    Elsewhere,
    Glossary,
    RateTable,
    Service,
    ServiceTranslation,
    Site,
    Synonyms,
)
from generator.content.translations import check_translations
from generator.content.validate import invisible_characters, validate_document
from generator.engine.cache import BuildCache, code_digest, digest
from generator.engine.workers import run_parallel
from generator.errors import ContentError, Problem, display_path
from generator.places.gazetteer import Gazetteer, read_gazetteer
from generator.places.parts import read_national, read_parts
from generator.places.resolve import offered_at, responsible_at, service_prefixes


def load_catalogue(
    content_dir: Path,
    *,
    root: Path | None = None,
    strict: bool = False,
    today: date,
    cache: BuildCache | None = None,
    pages_dir: Path | None = None,
    memo: ContentMemo | None = None,
    workers: int = 1,
) -> tuple[Catalogue, list[Problem]]:
    """Load and check everything below ``content_dir``.

    Returns the catalogue and its warnings; raises :class:`ContentError` with all problems
    when there is any error (or any warning, with ``strict``). With a ``cache``, a file
    whose bytes were parsed before is not parsed again. ``pages_dir`` is MkDocs'
    ``docs_dir`` (default ``content/pages``): its files are published as they are, so they
    are checked too. The preview passes a ``memo``: files and texts unchanged since its
    last check are not parsed, validated or checked again. With ``workers`` above one, a
    cold check parses the service files in that many processes.
    """
    root = root or content_dir.parent
    problems: list[Problem] = []
    reader = _Reader(root, problems, cache or BuildCache(None), memo)

    site_file = content_dir / "site.yaml"
    site_loaded = reader.read_with_doc(site_file, Site) if exists(site_file) else None
    site = site_loaded[0] if site_loaded else None
    if not exists(site_file):
        problems.append(
            Problem(
                display_path(site_file, root),
                1,
                1,
                "",
                "the site file is missing; it names the site and its contacts",
            )
        )

    services: dict[str, tuple[Service, Document]] = {}
    translations: dict[tuple[str, str], tuple[ServiceTranslation, Document]] = {}
    service_files, found = list_files(content_dir / "services", root, ".yaml")
    problems.extend(found)
    reader.prefetch(service_files, workers)
    #: every main service file present, loadable or not: a translation of a file with a
    #: mistake is not an orphan, and is not reported as one
    main_stems = {
        p.name[: -len(".yaml")] for p in service_files if "." not in p.name[: -len(".yaml")]
    }
    for path in service_files:
        stem, _, lang = path.name[: -len(".yaml")].partition(".")
        if lang:
            loaded = reader.read_with_doc(path, ServiceTranslation)
            if loaded:
                translations[(lang, stem)] = loaded
                _check_file_name(loaded, stem, problems)
            elif stem not in main_stems and reader.last_doc is not None:
                problems.append(_orphan(reader.last_doc, stem, main_stems))
        else:
            loaded = reader.read_with_doc(path, Service)
            if loaded:
                _check_unique(services, loaded, problems)
                _check_file_name(loaded, stem, problems)

    rates: dict[str, tuple[RateTable, Document]] = {}
    if exists(content_dir / "rates"):
        rates = reader.read_folder(content_dir / "rates", RateTable)
    for sid, (service, doc) in list(services.items()):
        services[sid] = (_with_rates(service, doc, rates, problems), doc)

    authorities: dict[str, tuple[Authority, Document]] = reader.read_folder(
        content_dir / "authorities", Authority
    )

    glossary_file = content_dir / "glossary.yaml"
    glossary_loaded = (
        reader.read_with_doc(glossary_file, Glossary) if exists(glossary_file) else None
    )

    synonyms_file = content_dir / "synonyms.yaml"
    synonyms = reader.read(synonyms_file, Synonyms) if exists(synonyms_file) else None
    languages = site.languages if site is not None else []
    elsewhere_file = content_dir / "elsewhere.yaml"
    elsewhere_loaded = (
        reader.read_with_doc(elsewhere_file, Elsewhere) if exists(elsewhere_file) else None
    )
    problems.extend(check_pages(pages_dir or content_dir / "pages", root, languages))

    gazetteer, found = read_gazetteer(content_dir / "places", root)
    found += read_parts(content_dir / "places", root, gazetteer)
    found += read_national(content_dir / "places", root, gazetteer)
    problems.extend(found)

    for service, doc in services.values():
        problems.extend(eligibility.check_service(service, doc))
    for (_, stem), (tr, doc) in translations.items():
        main = services.get(stem)
        if main is None and stem in main_stems:
            continue  # the main file has mistakes: reported there, not again here
        problems.extend(
            eligibility.check_translation(main[0].eligibility if main else None, tr, doc)
        )
    problems.extend(check_translations(services, translations))

    texts_of_broken: list[tuple[Document, tuple, str]] = []
    declared = _declared(site_loaded, reader.broken)
    for model, doc, reported in reader.broken:
        problems.extend(_check_raw(model, doc, reported, declared, main_stems))
        if model in (Service, ServiceTranslation) and declared.easy_rules is not None:
            lang = doc.file.rsplit("/", 1)[-1].split(".")[1] if model is ServiceTranslation else ""
            texts_of_broken.append((doc, ("easy", "text"), lang or declared.language))

    if site_loaded is not None:
        site, site_doc = site_loaded
        _check_references(site, services, authorities, translations, problems, main_stems)
        _check_coverage(services, authorities, gazetteer, problems)
        _check_freshness(site, services, today, problems)
        _check_upcoming(services, rates, today, problems)
        texts: list[tuple[Document, tuple, str]] = [
            (site_doc, ("easy_intro", lang), lang)
            for lang in site.languages
            if lang in type(site.easy_intro).model_fields
        ]
        texts += [(doc, ("easy", "text"), site.language) for _, doc in services.values()]
        texts += [
            (doc, ("easy", "text"), lang) for (lang, _), (t, doc) in translations.items() if t.easy
        ]
        if glossary_loaded is not None:
            glossary, glossary_doc = glossary_loaded
            _check_glossary(glossary, glossary_doc, problems)
            texts += [
                (glossary_doc, (lang, i, "explanation"), lang)
                for lang in site.languages
                for i in range(len(getattr(glossary, lang, [])))
            ]
        _check_easy_language(site, texts + texts_of_broken, problems, memo)
        if elsewhere_loaded is not None:
            elsewhere, elsewhere_doc = elsewhere_loaded
            _check_elsewhere(elsewhere, elsewhere_doc, site, services, synonyms, problems)
        problems.extend(check_branding(site, site_doc, content_dir, root))

    if memo is not None:
        memo.forget_unused()
    errors = [p for p in problems if p.severity == "error" or (strict and p.severity == "warning")]
    if errors:
        raise ContentError(problems)
    assert site is not None  # a missing site file is an error above
    catalogue = Catalogue(
        site=site,
        services=tuple(s for s, _ in sorted(services.values(), key=lambda x: x[0].id)),
        authorities=tuple(a for a, _ in sorted(authorities.values(), key=lambda x: x[0].id)),
        translations={k: t for k, (t, _) in sorted(translations.items())},
        glossary=glossary_loaded[0] if glossary_loaded else Glossary(),
        gazetteer=gazetteer,
        synonyms=tuple(tuple(g) for g in synonyms.groups) if synonyms else (),
        elsewhere=tuple(elsewhere_loaded[0].entries) if elsewhere_loaded else (),
        notices=tuple(p for p in problems if p.severity == "notice"),
        warnings=tuple(p for p in problems if p.severity == "warning"),
        files={
            **{k: d.file for k, (_, d) in services.items()},
            **{f"authority:{k}": d.file for k, (_, d) in authorities.items()},
        },
    )
    return catalogue, problems


class _Reader:
    def __init__(
        self,
        root: Path,
        problems: list[Problem],
        cache: BuildCache,
        memo: ContentMemo | None = None,
    ) -> None:
        self.root = root
        self.problems = problems
        self.cache = cache
        #: the preview's memory of earlier checks (generator/content/memo.py)
        self.memo = memo
        #: the last file read, loadable or not
        self.last_doc: Document | None = None
        #: files that parsed but did not pass the schema, with the model they were read as
        #: and the paths reported: their other fields are still checked against the rest
        self.broken: list[tuple[type[BaseModel], Document, set[str]]] = []
        #: files parsed by :meth:`prefetch`'s processes (pickled), by cache key
        self.prefetched: dict[str, bytes] = {}
        #: the bytes and cache key :meth:`prefetch` read of each file, for :meth:`parse`
        self.read_ahead: dict[Path, tuple[bytes, str]] = {}

    def prefetch(self, paths: list[Path], workers: int) -> None:
        """Parse ``paths`` the cache does not hold in ``workers`` processes, ahead of
        :meth:`parse`. YAML parsing is half of a cold check (5 of 10 s at 1,000 services
        with English), and each file parses on its own. The preview (``memo``) checks a
        few changed files at a time and stays in its process."""
        if workers < 2 or self.memo is not None or len(paths) < PARALLEL_FROM:
            return
        todo = []
        for path in paths:
            try:
                raw = read_regular(path, self.root, MAX_FILE_BYTES)
            except RefusedFile:
                continue  # parse() reads it again and reports why it cannot
            key = _parse_key(path, self.root, raw)
            self.read_ahead[path] = raw, key
            if not self.cache.holds("parsed", key):
                todo.append(path)
        if len(todo) < PARALLEL_FROM:
            return
        size = -(-len(todo) // (workers * 4))  # a few chunks per process, for balance
        chunks = [
            (self.root, self.cache.folder, todo[k : k + size]) for k in range(0, len(todo), size)
        ]
        self.cache.flush()  # no writer thread may hold a lock when the process forks
        for parsed in run_parallel(_parse_chunk, chunks, workers, what="checking content"):
            self.prefetched.update(parsed)

    def parse(self, path: Path) -> tuple[Document | None, list[Problem]]:
        """The parsed file (its data and the position of every value), from the cache when
        the same bytes were parsed before. The cache is the project's own folder, written
        only by this program, so its pickles are as trusted as the code beside it."""
        shown = display_path(path, self.root)
        if path in self.read_ahead:  # the key and the parse see the same bytes
            raw, key = self.read_ahead.pop(path)
        else:
            try:
                raw = read_regular(path, self.root, MAX_FILE_BYTES)
            except RefusedFile as exc:
                hint = " (SERVICEFINDER_MAX_FILE_KB)" if "bytes; at most" in str(exc) else ""
                return None, [read_problem(path, self.root, f"{exc}{hint}")]
            key = _parse_key(path, self.root, raw)
        made = self.prefetched.pop(key, None)
        if made is not None:  # parsed and stored by a worker process
            self.cache.made_elsewhere("parsed", key)
            return pickle.loads(made)
        if not self.cache.enabled:
            return parse_bytes(raw, shown)
        stored = self.cache.get("parsed", key)
        if stored is not None:
            return pickle.loads(stored)
        parsed = parse_bytes(raw, shown)
        self.cache.put("parsed", key, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
        return parsed

    def read_with_doc(self, path: Path, model: type[BaseModel]):  # -> tuple[M, Document] | None
        if self.memo is None:
            doc, found, obj, more = self._load(path, model)
        else:
            doc, found, obj, more = self.memo.read(
                path, model.__name__, lambda: self._load(path, model)
            )
        self.last_doc = doc
        self.problems.extend(found)
        if doc is None:
            return None
        self.problems.extend(more)
        if obj is not None and not found:
            return (obj, doc)
        self.broken.append((model, doc, {p.field for p in [*found, *more]}))
        return None

    def _load(self, path: Path, model: type[BaseModel]):
        """The file parsed and validated: (document, its parse problems, the object or
        None, its schema problems)."""
        doc, found = self.parse(path)
        if doc is None:
            return None, found, None, []
        obj, more = validate_document(doc, model)
        return doc, found, obj, more + invisible_characters(doc, more)

    def read_folder(self, folder: Path, model: type[BaseModel]) -> dict:
        """Every ``*.yaml`` file of ``folder`` read as ``model``, by id: one file per object,
        named by its id, each id once (each mistake is reported and the file left out)."""
        out: dict = {}
        paths, found = list_files(folder, self.root, ".yaml")
        self.problems.extend(found)
        for path in paths:
            loaded = self.read_with_doc(path, model)
            if loaded:
                _check_unique(out, loaded, self.problems)
                _check_file_name(loaded, path.stem, self.problems)
        return out

    def read(self, path: Path, model: type[BaseModel]):
        loaded = self.read_with_doc(path, model)
        return loaded[0] if loaded else None


#: below this many files to parse, starting processes costs more than it saves
PARALLEL_FROM = 200


def _parse_key(path: Path, root: Path, raw: bytes) -> str:
    """A file's parse in the cache: by the code, the path it is reported under and its bytes."""
    return digest(code_digest(), display_path(path, root), raw)


def _parse_chunk(chunk: tuple[Path, Path | None, list[Path]]) -> list[tuple[str, bytes]]:
    """In a worker: parse files and store each parse in the cache; returns (cache key,
    pickled parse) pairs. A file that cannot be read is left to :meth:`_Reader.parse`."""
    root, folder, paths = chunk
    cache = BuildCache(folder)
    out = []
    for path in paths:
        try:
            raw = read_regular(path, root, MAX_FILE_BYTES)
        except RefusedFile:
            continue
        key = _parse_key(path, root, raw)
        data = pickle.dumps(
            parse_bytes(raw, display_path(path, root)), protocol=pickle.HIGHEST_PROTOCOL
        )
        cache.put("parsed", key, data)
        out.append((key, data))
    cache.flush()
    return out


def _check_file_name(loaded, stem: str, problems: list[Problem]) -> None:
    obj, doc = loaded
    if obj.id != stem:
        problems.append(
            _at(
                doc,
                ("id",),
                f"id {obj.id!r} must equal the file name {stem!r}, "
                "so every page has one obvious source",
            )
        )


def _check_unique(seen: dict, loaded, problems: list[Problem]) -> None:
    obj, doc = loaded
    if obj.id in seen:
        first = seen[obj.id][1]
        problems.append(
            _at(
                doc,
                ("id",),
                f"duplicate id {obj.id!r}: already used in {first.file}:{first.where(('id',))[0]}",
            )
        )
    else:
        seen[obj.id] = loaded


def _check_references(
    site: Site,
    services: dict,
    authorities: dict,
    translations: dict,
    problems: list[Problem],
    main_stems: set[str],
) -> None:
    topics = {t.id for t in site.topics}
    kinds = {k.id for k in site.authority_kinds}
    kinds_served: dict[str, list[str]] = defaultdict(list)
    for auth, doc in authorities.values():
        for i, kind in enumerate(auth.kinds):
            if kind not in kinds:
                problems.append(_at(doc, ("kinds", i), _unknown("authority kind", kind, kinds)))
            kinds_served[kind].append(auth.id)
    for service, doc in services.values():
        for i, topic in enumerate(service.topics):
            if topic not in topics:
                problems.append(_at(doc, ("topics", i), _unknown("topic", topic, topics)))
        for i, rel in enumerate(service.related):
            if rel == service.id:
                problems.append(_at(doc, ("related", i), "a service cannot be related to itself"))
            elif rel not in services and rel not in main_stems:  # a file with mistakes
                # is still there: only the mistakes in it are reported
                problems.append(_at(doc, ("related", i), _unknown("service", rel, services)))
        if service.general_service is not None:
            if not service.area:
                problems.append(
                    _at(
                        doc,
                        ("general_service",),
                        "a general service is named for places outside the service's "
                        "'area'; give the 'area' too, or leave 'general_service' out",
                    )
                )
            elif service.general_service not in service.related:
                problems.append(
                    _at(
                        doc,
                        ("general_service",),
                        f"{service.general_service!r} is not among the service's related "
                        f"services {service.related!r}; add it there",
                    )
                )
        kind = service.responsible.authority_kind
        if kind not in kinds:
            problems.append(
                _at(doc, ("responsible", "authority_kind"), _unknown("authority kind", kind, kinds))
            )
        elif not kinds_served[kind]:
            problems.append(
                _at(
                    doc,
                    ("responsible", "authority_kind"),
                    f"no authority is of kind {kind!r}; the fallback contact will be shown",
                    "warning",
                )
            )
        for i, ref in enumerate(service.legal_basis):
            if ref.url is None and not laws.is_known(ref.law):
                problems.append(
                    _at(
                        doc,
                        ("legal_basis", i, "law"),
                        _unknown_law(ref.law, i),
                    )
                )
        for i, amount in enumerate(service.amounts):
            dates = [v.from_ for v in amount.values]
            if len(set(dates)) != len(dates):
                problems.append(
                    _at(doc, ("amounts", i, "values"), "two values start on the same date")
                )
        ids = [a.id for a in service.amounts]
        for i, amount_id in enumerate(ids):
            if ids.index(amount_id) != i:
                problems.append(
                    _at(doc, ("amounts", i, "id"), f"duplicate amount id {amount_id!r}")
                )
    for (lang, stem), (tr, doc) in translations.items():
        if lang not in site.languages or lang == site.language:
            problems.append(
                _at(
                    doc,
                    (),
                    f"language {lang!r} (from the file name) is not one of "
                    f"the site's other languages {site.languages}",
                )
            )
        if stem not in services:
            if stem not in main_stems:
                problems.append(_orphan(doc, stem, main_stems))
            continue  # a main file with mistakes: those are reported there, once
        main = services[stem][0]
        known_amounts = {a.id for a in main.amounts}
        for i, name in enumerate(tr.amounts):
            if name.id not in known_amounts:
                problems.append(
                    _at(doc, ("amounts", i, "id"), _unknown("amount", name.id, known_amounts))
                )


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


def _declared(site_loaded, broken) -> _Declared:
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


def _check_raw(
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
            found.append(_at(doc, path, _unknown(what, value, known)))

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
                    found.append(_at(doc, path, _unknown_law(ref["law"], i)))
        for i, rel in each("related"):
            unknown(("related", i), rel, "service", main_stems)
    elif model is Authority:
        for i, kind in each("kinds"):
            unknown(("kinds", i), kind, "authority kind", declared.kinds)
    return found


def _orphan(doc: Document, stem: str, main_stems: set[str]) -> Problem:
    return _at(
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


def _check_easy_language(
    site: Site,
    texts: list[tuple[Document, tuple, str]],
    problems: list[Problem],
    memo: ContentMemo | None = None,
) -> None:
    """Easy-language findings as warnings at the file line they concern.

    ``texts`` names each easy-language text by its document, its path there and its
    language; the text itself is read from the document, so nothing is checked twice.
    """
    refused = {(p.file, p.field) for p in problems if p.severity == "error"}
    rules = site.easy_language.model_dump_json() if memo else ""
    for doc, path, lang in texts:
        text = _value_at(doc.data, path)
        if lang not in EASY_RULES_FOR or not isinstance(text, str):
            continue
        if (doc.file, dotted(path)) in refused:
            continue  # a placeholder or a refused text: its error says what to do
        if memo is None:
            findings = check_easy_text(text, lang, site.easy_language)
        else:
            findings = memo.easy(
                text, lang, rules, partial(check_easy_text, text, lang, site.easy_language)
            )
        for finding in findings:
            problems.append(
                Problem(
                    doc.file,
                    doc.text_line(path, finding.line),
                    1,
                    dotted(path),
                    f"[{finding.rule}] {finding.message}",
                    "warning",
                )
            )


def _with_rates(
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
                _at(doc, ("amounts", i, "rates"), _unknown("rates series", amount.rates, known))
            )
            amounts.append(amount)
            continue
        amounts.append(
            amount.model_copy(update={"values": series.values, "complete": series.complete})
        )
    return service.model_copy(update={"amounts": amounts})


def _check_freshness(site: Site, services: dict, today: date, problems: list[Problem]) -> None:
    """Content goes stale: texts past the review interval, amounts not updated for
    ``amount_max_age_days``, laws cited without a section. Stale texts and amounts are
    reported at the site's ``stale_content`` level: notices by default, so a stale text
    never blocks a fix elsewhere; 'warning' makes --strict refuse to publish them, 'error'
    every build. The page says it either way."""
    for service, doc in services.values():
        age = (today - service.as_of).days
        if age < 0:
            problems.append(
                _at(
                    doc,
                    ("as_of",),
                    f"{service.as_of.isoformat()} lies in the future, so no review would "
                    "ever fall due; as_of is the day the text was last checked",
                    "notice",
                )
            )
        elif age > site.review_interval_days:
            problems.append(
                _at(
                    doc,
                    ("as_of",),
                    f"checked {age} days ago; the site asks for "
                    f"a review every {site.review_interval_days} days (the page says so)",
                    site.stale_content,
                )
            )
        for i, amount in enumerate(service.amounts):
            if not amount.values:  # an unknown rates series, reported as such
                continue
            latest = max(v.from_ for v in amount.values)
            if (today - latest).days > site.amount_max_age_days and latest <= today:
                problems.append(
                    _at(
                        doc,
                        ("amounts", i, "values"),
                        f"newest value is from {latest.isoformat()}, over "
                        f"{site.amount_max_age_days} days ago; is there a newer one? "
                        "(the page flags it)",
                        site.stale_content,
                    )
                )
        for i, ref in enumerate(service.legal_basis):
            if not ref.section:
                problems.append(
                    _at(
                        doc,
                        ("legal_basis", i),
                        f"{ref.law} without a section; name the section so the link leads to it",
                        "notice",
                    )
                )


#: how many days ahead a dated value is announced: time to check the figure before the
#: page shows it, and to see that the site is rebuilt on the day it takes effect
UPCOMING_DAYS = 60


def _check_upcoming(services: dict, rates: dict, today: date, problems: list[Problem]) -> None:
    """A notice for each value that takes effect within :data:`UPCOMING_DAYS` after
    ``today`` (the build date or ``--as-of``). The page shows a value from the first build
    on or after its ``from`` date, so the editor learns in time what will change, and
    that only a rebuild on that day publishes it. A value from a rates table is announced
    once, where it is written, with the services that show it."""
    shown_by: dict[str, set[str]] = defaultdict(set)
    for service, doc in services.values():
        for i, amount in enumerate(service.amounts):
            if amount.rates is not None:
                shown_by[amount.rates].add(service.id)
            else:
                where = ("amounts", i, "values")
                _announce(doc, where, amount.values, amount.name, today, problems)
    for table, doc in rates.values():
        for k, series in enumerate(table.series):
            users = sorted(shown_by.get(f"{table.id}/{series.id}", ()))
            what = f"{series.name}; shown by {', '.join(users) or 'no service'}"
            _announce(doc, ("series", k, "values"), series.values, what, today, problems)


def _announce(
    doc: Document, path: tuple, values: list, what: str, today: date, problems: list[Problem]
) -> None:
    """One notice per value of ``values`` (at ``path``) due within the coming days, at its
    ``from`` date, saying which value it follows (the series' order in the file is the
    editor's; the one it follows is the one before it in time)."""
    ordered = sorted(enumerate(values), key=lambda item: item[1].from_)
    for n, (j, value) in enumerate(ordered):
        days = (value.from_ - today).days
        if not 0 < days <= UPCOMING_DAYS:
            continue
        before = ordered[n - 1][1] if n else None
        if before is None:
            change = f"{_eur(value.eur)}, the first value"
        elif before.eur == value.eur:
            change = f"{_eur(value.eur)}, the same as before"
        else:
            change = f"{_eur(value.eur)} replaces {_eur(before.eur)}"
        in_days = "in 1 day" if days == 1 else f"in {days} days"
        message = f"takes effect on {value.from_.isoformat()} ({in_days}): {change} ({what})"
        problems.append(_at(doc, (*path, j, "from"), message, "notice"))


def _eur(value: float) -> str:
    """``563 EUR``, ``424.50 EUR``: the figure as written in the file, cents where any."""
    return f"{value:.0f} EUR" if value == int(value) else f"{value:.2f} EUR"


def _check_coverage(
    services: dict, authorities: dict, gazetteer: Gazetteer, problems: list[Problem]
) -> None:
    """Warn where two offices claim the same area, and where a place has no office."""
    claims: dict[tuple[str, str], str] = {}
    for auth, doc in sorted(authorities.values(), key=lambda x: x[0].id):
        for kind in auth.kinds:
            for i, area in enumerate(auth.areas):
                other = claims.setdefault((kind, area.ars), auth.id)
                if other != auth.id:
                    problems.append(
                        _at(
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
    for service, doc in sorted(services.values(), key=lambda x: x[0].id):
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
                _at(
                    doc,
                    ("responsible", "authority_kind"),
                    f"{len(uncovered)} places"
                    + (" in the service's area" if prefixes else "")
                    + f" have no authority of kind {kind!r}, "
                    f"e.g. {examples}; they are shown the fallback contact",
                    "warning",
                )
            )


def _check_glossary(glossary: Glossary, doc: Document, problems: list[Problem]) -> None:
    """Each word form may be explained by one entry only, or the first would always win."""
    for lang in type(glossary).model_fields:
        if lang == "kept":  # words, not entries
            continue
        seen: dict[str, int] = {}
        for i, entry in enumerate(getattr(glossary, lang)):
            for form in [entry.term, *entry.forms]:
                if form in seen:
                    problems.append(
                        _at(
                            doc,
                            (lang, i, "term"),
                            f"{form!r} is already explained by entry {seen[form] + 1}",
                        )
                    )
                seen.setdefault(form, i)


def _check_elsewhere(
    elsewhere: Elsewhere,
    doc: Document,
    site: Site,
    services: dict,
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
            problems.append(_at(doc, ("entries", i, "id"), f"id {entry.id!r} is used twice"))
        seen_ids.add(entry.id)
        for part in ("name", "words", "handled_by"):
            for lang in getattr(entry, part).by_language():
                if lang not in site.languages:
                    problems.append(
                        _at(
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
                    _at(
                        doc,
                        path,
                        f"{word!r} is listed as not described here, but {own[key]} has it; "
                        "remove it from one of them",
                    )
                )
            elif key in seen_words and seen_words[key] != entry.id:
                problems.append(
                    _at(doc, path, f"{word!r} is already listed under {seen_words[key]!r}")
                )
            seen_words.setdefault(key, entry.id)


def _value_at(data: object, path: tuple) -> object:
    for part in path:
        try:
            data = data[part]  # type: ignore[index]
        except (KeyError, IndexError, TypeError):
            return None
    return data


#: where each kind of name is declared, for messages that say where to add a new one
_DECLARED_UNDER = {"topic": "topics", "authority kind": "authority_kinds"}


def _unknown(what: str, value: str, known, declared: str | None = None) -> str:
    names = sorted(known)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"expected one of {names}"
    key = _DECLARED_UNDER.get(what) if declared is None else None
    where = f"; if it is new, {_declared_in(key)}" if key else ""
    return f"unknown {what} {value!r}; {hint}{where}"


def _at(doc: Document, path: tuple, message: str, severity: str = "error") -> Problem:
    line, col = doc.where(path)
    return Problem(doc.file, line, col, dotted(path), message, severity)
