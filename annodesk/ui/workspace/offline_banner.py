"""The offline bar of a checked-out job's workspace (issue 16): "Offline — changes are kept on this computer" while the
server cannot be reached, "Connected again — save to sync" once it answers while offline edits wait, and the
status-bar word when the journal's offline work is restored on open.

:class:`OfflineBanner` gets the controller, the save actions (their shortcut, their state) and a function that sets
the window's status message, never the window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStyle, QWidget

from annodesk.i18n import LiveText, arg
from annodesk.workspace.controller import WorkspaceController

from .save_actions import SAVED, SaveActions

HIDDEN, OFFLINE, RECONNECTED = "hidden", "offline", "reconnected"
_STYLES = {
    OFFLINE: "#offlineBanner { background: #fff3cd; border-bottom: 1px solid #e0c97a; }"
    "#offlineBanner QLabel { color: #5c4400; }",
    RECONNECTED: "#offlineBanner { background: #e3f1e6; border-bottom: 1px solid #9cc9a6; }"
    "#offlineBanner QLabel { color: #1d4a27; }",
}


class OfflineBanner(QFrame):
    """A bar over the canvas; ``state`` is ``hidden``, ``offline`` or ``reconnected``; ``head`` and ``text`` say it."""

    def __init__(
        self,
        controller: WorkspaceController,
        save_actions: SaveActions,
        say: Callable[[LiveText], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("offlineBanner")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.controller = controller
        self.save_actions = save_actions
        self._say = say
        self.state = HIDDEN
        self.icon = QLabel()
        self.head = QLabel()
        self.head.setObjectName("offlineHead")
        font = self.head.font()
        font.setBold(True)
        self.head.setFont(font)
        self.text = QLabel()
        self.text.setObjectName("offlineText")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(10)
        layout.addWidget(self.icon)
        layout.addWidget(self.head)
        layout.addWidget(self.text, 1)
        controller.offlineChanged.connect(self._offline_changed)
        controller.restored.connect(self._restored)
        save_actions.stateChanged.connect(self._save_state)
        self.hide()

    # -- what happens -------------------------------------------------------------------------------

    def _offline_changed(self, offline: bool) -> None:
        if offline:
            self._show(OFFLINE)
            return
        editor = self.controller.editor
        if editor is not None and editor.is_dirty():
            self._show(RECONNECTED)  # says it, and that a save syncs
        else:
            self._show(HIDDEN)
            self._say(lambda: self.tr("Connected to the server again: saving works."))

    def _restored(self, steps: int) -> None:
        self._say(lambda: self.tr("%n change(s) made offline are back; they are synced when you save.", "", steps))

    def _save_state(self, state: str) -> None:
        if state == SAVED and self.state == RECONNECTED:
            self._show(HIDDEN)

    def _show(self, state: str) -> None:
        self.state = state
        if state == HIDDEN:
            self.hide()
            return
        self.setStyleSheet(_STYLES[state])
        pixmap = (
            QStyle.StandardPixmap.SP_MessageBoxWarning
            if state == OFFLINE
            else QStyle.StandardPixmap.SP_DialogApplyButton
        )
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize)
        self.icon.setPixmap(self.style().standardIcon(pixmap).pixmap(size, size))
        self.retranslate()
        self.show()

    # -- language -----------------------------------------------------------------------------------

    def retranslate(self) -> None:
        if self.state == OFFLINE:
            head = self.tr("Offline — changes are kept on this computer")
            detail = self.tr(
                "The server cannot be reached. Every tool works; save once it answers again to sync your edits."
            )
        elif self.state == RECONNECTED:
            shortcut = self.save_actions.save_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            head = self.tr("Connected again")
            detail = arg(self.tr("Save (%1) to sync the changes you made offline."), shortcut)
        else:
            return
        self.head.setText(head)
        self.text.setText(detail)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
