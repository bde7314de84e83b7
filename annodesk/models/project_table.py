"""One page of projects as a table model; sorting is asked of the server (CVAT's ``ordering``), not done here."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt, Signal

from annodesk.api.models import User
from annodesk.api.projects import Project
from annodesk.i18n import QT_TRANSLATE_NOOP, format_datetime, translated

from .elide import FULL_TEXT_ROLE, elided, tooltip_text
from .job_tree import user_label
from .task_table import Column
from .vocabulary import RAW_VALUE_ROLE, display_status

AnyIndex = QModelIndex | QPersistentModelIndex
PROJECT_ROLE = Qt.ItemDataRole.UserRole + 3

PROJECT_COLUMNS: tuple[Column, ...] = (
    Column("id", QT_TRANSLATE_NOOP("ProjectTableModel", "ID"), "id"),
    Column("name", QT_TRANSLATE_NOOP("ProjectTableModel", "Name"), "name"),
    Column("status", QT_TRANSLATE_NOOP("ProjectTableModel", "Status"), "status"),
    Column("owner", QT_TRANSLATE_NOOP("ProjectTableModel", "Owner"), "owner"),
    Column("assignee", QT_TRANSLATE_NOOP("ProjectTableModel", "Assignee"), "assignee"),
    Column("created", QT_TRANSLATE_NOOP("ProjectTableModel", "Created")),
)


class ProjectTableModel(QAbstractTableModel):
    """The projects of the page shown. ``sortRequested`` carries CVAT's ``ordering`` for a header click; status is
    shown translated (``RAW_VALUE_ROLE``: the server's value); ``PROJECT_ROLE`` gives the project."""

    sortRequested = Signal(str)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._projects: tuple[Project, ...] = ()
        self._users: Mapping[int, User] = {}

    def set_projects(self, projects: tuple[Project, ...], users: Mapping[int, User] | None = None) -> None:
        """Show ``projects`` (one page); ``users`` names owners and assignees."""
        self.beginResetModel()
        self._projects = tuple(projects)
        if users is not None:
            self._users = dict(users)
        self.endResetModel()

    def set_users(self, users: Mapping[int, User]) -> None:
        self._users = dict(users)
        self._all_changed()

    def replace_project(self, project: Project) -> None:
        """Show a newer copy of a project on the page (matched by id)."""
        row = self.row_of(project.id)
        if row is None or self._projects[row] == project:
            return
        self._projects = (*self._projects[:row], project, *self._projects[row + 1 :])
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(PROJECT_COLUMNS) - 1))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(PROJECT_COLUMNS) - 1)
        self._all_changed()

    def _all_changed(self) -> None:
        if self._projects:
            last = self.index(len(self._projects) - 1, len(PROJECT_COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    @property
    def projects(self) -> tuple[Project, ...]:
        return self._projects

    def project_at(self, row: int) -> Project | None:
        return self._projects[row] if 0 <= row < len(self._projects) else None

    def row_of(self, project_id: int) -> int | None:
        return next((row for row, project in enumerate(self._projects) if project.id == project_id), None)

    # -- QAbstractTableModel ---------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._projects)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PROJECT_COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(PROJECT_COLUMNS):
            return None
        column = PROJECT_COLUMNS[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return translated("ProjectTableModel", column.title)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column.ordering:
                return QCoreApplication.translate("ProjectTableModel", "Click to sort on the server")
            return QCoreApplication.translate("ProjectTableModel", "The server cannot sort by this")
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._projects):
            return None
        project = self._projects[index.row()]
        key = PROJECT_COLUMNS[index.column()].key
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(project, key)
        if role == Qt.ItemDataRole.ToolTipRole and key == "name":
            return tooltip_text(project.name)
        if role == FULL_TEXT_ROLE:
            return project.name if key == "name" else self._display(project, key)
        if role == Qt.ItemDataRole.TextAlignmentRole and key == "id":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == RAW_VALUE_ROLE and key == "status":
            return project.status
        if role == PROJECT_ROLE:
            return project
        return None

    def _display(self, project: Project, key: str) -> str:
        if key == "id":
            return str(project.id)
        if key == "name":
            return elided(project.name)
        if key == "status":
            return display_status(project.status)
        if key == "owner":
            return elided(user_label(project.owner_id, self._users))
        if key == "assignee":
            return elided(user_label(project.assignee_id, self._users))
        if key == "created":
            return format_datetime(project.created_date)
        return ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Ask the server to sort: emits ``sortRequested`` with e.g. ``"-name"``; no local reordering."""
        ordering = PROJECT_COLUMNS[column].ordering if 0 <= column < len(PROJECT_COLUMNS) else None
        if ordering is not None:
            self.sortRequested.emit(("-" if order == Qt.SortOrder.DescendingOrder else "") + ordering)
