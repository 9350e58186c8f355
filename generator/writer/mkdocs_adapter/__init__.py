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
import shutil
import signal
import tempfile
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

from markupsafe import Markup
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.serve import serve as mkdocs_serve
from mkdocs.config import base, load_config
from mkdocs.config import config_options as c
from mkdocs.exceptions import Abort, PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files

from generator.content.schema import Site
from generator.content.shelf import Spooled
from generator.infra.cache import DEFAULT_FOLDER
from generator.infra.clock import build_date
from generator.infra.errors import ContentError, Problem
from generator.infra.resources import tool_folder
from generator.infra.security import META_CONTENT_SECURITY_POLICY
from generator.infra.streamed import Streamed
from generator.pipeline import BuildOptions, Bundle, Project, build_bundle, site_data_streams
from generator.site.admin import AdminError, admin_files
from generator.site.findability import write_sitemap
from generator.site.pages import RenderedPage, published_languages
from generator.site.shell import theme_extra
from generator.writer import preview
from generator.writer.hosting import (
    SERVER_FILES,
    HostingError,
    served_under,
    write_server_files,
)
from generator.writer.html_space import squeeze
from generator.writer.incremental import Handover, PreviewSession, RefreshTimer, remove_files
from generator.writer.mkdocs_adapter.published import (
    refuse_shadowed,
    refuse_unsafe_sources,
    safe_page_html,
)
from generator.writer.mkdocs_adapter.theme_pages import ThemePages, escaping_theme, page_meta
from generator.writer.theme_css import rename_by_content
from generator.writer.trim import trim_site

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
    plugin = _built(project, bundle, site_dir, strict=strict)
    return EngineStats(len(plugin.pages), sum(plugin.timings.values()))


def build_frame(
    project: Project, bundle: Bundle, site_dir: Path, *, strict: bool
) -> tuple[EngineStats, ThemePages, list[RenderedPage], Spooled[RenderedPage]]:
    """Build the frame of the site into ``site_dir``: the pages of the navigation, the
    editors' free pages, the data files and the theme's assets. Returns the theme, set
    up, to write the rest with (``generator/writer/stream.py``): the services, which
    ``bundle`` leaves out (``services_apart``), and the other pages of ``bundle``
    (the lists' further pages, the languages' pages: about half a page a service),
    returned unwritten; and the pages it wrote (without their bodies).

    MkDocs 1.x keeps an object for every page it writes to the end of its build, and
    the theme's files list keeps them after: at 10,000 services in five languages there
    are 4,900 such pages, held by the build and by every process forked after it. A page
    outside the navigation is written by the theme as MkDocs writes it (a test compares
    both ways); without a ``nav`` in ``mkdocs.yml`` every page stays with MkDocs, whose
    navigation then lists them.
    Leaves the sitemap, trimming the theme's stylesheets and relinking them to the
    caller, who knows every page only then."""
    plugin = _built(project, bundle, site_dir, strict=strict, frame=True)
    assert plugin.theme is not None  # set by on_env
    stats = EngineStats(len(plugin.pages), sum(plugin.timings.values()))
    later, plugin.later = plugin.later, Spooled()
    return stats, plugin.theme, list(plugin.pages.values()), later


def _built(
    project: Project, bundle: Bundle, site_dir: Path, *, strict: bool, frame: bool = False
) -> ServicefinderPlugin:
    config = load_config(
        config_file=str(project.config_file), site_dir=str(site_dir), strict=strict
    )
    plugin = _plugin(config)
    plugin.hand_over(bundle, frame=frame)
    try:
        mkdocs_build(config)
    except (Abort, PluginError) as exc:
        raise EngineError(str(exc)) from None
    return plugin


def serve(project: Project, dev_addr: str) -> None:
    """The live preview: MkDocs' server, rebuilding on every change the plugin watches.

    "dirty": MkDocs writes only the files the plugin hands over after a save and leaves the
    rest of the served folder as it is (generator/writer/incremental.py). MkDocs says so on
    every save ("A 'dirty' build is being performed"); its messages are left as they are.
    A stop by SIGTERM (an editor's IDE, a service manager) ends it as Ctrl-C does, so the
    second process that makes the lists ends with it.
    """

    def stop(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        mkdocs_serve(config_file=str(project.config_file), dev_addr=dev_addr, build_type="dirty")
    except (Abort, PluginError) as exc:
        raise EngineError(str(exc)) from None
    except KeyboardInterrupt:  # stopped before MkDocs' server ran (its own loop says so)
        log.info("Shutting down...")
    finally:
        signal.signal(signal.SIGTERM, previous)


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
        #: the pages by source path, without body and shell (see _keep)
        self.pages: dict[str, RenderedPage] = {}
        #: each page's body and shell (UTF-8 JSON), compressed until written (see _keep)
        self.bodies: dict[str, bytes] = {}
        self.shells: dict[str, bytes] = {}
        self.data_files: dict[str, str | bytes | Streamed] = {}
        #: where the streamed data files are written for MkDocs to copy (``on_files``)
        self.spill: Path | None = None
        self.spilled = 0
        #: the last good site.yaml and branding, for the page shell
        self.site: Site | None = None
        self.branding: dict[str, Any] = {}
        #: logical path of the site's own stylesheets and scripts -> content-hashed name
        self.asset_names: dict[str, str] = {}
        #: during `serve`: problems of the last edit, shown in every page until fixed
        self.serving = False
        self.problems: list[Problem] = []
        self.theme_extra: dict[str, Any] = {}
        self.root = Path.cwd()
        #: seconds spent in each event, for the build's report and the benchmarks
        self.timings: dict[str, float] = {}
        #: during `serve`: what earlier builds made, and what this one hands over
        self.session: PreviewSession | None = None
        self.handover: Handover | None = None
        self.refresh: RefreshTimer | None = None
        #: build_frame: the theme, kept for the service pages (theme_pages.py)
        self.frame = False
        #: build_frame: the pages outside the navigation, written with the theme after
        #: MkDocs' build, as the services' are (see :func:`build_frame`)
        self.later: Spooled[RenderedPage] = Spooled()
        self.theme: ThemePages | None = None
        self.nav: Any = None

    def hand_over(self, bundle: Bundle, *, frame: bool = False) -> None:
        """Use ``bundle`` for the next build instead of making one; ``frame``: keep the
        theme for the service pages written after it (:func:`build_frame`)."""
        self.bundle = bundle
        self.timings = {}
        self.frame = frame
        self.theme = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance across `serve` rebuilds (MkDocs 1.4+),
        so a broken edit can fall back to the last good pages."""
        self.serving = command == "serve"

    @_timed
    def on_config(self, config: Any) -> Any:
        self.root = Path(config.config_file_path or "mkdocs.yml").resolve().parent
        if self.serving:
            return self._preview_config(config)
        bundle, self.bundle = self.bundle, None
        if bundle is None:
            try:
                bundle = self._make_bundle(config)
            except ContentError as exc:
                raise PluginError(exc.report()) from None
        self.problems = []
        # MkDocs 1.x needs every page before it writes one: the lazy pages are made here
        self.pages, self.bodies, self.shells = {}, {}, {}
        self.later = Spooled()
        # without a nav in mkdocs.yml, MkDocs makes one of every page: all stay with it
        in_nav = _nav_sources(config.nav) if self.frame and config.nav else None
        for page in bundle.pages:
            if in_nav is not None and page.src_uri not in in_nav:
                self.later.append(page)
            else:
                self._keep(page)
        # files that name the site's public address (open data, robots.txt) need site_url,
        # which is an engine setting
        self.data_files = {**site_data_streams(bundle, config.site_url)}
        # /admin/, the browser editor, only with cms: in site.yaml (generator/site/admin.py)
        try:
            content_dir = self.root / self.config.content_dir
            self.data_files.update(admin_files(bundle.catalogue.site, self.root, content_dir))
        except AdminError as exc:
            raise PluginError(str(exc)) from None
        self.site, self.branding = bundle.catalogue.site, bundle.branding.template
        self.asset_names = bundle.asset_names
        # the 404 page's words in every language (it has no front matter)
        self.theme_extra = theme_extra(bundle.catalogue, published_languages(bundle.catalogue))
        config.extra.update(self.theme_extra)
        return self._site_settings(config)

    def _keep(self, page: RenderedPage) -> None:
        """Hold ``page`` until MkDocs writes it. MkDocs 1.x reads every page before it
        writes the first, so body and shell wait compressed (a sixth of their size: 80 MB
        less at 1,000 services) and are made whole again only while their page is written
        (on_page_context); the preview keeps whole pages in its session instead."""
        src = page.src_uri
        self.bodies[src] = zlib.compress(page.html.encode("utf-8"), 1)
        shell = json.dumps(page.shell, ensure_ascii=False).encode("utf-8")
        self.shells[src] = zlib.compress(shell, 1)
        self.pages[src] = replace(page, html="", shell={})

    def _preview_config(self, config: Any) -> Any:
        """A preview build: only what the last save changed (generator/writer/incremental.py)."""
        if self.session is None:
            self.session = PreviewSession(self._project(config), beside=True)
        try:
            self.handover = handover = self.session.rebuild(build_date(), config.site_url)
        except ContentError as exc:
            raise PluginError(exc.report()) from None
        if handover.kind == "broken":
            log.error(ContentError(handover.problems).report())
        self.problems = handover.problems
        self.pages = self.session.pages
        if handover.bundle is not None:
            bundle = handover.bundle
            for finding in bundle.catalogue.notices:
                log.info(finding.format())
            self.site, self.branding = bundle.catalogue.site, bundle.branding.template
            self.asset_names = bundle.asset_names
            self.theme_extra = theme_extra(bundle.catalogue, published_languages(bundle.catalogue))
        config.extra.update(self.theme_extra)
        return self._site_settings(config)

    def _site_settings(self, config: Any) -> Any:
        """site.yaml is the one source of the site's name, description and language (the
        name in mkdocs.yml is a placeholder MkDocs requires), and of the logo and icons."""
        _add_tool_overrides(config.theme)
        if self.site is not None:
            config.site_name, config.site_description = self.site.name, self.site.description
            config.theme["language"] = self.site.language
            config.extra["branding"] = self.branding
        # the stylesheets of mkdocs.yml's extra_css under their content-hashed names
        config.extra_css = [self.asset_names.get(path, path) for path in config.extra_css]
        return config

    def _project(self, config: Any) -> Project:
        cache = self.config.cache_dir
        return Project(
            root=self.root,
            content_dir=self.root / self.config.content_dir,
            templates_dir=self.root / self.config.templates_dir,
            overrides_dir=self.root / "site_overrides",
            config_file=self.root / "mkdocs.yml",
            cache_dir=self.root / cache if cache else None,
            pages_dir=Path(config.docs_dir),
        )

    def _make_bundle(self, config: Any) -> Bundle:
        project = self._project(config)
        today: date = build_date()
        bundle = build_bundle(project, today, BuildOptions())  # the preview has its session
        for finding in bundle.catalogue.notices:
            log.info(finding.format())
        return bundle

    @_timed
    def on_files(self, files: Files, config: Any) -> Files:
        refuse_unsafe_sources(files, config, self.root)
        for file in [f for f in files if THEME_UNUSED_FILES.search(f.src_uri)]:
            files.remove(file)
        # the overrides' own scripts and stylesheet are published by the asset manifest,
        # minified under content-hashed names, never under their source names
        for file in [f for f in files if f.src_uri in self.asset_names]:
            files.remove(file)
        # the preview hands over only what changed since its last build (MkDocs builds
        # dirty there: the other pages are in the served folder already)
        pages, data = self.pages, self.data_files
        if self.handover is not None:
            pages, data = self.handover.pages, {**self.handover.data_files}
        # a frame's streamed data files (14,000 search shards at 10,000 services) are
        # written in on_post_build: as MkDocs files, a kilobyte each to the build's end
        apart = {p for p, c in data.items() if self.frame and isinstance(c, Streamed)}
        made = [
            *(File.generated(config, p.src_uri, content=_front_matter(p)) for p in pages.values()),
            *(self._data_file(config, p, c) for p, c in data.items() if p not in apart),
        ]
        # the pages written after MkDocs' build may not be shadowed either
        later = (File.generated(config, p.src_uri, content="") for p in self.later)
        refuse_shadowed(files, [*made, *later], apart)
        for file in made:
            files.append(file)
        return files

    def _data_file(self, config: Any, path: str, content: str | bytes | Streamed) -> File:
        """A data file for MkDocs to write; one made as it is written goes to a file of its
        own first, which MkDocs copies (it is never held whole)."""
        if not isinstance(content, Streamed):
            return File.generated(config, path, content=content)
        if self.spill is None:
            self.spill = Path(tempfile.mkdtemp(prefix="servicefinder-data-"))
            self.spilled = 0
        # counted, not listed: the search shards come this way, 14,000 at 10,000 services,
        # and listing the folder for each made the build's time grow with their square
        self.spilled += 1
        spilled = self.spill / f"{self.spilled}.json"
        content.write(spilled)
        return File.generated(config, path, abs_src_path=str(spilled))

    def _drop_spill(self) -> None:
        if self.spill is not None:
            shutil.rmtree(self.spill, ignore_errors=True)
            self.spill = None

    def on_build_error(self, error: Exception) -> None:
        self._drop_spill()

    def on_env(self, env: Any, config: Any, files: Any) -> Any:
        """The theme's templates follow the page bodies' rule (:func:`escaping_theme`);
        the preview keeps them compiled between saves (Jinja's bytecode cache): MkDocs
        makes a new theme environment for every build."""
        escaping_theme(env)
        if self.session is not None:
            env.bytecode_cache = self.session.compiled
        if self.frame:
            self.theme = ThemePages(config, env, self.nav, files)
        return env

    def on_nav(self, nav: Any, config: Any, files: Any) -> Any:
        self.nav = nav
        return nav

    @_timed
    def on_page_markdown(self, markdown: str, page: Any, config: Any, files: Any) -> str:
        rendered = self.pages.get(page.file.src_uri)
        if rendered:
            page.meta = page_meta(rendered)
        return markdown

    @_timed
    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        src = page.file.src_uri
        rendered = self.pages.get(src)
        if rendered is None:
            html = safe_page_html(html)
        elif self.serving:  # the preview session keeps whole pages between saves
            html = rendered.html
        else:  # the body is added when the page is written (on_page_context)
            return ""
        return preview.banner(self.problems) + html if self.problems else html

    @_timed
    def on_page_context(self, context: Any, page: Any, config: Any, nav: Any) -> Any:
        """The page's shell, only while its template is rendered."""
        src = page.file.src_uri
        rendered = self.pages.get(src)
        if rendered is None:
            if page.content is not None:
                page.content = Markup(page.content)  # sanitised in on_page_content
            return context
        if self.serving:
            page.meta["sf"] = rendered.shell
        else:
            page.meta["sf"] = json.loads(zlib.decompress(self.shells.pop(src)))
            page.content = zlib.decompress(self.bodies.pop(src)).decode("utf-8")
        page.content = Markup(page.content)  # made by the build from escaped, sanitised text
        return context

    @_timed
    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        """The page is written: MkDocs would keep its body and shell to the end of the
        build, beside every other page's."""
        if page.file.src_uri in self.pages:
            page.content = None
            page.meta.pop("sf", None)
        return squeeze(output)  # the templates' indentation, left out (html_space.py)

    @_timed
    def on_post_build(self, config: Any) -> None:
        """The sitemap with language alternates (with site_url only), and only the theme
        CSS the pages use, renamed by its trimmed bytes and relinked in every page
        (``generator/writer/theme_css.py``; the preview skips both: it looks the same)."""
        site = Path(config.site_dir)
        self._drop_spill()
        for path, content in self.data_files.items() if self.frame else ():
            if isinstance(content, Streamed):  # left to this plugin by on_files
                (site / path).parent.mkdir(parents=True, exist_ok=True)
                content.write(site / path)
        if not self.serving:
            # written: let go of them before the service pages' workers fork from this
            # process (the search files grow with the catalogue)
            self.data_files = {}
        if self.handover is not None:
            remove_files(site, self.handover.removed)
        quick = self.handover is not None and self.handover.kind == "quick"
        if self.frame:  # the caller writes the services, then these (stream.py)
            return
        if not quick:  # after a quick build, the lists' build writes it
            source = self.site.language if self.site is not None else "de"
            write_sitemap(site, self.pages.values(), config.site_url, source)
        if quick and self.refresh is not None:
            self.refresh.schedule()  # the lists of services, made when the editor pauses
        if not self.serving:
            trim_site(site, sorted(site.glob("assets/*.js")))
            rename_by_content(site)

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.set_app(preview.refusing_bad_addresses(server.get_app()))
        server.watch(str(self.root / self.config.content_dir))
        for folder in self._project(config).template_dirs:
            server.watch(str(folder))
        session = self.session
        assert session is not None  # the first build made it
        self.refresh = RefreshTimer(lambda: session.make_lists(build_date(), config.site_url))
        server.watch(str(self.refresh.marker))
        return server

    def on_shutdown(self) -> None:
        if self.refresh is not None:
            self.refresh.close()
        if self.session is not None:
            self.session.close()


def _add_tool_overrides(theme: Any) -> None:
    """Put the tool's theme overrides between the site's own (``custom_dir``, optional) and
    Material's: a site repository replaces one of the tool's partials by a file at the same
    path, and needs no copy of the rest (Material's own mechanism, one layer deeper)."""
    tool = tool_folder("site_overrides").resolve()
    dirs = theme.dirs
    if any(Path(d).resolve() == tool for d in dirs):
        return
    custom = getattr(theme, "custom_dir", None)
    dirs.insert(1 if custom else 0, str(tool))


def _nav_sources(nav: Any) -> set[str]:
    """The source paths of the pages in ``mkdocs.yml``'s ``nav`` (titles and nested
    sections around them)."""
    if isinstance(nav, str):
        return {nav}
    if isinstance(nav, dict):
        return set().union(*(_nav_sources(v) for v in nav.values()))
    if isinstance(nav, list):
        return set().union(*(_nav_sources(v) for v in nav))
    return set()


def _front_matter(page: RenderedPage) -> str:
    """The page's source for MkDocs: only the title as front matter (so no line of the body
    is ever read as metadata); the rest of the metadata is set in on_page_markdown and the
    body supplied in on_page_content."""
    dumped = json.dumps({"title": page.title}, ensure_ascii=False)
    return f"---\n{dumped}\n---\n\n{page.title}\n"


class HostingConfig(base.Config):
    #: the URL path the site is served under when site_url is not set ("/servicefinder/")
    base_path = c.Type(str, default="/")
    #: files for the web server written into the site: "htaccess", "headers"
    server_files = c.ListOfItems(c.Choice(sorted(SERVER_FILES.values())), default=[])
    #: the policy as <meta http-equiv> in every page, for hosts without header control
    meta_policy = c.Type(bool, default=True)


class HostingPlugin(BasePlugin[HostingConfig]):
    """``servicefinder-hosting``: the policy as a meta element, the 404 page's prefix, the
    sitemap only with site_url, and server files (see ``generator/writer/hosting.py``)."""

    def __init__(self) -> None:
        self.serving = False
        self.prefix = "/"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        try:
            self.prefix = served_under(config.site_url, self.config.base_path)
        except HostingError as exc:
            raise PluginError(str(exc)) from None
        # pages read it from here (site_overrides/main.html); config.extra is part of
        # every page's cache key, so the preview's pages never stand in for the build's
        policy = META_CONTENT_SECURITY_POLICY if self.config.meta_policy else ""
        # the tool's constant, written as it is (escaping would only spell its quotes
        # &#39;); it holds nothing that could end the attribute
        assert not set('"<>&') & set(policy)
        config.extra["content_security_policy"] = Markup("" if self.serving else policy)
        return config

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        """MkDocs makes the 404 page's links absolute only from site_url's path, and
        "/" without it; base_path says where the site is served instead."""
        if template_name == "404.html" and not config.site_url:
            context["base_url"] = self.prefix
        return context

    @event_priority(-100)  # after the main plugin has trimmed the theme CSS
    def on_post_build(self, config: Any) -> None:
        if self.serving:  # the preview's server reads none of them
            return
        main = config.plugins.get("servicefinder")
        if isinstance(main, ServicefinderPlugin) and main.frame:
            return  # they name the trimmed stylesheets: written by finish_frame
        self.write_files(Path(config.site_dir))

    def write_files(self, site: Path) -> None:
        write_server_files(site, set(self.config.server_files), self.prefix)


def finish_frame(theme: ThemePages, site: Path) -> None:
    """After :func:`build_frame` and the service pages: the server files, which list the
    hashed files (the trimmed stylesheets' final names among them)."""
    hosting = theme.config.plugins.get("servicefinder-hosting")
    if isinstance(hosting, HostingPlugin):
        hosting.write_files(site)
