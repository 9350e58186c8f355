"""Freed memory is handed back before workers are forked (generator/infra/free_memory.py)."""

from __future__ import annotations

import sys

import pytest

from generator.infra.free_memory import hand_back


def resident_mb() -> float:
    with open("/proc/self/statm") as handle:
        return int(handle.read().split()[1]) * 4096 / 2**20


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="glibc's malloc_trim")
def test_memory_freed_between_live_objects_goes_back_to_the_system():
    # 1,000-byte objects come from the C library's heap (Python's own allocator takes
    # those up to 512); the last one stays, so the freed ones lie below a live object,
    # where the heap does not shrink by itself
    blocks = [bytes(1000) + i.to_bytes(4, "big") for i in range(200_000)]
    last = blocks[-1]
    before = resident_mb()
    del blocks
    freed = resident_mb()
    assert hand_back()
    after = resident_mb()
    assert last
    assert freed > before - 50  # freeing alone kept most of the 200 MB
    assert after < freed - 100
