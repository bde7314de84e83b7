"""Propagate (Ctrl+B): how many frames, asked in a small bar rather than a dialog (the drawing loop stays modeless).

``ask(most)`` shows the bar with the count field focused; Enter or the button says ``confirmed(frames)``; Esc or
the close button hides it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QToolButton, QWidget


class PropagateBar(QWidget):
    """A count of frames and a Propagate button."""

    confirmed = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("propagateBar")
        self.caption = QLabel()
        self.frames = QSpinBox()
        self.frames.setRange(1, 1)
        self.caption.setBuddy(self.frames)
        self.button = QPushButton()
        self.button.clicked.connect(self.confirm)
        self.close_button = QToolButton()
        self.close_button.setAutoRaise(True)
        self.close_button.setText("×")
        self.close_button.clicked.connect(self.hide)
        self.frames.lineEdit().returnPressed.connect(self.confirm)
        self.frames.installEventFilter(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.frames)
        layout.addWidget(self.button)
        layout.addWidget(self.close_button)
        self.hide()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.caption.setText(self.tr("Propagate to the next"))
        self.frames.setSuffix(self.tr(" frame(s)"))
        self.button.setText(self.tr("&Propagate"))
        self.close_button.setToolTip(self.tr("Close (Esc)"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def ask(self, most: int) -> None:
        """Show the bar for at most ``most`` frames (the job's last frame is the limit)."""
        self.frames.setRange(1, max(1, most))
        self.show()
        self.frames.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.frames.selectAll()

    def confirm(self) -> None:
        if self.isVisible():
            self.hide()
            self.confirmed.emit(self.frames.value())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape:
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # Esc here closes the bar (not the window's cancel action)
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.hide()
                return True
        return False
