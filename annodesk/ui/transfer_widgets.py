"""Pieces the export and import dialogs and the Transfers window share: the server's formats in a combo box, and
a panel that shows one transfer's progress and outcome."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QProgressBar, QVBoxLayout, QWidget

from annodesk.api.task_models import AnnotationFormat
from annodesk.session.transfers import by_name

from .form import side_button
from .transfers import FAILED, SUCCEEDED, Transfer

FORMAT_ROLE = Qt.ItemDataRole.UserRole + 20
BAR_STEPS = 1000  # a QProgressBar holds an int: show fractions, not bytes (files may pass 2 GB)


class FormatBox(QComboBox):
    """The server's formats sorted by name. Disabled ones are greyed and cannot be chosen; the default is bold.

    Format names are proper names from the server and are shown as they are.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModel(QStandardItemModel(self))
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.setMinimumContentsLength(18)

    def set_formats(self, formats: tuple[AnnotationFormat, ...], default: str) -> None:
        """List ``formats`` and choose ``default`` (or the first enabled one if it is missing or disabled)."""
        model = self.model()
        assert isinstance(model, QStandardItemModel)
        model.clear()
        listed = by_name(formats)
        for entry in listed:
            item = QStandardItem(entry.name)
            item.setData(entry, FORMAT_ROLE)
            item.setEnabled(entry.enabled)
            if entry.name == default:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            model.appendRow(item)
        enabled = [row for row, entry in enumerate(listed) if entry.enabled]
        chosen = next((row for row in enabled if listed[row].name == default), enabled[0] if enabled else -1)
        self.setCurrentIndex(chosen)
        self.retranslate()

    def formats(self) -> list[AnnotationFormat]:
        """The listed formats, in order."""
        return [self.itemData(row, FORMAT_ROLE) for row in range(self.count())]

    def current_format(self) -> AnnotationFormat | None:
        """The chosen format (never a disabled one)."""
        entry = self.currentData(FORMAT_ROLE)
        return entry if isinstance(entry, AnnotationFormat) and entry.enabled else None

    def choose(self, name: str) -> bool:
        """Choose the format called ``name``; False (and no change) when it is missing or disabled."""
        for row, entry in enumerate(self.formats()):
            if entry.name == name and entry.enabled:
                self.setCurrentIndex(row)
                return True
        return False

    def is_choosable(self, name: str) -> bool:
        """Whether the user can pick ``name`` in the list (its item is enabled and selectable)."""
        model = self.model()
        for row, entry in enumerate(self.formats()):
            if entry.name == name:
                flags = model.flags(model.index(row, 0))
                return bool(flags & Qt.ItemFlag.ItemIsEnabled) and bool(flags & Qt.ItemFlag.ItemIsSelectable)
        return False

    def retranslate(self) -> None:
        for row, entry in enumerate(self.formats()):
            tip = "" if entry.enabled else self.tr("The server has this format disabled.")
            self.setItemData(row, tip, Qt.ItemDataRole.ToolTipRole)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


def open_folder(path: Path) -> bool:
    """Show ``path``'s folder in the system's file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))


class TransferPanel(QWidget):
    """One transfer's progress (phase, bytes, a bar, Cancel) and outcome (where it was saved, what the task now
    holds, or the failure in plain words); "Open folder" after a successful export. Hidden until bound."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.transfer: Transfer | None = None
        self.status = QLabel()
        self.status.setObjectName("transferStatus")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.bar = QProgressBar()
        self.bar.setObjectName("transferBar")
        self.cancel_button = side_button()
        self.cancel_button.setObjectName("cancelTransfer")
        self.cancel_button.clicked.connect(self.cancel)
        self.open_folder_button = side_button()
        self.open_folder_button.setObjectName("openFolder")
        self.open_folder_button.clicked.connect(self.open_folder)
        bottom = QHBoxLayout()
        bottom.setContentsMargins(0, 0, 0, 0)
        bottom.addWidget(self.status, 1)
        bottom.addWidget(self.open_folder_button, 0, Qt.AlignmentFlag.AlignTop)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.bar, 1)
        top.addWidget(self.cancel_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(bottom)
        self.retranslate_ui()
        self.hide()

    def bind(self, transfer: Transfer) -> None:
        """Follow ``transfer`` (and stop following the previous one)."""
        if self.transfer is not None:
            self.transfer.changed.disconnect(self.refresh)
        self.transfer = transfer
        transfer.changed.connect(self.refresh)
        self.show()
        self.refresh()

    def refresh(self) -> None:
        """Show the transfer as it stands now."""
        transfer = self.transfer
        if transfer is None:
            return
        running = transfer.running
        self.bar.setVisible(running)
        self.cancel_button.setVisible(running)
        fraction = transfer.fraction()
        if running and fraction is None:
            self.bar.setRange(0, 0)  # busy: the server is working, or the size is unknown
            self.bar.setTextVisible(False)
        elif running:
            self.bar.setRange(0, BAR_STEPS)
            self.bar.setValue(round(fraction * BAR_STEPS))  # type: ignore[operator]
            self.bar.setTextVisible(True)
        self.status.setText(transfer.progress_text() if running else transfer.outcome_text())
        colour = {FAILED: "#b00020", SUCCEEDED: "#2e7d32"}.get(transfer.state, "")
        self.status.setStyleSheet(f"color: {colour};" if colour else "")
        self.open_folder_button.setVisible(transfer.state == SUCCEEDED and transfer.is_export)

    def cancel(self) -> None:
        """Stop the transfer (the outcome shows once it has ended and cleaned up)."""
        if self.transfer is not None:
            self.transfer.cancel()

    def open_folder(self) -> None:
        if self.transfer is not None:
            saved = self.transfer.saved or self.transfer.path
            open_folder(saved)

    def retranslate_ui(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.open_folder_button.setText(self.tr("Open folder"))
        self.open_folder_button.setToolTip(self.tr("Show the saved file's folder in the file manager"))
        self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
