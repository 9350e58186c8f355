"""How search text is cut into terms in the languages beyond German and English.

``site_overrides/assets/search.js`` does exactly the same to a query (its ``LANGS`` part
mirrors this module), and ``tests/browser/test_languages.py`` runs both on the same words:

- Turkish: Turkish casing (I -> ı, İ -> i), then Snowball's Turkish stemmer, the algorithm
  lunr-languages 1.14.0 ships as ``lunr.tr.js`` (the browser runs that file).
- Arabic: neither side can run the other's Arabic stemmer (lunr.ar.js and Snowball's Arabic
  agree on 21 of 40 sample words), so both run the light stemmer written here, after the
  usual normalisation (diacritics and tatweel removed, alef forms, ta marbuta, alef maqsura
  folded): the definite article and a leading "wa" are removed, then one common suffix.
- Ukrainian: no stemmer exists in either library; words are folded (apostrophes dropped)
  and cut to their first five letters, the final vowel of shorter words dropped, so the
  case endings of one word meet ("допомога", "допомоги", "допомогу" -> "допом").
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

#: languages this module handles
LANGUAGES = frozenset({"tr", "ar", "uk"})

_WORD = re.compile(r"[^\W_]+")
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_APOSTROPHES = re.compile("['\u2019\u02bc]")
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ي")
_UK_VOWELS = "аеєиіїоуюяь"

STOP: dict[str, frozenset[str]] = {
    "tr": frozenset("ve ile bir bu da de için mi mu ne ya veya ama çok gibi daha".split()),
    "ar": frozenset("في من على إلى الى عن أن ان هذا هذه ما لا و أو او مع".split()),
    "uk": frozenset("і й та в у на з із до для що як не по або це чи".split()),
}


def fold(text: str, lang: str) -> str:
    """Lower case and spelling variants as one (the query gets the same)."""
    if lang == "tr":
        return text.replace("I", "ı").replace("İ", "i").lower()
    if lang == "ar":
        text = _AR_MARKS.sub("", unicodedata.normalize("NFC", text))
        for a, b in (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ى", "ي"), ("ة", "ه")):
            text = text.replace(a, b)
        return text
    return _APOSTROPHES.sub("", text.lower())


def words(text: str, lang: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text, lang)) if w not in STOP[lang]]


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """The term of a folded word."""
    if lang == "tr":
        return str(_turkish().stemWord(word))
    if lang == "ar":
        return arabic_light(word)
    return ukrainian_cut(word)


def arabic_light(word: str) -> str:
    if len(word) >= 4 and word.startswith("و"):
        word = word[1:]
    for prefix in _AR_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 2:
            word = word[len(prefix) :]
            break
    for suffix in _AR_SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 2:
            return word[: -len(suffix)]
    return word


def ukrainian_cut(word: str) -> str:
    if len(word) > 5:
        return word[:5]
    if len(word) > 3 and word[-1] in _UK_VOWELS:
        return word[:-1]
    return word


@lru_cache(maxsize=1)
def _turkish():
    return snowballstemmer.stemmer("turkish")
