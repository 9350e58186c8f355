"""A large catalogue is checked in a process of its own (pipeline.check_content): the
catalogue, the findings, a content error and the build cache's accounting come back
as the check in this process gives them."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator import pipeline
from generator.infra.cache import BuildCache
from generator.infra.errors import ContentError
from generator.infra.project import Project
from tests import project_fixture as fixture
from tests.helpers import TODAY


def _check(project: Path, apart: bool, monkeypatch) -> tuple:
    monkeypatch.setattr(pipeline, "CHECK_APART_FROM", 0 if apart else 10**9)
    processes = []
    real = pipeline.run_parallel
    monkeypatch.setattr(
        pipeline, "run_parallel", lambda *a, **k: processes.append(1) or real(*a, **k)
    )
    where = Project.at(project)
    cache = BuildCache(where.cache_dir)
    options = pipeline.BuildOptions(workers=2)
    try:
        catalogue, problems = pipeline.check_content(where, TODAY, options, cache)
    except ContentError as exc:
        catalogue, problems = None, exc.problems
    cache.flush()
    assert len(processes) == (1 if apart else 0)
    return catalogue, problems, cache.used.get("parsed", set()), cache.hits + cache.misses


def test_the_check_apart_gives_what_the_check_here_gives(tmp_path: Path, monkeypatch):
    project = fixture.small_project(tmp_path / "p")
    here = _check(project, False, monkeypatch)
    apart = _check(project, True, monkeypatch)
    assert apart[0] is not None and here[0] is not None
    assert [s.id for s in apart[0].services] == [s.id for s in here[0].services]
    assert list(apart[0].services) == list(here[0].services)
    assert dict(apart[0].translations) == dict(here[0].translations)
    assert apart[1] == here[1]
    # the files' parses the check read from the cache are kept by the caller's prune
    assert apart[2] == here[2] and apart[2]
    assert apart[3] == here[3]


def test_the_catalogue_checked_apart_is_read_from_files_here(tmp_path: Path, monkeypatch):
    """Only the positions came through the pipe: the packed objects are read from the
    files the check's process wrote, here and in a process forked from here."""
    import os
    import pickle

    project = fixture.small_project(tmp_path / "p")
    catalogue = _check(project, True, monkeypatch)[0]
    services, translations = catalogue.services, catalogue.translations
    assert services._shelf._data.path.is_file() and translations._data.path.is_file()
    assert len(pickle.dumps(services)) < services._shelf._data.path.stat().st_size
    first = services[0]
    read, written = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the forked child reports through the pipe
        try:
            fresh = type(services).from_packed([(first.id, services.packed(first.id))])
            os.write(written, b"1" if fresh[0] == first == services.get(first.id) else b"0")
        finally:
            os._exit(0)
    os.waitpid(child, 0)
    assert os.read(read, 1) == b"1"


def test_a_content_error_found_apart_is_raised_here(tmp_path: Path, monkeypatch):
    project = fixture.small_project(tmp_path / "p")
    service = sorted((project / "content" / "services").glob("*.yaml"))[0]
    service.write_text(service.read_text(encoding="utf-8") + "\nunknown_field: 1\n")
    here = _check(project, False, monkeypatch)
    apart = _check(project, True, monkeypatch)
    assert here[0] is None and apart[0] is None
    assert apart[1] == here[1]
    assert any("unknown_field" in p.format() for p in apart[1])


def test_the_preview_checks_here(tmp_path: Path, monkeypatch):
    from generator.infra.memo import ContentMemo

    project = fixture.small_project(tmp_path / "p")
    monkeypatch.setattr(pipeline, "CHECK_APART_FROM", 0)
    monkeypatch.setattr(pipeline, "run_parallel", pytest.fail)
    where = Project.at(project)
    catalogue, _ = pipeline.check_content(
        where, TODAY, pipeline.BuildOptions(workers=2), memo=ContentMemo()
    )
    assert len(catalogue.services) > 0
