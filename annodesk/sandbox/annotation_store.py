"""Annotations of jobs in SQLite, as CVAT v1.1's ``JobAnnotation`` keeps them: tags, shapes and tracks, with a
version per job that every successful write increases (empty ones too), and the task's ``updated_date`` moved by
each write that changes rows (``_set_updated_date`` is called only then).

Objects are plain dicts in the JSON's shape. Reads can fill in attribute defaults the way CVAT's GET does.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .clock import now_iso
from .db import Database

KINDS = ("tags", "shapes", "tracks")
PRIMARY_KEYS = {
    "tags": "engine_labeledimage_pkey",
    "shapes": "engine_labeledshape_pkey",
    "tracks": "engine_labeledtrack_pkey",
    "tracked_shapes": "engine_trackedshape_pkey",
}


class InvalidReference(Exception):
    """A label or attribute id that is not the task's (CVAT raises AttributeError: 400 at job level)."""


class DuplicateId(Exception):
    """An object id already used elsewhere (CVAT's IntegrityError: 400 at job level)."""


@dataclass
class LabelSpecs:
    """Per label: attribute defaults by spec id, split as CVAT does (all / mutable / immutable), in id order."""

    all: dict[int, dict[int, str]] = field(default_factory=dict)
    mutable: dict[int, dict[int, str]] = field(default_factory=dict)
    immutable: dict[int, dict[int, str]] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: sqlite3.Connection, task_id: int) -> LabelSpecs:
        specs = cls()
        for (label_id,) in conn.execute("SELECT id FROM labels WHERE task_id = ? ORDER BY id", (task_id,)):
            specs.all[label_id], specs.mutable[label_id], specs.immutable[label_id] = {}, {}, {}
        for row in conn.execute(
            "SELECT a.id, a.label_id, a.mutable, a.default_value FROM attributes a JOIN labels l ON l.id = a.label_id"
            " WHERE l.task_id = ? ORDER BY a.id",
            (task_id,),
        ):
            spec_id, label_id, mutable, default = row
            specs.all[label_id][spec_id] = default
            (specs.mutable if mutable else specs.immutable)[label_id][spec_id] = default
        return specs

    def check_label(self, label_id: int) -> None:
        if label_id not in self.all:
            raise InvalidReference(f"label_id `{label_id}` is invalid")

    def check_attributes(self, attributes: Iterable[dict[str, Any]], allowed: dict[int, str]) -> None:
        for attribute in attributes:
            if attribute["spec_id"] not in allowed:
                raise InvalidReference(f"spec_id `{attribute['spec_id']}` is invalid")


def _saved_any(saved: dict[str, list[dict[str, Any]]]) -> bool:
    return any(saved[kind] for kind in KINDS)


def empty() -> dict[str, Any]:
    """Labeled data with nothing in it."""
    return {"version": 0, "tags": [], "shapes": [], "tracks": []}


def _attrs(text: str) -> list[dict[str, Any]]:
    return [{"spec_id": spec_id, "value": value} for spec_id, value in json.loads(text)]


def _attrs_text(attributes: list[dict[str, Any]]) -> str:
    return json.dumps([[a["spec_id"], a["value"]] for a in attributes], ensure_ascii=False)


class IdCounter:
    """Ids per table that are never given twice, as CVAT's database sequences (Postgres, or Django's SQLite
    ``AUTOINCREMENT``): SQLite's plain ``INTEGER PRIMARY KEY`` would give the id of a deleted last row again, so
    a stale copy would take a new object for the deleted one. The highest id given is kept in ``meta``."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.last: dict[str, int] = {}
        self.dirty: set[str] = set()

    def _load(self, table: str) -> int:
        if table not in self.last:
            row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (f"last_id.{table}",)).fetchone()
            highest = self.conn.execute(f"SELECT MAX(id) FROM {table}").fetchone()[0]
            self.last[table] = max(int(row[0]) if row else 0, highest or 0)
        return self.last[table]

    def next(self, table: str) -> int:
        """A new id for ``table``."""
        self.last[table] = self._load(table) + 1
        self.dirty.add(table)
        return self.last[table]

    def seen(self, table: str, object_id: int) -> None:
        """An id given by the client (kept as given, as CVAT does)."""
        if object_id > self._load(table):
            self.last[table] = object_id
            self.dirty.add(table)

    def save(self) -> None:
        for table in self.dirty:
            self.conn.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (f"last_id.{table}", str(self.last[table]))
            )
        self.dirty.clear()


class JobWriter:
    """Writes to jobs of one task inside an open transaction; every method of CVAT's ``JobAnnotation``."""

    def __init__(self, conn: sqlite3.Connection, task_id: int) -> None:
        self.conn = conn
        self.task_id = task_id
        self.specs = LabelSpecs.load(conn, task_id)
        self.ids = IdCounter(conn)

    def put(self, job_id: int, data: dict[str, Any]) -> dict[str, Any]:
        """Replace everything in the job."""
        deleted = self._delete_all(job_id)
        saved = self._create(job_id, data)
        return {"version": self._commit(job_id, deleted or _saved_any(saved)), **saved}

    def create(self, job_id: int, data: dict[str, Any]) -> dict[str, Any]:
        """Add objects (ids given are kept when free)."""
        saved = self._create(job_id, data)
        return {"version": self._commit(job_id, _saved_any(saved)), **saved}

    def update(self, job_id: int, data: dict[str, Any]) -> dict[str, Any]:
        """Replace the objects with the given ids."""
        deleted = self._delete_ids(job_id, data)
        saved = self._create(job_id, data)
        return {"version": self._commit(job_id, deleted or _saved_any(saved)), **saved}

    def delete(self, job_id: int, data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Delete the given objects (all when ``data`` is None); answer with what was asked."""
        if data is None:
            deleted = self._delete_all(job_id)
            data = {"tags": [], "shapes": [], "tracks": []}
        else:
            deleted = self._delete_ids(job_id, data)
        return {"version": self._commit(job_id, deleted), **{kind: data[kind] for kind in KINDS}}

    # Steps ----------------------------------------------------------------------------------------
    def _commit(self, job_id: int, rows_changed: bool | int) -> int:
        self.ids.save()
        self.conn.execute("UPDATE jobs SET version = version + 1 WHERE id = ?", (job_id,))
        if rows_changed:
            self.conn.execute("UPDATE tasks SET updated_date = ? WHERE id = ?", (now_iso(), self.task_id))
        return int(self.conn.execute("SELECT version FROM jobs WHERE id = ?", (job_id,)).fetchone()[0])

    def _delete_all(self, job_id: int) -> int:
        return sum(
            self.conn.execute(f"DELETE FROM {table} WHERE job_id = ?", (job_id,)).rowcount
            for table in ("tags", "shapes", "tracks")
        )

    def _delete_ids(self, job_id: int, data: dict[str, Any]) -> int:
        deleted = 0
        for kind in KINDS:
            ids = [item["id"] for item in data[kind] if item.get("id") is not None]
            if ids:
                marks = ",".join("?" * len(ids))
                sql = f"DELETE FROM {kind} WHERE job_id = ? AND id IN ({marks})"
                deleted += self.conn.execute(sql, (job_id, *ids)).rowcount
        return deleted

    def _free_id(self, table: str, object_id: int | None) -> int:
        if object_id is None:
            return self.ids.next(table)
        if self.conn.execute(f"SELECT 1 FROM {table} WHERE id = ?", (object_id,)).fetchone():
            raise DuplicateId(
                f'duplicate key value violates unique constraint "{PRIMARY_KEYS[table]}"\n'
                f"DETAIL:  Key (id)=({object_id}) already exists.\n"
            )
        self.ids.seen(table, object_id)
        return object_id

    def _create(self, job_id: int, data: dict[str, Any]) -> dict[str, Any]:
        specs = self.specs
        saved: dict[str, list[dict[str, Any]]] = {"tags": [], "shapes": [], "tracks": []}
        for tag in data["tags"]:
            specs.check_label(tag["label_id"])
            specs.check_attributes(tag["attributes"], specs.all[tag["label_id"]])
            row_id = self.conn.execute(
                "INSERT INTO tags (id, job_id, frame, label_id, group_id, source, attributes) VALUES (?,?,?,?,?,?,?)",
                (
                    self._free_id("tags", tag["id"]),
                    job_id,
                    tag["frame"],
                    tag["label_id"],
                    tag["group"],
                    tag["source"],
                    _attrs_text(tag["attributes"]),
                ),
            ).lastrowid
            saved["tags"].append({**tag, "id": row_id})
        for shape in data["shapes"]:
            specs.check_label(shape["label_id"])
            specs.check_attributes(shape["attributes"], specs.all[shape["label_id"]])
            row_id = self.conn.execute(
                "INSERT INTO shapes (id, job_id, frame, label_id, group_id, source, type, occluded, z_order, points,"
                " attributes) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    self._free_id("shapes", shape["id"]),
                    job_id,
                    shape["frame"],
                    shape["label_id"],
                    shape["group"],
                    shape["source"],
                    shape["type"],
                    int(shape["occluded"]),
                    shape["z_order"],
                    json.dumps(shape["points"]),
                    _attrs_text(shape["attributes"]),
                ),
            ).lastrowid
            saved["shapes"].append({**shape, "points": [float(p) for p in shape["points"]], "id": row_id})
        for track in data["tracks"]:
            saved["tracks"].append(self._create_track(job_id, track))
        return saved

    def _create_track(self, job_id: int, track: dict[str, Any]) -> dict[str, Any]:
        specs = self.specs
        specs.check_label(track["label_id"])
        specs.check_attributes(track["attributes"], specs.immutable[track["label_id"]])
        track_id = self.conn.execute(
            "INSERT INTO tracks (id, job_id, frame, label_id, group_id, source, attributes) VALUES (?,?,?,?,?,?,?)",
            (
                self._free_id("tracks", track["id"]),
                job_id,
                track["frame"],
                track["label_id"],
                track["group"],
                track["source"],
                _attrs_text(track["attributes"]),
            ),
        ).lastrowid
        shapes = []
        for shape in track["shapes"]:
            specs.check_attributes(shape["attributes"], specs.mutable[track["label_id"]])
            shape_id = self.conn.execute(
                "INSERT INTO tracked_shapes (id, track_id, frame, type, occluded, z_order, outside, points,"
                " attributes) VALUES (?,?,?,?,?,?,?,?,?)",
                (
                    self._free_id("tracked_shapes", shape["id"]),
                    track_id,
                    shape["frame"],
                    shape["type"],
                    int(shape["occluded"]),
                    shape["z_order"],
                    int(shape["outside"]),
                    json.dumps(shape["points"]),
                    _attrs_text(shape["attributes"]),
                ),
            ).lastrowid
            shapes.append({**shape, "points": [float(p) for p in shape["points"]], "id": shape_id})
        return {**track, "id": track_id, "shapes": shapes}


def read_jobs(conn: sqlite3.Connection, job_ids: list[int]) -> dict[int, dict[str, Any]]:
    """Stored annotations of ``job_ids`` (attributes as saved), by job, objects in id order."""
    result = {job_id: empty() for job_id in job_ids}
    if not job_ids:
        return result
    marks = ",".join("?" * len(job_ids))
    for job_id, version in conn.execute(f"SELECT id, version FROM jobs WHERE id IN ({marks})", job_ids):
        result[job_id]["version"] = version
    for row in conn.execute(f"SELECT * FROM tags WHERE job_id IN ({marks}) ORDER BY id", job_ids):
        result[row["job_id"]]["tags"].append(
            {
                "id": row["id"],
                "frame": row["frame"],
                "label_id": row["label_id"],
                "group": row["group_id"],
                "source": row["source"],
                "attributes": _attrs(row["attributes"]),
            }
        )
    for row in conn.execute(f"SELECT * FROM shapes WHERE job_id IN ({marks}) ORDER BY id", job_ids):
        result[row["job_id"]]["shapes"].append(
            {
                "type": row["type"],
                "occluded": bool(row["occluded"]),
                "z_order": row["z_order"],
                "points": [float(p) for p in json.loads(row["points"])],
                "id": row["id"],
                "frame": row["frame"],
                "label_id": row["label_id"],
                "group": row["group_id"],
                "source": row["source"],
                "attributes": _attrs(row["attributes"]),
            }
        )
    tracks: dict[int, dict[str, Any]] = {}
    for row in conn.execute(f"SELECT * FROM tracks WHERE job_id IN ({marks}) ORDER BY id", job_ids):
        track = {
            "id": row["id"],
            "frame": row["frame"],
            "label_id": row["label_id"],
            "group": row["group_id"],
            "source": row["source"],
            "shapes": [],
            "attributes": _attrs(row["attributes"]),
        }
        tracks[row["id"]] = track
        result[row["job_id"]]["tracks"].append(track)
    if tracks:
        track_marks = ",".join("?" * len(tracks))
        for row in conn.execute(
            f"SELECT * FROM tracked_shapes WHERE track_id IN ({track_marks}) ORDER BY frame, id", list(tracks)
        ):
            tracks[row["track_id"]]["shapes"].append(
                {
                    "type": row["type"],
                    "occluded": bool(row["occluded"]),
                    "z_order": row["z_order"],
                    "points": [float(p) for p in json.loads(row["points"])],
                    "id": row["id"],
                    "frame": row["frame"],
                    "outside": bool(row["outside"]),
                    "attributes": _attrs(row["attributes"]),
                }
            )
    return result


def fill_defaults(data: dict[str, Any], specs: LabelSpecs) -> dict[str, Any]:
    """CVAT's GET: tags and shapes list every attribute of their label (missing ones at their default), tracks
    the immutable ones, tracked shapes the mutable ones carried over from the previous shape."""

    def extend(attributes: list[dict[str, Any]], defaults: Iterable[tuple[int, str]]) -> list[dict[str, Any]]:
        present = {a["spec_id"] for a in attributes}
        return attributes + [{"spec_id": s, "value": v} for s, v in defaults if s not in present]

    for item in (*data["tags"], *data["shapes"]):
        item["attributes"] = extend(item["attributes"], specs.all.get(item["label_id"], {}).items())
    for track in data["tracks"]:
        track["attributes"] = extend(track["attributes"], specs.immutable.get(track["label_id"], {}).items())
        carried: Iterable[tuple[int, str]] = specs.mutable.get(track["label_id"], {}).items()
        for shape in track["shapes"]:
            shape["attributes"] = extend(shape["attributes"], carried)
            carried = [(a["spec_id"], a["value"]) for a in shape["attributes"]]
    return data


class AnnotationStore:
    """Entry point over the database for job-level reads; writes go through :class:`JobWriter`."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def job_data(self, task_id: int, job_id: int) -> dict[str, Any]:
        """``GET jobs/{id}/annotations``: the job's objects with attribute defaults filled in."""
        with self.db.read() as conn:
            data = read_jobs(conn, [job_id])[job_id]
            return fill_defaults(data, LabelSpecs.load(conn, task_id))
