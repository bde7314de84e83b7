"""Labels being edited (the label editor's constructor): drafts that convert to and from CVAT label specs, and the
list model of the labels.

A draft keeps what the user typed for every input type at once (switching an attribute from *number* to *select*
and back loses nothing); :meth:`DraftAttribute.to_new` writes CVAT's web UI conventions: the options of a
select/radio (the default among them), ``["true"]``/``["false"]`` for a checkbox, ``[default text]`` for a text,
``[min, max, step]`` for a number. ``saved`` marks what exists on the server already: CVAT only adds to an existing
task's labels, so such drafts are read-only in the editor and never removed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annodesk.api.models import Label
from annodesk.api.task_models import NewAttribute, NewLabel

AnyIndex = QModelIndex | QPersistentModelIndex
DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1
PROBLEM_COLOR = QColor("#b00020")

# Distinct colours handed to new labels in turn (the server picks one when a label has none).
PALETTE = (
    "#fa3253", "#3d3df5", "#34d1b7", "#ff6037", "#24b353", "#b83df5", "#ffcc33", "#33ddff",
    "#ff007c", "#83e070", "#fafa37", "#5986b3", "#8c78f0", "#ff6a4d", "#f078f0", "#2a7dd1",
)  # fmt: skip


@dataclass(eq=False)
class DraftAttribute:
    """An attribute as the constructor edits it; the fields of every input type are kept side by side."""

    name: str = ""
    input_type: str = "select"
    mutable: bool = False
    options: list[str] = field(default_factory=list)  # select / radio
    choice: str = ""  # select / radio: the default, one of ``options``
    checked: bool = False  # checkbox default
    text: str = ""  # text default
    minimum: str = "0"  # number
    maximum: str = "100"
    step: str = "1"
    number_default: str = "0"
    saved: bool = False

    def to_new(self) -> NewAttribute:
        """The attribute as CVAT takes it."""
        kind = self.input_type
        if kind in ("select", "radio"):
            values, default = tuple(self.options), self.choice
        elif kind == "checkbox":
            default = "true" if self.checked else "false"
            values = (default,)
        elif kind == "text":
            values, default = (self.text,), self.text
        elif kind == "number":
            values, default = (self.minimum, self.maximum, self.step), self.number_default
        else:
            values, default = tuple(self.options), self.choice
        return NewAttribute(name=self.name, input_type=kind, mutable=self.mutable, default_value=default, values=values)

    @classmethod
    def from_new(cls, attribute: NewAttribute, *, saved: bool = False) -> DraftAttribute:
        """A draft of ``attribute`` (read the other way by :meth:`to_new`)."""
        draft = cls(name=attribute.name, input_type=attribute.input_type, mutable=attribute.mutable, saved=saved)
        values, default = list(attribute.values), attribute.default_value
        if attribute.input_type == "checkbox":
            draft.checked = default == "true"
        elif attribute.input_type == "text":
            draft.text = default
        elif attribute.input_type == "number" and len(values) == 3:
            draft.minimum, draft.maximum, draft.step = values
            draft.number_default = default
        else:
            draft.options = values
            draft.choice = default if default or not values else values[0]  # no default: the first, as CVAT reads it
        return draft

    def set_minimum(self, text: str) -> None:
        """Change the number minimum; the default follows it while it was the minimum (the web UI's default)."""
        if self.number_default == self.minimum:
            self.number_default = text
        self.minimum = text

    def set_options(self, options: Sequence[str]) -> None:
        """Replace the select/radio options; the default stays if it is still offered, else becomes the first."""
        self.options = list(options)
        if self.choice not in self.options:
            self.choice = self.options[0] if self.options else ""


@dataclass(eq=False)
class DraftLabel:
    """A label as the constructor edits it."""

    name: str = ""
    color: str = ""
    attributes: list[DraftAttribute] = field(default_factory=list)
    saved: bool = False

    def to_new(self) -> NewLabel:
        return NewLabel(name=self.name, color=self.color, attributes=tuple(a.to_new() for a in self.attributes))

    def additions(self) -> NewLabel | None:
        """What an update must send for this label: all of it if new; if saved, its name and colour with only the
        attributes added since (``None`` when nothing was added)."""
        if not self.saved:
            return self.to_new()
        added = tuple(attribute.to_new() for attribute in self.attributes if not attribute.saved)
        return NewLabel(name=self.name, color=self.color, attributes=added) if added else None

    @classmethod
    def from_new(cls, label: NewLabel, *, saved: bool = False) -> DraftLabel:
        attributes = [DraftAttribute.from_new(attribute, saved=saved) for attribute in label.attributes]
        return cls(name=label.name, color=label.color, attributes=attributes, saved=saved)

    @classmethod
    def from_label(cls, label: Label) -> DraftLabel:
        """A saved (read-only) draft of a task's existing label."""
        from annodesk.api.labels import new_label_from

        return cls.from_new(new_label_from(label), saved=True)


class LabelListModel(QAbstractListModel):
    """The labels of the editor, one row each: the name (or a placeholder), its colour as the decoration, and
    whether it has problems (red, with a count in the tooltip) or is saved on the server (italic, read-only).

    ``DRAFT_ROLE`` gives the :class:`DraftLabel`. The editor changes drafts in place and calls :meth:`refresh_row`.
    """

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._labels: list[DraftLabel] = []
        self._problems: dict[int, int] = {}  # row → number of problems shown

    @property
    def labels(self) -> tuple[DraftLabel, ...]:
        return tuple(self._labels)

    def set_labels(self, labels: Sequence[DraftLabel]) -> None:
        self.beginResetModel()
        self._labels = list(labels)
        self._problems = {}
        self.endResetModel()

    def add_label(self, label: DraftLabel) -> int:
        """Append ``label``; return its row."""
        row = len(self._labels)
        self.beginInsertRows(QModelIndex(), row, row)
        self._labels.append(label)
        self.endInsertRows()
        return row

    def remove_label(self, row: int) -> bool:
        """Remove an unsaved label (a saved one stays: CVAT never removes labels); return whether it went."""
        if not 0 <= row < len(self._labels) or self._labels[row].saved:
            return False
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._labels[row]
        self._problems = {(r if r < row else r - 1): n for r, n in self._problems.items() if r != row}
        self.endRemoveRows()
        return True

    def label_at(self, row: int) -> DraftLabel | None:
        return self._labels[row] if 0 <= row < len(self._labels) else None

    def refresh_row(self, row: int) -> None:
        """The draft in ``row`` changed: views show it again."""
        if 0 <= row < len(self._labels):
            index = self.index(row, 0)
            self.dataChanged.emit(index, index)

    def set_problem_counts(self, counts: Mapping[int, int]) -> None:
        """How many problems each row has now (rows not given have none)."""
        changed = set(self._problems) | set(counts)
        self._problems = {row: n for row, n in counts.items() if n and 0 <= row < len(self._labels)}
        for row in sorted(changed):
            self.refresh_row(row)

    def problem_count(self, row: int) -> int:
        return self._problems.get(row, 0)

    def retranslate(self) -> None:
        """The language changed: views ask for the texts again."""
        if self._labels:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._labels) - 1, 0))

    # -- QAbstractListModel ----------------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._labels)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 1

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._labels) or index.column() != 0:
            return None
        label = self._labels[index.row()]
        problems = self._problems.get(index.row(), 0)
        if role == Qt.ItemDataRole.DisplayRole:
            return label.name if label.name.strip() else self.tr("(no name)")
        if role == Qt.ItemDataRole.DecorationRole:
            return QColor(label.color) if QColor.isValidColorName(label.color) else None
        if role == Qt.ItemDataRole.ToolTipRole:
            if problems:
                return self.tr("%n problem(s) to fix", "", problems)
            if label.saved:
                return self.tr("Saved on the server: it stays as it is, but you can add attributes to it.")
            return None
        if role == Qt.ItemDataRole.ForegroundRole and problems:
            return PROBLEM_COLOR
        if role == Qt.ItemDataRole.FontRole and label.saved:
            font = QFont()
            font.setItalic(True)
            return font
        if role == DRAFT_ROLE:
            return label
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
