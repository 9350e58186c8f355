"""Publishing to object storage, the plan: which objects a bucket gets, with which headers,
and which a publish uploads, from a site folder and a bucket listing (no store needed).

The command against a real S3-compatible server is tested in tests/test_publish_store.py
(refusals, deletion, multipart ETags) and tests/browser/test_publish.py (a site built,
published, changed, published again, and opened in Chromium from the bucket).
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import pytest

from generator.infra.security import CACHE_HASHED, CACHE_OTHER, HEADERS
from generator.site.admin import SERVER_POLICY as ADMIN_POLICY
from generator.writer.publish import (
    MANIFEST,
    Headers,
    LocalObject,
    PublishError,
    Recorded,
    RemoteObject,
    Target,
    content_type,
    manifest_bytes,
    parse_target,
    plan,
    read_manifest,
    records,
    site_objects,
)
from generator.writer.server_configs import MEDIA_TYPES
from tests.project_fixture import REPO
from tests.publish_fixture import HASHED_JS, PAGE, small_site


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return small_site(tmp_path / "site")


def _by_key(site: Path) -> dict[str, LocalObject]:
    return {obj.key: obj for obj in site_objects(site)}


# --- the target ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "bucket", "prefix"),
    [
        ("s3://sf-site", "sf-site", ""),
        ("s3://sf-site/", "sf-site", ""),
        ("s3://sf.example.org/servicefinder", "sf.example.org", "servicefinder/"),
        ("s3://sf-site//a/b/", "sf-site", "a/b/"),
    ],
)
def test_target(url: str, bucket: str, prefix: str):
    assert parse_target(url) == Target(bucket, prefix)


@pytest.mark.parametrize(
    "url",
    ["https://sf-site", "sf-site", "s3://", "s3://Sf_Site", "s3://ab", "s3://a..b", "s3://x/../y"],
)
def test_bad_target(url: str):
    with pytest.raises(PublishError):
        parse_target(url)


# --- the objects and their headers --------------------------------------------------------


def test_precompressed_files_are_stored_as_their_gzip_bytes_under_the_plain_key(site: Path):
    objects = _by_key(site)
    page = objects["index.html"]
    gz = (site / "index.html.gz").read_bytes()
    assert page.headers.content_encoding == "gzip"
    assert page.md5 == hashlib.md5(gz).hexdigest() and page.size == len(gz)
    assert gzip.decompress(page.source.read_bytes()).decode("utf-8") == PAGE
    # no key for a copy: a bucket cannot choose one by Accept-Encoding
    assert not [key for key in objects if key.endswith((".br", ".gz")) and "downloads" not in key]


def test_files_without_copies_are_stored_as_they_are(site: Path):
    objects = _by_key(site)
    for key in ("robots.txt", "assets/logo.png", "downloads/liste.csv.gz"):
        obj = objects[key]
        assert obj.headers.content_encoding == ""
        assert obj.md5 == hashlib.md5((site / key).read_bytes()).hexdigest()
    assert objects["downloads/liste.csv.gz"].headers.content_type == "application/gzip"


def test_server_files_are_not_published(site: Path):
    assert {".htaccess", "_headers"}.isdisjoint(_by_key(site))


def test_cache_control_is_the_servers_policy(site: Path):
    objects = _by_key(site)
    assert objects[HASHED_JS].headers.cache_control == CACHE_HASHED
    for key in ("index.html", "robots.txt", "assets/logo.png"):
        assert objects[key].headers.cache_control == CACHE_OTHER


def test_content_types_are_the_servers_with_a_charset_for_text(site: Path):
    objects = _by_key(site)
    assert objects["index.html"].headers.content_type == "text/html; charset=utf-8"
    assert objects[HASHED_JS].headers.content_type == "text/javascript; charset=utf-8"
    assert objects["robots.txt"].headers.content_type == "text/plain; charset=utf-8"
    assert objects["assets/logo.png"].headers.content_type == "image/png"
    for suffix, media in MEDIA_TYPES.items():
        stored = content_type("file" + suffix)
        assert stored.split(";")[0] == media.split(";")[0], suffix
        assert stored.startswith("text/") <= ("charset=utf-8" in stored), suffix
    assert content_type("LICENCE") == "application/octet-stream"


# --- the plan -----------------------------------------------------------------------------


def _uploaded_as_planned(local: list[LocalObject]) -> tuple[dict, dict]:
    """The listing and the manifest records right after everything was uploaded."""
    remote = {obj.key: RemoteObject(obj.md5, obj.size) for obj in local}
    return remote, records(local, {obj.key: obj.md5 for obj in local})


def test_a_first_publish_uploads_everything_a_second_nothing(site: Path):
    local = site_objects(site)
    assert len(plan(local, {}, {}).uploads) == len(local)
    remote, recorded = _uploaded_as_planned(local)
    again = plan(local, remote, recorded)
    assert again.uploads == [] and len(again.unchanged) == len(local)


def test_only_changed_bytes_are_uploaded(site: Path):
    remote, recorded = _uploaded_as_planned(site_objects(site))
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /suche/\n", encoding="utf-8")
    assert [obj.key for obj in plan(site_objects(site), remote, recorded).uploads] == ["robots.txt"]


def test_changed_headers_alone_are_uploaded(site: Path):
    local = site_objects(site)
    remote, recorded = _uploaded_as_planned(local)
    old = recorded["robots.txt"].headers
    recorded["robots.txt"] = Recorded(Headers("text/plain", old.cache_control))
    assert [obj.key for obj in plan(local, remote, recorded).uploads] == ["robots.txt"]


def test_without_a_manifest_everything_is_uploaded_once(site: Path):
    """Same bytes but unknown headers (a bucket another tool filled): upload them all."""
    local = site_objects(site)
    remote, _ = _uploaded_as_planned(local)
    assert len(plan(local, remote, {}).uploads) == len(local)


def test_an_etag_that_is_no_md5_counts_only_as_recorded(site: Path):
    """A multipart upload's ETag (hex-N), or an encrypted bucket's: the same object only
    when the manifest recorded that ETag for these bytes."""
    local = site_objects(site)
    remote, recorded = _uploaded_as_planned(local)
    remote["robots.txt"] = RemoteObject("9b2cf535f27731c974343645a3985328-2", 14)
    assert [obj.key for obj in plan(local, remote, recorded).uploads] == ["robots.txt"]
    etags = {key: there.etag for key, there in remote.items()}
    recorded = records(local, etags)
    assert plan(local, remote, recorded).uploads == []
    # and once the bytes change, the recorded ETag no longer vouches for them
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /\n", encoding="utf-8")
    assert [obj.key for obj in plan(site_objects(site), remote, recorded).uploads] == ["robots.txt"]


def test_objects_the_site_no_longer_has_are_stale_but_not_the_manifest(site: Path):
    local = site_objects(site)
    remote, recorded = _uploaded_as_planned(local)
    remote["leistungen/alt/index.html"] = RemoteObject("0" * 32, 1)
    remote[MANIFEST] = RemoteObject("1" * 32, 1)
    assert plan(local, remote, recorded).stale == ["leistungen/alt/index.html"]


def test_pages_are_uploaded_last_hashed_files_first(site: Path):
    kinds = [
        "hashed" if obj.key == HASHED_JS else obj.headers.content_type.split(";")[0]
        for obj in plan(site_objects(site), {}, {}).uploads
    ]
    assert kinds[0] == "hashed"
    assert kinds[-2:] == ["text/html", "text/html"]
    assert "text/html" not in kinds[:-2]


# --- the manifest -------------------------------------------------------------------------


def test_manifest_round_trip_and_same_bytes_for_the_same_records(site: Path):
    local = site_objects(site)
    etags = {obj.key: obj.md5 for obj in local} | {"robots.txt": "abc-2"}
    recorded = records(local, etags)
    data = manifest_bytes(recorded)
    assert read_manifest(data) == recorded
    assert manifest_bytes(dict(reversed(list(recorded.items())))) == data
    assert recorded["robots.txt"].etag == "abc-2" and recorded["index.html"].etag == ""


@pytest.mark.parametrize(
    "data", [b"", b"\x1f\x8b broken", b"[]", b'{"format": 99}', b'{"format": 1, "headers": []}']
)
def test_an_unreadable_manifest_is_refused(data: bytes):
    with pytest.raises(PublishError):
        read_manifest(data)


# --- the documentation --------------------------------------------------------------------


def test_the_hosting_guide_names_every_header_the_cdn_must_add():
    """A store keeps none of the security headers: the guide lists them for the CDN, as
    the policy has them, the browser editor's own policy included."""
    text = (REPO / "docs/hosting/README.md").read_text(encoding="utf-8")
    section = text[text.index("## Object storage") :]
    section = section[: section.find("\n## ", 1)]
    for name, value in HEADERS.items():
        assert f"{name}: {value}" in section, name
    assert ADMIN_POLICY in section
    assert "servicefinder publish" in section and "--delete" in section


# --- the store's calls ----------------------------------------------------------------------


class _RefusesBatches:
    """A store that wants Content-MD5 on a batch delete, as several S3-compatible ones do."""

    def __init__(self, code: str) -> None:
        self.code = code
        self.deleted: list[str] = []

    def delete_objects(self, **kwargs):
        from botocore.exceptions import ClientError

        raise ClientError({"Error": {"Code": self.code, "Message": "no"}}, "DeleteObjects")

    def delete_object(self, Bucket: str, Key: str) -> None:
        self.deleted.append(f"{Bucket}/{Key}")


def test_a_store_that_refuses_batch_deletes_gets_them_one_by_one():
    from generator.commands.publish import _Store

    client = _RefusesBatches("MissingContentMD5")
    _Store(client, Target("sf-site", "sub/")).delete(["a.html", "b/index.html"])
    assert client.deleted == ["sf-site/sub/a.html", "sf-site/sub/b/index.html"]


def test_other_refusals_of_a_batch_delete_are_not_retried():
    from botocore.exceptions import ClientError

    from generator.commands.publish import _Store

    client = _RefusesBatches("AccessDenied")
    with pytest.raises(ClientError):
        _Store(client, Target("sf-site", "")).delete(["a.html"])
    assert client.deleted == []
