"""The site's own static files under names made from their bytes: the asset manifest.

Every shipped hosting configuration serves a file whose name carries a content hash as
immutable for a year (``generator/infra/security.py``, :func:`is_hashed`). A file that
keeps its name while its bytes change would then stay stale in every returning visitor's
cache; a file without a hash is revalidated on every visit. So the site's own stylesheet
and scripts (``site_overrides/assets/``), the vendored lunr scripts and the generated
branding stylesheet are emitted as data files named ``<name>.<hash>.<ext>``, where the
hash is taken over the bytes that are served (after minifying).

Templates and the page shell never write such a name: they ask the manifest
(:attr:`AssetFiles.names`) for the served name of a logical path from
:mod:`generator.content.routes` (``assets/search.js`` -> ``assets/search.1a2b3c4d5e.js``).

The site's own scripts are minified by calmjs.parse (pinned in ``pyproject.toml``): it
parses them as ES5, as they are written, and prints them again with local names shortened
(``obfuscate``; globals such as ``window.servicefinderLookup`` keep their names), which a
whitespace-only minifier cannot do: about 11 % less on the wire after brotli. Parsing
takes a fraction of a second a script, so the result is kept in the build cache under the
digest of the source. Vendored scripts (the lunr stemmers) and stylesheets use rjsmin and
rcssmin, which only drop comments and whitespace and keep licence comments (``/*!``);
files the vendor ships minified (lunr.js) are served as shipped.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import rcssmin
import rjsmin
from calmjs.parse import es5
from calmjs.parse.unparsers.es5 import minify_print

from generator.content import routes
from generator.infra.cache import BuildCache, digest
from generator.site.search_index import lunr_scripts

#: where the page shell's overrides keep the site's own stylesheet and scripts
OWN_ASSETS_DIR = "assets"
#: the kinds of own files that are minified and hashed
_KINDS = (".js", ".css")


@dataclass(frozen=True)
class AssetFiles:
    """The hashed files (site path -> text) and logical path -> served path."""

    files: dict[str, str]
    names: dict[str, str]


def hashed_path(path: str, content: bytes) -> str:
    """``assets/x.js`` and its bytes -> ``assets/x.<10 hex digits>.js``; the form
    :data:`generator.infra.security.HASHED_NAME_PATTERN` recognises."""
    stem, _, ext = path.rpartition(".")
    return f"{stem}.{hashlib.sha256(content).hexdigest()[:10]}.{ext}"


def minify(path: str, text: str) -> str:
    """The text as served: comments and insignificant whitespace dropped. Licence
    comments (``/*!``) are kept by both minifiers."""
    if path.endswith(".js"):
        return rjsmin.jsmin(text, keep_bang_comments=True).strip() + "\n"
    if path.endswith(".css"):
        return rcssmin.cssmin(text, keep_bang_comments=True).strip() + "\n"
    return text


def mangle(text: str, cache: BuildCache | None = None) -> str:
    """One of the site's own scripts as served: parsed, printed without comments and
    whitespace, local names shortened. Cached by the digest of the source and of the
    minifier's version, so an unchanged script is not parsed again."""
    key = digest(_MANGLER, text)
    cached = cache.get(MINIFIED_KIND, key) if cache is not None else None
    if cached is not None:
        served = cached.decode()
    else:
        # the cache is asked first even when this process made the script before: an
        # entry only the memo knew was never marked as used, and pruning deleted it
        served = _mangled.get(key) or (
            minify_print(es5(text), obfuscate=True, obfuscate_globals=False) + "\n"
        )
        if cache is not None:
            cache.put(MINIFIED_KIND, key, served.encode())
    _mangled[key] = served
    return served


#: the build-cache kind of minified own scripts (pruned with the others after a build)
MINIFIED_KIND = "minified"
#: what shapes :func:`mangle`'s output besides the source
_MANGLER = f"calmjs.parse=={metadata.version('calmjs.parse')} obfuscate"
#: this process's minified scripts (the preview rebuilds often; the scripts rarely change)
_mangled: dict[str, str] = {}


def own_sources(overrides_dirs: Path | Sequence[Path]) -> dict[str, str]:
    """The site's own stylesheet and scripts, by the logical path the routes name; from
    the first of ``overrides_dirs`` that has a file of that name (a site's own first)."""
    dirs = (overrides_dirs,) if isinstance(overrides_dirs, Path) else tuple(overrides_dirs)
    found: dict[str, str] = {}
    for overrides_dir in reversed(dirs):  # the later the folder, the weaker its file
        folder = overrides_dir / OWN_ASSETS_DIR
        if not folder.is_dir():
            continue
        for p in sorted(folder.iterdir()):
            if p.is_file() and p.suffix in _KINDS:
                found[f"{OWN_ASSETS_DIR}/{p.name}"] = p.read_text(encoding="utf-8")
    return dict(sorted(found.items()))


def asset_files(
    sources: dict[str, str],
    shipped: dict[str, str] | None = None,
    own_scripts: dict[str, str] | None = None,
    cache: BuildCache | None = None,
) -> AssetFiles:
    """Minify and hash ``sources`` (logical site path -> text); hash ``shipped`` (files
    published minified by their authors, with their licence header) as they are; mangle
    and hash ``own_scripts`` (the site's own, see :func:`mangle`)."""
    files: dict[str, str] = {}
    names: dict[str, str] = {}
    served_texts = (
        {p: minify(p, t) for p, t in sources.items()}
        | {p: mangle(t, cache) for p, t in (own_scripts or {}).items()}
        | (shipped or {})
    )
    for logical, served in sorted(served_texts.items()):
        path = hashed_path(logical, served.encode())
        files[path] = served
        names[logical] = path
    return AssetFiles(files, names)


def site_assets(
    overrides_dir: Path | Sequence[Path], generated: dict[str, str], cache: BuildCache | None = None
) -> AssetFiles:
    """Every file the manifest names: the site's own stylesheet and scripts, the lunr
    scripts (lunr.js as its authors publish it) and ``generated`` ones (branding.css)."""
    lunr = lunr_scripts()
    shipped = {routes.LUNR_SCRIPTS[0]: lunr.pop(routes.LUNR_SCRIPTS[0])}
    own = own_sources(overrides_dir)
    scripts = {p: t for p, t in own.items() if p.endswith(".js")}
    styles = {p: t for p, t in own.items() if p not in scripts}
    return asset_files({**styles, **lunr, **generated}, shipped, scripts, cache)
