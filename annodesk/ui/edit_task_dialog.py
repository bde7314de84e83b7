"""The edit-task dialog (Task → Edit task…, or *Edit task…* in the details pane): name, assignee, issue tracker,
and the labels in the editor's locked mode (CVAT only adds labels and attributes to an existing task).

*Save* sends only what changed (``PATCH tasks/{id}``): the fields whose value differs, and of the labels only the
new ones and the saved ones that got new attributes (with their colour resent, so the server keeps it). A refused
or failed save keeps everything typed and says why — a 403 plainly, a 400 under the fields it names, a network
failure in one line. Not modal: the main window keeps working.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annodesk.api import errors
from annodesk.api.models import Task, User
from annodesk.i18n import LiveText, arg, live
from annodesk.messages import error_sentence, with_detail
from annodesk.session.task_writes import TaskWrites

from .background import spawn
from .form import ErrorLabel, add_row, busy_bar
from .label_editor import LabelEditor
from .task_form import bug_tracker_problem, show_field_errors
from .user_picker import UserPicker


class EditTaskDialog(QDialog):
    """Edits ``task``. ``taskSaved(task)`` with the task as the server saved it (then the dialog closes);
    ``attemptFinished(saved)`` after each save (a 401 ends the session through the app, not here)."""

    taskSaved = Signal(object)
    attemptFinished = Signal(bool)
    usersLoaded = Signal()

    def __init__(
        self, writes: TaskWrites, task: Task, users: Mapping[int, User], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("editTaskDialog")
        self.setWindowModality(Qt.WindowModality.NonModal)
        self.writes = writes
        self.task = task
        self._attempt: asyncio.Task[None] | None = None
        self._request: asyncio.Future[Task] | None = None  # the PATCH under way (Cancel cancels it)
        self._notice: LiveText = ""

        self.name = QLineEdit(task.name)
        self.name.setObjectName("taskName")
        self.assignee = UserPicker()
        self.assignee.setObjectName("assignee")
        self.assignee.set_users(users, task.assignee_id)
        self.bug_tracker = QLineEdit(task.bug_tracker)
        self.bug_tracker.setObjectName("bugTracker")
        self.bug_tracker.setPlaceholderText("https://")
        form = QFormLayout()
        self.name_row = add_row(form, "", self.name)
        self.assignee_row = add_row(form, "", self.assignee)
        self.bug_tracker_row = add_row(form, "", self.bug_tracker)

        self.editor = LabelEditor()
        self.editor.set_existing(task.labels)
        self.labels_box = QGroupBox()
        labels_layout = QVBoxLayout(self.labels_box)
        labels_layout.addWidget(self.editor)

        self.general_error = ErrorLabel()
        self.general_error.setObjectName("generalError")
        self.general_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = busy_bar()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.save_button.setObjectName("saveButton")
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setObjectName("cancelButton")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.labels_box, 1)
        layout.addWidget(self.general_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)  # once in the dialog: Qt then gives Enter back to it

        self.save_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel)
        self.bug_tracker.editingFinished.connect(
            lambda: self.bug_tracker_row.error.show_message(bug_tracker_problem(self.bug_tracker.text()))
        )
        self.retranslate_ui()
        self.resize(900, 640)
        if not users:
            spawn(self._load_users())

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.setWindowTitle(arg(self.tr("Edit task #%1"), self.task.id))
        self.name_row.label.setText(self.tr("Name:"))
        self.assignee_row.label.setText(self.tr("Assignee:"))
        self.bug_tracker_row.label.setText(self.tr("Issue tracker:"))
        self.labels_box.setTitle(self.tr("Labels (CVAT adds to a task's labels, it never removes them)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    async def _load_users(self) -> None:
        """Fill the assignee list when the main window has no users yet (offline, or still loading)."""
        try:
            fetched = await self.writes.repository.users()
        except errors.CvatError:
            return  # the current assignee stays listed as "User #id"
        chosen = self.assignee.current_user_id()
        self.assignee.set_users({user.id: user for user in fetched.value}, chosen)
        self.usersLoaded.emit()

    # -- saving ----------------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """What differs from the task as it was opened (the fields ``update_task`` takes)."""
        changed: dict[str, Any] = {}
        name = self.name.text().strip()
        if name != self.task.name:
            changed["name"] = name
        if self.assignee.current_user_id() != self.task.assignee_id:
            changed["assignee"] = self.assignee.current_user_id()
        bug_tracker = self.bug_tracker.text().strip()
        if bug_tracker != self.task.bug_tracker:
            changed["bug_tracker"] = bug_tracker
        additions = self.editor.additions()
        if additions:
            changed["labels"] = additions
        return changed

    def submit(self) -> None:
        """Check the form and send what changed (close at once when nothing did)."""
        if self._attempt is not None:
            return
        self._clear_errors()
        ready = True
        if not self.name.text().strip():
            self.name_row.error.show_message(lambda: self.tr("Enter a name for the task."))
            ready = False
        problem = bug_tracker_problem(self.bug_tracker.text())
        if problem:
            self.bug_tracker_row.error.show_message(problem)
            ready = False
        if not self.editor.validate():
            ready = False
        if not ready:
            self._show_error(lambda: self.tr("Nothing was saved: fix what is marked, then try again."))
            return
        changes = self.changes()
        if not changes:
            self.accept()
            return
        self._attempt = spawn(self._save(changes))

    async def _save(self, changes: dict[str, Any]) -> None:
        saved: Task | None = None
        self._set_busy(True)
        self._request = asyncio.ensure_future(self.writes.update(self.task.id, **changes))
        try:
            saved = await self._request
        except asyncio.CancelledError:
            current = asyncio.current_task()
            if current is not None and current.cancelling():  # from outside (the main window closes): widgets may go
                self._attempt = self._request = None
                raise
            self._show_error(
                lambda: self.tr("Saving was stopped. The server may have saved the changes already: refresh (F5).")
            )
        except errors.CvatError as exc:
            self._failed(exc)
        self._attempt = self._request = None
        self._set_busy(False)
        self.attemptFinished.emit(saved is not None)
        if saved is not None:
            self.taskSaved.emit(saved)
            self.accept()

    def _failed(self, exc: errors.CvatError) -> None:
        error = exc
        if isinstance(exc, errors.PermissionDenied):
            self._show_error(
                lambda: with_detail(
                    self.tr(
                        "You may not change this task: only its owner, its assignee and administrators can "
                        "(error 403). Nothing was saved."
                    ),
                    error.detail,
                )
            )
        elif isinstance(exc, errors.InvalidInput):
            fields = {
                "name": self.name_row.error,
                "assignee": self.assignee_row.error,
                "assignee_id": self.assignee_row.error,
                "bug_tracker": self.bug_tracker_row.error,
                "labels": self.editor.summary,
            }
            show_field_errors(exc, fields, self._show_error)
        else:
            self._show_error(lambda: arg(self.tr("Nothing was saved. %1"), error_sentence(error)))

    def cancel(self) -> None:
        """Stop a save under way, or close."""
        if self._request is not None:
            self._request.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self._request is not None:
            self._request.cancel()
        super().reject()

    # -- presentation ----------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.name, self.assignee, self.bug_tracker, self.save_button):
            widget.setEnabled(not busy)
        self.editor.set_busy(busy)

    def _show_error(self, text: LiveText) -> None:
        self._notice = text
        self.general_error.show_message(text)

    def _clear_errors(self) -> None:
        for row in (self.name_row, self.assignee_row, self.bug_tracker_row):
            row.error.show_message("")
        self._show_error("")

    def error_texts(self) -> dict[str, str]:
        """Visible error messages by field (for tests and accessibility tools)."""
        rows = {"name": self.name_row, "assignee": self.assignee_row, "bug_tracker": self.bug_tracker_row}
        texts = {key: row.error.text() for key, row in rows.items() if row.error.isVisibleTo(self)}
        for key, label in (("labels", self.editor.summary), ("general", self.general_error)):
            if label.isVisibleTo(self) and label.text():
                texts[key] = live(label.text())
        return texts
