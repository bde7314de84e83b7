"""The workspace's job info panel: status (changed here, only ``status`` is sent), assignee, frames, counts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSignalBlocker, Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from annodesk.i18n import arg, format_number
from annodesk.models.vocabulary import STATUS
from annodesk.models.workspace_words import SHAPE_TYPE
from annodesk.workspace.controller import JOB_STATUSES, WorkspaceController
from annodesk.workspace.frame_objects import SHAPE_TYPES, TAG


class JobInfoPanel(QWidget):
    """Shows the job; the status box sends a status change through the controller (rolled back if refused)."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.status_box = QComboBox()
        self.status_box.activated.connect(self._status_picked)
        self.assignee_value = QLabel()
        self.frames_value = QLabel()
        self.task_value = QLabel()
        self.task_value.setWordWrap(True)
        self.total_value = QLabel()
        self.titles = {key: QLabel() for key in ("status", "assignee", "frames", "task", "total")}
        form = QFormLayout()
        form.addRow(self.titles["task"], self.task_value)
        form.addRow(self.titles["status"], self.status_box)
        form.addRow(self.titles["assignee"], self.assignee_value)
        form.addRow(self.titles["frames"], self.frames_value)
        form.addRow(self.titles["total"], self.total_value)
        self.titles["status"].setBuddy(self.status_box)
        self.counts = QTableWidget()
        self.counts.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.counts.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(form)
        layout.addWidget(self.counts, 1)
        controller.loaded.connect(self.show_job)
        controller.statusChanged.connect(lambda _status: self._show_status())
        self.users: dict[int, str] = {}
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.titles["task"].setText(self.tr("Task:"))
        self.titles["status"].setText(self.tr("&Status:"))
        self.titles["assignee"].setText(self.tr("Assignee:"))
        self.titles["frames"].setText(self.tr("Frames:"))
        self.titles["total"].setText(self.tr("Objects:"))
        with QSignalBlocker(self.status_box):
            self.status_box.clear()
            for status in JOB_STATUSES:
                self.status_box.addItem(STATUS.display(status), status)
        self.show_job()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def set_user_names(self, names: dict[int, str]) -> None:
        """Names to show for assignee ids (the task view's users list, when it has one)."""
        self.users = dict(names)
        self.show_job()

    def show_job(self) -> None:
        job, task, counts = self.controller.job, self.controller.task, self.controller.counts
        if job is None or task is None:
            return
        self.task_value.setText(f"#{task.id} {task.name}")
        assignee = job.assignee_id
        self.assignee_value.setText(
            "—" if assignee is None else self.users.get(assignee, arg(self.tr("user #%1"), assignee))
        )
        self.frames_value.setText(
            arg(
                self.tr("%1–%2 (%3 frames)"),
                format_number(job.start_frame),
                format_number(job.stop_frame),
                format_number(job.stop_frame - job.start_frame + 1),
            )
        )
        self._show_status()
        if counts is None:
            return
        self.total_value.setText(format_number(counts.total))
        columns = [t for t in (*SHAPE_TYPES, TAG) if counts.by_type.get(t)]
        labels = [label for label in task.labels if counts.by_label.get(label.id)]
        self.counts.clear()
        self.counts.setColumnCount(len(columns) + 1)
        self.counts.setRowCount(len(labels) + 1)
        self.counts.setHorizontalHeaderLabels([SHAPE_TYPE.display(t) for t in columns] + [self.tr("All")])
        self.counts.setVerticalHeaderLabels([label.name for label in labels] + [self.tr("All labels")])
        for row, label in enumerate(labels):
            per_kind = counts.by_label[label.id]
            for column, shape_type in enumerate(columns):
                amount = sum(n for key, n in per_kind.items() if key == shape_type or key.startswith(f"{shape_type} "))
                self._cell(row, column, amount, per_kind, shape_type)
            self._cell(row, len(columns), sum(per_kind.values()))
        for column, shape_type in enumerate(columns):
            self._cell(len(labels), column, counts.by_type[shape_type])
        self._cell(len(labels), len(columns), counts.total)
        self.counts.resizeColumnsToContents()

    def _cell(self, row: int, column: int, amount: int, per_kind: object = None, shape_type: str = "") -> None:
        item = QTableWidgetItem(format_number(amount))
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if per_kind is not None and shape_type != TAG:
            shapes = per_kind.get(f"{shape_type} shape", 0)  # type: ignore[attr-defined]
            tracks = per_kind.get(f"{shape_type} track", 0)  # type: ignore[attr-defined]
            item.setToolTip(arg(self.tr("%1 shapes, %2 tracks"), format_number(shapes), format_number(tracks)))
        self.counts.setItem(row, column, item)

    def _show_status(self) -> None:
        job = self.controller.job
        if job is None:
            return
        with QSignalBlocker(self.status_box):
            self.status_box.setCurrentIndex(max(0, self.status_box.findData(job.status)))

    def _status_picked(self, index: int) -> None:
        self.controller.set_status(self.status_box.itemData(index))
