"""What ``servicefinder publish`` sends to a bucket: first publish, a publish with nothing
changed, and one after a one-service edit.

Usage: ``.venv/bin/python bench/publish_figures.py [N]`` (synthetic services, default 300;
0 for the example site only). Each project is built, then published into moto's
S3-compatible server on loopback (as in the tests). Prints, for each publish, the objects
uploaded and their bytes, the requests the server logged by method, the wall time, and the
size of the manifest object. Times are those of moto, a Python server on this machine, not
of a store across a network: the request counts are the figures that carry over. Asserts
nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO / "bench"), str(REPO)]

import yaml  # noqa: E402
from synthetic import build, copy_example, make_project  # noqa: E402

from generator.writer.publish import MANIFEST, site_objects  # noqa: E402
from tests.publish_fixture import ENV, S3Server, public_bucket, s3_server  # noqa: E402

CLI = [sys.executable, "-m", "generator.commands.cli"]
_LINE = re.compile(r'"(GET|PUT|POST|DELETE|HEAD) /')
_UPLOADED = re.compile(r"published .*: (\d+) uploaded \(([\d,.]+) KB\)")


def requests(server: S3Server, since: int) -> Counter[str]:
    with server.log.open("rb") as f:
        f.seek(since)
        return Counter(_LINE.findall(f.read().decode("utf-8", "replace")))


def publish(root: Path, server: S3Server, bucket: str, label: str) -> None:
    mark = server.mark()
    start = time.perf_counter()
    result = subprocess.run(
        [*CLI, "publish", f"s3://{bucket}", "--endpoint-url", server.url, "--delete"],
        cwd=root,
        env={**os.environ, **ENV, "NO_MKDOCS_2_WARNING": "1"},
        capture_output=True,
        text=True,
        check=True,
    )
    wall = time.perf_counter() - start
    found = _UPLOADED.search(result.stdout)
    uploads, size = (found.group(1), found.group(2)) if found else ("?", "?")
    counted = ", ".join(f"{n} {m}" for m, n in sorted(requests(server, mark).items()))
    print(f"  {label:<28} {uploads:>6} uploaded ({size} KB)  requests: {counted}  {wall:.1f} s")


def measure(label: str, root: Path, server: S3Server, service: Path) -> None:
    site = build(root)
    objects = site_objects(site)
    stored = sum(obj.size for obj in objects)
    print(f"{label}: {len(objects)} objects, {stored / 1024:,.0f} KB as stored")
    bucket = re.sub(r"[^a-z0-9-]", "-", label.lower())[:40].strip("-")
    public_bucket(server.client(), bucket)
    publish(root, server, bucket, "first publish")
    publish(root, server, bucket, "nothing changed")
    data = yaml.safe_load(service.read_text(encoding="utf-8"))
    data["description"] += "\n\nGeändert."
    service.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    build(root)
    publish(root, server, bucket, "one service edited")
    manifest = server.client().head_object(Bucket=bucket, Key=MANIFEST)["ContentLength"]
    print(f"  manifest object: {manifest / 1024:,.1f} KB (gzip)")


def quote_digests(root: Path) -> Path:
    """Quote the translations' digests: ``synthetic.py`` writes ``662e96157267`` bare,
    which the content loader reads as a number (6.62e96157267) and refuses."""
    for path in (root / "content/services").glob("*.en.yaml"):
        text = path.read_text(encoding="utf-8")
        path.write_text(
            re.sub(r"(?m)^(  [a-z_]+: )([0-9a-f]{12})$", r'\1"\2"', text), encoding="utf-8"
        )
    return root


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    with tempfile.TemporaryDirectory() as tmp, s3_server(Path(tmp)) as server:
        example = copy_example(Path(tmp) / "example")
        service = example / "content/services/hilfe-zum-lebensunterhalt.yaml"
        measure("example site", example, server, service)
        if n:
            root = quote_digests(make_project(Path(tmp) / f"synthetic-{n}", n))
            service = root / "content/services/leistung-00000.yaml"
            measure(f"synthetic {n} services DE+EN", root, server, service)


if __name__ == "__main__":
    main()
