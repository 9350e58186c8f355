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
from functools import lru_cache

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
#: forms of "werden" and "sein" that, with a past participle, make the passive
_WERDEN = re.compile(r"\b(?:wird|werden|wurde|wurden|worden|werde|wirst|werdet)\b", re.I)
_SEIN = re.compile(r"\b(?:ist|sind|war|waren)\b", re.I)
#: a German past participle: ge...t/ge...en, or an inseparable prefix (be-, ver-, er-,
#: ent-, zer-, über-, miss-, emp-) or -ieren verb ending in -t; separable verbs put
#: their prefix before the ge- (aus-ge-zahlt) and are covered by the first form
_PARTICIPLE = re.compile(
    r"^(?:\w*ge\w{2,}(?:t|en)|(?:be|ver|er|ent|zer|über|miss|emp)\w{2,}t|\w{3,}iert)$", re.I
)
#: strong participles of inseparable verbs (no ge-, ending in -en like an infinitive)
_STRONG_PARTICIPLES = frozenset(
    [
        "entschieden",
        "beschrieben",
        "verschrieben",
        "unterschrieben",
        "verboten",
        "bewiesen",
        "empfohlen",
        "verliehen",
        "erhoben",
        "überwiesen",
        "vergeben",
        "übernommen",
        "verstanden",
        "bestanden",
        "entlassen",
        "verlassen",
        "erlassen",
        "verwiesen",
        "zugewiesen",
        "angewiesen",
    ]
)
#: infinitives and other words that begin with ge- and end like a participle
_NOT_PARTICIPLES = frozenset(
    [
        "geben",
        "gehen",
        "gelten",
        "gehören",
        "gewinnen",
        "genießen",
        "gestalten",
        "gebrauchen",
        "gefallen",
        "geschehen",
        "genehmigen",
        "gewähren",
        "gestatten",
        "gedenken",
        "gelingen",
        "gewöhnen",
        "gegen",
        "gestern",
        "genug",
        "genau",
        "gerne",
        "gern",
        "gesund",
        "gemeinsam",
        "geeignet",
        "gemeint",
        "gesetzt",
        "erst",
        "bereit",
        "beliebt",
        "bekannt",
        "berechtigt",
        "verheiratet",
        "verwandt",
        "verletzt",
        "erlaubt",
    ]
)
#: participles that with "sein" form the active perfect or a plain state, not the passive
_SEIN_ACTIVE = frozenset(
    [
        "gekommen",
        "gegangen",
        "geblieben",
        "gewesen",
        "geworden",
        "gefahren",
        "gezogen",
        "umgezogen",
        "eingezogen",
        "ausgezogen",
        "gestorben",
        "geboren",
        "gelaufen",
        "geflogen",
        "gereist",
        "gestiegen",
        "gefallen",
        "passiert",
        "geschehen",
        "angekommen",
        "geöffnet",
        "geschlossen",
        "gelungen",
        "verheiratet",
    ]
)
_AGENT = re.compile(r"\b(?:von|vom)\b", re.I)
_INSEPARABLE_EN = re.compile(r"^(?:be|ver|er|ent|zer|über)\w{3,}en$", re.I)
_EN_PASSIVE = re.compile(
    r"\b(?:is|are|was|were|be|been|being|get|gets|got)\s+(?:\w+ly\s+|not\s+|also\s+)?"
    r"(\w+ed|paid|sent|given|taken|made|done|seen|known|written|shown|told|held|found|kept"
    r"|brought|bought|chosen|spent|sold|lost|meant|read)\b",
    re.IGNORECASE,
)
#: -ed words after "is/are" that describe a state of the person, not a passive action
_EN_STATES = frozenset(
    [
        "tired",
        "interested",
        "married",
        "worried",
        "scared",
        "excited",
        "bored",
        "pleased",
        "allowed",
        "called",
        "retired",
        "disabled",
        "divorced",
        "unemployed",
        "employed",
        "supposed",
        "used",
    ]
)
_NEGATION = {
    "de": re.compile(
        r"\b(?:nicht|kein|keine|keinen|keinem|keiner|keines|nie|niemals|nichts|niemand\w*"
        r"|nirgends|weder)\b",
        re.IGNORECASE,
    ),
    "en": re.compile(
        r"\b(?:not|no|never|nothing|none|cannot|nobody|neither|nor|nowhere)\b|n't\b",
        re.IGNORECASE,
    ),
}
_DE_NUMBERS = (
    r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|dreizehn|vierzehn"
    r"|fünfzehn|sechzehn|siebzehn|achtzehn|neunzehn|zwanzig|dreißig|vierzig|fünfzig"
    r"|sechzig|siebzig|achtzig|neunzig|hundert|tausend"
)
_EN_NUMBERS = (
    r"two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty"
    r"|seventy|eighty|ninety|hundred|thousand"
)
_NUMBER_WORDS = {
    # compounds too (dreimal, zweihundert, einundzwanzig); "acht" of "acht geben" is
    # an idiom, not a number (Geben Sie acht auf die Frist.)
    "de": re.compile(
        rf"\b(?:(?:ein|{_DE_NUMBERS})und)?(?:{_DE_NUMBERS})(?:{_DE_NUMBERS}|mal)*\b"
        r"|\beinhundert\b|\beintausend\b",
        re.IGNORECASE,
    ),
    "en": re.compile(rf"\b(?:{_EN_NUMBERS})(?:-(?:{_EN_NUMBERS}))?\b", re.IGNORECASE),
}
_ACHT_IDIOM = re.compile(
    r"\b(?:geb\w*|gib\w*|gab\w*|nehm\w*|nimm\w*|nahm\w*)\b[^.!?]*\bacht\b"
    r"(?=\s*(?:auf|darauf|[.!?,]|$))|\bacht(?:zu)?geben\b|\bachtgeben\b",
    re.IGNORECASE,
)
_ABBREVIATION = re.compile(
    r"\b(?:z\.\s?B|d\.\s?h|u\.\s?a|o\.\s?Ä|u\.\s?U|usw|bzw|ggf|ca|evtl|inkl|zzgl|Nr|Tel|Str|vgl"
    r"|Abs|Dr|Hr|Fr|max|min|e\.g|i\.e|etc|approx|incl|Mr|Mrs|Ms|St)\."
    # two capitals in one word: SGB, WoGG, BAföG, KiTa
    r"|\b(?=[A-Za-zÄÖÜäöüß]*[A-ZÄÖÜ][a-zäöüß]*[A-ZÄÖÜ])[A-Za-zÄÖÜäöüß]{2,}\b"
)
#: a reviewable exception written at the end of the line it concerns:
#: ``Das gilt nicht für Studierende. [[easy-ok negation: the exclusion must be stated]]``
EXCEPTION = re.compile(r"\s*\[\[easy-ok\s+([a-z, -]+?)\s*:\s*([^\]]*)\]\]\s*$")
#: the rules a sentence can break (readability is a figure over the whole text)
SENTENCE_RULES = (
    "sentence-length",
    "long-word",
    "passive",
    "negation",
    "number-word",
    "abbreviation",
)


def is_passive(sentence: str, lang: str) -> bool:
    """German: a form of "werden" with a past participle (or a strong participle of an
    inseparable verb), or "ist/sind" with a participle at the end of the sentence that is
    not a perfect of motion or a state (Sie sind umgezogen, Das Amt ist geöffnet).
    English: a form of "be"/"get" with a participle, except words for a person's state."""
    if lang == "en":
        return any(m.group(1).lower() not in _EN_STATES for m in _EN_PASSIVE.finditer(sentence))
    words = [w.lower() for w in _WORD.findall(sentence)]
    if _WERDEN.search(sentence):
        for w in words:
            if w in _STRONG_PARTICIPLES or (
                _PARTICIPLE.match(w) and w not in _NOT_PARTICIPLES and len(w) > 4
            ):
                return True
        # "vom Amt beraten": an agent with von/vom makes a participle that looks like
        # an infinitive (beraten, vergeben) a passive one
        return bool(_AGENT.search(sentence)) and any(_INSEPARABLE_EN.match(w) for w in words)
    if _SEIN.search(sentence) and words:
        last = words[-1]
        return bool(
            _PARTICIPLE.match(last) and last not in _NOT_PARTICIPLES and last not in _SEIN_ACTIVE
        ) or (last in _STRONG_PARTICIPLES)
    return False


def number_word(sentence: str, lang: str) -> str | None:
    """The first number written as a word, or None."""
    text = _ACHT_IDIOM.sub(" ", sentence) if lang == "de" else sentence
    match = _NUMBER_WORDS[lang].search(text)
    return match.group(0) if match else None


#: the parts of a word joined by a hyphen or a middle dot (Eingliederungs-Hilfe)
_WORD_PARTS = re.compile(r"[-·]")

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


@lru_cache(maxsize=1 << 16)
def syllables(word: str, lang: str) -> int:
    """Vowel groups as a syllable estimate; diphthongs count once."""
    if lang == "en":  # silent final e (make); "every" is said ev-ry
        word = word.lower().removesuffix("e").replace("every", "evry")
    return max(1, len(_VOWEL_GROUPS[lang].findall(word)))


def check_easy_text(text: str, lang: str, limits: EasyLanguageRules | None = None) -> list[Finding]:
    """Every rule on every line, then the readability of the whole text."""
    limits = limits or EasyLanguageRules()
    findings: list[Finding] = []
    all_sentences: list[list[str]] = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip().lstrip("#-*0123456789. ").strip()
        allowed: set[str] = set()
        exception = EXCEPTION.search(line)
        if exception:
            line = line[: exception.start()]
            allowed, problem = _read_exception(exception)
            if problem:
                findings.append(Finding(number, "exception", problem))
        if not line:
            continue
        found: list[Finding] = []
        for sentence in _SENTENCE_END.split(line):
            words = _WORD.findall(sentence)
            if not words:
                continue
            all_sentences.append(words)
            found.extend(_sentence_findings(number, sentence, words, lang, limits))
        findings.extend(f for f in found if f.rule not in allowed)
        unused = allowed - {f.rule for f in found}
        if unused:
            findings.append(
                Finding(
                    number,
                    "exception",
                    f"the line breaks no rule {', '.join(sorted(unused))}; remove the exception",
                )
            )
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
        parts = _WORD_PARTS.split(word)
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
    if is_passive(sentence, lang):
        out.append(Finding(number, "passive", "passive voice; say who does what"))
    negation = _NEGATION[lang].search(sentence)
    if negation:
        out.append(
            Finding(
                number,
                "negation",
                f"negation {negation.group(0)!r}; say it positively, or mark a needed "
                "exclusion with [[easy-ok negation: reason]] at the end of the line",
            )
        )
    number_found = number_word(sentence, lang)
    if number_found:
        out.append(
            Finding(
                number, "number-word", f"number written as a word {number_found!r}; write digits"
            )
        )
    abbreviation = _ABBREVIATION.search(sentence)
    if abbreviation:
        out.append(
            Finding(
                number,
                "abbreviation",
                f"abbreviation {abbreviation.group(0)!r}; write it out or explain it",
            )
        )
    return out


def sentence_rules(sentence: str, lang: str, limits: EasyLanguageRules | None = None) -> set[str]:
    """The rules one sentence breaks (for the labelled corpus and its bench)."""
    words = _WORD.findall(sentence)
    limits = limits or EasyLanguageRules()
    return {f.rule for f in _sentence_findings(1, sentence, words, lang, limits)}


def _read_exception(match: re.Match[str]) -> tuple[set[str], str]:
    """The rules an exception allows, and what is wrong with it (an unknown rule, no
    reason): an exception is reviewed like code, so it must say why."""
    rules = {r.strip() for r in match.group(1).split(",") if r.strip()}
    unknown = rules - set(SENTENCE_RULES)
    if unknown:
        return rules - unknown, (
            f"unknown rule {', '.join(sorted(unknown))} in the exception; "
            f"rules: {', '.join(SENTENCE_RULES)}"
        )
    if len(match.group(2).split()) < 2:
        return rules, "an exception needs a reason after the colon: why the rule cannot hold"
    return rules, ""


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
