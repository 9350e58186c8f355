"""The eligibility pre-check: checks of a service's question tree, and its wording for a page.

A pre-check the citizen can get lost in is worse than none, so the tree is checked as a
whole before anything is rendered: every answer leads somewhere that exists, every question
and outcome is reachable from the start, no path comes back to a question it passed (so
every path ends in an outcome), and where the service has an easy-language page every
question, answer and outcome has easy wording too. A translation must word exactly the
questions and outcomes of the main file, answer for answer. Findings are :class:`Problem`s
at the file, line and column of the field concerned, like every other content check.
"""

from __future__ import annotations

import difflib
from typing import Any

from generator.content.load import Document, dotted
from generator.content.schema import (
    Eligibility,
    EligibilityChoice,
    EligibilityTranslation,
    Service,
    ServiceTranslation,
)
from generator.content.schema.precheck import answers
from generator.infra.errors import Problem

ROOT = ("eligibility",)


def check_service(service: Service, doc: Document) -> list[Problem]:
    """Every problem of the service's tree; nothing when it has none."""
    tree = service.eligibility
    if tree is None:
        return []
    problems: list[Problem] = []

    def at(path: tuple, message: str) -> None:
        line, col = doc.where(ROOT + path)
        problems.append(Problem(doc.file, line, col, dotted(ROOT + path), message))

    questions = {q.id: i for i, q in enumerate(tree.questions)}
    outcomes = {o.id: i for i, o in enumerate(tree.outcomes)}
    groups: list[tuple[str, list[Any]]] = [
        ("questions", list(tree.questions)),
        ("outcomes", list(tree.outcomes)),
    ]
    for kind, items in groups:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item.id in seen or (kind == "outcomes" and item.id in questions):
                at(
                    (kind, i, "id"),
                    f"duplicate id {item.id!r}: questions and outcomes need ids of their own",
                )
            seen.add(item.id)
    if tree.start not in questions:
        at(("start",), _unknown("question", tree.start, questions))

    for i, q in enumerate(tree.questions):
        here = ("questions", i)
        if q.choices and (q.if_yes or q.if_no):
            at(here, "give either if_yes/if_no or choices, not both")
        elif len(q.choices) == 1:
            at((*here, "choices"), "a choice question needs at least two answers")
        elif not q.choices:
            for key in ("if_yes", "if_no"):
                if getattr(q, key) is None:
                    at(
                        here,
                        f"path without outcome: the answer {key!r} leads nowhere; "
                        f"add '{key}: {{next: ...}}' with a question or an outcome",
                    )
        for sub, answer in answers(q):
            if answer.next not in questions and answer.next not in outcomes:
                at(
                    (*here, *sub, "next"),
                    "path without outcome: "
                    + _unknown("question or outcome", answer.next, {**questions, **outcomes}),
                )

    for path, message in _cycles(tree, questions):
        at(path, message)
    reached = _reachable(tree, questions)
    for kind, ids in (("questions", questions), ("outcomes", outcomes)):
        for item_id, i in ids.items():
            if item_id not in reached:
                what = "question" if kind == "questions" else "outcome"
                at(
                    (kind, i, "id"),
                    f"{what} {item_id!r} is unreachable: no answer leads to it from "
                    f"the first question {tree.start!r}",
                )

    # the easy-language page asks the same questions, so it needs their easy wording
    if service.easy is not None:
        for i, q in enumerate(tree.questions):
            _need_easy(q, ("questions", i), "easy", "text", at)
            for sub, answer in answers(q):
                if isinstance(answer, EligibilityChoice):
                    _need_easy(answer, ("questions", i, *sub), "easy_label", "label", at)
                if answer.reason and not answer.easy_reason:
                    _need_easy(answer, ("questions", i, *sub), "easy_reason", "reason", at)
        for i, o in enumerate(tree.outcomes):
            _need_easy(o, ("outcomes", i), "easy", "text", at)

    allowed = set(service.related)
    for i, o in enumerate(tree.outcomes):
        for k, rid in enumerate(o.related):
            if rid not in allowed:
                at(
                    ("outcomes", i, "related", k),
                    f"{rid!r} is not among the service's related services "
                    f"{sorted(allowed)}; add it there first",
                )
    return problems


def check_translation(
    tree: Eligibility | None, translation: ServiceTranslation, doc: Document
) -> list[Problem]:
    """A translation words every question, answer and outcome of the main file, no more."""
    words = translation.eligibility
    if words is None:
        return []
    problems: list[Problem] = []

    def at(path: tuple, message: str) -> None:
        line, col = doc.where(ROOT + path)
        problems.append(Problem(doc.file, line, col, dotted(ROOT + path), message))

    if tree is None:
        at((), "the main file has no eligibility pre-check to translate")
        return problems
    main_q = {q.id: q for q in tree.questions}
    main_o = {o.id for o in tree.outcomes}
    easy = translation.easy is not None
    for i, qt in enumerate(words.questions):
        here = ("questions", i)
        q = main_q.get(qt.id)
        if q is None:
            at((*here, "id"), _unknown("question", qt.id, main_q))
            continue
        if easy:
            _need_easy(qt, here, "easy", "text", at)
        if q.choices:
            if len(qt.choices) != len(q.choices):
                at(
                    (*here, "choices"),
                    f"expected {len(q.choices)} answers in the order of the main file, "
                    f"got {len(qt.choices)}",
                )
            pairs = list(zip(q.choices, qt.choices, strict=False))
            subs: list[tuple[str | int, ...]] = [("choices", k) for k in range(len(pairs))]
            if easy:
                for sub, (_, ct) in zip(subs, pairs, strict=True):
                    _need_easy(ct, (*here, *sub), "easy_label", "label", at)
        else:
            pairs = [(getattr(q, k), getattr(qt, k)) for k in ("if_yes", "if_no") if getattr(q, k)]
            subs = [(k,) for k in ("if_yes", "if_no") if getattr(q, k)]
        for sub, (answer, text) in zip(subs, pairs, strict=True):
            if answer.reason and (text is None or not text.reason):
                at((*here, *sub), "the main file gives a reason for this answer; translate it")
            elif easy and text is not None and text.reason and not text.easy_reason:
                _need_easy(text, (*here, *sub), "easy_reason", "reason", at)
    for kind, worded, expected in (
        ("questions", [q.id for q in words.questions], list(main_q)),
        ("outcomes", [o.id for o in words.outcomes], sorted(main_o)),
    ):
        for missing in sorted(set(expected) - set(worded)):
            at((kind,), f"{kind[:-1]} {missing!r} of the main file is not translated")
    for i, ot in enumerate(words.outcomes):
        if ot.id not in main_o:
            at(("outcomes", i, "id"), _unknown("outcome", ot.id, main_o))
        elif easy:
            _need_easy(ot, ("outcomes", i), "easy", "text", at)
    return problems


def easy_wording_missing(tree: Eligibility, words: EligibilityTranslation) -> bool:
    """Whether ``words`` lacks easy wording somewhere ``tree`` (the main file) has it: a
    question, an answer's label or reason, an outcome. An easy page then shows the
    translation's standard wording there (see :func:`page_wording`). Questions, answers and
    outcomes the translation does not word at all are :func:`check_translation`'s to report.
    """
    worded = {q.id: q for q in words.questions}
    for q in tree.questions:
        qt = worded.get(q.id)
        if qt is None:
            continue
        if q.easy and not qt.easy:
            return True
        for sub, answer in answers(q):
            if sub[0] == "choices":
                k = int(sub[1])
                text = qt.choices[k] if k < len(qt.choices) else None
                if text is not None and answer.easy_label and not text.easy_label:
                    return True
            else:
                text = getattr(qt, str(sub[0]))
            if text is not None and answer.easy_reason and not text.easy_reason:
                return True
    outcomes = {o.id: o for o in words.outcomes}
    return any(o.easy and o.id in outcomes and not outcomes[o.id].easy for o in tree.outcomes)


def _need_easy(item: Any, path: tuple, field: str, standard: str, at: Any) -> None:
    if getattr(item, field, None) is None:
        at(
            path,
            f"no easy-language wording: the service has an easy-language page, so give "
            f"'{field}' beside '{standard}'",
        )


def _edges(tree: Eligibility) -> dict[str, list[tuple[tuple, str]]]:
    """Each question's answers as (path of the answer's next field, target id)."""
    return {
        q.id: [(("questions", i, *sub, "next"), a.next) for sub, a in answers(q)]
        for i, q in enumerate(tree.questions)
    }


def _cycles(tree: Eligibility, questions: dict[str, int]) -> list[tuple[tuple, str]]:
    """Each answer that leads back to a question on its own path, with the loop spelled out.
    Depth-first from every question, so loops unreachable from the start are found too."""
    edges = _edges(tree)
    found: list[tuple[tuple, str]] = []
    done: set[str] = set()

    def visit(qid: str, trail: list[str]) -> None:
        trail.append(qid)
        for path, target in edges[qid]:
            if target in trail:
                loop = " → ".join([*trail[trail.index(target) :], target])
                found.append(
                    (
                        path,
                        f"cycle: {loop}; every path must end in an outcome, so no "
                        "answer may lead back to an earlier question",
                    )
                )
            elif target in questions and target not in done:
                visit(target, trail)
        trail.pop()
        done.add(qid)

    for qid in questions:
        if qid not in done:
            visit(qid, [])
    return sorted(set(found))


def _reachable(tree: Eligibility, questions: dict[str, int]) -> set[str]:
    edges = _edges(tree)
    seen: set[str] = set()
    todo = [tree.start] if tree.start in questions else []
    while todo:
        qid = todo.pop()
        if qid in seen:
            continue
        seen.add(qid)
        for _, target in edges.get(qid, []):
            if target in questions:
                todo.append(target)
            else:
                seen.add(target)
    return seen


def _unknown(what: str, value: str, known: Any) -> str:
    names = sorted(known)
    close = difflib.get_close_matches(value, names, n=1, cutoff=0.6)
    hint = f"did you mean {close[0]!r}?" if close else f"expected one of {names}"
    return f"unknown {what} {value!r}; {hint}"
