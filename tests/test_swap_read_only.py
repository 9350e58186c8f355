"""A read-only ``site/`` is replaced like any other, and leaves nothing behind.

Swapping the new site in worked, but the old one, now in the build's work folder, could
not be removed: its folders were read-only. The ``.site.building-*`` folder stayed, and
no message said so. The checks run as an ordinary user: as root (a container), the
swap runs with the effective user id of ``nobody``, as root passes every permission check.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.writer import swap

NOBODY = 65534


@contextmanager
def ordinary_user() -> Iterator[Path]:
    """A folder this user (or ``nobody``, when this is root) owns, and that user's rights
    while the block runs."""
    parent = Path(tempfile.mkdtemp(prefix="sf-read-only-"))
    os.chmod(parent, 0o777)
    root = os.geteuid() == 0
    if root:
        os.seteuid(NOBODY)
    try:
        yield parent / "work"
    finally:
        if root:
            os.seteuid(0)
        for folder, dirs, _ in os.walk(parent):
            for name in dirs:
                os.chmod(os.path.join(folder, name), 0o755)
        swap.remove_tree(parent)


def _site(folder: Path, text: str, *, read_only: bool) -> Path:
    (folder / "leistungen").mkdir(parents=True)
    (folder / "index.html").write_text(text, encoding="utf-8")
    (folder / "leistungen" / "index.html").write_text(text, encoding="utf-8")
    if read_only:
        for path in (folder / "leistungen" / "index.html", folder / "index.html"):
            path.chmod(0o444)
        (folder / "leistungen").chmod(0o555)
        folder.chmod(0o555)
    return folder


def test_a_read_only_site_is_replaced_and_nothing_is_left(caplog: pytest.LogCaptureFixture):
    with ordinary_user() as work:
        work.mkdir()
        target = _site(work / "site", "alt", read_only=True)
        staging = _site(work / f"{swap.staging_prefix(target)}1", "neu", read_only=False)
        with caplog.at_level(logging.WARNING):
            swap.swap_in(staging, target)
        assert (target / "index.html").read_text(encoding="utf-8") == "neu"
        assert sorted(p.name for p in work.iterdir()) == ["site"]
        assert stat.S_IMODE(target.stat().st_mode) == 0o755
    assert not caplog.records


@pytest.mark.skipif(os.geteuid() != 0, reason="needs a folder of another user")
def test_a_leftover_that_cannot_be_removed_is_named(caplog: pytest.LogCaptureFixture):
    """The old site in a folder of someone else's, which this user may not change: the
    warning names what is left."""
    parent = Path(tempfile.mkdtemp(prefix="sf-read-only-"))
    stuck = parent / "locked" / f"{swap.staging_prefix(parent / 'site')}1"
    stuck.mkdir(parents=True)
    (stuck / "index.html").write_text("alt", encoding="utf-8")
    os.chown(stuck, NOBODY, NOBODY)
    os.chown(stuck / "index.html", NOBODY, NOBODY)
    os.chmod(parent / "locked", 0o555)  # root's: nobody cannot make it writable
    os.chmod(parent, 0o755)
    os.seteuid(NOBODY)
    try:
        with caplog.at_level(logging.WARNING):
            swap.remove_tree(stuck)
    finally:
        os.seteuid(0)
        swap.remove_tree(parent)
    [record] = caplog.records
    assert f"{stuck} could not be removed (Permission denied" in record.getMessage()
