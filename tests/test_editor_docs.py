"""The ready-made workflows, hooks and editor settings point at things that exist."""

from __future__ import annotations

import json
import re

import pytest
import yaml

from tests.helpers import REPO, run_cli
from tests.project_fixture import small_project

DOCS = REPO / "docs"


def commands(text: str) -> set[str]:
    return set(re.findall(r"servicefinder ([a-z-]+)", text))


STARTER = REPO / "generator" / "commands" / "starter" / "files"


def test_workflows_parse_and_use_real_commands():
    """The workflows `init` writes run the tool's commands only: never this repository's
    test suite, `make` or an apt package, which a site repository does not have."""
    from generator.commands.cli import _parser

    known = set(_parser()._subparsers._group_actions[0].choices)  # type: ignore[union-attr]
    workflows = [
        STARTER / ".github/workflows/pull-request.yml",
        STARTER / ".github/workflows/publish.yml",
        STARTER / ".gitlab-ci.yml",
        DOCS / "ci/github-pages.yml",
    ]
    for path in workflows:
        text = path.read_text(encoding="utf-8")
        assert yaml.safe_load(text), path
        assert commands(text) <= known, path
        # npm (and the apt package that brings it) only for the browser editor, when set up
        plain = "\n".join(line for line in text.splitlines() if "cms:" not in line)
        assert not re.search(r"\bmake (test|site|check)|apt-get|pip install -e", plain), path
    pr = (STARTER / ".github/workflows/pull-request.yml").read_text()
    assert "servicefinder validate --strict --format github" in pr and "upload-artifact" in pr
    gitlab = yaml.safe_load((STARTER / ".gitlab-ci.yml").read_text())
    assert {"check", "pages"} <= gitlab.keys()


@pytest.mark.tool  # runs the command line as its own process
def test_pre_commit_hooks_run(tmp_path):
    for path in [REPO / ".pre-commit-hooks.yaml", STARTER / ".pre-commit-config.yaml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        hooks = data if isinstance(data, list) else data["repos"][0]["hooks"]
        assert any(h["id"] == "servicefinder-validate" for h in hooks)
    project = small_project(tmp_path)
    hook = next(h for h in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text()))
    result = run_cli(project, *hook["entry"].split()[1:])
    assert result.returncode == 0 and result.stdout.startswith("ok: 2 services")
    (project / "content/services/testgeld.yaml").write_text("id: [\n", encoding="utf-8")
    assert run_cli(project, *hook["entry"].split()[1:]).returncode == 1  # it can stop a commit


def test_vscode_settings_map_every_content_file_to_a_schema():
    settings = json.loads((STARTER / ".vscode/settings.json").read_text())
    for schema in settings["yaml.schemas"]:
        assert (REPO / schema).is_file(), schema
    assert len(settings["yaml.schemas"]) == len(list((REPO / "schema").glob("*.json")))


def test_example_project_editor_guide_messages_are_what_the_tool_prints():
    """The guide's example message is about an example file: the same edit of the same file
    (read where it is, checked in memory) gives exactly the line the guide shows."""
    from generator.content.load import parse_text
    from generator.content.schema import Service
    from generator.content.validate import validate_document

    guide = (DOCS / "editor-guide.md").read_text(encoding="utf-8")
    name = "content/services/hilfe-zum-lebensunterhalt.yaml"
    text = (REPO / name).read_text(encoding="utf-8")
    assert "eur: 10000.00" in text
    doc, found = parse_text(text.replace("eur: 10000.00", "eur: fünfhundert", 1), name)
    assert found == []
    _, found = validate_document(doc, Service)
    [line] = [p.format() for p in found]
    assert "fünfhundert" in line and line in guide
