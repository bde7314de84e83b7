"""The workspace on a checked-out job with no network (issue 16), through the real app against the sandbox over HTTP:
a checked-out job reads its frames from the checkout store (online too: no chunk is downloaded), opens from the
store when the server cannot be reached or the app started offline (its offline edits back without a prompt), says
"Offline — changes are kept on this computer", keeps Ctrl+S's edits for the sync, and syncs by a save once the
server answers again — merging another user's changes, or offering the conflicts (``open_job(sync=True)``)."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import httpx
import msgspec
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annodesk.api.models import Job
from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer
from annodesk.session.checkout import check_out
from annodesk.session.checkout_store import CheckoutStore
from annodesk.ui.main_window import MainWindow
from annodesk.ui.workspace.offline_banner import OFFLINE, RECONNECTED
from annodesk.ui.workspace.save_actions import CONFLICTS
from annodesk.ui.workspace.save_actions import OFFLINE as SAVE_OFFLINE
from annodesk.ui.workspace.window import WorkspaceWindow
from annodesk.workspace.drawables import ShapeKind
from annodesk.workspace.offline import CheckoutChunks

from .conftest import next_emission, until, wait_for
from .test_session import sign_in_through_dialog
from .workspace_helpers import RECEIPTS, drawn_near, job_annotations, open_from_jobs_tree, put_receipt_annotations
from .workspace_tools_helpers import choose_tool, drag_at, flat_at

OFFLINE_WORDS = "Offline — changes are kept on this computer"


def ctrl_s(workspace: WorkspaceWindow) -> None:
    QTest.keyClick(workspace, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)


def store_of(window: MainWindow) -> CheckoutStore:
    store = window.workspaces.store
    assert store is not None
    return store


def chunk_requests(window: MainWindow) -> list[int]:
    """The chunk numbers the app's client asks the server for from now on."""
    numbers: list[int] = []

    async def hook(response: httpx.Response) -> None:
        if response.request.url.params.get("type") == "chunk":
            numbers.append(int(response.request.url.params["number"]))

    window.workspaces.tasks.repository.client.add_response_hook(hook)
    return numbers


async def set_refusing(server: SandboxServer, refuse: bool) -> None:
    """The server stops listening (connections refused), or listens again on its port."""
    if refuse:
        await asyncio.to_thread(server.faults.add, "refuse")
    else:
        await asyncio.to_thread(server.faults.clear)


async def as_admin(server: SandboxServer, job_id: int, action: str, body: dict[str, Any]) -> None:
    """Another user's edit of the job through the API."""
    from annodesk.api import CvatClient

    from .test_sign_in import PASSWORD

    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        await client.patch_job_annotations_json(job_id, action, body)


def shape_body(document: dict[str, Any], shapes: list[dict[str, Any]]) -> dict[str, Any]:
    body = {"version": document["version"], "tags": [], "shapes": shapes, "tracks": []}
    return dict(msgspec.json.decode(msgspec.json.encode(body)))


def server_points(document: dict[str, Any]) -> dict[int, list[float]]:
    return {shape["id"]: list(shape["points"]) for shape in document["shapes"]}


async def opened(window: MainWindow, job_id: int, **options: Any) -> WorkspaceWindow:
    shown = next_emission(window.workspaces.opened)
    window.workspaces.open_job(job_id, RECEIPTS, **options)
    workspace: WorkspaceWindow = await wait_for(shown)
    await until(lambda: workspace.controller.image is not None, 30)
    return workspace


def test_a_checked_out_job_is_worked_offline_and_synced_when_the_server_answers_again(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _, job_id, saved = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        client = window.workspaces.tasks.repository.client
        store = store_of(window)
        checked = (await check_out(client, store, job_id)).checkout

        # online, a checked-out job's frames come from the store: nothing is downloaded
        requested = chunk_requests(window)
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        source = workspace.controller.source
        assert source is not None and isinstance(source.chunk_cache, CheckoutChunks)
        assert source.chunk_cache.store_reads >= 1 and requested == []
        assert not workspace.offline_banner.isVisible()
        online_image = workspace.controller.image
        assert online_image is not None
        online_image = online_image.copy()
        workspace.close()

        # the server goes away: the job opens from the store, its frames drawn, the bar says so
        await set_refusing(fresh_sandbox, True)
        tasks = window.workspaces.tasks
        workspace = await opened(window, job_id)
        ws = workspace.controller
        assert ws.offline and ws.checkout is not None and ws.image == online_image
        rectangle = next(obj for obj in ws.objects if obj.type == "rectangle" and obj.kind == "shape")
        x1, y1, x2, _ = rectangle.points
        assert drawn_near(workspace, (x1 + x2) / 2, y1, rectangle.color)  # objects drawn over the stored frame
        banner = workspace.offline_banner
        assert banner.isVisible() and banner.state == OFFLINE and banner.head.text() == OFFLINE_WORDS
        assert workspace.windowTitle().endswith(" (offline)")
        await until(lambda: not tasks.online)  # the network failure made the task view look, and it is offline

        # every edit goes to the journal
        editor = ws.editor
        assert editor is not None
        assert editor.move(rectangle.key, 10, 20)
        polygon = editor.create("polygon", [50, 50, 150, 60, 100, 150], label_id=rectangle.label_id)
        assert polygon is not None
        doomed = next(obj for obj in ws.objects if obj.type == "polyline")
        assert editor.delete(doomed.key)
        choose_tool(workspace, ShapeKind.RECTANGLE)  # a tool of the palette, drawn with the mouse on the canvas
        drag_at(workspace, (60, 600), (200, 700))
        drawn = ws.object(ws.selected)
        assert drawn is not None and drawn.type == "rectangle" and drawn.key != rectangle.key
        drawn_points = list(drawn.points)
        assert drawn_points == pytest.approx(flat_at(workspace, [(60, 600), (200, 700)]))
        assert editor.flush_journal(10)
        journal = window.workspaces.journal()
        pending = journal.pending(job_id)
        assert pending is not None and pending.steps == 4 and pending.version == saved.version

        # Ctrl+S offline: nothing is tried, the edits are kept here for the sync
        actions = workspace.save_actions
        ctrl_s(workspace)
        assert actions.state == SAVE_OFFLINE and ws.saving is not None and not ws.saving.running
        assert "kept on this computer and will be synced" in actions.state_label.text()
        assert workspace.isWindowModified()

        # meanwhile another user adds a shape; the server answers again: the bar says so, and a save syncs
        await set_refusing(fresh_sandbox, False)
        document = await job_annotations(fresh_sandbox, job_id)
        theirs = {"type": "rectangle", "frame": ws.frame, "label_id": rectangle.label_id, "group": 0,
                  "source": "manual", "occluded": False, "z_order": 0, "attributes": [],
                  "points": [400.0, 800.0, 500.0, 900.0]}  # fmt: skip
        await as_admin(fresh_sandbox, job_id, "create", shape_body(document, [theirs]))
        tasks.retry_now()
        await until(lambda: not ws.offline, 30)
        assert banner.state == RECONNECTED and banner.head.text() == "Connected again"
        assert not workspace.windowTitle().endswith(" (offline)") and actions.state_label.text() == ""
        done = next_emission(ws.saving.saved)
        ctrl_s(workspace)
        outcome = await wait_for(done, 30)
        assert outcome.merged and (outcome.created, outcome.updated, outcome.deleted) == (2, 1, 1)
        assert not banner.isVisible() and not workspace.isWindowModified()

        on_server = await job_annotations(fresh_sandbox, job_id)
        points = server_points(on_server)
        assert points[rectangle.key[1]] == [p + (10 if i % 2 == 0 else 20) for i, p in enumerate(rectangle.points)]
        assert [50.0, 50.0, 150.0, 60.0, 100.0, 150.0] in points.values()
        assert [400.0, 800.0, 500.0, 900.0] in points.values()
        assert drawn_points in points.values()
        assert doomed.key[1] not in points
        # the base is renewed: the journal's first, the store's after it
        assert editor.flush_journal(10)
        base = journal.base(job_id)
        assert base is not None and base[0] == on_server["version"] == outcome.version
        checkout = store.checkout(client.server_url, job_id)
        assert checkout is not None and checkout.base_version == on_server["version"]
        stored = msgspec.json.decode(checkout.base)
        assert sorted(map(tuple, server_points(stored).values())) == sorted(map(tuple, points.values()))
        assert all("client_id" not in shape for shape in stored["shapes"])
        assert checkout.job == checked.job and checkout.task == checked.task  # opened from the store: kept
        workspace.close()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_started_offline_a_checked_out_job_opens_with_its_offline_edits_and_a_sync_offers_the_conflicts(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        task, job_id, saved = await put_receipt_annotations(fresh_sandbox)
        first = make_controller()
        window = await sign_in_through_dialog(first, fresh_sandbox, "demo")
        await check_out(window.workspaces.tasks.repository.client, store_of(window), job_id)
        rectangle = next(shape for shape in saved.shapes if shape.type == "rectangle")
        await set_refusing(fresh_sandbox, True)
        workspace = await opened(window, job_id)
        ws = workspace.controller
        assert ws.offline and ws.editor is not None
        key = next(obj.key for obj in ws.objects if obj.key[1] == rectangle.id)
        assert ws.editor.move(key, 5, 5)
        assert ws.editor.flush_journal(10)
        assert workspace.close()  # offline: no question, the journal keeps the edit
        await first.shutdown()

        # the app starts with no network: the task view from its cache, the job from the store
        second = make_controller()
        shown = next_emission(second.mainWindowShown)
        await second.start()
        window = await wait_for(shown)
        await until(lambda: not window.workspaces.tasks.online, 30)
        requested = chunk_requests(window)
        workspace = await opened(window, job_id)
        ws = workspace.controller
        editor = ws.editor
        assert ws.offline and editor is not None and editor.is_dirty() and workspace.isWindowModified()
        assert workspace.restore_prompt.box is None  # offline work is taken back without asking
        assert ws.object(key) is not None
        assert ws.object(key).points == tuple(p + 5 for p in rectangle.points)  # type: ignore[union-attr]
        assert "1 change made offline is back" in workspace.message_label.text()
        assert workspace.offline_banner.isVisible() and requested == []
        assert workspace.close()
        # a job that is not checked out cannot be opened offline: said plainly
        other = task.jobs[0].id
        shown = next_emission(window.workspaces.opened)
        window.workspaces.open_job(other, RECEIPTS)
        elsewhere = await wait_for(shown)
        await until(lambda: elsewhere.notice.isVisible(), 30)
        assert elsewhere.notice.text.text().startswith(
            f"Job #{other} could not be opened; to work on it with no network, take it offline first."
        )
        assert elsewhere.controller.checkout is None and not elsewhere.offline_banner.isVisible()
        assert elsewhere.close()

        # back online, another user moved the same rectangle: the sync opens the job and offers the conflict
        await set_refusing(fresh_sandbox, False)
        document = await job_annotations(fresh_sandbox, job_id)
        moved = next(shape for shape in document["shapes"] if shape["id"] == rectangle.id)
        await as_admin(fresh_sandbox, job_id, "update", shape_body(document, [{**moved, "points": [1, 2, 30, 40]}]))
        window.workspaces.tasks.retry_now()
        await until(lambda: window.workspaces.tasks.online, 30)
        shown = next_emission(window.workspaces.opened)
        window.workspaces.open_job(job_id, RECEIPTS, sync=True)
        workspace = await wait_for(shown)
        actions = workspace.save_actions
        await until(lambda: actions.state == CONFLICTS, 30)
        view = actions.conflict_view
        assert view is not None and view.isVisible() and len(view.conflicts) == 1
        assert not workspace.controller.offline and not workspace.offline_banner.isVisible()
        saving = workspace.controller.saving
        assert saving is not None
        done = next_emission(saving.saved)
        QTest.mouseClick(view.keep_mine_button, Qt.MouseButton.LeftButton)
        QTest.mouseClick(view.save_button, Qt.MouseButton.LeftButton)
        await wait_for(done, 30)
        on_server = await job_annotations(fresh_sandbox, job_id)
        assert server_points(on_server)[rectangle.id] == [p + 5 for p in rectangle.points]
        server_url = window.workspaces.tasks.repository.client.server_url

        def stored_version() -> int | None:
            checkout = store_of(window).checkout(server_url, job_id)
            return checkout.base_version if checkout is not None else None

        await until(lambda: stored_version() == on_server["version"])
        checkout = store_of(window).checkout(server_url, job_id)
        assert checkout is not None  # opened from the server: its job and task as read now are stored with the base
        assert msgspec.json.decode(checkout.job, type=Job) == workspace.controller.job
        # asked again for the open window: raised and synced once more (nothing left to send)
        again = next_emission(saving.saved)
        assert window.workspaces.open_job(job_id, RECEIPTS, sync=True) is workspace
        assert not (await wait_for(again, 30)).sent
        workspace.close()
        await second.shutdown()

    loop.run_until_complete(body())


def test_a_save_that_cannot_reach_the_server_keeps_a_checked_out_jobs_edits_for_the_sync(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _, job_id, _ = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        await check_out(window.workspaces.tasks.repository.client, store_of(window), job_id)
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        ws, actions = workspace.controller, workspace.save_actions
        assert not ws.offline and ws.editor is not None and ws.saving is not None
        rectangle = next(obj for obj in ws.objects if obj.type == "rectangle")
        assert ws.editor.move(rectangle.key, 3, 3)

        await set_refusing(fresh_sandbox, True)
        failed = next_emission(ws.saving.failed)
        ctrl_s(workspace)
        await wait_for(failed, 30)
        assert ws.offline and actions.state == SAVE_OFFLINE and workspace.offline_banner.state == OFFLINE
        assert "kept on this computer" in actions.state_label.text()
        await until(lambda: not window.workspaces.tasks.online, 30)  # the task view was told to look
        assert ws.editor.flush_journal(10)
        assert workspace.close()  # offline: no question, the journal keeps the edit for the sync
        pending = window.workspaces.journal().pending(job_id)
        assert pending is not None and pending.steps == 1
        await set_refusing(fresh_sandbox, False)
        await controller.shutdown()

    loop.run_until_complete(body())
