"""What a first search query downloads, on the example site and on synthetic catalogues of
1,000 and 10,000 services (issue 35: under 60 KB brotli at 10,000; the example no worse).

Usage: ``.venv/bin/python bench/search_shard_figures.py [N ...]`` (default 1000 10000).
Builds the example site once; for each N writes the German search index of N synthetic
services (``bench/search_scale.py``) into a copy of it, as the browser test does. Per query
a fresh page opens the German search page, types the query and presses Enter; every
request (page, styles, scripts, directory, shards) counts with its brotli size as the
build precompresses it. Prints figures; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synthetic import build, copy_example  # noqa: E402

from tests.browser.conftest import CHROMIUM_ARGS, chromium_path, served  # noqa: E402
from tests.browser.test_search_scale import brotli_bytes, scaled_site  # noqa: E402

QUERIES = [
    "Sozialhilfe",
    "Antrag",
    "Schuldnerberatung",
    "Wohngeld",
    "Hundesteuer",
    "Bescheinigungen",
    "Personalausweis verlängern",
    "Pflegegeld",
    "Kita Anmeldung",
    "wie bekomme ich Hilfe bei Schulden",
]


def measure(browser, site: Path, queries: list[str]) -> list[tuple[str, int, int, int]]:
    """Per query: brotli bytes in all, of which the search's own files, and requests."""
    out = []
    with served(site) as url:
        for query in queries:
            # the tests' injected waits need the page's policy bypassed (conftest._Browser)
            context = browser.new_context(bypass_csp=True)
            page = context.new_page()
            requests: list[str] = []
            page.on("request", lambda r, requests=requests: requests.append(r.url))
            page.goto(url + "suche/")
            page.wait_for_selector(".sf-search--ready")
            page.fill("#sf-q", query)
            page.press("#sf-q", "Enter")
            page.wait_for_function(
                "document.querySelector('[data-sf-count]').textContent.length > 0"
            )
            context.close()
            index = [r for r in requests if "/assets/search/" in r and r.endswith(".json")]
            out.append(
                (query, brotli_bytes(site, requests), brotli_bytes(site, index), len(requests))
            )
    return out


def report(label: str, rows: list[tuple[str, int, int, int]]) -> None:
    print(f"\n{label}: first query, KB brotli (all requests / of them the index's files)")
    for query, total, index, n in rows:
        print(f"  {query:<36} {total / 1024:6.1f} / {index / 1024:5.1f}  ({n} requests)")
    totals = [r[1] for r in rows]
    print(f"  median {statistics.median(totals) / 1024:.1f} KB, max {max(totals) / 1024:.1f} KB")


def main() -> None:
    sizes = [int(a) for a in sys.argv[1:]] or [1000, 10000]
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        example = build(copy_example(Path(tmp) / "example"))
        report("example site", measure(browser, example, QUERIES))
        for n in sizes:
            site = scaled_site(example, Path(tmp) / f"n{n}", n)
            report(f"{n:,} synthetic services (German)", measure(browser, site, QUERIES))
        browser.close()


if __name__ == "__main__":
    main()
