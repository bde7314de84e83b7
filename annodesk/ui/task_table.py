"""The task table widget: one row per task of the page, single selection, a context menu for the selected task."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from annodesk.api.models import Task
from annodesk.models.task_table import COLUMNS, TaskTableModel, sortable

from .copy_text import add_copy_action

DEFAULT_WIDTHS = (60, 320, 90, 100, 90, 90, 90, 130, 130)
SELECT = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows


class TaskTable(QTableView):
    """A :class:`TaskTableModel` 's view. ``menu`` is the context menu features add their task actions to."""

    def __init__(self, model: TaskTableModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tasks = model
        self.setModel(model)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)  # Tab moves on to the pager, the details, the trees
        add_copy_action(self)  # the whole text of a cell the table shows cut
        self.setWordWrap(False)
        header = self.horizontalHeader()
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(0, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.menu = QMenu(self)
        self.menu.setToolTipsVisible(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._show_menu)

    def default_widths(self) -> None:
        """The first start's column widths, each at least its header's (with a larger font, in Chinese)."""
        header = self.horizontalHeader()
        for column, width in enumerate(DEFAULT_WIDTHS):
            self.setColumnWidth(column, max(width, header.sectionSizeHint(column)))

    def selected_task(self) -> Task | None:
        index = self.selectionModel().currentIndex()
        return self.tasks.task_at(index.row()) if index.isValid() else None

    def select_row(self, row: int | None) -> None:
        """Make ``row`` the current, selected row (``None``: no row)."""
        if row is None:
            self.selectionModel().setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
        else:
            self.selectionModel().setCurrentIndex(self.tasks.index(row, 0), SELECT)

    def select_task(self, task_id: int) -> bool:
        """Select the row of ``task_id``; whether the page has it."""
        row = self.tasks.row_of(task_id)
        if row is not None:
            self.select_row(row)
        return row is not None

    def _show_menu(self, position: QPoint) -> None:
        """The menu for the row under the pointer (selected first), else for the selected row (the menu key)."""
        index = self.indexAt(position)
        if not index.isValid():
            index = self.selectionModel().currentIndex()
            position = self.visualRect(index).center()
        elif index.row() != self.selectionModel().currentIndex().row():
            self.selectRow(index.row())
        if index.isValid():
            self.menu.popup(self.viewport().mapToGlobal(position))


def ordering_of(section: int, order: Qt.SortOrder) -> str:
    """CVAT's ``ordering`` for a header's sort indicator (empty: the server's default, newest first)."""
    if not sortable(section):
        return ""
    field = COLUMNS[section].ordering or ""
    ordering = ("-" if order == Qt.SortOrder.DescendingOrder else "") + field
    return "" if ordering == "-id" else ordering  # -id is the server's default


def column_of(ordering: str) -> tuple[int, Qt.SortOrder]:
    """The header section and order that show ``ordering``."""
    descending = ordering.startswith("-") or not ordering
    field = ordering.lstrip("-") or "id"
    section = next((i for i, c in enumerate(COLUMNS) if c.ordering == field), 0)
    return section, Qt.SortOrder.DescendingOrder if descending else Qt.SortOrder.AscendingOrder
