"""``--as-of``: the site as it is on a given day, and the values about to take effect.

A dated amount switches to its new value only when the site is built on or after the
value's ``from`` date. ``build --as-of`` shows the values in force on that day (the build
cache must not hand back pages made for another day); ``validate`` announces every value
that takes effect within 60 days, as a notice that never fails ``--strict``.
"""

from __future__ import annotations

import json
import os
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.commands.cli import _parser
from generator.content.catalogue import load_catalogue
from generator.infra import clock
from tests.helpers import run_cli
from tests.project_fixture import MONEY, MONEY_DE, small_project

SOURCE = f"content/services/{MONEY}.yaml"
PAGE = f"leistungen/{MONEY}/index.html"

#: Test data: the fixture's made-up standard rate, with a new value from 1 January 2027
OLD_VALUES = "values: [{from: 2019-01-01, eur: 400.00}, {from: 2024-01-01, eur: 500.00}]"
NEW_VALUES = OLD_VALUES[:-1] + ", {from: 2027-01-01, eur: 520.00}]"
DATED = MONEY_DE.replace(OLD_VALUES, NEW_VALUES)

#: Test data: a rates table whose series the fixture's service names instead of values
RATES = """\
id: teststufen
name: Teststufen (Testdaten)
law: Testgesetz
source: {name: Testdaten der Testsuite, date: 2026-01-01}
series:
  - id: stufe-1
    name: Teststufe 1
    complete: true
    values:
      - {from: 2024-01-01, eur: 10.00}
      - {from: 2027-01-01, eur: 10.00}
  - id: stufe-2
    name: Teststufe 2
    complete: true
    values:
      - {from: 2024-01-01, eur: 20.00}
      - {from: 2027-01-01, eur: 21.50}
"""
FROM_RATES = MONEY_DE.replace(f"{OLD_VALUES}\n", "rates: teststufen/stufe-2\n")

#: the notice for the 2027 value, as `validate --as-of 2026-12-06` prints it
NOTICE = (
    "takes effect on 2027-01-01 (in 26 days): 520 EUR replaces 500 EUR (Regelsatz für Erwachsene)"
)


def test_the_fixture_has_the_dated_value():
    assert DATED != MONEY_DE and FROM_RATES != MONEY_DE  # the fixture's text still matches


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


@pytest.mark.slow
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


@pytest.mark.slow
def test_validate_announces_a_value_due_within_60_days_and_strict_passes(dated: Path):
    result = run_cli(dated, "validate", "--strict", "--as-of", "2026-12-06")
    assert result.returncode == 0, result.stderr
    line = next(x for x in result.stderr.splitlines() if "takes effect" in x)
    assert re.fullmatch(
        rf"{SOURCE}:\d+:\d+: notice: amounts\[0\]\.values\[2\]\.from: {re.escape(NOTICE)}", line
    )
    row = DATED.splitlines().index(f"    {NEW_VALUES}")
    column = f"    {NEW_VALUES}".index("2027-01-01")
    assert line.startswith(f"{SOURCE}:{row + 1}:{column + 1}:")  # where the date is written


@pytest.mark.parametrize("fmt", ["github", "gitlab", "json"])
@pytest.mark.slow
def test_every_report_format_carries_the_announcement_as_a_notice(dated: Path, fmt: str):
    result = run_cli(dated, "validate", "--strict", "--as-of", "2026-12-06", "--format", fmt)
    assert result.returncode == 0, result.stderr
    if fmt == "github":
        line = next(x for x in result.stdout.splitlines() if "takes effect" in x)
        assert line.startswith(f"::notice file={SOURCE},") and line.endswith(f"::{NOTICE}")
    elif fmt == "gitlab":
        issue = next(i for i in json.loads(result.stdout) if NOTICE in i["description"])
        assert issue["severity"] == "info"
    else:
        found = next(p for p in json.loads(result.stdout) if p["message"] == NOTICE)
        assert found["severity"] == "notice" and found["file"] == SOURCE


def announced(project: Path, on: date) -> list[str]:
    """The announcements ``validate`` prints for ``project`` on the day ``on``."""
    _, problems = load_catalogue(project / "content", root=project, today=on)
    return [p.format() for p in problems if "takes effect" in p.message]


@pytest.mark.parametrize(
    ("on", "expected"),
    [
        (date(2026, 11, 1), None),  # 61 days before
        (date(2026, 11, 2), "in 60 days"),
        (date(2026, 12, 31), "in 1 day"),
        (date(2027, 1, 1), None),  # in force: nothing to announce
    ],
)
def test_only_the_coming_60_days_are_announced(dated: Path, on: date, expected: str | None):
    found = announced(dated, on)
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and f"takes effect on 2027-01-01 ({expected}):" in found[0]


def test_a_rates_value_is_announced_once_in_its_table(tmp_path: Path):
    project = small_project(tmp_path, {SOURCE: FROM_RATES, "content/rates/teststufen.yaml": RATES})
    found = announced(project, date(2026, 12, 6))
    assert found == [
        "content/rates/teststufen.yaml:11:16: notice: series[0].values[1].from: takes effect "
        "on 2027-01-01 (in 26 days): 10 EUR, the same as before (Teststufe 1; shown by no "
        "service)",
        "content/rates/teststufen.yaml:17:16: notice: series[1].values[1].from: takes effect "
        f"on 2027-01-01 (in 26 days): 21.50 EUR replaces 20 EUR (Teststufe 2; shown by {MONEY})",
    ]


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
            [sys.executable, "-m", "generator.commands.cli", *command],
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


def test_a_rate_many_services_show_names_a_few_and_counts_the_rest(tmp_path: Path):
    """At national scale thousands of services show one rate: its notice stays one line."""
    copies = {
        f"content/services/{MONEY}-{i}.yaml": FROM_RATES.replace(
            f"id: {MONEY}\n", f"id: {MONEY}-{i}\n"
        )
        for i in range(1, 9)
    }
    files = {SOURCE: FROM_RATES, "content/rates/teststufen.yaml": RATES, **copies}
    found = announced(small_project(tmp_path, files), date(2026, 12, 6))
    shown = [line for line in found if "Teststufe 2" in line]
    named = ", ".join([MONEY] + [f"{MONEY}-{i}" for i in range(1, 5)])
    assert len(shown) == 1 and shown[0].endswith(f"(Teststufe 2; shown by {named} and 4 more)")
