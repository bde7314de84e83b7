"""The restore prompt: a job opened with unsaved edits of an earlier session (a crash, a kill) in its edit journal.

:class:`RestorePrompt` follows the controller's ``restorable(Pending)`` and asks, without blocking the event loop (a
message box shown with ``open()``): "This job has N unsaved edits from <time>" — *Restore* calls
``controller.restore()``, *Discard* ``controller.discard_restorable()``. It gets the controller and the widget the
question is shown over, never the window.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from annodesk.i18n import arg, format_datetime
from annodesk.session.journal import Pending
from annodesk.workspace.controller import WorkspaceController

log = logging.getLogger(__name__)


class RestorePrompt(QObject):
    """Asks once per ``restorable`` whether to restore or discard; ``box`` is the open question (None after).
    ``answered(restored)`` once the user chose."""

    answered = Signal(bool)

    def __init__(self, controller: WorkspaceController, parent: QWidget) -> None:
        super().__init__(parent)
        self.controller = controller
        self._parent = parent
        self.box: QMessageBox | None = None
        self.restore_button: QPushButton | None = None
        self.discard_button: QPushButton | None = None
        self._pending: Pending | None = None
        self._when: float | None = None
        controller.restorable.connect(self.ask)
        parent.installEventFilter(self)

    def ask(self, pending: Pending) -> QMessageBox:
        self._pending = pending
        self._when = self._journal_time()
        if self.box is not None:
            self.box.close()
        box = self.box = QMessageBox(self._parent)
        box.setObjectName("restorePrompt")
        box.setIcon(QMessageBox.Icon.Question)
        self.restore_button = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
        self.discard_button = box.addButton("", QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(self.restore_button)
        box.buttonClicked.connect(self._answered)
        self.retranslate()
        box.open()
        return box

    def _journal_time(self) -> float | None:
        journal = getattr(self.controller, "journal", None)
        if journal is None:
            return None
        path = journal.path(self.controller.job_id)
        times = []
        for file in (path, path.with_name(path.name + "-wal")):  # the last steps may still be in the WAL file
            try:
                times.append(file.stat().st_mtime)
            except OSError:
                continue
        return max(times, default=None)

    def _answered(self, button: object) -> None:
        box, self.box = self.box, None
        if button is self.restore_button:
            self.controller.restore()
            self.answered.emit(True)
        elif button is self.discard_button:
            self.controller.discard_restorable()
            self.answered.emit(False)
        if box is not None:
            box.deleteLater()

    def retranslate(self) -> None:
        box, pending = self.box, self._pending
        if box is None or pending is None:
            return
        box.setWindowTitle(self.tr("Unsaved edits found"))
        if self._when is not None:
            text = arg(
                self.tr("This job has %n unsaved edit(s) from %1, left by an earlier session.", "", pending.steps),
                format_datetime(self._when),
            )
        else:
            text = self.tr("This job has %n unsaved edit(s) left by an earlier session.", "", pending.steps)
        box.setText(text)
        box.setInformativeText(
            self.tr("Restore them to go on where you stopped, or discard them to work on the job as the server has it.")
        )
        if self.restore_button is not None:
            self.restore_button.setText(self.tr("&Restore"))
        if self.discard_button is not None:
            self.discard_button.setText(self.tr("&Discard"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._parent and event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        return False
