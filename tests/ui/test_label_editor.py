"""The label editor: constructor ↔ raw JSON for every input type, CVAT's rules shown next to their fields, raw JSON
errors in the library's precise words, import/export through the real file dialog, the colour dialog, locked mode
for an existing task, and the item models (qtmodeltester)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import qasync
from PySide6.QtCore import QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QColor, QInputMethodEvent
from PySide6.QtWidgets import QApplication, QColorDialog, QFileDialog, QLineEdit
from pytestqt.qtbot import QtBot

from annodesk.api import Attribute, Label, LabelSpecError, NewAttribute, NewLabel, labels_from_json, labels_to_json
from annodesk.api.labels import label_problems
from annodesk.models.chosen_files import ChosenFile, ChosenFilesModel
from annodesk.models.label_drafts import DraftAttribute, DraftLabel, LabelListModel
from annodesk.ui import label_texts
from annodesk.ui.label_editor import LabelEditor
from annodesk.ui.label_form import AttributeEditor

from .conftest import next_emission, wait_for

EVERY_TYPE = (
    NewLabel(
        "car",
        color="#fa3253",
        attributes=(
            NewAttribute("type", "select", default_value="suv", values=("sedan", "suv", "truck")),
            NewAttribute("side", "radio", default_value="left", values=("left", "right")),
            NewAttribute("parked", "checkbox", mutable=True, default_value="true", values=("true",)),
            NewAttribute("plate", "text", mutable=True, default_value="unknown", values=("unknown",)),
            NewAttribute("speed", "number", default_value="0", values=("0", "200", "5")),
        ),
    ),
    NewLabel(
        "行人",
        color="#3d3df5",
        attributes=(NewAttribute("age", "number", default_value="30", values=("0", "100", "1")),),
    ),
)


@pytest.fixture
def editor(qtbot: QtBot) -> LabelEditor:
    widget = LabelEditor()
    qtbot.addWidget(widget)
    widget.resize(900, 520)
    widget.show()
    return widget


def to_raw(editor: LabelEditor) -> str:
    editor.tabs.setCurrentWidget(editor.raw_page)
    return editor.raw.toPlainText()


def edit_raw(editor: LabelEditor, text: str) -> None:
    """Type ``text`` into the Raw tab (replacing what it showed)."""
    editor.tabs.setCurrentWidget(editor.raw_page)
    editor.raw.setPlainText(text)


def to_constructor(editor: LabelEditor) -> bool:
    """Switch to the constructor; False when the raw text kept the Raw tab open."""
    editor.tabs.setCurrentWidget(editor.constructor_page)
    return editor.tabs.currentWidget() is editor.constructor_page


def add_attribute(qtbot: QtBot, editor: LabelEditor, name: str, input_type: str) -> AttributeEditor:
    attribute = editor.form.add_attribute()
    assert attribute is not None
    qtbot.keyClicks(attribute.name, name)
    attribute.input_type.setCurrentIndex(attribute.input_type.findData(input_type))
    return attribute


def type_into(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Replace the field's text as a user would: keys for ASCII, an input method's commit for other scripts."""
    field.selectAll()
    if text.isascii():
        qtbot.keyClicks(field, text)
    else:
        event = QInputMethodEvent("", [])
        event.setCommitString(text)
        QCoreApplication.sendEvent(field, event)


def test_constructor_builds_every_input_type_and_raw_json_follows(qtbot: QtBot, editor: LabelEditor) -> None:
    """Built through the widgets as a user would, the Raw tab shows exactly CVAT's JSON for the same labels."""
    editor.add_button.click()
    qtbot.keyClicks(editor.form.name, "car")
    assert editor.form.draft is not None and editor.form.draft.color == "#fa3253"  # the palette's first colour
    select = add_attribute(qtbot, editor, "type", "select")
    assert select.page is select.pages[0] and select.pages[0].isVisibleTo(select)
    select.options.setPlainText("sedan\nsuv\n\ntruck\n")  # empty lines are no values
    assert [select.choice.itemText(i) for i in range(select.choice.count())] == ["sedan", "suv", "truck"]
    assert select.choice.currentText() == "sedan"  # the first value is the default until another is chosen
    select.choice.setCurrentIndex(1)
    radio = add_attribute(qtbot, editor, "side", "radio")
    radio.options.setPlainText("left\nright")
    checkbox = add_attribute(qtbot, editor, "parked", "checkbox")
    checkbox.mutable.setChecked(True)
    checkbox.checked.setChecked(True)
    text = add_attribute(qtbot, editor, "plate", "text")
    text.mutable.setChecked(True)
    qtbot.keyClicks(text.text, "unknown")
    number = add_attribute(qtbot, editor, "speed", "number")
    type_into(qtbot, number.maximum, "200")
    type_into(qtbot, number.step, "5")
    assert number.number_default.text() == "0"  # the default is the minimum, as in the web UI

    editor.add_button.click()
    type_into(qtbot, editor.form.name, "行人")
    assert editor.form.draft is not None and editor.form.draft.color == "#3d3df5"
    age = add_attribute(qtbot, editor, "age", "number")
    type_into(qtbot, age.minimum, "0")
    type_into(qtbot, age.maximum, "100")
    type_into(qtbot, age.number_default, "30")

    assert editor.validate() and editor.problems() == []
    assert to_raw(editor) == labels_to_json(EVERY_TYPE)
    assert editor.labels() == EVERY_TYPE
    assert [editor.model.index(r, 0).data() for r in range(editor.model.rowCount())] == ["car", "行人"]


def test_raw_json_edits_reach_the_constructor_and_back(qtbot: QtBot, editor: LabelEditor) -> None:
    editor.set_labels(EVERY_TYPE)
    data = json.loads(to_raw(editor))
    data[0]["attributes"][0]["values"].append("bus")
    data[0]["attributes"][0]["default_value"] = "bus"
    data[0]["attributes"][4] = {"name": "speed", "input_type": "number", "mutable": True, "values": ["10", "90", "10"]}
    data.append({"name": "bike", "attributes": [{"name": "ridden", "input_type": "checkbox", "values": ["false"]}]})
    edit_raw(editor, json.dumps(data, ensure_ascii=False))
    assert to_constructor(editor)

    assert editor.model.rowCount() == 3
    editor.list.setCurrentIndex(editor.model.index(0, 0))
    select, _radio, _checkbox, _text, number = editor.form.editors
    assert select.choice.currentText() == "bus" and select.options.toPlainText().splitlines()[-1] == "bus"
    assert (number.minimum.text(), number.maximum.text(), number.step.text()) == ("10", "90", "10")
    assert number.number_default.text() == "10" and number.mutable.isChecked()  # default: the first value
    editor.list.setCurrentIndex(editor.model.index(2, 0))
    assert editor.form.name.text() == "bike" and editor.form.color_button.text() == "Chosen by the server"
    (ridden,) = editor.form.editors
    assert ridden.page is ridden.pages[1] and not ridden.pages[0].isVisibleTo(ridden)
    assert not ridden.checked.isChecked()

    expected = labels_from_json(json.dumps(data, ensure_ascii=False))
    assert editor.labels() == expected  # …and written back unchanged
    assert to_raw(editor) == labels_to_json(expected)


def test_switching_type_keeps_what_each_type_had(qtbot: QtBot, editor: LabelEditor) -> None:
    editor.set_labels([NewLabel("car", attributes=(NewAttribute("kind", "select", values=("a", "b")),))])
    (attribute,) = editor.form.editors
    attribute.input_type.setCurrentIndex(attribute.input_type.findData("text"))
    qtbot.keyClicks(attribute.text, "hello")
    assert editor.labels()[0].attributes[0] == NewAttribute("kind", "text", default_value="hello", values=("hello",))
    attribute.input_type.setCurrentIndex(attribute.input_type.findData("select"))
    assert editor.labels()[0].attributes[0] == NewAttribute("kind", "select", default_value="a", values=("a", "b"))


def test_problems_are_shown_next_to_what_they_concern(qtbot: QtBot, editor: LabelEditor) -> None:
    editor.set_labels([NewLabel("car"), NewLabel("bus")])
    assert editor.problems() == []
    editor.list.setCurrentIndex(editor.model.index(1, 0))
    type_into(qtbot, editor.form.name, "car")  # a duplicate
    select = add_attribute(qtbot, editor, "kind", "select")  # no values
    number = add_attribute(qtbot, editor, "speed", "number")
    type_into(qtbot, number.minimum, "10")
    type_into(qtbot, number.maximum, "5")
    type_into(qtbot, number.step, "0")
    nameless = editor.form.add_attribute()
    assert nameless is not None
    nameless.input_type.setCurrentIndex(nameless.input_type.findData("text"))
    assert not editor.summary.isVisible()  # nothing is judged before the user asks to go on

    assert not editor.validate()
    assert editor.form.name_error.text() == "Another label already has this name; label names must be unique."
    assert select.values_error.text() == "List at least one value to choose from."
    assert number.values_error.text().splitlines() == [
        "The minimum must be less than the maximum.",
        "The step must be a positive number.",
    ]
    assert nameless.name_error.text() == "The attribute has no name."
    assert editor.summary.text() == "5 problems to fix in the labels marked in red."
    assert editor.model.problem_count(1) == 5 and editor.model.problem_count(0) == 0
    assert editor.model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) == QColor("#b00020")
    assert editor.model.index(1, 0).data(Qt.ItemDataRole.ToolTipRole) == "5 problems to fix"

    # once shown, they follow the edits
    type_into(qtbot, number.maximum, "50")
    assert number.values_error.text() == "The step must be a positive number."
    type_into(qtbot, number.step, "60")
    assert number.values_error.text() == "The step must not be larger than the maximum minus the minimum."
    type_into(qtbot, number.step, "5")
    type_into(qtbot, number.number_default, "99")
    assert number.values_error.text() == "The default 99 is outside 10…50."
    type_into(qtbot, number.number_default, "x")
    assert number.values_error.text() == "The default “x” is not a number."
    type_into(qtbot, number.number_default, "20")
    select.options.setPlainText("a\nb\na")
    assert select.values_error.text() == "A value is listed twice."
    select.options.setPlainText("a\nb")
    qtbot.keyClicks(nameless.name, "note")
    type_into(qtbot, editor.form.name, "truck")
    assert not number.values_error.isVisible() and not editor.form.name_error.isVisible()
    assert not editor.summary.isVisible() and editor.model.problem_count(1) == 0
    assert editor.validate()

    editor.remove_button.click()
    editor.remove_button.click()
    assert editor.model.rowCount() == 0 and not editor.validate()
    assert editor.summary.text() == "Add at least one label."


def test_raw_errors_use_the_precise_message_and_keep_the_raw_tab(editor: LabelEditor) -> None:
    editor.set_labels(EVERY_TYPE)
    text = to_raw(editor)
    broken = text.replace('"name": "plate",', '"name": "plate"', 1)
    edit_raw(editor, broken)
    assert not to_constructor(editor)
    with pytest.raises(LabelSpecError) as info:
        labels_from_json(broken)
    assert editor.raw_error.text() == str(info.value)  # the library's own words
    assert re.fullmatch(r"The label specification is not valid JSON: .+ \(line \d+, column \d+\)\.", str(info.value))
    line = int(info.value.values[1])
    assert editor.raw.textCursor().blockNumber() == line - 1  # the cursor is where the parser stopped

    wrong_type = text.replace('"input_type": "radio"', '"input_type": "slider"', 1)
    edit_raw(editor, wrong_type)
    assert not to_constructor(editor)
    assert editor.raw_error.text() == (
        "Label 1 (“car”), attribute 2 (“side”): “input_type” must be one of select, radio, checkbox, text, number, "
        'not "slider".'
    )
    rules = text.replace('"default_value": "suv"', '"default_value": "van"', 1)
    edit_raw(editor, rules)
    assert not to_constructor(editor) and not editor.validate()
    assert (
        editor.raw_error.text()
        == "Label 1 (“car”), attribute 1 (“type”): The default value “van” is not one of the values."
    )
    edit_raw(editor, text)
    assert to_constructor(editor) and editor.labels() == EVERY_TYPE
    assert not editor.raw_error.isVisibleTo(editor)


def test_english_spec_errors_are_the_librarys_words_and_every_problem_has_a_sentence() -> None:
    cases = [
        "[{",
        '{"name": "car"}',
        "[1]",
        '[{"color": "#fff000"}]',
        '[{"name": "a", "color": 1}]',
        '[{"name": "bus", "attributes": {}}]',
        '[{"name": "a", "attributes": [null]}]',
        '[{"name": "a", "attributes": [{"input_type": "text"}]}]',
        '[{"name": "a", "attributes": [{"name": "b", "input_type": "slider"}]}]',
        '[{"name": "a", "attributes": [{"name": "b", "input_type": "text", "mutable": "yes"}]}]',
        '[{"name": "a", "attributes": [{"name": "b", "input_type": "select", "values": "red"}]}]',
        '[{"name": "a", "attributes": [{"name": "b", "input_type": "text", "default_value": {}}]}]',
    ]
    codes = set()
    for text in cases:
        with pytest.raises(LabelSpecError) as info:
            labels_from_json(text)
        assert label_texts.spec_error_sentence(info.value) == str(info.value)
        codes.add(info.value.code)
    assert codes == set(label_texts.SPEC_ERRORS)

    bad = [
        NewLabel(" ", color="red"),
        NewLabel("x" * 65),
        NewLabel("x" * 65),
        NewLabel(
            "car",
            attributes=(
                NewAttribute("", "select", default_value="z", values=("a", "a", " ")),
                NewAttribute("y" * 65, "slider"),
                NewAttribute("c", "checkbox", default_value="yes", values=("maybe",)),
                NewAttribute("c", "radio", default_value="d" * 129),
                NewAttribute("n1", "number", values=("1",)),
                NewAttribute("n2", "number", values=("a", "b", "c")),
                NewAttribute("n3", "number", values=("0", "inf", "1")),
                NewAttribute("n4", "number", default_value="x", values=("5", "1", "0")),
                NewAttribute("n5", "number", default_value="9", values=("0", "5", "6")),
                NewAttribute("t", "text", values=("a", "b")),
            ),
        ),
    ]
    problems = label_problems(bad) + label_problems([])
    assert {p.code for p in problems} == set(label_texts.PROBLEMS)
    for problem in problems:
        sentence = label_texts.problem_sentence(problem)
        # the library's sentence, standing alone: its own words after the place
        tail = problem.message.split(": ", 1)[-1] if problem.place.label else problem.message
        if problem.code in ("label_name_empty", "attribute_name_empty"):
            continue  # "Label 1 has no name." / "it has no name.": reworded to stand alone
        assert sentence == tail[0].upper() + tail[1:], (sentence, tail)


def test_color_is_chosen_in_the_real_color_dialog(qtbot: QtBot, editor: LabelEditor) -> None:
    editor.set_labels([NewLabel("car", color="#fa3253")])
    opened: list[QColorDialog] = []
    editor.form.colorDialogOpened.connect(opened.append)
    editor.form.color_button.click()
    (dialog,) = opened
    assert dialog.isVisible() and dialog.testOption(QColorDialog.ColorDialogOption.DontUseNativeDialog)
    assert dialog.currentColor() == QColor("#fa3253")
    dialog.setCurrentColor(QColor("#123456"))
    dialog.accept()
    assert editor.labels()[0].color == "#123456" and editor.form.color_button.text() == "#123456"
    assert editor.model.index(0, 0).data(Qt.ItemDataRole.DecorationRole) == QColor("#123456")


def type_file_name(dialog: QFileDialog, path: str) -> None:
    """Type a path into Qt's file dialog, as a user does (``selectFile`` leaves a focused name field alone)."""
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert field is not None
    field.setText(path)


def test_import_and_export_through_the_file_dialog(
    qtbot: QtBot, editor: LabelEditor, loop: qasync.QEventLoop, tmp_path: Path
) -> None:
    async def body() -> None:
        editor.set_labels(EVERY_TYPE)
        opened = next_emission(editor.fileDialogOpened)
        editor.tabs.setCurrentWidget(editor.raw_page)
        editor.export_button.click()
        dialog: QFileDialog = await wait_for(opened)
        assert dialog.testOption(QFileDialog.Option.DontUseNativeDialog)
        assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
        target = tmp_path / "spec"
        handled = next_emission(editor.fileHandled)
        type_file_name(dialog, str(target))
        dialog.accept()
        await wait_for(handled)
        saved = tmp_path / "spec.json"  # the default suffix
        assert labels_from_json(saved.read_text(encoding="utf-8")) == EVERY_TYPE
        assert editor.file_notice.text() == f"Labels saved to {saved}."

        editor.set_labels([NewLabel("other")])
        opened = next_emission(editor.fileDialogOpened)
        editor.import_button.click()
        dialog = await wait_for(opened)
        handled = next_emission(editor.fileHandled)
        type_file_name(dialog, str(saved))
        dialog.accept()
        await wait_for(handled)
        assert editor.labels() == EVERY_TYPE and to_constructor(editor)
        assert editor.file_notice.text() == f"Labels imported from {saved}."

        bad = tmp_path / "bad.json"
        bad.write_text('[{"name": "a", "attributes": 3}]', encoding="utf-8")
        await editor.import_from(bad)
        assert editor.tabs.currentWidget() is editor.raw_page
        assert editor.raw_error.text() == "Label 1 (“a”): “attributes” must be a list, not a number."
        assert [d.name for d in editor.model.labels] == ["car", "行人"]  # the constructor kept its labels
        opened_dialogs: list[object] = []
        editor.fileDialogOpened.connect(opened_dialogs.append)
        handled = next_emission(editor.fileHandled)
        editor.export_button.click()  # the unreadable text is not exported
        await wait_for(handled)
        assert opened_dialogs == [] and editor.raw_error.isVisibleTo(editor)
        await editor.import_from(tmp_path / "missing.json")
        assert editor.file_notice.text().startswith(f"Could not read {tmp_path / 'missing.json'}. (Details: “")

    loop.run_until_complete(body())


# -- locked mode: an existing task ---------------------------------------------------------------


def existing_labels() -> tuple[Label, ...]:
    return (
        Label(
            id=1,
            name="car",
            color="#fa3253",
            attributes=(
                Attribute(id=11, name="type", input_type="select", default_value="suv", values=("sedan", "suv")),
            ),
        ),
        Label(id=2, name="person", color="#3d3df5"),
    )


def test_locked_mode_keeps_saved_labels_and_adds(qtbot: QtBot, editor: LabelEditor) -> None:
    editor.set_existing(existing_labels())
    assert editor.locked and editor.additions() == ()
    assert not editor.form.name.isEnabled() and not editor.form.color_button.isEnabled()
    assert editor.form.saved_notice.isVisible() and not editor.remove_button.isEnabled()
    (saved,) = editor.form.editors
    assert not saved.name.isEnabled() and saved.options.isReadOnly() and not saved.input_type.isEnabled()
    assert not saved.choice.isEnabled() and not saved.mutable.isEnabled() and not saved.remove_button.isVisibleTo(saved)
    editor.remove_selected()
    assert editor.model.rowCount() == 2  # a saved label never goes

    added = add_attribute(qtbot, editor, "parked", "checkbox")  # a new attribute on a saved label
    assert added.remove_button.isVisibleTo(added) and added.name.isEnabled()
    editor.add_button.click()
    qtbot.keyClicks(editor.form.name, "bike")
    assert editor.remove_button.isEnabled()
    editor.add_button.click()
    qtbot.keyClicks(editor.form.name, "tmp")
    editor.remove_button.click()  # an unsaved label can go
    assert [d.name for d in editor.drafts()] == ["car", "person", "bike"]
    assert editor.validate()
    assert editor.additions() == (
        NewLabel(
            "car",
            color="#fa3253",
            attributes=(NewAttribute("parked", "checkbox", default_value="false", values=("false",)),),
        ),
        NewLabel("bike", color=editor.drafts()[2].color),
    )

    # the Raw tab may add too, but not change or remove what is saved
    text = to_raw(editor)
    data = json.loads(text)
    data[1]["attributes"].append({"name": "age", "input_type": "number", "mutable": False, "values": ["0", "9", "1"]})
    edit_raw(editor, json.dumps(data))
    assert to_constructor(editor)
    assert editor.additions()[1] == NewLabel(
        "person",
        color="#3d3df5",
        attributes=(NewAttribute("age", "number", default_value="0", values=("0", "9", "1")),),
    )
    assert editor.drafts()[1].saved and not editor.drafts()[1].attributes[0].saved

    edit_raw(editor, json.dumps(data[1:]))
    assert not to_constructor(editor)
    assert editor.raw_error.text() == (
        "The label “car” is saved on the server and cannot be removed: CVAT only adds labels to a task."
    )
    data[0]["attributes"][0]["values"] = ["sedan"]
    data[0]["attributes"][0]["default_value"] = "sedan"
    edit_raw(editor, json.dumps(data))
    assert not to_constructor(editor)
    assert editor.raw_error.text().startswith("The label “car” is saved on the server: its color and attributes stay")
    edit_raw(editor, text)
    assert to_constructor(editor), editor.raw_error.text()
    assert len(editor.additions()) == 2


# -- models --------------------------------------------------------------------------------------


def test_label_list_model_passes_the_model_tester(qtmodeltester: object, qapp: QApplication) -> None:
    model = LabelListModel()
    model.set_labels([DraftLabel("car", "#fa3253", [DraftAttribute("a")]), DraftLabel("", saved=True)])
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.index(1, 0).data() == "(no name)"
    assert model.index(1, 0).data(Qt.ItemDataRole.FontRole).italic()
    model.add_label(DraftLabel("bus"))
    model.set_problem_counts({0: 2})
    assert not model.remove_label(1) and model.remove_label(0)
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == ["(no name)", "bus"]
    assert model.problem_count(0) == 0
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.rowCount(model.index(0, 0)) == 0 and not model.index(5, 0).isValid()
    assert model.data(QModelIndex()) is None


def test_chosen_files_model_passes_the_model_tester(qtmodeltester: object, qapp: QApplication, tmp_path: Path) -> None:
    model = ChosenFilesModel()
    files = [ChosenFile(tmp_path / "a" / "img.png", 2048), ChosenFile(tmp_path / "b.jpg", 10)]
    assert model.add(files) == (2, [])
    assert model.add([ChosenFile(tmp_path / "c" / "img.png", 5), files[1]]) == (
        0,
        [ChosenFile(tmp_path / "c" / "img.png", 5)],
    )
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    assert model.total_size == 2058 and model.index(0, 1).data() == "2.0 kB"
    assert model.headerData(0, Qt.Orientation.Horizontal) == "File"
    model.remove_rows([0, 0])
    assert model.paths() == [tmp_path / "b.jpg"]
    assert model.add([ChosenFile(tmp_path / "c" / "img.png", 5)]) == (1, [])  # its name is free again
    qtmodeltester.check(model)  # type: ignore[attr-defined]
