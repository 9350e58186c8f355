"""The tool runs where Linux's extras are missing: without ``fork``, ``fcntl`` and
``os.O_NOFOLLOW`` (as on Windows) it checks, builds the same bytes, locks and refuses links.

Each fallback is exercised on Linux by taking the Linux part away: a small wrapper script
runs the command line with ``fcntl`` hidden (``sys.modules["fcntl"] = None`` before
anything imports it), ``os.O_NOFOLLOW`` deleted, ``SERVICEFINDER_START_METHOD=spawn``, or
all three. The wrapper also lowers the size from which checking, rendering and compression
go to worker processes, so that the two services of the test project take every path a
large site takes; a spawned worker runs the wrapper first (as ``__mp_main__``), loses the
same parts, and notes its process id, so the tests know the spawned workers really ran.
"""

from __future__ import annotations

import errno
import logging
import os
import pickle
import queue
import shutil
import signal
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import SimpleNamespace
from typing import IO

import pytest

from generator.infra import lock, nofollow, start_method
from generator.infra.files import RefusedFile, read_regular
from generator.infra.workers import WorkerFailure, run_parallel
from tests.helpers import EPOCH, REPO, TODAY, run_cli, tree_digest
from tests.project_fixture import MONEY, small_project

SERVICE = f"content/services/{MONEY}.yaml"
WAITING = "another build of site/ is running; waiting for it to finish"

#: a stand-in for Windows' ``msvcrt`` on Linux: its byte-range lock, made of ``os.lockf``
#: (no waiting: LK_NBLCK fails at once with EACCES, as on Windows). ``subprocess`` takes
#: the presence of ``msvcrt`` for Windows, so it is imported first.
FAKE_MSVCRT = """
import subprocess
import errno as _errno
import types as _types
_fake = _types.ModuleType("msvcrt")
_fake.LK_UNLCK, _fake.LK_LOCK, _fake.LK_NBLCK = 0, 1, 2

def _locking(fd, mode, nbytes):
    if mode == _fake.LK_UNLCK:
        os.lockf(fd, os.F_ULOCK, nbytes)
        return
    assert mode == _fake.LK_NBLCK, "LK_LOCK gives up after ten seconds on Windows"
    try:
        os.lockf(fd, os.F_TLOCK, nbytes)
    except (BlockingIOError, PermissionError):
        raise PermissionError(_errno.EACCES, "Permission denied") from None

_fake.locking = _locking
sys.modules["msvcrt"] = _fake
"""


def _wrapper(
    folder: Path,
    *,
    fcntl: bool = True,
    nofollow: bool = True,
    msvcrt: bool = False,
    body: str = "",
) -> Path:
    """A script that takes away what is False, then runs ``body`` (default: the command
    line with the arguments it is given)."""
    spawned = folder / "spawned.txt"
    lines = ['"""The command line with parts of the platform taken away (test_platform)."""']
    lines += ["import os", "import sys"]
    if not fcntl:
        lines.append('sys.modules["fcntl"] = None  # as on Windows')
    if not nofollow:
        lines.append("del os.O_NOFOLLOW  # as on Windows")
    if msvcrt:
        lines.append(FAKE_MSVCRT)
    lines += [
        'if __name__ == "__mp_main__":  # a spawned worker runs this first, by that name',
        f"    with open({str(spawned)!r}, 'a') as log:",
        "        log.write(f'{os.getpid()}\\n')",
        'if __name__ == "__main__":',
        body
        or "\n".join(
            [
                "    os.sched_getaffinity = lambda pid: {0, 1}  # two workers on any machine",
                "    from generator.content import catalogue",
                "    from generator.infra import precompress",
                "    from generator.site import render",
                "    catalogue.PARALLEL_FROM = render.PARALLEL_FROM = 1",
                "    precompress.PARALLEL_FROM = 1",
                "    from generator.commands.cli import main",
                "    sys.exit(main(sys.argv[1:]))",
            ]
        ),
    ]
    script = folder / "wrapper.py"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return script


def _spawned(folder: Path) -> list[str]:
    log = folder / "spawned.txt"
    return log.read_text().split() if log.exists() else []


def _env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"}
    env.pop(start_method.ENV, None)
    return {**env, **extra}


def _run(script: Path, project: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(script), *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=_env(**env),
        timeout=300,
    )


def _popen(script: Path, project: Path, *args: str, **env: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(script), *args],
        cwd=project,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(**env),
    )


# --- the command line without fork, fcntl and O_NOFOLLOW -----------------------------------


@pytest.fixture(scope="module")
def base(tmp_path_factory) -> tuple[Path, dict[str, str], str]:
    """The test project, its site as the plain command line builds it, and what its
    ``validate`` prints."""
    root = tmp_path_factory.mktemp("platform")
    project = small_project(root / "project")
    normal = root / "normal"
    shutil.copytree(project, normal)
    checked = run_cli(normal, "validate")
    assert checked.returncode == 0, checked.stderr
    built = run_cli(normal, "build", "--strict")
    assert built.returncode == 0, built.stderr
    return project, tree_digest(normal / "site"), checked.stdout + checked.stderr


CASES = {
    "spawn": {"spawn": True},
    "no fcntl": {"fcntl": False},
    "no O_NOFOLLOW": {"nofollow": False},
    "all three": {"spawn": True, "fcntl": False, "nofollow": False},
}


@pytest.mark.tool
@pytest.mark.parametrize("case", CASES)
def test_validate_and_build_without_linux_parts_give_the_same_bytes(base, tmp_path, case):
    project, digests, report = base
    taken = dict(CASES[case])
    spawn = taken.pop("spawn", False)
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    script = _wrapper(tmp_path, **taken)
    env = {start_method.ENV: "spawn"} if spawn else {}

    checked = _run(script, copy, "validate", **env)
    assert checked.returncode == 0, checked.stderr
    assert checked.stdout + checked.stderr == report
    built = _run(script, copy, "build", "--strict", **env)
    assert built.returncode == 0, built.stderr
    assert tree_digest(copy / "site") == digests
    if spawn:  # checking, rendering and compression each started spawned workers
        assert len(_spawned(tmp_path)) >= 4, _spawned(tmp_path)
    else:
        assert _spawned(tmp_path) == []


@pytest.mark.tool
def test_without_o_nofollow_a_linked_service_file_is_refused_as_before(base, tmp_path):
    project, _, _ = base
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    outside = tmp_path / "outside.yaml"
    shutil.move(copy / SERVICE, outside)
    (copy / SERVICE).symlink_to(outside)
    plain = run_cli(copy, "validate")
    without = _run(_wrapper(tmp_path, nofollow=False), copy, "validate")
    assert plain.returncode == without.returncode == 1
    assert "is a symbolic link" in plain.stdout + plain.stderr
    assert (without.stdout, without.stderr) == (plain.stdout, plain.stderr)


# --- the build lock without fcntl ------------------------------------------------------------

HOLD = """\
    from pathlib import Path
    from generator.infra import lock
    assert lock.KIND == sys.argv[2], lock.KIND
    with lock.held(Path(sys.argv[1]), on_wait=lambda: print("waited", flush=True)):
        print("held", flush=True)
        sys.stdin.readline()
"""


def _lines(stream: IO[str]) -> queue.Queue[str]:
    """The stream's lines as they come, read by a thread (a pipe has no timeout)."""
    lines: queue.Queue[str] = queue.Queue()

    def read() -> None:
        for line in stream:
            lines.put(line)

    threading.Thread(target=read, daemon=True).start()
    return lines


def _wait_for(lines: queue.Queue[str], text: str, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    seen = []
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            break
        seen.append(line)
        if text in line:
            return
    raise AssertionError(f"{text!r} did not come within {seconds} s; seen: {seen}")


@pytest.mark.tool
@pytest.mark.parametrize("kind", ["lockf", "msvcrt"])
@pytest.mark.parametrize("holder_ends", ["releases", "is killed"])
def test_without_fcntl_a_second_build_waits_for_the_first(base, tmp_path, kind, holder_ends):
    project, digests, _ = base
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    msvcrt = kind == "msvcrt"
    holder = _popen(
        _wrapper(tmp_path, fcntl=False, msvcrt=msvcrt, body=HOLD), copy, str(copy / "site"), kind
    )
    build = None
    try:
        _wait_for(_lines(holder.stdout), "held")  # type: ignore[arg-type]
        build = _popen(_wrapper(tmp_path, fcntl=False, msvcrt=msvcrt), copy, "build", "--strict")
        _wait_for(_lines(build.stderr), WAITING)  # type: ignore[arg-type]
        time.sleep(1)
        assert build.poll() is None, "the second build did not wait for the lock"
        assert not (copy / "site").exists()
        if holder_ends == "releases":
            holder.communicate("\n", timeout=30)
        else:
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=30)
        assert build.wait(timeout=300) == 0
        assert tree_digest(copy / "site") == digests
    finally:
        for proc in (holder, build):
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.wait()
    assert (copy / ".site.lock").is_file()  # the lock file stays; .gitignore has /.site.*


@pytest.mark.tool
def test_without_fcntl_a_killed_holder_does_not_block_the_next_build(base, tmp_path):
    project, digests, _ = base
    copy = tmp_path / "project"
    shutil.copytree(project, copy)
    holder = _popen(_wrapper(tmp_path, fcntl=False, body=HOLD), copy, str(copy / "site"), "lockf")
    _wait_for(_lines(holder.stdout), "held")  # type: ignore[arg-type]
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=30)
    built = _run(_wrapper(tmp_path, fcntl=False), copy, "build", "--strict")
    assert built.returncode == 0, built.stderr
    assert WAITING not in built.stderr
    assert tree_digest(copy / "site") == digests


def test_the_lock_file_lock_also_keeps_two_threads_apart(monkeypatch, tmp_path):
    """``os.lockf`` locks belong to the process: a second build in another thread of the
    same process must still wait."""
    monkeypatch.setattr(lock, "KIND", "lockf")
    target = tmp_path / "site"
    inside = threading.Event()
    leave = threading.Event()
    waited = threading.Event()
    order: list[str] = []

    def first() -> None:
        with lock.held(target, on_wait=lambda: order.append("first waited")):
            order.append("first in")
            inside.set()
            leave.wait(10)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    assert inside.wait(10)
    second = threading.Thread(target=lambda: _hold_once(target, waited, order))
    second.start()
    assert waited.wait(10)
    assert order == ["first in"]
    leave.set()
    thread.join(10)
    second.join(10)
    assert order == ["first in", "first out", "second in"]
    assert lock.lock_file(target).is_file()


def _hold_once(target: Path, waited: threading.Event, order: list[str]) -> None:
    with lock.held(target, on_wait=waited.set):
        order.append("second in")


def test_this_system_uses_flock_and_no_lock_file(tmp_path):
    from generator.writer import swap

    assert lock.KIND == "flock"
    with swap.exclusive(tmp_path / "site"):
        pass
    assert list(tmp_path.iterdir()) == []


# --- opening files without O_NOFOLLOW --------------------------------------------------------

OPENERS = {"O_NOFOLLOW": nofollow.open_with_flag, "lstat and fstat": nofollow.open_and_compare}


@pytest.fixture(params=OPENERS)
def opener(request, monkeypatch):
    """``read_regular`` with each way of opening (this system has both)."""
    monkeypatch.setattr(nofollow, "open_no_follow", OPENERS[request.param])
    return request.param


def _refusal(path: Path, root: Path) -> str:
    with pytest.raises(RefusedFile) as caught:
        read_regular(path, root, 1 << 20)
    return str(caught.value)


def test_a_regular_file_is_read(opener, tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"id: a\r\n")
    assert read_regular(tmp_path / "a.yaml", tmp_path, 100) == b"id: a\r\n"


def test_a_linked_file_and_a_linked_folder_are_refused_alike(opener, tmp_path):
    root = tmp_path / "project"
    (root / "content").mkdir(parents=True)
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.yaml").write_text("secret: 1\n")
    (root / "content/link.yaml").symlink_to(outside / "secret.yaml")
    (root / "content/folder").symlink_to(outside)

    assert _refusal(root / "content/link.yaml", root) == (
        "is a symbolic link; content must be regular files inside the project "
        "(copy the file instead of linking it)"
    )
    assert _refusal(root / "content/folder/secret.yaml", root) == (
        "(its folder 'content/folder') is a symbolic link; content must be regular files "
        "inside the project (copy the file instead of linking it)"
    )


def test_a_link_swapped_in_before_the_open_is_refused_alike(opener, tmp_path, monkeypatch):
    """The path checks see a regular file; a link takes its place before the open."""
    (tmp_path / "secret.yaml").write_text("secret: 1\n")
    root = tmp_path / "project"
    root.mkdir()
    path = root / "a.yaml"
    path.write_text("id: a\n")
    real_open = os.open

    def swapping_open(name, flags, *args):
        if Path(name) == path:
            path.unlink()
            path.symlink_to(tmp_path / "secret.yaml")
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", swapping_open)
    assert _refusal(path, root) == "cannot be read (Too many levels of symbolic links)"


def test_another_file_swapped_in_between_lstat_and_open_is_refused(tmp_path, monkeypatch):
    """Without O_NOFOLLOW a link in a folder above is followed by the open; the opened file
    is then not the one ``lstat`` saw."""
    path = tmp_path / "a.yaml"
    path.write_text("id: a\n")
    other = tmp_path / "other.yaml"
    other.write_text("secret: 1\n")
    real_open = os.open

    def swapping_open(name, flags, *args):
        if Path(name) == path:
            os.replace(other, path)
        return real_open(name, flags, *args)

    monkeypatch.setattr(os, "open", swapping_open)
    with pytest.raises(OSError) as caught:
        nofollow.open_and_compare(path)
    assert caught.value.errno == errno.ELOOP


def test_a_windows_junction_counts_as_a_link():
    """``os.lstat`` on Windows reports a junction as a folder with this reparse tag."""
    junction = SimpleNamespace(st_mode=stat.S_IFDIR | 0o755, st_reparse_tag=0xA0000003)
    windows_link = SimpleNamespace(st_mode=stat.S_IFLNK | 0o777, st_reparse_tag=0xA000000C)
    cloud_file = SimpleNamespace(st_mode=stat.S_IFREG | 0o644, st_reparse_tag=0x9000001A)
    assert stat.S_ISLNK(nofollow.link_mode(junction))  # type: ignore[arg-type]
    assert stat.S_ISLNK(nofollow.link_mode(windows_link))  # type: ignore[arg-type]
    assert stat.S_ISREG(nofollow.link_mode(cloud_file))  # type: ignore[arg-type]
    assert nofollow.link_mode(os.lstat(REPO)) == os.lstat(REPO).st_mode


# --- worker processes without fork -----------------------------------------------------------

_FACTOR = 1


def _set_factor(factor: int) -> None:
    global _FACTOR
    _FACTOR = factor


def _scaled(n: int) -> int:
    return n * _FACTOR


def _cannot_start() -> None:
    raise RuntimeError("this worker cannot start")


def test_the_start_method_is_fork_here_unless_the_variable_says_otherwise(monkeypatch, caplog):
    monkeypatch.delenv(start_method.ENV, raising=False)
    assert start_method.start_method() == "fork"
    monkeypatch.setenv(start_method.ENV, "spawn")
    assert start_method.start_method() == "spawn"
    assert not start_method.forks()
    monkeypatch.setenv(start_method.ENV, " Fork ")
    assert start_method.start_method() == "fork"
    monkeypatch.setenv(start_method.ENV, "threads-please")
    with caplog.at_level(logging.WARNING):
        assert start_method.start_method() == "fork"
    assert "SERVICEFINDER_START_METHOD='threads-please' is not possible here" in caplog.text


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.slow
def test_workers_get_their_state_from_the_initializer(monkeypatch, method):
    monkeypatch.setenv(start_method.ENV, method)
    monkeypatch.setattr(sys.modules[__name__], "_FACTOR", 1000)  # a fork would inherit it
    results = run_parallel(
        _scaled, list(range(12)), 2, what="a test", initializer=_set_factor, initargs=(3,)
    )
    assert results == [3 * n for n in range(12)]


@pytest.mark.parametrize("method", ["fork", "spawn"])
@pytest.mark.slow
def test_a_worker_that_cannot_start_fails_the_batch(monkeypatch, method):
    monkeypatch.setenv(start_method.ENV, method)
    with pytest.raises(WorkerFailure, match="could not start"):
        run_parallel(_scaled, [1, 2, 3], 2, what="a test", initializer=_cannot_start)


@pytest.mark.slow
def test_a_renderer_made_again_from_its_pickle_renders_the_same_pages(tmp_path):
    """A spawned rendering worker gets the renderer pickled (Renderer.__reduce__)."""
    from generator.infra.cache import BuildCache
    from generator.pipeline import BuildOptions, Project, check_content
    from generator.site.render import Renderer

    where = Project.at(small_project(tmp_path / "project"), use_cache=False)
    catalogue, _ = check_content(where, TODAY, BuildOptions(workers=1))
    assets = {"lookup": "assets/lookup.0123abcd.json"}
    renderer = Renderer(where.templates_dir, catalogue, TODAY, assets, cache=BuildCache(None))
    again = pickle.loads(pickle.dumps(renderer))
    ids = [s.id for s in catalogue.services]
    assert [p.to_json() for p in again.service_pages(ids)] == [
        p.to_json() for p in renderer.service_pages(ids)
    ]


# --- nothing Unix-only at import time --------------------------------------------------------

UNIX_ONLY = ("fcntl", "termios", "resource", "pwd", "grp")


@pytest.mark.slow
def test_every_module_imports_without_unix_only_modules():
    script = f"""
import importlib, pkgutil, sys
for name in {UNIX_ONLY!r}:
    sys.modules[name] = None
import generator
for module in pkgutil.walk_packages(generator.__path__, "generator."):
    importlib.import_module(module.name)
"""
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, cwd=REPO
    )
    assert result.returncode == 0, result.stderr


def test_only_signals_windows_has_are_used():
    """SIGTERM and SIGINT exist everywhere; SIGKILL, SIGHUP and the rest do not on Windows."""
    import re

    allowed = {"SIGTERM", "SIGINT", "SIG_DFL", "SIG_IGN"}
    used = {
        (path.relative_to(REPO).as_posix(), name)
        for path in (REPO / "generator").rglob("*.py")
        for name in re.findall(r"signal\.(SIG\w+)", path.read_text(encoding="utf-8"))
        if name not in allowed
    }
    assert used == set()
