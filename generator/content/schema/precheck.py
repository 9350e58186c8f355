"""The eligibility pre-check's model: a service's requirements as a small tree of questions,
and the wording one page shows of it.

The checks of the tree as a whole (reachability, no loops, easy wording) are in
``generator/content/eligibility.py``, which reads these models; the page's wording is here
so the model can hand it to a template without an import back into the checks.
"""

from __future__ import annotations

from typing import Any, Literal

from generator.content.schema.fields import Slug, Strict, Text, doc

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
        """The tree as one page shows it (see :func:`page_wording`); a method, so the page
        template needs nothing but the service it already has."""
        return page_wording(self, translation, easy=easy)

    def script_part(self, page: dict[str, Any]) -> dict[str, Any]:
        """What precheck.js needs of ``page`` beside the list the page shows (see
        :func:`script_part`)."""
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


def page_wording(
    tree: Eligibility, translation: EligibilityTranslation | None, *, easy: bool
) -> dict[str, Any]:
    """The tree as one page shows it: the wording in the page's language (the translation's
    over the main file's) and in easy language on easy pages, plus each question's longest
    remaining path. Yes/no answers have ``label`` None; the page supplies its own words."""
    tq = {q.id: q for q in translation.questions} if translation else {}
    to = {o.id: o for o in translation.outcomes} if translation else {}

    def pick(main: Any, text: Any, field: str) -> Any:
        source = text if text is not None else main
        if source is None:
            return None
        value = getattr(source, f"easy_{field}" if field != "text" else "easy") if easy else None
        return value or getattr(source, field)

    depth = longest_paths(tree)
    questions = []
    for q in tree.questions:
        words = tq.get(q.id)
        out = []
        for sub, answer in answers(q):
            if sub[0] == "choices":
                k = int(sub[1])
                text = words.choices[k] if words and k < len(words.choices) else None
                label = pick(answer, text, "label")
            else:
                text = getattr(words, str(sub[0])) if words else None
                label = None
            reason = pick(answer, text, "reason") if answer.reason else None
            out.append(
                {
                    "key": "/".join(map(str, sub)),
                    "label": label,
                    "next": answer.next,
                    "reason": reason,
                }
            )
        questions.append(
            {
                "id": q.id,
                "text": pick(q, words, "text"),
                "hint": None if easy else (words.hint if words else q.hint),
                "answers": out,
                "max": depth[q.id],
            }
        )
    outcomes = [
        {
            "id": o.id,
            "result": o.result,
            "text": pick(o, to.get(o.id), "text"),
            "related": list(o.related),
        }
        for o in tree.outcomes
    ]
    return {
        "start": tree.start,
        "questions": questions,
        "outcomes": outcomes,
        "max": depth[tree.start],
    }


#: what the page's list of questions already says, so the script reads it there
_SHOWN = {"questions": ("text", "hint"), "answers": ("label",), "outcomes": ("text",)}


def script_part(page: dict[str, Any]) -> dict[str, Any]:
    """``page`` (from :func:`page_wording`) less the words the page's list of questions
    shows: question texts and hints, answer labels, outcome texts. precheck.js reads
    those from the list (``templates/precheck.html`` marks them), so a service page
    carries each of them once; what the list does not show (the structure, the reasons,
    the related services) stays in the page's JSON block."""
    questions = [
        {
            **{k: v for k, v in q.items() if k not in _SHOWN["questions"]},
            "answers": [
                {k: v for k, v in a.items() if k not in _SHOWN["answers"]} for a in q["answers"]
            ],
        }
        for q in page["questions"]
    ]
    outcomes = [
        {k: v for k, v in o.items() if k not in _SHOWN["outcomes"]} for o in page["outcomes"]
    ]
    return {**page, "questions": questions, "outcomes": outcomes}


def answers(question: EligibilityQuestion) -> list[tuple[tuple[str | int, ...], Any]]:
    """A question's answers with their path below the question: yes/no or the choices."""
    if question.choices:
        return [(("choices", i), c) for i, c in enumerate(question.choices)]
    return [
        ((key,), getattr(question, key)) for key in ("if_yes", "if_no") if getattr(question, key)
    ]


def longest_paths(tree: Eligibility) -> dict[str, int]:
    """For each question, the most questions a citizen may still meet from it, itself
    included: the "at most" of "question 2 of at most 4". The tree must be acyclic."""
    questions = {q.id: q for q in tree.questions}
    memo: dict[str, int] = {}

    def depth(qid: str) -> int:
        if qid not in memo:
            nexts = [a.next for _, a in answers(questions[qid]) if a.next in questions]
            memo[qid] = 1 + max((depth(n) for n in nexts), default=0)
        return memo[qid]

    return {qid: depth(qid) for qid in questions}
