"""Encoded chunks (``tasks/{id}/data?type=chunk``) kept in memory (an LRU bounded in bytes) and on disk, per
server, task and quality, and reused across sessions.

Disk files are written atomically (a temporary file, then a rename) inside 0700 folders and carry a SHA-256
of their payload: a file that is cut short or damaged reads as missing (and is removed), so the chunk is
fetched again. ``version`` names the task's media (size, chunk size, quality…): when the task's data changes,
older chunks are not reused. :meth:`ChunkCache.trim_disk` bounds the disk copies (least recently used first).
Thread-safe: workers read and write while the GUI thread asks.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import tempfile
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

MAGIC = b"ANNODESK-CHUNK1\n"
DIGEST_SIZE = 32
DEFAULT_MEMORY_BUDGET = 256 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ChunkKey:
    """One chunk of one task's media: ``version`` changes when the task's data does."""

    task_id: int
    index: int
    quality: str = "compressed"
    version: str = ""


def _slug(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class ChunkCache:
    """Encoded chunk bytes of one server: memory first, then disk (``folder`` None: memory only)."""

    def __init__(self, folder: Path | None, server_url: str, *, memory_budget: int = DEFAULT_MEMORY_BUDGET) -> None:
        self.folder = Path(folder) / _slug(server_url.rstrip("/")) if folder is not None else None
        self.memory_budget = max(0, memory_budget)
        self._memory: OrderedDict[ChunkKey, bytes] = OrderedDict()
        self._memory_bytes = 0
        self._lock = threading.Lock()

    @property
    def memory_bytes(self) -> int:
        """Bytes of chunks held in memory now (never above the budget)."""
        return self._memory_bytes

    def path(self, key: ChunkKey) -> Path | None:
        """Where ``key`` lives on disk."""
        if self.folder is None:
            return None
        version = _slug(key.version) if key.version else "any"
        return self.folder / f"task-{int(key.task_id)}" / version / f"{int(key.index)}.{key.quality}.chunk"

    def get(self, key: ChunkKey) -> bytes | None:
        """The chunk's bytes, or None when not cached (a damaged file counts as missing). May read the disk."""
        with self._lock:
            data = self._memory.get(key)
            if data is not None:
                self._memory.move_to_end(key)
                return data
        data = self._read_disk(key)
        if data is not None:
            self._remember(key, data)
        return data

    def put(self, key: ChunkKey, data: bytes) -> None:
        """Keep ``data`` in memory and on disk (a disk that is full or read-only only costs the disk copy)."""
        self._remember(key, data)
        with contextlib.suppress(OSError):
            self._write_disk(key, data)

    def contains(self, key: ChunkKey) -> bool:
        """Whether ``key`` is in memory or on disk (not checked for damage)."""
        with self._lock:
            if key in self._memory:
                return True
        path = self.path(key)
        return path is not None and path.is_file()

    def discard(self, key: ChunkKey) -> None:
        """Forget ``key`` in memory and on disk (its bytes turned out unreadable)."""
        with self._lock:
            data = self._memory.pop(key, None)
            if data is not None:
                self._memory_bytes -= len(data)
        path = self.path(key)
        if path is not None:
            with contextlib.suppress(OSError):
                path.unlink()

    def disk_bytes(self) -> int:
        """Bytes of chunk files this server has on disk."""
        return sum(size for _, size, _ in self._disk_files())

    def trim_disk(self, budget: int) -> int:
        """Delete the least recently used chunk files of this server until at most ``budget`` bytes remain;
        return the bytes freed. Blocking: call from a worker thread (e.g. when a job opens)."""
        files = sorted(self._disk_files(), key=lambda item: item[2])
        total = sum(size for _, size, _ in files)
        freed = 0
        for path, size, _ in files:
            if total - freed <= budget:
                break
            with contextlib.suppress(OSError):
                path.unlink()
                freed += size
        return freed

    def _disk_files(self) -> list[tuple[Path, int, float]]:
        """(path, size, last use) of every chunk file; a read counts as use (see :meth:`_read_disk`)."""
        if self.folder is None or not self.folder.is_dir():
            return []
        found = []
        for path in self.folder.rglob("*.chunk"):
            with contextlib.suppress(OSError):
                status = path.stat()
                found.append((path, status.st_size, status.st_mtime))
        return found

    def clear_memory(self) -> None:
        """Forget the in-memory copies (the disk keeps its own)."""
        with self._lock:
            self._memory.clear()
            self._memory_bytes = 0

    # -- memory ----------------------------------------------------------------------------------

    def _remember(self, key: ChunkKey, data: bytes) -> None:
        if len(data) > self.memory_budget:
            return
        with self._lock:
            previous = self._memory.pop(key, None)
            if previous is not None:
                self._memory_bytes -= len(previous)
            self._memory[key] = data
            self._memory_bytes += len(data)
            while self._memory_bytes > self.memory_budget:
                _, dropped = self._memory.popitem(last=False)
                self._memory_bytes -= len(dropped)

    # -- disk ------------------------------------------------------------------------------------

    def _read_disk(self, key: ChunkKey) -> bytes | None:
        path = self.path(key)
        if path is None:
            return None
        try:
            raw = path.read_bytes()
        except OSError:
            return None
        header = len(MAGIC) + DIGEST_SIZE
        payload = raw[header:]
        if raw[: len(MAGIC)] != MAGIC or hashlib.sha256(payload).digest() != raw[len(MAGIC) : header]:
            with contextlib.suppress(OSError):
                path.unlink()
            return None
        with contextlib.suppress(OSError):
            os.utime(path)  # last use, for trim_disk
        return payload

    def _write_disk(self, key: ChunkKey, data: bytes) -> None:
        path = self.path(key)
        if path is None:
            return
        assert self.folder is not None
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        for folder in (self.folder, path.parent.parent, path.parent):  # server, task, media version: 0700 each
            folder.mkdir(mode=0o700, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".part-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(MAGIC)
                out.write(hashlib.sha256(data).digest())
                out.write(data)
            os.replace(temporary, path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
