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


def test_workflows_parse_and_use_real_commands():
    known = {"validate", "build", "serve", "new", "import-places", "check-links", "schema"}
    for name in ["github-pull-request.yml", "github-publish.yml", "gitlab-ci.yml"]:
        text = (DOCS / "ci" / name).read_text(encoding="utf-8")
        assert yaml.safe_load(text), name
        assert commands(text) <= known, name
    pr = (DOCS / "ci/github-pull-request.yml").read_text()
    assert "servicefinder validate --format github" in pr
    assert "make test" in pr and "upload-artifact" in pr
    gitlab = yaml.safe_load((DOCS / "ci/gitlab-ci.yml").read_text())
    assert {"validate", "build", "accessibility", "pages"} <= gitlab.keys()


@pytest.mark.tool  # runs the command line as its own process
def test_pre_commit_hooks_run(tmp_path):
    for path in [REPO / ".pre-commit-hooks.yaml", DOCS / "editors/pre-commit-config.yaml"]:
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
    settings = json.loads((DOCS / "editors/vscode-settings.json").read_text())
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
