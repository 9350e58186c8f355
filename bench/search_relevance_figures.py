"""Relevance of the site search on both relevance sets, measured in Chromium.

Usage: ``.venv/bin/python bench/search_relevance_figures.py``. Builds the example site,
serves it on 127.0.0.1, runs every query of ``tests/search_relevance.yaml`` and
``tests/search_relevance_everyday.yaml`` through the real search.js and prints
precision at 1 and 3, the false-hit rate and the queries that missed. Asserts nothing.
"""

from __future__ import annotations

import functools
import http.server
import sys
import tempfile
import threading
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synthetic import build, copy_example  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path  # noqa: E402
from tests.browser.relevance import evaluate, load_cases  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    from playwright.sync_api import sync_playwright

    first = load_cases(REPO / "tests/search_relevance.yaml")
    for case in first:  # the first set names one service per query
        case["expect"] = [case["expect"]]
    sets = {
        "first set (tests/search_relevance.yaml)": first,
        "everyday set (tests/search_relevance_everyday.yaml)": load_cases(
            REPO / "tests/search_relevance_everyday.yaml"
        ),
    }
    with tempfile.TemporaryDirectory() as tmp:
        site = build(copy_example(Path(tmp) / "example"))
        server = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site))
        )
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}/"
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            for label, cases in sets.items():
                figures = evaluate(page, base, cases)
                print(f"{label}\n  {figures.report()}")
                for query, found in figures.misses:
                    print(f"  missed: {query!r} -> {found}")
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
