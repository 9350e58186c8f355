"""Checks that keep easy-language text easy, run by ``servicefinder validate``.

The rules follow the common Leichte Sprache / easy-read guidance: short sentences with one
statement each, short or hyphenated words, active voice, no negations, digits instead of
number words, no abbreviations; plus one readability figure per language (the Wiener
Sachtextformel for German, Flesch reading ease for English). Each finding names the line
and the rule, so an editor knows what to change. Findings are warnings; ``--strict`` makes
them fail the build.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.content.schema import EasyLanguageRules

_WORD = re.compile(r"[A-Za-zÄÖÜäöüß]+(?:[-·][A-Za-zÄÖÜäöüß]+)*")
#: a sentence ends at . ! ? or : unless the dot closes a one-letter abbreviation (z. B.)
_SENTENCE_END = re.compile(r"(?<=[.!?:])(?<!\b[A-Za-z]\.)\s+")
_VOWEL_GROUPS = {
    "de": re.compile(r"(?:äu|eu|ei|ai|au|ie|[aeiouäöüy])", re.IGNORECASE),
    "en": re.compile(r"[aeiouy]+", re.IGNORECASE),
}
#: the languages this checker has rules for; texts in others are not checked
EASY_RULES_FOR = frozenset(_VOWEL_GROUPS)
_PASSIVE = {
    "de": re.compile(r"\b(?:wird|werden|wurde|wurden|worden)\b.*\bge\w+(?:t|en)\b", re.IGNORECASE),
    "en": re.compile(r"\b(?:is|are|was|were|be|been|being)\s+(?:\w+ly\s+)?\w+ed\b", re.IGNORECASE),
}
_NEGATION = {
    "de": re.compile(
        r"\b(?:nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nichts)\b", re.IGNORECASE
    ),
    "en": re.compile(r"\b(?:not|no|never|nothing|none|cannot)\b|n't\b", re.IGNORECASE),
}
_NUMBER_WORDS = {
    "de": re.compile(
        r"\b(?:zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig"
        r"|dreißig|vierzig|fünfzig|hundert|tausend)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty"
        r"|thirty|forty|fifty|hundred|thousand)\b",
        re.IGNORECASE,
    ),
}
_ABBREVIATION = re.compile(
    r"\b(?:z\.\s?B|d\.\s?h|u\.\s?a|usw|bzw|ggf|ca|evtl|inkl|Nr|e\.g|i\.e|etc)\.|\b[A-ZÄÖÜ]{2,}\b"
)


_SHORTER = {
    "de": "use a shorter word or split it with a hyphen (Eingliederungs-Hilfe)",
    "en": "use a shorter word",
}


@dataclass(frozen=True)
class Finding:
    """One rule broken on one line of the text (1-based, relative to the text)."""

    line: int
    rule: str
    message: str


def syllables(word: str, lang: str) -> int:
    """Vowel groups as a syllable estimate; diphthongs count once."""
    return max(
        1,
        len(_VOWEL_GROUPS[lang].findall(word.lower().removesuffix("e") if lang == "en" else word)),
    )


def check_easy_text(text: str, lang: str, limits: EasyLanguageRules | None = None) -> list[Finding]:
    """Every rule on every line, then the readability of the whole text."""
    limits = limits or EasyLanguageRules()
    findings: list[Finding] = []
    all_sentences: list[list[str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("#-*0123456789. ").strip()
        if not line:
            continue
        for sentence in _SENTENCE_END.split(line):
            words = _WORD.findall(sentence)
            if not words:
                continue
            all_sentences.append(words)
            findings.extend(_sentence_findings(number, sentence, words, lang, limits))
    findings.extend(_readability(all_sentences, lang, limits))
    return findings


def _sentence_findings(
    number: int, sentence: str, words: list[str], lang: str, limits: EasyLanguageRules
) -> list[Finding]:
    out = []
    if len(words) > limits.max_sentence_words:
        out.append(
            Finding(
                number,
                "sentence-length",
                f"sentence has {len(words)} words; at most {limits.max_sentence_words}: split it",
            )
        )
    for word in words:
        parts = re.split(r"[-·]", word)
        long_parts = [p for p in parts if syllables(p, lang) > limits.max_word_syllables]
        if long_parts:
            out.append(
                Finding(
                    number,
                    "long-word",
                    f"{word!r} has {syllables(long_parts[0], lang)} syllables; "
                    f"at most {limits.max_word_syllables}: {_SHORTER[lang]}",
                )
            )
    checks = [
        ("passive", _PASSIVE[lang], "passive voice; say who does what"),
        ("negation", _NEGATION[lang], "negation {m!r}; say it positively"),
        ("number-word", _NUMBER_WORDS[lang], "number written as a word {m!r}; write digits"),
        ("abbreviation", _ABBREVIATION, "abbreviation {m!r}; write it out or explain it"),
    ]
    for rule, pattern, message in checks:
        match = pattern.search(sentence)
        if match:
            out.append(Finding(number, rule, message.format(m=match.group(0))))
    return out


def wiener_sachtextformel(sentences: list[list[str]]) -> float:
    """First Wiener Sachtextformel: roughly the school year a German text suits (4 = easy)."""
    words = [w for s in sentences for w in s]
    n = len(words)
    ms = 100 * sum(syllables(w, "de") >= 3 for w in words) / n
    sl = n / len(sentences)
    iw = 100 * sum(len(w) > 6 for w in words) / n
    es = 100 * sum(syllables(w, "de") == 1 for w in words) / n
    return 0.1935 * ms + 0.1672 * sl + 0.1297 * iw - 0.0327 * es - 0.875


def flesch_reading_ease(sentences: list[list[str]]) -> float:
    """Flesch reading ease for English: 100 is very easy, 60 plain English."""
    words = [w for s in sentences for w in s]
    n = len(words)
    syl = sum(syllables(w, "en") for w in words)
    return 206.835 - 1.015 * (n / len(sentences)) - 84.6 * (syl / n)


#: readability formulas average over a text; below this many words they mostly measure noise
READABILITY_MIN_WORDS = 30


def _readability(sentences: list[list[str]], lang: str, limits: EasyLanguageRules) -> list[Finding]:
    if sum(len(s) for s in sentences) < READABILITY_MIN_WORDS:
        return []
    if lang == "de":
        score = wiener_sachtextformel(sentences)
        if score > limits.max_wiener:
            return [
                Finding(
                    1,
                    "readability",
                    f"Wiener Sachtextformel is {score:.1f}; at most "
                    f"{limits.max_wiener:.1f}: use shorter words "
                    "and sentences",
                )
            ]
        return []
    score = flesch_reading_ease(sentences)
    if score < limits.min_flesch:
        return [
            Finding(
                1,
                "readability",
                f"Flesch reading ease is {score:.0f}; at least "
                f"{limits.min_flesch:.0f}: use shorter words and "
                "sentences",
            )
        ]
    return []
