"""Servicefinder as a municipality meets it: a wheel installed into a fresh virtual
environment outside this repository, ``servicefinder init`` for a district, a second
service added by copying the first, and the site repository's own checks.

Run twice: as on Linux, and as on a system without ``fcntl``, ``os.O_NOFOLLOW`` and
``fork`` (Windows), imitated in every process of the run by a ``sitecustomize`` module and
``SERVICEFINDER_START_METHOD=spawn``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

import pytest
import yaml

from tests.project_fixture import REPO

pytestmark = pytest.mark.tool

GEO = REPO.parent / "shared" / "data" / "geo"
DIRECTORY = GEO / "destatis-gv-2020q4-grundeinkommensbuero" / "AuszugGV4QAktuell.csv"
POSTCODES = GEO / "pcvolkmer-ags-example" / "ags.csv"

#: hides what Windows lacks from every Python process started with it on the path
NOT_UNIX = """\
import os
import sys

sys.modules["fcntl"] = None  # "import fcntl" raises ImportError, as on Windows
os.__dict__.pop("O_NOFOLLOW", None)
"""


def _bin(env: Path, name: str) -> Path:
    return env / ("Scripts" if os.name == "nt" else "bin") / name


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel built from this checkout installed."""
    work = tmp_path_factory.mktemp("package")
    dist = work / "dist"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(dist), str(REPO)],
        check=True,
        cwd=work,
    )
    wheels = sorted(dist.glob("servicefinder-*.whl"))
    assert len(wheels) == 1, wheels
    env = work / "env"
    venv.EnvBuilder(with_pip=True).create(env)
    subprocess.run(
        [str(_bin(env, "python")), "-m", "pip", "install", "-q", str(wheels[0])],
        check=True,
        cwd=work,
    )
    return env


def test_the_wheel_holds_the_tool_and_no_example_content(installed: Path) -> None:
    found = subprocess.run(
        [
            str(_bin(installed, "python")),
            "-c",
            "import generator, generator.infra.resources as r; print(generator.__file__); "
            "print(r.tool_folder('templates')); print(r.tool_folder('site_overrides'))",
        ],
        capture_output=True,
        text=True,
        check=True,
        cwd=installed.parent,
    ).stdout.split("\n")
    package = Path(found[0]).parent
    assert REPO not in package.parents, "the installed package is this checkout"
    for folder in found[1:3]:
        assert Path(folder).is_relative_to(package), folder
        assert any(Path(folder).iterdir())
    assert (Path(found[1]) / "service.html").is_file()
    assert (Path(found[2]) / "assets" / "lookup.js").is_file()
    assert not (package.parent / "content").exists()
    # every subpackage of generator/ is listed in pyproject.toml, so none is left out
    sources = {p.parent for p in (REPO / "generator").rglob("__init__.py")}
    for source in sources:
        relative = source.relative_to(REPO)
        assert (package.parent / relative / "__init__.py").is_file(), relative


@pytest.mark.parametrize("system", ["linux", "without-fork-fcntl-nofollow"])
@pytest.mark.skipif(not DIRECTORY.is_file(), reason="the shared open-data files are not here")
def test_init_then_the_site_repositorys_checks_pass(
    installed: Path, tmp_path: Path, system: str
) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    environ["NO_MKDOCS_2_WARNING"] = "1"
    if system != "linux":
        hide = tmp_path / "hide"
        hide.mkdir()
        (hide / "sitecustomize.py").write_text(NOT_UNIX, encoding="utf-8")
        environ["PYTHONPATH"] = str(hide)
        environ["SERVICEFINDER_START_METHOD"] = "spawn"

    def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
        done = subprocess.run(
            [str(_bin(installed, "python")), "-m", "servicefinder", *args],
            capture_output=True,
            text=True,
            cwd=cwd,
            env=environ,
            timeout=600,
        )
        assert done.returncode == 0, f"{args}: {done.returncode}\n{done.stdout}\n{done.stderr}"
        assert "Traceback" not in done.stderr
        return done

    if system != "linux":  # the imitation really is in force in the tool's processes
        probe = subprocess.run(
            [str(_bin(installed, "python")), "-c", "import fcntl"],
            capture_output=True,
            env=environ,
        )
        assert probe.returncode != 0

    site = tmp_path / "landkreis"
    run(
        "init", str(site), "--name", "Servicefinder Landkreis Northeim", "--area", "03155",
        "--directory", str(DIRECTORY), "--postcodes", str(POSTCODES),
        cwd=tmp_path,
    )  # fmt: skip
    assert not (site / "templates").exists() and not (site / "site_overrides").exists()
    assert not (site / "generator").exists() and not (site / "tests").exists()
    services = site / "content" / "services"
    first = sorted(p for p in services.glob("*.yaml") if p.name.count(".") == 1)[0]
    data = yaml.safe_load(first.read_text(encoding="utf-8"))
    copy = first.read_text(encoding="utf-8").replace(f"id: {data['id']}", "id: zweite-leistung")
    copy = copy.replace(f"title: {data['title']}", "title: Zweite Leistung beantragen")
    (services / "zweite-leistung.yaml").write_text(copy, encoding="utf-8")

    checked = run("validate", "--strict", cwd=site)
    assert "ok: 2 services" in checked.stdout
    run("build", "--strict", cwd=site)
    pages = site / "site"
    assert (pages / "leistungen" / "zweite-leistung" / "index.html").is_file()
    assert "Zweite Leistung beantragen" in (pages / "leistungen" / "index.html").read_text(
        encoding="utf-8"
    )
    run("check-links", cwd=site)
    assert "0 problems" in run("check-pages", cwd=site).stdout
    # the workflows run the same checks the editor ran
    workflow = yaml.safe_load(
        (site / ".github" / "workflows" / "pull-request.yml").read_text(encoding="utf-8")
    )
    steps = " ".join(str(s.get("run", "")) for s in workflow["jobs"]["check"]["steps"])
    for check in ("validate --strict", "build --strict", "check-links", "check-pages"):
        assert f"servicefinder {check}" in steps
    assert "make" not in steps.split()
