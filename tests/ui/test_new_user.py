"""What a new user hit: after a wrong password Enter signs in again (it quitted the app); Cancel on the only window
asks before quitting once something was typed; Tab leaves the task table."""

from __future__ import annotations

from collections.abc import Callable

import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QScrollArea, QWidget

from annodesk.controller import AppController
from annodesk.sandbox import SandboxServer

from .conftest import next_emission, until, wait_for
from .test_session import sign_in_through_dialog
from .test_sign_in import attempt

WRONG = "not-the-password"


def test_after_a_wrong_password_enter_tries_again_instead_of_quitting(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None
        dialog.activateWindow()
        assert not await attempt(dialog, fresh_sandbox.base_url, "alice", WRONG)
        assert dialog.error_texts() == {"password": "Wrong username or password."}
        assert dialog.focusWidget() is dialog.password  # not Cancel
        assert dialog.password.selectedText() == WRONG  # typing replaces it
        again = next_emission(dialog.attemptFinished)
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
        assert await wait_for(again) is False  # Enter signed in again: a second attempt, refused
        assert dialog.isVisible() and not controller.finished.is_set()
        await controller.shutdown()

    loop.run_until_complete(body())


def test_cancel_with_nothing_typed_quits_at_once(
    loop: qasync.QEventLoop, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None and not dialog.typed()
        dialog.cancel_button.click()
        assert dialog.quit_confirmation is None and controller.finished.is_set() and not dialog.isVisible()

    loop.run_until_complete(body())


def test_cancel_after_typing_asks_before_quitting(
    loop: qasync.QEventLoop, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        await controller.start()
        dialog = controller.dialog
        assert dialog is not None
        dialog.username.setText("alice")
        dialog.password.setText("half a passw")
        dialog.cancel_button.click()
        box = dialog.quit_confirmation
        assert box is not None and box.isVisible() and dialog.isVisible() and not controller.finished.is_set()
        stay = box.defaultButton()
        assert stay is box.escapeButton() and stay.text() == "&Stay"
        stay.click()
        await until(lambda: dialog.quit_confirmation is None)
        assert dialog.isVisible() and dialog.password.text() == "half a passw" and not controller.finished.is_set()

        QTest.keyClick(dialog, Qt.Key.Key_Escape)  # Escape asks too
        box = dialog.quit_confirmation
        assert box is not None
        quit_button = next(b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole)
        quit_button.click()
        await until(lambda: controller.finished.is_set())
        assert not dialog.isVisible() and dialog.password.text() == ""

    loop.run_until_complete(body())


def test_tab_leaves_the_task_table(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "alice")
        window.activateWindow()
        window.table.setFocus()
        visited: list[QWidget] = []
        for _ in range(16):
            QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
            focus = QApplication.focusWidget()
            assert focus is not None
            visited.append(focus)
        assert any(widget is not window.table for widget in visited)
        assert window.search in visited and window.pager.page_size_box in visited
        assert window.details.labels_view in visited or window.details.jobs_view in visited
        assert visited.count(window.table) <= 2  # once per round: table → pager → details → trees → search
        await controller.shutdown()

    loop.run_until_complete(body())


def test_tab_goes_through_the_details_pane_in_the_order_it_is_seen(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    """Pane → its action buttons (added late by the features, yet not after the status bar) → the trees' tabs; the
    bug tracker is a stop only when it is a link."""

    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "demo")
        window.activateWindow()
        target = next(t for t in window.model.tasks if t.has_data and not t.bug_tracker)
        shown = next_emission(window.detailsShown)
        window.table.selectRow(window.model.row_of(target.id))  # type: ignore[arg-type]
        await wait_for(shown)
        await until(lambda: window.details.task is not None and window.details.task.id == target.id)
        buttons = [b for b in window.details.action_buttons if b.isEnabled()]
        assert len(buttons) >= 3  # edit, export, import
        window.details.scroll_area.setFocus()
        visited: list[QWidget] = []
        for _ in range(len(buttons) + 1):
            QTest.keyClick(QApplication.focusWidget() or window, Qt.Key.Key_Tab)
            focus = QApplication.focusWidget()
            assert focus is not None
            visited.append(focus)
        assert visited == [*buttons, window.details.tabs.tabBar()]
        await controller.shutdown()

    loop.run_until_complete(body())


def test_details_show_every_property_and_whole_tree_texts_at_the_default_size(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, make_controller: Callable[..., AppController]
) -> None:
    async def body() -> None:
        controller = make_controller()
        window = await sign_in_through_dialog(controller, fresh_sandbox, "admin")
        window.resize(1280, 760)  # the first start's size (the test screen is smaller)
        target = next(t for t in window.model.tasks if t.has_data and any(label.attributes for label in t.labels))
        shown = next_emission(window.detailsShown)
        window.table.selectRow(window.model.row_of(target.id))  # type: ignore[arg-type]
        await wait_for(shown)
        await until(lambda: window.details.task is not None and window.details.task.id == target.id)
        QApplication.processEvents()
        scroll = window.details.findChild(QScrollArea)
        assert scroll is not None
        assert scroll.verticalScrollBar().maximum() == 0  # no property row is cut or scrolled away
        last = window.details.values["project"]
        assert scroll.viewport().rect().contains(last.mapTo(scroll.viewport(), last.rect().bottomRight()))
        view = window.details.labels_view
        for column in range(view.model().columnCount() - 1):  # "label · 2 attribute(s)" whole, not "label · 2 attri…"
            assert view.columnWidth(column) >= view.sizeHintForColumn(column)
        await controller.shutdown()

    loop.run_until_complete(body())
