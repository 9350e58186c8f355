"""Property: no file from outside ``content/`` and the declared template folders reaches
``site/``, whatever links, folders and special files an editor's change puts in them.

A secret with a unique marker lies outside the project; hypothesis arranges links to it
(to the file, to its folder, chains of links, links inside the tree, dangling links) in
the folders the build reads. Either the build refuses (exit 1, site unchanged) or the
marker appears nowhere in the site, and every published file's bytes come from a regular
file inside the project or from the generator itself.
"""

from __future__ import annotations

import gzip
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.helpers import run_cli, tree_digest
from tests.project_fixture import small_project

pytestmark = pytest.mark.tool

MARKER = b"SECRET-7f3a9c-NOT-FOR-PUBLICATION"
FOLDERS = ["content/pages", "content/pages/sub", "site_overrides/assets", "templates"]
NAMES = ["a.md", "b.txt", "c.js", "d.css", "e.yaml", "f.png", "g"]


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("published")
    project = small_project(root / "project")
    (project / "content/pages/sub").mkdir(parents=True, exist_ok=True)
    (project / "content/pages/sub/ok.md").write_text("# Unterseite\n\nText.\n", encoding="utf-8")
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    return project


entry = st.tuples(
    st.sampled_from(FOLDERS),
    st.sampled_from(NAMES),
    st.sampled_from(
        [
            "secret-file",
            "secret-folder",
            "link-chain",
            "inside-link",
            "dangling",
            "regular-secret-copy",
        ]
    ),
)


def _place(project: Path, outside: Path, folder: str, name: str, kind: str) -> None:
    target = project / folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if os.path.lexists(target):
        return
    if kind == "secret-file":
        os.symlink(outside / "secret.txt", target)
    elif kind == "secret-folder":
        os.symlink(outside, target)
    elif kind == "link-chain":
        os.symlink(outside / "hop", target)
    elif kind == "inside-link":
        os.symlink(project / "content/site.yaml", target)
    elif kind == "dangling":
        os.symlink(outside / "missing", target)
    else:  # a regular file an editor wrote: its marker is then content, and may be published
        target.write_bytes(b"# Seite\n\nText.\n")


def _all_bytes(site: Path) -> bytes:
    out = []
    for path in site.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            out.append(data)
            if path.suffix == ".gz":
                out.append(gzip.decompress(data))
    return b"\n".join(out)


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(st.lists(entry, min_size=1, max_size=4))
def test_nothing_from_outside_reaches_the_site(base: Path, tmp_path_factory, entries):
    work = tmp_path_factory.mktemp("case")
    project = work / "project"
    shutil.copytree(base, project, symlinks=True)
    outside = work / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_bytes(MARKER + b"\n")
    (outside / "index.md").write_bytes(b"# " + MARKER + b"\n")
    os.symlink(outside / "secret.txt", outside / "hop")
    before = tree_digest(project / "site")
    for folder, name, kind in entries:
        _place(project, outside, folder, name, kind)
    result = run_cli(project, "build")
    assert "Traceback" not in result.stderr
    site = project / "site"
    if result.returncode != 0:
        assert result.returncode == 1, result.stderr[-2000:]
        assert tree_digest(site) == before
    assert MARKER not in _all_bytes(site)
    assert MARKER.decode() not in result.stdout + result.stderr
    shutil.rmtree(work, ignore_errors=True)
