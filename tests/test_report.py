"""The findings report at catalogue scale: warnings and notices of one kind found many
times are one line with their count and first files; errors are each listed; --verbose
and the machine formats keep every finding."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.commands.report import report_findings
from generator.infra.errors import Problem
from generator.site.language_report import LanguageReport, format_reports
from tests.helpers import run_cli, service_yaml, small_project


def outdated(i: int, field: str = "title") -> Problem:
    return Problem(
        f"content/services/s{i:02d}.en.yaml",
        20 + i,
        1,
        field,
        f"outdated translation (en): the German '{field}' changed since this was translated; "
        f"translate it anew, then run `servicefinder translations --renew "
        f"content/services/s{i:02d}.en.yaml`",
        "warning",
    )


def findings() -> list[Problem]:
    """Six outdated translations (two fields of one file), two notices, four errors."""
    return [
        *(outdated(i) for i in range(5)),
        outdated(0, "summary"),
        Problem("content/services/a.yaml", 3, 1, "as_of", "checked 400 days ago", "notice"),
        Problem("content/services/b.yaml", 3, 1, "as_of", "checked 500 days ago", "notice"),
        *(
            Problem(f"content/services/e{i}.yaml", 1, 1, "title", "required field is missing")
            for i in range(4)
        ),
    ]


def test_a_repeated_warning_is_one_line_with_its_count_and_first_files(capsys):
    report_findings(findings(), "human", strict=False)
    lines = [line for line in capsys.readouterr().err.splitlines() if line]
    grouped = [line for line in lines if "outdated translation" in line]
    assert grouped == [
        "warning: 6 times in 5 files: outdated translation (en): the German '…' changed since "
        "this was translated; translate it anew, then run `…` (in "
        "content/services/s00.en.yaml:20:1, content/services/s01.en.yaml:21:1, "
        "content/services/s02.en.yaml:22:1 and 2 more; --verbose lists each)"
    ]
    # every error is listed: each stops the build and is fixed on its own
    assert [line for line in lines if "required field" in line] == [
        f"content/services/e{i}.yaml:1:1: title: required field is missing" for i in range(4)
    ]
    # two of a kind are not worth a summary
    assert "content/services/a.yaml:3:1: notice: as_of: checked 400 days ago" in lines
    assert "content/services/b.yaml:3:1: notice: as_of: checked 500 days ago" in lines
    assert lines[-1] == "4 errors in 4 files, 6 warnings, 2 notices"


def test_verbose_and_json_keep_every_finding(capsys):
    report_findings(findings(), "human", strict=False, verbose=True)
    lines = capsys.readouterr().err.splitlines()
    assert sum("outdated translation" in line for line in lines) == 6
    assert "content/services/s00.en.yaml:20:1: warning: summary: outdated" in "\n".join(lines)
    report_findings(findings(), "json", strict=False)
    found = json.loads(capsys.readouterr().out)
    assert len(found) == 12
    assert sum(p["message"].startswith("outdated translation") for p in found) == 6


def test_a_kind_is_its_message_without_the_values_it_names(capsys):
    """Other words make another kind, also between the same numbers and names."""
    other = [
        Problem(f"f{i}.yaml", 1, 1, "as_of", f"checked {400 + i} days ago", "notice")
        for i in range(4)
    ] + [Problem(f"g{i}.yaml", 1, 1, "as_of", "lies in the future", "notice") for i in range(4)]
    report_findings(other, "human", strict=False)
    lines = [line for line in capsys.readouterr().err.splitlines() if line]
    assert lines == [
        "notice: 4 times in 4 files: checked … days ago "
        "(in f0.yaml:1:1, f1.yaml:1:1, f2.yaml:1:1 and 1 more; --verbose lists each)",
        "notice: 4 times in 4 files: lies in the future "
        "(in g0.yaml:1:1, g1.yaml:1:1, g2.yaml:1:1 and 1 more; --verbose lists each)",
    ]


def test_the_language_report_names_the_first_services_and_counts_the_rest():
    report = LanguageReport("uk")
    report.untranslated = [f"s{i:03d}" for i in range(250)]
    report.fallbacks = {f"s{i:03d}": ["notes"] for i in range(5)}
    short = format_reports([report]).splitlines()
    assert short == [
        "language uk:",
        "  shown in the source language: 5 services (s000, s001, s002, s003, s004)",
        "  not translated: " + ", ".join(f"s{i:03d}" for i in range(10)) + " and 240 more",
    ]
    every = format_reports([report], every=True).splitlines()
    assert every[1] == "  s000: shown in the source language: notes"
    assert every[-1].endswith("s249") and len(every) == 7


@pytest.mark.tool  # runs the command line as its own process
def test_validate_groups_a_finding_of_many_services(tmp_path: Path):
    stale = {
        f"content/services/alt-{i}.yaml": service_yaml(f"alt-{i}", as_of="2020-01-01")
        for i in range(5)
    }
    project = small_project(tmp_path, stale)
    result = run_cli(project, "validate")
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "asks for a review" in line]
    assert len(lines) == 1 and lines[0].startswith("notice: 5 times in 5 files: checked … days")
    assert "content/services/alt-0.yaml:" in lines[0]
    full = run_cli(project, "validate", "--verbose")
    assert sum("asks for a review" in line for line in full.stderr.splitlines()) == 5
    found = json.loads(run_cli(project, "validate", "--format", "json").stdout)
    assert sum("asks for a review" in p["message"] for p in found) == 5
