"""The first start's column widths leave every header whole, whatever the font ("Size (frames)" was cut to
"ize (frames" at 10 pt)."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QFont

from annodesk.models.task_table import TaskTableModel
from annodesk.ui.task_table import DEFAULT_WIDTHS, TaskTable


def test_default_widths_fit_every_header(qtbot: Any) -> None:
    model = TaskTableModel()
    table = TaskTable(model)
    qtbot.addWidget(table)
    font = QFont(table.font())
    font.setPointSize(11)
    table.horizontalHeader().setFont(font)
    table.default_widths()
    header = table.horizontalHeader()
    columns = min(len(DEFAULT_WIDTHS), model.columnCount())
    for column in range(columns):
        text = str(model.headerData(column, header.orientation()))
        needed = header.fontMetrics().horizontalAdvance(text)
        assert table.columnWidth(column) >= max(needed, DEFAULT_WIDTHS[column]), text
