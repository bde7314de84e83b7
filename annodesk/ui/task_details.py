"""The details pane of the selected task: properties, preview, labels tree and jobs tree."""

from __future__ import annotations

import html
from collections.abc import Mapping

from PySide6.QtCore import QEvent, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from annodesk.api.models import JobRef, Task, User
from annodesk.i18n import QT_TRANSLATE_NOOP, arg, format_number, translated
from annodesk.models.elide import DISPLAY_CHARS, elided, tooltip_text
from annodesk.models.job_editing import EditableJobTreeModel
from annodesk.models.job_tree import PAYLOAD_ROLE, JobTreeModel, user_label
from annodesk.models.label_tree import LabelTreeModel
from annodesk.models.task_table import format_time
from annodesk.models.vocabulary import display_chunk_type, display_mode, display_status
from annodesk.ui.copy_text import add_copy_action

PREVIEW_SIZE = 256
PROPERTIES_BESIDE_WIDTH = 260  # px the properties need beside the preview (labels, dates on one line)


def _tree(model: LabelTreeModel | JobTreeModel) -> QTreeView:
    view = QTreeView()
    view.setModel(model)
    view.setUniformRowHeights(True)
    view.setAlternatingRowColors(True)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.header().setStretchLastSection(True)
    view.setTabKeyNavigation(False)  # Tab leaves the tree (to the next widget), as in any Qt app
    add_copy_action(view)
    return view


class TaskDetails(QWidget):
    """Shows one task. ``show_task(None)`` shows the empty state; ``shown(task or None)`` follows each call.

    Extension hooks for features: :meth:`add_action` puts a button for a task action (edit, export…) under the
    title; ``jobMenuRequested(menu, job)`` is emitted while the jobs tree's context menu is built, for each feature
    to add its job actions to ``menu``.
    """

    shown = Signal(object)
    jobMenuRequested = Signal(QMenu, object)

    PROPERTIES = (
        ("id", QT_TRANSLATE_NOOP("TaskDetails", "ID:")),
        ("mode", QT_TRANSLATE_NOOP("TaskDetails", "Mode:")),
        ("status", QT_TRANSLATE_NOOP("TaskDetails", "Status:")),
        ("owner", QT_TRANSLATE_NOOP("TaskDetails", "Owner:")),
        ("assignee", QT_TRANSLATE_NOOP("TaskDetails", "Assignee:")),
        ("bug_tracker", QT_TRANSLATE_NOOP("TaskDetails", "Bug tracker:")),
        ("created", QT_TRANSLATE_NOOP("TaskDetails", "Created:")),
        ("updated", QT_TRANSLATE_NOOP("TaskDetails", "Updated:")),
        ("overlap", QT_TRANSLATE_NOOP("TaskDetails", "Overlap:")),
        ("segment_size", QT_TRANSLATE_NOOP("TaskDetails", "Segment size:")),
        ("z_order", QT_TRANSLATE_NOOP("TaskDetails", "Z-order:")),
        ("size", QT_TRANSLATE_NOOP("TaskDetails", "Size (frames):")),
        ("image_quality", QT_TRANSLATE_NOOP("TaskDetails", "Image quality:")),
        ("chunks", QT_TRANSLATE_NOOP("TaskDetails", "Chunk types:")),
        ("project", QT_TRANSLATE_NOOP("TaskDetails", "Project:")),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)

        self.preview = QLabel()
        self.preview.setFixedSize(PREVIEW_SIZE, PREVIEW_SIZE * 3 // 4)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("background: palette(midlight); border-radius: 4px;")

        self.values: dict[str, QLabel] = {}
        self.titles: dict[str, QLabel] = {}
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        for key, _title in self.PROPERTIES:
            value = QLabel()
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # not a Tab stop each
            value.setWordWrap(True)
            self.values[key] = value
            self.titles[key] = QLabel()
            form.addRow(self.titles[key], value)
        self.values["bug_tracker"].setOpenExternalLinks(True)

        self.actions_row = QHBoxLayout()  # buttons of task actions (add_action), under the title
        self.actions_row.setContentsMargins(0, 0, 0, 0)
        self.actions_row.addStretch(1)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addWidget(self.title)
        top_layout.addLayout(self.actions_row)
        # The preview beside the properties when the pane is wide enough (at the default size every row shows),
        # above them when it is narrow.
        self.preview_and_properties = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.preview_and_properties.addWidget(self.preview, alignment=Qt.AlignmentFlag.AlignTop)
        self.preview_and_properties.addLayout(form, 1)
        top_layout.addLayout(self.preview_and_properties)
        top_layout.addStretch(1)
        self.scroll_area = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(top)
        self.action_buttons: list[QToolButton] = []

        self.labels_model = LabelTreeModel(self)
        self.jobs_model = EditableJobTreeModel(self)  # edited through annodesk.ui.job_editing
        self.labels_view = _tree(self.labels_model)
        self.jobs_view = _tree(self.jobs_model)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.labels_view, "")
        self.jobs_page = QWidget()  # the jobs tree, and notices about it above (annodesk.ui.job_editing)
        jobs_layout = QVBoxLayout(self.jobs_page)
        jobs_layout.setContentsMargins(0, 0, 0, 0)
        jobs_layout.setSpacing(2)
        jobs_layout.addWidget(self.jobs_view)
        self.tabs.addTab(self.jobs_page, "")

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(scroll)
        self.splitter.addWidget(self.tabs)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        self.task: Task | None = None
        self._users: Mapping[int, User] = {}
        self._project_names: dict[int, str] = {}  # projects known by name (annodesk.ui.projects sets them)
        self.retranslate_ui()
        self.show_task(None)

    def add_action(self, action: QAction) -> QToolButton:
        """A button for ``action`` under the title (it follows the action's text, tooltip and enabled state)."""
        button = QToolButton()
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.actions_row.insertWidget(self.actions_row.count() - 1, button)
        # Tab reaches the buttons where they are seen, after the pane above them (features add them late, so by
        # creation order they would come last in the window, after the status bar).
        QWidget.setTabOrder(self.action_buttons[-1] if self.action_buttons else self.scroll_area, button)
        self.action_buttons.append(button)
        return button

    def retranslate_ui(self) -> None:
        """Set every text in the current language; the trees keep their expansion and selection."""
        for key, title in self.PROPERTIES:
            self.titles[key].setText(translated("TaskDetails", title))
        self.tabs.setTabText(self.tabs.indexOf(self.labels_view), self.tr("Labels"))
        self.tabs.setTabText(self.tabs.indexOf(self.jobs_page), self.tr("Segments and jobs"))
        self.labels_model.retranslate()
        self.jobs_model.retranslate()
        self._show_properties()
        if self.preview.pixmap().isNull():
            self.preview.setText(self.tr("No preview") if self.task else "")

    def resizeEvent(self, event: QResizeEvent) -> None:
        wide = event.size().width() >= PREVIEW_SIZE + PROPERTIES_BESIDE_WIDTH
        self.preview_and_properties.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        )
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def show_task(self, task: Task | None, users: Mapping[int, User] | None = None) -> None:
        """Show ``task``'s properties and trees (the preview is set separately)."""
        self.task = task
        self._users = users = users or {}
        self._show_properties()
        if task is None:
            self.labels_model.clear()
            self.jobs_model.clear()
            self.set_preview(None)
            self.shown.emit(None)
            return
        self.labels_model.set_labels(task.labels)
        self.labels_view.expandAll()
        self.jobs_model.set_segments(task.segments, users)
        self.jobs_view.expandAll()
        for view in (self.labels_view, self.jobs_view):  # every column but the last (it stretches) shows whole
            for column in range(view.model().columnCount() - 1):
                view.resizeColumnToContents(column)
        self.shown.emit(task)

    # -- hooks for task and job actions ----------------------------------------------------------

    def job_at(self, index: QModelIndex) -> JobRef | None:
        """The job of a jobs-tree row (None for a segment row or no row)."""
        payload = self.jobs_model.data(index, PAYLOAD_ROLE) if index.isValid() else None
        return payload if isinstance(payload, JobRef) else None

    def job_menu(self, job: JobRef) -> QMenu:
        """A menu of ``job``'s feature actions, filled by the features listening to ``jobMenuRequested`` (the jobs
        tree's context menu, annodesk.ui.job_editing, adds them after its status and assignee choices)."""
        menu = QMenu(self.jobs_view)
        self.jobMenuRequested.emit(menu, job)
        return menu

    def _show_properties(self) -> None:
        task, users = self.task, self._users
        if task is None:
            self.title.setText(self.tr("No task selected"))
            self.title.setToolTip("")
            for value in self.values.values():
                value.clear()
            self.values["bug_tracker"].setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            return
        self.title.setText(f"#{task.id}  {elided(task.name)}")
        self.title.setToolTip(tooltip_text(task.name) if len(task.name) > DISPLAY_CHARS else "")
        none = "—"
        shown = {
            "id": str(task.id),
            "mode": display_mode(task.mode) if task.mode else self.tr("(no data yet)"),
            "status": display_status(task.status),
            "owner": elided(user_label(task.owner_id, users)) or none,
            "assignee": elided(user_label(task.assignee_id, users)) or none,
            "bug_tracker": _link(task.bug_tracker) if task.bug_tracker else none,
            "created": format_time(task.created_date),
            "updated": format_time(task.updated_date),
            "overlap": none if task.overlap is None else format_number(task.overlap),
            "segment_size": format_number(task.segment_size),
            "z_order": self.tr("yes") if task.z_order else self.tr("no"),
            "size": none if task.size is None else format_number(task.size),
            "image_quality": none if task.image_quality is None else f"{task.image_quality}%",
            "chunks": self._chunks(task) or none,
            "project": self._project_text(task.project_ref) or none,
        }
        for key, text in shown.items():
            label = self.values[key]
            label.setTextFormat(Qt.TextFormat.RichText if key == "bug_tracker" else Qt.TextFormat.PlainText)
            label.setText(text)
        # the bug tracker is a Tab stop only when it is a link to open
        self.values["bug_tracker"].setTextInteractionFlags(
            Qt.TextInteractionFlag.TextBrowserInteraction
            if task.bug_tracker
            else Qt.TextInteractionFlag.TextSelectableByMouse
        )

    def set_project_names(self, names: Mapping[int, str]) -> None:
        """Name the task's project (``#id`` while its name is unknown)."""
        self._project_names = dict(names)
        if self.task is not None:
            self._show_properties()

    def _project_text(self, project_id: int | None) -> str:
        if project_id is None:
            return ""
        name = self._project_names.get(project_id)
        return f"#{project_id}" if name is None else f"#{project_id}  {elided(name)}"

    def _chunks(self, task: Task) -> str:
        kinds = [display_chunk_type(k) for k in (task.data_compressed_chunk_type, task.data_original_chunk_type) if k]
        if not kinds:
            return ""
        if task.data_chunk_size:
            text = self.tr("compressed %1, original %2, %n frame(s) per chunk", "", task.data_chunk_size)
        else:
            text = self.tr("compressed %1, original %2")
        return arg(text, kinds[0], kinds[-1])

    def show_loading(self) -> None:
        """The task's preview is on its way: no other task's image meanwhile, and a sign that it loads."""
        self.preview.setPixmap(QPixmap())
        self.preview.setText(self.tr("Loading…"))

    def set_preview(self, data: bytes | None) -> bool:
        """Show preview image bytes, or a placeholder; return whether the bytes were a readable image."""
        pixmap = QPixmap()
        if data and pixmap.loadFromData(data):
            self.preview.setPixmap(
                pixmap.scaled(
                    self.preview.size(), Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
                )
            )
            return True
        self.preview.setPixmap(QPixmap())
        self.preview.setText(self.tr("No preview") if self.task else "")
        return False


def _link(url: str) -> str:
    """A clickable link for http(s) URLs, escaped plain text otherwise (cut, and no link, when too long)."""
    if len(url) > DISPLAY_CHARS:
        return html.escape(elided(url))
    escaped = html.escape(url)
    if url.lower().startswith(("http://", "https://")):
        return f'<a href="{escaped}">{escaped}</a>'
    return escaped
