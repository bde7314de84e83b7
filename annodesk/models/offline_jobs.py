"""The checked-out jobs (the *Offline jobs* view): one row per checkout, with its server, task, size on disk, base
version, local changes, last sync and state."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annodesk.i18n import QT_TRANSLATE_NOOP, arg, format_datetime, format_number, format_size, translated
from annodesk.session.sync import (
    JOB_DELETED,
    LABELS_CHANGED,
    REASSIGNED,
    STATUS,
    TASK_DELETED,
    ServerChange,
    SyncImpossible,
)
from annodesk.tasks.offline import (
    CHANGED_HERE,
    CHANGED_ON_SERVER,
    CONFLICTS,
    IN_SYNC,
    INCOMPLETE,
    UNAVAILABLE,
    OfflineJob,
)

from .vocabulary import display_status

OFFLINE_JOB_ROLE = Qt.ItemDataRole.UserRole + 31
SORT_ROLE = Qt.ItemDataRole.UserRole + 32
(JOB_COLUMN, TASK_COLUMN, SERVER_COLUMN, FRAMES_COLUMN, SIZE_COLUMN, VERSION_COLUMN, CHANGES_COLUMN, SYNCED_COLUMN,
 STATE_COLUMN) = range(9)  # fmt: skip
HEADERS = (
    QT_TRANSLATE_NOOP("OfflineJobsModel", "Job"),
    QT_TRANSLATE_NOOP("OfflineJobsModel", "Task"),
    QT_TRANSLATE_NOOP("OfflineJobsModel", "Server"),
    QT_TRANSLATE_NOOP("OfflineJobsModel", "Frames"),
    QT_TRANSLATE_NOOP("OfflineJobsModel", "Size on disk"),
    QT_TRANSLATE_NOOP("OfflineJobsModel", "Base version"),
    QT_TRANSLATE_NOOP("OfflineJobsModel", "Local changes"),
    QT_TRANSLATE_NOOP("OfflineJobsModel", "Last sync"),
    QT_TRANSLATE_NOOP("OfflineJobsModel", "State"),
)
STATES = {
    IN_SYNC: QT_TRANSLATE_NOOP("OfflineJobsModel", "In sync"),
    CHANGED_HERE: QT_TRANSLATE_NOOP("OfflineJobsModel", "Changed here"),
    CHANGED_ON_SERVER: QT_TRANSLATE_NOOP("OfflineJobsModel", "Changed on the server"),
    CONFLICTS: QT_TRANSLATE_NOOP("OfflineJobsModel", "Conflicts"),
    UNAVAILABLE: QT_TRANSLATE_NOOP("OfflineJobsModel", "Cannot be synced"),
    INCOMPLETE: QT_TRANSLATE_NOOP("OfflineJobsModel", "Download unfinished"),
}
STATE_COLORS = {CHANGED_HERE: "#1565c0", CHANGED_ON_SERVER: "#6a1b9a", CONFLICTS: "#b00020", UNAVAILABLE: "#b00020",
                INCOMPLETE: "#8a5a00"}  # fmt: skip


def change_sentence(change: ServerChange) -> str:
    """What changed on the server while the job was out, as a sentence."""
    before, after = change.before or "", change.after or ""
    if change.kind == REASSIGNED:
        if not change.after:
            return arg(QCoreApplication.translate("OfflineJobs", "It is no longer assigned to %1."), before)
        if not change.before:
            return arg(QCoreApplication.translate("OfflineJobs", "It was assigned to %1."), after)
        return arg(QCoreApplication.translate("OfflineJobs", "It was reassigned from %1 to %2."), before, after)
    if change.kind == STATUS:
        return arg(
            QCoreApplication.translate("OfflineJobs", "Its status changed from “%1” to “%2”."),
            display_status(before),
            display_status(after),
        )
    if change.kind == JOB_DELETED:
        return QCoreApplication.translate("OfflineJobs", "The job was deleted on the server.")
    if change.kind == TASK_DELETED:
        return arg(QCoreApplication.translate("OfflineJobs", "Its task “%1” was deleted on the server."), before)
    if change.kind == LABELS_CHANGED:
        return arg(QCoreApplication.translate("OfflineJobs", "The task's labels changed; they are now: %1."), after)
    return QCoreApplication.translate("OfflineJobs", "The job changed on the server.")


def joined(sentences: Iterable[str]) -> str:
    """Sentences one after the other: a space after a Latin full stop, none after a Chinese one (。)."""
    text = ""
    for sentence in sentences:
        text += sentence if not text or text.endswith(("。", "！", "？")) else " " + sentence
    return text


def changes_text(job_id: int, changes: tuple[ServerChange, ...]) -> str:
    """Every change of a job on the server, after the job's name."""
    sentences = joined(change_sentence(change) for change in changes)
    return arg(QCoreApplication.translate("OfflineJobs", "Job #%1 changed on the server while it was out: %2"),
               job_id, sentences)  # fmt: skip


def impossible_text(job_id: int, outcome: SyncImpossible) -> str:
    """Why a job's edits can no longer be sent, and that they are kept (and can be exported)."""
    kinds = {change.kind for change in outcome.changes}
    sentences = joined(change_sentence(change) for change in outcome.changes)
    if outcome.refusal is not None:
        why = arg(QCoreApplication.translate("OfflineJobs", "The server refused the edits: “%1”."),
                  outcome.refusal.reason)  # fmt: skip
    elif kinds & {JOB_DELETED, TASK_DELETED}:
        why = ""
    elif LABELS_CHANGED in kinds:
        why = QCoreApplication.translate("OfflineJobs", "Labels the edits use were removed on the server.")
    else:
        why = QCoreApplication.translate("OfflineJobs", "The server no longer accepts them.")
    reasons = joined(text for text in (sentences, why) if text)
    return arg(
        QCoreApplication.translate(
            "OfflineJobs",
            "Job #%1 can no longer be synced. %2 Its edits are kept on this computer: export them to a file in "
            "CVAT's format to keep them.",
        ),
        job_id,
        reasons,
    )


class OfflineJobsModel(QAbstractTableModel):
    """Rows: :class:`OfflineJob` s, by server and job. ``OFFLINE_JOB_ROLE`` on any cell: the row's job;
    ``SORT_ROLE``: a value that sorts (numbers as numbers)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.jobs: list[OfflineJob] = []

    def set_jobs(self, jobs: Iterable[OfflineJob]) -> None:
        """Show ``jobs``: rows of the same jobs are updated in place (selection stays), others reset the model."""
        jobs = list(jobs)
        if [(job.server, job.job_id) for job in jobs] == [(job.server, job.job_id) for job in self.jobs]:
            changed = [row for row, (old, new) in enumerate(zip(self.jobs, jobs, strict=True)) if old != new]
            self.jobs = jobs
            if changed:
                self.dataChanged.emit(self.index(min(changed), 0), self.index(max(changed), STATE_COLUMN))
            return
        self.beginResetModel()
        self.jobs = jobs
        self.endResetModel()

    def row_of(self, job_id: int, server: str | None = None) -> int | None:
        return next(
            (
                row
                for row, job in enumerate(self.jobs)
                if job.job_id == job_id and (server is None or job.server == server)
            ),
            None,
        )

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self.jobs:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.jobs) - 1, STATE_COLUMN))

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.jobs)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return translated("OfflineJobsModel", HEADERS[section])
        if role == Qt.ItemDataRole.TextAlignmentRole and section in (SIZE_COLUMN, VERSION_COLUMN, CHANGES_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.jobs):
            return None
        job, column = self.jobs[index.row()], index.column()
        if role == OFFLINE_JOB_ROLE:
            return job
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(job, column)
        if role == SORT_ROLE:
            return self._sort_value(job, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(job, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (SIZE_COLUMN, VERSION_COLUMN, CHANGES_COLUMN):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and column == STATE_COLUMN and job.state in STATE_COLORS:
            return QColor(STATE_COLORS[job.state])
        return None

    def _text(self, job: OfflineJob, column: int) -> str:
        if column == JOB_COLUMN:
            return arg(self.tr("Job #%1"), job.job_id)
        if column == TASK_COLUMN:
            return f"#{job.task_id} {job.task_name}"
        if column == SERVER_COLUMN:
            return job.server
        if column == FRAMES_COLUMN:
            first, last, count = (format_number(n) for n in (job.start_frame, job.stop_frame, job.frame_count))
            return f"{first}–{last} ({count})"
        if column == SIZE_COLUMN:
            return format_size(job.size)
        if column == VERSION_COLUMN:
            return format_number(job.base_version)
        if column == CHANGES_COLUMN:
            return format_number(job.local_changes)
        if column == SYNCED_COLUMN:
            return format_datetime(job.synced)
        return self.state_text(job)

    def state_text(self, job: OfflineJob) -> str:
        """The state in words (with the number of conflicts when there are some)."""
        if job.state == CONFLICTS and job.conflicts:
            return arg(self.tr("Conflicts (%1)"), format_number(job.conflicts))
        return translated("OfflineJobsModel", STATES.get(job.state, STATES[IN_SYNC]))

    def _tooltip(self, job: OfflineJob, column: int) -> str | None:
        if column == STATE_COLUMN:
            if job.state == INCOMPLETE:
                return self.tr("Some frames are not on this computer yet: take the job offline again to resume.")
            if not job.checked:
                return self.tr("As far as this computer knows: the server has not been asked yet.")
            return None
        if column == CHANGES_COLUMN:
            return self.tr("Edits made here and not yet sent to the server")
        if column == VERSION_COLUMN:
            return self.tr("The server's annotation version the local copy is based on")
        if column == TASK_COLUMN:
            return self._text(job, column)
        return None

    @staticmethod
    def _sort_value(job: OfflineJob, column: int) -> Any:
        values = {
            JOB_COLUMN: job.job_id, TASK_COLUMN: job.task_name.lower(), SERVER_COLUMN: job.server,
            FRAMES_COLUMN: job.frame_count, SIZE_COLUMN: job.size, VERSION_COLUMN: job.base_version,
            CHANGES_COLUMN: job.local_changes, SYNCED_COLUMN: job.synced, STATE_COLUMN: job.state,
        }  # fmt: skip
        return values.get(column)
