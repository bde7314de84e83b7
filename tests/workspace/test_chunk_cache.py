"""The encoded-chunk cache (Qt-free): a byte-bounded memory LRU, checksummed atomic files reused by a new
instance, damaged files read as missing, media versions kept apart, and a disk that refuses writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from annodesk.session.chunk_cache import ChunkCache, ChunkKey

SERVER = "http://127.0.0.1:8080"


def test_memory_stays_within_its_budget_dropping_the_least_recently_used() -> None:
    cache = ChunkCache(None, SERVER, memory_budget=300)
    for index in range(3):
        cache.put(ChunkKey(1, index), bytes([index]) * 100)
    assert cache.get(ChunkKey(1, 0)) == bytes([0]) * 100  # now the most recently used
    cache.put(ChunkKey(1, 3), b"x" * 100)
    assert cache.memory_bytes == 300
    assert cache.get(ChunkKey(1, 1)) is None and cache.get(ChunkKey(1, 0)) is not None
    cache.put(ChunkKey(1, 4), b"y" * 301)  # larger than the whole budget: not kept in memory
    assert cache.get(ChunkKey(1, 4)) is None and cache.memory_bytes == 300


def test_disk_copies_are_reused_per_server_task_quality_and_version(tmp_path: Path) -> None:
    ChunkCache(tmp_path, SERVER).put(ChunkKey(7, 2, "compressed", "v1"), b"chunk bytes")
    again = ChunkCache(tmp_path, SERVER)
    assert again.get(ChunkKey(7, 2, "compressed", "v1")) == b"chunk bytes"
    assert again.get(ChunkKey(7, 2, "original", "v1")) is None
    assert again.get(ChunkKey(7, 2, "compressed", "v2")) is None  # the task's data changed
    assert ChunkCache(tmp_path, "http://127.0.0.1:9090").get(ChunkKey(7, 2, "compressed", "v1")) is None
    assert not [path for path in tmp_path.rglob("*") if path.name.startswith(".part-")]  # no temporary left


@pytest.mark.parametrize("damage", [lambda raw: raw[:-1], lambda raw: raw[:5], lambda raw: raw[:-3] + b"abc"])
def test_a_damaged_file_reads_as_missing_and_is_removed(tmp_path: Path, damage: object) -> None:
    key = ChunkKey(3, 0, "compressed", "v")
    ChunkCache(tmp_path, SERVER).put(key, b"0123456789" * 10)
    cache = ChunkCache(tmp_path, SERVER)
    path = cache.path(key)
    assert path is not None
    path.write_bytes(damage(path.read_bytes()))  # type: ignore[operator]
    assert cache.get(key) is None and not path.exists()


def test_a_file_where_the_folder_should_be_keeps_the_memory_copy(tmp_path: Path) -> None:
    (tmp_path / "cache").write_bytes(b"not a folder")
    cache = ChunkCache(tmp_path / "cache", SERVER)
    cache.put(ChunkKey(1, 0), b"data")
    assert cache.get(ChunkKey(1, 0)) == b"data"
    cache.clear_memory()
    assert cache.get(ChunkKey(1, 0)) is None


def test_trimming_the_disk_drops_the_least_recently_used_files(tmp_path: Path) -> None:
    cache = ChunkCache(tmp_path, SERVER)
    keys = [ChunkKey(1, index) for index in range(4)]
    for age, key in enumerate(keys):
        cache.put(key, bytes(1000))
        path = cache.path(key)
        assert path is not None
        os.utime(path, (1_000_000 + age, 1_000_000 + age))  # written in this order, oldest first
    fresh = ChunkCache(tmp_path, SERVER)
    assert fresh.get(keys[0]) is not None  # reading it makes it the most recently used
    size = fresh.disk_bytes() // 4
    assert fresh.trim_disk(2 * size) == 2 * size
    fresh.clear_memory()
    assert [fresh.get(key) is not None for key in keys] == [True, False, False, True]
    assert fresh.disk_bytes() == 2 * size


def test_chunk_folders_are_private(tmp_path: Path) -> None:
    cache = ChunkCache(tmp_path / "chunks", SERVER)
    cache.put(ChunkKey(5, 0, "compressed", "v"), b"data")
    path = cache.path(ChunkKey(5, 0, "compressed", "v"))
    assert path is not None
    for folder in (path.parent, path.parent.parent, path.parent.parent.parent):
        assert folder.stat().st_mode & 0o777 == 0o700
