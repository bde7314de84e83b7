"""Task-level annotations, as CVAT v1.1's ``TaskAnnotation``: writes are cut by the jobs' frame ranges and applied
job by job in one transaction; reads and answers merge the jobs as the server does (:mod:`.overlap_merge`): one
track across the task where jobs share frames, keyframes where the jobs' parts meet."""

from __future__ import annotations

import sqlite3
from typing import Any

from .annotation_store import KINDS, JobWriter, LabelSpecs, fill_defaults, read_jobs
from .db import Database
from .overlap_merge import merge_jobs
from .server_tracks import is_track_inside, slice_track

# The fields CVAT's LabeledDataSerializer keeps (a GET answer is serialized; PUT/PATCH answers are not).
TRACK_FIELDS = ("id", "frame", "label_id", "group", "source", "shapes", "attributes")
TRACKED_SHAPE_FIELDS = ("type", "occluded", "z_order", "points", "id", "frame", "outside", "attributes")


def _job_ranges(conn: sqlite3.Connection, task_id: int) -> list[tuple[int, int, int]]:
    return [
        (row[0], row[1], row[2])
        for row in conn.execute(
            "SELECT j.id, s.start_frame, s.stop_frame FROM jobs j JOIN segments s ON s.id = j.segment_id"
            " WHERE s.task_id = ? ORDER BY j.id",
            (task_id,),
        )
    ]


def _overlap(conn: sqlite3.Connection, task_id: int) -> int:
    row = conn.execute("SELECT overlap FROM tasks WHERE id = ?", (task_id,)).fetchone()
    return int(row[0] or 0) if row else 0


def split_by_jobs(
    data: dict[str, Any], ranges: list[tuple[int, int, int]], end_frame: int | None = None
) -> list[tuple[int, dict[str, Any]]]:
    """Each job's part of ``data`` (``AnnotationIR.slice``); an object id is kept in the first part only (later
    copies are new). ``end_frame`` is not used: the server cuts with each segment's own stop frame."""
    used: dict[str, set[int]] = {kind: set() for kind in KINDS}
    parts = []
    for job_id, start, stop in ranges:
        part: dict[str, Any] = {"tags": [], "shapes": [], "tracks": []}
        for kind in ("tags", "shapes"):
            part[kind] = [dict(item) for item in data[kind] if start <= item["frame"] <= stop]
        for track in data["tracks"]:
            if not track["shapes"] or not is_track_inside(track, start, stop):
                continue
            piece = slice_track(track, start, stop)
            if piece is not None:
                part["tracks"].append(piece)
        for kind in KINDS:
            for index, item in enumerate(part[kind]):
                if item.get("id") is None:
                    continue
                if item["id"] in used[kind]:
                    part[kind][index] = {**item, "id": None}
                else:
                    used[kind].add(item["id"])
        parts.append((job_id, part))
    return parts


def serialized(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` as the GET's serializer writes it: tracks and their shapes with their own fields only."""
    tracks = [
        {
            **{key: track[key] for key in TRACK_FIELDS if key in track and key != "shapes"},
            "shapes": [{key: shape[key] for key in TRACKED_SHAPE_FIELDS if key in shape} for shape in track["shapes"]],
        }
        for track in data["tracks"]
    ]
    for track in tracks:  # keep the serializer's key order
        track["attributes"] = track.pop("attributes", [])
    return {**data, "tracks": tracks}


class TaskAnnotations:
    """Reads and writes of a task's annotations over its jobs."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, task_id: int) -> dict[str, Any]:
        """Every job's annotations (defaults filled in job by job) merged; ``version`` the highest job version."""
        with self.db.read() as conn:
            ranges = _job_ranges(conn, task_id)
            stored = read_jobs(conn, [job_id for job_id, _, _ in ranges])
            specs = LabelSpecs.load(conn, task_id)
            parts = [(start, fill_defaults(stored[job_id], specs)) for job_id, start, _ in ranges]
            return serialized(merge_jobs(parts, _overlap(conn, task_id)))

    def write(self, task_id: int, data: dict[str, Any] | None, action: str) -> dict[str, Any]:
        """``put`` / ``create`` / ``update`` / ``delete`` (``data`` None: delete everything), atomically; the answer
        is the jobs' answers merged, unserialized as the server sends it."""
        with self.db.write() as conn:
            writer = JobWriter(conn, task_id)
            ranges = _job_ranges(conn, task_id)
            overlap = _overlap(conn, task_id)
            if data is None:
                results = [(start, writer.delete(job_id)) for job_id, start, _ in ranges]
            else:
                parts = dict(split_by_jobs(data, ranges))
                method = getattr(writer, action)
                results = [(start, method(job_id, parts[job_id])) for job_id, start, _ in ranges]
        return merge_jobs(results, overlap)
