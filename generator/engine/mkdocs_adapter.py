"""MkDocs and Material behind one adapter: the only module that imports either.

The pipeline (``generator.pipeline``) makes every page's finished HTML and every data file
without MkDocs. This adapter hands them to MkDocs through its documented plugin events
only (``on_files`` with ``File.generated``, ``on_page_content``), so MkDocs adds the theme's
page shell (head, header, footer) and writes the files; Python-Markdown never re-reads a
page. Theme templates are changed only by overrides in ``site_overrides/`` (Material's
documented mechanism), never by editing rendered HTML.

Switching engines (MkDocs 2.0 drops plugins; Material's end of life is announced for
2027) touches this module, ``site_overrides/`` (the page shell) and
:data:`THEME_UNUSED_FILES`/:func:`trim_theme_css` here; the pipeline, the templates of
page bodies and everything they read stay as they are.
"""

from __future__ import annotations

import json
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import escape
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from generator.clock import build_date
from generator.engine.cache import DEFAULT_FOLDER
from generator.engine.trim import trim_site
from generator.errors import ContentError, Problem
from generator.pipeline import BuildOptions, Bundle, Project, build_bundle
from generator.site.render import RenderedPage, published_languages
from generator.site.shell import theme_extra

log = logging.getLogger("mkdocs.plugins.servicefinder")

#: Material's files that no page loads: its JavaScript bundle drives features the site
#: replaces or switches off (search dialog, tabs, drawer), and source maps
THEME_UNUSED_FILES = re.compile(r"^assets/javascripts/|\.map$")


class EngineError(Exception):
    """The engine refused or failed to build; the message is for people."""


@dataclass(frozen=True)
class EngineStats:
    pages: int
    #: seconds in Servicefinder's own events (rendering pages handed over lazily, trimming)
    ours: float


def build(project: Project, bundle: Bundle, site_dir: Path, *, strict: bool) -> EngineStats:
    """Write ``bundle`` with the theme into ``site_dir`` (an empty folder)."""
    config = load_config(
        config_file=str(project.config_file), site_dir=str(site_dir), strict=strict
    )
    plugin = _plugin(config)
    plugin.hand_over(bundle)
    try:
        mkdocs_build(config)
    except (Abort, PluginError) as exc:
        raise EngineError(str(exc)) from None
    return EngineStats(len(plugin.pages), sum(plugin.timings.values()))


def serve(project: Project, dev_addr: str) -> None:
    """The live preview: MkDocs' server, rebuilding on every change the plugin watches."""
    mkdocs_serve(config_file=str(project.config_file), dev_addr=dev_addr)


def _plugin(config: Any) -> ServicefinderPlugin:
    plugin = config.plugins.get("servicefinder")
    if not isinstance(plugin, ServicefinderPlugin):
        raise EngineError(f"{config.config_file_path}: plugins: 'servicefinder' is missing")
    return plugin


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
    """Adds the bundle's pages and data files to MkDocs' files and supplies page bodies.

    ``servicefinder build`` hands over a bundle it made (:meth:`hand_over`); run by
    ``mkdocs build`` or by the preview, the plugin makes the bundle itself.
    """

    def __init__(self) -> None:
        self.bundle: Bundle | None = None
        self.pages: dict[str, RenderedPage] = {}
        self.data_files: dict[str, str] = {}
        #: during `serve`: problems of the last edit, shown in every page until fixed
        self.serving = False
        self.problems: list[Problem] = []
        self.theme_extra: dict[str, Any] = {}
        self.root = Path.cwd()
        #: seconds spent in each event, for the build's report and the benchmarks
        self.timings: dict[str, float] = {}

    def hand_over(self, bundle: Bundle) -> None:
        """Use ``bundle`` for the next build instead of making one."""
        self.bundle = bundle
        self.timings = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance across `serve` rebuilds (MkDocs 1.4+),
        so a broken edit can fall back to the last good pages."""
        self.serving = command == "serve"

    @_timed
    def on_config(self, config: Any) -> Any:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        bundle, self.bundle = self.bundle, None
        if bundle is None:
            try:
                bundle = self._make_bundle()
            except ContentError as exc:
                if not (self.serving and self.pages):
                    raise PluginError(exc.report()) from None
                # preview: say what is wrong, in the terminal and in every page, and keep
                # showing the last good pages until the edit is fixed
                log.error(exc.report())
                self.problems = exc.problems
                config.extra.update(self.theme_extra)
                return config
        self.problems = []
        # MkDocs 1.x needs every page before it writes one: the lazy pages are made here
        self.pages = {p.src_uri: p for p in bundle.pages}
        self.data_files = bundle.data_files
        # the 404 page's words in every language (it has no front matter)
        self.theme_extra = theme_extra(bundle.catalogue, published_languages(bundle.catalogue))
        config.extra.update(self.theme_extra)
        return config

    def _make_bundle(self) -> Bundle:
        cache = self.config.cache_dir
        project = Project(
            root=self.root,
            content_dir=self.root / self.config.content_dir,
            templates_dir=self.root / self.config.templates_dir,
            overrides_dir=self.root / "site_overrides",
            config_file=self.root / "mkdocs.yml",
            cache_dir=self.root / cache if cache else None,
        )
        today: date = build_date()
        # forking a server's threads is unsafe; the preview renders in this process
        options = BuildOptions(workers=1) if self.serving else BuildOptions()
        bundle = build_bundle(project, today, options)
        for finding in bundle.catalogue.notices:
            log.info(finding.format())
        return bundle

    @_timed
    def on_files(self, files: Files, config: Any) -> Files:
        for file in [f for f in files if THEME_UNUSED_FILES.search(f.src_uri)]:
            files.remove(file)
        for page in self.pages.values():
            files.append(File.generated(config, page.src_uri, content=_front_matter(page)))
        for path, text in self.data_files.items():
            files.append(File.generated(config, path, content=text))
        return files

    @_timed
    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        rendered = self.pages.get(page.file.src_uri)
        html = rendered.html if rendered else html
        return _problem_banner(self.problems) + html if self.problems else html

    @_timed
    def on_post_build(self, config: Any) -> None:
        """Ship only the theme CSS the pages use (the preview skips it: it looks the same)."""
        if not self.serving:
            site = Path(config.site_dir)
            trim_site(site, sorted(site.glob("assets/*.js")))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self.root / self.config.content_dir))
        server.watch(str(self.root / self.config.templates_dir))
        return server


def _problem_banner(problems: list[Problem]) -> str:
    """What the preview shows above every page while the content has errors."""
    items = "".join(f"<li><code>{escape(p.format())}</code></li>" for p in problems)
    return (
        '<div class="sf-build-errors" role="alert"><h2>Die letzte Änderung enthält Fehler</h2>'
        "<p>Die Vorschau zeigt den letzten fehlerfreien Stand. Bitte korrigieren Sie:</p>"
        f"<ul>{items}</ul></div>"
    )


def _front_matter(page: RenderedPage) -> str:
    """Metadata MkDocs and the theme read; the body is supplied in on_page_content."""
    meta: dict[str, Any] = {
        "title": page.title,
        "description": page.description,
        "hide": ["navigation", "toc"],
        # the shell in the page's language: <html lang dir>, header, footer, hreflang
        "lang": page.lang,
        "sf": page.shell,
    }
    if not page.search:
        meta["search"] = {"exclude": True}
        meta["robots"] = "noindex"
    # JSON is YAML, and twenty times faster to write than yaml.safe_dump
    dumped = json.dumps(meta, ensure_ascii=False, sort_keys=True)
    return f"---\n{dumped}\n---\n\n{page.title}\n"
