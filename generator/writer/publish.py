"""Publishing the built site to object storage: what goes into the bucket, with which
headers, and which objects a publish must upload. Pure functions over the site folder and
the bucket's listing, so the plan is tested without a store;
``generator/commands/publish.py`` talks to the store.

The rules, and why:

- **One encoding per key.** A bucket cannot choose between ``page.html.br`` and
  ``page.html.gz`` by the request's ``Accept-Encoding`` as nginx, Apache and Caddy do. So
  a file the build precompressed is stored under its plain key as the ``.gz`` copy's bytes
  with ``Content-Encoding: gzip``, which every browser accepts (brotli only over HTTPS,
  and not every crawler or command-line client); the ``.br`` and ``.gz`` files themselves
  are not uploaded. Files without copies (under 1 KB, images) are stored as they are.
- **Headers from the servers' policy.** ``Cache-Control`` is :func:`security.cache_control`
  (hashed names immutable for a year, the rest ``no-cache``), ``Content-Type`` the one the
  server configurations force on precompressed copies (``server_configs.MEDIA_TYPES``),
  with ``charset=utf-8`` on every ``text/`` type, as a store adds none. The security
  headers are response headers a store cannot keep on an object: the host's CDN adds them
  (docs/hosting/README.md, "Object storage").
- **Changed objects only.** An object is uploaded unless the bucket's listing shows the
  same bytes and the manifest (:data:`MANIFEST`, an object the command keeps beside the
  site) shows the same headers. The listing is the truth about the bytes: its ETag is the
  MD5 of an object stored by one plain PUT, as this command stores every object. An ETag
  that is no MD5 (a multipart upload by another tool, ``hex-N``; a bucket encrypted with
  SSE-KMS) matches only if the manifest recorded that ETag for the same MD5 when this
  command uploaded it. The manifest is the only place the headers can be compared without
  one request per object; without it (a first publish, a bucket filled by another tool)
  everything is uploaded once. A stale manifest (an interrupted publish) costs uploads,
  never a missed one.
- **Order.** Hashed files first (nothing refers to a new name yet), then the other
  non-page files, then the pages, so a visitor never gets a page whose stylesheet, script
  or data file is not there yet.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from generator.infra.precompress import SUFFIXES as PRECOMPRESSED
from generator.infra.security import ENCODINGS, cache_control, is_hashed
from generator.writer.server_configs import MEDIA_TYPES, SERVER_FILES_PATTERN

#: the command's own record of what it uploaded, under the prefix, never part of the site
MANIFEST = ".servicefinder-publish.json"
MANIFEST_FORMAT = 1

#: types of the files a site may hold beyond the precompressed kinds (images, fonts, the
#: editors' downloads); anything else is ``application/octet-stream``
OTHER_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".ico": "image/vnd.microsoft.icon",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
    ".pdf": "application/pdf",
    ".csv": "text/csv",
    ".ics": "text/calendar",
    ".yml": "text/yaml",
    ".yaml": "text/yaml",
    ".webmanifest": "application/manifest+json",
    ".map": "application/json",
    ".gz": "application/gzip",
    ".zip": "application/zip",
}
FALLBACK_TYPE = "application/octet-stream"
_SERVER_FILES = re.compile(rf"(^|/)({SERVER_FILES_PATTERN})$")
#: S3's rule for new bucket names: 3 to 63 lowercase letters, digits, dots and hyphens
_BUCKET = re.compile(r"[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")


class PublishError(ValueError):
    """A target or manifest that cannot work; the message is one line for people."""


@dataclass(frozen=True)
class Target:
    bucket: str
    #: ``""`` or a key prefix ending in ``/`` (``servicefinder/``)
    prefix: str

    def __str__(self) -> str:
        return f"s3://{self.bucket}/{self.prefix}"


def parse_target(url: str) -> Target:
    """``s3://BUCKET`` or ``s3://BUCKET/PREFIX``; a :class:`PublishError` otherwise."""
    if not url.startswith("s3://"):
        raise PublishError(f"expected s3://BUCKET or s3://BUCKET/PREFIX, got {url!r}")
    bucket, _, prefix = url.removeprefix("s3://").partition("/")
    if not _BUCKET.fullmatch(bucket) or ".." in bucket:
        raise PublishError(
            f"{bucket!r} is no bucket name: 3 to 63 lowercase letters, digits, dots and "
            f"hyphens, starting and ending with a letter or digit (in {url!r})"
        )
    parts = [part for part in prefix.split("/") if part]
    if any(part in (".", "..") for part in parts) or any(ord(c) < 32 for c in prefix):
        raise PublishError(f"the prefix in {url!r} holds '.', '..' or control characters")
    return Target(bucket, "".join(part + "/" for part in parts))


@dataclass(frozen=True, order=True)
class Headers:
    """What the store keeps with an object and sends with it."""

    content_type: str
    cache_control: str
    content_encoding: str = ""  # "" or "gzip"


def content_type(name: str) -> str:
    """The ``Content-Type`` of a file name, with ``charset=utf-8`` for every text type."""
    suffix = _suffix(name)
    media = MEDIA_TYPES.get(suffix) or OTHER_TYPES.get(suffix) or FALLBACK_TYPE
    if media.startswith("text/") and "charset=" not in media:
        media += "; charset=utf-8"
    return media


@dataclass(frozen=True)
class LocalObject:
    """One object the site should have: its key below the prefix, the file its bytes come
    from (the ``.gz`` copy for a precompressed file) and their MD5."""

    key: str
    source: Path
    md5: str
    size: int
    headers: Headers


def site_objects(site: Path) -> list[LocalObject]:
    """Every object the built ``site`` publishes, in key order.

    The ``.br`` and ``.gz`` copies are not objects of their own: the ``.gz`` bytes are
    stored under the original's key. ``.htaccess`` and ``_headers`` are for servers.
    The folder is read once with ``os.walk`` (no stat a file, no sorting of paths), as a
    national site has a few hundred thousand files.
    """
    files: set[str] = set()
    for folder, _, names in os.walk(site):
        rel = Path(folder).relative_to(site).as_posix()
        files.update(names if rel == "." else (f"{rel}/{name}" for name in names))
    found: list[LocalObject] = []
    for key in sorted(files):
        if _SERVER_FILES.search(key) or _is_copy(key, files):
            continue
        encoded = _suffix(key) in PRECOMPRESSED and key + ".gz" in files
        source = site / (key + ".gz" if encoded else key)
        data = source.read_bytes()
        headers = Headers(content_type(key), cache_control(key), "gzip" if encoded else "")
        found.append(LocalObject(key, source, hashlib.md5(data).hexdigest(), len(data), headers))
    return found


def _suffix(key: str) -> str:
    """``.html`` for ``a/b.html``; ``""`` without one (``a.b/c``, ``.htaccess``)."""
    name = key.rsplit("/", 1)[-1]
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def _is_copy(key: str, files: set[str]) -> bool:
    """``x.html.br`` or ``x.html.gz`` beside ``x.html``: a precompressed copy."""
    suffix = _suffix(key)
    if suffix not in ENCODINGS:
        return False
    original = key.removesuffix(suffix)
    return _suffix(original) in PRECOMPRESSED and original in files


@dataclass(frozen=True)
class RemoteObject:
    """An object in the bucket's listing: its ETag without quotes, and size."""

    etag: str
    size: int


@dataclass(frozen=True)
class Recorded:
    """What the manifest says this command stored under a key: the headers, and where the
    store's ETag is no MD5, the ETag it gave and the MD5 of the bytes that got it."""

    headers: Headers
    md5: str = ""
    etag: str = ""


@dataclass(frozen=True)
class Plan:
    #: the objects to upload, in the order they must be uploaded
    uploads: list[LocalObject]
    #: objects the bucket already has as they should be
    unchanged: list[LocalObject]
    #: keys below the prefix the site no longer has (the manifest not counted)
    stale: list[str]


def plan(
    local: list[LocalObject], remote: dict[str, RemoteObject], recorded: dict[str, Recorded]
) -> Plan:
    """Which of ``local`` must be uploaded to a bucket holding ``remote`` (keys below the
    prefix), given the manifest's ``recorded`` headers; and what the bucket has in excess."""
    uploads: list[LocalObject] = []
    unchanged: list[LocalObject] = []
    for obj in local:
        there = remote.get(obj.key)
        same = there is not None and _same(obj, there, recorded.get(obj.key))
        (unchanged if same else uploads).append(obj)
    produced = {obj.key for obj in local} | {MANIFEST}
    stale = sorted(key for key in remote if key not in produced)
    return Plan(sorted(uploads, key=upload_order), unchanged, stale)


def _same(obj: LocalObject, there: RemoteObject, record: Recorded | None) -> bool:
    if record is None or record.headers != obj.headers:
        return False
    if there.etag == obj.md5:
        return True
    return bool(record.etag) and record.etag == there.etag and record.md5 == obj.md5


def upload_order(obj: LocalObject) -> tuple[int, str]:
    """Hashed files, then other non-pages, then pages; by key within each."""
    if is_hashed(obj.key):
        return (0, obj.key)
    return (2 if obj.headers.content_type.startswith("text/html") else 1, obj.key)


def is_md5(etag: str) -> bool:
    return re.fullmatch(r"[0-9a-f]{32}", etag) is not None


def records(local: list[LocalObject], etags: dict[str, str]) -> dict[str, Recorded]:
    """The manifest after a publish: every local object's headers, and where the store's
    ETag (``etags``: the one the store gave the upload, or the listing's for an unchanged
    object) is no MD5 of the bytes, that ETag and the MD5 it stands for."""
    after: dict[str, Recorded] = {}
    for obj in local:
        etag = etags.get(obj.key, "")
        if etag == obj.md5 or not etag:
            after[obj.key] = Recorded(obj.headers)
        else:
            after[obj.key] = Recorded(obj.headers, obj.md5, etag)
    return after


def manifest_bytes(recorded: dict[str, Recorded]) -> bytes:
    """The manifest object: gzip-compressed JSON, byte-identical for the same records.

    Each distinct set of headers is written once and named by its place in a list, so an
    entry is the key and a small number (with the MD5 and ETag only where the ETag is no
    MD5): about 60 bytes an object before compression.
    """
    table = sorted({record.headers for record in recorded.values()})
    index = {headers: n for n, headers in enumerate(table)}
    objects: dict[str, int | list[int | str]] = {}
    for key in sorted(recorded):
        record = recorded[key]
        n = index[record.headers]
        objects[key] = [n, record.md5, record.etag] if record.etag else n
    document = {
        "format": MANIFEST_FORMAT,
        "written_by": "servicefinder publish",
        "headers": [[h.content_type, h.cache_control, h.content_encoding] for h in table],
        "objects": objects,
    }
    text = json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def read_manifest(data: bytes) -> dict[str, Recorded]:
    """The records of a manifest object; a :class:`PublishError` when it is not one this
    command wrote (the command then uploads everything, which repairs it)."""
    try:
        if data[:2] == b"\x1f\x8b":
            data = gzip.decompress(data)
        document = json.loads(data.decode("utf-8"))
        if document.get("format") != MANIFEST_FORMAT:
            raise PublishError(f"manifest format {document.get('format')!r} is not known")
        table = [Headers(*entry) for entry in document["headers"]]
        found: dict[str, Recorded] = {}
        for key, entry in document["objects"].items():
            if isinstance(entry, int):
                found[key] = Recorded(table[entry])
            else:
                n, md5, etag = entry
                found[key] = Recorded(table[n], md5, etag)
        return found
    except PublishError:
        raise
    except (OSError, EOFError, ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
        raise PublishError(f"the manifest cannot be read ({type(exc).__name__})") from None
