"""Editing jobs from the jobs tree against the sandbox: inline and from the job's menu, refusals rolled back,
network failures kept for retry, offline read-only; the server's state checked through the client library."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import qasync
from PySide6.QtCore import QEvent, QModelIndex, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QComboBox, QMenu, QWidget

from annodesk.api import CvatClient, Job, Task, User
from annodesk.controller import AppController
from annodesk.models.job_editing import (
    ASSIGNEE_COLUMN,
    EDIT_STATE_ROLE,
    JOB_ID_ROLE,
    SAVING,
    STATUS_COLUMN,
    UNSAVED,
    EditableJobTreeModel,
)
from annodesk.models.task_table import COLUMNS
from annodesk.models.vocabulary import display_status
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow

from .conftest import next_emission, until, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD

RECEIPTS = 12  # "Receipts OCR": owner demo, assignee alice; jobs (alice, completed), (demo, annotation)
DRONE = 6  # "Drone footage — harbour": owner demo, assignee demo; jobs (demo, a), (bob, v), (nobody, a), (demo, a)
STATUS_KEY = next(i for i, c in enumerate(COLUMNS) if c.key == "status")


async def server_task(server: SandboxServer, task_id: int, username: str = "admin") -> Task:
    async with CvatClient(server.base_url) as client:
        await client.login(username, PASSWORD[username])
        return await client.get_task(task_id)


async def server_job(server: SandboxServer, job_id: int) -> Job:
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        return await client.get_job(job_id)


async def server_users(server: SandboxServer) -> dict[str, User]:
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        return {user.username: user for user in await client.list_users()}


async def open_task(window: MainWindow, task_id: int, name: str) -> Task:
    """Find the task by its name (the server's search), select it, wait for its details; show the jobs tab."""
    if window.model.row_of(task_id) is None:
        shown = next_emission(window.pageShown)
        window.search.setText(name)
        await wait_for(shown)
    row = window.model.row_of(task_id)
    assert row is not None, [t.name for t in window.model.tasks]
    if window.table.selected_task() is None or window.table.selected_task().id != task_id:  # type: ignore[union-attr]
        detailed = next_emission(window.detailsShown)
        window.table.selectRow(row)
        await wait_for(detailed)
    window.details.tabs.setCurrentWidget(window.details.jobs_page)
    window.show()
    task = window.details.task
    assert task is not None and task.id == task_id
    return task


def jobs_model(window: MainWindow) -> EditableJobTreeModel:
    model = window.details.jobs_model
    assert isinstance(model, EditableJobTreeModel)
    return model


def job_row(window: MainWindow, job_id: int) -> dict[str, Any]:
    """What the tree shows for a job: texts, raw values and edit state."""
    model = jobs_model(window)
    index = model.job_index(job_id)
    assert index.isValid()
    cells = [model.index(index.row(), column, index.parent()) for column in range(model.columnCount())]
    return {
        "title": cells[0].data(),
        "status": cells[STATUS_COLUMN].data(),
        "raw_status": cells[STATUS_COLUMN].data(Qt.ItemDataRole.EditRole),
        "assignee": cells[ASSIGNEE_COLUMN].data(),
        "assignee_id": cells[ASSIGNEE_COLUMN].data(Qt.ItemDataRole.EditRole),
        "state": cells[0].data(EDIT_STATE_ROLE),
        "editable": bool(model.flags(cells[STATUS_COLUMN]) & Qt.ItemFlag.ItemIsEditable),
        "tooltip": cells[STATUS_COLUMN].data(Qt.ItemDataRole.ToolTipRole),
    }


def double_click(widget: QWidget, position: QPoint) -> None:
    """Press, release, then the double-click event Qt makes of a second press (QTest.mouseDClick alone does not
    produce one for a widget that was never clicked)."""
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, pos=position)
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, pos=position)
    event = QMouseEvent(
        QEvent.Type.MouseButtonDblClick,
        QPointF(position),
        QPointF(widget.mapToGlobal(position)),
        Qt.MouseButton.LeftButton,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


async def editor(window: MainWindow) -> QComboBox:
    """The open editor, once its list of choices has popped up."""
    editors = [w for w in window.details.jobs_view.viewport().findChildren(QComboBox) if w.isVisible()]
    assert len(editors) == 1, editors
    await until(lambda: editors[0].view().isVisible())
    return editors[0]


def pick(combo: QComboBox, data: Any) -> None:
    """Move to the item with ``data`` in the open list and press Enter there, as a keyboard user does."""
    target = combo.findData(data)
    assert target >= 0, data
    steps = target - combo.view().currentIndex().row()
    for _ in range(abs(steps)):
        QTest.keyClick(combo.view(), Qt.Key.Key_Down if steps > 0 else Qt.Key.Key_Up)
    QTest.keyClick(combo.view(), Qt.Key.Key_Return)


def menu_action(menu: QMenu, *path: str) -> Any:
    """The action reached through ``path`` (menu titles, then the item), texts compared without ``&``."""
    for step, text in enumerate(path):
        action = next((a for a in menu.actions() if a.text().replace("&", "") == text), None)
        assert action is not None, (text, [a.text() for a in menu.actions()])
        if step == len(path) - 1:
            return action
        submenu = action.menu()
        assert isinstance(submenu, QMenu)
        menu = submenu
    raise AssertionError(path)


def open_job_menu(window: MainWindow, job_id: int) -> QMenu:
    """Right-click the job's row, as a user would; the menu pops up."""
    view = window.details.jobs_view
    index = jobs_model(window).job_index(job_id)
    view.scrollTo(index)
    position = view.visualRect(index).center()
    view.customContextMenuRequested.emit(position)
    menu = window.job_editing.menu
    assert menu is not None and menu.isVisible()
    return menu


def task_status_in_table(window: MainWindow, task_id: int) -> str:
    row = window.model.row_of(task_id)
    assert row is not None
    return window.model.index(row, STATUS_KEY).data()


def test_status_inline_and_assignee_from_the_menu_reach_the_server(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")  # owner of Receipts OCR
        await until(lambda: bool(window.controller.users))
        task = await open_task(window, RECEIPTS, "Receipts OCR")
        assert task.status == "annotation" and window.details.values["status"].text() == "annotation"
        first, second = (job.id for job in task.jobs)
        assert job_row(window, second)["raw_status"] == "annotation" and job_row(window, second)["editable"]

        # F2 on the status cell, Down, Enter: the combo offers the three statuses, shown translated
        view = window.details.jobs_view
        view.setFocus()
        view.setCurrentIndex(jobs_model(window).job_index(second, STATUS_COLUMN))
        QTest.keyClick(view, Qt.Key.Key_F2)
        combo = await editor(window)
        assert [combo.itemData(i) for i in range(combo.count())] == ["annotation", "validation", "completed"]
        assert combo.currentData() == "annotation"
        settled = next_emission(window.job_editing.editSettled)
        saved = next_emission(window.job_editing.jobSaved)
        pick(combo, "validation")
        shown = job_row(window, second)  # at once, before the server answered
        assert shown["raw_status"] == "validation" and shown["state"] == SAVING
        assert shown["title"] == f"Job #{second} (saving…)" and not shown["editable"]
        assert window.message_label.text() == f"Saving job #{second}…"
        assert await wait_for(settled) == second
        await wait_for(saved)
        assert (await server_job(fresh_sandbox, second)).status == "validation"
        fresh = await server_task(fresh_sandbox, RECEIPTS)
        assert fresh.status == "validation"  # completed + validation: the server recomputed it
        row = job_row(window, second)
        assert row["state"] is None and row["title"] == f"Job #{second}" and row["raw_status"] == "validation"
        assert task_status_in_table(window, RECEIPTS) == "validation"
        assert window.details.values["status"].text() == "validation"
        assert window.table.selected_task().id == RECEIPTS  # type: ignore[union-attr]
        assert window.message_label.text() == f"Job #{second} saved; task #{RECEIPTS} is now “validation”."
        cached = window.controller.repository.cache.get_task(RECEIPTS)
        assert cached is not None and cached[0].status == "validation"
        assert [j.status for j in cached[0].jobs] == [j.status for j in fresh.jobs]
        last_page = window.controller.repository.cache.get_page("last")
        assert last_page is not None
        assert next(t for t in last_page[0].results if t.id == RECEIPTS).status == "validation"

        # double-click the assignee cell: users plus "(nobody)"; then the menu assigns the first job to bob
        users = await server_users(fresh_sandbox)
        index = jobs_model(window).job_index(first, ASSIGNEE_COLUMN)
        double_click(view.viewport(), view.visualRect(index).center())
        combo = await editor(window)
        assert combo.itemText(0) == "(nobody)"
        assert {combo.itemData(i) for i in range(1, combo.count())} == {u.id for u in users.values()}
        assert combo.currentData() == users["alice"].id
        QTest.keyClick(combo.view(), Qt.Key.Key_Down)  # stepping through the list sends nothing
        QTest.keyClick(combo.view(), Qt.Key.Key_Escape)  # the list closes
        await until(lambda: not combo.view().isVisible())
        QTest.keyClick(combo, Qt.Key.Key_Escape)  # and the editor: cancelled, nothing sent
        await until(lambda: not view.viewport().findChildren(QComboBox))
        assert job_row(window, first)["state"] is None and job_row(window, first)["assignee"] == "alice"

        menu = open_job_menu(window, first)
        assert menu_action(menu, "Assignee", users["alice"].display_name).isChecked()
        saved = next_emission(window.job_editing.jobSaved)
        menu_action(menu, "Assignee", users["bob"].display_name).trigger()
        assert job_row(window, first)["assignee"] == "bob" and job_row(window, first)["state"] == SAVING
        await wait_for(saved)
        assert (await server_job(fresh_sandbox, first)).assignee_id == users["bob"].id
        assert job_row(window, first)["assignee"] == "bob" and job_row(window, first)["state"] is None

        menu = open_job_menu(window, first)  # and to nobody
        menu.close()
        saved = next_emission(window.job_editing.jobSaved)
        menu_action(menu, "Assignee", "(nobody)").trigger()
        await wait_for(saved)
        assert (await server_job(fresh_sandbox, first)).assignee_id is None
        menu = open_job_menu(window, first)  # status from the menu too
        menu.close()
        assert not menu_action(menu, "Retry saving").isEnabled()
        saved = next_emission(window.job_editing.jobSaved)
        menu_action(menu, "Status", display_status("validation")).trigger()
        await wait_for(saved)
        assert (await server_job(fresh_sandbox, first)).status == "validation"
        assert (await server_task(fresh_sandbox, RECEIPTS)).status == "validation"
        await controller.shutdown()

    loop.run_until_complete(body())


def test_refusals_are_rolled_back_with_the_reason(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    """olga (observer) may see every job but change none; bob may change his own job of Drone footage, not
    demo's; a user the server no longer has is refused (400)."""

    async def body() -> None:
        before = await server_task(fresh_sandbox, DRONE)
        demo_job, bob_job = before.jobs[0].id, before.jobs[1].id
        assert before.jobs[0].assignee_id != before.jobs[1].assignee_id

        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "olga")
        await open_task(window, DRONE, "Drone footage — harbour")
        settled = next_emission(window.job_editing.editSettled)
        assert window.job_editing.set_status(demo_job, "completed")
        assert job_row(window, demo_job)["raw_status"] == "completed"  # shown at once
        await wait_for(settled)
        assert job_row(window, demo_job)["raw_status"] == "annotation" and job_row(window, demo_job)["state"] is None
        assert window.message_label.text() == (
            f"The change to job #{demo_job} was refused and undone. Not allowed: the server refused this "
            "(error 403). The server said: “You do not have permission to perform this action.”"
        )
        assert not window.job_editing.notice.isVisibleTo(window)
        await controller.sign_out()  # the next user signs in through the dialog
        await controller.shutdown()

        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "bob")
        await open_task(window, DRONE, "Drone footage — harbour")
        settled = next_emission(window.job_editing.editSettled)
        window.job_editing.set_status(demo_job, "validation")
        await wait_for(settled)
        assert job_row(window, demo_job)["raw_status"] == "annotation"
        assert "refused and undone. Not allowed" in window.message_label.text()
        saved = next_emission(window.job_editing.jobSaved)  # his own job: allowed
        window.job_editing.set_status(bob_job, "completed")
        await wait_for(saved)
        assert job_row(window, bob_job)["raw_status"] == "completed"

        # a user deleted on the server since the list was loaded: 400, the server's words quoted
        window.controller.users = {**window.controller.users, 999: User(id=999, username="gone")}
        view = window.details.jobs_view
        view.setCurrentIndex(jobs_model(window).job_index(bob_job, ASSIGNEE_COLUMN))
        QTest.keyClick(view, Qt.Key.Key_F2)
        combo = await editor(window)
        settled = next_emission(window.job_editing.editSettled)
        pick(combo, 999)
        assert job_row(window, bob_job)["assignee_id"] == 999  # shown at once (named by id: not in the tree's list)
        await wait_for(settled)
        assert job_row(window, bob_job)["assignee"] == "bob"
        assert window.message_label.text().startswith(
            f"The change to job #{bob_job} was refused and undone. The server rejected the request. The server said: "
        )
        assert "999" in window.message_label.text()
        await controller.shutdown()

        after = await server_task(fresh_sandbox, DRONE)
        expected = {j.id: (j.status, j.assignee_id) for j in before.jobs}
        expected[bob_job] = ("completed", expected[bob_job][1])  # the only change the server accepted
        assert {j.id: (j.status, j.assignee_id) for j in after.jobs} == expected

    loop.run_until_complete(body())


def test_a_network_failure_keeps_the_edit_for_retry(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        task = await open_task(window, RECEIPTS, "Receipts OCR")
        first, second = (job.id for job in task.jobs)

        await asyncio.to_thread(fresh_sandbox.faults.add, "refuse")  # the server stops listening
        settled = next_emission(window.job_editing.editSettled)
        window.job_editing.set_status(second, "completed")
        await wait_for(settled)
        row = job_row(window, second)
        assert row["raw_status"] == "completed" and row["state"] == UNSAVED and row["editable"]
        assert row["title"] == f"Job #{second} (not saved)"
        assert row["tooltip"].startswith("Not saved: Offline: the server cannot be reached.")
        assert window.message_label.text() == (
            f"The change to job #{second} is not saved: Offline: the server cannot be reached. It is kept; retry "
            "when the server is back."
        )
        notice = window.job_editing.notice
        assert notice.isVisibleTo(window) and notice.label.text().startswith("1 job change not saved.")
        menu = open_job_menu(window, second)
        menu.close()
        assert menu_action(menu, "Retry saving").isEnabled() and menu_action(menu, "Discard change").isEnabled()

        # the same edit on another job, then discarded: only the kept one remains
        settled = next_emission(window.job_editing.editSettled)
        window.job_editing.set_assignee(first, None)
        await wait_for(settled)
        assert notice.label.text().startswith("2 job changes not saved.")
        menu = open_job_menu(window, first)
        menu.close()
        menu_action(menu, "Discard change").trigger()
        assert job_row(window, first)["state"] is None and job_row(window, first)["assignee"] == "alice"
        assert notice.label.text().startswith("1 job change not saved.")

        # kept while the user looks at another task and comes back
        other = next(t for t in window.model.tasks if t.id != RECEIPTS) if window.model.rowCount() > 1 else None
        if other is not None:
            window.table.selectRow(window.model.row_of(other.id))  # type: ignore[arg-type]
            await until(lambda: window.details.task is not None and window.details.task.id == other.id)
            window.table.selectRow(window.model.row_of(RECEIPTS))  # type: ignore[arg-type]
            await until(lambda: window.details.task is not None and window.details.task.id == RECEIPTS)
            assert job_row(window, second)["state"] == UNSAVED

        assert (await asyncio.to_thread(lambda: fresh_sandbox.faults.refusing)) is True
        await asyncio.to_thread(fresh_sandbox.faults.clear)  # the server is back
        saved = next_emission(window.job_editing.jobSaved)
        notice.retry_button.click()
        assert job_row(window, second)["state"] == SAVING
        await wait_for(saved)
        assert job_row(window, second)["state"] is None and not notice.isVisibleTo(window)
        assert (await server_job(fresh_sandbox, second)).status == "completed"
        assert (await server_task(fresh_sandbox, RECEIPTS)).status == "completed"
        assert task_status_in_table(window, RECEIPTS) == "completed"
        assert (await server_job(fresh_sandbox, first)).assignee_id is not None  # the discarded change never went
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_server_error_keeps_the_edit_and_the_menu_retries_it(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        task = await open_task(window, RECEIPTS, "Receipts OCR")
        job = task.jobs[1].id
        fresh_sandbox.faults.add("502_html", path=r"/api/v1/jobs/\d+$", times=1)
        settled = next_emission(window.job_editing.editSettled)
        window.job_editing.set_status(job, "validation")
        await wait_for(settled)
        assert job_row(window, job)["state"] == UNSAVED
        assert "a proxy in front of the server failed (error 502)" in window.message_label.text()
        menu = open_job_menu(window, job)
        menu.close()
        saved = next_emission(window.job_editing.jobSaved)
        menu_action(menu, "Retry saving").trigger()
        await wait_for(saved)
        assert (await server_job(fresh_sandbox, job)).status == "validation"
        await controller.shutdown()

    loop.run_until_complete(body())


def test_offline_the_jobs_cannot_be_edited(
    loop: qasync.QEventLoop, tmp_path: Path, make_controller: Callable[..., AppController]
) -> None:
    server = SandboxServer(tmp_path / "srv", anon_throttle=0)
    server.start()

    async def body() -> None:
        first = make_controller()
        window = await sign_in_through_dialog(first, server, "demo")
        await open_task(window, RECEIPTS, "Receipts OCR")
        await first.shutdown()
        await asyncio.to_thread(server.stop)

        again = make_controller(timeout=1.0)
        shown = next_emission(again.mainWindowShown)
        await again.start()
        window = await wait_for(shown)
        await until(lambda: not window.controller.online and window.model.rowCount() > 0)
        window.show()
        task = await open_task(window, RECEIPTS, "Receipts OCR")
        job = task.jobs[1].id
        row = job_row(window, job)
        assert not row["editable"] and row["tooltip"].startswith("Offline: jobs cannot be changed while the data")
        assert not window.job_editing.set_status(job, "completed")
        window.details.jobs_view.setCurrentIndex(jobs_model(window).job_index(job, STATUS_COLUMN))
        QTest.keyClick(window.details.jobs_view, Qt.Key.Key_F2)
        assert not window.details.jobs_view.viewport().findChildren(QComboBox)  # no editor opens
        menu = open_job_menu(window, job)
        menu.close()
        note = menu.actions()[0]
        assert note.text().startswith("Offline: jobs cannot be changed") and not note.isEnabled()
        assert not menu_action(menu, "Status").isEnabled() and not menu_action(menu, "Assignee").isEnabled()
        assert not window.task_deletion.action.isEnabled()
        assert window.task_deletion.action.toolTip().startswith("Offline: tasks cannot be deleted")
        await again.shutdown()

    try:
        loop.run_until_complete(body())
    finally:
        server.stop()


def test_the_editable_jobs_model_is_consistent(qtmodeltester: Any, sandbox: SandboxServer) -> None:
    from tests.api.helpers import run, sign_in

    async def load() -> tuple[list[Task], dict[int, User]]:
        client = await sign_in(sandbox, "admin")
        async with client:
            page = await client.list_tasks(page_size=100)
            return [t for t in page.results if t.segments], {u.id: u for u in await client.list_users()}

    tasks, users = run(load())
    model = EditableJobTreeModel()
    model.set_segments(tasks[0].segments, users)
    qtmodeltester.check(model)
    job = tasks[0].jobs[0]
    index = model.job_index(job.id, STATUS_COLUMN)
    wanted = "completed" if job.status != "completed" else "annotation"
    assert model.setData(index, wanted)
    assert not model.setData(index, "validation")  # while saving: not editable
    assert model.index(0, 0, QModelIndex()).data(JOB_ID_ROLE) is None  # a segment row
    qtmodeltester.check(model)
    model.mark_unsaved(job.id, "Offline.")
    assert model.setData(model.job_index(job.id, ASSIGNEE_COLUMN), None) or job.assignee_id is None
    qtmodeltester.check(model)
    model.set_segments(tasks[1].segments, users)  # another task: the change is kept, not shown
    qtmodeltester.check(model)
    model.set_segments(tasks[0].segments, users)
    assert model.job_index(job.id, STATUS_COLUMN).data(Qt.ItemDataRole.EditRole) == wanted
    model.roll_back(job.id)
    assert model.job_index(job.id, STATUS_COLUMN).data(Qt.ItemDataRole.EditRole) == job.status
    model.set_read_only("Offline.")
    assert not model.flags(model.job_index(job.id, STATUS_COLUMN)) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(model)
    model.clear()
    qtmodeltester.check(model)
