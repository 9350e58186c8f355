"""The MkDocs plugin ``servicefinder-hosting``: what the built site needs from its host.

- Every page carries the security policy as ``<meta http-equiv="Content-Security-Policy">``
  (without what a meta element cannot express), so the site is protected on hosts that
  cannot send headers. The preview (``serve``) leaves it out: MkDocs injects an inline
  live-reload script there.
- The 404 page is served at any depth, so its links are root-absolute: they start with
  the path of ``site_url`` or, without it, with ``base_path``.
- ``sitemap.xml`` lists absolute URLs, which need ``site_url``; without it the build says
  so and writes no (empty) sitemap.
- ``server_files`` writes ``.htaccess`` (Apache webspaces) and ``_headers`` (Netlify,
  Cloudflare Pages) into the site, so they survive rebuilds and ``rsync --delete``.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

from generator.engine.security import META_CONTENT_SECURITY_POLICY
from generator.engine.server_configs import apache, netlify_headers

log = logging.getLogger("mkdocs.plugins.servicefinder.hosting")

#: what `servicefinder build` says when mkdocs.yml has no site_url
NO_SITE_URL = (
    "note: site_url is not set in mkdocs.yml, so no sitemap.xml was written (it lists "
    "absolute URLs). Set site_url to the address the site is published at; under a "
    "sub-path such as /servicefinder/, set it (or base_path) so the 404 page finds its "
    "styles and links (docs/hosting/README.md)."
)

SERVER_FILES = {".htaccess": "htaccess", "_headers": "headers"}


class HostingConfig(base.Config):
    #: the URL path the site is served under when site_url is not set ("/servicefinder/")
    base_path = c.Type(str, default="/")
    #: files for the web server written into the site: "htaccess", "headers"
    server_files = c.ListOfItems(c.Choice(sorted(SERVER_FILES.values())), default=[])
    #: the policy as <meta http-equiv> in every page, for hosts without header control
    meta_policy = c.Type(bool, default=True)


class HostingPlugin(BasePlugin[HostingConfig]):
    def __init__(self) -> None:
        self.serving = False
        self.prefix = "/"

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    def on_config(self, config: Any) -> Any:
        self.prefix = served_under(config.site_url, self.config.base_path)
        # pages read it from here (site_overrides/main.html); config.extra is part of
        # every page's cache key, so the preview's pages never stand in for the build's
        policy = META_CONTENT_SECURITY_POLICY if self.config.meta_policy else ""
        config.extra["content_security_policy"] = "" if self.serving else policy
        if not config.site_url and not self.serving:
            log.info(NO_SITE_URL)
        return config

    def on_template_context(self, context: Any, template_name: str, config: Any) -> Any:
        """MkDocs makes the 404 page's links absolute only from site_url's path, and
        "/" without it; base_path says where the site is served instead."""
        if template_name == "404.html" and not config.site_url:
            context["base_url"] = self.prefix
        return context

    @event_priority(-100)  # after the main plugin has trimmed and precompressed
    def on_post_build(self, config: Any) -> None:
        site = Path(config.site_dir)
        if not config.site_url:
            for name in ("sitemap.xml", "sitemap.xml.gz", "sitemap.xml.br"):
                (site / name).unlink(missing_ok=True)
        wanted = set(self.config.server_files)
        if "htaccess" in wanted:
            (site / ".htaccess").write_text(apache(self.prefix), encoding="utf-8")
        if "headers" in wanted:
            (site / "_headers").write_text(netlify_headers(site, self.prefix), encoding="utf-8")


def served_under(site_url: str | None, base_path: str) -> str:
    """The URL path the site is served under, ``/`` or ``/servicefinder/``.

    site_url decides when set; base_path must then agree with it (or stay ``/``).
    """
    if not base_path.startswith("/"):
        raise PluginError(
            f"servicefinder-hosting: base_path: expected a path starting "
            f"with '/', such as /servicefinder/, got {base_path!r}"
        )
    given = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    if not site_url:
        return given
    path = urlsplit(site_url).path
    from_url = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    if given not in ("/", from_url):
        raise PluginError(
            f"servicefinder-hosting: base_path {given!r} differs from the path of "
            f"site_url {site_url!r}; remove base_path or make them agree"
        )
    return from_url
