"""Run work in forked processes so that a dying or stuck worker fails the build, never
hangs it.

``multiprocessing.Pool`` can hang for good: its workers share one task-queue lock, a
worker killed while holding it leaves the others waiting forever, and ``with Pool()``
ends in ``terminate()``, which signals workers in the middle of a ``get()``. Forked
workers also inherit the build's SIGTERM handler (which raises ``SystemExit`` to clean
up the staging folder) and so run the parent's clean-up code instead of dying.

Here instead: ``concurrent.futures.ProcessPoolExecutor`` (its manager watches every
worker's sentinel and reports a death as ``BrokenProcessPool``), workers that restore
the default action of SIGTERM and SIGINT first, a deadline for the whole batch, and on
any failure the remaining workers are killed and reaped before the error is raised.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: seconds a whole batch may take; SERVICEFINDER_WORKER_TIMEOUT changes it
DEFAULT_TIMEOUT = float(os.environ.get("SERVICEFINDER_WORKER_TIMEOUT", "900"))


class WorkerFailure(RuntimeError):
    """A worker process died or the batch ran past its deadline; the message says which."""


def _default_signals() -> None:
    """In each worker, before any task: die on SIGTERM and SIGINT as a plain process
    does, instead of running the parent's handlers (the parent decides and cleans up)."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_parallel(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    what: str,
    timeout: float | None = None,
) -> list[R]:
    """``[func(item) for item in items]``, computed in ``workers`` forked processes
    (see :func:`iter_parallel`)."""
    return list(iter_parallel(func, items, workers, what=what, timeout=timeout))


def iter_parallel(
    func: Callable[[T], R],
    items: Sequence[T],
    workers: int,
    *,
    what: str,
    timeout: float | None = None,
) -> Iterator[R]:
    """``func(item)`` for each of ``items``, in their order, computed in ``workers`` forked
    processes; each result is yielded as soon as it and those before it are done and is
    not kept here after that (4,000 rendered pages held at once cost 125 MB).

    The processes are forked and given every item at once, when this is called, not when
    the first result is asked for: the caller can do other work meanwhile (the pipeline
    makes the search index while the services render).

    ``func`` must be a module-level function; whatever it needs beyond its argument is
    inherited through the fork. Raises :class:`WorkerFailure` if a worker dies (killed,
    out of memory) or the batch takes longer than ``timeout`` seconds; an exception
    raised by ``func`` itself is raised here unchanged.
    """
    deadline = time.monotonic() + (DEFAULT_TIMEOUT if timeout is None else timeout)
    executor = ProcessPoolExecutor(
        max_workers=max(1, workers),
        mp_context=multiprocessing.get_context("fork"),
        initializer=_default_signals,
    )
    try:
        futures: deque[Future[R]] = deque(executor.submit(func, item) for item in items)
    except BaseException as exc:
        _kill(executor)
        if isinstance(exc, BrokenProcessPool):  # a worker died while the batch was given out
            raise _died(what) from None
        raise
    results = _results(executor, futures, deadline, what, timeout)
    next(results)  # started: from now on, closing it (or dropping it) stops the workers
    return results


def _results(
    executor: ProcessPoolExecutor,
    futures: deque[Future[R]],
    deadline: float,
    what: str,
    timeout: float | None,
) -> Iterator[R]:
    finished = False
    try:
        yield None  # type: ignore[misc]  # the start signal iter_parallel takes
        while futures:
            yield futures.popleft().result(timeout=max(0.0, deadline - time.monotonic()))
        finished = True
    except BrokenProcessPool:
        raise _died(what) from None
    except FutureTimeout:
        raise WorkerFailure(
            f"{what} did not finish within {timeout or DEFAULT_TIMEOUT:.0f} s "
            "(SERVICEFINDER_WORKER_TIMEOUT); the build was stopped"
        ) from None
    finally:
        if finished:
            executor.shutdown(wait=True)  # every task is done: the workers exit at once
        else:  # failed, or the consumer stopped early
            _kill(executor)


def _died(what: str) -> WorkerFailure:
    return WorkerFailure(
        f"a worker process for {what} ended unexpectedly (killed, or out of memory); "
        "the build was stopped and the previous site is unchanged"
    )


def _kill(executor: ProcessPoolExecutor) -> None:
    """Stop every worker now and reap it, so none outlives the failed batch."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for process in processes:
        if process.is_alive():
            process.kill()
    executor.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.join(timeout=5)
