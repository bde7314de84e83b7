"""The signed-in user's profile as an editable panel (``PATCH users/{id}``): first and last name for everyone; the
e-mail address only where the server allows it (CVAT v1.1: staff only). A refusal is said plainly, beside the
field it concerns."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QEvent, QLocale, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from annodesk.api.models import User
from annodesk.models.vocabulary import display_group

from .background import spawn
from .field_errors import FieldErrors
from .form import ErrorLabel, FieldWithError, add_row, busy_bar

EDITABLE = ("first_name", "last_name", "email")


class ProfilePanel(QDialog):
    """Shows ``user`` (:meth:`show_user`) and saves what changed with ``update(changes)``; ``attemptFinished(bool)``
    after each try. Opened with ``open()`` (not blocking)."""

    attemptFinished = Signal(bool)

    def __init__(self, update: Callable[[dict[str, str]], Awaitable[object]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(420)
        self._update = update
        self._attempt: asyncio.Task[None] | None = None
        self.user: User | None = None
        self.username = QLabel()
        self.groups = QLabel()
        self.server = QLabel()
        self.inputs = {name: QLineEdit() for name in EDITABLE}
        form = QFormLayout()
        self.username_row = add_row(form, "", self.username)
        self.rows: dict[str, FieldWithError] = {name: add_row(form, "", self.inputs[name]) for name in EDITABLE}
        self.email_note = QLabel()
        self.email_note.setWordWrap(True)
        form.addRow("", self.email_note)
        self.groups_row = add_row(form, "", self.groups)
        self.server_row = add_row(form, "", self.server)
        self.general_error = ErrorLabel()
        self.busy = busy_bar()
        self.buttons = QDialogButtonBox()
        self.save_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Save)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.submit)
        self.close_button.clicked.connect(self.cancel)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Profile"))
        self.username_row.label.setText(self.tr("Username"))
        for name, title in (
            ("first_name", self.tr("&First name")),
            ("last_name", self.tr("&Last name")),
            ("email", self.tr("&E-mail")),
        ):
            self.rows[name].label.setText(title)
        self.groups_row.label.setText(self.tr("Groups"))
        self.server_row.label.setText(self.tr("Server"))
        self.email_note.setText(self.tr("Only an administrator can change the e-mail address on this server."))
        if self.user is not None:
            self.groups.setText(self._groups_text(self.user))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @staticmethod
    def _groups_text(user: User) -> str:
        return QLocale().createSeparatedList([display_group(g) for g in user.groups]) or "—"

    def show_user(self, user: User, server: str) -> None:
        """Fill the panel from ``user`` (the e-mail editable only for staff, as CVAT v1.1 allows)."""
        self.user = user
        self.username.setText(user.username)
        self.groups.setText(self._groups_text(user))
        self.server.setText(server)
        for name in EDITABLE:
            self.inputs[name].setText(getattr(user, name))
        self.inputs["email"].setEnabled(user.is_staff)
        self.email_note.setVisible(not user.is_staff)
        self._clear_errors()

    def changes(self) -> dict[str, str]:
        """What differs from the profile shown (only those fields are sent)."""
        if self.user is None:
            return {}
        values = {name: self.inputs[name].text().strip() for name in EDITABLE}
        return {name: value for name, value in values.items() if value != getattr(self.user, name)}

    def submit(self) -> None:
        if self._attempt is not None:
            return
        self._clear_errors()
        changes = self.changes()
        if not changes:
            self.accept()
            return
        self.busy.show()
        self.save_button.setEnabled(False)
        self._attempt = spawn(self._run(changes))

    async def _run(self, changes: dict[str, str]) -> None:
        errors = FieldErrors(self, self.rows, self.general_error)
        try:
            success = await errors.attempt(
                self._update(changes), self.busy, self.save_button, lambda: self.tr("Cancelled.")
            )
        finally:
            self._attempt = None
        if success:
            self.accept()
        self.attemptFinished.emit(success)

    def cancel(self) -> None:
        if self._attempt is not None:
            self._attempt.cancel()
        else:
            self.reject()

    def _clear_errors(self) -> None:
        FieldErrors(self, self.rows, self.general_error).clear()

    def error_texts(self) -> dict[str, str]:
        """The visible error messages by field (``general`` for the others)."""
        return FieldErrors(self, self.rows, self.general_error).texts()
