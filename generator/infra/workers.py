"""Run work in worker processes so that a dying or stuck worker fails the build, never
hangs it.

``multiprocessing.Pool`` can hang for good: its workers share one task-queue lock, a
worker killed while holding it leaves the others waiting forever, and ``with Pool()``
ends in ``terminate()``, which signals workers in the middle of a ``get()``. Forked
workers also inherit the build's SIGTERM handler (which raises ``SystemExit`` to clean
up the staging folder) and so run the parent's clean-up code instead of dying.

Here instead: ``concurrent.futures.ProcessPoolExecutor`` (its manager watches every
worker's sentinel and reports a death as ``BrokenProcessPool``), workers that restore
the default action of SIGTERM and SIGINT first, a deadline for each result (a batch
that makes no progress for that long is stuck; one that does may take as long as its
size needs: 100,000 pages on a slow runner take longer than any fixed limit), and on
any failure the remaining workers are killed and reaped before the error is raised.

Workers are forked where the system can fork and spawned elsewhere (Windows, or
``SERVICEFINDER_START_METHOD=spawn``; :mod:`generator.infra.start_method`). A spawned
worker inherits nothing, so what a task needs beyond its argument comes from an
``initializer`` run once in each worker with ``initargs``: copied for free by a fork,
pickled once for spawned workers and handed to them through a queue (see
:func:`iter_parallel`).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import pickle
import queue
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from typing import TYPE_CHECKING, Any, TypeVar

from generator.infra.free_memory import hand_back
from generator.infra.start_method import start_method

if TYPE_CHECKING:
    from multiprocessing.queues import Queue

T = TypeVar("T")
R = TypeVar("R")

#: seconds the next result of a batch may take; SERVICEFINDER_WORKER_TIMEOUT changes it
DEFAULT_TIMEOUT = float(os.environ.get("SERVICEFINDER_WORKER_TIMEOUT", "900"))
#: Windows waits on at most 63 handles at once, two of them the executor's own
MAX_WORKERS = 61 if sys.platform == "win32" else 1024


class WorkerFailure(RuntimeError):
    """A worker process died or a batch made no progress for too long; the message says
    which."""


def _start_worker(
    initializer: Callable[..., object] | None,
    initargs: tuple[Any, ...],
    handoff: Queue[bytes] | None,
) -> None:
    """In each worker, before any task: die on SIGTERM and SIGINT as a plain process
    does, instead of running the parent's handlers (the parent decides and cleans up);
    then make what the tasks need, from the arguments given or the ``handoff`` queue."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    if handoff is not None:
        initializer, initargs = pickle.loads(_received(handoff))
    if initializer is not None:
        initializer(*initargs)


def _received(handoff: Queue[bytes]) -> bytes:
    """The pickled initializer and its arguments; a worker whose parent died before
    handing them over ends instead of waiting for ever."""
    parent = multiprocessing.parent_process()
    while True:
        try:
            return handoff.get(timeout=1)
        except queue.Empty:
            if parent is not None and not parent.is_alive():
                os._exit(1)


def run_parallel(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    what: str,
    timeout: float | None = None,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
) -> list[R]:
    """``[func(item) for item in items]``, computed in ``workers`` processes
    (see :func:`iter_parallel`)."""
    return list(
        iter_parallel(
            func,
            items,
            workers,
            what=what,
            timeout=timeout,
            initializer=initializer,
            initargs=initargs,
        )
    )


def iter_parallel(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    what: str,
    timeout: float | None = None,
    initializer: Callable[..., object] | None = None,
    initargs: tuple[Any, ...] = (),
    ahead: int | None = None,
) -> Iterator[R]:
    """``func(item)`` for each of ``items``, in their order, computed in ``workers``
    processes; each result is yielded as soon as it and those before it are done and is
    not kept here after that (4,000 rendered pages held at once cost 125 MB).

    The processes are started and given every item at once, when this is called, not when
    the first result is asked for: the caller can do other work meanwhile (the pipeline
    makes the search index while the services render). With ``ahead``, only that many
    items are given out beyond the results taken: results wait here until they are
    asked for, so a caller slower than the workers would otherwise hold them all.

    ``func`` and ``initializer`` must be module-level functions, the items, results and
    ``initargs`` picklable: whatever ``func`` needs beyond its argument is made by
    ``initializer(*initargs)`` in each worker, as a spawned worker inherits nothing.
    Raises :class:`WorkerFailure` if a worker dies (killed, out of memory, or it could not
    start) or the next result takes longer than ``timeout`` seconds to come (from the
    start, or from the result before it, or from when it was asked for, whichever is
    later: a caller that takes its time is not counted); an exception raised by
    ``func`` itself is raised here unchanged.
    """
    limit = DEFAULT_TIMEOUT if timeout is None else timeout
    context = multiprocessing.get_context(start_method())
    handoff: Queue[bytes] | None = None
    payload = b""
    if initializer is not None and context.get_start_method() != "fork":
        # A spawned worker's start arguments are written to it as it starts, and the write
        # waits until the new interpreter has imported what they need and read them, one
        # worker after the other: with the renderer's catalogue (3.3 MB at 300 services)
        # this process waited 3 s for two workers on a busy machine instead of making the
        # search index. Through a queue, which a thread fills, they are pickled once and
        # the workers start side by side (0.1 s).
        payload = pickle.dumps((initializer, initargs), protocol=pickle.HIGHEST_PROTOCOL)
        handoff = context.Queue()
        handoff.cancel_join_thread()  # never wait at exit for copies no worker took
        initializer, initargs = None, ()
    executor = ProcessPoolExecutor(
        max_workers=max(1, min(workers, MAX_WORKERS)),
        mp_context=context,
        initializer=_start_worker,
        initargs=(initializer, initargs, handoff),
    )
    rest = iter(items)
    if ahead is not None:
        # at least one item for each worker: a spawning pool starts a process per item
        # given out and hands each its start arguments only here, before any result
        ahead = max(ahead, workers)
    # A forking pool starts all its processes at the first item. Every object there is
    # then frozen for them: a collection in a worker would otherwise walk, and so copy,
    # all the pages of memory the build holds (the catalogue, the compiled templates).
    # This process takes up collecting them again once they have started.
    forking = context.get_start_method() == "fork"
    if forking:
        hand_back()  # what this process freed is not passed on (free_memory.py)
        gc.freeze()
    try:
        futures: deque[Future[R]] = deque(
            executor.submit(func, item) for item in islice(rest, ahead)
        )
        if handoff is not None:  # a spawning pool starts its processes as items come
            for _ in range(len(_processes(executor))):
                handoff.put(payload)
    except BaseException as exc:
        _kill(executor, handoff)
        if isinstance(exc, BrokenProcessPool):  # a worker died while the batch was given out
            raise _died(what) from None
        raise
    finally:
        if forking:
            gc.unfreeze()
    more = (lambda: [executor.submit(func, item) for item in islice(rest, 1)]) if ahead else list
    results = _results(executor, futures, more, limit, what, handoff)
    next(results)  # started: from now on, closing it (or dropping it) stops the workers
    return results


def _results(
    executor: ProcessPoolExecutor,
    futures: deque[Future[R]],
    more: Callable[[], list[Future[R]]],
    limit: float,
    what: str,
    handoff: Queue[bytes] | None,
) -> Iterator[R]:
    finished = False
    try:
        yield None  # type: ignore[misc]  # the start signal iter_parallel takes
        while futures:
            result = futures.popleft().result(timeout=limit)
            futures.extend(more())  # the next item, given out as one result is taken
            yield result
        finished = True
    except BrokenProcessPool:
        raise _died(what) from None
    except FutureTimeout:
        raise WorkerFailure(
            f"{what} made no progress for {limit:.0f} s, a worker seems stuck "
            "(SERVICEFINDER_WORKER_TIMEOUT); the build was stopped"
        ) from None
    finally:
        if finished:
            executor.shutdown(wait=True)  # every task is done: the workers exit at once
            if handoff is not None:
                handoff.close()
        else:  # failed, or the consumer stopped early
            _kill(executor, handoff)


def _died(what: str) -> WorkerFailure:
    return WorkerFailure(
        f"a worker process for {what} ended unexpectedly (killed, out of memory, or it "
        "could not start); the build was stopped and the previous site is unchanged"
    )


def _processes(executor: ProcessPoolExecutor) -> list[multiprocessing.Process]:
    """The pool's worker processes (the executor does not say; its own field)."""
    return list((getattr(executor, "_processes", None) or {}).values())


def _kill(executor: ProcessPoolExecutor, handoff: Queue[bytes] | None = None) -> None:
    """Stop every worker now and reap it, so none outlives the failed batch."""
    processes = _processes(executor)
    for process in processes:
        if process.is_alive():
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
    if handoff is not None:
        handoff.close()


def default_workers() -> int:
    """Processes for rendering: the cores this process may use (2 on the CI machine)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
