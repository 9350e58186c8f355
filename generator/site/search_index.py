"""The search index, prebuilt at build time in the format lunr.js loads directly.

Text is tokenised, folded and stemmed here, in Python, and lunr.py builds the index over
the stems with an empty pipeline; ``search.js`` treats a query the same way and looks the
stems up with lunr.js. German is stemmed with Snowball's German stemmer (the same
algorithm lunr-languages ships to the browser), English with lunr's Porter stemmer (the
same on both sides by design). Spellings without umlauts ("Antraege") are folded as
Snowball's German2 variant does, before stemming, on both sides.

Synonyms editors keep in ``content/synonyms.yaml`` are added to every document that
mentions any word of a group, so "Hartz IV" finds the page that only says "Bürgergeld".
A service's former names, and those of the renamed terms it uses (``former_names``,
``terms``), are keywords of its pages in every language: people keep typing the old word
("Bürgergeld") long after a law renamed it.
Easy-language pages get a lower document boost: findable, never ahead of the full text.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from lunr.builder import Builder

from generator.engine.cache import BuildCache, code_digest, digest
from generator.content.model import Catalogue
from generator.content.schema import Service
from generator.site import routes, search_lang
from generator.site.views import service_view
from generator.site.search_terms import (
    english_stem,
    law_terms,
    numeral_variants,
    typo_vocabulary,
)

BASE = "assets/search/"
_WORD = re.compile(r"[0-9a-zäöüß]+", re.IGNORECASE)
FIELDS = {"title": 10, "keywords": 8, "law": 8, "summary": 4, "other": 2, "body": 1}
EASY_BOOST = 0.3

#: German stop words: the function words that carry no meaning in a service search
STOP_DE = frozenset(
    """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei bin bis bist da damit dann das dass dem den denn der des die dies diese
diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwas
für hat hatte hier ich ihr ihre ihrem ihren ihrer im in ist ja jede jedem jeden jeder jedes
kann können man mein meine meinem meinen meiner mit muss müssen nach nicht noch nur ob oder
sein seine sich sie sind so soll
sollen um und uns unter vom von vor wann war was weil welche welchem welchen welcher wenn
wer werden wie wir wird wo zu zum zur über
""".split()  # noqa: SIM905 - a readable block of words
)
STOP_EN = frozenset(
    """
a an and are as at be by for from has have how i if in into is it its of on or that the
their there these they this to was were what when where which who will with you your
""".split()  # noqa: SIM905
)


@dataclass(frozen=True)
class SearchFiles:
    #: per language: site paths of its lunr index and of its result data
    index: dict[str, str]
    docs: dict[str, str]
    files: dict[str, str]


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
) -> SearchFiles:
    """One index per language, so a page downloads only what its readers search in.

    Building a lunr index is the slow part; with a ``cache`` an index whose documents did
    not change (for instance English, after a German edit) is taken from the last build.
    ``checkpoint`` is called between documents (the preview's second process stops there).
    """
    cache = cache or BuildCache(None)
    synonyms = [list(g) for g in catalogue.synonyms]
    by_lang: dict[str, list] = {}
    for doc in _documents(catalogue):
        checkpoint()
        by_lang.setdefault(doc[1], []).append(doc)
    files: dict[str, str] = {}

    def add(stem_name: str, data: object) -> str:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        path = f"{BASE}{stem_name}.{hashlib.sha256(text.encode()).hexdigest()[:10]}.json"
        files[path] = text
        return path

    index_paths, docs_paths = {}, {}
    for lang, documents in sorted(by_lang.items()):
        key = digest(code_digest(), lang, json.dumps([documents, synonyms], ensure_ascii=False))
        cached = cache.get("search", key)
        if cached is None:
            index, docs = _index(documents, lang, synonyms, checkpoint)
            cache.put("search", key, json.dumps([index, docs], ensure_ascii=False).encode())
        else:
            index, docs = json.loads(cached)
        meta = {
            "docs": docs,
            "stop": sorted(_stop_words(lang)),
            "words": _vocabulary(catalogue, synonyms),
            "typo": _typo_words(documents, synonyms, lang),
        }
        index_paths[lang] = add(f"index-{lang}", index)
        docs_paths[lang] = add(f"docs-{lang}", meta)
    return SearchFiles(index_paths, docs_paths, files)


#: a body term used by more documents than this share says little about any of them
BODY_MAX_SHARE = 0.1
BODY_MAX_TERMS = 400


def _index(
    documents: list,
    lang: str,
    synonyms: list[list[str]],
    checkpoint: Callable[[], None] = lambda: None,
) -> tuple[dict, list]:
    """The lunr index over the stems of ``documents`` and the data to show each result.

    Refs are list positions (short), and the body keeps only its distinctive stems: at
    most ``BODY_MAX_TERMS`` per document, each used by at most ``BODY_MAX_SHARE`` of the
    documents; title, keywords, synonyms and summary keep every word.
    """
    bodies = [set(terms(d[4]["body"], lang)) for d in documents]
    df: dict[str, int] = {}
    for stems in bodies:
        for s in stems:
            df[s] = df.get(s, 0) + 1
    limit = max(50, int(len(documents) * BODY_MAX_SHARE))  # small catalogues keep all
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    groups = _synonym_patterns(synonyms)
    docs: list[list] = []
    for ref, (service_id, _, easy, url, fields, topics), body in zip(
        range(len(documents)), documents, bodies, strict=True
    ):
        checkpoint()
        related = _related_synonyms(fields, groups)
        keywords = " ".join([fields["keywords"], fields["topics"], *related])
        distinctive = sorted((s for s in body if df[s] <= limit), key=lambda s: (df[s], s))
        builder.add(
            {
                "ref": str(ref),
                "title": " ".join(terms(fields["title"], lang)),
                "keywords": " ".join(
                    terms(keywords, lang) + numeral_variants([fields["keywords"], *related])
                ),
                "law": fields["law"],  # search_terms.law_terms: codes, never stemmed
                "other": " ".join(terms(fields["other"], lang)),
                "summary": " ".join(terms(fields["summary"], lang)),
                "body": " ".join(distinctive[:BODY_MAX_TERMS]),
            },
            attributes={"boost": EASY_BOOST if easy else 1},
        )
        docs.append([fields["title"], fields["summary"], url, topics, easy, service_id])
    return compact(builder.build().serialize()), docs


def compact(serialised: dict) -> dict:
    """The serialised index in fewer bytes, with nothing lost; ``search.js`` (``expand``)
    makes lunr's form again before ``lunr.Index.load``, so lunr ranks as it would have.

    - A term's fields without documents are left out: most terms occur in one or two of
      the six fields, and the empty ones made up 45 % of the file.
    - A field's documents, ``{"3": {}, "7": {}}`` in lunr's form (refs with empty
      metadata: the index keeps no term positions), become the gaps between the sorted
      refs, ``[3, 4]``: small numbers that repeat, which gzip and brotli store in a few
      bits. At 1,000 services this took the German index from 256 to about 157 KB gzip.
      lunr reads a field's refs with ``Object.keys``, which lists integer keys in
      ascending order whatever the order they were written in, so the order is kept.
    """
    for _term, posting in serialised["invertedIndex"]:
        for field in [f for f in posting if f != "_index"]:
            refs = sorted(int(ref) for ref in posting[field])
            if not refs:
                del posting[field]
                continue
            posting[field] = [ref - before for ref, before in zip(refs, [0, *refs], strict=False)]
    return serialised


def _stop_words(lang: str) -> frozenset[str]:
    if lang in search_lang.LANGUAGES:
        return search_lang.STOP[lang]
    return STOP_DE if lang == "de" else STOP_EN


def _vocabulary(catalogue: Catalogue, synonyms: list[list[str]]) -> list[str]:
    """Words offered as "did you mean" when a search finds nothing: titles and keywords."""
    words: set[str] = set()
    for s in catalogue.services:
        texts = [s.title, *s.keywords, *former_words(s)]
        for text in [*texts, *[w for group in synonyms for w in group]]:
            words.update(
                w for w in re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", text) if w.lower() not in STOP_DE
            )
    return sorted(words)


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


def _typo_words(documents: list, synonyms: list[list[str]], lang: str) -> list[str]:
    """What a misspelt query word may be read as, in this language (search_terms)."""
    texts = [d[4][f] for d in documents for f in ("title", "keywords", "summary")]
    texts += [w for group in synonyms for w in group]
    return typo_vocabulary(texts, STOP_DE if lang == "de" else STOP_EN)


def former_words(service: Service) -> list[str]:
    """The service's former names, and the renamed terms it uses with theirs."""
    words = [f.name for f in service.former_names]
    for term in service.terms:
        words += [term.name, *(f.name for f in term.former_names)]
    return words


def _documents(catalogue: Catalogue):
    """One document per page that shows a service, in every language the site has."""
    for s in catalogue.services:
        former = former_words(s)
        for lang in catalogue.site.languages:
            view = service_view(catalogue, s, lang)
            if view is None:
                continue
            topics = list(s.topics)
            topic_words = " ".join(catalogue.topic_label(t, lang) for t in s.topics)
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
                },
                topics,
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
                    },
                    topics,
                )


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
    """Groups named in what a page is *about* (title, keywords, summary), not in passing."""
    text = " " + " ".join(fields[f] for f in ("title", "keywords", "summary")).lower() + " "
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
