"""Saving with the merge engine against the sandbox over real HTTP: a save of ``changes()`` leaves the server equal
to the local document; another user's write (the second-user switch) between two saves is merged, the server ends
with exactly the merge, conflicts are offered and resolved; a create whose answer is lost is recognised, never sent
twice."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import httpx
import pytest

from annodesk.annotations import (
    BOTH_CHANGED,
    DELETED_THERE,
    MINE,
    adopt_ids,
    changes,
    created_ids,
    merge,
    recover_creates,
    resolve,
    version_check,
)
from annodesk.sandbox import SandboxServer

from ..annotations.merge_support import assert_server_holds, canonical
from ..api.helpers import raw_client
from .annotation_helpers import Job, body, car_track, make_job, patch, rectangle, save, tag


@pytest.fixture
def job(fresh_sandbox: SandboxServer, tmp_path: Path) -> Job:
    return make_job(fresh_sandbox, tmp_path)


def loaded(http: httpx.Client, job: Job) -> dict[str, Any]:
    response = http.get(job.path)
    assert response.status_code == 200
    return response.json()


def seeded(http: httpx.Client, job: Job) -> dict[str, Any]:
    """Three shapes, a track and a tag saved; the job as a client loads it."""
    shapes = [rectangle(job, [10.0 * i, 0, 10.0 * i + 5, 5], frame=i) for i in range(3)]
    patch(http, job, "create", body(shapes=shapes, tracks=[car_track(job, [0, 2, 4])], tags=[tag(job, 1)]))
    return loaded(http, job)


def edit_locally(job: Job, base: dict[str, Any]) -> dict[str, Any]:
    """Move shape 0, delete shape 1, add a shape, move the track's middle keyframe and add one."""
    local = copy.deepcopy(base)
    local["shapes"][0]["points"] = [1.0, 1.0, 6.0, 6.0]
    del local["shapes"][1]
    local["shapes"].append(rectangle(job, [50.0, 50.0, 60.0, 60.0], frame=2))
    track = local["tracks"][0]
    track["shapes"][1]["points"] = [22.0, 10.0, 42.0, 30.0]
    extra = {**track["shapes"][1], "frame": 3}
    del extra["id"]
    track["shapes"].insert(2, extra)
    return local


def test_a_save_of_the_changes_leaves_the_server_equal_to_the_local_document(
    fresh_sandbox: SandboxServer, job: Job
) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = seeded(http, job)
        local = edit_locally(job, base)
        requests = changes(base, local, job.labels)
        assert [(a, sum(len(b[k]) for k in ("tags", "shapes", "tracks"))) for a, b in requests] == [
            ("create", 1),
            ("update", 2),  # shape 0 and the track; shape 2 and the tag untouched: not sent
            ("delete", 1),
        ]
        answers = save(http, job, requests)
        after = loaded(http, job)
    assert after["version"] == base["version"] + 3
    assert_server_holds(after, local, base, job.labels)
    # The created id maps back, and the next save has nothing to send.
    assert not changes(after, adopt_ids(local, created_ids(answers[0])), job.labels)


def test_another_users_save_between_two_saves_is_merged_not_overwritten(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = seeded(http, job)
        shape0, shape2 = base["shapes"][0], base["shapes"][2]
        theirs = [{**shape0, "occluded": True}, {**shape2, "points": [20.0, 20.0, 30.0, 30.0]}]
        # Alice's save lands just before our client reads the job again to save.
        fresh_sandbox.second_user.before_next(job.id, "update", body(shapes=theirs), method="GET")
        local = edit_locally(job, base)
        remote = loaded(http, job)
        assert fresh_sandbox.second_user.pending() == 0 and remote["version"] == base["version"] + 1
        result = merge(base, local, remote, job.labels)
        assert result.conflicts == ()
        save(http, job, result.requests)
        after = loaded(http, job)
    assert_server_holds(after, result.merged, remote, job.labels)
    on_server = {s["id"]: s for s in after["shapes"]}
    assert on_server[shape0["id"]]["points"] == [1.0, 1.0, 6.0, 6.0] and on_server[shape0["id"]]["occluded"]
    assert on_server[shape2["id"]]["points"] == [20.0, 20.0, 30.0, 30.0]


def test_a_conflict_is_offered_and_its_resolution_is_what_the_server_ends_with(
    fresh_sandbox: SandboxServer, job: Job
) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = seeded(http, job)
        shape0 = base["shapes"][0]
        track = base["tracks"][0]
        fresh_sandbox.second_user.before_next(
            job.id, "update", body(shapes=[{**shape0, "points": [9.0, 9.0, 19.0, 19.0]}]), method="GET"
        )
        fresh_sandbox.second_user.before_next(job.id, "delete", body(tracks=[track]), method="GET")
        local = edit_locally(job, base)
        remote = loaded(http, job)
        result = merge(base, local, remote, job.labels)
        reasons = sorted((c.kind, c.reason, c.field) for c in result.conflicts)
        assert reasons == [("shapes", BOTH_CHANGED, "points"), ("tracks", DELETED_THERE, None)]
        for conflict in result.conflicts:
            result = resolve(conflict, MINE) if conflict.kind == "shapes" else result
        [left] = result.conflicts
        result = resolve(left, MINE)  # the track comes back as a new object
        save(http, job, result.requests)
        after = loaded(http, job)
    assert_server_holds(after, result.merged, remote, job.labels)
    assert {s["id"]: s["points"] for s in after["shapes"]}[shape0["id"]] == [1.0, 1.0, 6.0, 6.0]
    [track_now] = after["tracks"]
    assert track_now["id"] != track["id"] and [s["frame"] for s in track_now["shapes"]] == [0, 2, 3, 4]


def test_a_write_between_our_read_and_our_save_is_seen_by_the_version_and_merged_again(
    fresh_sandbox: SandboxServer, job: Job
) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = seeded(http, job)
        local = edit_locally(job, base)
        remote = loaded(http, job)
        result = merge(base, local, remote, job.labels)
        tag0 = base["tags"][0]
        fresh_sandbox.second_user.before_next(job.id, "delete", body(tags=[tag0]), query="action=create")
        answers = save(http, job, result.requests)
        assert version_check(remote["version"], 3, answers[-1]["version"]) == "moved"
        now = loaded(http, job)
        pushed = adopt_ids(result.merged, created_ids(answers[0]))
        again = merge(pushed, pushed, now, job.labels)
    assert again.conflicts == () and not again.requests
    assert canonical(now, labels=job.labels) == canonical(again.merged, labels=job.labels)
    assert all(t["id"] != tag0["id"] for t in now["tags"])


def test_a_create_whose_answer_was_lost_is_not_sent_twice(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = seeded(http, job)
        local = edit_locally(job, base)
        requests = changes(base, local, job.labels)
        fresh_sandbox.faults.add("truncated_json", path=rf"/jobs/{job.id}/annotations$", query="action=create", times=1)
        lost = patch(http, job, "create", requests.create)
        with pytest.raises(ValueError):
            lost.json()
        now = loaded(http, job)
        recovery = recover_creates(requests.create, base, now, version_before=base["version"], labels=job.labels)
        assert recovery.applied is True
        resumed = merge(base, adopt_ids(local, recovery.created), now, job.labels)
        assert [a for a, _ in resumed.requests.nonempty()] == ["update", "delete"]
        save(http, job, resumed.requests)
        after = loaded(http, job)
    assert_server_holds(after, resumed.merged, now, job.labels)
    assert len(after["shapes"]) == len(local["shapes"])  # the new shape once
