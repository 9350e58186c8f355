"""The search index in shards, so one query downloads only what its words need.

A search page loads one small *directory* per language; each query then loads the shards
of its terms and the result data of the hits it shows. Nothing is loaded whole, so what a
visit costs does not grow with the catalogue.

- **Postings** (``t`` files): the terms in sorted order, cut into ranges of about
  :data:`TARGET` characters; the directory holds each range's first term. A term's entry
  is its lunr term index and, per field, its documents (gaps between sorted refs) with the
  BM25 weight lunr gives each (:func:`postings` computes exactly what lunr.py's builder
  does, down to the rounding), so ``search.js`` scores a query as ``lunr.Index.query``
  would over the whole index.
- **Heads** (``h`` files, German only): the terms pages are about, written backwards, for
  what a word *ends* with ("Amt" finds "Sozialamt"), with their postings in those fields.
- **Slips** (``y`` files, and ``z`` with the words written backwards): the words of
  titles, keywords and summaries a misspelt word may be read as, by their folded spelling;
  a slip near a word's end leaves its start intact, one near its start its end
  (``search.js``: ``slipWords``), so a misspelt word loads one range of each.
- **Documents** (``d`` files): what a result shows, :data:`DOCS_PER_SHARD` documents a
  file, loaded for the results on screen only.
- **Topics** and **words**: the documents of each topic (loaded when a filter is ticked)
  and the "did you mean" vocabulary (loaded when a word finds nothing).

A small index (the example's) is in its directory whole: terms, documents, topics, words,
so a first query loads one file, as before the index was cut.

Every name carries a hash of what it holds (document shards: of their block of
:data:`DOCS_PER_BLOCK`, so the directory stays small), so each file is cached for good.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from array import array
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

BASE = "assets/search/"
#: lunr's BM25 parameters (lunr.js and lunr.py defaults)
K1, B = 1.2, 0.75
#: fields whose words say what a page is about (``search.js``: ABOUT)
ABOUT = ("title", "keywords", "summary", "law", "other")
#: one letter per field in the files
FIELD_KEYS = {"title": "t", "keywords": "k", "law": "l", "summary": "s", "other": "o", "body": "b"}
_ABOUT_KEYS = frozenset(FIELD_KEYS[f] for f in ABOUT)
#: characters of JSON a shard of terms holds, about (a term's postings are never split)
TARGET = 12_000
#: a compound is at least 3 letters longer than the word it ends with (3 letters at least)
HEAD_MIN = 6
#: an index of up to this many characters (terms, postings, documents) is in its directory
#: whole, and German compound heads are found among its terms (no ``h`` files)
WHOLE = 64_000
DOCS_PER_SHARD = 8
DOCS_PER_BLOCK = 64
_SEPARATORS = re.compile("[ \t\n\r\f\v\xa0-]+")


class Postings:
    """What lunr's builder makes of the documents: per term its index (the order terms
    were first seen), and per term and field the documents with their weights.

    Kept in flat arrays, a term's postings side by side (9 bytes a posting: a weight,
    rounded to three places as lunr rounds it, is kept as its thousandths, and made
    again exactly, the nearest float to that many thousandths): as a list of pairs each
    would take about 90 bytes, and a language of a national catalogue has millions of
    them. :meth:`of` makes one term's lists when they are wanted."""

    def __init__(
        self,
        index: dict[str, int],
        starts: array,
        refs: array,
        fields: array,
        weights: array,
        names: tuple[str, ...],
    ) -> None:
        self.index = index
        self._starts, self._refs, self._fields, self._weights = starts, refs, fields, weights
        self._names = names

    def of(self, term: str) -> dict[str, list[tuple[int, float]]]:
        """The term's documents with their weights per field, the fields in the order
        the documents first showed them (lunr's), each list by document."""
        at = self.index[term]
        per_field: dict[str, list[tuple[int, float]]] = {}
        refs, fields, weights, names = self._refs, self._fields, self._weights, self._names
        for k in range(self._starts[at], self._starts[at + 1]):
            per_field.setdefault(names[fields[k]], []).append((refs[k], weights[k] / 1000))
        # a term's postings lie by document and, within one, by field: the fields come
        # in the order the documents first showed them
        return per_field

    def items(self) -> Iterator[tuple[str, dict[str, list[tuple[int, float]]]]]:
        """Every term with :meth:`of`, in index order."""
        for term in self.index:
            yield term, self.of(term)


def tokens(text: str) -> list[str]:
    """lunr.py's tokenizer: lower case, split at white space and hyphens."""
    return [t for t in _SEPARATORS.split(text.lower()) if t]


def postings(
    documents: Sequence[dict[str, str]], boosts: Sequence[float], fields: dict[str, int]
) -> Postings:
    """lunr.py's ``Builder`` (add, average field lengths, field vectors) without the parts
    a shard does not need: the same term indexes, the same weights, bit for bit (the same
    arithmetic in the same order, rounded to three places as lunr does).

    Two passes over the documents, each tokenising them anew: the first finds the terms,
    how many documents' fields hold each (lunr's document frequency) and the fields'
    lengths; the second puts each weight in its term's place. Tokenising twice costs less
    than keeping every document's counts between the passes (millions of entries at
    10,000 services)."""
    names = tuple(fields)
    index: dict[str, int] = {}
    #: per term (by index), the (document, field) pairs that hold it: its postings
    held = array("l")
    total = dict.fromkeys(fields, 0)
    for doc in documents:
        for field in names:
            terms = tokens(doc[field])
            total[field] += len(terms)
            for term in dict.fromkeys(terms):
                at = index.get(term)
                if at is None:
                    index[term] = len(held)
                    held.append(1)
                else:
                    held[at] += 1
    n = len(documents)
    average = {f: total[f] / n for f in fields} if n else {}
    idf = array("d", (math.log(1 + abs((n - h + 0.5) / (h + 0.5))) for h in held))
    starts = array("l", [0])
    for h in held:
        starts.append(starts[-1] + h)
    size = starts[-1]
    refs, kinds, weights = array("i", bytes(4 * size)), array("B", bytes(size)), array("i")
    weights.frombytes(bytes(4 * size))
    place = array("l", starts[:-1])
    for ref, doc in enumerate(documents):
        for number, field in enumerate(names):
            terms = tokens(doc[field])
            counts: dict[str, int] = {}
            for term in terms:
                counts[term] = counts.get(term, 0) + 1
            scale = K1 * (1 - B + B * (len(terms) / average[field])) if terms else 0.0
            for term, tf in counts.items():
                at = index[term]
                score = idf[at] * ((K1 + 1) * tf) / (scale + tf)
                score *= fields[field]
                score *= boosts[ref]
                k = place[at]
                place[at] = k + 1
                # lunr's rounding, kept as thousandths (Postings: the same float again)
                refs[k], kinds[k], weights[k] = ref, number, round(round(score, 3) * 1000)
    return Postings(index, starts, refs, kinds, weights, names)


def encode(pairs: list[tuple[int, float]]) -> list:
    """A field's documents as gaps between sorted refs (small numbers that repeat), and
    their weights: the one weight, or the distinct weights and each document's place in
    that list (a field's weights take few values: they depend on its length only)."""
    refs = [r for r, _ in pairs]
    gaps = [r - before for r, before in zip(refs, [0, *refs], strict=False)]
    table: list[float] = []
    places: dict[float, int] = {}
    for _, w in pairs:
        if w not in places:
            places[w] = len(table)
            table.append(w)
    if len(table) == 1:
        return [gaps, table[0]]
    return [gaps, table, [places[w] for _, w in pairs]]


def order_key(key: str) -> bytes:
    """Keys sorted as JavaScript compares strings (UTF-16 code units), as ``search.js``
    finds the shard of a key."""
    return key.encode("utf-16-be")


def text(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


class Json(str):
    """A value's :func:`text` made already: a shard holds it as it is."""


def shard_text(content: dict[str, dict[str, object]]) -> str:
    """:func:`text` of a shard ``{kind: {key: value}}`` whose values may be :class:`Json`:
    the same characters, the keys sorted as ``sort_keys`` sorts them."""
    kinds = []
    for kind in sorted(content):
        entries = content[kind]
        items = ",".join(
            f"{text(key)}:{value if isinstance(value, Json) else text(value)}"
            for key, value in sorted(entries.items(), key=lambda item: item[0])
        )
        kinds.append(f"{text(kind)}:{{{items}}}")
    return "{" + ",".join(kinds) + "}"


def short_hash(content: str) -> str:
    return hashlib.sha256(content.encode()).hexdigest()[:10]


def ranges(
    entries: Iterable[tuple[str, str, object]], target: int = TARGET
) -> list[tuple[str, dict[str, dict[str, object]]]]:
    """Entries ``(key, kind, value)`` in key order, cut into shards of about ``target``
    characters: per shard its first key ("" for the first) and ``{kind: {key: value}}``.
    Entries with the same key stay in one shard."""
    return list(cut(sorted(entries, key=lambda e: (order_key(e[0]), e[1])), target))


def cut(
    ordered: Iterable[tuple[str, str, object]], target: int = TARGET
) -> Iterator[tuple[str, dict[str, dict[str, object]]]]:
    """:func:`ranges` of entries given in their order, each shard handed on as soon as
    it is full: the terms of a national index are never all held."""
    shard: tuple[str, dict[str, dict[str, object]]] | None = None
    size, last = target, None
    for key, kind, value in ordered:
        if size >= target and key != last:
            if shard is not None:
                yield shard
            shard = ("" if shard is None else key, {})
            size = 0
        assert shard is not None
        shard[1].setdefault(kind, {})[key] = value
        size += len(key) + len(value if isinstance(value, Json) else text(value)) + 4
        last = key
    if shard is not None:
        yield shard


def table(
    name: str, lang: str, shards: Iterable[tuple[str, dict]], listing: list[list[str]]
) -> Iterator[tuple[str, str]]:
    """Each shard's file (site path, text), named by a hash of its text; ``listing``
    gets its first key and hash, for the directory."""
    for first, content in shards:
        body = shard_text(content)
        digest = short_hash(body)
        listing.append([first, digest])
        yield f"{BASE}{name}-{lang}.{digest}.json", body


def gaps(refs: Iterable[int]) -> list[int]:
    ordered = sorted(refs)
    return [r - before for r, before in zip(ordered, [0, *ordered], strict=False)]


def doc_files(lang: str, docs: Sequence[list], hashes: list[str]) -> Iterator[tuple[str, str]]:
    """The documents in shards of :data:`DOCS_PER_SHARD`, named by a hash of their block
    (the directory lists one hash per block, ``hashes``, not one per file); one block
    is held at a time."""
    per_block = DOCS_PER_SHARD * DOCS_PER_BLOCK
    for start in range(0, max(len(docs), 1), per_block):
        block = docs[start : start + per_block]
        bodies = [
            text(block[i : i + DOCS_PER_SHARD])
            for i in range(0, max(len(block), 1), DOCS_PER_SHARD)
        ]
        digest = short_hash("\n".join(bodies))
        hashes.append(digest)
        for i, body in enumerate(bodies):
            yield f"{BASE}d-{lang}-{start // DOCS_PER_SHARD + i}.{digest}.json", body


def language_files(
    lang: str,
    found: Postings,
    docs: Sequence[list],
    easy: Sequence[int],
    local: Sequence[int],
    topics: Mapping[str, Sequence[int]],
    extra: dict,
    fold: Callable[[str], str],
) -> Iterator[tuple[str, str]]:
    """One language's files (site path, text), made one after the other and none kept:
    the shards, then the directory (``search-<lang>.<hash>.json``) that names them.
    ``fold`` is how ``search.js`` folds a word before it compares spellings (``foldDe``).

    The terms are gone through in key order, each entry made when its shard is cut,
    so a language of a national catalogue (hundreds of thousands of terms) never holds
    its postings as text; German compound heads the same way, in the order of their
    reversed spelling."""
    whole = _fits_whole(found, docs)
    inline: dict[str, str] = {}
    listings: dict[str, list[list[str]]] = {name: [] for name in ("t", "h", "y", "z")}

    def keep(made: Iterator[tuple[str, str]]) -> Iterator[tuple[str, str]]:
        for path, body in made:
            if whole:  # a small index is in its directory whole, too
                inline[path.removeprefix(BASE)] = body
            yield path, body

    forward = sorted(found.index, key=order_key)
    yield from keep(table("t", lang, cut(_forward(found, forward)), listings["t"]))
    del forward
    if lang == "de" and not whole:  # a whole index finds compound heads among its terms
        heads = sorted((t for t in found.index if len(t) >= HEAD_MIN), key=_backwards)
        yield from table("h", lang, cut(_heads(found, heads)), listings["h"])
        del heads
    spellings: dict[str, list[str]] = {}
    for word in extra["typo"]:
        spellings.setdefault(fold(word), []).append(word)
    slips = [(folded, "y", sorted(words)) for folded, words in spellings.items()]
    yield from keep(table("y", lang, ranges(slips), listings["y"]))
    backwards = ranges((k[::-1], kind, v) for k, kind, v in slips)
    yield from keep(table("z", lang, backwards, listings["z"]))
    blocks: list[str] = []
    yield from keep(doc_files(lang, docs, blocks))
    topic_hashes, singles = {}, []
    for topic, refs in sorted(topics.items()):
        body = text(gaps(refs))
        topic_hashes[topic] = short_hash(body)
        singles.append((f"{BASE}topic-{lang}-{topic}.{topic_hashes[topic]}.json", body))
    vocabulary = text(extra["words"])
    singles.append((f"{BASE}words-{lang}.{short_hash(vocabulary)}.json", vocabulary))
    yield from keep(iter(singles))
    meta = dict(
        {
            "n": len(docs),
            "stop": extra["stop"],
            "elsewhere": extra["elsewhere"],
            "easy": gaps(easy),
            "local": gaps(local),
            **listings,
            "d": [DOCS_PER_SHARD, DOCS_PER_BLOCK, blocks],
            "topics": topic_hashes,
            "words": short_hash(vocabulary),
        }
    )
    if whole:
        meta["inline"] = {name: json.loads(body) for name, body in inline.items()}
        meta["whole"] = 1
    directory = text(meta)
    yield f"{BASE}search-{lang}.{short_hash(directory)}.json", directory


def _fits_whole(found: Postings, docs: Sequence[list]) -> bool:
    """Whether the terms, postings and documents come to at most :data:`WHOLE`
    characters (counted only up to there: a large index needs no exact figure)."""
    size = 1  # "[" and, with each document, its text and a comma or "]"
    for doc in docs:
        size += len(text(doc)) + 1
        if size > WHOLE:
            return False
    size = max(size, 2)
    for term in found.index:
        if size > WHOLE:
            return False
        size += len(term) + len(text(found.of(term)))
    return size <= WHOLE


def _backwards(term: str) -> bytes:
    return order_key(term[::-1])


def _encoded(found: Postings, term: str) -> dict[str, list]:
    return {FIELD_KEYS[f]: encode(pairs) for f, pairs in found.of(term).items()}


def _forward(found: Postings, terms: Iterable[str]) -> Iterator[tuple[str, str, Json]]:
    for term in terms:
        yield term, "t", Json(text([found.index[term], _encoded(found, term)]))


def _heads(found: Postings, terms: Iterable[str]) -> Iterator[tuple[str, str, Json]]:
    """The German terms that may end a compound, for what a word ends with, by their
    reversed spelling: their postings in the fields that say what a page is about
    (``search.js`` reads a German word as the end of a compound in these only)."""
    for term in terms:
        encoded = _encoded(found, term)
        about = {k: v for k, v in encoded.items() if k in _ABOUT_KEYS}
        if about:
            df = len({r for pairs in found.of(term).values() for r, _ in pairs})
            yield term[::-1], "h", Json(text([found.index[term], df, about]))


def read_back(files: dict[str, str], directory: str) -> tuple[dict, dict[str, dict], list[list]]:
    """What ``search.js`` reads, read whole (tests, figures): the directory, per term its
    fields' documents with their weights (``{term: {field: {ref: weight}}}``), and the
    documents."""
    folder = directory.rsplit("/", 1)[0] + "/"
    lang = directory.rsplit("/", 1)[1].split(".")[0].removeprefix("search-")
    meta = json.loads(files[directory])
    fields = {letter: name for name, letter in FIELD_KEYS.items()}
    terms: dict[str, dict] = {}
    for _, digest in meta["t"]:
        for term, (_, encoded) in json.loads(files[f"{folder}t-{lang}.{digest}.json"])["t"].items():
            terms[term] = {}
            for letter, field in encoded.items():
                refs, at = [], 0
                for gap in field[0]:
                    at += gap
                    refs.append(at)
                weights = (
                    [field[1]] * len(refs) if len(field) == 2 else [field[1][i] for i in field[2]]
                )
                terms[term][fields[letter]] = dict(zip(refs, weights, strict=True))
    per, per_block, blocks = meta["d"]
    docs: list[list] = []
    for n in range(math.ceil(meta["n"] / per)):
        name = f"{folder}d-{lang}-{n}.{blocks[n // per_block]}.json"
        docs += json.loads(files[name])
    return meta, terms, docs
