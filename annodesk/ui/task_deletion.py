"""Deleting the selected task: a confirmation that names it, then the server; the table moves to a neighbour.

The confirmation is a window-modal message box opened with ``open()`` (never ``exec()``), its Delete button
not the default: Enter or Escape cancel. A refusal (403: not the owner or an admin) or a network failure is
said plainly in the status bar and nothing is removed, on screen or in the offline cache.
"""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMessageBox, QPushButton

from annodesk.api import CvatError, NotAuthenticated, NotFound
from annodesk.api.models import Task
from annodesk.i18n import LiveText, arg
from annodesk.models.elide import elided

from .background import spawn
from .messages import action_error

if TYPE_CHECKING:
    from .main_window import MainWindow


class TaskDeletion(QObject):
    """The "Delete task" action of ``window`` (Task menu, the table's menu, the Delete key on the table).

    ``settled(task_id)``: a deletion ended (deleted or not); ``deleted(task_id)``: the server deleted it.
    """

    settled = Signal(int)
    deleted = Signal(int)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.confirmation: QMessageBox | None = None
        self.delete_button: QPushButton | None = None
        self._deleting: set[int] = set()
        self.action = QAction(window)
        self.action.setObjectName("deleteTaskAction")
        self.action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        # The key works where the table has focus (not in the search box); the menus show it.
        self.action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        window.table.addAction(self.action)
        self.action.triggered.connect(self.ask)
        window.onlineChanged.connect(self.update_state)
        window.table.selectionModel().currentRowChanged.connect(self.update_state)
        self.update_state()

    def retranslate(self) -> None:
        self.action.setText(self.tr("&Delete task…"))
        self.update_state()

    def update_state(self, *_args: object) -> None:
        """Enabled for a selected task while online; the tooltip says why not."""
        task = self.window.selected_task()
        if not self.window.online:
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
        task = self.window.selected_task()
        if task is None or self.confirmation is not None or not self.action.isEnabled():
            return
        box = QMessageBox(self.window)
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
                elided(task.name),
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
            spawn(self._delete(task))

    # -- deleting --------------------------------------------------------------------------------

    async def _delete(self, task: Task) -> None:
        window = self.window
        task_id, name = task.id, elided(task.name)
        self._deleting.add(task_id)
        self.update_state()
        window.set_message(lambda: arg(self.tr("Deleting task #%1…"), task_id))
        try:
            await window.repository.delete_task(task_id)
        except asyncio.CancelledError:
            raise
        except NotAuthenticated as exc:
            window.unauthorized.emit(exc.detail)
            return
        except NotFound:
            outcome = partial(self._deleted_text, task_id, name, already=True)
        except CvatError as exc:
            error = exc
            window.set_message(
                lambda: arg(self.tr("Task #%1 “%2” was not deleted. %3"), task_id, name, action_error(error))
            )
            self.settled.emit(task_id)
            return
        else:
            outcome = partial(self._deleted_text, task_id, name, already=False)
        finally:
            self._deleting.discard(task_id)
            self.update_state()
        window.set_message(outcome)
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
        window = self.window

        def shown() -> None:
            window.pageShown.disconnect(shown)
            if window.online:
                window.set_message(outcome)

        window.pageShown.connect(shown)

    def _take_off_page(self, task_id: int) -> None:
        """Select a neighbour (the next row, else the previous), drop the row, then reload the page."""
        window = self.window
        row = window.model.row_of(task_id)
        if row is None:
            window.refresh()
            return
        count = window.model.rowCount()
        neighbour = row + 1 if row + 1 < count else row - 1
        selection = window.table.selectionModel()
        if neighbour >= 0:
            selection.setCurrentIndex(
                window.model.index(neighbour, 0),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
        window.model.remove_task(task_id)
        if neighbour < 0:
            selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            if window.page > 1:
                window.go_to_page(window.page - 1)  # the page is empty now
                return
        window.refresh()  # the next page's first task moves up; the count changes
