"""The HTTP policy a host applies to the site, in one place: headers, CSP, caching.

The built site needs nothing beyond its own origin: no inline script or style, no other
host. ``data:`` images are allowed because Material's stylesheet draws icons as data URIs
(no script can run from them).

Everything a server sends is derived from here: the nginx, Apache and Caddy
configurations (``generator/writer/server_configs.py`` writes them, ``docs/hosting/`` holds
the generated files), the ``.htaccess`` and ``_headers`` files a build can emit, and the
``<meta http-equiv>`` policy every page carries for hosts that cannot send headers. The
test suite starts the real servers with those configurations and checks every response.
"""

from __future__ import annotations

import re

#: directive name -> sources; kept as pairs so the meta variant can drop directives
POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("img-src", "'self' data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)

#: directives a ``<meta http-equiv="Content-Security-Policy">`` cannot carry (CSP Level 3,
#: section 3.3): browsers ignore them there. Only a real header can forbid framing.
NOT_IN_META = frozenset({"frame-ancestors", "report-uri", "sandbox"})

CONTENT_SECURITY_POLICY = "; ".join(f"{name} {value}" for name, value in POLICY)
META_CONTENT_SECURITY_POLICY = "; ".join(
    f"{name} {value}" for name, value in POLICY if name not in NOT_IN_META
)

HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=(), payment=(), usb=()",
    "X-Content-Type-Options": "nosniff",
}

#: files whose names carry a content hash never change: a year, and no revalidation
CACHE_HASHED = "public, max-age=31536000, immutable"
#: everything else (pages, unhashed scripts, the 404 page) is revalidated on every use,
#: which costs a 304 and never shows a page with a script of an older build
CACHE_OTHER = "no-cache"

#: the content hash in a file name, as the theme (``main.57a0d79d.min.css``) and this
#: build (``pc-37.8ba94d7327.json``) write it: 8 to 64 hex digits between two dots,
#: optionally followed by ``.min``, then the extension. Servers get the same expression.
HASHED_NAME_PATTERN = r"\.[0-9a-f]{8,64}(\.min)?\.[a-z0-9]+$"
_HASHED = re.compile(HASHED_NAME_PATTERN)
#: the precompressed copies the build writes next to a file
ENCODINGS = {".br": "br", ".gz": "gzip"}


def is_hashed(path: str) -> bool:
    """True for a file (or its ``.br``/``.gz`` copy) whose name carries a content hash.

    The one predicate for "may be cached for good": server configurations, emitted header
    files and tests use it (or ``HASHED_NAME_PATTERN``, its server-side form).
    """
    name = path.rsplit("/", 1)[-1]
    for suffix in ENCODINGS:
        name = name.removesuffix(suffix)
    return _HASHED.search(name) is not None


def cache_control(path: str) -> str:
    """The ``Cache-Control`` value for a URL path or file name."""
    return CACHE_HASHED if is_hashed(path) else CACHE_OTHER
