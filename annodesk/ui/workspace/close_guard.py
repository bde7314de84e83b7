"""A workspace window's unsaved state: the mark in its title, and the question when it is closed with unsaved edits.

:class:`UnsavedMark` keeps the window's ``windowModified`` (Qt's ``[*]`` title placeholder) that of
``editor.dirtyChanged``. :class:`CloseGuard` stops a close while the editor has unsaved edits and asks, without
blocking the event loop (a message box shown with ``open()``): *Save* saves, then closes once saved (the window stays
open on a failure or conflicts, which the status bar and the conflict view show); *Discard* drops the edits and
their journal, then closes; *Cancel* keeps the window. A checked-out job offline closes without asking: its edits
stay in the journal for the sync. Both get the controller and the window as the widget they
attach to (its title, its close events), nothing else of it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QMessageBox, QPushButton, QWidget

from annodesk.workspace.controller import WorkspaceController

from .save_actions import CONFLICTS, FAILED, OFFLINE, REFUSED, SAVED, SaveActions

log = logging.getLogger(__name__)
JOURNAL_FLUSH_SECONDS = 5.0


class UnsavedMark(QObject):
    """``widget.setWindowModified(editor.is_dirty())`` as the editor's unsaved state changes."""

    def __init__(self, controller: WorkspaceController, widget: QWidget) -> None:
        super().__init__(widget)
        self.controller = controller
        self.widget = widget
        self._editor: object | None = None
        controller.loaded.connect(self._loaded)

    def _loaded(self) -> None:
        editor = self.controller.editor
        if editor is not None and editor is not self._editor:
            self._editor = editor
            editor.dirtyChanged.connect(self.widget.setWindowModified)
        self.widget.setWindowModified(bool(editor is not None and editor.is_dirty()))


class CloseGuard(QObject):
    """Asks before a window with unsaved edits closes. ``box`` is the open question (None when there is none)."""

    def __init__(self, controller: WorkspaceController, save_actions: SaveActions, window: QWidget) -> None:
        super().__init__(window)
        self.controller = controller
        self.save_actions = save_actions
        self.window = window
        self.box: QMessageBox | None = None
        self.save_button: QPushButton | None = None
        self.discard_button: QPushButton | None = None
        self.cancel_button: QPushButton | None = None
        self._close_when_saved = False
        self._allowed = False
        save_actions.stateChanged.connect(self._save_state)
        window.installEventFilter(self)

    def release(self) -> None:
        """Let the window close without asking (the session ends; the journal keeps the edits for a restore)."""
        self._allowed = True

    def unsaved(self) -> bool:
        editor = self.controller.editor
        return editor is not None and editor.is_dirty()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self.window:
            return False
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        elif event.type() == QEvent.Type.Close and not self._allowed and self.unsaved():
            if self.controller.offline:  # a checked-out job: the journal keeps the edits for the sync
                self._flush_journal()
                return False
            event.ignore()
            self.ask()
            return True
        return False

    def ask(self) -> QMessageBox:
        if self.box is not None:
            self.box.raise_()
            return self.box
        box = self.box = QMessageBox(self.window)
        box.setObjectName("closePrompt")
        box.setIcon(QMessageBox.Icon.Warning)
        self.save_button = box.addButton("", QMessageBox.ButtonRole.AcceptRole)
        self.discard_button = box.addButton("", QMessageBox.ButtonRole.DestructiveRole)
        self.cancel_button = box.addButton("", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(self.save_button)
        box.setEscapeButton(self.cancel_button)
        box.buttonClicked.connect(self._answered)
        self.retranslate()
        box.open()
        return box

    def _answered(self, button: object) -> None:
        box, self.box = self.box, None
        if box is not None:
            box.deleteLater()
        if button is self.save_button:
            self._close_when_saved = True
            self.save_actions.save()
        elif button is self.discard_button:
            self.discard_and_close()

    def _flush_journal(self) -> None:
        editor = self.controller.editor
        if editor is not None and not editor.flush_journal(JOURNAL_FLUSH_SECONDS):
            log.warning("the edit journal of job %s was still being written at the close", self.controller.job_id)

    def discard_and_close(self) -> None:
        """Forget the unsaved edits (and their journal), then close."""
        journal = self.controller.journal
        self._flush_journal()
        if journal is not None:
            journal.discard(self.controller.job_id)
        self._close_now()

    def _save_state(self, state: str) -> None:
        if not self._close_when_saved:
            return
        if state == SAVED and not self.unsaved():
            self._close_when_saved = False
            self._close_now()
        elif state in (FAILED, REFUSED, CONFLICTS, OFFLINE):
            self._close_when_saved = False  # stays open: the status bar (or the conflict view) says why

    def _close_now(self) -> None:
        self._allowed = True
        if not self.window.close():
            self._allowed = False

    def retranslate(self) -> None:
        box = self.box
        if box is None:
            return
        box.setWindowTitle(self.tr("Unsaved edits"))
        box.setText(self.tr("This job has edits that are not saved to the server."))
        box.setInformativeText(self.tr("Save them before closing, or discard them?"))
        if self.save_button is not None:
            self.save_button.setText(self.tr("&Save"))
        if self.discard_button is not None:
            self.discard_button.setText(self.tr("&Discard"))
        if self.cancel_button is not None:
            self.cancel_button.setText(self.tr("Cancel"))
