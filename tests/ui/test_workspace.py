"""The annotation workspace through its real window against the sandbox over HTTP: opening a job (jobs tree, its
menu, My jobs), navigation, the objects panel ↔ canvas selection, filters, hide and lock, the status change (refused
for an observer), a failed frame with Retry, playback's frame clock, and a live language switch."""

from __future__ import annotations

from collections.abc import Callable

import msgspec
import pytest
import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annodesk.annotations import track_at
from annodesk.api import CvatClient
from annodesk.controller import AppController
from annodesk.i18n import CHINESE, LanguageManager
from annodesk.models.frame_objects import HIDDEN_COLUMN, KEY_ROLE, LOCKED_COLUMN
from annodesk.sandbox import SandboxServer
from annodesk.session.my_jobs import assigned_jobs
from annodesk.workspace.frame_objects import SHAPE, TAG, TRACK

from .conftest import next_emission, until, wait_for
from .test_job_editing import menu_action, open_job_menu, server_job
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD
from .workspace_helpers import (
    LEFT,
    RECEIPTS,
    SPORTS,
    STREET_ZH,
    admin_task,
    canvas_point,
    drawn_near,
    frame_shown,
    job_annotations,
    open_from_jobs_tree,
    put_receipt_annotations,
)

LINE_COLOR, TOTAL_COLOR = "#24b353", "#ff355e"  # the seed's colours of "text line" and "total"


def test_open_from_jobs_tree_shows_the_frame_its_objects_and_steps(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        task, job_id, saved = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        first, last = task.segments[1].start_frame, task.segments[1].stop_frame
        assert workspace.windowTitle() == f"[*]Job #{job_id} · Receipts OCR · frames {first}–{last}"
        assert workspace.controller.frame == first
        assert workspace.navigation.name_label.text() == f"images/{first:06d}.jpg"

        # the objects panel lists the frame's 6 shapes and its tag, by server id
        panel = workspace.objects_panel
        keys = {panel.proxy.index(row, 0).data(KEY_ROLE) for row in range(panel.proxy.rowCount())}
        assert keys == {(SHAPE, s.id) for s in saved.shapes if s.frame == first} | {(TAG, saved.tags[0].id)}
        assert panel.count_label.text() == "7 objects on this frame"
        assert workspace.tags_panel.model.rowCount() == 1
        assert workspace.tags_panel.model.index(0, 2).data() == "amount: 42"

        # drawn where their points say: the rectangle's left edge in its label's colour, the occluded one too
        assert drawn_near(workspace, 100, 150, LINE_COLOR)
        assert any(drawn_near(workspace, 550, y, TOTAL_COLOR) for y in (630, 650, 670))  # its edge is dashed
        assert not drawn_near(workspace, 10, 35, LINE_COLOR)  # the next frame's rectangle

        # F: the next frame, with its one rectangle; D: back
        QTest.keyClick(workspace, Qt.Key.Key_F)
        await frame_shown(workspace, first + 1)
        assert panel.proxy.rowCount() == 1
        assert workspace.navigation.frame_box.value() == first + 1 == workspace.navigation.slider.value()
        assert drawn_near(workspace, 10, 35, LINE_COLOR)
        QTest.keyClick(workspace, Qt.Key.Key_D)
        await frame_shown(workspace, first)
        # V and C: ± the step, clamped to the job
        workspace.navigation.step_box.setValue(5)
        QTest.keyClick(workspace, Qt.Key.Key_V)
        await frame_shown(workspace, first + 5)
        QTest.keyClick(workspace, Qt.Key.Key_V)
        await frame_shown(workspace, last)
        QTest.keyClick(workspace, Qt.Key.Key_C)
        await frame_shown(workspace, last - 5)
        # the frame box
        workspace.navigation.frame_box.setValue(first + 2)
        await frame_shown(workspace, first + 2)
        assert panel.proxy.rowCount() == 0

        # opening it again (Enter on the tree, then the job's menu) raises the same window
        view = window.details.jobs_view
        view.setFocus()
        view.setCurrentIndex(window.details.jobs_model.job_index(job_id, 0))
        QTest.keyClick(view, Qt.Key.Key_Return)
        menu = open_job_menu(window, job_id)
        menu_action(menu, f"Open job #{job_id}").trigger()
        menu.close()
        assert list(window.workspaces.windows) == [job_id]
        assert window.workspaces.windows[job_id] is workspace and workspace.isVisible()

        # closing remembers geometry and docks; closing the main window closes the workspace
        workspace.close()
        assert window.settings.value("workspace/geometry") is not None
        assert window.workspaces.windows == {}
        await controller.shutdown()

    loop.run_until_complete(body())


def test_selection_filters_hide_and_lock(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        task, job_id, saved = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        ws = workspace.controller
        panel = workspace.objects_panel
        rectangle = next(s for s in saved.shapes if s.type == "rectangle" and s.frame == ws.frame and not s.occluded)
        polygon = next(s for s in saved.shapes if s.type == "polygon")

        # the status bar follows the cursor in image coordinates (blank outside the frame)
        workspace.canvas.cursorMoved.emit(200.6, 150.2)  # what the canvas reports for the mouse over (200, 150)
        assert workspace.cursor_label.text() == "x 200, y 150"
        workspace.canvas.cursorMoved.emit(-5.0, 10.0)
        assert workspace.cursor_label.text() == ""
        # a click on the canvas selects the object there, and its row
        QTest.mouseClick(workspace.canvas, LEFT, pos=canvas_point(workspace, 200, 150))
        assert ws.selected == (SHAPE, rectangle.id)
        assert panel.selected_key() == (SHAPE, rectangle.id)
        # a row picked in the panel selects the object on the canvas
        row = panel.proxy.row_of((SHAPE, polygon.id))
        assert row is not None
        panel.view.selectRow(row)
        assert ws.selected == (SHAPE, polygon.id) and workspace.canvas.selected_id() == ws.drawable_id(ws.selected)
        # a click on empty canvas clears both
        QTest.mouseClick(workspace.canvas, LEFT, pos=canvas_point(workspace, 580, 30))
        assert ws.selected is None and panel.selected_key() is None
        # Tab walks the drawn objects (lowest z-order first), Shift+Tab back
        workspace.canvas.setFocus()
        QTest.keyClick(workspace.canvas, Qt.Key.Key_Tab)
        first_key = ws.selected
        assert first_key is not None and first_key == ws.drawn_objects()[0].key
        assert panel.selected_key() == first_key
        QTest.keyClick(workspace.canvas, Qt.Key.Key_Tab)
        assert ws.selected == ws.drawn_objects()[1].key
        QTest.keyClick(workspace.canvas, Qt.Key.Key_Backtab)
        assert ws.selected == first_key
        # zoom to selection: the selected object fills the view
        ws.select((SHAPE, rectangle.id))
        panel.zoom_button.click()
        assert workspace.canvas.scale() > 1.5

        # filters: by label, by type, by attribute value — in the list and on the canvas
        total = next(label.id for label in task.labels if label.name == "total")
        panel.set_filter(label_id=total)
        assert panel.proxy.rowCount() == 2  # the occluded rectangle and the tag
        assert [o.label_id for o in ws.drawn_objects()] == [total]
        assert ws.selected is None  # the selected rectangle was filtered out
        panel.set_filter(shape_type="polygon")
        assert [panel.proxy.index(r, 0).data(KEY_ROLE) for r in range(panel.proxy.rowCount())] == [(SHAPE, polygon.id)]
        panel.set_filter(attribute_text="ZH")
        assert panel.proxy.rowCount() == 5 and panel.count_label.text() == "5 of 7 objects shown"
        panel.set_filter()
        assert panel.proxy.rowCount() == 7

        # hide: still listed, not drawn; lock: not selectable on the canvas
        model = panel.model
        source_row = model.row_of((SHAPE, rectangle.id))
        assert source_row is not None
        model.setData(model.index(source_row, HIDDEN_COLUMN), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        assert (SHAPE, rectangle.id) in ws.hidden and (SHAPE, rectangle.id) not in {o.key for o in ws.drawn_objects()}
        model.setData(model.index(source_row, HIDDEN_COLUMN), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
        model.setData(model.index(source_row, LOCKED_COLUMN), Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
        workspace.canvas.fit_to_view()
        QTest.mouseClick(workspace.canvas, LEFT, pos=canvas_point(workspace, 200, 150))
        assert ws.selected is None

        # labels panel: per-label counts on this frame; unticking a label hides its objects on the canvas
        labels = workspace.labels_panel.model
        counts = {labels.index(r, 0).data(): labels.index(r, 1).data() for r in range(labels.rowCount())}
        assert counts == {"text line": "5", "total": "2"}
        labels.setData(labels.index(1, 0), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
        assert total not in {o.label_id for o in ws.drawn_objects()}
        await controller.shutdown()

    loop.run_until_complete(body())


def test_status_change_sends_only_the_status(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _task, job_id, _saved = await put_receipt_annotations(fresh_sandbox)
        before = await server_job(fresh_sandbox, job_id)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        info = workspace.job_info
        assert info.status_box.currentData() == "annotation"
        assert info.total_value.text() == "8"
        # someone else reassigns the job meanwhile: a status change must not undo it
        async with CvatClient(fresh_sandbox.base_url) as admin:
            await admin.login("admin", PASSWORD["admin"])
            users = {u.username: u.id for u in await admin.list_users()}
            await admin.update_job(job_id, assignee=users["bob"])
        saved = next_emission(workspace.controller.message)
        info.status_box.activated.emit(info.status_box.findData("validation"))
        assert info.status_box.currentData() == "validation"  # at once
        await wait_for(saved)
        job = await server_job(fresh_sandbox, job_id)
        assert job.status == "validation" and job.assignee_id == users["bob"] != before.assignee_id
        await controller.shutdown()

    loop.run_until_complete(body())


def test_an_observer_may_not_change_the_status_and_is_told_so(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _task, job_id, _saved = await put_receipt_annotations(fresh_sandbox)
        # olga (observer) may open the job but not change it: said plainly, rolled back, nothing sent
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "olga")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        info = workspace.job_info
        refused = next_emission(workspace.controller.message)
        info.status_box.activated.emit(info.status_box.findData("completed"))
        await wait_for(refused)
        assert info.status_box.currentData() == "annotation"
        text = workspace.message_label.text()
        assert text.startswith(f"You may not change the status of job #{job_id}; it stays as it was.")
        assert "403" in text
        assert (await server_job(fresh_sandbox, job_id)).status == "annotation"
        await controller.shutdown()

    loop.run_until_complete(body())


def test_my_jobs_lists_every_assigned_job_and_opens_one(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        async with CvatClient(fresh_sandbox.base_url) as admin:
            await admin.login("admin", PASSWORD["admin"])
            bob = next(u.id for u in await admin.list_users() if u.username == "bob")
            expected = assigned_jobs([t async for t in admin.iter_all_tasks()], bob)
        assert len(expected) >= 5  # the seed gives bob jobs in several tasks
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "bob")
        QTest.keyClick(window, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
        view = window.workspaces.my_jobs_view
        assert view is not None and view.isVisible()
        await wait_for(next_emission(view.loaded))
        model = view.model
        assert [job.job_id for job in model.jobs] == [job.job_id for job in expected]
        assert view.state_label.text() == f"{len(expected)} jobs assigned to you"
        row = 1
        job = model.jobs[row]
        assert model.index(row, 0).data() == f"Job #{job.job_id}"
        assert model.index(row, 1).data() == f"#{job.task_id} {job.task_name}"
        assert model.index(row, 3).data() == f"{job.start_frame}–{job.stop_frame} ({job.frame_count})"
        view.table.setFocus()
        view.table.setCurrentIndex(model.index(row, 0))
        opened = next_emission(window.workspaces.opened)
        QTest.keyClick(view.table, Qt.Key.Key_Return)
        workspace = await wait_for(opened)
        assert workspace.controller.job_id == job.job_id
        await until(lambda: workspace.controller.image is not None)
        assert workspace.windowTitle().startswith(f"[*]Job #{job.job_id} · {job.task_name}")
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_failed_chunk_says_why_on_the_canvas_and_retry_brings_it(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        # 城市街景 (1920×1080 images: chunks of 36); its first job holds frames 0–39, across chunks 0 and 1
        fresh_sandbox.faults.add("500", path=r"/data$", query="type=chunk.*number=1|number=1.*type=chunk")
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "zhangwei")
        task = await admin_task(fresh_sandbox, STREET_ZH)
        job_id = task.jobs[0].id
        workspace = await open_from_jobs_tree(window, STREET_ZH, "城市街景", job_id)
        ws = workspace.controller
        assert (ws.first_frame, ws.last_frame) == (0, 39)
        failed = next_emission(ws.imageFailed)
        workspace.navigation.frame_box.setValue(37)
        await wait_for(failed)
        notice = workspace.notice
        assert notice.isVisible()
        assert notice.text.text().startswith("Frame 37 could not be loaded")
        assert "500" in notice.text.text()
        # no freeze: the window answers, and frames of the chunk that did come still show
        workspace.activateWindow()  # window shortcuts go to the active window (other tests' windows may linger)
        await until(workspace.isActiveWindow)
        QTest.keyClick(workspace, Qt.Key.Key_C)  # back by the step (10)
        await frame_shown(workspace, 27)
        assert not notice.isVisible()
        failed = next_emission(ws.imageFailed)
        workspace.navigation.frame_box.setValue(36)
        await wait_for(failed, 30)  # a loaded machine: the chunk is asked for again, and refused again
        assert notice.isVisible()
        fresh_sandbox.faults.clear()
        notice.retry_button.click()
        await frame_shown(workspace, 36)
        assert not notice.isVisible()
        assert ws.image_size.width() == 1920 and ws.image_size.height() == 1080
        QTest.keyClick(workspace, Qt.Key.Key_D)  # back across the chunk edge (35: chunk 0) and forth (36: chunk 1)
        await frame_shown(workspace, 35)
        QTest.keyClick(workspace, Qt.Key.Key_F)
        await frame_shown(workspace, 36)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_video_job_steps_across_chunks_and_draws_its_tracks(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        task = await admin_task(fresh_sandbox, SPORTS)
        job_id = task.jobs[0].id  # demo's, frames 0–49 of a 1280×720 video in MP4 chunks of 36 frames
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, SPORTS, "Sports: basketball players", job_id)
        ws = workspace.controller
        assert task.data_compressed_chunk_type == "video"
        assert workspace.navigation.name_label.text() == "video/game.mp4"
        workspace.navigation.frame_box.setValue(35)
        await frame_shown(workspace, 35)
        QTest.keyClick(workspace, Qt.Key.Key_F)  # into the second chunk
        await frame_shown(workspace, 36)
        assert (ws.image_size.width(), ws.image_size.height()) == (1280, 720)
        tracks = [obj for obj in ws.objects if obj.kind == TRACK]
        assert {obj.type for obj in tracks} >= {"rectangle", "polygon", "polyline", "points", "cuboid"}
        # each track is drawn where the annotations domain puts it on this frame
        labels = msgspec.to_builtins(list(task.labels))
        data = await job_annotations(fresh_sandbox, job_id)
        for obj in tracks:
            track = next(t for t in data["tracks"] if t["id"] == obj.server_id)
            state = track_at(track, 36, labels)
            assert list(obj.points) == pytest.approx(
                list(state.points if hasattr(state, "points") else state["points"])
            )
        rectangle = next(obj for obj in tracks if obj.type == "rectangle" and not obj.outside)
        x1, y1, _x2, y2 = rectangle.points
        assert drawn_near(workspace, x1, (y1 + y2) / 2, rectangle.color)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_playback_follows_a_frame_clock_and_counts_shown_and_dropped_frames(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _task, job_id, _saved = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        ws = workspace.controller
        workspace.navigation.fps_box.setValue(100)
        stopped = next_emission(ws.playingChanged)
        QTest.keyClick(workspace, Qt.Key.Key_Space)
        assert ws.clock.running and workspace.navigation.play_action.isChecked()
        await wait_for(stopped)  # started…
        await until(lambda: not ws.clock.running, 20)  # …and stopped at the job's last frame
        assert ws.frame == ws.last_frame
        clock = ws.clock
        frames = ws.last_frame - ws.first_frame
        assert clock.shown_count + clock.dropped_count == frames + 1  # every frame of the job: shown or dropped
        assert clock.shown_count >= 2  # the first (on screen at the start) and the last (the clock waits for it)
        text = workspace.navigation.stats_label.text()
        assert text == f"shown {clock.shown_count}, dropped {clock.dropped_count}"
        assert not workspace.navigation.play_action.isChecked()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_the_workspace_switches_language_live(
    loop: qasync.QEventLoop,
    fresh_sandbox: SandboxServer,
    make_controller: Callable[..., AppController],
    languages: LanguageManager,
) -> None:
    async def body() -> None:
        _task, job_id, _saved = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        english = (workspace.docks["objects"].windowTitle(), workspace.objects_panel.count_label.text())
        languages.set_choice(CHINESE)
        await until(lambda: workspace.docks["objects"].windowTitle() != english[0])
        assert workspace.objects_panel.count_label.text() != english[1]
        assert workspace.controller.frame == workspace.controller.first_frame  # nothing reloaded or moved
        await controller.shutdown()

    loop.run_until_complete(body())


def test_colour_by_group_and_instance_and_image_adjustments(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        _task, job_id, _saved = await put_receipt_annotations(fresh_sandbox)
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        workspace = await open_from_jobs_tree(window, RECEIPTS, "Receipts OCR", job_id)
        canvas = workspace.canvas
        by_label = {d.id: d.color for d in canvas.drawables()}
        assert set(by_label.values()) == {LINE_COLOR, TOTAL_COLOR}
        workspace.color_actions["group"].trigger()  # no groups here: CVAT's grey for all
        assert {d.color for d in canvas.drawables()} == {"#E0E0E0"}
        workspace.color_actions["instance"].trigger()  # one palette colour per object
        assert len({d.color for d in canvas.drawables()}) == len(by_label)
        assert drawn_near(
            workspace,
            100,
            150,
            next(d.color for d in canvas.drawables() if d.kind == "rectangle" and d.bounds()[0] == 100),
        )
        workspace.color_actions["label"].trigger()
        assert {d.id: d.color for d in canvas.drawables()} == by_label
        # brightness: the frame is drawn brighter
        panel = workspace.image_panel
        panel.sliders["brightness"].setValue(150)
        assert canvas.adjustments().brightness == 1.5
        panel.reset_button.click()
        assert canvas.adjustments().brightness == 1.0
        workspace.actual_size_action.trigger()
        assert canvas.scale() == 1.0
        # original quality: the frame again, as uploaded (type=frame&quality=original)
        ws = workspace.controller
        compressed = ws.image
        workspace.original_action.trigger()
        await frame_shown(workspace, ws.first_frame)
        assert ws.original_quality and ws.image is not compressed and ws.source is not None
        assert (ws.first_frame, "original") in ws.source.decoded
        await controller.shutdown()

    loop.run_until_complete(body())
