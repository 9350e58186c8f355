"""Search index size and time to first results in Chromium.

Usage: ``.venv/bin/python bench/search_figures.py [N]`` (N synthetic services, default
1000, each with an English translation). Prints figures; asserts nothing. Budget from the
issue: at most 300 KB gzipped before the first result for 1,000 services, and results in
under 300 ms once the index is loaded; and the whole search session (every request of the
search page until its first result, brotli as served) within 10 % of 34 KB for the example's
German search (issue 32).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import re
import shutil
import statistics
import sys
import tempfile
import threading
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synthetic import build, copy_example, make_project  # noqa: E402

from generator.infra.precompress import compressed  # noqa: E402


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def brotli_size(site: Path, url: str) -> int:
    """What a server sending the site's precompressed files sends for ``url``."""
    path = site / unquote(urlsplit(url).path).lstrip("/")
    if path.is_dir():
        path = path / "index.html"
    if not path.is_file():
        return 0
    copy = path.with_name(path.name + ".br")
    if copy.is_file():
        return copy.stat().st_size
    return len(compressed(path, path.read_bytes())[1])


def report(label: str, site: Path, queries: list[str]) -> None:
    search = site / "assets" / "search"
    needed = [
        *search.glob("index-de.*.json"),
        *search.glob("docs-de.*.json"),
        # the scripts by their hashed names (generator/site/assets.py)
        *(p for p in search.glob("lunr.*.js") if re.fullmatch(r"lunr\.[0-9a-f]{10}\.js", p.name)),
        *search.glob("lunr.stemmer.support.*.js"),
        *search.glob("lunr.de.*.js"),
        *(site / "assets").glob("search.*.js"),
    ]
    print(f"\n{label}")
    for path in needed:
        print(
            f"  {path.name:<32} {path.stat().st_size / 1024:8.1f} KB raw "
            f"{gz(path) / 1024:7.1f} KB gzip"
        )
    total = sum(gz(p) for p in needed)
    print(f"  downloaded before the first result: {total / 1024:.1f} KB gzip")

    handler = functools.partial(_Quiet, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/suche/"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium",
            args=["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        first, query, session = [], [], []
        for q in queries:
            page = browser.new_page()
            requested: list[str] = []
            page.on("request", lambda r, requested=requested: requested.append(r.url))
            page.goto(f"{base}?q={q}")
            page.wait_for_selector("[data-sf-results] a, [data-sf-empty]:not([hidden])")
            first.append(page.evaluate("performance.now()"))
            session.append(sum(brotli_size(site, url) for url in requested))
            query.append(
                page.evaluate(
                    """(q) => {
                const input = document.querySelector('#sf-q');
                input.value = q;
                const start = performance.now();
                input.form.requestSubmit();
                return performance.now() - start;
            }""",
                    q,
                )
            )
            page.close()
        browser.close()
    server.shutdown()
    print(
        f"  search session to the first result (page, styles, scripts, index and data, as "
        f"the site's .br files): {statistics.median(session) / 1024:.1f} KB brotli"
    )
    print(
        f"  first results after navigation (median of {len(queries)} queries): "
        f"{statistics.median(first):.0f} ms; one query on the loaded index: "
        f"{statistics.median(query):.1f} ms (max {max(query):.1f} ms)"
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    queries = [
        "Sozialhilfe",
        "Antrag",
        "Schuldnerberatung",
        "Wohngeld",
        "Hundesteuer",
        "Bescheinigungen",
        "Personalausweis",
        "Pflegegeld",
        "Kita",
        "Reisepass",
    ]
    with tempfile.TemporaryDirectory() as tmp:
        report("example site", build(copy_example(Path(tmp) / "example")), queries)
        synthetic = make_project(Path(tmp) / "synthetic", n)
        report(f"synthetic site, {n} services with English translations", build(synthetic), queries)


if __name__ == "__main__":
    main()
