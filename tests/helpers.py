"""Tiny fixture projects: the real example project copied to a temp folder, with files
added, replaced or removed, so each test sees exactly what an editor's change would do."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ["mkdocs.yml", "content", "templates", "site_overrides"]
#: a fixed build date, so figures that depend on "today" are stable in tests
EPOCH = "1763769600"  # 2025-11-22
TODAY = date(2025, 11, 22)


def make_project(root: Path, files: dict[str, str | None] | None = None) -> Path:
    """Copy the example project into ``root`` and apply ``files`` (None deletes)."""
    root.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        src = REPO / part
        if src.is_dir():
            shutil.copytree(src, root / part)
        else:
            shutil.copy2(src, root / part)
    for rel, text in (files or {}).items():
        path = root / rel
        if text is None:
            path.unlink()
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
    return root


def run_cli(project: Path, *args: str, env: dict[str, str] | None = None):
    """Run the installed command line as an editor would, in ``project``."""
    environment = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "generator.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env=environment,
        timeout=300,
    )


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
