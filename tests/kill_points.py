"""``servicefinder build``, killed by its own hand at one chosen point of its work.

``python -m tests.kill_points <point> <signal>`` runs the command line's ``build`` in the
current folder as ``servicefinder build`` does, and sends itself ``signal`` (``KILL`` or
``TERM``) when the build reaches ``point``, one of :data:`POINTS`. Before it does, it
writes ``kill point reached: <point>`` to stderr, so a test can tell a kill that landed
from a build that ran past the point. Nothing of the build is changed: the points are
found by wrapping functions the build calls (a kill at their start) or by a thread that
watches the output folder's work folder fill (a kill wherever the build then is).

tests/test_kill.py calls :func:`arm` in a fork of its command-line server
(tests/cli_server.py), the same set-up without a fresh interpreter: one kill a stage,
each with both signals, proves what many kills at random instants hoped to hit.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

#: point -> what the build is doing when it is killed there, in the order of a build
POINTS = {
    "checking": "reading and checking the content (nothing built yet)",
    "rendering": "making the pages, search index and lookup data in memory",
    "staging": "the new site's work folder just made, still empty",
    "writing": "the engine writing pages into the work folder",
    "compressing": "writing the .gz and .br copies into the work folder",
    "swapping": "the new site complete, about to be swapped in",
    "swapped": "the new site swapped in, the old one not yet removed",
    "removing": "half-way through removing the old site",
}
#: points after which ``site/`` holds the new site
AFTER_THE_SWAP = ("swapped", "removing")
#: points before the build turns SIGTERM into a clean exit (it holds no work folder yet):
#: there SIGTERM ends the process as SIGKILL does
BEFORE_THE_HANDLER = ("checking", "rendering")


def _kill(point: str, sig: signal.Signals) -> None:
    print(f"kill point reached: {point}", file=sys.stderr, flush=True)
    os.kill(os.getpid(), sig)
    time.sleep(5)  # SIGTERM is handled in the main thread: let it get there


def _at_start(owner: object, name: str, point: str, sig: signal.Signals) -> None:
    """Kill at the start of ``owner.name`` (a function the build calls)."""
    original = getattr(owner, name)

    def wrapper(*args, **kwargs):
        _kill(point, sig)
        return original(*args, **kwargs)

    setattr(owner, name, wrapper)


def _when(test: Callable[[list[Path]], bool], point: str, sig: signal.Signals) -> None:
    """Kill as soon as ``test`` holds for the work folders beside ``site/``."""

    def watch() -> None:
        here = Path.cwd()
        while True:
            staging = [p for p in here.iterdir() if p.name.startswith(".site.building-")]
            if staging and test(staging):
                _kill(point, sig)
                return
            time.sleep(0.001)

    threading.Thread(target=watch, daemon=True).start()


def _first_copy(staging: list[Path]) -> bool:
    return any(p.suffix == ".gz" for folder in staging for p in folder.iterdir())


def arm(point: str, sig: signal.Signals) -> None:
    """Set up the kill at ``point``."""
    import generator.pipeline as pipeline
    from generator.writer import swap

    if point == "checking":
        _at_start(pipeline, "check_content", point, sig)
    elif point == "rendering":
        _at_start(pipeline, "build_bundle", point, sig)
    elif point == "staging":
        _when(lambda staging: True, point, sig)
    elif point == "writing":
        _when(lambda staging: any((p / "index.html").exists() for p in staging), point, sig)
    elif point == "compressing":
        _when(_first_copy, point, sig)
    elif point == "swapping":
        _at_start(swap, "swap_in", point, sig)
    elif point in AFTER_THE_SWAP:
        # the old site is removed by remove_tree, called by swap_in after the swap (the
        # same function removes what earlier builds left, before: not that call)
        swap_in, remove_tree = swap.swap_in, swap.remove_tree
        swapping = threading.Event()

        def swap_in_noted(new: Path, target: Path) -> None:
            swapping.set()
            swap_in(new, target)

        def removing(folder: Path) -> None:
            if swapping.is_set():
                if point == "removing":
                    for path in sorted(folder.rglob("*.html"))[::2]:
                        path.unlink()
                _kill(point, sig)
            remove_tree(folder)

        swap.swap_in, swap.remove_tree = swap_in_noted, removing
    else:
        raise SystemExit(f"no such point: {point} (one of {', '.join(POINTS)})")


def main() -> int:
    point, name = sys.argv[1:3]
    arm(point, signal.Signals[f"SIG{name}"])
    from generator.commands.cli import main as cli

    return cli(["build"])


if __name__ == "__main__":
    sys.exit(main())
