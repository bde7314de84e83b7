"""A form with an editor per attribute of a label, by CVAT's input types (``attribute-editor.tsx``):

select → a combo box, radio → radio buttons, checkbox → a check box (``"true"`` / ``"false"``), number → a spin box
within the spec's min / max / step, text → a line edit. ``valueChanged(spec_id, value)`` once per change the user
makes (a text when its editing ends, a number when it is entered or stepped); values set by code emit nothing.
Mutable attributes (on a track: per keyframe) carry a mark.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QSignalBlocker, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QSizePolicy,
    QSpinBox,
    QWidget,
)

from annodesk.annotations import AttributeSpec

RADIO_COLUMNS = 3
KEYFRAME_MARK = "◆"  # after a mutable attribute's name (CVAT's keyframe glyph)


def number_range(spec: AttributeSpec) -> tuple[float, float, float]:
    """A number spec's ``(min, max, step)`` (CVAT keeps them as the three ``values``); junk: 0, 2**31-1, 1."""
    try:
        low, high, step = (float(value) for value in spec.values[:3])
    except (TypeError, ValueError):
        return 0.0, float(2**31 - 1), 1.0
    return low, max(low, high), step if step > 0 else 1.0


def _is_whole(*numbers: float) -> bool:
    return all(float(number).is_integer() for number in numbers)


def number_text(value: float, decimals: int) -> str:
    """A number as CVAT sends it: no ``.0`` on whole numbers, no float noise."""
    text = f"{value:.{decimals}f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class AttributeForm(QWidget):
    """The attributes of one label, each with the editor its input type calls for."""

    valueChanged = Signal(int, str)  # spec id, the new value

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._specs: tuple[AttributeSpec, ...] = ()
        self._values: dict[int, str] = {}
        self._editors: dict[int, QWidget] = {}
        self._names: dict[int, QLabel] = {}
        self._marks = False
        self.retranslate_ui()

    # -- content -------------------------------------------------------------------------------------------------

    def specs(self) -> tuple[AttributeSpec, ...]:
        return self._specs

    def set_specs(self, specs: Sequence[AttributeSpec], values: Mapping[int, str], mark_mutable: bool = False) -> None:
        """Build the editors for ``specs`` showing ``values`` (a spec without one: its default)."""
        specs = tuple(specs)
        if specs == self._specs and mark_mutable == self._marks:
            self.set_values(values)
            return
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self._specs, self._marks = specs, mark_mutable
        self._editors, self._names = {}, {}
        self._values = {spec.id: values.get(spec.id, spec.default_value) for spec in specs}
        for spec in specs:
            name = QLabel(spec.name)
            editor = self._make_editor(spec)
            name.setBuddy(editor)
            self._names[spec.id] = name
            self._editors[spec.id] = editor
            self._layout.addRow(name, editor)
            name.show()  # at once: a layout shows new children of a visible form only on the next event loop pass
            editor.show()
            self._show(spec)
        self.retranslate_ui()
        self._layout.activate()

    def set_values(self, values: Mapping[int, str]) -> None:
        """Show other values in the same editors (nothing is emitted)."""
        for spec in self._specs:
            self._values[spec.id] = values.get(spec.id, spec.default_value)
            self._show(spec)

    def values(self) -> dict[int, str]:
        return dict(self._values)

    def value(self, spec_id: int) -> str:
        return self._values[spec_id]

    def editor(self, spec_id: int) -> QWidget:
        """The widget editing ``spec_id`` (tests and focus)."""
        return self._editors[spec_id]

    def name_label(self, spec_id: int) -> QLabel:
        """The label naming ``spec_id`` (◆ after a mutable one's name on a track)."""
        return self._names[spec_id]

    def set_editable(self, editable: bool) -> None:
        for editor in self._editors.values():
            editor.setEnabled(editable)

    # -- language ------------------------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        for spec in self._specs:
            name = self._names[spec.id]
            mutable = self._marks and spec.mutable
            name.setText(f"{spec.name} {KEYFRAME_MARK}" if mutable else spec.name)
            name.setToolTip(self.tr("Set on each keyframe of a track") if mutable else "")
            editor = self._editors[spec.id]
            editor.setAccessibleName(spec.name)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    # -- editors -------------------------------------------------------------------------------------------------

    def _make_editor(self, spec: AttributeSpec) -> QWidget:
        kind = spec.input_type
        if kind == "select":
            combo = QComboBox()
            combo.addItems(list(spec.values))
            combo.activated.connect(lambda index, spec=spec, combo=combo: self._user_set(spec, combo.itemText(index)))
            return combo
        if kind == "radio":
            box = QWidget()
            grid = QGridLayout(box)
            grid.setContentsMargins(0, 0, 0, 0)
            group = QButtonGroup(box)
            for position, value in enumerate(spec.values):
                button = QRadioButton(value)
                group.addButton(button, position)
                grid.addWidget(button, position // RADIO_COLUMNS, position % RADIO_COLUMNS)
            group.idClicked.connect(lambda index, spec=spec: self._user_set(spec, spec.values[index]))
            box.setProperty("buttons", group)
            return box
        if kind == "checkbox":
            check = QCheckBox()
            check.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)  # a click hits the box
            check.clicked.connect(lambda checked, spec=spec: self._user_set(spec, "true" if checked else "false"))
            return check
        if kind == "number":
            low, high, step = number_range(spec)
            spin: QSpinBox | QDoubleSpinBox
            if _is_whole(low, high, step):
                spin = QSpinBox()
                spin.setRange(int(low), int(min(high, 2**31 - 1)))
                spin.setSingleStep(int(step))
            else:
                spin = QDoubleSpinBox()
                spin.setDecimals(max(_decimals(low), _decimals(step)))
                spin.setRange(low, high)
                spin.setSingleStep(step)
            spin.setKeyboardTracking(False)
            spin.setCorrectionMode(QAbstractSpinBox.CorrectionMode.CorrectToNearestValue)
            decimals = 0 if isinstance(spin, QSpinBox) else spin.decimals()
            spin.valueChanged.connect(
                lambda number, spec=spec, places=decimals: self._user_set(spec, number_text(number, places))
            )
            return spin
        field = QLineEdit()
        field.editingFinished.connect(lambda spec=spec, field=field: self._user_set(spec, field.text()))
        return field

    def _show(self, spec: AttributeSpec) -> None:
        value = self._values[spec.id]
        editor = self._editors[spec.id]
        with QSignalBlocker(editor):
            if isinstance(editor, QComboBox):
                index = editor.findText(value)
                if index < 0 and value:
                    editor.addItem(value)  # a value the spec no longer lists: shown as it is
                    index = editor.count() - 1
                editor.setCurrentIndex(index)
            elif isinstance(editor, QCheckBox):
                editor.setChecked(value.strip().lower() == "true")
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                try:
                    number = float(value)
                except ValueError:
                    number = editor.minimum()
                editor.setValue(int(number) if isinstance(editor, QSpinBox) else number)  # type: ignore[arg-type]
            elif isinstance(editor, QLineEdit):
                editor.setText(value)
            else:
                group = editor.property("buttons")
                assert isinstance(group, QButtonGroup)
                with QSignalBlocker(group):
                    group.setExclusive(False)
                    for position, choice in enumerate(spec.values):
                        group.button(position).setChecked(choice == value)
                    group.setExclusive(True)

    def _user_set(self, spec: AttributeSpec, value: str) -> None:
        if self._values.get(spec.id) == value:
            return
        self._values[spec.id] = value
        self.valueChanged.emit(spec.id, value)


def _decimals(number: float) -> int:
    text = repr(float(number))
    return len(text.split(".")[1].rstrip("0")) if "." in text else 0
