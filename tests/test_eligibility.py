"""The pre-check's question tree is checked as a whole: every question reachable, every path
ending in an outcome, no loops, easy wording where the service has an easy page, and
translations that word exactly the main file's questions. Each finding at its file line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.catalogue import load_catalogue
from generator.content.schema import longest_paths, page_wording
from generator.infra.errors import ContentError
from generator.site.language_report import format_reports, language_reports
from tests.helpers import REPO, TODAY, service_yaml
from tests.project_fixture import (
    ASSISTANCE,
    ASSISTANCE_DE,
    ASSISTANCE_EN,
    MONEY,
    MONEY_DE,
    small_project,
)

FILE = "content/services/test-leistung.yaml"

#: a small valid tree: two questions, three outcomes, easy wording throughout
TREE = """\
eligibility:
  start: eins
  questions:
    - id: eins
      text: Bekommen Sie Bürgergeld?
      easy: Bekommen Sie Bürger-Geld?
      if_yes: {next: nein}
      if_no: {next: zwei}
    - id: zwei
      text: Wohnen Sie hier?
      easy: Wohnen Sie hier?
      if_yes: {next: ja}
      if_no: {next: fragen}
  outcomes:
    - {id: ja, result: likely, text: Es passt., easy: Es passt.}
    - {id: nein, result: unlikely, text: Es passt nicht., easy: Es passt nicht.}
    - {id: fragen, result: ask, text: Fragen Sie., easy: Fragen Sie.}
"""


def problems(tmp_path: Path, tree: str, extra: dict[str, str] | None = None) -> list[str]:
    files = {FILE: service_yaml() + tree, **(extra or {})}
    project = small_project(tmp_path, files)
    with pytest.raises(ContentError) as caught:
        load_catalogue(project / "content", root=project, today=TODAY)
    return [
        re.sub(r"^content/services/", "", p.format())
        for p in caught.value.problems
        if p.severity == "error"
    ]


def test_the_small_tree_is_valid(tmp_path: Path):
    project = small_project(tmp_path, {FILE: service_yaml() + TREE})
    catalogue, _ = load_catalogue(project / "content", root=project, today=TODAY)
    tree = catalogue.service("test-leistung").eligibility
    assert tree is not None and longest_paths(tree) == {"eins": 2, "zwei": 1}


def test_unreachable_question_is_reported_at_its_id(tmp_path: Path):
    tree = TREE.replace("if_no: {next: zwei}", "if_no: {next: fragen}")
    assert problems(tmp_path, tree) == [
        "test-leistung.yaml:20:11: eligibility.questions[1].id: question 'zwei' is "
        "unreachable: no answer leads to it from the first question 'eins'",
        # only the unreachable question led there
        "test-leistung.yaml:26:12: eligibility.outcomes[0].id: outcome 'ja' is unreachable: "
        "no answer leads to it from the first question 'eins'",
    ]


def test_path_without_outcome_missing_answer_and_dangling_next(tmp_path: Path):
    tree = TREE.replace("      if_no: {next: zwei}\n", "").replace("{next: ja}", "{next: jaa}")
    assert problems(tmp_path, tree) == [
        "test-leistung.yaml:15:7: eligibility.questions[0]: path without outcome: the "
        "answer 'if_no' leads nowhere; add 'if_no: {next: ...}' with a question or an outcome",
        "test-leistung.yaml:19:11: eligibility.questions[1].id: question 'zwei' is "
        "unreachable: no answer leads to it from the first question 'eins'",
        "test-leistung.yaml:22:22: eligibility.questions[1].if_yes.next: path without "
        "outcome: unknown question or outcome 'jaa'; did you mean 'ja'?",
        "test-leistung.yaml:25:12: eligibility.outcomes[0].id: outcome 'ja' is unreachable: "
        "no answer leads to it from the first question 'eins'",
        "test-leistung.yaml:27:12: eligibility.outcomes[2].id: outcome 'fragen' is "
        "unreachable: no answer leads to it from the first question 'eins'",
    ]


def test_cycle_is_reported_with_its_loop(tmp_path: Path):
    tree = TREE.replace("if_no: {next: fragen}", "if_no: {next: eins}")
    assert problems(tmp_path, tree) == [
        "test-leistung.yaml:24:21: eligibility.questions[1].if_no.next: cycle: eins → zwei → "
        "eins; every path must end in an outcome, so no answer may lead back to an earlier "
        "question",
        # the outcome the loop bypasses is unreachable too, and says so
        "test-leistung.yaml:28:12: eligibility.outcomes[2].id: outcome 'fragen' is "
        "unreachable: no answer leads to it from the first question 'eins'",
    ]


def test_question_without_easy_wording_on_a_service_with_an_easy_page(tmp_path: Path):
    tree = TREE.replace("      easy: Wohnen Sie hier?\n", "").replace(", easy: Fragen Sie.}", "}")
    assert problems(tmp_path, tree) == [
        "test-leistung.yaml:20:7: eligibility.questions[1]: no easy-language wording: the "
        "service has an easy-language page, so give 'easy' beside 'text'",
        "test-leistung.yaml:27:7: eligibility.outcomes[2]: no easy-language wording: the "
        "service has an easy-language page, so give 'easy' beside 'text'",
    ]


def test_outcome_may_point_only_to_related_services_and_choices_need_two(tmp_path: Path):
    tree = TREE.replace(
        "{id: nein, result: unlikely,", "{id: nein, related: [andere], result: unlikely,"
    ).replace(
        "      if_yes: {next: ja}\n      if_no: {next: fragen}\n",
        "      choices:\n        - {label: Ja, easy_label: Ja, next: ja}\n",
    )
    found = problems(tmp_path, tree)
    assert any("choices: a choice question needs at least two answers" in f for f in found)
    assert any(
        "related[0]: 'andere' is not among the service's related services" in f for f in found
    )
    # the outcome the single choice cannot reach is reported as such
    assert any("outcome 'fragen' is unreachable" in f for f in found)


def test_translation_must_word_every_question_and_outcome(tmp_path: Path):
    translation = (
        "id: test-leistung\ntitle: Test service\nsummary: A service.\ndescription: Text.\n"
        "easy: {title: Test, text: One sentence.}\n"
        "eligibility:\n"
        "  questions:\n"
        "    - {id: eins, text: Do you get citizen's allowance?, easy: Do you get it?}\n"
        "    - {id: drei, text: Where?, easy: Where?}\n"
        "  outcomes:\n"
        "    - {id: ja, text: It fits., easy: It fits.}\n"
        "    - {id: nein, text: It does not fit., easy: No.}\n"
        "    - {id: fragen, text: Ask., easy: Ask.}\n"
    )
    found = problems(tmp_path, TREE, {"content/services/test-leistung.en.yaml": translation})
    assert found == [
        "test-leistung.en.yaml:8:5: eligibility.questions: question 'zwei' of the main file "
        "is not translated",
        "test-leistung.en.yaml:9:12: eligibility.questions[1].id: unknown question 'drei'; "
        "expected one of ['eins', 'zwei']",
    ]


def test_example_project_page_wording_uses_easy_and_translated_text():
    catalogue, _ = load_catalogue(REPO / "content", root=REPO, today=TODAY)
    service = catalogue.service("hilfe-zum-lebensunterhalt")
    assert service.eligibility is not None
    translation = catalogue.translation("en", service.id)
    easy_en = page_wording(service.eligibility, translation.eligibility, easy=True)
    standard_de = page_wording(service.eligibility, None, easy=False)
    assert easy_en["max"] == standard_de["max"] == 4
    first_en, first_de = easy_en["questions"][0], standard_de["questions"][0]
    assert first_en["text"].startswith("Do you already get money from the job centre")
    assert first_de["text"].startswith("Bekommen Sie Grundsicherungsgeld vom Jobcenter")
    assert first_en["hint"] is None and standard_de["questions"][1]["hint"]
    assert [a["next"] for a in first_de["answers"]] == ["andere-leistung", "eigene-mittel"]


#: the small tree's wording in English, standard only (no easy wording)
TREE_EN = """\
eligibility:
  questions:
    - {id: eins, text: Do you get citizen's allowance?}
    - {id: zwei, text: Do you live here?}
  outcomes:
    - {id: ja, text: It fits.}
    - {id: nein, text: It does not fit.}
    - {id: fragen, text: Ask.}
"""


def test_report_names_translations_without_the_pre_check_or_its_easy_wording(tmp_path: Path):
    """A translation's page shows no pre-check where the translation does not word it, and
    its easy page none in easy language: the language report says so. The English of
    testgeld has no eligibility at all; that of testassistenz words it, but has no easy
    wording (it has no easy page, so the check does not ask for it)."""
    without_easy = re.sub(r"\neasy:\n(  .*\n)+", "\n", ASSISTANCE_EN)
    assert "easy" not in without_easy
    project = small_project(
        tmp_path,
        {
            f"content/services/{MONEY}.yaml": MONEY_DE + TREE,
            f"content/services/{ASSISTANCE}.yaml": ASSISTANCE_DE + TREE,
            f"content/services/{ASSISTANCE}.en.yaml": without_easy + TREE_EN,
        },
    )
    catalogue, _ = load_catalogue(project / "content", root=project, strict=True, today=TODAY)
    lines = format_reports(language_reports(catalogue)).splitlines()
    # each once: a translation without any pre-check is not reported for its easy wording
    assert [line for line in lines if "pre-check" in line] == [
        f"  pre-check not translated: {MONEY}",
        f"  easy-language pre-check not translated: {ASSISTANCE}",
    ]
