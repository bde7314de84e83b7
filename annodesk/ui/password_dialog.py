"""Change password (``auth/password/change``): the server's field errors beside their fields, in the UI's
language; the token stays, so nothing else changes."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from annodesk.accounts.controller import PasswordChange

from .background import spawn
from .field_errors import FieldErrors
from .form import ErrorLabel, FieldWithError, add_row, busy_bar

FIELDS = ("old_password", "new_password1", "new_password2")


class ChangePasswordDialog(QDialog):
    """Runs ``change(form)``; ``attemptFinished(bool)`` after each try. Opened with ``open()`` (not blocking)."""

    attemptFinished = Signal(bool)

    def __init__(self, change: Callable[[PasswordChange], Awaitable[object]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(420)
        self._change = change
        self._attempt: asyncio.Task[None] | None = None
        self.inputs = {name: QLineEdit() for name in FIELDS}
        for field in self.inputs.values():
            field.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self.rows: dict[str, FieldWithError] = {name: add_row(form, "", self.inputs[name]) for name in FIELDS}
        self.general_error = ErrorLabel()
        self.busy = busy_bar()
        self.buttons = QDialogButtonBox()
        self.change_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.change_button.setDefault(True)
        self.change_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Change password"))
        for name, title in (
            ("old_password", self.tr("&Current password")),
            ("new_password1", self.tr("&New password")),
            ("new_password2", self.tr("New password &again")),
        ):
            self.rows[name].label.setText(title)
        self.change_button.setText(self.tr("Change password"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def reset(self) -> None:
        """Empty fields, no errors (each time the dialog opens)."""
        for field in self.inputs.values():
            field.clear()
        self._clear_errors()
        self.inputs["old_password"].setFocus()

    def values(self) -> PasswordChange:
        return PasswordChange(*(self.inputs[name].text() for name in FIELDS))

    def submit(self) -> None:
        if self._attempt is not None:
            return
        self._clear_errors()
        form = self.values()
        if not form.new_password1:
            self.rows["new_password1"].error.show_message(lambda: self.tr("Type the new password."))
            return
        self.busy.show()
        self.change_button.setEnabled(False)
        self._attempt = spawn(self._run(form))

    async def _run(self, form: PasswordChange) -> None:
        errors = FieldErrors(self, self.rows, self.general_error)
        try:
            success = await errors.attempt(
                self._change(form), self.busy, self.change_button, lambda: self.tr("Cancelled.")
            )
        finally:
            self._attempt = None
        if success:
            for field in self.inputs.values():
                field.clear()
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
