"""The parallel pool cannot hang: a worker killed at any moment, by any signal, or a stuck
one fails the batch with a message, quickly; the next batch starts cleanly."""

from __future__ import annotations

import contextlib
import os
import random
import signal
import threading
import time
from collections.abc import Iterator

import pytest

from generator.infra.start_method import start_method
from generator.infra.workers import WorkerFailure, iter_parallel, run_parallel

pytestmark = pytest.mark.tool

#: enough start-ups that kills land before, during and after the workers start (about 60
#: of them with a kill): each kind of moment is hit many times over
STARTS = 80
#: no single batch of this test may take longer; a hang fails the test instead of CI
GUARD_SECONDS = 30


@pytest.fixture
def guard() -> Iterator[None]:
    """Fail (SIGALRM in the main thread) instead of hanging, like a test timeout would."""

    def expired(signum, frame):
        raise AssertionError(f"a batch hung for more than {GUARD_SECONDS} s")

    _OTHERS.clear()
    _OTHERS.update(_all_children())
    previous = signal.signal(signal.SIGALRM, expired)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _square_slowly(n: int) -> int:
    time.sleep(0.002 * (n % 5))
    return n * n


def _die_on(n: int) -> int:
    if n == 7:
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def _hang(n: int) -> int:
    time.sleep(3600)
    return n


def _all_children() -> list[int]:
    try:
        with open(f"/proc/{os.getpid()}/task/{os.getpid()}/children") as handle:
            return [int(pid) for pid in handle.read().split()]
    except OSError:
        return []


#: children this test process had before the pool tests (the browser driver, servers of
#: other tests run by the same worker): never killed, never counted
_OTHERS: set[int] = set()


def _children() -> list[int]:
    """The pool's worker processes: this process's children that other tests did not start."""
    return [pid for pid in _all_children() if pid not in _OTHERS]


def _kill_one_later(delay: float, sig: signal.Signals, rng: random.Random) -> threading.Thread:
    """Kill one of the pool's workers ``delay`` seconds after the first one is there:
    before it forks, the pool collects this process's garbage (free_memory.py), which in
    a test process that has run hundreds of tests takes longer than any delay drawn."""

    def run() -> None:
        until = time.monotonic() + 5
        while not _children() and time.monotonic() < until:
            time.sleep(0.002)
        time.sleep(delay)
        children = _children()
        if children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(rng.choice(children), sig)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def test_pool_start_ups_with_random_worker_kills_never_hang(guard):
    rng = random.Random(4)
    items = list(range(60))
    outcomes = {"complete": 0, "failed": 0}
    signals = [signal.SIGKILL, signal.SIGTERM, signal.SIGINT, signal.SIGHUP]
    started = time.monotonic()
    for _ in range(STARTS):
        killer = None
        if rng.random() < 0.75:
            killer = _kill_one_later(rng.uniform(0, 0.08), rng.choice(signals), rng)
        signal.alarm(GUARD_SECONDS)
        try:
            results = run_parallel(_square_slowly, items, 2, what="a test batch")
        except WorkerFailure as exc:
            assert "ended unexpectedly" in str(exc)
            outcomes["failed"] += 1
        else:
            assert results == [n * n for n in items]
            outcomes["complete"] += 1
        finally:
            signal.alarm(0)
        if killer:
            killer.join()
        assert _children() == [], "a worker outlived its batch"
    print(f"{STARTS} pool start-ups in {time.monotonic() - started:.1f} s: {outcomes}")
    assert outcomes["failed"] > 0 and outcomes["complete"] > 0


def test_a_worker_that_dies_in_its_task_fails_the_batch(guard):
    signal.alarm(GUARD_SECONDS)
    with pytest.raises(WorkerFailure, match="ended unexpectedly"):
        run_parallel(_die_on, list(range(20)), 2, what="a test batch")
    assert _children() == []


def test_a_stuck_worker_fails_the_batch_at_the_deadline(guard):
    signal.alarm(GUARD_SECONDS)
    start = time.monotonic()
    with pytest.raises(WorkerFailure, match="made no progress for 1 s"):
        run_parallel(_hang, [1, 2], 2, what="a test batch", timeout=1)
    assert time.monotonic() - start < 10
    assert _children() == []


def _nap(n: int) -> int:
    time.sleep(0.3)
    return n


def test_a_batch_that_keeps_making_progress_may_take_longer_than_the_deadline(guard):
    """The deadline is for each result: a national catalogue's pages on a slow runner
    take longer than any fixed limit for the whole batch, and are not stuck."""
    signal.alarm(GUARD_SECONDS)
    start = time.monotonic()
    assert run_parallel(_nap, list(range(16)), 2, what="a test batch", timeout=1.5) == list(
        range(16)
    )
    assert time.monotonic() - start > 1.5  # longer than the deadline, all of it


def test_workers_die_on_sigterm_instead_of_running_the_parents_handler(guard):
    def parent_handler(signum, frame):
        raise SystemExit(99)

    previous = signal.signal(signal.SIGTERM, parent_handler)
    try:
        signal.alarm(GUARD_SECONDS)
        _kill_one_later(0.05, signal.SIGTERM, random.Random(1))
        with pytest.raises(WorkerFailure):
            run_parallel(_hang, [1, 2], 2, what="a test batch", timeout=20)
    finally:
        signal.signal(signal.SIGTERM, previous)


def _mark(item: tuple[str, int]) -> int:
    folder, n = item
    open(os.path.join(folder, str(n)), "x").close()
    return n


def test_ahead_gives_out_only_that_many_items_beyond_the_results_taken(guard, tmp_path):
    """The content check's parses wait in this process until taken: with ``ahead`` the
    workers stop that far ahead of the taker instead of finishing the whole batch."""
    signal.alarm(GUARD_SECONDS)
    items = [(str(tmp_path), n) for n in range(12)]
    results = iter_parallel(_mark, items, 2, what="marking", ahead=3)

    def done() -> int:
        return len(os.listdir(tmp_path))

    while done() < 3:
        time.sleep(0.01)
    time.sleep(0.5)  # time enough for all twelve, were they given out
    assert done() == 3
    assert next(results) == 0
    while done() < 4:
        time.sleep(0.01)
    time.sleep(0.2)
    assert done() == 4  # one taken, one more given out
    assert list(results) == list(range(1, 12)) and done() == 12


def _frozen(_: int) -> int:
    import gc

    return gc.get_freeze_count()


@pytest.mark.skipif(start_method() != "fork", reason="only forked workers inherit objects")
def test_forked_workers_leave_the_objects_they_inherit_to_the_parent(guard):
    """A collection in a worker would walk (and so copy) every page of memory the build
    holds: what the workers inherit is frozen for them, and only for them."""
    import gc

    signal.alarm(GUARD_SECONDS)
    held = [[n] for n in range(10_000)]  # objects the workers inherit
    assert all(n > len(held) for n in run_parallel(_frozen, [1, 2], 2, what="freezing"))
    assert gc.get_freeze_count() == 0
