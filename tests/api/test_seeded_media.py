"""Seeded annotations and benchmark tasks: tracks of every shape type on the sample video task's jobs (valid
CVAT JSON: the server takes them back unchanged), the dense job, the 500-frame 1080p tasks and the textured images
of the checkout benchmark."""

from __future__ import annotations

import io
import zipfile
from collections import Counter

from PIL import Image

from annodesk.sandbox import SandboxServer
from annodesk.sandbox.bench_seed import CHECKOUT_BENCH, add_checkout_bench, add_dense_job, add_frame_bench

from .helpers import raw_client

SHAPE_TYPES = {"rectangle", "polygon", "polyline", "points", "cuboid"}
POINTS = {"rectangle": 4, "cuboid": 16}


def test_every_job_of_the_video_task_has_tracks_of_every_shape_type(fresh_sandbox: SandboxServer) -> None:
    http = raw_client(fresh_sandbox, "admin")
    task = next(
        t
        for t in http.get("tasks", params={"page_size": 100}).json()["results"]
        if t["mode"] == "interpolation" and t["name"].startswith("Sports")
    )
    jobs = http.get(f"tasks/{task['id']}/jobs").json()
    assert len(jobs) == 4
    for job in jobs:
        data = http.get(f"jobs/{job['id']}/annotations").json()
        assert {track["shapes"][0]["type"] for track in data["tracks"]} == SHAPE_TYPES
        for track in data["tracks"]:
            frames = [shape["frame"] for shape in track["shapes"]]
            assert frames == sorted(frames) and job["start_frame"] <= frames[0] and frames[-1] <= job["stop_frame"]
            assert track["frame"] == frames[0]
            kind = track["shapes"][0]["type"]
            assert all(len(shape["points"]) == POINTS.get(kind, len(shape["points"])) for shape in track["shapes"])
            assert any(shape["occluded"] for shape in track["shapes"])
        assert any(shape["outside"] for track in data["tracks"] for shape in track["shapes"])
        # Valid CVAT JSON: the server takes the job's annotations back as they are.
        put = http.put(f"jobs/{job['id']}/annotations", json=data)
        assert put.status_code == 200, put.text
        assert len(put.json()["tracks"]) == 5


def test_the_dense_job_and_the_frame_stepping_tasks(fresh_sandbox: SandboxServer) -> None:
    dense = add_dense_job(fresh_sandbox.state.db)
    assert add_dense_job(fresh_sandbox.state.db) == dense  # added once
    images, video = add_frame_bench(fresh_sandbox.state.db)
    http = raw_client(fresh_sandbox, "admin")
    meta = http.get(f"tasks/{dense}/data/meta").json()
    assert (meta["size"], meta["frames"][0]["width"], meta["frames"][0]["height"]) == (1, 10_000, 5_000)
    (job,) = http.get(f"tasks/{dense}/jobs").json()
    shapes = http.get(f"jobs/{job['id']}/annotations").json()["shapes"]
    assert Counter(shape["type"] for shape in shapes) == {"polygon": 5_000, "rectangle": 5_000}
    assert {len(shape["points"]) for shape in shapes if shape["type"] == "polygon"} == {40}
    assert all(
        0 <= x <= 10_000 and 0 <= y <= 5_000
        for s in shapes
        for x, y in zip(s["points"][::2], s["points"][1::2], strict=True)
    )
    for task_id, mode in ((images, "annotation"), (video, "interpolation")):
        task = http.get(f"tasks/{task_id}").json()
        meta = http.get(f"tasks/{task_id}/data/meta").json()
        assert (task["mode"], task["size"], len(task["segments"])) == (mode, 500, 1)
        assert (meta["frames"][0]["width"], meta["frames"][0]["height"], meta["chunk_size"]) == (1920, 1080, 36)


def test_a_sample_job_has_a_dense_frame(sandbox: SandboxServer) -> None:
    http = raw_client(sandbox, "admin")
    task = next(
        t for t in http.get("tasks", params={"page_size": 100}).json()["results"] if t["name"] == "Satellite rooftops"
    )
    job = min(task["segments"][0]["jobs"], key=lambda j: j["id"])
    shapes = http.get(f"jobs/{job['id']}/annotations").json()["shapes"]
    assert Counter((shape["type"], shape["frame"]) for shape in shapes) == {
        ("polygon", 0): 1_000,
        ("rectangle", 0): 500,
    }


def test_the_checkout_bench_task_has_textured_1080p_frames_that_weigh_what_footage_does(
    fresh_sandbox: SandboxServer,
) -> None:
    state = fresh_sandbox.state
    task_id = add_checkout_bench(state.db, state.media, state.media_records, frames=3)
    assert add_checkout_bench(state.db, state.media, state.media_records, frames=3) == task_id  # added once
    http = raw_client(fresh_sandbox, "admin")
    task = http.get(f"tasks/{task_id}").json()
    assert (task["name"], task["mode"], task["size"], len(task["segments"])) == (CHECKOUT_BENCH, "annotation", 3, 1)
    meta = http.get(f"tasks/{task_id}/data/meta").json()
    assert [(f["width"], f["height"]) for f in meta["frames"]] == [(1920, 1080)] * 3
    response = http.get(f"tasks/{task_id}/data", params={"type": "chunk", "number": 0, "quality": "compressed"})
    assert response.status_code == 200
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        frames = [archive.read(name) for name in sorted(archive.namelist())]
    assert len(frames) == 3 and len(set(frames)) == 3  # each frame its own picture
    assert all(80_000 < len(frame) < 300_000 for frame in frames)  # real footage's weight, not the flat ~5 KB
    assert Image.open(io.BytesIO(frames[0])).size == (1920, 1080)
    original = http.get(f"tasks/{task_id}/data", params={"type": "frame", "number": 2, "quality": "original"})
    assert original.status_code == 200 and original.content == frames[2]
