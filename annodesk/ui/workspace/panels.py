"""The workspace's side panels: the frame's objects (filters, hide, lock, selection), labels, tags.

Each panel binds itself to the :class:`WorkspaceController`; selection goes both ways (a row picked here selects
the object on the canvas, an object picked on the canvas selects its row here).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annodesk.i18n import arg
from annodesk.models.frame_labels import FrameLabelsModel
from annodesk.models.frame_objects import KEY_ROLE, FrameObjectsModel, ObjectFilterProxy
from annodesk.models.frame_tags import FrameTagsModel
from annodesk.models.workspace_words import SHAPE_TYPE
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.frame_objects import SHAPE_TYPES, TAG, ObjectFilter

FILTER_DEBOUNCE_MS = 200


def _table(model: object) -> QTableView:
    view = QTableView()
    view.setModel(model)  # type: ignore[arg-type]
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.setWordWrap(False)
    view.setAlternatingRowColors(True)
    header = view.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    return view


class ObjectsPanel(QWidget):
    """The frame's objects: filters by label, type and attribute value; sortable columns; hide and lock checks.

    ``zoomRequested()``: the user asked to zoom the canvas to the selected object.
    """

    zoomRequested = Signal()

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = FrameObjectsModel(self)
        self.proxy = ObjectFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.view = _table(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.selectionModel().currentRowChanged.connect(self._row_changed)
        self.view.doubleClicked.connect(lambda _index: self.zoomRequested.emit())

        self.label_box = QComboBox()
        self.type_box = QComboBox()
        self.attribute_field = QLineEdit()
        self.attribute_field.setClearButtonEnabled(True)
        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DEBOUNCE_MS)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.attribute_field.textChanged.connect(lambda _text: self._filter_timer.start())
        self.attribute_field.returnPressed.connect(self._apply_filter)
        self.label_box.currentIndexChanged.connect(lambda _index: self._apply_filter())
        self.type_box.currentIndexChanged.connect(lambda _index: self._apply_filter())
        self.count_label = QLabel()
        self._columns_fitted = False
        self.zoom_button = QPushButton()
        self.zoom_button.clicked.connect(self.zoomRequested.emit)

        filters = QHBoxLayout()
        filters.addWidget(self.label_box)
        filters.addWidget(self.type_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(filters)
        layout.addWidget(self.attribute_field)
        layout.addWidget(self.view, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.zoom_button)
        layout.addLayout(bottom)

        self.model.hiddenToggled.connect(controller.set_hidden)
        self.model.lockedToggled.connect(controller.set_locked)
        controller.loaded.connect(self._job_loaded)
        controller.objectsChanged.connect(self._objects_changed)
        controller.selectionChanged.connect(self._selection_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.attribute_field.setPlaceholderText(self.tr("Attribute value…"))
        self.attribute_field.setAccessibleName(self.tr("Filter by attribute value"))
        self.label_box.setAccessibleName(self.tr("Filter by label"))
        self.type_box.setAccessibleName(self.tr("Filter by type"))
        self.zoom_button.setText(self.tr("&Zoom to selection"))
        self._fill_filter_boxes()
        self.model.retranslate()
        self._update_count()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fill_filter_boxes(self) -> None:
        task = self.controller.task
        with QSignalBlocker(self.label_box):
            current = self.label_box.currentData()
            self.label_box.clear()
            self.label_box.addItem(self.tr("All labels"), None)
            for label in task.labels if task else ():
                self.label_box.addItem(label.name, label.id)
            self.label_box.setCurrentIndex(max(0, self.label_box.findData(current)))
        with QSignalBlocker(self.type_box):
            current = self.type_box.currentData()
            self.type_box.clear()
            self.type_box.addItem(self.tr("All types"), None)
            for shape_type in (*SHAPE_TYPES, TAG):
                self.type_box.addItem(SHAPE_TYPE.display(shape_type), shape_type)
            self.type_box.setCurrentIndex(max(0, self.type_box.findData(current)))

    def set_filter(self, label_id: int | None = None, shape_type: str | None = None, attribute_text: str = "") -> None:
        """Set the three filters as the user would (the controller and the canvas follow)."""
        with QSignalBlocker(self.label_box), QSignalBlocker(self.type_box), QSignalBlocker(self.attribute_field):
            self.label_box.setCurrentIndex(max(0, self.label_box.findData(label_id)))
            self.type_box.setCurrentIndex(max(0, self.type_box.findData(shape_type)))
            self.attribute_field.setText(attribute_text)
        self._apply_filter()

    def _apply_filter(self) -> None:
        self._filter_timer.stop()
        label_id, shape_type = self.label_box.currentData(), self.type_box.currentData()
        object_filter = ObjectFilter(
            frozenset({label_id}) if label_id is not None else None,
            frozenset({shape_type}) if shape_type is not None else None,
            self.attribute_field.text(),
        )
        with QSignalBlocker(self.view.selectionModel()):  # rows leaving the view do not pick another object
            self.proxy.set_filter(object_filter)
        self.controller.set_filter(object_filter)
        self._selection_changed(self.controller.selected)
        self._update_count()

    def _job_loaded(self) -> None:
        self._fill_filter_boxes()
        self._columns_fitted = False

    def _objects_changed(self) -> None:
        controller = self.controller
        with QSignalBlocker(self.view.selectionModel()):
            if controller.changed_keys is not None:  # an edit: only its objects' rows
                changed = controller.changed_keys
                self.model.update_objects(
                    controller.objects, changed, controller.hidden, controller.locked, current=controller.object
                )
            else:
                self.model.set_objects(controller.objects, controller.hidden, controller.locked)
        self._selection_changed(controller.selected)
        self._update_count()
        if not self._columns_fitted and self.model.rowCount():
            self._columns_fitted = True  # once per job: the user's widths stay from frame to frame
            self.view.horizontalHeader().setResizeContentsPrecision(200)
            self.view.resizeColumnsToContents()

    def _update_count(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        if shown == total:
            self.count_label.setText(self.tr("%n object(s) on this frame", "", total))
        else:
            self.count_label.setText(arg(self.tr("%1 of %2 objects shown"), shown, total))
        self.zoom_button.setEnabled(self.controller.selected is not None)

    def _row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        key = current.data(KEY_ROLE) if current.isValid() else None
        if key != self.controller.selected:
            self.controller.select(key)
            if self.controller.selected != key:  # refused (a locked object): the row follows the controller
                self._selection_changed(self.controller.selected)

    def _selection_changed(self, key: object) -> None:
        row = self.proxy.row_of(key) if key is not None else None  # type: ignore[arg-type]
        selection = self.view.selectionModel()
        with QSignalBlocker(selection):
            if row is None:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), QItemSelectionModel.SelectionFlag.Clear)
            else:
                index = self.proxy.index(row, 0)
                selection.setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.view.scrollTo(index)
        self.view.viewport().update()
        self.zoom_button.setEnabled(key is not None)

    def selected_key(self) -> object:
        index = self.view.selectionModel().currentIndex()
        return index.data(KEY_ROLE) if index.isValid() else None


class LabelsPanel(QWidget):
    """The task's labels, how many objects of each are on the frame, and a tick to show or hide each."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = FrameLabelsModel(self)
        self.view = _table(self.model)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.view)
        self.model.visibilityToggled.connect(lambda label_id, shown: controller.set_label_hidden(label_id, not shown))
        controller.loaded.connect(self._job_loaded)
        controller.objectsChanged.connect(self._objects_changed)

    def retranslate_ui(self) -> None:
        self.model.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _job_loaded(self) -> None:
        task = self.controller.task
        self.model.set_labels(task.labels if task else ())
        self.view.resizeColumnToContents(0)

    def _objects_changed(self) -> None:
        self.model.set_counts(self.controller.label_counts(), self.controller.hidden_labels)


class TagsPanel(QWidget):
    """The frame's tags."""

    def __init__(self, controller: WorkspaceController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.model = FrameTagsModel(self)
        self.view = _table(self.model)
        self.empty_label = QLabel()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.view)
        controller.objectsChanged.connect(self._objects_changed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.model.retranslate()
        self.empty_label.setText(self.tr("No tags on this frame."))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _objects_changed(self) -> None:
        tags = self.controller.tags()
        self.model.set_tags(tags)
        self.empty_label.setVisible(not tags)
