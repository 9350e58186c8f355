"""What the built site needs from its host (the MkDocs plugin ``servicefinder-hosting`` in
``mkdocs_adapter.py`` applies it).

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

from pathlib import Path
from urllib.parse import urlsplit

from generator.writer.server_configs import apache, netlify_headers

#: what `servicefinder build` says when mkdocs.yml has no site_url
NO_SITE_URL = (
    "note: site_url is not set in mkdocs.yml, so no sitemap.xml was written (it lists "
    "absolute URLs). Set site_url to the address the site is published at; under a "
    "sub-path such as /servicefinder/, set it (or base_path) so the 404 page finds its "
    "styles and links (docs/hosting/README.md)."
)

SERVER_FILES = {".htaccess": "htaccess", "_headers": "headers"}


class HostingError(ValueError):
    """A hosting option that cannot work; the message is for people."""


def write_server_files(site: Path, wanted: set[str], prefix: str) -> None:
    """``.htaccess`` and ``_headers`` into the site, so they survive rebuilds and rsync."""
    if "htaccess" in wanted:
        (site / ".htaccess").write_text(apache(prefix), encoding="utf-8", newline="\n")
    if "headers" in wanted:
        (site / "_headers").write_text(
            netlify_headers(site, prefix), encoding="utf-8", newline="\n"
        )


def served_under(site_url: str | None, base_path: str) -> str:
    """The URL path the site is served under, ``/`` or ``/servicefinder/``.

    site_url decides when set; base_path must then agree with it (or stay ``/``).
    """
    if not base_path.startswith("/"):
        raise HostingError(
            f"servicefinder-hosting: base_path: expected a path starting "
            f"with '/', such as /servicefinder/, got {base_path!r}"
        )
    given = "/" + base_path.strip("/") + "/" if base_path.strip("/") else "/"
    if not site_url:
        return given
    path = urlsplit(site_url).path
    from_url = "/" + path.strip("/") + "/" if path.strip("/") else "/"
    if given not in ("/", from_url):
        raise HostingError(
            f"servicefinder-hosting: base_path {given!r} differs from the path of "
            f"site_url {site_url!r}; remove base_path or make them agree"
        )
    return from_url
