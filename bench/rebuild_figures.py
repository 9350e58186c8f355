"""Time from editing one service file to seeing the change, for editors.

Usage: ``.venv/bin/python bench/rebuild_figures.py [N]`` (synthetic services, default 1000).
For the example site and for N synthetic services: a full ``servicefinder build`` after a
one-file edit, and with ``servicefinder serve`` running, the time from saving the file
until the page served over HTTP shows the change, and until the A–Z list shows it too (the
preview makes the lists once the editor pauses), and the same while saving every two
seconds, so that each save comes while the lists of the last are being made. Prints
figures; asserts nothing.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from synthetic import copy_example, make_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def cli(root: Path, *args: str) -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "generator.commands.cli", *args],
        cwd=root,
        env=ENV,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - start


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=10) as r:
            return r.read().decode()
    except OSError:
        return ""


def wait(url: str, needle: str, limit: float = 600) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < limit:
        if needle in fetch(url):
            return time.perf_counter() - start
        time.sleep(0.05)
    raise TimeoutError(url)


def measure(label: str, root: Path, service_file: Path, page: str, listing: str) -> None:
    cli(root, "build")
    text = service_file.read_text(encoding="utf-8")
    service_file.write_text(text.replace("title: ", "title: Bearbeitet ", 1), encoding="utf-8")
    rebuild = cli(root, "build")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.commands.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=root,
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        url = f"http://127.0.0.1:{port}/{page}"
        first = wait(url, "Bearbeitet")
        wait(f"http://127.0.0.1:{port}/{listing}", "Bearbeitet")
        times, lists = [], []
        for i in range(3):
            service_file.write_text(
                text.replace("title: ", f"title: Runde{i} ", 1), encoding="utf-8"
            )
            start = time.perf_counter()
            times.append(wait(url, f"Runde{i}"))
            wait(f"http://127.0.0.1:{port}/{listing}", f"Runde{i}")
            lists.append(time.perf_counter() - start)
        # an editor who saves again while the lists of the last save are being made
        busy = []
        for i in range(5):
            service_file.write_text(
                text.replace("title: ", f"title: Schnell{i} ", 1), encoding="utf-8"
            )
            busy.append(wait(url, f"Schnell{i}"))
            time.sleep(2)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
        service_file.write_text(text, encoding="utf-8")
    print(
        f"{label:<34} build after edit {rebuild:6.1f} s | serve: first page {first:5.1f} s, "
        f"edit visible after {sorted(times)[1]:5.2f} s, in the A–Z list after "
        f"{sorted(lists)[1]:5.1f} s (medians of 3); saving every 2 s: visible after "
        f"{sorted(busy)[2]:5.2f} s (median of 5, slowest {max(busy):4.2f} s)"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    with tempfile.TemporaryDirectory() as tmp:
        example = copy_example(Path(tmp) / "example")
        measure(
            "example site (4 services)",
            example,
            example / "content/services/eingliederungshilfe.yaml",
            "leistungen/eingliederungshilfe/",
            "leistungen/",
        )
        synthetic = make_project(Path(tmp) / "synthetic", n)
        measure(
            f"synthetic site ({n} services + EN)",
            synthetic,
            synthetic / "content/services/leistung-00000.yaml",
            "leistungen/leistung-00000/",
            "leistungen/",
        )


if __name__ == "__main__":
    main()
