"""Texts spilled to a file as they are made (generator/infra/streamed.py): read back by
name from the file, from a copy of it, or from its bytes, the same as they went in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.infra.streamed import Spill, spill, spill_bytes, spilled, texts, unspilled

FILES = {"a.json": '{"ä": 1}', "empty.txt": "", "b/c.json": "Ω" * 3000, "d": "\n"}


def test_a_spill_reads_back_each_text_by_name(tmp_path: Path):
    with Spill(tmp_path / "one") as out:
        for name, text in FILES.items():
            out.add(name, text)
    assert texts(out.files()) == FILES
    assert list(out.files()) == list(FILES)  # in the order they were made
    # a copy (the build cache keeps one) reads the same, from where it lies
    shutil.copyfile(tmp_path / "one", tmp_path / "copy")
    assert texts(spilled(tmp_path / "copy")) == FILES


def test_a_spill_in_memory_is_the_same_bytes_as_one_written(tmp_path: Path):
    spill(FILES, tmp_path / "written")
    assert (tmp_path / "written").read_bytes() == spill_bytes(FILES)
    assert unspilled(spill_bytes(FILES)) == FILES
    assert unspilled(spill_bytes({})) == {}


def test_a_spill_never_writes_over_a_file(tmp_path: Path):
    (tmp_path / "there").write_text("kept")
    with pytest.raises(FileExistsError):
        Spill(tmp_path / "there")
    assert (tmp_path / "there").read_text() == "kept"
