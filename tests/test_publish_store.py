"""``servicefinder publish`` against moto's S3-compatible server: what it refuses (one line,
a non-zero exit, nothing written), what ``--dry-run`` and ``--delete`` do, and an object a
multipart upload of another tool left behind (an ETag that is no MD5).

Every test runs the command line, so the file is marked slow (make test only). The whole
publish of a built site, changed and opened in Chromium, is tests/browser/test_publish.py.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.writer.publish import MANIFEST
from tests.helpers import run_cli
from tests.publish_fixture import (
    ENV,
    S3Server,
    free_port,
    public_bucket,
    s3_server,
    small_site,
)

pytestmark = pytest.mark.slow

BUCKET = "sf-store-test"


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[S3Server]:
    with s3_server(tmp_path_factory.mktemp("moto")) as started:
        public_bucket(started.client(), BUCKET)
        yield started


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A folder holding a built site in ``site/``, as a project does after the build."""
    small_site(tmp_path / "site")
    return tmp_path


def publish(project: Path, url: str, *args: str, **env: str) -> subprocess.CompletedProcess:
    return run_cli(project, "-v", "publish", url, *args, env={**ENV, **env})


def _uploaded(result: subprocess.CompletedProcess) -> list[str]:
    return [
        line.removeprefix("uploaded ")
        for line in result.stdout.splitlines()
        if line.startswith("uploaded ")
    ]


def _refused(result: subprocess.CompletedProcess, code: int, *words: str) -> None:
    """One line on stderr, naming what is wrong; no traceback; the expected exit code."""
    assert result.returncode == code, result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    for word in words:
        assert word in lines[0]


# --- refusals -------------------------------------------------------------------------------


def test_no_built_site(tmp_path: Path, server: S3Server):
    mark = server.mark()
    _refused(publish(tmp_path, f"s3://{BUCKET}", "--endpoint-url", server.url), 1, "build")
    assert server.writes(mark) == []


@pytest.mark.parametrize("url", ["https://sf-store-test/", "s3://Servicefinder_Site"])
def test_a_url_that_is_no_bucket(project: Path, server: S3Server, url: str):
    mark = server.mark()
    _refused(publish(project, url, "--endpoint-url", server.url), 2, repr(url))
    assert server.writes(mark) == []


def test_without_boto3_the_command_says_what_to_install(project: Path, tmp_path: Path):
    fake = tmp_path / "no-boto3"
    (fake / "boto3").mkdir(parents=True)
    (fake / "boto3/__init__.py").write_text("raise ImportError('No module named boto3')\n")
    result = publish(project, f"s3://{BUCKET}", PYTHONPATH=str(fake))
    _refused(result, 3, "servicefinder[s3]")


def test_an_endpoint_that_does_not_answer(project: Path):
    closed = f"http://127.0.0.1:{free_port()}"
    _refused(
        publish(project, f"s3://{BUCKET}", "--endpoint-url", closed), 3, "cannot reach", closed
    )


def test_a_bucket_that_does_not_exist(project: Path, server: S3Server):
    mark = server.mark()
    result = publish(project, "s3://no-such-bucket", "--endpoint-url", server.url)
    _refused(result, 3, "no bucket no-such-bucket")
    assert server.writes(mark) == []
    assert "no-such-bucket" not in [b["Name"] for b in server.client().list_buckets()["Buckets"]]


def test_credentials_the_store_does_not_accept(project: Path, tmp_path: Path):
    with s3_server(tmp_path, check_credentials=True) as strict:
        result = publish(project, f"s3://{BUCKET}", "--endpoint-url", strict.url)
        _refused(result, 3, "access denied", BUCKET)
        assert strict.writes() == []


def test_no_credentials_at_all(project: Path, server: S3Server):
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    result = subprocess.run(
        [*_cli(), "publish", f"s3://{BUCKET}", "--endpoint-url", server.url],
        cwd=project,
        capture_output=True,
        text=True,
        env={**env, **{k: v for k, v in ENV.items() if "KEY" not in k}},
        timeout=120,
    )
    _refused(result, 3, "no credentials", "AWS_ACCESS_KEY_ID")


def _cli() -> list[str]:
    import sys

    return [sys.executable, "-m", "generator.commands.cli"]


# --- what a publish does --------------------------------------------------------------------


def test_dry_run_changes_nothing(project: Path, server: S3Server):
    url = f"s3://{BUCKET}/dry-run"
    mark = server.mark()
    result = publish(project, url, "--dry-run", "--endpoint-url", server.url)
    assert result.returncode == 0, result.stderr
    assert "would upload index.html" in result.stdout
    assert server.writes(mark) == []
    assert server.client().list_objects_v2(Bucket=BUCKET, Prefix="dry-run/")["KeyCount"] == 0


def test_objects_the_site_no_longer_has_are_kept_and_counted_then_deleted(
    project: Path, server: S3Server
):
    url, prefix = f"s3://{BUCKET}/stale", "stale/"
    client = server.client()
    client.put_object(Bucket=BUCKET, Key="elsewhere.html", Body=b"not below the prefix")
    assert publish(project, url, "--endpoint-url", server.url).returncode == 0
    (project / "site/leistungen/testgeld/index.html").unlink()
    (project / "site/leistungen/testgeld/index.html.gz").unlink()

    kept = publish(project, url, "--endpoint-url", server.url)
    assert kept.returncode == 0, kept.stderr
    assert "kept 1 under s3://sf-store-test/stale/ that the site no longer has" in kept.stdout
    assert "leistungen/testgeld/index.html" in kept.stdout and "--delete" in kept.stdout
    client.head_object(Bucket=BUCKET, Key=prefix + "leistungen/testgeld/index.html")

    mark = server.mark()
    deleted = publish(project, url, "--delete", "--endpoint-url", server.url)
    assert deleted.returncode == 0, deleted.stderr
    assert "1 deleted" in deleted.stdout
    keys = {o["Key"] for o in client.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert prefix + "leistungen/testgeld/index.html" not in keys
    assert "elsewhere.html" in keys  # outside the prefix: never touched
    assert prefix + MANIFEST in keys
    assert [method for method, _ in server.writes(mark)] == ["POST", "PUT"]  # delete, manifest


def test_an_object_a_multipart_upload_left_is_replaced_once(project: Path, server: S3Server):
    """Same bytes, but an ETag that is no MD5 (``hex-2``) and no record of it: uploaded
    again in one PUT, and left alone from then on."""
    from boto3.s3.transfer import TransferConfig

    url, key = f"s3://{BUCKET}/multipart", "assets/karte.png"
    big = project / "site" / key
    big.write_bytes(os.urandom(6 * 1024 * 1024))
    assert publish(project, url, "--endpoint-url", server.url).returncode == 0
    client = server.client()
    client.upload_file(
        str(big),
        BUCKET,
        "multipart/" + key,
        Config=TransferConfig(
            multipart_threshold=5 * 1024 * 1024, multipart_chunksize=5 * 1024 * 1024
        ),
        ExtraArgs={"ContentType": "image/png", "CacheControl": "no-cache"},
    )
    assert client.head_object(Bucket=BUCKET, Key="multipart/" + key)["ETag"].endswith('-2"')

    mark = server.mark()
    again = publish(project, url, "--endpoint-url", server.url)
    assert again.returncode == 0, again.stderr
    assert _uploaded(again) == [key]
    assert [path for _, path in server.writes(mark)] == [
        f"{BUCKET}/multipart/{key}",
        f"{BUCKET}/multipart/{MANIFEST}",
    ]

    mark = server.mark()
    third = publish(project, url, "--endpoint-url", server.url)
    assert _uploaded(third) == [] and server.writes(mark) == []
