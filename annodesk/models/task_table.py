"""One page of tasks as a table model; sorting is asked of the server, not done locally."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from annodesk.api.models import Task, User
from annodesk.i18n import QT_TRANSLATE_NOOP, format_datetime, format_number, translated

from .elide import FULL_TEXT_ROLE, elided, tooltip_text
from .job_tree import user_label
from .thumbnails import LOADING, NO_DATA, NO_PREVIEW, ThumbnailStore
from .vocabulary import RAW_VALUE_ROLE, display_mode, display_status

AnyIndex = QModelIndex | QPersistentModelIndex
TASK_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TASK_ROLE = Qt.ItemDataRole.UserRole + 2
DISPLAY_ROLE = int(Qt.ItemDataRole.DisplayRole)
DECORATION_ROLE = int(Qt.ItemDataRole.DecorationRole)
# The roles data() answers; a view asks ~8 roles per cell on every paint, most of them none of these.
ANSWERED_ROLES = frozenset(
    int(role)
    for role in (
        DISPLAY_ROLE,
        DECORATION_ROLE,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.TextAlignmentRole,
        RAW_VALUE_ROLE,
        TASK_ID_ROLE,
        TASK_ROLE,
        FULL_TEXT_ROLE,
    )
)


@dataclass(frozen=True)
class Column:
    """A table column: its header (marked for translation), and the server's ``ordering`` field if sortable."""

    key: str
    title: str
    ordering: str | None = None


COLUMNS: tuple[Column, ...] = (
    Column("id", QT_TRANSLATE_NOOP("TaskTableModel", "ID"), "id"),
    Column("name", QT_TRANSLATE_NOOP("TaskTableModel", "Name"), "name"),
    Column("status", QT_TRANSLATE_NOOP("TaskTableModel", "Status"), "status"),
    Column("mode", QT_TRANSLATE_NOOP("TaskTableModel", "Mode")),
    Column("owner", QT_TRANSLATE_NOOP("TaskTableModel", "Owner"), "owner"),
    Column("assignee", QT_TRANSLATE_NOOP("TaskTableModel", "Assignee"), "assignee"),
    Column("size", QT_TRANSLATE_NOOP("TaskTableModel", "Size (frames)")),
    Column("created", QT_TRANSLATE_NOOP("TaskTableModel", "Created")),
    Column("updated", QT_TRANSLATE_NOOP("TaskTableModel", "Updated")),
    Column("preview", QT_TRANSLATE_NOOP("TaskTableModel", "Preview")),  # optional: hidden unless chosen (View menu)
)
NUMERIC = {"id", "size"}
PREVIEW_COLUMN = next(i for i, c in enumerate(COLUMNS) if c.key == "preview")


def format_time(value: datetime) -> str:
    """A timestamp in the user's local time, to the minute, as the chosen language writes it."""
    return format_datetime(value)


class TaskTableModel(QAbstractTableModel):
    """The tasks of the current page. ``sortRequested`` carries CVAT's ``ordering`` for a header click.

    Status and mode are shown translated; ``RAW_VALUE_ROLE`` gives the server's value.
    """

    sortRequested = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._tasks: tuple[Task, ...] = ()
        self._users: Mapping[int, User] = {}
        # Each row's display texts, made when first painted: repaints (scrolling) reuse them. Any dataChanged
        # (new user names, a retranslation) drops them.
        self._texts: list[tuple[str, ...] | None] = []
        self.dataChanged.connect(self._forget_texts)
        self.thumbnails: ThumbnailStore | None = None

    # -- content ---------------------------------------------------------------------------------

    def set_tasks(self, tasks: tuple[Task, ...], users: Mapping[int, User] | None = None) -> None:
        """Show ``tasks`` (one page); ``users`` names owners and assignees."""
        self.beginResetModel()
        self._tasks = tuple(tasks)
        self._texts = [None] * len(self._tasks)
        if users is not None:
            self._users = dict(users)
        self.endResetModel()

    def _forget_texts(self, _first: Any = None, _last: Any = None, roles: list[int] | None = None) -> None:
        if roles and DISPLAY_ROLE not in roles:
            return  # e.g. a thumbnail arrived: the texts are unchanged
        self._texts = [None] * len(self._tasks)

    def set_thumbnails(self, store: ThumbnailStore | None) -> None:
        """Show previews from ``store`` in the preview column (``None``: no previews)."""
        if self.thumbnails is not None:
            self.thumbnails.changed.disconnect(self._thumbnail_changed)
        self.thumbnails = store
        if store is not None:
            store.changed.connect(self._thumbnail_changed)

    def _thumbnail_changed(self, task_id: int) -> None:
        row = self.row_of(task_id)
        if row is not None:
            index = self.index(row, PREVIEW_COLUMN)
            self.dataChanged.emit(index, index, [Qt.ItemDataRole.DecorationRole])

    def remove_task(self, task_id: int) -> None:
        """Take a task off the page (it was deleted); others are unchanged."""
        row = self.row_of(task_id)
        if row is None:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        self._tasks = (*self._tasks[:row], *self._tasks[row + 1 :])
        del self._texts[row]
        self.endRemoveRows()

    def set_users(self, users: Mapping[int, User]) -> None:
        """Update the names shown for owners and assignees."""
        self._users = dict(users)
        if self._tasks:
            first = self.index(0, 0)
            last = self.index(len(self._tasks) - 1, len(COLUMNS) - 1)
            self.dataChanged.emit(first, last, [Qt.ItemDataRole.DisplayRole])

    def retranslate(self) -> None:
        """The language changed: views fetch headers and cells again (no reset: selection and scroll stay)."""
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(COLUMNS) - 1)
        if self._tasks:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._tasks) - 1, len(COLUMNS) - 1))

    def replace_task(self, task: Task) -> None:
        """Show a newer version of a task already on the page (matched by id); others are ignored."""
        row = self.row_of(task.id)
        if row is None or self._tasks[row] == task:
            return
        self._tasks = (*self._tasks[:row], task, *self._tasks[row + 1 :])
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    @property
    def tasks(self) -> tuple[Task, ...]:
        return self._tasks

    def task_at(self, row: int) -> Task | None:
        return self._tasks[row] if 0 <= row < len(self._tasks) else None

    def row_of(self, task_id: int) -> int | None:
        """The row showing task ``task_id``, or ``None``."""
        return next((row for row, task in enumerate(self._tasks) if task.id == task_id), None)

    # -- QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._tasks)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(COLUMNS):
            return None
        column = COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return translated("TaskTableModel", column.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.ordering:
                return QCoreApplication.translate("TaskTableModel", "Click to sort on the server")
            return QCoreApplication.translate("TaskTableModel", "The server cannot sort by this")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in ANSWERED_ROLES or not index.isValid():
            return None
        row = index.row()
        if not 0 <= row < len(self._tasks):
            return None
        task = self._tasks[row]
        if role == DISPLAY_ROLE:
            texts = self._texts[row]
            if texts is None:
                texts = self._texts[row] = tuple(self._display(task, column.key) for column in COLUMNS)
            return texts[index.column()]
        key = COLUMNS[index.column()].key
        if key == "preview":
            return self._preview(task, role)
        if role == Qt.ItemDataRole.ToolTipRole and key == "name":
            return tooltip_text(task.name)
        if role == FULL_TEXT_ROLE:
            return task.name if key == "name" else self._display(task, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key in NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RAW_VALUE_ROLE:
            return {"status": task.status, "mode": task.mode}.get(key)
        if role == TASK_ID_ROLE:
            return task.id
        if role == TASK_ROLE:
            return task
        return None

    def _preview(self, task: Task, role: int) -> Any:
        store = self.thumbnails
        if role == DECORATION_ROLE:
            return None if store is None else store.pixmap(task)
        if role == Qt.ItemDataRole.ToolTipRole and store is not None:
            state = store.state(task)
            if state == NO_DATA:
                return QCoreApplication.translate("TaskTableModel", "No preview: the task has no data yet")
            if state == NO_PREVIEW:
                return QCoreApplication.translate("TaskTableModel", "No preview could be loaded")
            if state == LOADING:
                return QCoreApplication.translate("TaskTableModel", "Loading the preview…")
        if role == TASK_ID_ROLE:
            return task.id
        if role == TASK_ROLE:
            return task
        return None

    def _display(self, task: Task, key: str) -> str:
        if key == "id":
            return str(task.id)
        if key == "name":
            return elided(task.name)
        if key == "status":
            return display_status(task.status)
        if key == "mode":
            return display_mode(task.mode) if task.mode else QCoreApplication.translate("TaskTableModel", "(no data)")
        if key == "owner":
            return elided(user_label(task.owner_id, self._users))
        if key == "assignee":
            return elided(user_label(task.assignee_id, self._users))
        if key == "size":
            return "" if task.size is None else format_number(task.size)
        if key == "created":
            return format_time(task.created_date)
        if key == "updated":
            return format_time(task.updated_date)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the server to sort: emits ``sortRequested`` with e.g. ``"-name"``; no local reordering."""
        ordering = COLUMNS[column].ordering if 0 <= column < len(COLUMNS) else None
        if ordering is None:
            return
        prefix = "-" if order == Qt.SortOrder.DescendingOrder else ""
        self.sortRequested.emit(prefix + ordering)


def sortable(column: int) -> bool:
    """Whether the server can sort by ``column``."""
    return 0 <= column < len(COLUMNS) and COLUMNS[column].ordering is not None
