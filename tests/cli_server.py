"""The command line for the tests, without Python's start-up and imports on every run.

Tests whose subject is the command line (exit codes, messages, what a refused input leaves)
run it hundreds of times; a fresh interpreter spends most of a small run importing the
generator, MkDocs, Material and pydantic. So each test process starts one server that has
imported them, and every run is a fork of that server: a process of its own, with the
environment, working folder, arguments, standard streams and exit code a fresh
``python -m generator.commands.cli`` would have, and nothing left over from earlier runs
(the server itself never runs a command; it has built the small test project once in
its own process, as the tests' in-process builds do, so it keeps what a process keeps
between builds).

The server starts with the test process's environment as it was when the tests began. A
run whose environment differs from it in more than the date (``SOURCE_DATE_EPOCH``) goes
through a fresh interpreter instead: a module may read the environment when it is imported
(``SERVICEFINDER_MAX_FILE_KB``, for one), and the server imported it under the old one.

``python -m tests.cli_server`` is the server; :func:`run` is the client.
"""

from __future__ import annotations

import atexit
import importlib
import io
import locale
import os
import pickle
import signal
import struct
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any

_HEADER = struct.Struct("!I")
#: what ``python -m generator.commands.cli`` runs
_MODULE = "generator.commands.cli"
#: libraries a build imports outside the generator package (the rest come with it)
_LIBRARIES = ("mkdocs.commands.build", "mkdocs.config.defaults", "material")


def _send(stream: Any, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)) + data)
    stream.flush()


def _receive(stream: Any) -> Any:
    head = stream.read(_HEADER.size)
    if len(head) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(head)
    return pickle.loads(stream.read(size))


# --- server ---------------------------------------------------------------------------


def _preload() -> None:
    """Import every module of the generator and the libraries a build loads, so a fork
    starts with them in memory."""
    import pkgutil

    import generator

    for info in pkgutil.walk_packages(generator.__path__, "generator."):
        importlib.import_module(info.name)
    for name in _LIBRARIES:
        importlib.import_module(name)
    # one build of the small test project, without a cache: what a process keeps from a
    # build for its next (the minified scripts, the compiled templates, the trimmed
    # stylesheets: generator/site/assets.py, compiled.py, writer/trim.py) is kept, so each
    # fork starts where a second build in one process would
    import tempfile
    import threading

    from tests.helpers import build_in_process
    from tests.project_fixture import small_project

    with tempfile.TemporaryDirectory(prefix="cli-server-") as folder:
        build_in_process(small_project(Path(folder) / "project"), use_cache=False)
    if threading.active_count() != 1:
        raise RuntimeError("a thread outlived the warming build; forks would inherit it")


def _child(request: dict[str, Any], out: str, err: str) -> None:
    """In the fork: become ``python -m generator.commands.cli ARGS`` run in ``cwd``."""
    code: int = 1
    try:
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        for fd, name in ((1, out), (2, err)):
            target = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            os.dup2(target, fd)
            os.close(target)
        # the server's own streams point at its pipes: start with fresh buffers on 1 and 2
        sys.stdout = io.TextIOWrapper(io.FileIO(1, "w", closefd=False), line_buffering=False)
        sys.stderr = io.TextIOWrapper(
            io.FileIO(2, "w", closefd=False), errors="backslashreplace", line_buffering=True
        )
        sys.stdin = io.TextIOWrapper(io.FileIO(0, "r", closefd=False))
        signal.alarm(int(request["timeout"]))  # a run that hangs ends as a timeout
        before = None
        if request.get("before"):  # a test's own set-up, e.g. tests.kill_points.arm
            module, function, arguments = request["before"]
            before = getattr(importlib.import_module(module), function)  # from the tests' root
        os.environ.clear()
        os.environ.update(request["env"])
        os.chdir(request["cwd"])
        sys.path[0] = os.getcwd()  # as ``python -m`` puts the working folder first
        sys.argv = [sys.modules[_MODULE].__file__ or _MODULE, *request["args"]]
        if before is not None:  # called where the command runs: it may watch the folder
            before(*arguments)
        from generator.commands import cli

        try:
            code = cli.main(list(request["args"]))
        except SystemExit as exc:
            code = _exit_code(exc)
        except BaseException:  # as the interpreter does: print the traceback, exit 1
            import traceback

            traceback.print_exc()
            code = 1
        threading._shutdown()  # type: ignore[attr-defined]  # join threads, as at exit
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    finally:
        os._exit(code if isinstance(code, int) else 1)


def _exit_code(exc: SystemExit) -> int:
    if exc.code is None:
        return 0
    if isinstance(exc.code, int):
        return exc.code
    print(exc.code, file=sys.stderr)
    return 1


def serve() -> None:
    """Answer run requests on standard input until it closes, one at a time."""
    _preload()
    requests, replies = sys.stdin.buffer, sys.stdout.buffer
    # a plain folder, not a TemporaryDirectory: a fork runs the process's exit handlers,
    # and that object's would delete the folder at the end of the first run
    folder = tempfile.mkdtemp(prefix="cli-server-")
    count = 0
    while (request := _receive(requests)) is not None:
        count += 1
        out, err = f"{folder}/{count}.out", f"{folder}/{count}.err"
        pid = os.fork()
        if pid == 0:
            _child(request, out, err)
        _, status = os.waitpid(pid, 0)
        _send(replies, {"status": status, "out": out, "err": err})


# --- client ---------------------------------------------------------------------------


class _Client:
    """One server per test process, started on first use."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.proc: subprocess.Popen[bytes] | None = None

    def run(
        self,
        args: list[str],
        cwd: Path,
        env: dict[str, str],
        timeout: float,
        before: tuple[str, str, tuple] | None = None,
    ):
        if not forks(env):
            return None
        with self.lock:
            if self.proc is None:
                self._start(_BASE)
            assert self.proc is not None and self.proc.stdin and self.proc.stdout
            _send(
                self.proc.stdin,
                {"args": args, "cwd": str(cwd), "env": env, "timeout": timeout, "before": before},
            )
            reply = _receive(self.proc.stdout)
        if reply is None:
            raise RuntimeError("the command-line server ended")
        return _completed(args, reply, timeout)

    def _start(self, env: dict[str, str]) -> None:
        root = Path(__file__).resolve().parent.parent
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.cli_server"],
            cwd=root,
            env={**env, "NO_MKDOCS_2_WARNING": "1"},  # as the command line sets it
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
        )
        atexit.register(self._stop)

    def _stop(self) -> None:
        if self.proc is not None and self.proc.stdin:
            self.proc.stdin.close()
            self.proc.wait(timeout=30)


#: variables a run may set differently from the server: they change while the tests run,
#: and no module reads them when it is imported (the build reads the date when it runs).
#: Material sets NO_MKDOCS_2_WARNING when it is imported, so a test process that built
#: in-process has it where the tests began without it; the command line sets it before
#: it imports Material, so a fresh interpreter never shows the warning either
_PASSING = ("PYTEST_CURRENT_TEST", "SOURCE_DATE_EPOCH", "NO_MKDOCS_2_WARNING")


def _settled(env: dict[str, str]) -> dict[str, str]:
    """``env`` without :data:`_PASSING`: what the server's imports could have read."""
    return {k: v for k, v in env.items() if k not in _PASSING}


#: the environment the server starts with: the test process's as the tests began, before
#: any test set a variable of its own (``monkeypatch.setenv``)
_BASE = dict(os.environ)


def forks(env: dict[str, str]) -> bool:
    """Whether a run with ``env`` is a fork of the server (else a fresh interpreter)."""
    return _settled(env) == _settled(_BASE)


def _completed(args: list[str], reply: dict[str, Any], timeout: float):
    status = reply["status"]
    texts = []
    for name in (reply["out"], reply["err"]):
        with open(name, "rb") as handle:
            raw = handle.read()
        os.unlink(name)
        # decoded as ``subprocess.run(text=True)`` does: locale encoding, universal newlines
        texts.append(io.TextIOWrapper(io.BytesIO(raw), locale.getpreferredencoding(False)).read())
    command = [sys.executable, "-m", _MODULE, *args]
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGALRM:
        raise subprocess.TimeoutExpired(command, timeout, texts[0], texts[1])
    code = os.waitstatus_to_exitcode(status)
    return subprocess.CompletedProcess(command, code, texts[0], texts[1])


_CLIENT = _Client()


def run(
    args: list[str],
    cwd: Path,
    env: dict[str, str],
    timeout: float = 300,
    before: tuple[str, str, tuple] | None = None,
):
    """``python -m generator.commands.cli ARGS`` in ``cwd`` with ``env``: a forked run
    when ``env`` is the server's, else a fresh interpreter; a ``CompletedProcess`` with
    text output either way. ``before`` (module, function, arguments) is called in the
    forked process first; a run with it must have the server's environment."""
    done = _CLIENT.run(args, cwd, env, timeout, before)
    if done is not None:
        return done
    if before is not None:
        raise ValueError("a run with a set-up needs the environment the server started with")
    return subprocess.run(
        [sys.executable, "-m", _MODULE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        timeout=timeout,
    )


if __name__ == "__main__":
    serve()
