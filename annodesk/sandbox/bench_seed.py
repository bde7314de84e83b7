"""Benchmark tasks on request (``annodesk-sandbox --seed-dense-job``, ``--seed-frame-bench``): a dense frame at
CVAT #3875's scale, doubled, and 500-frame 1080p tasks (images, and video) for frame stepping. Each is added
once: a task of the same name is reused."""

from __future__ import annotations

from .annotation_store import JobWriter
from .db import Database
from .sample_annotations import dense_shapes
from .seed import SAFETY, VEHICLES
from .specs import DataSpec, TaskSpec
from .tasks import TaskStore

DENSE_TASK = "Dense frame — 10000×5000, 10000 objects"
FRAME_BENCH_IMAGES = "Frame stepping — 500 × 1080p images"
FRAME_BENCH_VIDEO = "Frame stepping — 500 × 1080p video"
DENSE_SIZE = (10_000, 5_000)
DENSE_POLYGONS = DENSE_RECTANGLES = 5_000


def _existing(db: Database, name: str) -> int | None:
    with db.read() as conn:
        row = conn.execute("SELECT id FROM tasks WHERE name = ? ORDER BY id LIMIT 1", (name,)).fetchone()
    return int(row[0]) if row else None


def _owner(db: Database) -> int | None:
    with db.read() as conn:
        row = conn.execute("SELECT id FROM users WHERE is_superuser = 1 ORDER BY id LIMIT 1").fetchone()
    return int(row[0]) if row else None


def add_dense_job(db: Database) -> int:
    """The dense task (one 10,000×5,000 image; its job: 5,000 polygons of 20 points and 5,000 rectangles)."""
    existing = _existing(db, DENSE_TASK)
    if existing is not None:
        return existing
    width, height = DENSE_SIZE
    spec = TaskSpec(DENSE_TASK, _owner(db), VEHICLES + SAFETY, data=DataSpec(1, width, height))
    (task_id,) = TaskStore(db).add_tasks([spec])
    with db.write() as conn:
        labels = [row[0] for row in conn.execute("SELECT id FROM labels WHERE task_id = ? ORDER BY id", (task_id,))]
        (job_id,) = conn.execute(
            "SELECT j.id FROM jobs j JOIN segments s ON s.id = j.segment_id WHERE s.task_id = ?", (task_id,)
        ).fetchone()
        shapes = dense_shapes(labels, width, height, DENSE_POLYGONS, DENSE_RECTANGLES)
        JobWriter(conn, task_id).put(job_id, {"version": 0, "tags": [], "shapes": shapes, "tracks": []})
    return task_id


def add_frame_bench(db: Database) -> tuple[int, int]:
    """The 500-frame 1080p tasks (one job each): (images task id, video task id)."""
    ids = []
    for name, video in ((FRAME_BENCH_IMAGES, False), (FRAME_BENCH_VIDEO, True)):
        existing = _existing(db, name)
        if existing is None:
            data = DataSpec(
                500, 1920, 1080, video=video, name_pattern="video/bench.mp4" if video else "images/{:06d}.jpg"
            )
            (existing,) = TaskStore(db).add_tasks([TaskSpec(name, _owner(db), VEHICLES, data=data)])
        ids.append(existing)
    return ids[0], ids[1]
