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
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from generator.clock import pin_source_date_epoch
from generator.content.model import Catalogue
from generator.engine import swap

log = logging.getLogger("servicefinder.build")


def build_site(
    config_file: Path,
    site_dir: Path,
    *,
    strict: bool = False,
    checked: tuple[Path, Catalogue] | None = None,
    use_cache: bool = True,
) -> BuildStats:
    """Build with MkDocs into a fresh folder next to ``site_dir``, then swap it in.

    ``checked`` is a content folder and the catalogue already validated from it; the
    plugin uses it instead of reading and validating the same files a second time.
    MkDocs builds "dirty" into the empty folder: it then skips exactly the pages the
    plugin took from the build cache (``use_cache=False`` makes every page afresh).
    """
    pin_source_date_epoch()
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _terminate_as_exit(), swap.exclusive(site_dir):
        staging = Path(tempfile.mkdtemp(prefix=swap.staging_prefix(site_dir), dir=site_dir.parent))
        try:
            config = load_config(config_file=str(config_file), site_dir=str(staging), strict=strict)
            _hand_over(config, checked, use_cache)
            mkdocs_build(config, dirty=True)
            swap.swap_in(staging, site_dir)
            return _stats(config)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)


@dataclass(frozen=True)
class BuildStats:
    """What a build made: pages, and how many came unchanged from the build cache."""

    pages: int
    reused: int
    #: seconds in Servicefinder's own events (rendering, search index, compression ...)
    ours: float = 0.0


def _stats(config: Any) -> BuildStats:
    plugin = config.plugins.get("servicefinder")
    if plugin is None:
        return BuildStats(0, 0)
    return BuildStats(
        len(plugin.page_files),
        sum(f.stored for f in plugin.page_files),
        sum(plugin.timings.values()),
    )


def _hand_over(config: Any, checked: tuple[Path, Catalogue] | None, use_cache: bool) -> None:
    """Give the plugin the validated catalogue, if it reads the same content folder.

    MkDocs keeps one plugin instance per process (it defines ``on_startup``), so whatever
    an earlier build in this process left in it is reset here.
    """
    plugin = config.plugins.get("servicefinder")
    if plugin is None:
        return
    plugin.use_cache = use_cache
    plugin.preloaded = None
    plugin.timings = {}
    plugin.in_place = {}
    if checked is None:
        return
    content_dir, catalogue = checked
    if plugin.content_dir(config).resolve() == content_dir.resolve():
        plugin.preloaded = catalogue


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
