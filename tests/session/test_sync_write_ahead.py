"""The write-ahead of a save's in-flight state (issue 16: crash-safe sync), over real HTTP against the sandbox:
``JobSaver.before_write`` is told, before each PATCH goes, what that request leaves behind if its answer never
comes; the workspace's save puts it in the journal (on disk while the request is out) and clears it once the save
went through."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from annodesk.annotations import Annotations, LabelSet
from annodesk.annotations.frames import SHAPE
from annodesk.sandbox import SandboxServer
from annodesk.session.job_save import InFlight, JobSaver, Saved
from annodesk.session.journal import Journal

from ..api.helpers import sign_in
from ..sandbox.annotation_helpers import Job
from ..sandbox.save_support import deleted, moved, new_rectangle
from ..workspace.editing import opened_job, put_annotations, sample_annotations, wait_signal
from .sync_support import seeded_job, server_json
from .test_sync_outcomes import until


@pytest.fixture
def job(fresh_sandbox: SandboxServer, tmp_path: Path) -> Job:
    return seeded_job(fresh_sandbox, tmp_path)


async def test_before_write_is_told_before_each_request_what_an_unknown_outcome_would_leave(
    fresh_sandbox: SandboxServer, job: Job
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        events: list[tuple[str, Any]] = []

        async def answered(response: httpx.Response) -> None:
            if response.request.method == "PATCH":
                events.append(("answered", response.request.url.params["action"]))

        client.add_response_hook(answered)
        base_json = await server_json(client, job)
        base = Annotations.from_json(base_json)
        local = moved(base, ("shapes", base.shapes[0].id))
        local = deleted(local, ("shapes", base.shapes[1].id))
        local, new_key = new_rectangle(job, local, [50.0, 50.0, 60.0, 60.0])
        saver = JobSaver(
            client, job.id, LabelSet.from_json(job.labels), base, before_write=lambda f: events.append(("ahead", f))
        )

        saved = await saver.save(local)

        assert isinstance(saved, Saved) and saver.in_flight is None
        assert [(kind, value if kind == "answered" else "…") for kind, value in events] == [
            ("ahead", "…"), ("answered", "create"), ("ahead", "…"), ("answered", "update"),
            ("ahead", "…"), ("answered", "delete"),
        ]  # fmt: skip
        create, update, delete = (value for kind, value in events if kind == "ahead")
        assert isinstance(create, InFlight) and create.version_before == base.version
        assert create.create is not None and len(create.create["shapes"]) == 1 and create.sent == ("create",)
        assert create.create_keys == {"shapes": (new_key[1],)}
        assert set(create.known["shapes"]) == {item["id"] for item in base_json["shapes"]}
        (made,) = {item["id"] for item in (await server_json(client, job))["shapes"]} - set(create.known["shapes"])
        for flight, sent in ((update, ("create", "update")), (delete, ("create", "update", "delete"))):
            assert isinstance(flight, InFlight) and flight.create is None and flight.sent == sent
            assert flight.adopted == {"shapes": {new_key[1]: made}}  # the id the server gave, known from now on
        assert InFlight.from_json(create.to_json()) == create


async def test_the_workspace_save_journals_its_creation_before_sending_it_and_clears_it_after(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    journal = Journal(tmp_path / "journal", fresh_sandbox.base_url)
    async with opened_job(fresh_sandbox, tmp_path, job, journal=journal) as opened:
        controller, editor = opened.controller, opened.editor
        rectangle = next(obj for obj in controller.objects if obj.kind == SHAPE and obj.type == "rectangle")
        saving = controller.saving
        assert saving is not None
        on_disk = Journal(tmp_path / "journal", fresh_sandbox.base_url)  # what a restarted app would read
        # a save that goes through leaves nothing in flight behind it
        assert editor.create("rectangle", (200, 200, 240, 240), label_id=rectangle.label_id) is not None
        saved = asyncio.ensure_future(wait_signal(saving.saved, 60))
        saving.save()
        await saved
        assert on_disk.in_flight(opened.job_id) is None

        assert editor.create("rectangle", (300, 300, 340, 340), label_id=rectangle.label_id) is not None
        assert editor.flush_journal(10)
        fresh_sandbox.faults.add(
            "hang_after", path=rf"/jobs/{opened.job_id}/annotations$", query="action=create", times=1
        )
        failed = asyncio.ensure_future(wait_signal(saving.failed, 60))
        saving.save()
        await until(lambda: fresh_sandbox.faults.in_flight() > 0)  # the creation is made, its answer held back
        flight = on_disk.in_flight(opened.job_id)
        assert flight is not None and flight["create"] is not None and len(flight["create"]["shapes"]) == 1
        fresh_sandbox.faults.clear()  # the held answer is dropped: the outcome stays unknown
        await failed

        saved = asyncio.ensure_future(wait_signal(saving.saved, 60))
        saving.save()
        await saved
        assert on_disk.in_flight(opened.job_id) is None
        server = await opened.client.get_job_annotations_json(opened.job_id)
        assert [s["points"] for s in server["shapes"]].count([300.0, 300.0, 340.0, 340.0]) == 1
        on_disk.close()
    journal.close()
