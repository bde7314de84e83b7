"""The registration dialog: the server's per-field errors appear on the fields."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from annodesk.api import CvatError, InvalidInput, normalize_server_url
from annodesk.messages import error_sentence, server_address_error, sign_in_error

from .background import spawn
from .field_errors import FieldErrors
from .form import ErrorLabel, FieldWithError, add_row, busy_bar


@dataclass(frozen=True)
class Registration:
    """The registration form's values."""

    server: str
    username: str
    first_name: str
    last_name: str
    email: str
    password1: str
    password2: str


Register = Callable[[Registration], Awaitable[None]]
FIELDS = ("server", "username", "first_name", "last_name", "email", "password1", "password2")


class RegisterDialog(QDialog):
    """Runs ``register`` (which creates the account and signs in) and shows field errors on failure."""

    attemptFinished = Signal(bool)

    def __init__(self, register: Register, server: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumWidth(440)
        self._register = register
        self._attempt: asyncio.Task[None] | None = None

        self.inputs: dict[str, QLineEdit] = {name: QLineEdit() for name in FIELDS}
        self.inputs["server"].setText(server)
        for name in ("password1", "password2"):
            self.inputs[name].setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        self.rows: dict[str, FieldWithError] = {name: add_row(form, "", self.inputs[name]) for name in FIELDS}
        self.general_error = ErrorLabel()
        self.busy = busy_bar()
        self.buttons = QDialogButtonBox()
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.create_button.setDefault(True)  # once in the dialog: Qt then gives Enter back to it
        self.create_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at construction and on each language change)."""
        self.setWindowTitle(self.tr("Create a CVAT account"))
        titles = {
            "server": self.tr("Server"),
            "username": self.tr("Username"),
            "first_name": self.tr("First name"),
            "last_name": self.tr("Last name"),
            "email": self.tr("E-mail"),
            "password1": self.tr("Password"),
            "password2": self.tr("Password again"),
        }
        for name, title in titles.items():
            self.rows[name].label.setText(title)
        self.create_button.setText(self.tr("Create account"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def values(self) -> Registration:
        text = {name: widget.text() for name, widget in self.inputs.items()}
        text["username"] = text["username"].strip()
        return Registration(**text)

    def submit(self) -> None:
        """Check the obvious locally, then ask the server."""
        if self._attempt is not None:
            return
        self._clear_errors()
        form = self.values()
        try:
            form = Registration(**{**form.__dict__, "server": normalize_server_url(form.server)})
        except ValueError:
            address = form.server
            self.rows["server"].error.show_message(lambda: server_address_error(address))
            return
        if not form.username:
            self.rows["username"].error.show_message(lambda: self.tr("Choose a username."))
            return
        self.busy.show()
        self.create_button.setEnabled(False)
        self._attempt = spawn(self._run(form))

    async def _run(self, form: Registration) -> None:
        success = False
        try:
            await self._register(form)
            success = True
        except InvalidInput as exc:
            self._show_field_errors(exc)
        except CvatError as exc:
            error = exc  # the message is made again in each language
            field, _text = sign_in_error(error, form.server)
            (self.rows["server"].error if field == "server" else self.general_error).show_message(
                lambda: sign_in_error(error, form.server)[1]
            )
        except asyncio.CancelledError:
            self.general_error.show_message(lambda: self.tr("Cancelled."))
        finally:
            self._attempt = None
            self.busy.hide()
            self.create_button.setEnabled(True)
            self.attemptFinished.emit(success)
        if success:
            self.accept()

    def cancel(self) -> None:
        if self._attempt is not None:
            self._attempt.cancel()
        else:
            self.reject()

    def _clear_errors(self) -> None:
        FieldErrors(self, self.rows, self.general_error).clear()

    def _show_field_errors(self, exc: InvalidInput) -> None:
        shown = False
        for field, messages in exc.field_errors.items():
            text = " ".join(messages)
            if field in self.rows:
                self.rows[field].error.show_message(text)
                shown = True
            else:
                self.general_error.show_message(text)
                shown = True
        if not shown:
            self.general_error.show_message(lambda: error_sentence(exc))

    def error_texts(self) -> dict[str, str]:
        """The visible error messages by field (``general`` for the others)."""
        return FieldErrors(self, self.rows, self.general_error).texts()
