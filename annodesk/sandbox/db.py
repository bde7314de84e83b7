"""The sandbox's SQLite database: schema (versioned, migrated in place), one shared connection, and a lock."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The first release's schema (version 1; it wrote no version number). Never edit: add a migration instead.
BASE_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE COLLATE NOCASE,
    password TEXT NOT NULL,
    first_name TEXT NOT NULL DEFAULT '',
    last_name TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    is_staff INTEGER NOT NULL DEFAULT 0,
    is_superuser INTEGER NOT NULL DEFAULT 0,
    is_active INTEGER NOT NULL DEFAULT 1,
    last_login TEXT,
    date_joined TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS user_groups (
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    PRIMARY KEY (user_id, name)
);
CREATE TABLE IF NOT EXISTS tokens (
    key TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sessions (
    key TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS projects (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS data (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL,
    image_quality INTEGER NOT NULL,
    chunk_size INTEGER NOT NULL,
    start_frame INTEGER NOT NULL DEFAULT 0,
    stop_frame INTEGER NOT NULL,
    frame_filter TEXT NOT NULL DEFAULT '',
    chunk_type TEXT NOT NULL DEFAULT 'imageset',
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    name_pattern TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS tasks (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    mode TEXT NOT NULL DEFAULT '',
    owner_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    bug_tracker TEXT NOT NULL DEFAULT '',
    created_date TEXT NOT NULL,
    updated_date TEXT NOT NULL,
    overlap INTEGER,
    segment_size INTEGER NOT NULL DEFAULT 0,
    z_order INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL DEFAULT 'annotation',
    project_id INTEGER REFERENCES projects(id) ON DELETE CASCADE,
    data_id INTEGER REFERENCES data(id)
);
CREATE TABLE IF NOT EXISTS labels (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    color TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS attributes (
    id INTEGER PRIMARY KEY,
    label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    mutable INTEGER NOT NULL,
    input_type TEXT NOT NULL,
    default_value TEXT NOT NULL,
    vals TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS segments (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks(id) ON DELETE CASCADE,
    start_frame INTEGER NOT NULL,
    stop_frame INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY,
    segment_id INTEGER NOT NULL REFERENCES segments(id) ON DELETE CASCADE,
    assignee_id INTEGER REFERENCES users(id) ON DELETE SET NULL,
    status TEXT NOT NULL DEFAULT 'annotation'
);
CREATE INDEX IF NOT EXISTS labels_task ON labels(task_id);
CREATE INDEX IF NOT EXISTS attributes_label ON attributes(label_id);
CREATE INDEX IF NOT EXISTS segments_task ON segments(task_id);
CREATE INDEX IF NOT EXISTS jobs_segment ON jobs(segment_id);
CREATE INDEX IF NOT EXISTS jobs_assignee ON jobs(assignee_id);
CREATE INDEX IF NOT EXISTS tasks_owner ON tasks(owner_id);
CREATE INDEX IF NOT EXISTS tasks_assignee ON tasks(assignee_id);
"""

# Version 2: uploaded media (a data record exists from the upload on, before its size and chunk size are known;
# per-frame names and sizes), annotations with job versions.
MIGRATION_2 = """
CREATE TABLE data_v2 (
    id INTEGER PRIMARY KEY,
    size INTEGER NOT NULL DEFAULT 0,
    image_quality INTEGER NOT NULL,
    chunk_size INTEGER,
    start_frame INTEGER NOT NULL DEFAULT 0,
    stop_frame INTEGER NOT NULL DEFAULT 0,
    frame_filter TEXT NOT NULL DEFAULT '',
    chunk_type TEXT NOT NULL DEFAULT 'imageset',
    width INTEGER NOT NULL DEFAULT 0,
    height INTEGER NOT NULL DEFAULT 0,
    name_pattern TEXT NOT NULL DEFAULT '',
    storage TEXT NOT NULL DEFAULT 'generated'
);
INSERT INTO data_v2 (id, size, image_quality, chunk_size, start_frame, stop_frame, frame_filter, chunk_type, width,
    height, name_pattern)
    SELECT id, size, image_quality, chunk_size, start_frame, stop_frame, frame_filter, chunk_type, width, height,
    name_pattern FROM data;
DROP TABLE data;
ALTER TABLE data_v2 RENAME TO data;
CREATE TABLE frames (
    data_id INTEGER NOT NULL REFERENCES data(id) ON DELETE CASCADE,
    frame INTEGER NOT NULL,
    path TEXT NOT NULL,
    width INTEGER NOT NULL,
    height INTEGER NOT NULL,
    PRIMARY KEY (data_id, frame)
) WITHOUT ROWID;
ALTER TABLE jobs ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    frame INTEGER NOT NULL,
    label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    group_id INTEGER,
    source TEXT NOT NULL,
    attributes TEXT NOT NULL
);
CREATE TABLE shapes (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    frame INTEGER NOT NULL,
    label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    group_id INTEGER,
    source TEXT NOT NULL,
    type TEXT NOT NULL,
    occluded INTEGER NOT NULL,
    z_order INTEGER NOT NULL,
    points TEXT NOT NULL,
    attributes TEXT NOT NULL
);
CREATE TABLE tracks (
    id INTEGER PRIMARY KEY,
    job_id INTEGER NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    frame INTEGER NOT NULL,
    label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
    group_id INTEGER,
    source TEXT NOT NULL,
    attributes TEXT NOT NULL
);
CREATE TABLE tracked_shapes (
    id INTEGER PRIMARY KEY,
    track_id INTEGER NOT NULL REFERENCES tracks(id) ON DELETE CASCADE,
    frame INTEGER NOT NULL,
    type TEXT NOT NULL,
    occluded INTEGER NOT NULL,
    z_order INTEGER NOT NULL,
    outside INTEGER NOT NULL,
    points TEXT NOT NULL,
    attributes TEXT NOT NULL
);
CREATE INDEX tags_job ON tags(job_id);
CREATE INDEX shapes_job ON shapes(job_id);
CREATE INDEX tracks_job ON tracks(job_id);
CREATE INDEX tracked_shapes_track ON tracked_shapes(track_id);
CREATE INDEX tasks_data ON tasks(data_id);
"""

# Version 3: sessions expire (Django's ``expire_date``; sessions of older versions count as expired); projects get
# CVAT v1.1's remaining fields.
MIGRATION_3 = """
ALTER TABLE sessions ADD COLUMN expires TEXT NOT NULL DEFAULT '';
CREATE INDEX sessions_user ON sessions(user_id);
ALTER TABLE projects ADD COLUMN bug_tracker TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN created_date TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN updated_date TEXT NOT NULL DEFAULT '';
ALTER TABLE projects ADD COLUMN status TEXT NOT NULL DEFAULT 'annotation';
"""

# Schema version -> the script that brings the previous version to it.
MIGRATIONS = {2: MIGRATION_2, 3: MIGRATION_3}
SCHEMA_VERSION = max(MIGRATIONS)
# Every table a task's JSON is read from (tasks.py caches that JSON until one of them changes).
TASK_JSON_TABLES = ("tasks", "labels", "attributes", "segments", "jobs", "data")


def _icontains(haystack: object, needle: object) -> int:
    """Django's ``icontains`` (Unicode case folding, unlike SQLite's ASCII-only LIKE)."""
    if haystack is None or needle is None:
        return 0
    return int(str(needle).casefold() in str(haystack).casefold())


def _statements(script: str) -> list[str]:
    """The SQL statements of a migration script (``executescript`` would commit the transaction)."""
    statements, current = [], ""
    for line in script.splitlines(keepends=True):
        current += line
        if sqlite3.complete_statement(current):
            statements.append(current.strip())
            current = ""
    return [statement for statement in statements if statement]


class Database:
    """One SQLite connection shared by the server thread and test code, serialised by a lock."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA foreign_keys = ON")
        self._conn.execute("PRAGMA journal_mode = WAL")
        self._conn.execute("PRAGMA synchronous = NORMAL")
        self._conn.create_function("icontains", 2, _icontains, deterministic=True)
        self._conn.executescript(BASE_SCHEMA)
        self._migrate()
        self._tasks_version = 0
        self._watch_task_tables()

    def _watch_task_tables(self) -> None:
        """Count every change to the tables task JSON is built from, whoever makes it (temporary triggers)."""

        def changed() -> None:
            self._tasks_version += 1

        self._conn.create_function("annodesk_task_data_changed", 0, changed)
        for table in TASK_JSON_TABLES:
            for event in ("INSERT", "UPDATE", "DELETE"):
                self._conn.execute(
                    f"CREATE TEMP TRIGGER IF NOT EXISTS watch_{table}_{event.lower()} AFTER {event} ON main.{table}"
                    " BEGIN SELECT annodesk_task_data_changed(); END"
                )

    @property
    def tasks_version(self) -> int:
        """A number that changes whenever a task, label, attribute, segment, job or media row changes."""
        return self._tasks_version

    @property
    def schema_version(self) -> int:
        """The schema version stored in ``meta`` (1 for a database of the first release, which wrote none)."""
        with self.read() as conn:
            row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        return int(row[0]) if row else 1

    def _migrate(self) -> None:
        """Bring the schema up to :data:`SCHEMA_VERSION`, one migration per transaction (foreign keys off)."""
        current = self.schema_version
        for version in sorted(v for v in MIGRATIONS if v > current):
            with self._lock:
                self._conn.execute("PRAGMA foreign_keys = OFF")
                try:
                    with self.write() as conn:
                        for statement in _statements(MIGRATIONS[version]):
                            conn.execute(statement)
                        conn.execute(
                            "INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)", (str(version),)
                        )
                        problems = conn.execute("PRAGMA foreign_key_check").fetchall()
                        if problems:
                            raise sqlite3.IntegrityError(f"migration {version} broke foreign keys: {problems[:3]}")
                finally:
                    self._conn.execute("PRAGMA foreign_keys = ON")

    @contextmanager
    def read(self) -> Iterator[sqlite3.Connection]:
        """The connection, for queries."""
        with self._lock:
            yield self._conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """The connection inside one transaction (committed on success, rolled back on error)."""
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        """Close the connection."""
        with self._lock:
            self._conn.close()
