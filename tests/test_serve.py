"""`servicefinder serve` as an editor uses it: edit, see the page change; break, see why."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.helpers import EPOCH
from tests.project_fixture import ASSISTANCE, MONEY, small_project

# starts the live preview as its own process: make test
pytestmark = pytest.mark.tool

PAGE = f"leistungen/{MONEY}/"
SOURCE = f"content/services/{MONEY}.yaml"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return ""


def wait_for(url: str, predicate, seconds: float = 30) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        html = fetch(url)
        if predicate(html):
            return html
        time.sleep(0.3)
    raise AssertionError(f"{url} did not change as expected within {seconds} s")


@pytest.fixture
def served(tmp_path: Path):
    project = small_project(tmp_path)
    port = free_port()
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.commands.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        wait_for(url + PAGE, lambda html: "Testgeld beantragen" in html, seconds=60)
        yield project, url + PAGE
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def test_edit_shows_up_and_a_broken_edit_shows_why(served):
    project, url = served
    source = project / SOURCE
    text = source.read_text(encoding="utf-8")
    started = time.monotonic()
    source.write_text(
        text.replace("title: Testgeld beantragen", "title: Geändertes Testgeld beantragen"),
        encoding="utf-8",
    )
    wait_for(url, lambda html: "Geändertes Testgeld" in html)
    assert time.monotonic() - started < 30

    source.write_text(text.replace("fees:\n", "fees: [\n", 1), encoding="utf-8")
    html = wait_for(url, lambda html: "sf-build-errors" in html)
    assert "Die letzte Änderung enthält Fehler" in html
    assert f"{SOURCE}:" in html and "invalid YAML" in html
    assert "Geändertes Testgeld" in html  # the last good page is still served

    source.write_text(text, encoding="utf-8")
    html = wait_for(url, lambda html: "sf-build-errors" not in html and html)
    assert "Testgeld beantragen" in html and "Geändertes Testgeld" not in html


def test_a_deleted_service_leaves_the_preview(served):
    project, url = served
    root = url.removesuffix(PAGE)
    gone = root + f"leistungen/{ASSISTANCE}/"
    assert "Testassistenz" in wait_for(gone, bool)
    referring = project / SOURCE
    text = referring.read_text(encoding="utf-8")
    assert f"related: [{ASSISTANCE}]\n" in text
    referring.write_text(text.replace(f"related: [{ASSISTANCE}]\n", ""), encoding="utf-8")
    for name in (f"{ASSISTANCE}.yaml", f"{ASSISTANCE}.en.yaml"):
        (project / "content/services" / name).unlink()
    wait_for(gone, lambda html: html == "")  # 404 once the rebuild is done
    page = fetch(url)
    assert "Testgeld beantragen" in page and "sf-build-errors" not in page


def test_an_address_with_a_nul_is_a_bad_request_not_a_traceback(tmp_path: Path):
    """``GET /%00`` was answered with 500, and a traceback went to the editor's terminal."""
    from tests.helpers import start_preview

    project = small_project(tmp_path)
    proc, port = start_preview(project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        root = f"http://127.0.0.1:{port}/"
        wait_for(root + PAGE, lambda html: "Testgeld beantragen" in html, seconds=60)
        for address in ("%00", "leistungen/%00/", "a%00b.html"):
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(root + address, timeout=10)
            assert refused.value.code == 400
        assert "Testgeld beantragen" in fetch(root + PAGE)
    finally:
        proc.terminate()
        output, _ = proc.communicate(timeout=30)
    assert "Traceback" not in output and "500" not in output, output[-2000:]
