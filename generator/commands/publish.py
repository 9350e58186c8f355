"""``servicefinder publish s3://BUCKET[/PREFIX]``: the built site into a bucket of S3 or an
S3-compatible store (MinIO, Ceph, Hetzner, IONOS, ...) that a CDN serves.

What goes into the bucket and which objects must be uploaded is decided in
:mod:`generator.writer.publish`; this module talks to the store through boto3 (the extra
``servicefinder[s3]``) and speaks to people. Endpoint and credentials come the standard
way: ``AWS_ACCESS_KEY_ID``/``AWS_SECRET_ACCESS_KEY`` (or ``AWS_PROFILE`` and the files in
``~/.aws``), ``AWS_ENDPOINT_URL`` or ``--endpoint-url`` for a store other than AWS.

Objects the site no longer has stay in the bucket unless ``--delete`` is given, as with
``aws s3 sync`` and ``rsync``: the prefix may be shared with files the site does not know
(a download area, a verification file), and a removed page that lingers is reported on
every publish. What cannot work (no built site, a wrong URL, an endpoint that does not
answer, access denied, no such bucket) ends in one line and a non-zero exit, before any
object is written.
"""

from __future__ import annotations

import argparse
import base64
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from generator.commands.report import EXIT_BUILD, EXIT_CONTENT, EXIT_ENVIRONMENT
from generator.infra.errors import terminal_safe

if TYPE_CHECKING:
    from generator.writer.publish import LocalObject, Plan, Recorded, RemoteObject, Target

#: uploads at once: a PUT waits on the network far more than on this machine
WORKERS = 8
#: keys named when objects the site no longer has are kept
NAMED = 3
#: S3's limit for one DeleteObjects request
DELETE_BATCH = 1000
#: error codes that mean the credentials may not do this, or are not valid at all
DENIED = {
    "AccessDenied",
    "AllAccessDisabled",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "ExpiredToken",
    "InvalidToken",
    "AccountProblem",
    "403",
}
MISSING_BUCKET = {"NoSuchBucket", "404"}
#: what stores answer a batch delete whose checksum header they do not know
BATCH_REFUSED = {"MissingContentMD5", "InvalidRequest", "NotImplemented", "InvalidArgument"}


def add_parser(sub: Any) -> None:
    """The ``publish`` command on the command line (``cli.py`` calls this)."""
    p = sub.add_parser(
        "publish",
        help="upload the built site to an S3 bucket or an S3-compatible store: only the "
        "objects that changed, with Content-Type, Content-Encoding and Cache-Control",
        description="Upload the built site to s3://BUCKET[/PREFIX]. Objects are compared "
        "with the bucket's listing and the manifest this command keeps there; only "
        "changed ones are uploaded. Credentials and region come from "
        "the AWS_* variables or ~/.aws. See docs/hosting/README.md, 'Object storage'.",
    )
    p.add_argument("target", metavar="s3://BUCKET[/PREFIX]")
    p.add_argument("-d", "--site-dir", default="site", help="the built site (default: site)")
    p.add_argument(
        "--endpoint-url",
        default=None,
        help="the store's address, for S3-compatible stores such as MinIO, Ceph, Hetzner or "
        "IONOS (default: AWS_ENDPOINT_URL, else AWS S3)",
    )
    p.add_argument(
        "--path-style",
        action="store_true",
        help="name the bucket in the path, not the host name (MinIO and Ceph without wildcard DNS)",
    )
    p.add_argument(
        "--delete",
        action="store_true",
        help="delete objects under the prefix that the site no longer has (without it "
        "they are kept and counted)",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="say what would be uploaded and deleted; change nothing",
    )
    p.set_defaults(run=cmd_publish)


def _refuse(message: str, code: int) -> int:
    print(f"error: {terminal_safe(message)}", file=sys.stderr)
    return code


def cmd_publish(args: argparse.Namespace, project: Path) -> int:
    from generator.writer.publish import PublishError, parse_target

    try:
        target = parse_target(args.target)
    except PublishError as exc:
        return _refuse(f"publish: {exc}", EXIT_BUILD)
    site = project / args.site_dir
    if not (site / "index.html").is_file():
        return _refuse(f"{site} holds no built site; run `servicefinder build` first", EXIT_CONTENT)
    try:
        client = _client(args.endpoint_url, args.path_style)
    except ImportError:
        return _refuse(
            "publish needs boto3, which is not installed: pip install 'servicefinder[s3]'",
            EXIT_ENVIRONMENT,
        )
    except ValueError as exc:  # botocore's "Invalid endpoint: ..."
        return _refuse(f"--endpoint-url: {exc}", EXIT_BUILD)
    store = _Store(client, target)
    try:
        remote = store.listing()
    except Exception as exc:
        return _refuse(_why(exc, target, client), EXIT_ENVIRONMENT)
    try:
        return _publish(store, site, remote, args)
    except _Interrupted as exc:
        return _refuse(str(exc), EXIT_ENVIRONMENT)


def _client(endpoint_url: str | None, path_style: bool) -> Any:
    """An S3 client: few, short retries, so a wrong address fails in seconds; checksums
    only where the API requires them, as many S3-compatible stores reject the CRC headers
    newer boto3 sends by default (every PUT carries Content-MD5 instead)."""
    import boto3
    import botocore.session
    from botocore.config import Config

    config = Config(
        connect_timeout=10,
        read_timeout=60,
        retries={"max_attempts": 3, "mode": "standard"},
        max_pool_connections=WORKERS,
        request_checksum_calculation="when_required",
        response_checksum_validation="when_required",
        s3={"addressing_style": "path"} if path_style else {},
    )
    core = botocore.session.get_session()
    # LastModified is not used: parsing it with dateutil took half the client's time for a
    # listing (2 s of 4 for 4,000 keys, measured); the listing's timestamps stay text
    core.get_component("response_parser_factory").set_parser_defaults(timestamp_parser=str)
    session = boto3.session.Session(botocore_session=core)
    return session.client("s3", endpoint_url=endpoint_url, config=config)


class _Interrupted(Exception):
    """The store failed after some objects were written; the message says how far."""


class _Store:
    """The few calls a publish makes, on keys below the target's prefix."""

    def __init__(self, client: Any, target: Target) -> None:
        self.client = client
        self.target = target

    def listing(self) -> dict[str, RemoteObject]:
        from generator.writer.publish import RemoteObject

        found: dict[str, RemoteObject] = {}
        pages = self.client.get_paginator("list_objects_v2").paginate(
            Bucket=self.target.bucket, Prefix=self.target.prefix
        )
        for page in pages:
            for item in page.get("Contents", []):
                key = item["Key"].removeprefix(self.target.prefix)
                found[key] = RemoteObject(item["ETag"].strip('"'), item["Size"])
        return found

    def read(self, key: str) -> bytes:
        response = self.client.get_object(Bucket=self.target.bucket, Key=self.target.prefix + key)
        return bytes(response["Body"].read())

    def put(self, key: str, data: bytes, content_type: str, cache: str, encoding: str) -> str:
        """Store ``data`` under ``key`` in one PUT (so the ETag is its MD5 where the store
        does not encrypt); the ETag the store gave it."""
        import hashlib

        extra = {"ContentEncoding": encoding} if encoding else {}
        response = self.client.put_object(
            Bucket=self.target.bucket,
            Key=self.target.prefix + key,
            Body=data,
            ContentType=content_type,
            CacheControl=cache,
            ContentMD5=base64.b64encode(hashlib.md5(data).digest()).decode("ascii"),
            **extra,
        )
        return str(response["ETag"]).strip('"')

    def upload(self, obj: LocalObject) -> tuple[str, str]:
        h = obj.headers
        data = obj.source.read_bytes()
        return obj.key, self.put(obj.key, data, h.content_type, h.cache_control, h.content_encoding)

    def delete(self, keys: list[str]) -> None:
        """Up to 1,000 keys a request; one by one where the store refuses the checksum
        boto3 sends with a batch (several S3-compatible stores want Content-MD5 there)."""
        from botocore.exceptions import ClientError

        from generator.writer.publish import PublishError

        bucket = self.target.bucket
        for start in range(0, len(keys), DELETE_BATCH):
            batch = [self.target.prefix + k for k in keys[start : start + DELETE_BATCH]]
            try:
                response = self.client.delete_objects(
                    Bucket=bucket, Delete={"Objects": [{"Key": k} for k in batch], "Quiet": True}
                )
            except ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in BATCH_REFUSED:
                    raise
                for key in batch:
                    self.client.delete_object(Bucket=bucket, Key=key)
                continue
            if response.get("Errors"):
                first = response["Errors"][0]
                raise PublishError(f"cannot delete {first.get('Key')}: {first.get('Code')}")


def _publish(
    store: _Store, site: Path, remote: dict[str, RemoteObject], args: argparse.Namespace
) -> int:
    from generator.writer.publish import MANIFEST, manifest_bytes, plan, records, site_objects

    started = time.monotonic()
    recorded = _recorded(store, remote)
    local = site_objects(site)
    todo = plan(local, remote, recorded)
    size = sum(obj.size for obj in todo.uploads)
    print(
        f"{store.target}: {len(local)} objects in the site, {len(todo.uploads)} to upload "
        f"({_kb(size)}), {len(todo.unchanged)} unchanged"
    )
    if args.dry_run:
        for obj in todo.uploads:
            print(f"would upload {obj.key}")
        for key in todo.stale:
            print(f"would {'delete' if args.delete else 'keep'} {key}")
        return 0
    etags = {obj.key: remote[obj.key].etag for obj in todo.unchanged}
    etags.update(_upload(store, todo, args.verbose))
    deleted = 0
    if args.delete and todo.stale:
        _guarded(store, lambda: store.delete(todo.stale), f"{len(todo.uploads)} uploaded")
        deleted = len(todo.stale)
        if args.verbose:
            for key in todo.stale:
                print(f"deleted {key}")
    manifest = manifest_bytes(records(local, etags))
    if todo.uploads or deleted or _changed(manifest, remote):
        _guarded(
            store,
            lambda: store.put(MANIFEST, manifest, "application/json", "no-cache", "gzip"),
            "every object uploaded",
        )
    print(_summary(store.target, todo, size, deleted, time.monotonic() - started))
    return 0


def _recorded(store: _Store, remote: dict[str, RemoteObject]) -> dict[str, Recorded]:
    """The manifest's records; none (so everything is uploaded) where it is missing or
    unreadable."""
    from generator.writer.publish import MANIFEST, PublishError, read_manifest

    if MANIFEST not in remote:
        return {}
    try:
        return read_manifest(store.read(MANIFEST))
    except PublishError as exc:
        print(f"note: {MANIFEST}: {exc}; every object is uploaded again", file=sys.stderr)
        return {}


def _changed(manifest: bytes, remote: dict[str, RemoteObject]) -> bool:
    import hashlib

    from generator.writer.publish import MANIFEST

    there = remote.get(MANIFEST)
    return there is None or there.etag != hashlib.md5(manifest).hexdigest()


def _upload(store: _Store, todo: Plan, verbose: bool) -> dict[str, str]:
    """Upload in :func:`upload_order`'s groups, each finished before the next starts."""
    from generator.writer.publish import upload_order

    etags: dict[str, str] = {}
    groups: dict[int, list[LocalObject]] = {}
    for obj in todo.uploads:
        groups.setdefault(upload_order(obj)[0], []).append(obj)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        for group in groups.values():
            futures = [pool.submit(store.upload, obj) for obj in group]
            for future in futures:
                try:
                    key, etag = future.result()
                except Exception as exc:
                    for other in futures:
                        other.cancel()
                    raise _Interrupted(
                        f"{_why(exc, store.target, store.client)}; {len(etags)} of "
                        f"{len(todo.uploads)} objects were uploaded before (pages go last: "
                        "those not uploaded show the previous build); publish again"
                    ) from None
                etags[key] = etag
                if verbose:
                    print(f"uploaded {key}")
    return etags


def _guarded(store: _Store, action: Any, done: str) -> None:
    """``action()``, a failure of which is reported with how far the publish got."""
    try:
        action()
    except Exception as exc:
        raise _Interrupted(
            f"{_why(exc, store.target, store.client)} ({done} before); publish again"
        ) from None


def _summary(target: Target, todo: Plan, size: int, deleted: int, seconds: float) -> str:
    line = (
        f"published {target}: {len(todo.uploads)} uploaded ({_kb(size)}), "
        f"{len(todo.unchanged)} unchanged, {deleted} deleted in {seconds:.1f} s"
    )
    kept = len(todo.stale) - deleted
    if kept:
        named = ", ".join(todo.stale[:NAMED]) + (", ..." if kept > NAMED else "")
        line += (
            f"\nkept {kept} under {target} that the site no longer has ({named}); "
            "--delete removes them"
        )
    return line


def _kb(size: int) -> str:
    return f"{size / 1024:,.1f} KB"


def _why(exc: Exception, target: Target, client: Any) -> str:
    """One sentence for what the store answered (or that it did not answer)."""
    from botocore.exceptions import (
        ClientError,
        ConnectTimeoutError,
        EndpointConnectionError,
        NoCredentialsError,
        ParamValidationError,
        PartialCredentialsError,
        ReadTimeoutError,
    )

    from generator.writer.publish import PublishError

    endpoint = client.meta.endpoint_url
    bucket = target.bucket
    if isinstance(exc, PublishError):
        return str(exc)
    if isinstance(exc, EndpointConnectionError | ConnectTimeoutError | ReadTimeoutError):
        return f"cannot reach {endpoint}: check --endpoint-url, AWS_ENDPOINT_URL and the network"
    if isinstance(exc, NoCredentialsError | PartialCredentialsError):
        return (
            "no credentials for the store: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
            "(or AWS_PROFILE)"
        )
    if isinstance(exc, ParamValidationError):
        return f"the store refused the request: {exc}"
    if isinstance(exc, ClientError):
        error = exc.response.get("Error", {})
        code = str(error.get("Code", ""))
        status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        if code in DENIED or status == 403:
            return (
                f"access denied to bucket {bucket} at {endpoint} ({code}): check the "
                "credentials (AWS_ACCESS_KEY_ID, AWS_PROFILE) and that they may list, "
                "read, write and delete objects there"
            )
        if code in MISSING_BUCKET:
            return f"there is no bucket {bucket} at {endpoint}; create it first"
        return f"the store answered {code or status}: {error.get('Message', '')}".rstrip(": ")
    return f"the store failed: {type(exc).__name__}: {exc}"
