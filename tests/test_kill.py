"""A build can be killed at any instant: ``site/`` is always the whole old or the whole new
site, and the next build removes whatever the killed one left behind."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import EPOCH, run_cli, tree_digest
from tests.project_fixture import MONEY, small_project

pytestmark = pytest.mark.tool

SERVICE = f"content/services/{MONEY}.yaml"
TITLE = "title: Testgeld beantragen"
KILLS = 50


def _variant(project: Path, n: int) -> None:
    path = project / SERVICE
    text = path.read_text(encoding="utf-8")
    for k in range(2):
        text = text.replace(f"title: Variante {k} Testgeld", TITLE)
    path.write_text(text.replace(TITLE, f"title: Variante {n} Testgeld", 1), "utf-8")


def _work_folders(project: Path) -> list[str]:
    return sorted(
        p.name for p in project.iterdir() if p.name.startswith((".site.building-", ".site.old-"))
    )


@pytest.fixture(scope="module")
def variants(tmp_path_factory):
    project = small_project(tmp_path_factory.mktemp("kill") / "project")
    digests = []
    durations = []
    for n in (0, 1):
        _variant(project, n)
        start = time.monotonic()
        result = run_cli(project, "build")
        durations.append(time.monotonic() - start)
        assert result.returncode == 0, result.stderr
        digests.append(tree_digest(project / "site"))
    assert digests[0] != digests[1]
    return project, digests, max(durations)


@pytest.mark.parametrize("half", [0, 1])
def test_builds_killed_at_random_instants_leave_old_or_new_site(variants, half: int):
    """:data:`KILLS` kills in two halves of their own instants, which two workers run at
    once (each on its own copy of the project)."""
    project, digests, duration = variants
    rng = random.Random(20 + half)
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    current = digests.index(tree_digest(project / "site"))
    outcomes = {"old": 0, "new": 0}
    for i in range(KILLS // 2):
        wanted = 1 - current
        _variant(project, wanted)
        proc = subprocess.Popen(
            [sys.executable, "-m", "generator.commands.cli", "build"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        time.sleep(rng.uniform(0, duration))
        sig = signal.SIGKILL if i % 2 == 0 else signal.SIGTERM
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
        assert b"Traceback" not in err, err.decode()[-2000:]
        site = project / "site"
        assert site.is_dir(), f"kill {i}: no site/"
        now = tree_digest(site)
        assert now in digests, f"kill {i} ({sig.name}): site/ is neither the old nor the new site"
        current = digests.index(now)
        outcomes["new" if current == wanted else "old"] += 1
        # the next build completes and leaves no work folder of the killed one
        result = run_cli(project, "build")
        assert result.returncode == 0, result.stderr
        assert _work_folders(project) == [], f"after kill {i}"
        assert tree_digest(site) == digests[wanted]
        current = wanted
    print(
        f"{KILLS // 2} kills: site/ was the old site {outcomes['old']} times, "
        f"the new {outcomes['new']}"
    )
    assert outcomes["old"] > 0  # the kills did land while builds were running


def test_two_builds_at_once_are_serialised(variants):
    project, digests, _ = variants
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "generator.commands.cli", "build"],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(3)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert "Traceback" not in err
    assert tree_digest(project / "site") in digests
    assert _work_folders(project) == []
