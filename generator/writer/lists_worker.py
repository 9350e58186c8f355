"""The preview's lists, made in a second process so that a save never waits for them.

After a quick preview build (``generator.writer.incremental``) the pages that list every
service (A–Z, topics, the lists of each language, offices, authorities, dashboard) and the
data files (search index, exports) are stale. Making them takes seconds at 1,000
services. Made in a thread of the preview's own process they shared one interpreter with
the next save's build and slowed it to several seconds; made here they run on a core of
their own. The process keeps its own content memo, so after its first request it reads
and checks only what changed, like the preview does. A save while it works stops it at
the next page or document (:meth:`ListsWorker.cancel`): the lists would be stale already.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from generator.content.model import Catalogue
from generator.infra.cache import BuildCache
from generator.infra.errors import ContentError
from generator.infra.memo import ContentMemo
from generator.pipeline import BuildOptions, Project, build_bundle, check_content, site_data_files
from generator.site.pages import RenderedPage


@dataclass
class Lists:
    """Every page but the services' own, and every data file."""

    pages: dict[str, RenderedPage]
    data_files: dict[str, str | bytes]
    #: the generated files' paths the pages link to (the search index is named by its bytes)
    page_assets: dict[str, str] = field(default_factory=dict)
    #: the preview's count of builds these were made after (``PreviewSession``)
    generation: int = 0


def make_lists(
    project: Project,
    catalogue: Catalogue,
    today: date,
    site_url: str | None,
    checkpoint: Callable[[], None] = lambda: None,
) -> Lists:
    """The lists of ``catalogue``: the whole bundle without a single service page."""
    cache = BuildCache(project.cache_dir)
    bundle = build_bundle(
        project,
        today,
        BuildOptions(workers=1),
        catalogue=catalogue,
        cache=cache,
        reuse={s.id: [] for s in catalogue.services},
        checkpoint=checkpoint,
    )
    pages = {}
    for page in bundle.pages:
        checkpoint()
        pages[page.src_uri] = page
    cache.flush()
    checkpoint()
    return Lists(pages, site_data_files(bundle, site_url), bundle.page_assets)


class ListsWorker:
    """The second process, started on the first request and kept for the session."""

    def __init__(self, project: Project) -> None:
        self.project = project
        # a fresh interpreter: forking would copy the preview server's threads and locks
        self._context = multiprocessing.get_context("spawn")
        self._stop = self._context.Event()
        self._process: Any = None
        self._conn: multiprocessing.connection.Connection | None = None

    def make(self, today: date, site_url: str | None) -> Lists | None:
        """The lists of the content as it is on disk now; None when a save stopped them,
        the content is broken, or the process ended."""
        if self._process is None or not self._process.is_alive():
            self._start()
        assert self._conn is not None
        self._stop.clear()
        try:
            self._conn.send((today, site_url))
            result: Lists | None = self._conn.recv()
        except (EOFError, OSError):
            self.close()
            return None
        return result

    def cancel(self) -> None:
        """A save: what is being made is stale; stop at the next page or document."""
        self._stop.set()

    def close(self) -> None:
        if self._conn is not None:
            with contextlib.suppress(OSError):  # it ended already
                self._conn.send(None)
            self._conn.close()
        if self._process is not None:
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.terminate()
        self._process, self._conn = None, None

    def _start(self) -> None:
        ours, theirs = self._context.Pipe()
        self._process = self._context.Process(
            target=_serve,
            args=(theirs, self.project, self._stop),
            name="servicefinder-lists",
            daemon=True,  # ends with the preview
        )
        self._process.start()
        theirs.close()
        self._conn = ours


class _Stopped(Exception):
    """A save made the lists being made stale."""


def _serve(conn: multiprocessing.connection.Connection, project: Project, stop: Any) -> None:
    """The second process: one set of lists per request, until the preview ends."""
    memo = ContentMemo()
    preview = multiprocessing.parent_process()

    def checkpoint() -> None:
        # a preview that ended without a word (killed) leaves nobody to wait for this
        if stop.is_set() or (preview is not None and not preview.is_alive()):
            raise _Stopped

    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        today, site_url = request
        result: Lists | None
        try:
            cache = BuildCache(project.cache_dir)
            options = BuildOptions(workers=1)
            catalogue, _ = check_content(project, today, options, cache, memo)
            memo.fresh = set()
            checkpoint()
            result = make_lists(project, catalogue, today, site_url, checkpoint)
        except (ContentError, _Stopped):  # the preview's banner says what is broken
            result = None
        try:
            conn.send(result)
        except OSError:  # the preview has ended
            return
