"""The whole build as one function: a project folder and a date in, a :class:`Bundle` out.

    content files --load/validate--> Catalogue --views/render--> pages + data files

Every stage is a function from data to data in its own package (``content``, ``places``,
``site``); nothing here imports the engine that writes the pages out. The command line
calls :func:`check_content` and :func:`build_bundle` once each, with "today" computed once
and passed down, then hands the bundle to the engine (``generator.writer``), whose MkDocs
adapter is the only code that knows MkDocs and Material.

MkDocs 1.x needs every page's address before it writes the first one, so the adapter
collects :attr:`Bundle.pages`; the pages themselves are produced lazily, one service at a
time, so an engine that writes as it goes never holds the whole site in memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from generator.content.catalogue import load_catalogue
from generator.content.model import Catalogue
from generator.infra.cache import BuildCache
from generator.infra.errors import ContentError, Problem
from generator.infra.memo import ContentMemo
from generator.infra.project import Project
from generator.infra.spool import scratch_folder
from generator.infra.start_method import forks
from generator.infra.streamed import Streamed, texts
from generator.infra.workers import default_workers, run_parallel
from generator.site.assets import site_assets
from generator.site.branding import BrandingFiles, branding_files
from generator.site.easy_words import lookup_word_files
from generator.site.exports import export_streams
from generator.site.findability import robots_files
from generator.site.lookup_data import lookup_files
from generator.site.pages import RenderedPage
from generator.site.render import Renderer
from generator.site.search_index import search_files


@dataclass(frozen=True)
class BuildOptions:
    strict: bool = False
    #: processes that render service pages; the preview renders in one (see render.py)
    workers: int = field(default_factory=default_workers)
    #: leave the service pages out of :attr:`Bundle.pages`: the writer renders and writes
    #: each of them itself, in its own worker processes (``generator/writer/stream.py``)
    services_apart: bool = False


@dataclass
class Bundle:
    """Everything the site consists of, before an engine adds its theme and writes it."""

    catalogue: Catalogue
    #: the pages, in a stable order, made as they are consumed (one pass)
    pages: Iterator[RenderedPage]
    #: site path -> text, for generated data files (search index, lookup data, scripts);
    #: those made in worker processes are read from where they left them (Streamed)
    data_files: dict[str, str | Streamed]
    #: the cache the stages read and wrote; the engine prunes it once the site is written
    cache: BuildCache
    #: the day amounts and freshness were evaluated on
    today: date
    #: logo, icons and colours from site.yaml: binary files (site path -> bytes) and the
    #: values the page shell reads
    branding: BrandingFiles
    #: logical path of a stylesheet or script -> its content-hashed name (data_files)
    asset_names: dict[str, str] = field(default_factory=dict)
    #: seconds spent per stage, for the build's report and the benchmarks
    timings: dict[str, float] = field(default_factory=dict)
    #: the generated files' paths the pages link to (what the renderer was given), so the
    #: preview can render a few pages again without making the data files again
    page_assets: dict[str, str] = field(default_factory=dict)
    #: with ``services_apart``: the renderer the writer asks for each service's pages
    services: Renderer | None = None


def check_content(
    project: Project,
    today: date,
    options: BuildOptions,
    cache: BuildCache | None = None,
    memo: ContentMemo | None = None,
) -> tuple[Catalogue, list[Problem]]:
    """Load and validate the content: the catalogue and its warnings and notices.

    Raises :class:`~generator.infra.errors.ContentError` with every problem found when there is
    an error (or a warning, with ``options.strict``).

    With workers, the check runs in a process of its own that hands back the catalogue
    (packed: a sixth of its objects' size). What the check went through on the way (every
    file's parse, its documents, the objects each service was validated as) never
    occupies this process, whose memory every worker forked later starts from. The
    catalogue's packed services and translations come back in files (``shelf.py``:
    ``Shelf.from_packed``), read by position: neither this process nor any worker forked from
    it holds them (160 MB at 10,000 services), and only their positions cross the pipe.
    The files are removed when this process ends. The preview (``memo``) checks a few
    files at a time and stays in its process.
    """
    cache = cache or BuildCache(project.cache_dir)
    if memo is not None or options.workers < 2 or not forks() or not _large(project):
        return _checked(project, today, options, cache, memo)
    cache.flush()  # no writer thread may hold a lock when the process forks
    spill = scratch_folder("servicefinder-catalogue-")
    [(outcome, problems, used, hits, misses)] = run_parallel(
        _check_apart, [(project, today, options, cache.folder, spill)], 1, what="content check"
    )
    for kind, keys in used.items():
        for key in keys:
            cache.claim(kind, key)
    cache.hits += hits
    cache.misses += misses
    if outcome is None:
        raise ContentError(problems)
    return outcome, problems


#: from this many service files on, the content is checked in a process of its own
CHECK_APART_FROM = 1000


def _large(project: Project) -> bool:
    services = project.content_dir / "services"
    return services.is_dir() and sum(1 for _ in services.glob("*.yaml")) >= CHECK_APART_FROM


def _checked(
    project: Project,
    today: date,
    options: BuildOptions,
    cache: BuildCache,
    memo: ContentMemo | None = None,
    spill: Path | None = None,
) -> tuple[Catalogue, list[Problem]]:
    return load_catalogue(
        project.content_dir,
        root=project.root,
        strict=options.strict,
        today=today,
        cache=cache,
        pages_dir=project.pages_dir,
        memo=memo,
        workers=options.workers,
        spill=spill,
    )


def _check_apart(
    job: tuple[Project, date, BuildOptions, Path | None, Path],
) -> tuple[Catalogue | None, list[Problem], dict[str, set[str]], int, int]:
    """In the check's own process: the catalogue (None when the content has errors),
    its packed objects moved to files in ``spill``, the problems, and what the check
    used of the build cache, for the caller's cache."""
    project, today, options, folder, spill = job
    cache = BuildCache(folder)
    try:
        catalogue, problems = _checked(project, today, options, cache, spill=spill)
    except ContentError as exc:
        catalogue, problems = None, exc.problems
    cache.flush()
    return catalogue, problems, cache.used, cache.hits, cache.misses


def build_bundle(
    project: Project,
    today: date,
    options: BuildOptions,
    *,
    catalogue: Catalogue | None = None,
    cache: BuildCache | None = None,
    reuse: Mapping[str, list[RenderedPage]] | None = None,
    checkpoint: Callable[[], None] = lambda: None,
) -> Bundle:
    """The site's pages and data files; ``catalogue`` when the content was checked already,
    ``reuse`` the pages of services known to be current (service id -> its pages).

    ``checkpoint`` is called between units of work: the preview's second process stops
    there when a save made its work stale (``generator/writer/lists_worker.py``)."""
    cache = cache or BuildCache(project.cache_dir)
    timings: dict[str, float] = {}
    start = time.perf_counter()
    if catalogue is None:
        catalogue, _ = check_content(project, today, options, cache)
        timings["check"] = time.perf_counter() - start
        start = time.perf_counter()
    lookup = lookup_files(catalogue)
    checkpoint()
    branding = branding_files(catalogue.site, project.content_dir)
    words = lookup_word_files(catalogue.site.languages, catalogue.site.language)
    own = site_assets(project.override_dirs, {**branding.text_files, **words}, cache)
    # the manifest: logical path of a stylesheet or script -> its hashed name
    assets = {"lookup": lookup.manifest, **own.names}
    renderer = Renderer(
        project.template_dirs,
        catalogue,
        today,
        assets,
        cache=cache,
        workers=options.workers,
        reuse=reuse,
    )
    # the services render in worker processes while this one makes the search index;
    # only the search pages, rendered here later, name its files
    renderer.services_apart = options.services_apart
    if not options.services_apart:
        renderer.start()
    # with the services apart nothing else runs now, so the languages' indexes are made
    # side by side; otherwise the services' workers have the other cores
    search_workers = options.workers if options.services_apart else 1
    search = search_files(catalogue, cache, checkpoint, workers=search_workers)
    checkpoint()
    for lang in search.index:
        assets[f"search_index_{lang}"] = search.index[lang]
        assets[f"search_docs_{lang}"] = search.docs[lang]
    renderer.assets.update(assets)
    data_files: dict[str, str | Streamed] = {**lookup.files, **search.files, **own.files}
    timings["data"] = time.perf_counter() - start
    return Bundle(
        catalogue=catalogue,
        pages=_timed(renderer.pages(), timings, "render"),
        data_files=data_files,
        cache=cache,
        today=today,
        branding=branding,
        asset_names=own.names,
        timings=timings,
        page_assets=assets,
        services=renderer if options.services_apart else None,
    )


def site_data_files(bundle: Bundle, site_url: str | None) -> dict[str, str | bytes]:
    """Every data file of the site: the bundle's, those that name the site's address, and
    the branding's images."""
    return texts(site_data_streams(bundle, site_url))


def site_data_streams(bundle: Bundle, site_url: str | None) -> dict[str, str | bytes | Streamed]:
    """:func:`site_data_files`, those that hold every service made as they are written
    (``infra/streamed.py``): a build writes them; the preview wants their text."""
    return {
        **bundle.data_files,
        **published_files(bundle, site_url),
        **bundle.branding.binary_files,
    }


def published_files(bundle: Bundle, site_url: str | None) -> dict[str, str | Streamed]:
    """Files that carry the site's public address where it is known: the open-data
    exports (JSON feed, HSDS) and robots.txt. The engine knows ``site_url``."""
    return {
        **export_streams(bundle.catalogue, bundle.today, site_url),
        **robots_files(site_url),
    }


def _timed(pages: Iterator[RenderedPage], timings: dict[str, float], name: str):
    """Pass ``pages`` through, adding the time spent making them to ``timings[name]``."""
    while True:
        start = time.perf_counter()
        try:
            page = next(pages)
        except StopIteration:
            return
        finally:
            timings[name] = timings.get(name, 0.0) + time.perf_counter() - start
        yield page
