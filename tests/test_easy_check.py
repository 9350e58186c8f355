"""Each easy-language rule, on sentences that must and must not trigger it."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.content.easy_check import (
    check_easy_text,
    flesch_reading_ease,
    syllables,
    wiener_sachtextformel,
)
from generator.infra.errors import ContentError
from generator.pipeline import BuildOptions, Project, check_content
from tests.helpers import TODAY, service_yaml
from tests.project_fixture import small_project

CASES = [
    # (language, rule, triggers, does not trigger)
    (
        "de",
        "sentence-length",
        "Wenn Sie Geld brauchen und keine Arbeit haben und krank sind, dann gehen Sie bitte "
        "zum Amt in Ihrer Stadt.",
        "Sie brauchen Geld. Gehen Sie zum Amt.",
    ),
    (
        "en",
        "sentence-length",
        "If you need money and you have no job and you are ill then please go to the office.",
        "You need money. Go to the office.",
    ),
    ("de", "long-word", "Sie bekommen Eingliederungshilfe.", "Sie bekommen Eingliederungs-Hilfe."),
    ("en", "long-word", "This is about responsibility.", "This is about your job."),
    ("de", "passive", "Der Antrag wird vom Amt geprüft.", "Das Amt prüft den Antrag."),
    ("en", "passive", "The form is checked by the office.", "The office checks the form."),
    ("de", "negation", "Sie brauchen keinen Plan.", "Ein Plan kommt später."),
    ("en", "negation", "You do not need a plan.", "A plan can come later."),
    ("de", "number-word", "Sie haben zwei Wochen Zeit.", "Sie haben 2 Wochen Zeit."),
    ("en", "number-word", "You have two weeks.", "You have 2 weeks."),
    (
        "de",
        "abbreviation",
        "Bringen Sie z. B. den Ausweis mit.",
        "Bringen Sie zum Beispiel den Ausweis mit.",
    ),
    ("de", "abbreviation", "Das steht im SGB.", "Das steht im Gesetz."),
    ("en", "abbreviation", "Bring your ID card.", "Bring your identity card."),
]


@pytest.mark.parametrize(("lang", "rule", "bad", "good"), CASES)
def test_rule(lang: str, rule: str, bad: str, good: str):
    assert rule in {f.rule for f in check_easy_text(bad, lang)}
    assert rule not in {f.rule for f in check_easy_text(good, lang)}


def test_findings_name_the_line():
    text = "Das ist gut.\nSie haben drei Tage Zeit.\n"
    [finding] = check_easy_text(text, "de")
    assert (finding.line, finding.rule) == (2, "number-word")


def test_syllable_estimates():
    assert syllables("Antrag", "de") == 2
    assert syllables("Eingliederungshilfe", "de") == 6
    assert syllables("Leute", "de") == 2
    assert syllables("office", "en") == 2


def test_readability_figures_separate_easy_from_official_text():
    easy = [s.split() for s in ["Sie bekommen Geld", "Das Amt hilft Ihnen", "Rufen Sie an"]]
    hard = [
        [
            "Die",
            "Gewährung",
            "von",
            "Leistungen",
            "der",
            "Eingliederungshilfe",
            "setzt",
            "eine",
            "wesentliche",
            "Teilhabebeeinträchtigung",
            "voraus",
        ]
    ]
    assert wiener_sachtextformel(easy) < 4 < 10 < wiener_sachtextformel(hard)
    en_easy = [s.split() for s in ["You get money", "The office helps you", "Call us"]]
    en_hard = [
        [
            "The",
            "administrative",
            "determination",
            "of",
            "eligibility",
            "necessitates",
            "comprehensive",
            "documentation",
        ]
    ]
    assert flesch_reading_ease(en_easy) > 90 > 30 > flesch_reading_ease(en_hard)
    long_hard = " ".join([" ".join(hard[0]) + "."] * 3)
    [finding] = [f for f in check_easy_text(long_hard, "de") if f.rule == "readability"]
    assert finding.message.startswith("Wiener Sachtextformel is ")


def test_readability_is_not_judged_on_a_few_words():
    short_hard = "Die Teilhabebeeinträchtigung ist wesentlich."
    assert "readability" not in {f.rule for f in check_easy_text(short_hard, "de")}


def test_a_hard_easy_text_warns_and_fails_in_strict_mode(tmp_path: Path):
    easy = (
        "\n  title: Test\n  text: |\n    Das ist gut.\n"
        "    Der Antrag wird z. B. vom Sozialamt bearbeitet und geprüft, bevor das Geld an "
        "Sie überwiesen wird.\n"
    )
    project = Project.at(
        small_project(tmp_path, {"content/services/test-leistung.yaml": service_yaml(easy=easy)}),
        use_cache=False,
    )
    _, lenient = check_content(project, TODAY, BuildOptions(strict=False))
    assert len([p for p in lenient if p.severity == "warning"]) == 3
    with pytest.raises(ContentError) as caught:
        check_content(project, TODAY, BuildOptions(strict=True))
    lines = caught.value.report().splitlines()
    prefix = "content/services/test-leistung.yaml:15:1: warning: easy.text: "
    assert prefix + "[sentence-length] sentence has 17 words; at most 12: split it" in lines
    assert prefix + "[passive] passive voice; say who does what" in lines
    assert prefix + "[abbreviation] abbreviation 'z. B.'; write it out or explain it" in lines
    assert lines[-1].startswith("0 errors in 0 files, 3 warnings")
