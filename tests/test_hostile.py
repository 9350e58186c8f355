"""Hostile files and file-system objects, as a careless or hostile pull request carries them.

Every case through ``validate``, ``build`` and ``serve``: exit code 1 (content) with one
message naming the file and line, never a traceback, and the published ``site/`` exactly
as it was. The example project is built once; each case works on a copy of it.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.helpers import EPOCH, run_cli, tree_digest
from tests.project_fixture import MONEY, small_project

pytestmark = pytest.mark.tool

SERVICE = f"content/services/{MONEY}.yaml"
MUNICIPALITIES = "content/places/municipalities.csv"
POSTCODES = "content/places/postcodes.csv"

Case = Callable[[Path, Path], None]  # (project, a folder outside it)


def _append(rel: str, text: str) -> Case:
    def change(project: Path, outside: Path) -> None:
        with (project / rel).open("a", encoding="utf-8") as handle:
            handle.write(text)

    return change


def _write(rel: str, data: str | bytes) -> Case:
    def change(project: Path, outside: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))

    return change


def _link(rel: str, target: str | Callable[[Path, Path], Path]) -> Case:
    def change(project: Path, outside: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        to = target(project, outside) if callable(target) else target
        os.symlink(to, path)

    return change


def _replace(rel: str, old: str, new: str) -> Case:
    def change(project: Path, outside: Path) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, (rel, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def _fifo(rel: str) -> Case:
    def change(project: Path, outside: Path) -> None:
        os.mkfifo(project / rel)

    return change


def _folder(rel: str) -> Case:
    def change(project: Path, outside: Path) -> None:
        (project / rel).mkdir(parents=True)
        (project / rel / "inner.txt").write_text("x", encoding="utf-8")

    return change


def _hard_link(rel: str) -> Case:
    def change(project: Path, outside: Path) -> None:
        secret = outside / "secret.md"
        secret.write_text("# Geheim\n\nNicht für die Website.\n", encoding="utf-8")
        os.link(secret, project / rel)

    return change


def _outside_service(project: Path, outside: Path) -> Path:
    target = outside / "stranger.yaml"
    target.write_text((project / SERVICE).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def _outside_folder(project: Path, outside: Path) -> Path:
    shutil.copytree(project / "content/authorities", outside / "authorities")
    return outside / "authorities"


def _moved_folder(rel: str) -> Case:
    def change(project: Path, outside: Path) -> None:
        target = _outside_folder(project, outside)
        shutil.rmtree(project / rel)
        os.symlink(target, project / rel)

    return change


def _header(rel: str) -> str:
    return (Path(__file__).resolve().parent.parent / rel).read_text(encoding="utf-8")


#: name: (change, the file the one message must name)
CASES: dict[str, tuple[Case, str]] = {
    "page-link-to-environ": (
        _link("content/pages/env.txt", "/proc/self/environ"),
        "content/pages/env.txt",
    ),
    "service-link-outside": (
        _link("content/services/stranger.yaml", _outside_service),
        "content/services/stranger.yaml",
    ),
    "service-link-inside": (
        _link("content/services/twin.yaml", f"{MONEY}.yaml"),
        "content/services/twin.yaml",
    ),
    "service-dev-zero": (_link("content/services/zero.yaml", "/dev/zero"), "zero.yaml"),
    "service-fifo": (_fifo("content/services/pipe.yaml"), "content/services/pipe.yaml"),
    "service-dangling": (
        _link("content/services/gone.yaml", "/nonexistent/gone.yaml"),
        "content/services/gone.yaml",
    ),
    "folder-named-yaml": (_folder("content/services/box.yaml"), "content/services/box.yaml"),
    "authorities-folder-link": (_moved_folder("content/authorities"), "content/authorities"),
    "site-yaml-link": (
        lambda p, o: (
            (p / "content/site.yaml").rename(o / "site.yaml")
            or os.symlink(o / "site.yaml", p / "content/site.yaml")
        ),
        "content/site.yaml",
    ),
    "glossary-fifo": (
        lambda p, o: (
            (p / "content/glossary.yaml").unlink() or os.mkfifo(p / "content/glossary.yaml")
        ),
        "content/glossary.yaml",
    ),
    "synonyms-dev-zero": (
        lambda p, o: (
            (p / "content/synonyms.yaml").unlink()
            or os.symlink("/dev/zero", p / "content/synonyms.yaml")
        ),
        "content/synonyms.yaml",
    ),
    "places-link": (
        lambda p, o: (p / POSTCODES).unlink() or os.symlink("/etc/hostname", p / POSTCODES),
        POSTCODES,
    ),
    "template-link": (_link("templates/secret.html", "/etc/hostname"), "templates/secret.html"),
    "override-link": (
        _link("site_overrides/assets/secret.js", "/etc/hostname"),
        "site_overrides/assets/secret.js",
    ),
    "override-fifo": (_fifo("site_overrides/assets/pipe.css"), "site_overrides/assets/pipe.css"),
    "too-large": (_append(SERVICE, "# " + "x" * 600_000 + "\n"), SERVICE),
    **{
        f"control-U+{ord(ch):04X}": (_replace(SERVICE, "title: ", f"title: a{ch}b "), SERVICE)
        for ch in ("\x0b", "\x00", "\x1b", "\x96")
    },
    "nesting-flow": (_append(SERVICE, "x: " + "[" * 500 + "]" * 500 + "\n"), SERVICE),
    "nesting-flow-huge": (_append(SERVICE, "x: " + "[" * 200_000 + "]" * 200_000 + "\n"), SERVICE),
    "nesting-block": (
        _append(SERVICE, "x:\n" + "".join(" " * i + "- \n" for i in range(1, 500))),
        SERVICE,
    ),
    "merge-key-service": (_append(SERVICE, "<<: {title: x}\n"), SERVICE),
    "merge-key-site": (_append("content/site.yaml", "<<: {name: x}\n"), "content/site.yaml"),
    "eur-inf": (_replace(SERVICE, "eur: ", "eur: .inf #"), SERVICE),
    "eur-nan": (_replace(SERVICE, "eur: ", "eur: .nan #"), SERVICE),
    "lat-nan": (_append(MUNICIPALITIES, "031550001001,X,03155,Y,nan,10.0\n"), MUNICIPALITIES),
    "lon-inf": (_append(MUNICIPALITIES, "031550001001,X,03155,Y,51.0,inf\n"), MUNICIPALITIES),
    "places-duplicate-ars": (
        _append(MUNICIPALITIES, "019980000000,Umbenannt,01998,Stadt Teststadt,54.3,10.1\n"),
        MUNICIPALITIES,
    ),
    "csv-latin1": (
        lambda p, o: (
            (p / POSTCODES).open("ab").write("37154,031550001001,Gr\xfcn\n".encode("latin-1"))
        ),
        POSTCODES,
    ),
    "csv-huge-field": (_append(POSTCODES, "37154,031550001001," + "x" * 200_000 + "\n"), POSTCODES),
    "csv-broken-quote": (_append(POSTCODES, '37154,"0315500,\n'), POSTCODES),
    "csv-nul": (_append(POSTCODES, "37154,03155\x000001001,x\n"), POSTCODES),
    "csv-columns": (_write(POSTCODES, "a,b\n1,2\n"), POSTCODES),
    "mkdocs-yaml-broken": (_append("mkdocs.yml", "nav: [unclosed\n"), "mkdocs.yml"),
    "mkdocs-option-wrong": (_append("mkdocs.yml", "use_directory_urls: maybe\n"), "mkdocs.yml"),
    "mkdocs-link": (
        lambda p, o: (
            (p / "mkdocs.yml").rename(o / "mkdocs.yml")
            or os.symlink(o / "mkdocs.yml", p / "mkdocs.yml")
        ),
        "mkdocs.yml",
    ),
    "page-script": (_write("content/pages/x.md", "# X\n\n<script>alert(1)</script>\n"), "x.md"),
    "page-onerror": (_write("content/pages/x.md", "# X\n\n<img src=x onerror=alert(1)>\n"), "x.md"),
    "page-js-link": (_write("content/pages/x.md", "# X\n\n[a](javascript:alert(1))\n"), "x.md"),
    "page-js-reference": (
        _write("content/pages/x.md", "# X\n\n[a][r]\n\n[r]: javascript:alert(1)\n"),
        "x.md",
    ),
    "page-js-entity": (
        _write("content/pages/x.md", "# X\n\n[a](&#106;avascript:alert(1))\n"),
        "x.md",
    ),
    "page-html-file": (_write("content/pages/x.html", "<script>alert(1)</script>"), "x.html"),
    "page-template": (
        _write("content/pages/x.md", "---\ntemplate: ../../../../../etc/passwd\n---\n\n# X\n"),
        "content/pages/x.md",
    ),
    "page-outside-image": (
        _write("content/pages/x.md", "# X\n\n![x](https://outside.example/t.png)\n"),
        "content/pages/x.md",
    ),
    "page-index": (_write("content/pages/index.md", "# Start\n"), "content/pages/index.md"),
    "page-shadows-imprint": (
        _write("content/pages/impressum.md", "# Impressum\n"),
        "content/pages/impressum.md",
    ),
    "page-hard-link": (_hard_link("content/pages/geheim.md"), "content/pages/geheim.md"),
    "service-js-reference": (
        _replace(SERVICE, "description: |", "description: |\n  [r]: javascript:alert(1)\n"),
        SERVICE,
    ),
}


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    project = small_project(tmp_path_factory.mktemp("hostile") / "project")
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def hostile(request, base: Path, tmp_path: Path):
    name = request.param
    change, named = CASES[name]
    project = tmp_path / "project"
    shutil.copytree(base, project, symlinks=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    before = tree_digest(project / "site")
    change(project, outside)
    return project, named, before


def _check(result: subprocess.CompletedProcess, named: str, project: Path, before) -> None:
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == 1, (result.returncode, output[-3000:])
    errors = [
        line
        for line in result.stderr.splitlines()
        if re.match(r"^[^\s:]+:\d+:\d+: (?!notice|warning)", line)
    ]
    assert errors, output[-3000:]
    assert any(named in line for line in errors), errors
    assert "\x1b" not in result.stderr  # nothing the file held reaches the terminal raw
    assert tree_digest(project / "site") == before


@pytest.mark.parametrize("hostile", sorted(CASES), indirect=True)
def test_validate_refuses(hostile):
    project, named, before = hostile
    _check(run_cli(project, "validate"), named, project, before)


@pytest.mark.parametrize("hostile", sorted(CASES), indirect=True)
def test_build_refuses_and_keeps_the_site(hostile):
    project, named, before = hostile
    _check(run_cli(project, "build"), named, project, before)
    assert not list(project.glob(".site.building-*"))


@pytest.mark.parametrize("hostile", sorted(CASES), indirect=True)
def test_serve_refuses(hostile):
    project, named, before = hostile
    result = run_cli(project, "serve", "-a", f"127.0.0.1:{_free_port()}")
    _check(result, named, project, before)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_busy_port_is_an_environment_error(base: Path, tmp_path: Path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run_cli(base, "serve", "-a", f"127.0.0.1:{port}")
    assert result.returncode == 3, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "address is in use" in result.stderr


def test_read_only_output_folder_is_an_environment_error(base: Path, tmp_path: Path):
    if os.geteuid() == 0:
        pytest.skip("root writes to read-only folders")
    project = tmp_path / "project"
    shutil.copytree(base, project, symlinks=True)
    before = tree_digest(project / "site")
    project.chmod(0o555)
    try:
        result = run_cli(project, "build", "--no-cache")
    finally:
        project.chmod(0o755)
    assert result.returncode == 3, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert "permission denied" in result.stderr
    assert tree_digest(project / "site") == before


def test_github_format_cannot_inject_workflow_commands(base: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(base, project, symlinks=True)
    name = "evil\n::error file=x::injected,a:b%.yaml"
    (project / "content/services" / name).write_text("id: [\n", encoding="utf-8")
    result = run_cli(project, "validate", "--format", "github")
    assert result.returncode == 1
    lines = [line for line in result.stdout.splitlines() if line.startswith("::error")]
    assert len(lines) == 1, result.stdout
    assert "%0A" in lines[0] and "%3A%3Aerror" in lines[0] and "%2C" in lines[0]
    assert "%25" in lines[0]


def test_escape_bytes_in_a_file_name_reach_the_terminal_escaped(base: Path, tmp_path: Path):
    project = tmp_path / "project"
    shutil.copytree(base, project, symlinks=True)
    (project / "content/services" / "a\x1b[2Jb.yaml").write_text("id: [\n", encoding="utf-8")
    result = run_cli(project, "validate")
    assert result.returncode == 1
    assert "\x1b" not in result.stderr and "a\\x1b[2Jb.yaml" in result.stderr


def test_exit_codes_are_documented():
    result = subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", "--help"],
        capture_output=True,
        text=True,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH},
    )
    for code in ("1 ", "2 ", "3 ", "4 ", "130"):
        assert f"\n  {code}" in result.stdout
