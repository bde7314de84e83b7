"""The Transfers window: every export and import of the session, running or ended, with its progress, outcome and
a Cancel button — for several transfers at once, and for those whose dialog was closed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from .transfer_widgets import TransferPanel
from .transfers import Transfer, TransferManager


class TransferRow(QFrame):
    """One transfer: its title, progress (with Cancel while it runs) or outcome."""

    def __init__(self, transfer: Transfer, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.transfer = transfer
        self.title = QLabel()
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.panel = TransferPanel()
        self.cancel_button = self.panel.cancel_button
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.panel)
        self.panel.bind(transfer)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.transfer.title())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)


class TransfersWindow(QDialog):
    """Lists the manager's transfers, newest first; "Clear finished" forgets those that have ended."""

    def __init__(self, manager: TransferManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        self.setMinimumSize(560, 320)
        self.rows: dict[int, TransferRow] = {}
        self.empty = QLabel()
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.list = QWidget()
        self.list_layout = QVBoxLayout(self.list)
        self.list_layout.addWidget(self.empty)
        self.list_layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.list)
        self.buttons = QDialogButtonBox()
        self.clear_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ResetRole)
        self.clear_button.clicked.connect(self.clear_finished)
        close = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.buttons)
        manager.added.connect(self._add)
        manager.transferFinished.connect(self._update)
        for transfer in manager.transfers:
            self._add(transfer)
        self.retranslate_ui()

    def _add(self, transfer: Transfer) -> None:
        row = TransferRow(transfer)
        self.rows[id(transfer)] = row
        self.list_layout.insertWidget(0, row)
        self._update()

    def _update(self, *_args: object) -> None:
        self.empty.setVisible(not self.rows)
        self.clear_button.setEnabled(any(not row.transfer.running for row in self.rows.values()))

    def clear_finished(self) -> None:
        """Forget the transfers that have ended (their rows go)."""
        self.manager.clear_finished()
        for key, row in list(self.rows.items()):
            if not row.transfer.running:
                del self.rows[key]
                row.deleteLater()
        self._update()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Transfers"))
        self.empty.setText(self.tr("No exports or imports yet."))
        self.clear_button.setText(self.tr("Clear finished"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
