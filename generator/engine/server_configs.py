"""nginx, Apache and Caddy configurations, and the ``_headers`` file, made from the policy.

Each text is written from ``generator/engine/security.py`` so a server cannot drift from
the policy the browser tests enforce. ``docs/hosting/`` holds them as generated for the
placeholders below; a test fails when those files differ from what this module writes, and
``python -m generator.engine.server_configs docs/hosting`` rewrites them. The build writes
``.htaccess`` and ``_headers`` into the site itself when ``mkdocs.yml`` asks for them.

What a host adapts is exactly the placeholder lines (server name, certificate, root) and,
under a sub-path, the prefix (``prefix=``; only the 404 line depends on it): the README
in ``docs/hosting/`` lists them per server, and the test suite applies just those edits.
"""

from __future__ import annotations

import sys
from pathlib import Path

from generator.engine.security import (
    CACHE_HASHED,
    CACHE_OTHER,
    HASHED_NAME_PATTERN,
    HEADERS,
    is_hashed,
)
from generator.site.admin import SERVER_POLICY as ADMIN_POLICY

SERVER_NAME = "servicefinder.example.org"
ROOT = "/srv/servicefinder/site"
CERTIFICATE = "/etc/ssl/certs/servicefinder.example.org.pem"
CERTIFICATE_KEY = "/etc/ssl/private/servicefinder.example.org.key"

#: the media type of each kind of file the build precompresses (precompress.SUFFIXES):
#: Apache must be told, as it takes the type of a ``.gz`` file from its last extension
MEDIA_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".js": "text/javascript",
    ".json": "application/json",
    ".xml": "application/xml",
    ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8",
}

#: the files the build may write for a host (``.htaccess``, ``_headers``), as a regular
#: expression every server refuses to serve
SERVER_FILES_PATTERN = r"\.htaccess|_headers"

#: file name in docs/hosting -> what writes it
GENERATED = ("nginx.conf", "apache.htaccess", "Caddyfile")

_HEAD = "Generated from generator/engine/security.py; regenerate, do not edit by hand."


def _prefix(prefix: str) -> str:
    """``/`` or ``/servicefinder/``: the URL path the site is served under."""
    return "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"


def nginx(prefix: str = "/") -> str:
    """A ``server`` block for nginx 1.22 (Debian 12) and later.

    ``add_header`` in a ``location`` drops every ``add_header`` of the ``server``, so each
    location repeats all headers; ``always`` adds them to 404 and redirect responses too.
    """

    def headers(cache: str) -> str:
        lines = [f'add_header {k} "{v}" always;' for k, v in HEADERS.items()]
        lines.append(f'add_header Cache-Control "{cache}" always;')
        return "".join(f"        {line}\n" for line in lines)

    return f"""\
# Servicefinder: the built site/ folder served by nginx (1.22 and later).
# {_HEAD}
# A host adapts: server_name, ssl_certificate(_key), root, and under a sub-path the
# error_page line (see docs/hosting/README.md).
server {{
    # "listen ... http2" works on 1.22; from 1.25.1 it warns, "http2 on;" is the new form.
    listen 443 ssl http2;
    listen [::]:443 ssl http2;
    server_name {SERVER_NAME};
    ssl_certificate {CERTIFICATE};
    ssl_certificate_key {CERTIFICATE_KEY};

    # The site/ folder; under a sub-path, the folder that holds it under that name.
    root {ROOT};
    index index.html;
    charset utf-8;
    # "/leistungen" -> "/leistungen/" as a relative redirect, right behind a proxy too
    absolute_redirect off;

    # The .br and .gz copies the build writes; both send "Vary: Accept-Encoding".
    # brotli_static needs libnginx-mod-http-brotli-static (Debian 12 and later ship it).
    brotli_static on;
    gzip_static on;
    gzip_vary on;

    error_page 404 {_prefix(prefix)}404.html;

    # The server files the build may write are for hosts, not for visitors.
    location ~ "(^|/)({SERVER_FILES_PATTERN})$" {{
        return 404;
    }}
    location / {{
        try_files $uri $uri/ =404;
{headers(CACHE_OTHER)}    }}
    # Files whose names carry a content hash never change.
    location ~ "{HASHED_NAME_PATTERN}" {{
{headers(CACHE_HASHED)}    }}
{_nginx_admin(prefix, headers(CACHE_OTHER))}}}
"""


def apache(prefix: str = "/") -> str:
    """``.htaccess`` (or the body of a ``<Directory>``) for Apache 2.4.

    Needs mod_headers, mod_rewrite and mod_mime, and ``AllowOverride FileInfo`` for the
    folder. Debian's mime.conf types ``.gz`` as ``application/x-gzip``: a browser would
    then show nothing, so each copy gets the type of its original file.
    """
    security = "".join(f'Header always set {k} "{v}"\n' for k, v in HEADERS.items())
    types = "".join(
        f'<FilesMatch "\\{suffix}\\.(br|gz)$">\n    ForceType "{media}"\n</FilesMatch>\n'
        for suffix, media in MEDIA_TYPES.items()
    )
    # an encoding the browser lists, and not with q=0 ("br;q=0" means: never br)
    rewrites = "".join(
        f"RewriteCond %{{HTTP:Accept-Encoding}} (^|,)\\s*{encoding}\\s*(;|,|$) [NC]\n"
        f"RewriteCond %{{HTTP:Accept-Encoding}} "
        f"!(^|,)\\s*{encoding}\\s*;\\s*q\\s*=\\s*0(\\.0*)?\\s*(,|$) [NC]\n"
        f"RewriteCond %{{REQUEST_FILENAME}} -f\n"
        f"RewriteCond %{{REQUEST_FILENAME}}.{ext} -f\n"
        f"RewriteRule ^(.*)$ $1.{ext} [L]\n"
        for encoding, ext in (("br", "br"), ("gzip", "gz"))
    )
    return f"""\
# Servicefinder: the built site/ folder served by Apache 2.4, as site/.htaccess or inside
# the <Directory> of the virtual host. Needs mod_headers, mod_rewrite, mod_mime
# ("a2enmod headers rewrite") and, as .htaccess, "AllowOverride FileInfo" for the folder.
# {_HEAD}
# A host adapts: under a sub-path, the ErrorDocument line (see docs/hosting/README.md).
ErrorDocument 404 {_prefix(prefix)}404.html
AddDefaultCharset utf-8

{security}Header always set Cache-Control "{CACHE_OTHER}"
# Files whose names carry a content hash never change.
<FilesMatch "{HASHED_NAME_PATTERN.removesuffix("$")}(\\.br|\\.gz)?$">
    Header always set Cache-Control "{CACHE_HASHED}"
</FilesMatch>
Header always merge Vary Accept-Encoding

# The .br and .gz copies the build writes, for browsers that accept them: the encoding
# from the last extension, the type of the original file.
# (Debian's mime.conf also calls .br Breton: "Content-Language: br" would follow)
RemoveType .br .gz
RemoveLanguage .br
AddEncoding br .br
AddEncoding gzip .gz
{types}RewriteEngine On
# No compression on the fly (Debian enables mod_deflate, which reads "GZIP;Q=0" as yes):
# every text file has its copies, and a file under 1 KB is not worth compressing.
RewriteRule ^ - [E=no-gzip:1]
# The server files are for the server, not for visitors; a folder without index.html
# is not listed, also where the host's "Options Indexes" (Debian's default for /var/www)
# would list it (this file may not change Options with "AllowOverride FileInfo").
RewriteRule (^|/)({SERVER_FILES_PATTERN})$ - [R=404,L]
RewriteCond %{{REQUEST_FILENAME}} -d
RewriteCond %{{REQUEST_FILENAME}}/index.html !-f
RewriteRule ^ - [R=404,L]
{rewrites}{_apache_admin(prefix)}"""


def caddy(prefix: str = "/") -> str:
    """A Caddyfile site block for Caddy 2 (HTTPS certificates are automatic)."""
    security = "".join(f'\t\t{k} "{v}"\n' for k, v in HEADERS.items())
    return f"""\
# Servicefinder: the built site/ folder served by Caddy 2.6 and later.
# {_HEAD}
# A host adapts: the site address, root, and under a sub-path the rewrite in
# handle_errors (see docs/hosting/README.md).
{SERVER_NAME} {{
	# The site/ folder; under a sub-path, the folder that holds it under that name.
	root * {ROOT}
	header {{
{security}	}}
	# set as the response is written, replacing the one precompressed responses get:
	# uncompressed responses carry it too, and none carries it twice
	header {{
		Vary Accept-Encoding
		defer
	}}
	# Files whose names carry a content hash never change.
	@hashed path_regexp {HASHED_NAME_PATTERN}
	@other not path_regexp {HASHED_NAME_PATTERN}
	header @hashed Cache-Control "{CACHE_HASHED}"
	header @other Cache-Control "{CACHE_OTHER}"
	# The server files the build may write are for hosts, not for visitors.
	@server_files path_regexp (^|/)({SERVER_FILES_PATTERN})$
	error @server_files 404
{_caddy_admin(prefix)}	# The .br and .gz copies the build writes.
	file_server {{
		precompressed br gzip
	}}
	handle_errors {{
		rewrite * {_prefix(prefix)}404.html
		# an error is never kept for good, whatever its address looks like: a hashed name
		# that is missing now may be published by the next deploy
		header {{
			Vary Accept-Encoding
			Cache-Control "{CACHE_OTHER}"
			defer
		}}
		file_server {{
			precompressed br gzip
		}}
	}}
}}
"""


# --- /admin/, the browser editor (generator/site/admin.py): its own policy ---------------


def _nginx_admin(prefix: str, headers: str) -> str:
    """``^~``: no other location (not the hashed files') answers below /admin/."""
    policy = f'"{HEADERS["Content-Security-Policy"]}"'
    own = headers.replace(policy, f'"{ADMIN_POLICY}"')
    return (
        "    # The browser editor (only built with cms: in site.yaml) needs a policy of its\n"
        "    # own: the CMS compiles code and injects styles, and talks to the git host.\n"
        f"    location ^~ {_prefix(prefix)}admin/ {{\n"
        '        add_header X-Robots-Tag "noindex, nofollow" always;\n'
        f"{own}    }}\n"
    )


def _apache_admin(prefix: str) -> str:
    return (
        "# The browser editor (only built with cms: in site.yaml) needs a policy of its own:\n"
        "# the CMS compiles code and injects styles, and talks to the git host.\n"
        f'<If "%{{REQUEST_URI}} =~ m#^{_prefix(prefix)}admin/#">\n'
        f'    Header always set Content-Security-Policy "{ADMIN_POLICY}"\n'
        '    Header always set X-Robots-Tag "noindex, nofollow"\n'
        "</If>\n"
    )


def _caddy_admin(prefix: str) -> str:
    """``defer``: set as the response is written, after (and so instead of) the site's."""
    return (
        "\t# The browser editor (only built with cms: in site.yaml) needs a policy of its\n"
        "\t# own: the CMS compiles code and injects styles, and talks to the git host.\n"
        f"\t@admin path {_prefix(prefix)}admin/*\n"
        "\theader @admin {\n"
        f'\t\tContent-Security-Policy "{ADMIN_POLICY}"\n'
        '\t\tX-Robots-Tag "noindex, nofollow"\n'
        "\t\tdefer\n"
        "\t}\n"
    )


def netlify_headers(site: Path, prefix: str = "/") -> str:
    """``_headers`` for hosts that read it (Netlify, Cloudflare Pages).

    Such hosts join the values of a header that several rules set, so ``Cache-Control``
    is given only to the hashed files, by name; the rest keeps the host's default.
    """
    base = _prefix(prefix)
    lines = ["# Servicefinder: headers for hosts that read _headers. " + _HEAD, base + "*"]
    lines += [f"  {k}: {v}" for k, v in HEADERS.items()]
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site).as_posix()
        if path.is_file() and is_hashed(rel) and not rel.endswith((".br", ".gz")):
            lines += [base + rel, f"  Cache-Control: {CACHE_HASHED}"]
    return "\n".join(lines) + "\n"


def documented() -> dict[str, str]:
    """The files of ``docs/hosting/``, as this module writes them."""
    return {"nginx.conf": nginx(), "apache.htaccess": apache(), "Caddyfile": caddy()}


def main(argv: list[str]) -> int:
    """``python -m generator.engine.server_configs FOLDER``: write the documented files."""
    if len(argv) != 1:
        print("usage: python -m generator.engine.server_configs docs/hosting", file=sys.stderr)
        return 2
    folder = Path(argv[0])
    for name, text in documented().items():
        (folder / name).write_text(text, encoding="utf-8", newline="\n")
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
