"""Annotations seeded with the sample data: tracks of every shape type on the jobs of the sample video task
("Sports: basketball players"), a dense frame on "Satellite rooftops", and the shapes of the benchmarks' dense
job (``--seed-dense-job``), written as valid CVAT v1.1 JSON through the same writer as
``PUT jobs/{id}/annotations``."""

from __future__ import annotations

import math
import random
import sqlite3
from typing import Any

from .annotation_store import JobWriter
from .db import Database

VIDEO_TASK = "Sports: basketball players"
DENSE_TASK = "Satellite rooftops"
SHAPE_TYPES = ("rectangle", "polygon", "polyline", "points", "cuboid")


def seed_video_tracks(db: Database, task_name: str = VIDEO_TASK) -> None:
    """Give every job of the named video task one track of each shape type (keyframes, an outside keyframe,
    an occluded stretch, a mutable attribute that changes) and two plain shapes."""
    with db.write() as conn:
        row = conn.execute(
            "SELECT t.id, d.width, d.height FROM tasks t JOIN data d ON d.id = t.data_id WHERE t.name = ?",
            (task_name,),
        ).fetchone()
        if row is None:
            return
        task_id, width, height = row
        writer = JobWriter(conn, task_id)
        labels = _labels(conn, task_id)
        for job_id, start, stop in _jobs(conn, task_id):
            writer.put(job_id, _job_tracks(writer, labels, start, stop, width, height))


def seed_dense_frame(db: Database, task_name: str = DENSE_TASK, polygons: int = 1_000, rectangles: int = 500) -> None:
    """Frame 0 of the named image task's first job: ``polygons`` polygons of 20 points and ``rectangles``
    rectangles (past the ~1,000 objects where CVAT's web UI slows down, cvat-ai/cvat #3875)."""
    with db.write() as conn:
        row = conn.execute(
            "SELECT t.id, d.width, d.height FROM tasks t JOIN data d ON d.id = t.data_id WHERE t.name = ?",
            (task_name,),
        ).fetchone()
        if row is None:
            return
        task_id, width, height = row
        job_id = _jobs(conn, task_id)[0][0]
        shapes = dense_shapes(_labels(conn, task_id), width, height, polygons, rectangles)
        JobWriter(conn, task_id).put(job_id, {"version": 0, "tags": [], "shapes": shapes, "tracks": []})


def _labels(conn: sqlite3.Connection, task_id: int) -> list[int]:
    return [row[0] for row in conn.execute("SELECT id FROM labels WHERE task_id = ? ORDER BY id", (task_id,))]


def _jobs(conn: sqlite3.Connection, task_id: int) -> list[tuple[int, int, int]]:
    return conn.execute(
        "SELECT j.id, s.start_frame, s.stop_frame FROM jobs j JOIN segments s ON s.id = j.segment_id"
        " WHERE s.task_id = ? ORDER BY j.id",
        (task_id,),
    ).fetchall()


def _attributes(values: dict[int, str]) -> list[dict[str, Any]]:
    return [{"spec_id": spec_id, "value": value} for spec_id, value in values.items()]


def _geometry(kind: str, x: float, y: float, size: float) -> list[float]:
    """Points of a ``kind`` shape around (x, y)."""
    if kind == "rectangle":
        return [x, y, x + size * 1.6, y + size]
    if kind == "polygon":
        return [
            c for k in range(6) for c in (x + size * math.cos(k * math.pi / 3), y + size * math.sin(k * math.pi / 3))
        ]
    if kind == "polyline":
        return [c for k in range(4) for c in (x + k * size / 2, y + (size / 3 if k % 2 else 0))]
    if kind == "points":
        return [x, y, x + size / 2, y + size / 3, x + size, y]
    # cuboid: the 8 points CVAT stores (front face, then the back face shifted up and right)
    w, h, d = size * 1.4, size, size * 0.4
    return [
        x,
        y,
        x,
        y + h,
        x + w,
        y,
        x + w,
        y + h,
        x + w + d,
        y - d,
        x + w + d,
        y + h - d,
        x + d,
        y - d,
        x + d,
        y + h - d,
    ]


def _job_tracks(writer: JobWriter, labels: list[int], start: int, stop: int, width: int, height: int) -> dict[str, Any]:
    tracks, shapes = [], []
    player = labels[0]
    for index, kind in enumerate(SHAPE_TYPES):
        label = labels[index % len(labels)]
        immutable, mutable = writer.specs.immutable[label], writer.specs.mutable[label]
        size = min(width, height) * 0.08
        y = height * (0.2 + 0.13 * index)
        keyframes = [start, start + (stop - start) // 3, start + 2 * (stop - start) // 3, stop]
        track_shapes = []
        for position, frame in enumerate(keyframes):
            x = width * (0.1 + 0.2 * position)
            changed = dict(mutable) if position == 0 else {spec: str(position) for spec in list(mutable)[:1]}
            track_shapes.append(
                {
                    "id": None,
                    "type": kind,
                    "frame": frame,
                    "points": _geometry(kind, x, y + 10 * position, size),
                    "occluded": position == 1,
                    "outside": position == len(keyframes) - 1 and index % 2 == 0,
                    "z_order": index,
                    "attributes": _attributes(changed),
                }
            )
        tracks.append(
            {
                "id": None,
                "frame": start,
                "label_id": label,
                "group": 0,
                "source": "manual",
                "attributes": _attributes(dict(immutable)),
                "shapes": track_shapes,
            }
        )
    for offset, kind in enumerate(("rectangle", "polygon")):
        shapes.append(
            {
                "id": None,
                "type": kind,
                "frame": start + offset,
                "label_id": player,
                "group": 0,
                "source": "manual",
                "occluded": False,
                "z_order": 0,
                "points": _geometry(kind, width * 0.7, height * 0.7, min(width, height) * 0.1),
                "attributes": _attributes(dict(writer.specs.all[player])),
            }
        )
    return {"version": 0, "tags": [], "shapes": shapes, "tracks": tracks}


def dense_shapes(labels: list[int], width: int, height: int, polygons: int, rectangles: int) -> list[dict[str, Any]]:
    """``polygons`` polygons of 20 points and ``rectangles`` rectangles spread over a ``width``×``height`` frame."""
    rng = random.Random(3875)  # cvat-ai/cvat #3875
    shapes = []
    for number in range(polygons + rectangles):
        cx, cy, r = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(10, 60)
        if number < polygons:
            kind = "polygon"
            points = [
                c
                for k in range(20)
                for c in (
                    min(width, max(0.0, cx + r * (0.7 + 0.3 * rng.random()) * math.cos(k * math.pi / 10))),
                    min(height, max(0.0, cy + r * (0.7 + 0.3 * rng.random()) * math.sin(k * math.pi / 10))),
                )
            ]
        else:
            kind = "rectangle"
            points = [max(0.0, cx - r), max(0.0, cy - r / 2), min(width, cx + r), min(height, cy + r / 2)]
        shapes.append(
            {
                "id": None,
                "type": kind,
                "frame": 0,
                "label_id": labels[number % len(labels)],
                "group": 0,
                "source": "manual",
                "occluded": number % 17 == 0,
                "z_order": number % 5,
                "points": [round(p, 2) for p in points],
                "attributes": [],
            }
        )
    return shapes
