"""The current frame's tags (labels on the whole frame) with their attributes."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from annodesk.i18n import QT_TRANSLATE_NOOP, translated
from annodesk.workspace.frame_objects import FrameObject

from .frame_objects import KEY_ROLE, attributes_text

HEADERS = (
    QT_TRANSLATE_NOOP("FrameTagsModel", "ID"),
    QT_TRANSLATE_NOOP("FrameTagsModel", "Tag"),
    QT_TRANSLATE_NOOP("FrameTagsModel", "Attributes"),
)


class FrameTagsModel(QAbstractTableModel):
    """Rows: the tags given to :meth:`set_tags`."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.tags: list[FrameObject] = []

    def set_tags(self, tags: Iterable[FrameObject]) -> None:
        self.beginResetModel()
        self.tags = list(tags)
        self.endResetModel()

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.tags)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 3:
            return translated("FrameTagsModel", HEADERS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.tags):
            return None
        tag = self.tags[index.row()]
        if role == KEY_ROLE:
            return tag.key
        if role == Qt.ItemDataRole.DisplayRole:
            return ("" if tag.server_id is None else str(tag.server_id), tag.label, attributes_text(tag))[
                index.column()
            ]
        if role == Qt.ItemDataRole.DecorationRole and index.column() == 1:
            return QColor(tag.color)
        return None
