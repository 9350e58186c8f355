"""Every mistake of every file in one run, each at the line and column of the offending text,
with no follow-on errors: an editor fixes a pull request in one pass, not twelve."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.content.catalogue import load_catalogue
from generator.infra.errors import ContentError
from tests.helpers import TODAY, service_yaml
from tests.project_fixture import small_project


def findings(tmp_path: Path, files: dict[str, str | None]) -> list[str]:
    project = small_project(tmp_path, files)
    with pytest.raises(ContentError) as caught:
        load_catalogue(project / "content", root=project, today=TODAY)
    return [p.format() for p in caught.value.problems if p.severity != "notice"]


#: a new service with four mistakes: an unknown topic (line 5), HTML on the fourth line of
#: a Markdown block (line 11), a new authority kind (line 15) and a new law (line 17) not
#: declared anywhere
WOHNGELD = """\
id: wohngeld
title: Wohngeld beantragen
summary: Zuschuss zur Miete.
as_of: 2025-01-01
topics: [geld-zum-leben, wohngeldd]
source: {name: Test}
description: |
  Wohngeld ist ein Zuschuss zur Miete.

  Sie bekommen es, wenn Ihr Einkommen klein ist.
  Mehr dazu <b>hier</b> im Amt.
fees: {text: Keine.}
forms: {available: true, online: false, written_form_required: false,
  informal_application: true, personal_appearance: false}
responsible: {authority_kind: wohngeldstelle}
legal_basis:
  - {law: WoGG, section: "1"}
easy: {title: Wohngeld, text: Das Amt hilft bei der Miete.}
"""

#: its English translation, with one mistake of its own (a misspelt field on line 3)
WOHNGELD_EN = """\
id: wohngeld
title: Apply for housing benefit
sumary: A contribution to the rent.
description: Housing benefit helps with the rent.
"""


def test_five_mistakes_in_two_files_are_reported_exactly_once_each_at_their_lines(
    tmp_path: Path,
):
    lines = findings(
        tmp_path,
        {
            "content/services/wohngeld.yaml": WOHNGELD,
            "content/services/wohngeld.en.yaml": WOHNGELD_EN,
        },
    )
    where = [re.match(r"([^:]+:\d+:\d+): ([\w.\[\]]+):", line).groups() for line in lines]
    assert where == [
        ("content/services/wohngeld.en.yaml:3:1", "sumary"),
        ("content/services/wohngeld.yaml:5:26", "topics[1]"),
        ("content/services/wohngeld.yaml:11:13", "description"),
        ("content/services/wohngeld.yaml:15:31", "responsible.authority_kind"),
        ("content/services/wohngeld.yaml:17:11", "legal_basis[0].law"),
    ], "\n".join(lines)
    text = "\n".join(lines)
    assert "did you mean 'summary'?" in lines[0]
    assert "HTML is not allowed" in lines[2]
    # where a name must be declared, the message says so: file and key
    assert "declare it under 'topics:' in content/site.yaml" in lines[1]
    assert "declare it under 'authority_kinds:' in content/site.yaml" in lines[3]
    assert "as 'url' in legal_basis[0]" in lines[4]
    # no follow-on error: the translation of a file with mistakes is not an orphan
    assert "needs its main file" not in text


def test_a_yaml_error_hides_no_other_file_and_points_at_the_open_quote(tmp_path: Path):
    broken = 'id: wohngeld\ntitle: Wohngeld\nsummary: "Zuschuss zur Miete\n' + "".join(
        f"description{i}: Zeile {i}\n" for i in range(40)
    )
    lines = findings(
        tmp_path,
        {
            "content/services/wohngeld.yaml": broken,
            "content/services/test-leistung.yaml": service_yaml(
                responsible="{authority_kind: sozialamtt}"
            ),
        },
    )
    assert len(lines) == 2, lines
    assert lines[0].startswith("content/services/test-leistung.yaml:10:31: ")
    assert "did you mean 'sozialamt'?" in lines[0]
    assert lines[1].startswith("content/services/wohngeld.yaml:3:10: invalid YAML: ")
    assert "quoted scalar" in lines[1] and "close the quote" in lines[1]


def test_schema_and_reference_checks_of_one_file_run_together(tmp_path: Path):
    lines = findings(
        tmp_path,
        {
            "content/services/test-leistung.yaml": service_yaml(
                as_of="2025-02-30", responsible="{authority_kind: wohngeldstelle}"
            ),
        },
    )
    assert [line.split(": ", 2)[1] for line in lines] == ["as_of", "responsible.authority_kind"]


def test_errors_come_before_warnings_and_notices(tmp_path: Path):
    project = small_project(
        tmp_path,
        {
            "content/services/test-leistung.yaml": service_yaml(
                as_of="2019-01-01", related="[gibt-es-nicht]"
            ),
        },
    )
    with pytest.raises(ContentError) as caught:
        load_catalogue(project / "content", root=project, today=TODAY)
    severities = [p.severity for p in caught.value.problems]
    assert severities[0] == "error" and "notice" in severities
    assert severities == sorted(severities, key=["error", "warning", "notice"].index)


def test_length_limits_count_characters(tmp_path: Path):
    lines = findings(
        tmp_path, {"content/services/test-leistung.yaml": service_yaml(title="x" * 2001)}
    )
    assert len(lines) == 1 and "at most 2000 characters, got 2001" in lines[0]
