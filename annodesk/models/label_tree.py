"""Labels → attributes → values of a task, as a tree model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont

from annodesk.api.models import Attribute, Label
from annodesk.i18n import QT_TRANSLATE_NOOP, arg

from .tree import TreeModel, TreeNode
from .vocabulary import RAW_VALUE_ROLE, display_input_type

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1


class LabelTreeModel(TreeModel):
    """Columns: name, input type, mutable, default. Value rows mark the attribute's default value.

    ``RAW_VALUE_ROLE`` on an attribute's input type: the server's value (``select``…).
    """

    context = "LabelTreeModel"
    headers = (
        QT_TRANSLATE_NOOP("LabelTreeModel", "Name"),
        QT_TRANSLATE_NOOP("LabelTreeModel", "Input type"),
        QT_TRANSLATE_NOOP("LabelTreeModel", "Mutable"),
        QT_TRANSLATE_NOOP("LabelTreeModel", "Default"),
    )

    def set_labels(self, labels: tuple[Label, ...]) -> None:
        """Show ``labels`` (replacing whatever was shown)."""
        root = TreeNode("root", None)
        for label in labels:
            label_node = root.add("label", label)
            for attribute in label.attributes:
                attribute_node = label_node.add("attribute", attribute)
                for value in attribute.values:
                    attribute_node.add("value", value)
        self._replace_root(root)

    def cell(self, node: TreeNode, column: int, role: int) -> Any:
        if role == PAYLOAD_ROLE:
            return node.payload
        if node.kind == "label":
            return self._label_cell(node.payload, column, role)
        if node.kind == "attribute":
            return self._attribute_cell(node.payload, column, role)
        if node.kind == "value":
            assert node.parent is not None
            return self._value_cell(node.payload, node.parent.payload, column, role)
        return None

    def _label_cell(self, label: Label, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return label.name
            if column == 1:
                return self.tr("label · %n attribute(s)", "", len(label.attributes))
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and QColor.isValidColorName(label.color):
            return QColor(label.color)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return arg(self.tr("%1 (id %2, colour %3)"), label.name, label.id, label.color)
        return None

    def _attribute_cell(self, attribute: Attribute, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return attribute.name
            if column == 1:
                return display_input_type(attribute.input_type)
            if column == 2:
                if attribute.mutable:
                    return self.tr("yes")
                return self.tr("no")
            if column == 3:
                return attribute.default_value
        if role == RAW_VALUE_ROLE and column == 1:
            return attribute.input_type
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return arg(self.tr("%1 (id %2)"), attribute.name, attribute.id)
        return None

    def _value_cell(self, value: str, attribute: Attribute, column: int, role: int) -> Any:
        is_default = value == attribute.default_value
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return value if value != "" else self.tr("(empty)")
            if column == 3 and is_default:
                return self.tr("✓ default")
        if role == Qt.ItemDataRole.FontRole and is_default:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            if is_default:
                return arg(self.tr("%1 (default)"), value)
            return value
        return None
