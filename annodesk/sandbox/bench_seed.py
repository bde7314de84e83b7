"""Benchmark tasks on request (``annodesk-sandbox --seed-dense-job``, ``--seed-frame-bench``,
``--seed-checkout-bench``): a dense frame at CVAT #3875's scale, doubled, 500-frame 1080p tasks (images, and video)
for frame stepping, and 500 textured 1080p JPEGs whose chunks weigh what real footage's do (taking a job offline).
Each is added once: a task of the same name is reused."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator

from PIL import Image, ImageChops

from . import images
from .annotation_store import JobWriter
from .db import Database
from .media_records import FrameRow, MediaRecords
from .media_store import MediaStore
from .sample_annotations import dense_shapes
from .seed import SAFETY, VEHICLES
from .specs import DataSpec, TaskSpec
from .tasks import TaskStore

DENSE_TASK = "Dense frame — 10000×5000, 10000 objects"
FRAME_BENCH_IMAGES = "Frame stepping — 500 × 1080p images"
FRAME_BENCH_VIDEO = "Frame stepping — 500 × 1080p video"
CHECKOUT_BENCH = "Checkout — 500 × 1080p textured images"
DENSE_SIZE = (10_000, 5_000)
CHECKOUT_FRAMES, CHECKOUT_SIZE, CHECKOUT_QUALITY = 500, (1920, 1080), 70
GRAIN_SCALE, GRAIN_SIGMA, PAN = 2, 5, 3  # film grain ~150 KB a JPEG at quality 70; the camera pans 3 px a frame
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


def add_checkout_bench(db: Database, media: MediaStore, records: MediaRecords, frames: int = CHECKOUT_FRAMES) -> int:
    """A task of ``frames`` (500) uploaded 1920×1080 JPEGs (one job) with sensor-like grain over the generated
    street scene, so its compressed chunks weigh what real footage's do (~150 KB a frame, ~75 MB in all; the flat
    generated frames are ~5 KB). Written as processing would have left them (the compressed JPEGs are the
    originals, hard-linked)."""
    existing = _existing(db, CHECKOUT_BENCH)
    if existing is not None:
        return existing
    (task_id,) = TaskStore(db).add_tasks([TaskSpec(CHECKOUT_BENCH, _owner(db), VEHICLES)])
    data_id, _ = records.attach(
        task_id, image_quality=CHECKOUT_QUALITY, chunk_size=None, size=0, start_frame=0, stop_frame=0,
        frame_filter="", chunk_type="imageset",
    )  # fmt: skip
    width, height = CHECKOUT_SIZE
    rows = []
    media.compressed(data_id, 0).parent.mkdir(parents=True, exist_ok=True)
    (media.raw(data_id) / "images").mkdir(parents=True, exist_ok=True)
    for number, data in enumerate(_grainy_frames(task_id, frames, width, height)):
        compressed, path = media.compressed(data_id, number), f"images/{number:06d}.jpg"
        compressed.write_bytes(data)
        os.link(compressed, media.original(data_id, path))
        rows.append(FrameRow(path, width, height))
    with Image.open(media.compressed(data_id, 0)) as preview:
        preview.thumbnail((256, 256))
        preview.save(media.preview(data_id), "JPEG")
    chunk_size = DataSpec(frames, width, height).chunk_size
    records.save_processed(task_id, data_id, rows, chunk_size, frames - 1)
    return task_id


def _grainy_frames(task_id: int, count: int, width: int, height: int) -> Iterator[bytes]:
    """JPEGs of the task's generated scene with a grain that pans across it (each frame's bytes differ)."""
    small = ((width + PAN * count) // GRAIN_SCALE + 1, height // GRAIN_SCALE + 1)
    noise = [Image.effect_noise(small, GRAIN_SIGMA) for _ in range(3)]
    grain = Image.merge("RGB", noise).resize((small[0] * GRAIN_SCALE, small[1] * GRAIN_SCALE), Image.Resampling.BICUBIC)
    for number in range(count):
        scene = images.picture(task_id, number, width, height)
        framed = ImageChops.add(scene, grain.crop((PAN * number, 0, PAN * number + width, height)), 1.0, -128)
        buffer = io.BytesIO()
        framed.save(buffer, "JPEG", quality=CHECKOUT_QUALITY)
        yield buffer.getvalue()
