"""The browser editor's page, ``/admin/``: made only when ``site.yaml`` has ``cms:``.

Everything it loads comes from the site's own origin: Decap CMS's bundle as npm installed
it (``node_modules/decap-cms/dist``, pinned in package.json; never a CDN), the ``yaml``
package's browser modules, and this folder's scripts (``admin/``: the project's YAML
format and the start-up). Its policy is its own (:func:`admin_policy`): the CMS compiles
its schema validator at run time and injects its styles, which the citizens' pages never
allow, and it talks to the git host. No page links to it; it is ``noindex``; the sitemap,
the search index and the open data are made from the catalogue's pages and never see it;
and the build makes no other file differently when ``cms:`` is set (a test compares).
"""

from __future__ import annotations

import html
import json
from pathlib import Path

import yaml

from generator.content.cms_config import (
    DECAP_VERSION,
    LOCAL_BACKEND_ORIGIN,
    backend_hosts,
    decap_config,
    layout,
)
from generator.content.schema import Site

#: the admin page's folder in the site
FOLDER = "admin"
#: this module's static files: start-up, format, and the page's own scripts
STATIC = Path(__file__).resolve().parent / "admin"
#: Decap's files a form of plain widgets loads (the bundle and its lazily loaded parts)
_BUNDLE_FILE = "decap-cms.js"


class AdminError(ValueError):
    """The admin page cannot be made; the message says what to install."""


def node_modules(root: Path) -> Path:
    """``node_modules`` of the site repository or, in a checkout of the tool, of the tool."""
    for folder in (root, Path(__file__).resolve().parents[2]):
        if (folder / "node_modules" / "decap-cms" / "dist" / _BUNDLE_FILE).is_file():
            return folder / "node_modules"
    raise AdminError(
        f"site.yaml has cms:, but decap-cms {DECAP_VERSION} is not installed: run `npm ci` "
        "in the site's folder (package.json names it), or remove cms: from site.yaml"
    )


def rate_series(content_dir: Path) -> list[str]:
    """``file/series`` of every rates table, for the amounts' choice."""
    out = []
    for path in sorted((content_dir / "rates").glob("*.yaml")):
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue  # the content check has reported it
        for series in data.get("series") or []:
            if isinstance(series, dict) and series.get("id"):
                out.append(f"{path.stem}/{series['id']}")
    return out


def config_text(site: Site, content_dir: Path) -> str:
    """``admin/config.yml``: what ``servicefinder cms-config`` writes, and the build."""
    config = decap_config(site, rate_series(content_dir))
    head = (
        "# Decap CMS configuration, made by `servicefinder cms-config` from the content\n"
        "# model and site.yaml's cms:. The build makes it afresh; edit the model or cms:.\n"
    )
    return head + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)


#: what a web server sends for /admin/ instead of the citizens' policy (server_configs.py):
#: the CMS compiles its schema validator (``unsafe-eval``) and injects its styles; it
#: talks to whichever git host the site names (``https:``) or, for a preview, to
#: decap-server on the editor's own machine. The page's meta narrows it to the site's host.
SERVER_POLICY = (
    "default-src 'self'; script-src 'self' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob: https:; connect-src 'self' https: http://127.0.0.1:*; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def admin_policy(site: Site) -> str:
    """The admin page's own policy, as its ``<meta>`` carries it: the CMS's needs and
    exactly the git host's origins (the server's header for /admin/ allows any https
    origin, so one configuration serves every site; both apply, the stricter wins)."""
    assert site.cms is not None
    hosts = " ".join(backend_hosts(site.cms))
    local = f" {LOCAL_BACKEND_ORIGIN}:{site.cms.local_port}" if site.cms.local_backend else ""
    return (
        "default-src 'self'; script-src 'self' 'unsafe-eval'; "
        "style-src 'self' 'unsafe-inline'; "
        f"img-src 'self' data: blob: {hosts}; connect-src 'self' {hosts}{local}; "
        "object-src 'none'; base-uri 'self'; form-action 'self'"
    )


def is_admin_page(path: str, text: str) -> bool:
    """True for the page :func:`index_html` writes: a shell whose content the CMS makes
    in the browser, so ``check-pages`` (which checks what content can break) skips it."""
    return path == f"{FOLDER}/index.html" and 'rel="cms-config-url"' in text


def index_html(site: Site) -> str:
    """The page itself: no inline script or style, nothing from another host."""
    title = html.escape(f"Redaktion – {site.name}")
    policy = html.escape(admin_policy(site))
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(site.language)}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="robots" content="noindex, nofollow">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        f"<title>{title}</title>\n"
        '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
        '<script src="init.js"></script>\n'
        f'<script src="{_BUNDLE_FILE}"></script>\n'
        '<script type="module" src="cms.js"></script>\n'
        "</head>\n"
        "<body>\n"
        "<noscript>Die Redaktion braucht JavaScript. / Editing needs JavaScript.</noscript>\n"
        "</body>\n"
        "</html>\n"
    )


def admin_files(site: Site, root: Path, content_dir: Path) -> dict[str, str | bytes]:
    """Every file of ``/admin/`` (site path -> content); none without ``cms:``."""
    if site.cms is None:
        return {}
    modules = node_modules(root)
    dist = modules / "decap-cms" / "dist"
    version = json.loads((modules / "decap-cms" / "package.json").read_text())["version"]
    if version != DECAP_VERSION:
        raise AdminError(
            f"decap-cms {version} is installed; the admin page is made for {DECAP_VERSION}: "
            "run `npm ci` (package.json pins it)"
        )
    files: dict[str, str | bytes] = {
        f"{FOLDER}/index.html": index_html(site),
        f"{FOLDER}/config.yml": config_text(site, content_dir),
        f"{FOLDER}/layout.json": json.dumps(layout(), ensure_ascii=False, sort_keys=True),
    }
    for path in sorted(STATIC.glob("*.js")):
        files[f"{FOLDER}/{path.name}"] = path.read_bytes()
    for path in [*sorted(dist.glob("*.decap-cms.js")), dist / _BUNDLE_FILE]:
        files[f"{FOLDER}/{path.name}"] = path.read_bytes()
    yaml_dist = modules / "yaml" / "browser" / "dist"
    if not yaml_dist.is_dir():
        raise AdminError("the yaml package is not installed: run `npm ci`")
    for path in sorted(yaml_dist.rglob("*.js")):
        files[f"{FOLDER}/yaml/{path.relative_to(yaml_dist).as_posix()}"] = path.read_bytes()
    return files
