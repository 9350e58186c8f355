"""The easy-language checker is right on a labelled corpus, per rule, and its exceptions
are explicit, reasoned and shown to nobody but editors.

The corpus (tests/easy_corpus/*.tsv) was written for these tests: each sentence with the
rules it breaks as a reader judges them, including the false alarms and misses editors
met (acht geben, wird ... geben, WoGG, BAföG, ist geprüft). ``bench/easy_check_figures.py``
prints the figures and every sentence the checker gets wrong.
"""

from __future__ import annotations

import pytest

from bench.easy_check_figures import read_corpus, score
from generator.content.easy_check import SENTENCE_RULES, check_easy_text, sentence_rules
from generator.site.text import easy_to_html


@pytest.mark.parametrize(("lang", "size"), [("de", 300), ("en", 100)])
def test_every_rule_reaches_090_precision_and_recall(lang: str, size: int):
    corpus = read_corpus(lang)
    assert len(corpus) >= size
    labelled = {rule for labels, _ in corpus for rule in labels}
    assert labelled == set(SENTENCE_RULES)  # every rule has positive examples
    for rule, s in score(lang).items():
        assert s.tp >= 5, rule
        assert s.precision >= 0.9 and s.recall >= 0.9, (rule, s.wrong)


@pytest.mark.parametrize(
    ("sentence", "rules"),
    [
        ("Geben Sie acht auf die Frist.", set()),
        ("Das Amt wird Ihnen Geld geben.", set()),
        ("Das Gesetz heißt WoGG.", {"abbreviation"}),
        ("Sie bekommen vielleicht BAföG.", {"abbreviation"}),
        ("Der Antrag ist geprüft.", {"passive"}),
        ("Der Standort wird nicht gesendet.", {"passive", "negation"}),
    ],
)
def test_the_false_alarms_and_misses_editors_met(sentence: str, rules: set[str]):
    assert sentence_rules(sentence, "de") == rules
    assert any(s == sentence for _, s in read_corpus("de"))


def test_an_exception_next_to_the_sentence_allows_that_rule_with_a_reason():
    text = (
        "## Wer bekommt kein Wohn-Geld? [[easy-ok negation: the heading states an exclusion]]\n"
        "Sie bekommen nicht immer Geld.\n"
    )
    findings = check_easy_text(text, "de")
    assert [(f.line, f.rule) for f in findings] == [(2, "negation")]


def test_an_exception_needs_a_known_rule_a_reason_and_a_use():
    no_reason = check_easy_text("Das gilt nicht. [[easy-ok negation:]]\n", "de")
    assert [f.rule for f in no_reason] == ["exception"]
    assert "needs a reason" in no_reason[0].message
    unknown = check_easy_text("Das gilt nicht. [[easy-ok negativ: a reason here]]\n", "de")
    assert {f.rule for f in unknown} == {"exception", "negation"}
    unused = check_easy_text("Das gilt immer. [[easy-ok negation: a reason here]]\n", "de")
    assert [f.rule for f in unused] == ["exception"] and "remove" in unused[0].message


def test_readers_never_see_the_exception():
    html = easy_to_html(
        "Das gilt nicht für Studierende. [[easy-ok negation: the exclusion must be said]]",
        external_label="extern",
    )
    assert "easy-ok" not in html and "Studierende." in html
