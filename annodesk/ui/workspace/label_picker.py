"""The label new objects get (CVAT's draw popover "Label"), with the attribute values they start with.

The values start at the label's defaults and may be changed here before drawing; picking another label starts over
from its defaults. ``choice()`` / ``restore(choice)`` give the JSON-able state the workspace remembers per job.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QEvent, QSignalBlocker, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

from annodesk.annotations import LabelSet

from .attribute_form import AttributeForm

SWATCH = 12


def swatch(color: str) -> QIcon:
    """A square of ``color`` for a label's entry."""
    pixmap = QPixmap(SWATCH, SWATCH)
    pixmap.fill(QColor(color))
    return QIcon(pixmap)


class LabelPicker(QWidget):
    """A label combo box and the picked label's attribute values for new objects. ``changed()`` on any change."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.labels = LabelSet(())
        self.combo = QComboBox()
        self.combo.setObjectName("drawLabel")
        self.combo.activated.connect(lambda _index: self._label_picked())
        self.caption = QLabel()
        self.caption.setBuddy(self.combo)
        self.defaults_caption = QLabel()
        self.form = AttributeForm()
        self.form.valueChanged.connect(lambda _spec, _value: self.changed.emit())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.caption)
        layout.addWidget(self.combo)
        layout.addWidget(self.defaults_caption)
        layout.addWidget(self.form)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.caption.setText(self.tr("&Label"))
        self.defaults_caption.setText(self.tr("New objects start with:"))
        self.combo.setToolTip(self.tr("The label of the objects you draw next"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- content -------------------------------------------------------------------------------------------------

    def set_labels(self, labels: LabelSet) -> None:
        """The task's labels; the first is picked."""
        self.labels = labels
        with QSignalBlocker(self.combo):
            self.combo.clear()
            for label in labels.labels:
                self.combo.addItem(swatch(labels.color(label.id)), label.name, label.id)
        self._label_picked(emit=False)

    def label_id(self) -> int | None:
        data = self.combo.currentData()
        return int(data) if data is not None else None

    def color(self) -> str:
        label_id = self.label_id()
        return self.labels.color(label_id) if label_id is not None else "#808080"

    def attributes(self) -> dict[int, str]:
        """The values new objects get: the picked label's every attribute."""
        return self.form.values()

    def set_label(self, label_id: int) -> bool:
        """Pick ``label_id`` as the user would; False if the task has no such label."""
        index = self.combo.findData(label_id)
        if index < 0:
            return False
        self.combo.setCurrentIndex(index)
        self._label_picked()
        return True

    def choice(self) -> dict[str, Any]:
        """What to remember: the label and the attribute values (spec ids as text: JSON keys)."""
        return {"label": self.label_id(), "attributes": {str(k): v for k, v in self.attributes().items()}}

    def restore(self, choice: dict[str, Any] | None) -> None:
        """Pick a remembered choice again (a label or attribute the task no longer has is skipped)."""
        if not choice or not isinstance(choice.get("label"), int) or self.combo.findData(choice["label"]) < 0:
            return
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(self.combo.findData(choice["label"]))
        self._label_picked(emit=False)
        stored = choice.get("attributes")
        if isinstance(stored, dict):
            known = {spec.id for spec in self.form.specs()}
            values = {int(k): str(v) for k, v in stored.items() if str(k).isdigit() and int(k) in known}
            self.form.set_values({**self.form.values(), **values})

    def _label_picked(self, emit: bool = True) -> None:
        label_id = self.label_id()
        specs = self.labels.specs(label_id) if label_id is not None else ()
        self.form.set_specs(specs, dict(self.labels.defaults(label_id)) if label_id is not None else {})
        self.form.set_values(dict(self.labels.defaults(label_id)) if label_id is not None else {})
        self.defaults_caption.setVisible(bool(specs))
        if emit:
            self.changed.emit()
