"""For the publishing tests: an S3-compatible store, and a small site as the build leaves it.

The store is moto's server (``moto[server]`` from PyPI, a test dependency), started as a
child process on a free loopback port and stopped by its process id.

Its access log is the server's own account of what a publish did: :meth:`S3Server.writes`
reads the PUT requests from it, so a test counts uploads where they arrive, not where the
command says it sent them.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest

#: what the command line needs to reach the test store, and nothing from this machine's
#: own AWS set-up; no lookup of instance credentials on the network
ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
    "AWS_DEFAULT_REGION": "eu-central-1",
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
}
_REQUEST = re.compile(r'"(PUT|POST|DELETE) /([^ ?"]*)(\?[^ "]*)? HTTP/[0-9.]+" (\d{3})')


@dataclass
class S3Server:
    url: str
    process: subprocess.Popen
    log: Path

    def client(self, **env: str) -> Any:
        import boto3

        credentials = {**ENV, **env}
        return boto3.session.Session(
            aws_access_key_id=credentials["AWS_ACCESS_KEY_ID"],
            aws_secret_access_key=credentials["AWS_SECRET_ACCESS_KEY"],
            region_name=credentials["AWS_DEFAULT_REGION"],
        ).client("s3", endpoint_url=self.url)

    def mark(self) -> int:
        """Where the access log ends now: :meth:`writes` after this point."""
        return self.log.stat().st_size

    def writes(self, since: int = 0) -> list[tuple[str, str]]:
        """(method, path) of every successful write request since ``since``, in order."""
        with self.log.open("rb") as f:
            f.seek(since)
            text = f.read().decode("utf-8", "replace")
        return [
            (m.group(1), unquote(m.group(2)))
            for m in _REQUEST.finditer(text)
            if m.group(4).startswith("2")
        ]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def s3_server(folder: Path, *, check_credentials: bool = False) -> Iterator[S3Server]:
    """moto's S3 server on loopback; ``check_credentials``: refuse keys it does not know
    (moto then checks every request, as a real store does)."""
    port = free_port()
    log = folder / f"moto-{port}.log"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    if check_credentials:
        env["INITIAL_NO_AUTH_ACTION_COUNT"] = "0"
    binary = Path(sys.executable).with_name("moto_server")
    if not binary.exists():
        pytest.fail("moto_server is missing: `make test` installs moto[server] (pip, .[test])")
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(binary), "-H", "127.0.0.1", "-p", str(port)],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    server = S3Server(f"http://127.0.0.1:{port}", process, log)
    try:
        _wait_until_up(server, port)
        yield server
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_until_up(server: S3Server, port: int, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"moto's S3 server did not start:\n{server.log.read_text(errors='replace')}")


def public_bucket(client: Any, name: str) -> None:
    """A bucket anyone may read objects from, as a site behind a CDN (or the store's
    website endpoint) is set up: the policy hosts give such a bucket."""
    client.create_bucket(
        Bucket=name, CreateBucketConfiguration={"LocationConstraint": ENV["AWS_DEFAULT_REGION"]}
    )
    policy = {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{name}/*",
            }
        ],
    }
    client.put_bucket_policy(Bucket=name, Policy=json.dumps(policy))


#: a page over 1 KB, so the build's compression step gives it copies
PAGE = "<!doctype html><title>Seite</title>" + "<p>Ein Absatz über Hilfen.</p>" * 80
HASHED_JS = "assets/app.0123456789.js"


def small_site(root: Path) -> Path:
    """A site as the build leaves it, without building: pages, a hashed script, an image,
    the server files, and the .br/.gz copies precompress() writes beside every text file
    over 1 KB."""
    from generator.infra.precompress import precompress

    files = {
        "index.html": PAGE,
        "leistungen/testgeld/index.html": PAGE.replace("Seite", "Testgeld"),
        HASHED_JS: "var x = 1;\n" * 200,
        "robots.txt": "User-agent: *\n",
        ".htaccess": "ErrorDocument 404 /404.html\n",
        "_headers": "/*\n  X-Content-Type-Options: nosniff\n",
        "downloads/liste.csv.gz": "",  # a download that happens to be gzip, no copy
    }
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "assets/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    assert precompress(root) == 3
    return root
