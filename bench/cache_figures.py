"""What each build cache saves: every stage timed with and without its cache.

The build keeps four kinds of results by content digest (``generator/infra/cache.py``):
parsed content files, rendered service pages, lunr indexes and compressed copies. A cache
earns its place only by a figure; this prints, for N synthetic services with English (the
same content a rebuild with nothing changed sees):

    stage          without cache   with cache (warm)   saved

Usage: ``python bench/cache_figures.py [N]`` (default 1000).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from synthetic import make_project

from generator.infra.cache import BuildCache
from generator.infra.clock import build_date
from generator.infra.precompress import precompress
from generator.pipeline import BuildOptions, Project, build_bundle, check_content
from generator.site.search_index import search_files


def timed(run: Callable[[], object]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def main(n: int) -> None:
    today = build_date()
    options = BuildOptions()
    with tempfile.TemporaryDirectory() as tmp:
        root = make_project(Path(tmp) / "project", n, english=True)
        project = Project.at(root)
        cold = Project.at(root, use_cache=False)
        catalogue, _ = check_content(cold, today, options)
        warm = BuildCache(project.cache_dir)
        # fill every cache once, as a first build does
        check_content(project, today, options, warm)
        bundle = build_bundle(project, today, options, catalogue=catalogue, cache=warm)
        pages = list(bundle.pages)
        site = Path(tmp) / "site"
        for page in pages:
            path = site / page.url / "index.html"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page.html, encoding="utf-8")
        for rel, text in bundle.data_files.items():
            (site / rel).parent.mkdir(parents=True, exist_ok=True)
            (site / rel).write_text(text, encoding="utf-8")
        precompress(site, warm, options.workers)
        warm.flush()

        def cache() -> BuildCache:
            return BuildCache(project.cache_dir)

        def render(c: BuildCache | None) -> None:
            where = project if c is not None else cold
            list(build_bundle(where, today, options, catalogue=catalogue, cache=c).pages)

        def compress(c: BuildCache | None) -> None:
            for copy in site.rglob("*.gz"):
                copy.unlink()
            precompress(site, c, options.workers)

        stages = [
            (
                "parse content files",
                lambda: check_content(cold, today, options),
                lambda: check_content(project, today, options, cache()),
            ),
            (
                "lunr indexes",
                lambda: search_files(catalogue),
                lambda: search_files(catalogue, cache()),
            ),
            ("render pages + data", lambda: render(None), lambda: render(cache())),
            ("compress .gz/.br", lambda: compress(None), lambda: compress(cache())),
        ]
        print(f"{n} services with English, {len(pages)} pages, {options.workers} workers")
        print(f"{'stage':<22} {'without':>9} {'with':>9} {'saved':>9}")
        for name, without, with_cache in stages:
            a, b = timed(without), timed(with_cache)
            print(f"{name:<22} {a:>8.2f}s {b:>8.2f}s {a - b:>8.2f}s")
        shutil.rmtree(site, ignore_errors=True)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
