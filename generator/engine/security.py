"""The HTTP headers a host should send with the site, in one place.

The built site needs nothing beyond its own origin: no inline script or style, no other
host. ``data:`` images are allowed because Material's stylesheet draws icons as data URIs
(no script can run from them). The example server configurations in ``docs/hosting/`` send
exactly these headers; a test checks that they do, and the browser suite loads the site
under this policy and fails on any violation.
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)

HEADERS: dict[str, str] = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    "Referrer-Policy": "no-referrer",
    "Permissions-Policy": "geolocation=(self), camera=(), microphone=(), payment=(), usb=()",
    "X-Content-Type-Options": "nosniff",
}
