"""The MkDocs plugin: content in, pages out, through MkDocs' documented events only.

``on_config`` loads and validates (so a content error stops the build before MkDocs cleans
the output folder), ``on_files`` adds every rendered page as a generated file, and
``on_page_content`` hands MkDocs the finished HTML, so Python-Markdown never re-reads it.
"""

from __future__ import annotations

import gzip
import logging
import os
import re
from pathlib import Path
from typing import Any

import yaml
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files

from .catalogue import load_catalogue
from .clock import build_date, pin_source_date_epoch
from .errors import ContentError
from .lookup_data import LookupFiles, lookup_files
from .model import Catalogue
from .precompress import precompress
from .render import RenderedPage, render_site
from .search_index import lunr_scripts, search_files

log = logging.getLogger("mkdocs.plugins.servicefinder")


class ServicefinderConfig(base.Config):
    content_dir = c.Type(str, default="content")
    templates_dir = c.Type(str, default="templates")


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

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Defining this keeps one plugin instance across `serve` rebuilds (MkDocs 1.4+),
        so a broken edit can fall back to the last good pages."""
        self.serving = command == "serve"

    def content_dir(self, config: Any) -> Path:
        return _project_root(config) / self.config.content_dir

    def on_config(self, config: Any) -> Any:
        pin_source_date_epoch()
        self.root = _project_root(config)
        catalogue = self.preloaded
        if catalogue is None:
            try:
                catalogue, warnings = load_catalogue(self.content_dir(config), root=self.root)
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
        search = search_files(catalogue)
        self.data_files = {**self.lookup.files, **search.files, **lunr_scripts()}
        assets = {"lookup": self.lookup.manifest}
        for lang in search.index:
            assets[f"search_index_{lang}"] = search.index[lang]
            assets[f"search_docs_{lang}"] = search.docs[lang]
        pages = render_site(self.root / self.config.templates_dir, catalogue, build_date(), assets)
        self.pages = {p.src_uri: p for p in pages}
        return config

    def on_files(self, files: Files, config: Any) -> Files:
        for page in self.pages.values():
            files.append(File.generated(config, page.src_uri, content=_front_matter(page)))
        for path, text in self.data_files.items():
            files.append(File.generated(config, path, content=text))
        return files

    def on_page_content(self, html: str, page: Any, config: Any, files: Any) -> str:
        rendered = self.pages.get(page.file.src_uri)
        html = rendered.html if rendered else html
        return _problem_banner(self.problems) + html if self.problems else html

    def on_post_page(self, output: str, page: Any, config: Any) -> str:
        return _valid_toggles(output)

    def on_post_template(self, output_content: str, template_name: str, config: Any) -> str:
        return _valid_toggles(output_content)  # 404.html and other static templates

    def on_post_build(self, config: Any) -> None:
        """Pages for editors stay out of the sitemap (when a site_url makes MkDocs write one);
        then every text file gets its precompressed copies."""
        hidden = [p.url for p in self.pages.values() if not p.search]
        _drop_from_sitemap(Path(config.site_dir), hidden)
        if not self.serving:  # the preview needs no compressed copies
            precompress(Path(config.site_dir))

    def on_serve(self, server: Any, config: Any, builder: Any) -> Any:
        server.watch(str(self.root / self.config.content_dir))
        server.watch(str(self.root / self.config.templates_dir))
        return server


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
    dumped = yaml.safe_dump(meta, allow_unicode=True, sort_keys=True)
    return f"---\n{dumped}---\n\n{page.title}\n"
