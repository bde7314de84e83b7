"""Deleting the selected task: a confirmation that names it, then the server; the table moves to a neighbour.

The confirmation is a window-modal message box opened with ``open()`` (never ``exec()``), its Delete button
not the default: Enter or Escape cancel. A refusal (403: not the owner or an admin) or a network failure is
said plainly in the status bar and nothing is removed, on screen or in the offline cache.
"""

from __future__ import annotations

import asyncio
from functools import partial

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton

from annodesk.api import CvatError, NotFound
from annodesk.api.models import Task
from annodesk.i18n import LiveText, arg
from annodesk.messages import action_error
from annodesk.tasks.controller import TaskController

from .task_table import TaskTable


class TaskDeletion(QObject):
    """The "Delete task" action on ``table`` 's selected task (for the Task menu, the table's menu, the Delete key).

    ``settled(task_id)``: a deletion ended (deleted or not); ``deleted(task_id)``: the server deleted it.
    """

    settled = Signal(int)
    deleted = Signal(int)

    def __init__(self, controller: TaskController, table: TaskTable) -> None:
        super().__init__(table)
        self.controller = controller
        self.table = table
        self.confirmation: QMessageBox | None = None
        self.delete_button: QPushButton | None = None
        self._deleting: set[int] = set()
        self.action = QAction(table)
        self.action.setObjectName("deleteTaskAction")
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # The key works where the table has focus (not in the search box); the menus show it.
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        table.addAction(self.action)
        self.action.triggered.connect(self.ask)
        controller.onlineChanged.connect(self.update_state)
        table.selectionModel().currentRowChanged.connect(self.update_state)
        self.update_state()

    def retranslate(self) -> None:
        self.action.setText(self.tr("&Delete task…"))
        self.update_state()

    def update_state(self, *_args: object) -> None:
        """Enabled for a selected task while online; the tooltip says why not."""
        task = self.table.selected_task()
        if not self.controller.online:
            self.action.setEnabled(False)
            self.action.setToolTip(self.tr("Offline: tasks cannot be deleted until the server is back."))
        elif task is None:
            self.action.setEnabled(False)
            self.action.setToolTip(self.tr("Select a task to delete it."))
        else:
            self.action.setEnabled(task.id not in self._deleting)
            self.action.setToolTip(arg(self.tr("Delete task #%1 on the server"), task.id))

    # -- confirmation ----------------------------------------------------------------------------

    def ask(self) -> None:
        """Ask to confirm deleting the selected task (a window-modal box; the answer arrives later)."""
        task = self.table.selected_task()
        if task is None or self.confirmation is not None or not self.action.isEnabled():
            return
        box = QMessageBox(self.table.window())
        box.setObjectName("deleteTaskConfirmation")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Delete task"))
        box.setText(
            arg(
                self.tr(
                    "Delete task #%1 “%2”? Its jobs, annotations and media are deleted on the server. "
                    "This cannot be undone."
                ),
                task.id,
                task.name,
            )
        )
        delete = box.addButton(self.tr("&Delete"), QMessageBox.ButtonRole.DestructiveRole)
        delete.setAutoDefault(False)
        delete.setDefault(False)
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.setWindowModality(Qt.WindowModality.WindowModal)
        box.finished.connect(lambda _result: self._answered(box, task))
        self.confirmation, self.delete_button = box, delete
        box.open()
        cancel.setFocus()

    def _answered(self, box: QMessageBox, task: Task) -> None:
        confirmed = box.clickedButton() is self.delete_button and self.delete_button is not None
        self.confirmation = self.delete_button = None
        box.deleteLater()
        if confirmed:
            self.controller.run(self._delete(task))

    # -- deleting --------------------------------------------------------------------------------

    async def _delete(self, task: Task) -> None:
        tasks = self.controller
        task_id, name = task.id, task.name
        self._deleting.add(task_id)
        self.update_state()
        tasks.say(lambda: arg(self.tr("Deleting task #%1…"), task_id))
        try:
            await tasks.writes.delete_task(task_id)
        except asyncio.CancelledError:
            raise
        except NotFound:
            outcome = partial(self._deleted_text, task_id, name, already=True)
        except CvatError as exc:
            error = exc
            tasks.say(lambda: arg(self.tr("Task #%1 “%2” was not deleted. %3"), task_id, name, action_error(error)))
            self.settled.emit(task_id)
            return
        else:
            outcome = partial(self._deleted_text, task_id, name, already=False)
        finally:
            self._deleting.discard(task_id)
            self.update_state()
        tasks.say(outcome)
        self._say_again_after_reload(outcome)
        self._take_off_page(task_id)
        self.deleted.emit(task_id)
        self.settled.emit(task_id)

    def _deleted_text(self, task_id: int, name: str, *, already: bool) -> str:
        if already:
            return arg(self.tr("Task #%1 “%2” was already deleted on the server."), task_id, name)
        return arg(self.tr("Task #%1 “%2” was deleted."), task_id, name)

    def _say_again_after_reload(self, outcome: LiveText) -> None:
        """The page reloaded after a deletion says "N tasks found": the deletion is what the user wants to read."""
        tasks = self.controller

        def shown(*_args: object) -> None:
            tasks.pageLoaded.disconnect(shown)
            tasks.pageFailed.disconnect(shown)
            if tasks.online:
                tasks.say(outcome)

        tasks.pageLoaded.connect(shown)
        tasks.pageFailed.connect(shown)

    def _take_off_page(self, task_id: int) -> None:
        """Select a neighbour (the next row, else the previous), drop the row, then reload the page."""
        tasks, model = self.controller, self.table.tasks
        row = model.row_of(task_id)
        if row is None:
            tasks.refresh()
            return
        count = model.rowCount()
        neighbour = row + 1 if row + 1 < count else row - 1
        if neighbour >= 0:
            self.table.select_row(neighbour)
        model.remove_task(task_id)
        if neighbour < 0:
            self.table.select_row(None)
            if tasks.page > 1:
                tasks.go_to_page(tasks.page - 1)  # the page is empty now
                return
        tasks.refresh()  # the next page's first task moves up; the count changes
