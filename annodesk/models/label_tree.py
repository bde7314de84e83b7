"""Labels → attributes → values of a task, as a tree model."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QColor, QFont

from annodesk.api.models import Attribute, Label

from .tree import TreeModel, TreeNode

PAYLOAD_ROLE = Qt.ItemDataRole.UserRole + 1


def tr(text: str) -> str:
    return QCoreApplication.translate("LabelTreeModel", text)


class LabelTreeModel(TreeModel):
    """Columns: name, input type, mutable, default. Value rows mark the attribute's default value."""

    headers = ("Name", "Input type", "Mutable", "Default")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = (tr("Name"), tr("Input type"), tr("Mutable"), tr("Default"))

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

    @staticmethod
    def _label_cell(label: Label, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return label.name
            if column == 1:
                return tr("label · %n attribute(s)").replace("%n", str(len(label.attributes)))
        if role == Qt.ItemDataRole.DecorationRole and column == 0 and QColor.isValidColorName(label.color):
            return QColor(label.color)
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{label.name} (id {label.id}, {label.color})"
        return None

    @staticmethod
    def _attribute_cell(attribute: Attribute, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return attribute.name
            if column == 1:
                return attribute.input_type
            if column == 2:
                return tr("yes") if attribute.mutable else tr("no")
            if column == 3:
                return attribute.default_value
        if role == Qt.ItemDataRole.ToolTipRole and column == 0:
            return f"{attribute.name} (id {attribute.id})"
        return None

    @staticmethod
    def _value_cell(value: str, attribute: Attribute, column: int, role: int) -> Any:
        is_default = value == attribute.default_value
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return value if value != "" else tr("(empty)")
            if column == 3 and is_default:
                return tr("✓ default")
        if role == Qt.ItemDataRole.FontRole and is_default:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole and column == 0:
            return f"{value} ({tr('default')})" if is_default else value
        return None
