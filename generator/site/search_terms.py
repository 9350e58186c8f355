"""Index terms beyond the words of a page: legal references and numbered synonyms.

``search.js`` reads a query the same way (its ``lawTerms`` and ``joinNumerals``), so:

* A service's legal basis becomes terms of its own field: ``sgb12`` for the Twelfth Book
  of the Social Code and ``sgb12p27`` for its section 27. "SGB XII", "SGB 12",
  "12. Buch", "Zwölftes Buch" and "§ 27 SGB XII" in a query become the same terms, so a
  search for SGB XII does not find services that only mention SGB IX in passing.
* A synonym with a number or a Roman numeral ("ALG II", "Hartz 4") is also indexed as
  one word in both spellings ("alg2", "algii"), so "ALG2", "ALG 2" and "ALG II" all
  find what "Arbeitslosengeld II" finds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import pairwise

from lunr.stemmer import PorterStemmer

from generator.content.schema import LegalRef

ROMAN = {
    "i": 1,
    "ii": 2,
    "iii": 3,
    "iv": 4,
    "v": 5,
    "vi": 6,
    "vii": 7,
    "viii": 8,
    "ix": 9,
    "x": 10,
    "xi": 11,
    "xii": 12,
    "xiii": 13,
    "xiv": 14,
}
TO_ROMAN = {n: r for r, n in ROMAN.items()}
_SGB = re.compile(r"sgb\s*([ivx]+|\d{1,2})", re.IGNORECASE)


def law_code(law: str) -> str:
    """The one-word code of a law: "SGB XII" and "SGB 12" -> "sgb12", "VwVfG" -> "vwvfg"."""
    m = _SGB.fullmatch(law.strip())
    if m:
        book = m.group(1).lower()
        number = ROMAN.get(book) or (int(book) if book.isdigit() else None)
        if number:
            return f"sgb{number}"
    return re.sub(r"[^0-9a-z]", "", law.lower())


def law_terms(refs: Iterable[LegalRef]) -> list[str]:
    """The terms of a legal basis: each law's code, and code + "p" + section."""
    out: set[str] = set()
    for ref in refs:
        code = law_code(ref.law)
        out.add(code)
        if ref.section:
            out.add(f"{code}p{re.sub(r'[^0-9a-z]', '', ref.section.lower())}")
    return sorted(out)


def numeral_variants(phrases: Iterable[str]) -> list[str]:
    """One-word spellings of phrases ending in a number or numeral: "ALG II" -> "alg2",
    "algii"; "Hartz 4" -> "hartz4", "hartziv"."""
    out: set[str] = set()
    for phrase in phrases:
        words = re.findall(r"[0-9a-zäöüß]+", phrase.lower())
        for before, word in pairwise(words):
            number = ROMAN.get(word) or (int(word) if word.isdigit() else None)
            if number and number in TO_ROMAN and not before.isdigit():
                out.update({f"{before}{number}", f"{before}{TO_ROMAN[number]}"})
    return sorted(out)


def typo_words(text: str, stop: frozenset[str]) -> set[str]:
    """Words a misspelling in ``text`` may be corrected to: ``text`` is a title,
    keywords, a summary or a synonym (what pages are about), never the body, so a typo
    lands on a topic. A stage that goes through many texts keeps their words only."""
    return {w.lower() for w in re.findall(r"[A-Za-zÄÖÜäöüß]{5,}", text) if w.lower() not in stop}


class _PorterAsLunrJs(PorterStemmer):
    """lunr.py's Porter stemmer with step 1c as lunr.js has it (a final y becomes i after
    a consonant: "money" stays, "try" becomes "tri"), so the English index and the browser's
    stemming of a query agree; lunr.py documents this as its one departure from lunr.js."""

    b: str  # the word being stemmed (lunr.py sets it untyped)
    k: int

    def step1c(self) -> None:
        if re.fullmatch(r".+?[^aeiou]y", self.b[: self.k + 1]):
            self.b = self.b[: self.k] + "i" + self.b[self.k + 1 :]


_PORTER = _PorterAsLunrJs()


def english_stem(word: str) -> str:
    """The stem lunr.js's ``lunr.stemmer`` gives ``word`` (lower-cased)."""
    return _PORTER.stem(word.lower())
