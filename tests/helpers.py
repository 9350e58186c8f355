"""Helpers for tests: build a project in this process, run the command line, compare trees.

Tests that build use the small project of :mod:`tests.project_fixture`, written from inline text,
and build it in this process through the same functions the command line calls
(:func:`build_in_process`). Only tests whose subject is the command line itself (exit
codes, messages, output formats, the preview server, signals) start it with :func:`run_cli`.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tests import cli_server
from tests.project_fixture import REPO, small_project

__all__ = [
    "EPOCH",
    "REPO",
    "TODAY",
    "BuildResult",
    "build_counted",
    "build_in_process",
    "run_cli",
    "service_yaml",
    "small_project",
    "tree_digest",
]

#: a fixed build date, so figures that depend on "today" are stable in tests
EPOCH = "1763769600"  # 2025-11-22
TODAY = date(2025, 11, 22)


@dataclass(frozen=True)
class BuildResult:
    site: Path
    #: results the build cache gave back, and results made afresh (as `build` reports them)
    reused: int
    made: int


def build_counted(
    project: Path,
    *,
    strict: bool = True,
    site_dir: Path | None = None,
    use_cache: bool = True,
    stream: bool = True,
) -> BuildResult:
    """Check and build ``project`` as ``servicefinder build`` does, in this process, on
    :data:`TODAY`. Raises :class:`~generator.infra.errors.ContentError` on bad content."""
    from generator.commands.build import build_site
    from generator.pipeline import BuildOptions, Project, build_bundle, check_content

    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # as the command line does
    where = Project.at(project, use_cache=use_cache)
    options = BuildOptions(strict=strict, services_apart=stream)
    catalogue, _ = check_content(where, TODAY, options)
    bundle = build_bundle(where, TODAY, options, catalogue=catalogue)
    site = (site_dir or project / "site").resolve()
    with _source_date_epoch():
        build_site(where, bundle, site, strict=strict)
    return BuildResult(site, bundle.cache.hits, bundle.cache.misses)


def build_in_process(
    project: Path, *, strict: bool = True, site_dir: Path | None = None, use_cache: bool = True
) -> Path:
    """Build ``project`` in this process (see :func:`build_counted`); the site's folder."""
    return build_counted(project, strict=strict, site_dir=site_dir, use_cache=use_cache).site


@contextmanager
def _source_date_epoch() -> Iterator[None]:
    """MkDocs stamps the sitemap with SOURCE_DATE_EPOCH: the same day as :data:`TODAY`."""
    previous = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = EPOCH
    try:
        yield
    finally:
        if previous is None:
            del os.environ["SOURCE_DATE_EPOCH"]
        else:
            os.environ["SOURCE_DATE_EPOCH"] = previous


def run_cli(project: Path, *args: str, env: dict[str, str] | None = None):
    """Run the installed command line as an editor would, in ``project``: a process of its
    own, forked from one that has the generator imported (:mod:`tests.cli_server`)."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return cli_server.run(list(args), project, environment, timeout=300)


def start_preview(project: Path, **streams: Any) -> tuple[subprocess.Popen[str], int]:
    """``servicefinder serve`` on a free local port, as its own process (output discarded
    unless ``stdout``/``stderr`` say otherwise); the process and its port."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator.commands.cli", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project,
        env={**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "NO_MKDOCS_2_WARNING": "1"},
        stdout=streams.get("stdout", subprocess.DEVNULL),
        stderr=streams.get("stderr", subprocess.DEVNULL),
        text=True,
    )
    return proc, port


def tree_digest(folder: Path) -> dict[str, str]:
    """Every file below ``folder`` with the hash of its bytes."""
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def service_yaml(service_id: str = "test-leistung", **overrides: str) -> str:
    """A small valid service; ``overrides`` replace whole top-level lines."""
    fields = {
        "id": service_id,
        "title": "Testleistung beantragen",
        "summary": "Eine Leistung für Tests.",
        "topics": "[geld-zum-leben]",
        "as_of": "2025-01-01",
        "source": "{name: Test}",
        "description": "Beschreibung.",
        "fees": "{text: Keine.}",
        "forms": (
            "{available: true, online: false, written_form_required: false, "
            "informal_application: true, personal_appearance: false}"
        ),
        "responsible": "{authority_kind: sozialamt}",
        "easy": "{title: Test, text: Ein Satz.}",
    }
    fields.update(overrides)
    return "".join(f"{k}: {v}\n" for k, v in fields.items() if v is not None)


def batches_of(monkeypatch: Any, module: Any, name: str = "iter_parallel") -> list[int]:
    """The sizes of the batches ``module`` gives its worker processes through ``name``
    (``iter_parallel`` or ``run_parallel``) from now on; the work itself still runs."""
    sizes: list[int] = []
    real = getattr(module, name)

    def counted(func: Any, items: Any, workers: int, **kwargs: Any) -> Any:
        sizes.append(len(items))
        return real(func, items, workers, **kwargs)

    monkeypatch.setattr(module, name, counted)
    return sizes
