"""Lighthouse on the built example site: mobile profile, Debian's Chromium, local only.

Usage: ``.venv/bin/python bench/lighthouse_figures.py`` (installs Lighthouse into
``bench/node_modules`` from ``bench/package-lock.json`` on first use). Builds the example
site, serves it on 127.0.0.1 and runs Lighthouse's default mobile profile (a mid-range
phone on a slow 4G connection, simulated: no request leaves the machine) on a service
page, its easy-language variant, the Arabic translation (right to left), the home page
and the search page. Prints scores and timings; asserts nothing.
"""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
LIGHTHOUSE = BENCH / "node_modules/.bin/lighthouse"
CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless --no-sandbox --disable-gpu --disable-background-networking"
PAGES = [
    "leistungen/hilfe-zum-lebensunterhalt/",
    "leistungen/hilfe-zum-lebensunterhalt/leichte-sprache/",
    "ar/services/hilfe-zum-lebensunterhalt/",
    "",
    "suche/",
]
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
    "total-byte-weight": "bytes",
}


class Host(SimpleHTTPRequestHandler):
    """Serves the precompressed copies as nginx's brotli_static/gzip_static would."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        accepted = self.headers.get("Accept-Encoding", "")
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            packed = path.with_name(path.name + suffix)
            if encoding in accepted and packed.is_file():
                body = packed.read_bytes()
                self.send_response(200)
                self.send_header("Content-Type", self.guess_type(str(path)))
                self.send_header("Content-Encoding", encoding)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
        super().do_GET()

    def log_message(self, format: str, *args: object) -> None:
        pass


def main() -> None:
    if not LIGHTHOUSE.exists():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=BENCH, check=True
        )
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        subprocess.run(
            [sys.executable, "-m", "generator.commands.cli", "build", "-d", str(site)],
            cwd=REPO,
            check=True,
            capture_output=True,
            env=env,
        )
        server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=site))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
        print(
            f"{'page':<56} {'perf':>4} {'a11y':>4} {'best':>4} {'seo':>4} | "
            + " ".join(f"{v:>7}" for v in METRICS.values())
        )
        for path in PAGES:
            report = Path(tmp) / "report.json"
            subprocess.run(
                [
                    str(LIGHTHOUSE),
                    base + path,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    "--chrome-flags=" + CHROME_FLAGS,
                    "--only-categories=performance,accessibility,best-practices,seo",
                ],
                check=True,
                env={**env, "CHROME_PATH": CHROMIUM},
            )
            data = json.loads(report.read_text())
            scores = [
                round(100 * data["categories"][c]["score"])
                for c in ("performance", "accessibility", "best-practices", "seo")
            ]
            values = []
            # bytes: as transferred, compressed (the bench serves the .br copies)
            for audit, label in METRICS.items():
                value = data["audits"][audit]["numericValue"]
                if label == "bytes":
                    values.append(f"{value / 1024:5.1f}KB")
                elif label == "CLS":
                    values.append(f"{value:7.3f}")
                else:
                    values.append(f"{value:5.0f}ms")
            failed = [
                a["id"]
                for a in data["audits"].values()
                if a.get("score") is not None
                and a["score"] < 0.9
                and a.get("scoreDisplayMode") == "binary"
            ]
            print(
                f"/{path:<55} "
                + " ".join(f"{s:>4}" for s in scores)
                + " | "
                + " ".join(f"{v:>7}" for v in values)
                + (f"\n    below 90: {', '.join(failed)}" if failed else "")
            )
        server.shutdown()
    print("\nmobile profile: Moto G Power class device, slow 4G, 4x CPU slowdown (simulated)")


if __name__ == "__main__":
    main()
