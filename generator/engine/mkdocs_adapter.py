"""The MkDocs plugin: content in, pages out, through MkDocs' documented events only.

``on_config`` loads and validates (so a content error stops the build before MkDocs cleans
the output folder), ``on_files`` adds every rendered page as a generated file, and
``on_page_content`` hands MkDocs the finished HTML, so Python-Markdown never re-reads it.

With the build cache, ``on_nav`` looks up every page's finished output by the digest of
all it is made of (its HTML, front matter and URL, the theme, the configuration, the
navigation) and puts the stored output in place; MkDocs, building "dirty", then skips
exactly those pages, and ``on_post_build`` stores the pages it did build.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import re
import time
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.engine.cache import DEFAULT_FOLDER, BuildCache, code_digest, digest, folder_digest
from generator.content.catalogue import load_catalogue
from generator.clock import build_date, pin_source_date_epoch
from generator.errors import ContentError
from generator.places.lookup_data import LookupFiles, lookup_files
from generator.content.model import Catalogue
from generator.engine.precompress import precompress
from generator.engine.published import refuse_unsafe_sources, safe_page_html
from generator.site.render import RenderedPage, default_workers, render_site
from generator.site.search_index import lunr_scripts, search_files
from generator.engine.trim import UNUSED_THEME_FILES, trim_site

log = logging.getLogger("mkdocs.plugins.servicefinder")


F = TypeVar("F", bound=Callable[..., Any])


def _timed(method: F) -> F:
    """Add the time an event takes to ``self.timings``: our share of a build, measured."""

    @wraps(method)
    def wrapper(self: ServicefinderPlugin, *args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(self, *args, **kwargs)
        finally:
            name = method.__name__
            self.timings[name] = self.timings.get(name, 0.0) + time.perf_counter() - start

    return wrapper  # type: ignore[return-value]


class ServicefinderConfig(base.Config):
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="templates")
    #: where results of earlier builds are kept by content digest; "" switches it off
    cache_dir = c.Type(str, default=DEFAULT_FOLDER)


class ServicefinderPlugin(BasePlugin[ServicefinderConfig]):
    def __init__(self) -> None:
        self.pages: dict[str, RenderedPage] = {}
        self.lookup = LookupFiles("", {})
        self.data_files: dict[str, str] = {}
        self.root = Path.cwd()
        #: a catalogue `servicefinder build` has validated (and reported) already
        self.preloaded: Catalogue | None = None
        #: during `serve`: problems of the last edit, shown in every page until fixed
        self.serving = False
        self.problems: list = []
        #: False for `servicefinder build --no-cache`
        self.use_cache = True
        self.cache = BuildCache(None)
        self.page_files: list[PageFile] = []
        #: during `serve`: which stored output each page file in the site folder holds
        self.in_place: dict[str, str] = {}
        self.all_pages: set[str] = set()
        #: seconds spent in each event, for the build's report and the benchmarks
        self.timings: dict[str, float] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance across `serve` rebuilds (MkDocs 1.4+),
        so a broken edit can fall back to the last good pages."""
        self.serving = command == "serve"

    def content_dir(self, config: Any) -> Path:
        return _project_root(config) / self.config.content_dir

    @_timed
    def on_config(self, config: Any) -> Any:
        pin_source_date_epoch()
        _quiet_dirty_warning()
        self.root = _project_root(config)
        folder = self.config.cache_dir
        self.cache = BuildCache(self.root / folder if folder and self.use_cache else None)
        catalogue = self.preloaded
        if catalogue is None:
            try:
                catalogue, warnings = load_catalogue(
                    self.content_dir(config), root=self.root, cache=self.cache
                )
            except ContentError as exc:
                if not (self.serving and self.pages):
                    raise PluginError(exc.report()) from None
                # preview: say what is wrong, in the terminal and in every page, and keep
                # showing the last good pages until the edit is fixed
                log.error(exc.report())
                self.problems = exc.problems
                return config
            self.problems = []
            for finding in warnings:  # notices (freshness) inform, warnings count for --strict
                (log.warning if finding.severity == "warning" else log.info)(finding.format())
        self.lookup = lookup_files(catalogue)
        search = search_files(catalogue, self.cache)
        self.data_files = {**self.lookup.files, **search.files, **lunr_scripts()}
        assets = {"lookup": self.lookup.manifest}
        for lang in search.index:
            assets[f"search_index_{lang}"] = search.index[lang]
            assets[f"search_docs_{lang}"] = search.docs[lang]
        pages = render_site(
            self.root / self.config.templates_dir,
            catalogue,
            build_date(),
            assets,
            cache=self.cache,
            # forking a server's threads is unsafe; the preview's rebuilds hit the cache
            workers=1 if self.serving else default_workers(),
        )
        self.pages = {p.src_uri: p for p in pages}
        return config

    @_timed
    def on_files(self, files: Files, config: Any) -> Files:
        refuse_unsafe_sources(files, config, self.root)
        for file in [f for f in files if UNUSED_THEME_FILES.search(f.src_uri)]:
            files.remove(file)  # the theme's scripts and source maps: no page loads them
        self.page_files = []
        for page in self.pages.values():
            file = PageFile.generated(config, page.src_uri, content=_front_matter(page))
            file.key = digest(file.src_uri, file.content_string, page.html)
            files.append(file)
            self.page_files.append(file)
        for path, text in self.data_files.items():
            files.append(File.generated(config, path, content=text))
        return files

    @_timed
    def on_nav(self, nav: Any, config: Any, files: Files) -> Any:
        """Put every page whose output is stored in place; MkDocs skips those in a dirty build."""
        self.all_pages = {f.dest_uri for f in files.documentation_pages()}
        if not self.cache.enabled:
            return nav
        shared = digest(
            code_digest(),
            Path(config.config_file_path).read_bytes() if config.config_file_path else b"",
            folder_digest(Path(config.theme.custom_dir or self.root / "site_overrides")),
            str(config.site_url or ""),
            repr([(p.title, p.url) for p in nav.pages]),
            "".join(p.format() for p in self.problems),
        )
        for file in self.page_files:
            file.key = digest(shared, file.key)
            dest = Path(file.abs_dest_path)
            if self.in_place.get(file.abs_dest_path) == file.key and dest.is_file():
                file.stored = True  # the preview's folder holds this very output already
                continue
            # a page MkDocs is to write must not be a link into the cache: place() and
            # unlink() leave a fresh name either way
            file.stored = self.cache.place("page", file.key, dest)
            if file.stored:
                self.in_place[file.abs_dest_path] = file.key
            elif self.serving:  # MkDocs writes in place: never into a linked entry
                dest.unlink(missing_ok=True)
                self.in_place.pop(file.abs_dest_path, None)
        return nav

    @_timed
    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        rendered = self.pages.get(page.file.src_uri)
        html = rendered.html if rendered else safe_page_html(html)
        return _problem_banner(self.problems) + html if self.problems else html

    @_timed
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return _valid_toggles(output)

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        return _valid_toggles(output_content)  # 404.html and other static templates

    @_timed
    def on_post_build(self, config: Any) -> None:
        """Store the pages MkDocs built; keep editors' pages out of the sitemap (when a
        site_url makes MkDocs write one); for a published build, trim the theme's CSS and
        precompress every text file; then drop cache entries this build did not use."""
        site = Path(config.site_dir)
        for file in self.page_files:
            if self.cache.enabled and not file.stored and os.path.isfile(file.abs_dest_path):
                self.cache.put("page", file.key, Path(file.abs_dest_path).read_bytes())
                self.in_place[file.abs_dest_path] = file.key
        if self.serving:
            _remove_gone_pages(site, self.all_pages, self.in_place)
        hidden = [p.url for p in self.pages.values() if not p.search]
        _drop_from_sitemap(site, hidden)
        if not self.serving:  # the preview needs neither (the trimmed CSS looks the same)
            trim_site(site, sorted(site.glob("assets/*.js")))
            precompress(site, self.cache, default_workers())
        self.cache.prune(["render", "search", "page", "gz", "br"] if not self.serving else [])
        log.debug(f"build cache: {self.cache.hits} results reused, {self.cache.misses} made")

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self.root / self.config.content_dir))
        server.watch(str(self.root / self.config.templates_dir))
        return server


class PageFile(File):
    """A generated page; "modified" for MkDocs unless its finished output was stored."""

    key: str = ""
    stored: bool = False

    def is_modified(self) -> bool:
        return not self.stored


def _quiet_dirty_warning() -> None:
    """Servicefinder builds "dirty" so MkDocs skips stored pages; the warning MkDocs gives
    for that is about stale navigation, which the page digests rule out (they cover it)."""
    logger = logging.getLogger("mkdocs.commands.build")
    if not any(isinstance(f, _DirtyFilter) for f in logger.filters):
        logger.addFilter(_DirtyFilter())


class _DirtyFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


def _remove_gone_pages(site: Path, current: set[str], in_place: dict[str, str]) -> None:
    """The preview rebuilds into the same folder: a page whose service was deleted goes."""
    for path in site.rglob("index.html"):
        if path.relative_to(site).as_posix() not in current:
            path.unlink()
            in_place.pop(str(path), None)


def _drop_from_sitemap(site_dir: Path, urls: list[str]) -> None:
    sitemap = site_dir / "sitemap.xml"
    if not urls or not sitemap.is_file():
        return
    text = sitemap.read_text(encoding="utf-8")
    for url in urls:
        text = re.sub(
            rf"\s*<url>\s*<loc>[^<]*/{re.escape(url)}</loc>.*?</url>", "", text, flags=re.DOTALL
        )
    sitemap.write_text(text, encoding="utf-8")
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0"))
    with gzip.GzipFile(site_dir / "sitemap.xml.gz", "wb", mtime=epoch) as out:
        out.write(text.encode("utf-8"))


def _problem_banner(problems: list) -> str:
    """What the preview shows above every page while the content has errors."""
    items = "".join(f"<li><code>{escape(p.format())}</code></li>" for p in problems)
    return (
        '<div class="sf-build-errors" role="alert"><h2>Die letzte Änderung enthält Fehler</h2>'
        "<p>Die Vorschau zeigt den letzten fehlerfreien Stand. Bitte korrigieren Sie:</p>"
        f"<ul>{items}</ul></div>"
    )


def _valid_toggles(html: str) -> str:
    """Material's hidden toggle checkboxes carry autocomplete="off", which HTML allows only
    on text-like inputs (the Nu checker reports it); drop it from exactly those two."""
    for toggle in ("__drawer", "__search"):
        html = html.replace(
            f'type="checkbox" id="{toggle}" autocomplete="off"', f'type="checkbox" id="{toggle}"'
        )
    return html


def _project_root(config: Any) -> Path:
    return Path(config.config_file_path or "mkdocs.yml").resolve().parent


def _front_matter(page: RenderedPage) -> str:
    """Metadata MkDocs and the theme read; the body is supplied in on_page_content."""
    meta = {
        "title": page.title,
        "description": page.description,
        "hide": ["navigation", "toc"],
    }
    if not page.search:
        meta["search"] = {"exclude": True}
        meta["robots"] = "noindex"
    # JSON is YAML, and twenty times faster to write than yaml.safe_dump
    dumped = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    return f"---\n{dumped}\n---\n\n{page.title}\n"
