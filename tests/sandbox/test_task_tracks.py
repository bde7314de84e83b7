"""Tracks across jobs as CVAT v1.1.0's server keeps them (``AnnotationIR._slice_track``, ``TrackManager`` in
``cvat/apps/dataset_manager/annotation.py``), over real HTTP against the sandbox.

A task of 9 frames, segments of 5 sharing 2 frames: jobs [0–4], [3–7], [6–8]. A rectangle track written at task
level moves in a straight line (10 px a frame), so every cut and merge of it must stay on that line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx

from annodesk.sandbox import SandboxServer

from ..api.helpers import raw_client, ready_task


def ids(task: Any) -> dict[str, int]:
    found = {}
    for label in task.labels:
        found[label.name] = label.id
        for attribute in label.attributes:
            found[f"{label.name}.{attribute.name}"] = attribute.id
    return found


def keyframe(kind: str, frame: int, points: list[float], attributes: list[dict[str, Any]] | None = None) -> dict:
    return {
        "type": kind,
        "frame": frame,
        "points": points,
        "outside": False,
        "occluded": False,
        "z_order": 0,
        "attributes": attributes or [],
    }


def on_the_line(frame: int) -> list[float]:
    return [10.0 * frame, 10.0 * frame, 10.0 * frame + 10, 10.0 * frame + 10]


def moving_track(names: dict[str, int]) -> dict[str, Any]:
    """Keyframes 0 (parked: true), 2 (no attribute: the value carries on) and 8."""
    parked = [{"spec_id": names["car.parked"], "value": "true"}]
    return {
        "frame": 0,
        "label_id": names["car"],
        "group": 0,
        "source": "manual",
        "attributes": [{"spec_id": names["car.color"], "value": "blue"}],
        "shapes": [
            keyframe("rectangle", 0, on_the_line(0), parked),
            keyframe("rectangle", 2, on_the_line(2)),
            keyframe("rectangle", 8, on_the_line(8)),
        ],
    }


def put_task(http: httpx.Client, task_id: int, tracks: list[dict[str, Any]]) -> dict[str, Any]:
    response = http.put(f"tasks/{task_id}/annotations", json={"version": 0, "tags": [], "shapes": [], "tracks": tracks})
    assert response.status_code == 200, response.text
    return response.json()


def overlapping_task(server: SandboxServer, folder: Path) -> Any:
    task = ready_task(server, folder, count=9, segment_size=5, overlap=2)
    assert [(s.start_frame, s.stop_frame) for s in task.segments] == [(0, 4), (3, 7), (6, 8)]
    return task


def test_a_track_across_overlapping_jobs_is_one_track_with_keyframes_where_jobs_meet(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    task = overlapping_task(fresh_sandbox, tmp_path)
    names = ids(task)
    with raw_client(fresh_sandbox, "demo") as http:
        put_task(http, task.id, [moving_track(names)])
        tracks = http.get(f"tasks/{task.id}/annotations").json()["tracks"]
    assert len(tracks) == 1
    (track,) = tracks
    # The parts' edges (3 and 7 of the middle job, 4 of the first, 6 of the last) became keyframes.
    assert [shape["frame"] for shape in track["shapes"]] == [0, 2, 3, 4, 6, 7, 8]
    for shape in track["shapes"]:
        assert shape["points"] == on_the_line(shape["frame"])
        assert not shape["outside"]
        assert set(shape) == {"type", "occluded", "z_order", "points", "id", "frame", "outside", "attributes"}
    assert track["frame"] == 0 and set(track) == {"id", "frame", "label_id", "group", "source", "shapes", "attributes"}
    assert track["attributes"] == [{"spec_id": names["car.color"], "value": "blue"}]


def test_a_mutable_value_carries_into_the_next_job(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = overlapping_task(fresh_sandbox, tmp_path)
    names = ids(task)
    parked = names["car.parked"]
    with raw_client(fresh_sandbox, "demo") as http:
        put_task(http, task.id, [moving_track(names)])
        middle_job = task.segments[1].jobs[0].id
        job_track = http.get(f"jobs/{middle_job}/annotations").json()["tracks"][0]
        task_track = http.get(f"tasks/{task.id}/annotations").json()["tracks"][0]
    first = job_track["shapes"][0]
    assert first["frame"] == 3
    assert {"spec_id": parked, "value": "true"} in first["attributes"]  # not reset to the default "false"
    for shape in task_track["shapes"]:
        assert {"spec_id": parked, "value": "true"} in shape["attributes"], shape["frame"]


def test_put_answers_leak_the_servers_working_keys(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = overlapping_task(fresh_sandbox, tmp_path)
    with raw_client(fresh_sandbox, "demo") as http:
        answer = put_task(http, task.id, [moving_track(ids(task))])
    (track,) = answer["tracks"]
    assert track["interpolated_shapes"] == []
    assert [shape["frame"] for shape in track["shapes"]] == [0, 2, 3, 4, 6, 7, 8]
    assert all(shape["keyframe"] is True for shape in track["shapes"])
    assert all(isinstance(shape["id"], int) for shape in track["shapes"])


def test_without_shared_frames_each_job_keeps_its_part_closed_by_an_outside_keyframe(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    task = ready_task(fresh_sandbox, tmp_path, count=9, segment_size=3, overlap=0)
    names = ids(task)
    track = moving_track(names)
    track["shapes"] = [track["shapes"][0], track["shapes"][2]]
    with raw_client(fresh_sandbox, "demo") as http:
        put_task(http, task.id, [track])
        tracks = http.get(f"tasks/{task.id}/annotations").json()["tracks"]
    parts = [[(shape["frame"], shape["outside"]) for shape in part["shapes"]] for part in tracks]
    assert parts == [
        [(0, False), (2, False), (3, True)],
        [(3, False), (5, False), (6, True)],
        [(6, False), (8, False)],
    ]
    for part in tracks:
        for shape in part["shapes"]:
            if not shape["outside"]:
                assert shape["points"] == on_the_line(shape["frame"])


def test_tracks_of_types_without_a_similarity_are_not_merged(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    """The server compares only rectangles and polygons: a polyline across jobs stays one track per job, each
    earlier part closed by an outside keyframe where the shared frames end."""
    task = overlapping_task(fresh_sandbox, tmp_path)
    names = ids(task)
    line = {
        "frame": 0,
        "label_id": names["car"],
        "group": 0,
        "source": "manual",
        "attributes": [],
        "shapes": [keyframe("polyline", 0, [0, 0, 50, 0, 100, 0]), keyframe("polyline", 8, [0, 80, 50, 80, 100, 80])],
    }
    with raw_client(fresh_sandbox, "demo") as http:
        put_task(http, task.id, [line])
        tracks = http.get(f"tasks/{task.id}/annotations").json()["tracks"]
    frames = [[(shape["frame"], shape["outside"]) for shape in part["shapes"]] for part in tracks]
    assert frames == [
        [(0, False), (4, False), (5, True)],
        [(3, False), (7, False), (8, True)],
        [(6, False), (8, False)],
    ]


def test_a_part_of_one_interpolated_frame_is_accepted(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    """Jobs [0–4], [3–7], [6–7]: a still rectangle from frame 0 reaches the last job as one interpolated shape (the
    server adds it twice and answers 500; the sandbox keeps it once) and the parts merge back into one track. The
    first job holds the whole track (its one keyframe), so only the middle job's edges become keyframes."""
    task = ready_task(fresh_sandbox, tmp_path, count=8, segment_size=5, overlap=2)
    assert [(s.start_frame, s.stop_frame) for s in task.segments] == [(0, 4), (3, 7), (6, 7)]
    names = ids(task)
    track = moving_track(names)
    track["shapes"] = [keyframe("rectangle", 0, [5.0, 5.0, 50.0, 50.0])]
    with raw_client(fresh_sandbox, "demo") as http:
        put_task(http, task.id, [track])
        last_job = http.get(f"jobs/{task.segments[2].jobs[0].id}/annotations").json()["tracks"]
        tracks = http.get(f"tasks/{task.id}/annotations").json()["tracks"]
    assert [[shape["frame"] for shape in part["shapes"]] for part in last_job] == [[6]]
    assert [[shape["frame"] for shape in part["shapes"]] for part in tracks] == [[0, 3, 6]]
    assert all(shape["points"] == [5.0, 5.0, 50.0, 50.0] for shape in tracks[0]["shapes"])
