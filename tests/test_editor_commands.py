"""The commands of the editor guide and the hooks work exactly as printed, and an editor gets
from `new` to a strict pass with every message saying where to fix what.

Each test works in the small test project whose ``.venv`` is the one ``make site`` made
(a link to it), as after the README's set-up; commands run through ``bash -c`` as typed.
"""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from tests.helpers import EPOCH, REPO
from tests.project_fixture import ASSISTANCE, small_project

# runs the guide's commands through bash as an editor types them: make test
pytestmark = pytest.mark.tool

GUIDE = REPO / "docs" / "editor-guide.md"
LOCATION = re.compile(r"^content/[\w./-]+\.yaml:\d+:\d+: ")


def project_after_setup(tmp_path: Path) -> Path:
    project = small_project(tmp_path / "p")
    (project / ".venv").symlink_to(REPO / ".venv")
    return project


def sh(project: Path, command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["bash", "-c", command],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        # the environment activated, as the guide's set-up does
        env={
            "PATH": f"{project / '.venv' / 'bin'}:/usr/bin:/bin",
            "SOURCE_DATE_EPOCH": EPOCH,
            "HOME": str(project),
        },
    )


def guide_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(encoding="utf-8"), re.S)
    inline = re.findall(r"`(servicefinder (?!init)[a-z-]+ [^`]+)`", GUIDE.read_text("utf-8"))
    lines = [line.strip() for b in blocks for line in b.splitlines() if line.strip()]
    # the set-up lines make the environment the test links in; the rest are the tool's
    return [c for c in lines if c.startswith("servicefinder ")] + inline


def test_every_command_of_the_editor_guide_runs_as_printed(tmp_path: Path):
    project = project_after_setup(tmp_path)
    commands = guide_commands()
    assert any(" new service " in c for c in commands)
    assert all(c.startswith("servicefinder ") for c in commands), commands
    for command in commands:
        result = sh(project, command)
        assert "command not found" not in result.stderr, command
        assert result.returncode in (0, 1), (command, result.stderr)  # 1: placeholders left
    assert (project / "content/services/hilfe-zum-lebensunterhalt.yaml").is_file()


def test_pre_commit_hooks_run_as_printed_and_strict(tmp_path: Path):
    project = project_after_setup(tmp_path)
    # the hook a site repository gets from `servicefinder init`
    config = yaml.safe_load(
        (REPO / "generator/commands/starter/files/.pre-commit-config.yaml").read_text()
    )
    hooks = {h["id"]: h for h in config["repos"][0]["hooks"]}
    shipped = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert all("--strict" in h["entry"] for h in shipped if h["id"].endswith("validate"))
    entry = hooks["servicefinder-validate"]["entry"]
    assert "--strict" in entry
    entry = ".venv/bin/" + entry  # the site's environment, where `servicefinder` is installed
    assert sh(project, entry).returncode == 0
    # a warning only (a negation in an easy-language text) fails the hook, as it fails
    # `make site`
    path = project / f"content/services/{ASSISTANCE}.yaml"
    text = path.read_text(encoding="utf-8")
    easy_line = re.search(r"^  text: \|\n    (.+)$", text, re.M)
    assert easy_line is not None
    path.write_text(text.replace(easy_line.group(1), "Das Amt hilft nicht.", 1), "utf-8")
    result = sh(project, entry)
    assert result.returncode == 1 and "[negation]" in result.stderr, result.stderr


def test_gitlab_gets_a_code_quality_report(tmp_path: Path):
    project = project_after_setup(tmp_path)
    path = project / f"content/services/{ASSISTANCE}.yaml"
    path.write_text(path.read_text("utf-8").replace("as_of:", "as_of: 2025-02-30\n#", 1))
    result = sh(project, ".venv/bin/servicefinder validate --strict --format gitlab")
    assert result.returncode == 1
    issues = json.loads(result.stdout)
    errors = [i for i in issues if i["severity"] == "major"]
    assert len(errors) == 1
    issue = errors[0]
    assert set(issue) == {"description", "check_name", "fingerprint", "severity", "location"}
    assert issue["location"]["path"] == f"content/services/{ASSISTANCE}.yaml"
    assert issue["location"]["lines"]["begin"] >= 1
    assert len({i["fingerprint"] for i in issues}) == len(issues)
    ci = yaml.safe_load((REPO / "generator/commands/starter/files/.gitlab-ci.yml").read_text())
    assert ci["check"]["artifacts"]["reports"]["codequality"] == "gl-code-quality-report.json"
    assert any("--format gitlab" in line for line in ci["check"]["script"])


WOHNGELD = """\
id: wohngeld
title: Wohngeld beantragen
summary: Ein Zuschuss zur Miete für Haushalte mit kleinem Einkommen (Beispieltext).
topics: [geld-zum-leben]
as_of: 2025-01-01
source: {name: Beispieltext für die Tests}
description: Wohngeld ist ein Zuschuss zur Miete oder zu den Kosten für das eigene Heim.
fees: {text: Der Antrag kostet Sie kein Geld.}
forms: {available: true, online: false, written_form_required: true,
  informal_application: false, personal_appearance: false}
legal_basis:
  - {law: WoGG, section: "1"}
responsible: {authority_kind: wohngeldstelle}
easy:
  title: Geld für die Miete
  text: |
    Die Miete ist hoch.
    Sie haben wenig Geld.
    Dann hilft Ihnen das Amt.
"""

WOHNGELDSTELLE = """\
id: wohngeldstelle-testland
name: Wohngeldstelle (Beispiel)
kinds: [wohngeldstelle]
address: {street: Beispielweg 1, postcode: "00102", city: Testdorf}
areas:
  - {ars: "01999", name: Landkreis Testland}
  - {ars: "01998", name: Stadt Teststadt}
example_data: true
"""


def test_wohngeld_from_new_to_a_strict_pass_with_every_message_saying_where(tmp_path: Path):
    project = project_after_setup(tmp_path)
    validate = ".venv/bin/servicefinder validate --strict"

    def findings() -> list[str]:
        result = sh(project, validate)
        lines = [x for x in result.stderr.splitlines() if x and ": notice: " not in x]
        assert result.returncode == 1, result.stderr
        return lines[:-1]  # the summary

    created = sh(project, ".venv/bin/servicefinder new service wohngeld")
    # what to run next, as the editor runs it (the environment activated)
    assert created.returncode == 0 and "`servicefinder validate --strict`" in created.stdout
    # 1. the fresh file: every placeholder, each at its line, saying to replace it
    first = findings()
    assert first and all(LOCATION.match(x) for x in first), first
    assert all("replace it" in x or "declare it under" in x for x in first), first
    # 2. filled in, with a new authority kind and a new law
    service = project / "content/services/wohngeld.yaml"
    service.write_text(WOHNGELD, encoding="utf-8")
    (project / "content/authorities/wohngeldstelle-testland.yaml").write_text(WOHNGELDSTELLE)
    second = findings()
    assert all(LOCATION.match(x) for x in second), second
    kinds = [x for x in second if "'wohngeldstelle'" in x]
    assert len(kinds) == 2, second  # the service and the authority
    assert all("declare it under 'authority_kinds:' in content/site.yaml" in x for x in kinds)
    law = [x for x in second if "'WoGG'" in x]
    assert len(law) == 1 and "as 'url' in legal_basis[0]" in law[0], second
    assert len(second) == 3, second
    # 3. declared where the messages said: a strict pass
    site = project / "content/site.yaml"
    site.write_text(
        site.read_text("utf-8").replace(
            "authority_kinds:\n",
            "authority_kinds:\n  - {id: wohngeldstelle, de: Wohngeldstelle, en: Housing "
            "benefit office}\n",
        ),
        encoding="utf-8",
    )
    service.write_text(
        WOHNGELD.replace(
            '{law: WoGG, section: "1"}',
            '{law: WoGG, section: "1", url: "https://www.gesetze-im-internet.de/wogg/__1.html"}',
        ),
        encoding="utf-8",
    )
    result = sh(project, validate)
    assert result.returncode == 0, result.stderr
    assert "ok: " in result.stdout
