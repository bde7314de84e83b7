"""Syncing from the offline jobs' controller, against the sandbox over real HTTP: offline edits merged with another
user's reach the server and the row is in sync again; conflicts open the job's window (``open_job(..., sync=True)``)
and are left for the user on reconnect; a reassigned job and a deleted task are said in plain sentences, nothing
local thrown away; "sync when the connection comes back"."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog

from annodesk.annotations import Annotations
from annodesk.annotations.history import EditStep
from annodesk.i18n import live
from annodesk.models.offline_jobs import changes_text, impossible_text
from annodesk.sandbox import SandboxServer
from annodesk.session.sync import REASSIGNED, SyncConflicts, SyncDone, SyncImpossible, local_copy
from annodesk.settings import Settings
from annodesk.tasks.offline import CHANGED_HERE, CONFLICTS, IN_SYNC, UNAVAILABLE, OfflineJobsController
from annodesk.ui.offline_jobs import OfflineJobsWindow

from ..api.helpers import sign_in
from ..sandbox.annotation_helpers import Job, body, rectangle
from ..sandbox.save_support import moved, new_rectangle
from ..session.sync_support import seeded_job
from .conftest import next_emission, until, wait_for
from .offline_support import Setup, offline_setup, record


@pytest.fixture
def job(fresh_sandbox: SandboxServer, tmp_path: Path) -> Job:
    return seeded_job(fresh_sandbox, tmp_path / "media")


def edit(setup: Setup, job: Job, change: str = "move") -> Annotations:
    """One offline edit of ``job``, journaled as the workspace does: a shape moved, or a rectangle drawn."""
    journal = setup.journal()
    copy = local_copy(setup.store, journal, setup.server, job.id)
    assert copy is not None
    if journal.base(job.id) is None:
        journal.begin(job.id, copy.base_version, copy.base)
    if change == "move":
        after = moved(copy.document, ("shapes", copy.document.shapes[0].id))
    else:
        after, _ = new_rectangle(job, copy.document, [50.0, 50.0, 60.0, 60.0])
    journal.append(job.id, EditStep(change, 0, copy.document, after))
    return after


async def taken_offline(controller: OfflineJobsController, job: Job) -> None:
    took = next_emission(controller.tookOffline)
    controller.take_offline([job.id])
    assert await wait_for(took) == (job.id, True)
    await until(lambda: not controller.taking_offline)


async def synced(controller: OfflineJobsController, job: Job) -> object:
    done = next_emission(controller.synced)
    controller.sync([job.id])
    job_id, outcome = await wait_for(done, 30)
    assert job_id == job.id
    await until(lambda: not controller.sync_running)
    return outcome


async def test_offline_edits_sync_and_the_row_is_in_sync_again(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    async with offline_setup(fresh_sandbox, tmp_path, "demo") as setup:
        controller = setup.controller
        await taken_offline(controller, job)
        edit(setup, job, "draw")
        other = await sign_in(fresh_sandbox, "alice")
        async with other:
            await other.patch_job_annotations_json(job.id, "create", body(shapes=[rectangle(job, [1, 1, 2, 2], 1)]))
            controller.refresh()
            await until(lambda: (row := controller.job(job.id)) is not None and row.checked and row.local_changes == 1)
            row = controller.job(job.id)
            assert row is not None and row.local_changes == 1 and row.state == CHANGED_HERE  # merges cleanly

            outcome = await synced(controller, job)
            server = await other.get_job_annotations_json(job.id)

        assert isinstance(outcome, SyncDone) and outcome.created == 1 and outcome.merged
        assert len(server["shapes"]) == 5  # three seeded, Alice's, the one drawn offline
        row = controller.job(job.id)
        assert row is not None and row.local_changes == 0 and row.state == IN_SYNC
        assert row.base_version == server["version"] == outcome.version
        assert f"Job #{job.id} synced: 1 created, 0 changed, 0 deleted" in live(controller.last_message)


async def test_conflicts_open_the_job_to_resolve_them_and_wait_on_reconnect(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    async with offline_setup(fresh_sandbox, tmp_path, "demo") as setup:
        controller = setup.controller
        await taken_offline(controller, job)
        edit(setup, job, "move")
        other = await sign_in(fresh_sandbox, "alice")
        async with other:
            theirs = await other.get_job_annotations_json(job.id)
            first = next(shape for shape in theirs["shapes"] if shape["id"] == min(s["id"] for s in theirs["shapes"]))
            await other.patch_job_annotations_json(
                job.id, "update", body(shapes=[{**first, "points": [p + 7 for p in first["points"]]}])
            )
            before = await other.get_job_annotations_json(job.id)
            opened = record(controller.openRequested)

            outcome = await synced(controller, job)

            assert isinstance(outcome, SyncConflicts) and outcome.result.conflicts
            assert opened == [(job.id, job.task_id, True)]  # the window opens and saves: the conflict view
            assert await other.get_job_annotations_json(job.id) == before  # nothing sent
            row = controller.job(job.id)
            assert row is not None and row.state == CONFLICTS and row.conflicts == len(outcome.result.conflicts)
            assert row.local_changes == 1
            assert "with the server's; resolve " in live(controller.last_message)

            # on reconnect (chosen in the settings) the conflicting job is not opened: it waits for the user
            Settings(setup.settings).offline_sync_on_reconnect = True
            fresh_sandbox.stop()
            setup.tasks.refresh()
            await until(lambda: not setup.tasks.online)
            fresh_sandbox.start()
            again = next_emission(controller.synced)
            setup.tasks.retry_now()
            job_id, outcome = await wait_for(again, 30)
            assert job_id == job.id and isinstance(outcome, SyncConflicts)
            await until(lambda: not controller.sync_running)
            assert opened == [(job.id, job.task_id, True)]
            assert "open it to resolve" in live(controller.last_message)
            assert await other.get_job_annotations_json(job.id) == before


async def test_sync_on_reconnect_sends_the_jobs_changed_here(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path
) -> None:
    async with offline_setup(fresh_sandbox, tmp_path, "demo") as setup:
        controller = setup.controller
        await taken_offline(controller, job)
        fresh_sandbox.stop()
        setup.tasks.refresh()
        await until(lambda: not setup.tasks.online)
        edit(setup, job, "draw")  # made while the server is gone

        # not chosen: nothing is sent when the server answers again
        fresh_sandbox.start()
        setup.tasks.retry_now()
        await until(lambda: setup.tasks.online)
        controller.refresh()
        await until(lambda: (row := controller.job(job.id)) is not None and row.checked and row.local_changes == 1)
        assert not controller.sync_running and controller.job(job.id).local_changes == 1  # type: ignore[union-attr]

        Settings(setup.settings).offline_sync_on_reconnect = True
        fresh_sandbox.stop()
        setup.tasks.refresh()
        await until(lambda: not setup.tasks.online)
        fresh_sandbox.start()
        done = next_emission(controller.synced)
        setup.tasks.retry_now()
        job_id, outcome = await wait_for(done, 30)
        assert job_id == job.id and isinstance(outcome, SyncDone) and outcome.created == 1
        await until(lambda: not controller.sync_running)
        assert controller.job(job.id).local_changes == 0  # type: ignore[union-attr]


async def test_a_reassigned_job_and_a_deleted_task_are_said_plainly_and_nothing_is_lost(
    fresh_sandbox: SandboxServer, job: Job, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with offline_setup(fresh_sandbox, tmp_path, "demo") as setup:
        controller = setup.controller
        view = OfflineJobsWindow(controller, setup.settings)
        view.show_and_refresh()
        await taken_offline(controller, job)
        admin = await sign_in(fresh_sandbox, "admin")
        async with admin:
            users = {user.username: user.id for user in await admin.list_users()}
            await admin.update_job(job.id, assignee=users["bob"])
            edit(setup, job, "draw")
            outcome = await synced(controller, job)
            assert isinstance(outcome, SyncDone) and [change.kind for change in outcome.changes] == [REASSIGNED]
            text = changes_text(job.id, outcome.changes)
            assert text.startswith(f"Job #{job.id} changed on the server while it was out:") and "bob" in text
            assert view.notice_frame.isVisible() and view.notice_label.text() == text  # said in the window
            assert not view.notice_export_button.isVisible()  # synced: nothing to export

            edit(setup, job, "move")
            await admin.delete_task(job.task_id)
            outcome = await synced(controller, job)

        assert isinstance(outcome, SyncImpossible)
        text = impossible_text(job.id, outcome)
        assert f"Job #{job.id} can no longer be synced." in text and "was deleted on the server" in text
        assert "export them to a file" in text
        row = controller.job(job.id)
        assert row is not None and row.state == UNAVAILABLE and row.local_changes == 1  # the edit is kept
        assert setup.journal().pending(job.id) is not None

        # the window says it, with Export…: the edits as edited here, to a file CVAT imports
        assert view.notice_frame.isVisible() and view.notice_label.text() == text
        assert view.notice_export_button.isVisible()
        target = tmp_path / "kept" / f"job-{job.id}.xml"
        target.parent.mkdir()
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_args: (str(target), ""))
        exported = next_emission(controller.exported)
        view.notice_export_button.click()
        assert await wait_for(exported) == (job.id, target)
        xml = target.read_text(encoding="utf-8")
        document = setup.journal().pending(job.id).document  # type: ignore[union-attr]
        assert xml.split("<track")[0].count("<box ") == len(document.shapes) and xml.count("<track ") == 1
        assert f"Job #{job.id} as edited here was saved to" in live(controller.last_message)
        view.close()
