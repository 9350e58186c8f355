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
  and cut to their first five letters, then a final vowel is dropped, so the case endings
  of one word meet ("допомога", "допомоги", "допомогу" -> "допом"; "гроші", "грошей" ->
  "грош").
- In Ukrainian and Arabic, words in Latin letters (German names of offices and benefits)
  get the German stemmer, as ``lunr.de.js`` stems them in the browser.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer

#: languages this module handles
LANGUAGES = frozenset({"tr", "ar", "uk"})

_WORD = re.compile(r"[^\W_]+")
_LATIN = re.compile(r"[0-9a-zäöüß]+")
_AR_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
_APOSTROPHES = re.compile("['\u2019\u02bc]")
_AR_PREFIXES = ("وال", "بال", "كال", "فال", "لل", "ال")
_AR_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ية", "ه", "ي")
_UK_VOWELS = "аеєиіїоуюяь"

#: function words, and the question words and fillers of a question as typed ("як отримати",
#: "كيف أحصل على", "nasıl alabilirim"): not search terms. Written as people spell them;
#: :data:`STOP` holds them folded, as :func:`words` compares them.
_STOP_WORDS = {
    "tr": """ve ile bir bu da de için mi mı mu mü ne ya veya ama çok gibi daha nasıl nedir
    nerede nereye neden niçin kim kime hangi kaç ben sen biz siz onlar bana beni benim bize
    size sana sizin var yok değil ise eğer lazım gerek gerekiyor istiyorum alabilirim
    alabilir alırım almak miyim mıyım muyum yapmalıyım yapabilirim olarak olan alınır
    başvuru başvurusu başvurmak başvurabilirim""",
    "ar": """في من على إلى الى عن أن ان هذا هذه ما لا و أو او مع كيف ماذا متى أين اين هل
    لماذا كم أي اي أنا انا أنت انت نحن هو هي هم لي لدي عندي أستطيع استطيع أريد اريد أحتاج
    احتاج الحصول أحصل احصل للحصول يمكنني يمكن كان يكون ليس لست عند إلى أفعل افعل تقديم
    طلب""",
    "uk": """і й та в у на з із до для що як не по або це чи де коли хто чому скільки який
    яка які яке мені мене мій моя моє мої я ви ми він вона вони ти від про за а але ні так
    цей ця ці є можу може можна треба потрібно потрібна потрібен хочу отримати отримую
    подати будь ласка маю немає нема якщо куди дуже ще вже тільки свій своя свої його її
    їх нам вам нас вас заява заяву заяви подати подання""",
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


STOP: dict[str, frozenset[str]] = {
    lang: frozenset(fold(w, lang) for w in text.split()) for lang, text in _STOP_WORDS.items()
}


def words(text: str, lang: str) -> list[str]:
    return [w for w in _WORD.findall(fold(text, lang)) if w not in STOP[lang]]


@lru_cache(maxsize=65536)
def stem(word: str, lang: str) -> str:
    """The term of a folded word. In Ukrainian and Arabic a word in Latin letters is a German
    or English name ("Bürgergeld", "Jobcenter", "Schwerbehindertenausweis"), stemmed as
    German: cut to five letters, "Behinderung" and "Behindertenausweis" would be one term."""
    if lang == "tr":
        return str(_turkish().stemWord(word))
    if _LATIN.fullmatch(word):
        return str(_german().stemWord(fold_latin(word)))
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
    word = word[:5]
    if len(word) > 3 and word[-1] in _UK_VOWELS:
        return word[:-1]
    return word


def fold_latin(word: str) -> str:
    """German spellings without umlauts as with them, ß as ss (search_index.fold_de)."""
    word = word.replace("ß", "ss").replace("ae", "ä").replace("oe", "ö")
    return re.sub(r"(?<!q)ue", "ü", word)


@lru_cache(maxsize=1)
def _german():
    return snowballstemmer.stemmer("german")


@lru_cache(maxsize=1)
def _turkish():
    return snowballstemmer.stemmer("turkish")
