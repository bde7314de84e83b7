"""The sign-in dialog: server, username, password, remember me, CA certificate; errors shown next to their field."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from annodesk.api import CvatError, is_loopback_host, normalize_server_url
from annodesk.i18n import LANGUAGES, LiveText, arg, live
from annodesk.messages import server_address_error, sign_in_error

from .background import spawn
from .form import ErrorLabel, add_row, busy_bar, side_button, with_button

if TYPE_CHECKING:  # asyncio loads after this dialog is first painted (annodesk/early_sign_in.py)
    import asyncio


@dataclass(frozen=True)
class Credentials:
    """What the user typed. The password lives only as long as the attempt."""

    server: str
    username: str
    password: str
    remember: bool
    ca_file: str = ""  # a CA certificate file to trust for this server (self-hosted, private CA); "" = system CAs


SignIn = Callable[[Credentials], Awaitable[None]]


class SignInDialog(QDialog):
    """Asks for a server and credentials and runs ``sign_in`` without blocking the UI.

    ``sign_in`` raises :class:`CvatError` on failure (shown next to the field it concerns) and returns
    on success (the dialog then accepts). Cancel stops a running attempt; a second Cancel closes.
    The language buttons (each language named in itself) emit ``languageRequested(code)``.
    """

    registerRequested = Signal(str)
    attemptFinished = Signal(bool)
    languageRequested = Signal(str)

    def __init__(
        self,
        sign_in: SignIn,
        recent_servers: list[str] | None = None,
        server: str = "",
        username: str = "",
        message: LiveText = "",
        parent: QWidget | None = None,
        ca_file_for: Callable[[str], str] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setMinimumWidth(440)
        self._sign_in = sign_in
        self._attempt: asyncio.Task[None] | None = None
        self._ca_file_for = ca_file_for or (lambda _server: "")
        self._ca_chosen = False  # the user typed or picked a CA file: typing the server then leaves it alone

        self.server = QComboBox()
        self.server.setEditable(True)
        self.server.addItems(recent_servers or [])
        self.server.setCurrentText(server or (recent_servers[0] if recent_servers else ""))
        self.server.lineEdit().setPlaceholderText("https://cvat.example.com")
        self.username = QLineEdit(username)
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.remember = QCheckBox()
        self.remember.setChecked(True)
        self.ca_file = QLineEdit()
        self.ca_file.setObjectName("caFile")
        self.ca_file.setClearButtonEnabled(True)
        self.ca_browse = side_button()
        self.ca_browse.clicked.connect(self._choose_ca_file)
        self.ca_file.textEdited.connect(lambda text: setattr(self, "_ca_chosen", bool(text)))
        ca_box = with_button(self.ca_file, self.ca_browse)

        self.language_buttons: dict[str, QToolButton] = {}
        self.language_group = QButtonGroup(self)
        languages = QHBoxLayout()
        languages.addStretch(1)
        for language in LANGUAGES:
            button = QToolButton()
            button.setText(language.native_name)  # a name in its own language, never translated
            button.setCheckable(True)
            button.setAutoRaise(True)
            button.clicked.connect(lambda _checked, code=language.code: self.languageRequested.emit(code))
            self.language_group.addButton(button)
            self.language_buttons[language.code] = button
            languages.addWidget(button)

        self._notice: LiveText = message
        self.notice = QLabel(live(message))
        self.notice.setWordWrap(True)
        self.notice.setVisible(bool(self.notice.text()))
        form = QFormLayout()
        self.server_row = add_row(form, "", self.server)
        self.plain_http_warning = QLabel()
        self.plain_http_warning.setWordWrap(True)
        self.plain_http_warning.setStyleSheet("color: #8a5300;")
        self.plain_http_warning.hide()
        form.addRow("", self.plain_http_warning)
        self.username_row = add_row(form, "", self.username)
        self.password_row = add_row(form, "", self.password)
        form.addRow("", self.remember)
        self.ca_row = add_row(form, "", ca_box)
        self.general_error = ErrorLabel()
        self.busy = busy_bar()

        self.buttons = QDialogButtonBox()
        self.sign_in_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.register_button = side_button()
        self.register_button.setFlat(True)
        self.buttons.addButton(self.register_button, QDialogButtonBox.ButtonRole.ResetRole)

        layout = QVBoxLayout(self)
        layout.addLayout(languages)
        layout.addWidget(self.notice)
        layout.addLayout(form)
        layout.addWidget(self.general_error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.sign_in_button.setDefault(True)  # once in the dialog: Qt then gives Enter back to it

        self.sign_in_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.cancel)
        self.register_button.clicked.connect(lambda: self.registerRequested.emit(self.server.currentText()))
        self.server.editTextChanged.connect(self._update_http_warning)
        self.server.editTextChanged.connect(self._fill_ca_file)
        self._update_http_warning(self.server.currentText())
        self._fill_ca_file(self.server.currentText())
        # setFocus() is OtherFocusReason; naming Qt.FocusReason would build PySide's whole Qt namespace (~25 ms)
        # before the first paint.
        (self.password if username else self.username).setFocus()
        self.retranslate_ui()

    # -- language --------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        """Set every text in the current language (at construction and on each language change)."""
        self.setWindowTitle(self.tr("Sign in to CVAT"))
        self.remember.setText(self.tr("Remember me on this computer"))
        self.server_row.label.setText(self.tr("Server"))
        self.username_row.label.setText(self.tr("Username"))
        self.password_row.label.setText(self.tr("Password"))
        self.ca_row.label.setText(self.tr("CA certificate"))
        self.ca_file.setPlaceholderText(self.tr("Optional (servers with a private CA)"))
        self.ca_browse.setText(self.tr("Browse…"))
        self.ca_browse.setToolTip(self.tr("Choose the CA certificate file (PEM) of your server"))
        self.plain_http_warning.setText(
            self.tr("Plain http: your password and token would cross the network unencrypted.")
        )
        self.sign_in_button.setText(self.tr("Sign in"))
        self.register_button.setText(self.tr("Create an account…"))
        for button in self.language_buttons.values():
            button.setToolTip(self.tr("Show annodesk in this language"))
        self.notice.setText(live(self._notice))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_language(self, code: str) -> None:
        """Mark ``code`` (``en``, ``zh_CN``) as the language shown."""
        button = self.language_buttons.get(code)
        if button is not None:
            button.setChecked(True)

    # -- behaviour -------------------------------------------------------------------------------

    def submit(self) -> None:
        """Validate the form and start signing in."""
        if self._attempt is not None:
            return
        self._clear_errors()
        try:
            server = normalize_server_url(self.server.currentText())
        except ValueError:
            address = self.server.currentText()
            self.server_row.error.show_message(lambda: server_address_error(address))
            return
        if not self.username.text().strip():
            self.username_row.error.show_message(lambda: self.tr("Enter your username."))
            return
        if not self.password.text():
            self.password_row.error.show_message(lambda: self.tr("Enter your password."))
            return
        ca_file = self.ca_file.text().strip()
        if ca_file and not Path(ca_file).is_file():
            self.ca_row.error.show_message(lambda: arg(self.tr("There is no file %1."), ca_file))
            return
        self.server.setCurrentText(server)
        self.ca_file.setText(ca_file)
        credentials = Credentials(
            server, self.username.text().strip(), self.password.text(), self.remember.isChecked(), ca_file
        )
        self._set_busy(True)
        self._attempt = spawn(self._run(credentials))

    async def _run(self, credentials: Credentials) -> None:
        import asyncio

        success = False
        try:
            await self._sign_in(credentials)
            success = True
        except CvatError as exc:
            error = exc  # the message is made again in each language
            field, _text = sign_in_error(error, credentials.server)
            self._show_error(field, lambda: sign_in_error(error, credentials.server)[1])
        except asyncio.CancelledError:
            self.general_error.show_message(lambda: self.tr("Sign-in cancelled."))
        finally:
            self._attempt = None
            self._set_busy(False)
            self.attemptFinished.emit(success)
        if success:
            self.password.clear()
            self.accept()

    def cancel(self) -> None:
        """Stop a running attempt, or close the dialog when idle."""
        if self._attempt is not None:
            self._attempt.cancel()
        else:
            self.reject()

    def reject(self) -> None:
        if self._attempt is not None:
            self._attempt.cancel()
        self.password.clear()
        super().reject()

    # -- presentation ----------------------------------------------------------------------------

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for widget in (
            self.server,
            self.username,
            self.password,
            self.remember,
            self.ca_file,
            self.ca_browse,
            self.sign_in_button,
        ):
            widget.setEnabled(not busy)
        self.register_button.setEnabled(not busy)

    def _clear_errors(self) -> None:
        for row in (self.server_row, self.username_row, self.password_row, self.ca_row):
            row.error.show_message("")
        self.general_error.show_message("")

    def _show_error(self, field: str, text: LiveText) -> None:
        rows = {"server": self.server_row, "username": self.username_row, "password": self.password_row}
        rows["ca"] = self.ca_row
        if field in rows:
            rows[field].error.show_message(text)
        else:
            self.general_error.show_message(text)

    def _update_http_warning(self, text: str) -> None:
        try:
            plain = text.strip().lower().startswith("http://") and not is_loopback_host(text)
        except ValueError:
            plain = False
        self.plain_http_warning.setVisible(plain)

    def _fill_ca_file(self, text: str) -> None:
        """Show the CA file remembered for the server typed, unless the user chose one."""
        if self._ca_chosen:
            return
        try:
            remembered = self._ca_file_for(normalize_server_url(text))
        except ValueError:
            remembered = ""
        self.ca_file.setText(remembered)

    def _choose_ca_file(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("CA certificate of your server"),
            str(Path(self.ca_file.text()).parent) if self.ca_file.text() else "",
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"),
        )
        if path:
            self.ca_file.setText(path)
            self._ca_chosen = True

    def error_texts(self) -> dict[str, str]:
        """The visible error messages by field (for tests and accessibility tools)."""
        rows = {"server": self.server_row, "username": self.username_row, "password": self.password_row}
        rows["ca"] = self.ca_row
        texts = {name: row.error.text() for name, row in rows.items() if row.error.isVisibleTo(self)}
        if self.general_error.isVisibleTo(self):
            texts["general"] = self.general_error.text()
        return texts
