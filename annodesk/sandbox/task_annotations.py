"""Task-level annotations, as CVAT v1.1's ``TaskAnnotation``: writes are split by the jobs' frame ranges and
applied job by job in one transaction; reads merge the jobs (objects repeated in overlapping frames once)."""

from __future__ import annotations

import sqlite3
from typing import Any

from .annotation_store import KINDS, JobWriter, LabelSpecs, empty, fill_defaults, read_jobs
from .db import Database
from .interpolation import slice_track


def _job_ranges(conn: sqlite3.Connection, task_id: int) -> list[tuple[int, int, int]]:
    return [
        (row[0], row[1], row[2])
        for row in conn.execute(
            "SELECT j.id, s.start_frame, s.stop_frame FROM jobs j JOIN segments s ON s.id = j.segment_id"
            " WHERE s.task_id = ? ORDER BY j.id",
            (task_id,),
        )
    ]


def _last_frame(conn: sqlite3.Connection, task_id: int) -> int:
    row = conn.execute(
        "SELECT COALESCE(max(s.stop_frame), 0) FROM segments s WHERE s.task_id = ?", (task_id,)
    ).fetchone()
    return int(row[0])


def split_by_jobs(
    data: dict[str, Any], ranges: list[tuple[int, int, int]], end_frame: int
) -> list[tuple[int, dict[str, Any]]]:
    """Each job's part of ``data``; an object id is kept in the first part only (later copies are new)."""
    used: dict[str, set[int]] = {kind: set() for kind in KINDS}
    parts = []
    for job_id, start, stop in ranges:
        part: dict[str, Any] = {"tags": [], "shapes": [], "tracks": []}
        for kind in ("tags", "shapes"):
            part[kind] = [item for item in data[kind] if start <= item["frame"] <= stop]
        for track in data["tracks"]:
            piece = slice_track(track, start, stop, end_frame)
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


def _same(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Equal but for ids (the same object seen by two overlapping jobs)."""

    def strip(item: Any) -> Any:
        if isinstance(item, dict):
            return {key: strip(value) for key, value in item.items() if key != "id"}
        if isinstance(item, list):
            return [strip(value) for value in item]
        return item

    return strip(a) == strip(b)


def merge(parts: list[tuple[int, int, dict[str, Any]]]) -> dict[str, Any]:
    """Jobs' annotations as one; objects of overlapping frames that an earlier job already has are dropped."""
    merged = empty()
    previous_stop = -1
    for _start, stop, data in parts:
        merged["version"] = max(merged["version"], data["version"])
        for kind in KINDS:
            for item in data[kind]:
                overlapping = item["frame"] <= previous_stop
                if overlapping and any(_same(item, other) for other in merged[kind]):
                    continue
                merged[kind].append(item)
        previous_stop = max(previous_stop, stop)
    return merged


class TaskAnnotations:
    """Reads and writes of a task's annotations over its jobs."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get(self, task_id: int) -> dict[str, Any]:
        """Every job's annotations merged, defaults filled in; ``version`` is the highest job version."""
        with self.db.read() as conn:
            ranges = _job_ranges(conn, task_id)
            stored = read_jobs(conn, [job_id for job_id, _, _ in ranges])
            data = merge([(start, stop, stored[job_id]) for job_id, start, stop in ranges])
            return fill_defaults(data, LabelSpecs.load(conn, task_id))

    def write(self, task_id: int, data: dict[str, Any] | None, action: str) -> dict[str, Any]:
        """``put`` / ``create`` / ``update`` / ``delete`` (``data`` None: delete everything), atomically."""
        with self.db.write() as conn:
            writer = JobWriter(conn, task_id)
            ranges = _job_ranges(conn, task_id)
            if data is None:
                results = [(start, stop, writer.delete(job_id)) for job_id, start, stop in ranges]
            else:
                parts = dict(split_by_jobs(data, ranges, _last_frame(conn, task_id)))
                method = getattr(writer, action)
                results = [(start, stop, method(job_id, parts[job_id])) for job_id, start, stop in ranges]
        return merge(results)
