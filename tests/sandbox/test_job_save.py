"""``JobSaver`` against the sandbox over real HTTP: only changed objects are sent (a save with no edits sends
nothing), created ids map back (an update of a just-created object updates it), another user's saves are merged,
not overwritten (their deletions stay deleted), conflicts are decided by the user and the server ends as chosen."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annodesk.annotations import BOTH, BOTH_CHANGED, MINE, THEIRS, Annotations
from annodesk.annotations.identity import find
from annodesk.api import CvatClient
from annodesk.sandbox import SandboxServer
from annodesk.session.job_save import NeedsDecision, Saved

from ..annotations.merge_support import canonical
from ..api.helpers import raw_client
from .annotation_helpers import Job, body, car_track, make_job, patch, rectangle, tag
from .save_support import Recorder, deleted, ids, key, loaded, moved, new_rectangle, saver, server_json, with_client


@pytest.fixture
def job(fresh_sandbox: SandboxServer, tmp_path: Path) -> Job:
    job = make_job(fresh_sandbox, tmp_path)
    with raw_client(fresh_sandbox, "demo") as http:
        shapes = [rectangle(job, [10.0 * i, 0, 10.0 * i + 5, 5], frame=i) for i in range(3)]
        created = patch(http, job, "create", body(shapes=shapes, tracks=[car_track(job, [0, 2])], tags=[tag(job, 1)]))
        assert created.status_code == 200
    return job


def same(server: dict[str, Any], document: Annotations, job: Job) -> bool:
    """The server holds exactly ``document`` (normal form, ids included)."""
    return canonical(server, labels=job.labels) == canonical(document, labels=job.labels)


def test_a_save_sends_only_the_changed_objects_and_a_save_without_edits_sends_nothing(
    fresh_sandbox: SandboxServer, job: Job
) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        local = moved(base, key("shapes", base, 0))
        local = deleted(local, key("shapes", base, 1))
        local, new_key = new_rectangle(job, local, [50.0, 50.0, 60.0, 60.0])

        async def scenario(client: CvatClient, recorder: Recorder) -> tuple[Saved, Saved, list[Any], list[Any]]:
            job_saver = saver(client, job, base)
            first = await job_saver.save(local)
            assert isinstance(first, Saved)
            first_requests = list(recorder.sent)
            recorder.clear()
            second = await job_saver.save(first.document)
            assert isinstance(second, Saved)
            return first, second, first_requests, list(recorder.sent)

        first, second, first_requests, second_requests = with_client(fresh_sandbox, scenario)
        server = server_json(http, job)
    assert [(s.method, s.action, s.total) for s in first_requests] == [
        ("GET", None, 0),
        ("PATCH", "create", 1),
        ("PATCH", "update", 1),  # the moved shape only: the track, the tag and shape 2 are untouched
        ("PATCH", "delete", 1),
    ]
    assert (first.created, first.updated, first.deleted, first.merged) == (1, 1, 1, False)
    assert first.version == base.version + 3 == server["version"]
    assert same(server, first.document, job)
    _, created = find(first.document, new_key)  # the client id stays the key; the server id is adopted
    assert created.id is not None and created.id in ids(server)
    assert [(s.method, s.action) for s in second_requests] == [("GET", None)]
    assert not second.sent and second.version == first.version


def test_an_object_created_then_edited_is_updated_not_created_again(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        local, new_key = new_rectangle(job, base, [50.0, 50.0, 60.0, 60.0])

        async def scenario(client: CvatClient, recorder: Recorder) -> tuple[Saved, list[Any]]:
            job_saver = saver(client, job, base)
            first = await job_saver.save(local)
            assert isinstance(first, Saved)
            recorder.clear()
            second = await job_saver.save(moved(first.document, new_key, 5.0))
            assert isinstance(second, Saved)
            return second, recorder.patches()

        second, patches = with_client(fresh_sandbox, scenario)
        server = server_json(http, job)
    _, item = find(second.document, new_key)
    assert [(s.action, s.total) for s in patches] == [("update", 1)]
    assert patches[0].body is not None and patches[0].body["shapes"][0]["id"] == item.id
    assert len(server["shapes"]) == 4
    assert {s["id"]: s["points"] for s in server["shapes"]}[item.id] == [55.0, 55.0, 65.0, 65.0]
    assert same(server, second.document, job)


def test_another_users_save_is_merged_and_their_deletion_is_not_undone(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        raw = server_json(http, job)
        shape0, shape2 = raw["shapes"][0], raw["shapes"][2]
        # Alice marks shape 0 occluded and deletes shape 2 just before our save reads the job.
        fresh_sandbox.second_user.before_next(
            job.id, "update", body(shapes=[{**shape0, "occluded": True}]), method="GET"
        )
        fresh_sandbox.second_user.before_next(job.id, "delete", body(shapes=[shape2]), method="GET")
        local = moved(base, ("shapes", shape0["id"]))  # we move shape 0 and leave shape 2 alone

        async def scenario(client: CvatClient, recorder: Recorder) -> Saved | NeedsDecision:
            return await saver(client, job, base).save(local)

        saved = with_client(fresh_sandbox, scenario)
        server = server_json(http, job)
    assert isinstance(saved, Saved) and saved.merged
    by_id = {s["id"]: s for s in server["shapes"]}
    assert shape2["id"] not in by_id  # not resurrected
    assert by_id[shape0["id"]]["occluded"] and by_id[shape0["id"]]["points"] == [3.0, 3.0, 8.0, 8.0]
    assert same(server, saved.document, job)
    assert saved.version == server["version"]


@pytest.mark.parametrize("choice", [MINE, THEIRS, BOTH])
def test_a_conflict_waits_for_the_users_choice_and_the_server_ends_as_chosen(
    fresh_sandbox: SandboxServer, job: Job, choice: str
) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        shape0 = server_json(http, job)["shapes"][0]
        theirs = [99.0, 99.0, 109.0, 109.0]
        fresh_sandbox.second_user.before_next(
            job.id, "update", body(shapes=[{**shape0, "points": theirs}]), method="GET"
        )
        local = moved(base, ("shapes", shape0["id"]))

        async def scenario(client: CvatClient, recorder: Recorder) -> tuple[NeedsDecision, Saved, list[Any]]:
            job_saver = saver(client, job, base)
            first = await job_saver.save(local)
            assert isinstance(first, NeedsDecision)
            sent_before_choice = recorder.patches()
            [conflict] = first.result.conflicts
            assert (conflict.reason, conflict.field) == (BOTH_CHANGED, "points")
            second = await job_saver.save(local, {conflict.token: choice})
            assert isinstance(second, Saved)
            return first, second, sent_before_choice

        _, saved, sent_before_choice = with_client(fresh_sandbox, scenario)
        server = server_json(http, job)
    assert sent_before_choice == []
    points = sorted(s["points"] for s in server["shapes"] if s["frame"] == 0)
    mine = [3.0, 3.0, 8.0, 8.0]
    expected = {MINE: [mine], THEIRS: [theirs], BOTH: sorted([mine, theirs])}[choice]
    assert points == expected
    assert same(server, saved.document, job)
