"""The tests' command-line server (tests/cli_server.py) answers as a fresh interpreter does:
same exit code, same output, for a passing project, a failing one and a usage error; and a
run whose environment the server's imports could have read goes to a fresh interpreter."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests import cli_server
from tests.helpers import EPOCH, build_in_process
from tests.project_fixture import MONEY, small_project

pytestmark = pytest.mark.tool


def _fresh(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("cli-server")
    good = small_project(root / "good")
    bad = small_project(root / "bad")
    service = bad / "content" / "services" / f"{MONEY}.yaml"
    text = service.read_text(encoding="utf-8")
    service.write_text(text.replace("title:", "title: <script>x</script>", 1), encoding="utf-8")
    return good, bad


@pytest.mark.parametrize(
    "case",
    [("good", ["validate"]), ("bad", ["validate"]), ("bad", ["build"]), ("good", ["nonsense"])],
    ids=lambda c: f"{c[0]}-{'-'.join(c[1])}",
)
def test_a_forked_run_answers_as_a_fresh_interpreter(projects, case):
    good, bad = projects
    name, args = case
    project = good if name == "good" else bad
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    forked = cli_server.run(args, project, env)
    fresh = _fresh(args, project, env)
    assert (forked.returncode, forked.stdout, forked.stderr) == (
        fresh.returncode,
        fresh.stdout,
        fresh.stderr,
    )
    usage, failing = args == ["nonsense"], name == "bad"
    assert forked.returncode == (2 if usage else 1 if failing else 0)


def test_a_run_with_an_environment_read_at_import_goes_to_a_fresh_interpreter(projects):
    """``SERVICEFINDER_MAX_FILE_KB`` is read when ``generator.content.load`` is imported:
    the server imported it with the default, so only a fresh interpreter refuses the file."""
    good, _ = projects
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "SERVICEFINDER_MAX_FILE_KB": "1"}
    result = cli_server.run(["validate"], good, env)
    assert result.returncode == 1
    assert "SERVICEFINDER_MAX_FILE_KB" in result.stderr


def test_a_variable_a_test_sets_sends_only_that_run_to_a_fresh_interpreter(monkeypatch):
    """The server keeps the environment the tests began with: a test that sets a variable
    of its own runs fresh, and the runs after it are forks again."""
    monkeypatch.setenv("SERVICEFINDER_WORKER_TIMEOUT", "901")
    assert not cli_server.forks({**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    monkeypatch.undo()
    assert cli_server.forks({**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
    assert cli_server.forks({**os.environ, "SOURCE_DATE_EPOCH": "0"})  # the date may differ


def test_an_in_process_build_leaves_runs_forked(tmp_path):
    """Material sets NO_MKDOCS_2_WARNING when it is imported; runs after a build in the
    test process are forks all the same."""
    build_in_process(small_project(tmp_path / "project"))
    assert cli_server.forks({**os.environ, "SOURCE_DATE_EPOCH": EPOCH})
