"""MkDocs' theme around a page body, outside MkDocs' build loop.

MkDocs 1.x reads every page of a build before it writes the first, and keeps each one's
objects to the end; at national scale (10,000 services in five languages with easy
variants, 100,000 pages) that is gigabytes. The service pages, the bulk of such a site,
and every other page outside the navigation (the lists' own pages, the other languages'
pages) are therefore written by the pipeline's own workers (``generator/writer/stream.py``)
through the very theme MkDocs set up for this build: its configuration, its Jinja
environment (with :func:`escaping_theme`), its navigation. :meth:`ThemePages.html` does
for one page what MkDocs' ``_build_page`` and the plugin's page events do (context,
``main.html``, the shell as ``page.meta.sf``, the body, the squeezed output), so such a
page is byte for byte the page MkDocs wrote.

What MkDocs still does: reads ``mkdocs.yml`` and the theme, copies the theme's assets,
builds the pages of the navigation (where it marks the page shown), the editors' free
pages (Markdown, which it renders), the generated data files held as text (the streamed
ones, the search index's shards, the plugin writes after MkDocs' build) and the 404 page,
runs the plugins (the privacy plugin finds nothing to fetch in the pages written here:
every address in them is checked and none loads from another host), and gives this
module its environment.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import material
import mkdocs.utils
from jinja2 import pass_context
from markupsafe import Markup
from mkdocs.commands.build import get_context
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.content.urls import checked_url
from generator.infra.cache import code_digest, digest, folder_digest
from generator.site.compiled import TEMPLATES
from generator.site.pages import RenderedPage
from generator.writer.html_space import squeeze

#: Material's own templates (its version is part of ``code_digest``)
_MATERIAL = Path(material.__file__).resolve().parent
#: MkDocs keeps the parts of every address it makes relative, without bound
#: (``mkdocs.utils._norm_parts``): an entry for every page written, which at 100,000 pages
#: grew each process that writes them by tens of megabytes. It is emptied at this size.
URL_CACHE_MOST = 4096
#: a theme stylesheet link in a page (``generator/writer/theme_css.py`` names them)
_THEME_CSS = re.compile(r'(href="[^"]*?assets/stylesheets/)([^"/]+\.css)"')


def _bound_url_cache() -> None:
    """Empty MkDocs' cache of address parts once it holds :data:`URL_CACHE_MOST` (the
    addresses of the theme's assets and navigation, which every page links, come back at
    once; a page's own address is used by that page only)."""
    cache = getattr(mkdocs.utils, "_norm_parts", None)
    info = getattr(cache, "cache_info", None)
    if info is not None and info().currsize > URL_CACHE_MOST:
        cache.cache_clear()  # type: ignore[union-attr]


class ThemePages:
    """The theme of one MkDocs build, kept after the build to wrap further pages.

    ``css_names`` maps Material's stylesheet names to those the pages are to link: the
    trimmed sheets' names (``theme_css.rename_by_content``), known before the service
    pages are written (see ``stream.py``), so no page has to be read and written again.
    """

    def __init__(self, config: Any, env: Any, nav: Any, files: Any) -> None:
        self.config = config
        self.env = env
        self.nav = nav
        self.doc_files = files.documentation_pages()
        self.template = env.get_template("main.html")
        self.css_names: dict[str, str] = {}

    def html(self, page: RenderedPage) -> str:
        """The whole HTML document of ``page``, as MkDocs would write it."""
        config = self.config
        file = File.generated(config, page.src_uri, content="")
        mk_page = Page(page.title, file, config)
        mk_page.meta = page_meta(page)
        mk_page.meta["sf"] = page.shell
        mk_page.content = Markup(page.html)  # made by the build from escaped, sanitised text
        mk_page.active = True
        config._current_page = mk_page
        context = get_context(self.nav, self.doc_files, config, mk_page)
        output = squeeze(self.template.render(context))
        if self.css_names:
            output = _THEME_CSS.sub(self._relinked, output)
        _bound_url_cache()
        return output

    def fingerprint(self) -> str:
        """A digest of everything besides the page that shapes a page's HTML here: the
        code and the theme's version (``code_digest``), the theme's folders (the site's
        and the tool's overrides), the settings its templates read, the stylesheets'
        names. Equal fingerprints and equal page bodies make equal pages."""
        config = self.config
        settings = {
            "site_name": config.site_name,
            "site_description": config.site_description,
            "site_url": config.site_url,
            "extra": config.extra,
            "extra_css": config.extra_css,
            "extra_javascript": [str(s) for s in config.extra_javascript],
            "theme": {k: v for k, v in config.theme.items()},
            "css": self.css_names,
        }
        dumped = json.dumps(settings, sort_keys=True, default=repr, ensure_ascii=False)
        own = [Path(d) for d in config.theme.dirs if not Path(d).is_relative_to(_MATERIAL)]
        return digest(code_digest(), dumped, folder_digest(*own))

    def dest(self, page: RenderedPage) -> str:
        """Where MkDocs would write ``page``, relative to the site."""
        return page.src_uri.removesuffix(".md") + ".html"

    def _relinked(self, match: re.Match[str]) -> str:
        return f'{match[1]}{self.css_names.get(match[2], match[2])}"'


def page_meta(page: RenderedPage) -> dict[str, Any]:
    """Metadata MkDocs and the theme read. Set as the page's ``meta`` directly: the shell
    is the largest part of it, and writing it as front matter made MkDocs parse it back
    with PyYAML for every page and hold a copy of it per page to the end of the build."""
    meta: dict[str, Any] = {
        "title": page.title,
        "description": page.description,
        "hide": ["navigation", "toc"],
        # the shell in the page's language (<html lang dir>, header, footer, hreflang) is
        # added as "sf" while the page is written (on_page_context)
        "lang": page.lang,
    }
    if not page.search:
        meta["search"] = {"exclude": True}
        meta["robots"] = "noindex"
    return meta


def escaping_theme(env: Any) -> Any:
    """Make MkDocs' theme environment escape every value, as the page bodies' does.

    MkDocs creates it without autoescape, so a quote in the site's name, a page's
    description or a logo's text alternative would end its attribute in every page
    (``alt="Wappen" onload="..."``). With autoescape on, every ``{{ value }}`` of
    Material's templates and of ``site_overrides/`` is escaped where it is written, and
    nothing has to remember it. The only values marked safe are HTML the build made and
    sanitised: page bodies (:meth:`ServicefinderPlugin.on_page_context`) and the
    tool's own policy constant. Every address goes through the one URL check
    (:func:`generator.content.urls.checked_url`) before MkDocs makes it relative.
    Set before the first template is loaded: Jinja decides escaping when it compiles.
    """
    env.autoescape = True
    env.bytecode_cache = TEMPLATES  # compiled once a process (generator/site/compiled.py)
    url = env.filters["url"]

    @pass_context
    def checked(context: Any, value: Any) -> str:
        return url(context, checked_url(value))

    env.filters["url"] = checked
    return env
