"""Build the example site and print build time and page weights.

Usage: ``.venv/bin/python bench/site_figures.py``. Prints figures, asserts nothing: speed
and size goals are tracked here, not in the test suite.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from generator.engine.build import build_site  # noqa: E402


def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    times = []
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(3):
            start = time.perf_counter()
            build_site(REPO / "mkdocs.yml", Path(tmp) / "site")
            times.append(time.perf_counter() - start)
        site = Path(tmp) / "site"
        pages = sorted(site.rglob("index.html"))
        sizes = {p.relative_to(site).as_posix(): p.read_bytes() for p in pages}
        service = sizes["leistungen/hilfe-zum-lebensunterhalt/index.html"]
        assets = {
            p.relative_to(site).as_posix(): p.read_bytes()
            for p in site.rglob("*")
            if p.suffix in {".css", ".js"} and "lunr/min" not in p.as_posix()
        }
        print(f"pages:                         {len(pages)}")
        print(f"build time (median of 3):      {statistics.median(times):.2f} s")
        print(
            f"build time per page:           {statistics.median(times) / len(pages) * 1000:.0f} ms"
        )
        print(
            f"service page HTML:             {len(service) / 1024:.1f} KB raw, "
            f"{len(gzip.compress(service)) / 1024:.1f} KB gzip"
        )
        raw = sum(len(b) for b in sizes.values())
        print(f"all pages HTML:                {raw / 1024:.0f} KB raw")
        for name, data in sorted(assets.items()):
            if "servicefinder" in name or "bundle" in name or "main." in name:
                print(
                    f"{name:<50} {len(data) / 1024:6.1f} KB raw "
                    f"{len(gzip.compress(data)) / 1024:6.1f} KB gzip"
                )


if __name__ == "__main__":
    main()
