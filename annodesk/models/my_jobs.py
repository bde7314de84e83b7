"""The signed-in user's jobs across all their tasks (the *My jobs* view)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annodesk.i18n import QT_TRANSLATE_NOOP, arg, format_number, translated
from annodesk.session.my_jobs import AssignedJob

from .job_tree import STATUS_COLORS
from .vocabulary import RAW_VALUE_ROLE, display_status

JOB_ROLE = Qt.ItemDataRole.UserRole + 23
JOB_COLUMN, TASK_COLUMN, STATUS_COLUMN, FRAMES_COLUMN = range(4)
HEADERS = (
    QT_TRANSLATE_NOOP("MyJobsModel", "Job"),
    QT_TRANSLATE_NOOP("MyJobsModel", "Task"),
    QT_TRANSLATE_NOOP("MyJobsModel", "Status"),
    QT_TRANSLATE_NOOP("MyJobsModel", "Frames"),
)


class MyJobsModel(QAbstractTableModel):
    """Rows: :class:`AssignedJob` s. ``JOB_ROLE`` on any cell: the job."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.jobs: list[AssignedJob] = []

    def set_jobs(self, jobs: Iterable[AssignedJob]) -> None:
        self.beginResetModel()
        self.jobs = list(jobs)
        self.endResetModel()

    def row_of(self, job_id: int) -> int | None:
        return next((row for row, job in enumerate(self.jobs) if job.job_id == job_id), None)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self.jobs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.jobs) - 1, FRAMES_COLUMN))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.jobs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return translated("MyJobsModel", HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.jobs):
            return None
        job, column = self.jobs[index.row()], index.column()
        if role == JOB_ROLE:
            return job
        if role == Qt.ItemDataRole.DisplayRole:
            if column == JOB_COLUMN:
                return arg(self.tr("Job #%1"), job.job_id)
            if column == TASK_COLUMN:
                return f"#{job.task_id} {job.task_name}"
            if column == STATUS_COLUMN:
                return display_status(job.status)
            if column == FRAMES_COLUMN:
                first, last, count = (format_number(n) for n in (job.start_frame, job.stop_frame, job.frame_count))
                return f"{first}–{last} ({count})"
        if role == RAW_VALUE_ROLE and column == STATUS_COLUMN:
            return job.status
        if role == Qt.ItemDataRole.ForegroundRole and column == STATUS_COLUMN and job.status in STATUS_COLORS:
            return QColor(STATUS_COLORS[job.status])
        return None
