"""The search index, prebuilt at build time in the format lunr.js loads directly.

Text is tokenised, folded and stemmed here, in Python, and lunr.py builds the index over
the stems with an empty pipeline; ``search.js`` treats a query the same way and looks the
stems up with lunr.js. German is stemmed with Snowball's German stemmer (the same
algorithm lunr-languages ships to the browser), English with lunr's Porter stemmer (the
same on both sides by design). Spellings without umlauts ("Antraege") are folded as
Snowball's German2 variant does, before stemming, on both sides.

Synonyms editors keep in ``content/synonyms.yaml`` are added to every document that
mentions any word of a group, so "Hartz IV" finds the page that only says "Bürgergeld".
Easy-language pages get a lower document boost: findable, never ahead of the full text.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import snowballstemmer
from lunr.builder import Builder
from lunr.stemmer import stemmer as porter
from lunr.token import Token

from .model import Catalogue
from .render import service_url

BASE = "assets/search/"
_WORD = re.compile(r"[0-9a-zäöüß]+", re.IGNORECASE)
FIELDS = {"title": 10, "keywords": 8, "summary": 4, "topics": 3, "body": 1}
EASY_BOOST = 0.3

#: German stop words: the function words that carry no meaning in a service search
STOP_DE = frozenset(
    """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes
auch auf aus bei bin bis bist da damit dann das dass dem den denn der des die dies diese
diesem diesen dieser dieses doch dort du durch ein eine einem einen einer eines er es etwas
für hat hatte hier ich ihr ihre ihrem ihren ihrer im in ist ja jede jedem jeden jeder jedes
kann können man mit muss müssen nach noch nur ob oder sein seine sich sie sind so soll
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
    index: str  # site path of the lunr index
    docs: str  # site path of the result data
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
    return str(porter(Token(word.lower())))


@lru_cache(maxsize=1)
def _german():
    return snowballstemmer.stemmer("german")


def terms(text: str, lang: str) -> list[str]:
    """The stems of ``text`` as stored in the index; stop words dropped."""
    stop = STOP_DE if lang == "de" else STOP_EN
    return [stem(w, lang) for w in _WORD.findall(text.lower()) if w not in stop]


def search_files(catalogue: Catalogue) -> SearchFiles:
    synonyms = [list(g) for g in catalogue.synonyms]
    builder = Builder()
    builder.pipeline.reset()
    builder.search_pipeline.reset()
    builder.ref("ref")
    for name, boost in FIELDS.items():
        builder.field(name, boost=boost)
    docs: dict[str, list] = {}
    for ref, lang, easy, url, fields, topics in _documents(catalogue):
        fields["keywords"] += " " + " ".join(_related_synonyms(fields, synonyms))
        builder.add(
            {"ref": ref, **{k: " ".join(terms(v, lang)) for k, v in fields.items()}},
            attributes={"boost": EASY_BOOST if easy else 1},
        )
        docs[ref] = [fields["title"], fields["summary"], url, topics, lang, easy]
    index = builder.build().serialize()
    files: dict[str, str] = {}

    def add(stem_name: str, data: object) -> str:
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        path = f"{BASE}{stem_name}.{hashlib.sha256(text.encode()).hexdigest()[:10]}.json"
        files[path] = text
        return path

    meta = {
        "docs": docs,
        "stop": {"de": sorted(STOP_DE), "en": sorted(STOP_EN)},
        "words": _vocabulary(catalogue, synonyms),
    }
    return SearchFiles(add("index", index), add("docs", meta), files)


def _vocabulary(catalogue: Catalogue, synonyms: list[list[str]]) -> list[str]:
    """Words offered as "did you mean" when a search finds nothing: titles and keywords."""
    words: set[str] = set()
    for s in catalogue.services:
        for text in [s.title, *s.keywords, *[w for group in synonyms for w in group]]:
            words.update(
                w for w in re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", text) if w.lower() not in STOP_DE
            )
    return sorted(words)


def _documents(catalogue: Catalogue):
    for s in catalogue.services:
        for lang in ("de", "en"):
            tr = None if lang == "de" else catalogue.translation(lang, s.id)
            if lang != "de" and tr is None:
                continue
            src = tr or s
            topics = [t for t in s.topics]
            topic_words = " ".join(catalogue.topic_label(t, lang) for t in s.topics)
            body = " ".join(
                [
                    src.description,
                    " ".join(src.requirements or s.requirements),
                    " ".join(d.name for d in (src.documents or s.documents)),
                    " ".join(src.process or s.process),
                ]
            )
            yield (
                f"{lang}:{s.id}",
                lang,
                False,
                service_url(s.id, lang),
                {
                    "title": src.title,
                    "summary": src.summary,
                    "keywords": " ".join(src.keywords),
                    "topics": topic_words,
                    "body": body,
                },
                topics,
            )
            easy = tr.easy if tr else s.easy
            if easy is not None:
                yield (
                    f"{lang}:{s.id}:easy",
                    lang,
                    True,
                    service_url(s.id, lang, easy=True),
                    {
                        "title": easy.title,
                        "summary": src.summary,
                        "keywords": "",
                        "topics": topic_words,
                        "body": easy.text,
                    },
                    topics,
                )


def _related_synonyms(fields: dict[str, str], synonyms: list[list[str]]) -> list[str]:
    """Groups named in what a page is *about* (title, keywords, summary), not in passing."""
    text = " " + " ".join(fields[f] for f in ("title", "keywords", "summary")).lower() + " "
    out: list[str] = []
    for group in synonyms:
        if any(re.search(rf"(?<!\w){re.escape(w.lower())}(?!\w)", text) for w in group):
            out.extend(group)
    return out


def lunr_scripts() -> dict[str, str]:
    """lunr.js and its German stemmer, served from the site: taken from the installed,
    pinned MkDocs package, which ships them for its own search."""
    import mkdocs

    root = Path(mkdocs.__file__).parent / "contrib" / "search"
    sources = {
        "lunr.js": root / "templates" / "search" / "lunr.js",
        "lunr.stemmer.support.js": root / "lunr-language" / "lunr.stemmer.support.js",
        "lunr.de.js": root / "lunr-language" / "lunr.de.js",
    }
    return {f"{BASE}{name}": path.read_text(encoding="utf-8") for name, path in sources.items()}
