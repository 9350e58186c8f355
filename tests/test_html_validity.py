"""The W3C Nu HTML checker (vnu.jar from npm, on the machine's Java) on every page."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.fixtures import small_project
from tests.helpers import REPO, build_in_process

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"


def vnu(path: Path) -> subprocess.CompletedProcess:
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail("java and node_modules/vnu-jar are needed: `make test` installs them")
    return subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--skip-non-html", str(path)],
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_every_page_is_valid_html(tmp_path: Path):
    site = build_in_process(small_project(tmp_path))
    assert len(list(site.rglob("*.html"))) > 20
    result = vnu(site)
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == ""


def test_the_checker_reports_an_error(tmp_path: Path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="de"><title>x</title><p id="a"></p><p id="a">')
    result = vnu(page)
    assert result.returncode != 0 and "Duplicate ID" in result.stderr
