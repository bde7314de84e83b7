"""A small read-only tree model base: subclasses build ``TreeNode`` s and say what each cell shows.

Indexes carry a node's integer id, never a raw pointer to the Python node: a view that still holds an old
index after a reset then finds nothing instead of dereferencing a freed object (a segfault in PySide).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt

from annodesk.i18n import translated

from .elide import FULL_TEXT_ROLE, elided, tooltip_text

AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(eq=False)
class TreeNode:
    """One row of the tree: ``payload`` is the CVAT object it shows, ``kind`` says which sort it is."""

    kind: str
    payload: Any
    parent: TreeNode | None = None
    children: list[TreeNode] = field(default_factory=list)
    row: int = 0
    id: int = field(default_factory=itertools.count(1).__next__)

    def add(self, kind: str, payload: Any) -> TreeNode:
        """Append and return a child node."""
        child = TreeNode(kind, payload, self, row=len(self.children))
        self.children.append(child)
        return child


_DISPLAYED = frozenset({int(Qt.ItemDataRole.DisplayRole), int(Qt.ItemDataRole.AccessibleTextRole)})


class TreeModel(QAbstractItemModel):
    """Read-only tree over ``TreeNode`` s. Subclasses set ``headers`` and implement ``cell``.

    ``headers`` are source strings marked ``QT_TRANSLATE_NOOP(context, ...)``, translated when asked for;
    :meth:`retranslate` makes views ask again.
    """

    context = "TreeModel"
    headers: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root = TreeNode("root", None)
        self._nodes: dict[int, TreeNode] = {}

    # -- building --------------------------------------------------------------------------------

    def _replace_root(self, root: TreeNode) -> None:
        nodes: dict[int, TreeNode] = {}
        pending = list(root.children)
        while pending:
            node = pending.pop()
            nodes[node.id] = node
            pending.extend(node.children)
        self.beginResetModel()
        old = (self._root, self._nodes)  # alive until the views have let go of the old indexes
        self._root, self._nodes = root, nodes
        self.endResetModel()
        del old

    def clear(self) -> None:
        """Show nothing."""
        self._replace_root(TreeNode("root", None))

    def node(self, index: AnyIndex) -> TreeNode:
        """The node behind ``index`` (the invisible root for an invalid index)."""
        if index.isValid():
            node = self._nodes.get(index.internalId())
            if node is not None:
                return node
        return self._root

    # -- QAbstractItemModel ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(self.headers):
            return QModelIndex()
        parent_node = self.node(parent)
        if parent.isValid() and parent.column() != 0:
            return QModelIndex()
        if 0 <= row < len(parent_node.children):
            return self.createIndex(row, column, parent_node.children[row].id)
        return QModelIndex()

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not index.isValid():
            return QModelIndex()
        parent_node = self.node(index).parent
        if parent_node is None or parent_node is self._root:
            return QModelIndex()
        return self.createIndex(parent_node.row, 0, parent_node.id)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self.node(parent).children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return len(self.headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
        if horizontal and 0 <= section < len(self.headers):
            return translated(self.context, self.headers[section])
        return None

    def retranslate(self) -> None:
        """The language changed: views fetch headers and cells again (nothing is reset, selection stays)."""
        if self.headers:
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.headers) - 1)
        pending = [self._root]
        while pending:
            node = pending.pop()
            if node.children:
                parent = QModelIndex() if node is self._root else self.createIndex(node.row, 0, node.id)
                last = len(node.children) - 1
                self.dataChanged.emit(self.index(0, 0, parent), self.index(last, len(self.headers) - 1, parent))
                pending.extend(node.children)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The cell's value; text the server sent is cut to a length views can lay out (:mod:`.elide`), and
        ``FULL_TEXT_ROLE`` gives a text cell uncut."""
        if not index.isValid():
            return None
        if role == FULL_TEXT_ROLE:
            return self.cell(self.node(index), index.column(), Qt.ItemDataRole.DisplayRole)
        value = self.cell(self.node(index), index.column(), role)
        if isinstance(value, str):
            if role in _DISPLAYED:
                return elided(value)
            if role == Qt.ItemDataRole.ToolTipRole:
                return tooltip_text(value)
        return value

    def cell(self, node: TreeNode, column: int, role: int) -> Any:
        """What ``node`` shows in ``column`` for ``role`` (``None`` for nothing)."""
        raise NotImplementedError
