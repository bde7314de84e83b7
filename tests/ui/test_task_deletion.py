"""Deleting a task from the main window against the sandbox: the confirmation names it and defaults to Cancel;
the Delete key, the Task menu and the table's menu reach it; refusals and network failures remove nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
import qasync
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox

from annodesk.api import CvatClient, NotFound
from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow

from .conftest import next_emission, until, wait_for
from .test_job_editing import RECEIPTS, menu_action, open_task
from .test_session import sign_in_through_dialog
from .test_sign_in import PASSWORD

QUESTION = (
    "Delete task #12 “Receipts OCR”? Its jobs, annotations and media are deleted on the server. This cannot be undone."
)


async def server_has(server: SandboxServer, task_id: int) -> bool:
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        try:
            await client.get_task(task_id)
        except NotFound:
            return False
        return True


def confirmation(window: MainWindow) -> QMessageBox:
    box = window.task_deletion.confirmation
    assert box is not None and box.isVisible()
    return box


def test_confirm_cancel_then_delete_moves_to_a_neighbour(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")  # owner of Receipts OCR
        await open_task(window, RECEIPTS, "Receipts OCR")
        window.thumbnails.action.trigger()  # previews on: the deleted task's thumbnail must go too
        await until(lambda: window.thumbnails.store.cached(RECEIPTS))
        await until(lambda: window.controller.repository.cache.get_bytes("preview", str(RECEIPTS)) is not None)
        ids = [t.id for t in window.model.tasks]
        row = ids.index(RECEIPTS)
        neighbour = ids[row + 1] if row + 1 < len(ids) else ids[row - 1]
        total = window.controller.total

        # the Task menu: a window-modal box naming the task; Enter means Cancel (the default button)
        assert window.task_deletion.action in window.task_menu.actions()
        assert window.task_deletion.action in window.table_menu.actions()
        window.task_deletion.action.trigger()
        box = confirmation(window)
        assert box.text() == QUESTION and box.windowModality() == Qt.WindowModality.WindowModal
        assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
        assert window.task_deletion.delete_button is not None and not window.task_deletion.delete_button.isDefault()
        QTest.keyClick(box, Qt.Key.Key_Return)
        await until(lambda: window.task_deletion.confirmation is None)
        assert await server_has(fresh_sandbox, RECEIPTS) and window.model.row_of(RECEIPTS) is not None

        # the Delete key on the table asks again (not in the search box); Escape cancels
        window.activateWindow()
        await until(window.isActiveWindow)
        window.search.setFocus()
        QTest.keyClick(window.search, Qt.Key.Key_Delete)
        assert window.task_deletion.confirmation is None
        window.table.setFocus()
        QTest.keyClick(window.table, Qt.Key.Key_Delete)
        box = confirmation(window)
        QTest.keyClick(box, Qt.Key.Key_Escape)
        await until(lambda: window.task_deletion.confirmation is None)
        assert await server_has(fresh_sandbox, RECEIPTS)

        # the menu key (no row under the pointer): the menu of the selected row
        below_rows = QPoint(5, window.table.viewport().height() - 5)
        assert not window.table.indexAt(below_rows).isValid()
        window.table.customContextMenuRequested.emit(below_rows)
        assert window.table_menu.isVisible() and window.table.selected_task().id == RECEIPTS  # type: ignore[union-attr]
        window.table_menu.close()

        # the table's menu, then the Delete button
        window.table.customContextMenuRequested.emit(window.table.visualRect(window.model.index(row, 1)).center())
        assert window.table_menu.isVisible()
        window.table_menu.close()
        menu_action(window.table_menu, "Delete task…").trigger()
        box = confirmation(window)
        deleted = next_emission(window.task_deletion.deleted)
        page = next_emission(window.pageShown)
        window.task_deletion.delete_button.click()  # type: ignore[union-attr]
        assert await wait_for(deleted) == RECEIPTS
        assert window.table.selected_task().id == neighbour  # type: ignore[union-attr]
        assert window.model.row_of(RECEIPTS) is None
        await wait_for(page)
        assert window.controller.total == total - 1 and window.table.selected_task().id == neighbour  # type: ignore[union-attr]
        assert window.message_label.text() == "Task #12 “Receipts OCR” was deleted."
        assert not await server_has(fresh_sandbox, RECEIPTS)
        cache = window.controller.repository.cache
        assert cache.get_task(RECEIPTS) is None and cache.get_bytes("preview", str(RECEIPTS)) is None
        assert not window.thumbnails.store.cached(RECEIPTS)
        last = cache.get_page("last")
        assert last is not None and RECEIPTS not in [t.id for t in last[0].results]
        await controller.shutdown()

    loop.run_until_complete(body())


@pytest.mark.parametrize("username", ["alice", "bob"])
def test_a_refusal_is_said_plainly_and_nothing_goes(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController], username: str
) -> None:
    """alice (user, the task's assignee) and bob (annotator, assignee of some of its jobs) may not delete it."""
    task_id, name = (RECEIPTS, "Receipts OCR") if username == "alice" else (6, "Drone footage — harbour")

    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, username)
        await open_task(window, task_id, name)
        window.task_deletion.action.trigger()
        settled = next_emission(window.task_deletion.settled)
        window.task_deletion.delete_button.click()  # type: ignore[union-attr]
        await wait_for(settled)
        assert window.message_label.text() == (
            f"Task #{task_id} “{name}” was not deleted. Not allowed: the server refused this (error 403). "
            "The server said: “You do not have permission to perform this action.”"
        )
        assert window.model.row_of(task_id) is not None and window.table.selected_task().id == task_id  # type: ignore[union-attr]
        assert window.controller.repository.cache.get_task(task_id) is not None
        assert await server_has(fresh_sandbox, task_id)
        assert window.task_deletion.action.isEnabled()  # may be tried again
        await controller.shutdown()

    loop.run_until_complete(body())


def test_a_network_failure_removes_nothing(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller(timeout=1.0)
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        await open_task(window, RECEIPTS, "Receipts OCR")
        rows = [t.id for t in window.model.tasks]
        fresh_sandbox.faults.add("hang", path=r"/api/v1/tasks/\d+$", method="DELETE")
        window.task_deletion.action.trigger()
        settled = next_emission(window.task_deletion.settled)
        window.task_deletion.delete_button.click()  # type: ignore[union-attr]
        await until(lambda: fresh_sandbox.faults.in_flight() > 0)
        assert window.message_label.text() == "Deleting task #12…"
        assert not window.task_deletion.action.isEnabled()  # no second delete while the first is pending
        await wait_for(settled)
        assert window.message_label.text() == (
            "Task #12 “Receipts OCR” was not deleted. Offline: the server did not answer in time."
        )
        assert [t.id for t in window.model.tasks] == rows and window.table.selected_task().id == RECEIPTS  # type: ignore[union-attr]
        assert window.controller.repository.cache.get_task(RECEIPTS) is not None
        last = window.controller.repository.cache.get_page("last")
        assert last is not None and RECEIPTS in [t.id for t in last[0].results]
        await asyncio.to_thread(fresh_sandbox.faults.clear)
        assert await server_has(fresh_sandbox, RECEIPTS)
        await controller.shutdown()

    loop.run_until_complete(body())


def test_the_last_task_of_a_page_deleted_goes_to_the_page_before(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "admin")
        shown = next_emission(window.pageShown)
        window.pager.last_button.click()
        await wait_for(shown)
        while window.model.rowCount() > 1:  # leave one task on the last page: delete the others through the UI
            window.table.selectRow(window.model.rowCount() - 1)
            deleted = next_emission(window.task_deletion.deleted)
            window.task_deletion.action.trigger()
            window.task_deletion.delete_button.click()  # type: ignore[union-attr]
            await wait_for(deleted)
            await until(lambda: window.message_label.text().endswith("was deleted."))
        last_page = window.controller.page
        assert last_page > 1
        window.table.selectRow(0)
        page = next_emission(window.pageShown)
        window.task_deletion.action.trigger()
        window.task_deletion.delete_button.click()  # type: ignore[union-attr]
        await wait_for(page)
        assert window.controller.page == last_page - 1 and window.model.rowCount() == window.controller.page_size
        assert window.table.selected_task() is not None
        await controller.shutdown()

    loop.run_until_complete(body())
