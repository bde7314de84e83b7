"""The current frame's objects as a table (objects panel), with hide and lock check columns and a filter proxy."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from annodesk.i18n import QT_TRANSLATE_NOOP, translated
from annodesk.workspace.frame_objects import FrameObject, ObjectFilter, ObjectKey

from .vocabulary import RAW_VALUE_ROLE
from .workspace_words import OBJECT_KIND, SHAPE_TYPE

KEY_ROLE = Qt.ItemDataRole.UserRole + 20  # the object's (kind, server id)
SORT_ROLE = Qt.ItemDataRole.UserRole + 21
ID_COLUMN, LABEL_COLUMN, TYPE_COLUMN, KIND_COLUMN, ATTRIBUTES_COLUMN, HIDDEN_COLUMN, LOCKED_COLUMN = range(7)
HEADERS = (
    QT_TRANSLATE_NOOP("FrameObjectsModel", "ID"),
    QT_TRANSLATE_NOOP("FrameObjectsModel", "Label"),
    QT_TRANSLATE_NOOP("FrameObjectsModel", "Type"),
    QT_TRANSLATE_NOOP("FrameObjectsModel", "Shape / track"),
    QT_TRANSLATE_NOOP("FrameObjectsModel", "Attributes"),
    QT_TRANSLATE_NOOP("FrameObjectsModel", "Hidden"),
    QT_TRANSLATE_NOOP("FrameObjectsModel", "Locked"),
)
_CHECKED, _UNCHECKED = Qt.CheckState.Checked, Qt.CheckState.Unchecked


def attributes_text(obj: FrameObject) -> str:
    """``name: value`` pairs of an object, comma separated."""
    return ", ".join(f"{name}: {value}" for name, value in obj.attributes)


class FrameObjectsModel(QAbstractTableModel):
    """Rows: the objects given to :meth:`set_objects`. Ticking *Hidden* or *Locked* emits ``hiddenToggled(key,
    bool)`` / ``lockedToggled(key, bool)`` (the controller decides; the model shows what it is told)."""

    hiddenToggled = Signal(object, bool)
    lockedToggled = Signal(object, bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.objects: list[FrameObject] = []
        self._rows: dict[ObjectKey, int] | None = None  # row by key, of the list _rows_of (made when asked)
        self._rows_of: list[FrameObject] | None = None
        self.hidden: set[ObjectKey] = set()
        self.locked: set[ObjectKey] = set()
        self.sort_column: int = -1  # -1: the order given
        self.sort_order = Qt.SortOrder.AscendingOrder

    def _sorted(self, objects: list[FrameObject]) -> list[FrameObject]:
        if self.sort_column < 0:
            return objects
        column = self.sort_column
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        return sorted(objects, key=lambda obj: self._sort_value(obj, column), reverse=descending)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows in Python with one key per object (a proxy's comparisons through ``data()`` took a second
        for the 10,000 objects of a dense frame); persistent indexes (selection, current row) follow their objects."""
        self.sort_column, self.sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        keys = [self.objects[index.row()].key if index.isValid() else None for index in persistent]
        self.objects = self._sorted(self.objects)
        rows = {obj.key: row for row, obj in enumerate(self.objects)}
        moved = [
            self.index(rows[key], index.column()) if key in rows else QModelIndex()
            for key, index in zip(keys, persistent, strict=True)
        ]
        self.changePersistentIndexList(persistent, moved)
        self.layoutChanged.emit()

    def set_objects(
        self, objects: Iterable[FrameObject], hidden: Iterable[ObjectKey] = (), locked: Iterable[ObjectKey] = ()
    ) -> None:
        """Show ``objects`` (in the sort order); rows are updated in place when the same objects come again."""
        objects = self._sorted(list(objects))
        self.hidden, self.locked = set(hidden), set(locked)
        if [o.key for o in objects] == [o.key for o in self.objects]:
            self.objects = objects
            if objects:
                self.dataChanged.emit(self.index(0, 0), self.index(len(objects) - 1, LOCKED_COLUMN))
            return
        self.beginResetModel()
        self.objects = objects
        self.endResetModel()

    def row_of(self, key: ObjectKey | None) -> int | None:
        rows = self._rows
        if rows is None or self._rows_of is not self.objects:
            rows = self._rows = {obj.key: row for row, obj in enumerate(self.objects)}
            self._rows_of = self.objects
        return rows.get(key) if key is not None else None

    def update_objects(
        self,
        objects: Sequence[FrameObject],
        changed: Iterable[ObjectKey],
        hidden: Iterable[ObjectKey] = (),
        locked: Iterable[ObjectKey] = (),
        current: Callable[[ObjectKey], FrameObject | None] | None = None,
    ) -> None:
        """The same frame after an edit of the ``changed`` objects (``objects``: the frame now, in the order given;
        ``current``: the object of a key in it, if the caller has a faster way to tell than a look through ``objects``):
        only their rows change, or are removed, or inserted where they belong (in the sort order, or in the order
        given) — a dense frame's ten thousand rows are not filled again for one edit."""
        self.hidden, self.locked = set(hidden), set(locked)
        wanted = set(changed)
        if current is None:
            found = {obj.key: obj for obj in objects if obj.key in wanted}
            current = found.get
        for key in wanted:
            new = current(key)
            row = self.row_of(key)
            old = self.objects[row] if row is not None else None
            if old is not None and new is not None and not self._moves(old, new):
                assert row is not None
                self.objects[row] = new
                self.dataChanged.emit(self.index(row, 0), self.index(row, LOCKED_COLUMN))
                continue
            if row is not None:
                self.beginRemoveRows(QModelIndex(), row, row)
                del self.objects[row]
                self._rows = None
                self.endRemoveRows()
            if new is not None:
                position = self._position_of(new, objects)
                self.beginInsertRows(QModelIndex(), position, position)
                self.objects.insert(position, new)
                self._rows = None
                self.endInsertRows()

    def _moves(self, old: FrameObject, new: FrameObject) -> bool:
        """Whether the edit moves the object's row: its sort value, or (unsorted) its z-order changed."""
        if self.sort_column < 0:
            return old.z_order != new.z_order
        return bool(self._sort_value(old, self.sort_column) != self._sort_value(new, self.sort_column))

    def _position_of(self, new: FrameObject, objects: Sequence[FrameObject]) -> int:
        """Where ``new`` goes among the rows: after the last row of its sort value, or (unsorted) after the row of
        the object before it in ``objects``."""
        column = self.sort_column
        if column >= 0:
            value = self._sort_value(new, column)
            descending = self.sort_order == Qt.SortOrder.DescendingOrder
            low, high = 0, len(self.objects)
            while low < high:  # the first row that comes after ``new``
                middle = (low + high) // 2
                other = self._sort_value(self.objects[middle], column)
                after = other < value if descending else value < other
                if after:
                    high = middle
                else:
                    low = middle + 1
            return low
        rows = {obj.key: row for row, obj in enumerate(self.objects)}
        previous = None
        for obj in objects:
            if obj.key == new.key:
                break
            if obj.key in rows:
                previous = rows[obj.key]
        return 0 if previous is None else previous + 1

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(HEADERS) - 1)
        if self.objects:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.objects) - 1, LOCKED_COLUMN))

    # -- Qt model API --------------------------------------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.objects)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 7:
            return translated("FrameObjectsModel", HEADERS[section])
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() in (HIDDEN_COLUMN, LOCKED_COLUMN):
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.objects):
            return None
        obj, column = self.objects[index.row()], index.column()
        if role == KEY_ROLE:
            return obj.key
        if role == Qt.ItemDataRole.CheckStateRole:
            if column == HIDDEN_COLUMN:
                return _CHECKED if obj.key in self.hidden else _UNCHECKED
            if column == LOCKED_COLUMN:
                return _CHECKED if obj.key in self.locked else _UNCHECKED
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(obj, column)
        if role == Qt.ItemDataRole.ToolTipRole and column == ATTRIBUTES_COLUMN:
            return attributes_text(obj) or None
        if role == SORT_ROLE:
            return self._sort_value(obj, column)
        if role == RAW_VALUE_ROLE:
            return {TYPE_COLUMN: obj.type, KIND_COLUMN: obj.kind, LABEL_COLUMN: obj.label_id}.get(column)
        if role == Qt.ItemDataRole.DecorationRole and column == LABEL_COLUMN:
            return QColor(obj.color)
        if role == Qt.ItemDataRole.ForegroundRole and obj.key in self.hidden:
            return QColor("#888888")
        return None

    def _display(self, obj: FrameObject, column: int) -> Any:
        if column == ID_COLUMN:
            return "" if obj.server_id is None else str(obj.server_id)
        if column == LABEL_COLUMN:
            return obj.label
        if column == TYPE_COLUMN:
            return SHAPE_TYPE.display(obj.type)
        if column == KIND_COLUMN:
            return OBJECT_KIND.display(obj.kind)
        if column == ATTRIBUTES_COLUMN:
            return attributes_text(obj)
        return None

    @staticmethod
    def _sort_value(obj: FrameObject, column: int) -> Any:
        if column == ID_COLUMN:
            return -1 if obj.server_id is None else obj.server_id
        if column == LABEL_COLUMN:
            return obj.label.casefold()
        if column == TYPE_COLUMN:
            return obj.type
        if column == KIND_COLUMN:
            return obj.kind
        if column == ATTRIBUTES_COLUMN:
            return attributes_text(obj).casefold()
        return 0

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.CheckStateRole:
            return False
        if index.column() not in (HIDDEN_COLUMN, LOCKED_COLUMN):
            return False
        obj = self.objects[index.row()]
        checked = Qt.CheckState(value) == _CHECKED if not isinstance(value, bool) else value
        marks = self.hidden if index.column() == HIDDEN_COLUMN else self.locked
        (marks.add if checked else marks.discard)(obj.key)
        self.dataChanged.emit(index.sibling(index.row(), 0), index.sibling(index.row(), LOCKED_COLUMN))
        (self.hiddenToggled if index.column() == HIDDEN_COLUMN else self.lockedToggled).emit(obj.key, checked)
        return True


class ObjectFilterProxy(QSortFilterProxyModel):
    """Filters the objects table with an :class:`ObjectFilter` (the controller's); sorting is the source model's
    (:meth:`FrameObjectsModel.sort`), so the proxy keeps its rows in the source's order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.object_filter = ObjectFilter()
        self.setSortRole(SORT_ROLE)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if isinstance(model, FrameObjectsModel):
            model.sort(column, order)
        else:
            super().sort(column, order)

    def set_filter(self, object_filter: ObjectFilter) -> None:
        self.beginFilterChange()
        self.object_filter = object_filter
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex | QPersistentModelIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, FrameObjectsModel) or not 0 <= source_row < len(model.objects):
            return True
        return self.object_filter.matches(model.objects[source_row])

    def key_at(self, row: int) -> ObjectKey | None:
        key: ObjectKey | None = self.index(row, 0).data(KEY_ROLE)
        return key

    def row_of(self, key: ObjectKey | None) -> int | None:
        model = self.sourceModel()
        if not isinstance(model, FrameObjectsModel):
            return None
        source_row = model.row_of(key)
        if source_row is None:
            return None
        index = self.mapFromSource(model.index(source_row, 0))
        return index.row() if index.isValid() else None
