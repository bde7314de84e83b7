"""The key map: CVAT's defaults, remapping saved and restored, conflicts refused, the shortcuts dialog, and Space
(held: pan; tapped: play) on the canvas even when a window action has Space."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QKeySequenceEdit, QMainWindow

from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.ui.workspace.keymap import ACTIONS, KeyMap, ShortcutSettings, clash
from annodesk.ui.workspace.shortcuts_dialog import KEYS_COLUMN, ShortcutsAction, ShortcutsDialog
from annodesk.ui.workspace.tools.drawing import DrawingTool
from annodesk.ui.workspace.tools.options import DrawOptions
from annodesk.workspace.drawables import ShapeKind
from tests.workspace.canvas_input import click, drag, frame, widget_at


def settings_at(path: Path) -> ShortcutSettings:
    return ShortcutSettings(QSettings(str(path), QSettings.Format.IniFormat))


def key(text: str) -> QKeySequence:
    return QKeySequence(text, QKeySequence.SequenceFormat.PortableText)


def test_cvat_defaults_have_no_conflicts() -> None:
    keymap = KeyMap()
    assert keymap.sequences("next_frame") == (key("F"),)
    assert keymap.sequences("redo") == (key("Ctrl+Shift+Z"), key("Ctrl+Y"))
    assert keymap.action_for(key("Ctrl+S")) == "save"
    assert keymap.action_for(key("T, L")) == "lock_all"
    for action in ACTIONS:
        assert keymap.conflicts(action.name, keymap.sequences(action.name)) == [], action.name
    assert len({a.name for a in ACTIONS}) == len(ACTIONS)


def test_clash_covers_equal_keys_and_prefixes() -> None:
    assert clash(key("G"), key("G"))
    assert clash(key("Shift+B"), key("Shift+B, ="))
    assert not clash(key("L"), key("T, L"))
    assert not clash(key("Shift+B, ="), key("Shift+B, -"))


def test_remapping_is_saved_and_restored(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    keymap = KeyMap(settings_at(path))
    assert keymap.assign("next_frame", (key("Ctrl+Right"),)) == []
    assert keymap.assign("shape_or_track", (key("Shift+T"),)) == []
    restored = KeyMap(settings_at(path))
    assert restored.sequences("next_frame") == (key("Ctrl+Right"),)
    assert restored.sequences("shape_or_track") == (key("Shift+T"),)
    assert restored.sequences("previous_frame") == (key("D"),)
    assert restored.reset("next_frame") == []
    assert KeyMap(settings_at(path)).sequences("next_frame") == (key("F"),)
    restored.assign("fit", ())
    assert QSettings(str(path), QSettings.Format.IniFormat).value("shortcuts/next_frame") is None  # defaults unstored


def test_conflicts_are_refused_and_change_nothing(tmp_path: Path) -> None:
    path = tmp_path / "settings.ini"
    keymap = KeyMap(settings_at(path))
    assert keymap.assign("next_frame", (key("D"),)) == ["previous_frame"]
    assert keymap.assign("fit", (key("Shift+B"),)) == ["brightness_up", "brightness_down"]  # a prefix of theirs
    assert keymap.sequences("next_frame") == (key("F"),)
    assert KeyMap(settings_at(path)).sequences("fit") == ()


def test_bound_actions_follow_remaps(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    keymap = KeyMap()
    action = QAction(window)
    keymap.bind("save", action)
    assert action.shortcut() == key("Ctrl+S")
    keymap.assign("save", (key("Ctrl+Shift+S"),))
    assert action.shortcut() == key("Ctrl+Shift+S")


def _edit_keys(dialog: ShortcutsDialog, name: str, sequence: str) -> None:
    item = dialog.item(dialog.row_of(name), KEYS_COLUMN)
    dialog.table.setCurrentItem(item)
    dialog.table.editItem(item)
    editor = dialog.table.findChild(QKeySequenceEdit)
    assert editor is not None
    editor.setKeySequence(key(sequence))
    editor.editingFinished.emit()


def test_dialog_lists_and_remaps_in_place(qtbot, tmp_path: Path) -> None:
    keymap = KeyMap(settings_at(tmp_path / "settings.ini"))
    dialog = ShortcutsDialog(keymap)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.table.rowCount() == len(ACTIONS)
    row = dialog.row_of("undo")
    assert dialog.item(row, 1).text() == "Undo" and dialog.item(row, KEYS_COLUMN).text() == "Ctrl+Z"
    _edit_keys(dialog, "undo", "Ctrl+U")
    assert keymap.sequences("undo") == (key("Ctrl+U"),)
    assert dialog.item(row, KEYS_COLUMN).text() == "Ctrl+U"
    assert KeyMap(settings_at(tmp_path / "settings.ini")).sequences("undo") == (key("Ctrl+U"),)


def test_dialog_refuses_a_conflict_and_says_with_what(qtbot) -> None:
    keymap = KeyMap()
    dialog = ShortcutsDialog(keymap)
    qtbot.addWidget(dialog)
    dialog.show()
    _edit_keys(dialog, "next_frame", "D")
    assert keymap.sequences("next_frame") == (key("F"),)
    assert dialog.item(dialog.row_of("next_frame"), KEYS_COLUMN).text() == "F"
    assert "Go to the previous frame" in dialog.notice.text()
    dialog.reset_all_button.click()
    assert keymap.sequences("next_frame") == (key("F"),)


def test_help_action_opens_one_dialog_with_f1(qtbot) -> None:
    window = QMainWindow()
    qtbot.addWidget(window)
    keymap = KeyMap()
    action = ShortcutsAction(keymap, window, window)
    window.addAction(action)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    assert action.shortcut() == key("F1") and action.text()
    QTest.keyClick(window, Qt.Key.Key_F1)
    first = action.dialog
    assert first is not None and first.isVisible()
    action.trigger()
    assert action.dialog is first  # raised again, not a second one
    first.close()


@pytest.fixture
def window_with_canvas(qtbot) -> tuple[QMainWindow, AnnotationCanvas, list[str]]:
    """A window whose actions have CVAT's Space (play) and N (draw), around a focused canvas."""
    window = QMainWindow()
    qtbot.addWidget(window)
    canvas = AnnotationCanvas()
    window.setCentralWidget(canvas)
    window.resize(400, 300)
    keymap = KeyMap()
    fired: list[str] = []
    for name in ("play_pause", "draw"):
        action = QAction(window)
        keymap.bind(name, action)
        action.triggered.connect(lambda _=False, n=name: fired.append(n))
        window.addAction(action)
    window.show()
    qtbot.waitExposed(window)
    canvas.resize(400, 300)
    canvas.set_frame(frame())
    canvas.fit_to_view()
    canvas.setFocus()
    canvas.spaceTapped.connect(lambda: fired.append("tap"))
    return window, canvas, fired


def test_space_tap_plays_space_drag_pans(window_with_canvas) -> None:
    _, canvas, fired = window_with_canvas
    QTest.keyClick(canvas, Qt.Key.Key_Space)
    assert fired == ["tap"]  # the canvas's tap, not the window action stealing the key
    before = canvas.map_from_image(QPointF(50, 50))
    QTest.keyPress(canvas, Qt.Key.Key_Space)
    drag(canvas, QPoint(100, 100), QPoint(130, 110))
    QTest.keyRelease(canvas, Qt.Key.Key_Space)
    assert canvas.map_from_image(QPointF(50, 50)) == before + QPointF(30, 10)
    assert fired == ["tap"]  # a held Space that panned is no tap


def test_n_finishes_a_drawing_and_is_the_windows_otherwise(window_with_canvas) -> None:
    _, canvas, fired = window_with_canvas
    tool = DrawingTool(canvas)
    drawn: list[list[float]] = []
    tool.drawn.connect(lambda kind, points: drawn.append(points))
    tool.start(DrawOptions(kind=ShapeKind.POINTS))
    click(canvas, widget_at(canvas, 10, 10))
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert drawn == [[10.0, 10.0]] and fired == []  # the tool's N
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert fired == ["draw"]  # not drawing: the window's "repeat the last drawing"
