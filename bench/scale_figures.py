"""Build synthetic catalogues of national size and print one table of figures.

Usage: ``.venv/bin/python bench/scale_figures.py [SIZES] [--languages de,en,uk,ar,tr]``
(default sizes ``1000,5000,10000``). For each size, a synthetic project (``synthetic.py``:
every service in all five languages, each with its easy-language variant) is built with
``servicefinder build`` in a fresh process, and the figures are:

- pages, wall time and CPU time (user + system of the whole process tree) of the first
  build (empty cache, no previous site);
- the process tree's peak memory, sampled every 0.2 s from ``/proc``: the sum of every
  process's RSS (resident; shared pages counted in each process) and PSS (proportional:
  each shared page divided among the processes that share it, so the sum is what the
  tree really occupies);
- a second build with nothing changed (the command line's early stop), a build after a
  newline was added to one service's file (a changed input that changes no page: the
  whole manifest path, every service compared, no page written), and a build after one
  service's summary was edited.

Linux only (``/proc``). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from synthetic import make_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600"}


def tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    out, todo = [], [pid]
    while todo:
        current = todo.pop()
        out.append(current)
        try:
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as handle:
                    todo += [int(c) for c in handle.read().split()]
        except OSError:
            continue
    return out


def memory(pid: int) -> tuple[int, int]:
    """RSS and PSS of one process in KB (0, 0 once it has ended)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            fields = dict(line.split(":", 1) for line in handle if ":" in line)
    except OSError:
        return 0, 0
    return int(fields["Rss"].split()[0]), int(fields["Pss"].split()[0])


class Sampler(threading.Thread):
    """The process tree's summed RSS and PSS every ``interval`` seconds; the peaks kept."""

    def __init__(self, pid: int, interval: float = 0.2) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.rss = self.pss = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.is_set():
            sizes = [memory(p) for p in tree(self.pid)]
            self.rss = max(self.rss, sum(r for r, _ in sizes))
            self.pss = max(self.pss, sum(p for _, p in sizes))
            self.done.wait(self.interval)


def build(root: Path) -> dict[str, float]:
    """One ``servicefinder build``: wall s, CPU s (tree), peak RSS and PSS (MB), stdout."""
    args = [sys.executable, "-m", "generator.commands.cli", "build"]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, cwd=root, env=ENV, stdout=out, stderr=err)
        sampler = Sampler(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        sampler.done.set()
        sampler.join()
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status):
            err.seek(0)
            raise RuntimeError(f"build failed:\n{err.read().decode()[-3000:]}")
        out.seek(0)
        text = out.read().decode()
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": sampler.rss / 1024,
        "pss": sampler.pss / 1024,
        "out": text,  # type: ignore[dict-item]
    }


def edit_one(root: Path) -> None:
    path = root / "content/services/leistung-00000.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"] = "Geändert. " + data["summary"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def project(n: int, languages: tuple[str, ...], folder: Path) -> Path:
    """The synthetic project of ``n`` services in ``folder``: one that a run with ``--keep``
    left there is built again from scratch (its site and build cache removed; making
    10,000 services takes longer than building them), else a new one."""
    root = folder / f"site-{n}"
    services = root / "content/services"
    if services.is_dir() and sum(1 for p in services.glob("*.yaml") if p.name.count(".") == 1) == n:
        for made in (root / "site", root / ".cache"):
            shutil.rmtree(made, ignore_errors=True)
        return root
    return make_project(root, n, languages=languages)


def measure(n: int, languages: tuple[str, ...], folder: Path) -> dict[str, object]:
    root = project(n, languages, folder)
    cold = build(root)
    pages = sum(1 for _ in (root / "site").rglob("index.html"))
    again = build(root)
    # one more byte that changes no page: past the early stop, through the manifest
    (root / "content/services/leistung-00000.yaml").write_text(
        (root / "content/services/leistung-00000.yaml").read_text(encoding="utf-8") + "\n",
        encoding="utf-8",
    )
    whole = build(root)
    edit_one(root)
    edited = build(root)
    return {"pages": pages, "cold": cold, "again": again, "whole": whole, "edited": edited}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="?", default="1000,5000,10000")
    parser.add_argument("--languages", default="en,uk,ar,tr", help="besides German")
    parser.add_argument(
        "--keep", type=Path, help="build the projects here and keep them (reused by the next run)"
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    languages = tuple(lang for lang in args.languages.split(",") if lang)
    head = (
        f"{'services':>8} {'pages':>7} | {'wall s':>7} {'CPU s':>7} {'ms/page':>7}"
        f" {'RSS MB':>7} {'PSS MB':>7} | {'again s':>7} {'no-op s':>7} {'1 edit s':>8}"
    )
    print(f"languages: de,{','.join(languages)}; every service with its easy-language page")
    print(head)
    print("-" * len(head))
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        for n in sizes:
            r = measure(n, languages, folder)
            cold, again, whole, edited = r["cold"], r["again"], r["whole"], r["edited"]
            print(
                f"{n:>8} {r['pages']:>7} | {cold['wall']:>7.1f} {cold['cpu']:>7.1f}"  # type: ignore[index]
                f" {1000 * cold['wall'] / r['pages']:>7.2f}"  # type: ignore[index, operator]
                f" {cold['rss']:>7.0f} {cold['pss']:>7.0f}"  # type: ignore[index]
                f" | {again['wall']:>7.2f} {whole['wall']:>7.2f} {edited['wall']:>8.2f}",  # type: ignore[index]
                flush=True,
            )
    print(
        "\nwall/CPU: the first build (empty cache); CPU: user+system of the build and its "
        "workers; RSS/PSS: the process tree's peak, summed over its processes;\nagain: "
        "nothing changed (early stop); no-op: one file rewritten with the same bytes plus a "
        "newline, so every input is read and compared; 1 edit: one service's summary changed."
    )


if __name__ == "__main__":
    main()
