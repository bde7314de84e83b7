"""The project dialog: a new project (name, assignee, issue tracker), or an existing one renamed or reassigned.

It awaits the :class:`~annodesk.tasks.projects.ProjectsController` 's write: the server's field errors appear under
their fields, a refusal (403) or a network failure in one plain line, and every input stays as typed.
"""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from annodesk.api import errors
from annodesk.api.models import User
from annodesk.api.projects import Project
from annodesk.i18n import LiveText, arg
from annodesk.messages import error_sentence, with_detail
from annodesk.tasks.projects import ProjectsController

from .background import spawn
from .form import ErrorLabel, add_row, busy_bar
from .task_form import bug_tracker_problem, show_field_errors
from .user_picker import UserPicker


class ProjectDialog(QDialog):
    """Creates a project (``project`` None) or changes ``project``. ``saved(Project)`` once the server took it;
    ``attemptFinished(bool)`` after each attempt."""

    saved = Signal(object)
    attemptFinished = Signal(bool)

    def __init__(
        self,
        controller: ProjectsController,
        users: Mapping[int, User],
        project: Project | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("projectDialog")
        self.controller = controller
        self.project = project
        self._attempt: asyncio.Task[Any] | None = None
        self.name = QLineEdit(project.name if project else "")
        self.name.setObjectName("projectName")
        self.assignee = UserPicker()
        self.assignee.setObjectName("projectAssignee")
        self.assignee.set_users(users, project.assignee_id if project else None)
        self.bug_tracker = QLineEdit(project.bug_tracker if project else "")
        self.bug_tracker.setObjectName("projectBugTracker")
        self.bug_tracker.setPlaceholderText("https://")
        form = QFormLayout()
        self.name_row = add_row(form, "", self.name)
        self.assignee_row = add_row(form, "", self.assignee)
        self.bug_tracker_row = add_row(form, "", self.bug_tracker)
        self.general_error = ErrorLabel()
        self.general_error.setObjectName("generalError")
        self.busy = busy_bar()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.save_button.setObjectName("saveButton")
        self.save_button.setDefault(True)
        cancel = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.save_button.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.retranslate_ui()
        self.resize(460, self.sizeHint().height())

    def retranslate_ui(self) -> None:
        if self.project is None:
            self.setWindowTitle(self.tr("New project"))
            self.save_button.setText(self.tr("&Create"))
        else:
            self.setWindowTitle(arg(self.tr("Project #%1"), self.project.id))
            self.save_button.setText(self.tr("&Save"))
        self.name_row.label.setText(self.tr("&Name:"))
        self.assignee_row.label.setText(self.tr("&Assignee:"))
        self.bug_tracker_row.label.setText(self.tr("&Issue tracker:"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- saving ----------------------------------------------------------------------------------

    def changes(self) -> dict[str, Any]:
        """What differs from the project (for a new one: every field)."""
        values = {
            "name": self.name.text().strip(),
            "assignee": self.assignee.current_user_id(),
            "bug_tracker": self.bug_tracker.text().strip(),
        }
        if self.project is None:
            return values
        before = {
            "name": self.project.name,
            "assignee": self.project.assignee_id,
            "bug_tracker": self.project.bug_tracker,
        }
        return {key: value for key, value in values.items() if value != before[key]}

    def submit(self) -> None:
        """Check the form and send it (closes at once when nothing changed)."""
        if self._attempt is not None:
            return
        for row in (self.name_row, self.assignee_row, self.bug_tracker_row):
            row.error.show_message("")
        self.general_error.show_message("")
        ready = True
        if not self.name.text().strip():
            self.name_row.error.show_message(lambda: self.tr("Enter a name for the project."))
            ready = False
        problem = bug_tracker_problem(self.bug_tracker.text())
        if problem:
            self.bug_tracker_row.error.show_message(problem)
            ready = False
        if not ready:
            return
        changes = self.changes()
        if not changes:
            self.accept()
            return
        self._attempt = spawn(self._save(changes))

    async def _save(self, changes: dict[str, Any]) -> None:
        saved: Project | None = None
        self._set_busy(True)
        try:
            if self.project is None:
                saved = await self.controller.create(
                    changes["name"], assignee=changes["assignee"], bug_tracker=changes["bug_tracker"]
                )
            else:
                saved = await self.controller.update(self.project, **changes)
        except errors.CvatError as exc:
            self._failed(exc)
        finally:
            self._attempt = None
            self._set_busy(False)
        self.attemptFinished.emit(saved is not None)
        if saved is not None:
            self.saved.emit(saved)
            self.accept()

    def _failed(self, exc: errors.CvatError) -> None:
        error = exc
        if isinstance(exc, errors.PermissionDenied):
            self.general_error.show_message(lambda: with_detail(self._refusal(), error.detail))
        elif isinstance(exc, errors.InvalidInput):
            fields = {
                "name": self.name_row.error,
                "assignee": self.assignee_row.error,
                "assignee_id": self.assignee_row.error,
                "bug_tracker": self.bug_tracker_row.error,
            }
            show_field_errors(exc, fields, self._show_error)
        else:
            self._show_error(lambda: arg(self.tr("Nothing was saved. %1"), error_sentence(error)))

    def _refusal(self) -> str:
        if self.project is None:
            return self.tr("You may not create projects: only users and administrators can (error 403).")
        return self.tr(
            "You may not change this project: only its owner, its assignee and administrators can (error 403)."
        )

    def _show_error(self, text: LiveText) -> None:
        self.general_error.show_message(text)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (self.name, self.assignee, self.bug_tracker, self.save_button):
            widget.setEnabled(not busy)
