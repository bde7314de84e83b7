"""The local store of checked-out jobs (issue 16): one SQLite database plus chunk files, in the user data dir
(``offline/`` beside the journal).

Per checkout (server, job): the task id, the job, task (labels) and frame-meta JSON as the server sent them, the
base annotations (labeled-data JSON) with their version, when it was checked out and last synced, the media
quality, whether every chunk is there, and the chunk numbers the job needs. Chunks are stored once per
(server, task, quality, number) and shared by overlapping jobs of one task: a chunk file is removed only when no
checkout needs it any more.

**Crash safety**: every database write is one transaction (WAL; ``synchronous=FULL`` but for chunk records). A
chunk file is written under a temporary name, renamed, and only then recorded with its size and SHA-256, so a kill
at any moment leaves either the old state or the new one: a file renamed but not yet recorded is simply written
again (and :meth:`sweep` removes leftovers); a recorded chunk whose file is missing, of the wrong size or (checked
on resume and on read) of the wrong digest counts as missing.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from .journal import server_folder

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS checkouts (
    server TEXT NOT NULL,
    job_id INTEGER NOT NULL,
    task_id INTEGER NOT NULL,
    quality TEXT NOT NULL,
    media_version TEXT NOT NULL,
    job BLOB NOT NULL,
    task BLOB NOT NULL,
    meta BLOB NOT NULL,
    base BLOB NOT NULL,
    base_version INTEGER NOT NULL,
    checked_out REAL NOT NULL,
    synced REAL NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (server, job_id)
);
CREATE TABLE IF NOT EXISTS needed_chunks (
    server TEXT NOT NULL,
    job_id INTEGER NOT NULL,
    number INTEGER NOT NULL,
    PRIMARY KEY (server, job_id, number),
    FOREIGN KEY (server, job_id) REFERENCES checkouts (server, job_id) ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS chunks (
    server TEXT NOT NULL,
    task_id INTEGER NOT NULL,
    quality TEXT NOT NULL,
    number INTEGER NOT NULL,
    media_version TEXT NOT NULL,
    file TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    PRIMARY KEY (server, task_id, quality, number)
);
"""


class CheckoutStoreError(Exception):
    """The store could not be read or written (the message is for logs)."""


@dataclass(frozen=True)
class Checkout:
    """One checked-out job as stored: JSON bodies are the server's bytes, undecoded."""

    server: str
    job_id: int
    task_id: int
    quality: str
    media_version: str
    job: bytes
    task: bytes
    meta: bytes
    base: bytes
    base_version: int
    checked_out: float
    synced: float
    complete: bool


@dataclass(frozen=True)
class ChunkState:
    """One chunk a checkout needs: stored (with its size on disk) or still missing."""

    number: int
    stored: bool
    size: int


def media_version(meta_size: int, chunk_size: int, image_quality: int, start: int, stop: int, frame_filter: str) -> str:
    """A name for a task's media: chunks stored for other media (data replaced on the server) are not reused."""
    return f"{meta_size}:{chunk_size}:{image_quality}:{start}:{stop}:{frame_filter}"


class CheckoutStore:
    """The checkouts of every server, under ``root`` (``paths.data_dir() / "offline"`` in the app). Thread-safe."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.chunk_root = self.root / "chunks"
        try:
            self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.root / "checkouts.sqlite3", isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=FULL")
            self._db.execute("PRAGMA foreign_keys=ON")
            self._db.executescript(_SCHEMA)
            self._db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except (OSError, sqlite3.Error) as error:
            raise CheckoutStoreError(f"the offline store could not be opened: {error}") from error
        self._lock = threading.RLock()

    @classmethod
    def default(cls) -> CheckoutStore:
        """The store in the user data dir."""
        from annodesk.paths import data_dir

        return cls(data_dir() / "offline")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    @contextlib.contextmanager
    def _transaction(self, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One transaction; ``durable`` False skips the fsync (safe against a kill, not against a power cut)."""
        with self._lock:
            try:
                self._db.execute(f"PRAGMA synchronous={'FULL' if durable else 'NORMAL'}")
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                self._db.execute("COMMIT")
            except sqlite3.Error as error:
                raise CheckoutStoreError(f"the offline store could not be written: {error}") from error

    # ---- checkouts -----------------------------------------------------------------------------------------------

    def put_checkout(self, checkout: Checkout, chunk_numbers: list[int]) -> None:
        """Record a checkout (not complete yet) and the chunks it needs, in one transaction."""
        with self._transaction() as db:
            db.execute("DELETE FROM checkouts WHERE server = ? AND job_id = ?", (checkout.server, checkout.job_id))
            db.execute(
                "INSERT INTO checkouts VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    checkout.server, checkout.job_id, checkout.task_id, checkout.quality, checkout.media_version,
                    checkout.job, checkout.task, checkout.meta, checkout.base, checkout.base_version,
                    checkout.checked_out, checkout.synced, int(checkout.complete),
                ),
            )  # fmt: skip
            db.executemany(
                "INSERT INTO needed_chunks VALUES (?, ?, ?)",
                [(checkout.server, checkout.job_id, int(number)) for number in sorted(set(chunk_numbers))],
            )

    def checkout(self, server: str, job_id: int) -> Checkout | None:
        with self._lock:
            row = self._db.execute(
                "SELECT * FROM checkouts WHERE server = ? AND job_id = ?", (server, int(job_id))
            ).fetchone()
        return None if row is None else _checkout(row)

    def checkouts(self, server: str | None = None) -> list[Checkout]:
        """Every checkout (of one server, or of all), by server and job."""
        query = "SELECT * FROM checkouts" + (" WHERE server = ?" if server is not None else "")
        with self._lock:
            rows = self._db.execute(query + " ORDER BY server, job_id", () if server is None else (server,)).fetchall()
        return [_checkout(row) for row in rows]

    def mark_complete(self, server: str, job_id: int) -> None:
        with self._transaction() as db:
            db.execute("UPDATE checkouts SET complete = 1 WHERE server = ? AND job_id = ?", (server, int(job_id)))

    def set_base(
        self,
        server: str,
        job_id: int,
        version: int,
        base: bytes,
        *,
        job: bytes | None = None,
        task: bytes | None = None,
    ) -> None:
        """After a sync: the merged annotations become the new base (and ``synced`` now); ``job`` and ``task``: the
        server's JSON of them as read by the sync (current assignee, status, labels), when given."""
        with self._transaction() as db:
            db.execute(
                "UPDATE checkouts SET base = ?, base_version = ?, synced = ?, job = COALESCE(?, job),"
                " task = COALESCE(?, task) WHERE server = ? AND job_id = ?",
                (base, int(version), time.time(), job, task, server, int(job_id)),
            )

    def chunk_states(self, server: str, job_id: int, *, verify: bool = False) -> list[ChunkState]:
        """The chunks a checkout needs, in order: stored (file present with its recorded size — and, with ``verify``,
        its recorded digest) or missing. Blocking (``verify`` reads every file)."""
        with self._lock:
            rows = self._db.execute(
                "SELECT n.number, c.file, c.size, c.media_version = k.media_version, c.sha256 FROM needed_chunks n"
                " JOIN checkouts k ON k.server = n.server AND k.job_id = n.job_id"
                " LEFT JOIN chunks c ON c.server = n.server AND c.task_id = k.task_id AND c.quality = k.quality"
                " AND c.number = n.number WHERE n.server = ? AND n.job_id = ? ORDER BY n.number",
                (server, int(job_id)),
            ).fetchall()
        states = []
        for number, file, size, same_media, digest in rows:
            stored = file is not None and bool(same_media) and _size_of(self.chunk_root / file) == size
            if stored and verify:
                stored = _digest_of(self.chunk_root / file) == digest
            states.append(ChunkState(int(number), stored, int(size) if stored else 0))
        return states

    def remove_checkout(self, server: str, job_id: int) -> int:
        """Forget a checkout and delete the chunk files no other checkout needs; the bytes freed."""
        with self._transaction() as db:
            db.execute("DELETE FROM checkouts WHERE server = ? AND job_id = ?", (server, int(job_id)))
            orphans = db.execute(
                "SELECT c.file, c.size FROM chunks c WHERE c.server = ? AND NOT EXISTS (SELECT 1 FROM needed_chunks n"
                " JOIN checkouts k ON k.server = n.server AND k.job_id = n.job_id WHERE n.server = c.server"
                " AND k.task_id = c.task_id AND k.quality = c.quality AND n.number = c.number)",
                (server,),
            ).fetchall()
            db.executemany("DELETE FROM chunks WHERE server = ? AND file = ?", [(server, file) for file, _ in orphans])
        freed = 0
        for file, size in orphans:  # after the commit: a kill here leaves files that sweep() removes
            with contextlib.suppress(OSError):
                (self.chunk_root / file).unlink()
                freed += int(size)
        return freed

    # ---- chunks --------------------------------------------------------------------------------------------------

    def chunk_path(self, server: str, task_id: int, quality: str, number: int) -> Path:
        return self.chunk_root / self._chunk_file(server, task_id, quality, number)

    @staticmethod
    def _chunk_file(server: str, task_id: int, quality: str, number: int) -> str:
        return f"{server_folder(server)}/task-{int(task_id)}/{quality}-{int(number)}.chunk"

    def put_chunk(self, server: str, task_id: int, quality: str, number: int, version: str, data: bytes) -> None:
        """Write a chunk file (temporary name, rename), then record it with its digest. Blocking: call from a worker
        thread. See :meth:`stage_chunk`."""
        staged = self.stage_chunk(server, task_id, quality, number)
        try:
            staged.write(data)
            staged.finish()
            self.commit_chunk(staged, version)
        except BaseException:
            staged.discard()
            raise

    def stage_chunk(self, server: str, task_id: int, quality: str, number: int) -> StagedChunk:
        """A chunk file to write piece by piece as it downloads (under a temporary name, hashed as written); then
        :meth:`commit_chunk` it, or :meth:`StagedChunk.discard` it. No disk access until the first write."""
        file = self._chunk_file(server, task_id, quality, number)
        return StagedChunk(server, int(task_id), quality, int(number), file, self.chunk_root / file)

    def commit_chunk(self, staged: StagedChunk, version: str) -> None:
        """Rename a finished staged chunk to its name, then record it with its size and digest (of media
        ``version``). Neither is fsynced (chunks can be downloaded again, and fsyncs doubled a checkout's time,
        benchmarks/checkout.py): a kill leaves the old state or the new one; a power cut may leave a recorded chunk
        whose bytes are lost, which :meth:`read_chunk` (digest) and :meth:`chunk_states` with ``verify`` see.
        Blocking: call from a worker thread."""
        staged.place()
        with self._transaction(durable=False) as db:
            db.execute(
                "INSERT OR REPLACE INTO chunks VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (staged.server, staged.task_id, staged.quality, staged.number, version, staged.file, staged.size,
                 staged.sha256),
            )  # fmt: skip

    def read_chunk(self, server: str, task_id: int, quality: str, number: int) -> bytes | None:
        """A stored chunk's bytes (checked against the recorded digest), or None."""
        with self._lock:
            row = self._db.execute(
                "SELECT file, sha256 FROM chunks WHERE server = ? AND task_id = ? AND quality = ? AND number = ?",
                (server, int(task_id), quality, int(number)),
            ).fetchone()
        if row is None:
            return None
        try:
            data = (self.chunk_root / row[0]).read_bytes()
        except OSError:
            return None
        return data if hashlib.sha256(data).hexdigest() == row[1] else None

    def disk_bytes(self) -> int:
        """Bytes of the recorded chunk files plus the database."""
        with self._lock:
            chunks = self._db.execute("SELECT COALESCE(SUM(size), 0) FROM chunks").fetchone()[0]
        database = sum(_size_of(path) or 0 for path in self.root.glob("checkouts.sqlite3*"))
        return int(chunks) + database

    def sweep(self) -> int:
        """Delete temporary files and chunk files the database does not record (left by a kill); how many."""
        with self._lock:
            recorded = {row[0] for row in self._db.execute("SELECT file FROM chunks")}
        removed = 0
        if not self.chunk_root.is_dir():
            return 0
        for path in self.chunk_root.rglob("*"):
            if path.is_file() and path.relative_to(self.chunk_root).as_posix() not in recorded:
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
        return removed


class StagedChunk:
    """A chunk file being written under a temporary name (``.part-*``, beside its final name, made by the first
    write), its SHA-256 computed as the pieces are written. Not thread-safe: use it from one thread at a time (the
    methods block on the disk)."""

    def __init__(self, server: str, task_id: int, quality: str, number: int, file: str, path: Path) -> None:
        self.server, self.task_id, self.quality, self.number, self.file = server, task_id, quality, number, file
        self.path = path
        self.size = 0
        self.error: OSError | None = None  # the first write that failed (a full disk): the chunk cannot be placed
        self.temporary: Path | None = None
        self._digest = hashlib.sha256()
        self._out: BinaryIO | None = None
        self._closed = False  # finished or discarded: nothing more is written

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()

    def write(self, *pieces: bytes) -> None:
        """Append ``pieces``; after a failed write, nothing more is written (and :meth:`finish` raises).

        The pieces are joined first: one write and one digest update release the GIL twice, where one of each per
        piece had this thread wait for the event loop's thread to let go of it after every one, and the writes
        barely overlapped the downloads (~1.6× the floor on 75 MB of chunks instead of ~1.15×,
        benchmarks/checkout.py)."""
        if self.error is not None or self._closed:
            return
        data = pieces[0] if len(pieces) == 1 else b"".join(pieces)
        try:
            out = self._out if self._out is not None else self._open()
            out.write(data)
        except OSError as error:
            self.error = error
            return
        self._digest.update(data)
        self.size += len(data)

    def finish(self) -> None:
        """Close the file, every piece written; raises the failed write's error (the file then discarded)."""
        if not self._closed:
            self._closed = True
            try:
                out = self._out if self._out is not None or self.error is not None else self._open()  # empty chunk
                if out is not None:
                    self._out = None
                    out.close()
            except OSError as error:
                self.error = self.error or error
        if self.error is not None:
            self.discard()
            raise self.error

    def place(self) -> None:
        """Give the finished file its chunk name (replacing an older file of that chunk)."""
        if self.error is not None:
            raise self.error
        if not self._closed or self._out is not None or self.temporary is None:
            raise RuntimeError("finish() the staged chunk first")
        os.replace(self.temporary, self.path)

    def discard(self) -> None:
        """Close and delete the temporary file (a download abandoned or failed); safe to call twice."""
        self._closed = True
        if self._out is not None:
            out, self._out = self._out, None
            with contextlib.suppress(OSError):
                out.close()
        if self.temporary is not None:
            with contextlib.suppress(OSError):
                self.temporary.unlink()

    def _open(self) -> BinaryIO:
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".part-")
        self.temporary = Path(temporary)
        self._out = os.fdopen(handle, "wb")
        return self._out


def _digest_of(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def _size_of(path: Path) -> int | None:
    try:
        return path.stat().st_size
    except OSError:
        return None


def _checkout(row: tuple[Any, ...]) -> Checkout:
    (server, job_id, task_id, quality, version, job, task, meta, base, base_version, checked, synced, complete) = row
    return Checkout(
        server, int(job_id), int(task_id), quality, version, bytes(job), bytes(task), bytes(meta), bytes(base),
        int(base_version), float(checked), float(synced), bool(complete),
    )  # fmt: skip


def store_for_cache(cache_root: Path) -> CheckoutStore | None:
    """The checkout store of the app whose offline caches live under ``cache_root``: the user data dir's
    (:meth:`CheckoutStore.default`) when that is the app's cache dir; beside ``cache_root`` otherwise (tests, which
    must never write to the user's folders). None when it cannot be opened: offline jobs are then off, and the
    reason is logged."""
    from annodesk.paths import cache_dir

    try:
        if Path(cache_root) == cache_dir():
            return CheckoutStore.default()
        return CheckoutStore(Path(cache_root).parent / "offline")
    except CheckoutStoreError:
        log.exception("the offline store could not be opened; offline jobs are off")
        return None
