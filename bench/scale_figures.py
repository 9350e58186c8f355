"""Build synthetic sites of state size and print one table of figures.

Usage: ``.venv/bin/python bench/scale_figures.py [SIZES]`` (default ``100,1000,3000``).
For each size, German only and German with English translations (every service has its
easy-language variant), it measures with ``servicefinder build`` in a fresh process:

- the first build (empty cache), its time per page and its peak memory (largest process);
- the share of that time spent checking content, in Servicefinder's own work (rendering,
  search index, lookup data, compression) and in MkDocs and Material, as the build reports;
- the same pages built by a bare mkdocs-material project from pre-rendered Markdown (the
  pages' HTML as Markdown files, Material's own search, no plugin of ours): the baseline;
- a second build with nothing changed, and a build after editing one service's text.

Prints figures; asserts nothing.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
sys.path.insert(0, str(REPO))

from synthetic import make_project  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600"}


def run(args: list[str], cwd: Path) -> tuple[float, float, str]:
    """Wall time (s), peak resident memory of the largest process (MB), and stdout."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(args, cwd=cwd, env=ENV, stdout=out, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text = out.read().decode()
        if proc.returncode:
            raise RuntimeError(f"{' '.join(args)} failed:\n{err.read().decode()[-2000:]}")
    return elapsed, usage.ru_maxrss / 1024, text


def build(root: Path) -> tuple[float, float, dict[str, float]]:
    elapsed, peak, out = run([sys.executable, "-m", "generator.commands.cli", "build"], root)
    found = re.search(
        r"time: ([\d.]+) s: checking content ([\d.]+) s, Servicefinder ([\d.]+) s, "
        r"MkDocs and Material ([\d.]+) s",
        out,
    )
    assert found, out
    total, checking, ours, mkdocs = map(float, found.groups())
    return elapsed, peak, {"checking": checking, "ours": ours, "mkdocs": mkdocs, "total": total}


def bare_project(root: Path, folder: Path) -> Path:
    """The pages of ``root`` as a bare mkdocs-material project: Markdown files holding the
    pages' content, the same navigation, Material's defaults and its own search."""
    from generator.infra.clock import build_date
    from generator.pipeline import BuildOptions, Project, build_bundle

    bundle = build_bundle(Project.at(root, use_cache=False), build_date(), BuildOptions())
    docs = folder / "docs"
    for page in bundle.pages:
        path = docs / page.src_uri
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = yaml.safe_dump({"title": page.title}, allow_unicode=True)
        path.write_text(f"---\n{meta}---\n\n{page.html}\n", encoding="utf-8")
    ours = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    config = {
        "site_name": ours["site_name"],
        "theme": {"name": "material", "language": "de"},
        "plugins": ["search"],
        "nav": ours["nav"],
        "not_in_nav": ours["not_in_nav"],
        "validation": ours["validation"],
    }
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    return folder


def edit_one(root: Path) -> None:
    path = root / "content/services/leistung-00000.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["summary"] = "Geändert. " + data["summary"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def measure(n: int, english: bool, tmp: Path) -> dict[str, object]:
    root = make_project(tmp / f"site-{n}-{english}", n, english=english)
    cold, peak, parts = build(root)
    pages = sum(1 for _ in (root / "site").rglob("index.html"))
    warm, _, _ = build(root)
    edit_one(root)
    edited, _, _ = build(root)
    bare = bare_project(root, tmp / f"bare-{n}-{english}")
    bare_time, bare_peak, _ = run([sys.executable, "-m", "mkdocs", "build", "-q"], bare)
    return {
        "n": n,
        "en": english,
        "pages": pages,
        "cold": cold,
        "peak": peak,
        "parts": parts,
        "bare": bare_time,
        "bare_peak": bare_peak,
        "warm": warm,
        "edited": edited,
    }


def main() -> None:
    sizes = [int(s) for s in (sys.argv[1] if len(sys.argv) > 1 else "100,1000,3000").split(",")]
    head = (
        f"{'services':>8} {'EN':>3} {'pages':>6} | {'build s':>7} {'ms/page':>7} {'peak MB':>7}"
        f" | {'check':>5} {'ours':>5} {'MkDocs':>6} | {'bare s':>6} {'bare MB':>7}"
        f" {'ours-bare':>9} | {'again s':>7} {'1 edit s':>8}"
    )
    print(head)
    print("-" * len(head))
    with tempfile.TemporaryDirectory() as folder:
        for n in sizes:
            for english in (False, True):
                r = measure(n, english, Path(folder))
                parts = r["parts"]
                share = {k: 100 * parts[k] / parts["total"] for k in ("checking", "ours", "mkdocs")}
                over = 100 * (r["cold"] - r["bare"]) / r["bare"]
                print(
                    f"{n:>8} {'yes' if english else 'no':>3} {r['pages']:>6} | "
                    f"{r['cold']:>7.1f} {1000 * r['cold'] / r['pages']:>7.1f} {r['peak']:>7.0f}"
                    f" | {share['checking']:>4.0f}% {share['ours']:>4.0f}% {share['mkdocs']:>5.0f}%"
                    f" | {r['bare']:>6.1f} {r['bare_peak']:>7.0f} {over:>+8.0f}%"
                    f" | {r['warm']:>7.1f} {r['edited']:>8.1f}",
                    flush=True,
                )
    print(
        "\nbuild s: first build, empty cache; check/ours/MkDocs: its time checking content, in "
        "Servicefinder's code and in MkDocs+Material;\nbare: the same pages from pre-rendered "
        "Markdown in a bare mkdocs-material project; ours-bare: how much longer the build is;"
        "\nagain: nothing changed; 1 edit: one service's summary changed."
    )


if __name__ == "__main__":
    main()
