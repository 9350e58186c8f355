"""Build the site into a temporary folder and swap it in only when it is complete.

This is the one module that writes the output folder. A content error, a crash or a
SIGTERM half-way leaves the previous ``site/`` exactly as it was: the new site is built
beside it (same file system, so the final renames are cheap) and only a finished build is
moved into place.
"""

from __future__ import annotations

import logging
import shutil
import signal
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from generator.infra import precompress as compression
from generator.infra.clock import pin_source_date_epoch
from generator.infra.precompress import precompress
from generator.infra.workers import default_workers
from generator.pipeline import Bundle, Project
from generator.writer import mkdocs_adapter as engine
from generator.writer import swap
from generator.writer.manifest import manifest_path, project_inputs
from generator.writer.rebuild import rebuild

log = logging.getLogger("servicefinder.build")

#: the cache kinds a complete build uses; what it did not use is pruned after it
BUILD_CACHE_KINDS = ("render", "search", compression.KIND, "minified")


@dataclass(frozen=True)
class BuildStats:
    """What a build made: pages, and how many services came unchanged from the cache."""

    pages: int
    #: seconds in Servicefinder's own work (rendering, search index, trimming, compression)
    ours: float = 0.0
    #: service pages written, and files of the previous site removed (None: not counted)
    written: int | None = None
    removed: int | None = None


def build_site(
    project: Project, bundle: Bundle, site_dir: Path, *, strict: bool = False
) -> BuildStats:
    """Write ``bundle`` through the engine into a fresh folder next to ``site_dir``,
    precompress it, then swap it in. Raises :class:`EngineError` when the engine fails."""
    pin_source_date_epoch()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _terminate_as_exit(), swap.exclusive(site_dir):
        staging = Path(tempfile.mkdtemp(prefix=swap.staging_prefix(site_dir), dir=site_dir.parent))
        try:
            if bundle.services is not None:
                return _rebuild(project, bundle, staging, site_dir, strict=strict)
            stats = engine.build(project, bundle, staging, strict=strict)
            start = time.perf_counter()
            precompress(staging, bundle.cache, default_workers())
            compressing = time.perf_counter() - start
            bundle.cache.prune(BUILD_CACHE_KINDS)
            swap.swap_in(staging, site_dir)
            # the search index and lookup data are made before the engine starts
            made_before = bundle.timings.get("data", 0.0)
            return BuildStats(stats.pages, stats.ours + compressing + made_before)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


EngineError = engine.EngineError


def _rebuild(
    project: Project, bundle: Bundle, staging: Path, site_dir: Path, *, strict: bool
) -> BuildStats:
    """The service pages streamed, and only what changed written (writer/rebuild.py)."""
    start = time.perf_counter()
    stats, manifest = rebuild(project, bundle, staging, site_dir, strict=strict)
    ours = time.perf_counter() - start
    # the pages of services are kept by the manifest and the site itself, not as "render"
    # results: those stay for the preview, which renders from them
    bundle.cache.prune(kind for kind in BUILD_CACHE_KINDS if kind != "render")
    swap.swap_in(staging, site_dir)
    path = manifest_path(project.cache_dir, site_dir)
    if path is not None:
        manifest.inputs = project_inputs(project, bundle.today.isoformat(), strict)
        manifest.save(path)
    made_before = bundle.timings.get("data", 0.0)
    return BuildStats(stats.pages, ours + made_before, written=stats.written, removed=stats.removed)


@contextmanager
def _terminate_as_exit() -> Iterator[None]:
    """Turn SIGTERM into SystemExit so the staging folder is cleaned up on the way out."""

    def handler(signum: int, frame: object) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
