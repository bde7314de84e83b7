"""The attribute form, the label picker and the tool palette as widgets, through simulated mouse and keys: an editor
per CVAT input type that says each value the user sets once, and nothing for values set by code."""

from __future__ import annotations

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QButtonGroup, QCheckBox, QComboBox, QDoubleSpinBox, QLabel, QLineEdit, QSpinBox
from pytestqt.qtbot import QtBot

from annodesk.annotations import AttributeSpec, Label, LabelSet
from annodesk.settings import Settings
from annodesk.ui.workspace.attribute_form import AttributeForm, number_text
from annodesk.ui.workspace.tool_palette import SELECT, ToolPalette
from annodesk.ui.workspace.tools.options import CuboidMethod, RectangleMethod
from annodesk.workspace.drawables import ShapeKind

TYPE = AttributeSpec(1, "type", False, "select", "sedan", ("sedan", "suv", "truck"))
COLOR = AttributeSpec(2, "color", False, "radio", "white", ("white", "black", "red"))
PARKED = AttributeSpec(3, "parked", True, "checkbox", "false", ("false",))
PLATE = AttributeSpec(4, "plate", True, "text", "", ("",))
SPEED = AttributeSpec(5, "speed", True, "number", "0", ("0", "200", "5"))
RATIO = AttributeSpec(6, "ratio", False, "number", "0.5", ("0", "1", "0.25"))
SPECS = (TYPE, COLOR, PARKED, PLATE, SPEED, RATIO)
LABELS = LabelSet((Label(10, "car", "#fa3253", SPECS), Label(11, "person", "#34d1b7", (COLOR,))))


def form_with_values(qtbot: QtBot) -> tuple[AttributeForm, list[tuple[int, str]]]:
    form = AttributeForm()
    qtbot.addWidget(form)
    form.set_specs(SPECS, {1: "suv", 2: "black", 3: "true", 4: "B-AB 12", 5: "60"}, mark_mutable=True)
    form.show()
    said: list[tuple[int, str]] = []
    form.valueChanged.connect(lambda spec, value: said.append((spec, value)))
    return form, said


def test_each_input_type_has_its_editor_showing_the_value(qtbot: QtBot) -> None:
    form, said = form_with_values(qtbot)
    combo = form.editor(TYPE.id)
    assert isinstance(combo, QComboBox) and combo.currentText() == "suv"
    group = form.editor(COLOR.id).property("buttons")
    assert isinstance(group, QButtonGroup) and group.checkedButton().text() == "black"
    check = form.editor(PARKED.id)
    assert isinstance(check, QCheckBox) and check.isChecked()
    field = form.editor(PLATE.id)
    assert isinstance(field, QLineEdit) and field.text() == "B-AB 12"
    spin = form.editor(SPEED.id)
    assert isinstance(spin, QSpinBox) and (spin.minimum(), spin.maximum(), spin.singleStep(), spin.value()) == (
        0,
        200,
        5,
        60,
    )
    ratio = form.editor(RATIO.id)
    assert isinstance(ratio, QDoubleSpinBox) and ratio.value() == 0.5 and ratio.singleStep() == 0.25
    assert form.value(RATIO.id) == "0.5"  # no value given: the default
    # mutable attributes carry the keyframe mark; values set by code say nothing
    names = {label.text() for label in form.findChildren(QLabel)}
    assert {"type", "color", "parked ◆", "plate ◆", "speed ◆", "ratio"} <= names
    form.set_values({1: "truck"})
    assert combo.currentText() == "truck" and said == []


def test_the_user_sets_each_type_once(qtbot: QtBot) -> None:
    form, said = form_with_values(qtbot)
    combo = form.editor(TYPE.id)
    combo.setFocus()
    QTest.keyClick(combo, Qt.Key.Key_Down)  # suv → truck
    group = form.editor(COLOR.id).property("buttons")
    QTest.mouseClick(group.button(2), Qt.MouseButton.LeftButton)
    QTest.mouseClick(form.editor(PARKED.id), Qt.MouseButton.LeftButton)
    field = form.editor(PLATE.id)
    assert isinstance(field, QLineEdit)
    field.setFocus()
    field.selectAll()
    QTest.keyClicks(field, "M-XY 9")
    QTest.keyClick(field, Qt.Key.Key_Return)
    spin = form.editor(SPEED.id)
    spin.setFocus()
    QTest.keyClick(spin, Qt.Key.Key_Up)
    ratio = form.editor(RATIO.id)
    ratio.setFocus()
    QTest.keyClick(ratio, Qt.Key.Key_Up)
    assert said == [(1, "truck"), (2, "red"), (3, "false"), (4, "M-XY 9"), (5, "65"), (6, "0.75")]
    assert form.values() == {1: "truck", 2: "red", 3: "false", 4: "M-XY 9", 5: "65", 6: "0.75"}


def test_number_text_has_no_float_noise() -> None:
    assert number_text(65.0, 0) == "65"
    assert number_text(0.1 + 0.2, 2) == "0.3"
    assert number_text(2.0, 2) == "2"


def test_label_picker_starts_from_the_labels_defaults_and_restores_a_choice(qtbot: QtBot) -> None:
    palette = ToolPalette()
    qtbot.addWidget(palette)
    picker = palette.label_picker
    picker.set_labels(LABELS)
    palette.show()
    assert picker.label_id() == 10
    assert picker.attributes() == {1: "sedan", 2: "white", 3: "false", 4: "", 5: "0", 6: "0.5"}
    QTest.mouseClick(picker.form.editor(PARKED.id), Qt.MouseButton.LeftButton)
    assert picker.attributes()[3] == "true"
    choice = picker.choice()
    assert picker.set_label(11) and picker.attributes() == {2: "white"}  # another label: its own defaults
    picker.restore(choice)
    assert picker.label_id() == 10 and picker.attributes()[3] == "true"
    picker.restore({"label": 999})  # a label the task no longer has: nothing changes
    assert picker.label_id() == 10


def test_the_choice_is_remembered_per_job_in_settings(tmp_path: object) -> None:
    settings = Settings(QSettings(f"{tmp_path}/s.ini", QSettings.Format.IniFormat))
    assert settings.draw_choice("https://a", 1) is None
    settings.set_draw_choice("https://a", 1, {"label": 10, "attributes": {"3": "true"}})
    settings.set_draw_choice("https://a", 2, {"label": 11, "attributes": {}})
    assert settings.draw_choice("https://a", 1) == {"label": 10, "attributes": {"3": "true"}}
    assert settings.draw_choice("https://b", 1) is None
    settings.draw_choices = "not json"
    assert settings.draw_choice("https://a", 1) is None


def test_palette_options(qtbot: QtBot) -> None:
    palette = ToolPalette()
    qtbot.addWidget(palette)
    palette.label_picker.set_labels(LABELS)
    chosen: list[str] = []
    palette.toolChosen.connect(chosen.append)
    palette.show()
    QTest.mouseClick(palette.tool_buttons[ShapeKind.POLYGON.value], Qt.MouseButton.LeftButton)
    QTest.mouseClick(palette.track_button, Qt.MouseButton.LeftButton)
    palette.rectangle_method.setCurrentIndex(1)
    palette.cuboid_method.setCurrentIndex(1)
    palette.points_limit.setValue(1)
    assert chosen == [ShapeKind.POLYGON.value]
    options = palette.options(ShapeKind.POLYGON)
    assert options.track and options.label == "car" and options.color == "#fa3253"
    assert options.points_limit == 3  # at least CVAT's minimum for polygons
    assert palette.options(ShapeKind.RECTANGLE).rectangle_method is RectangleMethod.BY_4_POINTS
    assert palette.options(ShapeKind.CUBOID).cuboid_method is CuboidMethod.BY_4_POINTS
    palette.show_tool(SELECT)
    assert palette.tool_actions[SELECT].isChecked() and chosen == [ShapeKind.POLYGON.value]
