"""Tasks, labels, segments and jobs in SQLite: bulk insert, the list query, and JSON as CVAT v1.1 writes it."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, overload

from .clock import now_iso
from .db import Database
from .specs import TaskSpec, effective_overlap, segment_ranges, task_status

ORDERING_COLUMNS = {
    "id": "t.id",
    "name": "t.name",
    "owner": "t.owner_id",
    "status": "t.status",
    "assignee": "t.assignee_id",
}
TEXT_FILTERS = {
    "name": "t.name",
    "owner": "(SELECT username FROM users WHERE id = t.owner_id)",
    "assignee": "(SELECT username FROM users WHERE id = t.assignee_id)",
    "mode": "t.mode",
    "status": "t.status",
    "project": "(SELECT name FROM projects WHERE id = t.project_id)",
}
SEARCH_FIELDS = ("t.name", TEXT_FILTERS["owner"], "t.mode", "t.status")
JOB_STATUSES = ("annotation", "validation", "completed")
_CHUNK = 900  # ids per IN (...) clause


@dataclass(frozen=True, slots=True)
class TaskQuery:
    """What a task list request asks for (already validated)."""

    viewer_id: int | None = None  # None: every task (admin and observer)
    search_terms: tuple[str, ...] = ()
    text_filters: tuple[tuple[str, str], ...] = ()
    task_id: int | None = None
    project_id: int | None = None
    ordering: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TaskAccess:
    """The facts permission checks need about one task."""

    id: int
    owner_id: int | None
    assignee_id: int | None
    project_owner_id: int | None
    project_assignee_id: int | None
    job_assignees: tuple[int | None, ...]
    has_jobs: bool


@dataclass(frozen=True, slots=True)
class JobRow:
    """One job with its segment and task."""

    id: int
    task_id: int
    assignee_id: int | None
    status: str
    start_frame: int
    stop_frame: int


class TaskStore:
    """Reads and writes tasks and jobs."""

    def __init__(self, db: Database) -> None:
        self._db = db
        # Task JSON built by load(), kept until a task, label, attribute, segment, job or media row changes
        # (the database counts every such write, whichever store makes it) or the API root differs: listing
        # 10,000 tasks page after page no longer rebuilds each of them.
        self._json: dict[int, dict[str, Any]] = {}
        self._json_key: tuple[int, str] = (-1, "")

    # Writing -------------------------------------------------------------------------------------
    def add_tasks(self, specs: Iterable[TaskSpec]) -> list[int]:
        """Insert tasks with their labels, media, segments and jobs in one transaction; return their ids."""
        ids = []
        with self._db.write() as conn:
            for spec in specs:
                ids.append(self._insert(conn, spec))
        return ids

    def _insert(self, conn: sqlite3.Connection, spec: TaskSpec) -> int:
        created = spec.created or now_iso()
        data_id = None
        if spec.data is not None:
            media = spec.data
            data_id = conn.execute(
                "INSERT INTO data (size, image_quality, chunk_size, stop_frame, chunk_type, width, height,"
                " name_pattern) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    media.size,
                    media.image_quality,
                    media.chunk_size,
                    media.size - 1,
                    "video" if media.video else "imageset",
                    media.width,
                    media.height,
                    media.name_pattern,
                ),
            ).lastrowid
        overlap = effective_overlap(spec)
        ranges = segment_ranges(spec.segment_size, overlap or 0, spec.data.size) if spec.data else []
        statuses = [spec.jobs[i % len(spec.jobs)][1] for i in range(len(ranges))]
        mode = ("interpolation" if spec.data.video else "annotation") if spec.data else ""
        task_id = conn.execute(
            "INSERT INTO tasks (name, mode, owner_id, assignee_id, bug_tracker, created_date, updated_date, overlap,"
            " segment_size, z_order, status, project_id, data_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                spec.name,
                mode,
                spec.owner_id,
                spec.assignee_id,
                spec.bug_tracker,
                created,
                spec.updated or created,
                overlap,
                spec.segment_size,
                int(spec.z_order),
                task_status(statuses),
                spec.project_id,
                data_id,
            ),
        ).lastrowid
        for label in spec.labels:
            label_id = conn.execute(
                "INSERT INTO labels (task_id, name, color) VALUES (?, ?, ?)", (task_id, label.name, label.color)
            ).lastrowid
            conn.executemany(
                "INSERT INTO attributes (label_id, name, mutable, input_type, default_value, vals)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (label_id, a.name, int(a.mutable), a.input_type, a.default, "\n".join(a.values))
                    for a in label.attributes
                ],
            )
        for index, (start, stop) in enumerate(ranges):
            segment_id = conn.execute(
                "INSERT INTO segments (task_id, start_frame, stop_frame) VALUES (?, ?, ?)", (task_id, start, stop)
            ).lastrowid
            assignee, status = spec.jobs[index % len(spec.jobs)]
            conn.execute(
                "INSERT INTO jobs (segment_id, assignee_id, status) VALUES (?, ?, ?)", (segment_id, assignee, status)
            )
        return int(task_id or 0)

    def update_job(self, job_id: int, changes: dict[str, Any]) -> None:
        """Apply validated job changes (``status``, ``assignee_id``) and recompute the task's status."""
        if not changes:
            return
        with self._db.write() as conn:
            assignments = ", ".join(f"{column} = ?" for column in changes)
            conn.execute(f"UPDATE jobs SET {assignments} WHERE id = ?", (*changes.values(), job_id))
            task_id = conn.execute(
                "SELECT s.task_id FROM jobs j JOIN segments s ON s.id = j.segment_id WHERE j.id = ?", (job_id,)
            ).fetchone()[0]
            statuses = [
                row[0]
                for row in conn.execute(
                    "SELECT j.status FROM jobs j JOIN segments s ON s.id = j.segment_id WHERE s.task_id = ?",
                    (task_id,),
                )
            ]
            conn.execute("UPDATE tasks SET status = ? WHERE id = ?", (task_status(statuses), task_id))

    # Reading -------------------------------------------------------------------------------------
    def count(self) -> int:
        """How many tasks exist."""
        with self._db.read() as conn:
            return int(conn.execute("SELECT count(*) FROM tasks").fetchone()[0])

    def exists(self, task_id: int) -> bool:
        """Whether the task exists."""
        with self._db.read() as conn:
            return conn.execute("SELECT 1 FROM tasks WHERE id = ?", (task_id,)).fetchone() is not None

    def project_exists(self, project_id: int) -> bool:
        """Whether the project exists."""
        with self._db.read() as conn:
            return conn.execute("SELECT 1 FROM projects WHERE id = ?", (project_id,)).fetchone() is not None

    def list_ids(self, query: TaskQuery) -> TaskIds:
        """Ids of the tasks matching ``query``, in the asked order (default newest first), read lazily."""
        where: list[str] = []
        params: list[Any] = []
        if query.viewer_id is not None:
            where.append(
                "(t.owner_id = ? OR t.assignee_id = ? OR t.assignee_id IS NULL OR t.id IN (SELECT s.task_id"
                " FROM jobs j JOIN segments s ON s.id = j.segment_id WHERE j.assignee_id = ?))"
            )
            params += [query.viewer_id] * 3
        for term in query.search_terms:
            where.append("(" + " OR ".join(f"icontains({field}, ?)" for field in SEARCH_FIELDS) + ")")
            params += [term] * len(SEARCH_FIELDS)
        for name, value in query.text_filters:
            where.append(f"icontains({TEXT_FILTERS[name]}, ?)")
            params.append(value)
        if query.task_id is not None:
            where.append("t.id = ?")
            params.append(query.task_id)
        if query.project_id is not None:
            where.append("t.project_id = ?")
            params.append(query.project_id)
        order = [
            f"{ORDERING_COLUMNS[key.lstrip('-')]} {'DESC' if key.startswith('-') else 'ASC'}" for key in query.ordering
        ] or ["t.id DESC"]
        if not any(key.lstrip("-") == "id" for key in query.ordering):
            order.append("t.id DESC")  # a stable order across pages
        return TaskIds(self._db, " WHERE " + " AND ".join(where) if where else "", params, ", ".join(order))

    def access(self, task_id: int) -> TaskAccess | None:
        """Ownership and assignment facts of one task, or None when it does not exist."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT t.id, t.owner_id, t.assignee_id, p.owner_id, p.assignee_id FROM tasks t"
                " LEFT JOIN projects p ON p.id = t.project_id WHERE t.id = ?",
                (task_id,),
            ).fetchone()
            if row is None:
                return None
            jobs = conn.execute(
                "SELECT j.assignee_id FROM jobs j JOIN segments s ON s.id = j.segment_id WHERE s.task_id = ?",
                (task_id,),
            ).fetchall()
        return TaskAccess(row[0], row[1], row[2], row[3], row[4], tuple(j[0] for j in jobs), bool(jobs))

    def job(self, job_id: int) -> JobRow | None:
        """One job, or None."""
        with self._db.read() as conn:
            row = conn.execute(
                "SELECT j.id, s.task_id, j.assignee_id, j.status, s.start_frame, s.stop_frame FROM jobs j"
                " JOIN segments s ON s.id = j.segment_id WHERE j.id = ?",
                (job_id,),
            ).fetchone()
        return JobRow(*row) if row else None

    def jobs_of(self, task_id: int) -> list[JobRow]:
        """Every job of a task."""
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT j.id, s.task_id, j.assignee_id, j.status, s.start_frame, s.stop_frame FROM jobs j"
                " JOIN segments s ON s.id = j.segment_id WHERE s.task_id = ? ORDER BY j.id",
                (task_id,),
            ).fetchall()
        return [JobRow(*row) for row in rows]

    def media(self, task_id: int) -> sqlite3.Row | None:
        """The task's data row (size, frames, quality...), or None when it has no data."""
        with self._db.read() as conn:
            return conn.execute(
                "SELECT d.* FROM tasks t JOIN data d ON d.id = t.data_id WHERE t.id = ?", (task_id,)
            ).fetchone()

    def load(self, ids: Sequence[int], api_root: str) -> list[dict[str, Any]]:
        """Task JSON objects for ``ids``, in that order, exactly as CVAT v1.1 serialises them.

        The objects are shared with later calls (a cache, dropped whenever the database changes): encode them,
        never modify them.
        """
        with self._db.read() as conn:
            key = (self._db.tasks_version, api_root)
            if key != self._json_key:
                self._json, self._json_key = {}, key
            found = self._json
            missing = [task_id for task_id in ids if task_id not in found]
            for start in range(0, len(missing), _CHUNK):
                found.update(self._load_chunk(conn, missing[start : start + _CHUNK], api_root))
            return [found[task_id] for task_id in ids if task_id in found]

    @staticmethod
    def _load_chunk(conn: sqlite3.Connection, ids: list[int], api_root: str) -> dict[int, dict[str, Any]]:
        marks = ",".join("?" * len(ids))
        cursor = conn.cursor()
        cursor.row_factory = None  # plain tuples: this runs for every listed task, named access costs
        tasks: dict[int, dict[str, Any]] = {}
        rows = cursor.execute(
            "SELECT t.id, t.name, t.mode, t.owner_id, t.assignee_id, t.bug_tracker, t.created_date, t.updated_date,"
            " t.overlap, t.segment_size, t.z_order, t.status, t.project_id, t.data_id,"
            " d.size, d.image_quality, d.chunk_size, d.chunk_type FROM tasks t"
            f" LEFT JOIN data d ON d.id = t.data_id WHERE t.id IN ({marks})",
            ids,
        )
        for (
            task_id, name, mode, owner, assignee, bug_tracker, created, updated, overlap, segment_size, z_order,
            status, project, data_id, size, image_quality, chunk_size, chunk_type,
        ) in rows:  # fmt: skip
            task = tasks[task_id] = {
                "url": f"{api_root}/tasks/{task_id}",
                "id": task_id,
                "name": name,
                "mode": mode,
                "owner": owner,
                "assignee": assignee,
                "bug_tracker": bug_tracker,
                "created_date": created,
                "updated_date": updated,
                "overlap": overlap,
                "segment_size": segment_size,
                "z_order": bool(z_order),
                "status": status,
                "labels": [],
                "segments": [],
                "project": project,
            }
            if data_id is not None:
                task.update(
                    data_chunk_size=chunk_size,
                    data_compressed_chunk_type=chunk_type,
                    data_original_chunk_type=chunk_type,
                    size=size,
                    image_quality=image_quality,
                    data=data_id,
                )
        labels: dict[int, list[Any]] = {}
        for label_id, task_id, name, color in cursor.execute(
            f"SELECT id, task_id, name, color FROM labels WHERE task_id IN ({marks}) ORDER BY id", ids
        ):
            attributes: list[Any] = []
            labels[label_id] = attributes
            tasks[task_id]["labels"].append({"id": label_id, "name": name, "color": color, "attributes": attributes})
        for attribute_id, label_id, name, mutable, input_type, default_value, values in cursor.execute(
            "SELECT a.id, a.label_id, a.name, a.mutable, a.input_type, a.default_value, a.vals FROM attributes a"
            f" JOIN labels l ON l.id = a.label_id WHERE l.task_id IN ({marks}) ORDER BY a.id",
            ids,
        ):
            labels[label_id].append(
                {
                    "id": attribute_id,
                    "name": name,
                    "mutable": bool(mutable),
                    "input_type": input_type,
                    "default_value": default_value,
                    "values": values.split("\n"),
                }
            )
        segments: dict[int, list[Any]] = {}
        for segment_id, task_id, start_frame, stop_frame, job_id, job_assignee, job_status in cursor.execute(
            "SELECT s.id, s.task_id, s.start_frame, s.stop_frame, j.id, j.assignee_id, j.status FROM segments s"
            f" JOIN jobs j ON j.segment_id = s.id WHERE s.task_id IN ({marks}) ORDER BY s.id, j.id",
            ids,
        ):
            jobs = segments.get(segment_id)
            if jobs is None:
                jobs = segments[segment_id] = []
                tasks[task_id]["segments"].append({"start_frame": start_frame, "stop_frame": stop_frame, "jobs": jobs})
            jobs.append(
                {"url": f"{api_root}/jobs/{job_id}", "id": job_id, "assignee": job_assignee, "status": job_status}
            )
        return tasks


class TaskIds(Sequence[int]):
    """The ids a task query selects, as Django's paginator reads them: ``len()`` is one ``COUNT(*)``, a slice
    one ``LIMIT/OFFSET`` query. Paging through 10,000 tasks no longer reads all their ids for every page."""

    def __init__(self, db: Database, where: str, params: list[Any], order: str) -> None:
        self._db = db
        self._where = where
        self._params = params
        self._order = order
        self._count: int | None = None

    def __iter__(self) -> Iterator[int]:
        return iter(self[0 : len(self)])  # one query, not one per item

    def __len__(self) -> int:
        if self._count is None:
            with self._db.read() as conn:
                sql = f"SELECT count(*) FROM tasks t{self._where}"
                self._count = int(conn.execute(sql, self._params).fetchone()[0])
        return self._count

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> list[int]: ...
    def __getitem__(self, index: int | slice) -> int | list[int]:
        if isinstance(index, int):
            found = self[index : index + 1] if index >= 0 else self[len(self) + index :][:1]
            if not found:
                raise IndexError(index)
            return found[0]
        start, stop, step = index.indices(len(self))
        if step != 1:
            return list(self)[index]
        if stop <= start:
            return []
        sql = f"SELECT t.id FROM tasks t{self._where} ORDER BY {self._order} LIMIT ? OFFSET ?"
        with self._db.read() as conn:
            return [row[0] for row in conn.execute(sql, [*self._params, stop - start, start])]


def job_ref_json(api_root: str, job_id: int, assignee_id: int | None, status: str) -> dict[str, Any]:
    """A job as listed inside a task's segment."""
    return {"url": f"{api_root}/jobs/{job_id}", "id": job_id, "assignee": assignee_id, "status": status}


def job_json(api_root: str, job: JobRow) -> dict[str, Any]:
    """A job as ``GET jobs/{id}`` returns it."""
    return {
        **job_ref_json(api_root, job.id, job.assignee_id, job.status),
        "start_frame": job.start_frame,
        "stop_frame": job.stop_frame,
        "task_id": job.task_id,
    }
