"""Sizes of the open-data exports and their share of the build time, at N synthetic services.

Usage: ``.venv/bin/python bench/open_data_figures.py [N]`` (default 1000; do not go beyond
1,000 on a shared machine). Builds a synthetic project (bench/synthetic.py) once without
the build cache, then times the export step (JSON feed, its schema, HSDS 3.0, robots.txt)
on its own, the same call the build makes. Prints figures, asserts nothing.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import brotli

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from synthetic import make_project  # noqa: E402

from generator.commands.build import build_site  # noqa: E402
from generator.content.catalogue import load_catalogue  # noqa: E402
from generator.site.exports import export_files  # noqa: E402
from generator.site.findability import sitemap_xml  # noqa: E402

SITE_URL = "https://servicefinder.example.org/"


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    with tempfile.TemporaryDirectory() as tmp:
        project = make_project(Path(tmp) / "p", n)
        start = time.perf_counter()
        stats = build_site(project / "mkdocs.yml", project / "site", use_cache=False)
        build = time.perf_counter() - start
        catalogue, _ = load_catalogue(project / "content", root=project)
        runs = []
        for _ in range(3):
            start = time.perf_counter()
            files = export_files(catalogue, date(2025, 11, 22), SITE_URL)
            runs.append(time.perf_counter() - start)
        export = statistics.median(runs)
        print(
            f"services: {len(catalogue.services)}, authorities: {len(catalogue.authorities)}, "
            f"pages: {stats.pages}"
        )
        print(f"full build (no cache):   {build:.2f} s")
        print(f"export step (median/3):  {export:.2f} s = {export / build:.1%} of the build")
        print(f"{'file':<42} {'raw KB':>9} {'gzip KB':>9} {'brotli KB':>10}")
        total = 0
        for path, text in sorted(files.items()):
            data = text.encode("utf-8")
            total += len(data)
            print(
                f"{path:<42} {len(data) / 1024:9.0f} {len(gzip.compress(data, 9)) / 1024:9.0f} "
                f"{len(brotli.compress(data)) / 1024:10.0f}"
            )
        print(f"{'all exports':<42} {total / 1024:9.0f}")
        pages = _pages(project)
        start = time.perf_counter()
        sitemap = sitemap_xml(pages, SITE_URL, "de")
        print(
            f"sitemap.xml (with site_url): {len(sitemap.encode()) / 1024:.0f} KB raw, "
            f"{len(pages)} pages, made in {time.perf_counter() - start:.3f} s"
        )


def _pages(project: Path) -> list:
    """The rendered pages' metadata (url, language, alternates), as the build has them."""
    from generator.infra.clock import build_date
    from generator.site.render import render_site

    catalogue, _ = load_catalogue(project / "content", root=project)
    return render_site(project / "templates", catalogue, build_date(), workers=2)


if __name__ == "__main__":
    main()
