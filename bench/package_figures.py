"""What a municipality waits for: wheel, install, ``init`` to the first built site, checks.

Usage: ``.venv/bin/python bench/package_figures.py [ARS]`` (default 03155, Landkreis
Northeim), with the whole-country open-data files in ``../shared/data/geo``. Builds the
wheel from this checkout, installs it into a fresh virtual environment in a temporary
folder (packages from the package index, or pip's cache), runs ``servicefinder init`` and
the site repository's checks, and prints each step's wall time. Asserts nothing.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GEO = REPO.parent / "shared" / "data" / "geo"
DIRECTORY = GEO / "destatis-gv-2020q4-grundeinkommensbuero" / "AuszugGV4QAktuell.csv"
POSTCODES = GEO / "pcvolkmer-ags-example" / "ags.csv"


def timed(label: str, args: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=cwd, check=True, capture_output=True, env=ENV)
    seconds = time.perf_counter() - start
    print(f"{label:<44} {seconds:7.1f} s")
    return seconds


ENV = {k: v for k, v in os.environ.items() if k != "VIRTUAL_ENV"} | {"NO_MKDOCS_2_WARNING": "1"}


def main() -> None:
    area = sys.argv[1] if len(sys.argv) > 1 else "03155"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        dist = work / "dist"
        py = [sys.executable, "-m", "pip"]
        timed("wheel built", [*py, "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)], work)
        wheel = next(dist.glob("*.whl"))
        print(f"{'wheel size':<44} {wheel.stat().st_size / 1024:7.0f} KB")
        env = work / "env"
        start = time.perf_counter()
        venv.EnvBuilder(with_pip=True).create(env)
        print(f"{'fresh virtual environment':<44} {time.perf_counter() - start:7.1f} s")
        python = str(env / ("Scripts" if os.name == "nt" else "bin") / "python")
        timed("pip install of the wheel", [python, "-m", "pip", "install", "-q", str(wheel)], work)
        sf = [python, "-m", "servicefinder"]
        site = work / "site-repo"
        total = timed(
            f"init --area {area}",
            [*sf, "init", str(site), "--area", area, "--directory", str(DIRECTORY),
             "--postcodes", str(POSTCODES)],
            work,
        )  # fmt: skip
        total += timed("first build --strict (cold)", [*sf, "build", "--strict"], site)
        print(f"{'init to first built site':<44} {total:7.1f} s")
        checks = 0.0
        for args in (["validate", "--strict"], ["build", "--strict"], ["check-links"],
                     ["check-pages"]):  # fmt: skip
            checks += timed(f"  {' '.join(args)}", [*sf, *args], site)
        print(f"{'the site repository check (all four)':<44} {checks:7.1f} s")


if __name__ == "__main__":
    main()
