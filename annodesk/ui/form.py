"""Form building blocks shared by the dialogs: a field with its own error line, and a busy bar."""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFormLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from annodesk.i18n import LiveText, live


class ErrorLabel(QLabel):
    """A red, word-wrapped message line that hides itself when empty.

    Given a function instead of a string, it asks it again when the language changes.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setStyleSheet("color: #b00020;")
        self._message: LiveText = ""
        self.hide()

    def show_message(self, text: LiveText) -> None:
        self._message = text
        self.setText(live(text))
        self.setVisible(bool(self.text()))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and callable(self._message):
            self.setText(live(self._message))
        super().changeEvent(event)


class FieldWithError(QWidget):
    """An input widget with an :class:`ErrorLabel` right under it; ``label`` is its title in the form."""

    def __init__(self, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.label = QLabel()
        self.label.setBuddy(field)
        self.error = ErrorLabel(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(field)
        layout.addWidget(self.error)


def add_row(form: QFormLayout, label: str, field: QWidget) -> FieldWithError:
    """Add ``field`` with an error line to ``form``; return the wrapper (``wrapper.label.setText`` retitles it)."""
    wrapper = FieldWithError(field)
    wrapper.label.setText(label)
    form.addRow(wrapper.label, wrapper)
    return wrapper


def busy_bar(parent: QWidget | None = None) -> QProgressBar:
    """An indeterminate progress bar, hidden until work starts."""
    bar = QProgressBar(parent)
    bar.setRange(0, 0)
    bar.setTextVisible(False)
    bar.setMaximumHeight(6)
    bar.hide()
    return bar


def side_button(parent: QWidget | None = None) -> QPushButton:
    """A push button for a side action of a dialog (Browse…, Add files…, Retry…).

    Inside a dialog Qt makes every push button "auto default": once one has had the focus, Enter in any text field
    presses it instead of the dialog's own button (Enter in the sign-in password field opened the CA file picker).
    These never take Enter; the dialog's primary button (``setDefault(True)``) does.
    """
    button = QPushButton(parent)
    button.setAutoDefault(False)
    return button


def with_button(field: QWidget, button: QWidget) -> QWidget:
    """``field`` stretched, ``button`` beside it (a path with its Browse… button), as one form row widget."""
    line = QHBoxLayout()
    line.setContentsMargins(0, 0, 0, 0)
    line.addWidget(field, 1)
    line.addWidget(button)
    box = QWidget()
    box.setLayout(line)
    return box
