"""Job annotation writes as CVAT v1.1's ``JobAnnotation`` makes them (``dataset_manager/task.py``), over HTTP:
ids per table and never given twice, a version step per request (empty ones too), update = delete + insert under
the same ids, a vanished id re-created, the whole batch refused with CVAT's bare-string 400."""

from __future__ import annotations

from pathlib import Path

import pytest

from annodesk.sandbox import SandboxServer

from ..api.helpers import raw_client
from .annotation_helpers import Job, body, car_track, make_job, patch, rectangle, tag


@pytest.fixture
def job(fresh_sandbox: SandboxServer, tmp_path: Path) -> Job:
    return make_job(fresh_sandbox, tmp_path)


def highest(server: SandboxServer, table: str) -> int:
    with server.db.read() as conn:
        return conn.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()[0]


def updated_date(http, job: Job) -> str:
    return http.get(f"tasks/{job.task_id}").json()["updated_date"]


def test_ids_are_counted_per_table(fresh_sandbox: SandboxServer, job: Job) -> None:
    shapes, tracks, tags = (highest(fresh_sandbox, t) for t in ("shapes", "tracks", "tags"))
    with raw_client(fresh_sandbox, "demo") as http:
        data = body(
            shapes=[rectangle(job, [0, 0, 5, 5]), rectangle(job, [1, 1, 5, 5])],
            tracks=[car_track(job, [0, 2])],
            tags=[tag(job, 1)],
        )
        answer = patch(http, job, "create", data).json()
    assert [s["id"] for s in answer["shapes"]] == [shapes + 1, shapes + 2]
    assert [t["id"] for t in answer["tracks"]] == [tracks + 1]
    assert [t["id"] for t in answer["tags"]] == [tags + 1]


def test_an_id_is_never_given_twice(fresh_sandbox: SandboxServer, job: Job) -> None:
    """Postgres sequences (and Django's SQLite AUTOINCREMENT) never reuse an id, so a deleted object's id never
    comes back on a new one (a stale copy would take it for the deleted object)."""
    with raw_client(fresh_sandbox, "demo") as http:
        first = patch(http, job, "create", body(shapes=[rectangle(job, [0, 0, 5, 5])])).json()["shapes"][0]
        patch(http, job, "delete", body(shapes=[first]))
        second = patch(http, job, "create", body(shapes=[rectangle(job, [0, 0, 5, 5])])).json()["shapes"][0]
    assert second["id"] == first["id"] + 1


def test_every_request_moves_the_version_by_one_even_empty(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        assert http.get(job.path).json()["version"] == 0
        versions = [patch(http, job, action, body()).json()["version"] for action in ("create", "update", "delete")]
        assert versions == [1, 2, 3]
        assert http.put(job.path, json=body()).json()["version"] == 4
        assert http.get(job.path).json()["version"] == 4
        assert http.get(f"jobs/{job.other_id}/annotations").json()["version"] == 0  # per job


def test_the_task_date_moves_only_when_rows_change(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        before = updated_date(http, job)
        patch(http, job, "create", body())
        patch(http, job, "delete", body(shapes=[{**rectangle(job, [0, 0, 1, 1]), "id": 999999}]))
        assert updated_date(http, job) == before
        patch(http, job, "create", body(shapes=[rectangle(job, [0, 0, 5, 5])]))
        assert updated_date(http, job) > before


def test_update_replaces_the_object_under_the_same_ids(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        created = patch(http, job, "create", body(tracks=[car_track(job, [0, 2])])).json()["tracks"][0]
        kept, dropped = created["shapes"]
        new_keyframe = {**kept, "frame": 1, "points": [1.0, 1.0, 2.0, 2.0]}
        del new_keyframe["id"]
        changed = {**created, "group": 3, "shapes": [{**kept, "points": [5.0, 5.0, 9.0, 9.0]}, new_keyframe]}
        answer = patch(http, job, "update", body(tracks=[changed])).json()["tracks"][0]
        stored = http.get(job.path).json()["tracks"]
    assert answer["id"] == created["id"] and answer["group"] == 3
    assert answer["shapes"][0]["id"] == kept["id"]  # sent with its id: kept
    assert answer["shapes"][1]["id"] > dropped["id"]  # a new keyframe: a new id
    assert [(s["id"], s["frame"], s["points"]) for s in stored[0]["shapes"]] == [
        (kept["id"], 0, [5.0, 5.0, 9.0, 9.0]),
        (answer["shapes"][1]["id"], 1, [1.0, 1.0, 2.0, 2.0]),
    ]


def test_an_update_of_a_deleted_object_brings_it_back(fresh_sandbox: SandboxServer, job: Job) -> None:
    """§4.3: CVAT's update deletes and inserts, so a vanished id is re-created — the quirk a merge must not use."""
    with raw_client(fresh_sandbox, "demo") as http:
        shape = patch(http, job, "create", body(shapes=[rectangle(job, [0, 0, 5, 5])])).json()["shapes"][0]
        patch(http, job, "delete", body(shapes=[shape]))
        patch(http, job, "update", body(shapes=[{**shape, "occluded": True}]))
        stored = http.get(job.path).json()["shapes"]
    assert [(s["id"], s["occluded"]) for s in stored] == [(shape["id"], True)]


def test_another_jobs_id_fails_the_insert(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        other = http.patch(
            f"jobs/{job.other_id}/annotations",
            params={"action": "create"},
            json=body(shapes=[rectangle(job, [0, 0, 5, 5])]),
        ).json()["shapes"][0]
        response = patch(http, job, "update", body(shapes=[other, rectangle(job, [1, 1, 2, 2])]))
        assert response.status_code == 400
        assert "duplicate key value violates unique constraint" in response.json()
        assert http.get(job.path).json() == {"version": 0, "tags": [], "shapes": [], "tracks": []}


@pytest.mark.parametrize(
    ("where", "message"),
    [
        ("label", "label_id `999999` is invalid"),
        ("spec", "spec_id `999999` is invalid"),
        ("mutable_on_track", "spec_id `{parked}` is invalid"),
        ("immutable_on_keyframe", "spec_id `{color}` is invalid"),
    ],
)
def test_one_bad_reference_refuses_the_whole_batch_with_a_bare_string(
    fresh_sandbox: SandboxServer, job: Job, where: str, message: str
) -> None:
    good = rectangle(job, [0, 0, 5, 5])
    track = car_track(job, [0, 2])
    bad_shape = dict(good)
    if where == "label":
        bad_shape["label_id"] = 999999
    elif where == "spec":
        bad_shape["attributes"] = [{"spec_id": 999999, "value": "x"}]
    elif where == "mutable_on_track":
        track["attributes"] = [{"spec_id": job.ids["car.parked"], "value": "true"}]
    else:
        track["shapes"][0]["attributes"] = [{"spec_id": job.ids["car.color"], "value": "red"}]
    with raw_client(fresh_sandbox, "demo") as http:
        response = patch(http, job, "create", body(shapes=[good, bad_shape], tracks=[track]))
        assert response.status_code == 400
        assert response.json() == message.format(parked=job.ids["car.parked"], color=job.ids["car.color"])
        assert http.get(job.path).json() == {"version": 0, "tags": [], "shapes": [], "tracks": []}


def test_delete_ignores_unknown_ids_and_echoes_the_request(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        shape = patch(http, job, "create", body(shapes=[rectangle(job, [0, 0, 5, 5])])).json()["shapes"][0]
        ghost = {**shape, "id": shape["id"] + 1000}
        answer = patch(http, job, "delete", body(shapes=[shape, ghost]))
        assert answer.status_code == 200
        assert answer.json() == {"version": 2, "tags": [], "shapes": [shape, ghost], "tracks": []}
        assert http.get(job.path).json()["shapes"] == []


def test_request_shape_errors_are_drfs(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        no_version = patch(http, job, "create", {"tags": [], "shapes": [], "tracks": []})
        assert (no_version.status_code, no_version.json()) == (400, {"version": ["This field is required."]})
        wrong = http.patch(job.path, params={"action": "upsert"}, json=body())
        assert (wrong.status_code, wrong.json()) == (400, ["Please specify a correct 'action' for the request"])
        no_points = patch(http, job, "create", body(shapes=[{**rectangle(job, []), "points": []}]))
        assert no_points.status_code == 400
        assert no_points.json() == {"shapes": [{"points": ["This list may not be empty."]}]}
