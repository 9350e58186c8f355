"""A build can be killed at any instant: ``site/`` is always the whole old or the whole new
site, and the next build removes whatever the killed one left behind.

The instants are chosen: one in each stage of a build (tests/kill_points.py), with SIGKILL
and with SIGTERM, and a few at random."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests import cli_server, kill_points
from tests.helpers import EPOCH, REPO, run_cli, tree_digest
from tests.project_fixture import MONEY, small_project

pytestmark = pytest.mark.tool

SERVICE = f"content/services/{MONEY}.yaml"
TITLE = "title: Testgeld beantragen"


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


def _killed_build(project: Path, command: list[str], wait: float | None, sig) -> str:
    """Start ``command`` (a build) in ``project``; kill it after ``wait`` seconds, or let
    it kill itself (None: ``tests.kill_points POINT SIGNAL``, run as a fork of the tests'
    command-line server with the same set-up). What it wrote to stderr."""
    here = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH}
    if wait is None and cli_server.forks(here):
        _, point, name = command
        result = cli_server.run(
            ["build"],
            project,
            here,
            timeout=60,
            before=("tests.kill_points", "arm", (point, signal.Signals[f"SIG{name}"])),
        )
        assert "Traceback" not in result.stderr, result.stderr[-2000:]
        return result.stderr
    env = {**here, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", *command],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    if wait is not None:
        time.sleep(wait)
        proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err, err.decode()[-2000:]
    return err.decode()


def _after_the_kill(project: Path, digests: list[dict[str, str]], wanted: int, what: str) -> int:
    """``site/`` is the old or the new site; the next build completes and removes what the
    killed one left. Which site the kill left (index into ``digests``)."""
    site = project / "site"
    assert site.is_dir(), f"{what}: no site/"
    left = tree_digest(site)
    assert left in digests, f"{what}: site/ is neither the old nor the new site"
    result = run_cli(project, "build")
    assert result.returncode == 0, result.stderr
    assert _work_folders(project) == [], f"after {what}"
    assert tree_digest(site) == digests[wanted]
    return digests.index(left)


#: kills at random instants as well, for what no chosen point foresaw
RANDOM_KILLS = 2


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["KILL", "TERM"])
def test_a_build_killed_at_each_stage_leaves_old_or_new_site(variants, sig):
    """One kill at each point of :data:`tests.kill_points.POINTS` (a stage of the build,
    reached by the build itself, so none is missed for a fast or a slow machine), one
    right after the start, and :data:`RANDOM_KILLS` at random instants. Each leaves
    ``site/`` whole: the old site up to the swap, the new one after it. Where SIGTERM
    ends the process as SIGKILL does (before the build handles it), SIGKILL stands for
    both."""
    project, digests, duration = variants
    current = digests.index(tree_digest(project / "site"))
    rng = random.Random(20 + sig)
    kills: list[tuple[str, float | None]] = []
    if sig == signal.SIGKILL:
        kills.append(("starting", 0.0))
    kills += [
        (point, None)
        for point in kill_points.POINTS
        if sig == signal.SIGKILL or point not in kill_points.BEFORE_THE_HANDLER
    ]
    kills += [(f"random {i}", rng.uniform(0, duration)) for i in range(RANDOM_KILLS)]
    for what, wait in kills:
        wanted = 1 - current
        _variant(project, wanted)
        if wait is None:
            command = ["tests.kill_points", what, sig.name.removeprefix("SIG")]
        else:
            command = ["generator.commands.cli", "build"]
        err = _killed_build(project, command, wait, sig)
        if wait is None:
            assert f"kill point reached: {what}" in err, f"the build never reached {what}"
        left = _after_the_kill(project, digests, wanted, f"{sig.name} at {what}")
        if wait is None:
            expected = wanted if what in kill_points.AFTER_THE_SWAP else 1 - wanted
            assert left == expected, (
                f"{sig.name} at {what}: the {'new' if left == wanted else 'old'} site"
            )
        current = wanted


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
