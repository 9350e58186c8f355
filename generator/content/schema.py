"""The content schema: what a service, an authority and the site file may hold.

Declarative and documented field by field (German / English), because the same models
validate the YAML, feed the JSON Schema that editors' tools use for completion, and are the
frozen model the renderer reads. Field names follow the German federal FIM building blocks
(Leistungsbeschreibung: Voraussetzungen, Unterlagen, Kosten, Fristen, Bearbeitungsdauer,
Verfahrensablauf, Formulare, Rechtsgrundlage, Rechtsbehelf, Hinweise).
"""

from __future__ import annotations

import html
import re
import unicodedata
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from generator.content.urls import url_problem

# --- field types with editor-facing rules --------------------------------------------------

_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_RESERVED = {
    "con",
    "prn",
    "aux",
    "nul",
    *(f"com{i}" for i in range(10)),
    *(f"lpt{i}" for i in range(10)),
}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!?][^>]*>|<\s*[a-zA-Z]+[\s/]")
_BAD_URL = re.compile(
    r"\]\(\s*(?:javascript|data|vbscript)\s*:|^\s*(?:javascript|data|vbscript):",
    re.IGNORECASE | re.MULTILINE,
)
_ARS = re.compile(r"\d{2}|\d{3}|\d{5}|\d{9}|\d{12}")
_LEIKA = re.compile(r"\d{14}")
SLUG_MAX = 64
HTTPS_ONLY = frozenset({"https"})


def _fail(message: str, found: str = "") -> PydanticCustomError:
    """A refusal in the editor's words; ``found`` is the offending text as it stands in the
    value, so the report can point at its own line inside a long text."""
    # pydantic puts context values into the template one key after the other and knows no
    # escape for braces ("{{" stayed doubled in the report): the whole message is the
    # last value put in, so braces in it (an editor's "{red}") are left as they are
    return PydanticCustomError("servicefinder", "{message}", {"found": found, "message": message})


#: characters that change how a text reads without being seen: bidirectional embeddings,
#: overrides and isolates (U+202E shows "gnp.exe" as "exe.png") and zero-width characters (a
#: hidden break inside a word or a name, two ids that look the same). The directional
#: marks U+200E, U+200F and U+061C are not among them: right-to-left texts need them
#: beside numbers and Latin words. Refused in ids and addresses, reported in text.
INVISIBLE = re.compile("[\u180e\u200b-\u200d\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def invisible_problem(value: str) -> tuple[int, str] | None:
    """Where ``value`` holds an :data:`INVISIBLE` character, and which one; else None."""
    found = INVISIBLE.search(value)
    if found is None:
        return None
    char = found.group()
    name = unicodedata.name(char, "a control character")
    return found.start(), f"the invisible character U+{ord(char):04X} ({name})"


def _slug(value: str) -> str:
    invisible = invisible_problem(value)
    if invisible:
        raise _fail(
            f"an id may not hold {invisible[1]}; write lowercase letters a-z, digits and hyphens"
        )
    if len(value) > SLUG_MAX or not _SLUG.fullmatch(value):
        raise _fail(
            f"expected lowercase letters a-z, digits and single hyphens "
            f"(at most {SLUG_MAX} characters), got {value!r}"
        )
    if value in _RESERVED:
        raise _fail(f"{value!r} is a reserved file name on some systems; choose another")
    return value


#: what `servicefinder new` writes where an editor has to fill something in
PLACEHOLDER = "ERSETZEN:"


#: link destinations in every Markdown form: inline ``](x)``, reference ``[id]: x``, autolink
#: ``<x>``, and a bare line; checked after entities are decoded and blanks dropped, so
#: ``&#106;avascript:`` and ``java script:`` are caught like ``javascript:``
_LINK_SCHEME = re.compile(
    r"(?:\]\(|\]:|<|^)[\x00-\x20]*(?:javascript|data|vbscript):",
    re.IGNORECASE | re.MULTILINE,
)
_BLANKS_IN_WORD = re.compile(r"(?<=[a-zA-Z])[\x00-\x09\x0b-\x20]+(?=[a-zA-Z:])")


def markup_problem(value: str) -> tuple[int, str] | None:
    """Where ``value`` holds HTML or a script link, and what to say about it; else None.

    The one refusal for everything an editor writes: YAML text fields and Markdown pages.
    """
    if "<" not in value and ":" not in value and "&" not in value:
        return None  # no tag, no scheme, no entity that could spell one: most fields
    tag = _TAG.search(value)
    if tag:
        return tag.start(), (
            "HTML is not allowed in content; write plain text (Markdown in fields that say so)"
        )
    for line_start, line in _lines(value):
        decoded = _BLANKS_IN_WORD.sub("", html.unescape(line))
        if _BAD_URL.search(line) or _LINK_SCHEME.search(decoded):
            return line_start, "javascript:, data: and vbscript: links are not allowed"
    return None


def _lines(value: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for line in value.splitlines(keepends=True):
        out.append((offset, line))
        offset += len(line)
    return out


def _plain(value: str) -> str:
    if value.lstrip().startswith(PLACEHOLDER):
        raise _fail("this is still a placeholder from `servicefinder new`; replace it")
    found = markup_problem(value)
    if found:
        start = found[0]
        end = value.find("\n", start)
        raise _fail(found[1], value[start : end if end >= 0 else len(value)].rstrip())
    if not value.strip():
        raise _fail("expected text, got an empty value")
    return value.strip()


def _ars(value: str) -> str:
    if not _ARS.fullmatch(value):
        raise _fail(
            f"expected a regional key (ARS) of 2, 3, 5, 9 or 12 digits in quotes, got {value!r}"
        )
    return value


def _leika(value: str) -> str:
    if not _LEIKA.fullmatch(value):
        raise _fail(
            f"expected a LeiKa key of exactly 14 digits in quotes (as in the federal "
            f"service catalogue, e.g. from the FIM portal), got {value!r}"
        )
    return value


def _https(value: str) -> str:
    if not re.fullmatch(r"https://[^\s<>\"']+", value):
        raise _fail(f"expected a web address starting with https://, got {value!r}")
    problem = url_problem(value, schemes=HTTPS_ONLY)  # the check the templates make again
    if problem:
        raise _fail(f"{problem}, got {value!r}")
    return value


def _email(value: str) -> str:
    if not re.fullmatch(r"[^@\s<>]+@[^@\s<>]+\.[a-z]{2,}", value, re.IGNORECASE):
        raise _fail(f"expected an e-mail address like name@example.org, got {value!r}")
    return value


def _phone(value: str) -> str:
    if not re.fullmatch(r"\+?[0-9][0-9 ()/-]{2,30}", value):
        raise _fail(f"expected a phone number of digits, spaces and + ( ) / -, got {value!r}")
    return value


Slug = Annotated[
    str,
    AfterValidator(_slug),
    Field(json_schema_extra={"pattern": "^[a-z0-9]+(-[a-z0-9]+)*$", "maxLength": SLUG_MAX}),
]
#: the longest text a field holds: one line of text, and Markdown
TEXT_MAX, MARKDOWN_MAX = 2000, 20000
Text = Annotated[str, AfterValidator(_plain), Field(max_length=TEXT_MAX)]
Markdown = Annotated[str, AfterValidator(_plain), Field(max_length=MARKDOWN_MAX)]
Ars = Annotated[
    str,
    AfterValidator(_ars),
    Field(json_schema_extra={"pattern": "^([0-9]{2,3}|[0-9]{5}|[0-9]{9}|[0-9]{12})$"}),
]
#: the 14-digit key of the federal service catalogue (Leistungskatalog, LeiKa / FIM)
LeikaKey = Annotated[
    str, AfterValidator(_leika), Field(json_schema_extra={"pattern": "^[0-9]{14}$"})
]
Url = Annotated[str, AfterValidator(_https)]
Email = Annotated[str, AfterValidator(_email)]
Phone = Annotated[str, AfterValidator(_phone)]
Postcode = Annotated[str, Field(pattern=r"^\d{5}$")]


def doc(de: str, en: str, *examples: Any, **extra: Any) -> Any:
    """A field documented in both languages editors work in, with examples (a German and
    an English one where the value is text): editors' tools show both on hover."""
    return Field(description=f"{de} / {en}", examples=list(examples) or None, **extra)


class Strict(BaseModel):
    """Base of every content model: unknown fields are errors, values are not coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, allow_inf_nan=False)


# --- examples shared by several fields ----------------------------------------------------

_SOURCE = {
    "name": "Landkreis Northeim, Fachbereich Soziales",
    "url": "https://www.landkreis-northeim.de/",
}
_ADDRESS = {"street": "Medenheimer Straße 6/8", "postcode": "37154", "city": "Northeim"}
_FORMS = {
    "available": True,
    "online": False,
    "written_form_required": True,
    "informal_application": True,
    "personal_appearance": False,
}
_AMOUNT = {
    "id": "regelbedarf-erwachsene",
    "name": "Regelbedarf für Erwachsene",
    "period": "im Monat",
    "values": [{"from": "2024-01-01", "eur": 563}, {"from": "2025-01-01", "eur": 563}],
}
_EASY_DE = {
    "title": "Geld zum Leben",
    "text": "Sie haben wenig Geld.\nDann bekommen Sie vielleicht Hilfe vom Amt.",
}
_EASY_EN = {"title": "Money to live on", "text": "You have little money.\nThe office can help."}
_CONTACT = {
    "name": "Behördennummer 115",
    "phone": "115",
    "text": "Die 115 sagt Ihnen, welche Stelle zuständig ist.",
}
_LABEL = {"id": "geld-zum-leben", "de": "Geld zum Leben", "en": "Money to live on"}
_TERM_DE = {
    "term": "Antrag",
    "forms": ["Anträge", "Antrags"],
    "explanation": "Ein Antrag ist ein Brief an das Amt.",
}
_TERM_EN = {
    "term": "application",
    "forms": ["applications"],
    "explanation": "An application is a letter to the office.",
}


# --- eligibility pre-check ------------------------------------------------------------------
#
# A service's requirements as a small decision tree of yes/no and choice questions. Each
# answer leads to the next question or to an outcome; generator/content/eligibility.py checks
# that every question is reachable, every path ends in an outcome and no path loops.

_REASON_DE = "Sie bekommen kein Grundsicherungsgeld."
_REASON_EN = "You do not receive basic income support."


class EligibilityAnswer(Strict):
    next: Slug = doc(
        "Kennung der nächsten Frage oder des Ergebnisses",
        "Id of the next question or of the outcome",
        "eigene-mittel",
        "andere-leistung",
    )
    reason: Text | None = doc(
        "Was diese Antwort bedeutet; wird beim Ergebnis als Grund gezeigt",
        "What this answer means; shown with the outcome as a reason",
        _REASON_DE,
        _REASON_EN,
        default=None,
    )
    easy_reason: Text | None = doc(
        "Der Grund in Leichter Sprache",
        "The reason in easy language",
        "Sie bekommen kein Grundsicherungs-Geld.",
        "You get no basic income support.",
        default=None,
    )


class EligibilityChoice(EligibilityAnswer):
    label: Text = doc(
        "Text der Antwort", "Text of the answer", "Weniger als 3 Stunden", "Less than 3 hours"
    )
    easy_label: Text | None = doc(
        "Text der Antwort in Leichter Sprache",
        "Text of the answer in easy language",
        "Weniger als 3 Stunden",
        "Less than 3 hours",
        default=None,
    )


class EligibilityQuestion(Strict):
    id: Slug = doc(
        "Kennung der Frage, eindeutig in der Leistung",
        "Id of the question, unique in the service",
        "andere-leistungen",
    )
    text: Text = doc(
        "Die Frage",
        "The question",
        "Bekommen Sie Grundsicherungsgeld oder Grundsicherung im Alter?",
        "Do you receive basic income support for jobseekers or in old age?",
    )
    easy: Text | None = doc(
        "Die Frage in Leichter Sprache (nötig, wenn die Leistung eine Fassung in Leichter "
        "Sprache hat)",
        "The question in easy language (needed when the service has an easy variant)",
        "Bekommen Sie Grundsicherungs-Geld vom Jobcenter?",
        "Do you get basic income support from the job centre?",
        default=None,
    )
    hint: Text | None = doc(
        "Erklärung zur Frage",
        "Explanation of the question",
        "Gemeint ist: auf dem allgemeinen Arbeitsmarkt, für mehr als sechs Monate.",
        "This means: on the general labour market, for more than six months.",
        default=None,
    )
    if_yes: EligibilityAnswer | None = doc(
        "Wohin die Antwort Ja führt (Ja/Nein-Frage)",
        "Where the answer yes leads (yes/no question)",
        {"next": "andere-leistung", "reason": "Sie bekommen Grundsicherungsgeld."},
        {"next": "andere-leistung", "reason": "You receive basic income support."},
        default=None,
    )
    if_no: EligibilityAnswer | None = doc(
        "Wohin die Antwort Nein führt (Ja/Nein-Frage)",
        "Where the answer no leads (yes/no question)",
        {"next": "eigene-mittel", "reason": _REASON_DE},
        {"next": "eigene-mittel", "reason": _REASON_EN},
        default=None,
    )
    choices: list[EligibilityChoice] = doc(
        "Antworten einer Auswahlfrage (statt if_yes/if_no)",
        "Answers of a choice question (instead of if_yes/if_no)",
        [{"label": "Weniger als 3 Stunden", "next": "dauer"}],
        [{"label": "Less than 3 hours", "next": "dauer"}],
        default_factory=list,
    )


class EligibilityOutcome(Strict):
    id: Slug = doc(
        "Kennung des Ergebnisses, eindeutig in der Leistung",
        "Id of the outcome, unique in the service",
        "andere-leistung",
    )
    result: Literal["likely", "unlikely", "ask"] = doc(
        "Wahrscheinlich ja (likely), wahrscheinlich nein (unlikely) oder beim Amt fragen (ask)",
        "Probably yes (likely), probably no (unlikely), or ask the office (ask)",
        "likely",
        "ask",
    )
    text: Text = doc(
        "Erläuterung des Ergebnisses",
        "Explanation of the outcome",
        "Wer Grundsicherungsgeld bekommt, erhält keine Hilfe zum Lebensunterhalt.",
        "People who receive basic income support do not receive this help.",
    )
    easy: Text | None = doc(
        "Erläuterung in Leichter Sprache",
        "Explanation in easy language",
        "Sie bekommen schon Geld vom Jobcenter.",
        "You already get money from the job centre.",
        default=None,
    )
    related: list[Slug] = doc(
        "Leistungen, die stattdessen passen könnten (aus related)",
        "Services that might fit instead (from related)",
        ["kommunale-eingliederungsleistungen"],
        default_factory=list,
    )


class Eligibility(Strict):
    start: Slug = doc("Kennung der ersten Frage", "Id of the first question", "andere-leistungen")
    questions: list[EligibilityQuestion] = doc(
        "Fragen",
        "Questions",
        [
            {
                "id": "andere-leistungen",
                "text": "Bekommen Sie Grundsicherungsgeld?",
                "if_yes": {"next": "andere-leistung"},
                "if_no": {"next": "passt"},
            }
        ],
        [
            {
                "id": "andere-leistungen",
                "text": "Do you receive basic income support?",
                "if_yes": {"next": "andere-leistung"},
                "if_no": {"next": "passt"},
            }
        ],
        min_length=1,
    )
    outcomes: list[EligibilityOutcome] = doc(
        "Ergebnisse",
        "Outcomes",
        [{"id": "passt", "result": "likely", "text": "Die Hilfe kann für Sie passen."}],
        [{"id": "passt", "result": "likely", "text": "This help may be for you."}],
        min_length=1,
    )

    def page(
        self, translation: EligibilityTranslation | None = None, *, easy: bool = False
    ) -> dict[str, Any]:
        """The tree as one page shows it (see eligibility.page_wording); a method, so the
        page template needs nothing but the service it already has."""
        from generator.content.eligibility import page_wording

        return page_wording(self, translation, easy=easy)

    def script_part(self, page: dict[str, Any]) -> dict[str, Any]:
        """What precheck.js needs of ``page`` beside the list the page shows (see
        eligibility.script_part)."""
        from generator.content.eligibility import script_part

        return script_part(page)


class EligibilityAnswerText(Strict):
    reason: Text | None = doc(
        "Übersetzter Grund", "Translated reason", _REASON_EN, _REASON_DE, default=None
    )
    easy_reason: Text | None = doc(
        "Übersetzter Grund in einfacher Sprache",
        "Translated reason in easy read",
        "You get no basic income support.",
        "Sie bekommen kein Grundsicherungs-Geld.",
        default=None,
    )


class EligibilityChoiceText(EligibilityAnswerText):
    label: Text = doc(
        "Übersetzte Antwort", "Translated answer", "Less than 3 hours", "Weniger als 3 Stunden"
    )
    easy_label: Text | None = doc(
        "Übersetzte Antwort in einfacher Sprache",
        "Translated answer in easy read",
        "Less than 3 hours",
        "Weniger als 3 Stunden",
        default=None,
    )


class EligibilityQuestionText(Strict):
    id: Slug = doc(
        "Kennung der Frage in der deutschen Fassung",
        "Id of the question in the main file",
        "andere-leistungen",
    )
    text: Text = doc(
        "Übersetzte Frage",
        "Translated question",
        "Do you receive basic income support?",
        "Bekommen Sie Grundsicherungsgeld?",
    )
    easy: Text | None = doc(
        "Übersetzte Frage in einfacher Sprache",
        "Translated question in easy read",
        "Do you get basic income support?",
        "Bekommen Sie Grundsicherungs-Geld?",
        default=None,
    )
    hint: Text | None = doc(
        "Übersetzte Erklärung",
        "Translated explanation",
        "This means: for more than six months.",
        "Gemeint ist: für mehr als sechs Monate.",
        default=None,
    )
    if_yes: EligibilityAnswerText | None = doc(
        "Wortlaut zur Antwort Ja",
        "Wording for the answer yes",
        {"reason": "You receive basic income support."},
        {"reason": "Sie bekommen Grundsicherungsgeld."},
        default=None,
    )
    if_no: EligibilityAnswerText | None = doc(
        "Wortlaut zur Antwort Nein",
        "Wording for the answer no",
        {"reason": _REASON_EN},
        {"reason": _REASON_DE},
        default=None,
    )
    choices: list[EligibilityChoiceText] = doc(
        "Übersetzte Antworten, in der Reihenfolge der deutschen Fassung",
        "Translated answers, in the order of the main file",
        [{"label": "Less than 3 hours"}],
        [{"label": "Weniger als 3 Stunden"}],
        default_factory=list,
    )


class EligibilityOutcomeText(Strict):
    id: Slug = doc(
        "Kennung des Ergebnisses in der deutschen Fassung",
        "Id of the outcome in the main file",
        "passt",
    )
    text: Text = doc(
        "Übersetzte Erläuterung",
        "Translated explanation",
        "This help may be for you.",
        "Die Hilfe kann für Sie passen.",
    )
    easy: Text | None = doc(
        "Übersetzte Erläuterung in einfacher Sprache",
        "Translated explanation in easy read",
        "This help may be for you.",
        "Die Hilfe kann für Sie passen.",
        default=None,
    )


class EligibilityTranslation(Strict):
    questions: list[EligibilityQuestionText] = doc(
        "Übersetzte Fragen",
        "Translated questions",
        [{"id": "andere-leistungen", "text": "Do you receive basic income support?"}],
        [{"id": "andere-leistungen", "text": "Bekommen Sie Grundsicherungsgeld?"}],
    )
    outcomes: list[EligibilityOutcomeText] = doc(
        "Übersetzte Ergebnisse",
        "Translated outcomes",
        [{"id": "passt", "text": "This help may be for you."}],
        [{"id": "passt", "text": "Die Hilfe kann für Sie passen."}],
    )


# --- services ------------------------------------------------------------------------------


class RequiredDocument(Strict):
    name: Text = doc(
        "Name des Nachweises",
        "Name of the document",
        "Personalausweis oder Reisepass",
        "Identity card or passport",
    )
    note: Text | None = doc(
        "Erläuterung, z. B. Beispiele",
        "Explanation, e.g. examples",
        "Zum Beispiel Kontoauszüge der letzten drei Monate",
        "For example bank statements of the last three months",
        default=None,
    )
    required: bool = doc(
        "Immer nötig (true) oder nur im Einzelfall (false)",
        "Always needed (true) or only in some cases (false)",
        True,
        False,
        default=True,
    )


class Fees(Strict):
    text: Text = doc(
        "Kosten in Worten",
        "Fees in words",
        "Es fallen keine Gebühren an.",
        "There are no fees.",
    )
    amount_eur: float | None = doc(
        "Betrag in Euro, falls fest", "Amount in euros, if fixed", 0, 12.5, default=None, ge=0
    )


class Link(Strict):
    title: Text = doc(
        "Linktext, der ohne Umgebung verständlich ist",
        "Link text that makes sense on its own",
        "Antrag auf Sozialhilfe (PDF)",
        "Application for social assistance (PDF)",
    )
    url: Url = doc(
        "Adresse (https://)", "Address (https://)", "https://www.landkreis-northeim.de/formulare"
    )


class Forms(Strict):
    available: bool = doc("Formulare vorhanden", "Forms available", True, False)
    online: bool = doc("Online-Verfahren möglich", "Online procedure possible", True, False)
    written_form_required: bool = doc(
        "Schriftform erforderlich", "Written form required", True, False
    )
    informal_application: bool = doc(
        "Formloser Antrag möglich", "Informal application possible", True, False
    )
    personal_appearance: bool = doc(
        "Persönliches Erscheinen nötig", "Personal appearance required", True, False
    )
    note: Text | None = doc(
        "Wo es die Formulare gibt",
        "Where to get the forms",
        "Die Formulare gibt es im Sozialamt und auf der Website des Landkreises.",
        "The forms are available at the social welfare office and on the district's website.",
        default=None,
    )
    varies: list[
        Literal[
            "available",
            "online",
            "written_form_required",
            "informal_application",
            "personal_appearance",
        ]
    ] = doc(
        "Merkmale, deren Antwort vom Ort oder vom Einzelfall abhängt; die Seite sagt dann "
        "'je nach Stelle und Fall' statt ja oder nein",
        "Flags whose answer depends on the place or the case; the page then says 'depends "
        "on the office and the case' instead of yes or no",
        ["personal_appearance"],
        ["online", "personal_appearance"],
        default_factory=list,
    )
    links: list[Link] = doc(
        "Formulare und Online-Dienste",
        "Forms and online services",
        [{"title": "Antrag auf Sozialhilfe (PDF)", "url": "https://www.landkreis-northeim.de/"}],
        default_factory=list,
    )


class LegalRef(Strict):
    law: Text = doc("Abkürzung des Gesetzes", "Abbreviation of the law", "SGB XII", "SGB IX")
    section: Text | None = doc(
        "Paragraf ohne §-Zeichen", "Section without the § sign", "27a", "99", default=None
    )
    url: Url | None = doc(
        "Link zum Gesetzestext, falls das Gesetz nicht bekannt ist",
        "Link to the text, for laws not known to Servicefinder",
        "https://www.gesetze-im-internet.de/sgb_12/__27a.html",
        default=None,
    )


def _rate_ref(value: str) -> str:
    file, _, series = value.partition("/")
    if not (file and series and _slug(file) == file and _slug(series) == series):
        raise _fail("expected 'file/series', e.g. 'regelbedarf/stufe-1'")
    return value


RateRef = Annotated[str, AfterValidator(_rate_ref)]


class AmountValue(Strict):
    from_: date = Field(alias="from", description="Gültig ab / Valid from", examples=["2025-01-01"])
    eur: float = doc("Betrag in Euro", "Amount in euros", 563, 10000, ge=0)


class Amount(Strict):
    id: Slug = doc(
        "Kennung, eindeutig in der Leistung",
        "Identifier, unique in the service",
        "regelbedarf-erwachsene",
    )
    name: Text = doc(
        "Bezeichnung", "Name", "Regelbedarf für Erwachsene", "Standard rate for adults"
    )
    period: Text | None = doc(
        "Zeitraum, z. B. 'im Monat'",
        "Period, e.g. 'per month'",
        "im Monat",
        "per month",
        default=None,
    )
    values: list[AmountValue] = doc(
        "Beträge mit Gültigkeitsbeginn, älteste zuerst; leer, wo 'rates' sie liefert",
        "Amounts with start date, oldest first; empty where 'rates' gives them",
        _AMOUNT["values"],
        default_factory=list,
    )
    complete: bool = doc(
        "Die Reihe nennt jeden Wert seit dem ersten Datum; sonst sagt die Seite, dass Werte "
        "zwischen den Daten nicht verzeichnet sind",
        "The series lists every value since its first date; otherwise the page says that "
        "values between the dates are not recorded",
        True,
        False,
        default=False,
    )
    rates: RateRef | None = doc(
        "Werte aus einer Tabelle in content/rates/ (Datei/Reihe), z. B. zur jährlichen "
        "Fortschreibung der Regelbedarfe; dann ohne 'values' und 'complete'",
        "Values from a table in content/rates/ (file/series), e.g. the yearly update of the "
        "standard rates; then without 'values' and 'complete'",
        "regelbedarf/stufe-1",
        "regelbedarf/stufe-3",
        default=None,
    )

    @model_validator(mode="after")
    def _values_or_rates(self) -> Amount:
        if self.rates is None and not self.values:
            raise _fail("give the amount's 'values', or 'rates' naming a rates table series")
        if self.rates is not None and (self.values or self.complete):
            raise _fail(
                "'rates' gives the values and says whether they are complete; "
                "leave out 'values' and 'complete'"
            )
        return self


class RateSeries(Strict):
    id: Slug = doc("Kennung der Reihe", "Id of the series", "stufe-1", "stufe-3")
    name: Text = doc("Bezeichnung", "Name", "Regelbedarfsstufe 1", "Standard rate level 1")
    values: list[AmountValue] = doc(
        "Beträge mit Gültigkeitsbeginn, älteste zuerst",
        "Amounts with start date, oldest first",
        _AMOUNT["values"],
        min_length=1,
    )
    complete: bool = doc(
        "Die Reihe nennt jeden Wert seit dem ersten Datum",
        "The series lists every value since its first date",
        True,
        False,
        default=False,
    )


class RateTable(Strict):
    """Values a law updates for everyone at once (such as the standard rates each 1
    January): one file, read by every service that shows them."""

    id: Slug = doc("Kennung, gleich dem Dateinamen", "Id, equals the file name", "regelbedarf")
    name: Text = doc(
        "Name der Tabelle", "Name of the table", "Regelbedarfsstufen", "Standard rate levels"
    )
    law: Text = doc(
        "Rechtsgrundlage der Fortschreibung",
        "Legal basis of the update",
        "Anlage zu § 28 SGB XII",
        "Annex to section 28 SGB XII",
    )
    source: Source = doc("Quelle", "Source", _SOURCE)
    series: list[RateSeries] = doc(
        "Die Reihen der Tabelle",
        "The table's series",
        [{"id": "stufe-1", "name": "Regelbedarfsstufe 1", "values": _AMOUNT["values"]}],
        min_length=1,
    )


class Responsible(Strict):
    authority_kind: Slug = doc(
        "Art der zuständigen Stelle (aus site.yaml)",
        "Kind of responsible authority (from site.yaml)",
        "sozialamt",
        "jobcenter",
    )
    note: Text | None = doc(
        "Hinweis zur Zuständigkeit",
        "Note on responsibility",
        "Zuständig ist das Sozialamt Ihres Wohnorts.",
        "The social welfare office where you live is responsible.",
        default=None,
    )


class Easy(Strict):
    title: Text = doc(
        "Titel in Leichter Sprache", "Title in easy language", "Geld zum Leben", "Money to live on"
    )
    text: Markdown = doc(
        "Text in Leichter Sprache (Markdown): kurze Sätze, ein Satz je Zeile",
        "Easy-language text (Markdown): short sentences, one per line",
        _EASY_DE["text"],
        _EASY_EN["text"],
    )


class Source(Strict):
    name: Text = doc(
        "Herkunft des Textes",
        "Where the text comes from",
        "Landkreis Northeim, Fachbereich Soziales",
        "Northeim district, social services department",
    )
    url: Url | None = doc(
        "Link zur Quelle", "Link to the source", "https://www.landkreis-northeim.de/", default=None
    )
    dated: date | None = doc(
        "Stand der Quelle (wie auf der Quelle angegeben); leer, wo die Quelle kein Datum nennt",
        "Date of the source (as the source states it); empty where the source gives none",
        "2025-01-22",
        "2025-10-29",
        default=None,
        alias="date",
    )


#: the blocks of an office's details that can be marked as example data one by one;
#: "contact" is address, phone and e-mail together, each of which can also be named alone
ExampleBlock = Literal[
    "contact", "address", "phone", "email", "hours", "appointment", "accessibility"
]
#: the lines of the contact block, each markable on its own
CONTACT_LINES = ("address", "phone", "email")


class Area(Strict):
    ars: Ars = doc(
        "Regionalschlüssel (2 = Land, 5 = Kreis, 12 = Gemeinde)",
        "Regional key (2 = state, 5 = district, 12 = municipality)",
        "03155",
        "160530000000",
    )
    name: Text = doc(
        "Name des Gebiets", "Name of the area", "Landkreis Northeim", "Stadt Jena (City of Jena)"
    )


class FormerName(Strict):
    """A name that was in use until a law or an office changed it, so people who still use
    it find the page and are told what it is called now."""

    name: Text = doc("Früherer Name", "Former name", "Bürgergeld", "Hartz IV")
    changed: date = doc(
        "Tag, ab dem der neue Name gilt",
        "Day from which the new name applies",
        "2026-07-01",
    )


class Term(Strict):
    """A name the service's text uses that replaced an earlier one (a renamed benefit)."""

    name: Text = doc(
        "Der Name, wie er jetzt heißt und im Text steht",
        "The name as it is now and as the text uses it",
        "Grundsicherungsgeld",
    )
    former_names: list[FormerName] = doc(
        "Frühere Namen mit dem Tag der Änderung",
        "Former names with the day of the change",
        [{"name": "Bürgergeld", "changed": "2026-07-01"}],
        min_length=1,
    )


class Service(Strict):
    id: Slug = doc(
        "Kennung, zugleich Teil der Adresse; gleich dem Dateinamen",
        "Identifier, also part of the address; equals the file name",
        "hilfe-zum-lebensunterhalt",
    )
    leika: LeikaKey | None = doc(
        "LeiKa-Schlüssel (14 Ziffern) aus dem Leistungskatalog (FIM); das Beispiel zeigt "
        "nur das Format",
        "LeiKa key (14 digits) of the federal service catalogue (FIM); the example shows "
        "the format only",
        "99000000000000",
        default=None,
    )
    title: Text = doc(
        "Name der Leistung",
        "Name of the service",
        "Hilfe zum Lebensunterhalt",
        "Help with living costs",
    )
    summary: Text = doc(
        "Ein bis zwei Sätze: was, für wen",
        "One or two sentences: what, for whom",
        "Geld zum Leben für Menschen, die vorübergehend nicht arbeiten können.",
        "Money to live on for people who cannot work for a while.",
    )
    topics: list[Slug] = doc(
        "Lebenslagen (Kennungen aus site.yaml)",
        "Life situations (ids from site.yaml)",
        ["geld-zum-leben"],
        ["behinderung", "wohnen"],
        min_length=1,
    )
    keywords: list[Text] = doc(
        "Suchbegriffe und Synonyme",
        "Search terms and synonyms",
        ["Sozialhilfe", "Grundsicherung"],
        ["social assistance", "welfare"],
        default_factory=list,
    )
    former_names: list[FormerName] = doc(
        "Frühere Namen der Leistung mit dem Tag der Änderung: die Seite zeigt 'früher: ...', "
        "die Suche findet die Leistung auch unter dem alten Namen",
        "Former names of the service with the day of the change: the page says 'formerly: "
        "...', search finds the service by its old name too",
        [{"name": "Arbeitslosengeld II beantragen", "changed": "2023-01-01"}],
        default_factory=list,
    )
    terms: list[Term] = doc(
        "Umbenannte Begriffe, die der Text verwendet (z. B. eine Leistung mit neuem Namen): "
        "die Seite nennt den früheren Namen, die Suche findet die Leistung auch unter ihm",
        "Renamed terms the text uses (such as a benefit with a new name): the page names the "
        "former name, search finds the service by it too",
        [
            {
                "name": "Grundsicherungsgeld",
                "former_names": [{"name": "Bürgergeld", "changed": "2026-07-01"}],
            }
        ],
        default_factory=list,
    )
    as_of: date = doc(
        "Stand: wann der Text zuletzt geprüft wurde", "When the text was checked", "2025-11-01"
    )
    source: Source = doc("Quelle", "Source", _SOURCE)
    more_sources: list[Source] = doc(
        "Weitere Quellen, je mit Name, Link und Datum",
        "Further sources, each with name, link and date",
        [{"name": "BayernPortal", "url": "https://www.freistaat.bayern/", "date": "2025-01-22"}],
        [{"name": "Stadt Jena", "url": "https://www.jena.de/"}],
        default_factory=list,
    )
    description: Markdown = doc(
        "Leistungsbeschreibung (Markdown)",
        "Full description (Markdown)",
        "Die Hilfe zum Lebensunterhalt sichert das Nötige zum Leben: Essen, Kleidung, Wohnung.",
        "Help with living costs covers what you need to live: food, clothes, a home.",
    )
    requirements: list[Text] = doc(
        "Voraussetzungen",
        "Requirements",
        [
            "Sie wohnen im Landkreis Northeim.",
            "Sie können Ihren Lebensunterhalt nicht selbst bestreiten.",
        ],
        ["You live in the district of Northeim.", "You cannot pay for your living yourself."],
        default_factory=list,
    )
    documents: list[RequiredDocument] = doc(
        "Erforderliche Unterlagen",
        "Required documents",
        [{"name": "Personalausweis oder Reisepass"}, {"name": "Mietvertrag", "required": False}],
        [{"name": "Identity card or passport"}, {"name": "Tenancy agreement", "required": False}],
        default_factory=list,
    )
    fees: Fees = doc(
        "Kosten", "Fees", {"text": "Es fallen keine Gebühren an."}, {"text": "There are no fees."}
    )
    deadlines: Text | None = doc(
        "Fristen",
        "Deadlines",
        "Hilfe gibt es ab dem Tag, an dem das Amt von Ihrer Notlage erfährt.",
        "Help starts on the day the office learns of your need.",
        default=None,
    )
    processing_time: Text | None = doc(
        "Bearbeitungsdauer",
        "Processing time",
        "In der Regel zwei bis vier Wochen",
        "Usually two to four weeks",
        default=None,
    )
    process: list[Text] = doc(
        "Verfahrensablauf, Schritt für Schritt",
        "Process steps",
        ["Sie stellen den Antrag.", "Das Sozialamt prüft ihn und schickt Ihnen einen Bescheid."],
        ["You apply.", "The social welfare office checks it and sends you a decision."],
        default_factory=list,
    )
    forms: Forms = doc("Formulare und Verfahrensmerkmale", "Forms and procedure flags", _FORMS)
    legal_basis: list[LegalRef] = doc(
        "Rechtsgrundlagen",
        "Legal basis",
        [{"law": "SGB XII", "section": "27"}, {"law": "SGB XII", "section": "27a"}],
        default_factory=list,
    )
    appeal: Text | None = doc(
        "Rechtsbehelf",
        "How to appeal",
        "Widerspruch innerhalb eines Monats nach Erhalt des Bescheids",
        "An objection within one month of receiving the decision",
        default=None,
    )
    notes: Markdown | None = doc(
        "Was sollte ich noch wissen? (Markdown)",
        "What else should I know? (Markdown)",
        "Auch Ihr Vermögen wird berücksichtigt.",
        "Your savings are taken into account as well.",
        default=None,
    )
    amounts: list[Amount] = doc(
        "Beträge mit Datum", "Dated amounts", [_AMOUNT], default_factory=list
    )
    related: list[Slug] = doc(
        "Verwandte Leistungen (Kennungen)",
        "Related services (ids)",
        ["kommunale-eingliederungsleistungen"],
        default_factory=list,
    )
    responsible: Responsible = doc(
        "Zuständigkeit", "Responsibility", {"authority_kind": "sozialamt"}
    )
    area: list[Area] = doc(
        "Gebiet, in dem die Leistung angeboten wird (Regionalschlüssel-Anfänge wie bei den "
        "Stellen); leer heißt: überall. Außerhalb des Gebiets sagt die Seite, dass es die "
        "Leistung dort nicht gibt",
        "Area where the service is offered (regional-key prefixes, as for authorities); empty "
        "means everywhere. Outside the area the page says the service is not offered there",
        [{"ars": "16053", "name": "Stadt Jena"}],
        [{"ars": "03155", "name": "Landkreis Northeim"}],
        default_factory=list,
    )
    general_service: Slug | None = doc(
        "Allgemeine Leistung für Orte außerhalb des Gebiets (Kennung, eine der verwandten "
        "Leistungen); nur mit 'area'",
        "General service for places outside the area (id, one of the related services); "
        "only with 'area'",
        "eingliederungshilfe",
        "hilfe-zum-lebensunterhalt",
        default=None,
    )
    easy: Easy = doc("Fassung in Leichter Sprache", "Easy-language variant", _EASY_DE, _EASY_EN)
    eligibility: Eligibility | None = doc(
        "Vorab-Prüfung: die Voraussetzungen als Fragen (optional)",
        "Pre-check: the requirements as questions (optional)",
        {
            "start": "grundsicherungsgeld",
            "questions": [
                {
                    "id": "grundsicherungsgeld",
                    "text": "Bekommen Sie Grundsicherungsgeld?",
                    "if_yes": {"next": "passt"},
                    "if_no": {"next": "passt-nicht"},
                }
            ],
            "outcomes": [
                {"id": "passt", "result": "likely", "text": "Die Hilfe kann für Sie passen."},
                {
                    "id": "passt-nicht",
                    "result": "unlikely",
                    "text": "Die Hilfe ist für Menschen mit Grundsicherungsgeld.",
                },
            ],
        },
        {
            "start": "grundsicherungsgeld",
            "questions": [
                {
                    "id": "grundsicherungsgeld",
                    "text": "Do you receive basic income support?",
                    "if_yes": {"next": "passt"},
                    "if_no": {"next": "passt-nicht"},
                }
            ],
            "outcomes": [
                {"id": "passt", "result": "likely", "text": "This help may be for you."},
                {
                    "id": "passt-nicht",
                    "result": "unlikely",
                    "text": "This help is for people who receive basic income support.",
                },
            ],
        },
        default=None,
    )


#: the fields of a service a translation translates, each with its own checksum
TranslatedField = Literal[
    "title",
    "summary",
    "keywords",
    "description",
    "requirements",
    "documents",
    "fees",
    "deadlines",
    "processing_time",
    "process",
    "forms_note",
    "appeal",
    "notes",
    "amounts",
    "responsible_note",
    "easy",
    "eligibility",
]
#: a checksum of a German field: the first 12 hex digits of its SHA-256
Digest = Annotated[str, Field(pattern=r"^[0-9a-f]{12}$")]


class AmountName(Strict):
    id: Slug = doc(
        "Kennung des Betrags in der deutschen Fassung", "Id of the amount", "regelbedarf-erwachsene"
    )
    name: Text = doc(
        "Übersetzte Bezeichnung",
        "Translated name",
        "Standard rate for adults",
        "Regelbedarf für Erwachsene",
    )
    period: Text | None = doc(
        "Übersetzter Zeitraum", "Translated period", "per month", "im Monat", default=None
    )


class ServiceTranslation(Strict):
    """The translatable fields of a service; everything else comes from the main file."""

    id: Slug = doc(
        "Kennung der übersetzten Leistung",
        "Id of the translated service",
        "hilfe-zum-lebensunterhalt",
    )
    title: Text = doc("Titel", "Title", "Help with living costs", "Hilfe zum Lebensunterhalt")
    summary: Text = doc(
        "Zusammenfassung",
        "Summary",
        "Money to live on for people who cannot work for a while.",
        "Geld zum Leben für Menschen, die vorübergehend nicht arbeiten können.",
    )
    keywords: list[Text] = doc(
        "Suchbegriffe",
        "Search terms",
        ["social assistance", "welfare"],
        ["Sozialhilfe"],
        default_factory=list,
    )
    description: Markdown = doc(
        "Beschreibung (Markdown)",
        "Description (Markdown)",
        "Help with living costs covers what you need to live: food, clothes, a home.",
        "Die Hilfe zum Lebensunterhalt sichert das Nötige zum Leben.",
    )
    requirements: list[Text] | None = doc(
        "Voraussetzungen",
        "Requirements",
        ["You live in the district of Northeim."],
        ["Sie wohnen im Landkreis Northeim."],
        default=None,
    )
    documents: list[RequiredDocument] | None = doc(
        "Unterlagen",
        "Documents",
        [{"name": "Identity card or passport"}],
        [{"name": "Personalausweis oder Reisepass"}],
        default=None,
    )
    fees: Fees | None = doc(
        "Kosten",
        "Fees",
        {"text": "There are no fees."},
        {"text": "Es fallen keine Gebühren an."},
        default=None,
    )
    deadlines: Text | None = doc(
        "Fristen",
        "Deadlines",
        "Help starts on the day the office learns of your need.",
        "Hilfe gibt es ab dem Tag, an dem das Amt von Ihrer Notlage erfährt.",
        default=None,
    )
    processing_time: Text | None = doc(
        "Bearbeitungsdauer",
        "Processing time",
        "Usually two to four weeks",
        "In der Regel zwei bis vier Wochen",
        default=None,
    )
    process: list[Text] | None = doc(
        "Ablauf",
        "Process steps",
        ["You apply.", "The office sends you a decision."],
        ["Sie stellen den Antrag.", "Das Amt schickt Ihnen einen Bescheid."],
        default=None,
    )
    forms_note: Text | None = doc(
        "Hinweis zu Formularen",
        "Note on forms",
        "The forms are available at the social welfare office.",
        "Die Formulare gibt es im Sozialamt.",
        default=None,
    )
    appeal: Text | None = doc(
        "Rechtsbehelf",
        "Appeal",
        "An objection within one month of receiving the decision",
        "Widerspruch innerhalb eines Monats nach Erhalt des Bescheids",
        default=None,
    )
    notes: Markdown | None = doc(
        "Hinweise (Markdown)",
        "Notes (Markdown)",
        "Your savings are taken into account as well.",
        "Auch Ihr Vermögen wird berücksichtigt.",
        default=None,
    )
    amounts: list[AmountName] = doc(
        "Übersetzte Bezeichnungen der Beträge",
        "Translated names of the amounts",
        [
            {
                "id": "regelbedarf-erwachsene",
                "name": "Standard rate for adults",
                "period": "per month",
            }
        ],
        default_factory=list,
    )
    responsible_note: Text | None = doc(
        "Hinweis zur Zuständigkeit",
        "Note on responsibility",
        "The social welfare office where you live is responsible.",
        "Zuständig ist das Sozialamt Ihres Wohnorts.",
        default=None,
    )
    easy: Easy | None = doc(
        "Easy-read-Fassung", "Easy-read variant", _EASY_EN, _EASY_DE, default=None
    )
    eligibility: EligibilityTranslation | None = doc(
        "Wortlaut der Vorab-Prüfung",
        "Wording of the pre-check",
        {
            "questions": [
                {"id": "grundsicherungsgeld", "text": "Do you receive basic income support?"}
            ],
            "outcomes": [{"id": "passt", "text": "This help may be for you."}],
        },
        {
            "questions": [
                {"id": "grundsicherungsgeld", "text": "Bekommen Sie Grundsicherungsgeld?"}
            ],
            "outcomes": [{"id": "passt", "text": "Die Hilfe kann für Sie passen."}],
        },
        default=None,
    )
    review: Literal["machine-translated"] | None = doc(
        "Maschinell übersetzt und noch nicht geprüft (wird auf der Seite gezeigt); "
        "nach der Prüfung entfernen",
        "Machine translated and not yet reviewed (shown on the page); remove after review",
        "machine-translated",
        default=None,
    )
    translated_from: date | None = doc(
        "Stand (as_of) der deutschen Fassung, die übersetzt wurde (zur Information; ob die "
        "Übersetzung veraltet ist, sagen die Prüfsummen in 'digests')",
        "as_of of the German text that was translated (for information; whether the "
        "translation is outdated is told by the checksums in 'digests')",
        "2025-01-22",
        default=None,
    )
    digests: dict[TranslatedField, Digest] = doc(
        "Prüfsumme jedes deutschen Felds, aus dem übersetzt wurde. Ändert sich ein "
        "deutsches Feld, meldet die Prüfung seine Übersetzung als veraltet und die Seite "
        "sagt es. Nicht von Hand schreiben: `servicefinder translations --renew <Datei>` "
        "trägt sie ein, wenn die Übersetzung erneuert ist",
        "Checksum of each German field the translation was made from. When a German field "
        "changes, the check reports its translation as outdated and the page says so. Not "
        "written by hand: `servicefinder translations --renew <file>` records them once the "
        "translation is renewed",
        {"title": "3f2a9c0b1d4e", "easy": "a81c44e09b2f"},
        default_factory=dict,
    )


# --- authorities ---------------------------------------------------------------------------


class Address(Strict):
    street: Text = doc(
        "Straße und Hausnummer", "Street and number", "Medenheimer Straße 6/8", "Löbdergraben 12"
    )
    postcode: Postcode = doc("Postleitzahl", "Postcode", "37154", "07743")
    city: Text = doc("Ort", "Town", "Northeim", "Jena")


class OpeningHours(Strict):
    days: Text = doc("Tage", "Days", "Montag bis Freitag", "Monday to Friday")
    hours: Text = doc("Uhrzeiten", "Hours", "8:30 bis 12:00 Uhr", "8:30 am to 12 noon")


class Accessibility(Strict):
    wheelchair_accessible: bool = doc("Stufenlos erreichbar", "Step-free access", True, False)
    accessible_toilet: bool = doc(
        "Barrierefreies WC", "Accessible toilet", True, False, default=False
    )
    hearing_loop: bool = doc("Induktive Höranlage", "Hearing loop", True, False, default=False)
    notes: Text | None = doc(
        "Weitere Hinweise",
        "Further notes",
        "Eingang über den Hof, mit Rampe",
        "Entrance through the courtyard, with a ramp",
        default=None,
    )


class Authority(Strict):
    id: Slug = doc(
        "Kennung, gleich dem Dateinamen",
        "Identifier, equals the file name",
        "landkreis-northeim-sozialamt",
    )
    name: Text = doc(
        "Name der Stelle",
        "Name of the office",
        "Landkreis Northeim",
        "Jobcenter Saale-Holzland-Kreis",
    )
    department: Text | None = doc(
        "Fachbereich",
        "Department",
        "Fachbereich Soziales",
        "Social services department",
        default=None,
    )
    kinds: list[Slug] = doc(
        "Arten (aus site.yaml), für die diese Stelle zuständig ist",
        "Kinds (from site.yaml) this office is",
        ["sozialamt"],
        ["sozialamt", "eingliederungshilfe"],
        min_length=1,
    )
    address: Address = doc("Besuchsadresse", "Visiting address", _ADDRESS)
    phone: Phone | None = doc("Telefon", "Phone", "05551 708-0", "+49 3641 49-0", default=None)
    email: Email | None = doc("E-Mail", "E-mail", "sozialamt@landkreis-northeim.de", default=None)
    website: Url | None = doc(
        "Webseite", "Website", "https://www.landkreis-northeim.de/", default=None
    )
    opening_hours: list[OpeningHours] = doc(
        "Öffnungszeiten",
        "Opening hours",
        [{"days": "Montag bis Freitag", "hours": "8:30 bis 12:00 Uhr"}],
        default_factory=list,
    )
    appointment_note: Text | None = doc(
        "Hinweis zu Terminen",
        "Note on appointments",
        "Bitte vereinbaren Sie vorher einen Termin.",
        "Please make an appointment first.",
        default=None,
    )
    accessibility: Accessibility | None = doc(
        "Barrierefreiheit des Gebäudes, nur aus einer Quelle; ohne Angabe sagt die Seite, "
        "dass nichts bekannt ist und wo man fragt",
        "Accessibility of the building, from a source only; without it the page says that "
        "nothing is known and where to ask",
        {"wheelchair_accessible": True, "accessible_toilet": True},
        default=None,
    )
    areas: list[Area] = doc(
        "Gebiete, für die die Stelle zuständig ist",
        "Areas this office serves",
        [{"ars": "03155", "name": "Landkreis Northeim"}],
        min_length=1,
    )
    example_data: bool | list[ExampleBlock] = doc(
        "Welche Angaben Beispieldaten sind (die Seite und die offenen Daten sagen es genau "
        "dort): 'contact' (Adresse, Telefon, E-Mail) oder einzeln 'address', 'phone', "
        "'email', dazu 'hours', 'appointment', 'accessibility'; true heißt 'contact'. Eine "
        "echte Adresse nie als Beispiel markieren: dann nur 'phone' und 'email'",
        "Which details are example data (the page and the open data say so exactly there): "
        "'contact' (address, phone, e-mail) or one by one 'address', 'phone', 'email', and "
        "'hours', 'appointment', 'accessibility'; true means 'contact'. Never mark a real "
        "address as an example: then only 'phone' and 'email'",
        ["contact"],
        ["phone", "email"],
        default=False,
    )

    def invented(self, block: str) -> bool:
        """Whether the block ``block`` of this office is example data. "contact" asks
        whether any line of the contact block (address, phone, e-mail) is; a line asks for
        itself, and is example data when it or the whole contact block is named."""
        named: set[str] = (
            {"contact", *CONTACT_LINES}
            if self.example_data is True
            else set(self.example_data or ())
        )
        if "contact" in named:
            named.update(CONTACT_LINES)
        if block == "contact":
            return any(line in named for line in CONTACT_LINES)
        return block in named

    def invented_lines(self) -> tuple[str, ...]:
        """The contact lines this office has that are example data, in page order."""
        given = {"address": True, "phone": self.phone is not None, "email": self.email is not None}
        return tuple(line for line in CONTACT_LINES if given[line] and self.invented(line))

    @property
    def contact_all_invented(self) -> bool:
        """Every contact line the office has is example data: one notice says so."""
        given = ["address"] + [n for n in ("phone", "email") if getattr(self, n) is not None]
        return all(self.invented(line) for line in given)

    @property
    def any_invented(self) -> bool:
        return bool(self.example_data)


# --- the site ------------------------------------------------------------------------------


class Label(Strict):
    """A label in the source language and English, and in any further language of the site
    under its code (``uk: ...``): a new language needs no change here."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)
    __pydantic_extra__: dict[str, Text]  # type: ignore[assignment]

    id: Slug = doc("Kennung", "Identifier", "geld-zum-leben", "sozialamt")
    de: Text = doc("Deutsche Bezeichnung", "German label", "Geld zum Leben", "Sozialamt")
    en: Text = doc(
        "Englische Bezeichnung", "English label", "Money to live on", "Social welfare office"
    )


class Contact(Strict):
    name: Text = doc("Name", "Name", "Behördennummer 115", "Public service number 115")
    address: Address | None = doc("Adresse", "Address", _ADDRESS, default=None)
    phone: Phone | None = doc("Telefon", "Phone", "115", "05551 708-0", default=None)
    email: Email | None = doc("E-Mail", "E-mail", "info@landkreis-northeim.de", default=None)
    text: Text | None = doc(
        "Hinweis",
        "Note",
        "Die 115 sagt Ihnen, welche Stelle zuständig ist.",
        "The 115 tells you which office is responsible.",
        default=None,
    )
    example_data: bool = doc("Beispieldaten", "Example data", True, False, default=False)


class StatementText(Strict):
    """The statement's own words in another language of the site."""

    status: Text = doc(
        "Stand der Vereinbarkeit",
        "Conformance status",
        "This website is partially compliant with BITV 2.0.",
        "Цей вебсайт частково відповідає BITV 2.0.",
    )
    method: Text = doc(
        "Wie geprüft wurde",
        "How it was checked",
        "Self-assessment with automated checks",
        "Самооцінка з автоматичними перевірками",
    )
    limitations: list[Text] = doc(
        "Bekannte Einschränkungen",
        "Known limitations",
        ["The offices' PDF forms are not accessible."],
        ["PDF-формуляри установ недоступні."],
        default_factory=list,
    )
    enforcement: Markdown = doc(
        "Durchsetzungsverfahren (Markdown)",
        "Enforcement procedure (Markdown)",
        "You can contact the conciliation body under section 16 BGG.",
        "Ви можете звернутися до органу примирення згідно з § 16 BGG.",
    )


class AccessibilityStatement(Strict):
    status: Text = doc(
        "Vereinbarkeit mit BITV 2.0 / WCAG",
        "Conformance status",
        "Diese Website ist mit der BITV 2.0 teilweise vereinbar.",
        "This website is partially compliant with BITV 2.0.",
    )
    prepared: date = doc("Erstellt am", "Prepared on", "2025-11-22")
    method: Text = doc(
        "Wie geprüft wurde",
        "How it was checked",
        "Selbstbewertung mit automatischen Prüfungen und Tests mit Tastatur und Screenreader",
        "Self-assessment with automated checks and tests with keyboard and screen reader",
    )
    limitations: list[Text] = doc(
        "Bekannte Einschränkungen",
        "Known limitations",
        ["Die PDF-Formulare der Behörden sind nicht barrierefrei."],
        ["The offices' PDF forms are not accessible."],
        default_factory=list,
    )
    enforcement: Markdown = doc(
        "Durchsetzungsverfahren (Markdown)",
        "Enforcement procedure (Markdown)",
        "Sie können sich an die Schlichtungsstelle nach § 16 BGG wenden.",
        "You can contact the conciliation body under section 16 BGG.",
    )
    translations: dict[Annotated[str, Field(pattern=r"^[a-z]{2}$")], StatementText] = doc(
        "Die Erklärung in den anderen Sprachen der Website, je Sprachkürzel",
        "The statement in the site's other languages, by language code",
        {"en": {"status": "...", "method": "...", "enforcement": "..."}},
        default_factory=dict,
    )


class EasyLanguageRules(Strict):
    max_sentence_words: int = doc(
        "Höchstens so viele Wörter je Satz",
        "At most this many words per sentence",
        12,
        15,
        default=12,
        gt=0,
    )
    max_word_syllables: int = doc(
        "Höchstens so viele Silben je Wort(teil)",
        "At most this many syllables per word (part)",
        4,
        5,
        default=4,
        gt=0,
    )
    max_wiener: float = doc(
        "Höchstwert der Wiener Sachtextformel (Deutsch)",
        "Highest Wiener Sachtextformel score (German)",
        6.0,
        default=6.0,
    )
    min_flesch: float = doc(
        "Mindestwert Flesch-Lesbarkeit (Englisch)",
        "Lowest Flesch reading ease (English)",
        70.0,
        default=70.0,
    )


class EasyIntro(Strict):
    """The easy-language entry text per language; further languages under their code."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)
    __pydantic_extra__: dict[str, Markdown]  # type: ignore[assignment]

    de: Markdown = doc(
        "Einstieg in Leichter Sprache: Was ist diese Website, wie nutze ich sie?",
        "Entry text in German easy language: what the site is, how to use it",
        "Auf dieser Internet-Seite finden Sie Hilfe vom Amt.",
    )
    en: Markdown = doc(
        "Einstieg in einfachem Englisch",
        "Entry text in English easy read",
        "On this website you find help from the offices.",
    )


_HEX = re.compile(r"#[0-9a-fA-F]{6}")
_ASSET = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:/[A-Za-z0-9_-][A-Za-z0-9._-]*)*\.(?:svg|png)")


def _hex(value: str) -> str:
    if not _HEX.fullmatch(value):
        raise _fail(f'expected a colour as # and six hex digits, like "#0b4f8a", got {value!r}')
    return value.lower()


def _asset(value: str) -> str:
    if not _ASSET.fullmatch(value) or ".." in value.split("/"):
        raise _fail(
            "expected a path inside the content folder to an .svg or .png file, like "
            f"branding/logo.svg (letters, digits, . _ - and /; no ..), got {value!r}"
        )
    return value


HexColour = Annotated[
    str, AfterValidator(_hex), Field(json_schema_extra={"pattern": "^#[0-9a-fA-F]{6}$"})
]
#: an image file below content/, copied into the site by the build
AssetPath = Annotated[
    str,
    AfterValidator(_asset),
    Field(json_schema_extra={"pattern": r"^[A-Za-z0-9_/.-]+\.(svg|png)$"}),
]


class Logo(Strict):
    file: AssetPath = doc(
        "Logo oder Wappen als SVG oder PNG, Pfad relativ zum Ordner content/",
        "Logo or coat of arms as SVG or PNG, path relative to the content folder",
        "branding/logo.svg",
        "branding/wappen.png",
    )
    alt: Text = doc(
        "Textalternative: was das Bild zeigt oder wofür es steht",
        "Text alternative: what the image shows or stands for",
        "Wappen des Landkreises Northeim",
        "Coat of arms of Northeim district",
    )


class Favicon(Strict):
    svg: AssetPath | None = doc(
        "Symbol im Browser-Tab als SVG (für alle Größen)",
        "Browser tab icon as SVG (for every size)",
        "branding/favicon.svg",
        default=None,
    )
    png: AssetPath | None = doc(
        "Symbol als quadratisches PNG (mindestens 32 × 32 Pixel) für ältere Browser",
        "Icon as a square PNG (at least 32 × 32 pixels) for older browsers",
        "branding/favicon-32.png",
        default=None,
    )


class Colours(Strict):
    primary: HexColour = doc(
        "Hauptfarbe: Kopfzeile, Links, Schaltflächen (wird beim Bau auf Kontrast geprüft)",
        "Primary colour: header, links, buttons (contrast is checked at build time)",
        "#0b4f8a",
        "#7a1f2b",
        default="#0b4f8a",
    )
    accent: HexColour = doc(
        "Akzentfarbe: Links unter dem Mauszeiger oder mit Fokus (wird geprüft)",
        "Accent colour: links under the pointer or with focus (checked too)",
        "#083a66",
        "#5a1520",
        default="#083a66",
    )


class FooterLink(Strict):
    label: Text = doc(
        "Linktext, der ohne Umgebung verständlich ist",
        "Link text that makes sense on its own",
        "Website des Landkreises",
        "District website",
    )
    url: Url = doc("Adresse (https://)", "Address (https://)", "https://www.landkreis-northeim.de/")


class Branding(Strict):
    logo: Logo | None = doc(
        "Logo in der Kopfzeile jeder Seite",
        "Logo in the header of every page",
        {"file": "branding/logo.svg", "alt": "Wappen des Landkreises Northeim"},
        default=None,
    )
    favicon: Favicon | None = doc(
        "Symbole im Browser-Tab",
        "Browser tab icons",
        {"svg": "branding/favicon.svg", "png": "branding/favicon-32.png"},
        default=None,
    )
    colors: Colours = doc(
        "Farben der Website",
        "Colours of the site",
        {"primary": "#0b4f8a", "accent": "#083a66"},
        default_factory=Colours,
    )
    footer_links: list[FooterLink] = doc(
        "Weitere Links in der Fußzeile jeder Seite",
        "More links in the footer of every page",
        [{"label": "Website des Landkreises", "url": "https://www.landkreis-northeim.de/"}],
        default_factory=list,
    )


class CmsSettings(Strict):
    """The browser editor at /admin/ (Decap CMS): which git host it saves to. Only the
    admin page reads it; no citizen's page changes with it (generator/content/cms_config.py)."""

    backend: Literal["gitlab", "gitea", "forgejo", "github"] = doc(
        "Git-Dienst des Repositorys", "Git host of the repository", "gitlab", "forgejo"
    )
    repo: Annotated[str, Field(pattern=r"^[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+$")] = doc(
        "Pfad des Repositorys (Gruppe/Projekt)",
        "Path of the repository (group/project)",
        "landkreis-northeim/servicefinder",
    )
    branch: Annotated[str, Field(pattern=r"^[A-Za-z0-9_./-]+$")] = doc(
        "Zweig, in den die Änderungen kommen", "Branch the changes go to", "main", default="main"
    )
    base_url: Url | None = doc(
        "Adresse des Git-Dienstes (GitLab, Gitea, Forgejo) oder, bei GitHub, des OAuth-Helfers",
        "Address of the git host (GitLab, Gitea, Forgejo) or, for GitHub, of the OAuth helper",
        "https://gitlab.opencode.de",
        default=None,
    )
    app_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{1,200}$")] | None = doc(
        "Client-ID der OAuth-Anwendung (PKCE, ohne Geheimnis)",
        "Client id of the OAuth application (PKCE, no secret)",
        "4f1c2b9e7d",
        default=None,
    )
    editorial_workflow: bool = doc(
        "Jede Änderung als Merge-Request statt direkt in den Zweig",
        "Every change as a merge request instead of straight into the branch",
        True,
        default=True,
    )
    local_backend: bool = doc(
        "Vorschau mit decap-server auf 127.0.0.1:8081 erlauben",
        "Allow previews with decap-server on 127.0.0.1:8081",
        True,
        default=False,
    )
    local_port: int = doc(
        "Port von decap-server für die lokale Vorschau",
        "Port of decap-server for the local preview",
        8081,
        default=8081,
        ge=1024,
        le=65535,
    )

    @model_validator(mode="after")
    def _usable(self) -> CmsSettings:
        if self.backend == "gitea" and self.editorial_workflow:
            raise _fail(
                "Decap CMS's gitea backend saves straight into the branch; set "
                "editorial_workflow: false (and protect the branch), or use backend: forgejo"
            )
        if self.backend != "github" and not self.app_id:
            raise _fail(f"{self.backend}: give app_id, the client id of the OAuth application")
        if self.backend in ("gitea", "forgejo") and not self.base_url:
            raise _fail(f"{self.backend}: give base_url, the address of the git host")
        if self.backend == "github" and not self.base_url:
            raise _fail("github: give base_url, the address of the OAuth helper")
        return self


class Site(Strict):
    name: Text = doc(
        "Name der Website", "Name of the site", "Servicefinder Soziales", "Social services finder"
    )
    operator: Contact = doc(
        "Betreiber (für das Impressum)",
        "Operator (for the legal notice)",
        {"name": "Landkreis Northeim", "address": _ADDRESS, "email": "info@landkreis-northeim.de"},
    )
    language: Annotated[str, Field(pattern=r"^[a-z]{2}$")] = doc(
        "Hauptsprache", "Main language", "de", default="de"
    )
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]] = doc(
        "Sprachen der Website",
        "Languages of the site",
        ["de", "en"],
        default_factory=lambda: ["de"],
    )
    description: Text = doc(
        "Kurzbeschreibung der Website",
        "Short description of the site",
        "Welche Stelle hilft mir, was muss ich mitbringen, was kostet es?",
        "Which office helps me, what do I bring, what does it cost?",
    )
    fallback: Contact = doc(
        "Ansprechstelle, wenn keine Behörde gefunden wird",
        "Contact shown when no authority is found",
        _CONTACT,
    )
    topics: list[Label] = doc("Lebenslagen", "Life situations", [_LABEL], min_length=1)
    authority_kinds: list[Label] = doc(
        "Arten von Behörden",
        "Kinds of authority",
        [{"id": "sozialamt", "de": "Sozialamt", "en": "Social welfare office"}],
        min_length=1,
    )
    review_interval_days: int = doc(
        "Nach wie vielen Tagen ein Text geprüft werden soll",
        "Days after which a text is due for review",
        365,
        180,
        default=365,
        gt=0,
    )
    amount_max_age_days: int = doc(
        "Nach wie vielen Tagen der neueste Wert eines Betrags als veraltet gilt; die Seite "
        "sagt es dann beim Betrag",
        "Days after which the newest value of an amount counts as old; the page then says so "
        "next to the amount",
        365,
        400,
        default=365,
        gt=0,
    )
    stale_content: Literal["notice", "warning", "error"] = doc(
        "Wie der Build veraltete Inhalte meldet: 'notice' (nur Hinweis), 'warning' "
        "(mit --strict ein Fehler) oder 'error' (immer ein Fehler). Die Seite sagt es immer",
        "How the build reports stale content: 'notice' (a note only), 'warning' (an error "
        "with --strict) or 'error' (always an error). The page always says so",
        "warning",
        "notice",
        default="notice",
    )
    easy_language: EasyLanguageRules = doc(
        "Grenzwerte der Prüfung für Leichte Sprache",
        "Thresholds of the easy-language check",
        {"max_sentence_words": 12, "max_word_syllables": 4},
        default_factory=EasyLanguageRules,
    )
    easy_intro: EasyIntro = doc(
        "Texte der Einstiegsseiten in Leichter Sprache (BITV 2.0 § 4)",
        "Texts of the easy-language entry pages (BITV 2.0 § 4)",
        {
            "de": "Auf dieser Internet-Seite finden Sie Hilfe vom Amt.",
            "en": "On this website you find help from the offices.",
        },
    )
    imprint: Markdown = doc(
        "Impressum (Markdown)",
        "Legal notice (Markdown)",
        "Landkreis Northeim, vertreten durch die Landrätin",
        "Northeim district, represented by the district administrator",
    )
    privacy: Markdown = doc(
        "Datenschutzerklärung (Markdown)",
        "Privacy notice (Markdown)",
        "Diese Website setzt keine Cookies.",
        "This website sets no cookies.",
    )
    accessibility: AccessibilityStatement = doc(
        "Erklärung zur Barrierefreiheit",
        "Accessibility statement",
        {
            "status": "Diese Website ist mit der BITV 2.0 teilweise vereinbar.",
            "prepared": "2025-11-22",
            "method": "Selbstbewertung",
            "enforcement": "Schlichtungsstelle nach § 16 BGG",
        },
    )
    data_sources: list[Source] = doc(
        "Quellen der Daten", "Sources of data", [_SOURCE], default_factory=list
    )
    branding: Branding = doc(
        "Erscheinungsbild: Logo, Symbole, Farben, Links in der Fußzeile",
        "Look: logo, icons, colours, footer links",
        {"colors": {"primary": "#0b4f8a", "accent": "#083a66"}},
        default_factory=Branding,
    )
    cms: CmsSettings | None = doc(
        "Redaktion im Browser unter /admin/ (Decap CMS); ohne diesen Eintrag gibt es die "
        "Seite nicht",
        "Editing in the browser at /admin/ (Decap CMS); without this entry there is no such page",
        {"backend": "gitlab", "repo": "landkreis-northeim/servicefinder", "app_id": "4f1c2b9e7d"},
        default=None,
    )


# --- glossary ------------------------------------------------------------------------------


class GlossaryEntry(Strict):
    term: Text = doc(
        "Begriff, wie er im Text steht", "The term as it appears in texts", "Antrag", "application"
    )
    forms: list[Text] = doc(
        "Weitere Wortformen, die auch erklärt werden",
        "Other word forms that are explained too",
        ["Anträge", "Antrags"],
        ["applications"],
        default_factory=list,
    )
    explanation: Text = doc(
        "Erklärung in Leichter Sprache, direkt beim ersten Vorkommen",
        "Easy-language explanation, shown at the first occurrence",
        "Ein Antrag ist ein Brief an das Amt.",
        "An application is a letter to the office.",
    )


#: a word or a few words, as written in texts: letters, digits, spaces and hyphens only, so
#: finding it in a page's text can never touch markup
KeptTerm = Annotated[str, Field(pattern=r"^\w[\w -]*$", max_length=80)]


class Glossary(Strict):
    """Terms explained in easy-language texts, once per page, wherever they first appear;
    and the site language's terms that translations keep as they are."""

    de: list[GlossaryEntry] = doc(
        "Begriffe in deutschen Texten", "Terms in German texts", [_TERM_DE], default_factory=list
    )
    en: list[GlossaryEntry] = doc(
        "Begriffe in englischen Texten", "Terms in English texts", [_TERM_EN], default_factory=list
    )
    kept: list[KeptTerm] = doc(
        "Deutsche Begriffe, die Übersetzungen unverändert übernehmen (Namen von Ämtern und "
        "Leistungen); Seiten in anderen Sprachen markieren jedes Vorkommen als Deutsch "
        '(lang="de"), damit ein Screenreader es deutsch vorliest',
        "Terms in the site's language that translations keep as they are (names of offices "
        "and benefits); pages in other languages mark each occurrence with that language "
        '(lang="de"), so a screen reader reads it by that language\'s rules',
        ["Sozialamt", "Bürgergeld", "Hilfe zum Lebensunterhalt"],
        default_factory=list,
    )


class Synonyms(Strict):
    """Words citizens use for the same thing; a search for one finds pages with any."""

    groups: list[Annotated[list[Text], Field(min_length=2)]] = doc(
        "Gruppen gleichbedeutender Suchwörter",
        "Groups of search words meaning the same",
        [["Grundsicherungsgeld", "Bürgergeld", "Hartz IV"]],
        [["social assistance", "welfare"]],
    )


class PageMeta(Strict):
    """What the metadata of a free page in ``content/pages`` may set: MkDocs reads it from
    the page's first lines (a ``---`` block, or ``key: value`` lines) and hands it to the
    page shell's templates, which write title and description into the head. No other
    key: ``template`` would make MkDocs look for any file as the page's template."""

    title: Text | None = doc(
        "Titel der Seite (Browser-Tab, Suchmaschinen)",
        "Title of the page (browser tab, search engines)",
        "Hinweise zur Barrierefreiheit",
        "About accessibility",
        default=None,
    )
    description: Text | None = doc(
        "Kurzbeschreibung für Suchmaschinen und Link-Vorschauen",
        "Short description for search engines and link previews",
        "Wie Sie diese Website mit Hilfsmitteln nutzen.",
        "How to use this site with assistive technology.",
        default=None,
    )
    robots: Literal["noindex"] | None = doc(
        "noindex: die Seite erscheint nicht in Suchmaschinen",
        "noindex: the page stays out of search engines",
        "noindex",
        default=None,
    )


class LanguageWords(Strict):
    """Search words in the source language and English, and in any further language of the
    site under its code (``uk: [...]``), as :class:`Label` has them."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)
    __pydantic_extra__: dict[str, list[Text]]  # type: ignore[assignment]

    de: list[Text] = doc(
        "Suchwörter auf Deutsch", "Search words in German", ["Wohngeld", "Mietzuschuss"]
    )
    en: list[Text] = doc(
        "Suchwörter auf Englisch",
        "Search words in English",
        ["housing benefit"],
        default_factory=list,
    )

    def by_language(self) -> dict[str, list[str]]:
        """Every language's words, the site language's first (what the search indexes)."""
        out = {"de": list(self.de), "en": list(self.en)}
        out.update({k: list(v) for k, v in (self.__pydantic_extra__ or {}).items()})
        return {k: v for k, v in out.items() if v}


class LanguageText(Strict):
    """A text in the source language, and optionally in English and any further language
    of the site under its code; a language without it shows the German text, marked so."""

    model_config = ConfigDict(extra="allow", strict=True, frozen=True)
    __pydantic_extra__: dict[str, Text]  # type: ignore[assignment]

    de: Text = doc("Auf Deutsch", "In German", "Wohngeld", "Wohngeld")
    en: Text | None = doc("Auf Englisch", "In English", "Housing benefit", default=None)

    def by_language(self) -> dict[str, str]:
        """Every language's text; languages without one are left out."""
        out = {"de": self.de, "en": self.en, **(self.__pydantic_extra__ or {})}
        return {k: v for k, v in out.items() if v}

    def get(self, lang: str) -> tuple[str, str]:
        """The text in ``lang`` and the language it is in: German where ``lang`` has none."""
        text = self.by_language().get(lang)
        return (text, lang) if text else (self.de, "de")


class ElsewhereEntry(Strict):
    """A benefit or service people look for on this site that it does not describe."""

    id: Slug = doc("Kennung", "Identifier", "wohngeld", "housing-benefit")
    name: LanguageText = doc(
        "Name der Leistung",
        "Name of the benefit",
        {"de": "Wohngeld", "en": "Housing benefit"},
    )
    words: LanguageWords = doc(
        "Wörter, mit denen Menschen danach suchen (der Name zählt schon dazu)",
        "Words people search for it with (the name already counts)",
        {"de": ["Mietzuschuss", "Lastenzuschuss"], "en": ["housing benefit"]},
    )
    handled_by: LanguageText = doc(
        "Wer zuständig ist: die Art der Stelle, ergänzt zu „Zuständig ist …“",
        "Who handles it: the kind of office, completing “It is handled by …”",
        {"de": "die Wohngeldstelle Ihrer Stadt oder Ihres Landkreises"},
        {
            "de": "die Familienkasse der Bundesagentur für Arbeit",
            "en": "the family benefits office",
        },
    )
    phone: Phone | None = doc(
        "Telefonnummer, die bundesweit weiterhilft (etwa 115)",
        "Phone number that helps nationwide (such as 115)",
        "115",
        "0800 4 5555 30",
        default=None,
    )


class Elsewhere(Strict):
    """Benefits the site does not describe, and who handles them: a search for one says so
    ("not here, but there") before any result, instead of offering the page that happens to
    mention the word."""

    entries: list[ElsewhereEntry] = doc(
        "Leistungen, die diese Website nicht beschreibt",
        "Benefits this website does not describe",
        [
            {
                "id": "wohngeld",
                "name": {"de": "Wohngeld"},
                "words": {"de": ["Mietzuschuss"]},
                "handled_by": {"de": "die Wohngeldstelle Ihrer Stadt oder Ihres Landkreises"},
                "phone": "115",
            }
        ],
    )


MODELS: dict[str, type[Strict]] = {
    "service": Service,
    "service-translation": ServiceTranslation,
    "authority": Authority,
    "rates": RateTable,
    "site": Site,
    "glossary": Glossary,
    "synonyms": Synonyms,
    "elsewhere": Elsewhere,
}

# RateTable names Source before it is defined: complete it now, so every model's fields are
# resolved classes from the start (not only after a first validation rebuilt it). Only
# what is incomplete: rebuilding a complete model gave it a validator half as fast.
for _model in MODELS.values():
    if not _model.__pydantic_complete__:
        _model.model_rebuild()
