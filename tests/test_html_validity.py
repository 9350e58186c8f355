"""The W3C Nu HTML checker (vnu.jar from npm, on the machine's Java) on every page.

Java starts once: the built site and a page with a known error are checked in one run, and
each test reads its own part of the report.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.helpers import REPO, build_in_process
from tests.project_fixture import small_project

# the W3C Nu checker runs on Java: with the browser tests in make test
pytestmark = pytest.mark.tool

VNU = REPO / "node_modules/vnu-jar/build/dist/vnu.jar"
BAD_PAGE = '<!doctype html><html lang="de"><title>x</title><p id="a"></p><p id="a">'


#: a run checks a few dozen pages: the quick compiler alone (half the CPU time of a run),
#: one garbage-collector thread, and the stack the checker's schema needs
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss4m")
VNU_OPTIONS = ("--errors-only", "--skip-non-html")


def vnu(*paths: Path) -> subprocess.CompletedProcess:
    java = shutil.which("java")
    if not java or not VNU.is_file():
        pytest.fail("java and node_modules/vnu-jar are needed: `make test` installs them")
    return subprocess.run(
        [java, *JAVA_OPTIONS, "-jar", str(VNU), *VNU_OPTIONS, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def checked(tmp_path_factory) -> tuple[Path, Path, subprocess.CompletedProcess]:
    root = tmp_path_factory.mktemp("html")
    site = build_in_process(small_project(root / "project"))
    bad = root / "bad" / "bad.html"
    bad.parent.mkdir()
    bad.write_text(BAD_PAGE, encoding="utf-8")
    return site, bad, vnu(site, bad)


def reported_for(result: subprocess.CompletedProcess, folder: Path) -> list[str]:
    """The report's lines about files below ``folder`` (vnu names them by file: URL)."""
    return [line for line in result.stderr.splitlines() if f"{folder.as_posix()}/" in line]


def test_every_page_is_valid_html(checked):
    site, bad, result = checked
    assert len(list(site.rglob("*.html"))) > 20
    assert reported_for(result, site) == []
    # everything the checker said is about the bad page: nothing else went wrong
    assert result.stderr.strip() and all(str(bad) in line for line in result.stderr.splitlines())


def test_the_checker_reports_an_error(checked):
    _site, bad, result = checked
    assert result.returncode != 0
    assert any("Duplicate ID" in line for line in reported_for(result, bad.parent))
