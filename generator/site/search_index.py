"""The search index, prebuilt at build time and cut into shards (:mod:`search_shards`).

Text is tokenised, folded and stemmed here, in Python, and the shards hold lunr's postings
and weights over the stems (an empty pipeline, as lunr.py built the index before);
``search.js`` treats a query the same way, loads the shards of its stems and scores them
as lunr.js did. German is stemmed with Snowball's German stemmer (the same
algorithm lunr-languages ships to the browser), English with lunr's Porter stemmer (the
same on both sides by design). Spellings without umlauts ("Antraege") are folded as
Snowball's German2 variant does, before stemming, on both sides.

Synonyms editors keep in ``content/synonyms.yaml`` are added to every document that
mentions any word of a group, so "Hartz IV" finds the page that only says "Bürgergeld".
A service's former names, and those of the renamed terms it uses (``former_names``,
``terms``), are keywords of its pages in every language: people keep typing the old word
("Bürgergeld") long after a law renamed it.
Easy-language pages get a lower document boost: findable, never ahead of the full text.

A service not translated into a language is still found from that language's search: its
German page is a document of that language's index (title, keywords with their synonyms,
summary and legal basis, stemmed as the page's language stems a query), and ``search.js``
lists it labelled as German. Synonym groups say in other languages what a service is about,
so "інвалідність" finds the German page on integration assistance.

The benefits the site does not describe (``content/elsewhere.yaml``) go into each
language's result data as stemmed phrases, so a query for one answers "not here, but
there" before any result.
"""

from __future__ import annotations

import json
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer

from generator.content import routes
from generator.content.model import Catalogue
from generator.content.schema import Service
from generator.content.shelf import Spooled
from generator.infra.cache import BuildCache, code_digest, digest_of
from generator.infra.free_memory import hand_back
from generator.infra.spool import scratch_folder
from generator.infra.streamed import Spill, Streamed, spill_bytes, spilled, unspilled
from generator.infra.workers import run_parallel
from generator.site import search_lang
from generator.site import search_shards as shards
from generator.site.search_terms import (
    english_stem,
    law_terms,
    numeral_variants,
    typo_words,
)
from generator.site.views import service_view

BASE = shards.BASE
_WORD = re.compile(r"[0-9a-zäöüß]+", re.IGNORECASE)
FIELDS = {"title": 10, "keywords": 8, "law": 8, "summary": 4, "other": 2, "body": 1}
EASY_BOOST = 0.3

#: German stop words: the function words that carry no meaning in a service search, and the
#: question words and fillers of a question as typed ("wie bekomme ich ...", "wo kann ich
#: ... beantragen"): they are not search terms, so a question finds what its nouns find
STOP_DE = frozenset(
    """
ab aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei beim bin bis bist bitte da damit dann darf das dass dem den denn der des dich
die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer
eines er es etwas euch für gern gerne gibt habe haben hat hatte hätte hier ich ihm ihn ihnen
ihr ihre ihrem ihren ihrer im in ins ist ja jede jedem jeden jeder jedes jemand kann kein keine
keinem keinen keiner kann können könnte man mein meine meinem meinen meiner mich mir mit möchte
möchten muss müssen nach nicht noch nur ob oder sehr sein seine sich sie sind so soll sollen
um und uns unser unsere unter viel vom von vor wann war warum was weil welche welchem welchen
welcher wenn wer werden weshalb wie wieso wieviel will wir wird wo wofür woher wohin wollen
wurde würde zu zum zur über
bekomme bekommen bekommt kriege kriegen brauche brauchen braucht beantrage beantragen
beantragt erhalte erhalten finde finden antrag anträge antrags
""".split()  # noqa: SIM905 - a readable block of words
)
STOP_EN = frozenset(
    """
a about am an and any are as at be by can could do does for from get gets getting got has
have how i i'm if im in into is it its me my need needs of on or our please should that the
their there these they this to us was we were what when where which who why will with would
you your
apply applying application applications receive cannot t s don doesn isn
""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class SearchFiles:
    #: per language: the site path of its directory (search_shards), which names the rest;
    #: ``docs`` names the same file (the search page needs no other)
    index: dict[str, str]
    docs: dict[str, str]
    files: dict[str, str | Streamed]


def fold_de(word: str) -> str:
    """Spellings without umlauts as with them (German2 rule: not after q), ß as ss."""
    word = word.lower().replace("ß", "ss")
    word = re.sub(r"ae", "ä", word)
    word = re.sub(r"oe", "ö", word)
    return re.sub(r"(?<!q)ue", "ü", word)


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    if lang == "de":
        return _german().stemWord(fold_de(word))
    return english_stem(word)


@lru_cache(maxsize=1)
def _german():
    return snowballstemmer.stemmer("german")


def terms(text: str, lang: str) -> list[str]:
    """The stems of ``text`` as stored in the index; stop words dropped."""
    if lang in search_lang.LANGUAGES:
        return [search_lang.stem(w, lang) for w in search_lang.words(text, lang)]
    stop = STOP_DE if lang == "de" else STOP_EN
    return [stem(w, lang) for w in _WORD.findall(text.lower()) if w not in stop]


def search_files(
    catalogue: Catalogue,
    cache: BuildCache | None = None,
    checkpoint: Callable[[], None] = lambda: None,
    languages: Iterable[str] | None = None,
    workers: int = 1,
) -> SearchFiles:
    """Per language a directory and the shards it names (:mod:`search_shards`), so a
    search downloads only what its words need; ``languages`` to make some only.

    With a ``cache``, the files of a language whose documents did not change (for instance
    English, after a German edit) are taken from the last build. ``checkpoint`` is called
    between documents (the preview's second process stops there). With ``workers`` above
    one, the languages are made side by side in that many processes, each making its own
    documents: this process makes the index before any page is written, with the other
    core idle, and never holds every language's documents at once (at 10,000 services in
    five languages, 100,000 of them).
    """
    cache = cache or BuildCache(None)
    wanted = sorted(set(catalogue.site.languages if languages is None else languages))
    titles = _title_words(catalogue)
    apart = workers > 1 and len(wanted) > 1
    if apart and len(catalogue.services) * len(wanted) >= PARALLEL_FROM:
        cache.flush()  # no writer thread may hold a lock when the processes fork
        folder = scratch_folder("servicefinder-search-")
        results: list[tuple[str, Mapping[str, str | Streamed], bool] | None] = run_parallel(
            _language_task,
            [(lang, titles, folder) for lang in wanted],
            workers,
            what="search index",
            initializer=_start_worker,
            initargs=(catalogue, cache),
        )
    else:
        apart = False
        results = [_language_result(catalogue, cache, lang, titles, checkpoint) for lang in wanted]
    files: dict[str, str | Streamed] = {}
    directories: dict[str, str] = {}
    for lang, result in zip(wanted, results, strict=True):
        if result is None:
            continue  # no page in this language (no service at all)
        key, made, from_cache = result
        if from_cache:
            cache.found_elsewhere("search", key)
        else:
            cache.made_elsewhere("search", key)
        files.update(made)
        directories[lang] = next(p for p in made if p.startswith(f"{shards.BASE}search-"))
    return SearchFiles(directories, dict(directories), files)


#: below this many documents in all languages, starting processes costs more than it saves
PARALLEL_FROM = 400

#: in a worker process: the catalogue and the cache the languages are read from
_WORKER: tuple[Catalogue, BuildCache] | None = None


def _start_worker(catalogue: Catalogue, cache: BuildCache) -> None:
    global _WORKER
    _WORKER = (catalogue, cache)


def _language_task(
    job: tuple[str, set[str], Path],
) -> tuple[str, Mapping[str, str | Streamed], bool] | None:
    """:func:`_language_result` in a worker process, which writes the files into a file
    of their own in ``folder`` (``streamed.Spill``) as it makes them, stores a copy in the
    build cache, and hands back where each file lies in it."""
    assert _WORKER is not None
    catalogue, cache = _WORKER
    lang, titles, folder = job
    result = _language_result(catalogue, cache, lang, titles, into=folder / f"{lang}.txt")
    # a worker makes several languages one after the other: the next starts from what
    # this one left, not from the heap it grew to (free_memory.py)
    hand_back()
    return result


def _language_result(
    catalogue: Catalogue,
    cache: BuildCache,
    lang: str,
    titles: set[str],
    checkpoint: Callable[[], None] = lambda: None,
    into: Path | None = None,
) -> tuple[str, Mapping[str, str | Streamed], bool] | None:
    """One language's files, its cache key and whether they came from the cache; None
    where the language has no documents. The files are stored in the cache as one
    file (``streamed.Spill``); with ``into`` they are written there as they are made and
    read from there when the engine writes them (a national index is thousands of files),
    else they are kept as texts (a few, for a small catalogue or the preview).

    The documents go to a temporary file as they are made (``shelf.Spooled``): at 10,000
    services a language's 20,000 documents hold 60 MB of text."""
    documents: Spooled[tuple] = Spooled()
    stop = STOP_DE if lang == "de" else STOP_EN
    typo: set[str] = set()

    def dumped() -> Iterator[str]:
        # each document dumped on its own: at national scale one dump of them all is 60 MB
        for doc in _documents(catalogue, {lang}):
            checkpoint()
            yield json.dumps(doc, ensure_ascii=False)
            for field in ("title", "keywords", "summary"):
                typo.update(typo_words(doc[4][field], stop))
            documents.append(doc)

    made_of = digest_of(dumped())
    if not documents:
        return None
    synonyms = [list(g) for g in catalogue.synonyms]
    own_synonyms = [[w for w in g if _script_fits(w, lang)] for g in synonyms]
    for group in own_synonyms:
        for word in group:
            typo.update(typo_words(word, stop))
    extra = {
        "stop": sorted(_stop_words(lang)),
        "words": _vocabulary(titles, own_synonyms),
        "typo": sorted(typo),
        "elsewhere": elsewhere_data(catalogue, lang),
    }
    typo.clear()
    key = digest_of(
        [code_digest(), lang, json.dumps([synonyms, extra], ensure_ascii=False), made_of]
    )
    if into is not None:
        if cache.copy_out("search", key, into):
            return key, spilled(into), True
        with Spill(into) as out:
            for path, body in _language_files(documents, lang, synonyms, extra, checkpoint):
                out.add(path, body)
        cache.copy_in("search", key, into)
        return key, out.files(), False
    cached = cache.peek("search", key)
    if cached is not None:
        return key, unspilled(cached), True
    made = dict(_language_files(documents, lang, synonyms, extra, checkpoint))
    cache.put("search", key, spill_bytes(made))
    return key, made, False


#: a body term used by more documents than this share says little about any of them
BODY_MAX_SHARE = 0.1
BODY_MAX_TERMS = 400


def _language_files(
    documents: Spooled,
    lang: str,
    synonyms: list[list[str]],
    extra: dict,
    checkpoint: Callable[[], None] = lambda: None,
) -> Iterator[tuple[str, str]]:
    """One language's directory and shards (site path, text), one after the other.

    Refs are list positions (short), and the body keeps only its distinctive stems: at
    most ``BODY_MAX_TERMS`` per document, each used by at most ``BODY_MAX_SHARE`` of the
    documents; title, keywords, synonyms and summary keep every word. What is made of
    each document goes to a temporary file as it is made (``shelf.Spooled``): only the
    terms, and their postings as numbers, are held.
    """
    bodies: Spooled[tuple[str, ...]] = Spooled()
    df: dict[str, int] = {}
    for d in documents:
        stems = tuple(set(terms(d[4]["body"], lang)))
        bodies.append(stems)
        for s in stems:
            df[s] = df.get(s, 0) + 1
    limit = max(50, int(len(documents) * BODY_MAX_SHARE))  # small catalogues keep all
    groups = _synonym_patterns(synonyms)
    indexed: Spooled[dict[str, str]] = Spooled()
    docs: Spooled[list] = Spooled()
    easy, local = array("i"), array("i")
    topics: dict[str, array] = {}
    boosts = array("d")
    for ref, (document, body) in enumerate(zip(documents, bodies, strict=True)):
        checkpoint()
        _, _, is_easy, url, fields, doc_topics, shown = document
        related = [w for w in _related_synonyms(fields, groups) if _script_fits(w, lang)]
        keywords = " ".join([fields["keywords"], fields["topics"], *related])
        distinctive = sorted((s for s in body if df[s] <= limit), key=lambda s: (df[s], s))
        indexed.append(
            {
                "title": " ".join(terms(fields["title"], lang)),
                "keywords": " ".join(
                    terms(keywords, lang) + numeral_variants([fields["keywords"], *related])
                ),
                "law": fields["law"],  # search_terms.law_terms: codes, never stemmed
                "other": " ".join(terms(fields["other"], lang)),
                "summary": " ".join(terms(fields["summary"], lang)),
                "body": " ".join(distinctive[:BODY_MAX_TERMS]),
            }
        )
        # [title, summary, url, language of the text where it is not the page's ("")];
        # an easy-language page follows its service's full page (search.js: service())
        docs.append([fields["title"], fields["summary"], url, shown[0]])
        boosts.append(EASY_BOOST if is_easy else 1)
        if is_easy:
            easy.append(ref)
        if shown[1]:
            local.append(ref)
        for topic in doc_topics:
            topics.setdefault(topic, array("i")).append(ref)
    df.clear()
    del bodies
    found = shards.postings(indexed, boosts, FIELDS)
    del indexed
    yield from shards.language_files(lang, found, docs, easy, local, topics, extra, fold_de)


def _stop_words(lang: str) -> frozenset[str]:
    if lang in search_lang.LANGUAGES:
        return search_lang.STOP[lang]
    return STOP_DE if lang == "de" else STOP_EN


def _vocabulary(titles: set[str], synonyms: list[list[str]]) -> list[str]:
    """Words offered as "did you mean" when a search finds nothing: the services' words
    (:func:`_title_words`) and the synonyms."""
    return sorted(titles | _words([w for group in synonyms for w in group]))


def _title_words(catalogue: Catalogue) -> set[str]:
    """The words of the services' titles, keywords and former names, read once for
    every language (the services are kept packed)."""
    texts: list[str] = []
    for s in catalogue.services:
        texts += [s.title, *s.keywords, *former_words(s)]
    return _words(texts)


def _words(texts: list[str]) -> set[str]:
    words: set[str] = set()
    for text in texts:
        words.update(
            w for w in re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", text) if w.lower() not in STOP_DE
        )
    return words


def _other_language(catalogue: Catalogue, service_id: str, lang: str) -> str:
    """On a source-language page, what the translations are about (title, keywords,
    summary), so "neighbourhood Jena" typed into the German search still finds it."""
    if lang != catalogue.site.language:
        return ""
    words: list[str] = []
    for other in catalogue.site.languages:
        tr = catalogue.translation(other, service_id)
        if other != lang and tr is not None:
            words += [tr.title, *tr.keywords, tr.summary]
    return " ".join(words)


def former_words(service: Service) -> list[str]:
    """The service's former names, and the renamed terms it uses with theirs."""
    words = [f.name for f in service.former_names]
    for term in service.terms:
        words += [term.name, *(f.name for f in term.former_names)]
    return words


def _documents(catalogue: Catalogue, languages: set[str]):
    """One document per page that shows a service, in every language the site has; and in a
    language a service is not translated into, its source-language page (``search.js``
    labels it with its language)."""
    source = catalogue.site.language
    for s in catalogue.services:
        former = former_words(s)
        local = 1 if s.area else 0
        original = service_view(catalogue, s, source)
        about_source = (
            " ".join([original.title, original.summary, *original.keywords]) if original else ""
        )
        for lang in catalogue.site.languages:
            if lang not in languages:
                continue
            view = service_view(catalogue, s, lang)
            topics = list(s.topics)
            topic_words = " ".join(catalogue.topic_label(t, lang) for t in s.topics)
            if view is None:
                if original is None:
                    continue
                yield (
                    s.id,
                    lang,
                    False,
                    routes.service(s.id, source),
                    {
                        "title": original.title,
                        "summary": original.summary,
                        "keywords": " ".join(
                            [
                                *original.keywords,
                                catalogue.kind_label(s.responsible.authority_kind, source),
                                *former,
                            ]
                        ),
                        "topics": " ".join(catalogue.topic_label(t, source) for t in s.topics)
                        + " "
                        + topic_words,
                        "body": "",  # found by what it is about, not by its German text
                        "law": " ".join(law_terms(s.legal_basis)),
                        "other": "",
                        "source_about": "",
                    },
                    topics,
                    (source, local),
                )
                continue
            body = " ".join(
                [
                    view.description,
                    " ".join(view.requirements),
                    " ".join(f"{d.name} {d.note or ''}" for d in view.documents),
                    " ".join(view.process),
                ]
            )
            yield (
                s.id,
                lang,
                False,
                routes.service(s.id, lang),
                {
                    "title": view.title,
                    "summary": view.summary,
                    # the responsible office's kind: people search for the office too
                    "keywords": " ".join(
                        [
                            *view.keywords,
                            catalogue.kind_label(s.responsible.authority_kind, lang),
                            *former,
                        ]
                    ),
                    "topics": topic_words,
                    "body": body,
                    "law": " ".join(law_terms(s.legal_basis)),
                    "other": _other_language(catalogue, s.id, lang),
                    # a translation is about what its original is about: synonym groups
                    # named there apply to it too
                    "source_about": about_source if lang != source else "",
                },
                topics,
                ("", local),
            )
            if view.easy is not None:
                yield (
                    s.id,
                    lang,
                    True,
                    routes.service(s.id, lang, easy=True),
                    {
                        "title": view.easy.title,
                        "summary": view.summary,
                        "keywords": " ".join(former),
                        "topics": topic_words,
                        "body": "",  # easy pages: found by title and summary
                        "law": "",
                        "other": "",
                        "source_about": "",
                    },
                    topics,
                    ("", local),
                )


@lru_cache(maxsize=65536)
def _script_fits(word: str, lang: str) -> bool:
    """Whether a synonym belongs in ``lang``'s index: Latin-script words in every language
    (German and English names are typed everywhere), Cyrillic only in Ukrainian, Arabic
    only in Arabic, words with letters only Turkish has only in Turkish: no index carries
    words its readers would not type."""
    if re.search("[\u0400-\u04ff]", word):
        return lang == "uk"
    if re.search("[\u0600-\u06ff]", word):
        return lang == "ar"
    if re.search("[ıİşŞğĞçÇ]", word):  # letters only Turkish has among the site's languages
        return lang == "tr"
    return True


def elsewhere_data(catalogue: Catalogue, lang: str) -> list[list]:
    """The "not here" list for ``lang``'s search: per entry, its words as sequences of index
    terms (stemmed as a query in ``lang`` is; the page's language and German, as people type
    the German names everywhere), then its name, who handles it, each with the
    language it is in, and the phone number."""
    out: list[list] = []
    for entry in catalogue.elsewhere:
        words = entry.words.by_language()
        names = entry.name.by_language()
        phrases: set[tuple[str, ...]] = set()
        # the page's language and German, the language of the offices' names (the German
        # page reads its own words only: every byte of its data is downloaded per search)
        for wlang in dict.fromkeys([lang, "de"]):
            for phrase in [*words.get(wlang, []), *([names[wlang]] if wlang in names else [])]:
                seq = tuple(terms(re.sub(r"\([^)]*\)", " ", phrase), lang))
                if seq:
                    phrases.add(seq)
        name, name_lang = entry.name.get(lang)
        who, who_lang = entry.handled_by.get(lang)
        out.append(
            [
                sorted(list(p) for p in phrases),
                name,
                "" if name_lang == lang else name_lang,
                who,
                "" if who_lang == lang else who_lang,
                entry.phone or "",
            ]
        )
    return out


def _synonym_patterns(synonyms: list[list[str]]) -> list[tuple[re.Pattern[str], list[str]]]:
    """Each group of synonyms with one pattern that finds any of its words as a word."""
    return [
        (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w.lower()) for w in group) + r")(?!\w)"),
            group,
        )
        for group in synonyms
        if group
    ]


def _related_synonyms(
    fields: dict[str, str], groups: list[tuple[re.Pattern[str], list[str]]]
) -> list[str]:
    """Groups named in what a page is *about* (title, keywords, summary; for a translation
    also its original's), not in passing."""
    text = " " + " ".join(fields[f] for f in ("title", "keywords", "summary", "source_about"))
    text = text.lower() + " "
    out: list[str] = []
    for pattern, group in groups:
        if pattern.search(text):
            out.extend(group)
    return out


def lunr_scripts() -> dict[str, str]:
    """lunr.js and its German stemmer, served from the site: the npm releases named in
    ``vendor/README.md``, by their logical paths; :mod:`generator.site.assets` minifies
    the stemmers (lunr.js comes minified, as its authors publish it) and hashes them all."""
    vendor = Path(__file__).parent / "vendor"
    sources = {
        "lunr.js": vendor / "lunr.min.js",
        "lunr.stemmer.support.js": vendor / "lunr.stemmer.support.js",
        "lunr.de.js": vendor / "lunr.de.js",
        "lunr.tr.js": vendor / "lunr.tr.js",
    }
    return {f"{BASE}{name}": path.read_text(encoding="utf-8") for name, path in sources.items()}
