"""``JobSaver`` when a save goes wrong, against the sandbox's fault switch over real HTTP: whether the server made
the write or not (the connection dropped after or before it handled the create, a timeout with the write made, a
lost answer, a 500 on the update, the server down), the retry succeeds once the server is back with nothing
created twice and nothing lost; what is in flight survives as JSON (a restart); a 403 or a 400 refuses the save with
the server's reason and the objects of the refused request, every edit kept."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from annodesk.annotations import Annotations
from annodesk.annotations.identity import find
from annodesk.api import CvatClient, CvatError, MalformedResponse, NetworkError, RequestTimeout, ServerError
from annodesk.sandbox import SandboxServer
from annodesk.session.job_save import InFlight, Saved, SaveRefused

from ..annotations.merge_support import canonical
from ..api.helpers import raw_client
from .annotation_helpers import Job, body, make_job, patch, rectangle
from .save_support import Recorder, deleted, loaded, moved, new_rectangle, saver, server_json, with_client


@pytest.fixture
def job(fresh_sandbox: SandboxServer, tmp_path: Path) -> Job:
    job = make_job(fresh_sandbox, tmp_path)
    with raw_client(fresh_sandbox, "demo") as http:
        shapes = [rectangle(job, [10.0 * i, 0, 10.0 * i + 5, 5], frame=i) for i in range(3)]
        assert patch(http, job, "create", body(shapes=shapes)).status_code == 200
    return job


def edited(job: Job, base: Annotations) -> tuple[Annotations, Any]:
    """Shape 0 moved, shape 1 deleted, a rectangle made: a save sends create, update and delete."""
    local = moved(base, ("shapes", base.shapes[0].id))
    local = deleted(local, ("shapes", base.shapes[1].id))
    return new_rectangle(job, local, [50.0, 50.0, 60.0, 60.0])


def create_fault(server: SandboxServer, job: Job, kind: str, action: str = "create", **kwargs: Any) -> None:
    server.faults.add(kind, path=rf"/jobs/{job.id}/annotations$", query=f"action={action}", times=1, **kwargs)


def check_server(server: dict[str, Any], document: Annotations, job: Job, base: Annotations) -> None:
    """The server holds exactly the document: the new rectangle once, shape 0 moved, shape 1 gone."""
    assert canonical(server, labels=job.labels) == canonical(document, labels=job.labels)
    assert sorted(s["points"] for s in server["shapes"]) == sorted(
        [[3.0, 3.0, 8.0, 8.0], [20.0, 0.0, 25.0, 5.0], [50.0, 50.0, 60.0, 60.0]]
    )
    assert base.shapes[1].id not in {s["id"] for s in server["shapes"]}


@pytest.mark.parametrize(
    ("fault", "error", "applied"),
    [
        ("close_after", NetworkError, True),  # the create handled, then the connection dropped
        ("truncated_json", MalformedResponse, True),  # the create handled, its answer cut off
        ("close", NetworkError, False),  # the connection dropped before the server handled it
        ("500", ServerError, False),
    ],
)
def test_a_create_with_an_unknown_outcome_is_never_made_twice(
    fresh_sandbox: SandboxServer, job: Job, fault: str, error: type[CvatError], applied: bool
) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        local, new_key = edited(job, base)

        async def scenario(client: CvatClient, recorder: Recorder) -> tuple[InFlight | None, int, Saved, list[Any]]:
            job_saver = saver(client, job, base)
            create_fault(fresh_sandbox, job, fault)
            with pytest.raises(error):
                await job_saver.save(local)
            in_flight = job_saver.in_flight
            shapes_meanwhile = len(server_json(http, job)["shapes"])
            recorder.clear()
            saved = await job_saver.save(local)  # the retry, the server back
            assert isinstance(saved, Saved)
            return in_flight, shapes_meanwhile, saved, recorder.patches()

        in_flight, shapes_meanwhile, saved, retry = with_client(fresh_sandbox, scenario)
        server = server_json(http, job)
    assert in_flight is not None and in_flight.create is not None and in_flight.sent == ("create",)
    assert shapes_meanwhile == (4 if applied else 3)
    assert [s.action for s in retry] == (["update", "delete"] if applied else ["create", "update", "delete"])
    check_server(server, saved.document, job, base)
    _, item = find(saved.document, new_key)
    assert item.id in {s["id"] for s in server["shapes"]}
    assert saved.version == server["version"]


def test_a_timeout_after_the_server_wrote_and_a_restart_in_between_create_nothing_twice(
    fresh_sandbox: SandboxServer, job: Job
) -> None:
    """The answer never comes (the client times out) though the write was made; the app restarts with the journal's
    copy of what was in flight; the save after it finds the creation by its content."""
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        local, new_key = edited(job, base)

        async def first(client: CvatClient, recorder: Recorder) -> str:
            job_saver = saver(client, job, base)
            create_fault(fresh_sandbox, job, "hang_after")
            with pytest.raises(RequestTimeout):
                await job_saver.save(local)
            assert job_saver.in_flight is not None
            return json.dumps(job_saver.in_flight.to_json())

        kept = with_client(fresh_sandbox, first, timeout=1.0)
        fresh_sandbox.faults.clear()
        assert len(server_json(http, job)["shapes"]) == 4  # it did write

        async def after_restart(client: CvatClient, recorder: Recorder) -> tuple[Saved, list[Any]]:
            job_saver = saver(client, job, base, in_flight=InFlight.from_json(json.loads(kept)))
            saved = await job_saver.save(local)
            assert isinstance(saved, Saved) and job_saver.in_flight is None
            return saved, recorder.patches()

        saved, sent = with_client(fresh_sandbox, after_restart)
        server = server_json(http, job)
    assert [s.action for s in sent] == ["update", "delete"]
    check_server(server, saved.document, job, base)
    assert isinstance(find(saved.document, new_key)[1].id, int)


def test_a_timeout_before_the_server_wrote_sends_the_create_again(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        local, _ = edited(job, base)

        async def scenario(client: CvatClient, recorder: Recorder) -> tuple[Saved, list[Any]]:
            job_saver = saver(client, job, base)
            create_fault(fresh_sandbox, job, "hang")
            with pytest.raises(RequestTimeout):
                await job_saver.save(local)
            fresh_sandbox.faults.clear()
            recorder.clear()
            saved = await job_saver.save(local)
            assert isinstance(saved, Saved)
            return saved, recorder.patches()

        saved, sent = with_client(fresh_sandbox, scenario, timeout=1.0)
        server = server_json(http, job)
    assert [s.action for s in sent] == ["create", "update", "delete"]
    check_server(server, saved.document, job, base)


def test_a_500_on_the_update_keeps_the_created_ids_and_the_retry_finishes(
    fresh_sandbox: SandboxServer, job: Job
) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        local, new_key = edited(job, base)

        async def scenario(client: CvatClient, recorder: Recorder) -> tuple[InFlight | None, Saved, list[Any]]:
            job_saver = saver(client, job, base)
            create_fault(fresh_sandbox, job, "500", action="update")
            with pytest.raises(ServerError):
                await job_saver.save(local)
            in_flight = job_saver.in_flight
            recorder.clear()
            saved = await job_saver.save(local)
            assert isinstance(saved, Saved)
            return in_flight, saved, recorder.patches()

        in_flight, saved, sent = with_client(fresh_sandbox, scenario)
        server = server_json(http, job)
    assert in_flight is not None and in_flight.create is None  # the create's answer came: its ids are known
    assert list(in_flight.adopted["shapes"]) == [new_key[1]]
    assert [s.action for s in sent] == ["update", "delete"]
    check_server(server, saved.document, job, base)


def test_the_server_down_then_back(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
    local, _ = edited(job, base)

    async def scenario(client: CvatClient, recorder: Recorder) -> Saved:
        job_saver = saver(client, job, base)
        fresh_sandbox.faults.add("refuse")
        with pytest.raises(NetworkError):
            await job_saver.save(local)
        assert job_saver.in_flight is None  # nothing was sent: the read before the save failed
        fresh_sandbox.faults.clear()
        saved = await job_saver.save(local)
        assert isinstance(saved, Saved)
        return saved

    saved = with_client(fresh_sandbox, scenario)
    with raw_client(fresh_sandbox, "demo") as http:
        check_server(server_json(http, job), saved.document, job, base)


def test_a_403_refuses_the_save_and_names_its_objects(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        local, _ = edited(job, base)

        async def scenario(client: CvatClient, recorder: Recorder) -> tuple[SaveRefused, Saved]:
            job_saver = saver(client, job, base)
            create_fault(fresh_sandbox, job, "403", action="update")
            with pytest.raises(SaveRefused) as refused:
                await job_saver.save(local)
            assert job_saver.in_flight is not None  # the create went through: its id is kept for the retry
            saved = await job_saver.save(local)
            assert isinstance(saved, Saved)
            return refused.value, saved

        refusal, saved = with_client(fresh_sandbox, scenario)
        server = server_json(http, job)
    assert refusal.status == 403 and refusal.action == "update"
    assert refusal.objects == (("shapes", base.shapes[0].id),)
    assert "permission" in refusal.reason
    check_server(server, saved.document, job, base)


def test_a_400_gives_the_servers_reason_and_the_refused_objects(fresh_sandbox: SandboxServer, job: Job) -> None:
    with raw_client(fresh_sandbox, "demo") as http:
        base = loaded(http, job)
        local, new_key = edited(job, base)
        position, item = find(local, new_key)
        broken = replace(local, shapes=(*local.shapes[:position], replace(item, label_id=99999)))

        async def scenario(client: CvatClient, recorder: Recorder) -> SaveRefused:
            job_saver = saver(client, job, base)
            with pytest.raises(SaveRefused) as refused:
                await job_saver.save(broken)
            assert job_saver.in_flight is None and job_saver.base is base
            return refused.value

        refusal = with_client(fresh_sandbox, scenario)
        server = server_json(http, job)
    assert refusal.status == 400 and refusal.action == "create"
    assert refusal.reason == "label_id `99999` is invalid"
    assert refusal.objects == (new_key,)
    assert server["version"] == base.version  # nothing written: the batch is one transaction
