"""The service pages, written to disk as they are made: memory does not grow with them.

Each worker process takes a run of services and, for each, renders its pages
(``Renderer.pages_of``), wraps each in the theme (``ThemePages.html``), writes it with its
``.gz`` and ``.br`` copies, and sends back only a :class:`ServiceOutput`: the files it
wrote, the pages' addresses and language versions (for the sitemap) and the classes
they use (for trimming the theme's stylesheets). The parent holds the catalogue, the
routes and these records, never a page.

Workers are forked with the theme MkDocs set up (a fork copies the compiled templates
for free). Where the system cannot fork (Windows) the same work runs in this process:
as flat in memory, on one core.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from generator.content.schema import Service
from generator.infra.precompress import MIN_BYTES, compressed
from generator.infra.start_method import forks
from generator.infra.workers import iter_parallel
from generator.site.pages import Alternate, RenderedPage
from generator.writer.trim import page_classes

#: below this many services to write, starting processes costs more than it saves
PARALLEL_FROM = 40


class Wrapper(Protocol):
    """The theme around a page body (``mkdocs_adapter.theme_pages.ThemePages``)."""

    def html(self, page: RenderedPage) -> str: ...

    def dest(self, page: RenderedPage) -> str: ...


class ServiceRenderer(Protocol):
    """What makes a service's page bodies (``generator.site.render.Renderer``)."""

    catalogue: Any

    def pages_of(self, service: Service) -> list[RenderedPage]: ...


@dataclass(frozen=True)
class PageRecord:
    """What the build keeps of a written page: its address and its language versions."""

    url: str
    lang: str
    search: bool
    alternates: tuple[Alternate, ...]

    def to_json(self) -> list[Any]:
        alternates = [[a.lang, a.url, a.label, a.same] for a in self.alternates]
        return [self.url, self.lang, self.search, alternates]

    @classmethod
    def from_json(cls, data: list[Any]) -> PageRecord:
        url, lang, search, alternates = data
        return cls(url, lang, search, tuple(Alternate(*a) for a in alternates))


@dataclass(frozen=True)
class ServiceOutput:
    """What writing one service's pages made."""

    id: str
    #: the digest of everything its pages are made of (``manifest.py``)
    key: str
    #: site-relative paths of every file written: pages and their compressed copies
    files: tuple[str, ...]
    pages: tuple[PageRecord, ...]
    classes: frozenset[str]


def write_services(
    renderer: ServiceRenderer,
    theme: Wrapper,
    site: Path,
    todo: list[tuple[str, str]],
    workers: int,
) -> Iterator[ServiceOutput]:
    """Write the pages of the services ``todo`` (id, key) into ``site``, in their order."""
    if workers < 2 or len(todo) < PARALLEL_FROM or not forks():
        _start(renderer, theme, site)
        for item in todo:
            yield _write_service(*item)
        return
    chunks = [todo[start:end] for start, end in _runs(len(todo), workers, 32)]
    shared = _Shared()
    for outputs in iter_parallel(
        _write_chunk,
        chunks,
        workers,
        what="writing pages",
        initializer=_start,
        initargs=(renderer, theme, site),
    ):
        yield from map(shared.output, outputs)


def write_pages(
    theme: Wrapper, site: Path, pages: Sequence[RenderedPage], workers: int
) -> list[PageRecord]:
    """Write ``pages``, each with the theme, into ``site``; their records, in their order.
    Their compressed copies are left to the caller (they are the engine's files, which
    are compressed with the build cache)."""
    if workers < 2 or len(pages) < PARALLEL_FROM or not forks():
        _start_pages(theme, site, pages)
        return _write_pages((0, len(pages)))
    done = iter_parallel(
        _write_pages,
        _runs(len(pages), workers, 64),
        workers,
        what="writing pages",
        initializer=_start_pages,
        initargs=(theme, site, pages),
    )
    return [record for records in done for record in records]


def _runs(count: int, workers: int, most: int) -> list[tuple[int, int]]:
    """``count`` items as (start, end) runs of at most ``most``: eight a worker at least,
    so the workers end close together."""
    size = max(1, min(most, -(-count // (workers * 8))))
    return [(k, min(k + size, count)) for k in range(0, count, size)]


#: in a worker (or this process): what :func:`_write_pages` works with
_PAGES: tuple[Wrapper, Path, Sequence[RenderedPage]] | None = None


def _start_pages(theme: Wrapper, site: Path, pages: Sequence[RenderedPage]) -> None:
    global _PAGES
    _PAGES = (theme, site, pages)


def _write_pages(run: tuple[int, int]) -> list[PageRecord]:
    assert _PAGES is not None
    theme, site, pages = _PAGES
    records = []
    for page in pages[run[0] : run[1]]:
        path = site / theme.dest(page)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(theme.html(page).encode("utf-8", errors="xmlcharrefreplace"))
        records.append(PageRecord(page.url, page.lang, page.search, page.alternates))
    return records


class _Shared:
    """One object for equal parts of the records that come back from the workers, each
    unpickled as new objects: the services' sets of classes are few (a few hundred
    names each), a service's pages name the same language versions, and the languages'
    codes and names repeat on every page. The build keeps a record of every page."""

    def __init__(self) -> None:
        #: the few values shared across services: class sets, language codes and names
        self.seen: dict[Any, Any] = {}

    def _one(self, value: Any) -> Any:
        return self.seen.setdefault(value, value)

    def output(self, output: ServiceOutput) -> ServiceOutput:
        # a service's language versions: shared by its pages only (their addresses are
        # its own), so looked up in a table of this service's
        own: dict[Any, Any] = {}
        pages = tuple(
            PageRecord(
                p.url,
                self._one(p.lang),
                p.search,
                own.setdefault(
                    p.alternates,
                    tuple(own.setdefault(a, self._alternate(a)) for a in p.alternates),
                ),
            )
            for p in output.pages
        )
        return ServiceOutput(output.id, output.key, output.files, pages, self._one(output.classes))

    def _alternate(self, a: Alternate) -> Alternate:
        return Alternate(self._one(a.lang), a.url, self._one(a.label), a.same)


#: in a worker (or this process): what :func:`_write_service` works with
_STATE: tuple[ServiceRenderer, Wrapper, Path] | None = None


def _start(renderer: ServiceRenderer, theme: Wrapper, site: Path) -> None:
    global _STATE
    _STATE = (renderer, theme, site)


def _write_chunk(chunk: list[tuple[str, str]]) -> list[ServiceOutput]:
    return [_write_service(*item) for item in chunk]


def _write_service(service_id: str, key: str) -> ServiceOutput:
    assert _STATE is not None
    renderer, theme, site = _STATE
    files: list[str] = []
    records: list[PageRecord] = []
    classes: set[str] = set()
    for page in renderer.pages_of(renderer.catalogue.service(service_id)):
        html = theme.html(page)
        dest = theme.dest(page)
        data = html.encode("utf-8", errors="xmlcharrefreplace")
        path = site / dest
        path.parent.mkdir(parents=True, exist_ok=True)
        write_new(path, data)
        files.append(dest)
        if len(data) >= MIN_BYTES:
            gz, br = compressed(path, data)
            write_new(path.with_name(path.name + ".gz"), gz)
            write_new(path.with_name(path.name + ".br"), br)
            files += [dest + ".gz", dest + ".br"]
        classes |= page_classes(html)
        records.append(PageRecord(page.url, page.lang, page.search, page.alternates))
    return ServiceOutput(service_id, key, tuple(files), tuple(records), frozenset(classes))


def write_new(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` as a new file: the staging folder shares the previous
    site's unchanged files by hard link, and writing into one would change the live site."""
    with contextlib.suppress(FileNotFoundError):
        os.unlink(path)
    with open(path, "xb") as out:
        out.write(data)
