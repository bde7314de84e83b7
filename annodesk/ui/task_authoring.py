"""Creating and editing tasks: *New task…* (Ctrl+N) and *Edit task…* (Ctrl+E, also a details-pane button), the
dialogs they open (one at a time each), and selecting a created task once the table shows it.

Offline both actions are off, their tooltips say why: the server must take the write.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from annodesk.api.models import Task
from annodesk.i18n import arg
from annodesk.tasks.controller import TaskController

from .task_details import TaskDetails
from .task_table import TaskTable

if TYPE_CHECKING:  # loaded when first opened
    from annodesk.tasks.projects import ProjectsController

    from .create_task_dialog import CreateTaskDialog
    from .edit_task_dialog import EditTaskDialog


class TaskAuthoring(QObject):
    """The task menu's create and edit actions over ``controller``; dialogs are parented to ``parent``."""

    def __init__(
        self, controller: TaskController, parent: QWidget, menu: QMenu, table: TaskTable, details: TaskDetails
    ) -> None:
        super().__init__(parent)
        self.controller = controller
        self.parent_widget = parent
        self.table = table
        self.details = details
        self.create_dialog: CreateTaskDialog | None = None
        self.edit_dialog: EditTaskDialog | None = None
        self.projects: ProjectsController | None = None  # set by the projects feature: a new task's project
        self._select_when_shown: int | None = None  # a task to select once the table shows a page with it
        self.new_task_action = QAction(parent)
        self.new_task_action.setShortcut(QKeySequence(QKeySequence.StandardKey.New))
        self.new_task_action.triggered.connect(self.show_create_task)
        self.edit_task_action = QAction(parent)
        self.edit_task_action.setShortcut(QKeySequence("Ctrl+E"))
        self.edit_task_action.triggered.connect(lambda: self.show_edit_task())
        menu.addAction(self.new_task_action)
        menu.addAction(self.edit_task_action)
        table.menu.addAction(self.edit_task_action)
        details.add_action(self.edit_task_action)
        details.shown.connect(self.update_state)
        controller.onlineChanged.connect(self.update_state)
        controller.pageLoaded.connect(self._select_pending_task)
        controller.pageFailed.connect(self._select_pending_task)
        self.retranslate()

    def retranslate(self) -> None:
        self.new_task_action.setText(self.tr("&New task…"))
        self.edit_task_action.setText(self.tr("&Edit task…"))
        self.update_state()

    def update_state(self, *_args: object) -> None:
        """On while online (Edit: with a task shown); offline the tooltips say why they are off."""
        online = self.controller.online
        self.new_task_action.setEnabled(online)
        self.edit_task_action.setEnabled(online and self.details.task is not None)
        if online:
            self.new_task_action.setToolTip(self.tr("Create a task on the server"))
            self.edit_task_action.setToolTip(self.tr("Change the name, assignee, issue tracker or labels of this task"))
        else:
            self.new_task_action.setToolTip(self.tr("Offline: tasks cannot be created until the server is back."))
            self.edit_task_action.setToolTip(self.tr("Offline: tasks cannot be changed until the server is back."))

    def show_create_task(self) -> CreateTaskDialog | None:
        """Open the create-task dialog (not modal: the window keeps working); one at a time. Offline: nothing."""
        from .create_task_dialog import CreateTaskDialog

        if self.create_dialog is not None and self.create_dialog.isVisible():
            self.create_dialog.raise_()
            self.create_dialog.activateWindow()
            return self.create_dialog
        if not self.new_task_action.isEnabled():
            return None
        if self.create_dialog is not None:
            self.create_dialog.deleteLater()
        dialog = CreateTaskDialog(self.controller.writes, self.parent_widget)
        if self.projects is not None:
            dialog.set_projects(self.projects.names(), self.projects.chosen_id)
        dialog.taskCreated.connect(self._task_created)
        self.create_dialog = dialog
        dialog.show()
        return dialog

    def show_edit_task(self, task: Task | None = None) -> EditTaskDialog | None:
        """Open the edit dialog for ``task`` (default: the one shown in the details pane). Offline: nothing."""
        from .edit_task_dialog import EditTaskDialog

        task = task or self.details.task
        if task is None or not self.controller.online:
            return None
        if self.edit_dialog is not None and self.edit_dialog.isVisible():
            if self.edit_dialog.task.id == task.id:
                self.edit_dialog.raise_()
                self.edit_dialog.activateWindow()
                return self.edit_dialog
            self.edit_dialog.reject()  # another task's: closed as with its Cancel button
        if self.edit_dialog is not None:
            self.edit_dialog.deleteLater()
        dialog = EditTaskDialog(self.controller.writes, task, self.controller.users, self.parent_widget)
        dialog.taskSaved.connect(self.show_saved_task)
        self.edit_dialog = dialog
        dialog.show()
        return dialog

    def _task_created(self, task: Task) -> None:
        """Show the first page (newest first) and select the new task there."""
        self._select_when_shown = task.id
        self.controller.page = 1
        self.controller.refresh()

    def _select_pending_task(self, *_args: object) -> None:
        task_id, self._select_when_shown = self._select_when_shown, None
        if task_id is None:
            return
        if self.table.select_task(task_id):
            self.controller.say(lambda: arg(self.tr("Task #%1 created."), task_id))
        elif not self.controller.online:
            self._select_when_shown = task_id  # the page did not load: the next one that does shows it
        else:
            self.controller.say(
                lambda: arg(self.tr("Task #%1 created. It is not on this page: clear the search to see it."), task_id)
            )

    def show_saved_task(self, task: Task) -> None:
        """A task was saved: its row and the details pane show it at once."""
        self.controller.replace_task(task)
        self.controller.say(lambda: arg(self.tr("Task #%1 saved."), task.id))
