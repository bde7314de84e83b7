"""The task's labels with how many objects of each the current frame has, and a show/hide check per label."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor

from annodesk.api.models import Label
from annodesk.i18n import QT_TRANSLATE_NOOP, format_number, translated
from annodesk.workspace.frame_objects import label_color

LABEL_ID_ROLE = Qt.ItemDataRole.UserRole + 22
NAME_COLUMN, COUNT_COLUMN = 0, 1
HEADERS = (QT_TRANSLATE_NOOP("FrameLabelsModel", "Label"), QT_TRANSLATE_NOOP("FrameLabelsModel", "On this frame"))


class FrameLabelsModel(QAbstractTableModel):
    """Rows: labels. The name column is checkable (checked: shown); unticking emits ``visibilityToggled(id, bool)``."""

    visibilityToggled = Signal(int, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.labels: list[Label] = []
        self.counts: dict[int, int] = {}
        self.hidden: set[int] = set()

    def set_labels(self, labels: Iterable[Label]) -> None:
        self.beginResetModel()
        self.labels = list(labels)
        self.endResetModel()

    def set_counts(self, counts: Mapping[int, int], hidden: Iterable[int] = ()) -> None:
        self.counts, self.hidden = dict(counts), set(hidden)
        if self.labels:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.labels) - 1, COUNT_COLUMN))

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.labels)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 2:
            return translated("FrameLabelsModel", HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsUserCheckable if index.column() == NAME_COLUMN else flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.labels):
            return None
        label, column = self.labels[index.row()], index.column()
        if role == LABEL_ID_ROLE:
            return label.id
        if role == Qt.ItemDataRole.DisplayRole:
            return label.name if column == NAME_COLUMN else format_number(self.counts.get(label.id, 0))
        if role == Qt.ItemDataRole.CheckStateRole and column == NAME_COLUMN:
            return Qt.CheckState.Unchecked if label.id in self.hidden else Qt.CheckState.Checked
        if role == Qt.ItemDataRole.DecorationRole and column == NAME_COLUMN:
            return QColor(label_color(label, index.row()))
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COUNT_COLUMN:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole or index.column() != NAME_COLUMN:
            return False
        label = self.labels[index.row()]
        shown = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        (self.hidden.discard if shown else self.hidden.add)(label.id)
        self.dataChanged.emit(index, index.sibling(index.row(), COUNT_COLUMN))
        self.visibilityToggled.emit(label.id, shown)
        return True
