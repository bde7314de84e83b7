"""Syncing a checked-out job when it is not simple (issue 16), over real HTTP against the sandbox: conflicts are
offered with nothing sent and decided; ``inspect`` tells the state without writing; what changed on the server
while the job was out (reassigned, status, new labels, a used label removed, job or task deleted, no access any
more) is said plainly, no local edit is lost, and the edits exported to CVAT's XML import back; a kill in the
middle of a sync's request, then a restart, creates nothing twice."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from annodesk.annotations import MINE, THEIRS, edits, merge
from annodesk.annotations.merge import BOTH_CHANGED
from annodesk.api import CvatClient, CvatError, NewLabel
from annodesk.sandbox import SandboxServer
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal
from annodesk.session.sync import (
    CHANGED_HERE,
    CHANGED_ON_SERVER,
    CONFLICTS,
    IN_SYNC,
    LABELS_CHANGED,
    REASSIGNED,
    STATUS,
    TASK_DELETED,
    UNAVAILABLE,
    ServerChange,
    SyncConflicts,
    SyncDone,
    SyncImpossible,
    export_local,
    inspect,
    reconcile,
    sync_job,
)

from ..api.helpers import sign_in
from ..sandbox.annotation_helpers import Job, body, rectangle
from ..sandbox.save_support import deleted, moved, new_rectangle
from .sync_support import Offline, named, same_objects, seeded_job, server_json, take_offline
from .test_sync import assert_base_renewed


@pytest.fixture
def job(fresh_sandbox: SandboxServer, tmp_path: Path) -> Job:
    return seeded_job(fresh_sandbox, tmp_path)


def count_writes(client: CvatClient) -> list[str]:
    """The PATCH requests ``client`` makes from now on."""
    sent: list[str] = []

    async def hook(response: httpx.Response) -> None:
        if response.request.method in ("PATCH", "PUT", "POST", "DELETE"):
            sent.append(f"{response.request.method} {response.request.url.path}")

    client.add_response_hook(hook)
    return sent


async def until(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    """Wait for a condition the server reaches (polling, bounded)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.005)


def edit_offline(offline: Offline) -> None:
    """Shape 0 moved, a rectangle drawn: two journal steps."""
    base = offline.copy().base
    local = offline.edit(base, moved(base, ("shapes", base.shapes[0].id)), "Move")
    drawn, _ = new_rectangle(offline.job, local, [50.0, 50.0, 60.0, 60.0])
    offline.edit(local, drawn, "Draw")


@pytest.mark.parametrize("choice", [MINE, THEIRS])
async def test_conflicts_are_offered_with_nothing_sent_then_the_choice_is_pushed(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path, choice: str
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    other = await sign_in(fresh_sandbox, "alice")
    async with client, other:
        offline = await take_offline(client, job, tmp_path)
        edit_offline(offline)
        shape0 = (await server_json(other, job))["shapes"][0]
        theirs = [99.0, 99.0, 109.0, 109.0]
        await other.patch_job_annotations_json(job.id, "update", body(shapes=[{**shape0, "points": theirs}]))
        before = await server_json(other, job)
        writes = count_writes(client)

        first = await sync_job(client, offline.store, offline.journal, job.id)

        assert isinstance(first, SyncConflicts) and first.changes == ()
        assert [(c.key, c.reason, c.field) for c in first.result.conflicts] == [
            (("shapes", shape0["id"]), BOTH_CHANGED, "points")
        ]
        assert writes == [] and (await server_json(other, job))["version"] == before["version"]
        assert offline.copy().steps == 2  # nothing local touched

        choices = {conflict.token: choice for conflict in first.result.conflicts}
        expected = first.result.session.with_choices(choices).result()  # type: ignore[union-attr]
        done = await sync_job(client, offline.store, offline.journal, job.id, choices=choices)

        server = await server_json(other, job)
        assert isinstance(done, SyncDone) and done.merged and done.created == 1
        points = {s["id"]: s["points"] for s in server["shapes"]}[shape0["id"]]
        assert points == (theirs if choice == THEIRS else [3.0, 3.0, 8.0, 8.0])
        assert same_objects(server, expected.merged, before, job)
        assert_base_renewed(offline, server)
        offline.close()


async def test_inspect_tells_the_state_and_writes_nothing(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    other = await sign_in(fresh_sandbox, "alice")
    async with client, other:
        offline = await take_offline(client, job, tmp_path)
        writes = count_writes(client)
        look = lambda: inspect(client, offline.store, offline.journal, job.id)  # noqa: E731

        status = await look()
        assert (status.state, status.conflicts, status.changes) == (IN_SYNC, 0, ())
        version = status.server_version
        assert version == offline.copy().base_version

        edit_offline(offline)
        assert (await look()).state == CHANGED_HERE

        shape0 = (await server_json(other, job))["shapes"][0]
        await other.patch_job_annotations_json(job.id, "update", body(shapes=[{**shape0, "points": [1, 1, 4, 4]}]))
        status = await look()
        assert (status.state, status.conflicts, status.server_version) == (CONFLICTS, 1, version + 1)

        shape1 = (await server_json(other, job))["shapes"][1]  # only what Alice changed: no conflict
        await other.patch_job_annotations_json(job.id, "update", body(shapes=[{**shape1, "occluded": True}]))
        assert (await look()).state == CONFLICTS
        offered = await sync_job(client, offline.store, offline.journal, job.id)
        assert isinstance(offered, SyncConflicts)
        choices = {conflict.token: MINE for conflict in offered.result.conflicts}
        assert isinstance(await sync_job(client, offline.store, offline.journal, job.id, choices=choices), SyncDone)
        writes.clear()
        assert (await look()).state == IN_SYNC

        await other.patch_job_annotations_json(job.id, "create", body(shapes=[rectangle(job, [1, 1, 2, 2], 1)]))
        status = await look()
        assert (status.state, status.conflicts) == (CHANGED_ON_SERVER, 0)
        assert writes == []
        offline.close()


async def test_reassigned_status_and_new_labels_are_said_and_the_edits_still_go(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    admin = await sign_in(fresh_sandbox, "admin")
    async with client, admin:
        offline = await take_offline(client, job, tmp_path)
        edit_offline(offline)
        base, local = offline.copy().base, offline.copy().document
        bob = next(user.id for user in await admin.list_users() if user.username == "bob")
        await admin.update_job(job.id, status="validation", assignee=bob)
        await admin.update_task(job.task_id, labels=[NewLabel("bicycle")])
        before = await server_json(admin, job)

        outcome = await sync_job(client, offline.store, offline.journal, job.id)

        assert isinstance(outcome, SyncDone) and (outcome.created, outcome.updated) == (1, 1)
        assert outcome.changes == (
            ServerChange(REASSIGNED, None, "bob"),
            ServerChange(STATUS, "annotation", "validation"),
            ServerChange(LABELS_CHANGED, "car, person", "car, person, bicycle"),
        )
        server = await server_json(admin, job)
        assert same_objects(server, merge(base, local, before, job.labels).merged, before, job)
        assert_base_renewed(offline, server)
        status = await inspect(client, offline.store, offline.journal, job.id)  # the store holds the server's now
        assert (status.state, status.changes) == (IN_SYNC, ())
        offline.close()


async def test_a_label_the_edits_use_removed_on_the_server_stops_the_sync_and_keeps_the_edits(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        offline = await take_offline(client, job, tmp_path)
        base = offline.copy().base
        tagged = edits.create_tag(base, offline.labels, frame=2, label_id=job.ids["person"]).annotations
        offline.edit(base, tagged, "Tag")
        version = (await server_json(client, job))["version"]
        # a server admin deletes the label "person" (CVAT's API never does; Django's admin does, with its objects)
        with fresh_sandbox.store.db.write() as db:
            db.execute("DELETE FROM labels WHERE id = ?", (job.ids["person"],))
        writes = count_writes(client)

        outcome = await sync_job(client, offline.store, offline.journal, job.id)

        assert isinstance(outcome, SyncImpossible) and "person" in outcome.reason
        assert outcome.changes == (ServerChange(LABELS_CHANGED, "car, person", "car"),)
        assert writes == [] and (await server_json(client, job))["version"] == version
        assert offline.copy().steps == 1 and offline.copy().document == tagged
        status = await inspect(client, offline.store, offline.journal, job.id)
        assert status.state == UNAVAILABLE and status.changes == outcome.changes
        exported = await asyncio.to_thread(
            export_local, offline.store, offline.journal, offline.server, job.id, tmp_path / "job.xml"
        )
        assert exported.read_text(encoding="utf-8").count('<tag label="person"') == 2  # the server's and mine
        offline.close()


async def test_a_deleted_task_is_said_the_edits_are_kept_and_their_export_imports_into_a_new_task(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        offline = await take_offline(client, job, tmp_path)
        edit_offline(offline)
        local = offline.copy().document
        await client.delete_task(job.task_id)

        outcome = await sync_job(client, offline.store, offline.journal, job.id)

        assert isinstance(outcome, SyncImpossible) and outcome.refusal is None
        assert outcome.changes == (ServerChange(TASK_DELETED, "ref task", None),)
        assert offline.copy().steps == 2 and offline.copy().document == local
        assert (await inspect(client, offline.store, offline.journal, job.id)).state == UNAVAILABLE
        exported = await asyncio.to_thread(
            export_local, offline.store, offline.journal, offline.server, job.id, tmp_path / "job.zip"
        )

        again = await asyncio.to_thread(seeded_job, fresh_sandbox, tmp_path / "again")
        await client.delete_job_annotations(again.id)
        await client.import_job_annotations(again.id, "CVAT 1.1", exported, interval=0.02)
        imported = await server_json(client, again)
        assert named(imported, again.labels) == named(local, job.labels)
        assert len(imported["shapes"]) == 4 and len(imported["tracks"]) == 1 and len(imported["tags"]) == 1
        offline.close()


async def test_a_job_taken_away_is_refused_plainly_and_the_edits_export_and_import_back(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await asyncio.to_thread(seeded_job, fresh_sandbox, tmp_path, "admin")
    client = await sign_in(fresh_sandbox, "demo")
    admin = await sign_in(fresh_sandbox, "admin")
    async with client, admin:
        offline = await take_offline(client, job, tmp_path)
        edit_offline(offline)
        local = offline.copy().document
        users = {user.username: user.id for user in await admin.list_users()}
        await admin.update_task(job.task_id, assignee=users["alice"])
        await admin.update_job(job.id, assignee=users["bob"])

        outcome = await sync_job(client, offline.store, offline.journal, job.id)

        assert isinstance(outcome, SyncImpossible) and outcome.refusal is not None
        assert outcome.refusal.status == 403
        assert offline.copy().steps == 2
        exported = await asyncio.to_thread(
            export_local, offline.store, offline.journal, offline.server, job.id, tmp_path / "job.xml"
        )
        await admin.import_job_annotations(job.id, "CVAT 1.1", exported, interval=0.02)
        assert named(await server_json(admin, job), job.labels) == named(local, job.labels)
        offline.close()


async def test_a_sync_killed_during_its_create_then_restarted_creates_nothing_twice(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        offline = await take_offline(client, job, tmp_path / "app")
        edit_offline(offline)
        copy = offline.copy()
        before = await server_json(client, job)
        expected = merge(copy.base, copy.document, before, offline.labels).merged
        fresh_sandbox.faults.add("hang_after", path=rf"/jobs/{job.id}/annotations$", query="action=create", times=1)
        running = asyncio.ensure_future(sync_job(client, offline.store, offline.journal, job.id))
        await until(lambda: fresh_sandbox.faults.in_flight() > 0)  # the create was made; its answer never comes
        # SIGKILL now: the disk as it is, the process gone
        shutil.copytree(tmp_path / "app", tmp_path / "restarted")
        running.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await running
        offline.close()
        fresh_sandbox.faults.clear()

        store = CheckoutStore(tmp_path / "restarted" / "offline")
        journal = Journal(tmp_path / "restarted" / "journal", client.server_url)
        flight = journal.in_flight(job.id)
        assert flight is not None and flight["create"] is not None  # written before the request went
        outcome = await sync_job(client, store, journal, job.id)

        server = await server_json(client, job)
        assert isinstance(outcome, SyncDone) and outcome.created == 0 and outcome.updated == 1
        assert sorted(s["points"] for s in server["shapes"]).count([50.0, 50.0, 60.0, 60.0]) == 1
        assert same_objects(server, expected, before, job)
        assert_base_renewed(Offline(client, store, journal, job), server)
        journal.close()
        store.close()


async def test_a_kill_between_the_journal_and_the_store_heals_on_the_next_sync(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        offline = await take_offline(client, job, tmp_path)
        edit_offline(offline)
        old = offline.store.checkout(offline.server, job.id)
        assert old is not None
        assert isinstance(await sync_job(client, offline.store, offline.journal, job.id), SyncDone)
        offline.store.set_base(offline.server, job.id, old.base_version, old.base)  # as if killed before this write
        server = await server_json(client, job)
        assert offline.copy().base_version == server["version"]  # the journal's base wins
        assert reconcile(offline.store, offline.journal, offline.server, job.id)  # and may be copied over
        record = offline.store.checkout(offline.server, job.id)
        assert record is not None and record.base_version == server["version"]
        assert not reconcile(offline.store, offline.journal, offline.server, job.id)
        offline.store.set_base(offline.server, job.id, old.base_version, old.base)
        writes = count_writes(client)
        again = await sync_job(client, offline.store, offline.journal, job.id)
        assert isinstance(again, SyncDone) and (again.created, again.updated, again.deleted) == (0, 0, 0)
        assert writes == []
        assert_base_renewed(offline, server)
        offline.close()


async def test_two_syncs_of_one_job_at_once_send_the_edits_once(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        offline = await take_offline(client, job, tmp_path)
        edit_offline(offline)
        first, second = await asyncio.gather(
            sync_job(client, offline.store, offline.journal, job.id),
            sync_job(client, offline.store, offline.journal, job.id),
        )
        assert isinstance(first, SyncDone) and (first.created, first.updated) == (1, 1)
        assert isinstance(second, SyncDone) and (second.created, second.updated) == (0, 0)
        server = await server_json(client, job)
        assert [s["points"] for s in server["shapes"]].count([50.0, 50.0, 60.0, 60.0]) == 1
        assert_base_renewed(offline, server)
        offline.close()


async def test_a_label_colour_changed_on_the_server_is_no_news(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        offline = await take_offline(client, job, tmp_path)
        task = await client.update_task(job.task_id, labels=[NewLabel("car", color="#123456")])
        assert next(label.color for label in task.labels if label.name == "car") == "#123456"
        assert (await inspect(client, offline.store, offline.journal, job.id)).changes == ()
        outcome = await sync_job(client, offline.store, offline.journal, job.id)
        assert isinstance(outcome, SyncDone) and outcome.changes == ()
        offline.close()


@pytest.mark.parametrize(
    ("fault", "action"),
    [
        ("close_after", "create"),  # the creation made, the connection dropped before its answer
        ("close", "update"),  # the connection dropped before the update was handled
        ("500", "delete"),  # the server failed on the last request
        ("refuse", None),  # the server gone before the sync could read anything
    ],
)
async def test_a_sync_cut_off_by_the_network_loses_nothing_and_the_next_one_ends_as_one_would_have(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path, fault: str, action: str | None
) -> None:
    client = await sign_in(fresh_sandbox, "demo")
    async with client:
        offline = await take_offline(client, job, tmp_path)
        edit_offline(offline)
        base = offline.copy().base
        local = offline.edit(offline.copy().document, deleted(offline.copy().document, ("shapes", base.shapes[2].id)))
        before = await server_json(client, job)
        expected = merge(base, local, before, offline.labels).merged
        if action is None:
            fresh_sandbox.faults.add(fault)
        else:
            fresh_sandbox.faults.add(fault, path=rf"/jobs/{job.id}/annotations$", query=f"action={action}", times=1)

        with pytest.raises(CvatError):
            await sync_job(client, offline.store, offline.journal, job.id)

        fresh_sandbox.faults.clear()
        assert offline.copy().steps == 3 and offline.copy().document == local  # every edit kept
        outcome = await sync_job(client, offline.store, offline.journal, job.id)
        server = await server_json(client, job)
        assert isinstance(outcome, SyncDone)
        assert [s["points"] for s in server["shapes"]].count([50.0, 50.0, 60.0, 60.0]) == 1
        assert same_objects(server, expected, before, job)
        assert_base_renewed(offline, server)
        offline.close()
