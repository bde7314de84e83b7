"""The write-ahead of a save's in-flight state (issue 16: crash-safe sync), over real HTTP against the sandbox:
``JobSaver.before_write`` is told, before each PATCH goes, what that request leaves behind if its answer never
comes; the workspace's save puts it in the journal (on disk while the request is out) and clears it once the save
went through."""

from __future__ import annotations

import asyncio
import contextlib
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from annodesk.annotations import Annotations, LabelSet
from annodesk.annotations.frames import SHAPE
from annodesk.sandbox import SandboxServer
from annodesk.session.job_save import InFlight, JobSaver, Saved
from annodesk.session.journal import Journal, JournalFull
from annodesk.session.sync import SyncDone, sync_job

from ..api.helpers import sign_in
from ..sandbox.annotation_helpers import Job
from ..sandbox.save_support import deleted, moved, new_rectangle
from ..workspace.editing import opened_job, put_annotations, sample_annotations, wait_signal
from .sync_support import seeded_job, server_json, take_offline
from .test_sync import assert_base_renewed
from .test_sync_outcomes import edit_offline, until


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


class SlowDisk(Journal):
    """A journal whose second in-flight write, once written, holds its caller until ``go`` is set (a disk that
    stalls on the fsync)."""

    def __init__(self, root: Path, server: str) -> None:
        super().__init__(root, server)
        self.writes = 0
        self.waiting = threading.Event()
        self.go = threading.Event()

    def set_in_flight(self, job: int, data: dict[str, Any] | None) -> None:
        super().set_in_flight(job, data)
        self.writes += 1
        if self.writes == 2:  # the write-ahead of the request after the creation: written, then the disk stalls
            self.waiting.set()
            self.go.wait(30)


async def test_a_sync_cancelled_while_its_write_ahead_waits_for_the_disk_creates_nothing_twice(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        offline = await take_offline(client, job, tmp_path)
        edit_offline(offline)
        slow = SlowDisk(tmp_path / "journal", client.server_url)
        running = asyncio.ensure_future(sync_job(client, offline.store, slow, job.id))
        await until(slow.waiting.is_set)  # the creation went through; the update waits for the disk
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
        slow.go.set()
        flight = slow.in_flight(job.id)
        assert flight is not None and flight["adopted"]  # the id the server gave the creation is kept
        slow.close()

        outcome = await sync_job(client, offline.store, offline.journal, job.id)
        server = await server_json(client, job)
        assert isinstance(outcome, SyncDone) and outcome.created == 0 and outcome.updated == 1
        assert [s["points"] for s in server["shapes"]].count([50.0, 50.0, 60.0, 60.0]) == 1
        offline.close()


class FullOnce(Journal):
    """A journal on a disk that is full when the sync's new base is written (once)."""

    def __init__(self, root: Path, server: str) -> None:
        super().__init__(root, server)
        self.full = True

    def mark_saved(self, job: int, version: int, document: Any, **kwargs: Any) -> None:
        if self.full:
            self.full = False
            raise JournalFull("the disk is full")
        super().mark_saved(job, version, document, **kwargs)


async def test_a_full_disk_after_the_push_keeps_the_edits_and_the_next_sync_sends_nothing_twice(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        offline = await take_offline(client, job, tmp_path)
        edit_offline(offline)
        offline.journal.close()
        offline.journal = FullOnce(tmp_path / "journal", client.server_url)
        with pytest.raises(JournalFull):
            await sync_job(client, offline.store, offline.journal, job.id)
        pushed = await server_json(client, job)
        assert [s["points"] for s in pushed["shapes"]].count([50.0, 50.0, 60.0, 60.0]) == 1  # it went out
        assert offline.copy().steps == 2 and offline.journal.in_flight(job.id) is not None  # kept here

        outcome = await sync_job(client, offline.store, offline.journal, job.id)

        server = await server_json(client, job)
        assert isinstance(outcome, SyncDone) and (outcome.created, outcome.updated, outcome.deleted) == (0, 0, 0)
        assert server["version"] == pushed["version"]
        assert_base_renewed(offline, server)
        offline.close()
