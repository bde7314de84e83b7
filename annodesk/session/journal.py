"""The edit journal: every edit of a job written to disk the moment it is made, so that nothing drawn is lost to a
crash, a kill or a power cut (issue 15: "every edit is journaled to disk at once").

One SQLite file per server and job, under the user data dir (``journal/<server>/job-<id>.sqlite3``):

- ``base``: the document as loaded (or as last saved) and its version — one row;
- ``steps``: the edit steps made since, in order, each one :class:`~annodesk.annotations.history.Delta` as JSON;
- ``in_flight``: what an unfinished save left behind (``JobSaver.in_flight`` as JSON), so that a save after a crash
  still knows which creations may have reached the server — one row, or none.

``pending(job)`` replays the steps on the base (``None`` when there are none: nothing to restore);
``mark_saved(job, version, document)`` makes the saved document the new base and clears the steps, in one
transaction. An undo is journaled as the inverse step (``append(job, step.inverse())``).

**Durability**: WAL with ``synchronous=FULL`` — each append is its own transaction, fsynced before ``append``
returns, so an acknowledged step survives a power cut, not only a crash of the app (``NORMAL`` would only
survive the latter). It costs one fsync per user action — a whole drag is one step — measured in
``benchmarks/edits.py``. Every write is a single transaction, so a kill between any two writes leaves the journal
at a step boundary. **Corruption**: a file that SQLite cannot read, or whose steps do not replay, is moved aside
(``….corrupt-<n>``) and listed in :attr:`Journal.problems`; the job starts clean. **Full disk** and other write
failures raise :class:`JournalFull` / :class:`JournalError`, which the UI shows; the step stays in memory.
"""

from __future__ import annotations

import hashlib
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from annodesk.annotations.history import Delta, EditStep, apply_delta
from annodesk.annotations.objects import Annotations

log = logging.getLogger(__name__)

SCHEMA_VERSION = 1
_SCHEMA = """
CREATE TABLE IF NOT EXISTS base (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    version INTEGER NOT NULL,
    document BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS steps (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    description TEXT NOT NULL,
    frame INTEGER NOT NULL,
    delta BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS in_flight (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    data BLOB NOT NULL
);
"""


class JournalError(Exception):
    """The journal could not be written (the edit is kept in memory); the message is for logs."""


class JournalFull(JournalError):
    """The disk (or the journal's quota) is full."""


@dataclass(frozen=True)
class JournalProblem:
    """A journal file that could not be read: moved aside to ``moved_to``; ``reason`` for the log."""

    server: str
    job: int
    moved_to: Path
    reason: str


@dataclass(frozen=True)
class Pending:
    """Unsaved edits of a job found on open: the base (as loaded or last saved, with its ``version``), the
    document with every step replayed, and how many steps."""

    version: int
    base: Annotations
    document: Annotations
    steps: int
    last_frame: int


def _encode(value: Any) -> bytes:
    return msgspec.json.encode(value)


def _decode(data: bytes) -> Any:
    return msgspec.json.decode(data)


def _write_error(error: sqlite3.Error) -> JournalError:
    code = getattr(error, "sqlite_errorcode", None)
    if code == sqlite3.SQLITE_FULL or "full" in str(error).lower():
        return JournalFull(f"the disk is full: {error}")
    return JournalError(f"the edit journal could not be written: {error}")


def server_folder(server: str) -> str:
    """A folder name for a server URL: readable host part plus a short hash of the whole URL."""
    readable = re.sub(r"[^A-Za-z0-9.-]+", "_", re.sub(r"^[a-z]+://", "", server))[:40].strip("_")
    digest = hashlib.sha256(server.encode()).hexdigest()[:10]
    return f"{readable}-{digest}"


class Journal:
    """The journals of one server's jobs, under ``root`` (``paths.data_dir() / "journal"`` in the app)."""

    def __init__(self, root: Path, server: str) -> None:
        self.server = server
        self.folder = root / server_folder(server)
        self.problems: list[JournalProblem] = []
        self._connections: dict[int, sqlite3.Connection] = {}
        # One lock for every call: begin() and pending() of a large job may run in a worker thread while the GUI
        # thread appends (a sqlite3 connection must not be used by two threads at once).
        self._lock = threading.RLock()

    @classmethod
    def default(cls, server: str) -> Journal:
        """The journal in the user data dir."""
        from annodesk.paths import data_dir

        return cls(data_dir() / "journal", server)

    def path(self, job: int) -> Path:
        return self.folder / f"job-{int(job)}.sqlite3"

    # ---- connection ----------------------------------------------------------------------------------------------

    def _connect(self, job: int) -> sqlite3.Connection:
        connection = self._connections.get(job)
        if connection is not None:
            return connection
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path(job), isolation_level=None, check_same_thread=False)
        except (OSError, sqlite3.Error) as error:
            raise JournalError(f"the edit journal could not be opened: {error}") from error
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=FULL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version not in (0, SCHEMA_VERSION):
                raise sqlite3.DatabaseError(f"unknown journal schema {version}")
            connection.executescript(_SCHEMA)
            connection.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        except sqlite3.DatabaseError as error:
            connection.close()
            if isinstance(error, sqlite3.OperationalError) and _is_write_failure(error):
                raise _write_error(error) from error
            self._move_aside(job, str(error))
            return self._connect(job)
        self._connections[job] = connection
        return connection

    def _move_aside(self, job: int, reason: str) -> None:
        self._close(job)
        path = self.path(job)
        number = 1
        while path.with_name(f"{path.name}.corrupt-{number}").exists():
            number += 1
        target = path.with_name(f"{path.name}.corrupt-{number}")
        for suffix in ("", "-wal", "-shm"):
            source = path.with_name(path.name + suffix)
            if source.exists():
                source.replace(target.with_name(target.name + suffix))
        log.warning("edit journal %s unreadable (%s): moved to %s", path, reason, target)
        self.problems.append(JournalProblem(self.server, job, target, reason))

    def _close(self, job: int) -> None:
        connection = self._connections.pop(job, None)
        if connection is not None:
            connection.close()

    def close(self) -> None:
        with self._lock:
            for job in list(self._connections):
                self._close(job)

    def _write(self, job: int, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        """Run ``statements`` in one transaction."""
        with self._lock:
            self._write_locked(job, statements)

    def _write_locked(self, job: int, statements: list[tuple[str, tuple[Any, ...]]]) -> None:
        connection = self._connect(job)
        try:
            connection.execute("BEGIN IMMEDIATE")
            try:
                for sql, parameters in statements:
                    connection.execute(sql, parameters)
                connection.execute("COMMIT")
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as error:
            if isinstance(error, sqlite3.OperationalError) or _is_write_failure(error):
                raise _write_error(error) from error
            self._move_aside(job, str(error))
            raise JournalError(f"the edit journal was unreadable and was reset: {error}") from error

    # ---- the API ---------------------------------------------------------------------------------------------------

    def begin(self, job: int, version: int, document: Annotations) -> None:
        """Start a job's journal from the document as loaded (``version`` from the server), dropping any steps."""
        self.mark_saved(job, version, document)

    def append(self, job: int, step: EditStep) -> None:
        """Journal one edit step (durable when this returns). A step that changed nothing is skipped."""
        if not step.changed:
            return
        delta = step.delta()
        if not delta:
            return
        self._write(
            job,
            [
                (
                    "INSERT INTO steps (description, frame, delta) VALUES (?, ?, ?)",
                    (step.description, step.frame, _encode(delta.to_json())),
                )
            ],
        )

    def mark_saved(
        self,
        job: int,
        version: int,
        document: Annotations,
        *,
        clear_in_flight: bool = False,
        encoded: bytes | None = None,
    ) -> None:
        """The saved ``document`` (at ``version``) becomes the base; the steps are cleared (and, with
        ``clear_in_flight``, the in-flight record of the save that just finished) — one transaction. ``encoded``:
        the document's JSON already encoded (``msgspec.json.encode(document.to_json())``) by the caller."""
        data = encoded if encoded is not None else _encode_document(document)
        statements: list[tuple[str, tuple[Any, ...]]] = [
            ("INSERT OR REPLACE INTO base (id, version, document) VALUES (1, ?, ?)", (version, data)),
            ("DELETE FROM steps", ()),
        ]
        if clear_in_flight:
            statements.append(("DELETE FROM in_flight", ()))
        self._write(job, statements)

    def set_in_flight(self, job: int, data: dict[str, Any] | None) -> None:
        """Keep what an unfinished save left behind (``InFlight.to_json()``), or forget it (None)."""
        if data is None:
            self._write(job, [("DELETE FROM in_flight", ())])
        else:
            self._write(job, [("INSERT OR REPLACE INTO in_flight (id, data) VALUES (1, ?)", (_encode(data),))])

    def in_flight(self, job: int) -> dict[str, Any] | None:
        """What an unfinished save of the job left behind, if anything (None also for an unreadable record)."""
        with self._lock:
            if not self.path(job).exists():
                return None
            try:
                row = self._connect(job).execute("SELECT data FROM in_flight WHERE id = 1").fetchone()
                value = None if row is None else _decode(row[0])
            except (sqlite3.DatabaseError, msgspec.DecodeError) as error:
                if isinstance(error, sqlite3.OperationalError) and _is_write_failure(error):
                    raise _write_error(error) from error
                log.warning("the in-flight save of job %s could not be read: %s", job, error)
                return None
            return value if isinstance(value, dict) else None

    def discard(self, job: int) -> None:
        """Forget the job's journal (the user discarded the unsaved edits and the job is closed)."""
        with self._lock:
            self._close(job)
            path = self.path(job)
            for suffix in ("", "-wal", "-shm"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)

    def base(self, job: int) -> tuple[int, Annotations] | None:
        """The journal's base version and document, if the job has a journal."""
        with self._lock:
            return self._base(job)

    def _base(self, job: int) -> tuple[int, Annotations] | None:
        if not self.path(job).exists():
            return None
        try:
            row = self._connect(job).execute("SELECT version, document FROM base WHERE id = 1").fetchone()
            return None if row is None else (row[0], Annotations.from_json(_decode(row[1])))
        except (sqlite3.DatabaseError, msgspec.DecodeError, KeyError, TypeError, ValueError) as error:
            if isinstance(error, sqlite3.OperationalError) and _is_write_failure(error):
                raise _write_error(error) from error
            self._move_aside(job, str(error))
            return None

    def summary(self, job: int) -> tuple[int | None, int]:
        """The base's version (None: no journal or no base) and how many steps are on it, without decoding the
        documents or replaying the steps (for lists and checks; an unreadable journal is moved aside as by
        :meth:`pending`)."""
        with self._lock:
            if not self.path(job).exists():
                return None, 0
            try:
                connection = self._connect(job)
                row = connection.execute("SELECT version FROM base WHERE id = 1").fetchone()
                (steps,) = connection.execute("SELECT count(*) FROM steps").fetchone()
            except sqlite3.DatabaseError as error:
                if isinstance(error, sqlite3.OperationalError) and _is_write_failure(error):
                    raise _write_error(error) from error
                self._move_aside(job, f"{type(error).__name__}: {error}")
                return None, 0
            return (None, 0) if row is None else (int(row[0]), int(steps))

    def pending(self, job: int) -> Pending | None:
        """The job's unsaved edits replayed on its base, or None (no journal, no steps, or an unreadable journal —
        then moved aside and listed in :attr:`problems`). Decoding a large base takes a while: run it (and
        :meth:`begin`) off the GUI thread; the journal is safe to share between threads."""
        with self._lock:
            return self._pending(job)

    def _pending(self, job: int) -> Pending | None:
        if not self.path(job).exists():
            return None
        try:
            connection = self._connect(job)
            row = connection.execute("SELECT version, document FROM base WHERE id = 1").fetchone()
            rows = connection.execute("SELECT frame, delta FROM steps ORDER BY seq").fetchall()
            if row is None or not rows:
                return None
            base = Annotations.from_json(_decode(row[1]))
            document = base
            for _, data in rows:
                document = apply_delta(document, Delta.from_json(_decode(data)))
            return Pending(row[0], base, document, len(rows), rows[-1][0])
        except (sqlite3.DatabaseError, msgspec.DecodeError, KeyError, TypeError, ValueError) as error:
            if isinstance(error, sqlite3.OperationalError) and _is_write_failure(error):
                raise _write_error(error) from error
            self._move_aside(job, f"{type(error).__name__}: {error}")
            return None


def _encode_document(document: Annotations) -> bytes:
    return _encode(document.to_json())


def _is_write_failure(error: sqlite3.Error) -> bool:
    """Errors of the disk, not of the file's content: full, read-only, I/O, locked."""
    code = getattr(error, "sqlite_errorcode", None)
    disk_codes = {sqlite3.SQLITE_FULL, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_READONLY, sqlite3.SQLITE_BUSY,
                  sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM}  # fmt: skip
    if code is not None:
        return code in disk_codes or (code & 0xFF) in disk_codes
    text = str(error).lower()
    return any(word in text for word in ("full", "disk i/o", "readonly", "locked", "unable to open"))
