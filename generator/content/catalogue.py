"""Read the content folder into a validated :class:`Catalogue`, or report every problem.

Two passes: each file on its own (syntax, schema), then the files together (ids, cross
references: :mod:`generator.content.cross_checks`; dates: :mod:`generator.content.freshness`).
Nothing is rendered until both passes are clean.
"""

from __future__ import annotations

import pickle
import sys
from collections.abc import Iterator, MutableMapping
from datetime import date
from pathlib import Path

from pydantic import BaseModel

from generator.content import eligibility
from generator.content.branding import check_branding
from generator.content.cross_checks import (
    check_coverage,
    check_easy_language,
    check_elsewhere,
    check_glossary,
    check_popular,
    check_raw,
    check_references,
    declarations,
    easy_text_problems,
    orphan,
    problem_at,
    with_rates,
)
from generator.content.freshness import check_freshness, check_upcoming
from generator.content.load import MAX_FILE_BYTES, Document, parse_bytes
from generator.content.model import Catalogue
from generator.content.pages import check_pages
from generator.content.schema import (
    Authority,
    Elsewhere,
    Glossary,
    RateTable,
    Service,
    ServiceTranslation,
    Site,
    Synonyms,
)
from generator.content.shelf import PackedTuple, Paired, Row, Shelf
from generator.content.translations import check_translations
from generator.content.validate import invisible_characters, validate_document
from generator.infra.cache import BuildCache, code_digest, digest
from generator.infra.errors import ContentError, Problem, display_path
from generator.infra.files import RefusedFile, exists, list_files, read_problem, read_regular
from generator.infra.memo import ContentMemo
from generator.infra.workers import iter_parallel
from generator.places.gazetteer import read_gazetteer
from generator.places.parts import read_national, read_parts


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
    spill: Path | None = None,
) -> tuple[Catalogue, list[Problem]]:
    """Load and check everything below ``content_dir``.

    Returns the catalogue and its warnings; raises :class:`ContentError` with all problems
    when there is any error (or any warning, with ``strict``). With a ``cache``, a file
    whose bytes were parsed before is not parsed again. ``pages_dir`` is MkDocs'
    ``docs_dir`` (default ``content/pages``): its files are published as they are, so they
    are checked too. The preview passes a ``memo``: files and texts unchanged since its
    last check are not parsed, validated or checked again. With ``workers`` above one, a
    cold check parses the service files in that many processes. With ``spill`` (a
    folder), the catalogue's packed services and translations are written there as they
    are taken, and read from there (``shelf.py``).
    """
    root = root or content_dir.parent
    problems: list[Problem] = []
    reader = _Reader(root, problems, cache or BuildCache(None), memo)

    site_file = content_dir / "site.yaml"
    site_loaded = reader.read_with_doc(site_file, Site) if exists(site_file) else None
    site = reader.site = site_loaded[0] if site_loaded else None
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

    # kept packed: at national scale the objects would take gigabytes (shelf.py)
    services: Paired[str, Service, Document] = Paired()
    translations: Paired[tuple[str, str], ServiceTranslation, Document] = Paired()
    service_files, found = list_files(content_dir / "services", root, ".yaml")
    problems.extend(found)
    reader.prefetch(service_files, workers)
    #: every main service file present, loadable or not: a translation of a file with a
    #: mistake is not an orphan, and is not reported as one
    main_stems = {
        p.name[: -len(".yaml")] for p in service_files if "." not in p.name[: -len(".yaml")]
    }
    # let go of each path once read: a lean document keeps its file's name as a string
    # (``_Reload``), a path object is four times that (50,000 files at national scale)
    service_files.reverse()
    while service_files:
        path = service_files.pop()
        stem, _, lang = path.name[: -len(".yaml")].partition(".")
        if lang:
            loaded = reader.read_with_doc(path, ServiceTranslation, lean=True)
            if loaded:
                translations[(lang, stem)] = loaded
                _check_file_name(loaded, stem, problems)
            elif stem not in main_stems and reader.last_doc is not None:
                problems.append(orphan(reader.last_doc, stem, main_stems))
        else:
            loaded = reader.read_with_doc(path, Service, lean=True)
            if loaded:
                _check_unique(services, loaded, problems)
                _check_file_name(loaded, stem, problems)

    reader.end_prefetch()

    rates: dict[str, tuple[RateTable, Document]] = {}
    if exists(content_dir / "rates"):
        rates = reader.read_folder(content_dir / "rates", RateTable)
    for sid in list(services):
        service, doc = services[sid]
        filled = with_rates(service, doc, rates, problems)
        if filled is not service:
            services[sid] = (filled, doc)

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
    declared = declarations(site_loaded, reader.broken)
    for model, doc, reported in reader.broken:
        problems.extend(check_raw(model, doc, reported, declared, main_stems))
        if model in (Service, ServiceTranslation) and declared.easy_rules is not None:
            lang = doc.file.rsplit("/", 1)[-1].split(".")[1] if model is ServiceTranslation else ""
            texts_of_broken.append((doc, ("easy", "text"), lang or declared.language))

    if site_loaded is not None:
        site, site_doc = site_loaded
        check_references(site, services, authorities, translations, problems, main_stems)
        check_popular(site, site_doc, services, main_stems, problems)
        check_coverage(services, authorities, gazetteer, problems)
        check_freshness(site, services, today, problems)
        check_upcoming(services, rates, today, problems)
        texts: list[tuple[Document, tuple, str]] = [
            (site_doc, ("easy_intro", lang), lang)
            for lang in site.languages
            if lang in type(site.easy_intro).model_fields
        ]
        if memo is not None:
            # the preview's documents are whole and its memo keeps findings by the rules;
            # a build checked each service file's easy text as it read it (_Reader._load).
            # A translation without an easy text has no value there: the check passes it by
            texts += [(doc, ("easy", "text"), site.language) for _, doc in services.beside()]
            texts += [(doc, ("easy", "text"), lang) for (lang, _), doc in translations.beside()]
        if glossary_loaded is not None:
            glossary, glossary_doc = glossary_loaded
            check_glossary(glossary, glossary_doc, problems)
            texts += [
                (glossary_doc, (lang, i, "explanation"), lang)
                for lang in site.languages
                for i in range(len(getattr(glossary, lang, [])))
            ]
        check_easy_language(site, texts + texts_of_broken, problems, memo)
        if elsewhere_loaded is not None:
            elsewhere, elsewhere_doc = elsewhere_loaded
            check_elsewhere(elsewhere, elsewhere_doc, site, services, synonyms, problems)
        problems.extend(check_branding(site, site_doc, content_dir, root))

    if memo is not None:
        memo.forget_unused()
    errors = [p for p in problems if p.severity == "error" or (strict and p.severity == "warning")]
    if errors:
        raise ContentError(problems)
    assert site is not None  # a missing site file is an error above
    catalogue = Catalogue(
        site=site,
        # one string for a service's id wherever the catalogue keys by it (interned):
        # its row, and each of its translations' keys (40,000 at national scale)
        services=Row.from_packed(
            ((sys.intern(k), services.packed(k)) for k in sorted(services)),
            spill and spill / "services",
        ),
        authorities=tuple(a for a, _ in sorted(authorities.values(), key=lambda x: x[0].id)),
        translations=Shelf.from_packed(
            (((k[0], sys.intern(k[1])), translations.packed(k)) for k in sorted(translations)),
            spill and spill / "translations",
        ),
        glossary=glossary_loaded[0] if glossary_loaded else Glossary(),
        gazetteer=gazetteer,
        synonyms=tuple(tuple(g) for g in synonyms.groups) if synonyms else (),
        elsewhere=tuple(elsewhere_loaded[0].entries) if elsewhere_loaded else (),
        notices=PackedTuple(p for p in problems if p.severity == "notice"),
        warnings=tuple(p for p in problems if p.severity == "warning"),
        files={
            **{k: d.file for k, d in services.beside()},
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
        #: the preview's memory of earlier checks (generator/infra/memo.py)
        self.memo = memo
        #: the last file read, loadable or not
        self.last_doc: Document | None = None
        #: files that parsed but did not pass the schema, with the model they were read as
        #: and the paths reported: their other fields are still checked against the rest
        self.broken: list[tuple[type[BaseModel], Document, set[str]]] = []
        #: files given to :meth:`prefetch`'s processes, and the runs arrived and not yet
        #: taken: by path, the cache key each worker saw and its pickled parse (None
        #: where the cache held it)
        self.expected: set[Path] = set()
        self.prefetched: dict[Path, tuple[str, bytes | None]] = {}
        self.arriving: Iterator[list[tuple[Path, str, bytes | None]]] = iter(())
        #: the document last read again for its positions, by its cache key
        self.reloaded: tuple[str, Document | None] = ("", None)
        #: the site, once read: its rules check each lean file's easy text as it is read
        self.site: Site | None = None

    def prefetch(self, paths: list[Path], workers: int) -> None:
        """Parse ``paths`` in ``workers`` processes, ahead of :meth:`parse`. YAML parsing
        is half of a cold check (5 of 10 s at 1,000 services with English), and each file
        parses on its own. The preview (``memo``) checks a few changed files at a time and
        stays in its process.

        The workers read the files themselves and parse those the cache does not hold:
        reading and hashing 50,000 files here first (10,000 services in five languages)
        took 10 s with the other core idle. The parses arrive in runs of at most
        :data:`PARSE_RUN` files while this process validates the files before them, and
        only a few runs are given out ahead: a national catalogue's parses (19 KB a file
        pickled) are never all held at once."""
        if workers < 2 or self.memo is not None or len(paths) < PARALLEL_FROM:
            return
        # a few runs per process, for balance
        size = min(PARSE_RUN, -(-len(paths) // (workers * 4)))
        runs = [
            (self.root, self.cache.folder, paths[k : k + size]) for k in range(0, len(paths), size)
        ]
        self.cache.flush()  # no writer thread may hold a lock when the process forks
        self.expected = set(paths)
        self.arriving = iter_parallel(
            _parse_chunk, runs, workers, what="checking content", ahead=2 * workers
        )

    def _prefetched(self, path: Path, key: str) -> bytes | None:
        """The pickled parse a worker made of ``path``, waiting for its run; None for a
        file no worker parsed (given to none, held by the cache, unreadable, or changed
        since the worker read it: its key is not the one the worker saw)."""
        if path not in self.expected:
            return None
        self.expected.discard(path)
        while path not in self.prefetched:
            run = next(self.arriving, None)
            if run is None:
                return None
            self.prefetched.update((p, (k, data)) for p, k, data in run)
        made_key, made = self.prefetched.pop(path)
        return made if made_key == key else None

    def end_prefetch(self) -> None:
        """Wait for the workers' last runs (their parses are stored in the cache too) and
        let go of parses no file took."""
        for _ in self.arriving:
            pass
        self.expected.clear()
        self.prefetched.clear()

    def parse(self, path: Path) -> tuple[Document | None, list[Problem], str]:
        """The parsed file (its data and the position of every value), from the cache when
        the same bytes were parsed before, and its cache key. The cache is the project's own
        folder, written only by this program, so its pickles are as trusted as the code
        beside it."""
        shown = display_path(path, self.root)
        try:
            raw = read_regular(path, self.root, MAX_FILE_BYTES)
        except RefusedFile as exc:
            hint = " (SERVICEFINDER_MAX_FILE_KB)" if "bytes; at most" in str(exc) else ""
            return None, [read_problem(path, self.root, f"{exc}{hint}")], ""
        # read again, not kept from prefetch(): a file changed since has another key, so
        # its worker's parse goes unused and it is parsed here as it is now
        key = _parse_key(shown, raw)
        made = self._prefetched(path, key)
        if made is not None:  # parsed and stored by a worker process
            self.cache.made_elsewhere("parsed", key)
            return (*pickle.loads(made), key)
        if not self.cache.enabled:
            return (*parse_bytes(raw, shown), key)
        stored = self.cache.get("parsed", key)
        if stored is not None:
            return (*pickle.loads(stored), key)
        parsed = parse_bytes(raw, shown)
        self.cache.put("parsed", key, pickle.dumps(parsed, protocol=pickle.HIGHEST_PROTOCOL))
        return (*parsed, key)

    def reload(self, path: Path, shown: str, key: str) -> Document | None:
        """The document of ``path`` again, from the parse cache where it is (not counted
        as reused: this build used it already); None when the file's bytes are no longer
        those checked. The last one read is kept: a file's findings are reported one after
        the other."""
        if self.reloaded[0] == key:
            return self.reloaded[1]
        try:
            raw = read_regular(path, self.root, MAX_FILE_BYTES)
        except RefusedFile:
            return None
        if _parse_key(shown, raw) != key:
            return None
        stored = self.cache.peek("parsed", key)
        doc = pickle.loads(stored)[0] if stored else parse_bytes(raw, shown)[0]
        self.reloaded = key, doc
        return doc

    def read_with_doc(
        self, path: Path, model: type[BaseModel], *, lean: bool = False
    ):  # -> tuple[M, Document] | None
        """The object and document of ``path``; with ``lean``, a file that passes keeps a
        lean document (``Document.lean``): for the many service files."""
        if self.memo is None:
            doc, found, obj, more = self._load(path, model, lean)
        else:
            doc, found, obj, more = self.memo.read(
                path, model.__name__, lambda: self._load(path, model, False)
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

    def _load(self, path: Path, model: type[BaseModel], lean: bool):
        """The file parsed and validated: (document, its parse problems, the object or
        None, its schema problems); with ``lean``, a lean document for a file that passed."""
        doc, found, key = self.parse(path)
        if doc is None:
            return None, found, None, []
        obj, more = validate_document(doc, model)
        more += invisible_characters(doc, more)
        if lean and obj is not None and not found:
            more += self._easy_text(doc, path, more)
            doc = doc.lean(_Reload(self, doc.file, key))
        return doc, found, obj, more

    def _easy_text(self, doc: Document, path: Path, found: list[Problem]) -> list[Problem]:
        """The easy-language findings of a service or translation file that passed, while
        its document still holds the text (a lean one does not); none before the site
        file gives the rules, or where the file refused the text (its error says why)."""
        if self.site is None or any(p.field == EASY_TEXT and p.severity == "error" for p in found):
            return []
        _, _, lang = path.name[: -len(".yaml")].partition(".")
        return easy_text_problems(self.site, doc, ("easy", "text"), lang or self.site.language)

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


class _Reload:
    """A lean document's way back to its positions (:meth:`_Reader.reload`): an object
    of three references, where a closure took three cells and a function object more, for
    each of 50,000 files at national scale. The file is found again by the name it is
    reported under (:func:`display_path`: below the project, relative to it), which the
    document keeps anyway."""

    __slots__ = ("key", "reader", "shown")

    def __init__(self, reader: _Reader, shown: str, key: str) -> None:
        self.reader, self.shown, self.key = reader, shown, key

    def __call__(self) -> Document | None:
        return self.reader.reload(self.reader.root / self.shown, self.shown, self.key)


#: the field of a service's or translation's easy-language text
EASY_TEXT = "easy.text"

#: below this many files to parse, starting processes costs more than it saves
PARALLEL_FROM = 200
#: most files a worker parses in one run: what this process holds of the runs given out
PARSE_RUN = 100


def _parse_key(shown: str, raw: bytes) -> str:
    """A file's parse in the cache: by the code, the path it is reported under and its bytes."""
    return digest(code_digest(), shown, raw)


def _parse_chunk(
    chunk: tuple[Path, Path | None, list[Path]],
) -> list[tuple[Path, str, bytes | None]]:
    """In a worker: read files, and parse and store in the cache those it does not hold;
    returns (path, cache key, pickled parse or None where the cache holds it), for every
    path: :meth:`_Reader._prefetched` waits for each. A file that cannot be read has no
    key, and is left to :meth:`_Reader.parse`, which says why."""
    root, folder, paths = chunk
    cache = BuildCache(folder)
    out: list[tuple[Path, str, bytes | None]] = []
    for path in paths:
        try:
            raw = read_regular(path, root, MAX_FILE_BYTES)
        except RefusedFile:
            out.append((path, "", None))
            continue
        shown = display_path(path, root)
        key = _parse_key(shown, raw)
        if cache.holds("parsed", key):
            out.append((path, key, None))
            continue
        data = pickle.dumps(parse_bytes(raw, shown), protocol=pickle.HIGHEST_PROTOCOL)
        cache.put("parsed", key, data)
        out.append((path, key, data))
    cache.flush()
    return out


def _check_file_name(loaded, stem: str, problems: list[Problem]) -> None:
    obj, doc = loaded
    if obj.id != stem:
        problems.append(
            problem_at(
                doc,
                ("id",),
                f"id {obj.id!r} must equal the file name {stem!r}, "
                "so every page has one obvious source",
            )
        )


def _check_unique(seen: MutableMapping, loaded, problems: list[Problem]) -> None:
    obj, doc = loaded
    if obj.id in seen:
        first = seen[obj.id][1]
        problems.append(
            problem_at(
                doc,
                ("id",),
                f"duplicate id {obj.id!r}: already used in {first.file}:{first.where(('id',))[0]}",
            )
        )
    else:
        seen[obj.id] = loaded
