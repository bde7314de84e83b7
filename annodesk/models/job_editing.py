"""The jobs tree, editable: a job's status and assignee change in place and stay marked until the server has them.

A change is shown at once (optimistic) and kept by job id — across task switches and tree reloads — until it is
confirmed (the server's job replaces it), rolled back (the server refused it) or discarded by the user. While it
is sent it is *saving* (not editable); when sending failed for a reason a retry can fix (network, server error)
it is *unsaved* and can be edited again, retried or discarded. The model never talks to the server: it asks for a
save with ``editRequested(job_id)``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import msgspec
from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont

from annodesk.api.models import Job, JobRef
from annodesk.i18n import LiveText, arg, live

from .job_tree import PAYLOAD_ROLE, JobTreeModel
from .tree import AnyIndex, TreeNode

SAVING = "saving"
UNSAVED = "unsaved"
STATUS_COLUMN = 1
ASSIGNEE_COLUMN = 2
EDITABLE_COLUMNS = (STATUS_COLUMN, ASSIGNEE_COLUMN)
EDIT_STATE_ROLE = Qt.ItemDataRole.UserRole + 20
"""On a job row: ``"saving"``, ``"unsaved"`` or ``None`` (as the server has it)."""
JOB_ID_ROLE = Qt.ItemDataRole.UserRole + 21
"""On a job row: the job's id (``None`` on segment rows)."""
CHANGED_BACKGROUND = {SAVING: QColor("#fff3cd"), UNSAVED: QColor("#fde2e1")}
UNSAVED_FOREGROUND = QColor("#b00020")


@dataclass
class JobChange:
    """A user's change to one job: ``original`` as the server had it when edited, ``wanted`` as shown."""

    job_id: int
    original: JobRef
    wanted: JobRef
    state: str = SAVING
    reason: LiveText = ""  # why it is not saved (state ``unsaved``)

    def fields(self) -> dict[str, Any]:
        """What to send: ``status`` and/or ``assignee`` (a user id or ``None``), only those that changed."""
        sent: dict[str, Any] = {}
        if self.wanted.status != self.original.status:
            sent["status"] = self.wanted.status
        if self.wanted.assignee_id != self.original.assignee_id:
            sent["assignee"] = self.wanted.assignee_id
        return sent

    def changed(self, column: int) -> bool:
        if column == STATUS_COLUMN:
            return self.wanted.status != self.original.status
        if column == ASSIGNEE_COLUMN:
            return self.wanted.assignee_id != self.original.assignee_id
        return False


def job_ref(job: Job | JobRef) -> JobRef:
    """The tree's view of a job the server returned."""
    return JobRef(id=job.id, status=job.status, url=job.url, assignee=job.assignee_id)


class EditableJobTreeModel(JobTreeModel):
    """The jobs tree with ``flags``/``setData`` on a job's status and assignee.

    ``EditRole`` gives the raw value (status as the server spells it, assignee as a user id or ``None``);
    ``setData`` takes the same. ``editRequested(job_id)``: a change waits to be sent. ``changesChanged``: a
    change appeared, moved on or went away (for notices).
    """

    editRequested = Signal(int)
    changesChanged = Signal()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._changes: dict[int, JobChange] = {}
        self._read_only: LiveText | None = None

    # -- state -----------------------------------------------------------------------------------

    def set_read_only(self, reason: LiveText | None) -> None:
        """Stop (``reason``: why, shown as the cells' tooltip) or allow editing."""
        self._read_only = reason
        self.retranslate()  # tooltips and flags are asked again

    @property
    def read_only_reason(self) -> str | None:
        return None if self._read_only is None else live(self._read_only)

    def change(self, job_id: int) -> JobChange | None:
        return self._changes.get(job_id)

    def changes(self, state: str | None = None) -> list[JobChange]:
        """Every change not yet confirmed (of any task), or those in ``state``."""
        return [change for change in self._changes.values() if state is None or change.state == state]

    def confirm(self, job_id: int, saved: Job | JobRef) -> None:
        """The server has the change: show its job and drop the change."""
        self._changes.pop(job_id, None)
        for node in self._job_nodes(job_id):
            node.payload = msgspec.structs.replace(job_ref(saved), url=saved.url or node.payload.url)
        self._job_changed(job_id)

    def roll_back(self, job_id: int) -> None:
        """Forget the change (refused, or discarded): the job shows what the server has."""
        if self._changes.pop(job_id, None) is not None:
            self._job_changed(job_id)

    def mark_unsaved(self, job_id: int, reason: LiveText) -> None:
        """Sending failed for a reason a retry can fix: keep the change, marked, with ``reason``."""
        change = self._changes.get(job_id)
        if change is not None:
            change.state, change.reason = UNSAVED, reason
            self._job_changed(job_id)

    def mark_saving(self, job_id: int) -> bool:
        """A kept change is sent again; ``False`` if there is none or it is already being sent."""
        change = self._changes.get(job_id)
        if change is None or change.state == SAVING:
            return False
        change.state, change.reason = SAVING, ""
        self._job_changed(job_id)
        return True

    def job_index(self, job_id: int, column: int = 0) -> QModelIndex:
        """The index of job ``job_id`` in ``column`` (invalid if the tree does not show it)."""
        node = next(self._job_nodes(job_id), None)
        if node is None:
            return QModelIndex()
        return self.createIndex(node.row, column, node.id)

    def _job_nodes(self, job_id: int) -> Iterator[TreeNode]:
        return (node for node in self._nodes.values() if node.kind == "job" and node.payload.id == job_id)

    def _job_changed(self, job_id: int) -> None:
        for node in self._job_nodes(job_id):
            last = len(self.headers) - 1
            self.dataChanged.emit(self.createIndex(node.row, 0, node.id), self.createIndex(node.row, last, node.id))
        self.changesChanged.emit()

    # -- QAbstractItemModel ----------------------------------------------------------------------

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        flags = super().flags(index)
        if self._read_only is None and index.isValid() and index.column() in EDITABLE_COLUMNS:
            node = self.node(index)
            if node.kind == "job":
                change = self._changes.get(node.payload.id)
                if change is None or change.state != SAVING:
                    flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not self.flags(index) & Qt.ItemFlag.ItemIsEditable:
            return False
        job: JobRef = self.node(index).payload
        change = self._changes.get(job.id)
        shown = change.wanted if change else job
        if index.column() == STATUS_COLUMN:
            if not isinstance(value, str) or not value:
                return False
            wanted = msgspec.structs.replace(shown, status=value)
        else:
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                return False
            wanted = msgspec.structs.replace(shown, assignee=value)
        if (wanted.status, wanted.assignee_id) == (shown.status, shown.assignee_id):
            return False
        original = change.original if change else job
        if (wanted.status, wanted.assignee_id) == (original.status, original.assignee_id):
            self.roll_back(job.id)  # changed back to what the server has: nothing to send
            return True
        self._changes[job.id] = JobChange(job.id, original, wanted)
        self._job_changed(job.id)
        self.editRequested.emit(job.id)
        return True

    def cell(self, node: TreeNode, column: int, role: int) -> Any:
        if node.kind == "segment" and column == 1 and role == Qt.ItemDataRole.DisplayRole:
            # PySide's tr() looks a plural up in this class's context only (an inherited self.tr plural stays
            # English), so the segment's job count is asked here again.
            return self.tr("%n job(s)", "", len(node.payload.jobs))
        if node.kind != "job":
            return super().cell(node, column, role)
        job: JobRef = node.payload
        if role == PAYLOAD_ROLE:
            return job
        if role == JOB_ID_ROLE:
            return job.id
        change = self._changes.get(job.id)
        shown = change.wanted if change else job
        if role == EDIT_STATE_ROLE:
            return change.state if change else None
        if role == Qt.ItemDataRole.EditRole:
            if column == STATUS_COLUMN:
                return shown.status
            if column == ASSIGNEE_COLUMN:
                return shown.assignee_id
            return None
        if change is not None:
            marked = self._changed_cell(change, column, role)
            if marked is not None:
                return marked
        elif role == Qt.ItemDataRole.ToolTipRole and column in EDITABLE_COLUMNS:
            if self._read_only is not None:
                return live(self._read_only)
            return self.tr("Double-click or press F2 to change it; right-click for more")
        return self._job_cell(shown, column, role)

    def _changed_cell(self, change: JobChange, column: int, role: int) -> Any:
        saving = change.state == SAVING
        if role == Qt.ItemDataRole.DisplayRole and column == 0:
            if saving:
                return arg(self.tr("Job #%1 (saving…)"), change.job_id)
            return arg(self.tr("Job #%1 (not saved)"), change.job_id)
        if role == Qt.ItemDataRole.ToolTipRole:
            if saving:
                return self.tr("Saving this change…")
            return arg(self.tr("Not saved: %1 Retry or discard it from the job's menu."), live(change.reason))
        if role == Qt.ItemDataRole.BackgroundRole and (column == 0 or change.changed(column)):
            return CHANGED_BACKGROUND[change.state]
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and not saving:
            return UNSAVED_FOREGROUND
        if role == Qt.ItemDataRole.FontRole and change.changed(column):
            font = QFont()
            font.setItalic(True)
            return font
        return None
