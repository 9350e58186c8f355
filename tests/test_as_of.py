"""``--as-of``: the site as it is on a given day.

A dated amount switches to its new value only when the site is built on or after the
value's ``from`` date. ``build --as-of`` shows the values in force on that day (the build
cache must not hand back pages made for another day), and ``serve --as-of`` previews them.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator import clock
from generator.cli import _parser
from tests.helpers import run_cli
from tests.project_fixture import MONEY, MONEY_DE, small_project

SOURCE = f"content/services/{MONEY}.yaml"
PAGE = f"leistungen/{MONEY}/index.html"

#: Test data: the fixture's made-up standard rate, with a new value from 1 January 2027
OLD_VALUES = "values: [{from: 2019-01-01, eur: 400.00}, {from: 2024-01-01, eur: 500.00}]"
NEW_VALUES = OLD_VALUES[:-1] + ", {from: 2027-01-01, eur: 520.00}]"
DATED = MONEY_DE.replace(OLD_VALUES, NEW_VALUES)


def test_the_fixture_has_the_dated_value():
    assert DATED != MONEY_DE  # the fixture's text still matches


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return small_project(tmp_path_factory.mktemp("as-of") / "project", {SOURCE: DATED})


class _Amounts(HTMLParser):
    """The figure in bold of each amount row: the value in force (templates/components.html)."""

    def __init__(self) -> None:
        super().__init__()
        self.current: list[str] = []
        self._row = self._bold = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li" and ("class", "sf-amount") in attrs:
            self._row = True
        elif tag == "strong" and self._row:
            self._bold = True
            self.current.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "strong":
            self._bold = False
        elif tag == "li":
            self._row = False

    def handle_data(self, data: str) -> None:
        if self._bold:
            self.current[-1] += data


def current_values(page: Path) -> list[str]:
    parser = _Amounts()
    parser.feed(page.read_text(encoding="utf-8"))
    return [" ".join(v.split()) for v in parser.current]


def test_build_shows_the_values_in_force_on_the_as_of_day(dated: Path):
    """Two builds sharing one build cache: the second must not reuse the first's pages."""
    before = run_cli(dated, "build", "--strict", "--as-of", "2026-12-31", "-d", "before")
    assert before.returncode == 0, before.stderr
    assert current_values(dated / "before" / PAGE) == ["500,00 €"]
    after = run_cli(dated, "build", "--strict", "--as-of", "2027-01-02", "-d", "after")
    assert after.returncode == 0, after.stderr
    assert current_values(dated / "after" / PAGE) == ["520,00 €"]
    reused, made = map(int, re.findall(r"(\d+) results reused, (\d+) made", after.stdout)[0])
    assert reused > 0 and made > 0  # the cache was used, and the service pages made again
    feed = json.loads((dated / "after" / "data/servicefinder.json").read_text(encoding="utf-8"))
    assert feed["generated"] == "2027-01-02"


@pytest.mark.parametrize(
    "given", ["2027-13-01", "2027-02-30", "20270101", "2027-1-1", "01.01.2027", "tomorrow", ""]
)
@pytest.mark.parametrize("command", ["validate", "build", "serve"])
def test_a_malformed_date_is_a_usage_error(
    command: str, given: str, capsys: pytest.CaptureFixture[str]
):
    with pytest.raises(SystemExit) as stopped:
        _parser().parse_args([command, "--as-of", given])
    assert stopped.value.code == 2  # as for every malformed argument (see --help)
    error = capsys.readouterr().err.splitlines()[-1]
    assert error.startswith(f"servicefinder {command}: error: argument --as-of: {given!r} is not")
    assert "YYYY-MM-DD" in error


def test_the_day_is_read_as_written():
    assert clock.parse_day("2027-01-01") == date(2027, 1, 1)
    assert _parser().parse_args(["build", "--as-of", "2028-02-29"]).as_of == date(2028, 2, 29)
    assert _parser().parse_args(["build"]).as_of is None


def test_as_of_stands_for_the_build_date_only_within_its_block(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763769600")  # 2025-11-22
    with clock.as_of(date(2027, 1, 2)):
        assert clock.build_date() == date(2027, 1, 2)  # it wins over SOURCE_DATE_EPOCH
    assert clock.build_date() == date(2025, 11, 22)
    with clock.as_of(None):
        assert clock.build_date() == date(2025, 11, 22)
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    with clock.as_of(date(2027, 1, 2)):
        clock.pin_source_date_epoch()  # as a build does: MkDocs' stamps follow the day
        assert os.environ["SOURCE_DATE_EPOCH"] == "1798848000"  # 2027-01-02 00:00 UTC
    assert "SOURCE_DATE_EPOCH" not in os.environ  # not left behind for what runs next


@pytest.mark.tool  # starts the live preview as its own process, as tests/test_serve.py does
def test_the_preview_shows_the_values_in_force_on_the_as_of_day(dated: Path, tmp_path: Path):
    import socket
    import subprocess
    import sys
    import time
    import urllib.error
    import urllib.request

    from tests.helpers import EPOCH

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "serve.log"
    command = ["serve", "-a", f"127.0.0.1:{port}", "--as-of", "2027-01-02"]
    with log.open("w") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator.cli", *command],
            cwd=dated,
            env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    page = tmp_path / "page.html"
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not page.exists():
            try:
                url = f"http://127.0.0.1:{port}/leistungen/{MONEY}/"
                with urllib.request.urlopen(url, timeout=5) as response:
                    page.write_bytes(response.read())
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert page.exists(), log.read_text(encoding="utf-8")
    assert current_values(page) == ["520,00 €"]
    assert "(as of 2027-01-02; reloads on every save" in log.read_text(encoding="utf-8")
