"""Create, update and delete tasks with their labels, as CVAT v1.1's ``TaskSerializer`` and ``perform_destroy`` do."""

from __future__ import annotations

import sqlite3
from typing import Any

from .clock import now_iso
from .db import Database
from .label_colors import label_color
from .task_bodies import AttributeInput, DatabaseRefusal, LabelInput

COLUMNS = {
    "name": "name",
    "owner": "owner_id",
    "assignee": "assignee_id",
    "bug_tracker": "bug_tracker",
    "z_order": "z_order",
    "project": "project_id",
    "overlap": "overlap",
    "segment_size": "segment_size",
}
WRITE_ONCE = frozenset({"overlap", "segment_size"})


class TaskEditor:
    """Writes of tasks and labels (reads live in :class:`~annodesk.sandbox.tasks.TaskStore`)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, values: dict[str, Any], labels: list[LabelInput], owner_id: int | None) -> int:
        """Insert a task without data; ``owner`` in ``values`` wins over ``owner_id`` (the creator)."""
        row = {COLUMNS[key]: value for key, value in values.items()}
        row.setdefault("owner_id", owner_id)
        row["created_date"] = row["updated_date"] = now_iso()
        row["z_order"] = int(row.get("z_order", False))
        with self._db.write() as conn:
            row["id"] = _next_task_id(conn)
            names = ", ".join(row)
            marks = ", ".join("?" * len(row))
            conn.execute(f"INSERT INTO tasks ({names}) VALUES ({marks})", list(row.values()))
            task_id = int(row["id"])
            created: list[str] = []
            for label in labels:
                color = label.color or label_color(label.name, created)
                created.append(label.name)
                label_id = conn.execute(
                    "INSERT INTO labels (task_id, name, color) VALUES (?, ?, ?)", (task_id, label.name, color)
                ).lastrowid
                for attribute in label.attributes:
                    _insert_attribute(conn, int(label_id or 0), attribute)
        return task_id

    def update(self, task_id: int, values: dict[str, Any], labels: list[LabelInput] | None) -> None:
        """Change fields (``overlap``/``segment_size`` are write-once: ignored) and add or update labels by name."""
        changes = {COLUMNS[key]: value for key, value in values.items() if key not in WRITE_ONCE}
        if "z_order" in changes:
            changes["z_order"] = int(changes["z_order"])
        with self._db.write() as conn:
            if changes:
                assignments = ", ".join(f"{column} = ?" for column in changes)
                conn.execute(f"UPDATE tasks SET {assignments} WHERE id = ?", (*changes.values(), task_id))
            for label in labels or []:
                _upsert_label(conn, task_id, label)

    def delete(self, task_id: int) -> list[int]:
        """Delete the task with its labels, jobs and annotations; return the ids of its removed media records."""
        with self._db.write() as conn:
            data_ids = [row[0] for row in conn.execute("SELECT data_id FROM tasks WHERE id = ?", (task_id,)) if row[0]]
            conn.execute("DELETE FROM tasks WHERE id = ?", (task_id,))
            for data_id in data_ids:
                if conn.execute("SELECT 1 FROM tasks WHERE data_id = ?", (data_id,)).fetchone() is None:
                    conn.execute("DELETE FROM data WHERE id = ?", (data_id,))
        return data_ids


def _next_task_id(conn: sqlite3.Connection) -> int:
    """A task id never used before (SQLite would hand out a deleted last id again; CVAT's database does not)."""
    row = conn.execute(
        "SELECT max(COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'task_id_high'), 0),"
        " COALESCE((SELECT max(id) FROM tasks), 0))"
    ).fetchone()
    task_id = int(row[0]) + 1
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('task_id_high', ?)", (str(task_id),))
    return task_id


def _upsert_label(conn: sqlite3.Connection, task_id: int, label: LabelInput) -> None:
    row = conn.execute("SELECT id FROM labels WHERE task_id = ? AND name = ?", (task_id, label.name)).fetchone()
    if row is None:
        label_id = int(
            conn.execute("INSERT INTO labels (task_id, name, color) VALUES (?, ?, '')", (task_id, label.name)).lastrowid
            or 0
        )
    else:
        label_id = int(row[0])
    color = label.color
    if not color:
        others = [
            r[0]
            for r in conn.execute(
                "SELECT name FROM labels WHERE task_id = ? AND id != ? ORDER BY id", (task_id, label_id)
            )
        ]
        color = label_color(label.name, others)
    conn.execute("UPDATE labels SET color = ? WHERE id = ?", (color, label_id))
    for attribute in label.attributes:
        if attribute.name is None:
            raise DatabaseRefusal("an attribute without a name cannot be matched")
        existing = conn.execute(
            "SELECT id FROM attributes WHERE label_id = ? AND name = ?", (label_id, attribute.name)
        ).fetchone()
        if existing is None:
            _insert_attribute(conn, label_id, attribute)
            continue
        changes: dict[str, Any] = {"vals": attribute.values}
        if attribute.default_value is not None:
            changes["default_value"] = attribute.default_value
        if attribute.mutable is not None:
            changes["mutable"] = int(attribute.mutable)
        if attribute.input_type is not None:
            changes["input_type"] = attribute.input_type
        assignments = ", ".join(f"{column} = ?" for column in changes)
        conn.execute(f"UPDATE attributes SET {assignments} WHERE id = ?", (*changes.values(), existing[0]))


def _insert_attribute(conn: sqlite3.Connection, label_id: int, attribute: AttributeInput) -> None:
    refusal = attribute.refusal()
    if refusal:
        raise DatabaseRefusal(refusal)
    conn.execute(
        "INSERT INTO attributes (label_id, name, mutable, input_type, default_value, vals) VALUES (?, ?, ?, ?, ?, ?)",
        (
            label_id,
            attribute.name or "",
            int(bool(attribute.mutable)),
            attribute.input_type,
            attribute.default_value or "",
            attribute.values,
        ),
    )
