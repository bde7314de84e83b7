"""The task table's pager: first / previous / next / last, "Page N of M", the total, and the page size."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QWidget

from annodesk.i18n import arg, format_number


class Pager(QWidget):
    """``pageRequested(page)`` for first / last, ``stepRequested(-1 or 1)`` for previous / next (from the page last
    asked for, which a view knows: the one shown may be older); ``pageSizeChosen(size)``."""

    pageRequested = Signal(int)
    stepRequested = Signal(int)
    pageSizeChosen = Signal(int)

    def __init__(
        self, sizes: tuple[int, ...], parent: QWidget | None = None, count_text: Callable[[int], str] | None = None
    ) -> None:
        super().__init__(parent)
        self._count_text = count_text  # the total in words (default: "N tasks in all")
        self.page, self.page_count, self.total = 1, 1, 0
        self.first_button = QPushButton("«")
        self.prev_button = QPushButton("‹")
        self.next_button = QPushButton("›")
        self.last_button = QPushButton("»")
        for button in (self.first_button, self.prev_button, self.next_button, self.last_button):
            button.setFixedWidth(40)
        self.first_button.clicked.connect(lambda: self.pageRequested.emit(1))
        self.prev_button.clicked.connect(lambda: self.stepRequested.emit(-1))
        self.next_button.clicked.connect(lambda: self.stepRequested.emit(1))
        self.last_button.clicked.connect(lambda: self.pageRequested.emit(self.page_count))
        self.page_label = QLabel()
        self.count_label = QLabel()
        self.page_size_box = QComboBox()
        self.page_size_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)  # texts change
        for size in sizes:
            self.page_size_box.addItem("", size)
        self.page_size_box.currentIndexChanged.connect(
            lambda _index: self.pageSizeChosen.emit(int(self.page_size_box.currentData()))
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.first_button, self.prev_button, self.page_label, self.next_button, self.last_button):
            layout.addWidget(widget)
        layout.addStretch(1)
        layout.addWidget(self.count_label)
        layout.addWidget(self.page_size_box)
        self.retranslate_ui()

    def set_page_size(self, size: int) -> None:
        """Show ``size`` as chosen (no ``pageSizeChosen``)."""
        self.page_size_box.blockSignals(True)
        self.page_size_box.setCurrentIndex(self.page_size_box.findData(size))
        self.page_size_box.blockSignals(False)

    def show_state(self, page: int, page_count: int, total: int) -> None:
        self.page, self.page_count, self.total = page, page_count, total
        self.page_label.setText(arg(self.tr("Page %1 of %2"), format_number(page), format_number(page_count)))
        if self._count_text is not None:
            self.count_label.setText(self._count_text(total))
        else:
            self.count_label.setText(self.tr("%Ln task(s) in all", "", total))
        for button, enabled in (
            (self.first_button, page > 1),
            (self.prev_button, page > 1),
            (self.next_button, page < page_count),
            (self.last_button, page < page_count),
        ):
            button.setEnabled(enabled)

    def retranslate_ui(self) -> None:
        for button, tip in (
            (self.first_button, self.tr("First page")),
            (self.prev_button, self.tr("Previous page")),
            (self.next_button, self.tr("Next page")),
            (self.last_button, self.tr("Last page")),
        ):
            button.setToolTip(tip)
            button.setAccessibleName(tip)
        for index in range(self.page_size_box.count()):
            size = int(self.page_size_box.itemData(index))
            self.page_size_box.setItemText(index, self.tr("%n per page", "", size))
        self.show_state(self.page, self.page_count, self.total)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)
