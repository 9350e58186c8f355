"""Build a site and print build time and the whole first visit of each page type.

Usage: ``.venv/bin/python bench/site_figures.py [N]``: the example site, or with ``N`` a
synthetic site of N services (``bench/synthetic.py``; at most 1,000 on shared machines).

A first visit is every request a page makes with an empty cache, as a real browser makes
them: the site is served on 127.0.0.1 and Debian's headless Chromium loads each page
(Playwright records every request, scripts run, nothing is clicked). The icons a page
links are counted even when headless Chromium does not ask for them. Each response is
counted at the size the build's precompressed copy has (``.br``, ``.gz``), or compressed
here at the same levels for files without one. Prints figures, asserts nothing: speed and
size goals are tracked here, not in the test suite.
"""

from __future__ import annotations

import functools
import gzip
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from generator.commands.build import build_site  # noqa: E402
from generator.infra.precompress import compressed  # noqa: E402
from generator.pipeline import BuildOptions, Project, build_bundle  # noqa: E402

CHROMIUM = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
#: page type -> a page of that type (the synthetic site's first service stands in)
PAGES = {
    "service": "leistungen/{service}/",
    "easy": "leistungen/{service}/leichte-sprache/",
    "home": "",
    "A-Z": "leistungen/",
    "search": "suche/",
    "my offices": "meine-stellen/",
}
_ICON = re.compile(r'<link rel="icon" href="([^"]+)"')


def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    with tempfile.TemporaryDirectory() as tmp:
        root = REPO
        if n:
            from synthetic import make_project

            root = make_project(Path(tmp) / "project", n)
            # the synthetic content is dated for this day (as bench/scale_figures.py)
            os.environ.setdefault("SOURCE_DATE_EPOCH", "1763769600")
        project = Project.at(root, use_cache=False)
        times = []
        site = Path(tmp) / "site"
        from generator.infra.clock import build_date

        for _ in range(1 if n else 3):
            start = time.perf_counter()
            bundle = build_bundle(project, build_date(), BuildOptions())
            build_site(project, bundle, site)
            times.append(time.perf_counter() - start)
        pages = sorted(site.rglob("index.html"))
        print(f"services:                      {n or 'example site'}")
        print(f"pages:                         {len(pages)}")
        print(f"build time (median):           {statistics.median(times):.2f} s")
        service = "hilfe-zum-lebensunterhalt"
        if n:
            first = sorted((site / "leistungen").iterdir())
            service = next(p.name for p in first if (p / "leichte-sprache").is_dir())
        report(site, {k: v.format(service=service) for k, v in PAGES.items()})


def report(site: Path, pages: dict[str, str]) -> None:
    """Print each page type's first visit: requests, brotli and gzip bytes, and the part
    beyond the HTML."""
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"{'first visit':<14}{'requests':>9}{'brotli':>10}{'gzip':>10}   largest parts (brotli)")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for kind, url in pages.items():
                if not (site / url / "index.html").is_file():
                    continue
                page = browser.new_page()
                requested: list[str] = []
                page.on("request", lambda r, seen=requested: seen.append(r.url))
                page.goto(base + url, wait_until="networkidle")
                page.close()
                paths = [unquote(urlsplit(u).path).lstrip("/") for u in requested]
                html = (site / url / "index.html").read_text(encoding="utf-8")
                for href in _ICON.findall(html):
                    icon = _resolve(url, href)
                    if icon not in paths:
                        paths.append(icon)
                parts = [(path, *_sizes(site, path)) for path in dict.fromkeys(paths)]
                br = sum(b for _, b, _ in parts)
                gz = sum(g for _, _, g in parts)
                top = sorted(parts, key=lambda x: -x[1])[:4]
                names = ", ".join(f"{_short(p)} {b / 1024:.1f}" for p, b, _ in top)
                print(f"{kind:<14}{len(parts):>9}{br / 1024:>8.1f}KB{gz / 1024:>8.1f}KB   {names}")
            browser.close()
    finally:
        server.shutdown()


def _resolve(page_url: str, href: str) -> str:
    parts = [p for p in page_url.split("/") if p]
    for segment in href.split("/"):
        if segment == "..":
            parts.pop()
        elif segment and segment != ".":
            parts.append(segment)
    return "/".join(parts)


def _sizes(site: Path, path: str) -> tuple[int, int]:
    """Bytes on the wire with brotli and with gzip: the build's copies where it made them."""
    file = site / path
    if file.is_dir() or path == "" or path.endswith("/"):
        file = file / "index.html"
    if not file.is_file():
        return 0, 0
    data = file.read_bytes()
    br = file.with_name(file.name + ".br")
    gz = file.with_name(file.name + ".gz")
    return (
        len(br.read_bytes()) if br.is_file() else len(compressed(file, data)[1]),
        len(gz.read_bytes()) if gz.is_file() else len(gzip.compress(data, 9)),
    )


def _short(path: str) -> str:
    name = path.rsplit("/", 1)[-1] or "index.html"
    return "html" if name == "" or name == "index.html" or "." not in name else name


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


if __name__ == "__main__":
    main()
