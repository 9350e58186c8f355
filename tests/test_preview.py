"""The preview says where it is, what to do about a busy port, and the urgent things first."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from generator.infra.errors import Problem
from generator.writer.preview import banner, choose_address
from tests.helpers import run_cli
from tests.project_fixture import small_project


def test_the_banner_lists_errors_then_strict_warnings_and_folds_the_notices():
    problems = [
        Problem("content/a.yaml", 1, 1, "as_of", f"checked {i} days ago", "notice")
        for i in range(11)
    ] + [
        Problem("content/z.yaml", 9, 1, "easy.text", "[negation] ...", "warning"),
        Problem("content/z.yaml", 3, 5, "title", "required field is missing"),
    ]
    html = banner(problems)
    error, warning = html.index("required field"), html.index("[negation]")
    notices = html.index("<details>")
    assert error < warning < notices < html.index("checked 0 days ago")
    assert 'role="alert"' in html and "--strict" in html


def test_warnings_alone_show_and_notices_alone_do_not():
    warning = Problem("content/z.yaml", 9, 1, "easy.text", "[negation] ...", "warning")
    assert 'role="status"' in banner([warning]) and "Fehler" not in banner([warning])
    assert banner([Problem("content/a.yaml", 1, 1, "as_of", "old", "notice")]) == ""


def _occupied() -> socket.socket:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    s.listen()
    return s


def test_a_busy_default_port_gives_way_to_the_next_free_one():
    with _occupied() as s:
        port = s.getsockname()[1]
        address, note = choose_address(f"127.0.0.1:{port}", explicit=False)
    assert address is not None and address != f"127.0.0.1:{port}"
    assert f"port {port} is busy; using port" in note


@pytest.mark.tool  # starts the preview as its own process
def test_a_busy_chosen_port_is_named_with_the_way_out(tmp_path: Path):
    project = small_project(tmp_path)
    with _occupied() as s:
        port = s.getsockname()[1]
        address, note = choose_address(f"127.0.0.1:{port}", explicit=True)
        assert address is None and f"port {port} on 127.0.0.1 is busy" in note
        result = run_cli(project, "serve", "--dev-addr", f"127.0.0.1:{port}")
    assert result.returncode == 3
    assert "is busy" in result.stderr and "--dev-addr 127.0.0.1:" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.tool  # starts the preview as its own process
def test_serve_prints_its_address_before_serving(tmp_path: Path):
    import subprocess

    from tests.helpers import start_preview

    project = small_project(tmp_path)
    proc, port = start_preview(project, stdout=subprocess.PIPE)
    try:
        assert proc.stdout is not None
        # after the content check's one line, before MkDocs' own output
        first = next(line for line in proc.stdout if not line.startswith("ok: "))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert first.startswith(f"Preview: http://127.0.0.1:{port}/"), first
