"""Projects in SQLite (CVAT v1.1: a name, owner, assignee, bug tracker and dates; no labels), the list query,
and their JSON."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .clock import now_iso
from .db import Database

ORDERING_COLUMNS = {
    "id": "p.id",
    "name": "p.name",
    "owner": "p.owner_id",
    "status": "p.status",
    "assignee": "p.assignee_id",
}
TEXT_FILTERS = {
    "name": "p.name",
    "owner": "(SELECT username FROM users WHERE id = p.owner_id)",
    "assignee": "(SELECT username FROM users WHERE id = p.assignee_id)",
    "status": "p.status",
}
SEARCH_FIELDS = ("p.name", TEXT_FILTERS["owner"], TEXT_FILTERS["assignee"], "p.status")
# A project shows in a non-admin's list when they own it, are its assignee, or own, are assigned or have a job in
# one of its tasks.
VISIBLE = (
    "(p.owner_id = :viewer OR p.assignee_id = :viewer OR p.id IN (SELECT t.project_id FROM tasks t"
    " WHERE t.project_id IS NOT NULL AND (t.owner_id = :viewer OR t.assignee_id = :viewer OR t.id IN"
    " (SELECT s.task_id FROM jobs j JOIN segments s ON s.id = j.segment_id WHERE j.assignee_id = :viewer))))"
)


@dataclass(frozen=True, slots=True)
class ProjectQuery:
    """What a project list request asks for (already validated)."""

    viewer_id: int | None = None  # None: every project (admin and observer)
    search_terms: tuple[str, ...] = ()
    text_filters: tuple[tuple[str, str], ...] = ()
    project_id: int | None = None
    ordering: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ProjectRow:
    """One project as stored."""

    id: int
    name: str
    owner_id: int | None
    assignee_id: int | None
    bug_tracker: str
    created_date: str
    updated_date: str
    status: str

    def json(self, api_root: str) -> dict[str, Any]:
        """CVAT v1.1's ``ProjectSerializer``."""
        return {
            "url": f"{api_root}/projects/{self.id}",
            "id": self.id,
            "name": self.name,
            "owner": self.owner_id,
            "assignee": self.assignee_id,
            "bug_tracker": self.bug_tracker,
            "created_date": self.created_date,
            "updated_date": self.updated_date,
            "status": self.status,
        }


class ProjectStore:
    """Reads and writes projects."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, name: str, owner_id: int | None, assignee_id: int | None = None, bug_tracker: str = "") -> int:
        """A new project (status ``annotation``); its id."""
        created = now_iso()
        with self._db.write() as conn:
            cursor = conn.execute(
                "INSERT INTO projects (name, owner_id, assignee_id, bug_tracker, created_date, updated_date, status)"
                " VALUES (?, ?, ?, ?, ?, ?, 'annotation')",
                (name, owner_id, assignee_id, bug_tracker, created, created),
            )
        return int(cursor.lastrowid or 0)

    def get(self, project_id: int) -> ProjectRow | None:
        """The project with this id."""
        rows = self.load([project_id])
        return rows[0] if rows else None

    def load(self, ids: list[int]) -> list[ProjectRow]:
        """Projects by id, in the order given."""
        if not ids:
            return []
        marks = ", ".join("?" * len(ids))
        with self._db.read() as conn:
            rows = conn.execute(
                "SELECT id, name, owner_id, assignee_id, bug_tracker, created_date, updated_date, status"
                f" FROM projects WHERE id IN ({marks})",
                ids,
            ).fetchall()
        found = {row[0]: ProjectRow(*row) for row in rows}
        return [found[i] for i in ids if i in found]

    def update(self, project_id: int, values: dict[str, Any]) -> None:
        """Change ``name``, ``owner_id``, ``assignee_id``, ``bug_tracker`` (v1.1 leaves ``updated_date`` alone)."""
        if not values:
            return
        assignments = ", ".join(f"{column} = :{column}" for column in values)
        with self._db.write() as conn:
            conn.execute(f"UPDATE projects SET {assignments} WHERE id = :id", {**values, "id": project_id})

    def task_ids(self, project_id: int) -> list[int]:
        """Every task of the project."""
        with self._db.read() as conn:
            return [row[0] for row in conn.execute("SELECT id FROM tasks WHERE project_id = ?", (project_id,))]

    def delete(self, project_id: int) -> None:
        """Delete the project (its tasks must be deleted first, with their media)."""
        with self._db.write() as conn:
            conn.execute("DELETE FROM projects WHERE id = ?", (project_id,))

    def list_ids(self, query: ProjectQuery) -> list[int]:
        """Ids of the matching projects, in the asked order (default newest first)."""
        where: list[str] = []
        params: dict[str, Any] = {}
        if query.viewer_id is not None:
            where.append(VISIBLE)
            params["viewer"] = query.viewer_id
        for number, term in enumerate(query.search_terms):
            params[f"term{number}"] = term
            where.append("(" + " OR ".join(f"icontains({field}, :term{number})" for field in SEARCH_FIELDS) + ")")
        for number, (name, value) in enumerate(query.text_filters):
            params[f"filter{number}"] = value
            where.append(f"icontains({TEXT_FILTERS[name]}, :filter{number})")
        if query.project_id is not None:
            where.append("p.id = :project_id")
            params["project_id"] = query.project_id
        order = [
            f"{ORDERING_COLUMNS[key.lstrip('-')]} {'DESC' if key.startswith('-') else 'ASC'}" for key in query.ordering
        ] or ["p.id DESC"]
        sql = "SELECT p.id FROM projects p"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY " + ", ".join(order)
        with self._db.read() as conn:
            return [row[0] for row in conn.execute(sql, params)]
