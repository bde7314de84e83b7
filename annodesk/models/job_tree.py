"""Segments (start–stop frames) → jobs of a task, as a tree model."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annodesk.api.models import JobRef, Segment, User
from annodesk.i18n import QT_TRANSLATE_NOOP, arg

from .tree import TreeModel, TreeNode
from .vocabulary import RAW_VALUE_ROLE, display_status

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1
UNSAVED_EDITS_ROLE = Qt.ItemDataRole.UserRole + 2
OFFLINE_ROLE = Qt.ItemDataRole.UserRole + 3  # the job is checked out to this computer (issue 16)
"""On a job row: ``True`` when this computer holds annotation edits of the job not saved to the server."""
STATUS_COLORS = {"annotation": "#1f6fb2", "validation": "#b26b00", "completed": "#2e7d32"}


def user_label(user_id: int | None, users: Mapping[int, User]) -> str:
    """A user's name for display: username if known, ``#id`` otherwise, empty for nobody."""
    if user_id is None:
        return ""
    user = users.get(user_id)
    return user.username if user else f"#{user_id}"


class JobTreeModel(TreeModel):
    """Columns: segment or job, status, assignee, URL. ``RAW_VALUE_ROLE`` on a job's status: the server's value."""

    context = "JobTreeModel"
    headers = (
        QT_TRANSLATE_NOOP("JobTreeModel", "Segment / job"),
        QT_TRANSLATE_NOOP("JobTreeModel", "Status"),
        QT_TRANSLATE_NOOP("JobTreeModel", "Assignee"),
        QT_TRANSLATE_NOOP("JobTreeModel", "URL"),
    )

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._users: Mapping[int, User] = {}
        self._unsaved_edits: frozenset[int] = frozenset()
        self._offline: frozenset[int] = frozenset()  # jobs checked out to this computer (issue 16)

    def set_unsaved_edits(self, job_ids: Iterable[int]) -> None:
        """Mark the jobs with annotation edits not saved yet (from the edit journal); the others unmarked."""
        marked = frozenset(job_ids)
        changed = marked ^ self._unsaved_edits
        self._unsaved_edits = marked
        for node in list(self._nodes.values()):
            if node.kind == "job" and node.payload.id in changed:
                self.dataChanged.emit(
                    self.createIndex(node.row, 0, node.id), self.createIndex(node.row, len(self.headers) - 1, node.id)
                )

    def set_offline_jobs(self, job_ids: Iterable[int]) -> None:
        """Mark the jobs kept on this computer for work with no network (checked out); the others unmarked."""
        marked = frozenset(job_ids)
        changed = marked ^ self._offline
        self._offline = marked
        for node in list(self._nodes.values()):
            if node.kind == "job" and node.payload.id in changed:
                self.dataChanged.emit(
                    self.createIndex(node.row, 0, node.id), self.createIndex(node.row, len(self.headers) - 1, node.id)
                )

    def is_offline(self, job_id: int) -> bool:
        return job_id in self._offline

    def has_unsaved_edits(self, job_id: int) -> bool:
        return job_id in self._unsaved_edits

    def set_segments(self, segments: tuple[Segment, ...], users: Mapping[int, User] | None = None) -> None:
        """Show ``segments`` in frame order; ``users`` turns assignee ids into names."""
        self._users = dict(users or {})
        root = TreeNode("root", None)
        for segment in sorted(segments, key=lambda s: (s.start_frame, s.stop_frame)):
            segment_node = root.add("segment", segment)
            for job in sorted(segment.jobs, key=lambda j: j.id):
                segment_node.add("job", job)
        self._replace_root(root)

    def cell(self, node: TreeNode, column: int, role: int) -> Any:
        if role == PAYLOAD_ROLE:
            return node.payload
        if node.kind == "segment":
            segment: Segment = node.payload
            if role == Qt.ItemDataRole.DisplayRole and column == 0:
                return arg(self.tr("Frames %1–%2"), segment.start_frame, segment.stop_frame)
            if role == Qt.ItemDataRole.DisplayRole and column == 1:
                return self.tr("%n job(s)", "", len(segment.jobs))
            return None
        if node.kind == "job":
            return self._job_cell(node.payload, column, role)
        return None

    def _job_cell(self, job: JobRef, column: int, role: int) -> Any:
        unsaved, offline = job.id in self._unsaved_edits, job.id in self._offline
        if role == UNSAVED_EDITS_ROLE:
            return unsaved
        if role == OFFLINE_ROLE:
            return offline
        if unsaved and column == 0 and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Annotation edits of this job are on this computer but not saved to the server yet")
        if offline and column == 0 and role == Qt.ItemDataRole.ToolTipRole:
            return self.tr("Kept on this computer for work with no network (View ▸ Offline jobs)")
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                if unsaved and offline:
                    return arg(self.tr("Job #%1 • offline, unsaved edits"), job.id)
                if offline:
                    return arg(self.tr("Job #%1 • offline"), job.id)
                return arg(self.tr("Job #%1 • unsaved edits"), job.id) if unsaved else arg(self.tr("Job #%1"), job.id)
            if column == 1:
                return display_status(job.status)
            if column == 2:
                return user_label(job.assignee_id, self._users)
            if column == 3:
                return job.url
        if role == RAW_VALUE_ROLE and column == 1:
            return job.status
        if role == Qt.ItemDataRole.ForegroundRole and column == 1 and job.status in STATUS_COLORS:
            return QColor(STATUS_COLORS[job.status])
        return None
