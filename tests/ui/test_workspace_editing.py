"""Editing through the workspace window over the sandbox: gestures on the real canvas are one undo step each, the
attribute editor writes every input type and a label change resets the attributes, mutable attributes of a track go
on the keyframe, and the object commands run from CVAT's keys (remappable), the menus and the context menu."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QLineEdit, QSpinBox

from annodesk.api import Annotations, CvatClient, LabeledShape, Task
from annodesk.sandbox import SandboxServer
from annodesk.ui.workspace.attribute_form import KEYFRAME_MARK
from annodesk.ui.workspace.window import WorkspaceWindow
from annodesk.workspace.drawables import ShapeKind
from annodesk.workspace.frame_objects import ObjectKey
from tests.workspace.canvas_input import LEFT, RIGHT

from .conftest import until
from .workspace_tools_helpers import (
    CAR,
    PEDESTRIAN,
    at,
    choose_tool,
    click_at,
    drag_at,
    editor_of,
    flat_at,
    item,
    key,
    label_id,
    painted,
    spec_id,
    street_workspace,
)

CTRL, SHIFT = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier


def draw_rectangle(window: WorkspaceWindow, start: tuple[float, float], end: tuple[float, float]) -> ObjectKey:
    choose_tool(window, ShapeKind.RECTANGLE)
    drag_at(window, start, end)
    made = window.controller.selected
    assert made is not None
    return made


def draw_polygon(window: WorkspaceWindow, corners: list[tuple[float, float]]) -> ObjectKey:
    choose_tool(window, ShapeKind.POLYGON)
    for x, y in corners:
        click_at(window, x, y)
    key(window, Qt.Key.Key_N)
    made = window.controller.selected
    assert made is not None
    return made


async def test_a_vertex_drag_and_a_rectangle_move_are_one_undo_step_each(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        editor = editor_of(window)
        rectangle = draw_rectangle(window, (100, 100), (300, 220))
        drawn_rectangle = list(item(window, rectangle).points)
        corners = [(500, 100), (700, 120), (650, 300)]
        polygon = draw_polygon(window, corners)
        steps = editor.undo_stack.count()

        drag_at(window, (700, 120), (760, 160))  # the selected polygon's second vertex
        moved_corners = [corners[0], (760, 160), corners[2]]
        assert list(item(window, polygon).points) == pytest.approx(flat_at(window, moved_corners), abs=1)
        assert editor.undo_stack.count() == steps + 1

        drag_at(window, (200, 160), (240, 200))  # the rectangle's body: selected and moved at once
        assert window.controller.selected == rectangle
        (x0, y0), (x1, y1) = at(window, 200, 160), at(window, 240, 200)
        dx, dy = x1 - x0, y1 - y0
        expected = [v + (dx if i % 2 == 0 else dy) for i, v in enumerate(drawn_rectangle)]
        assert list(item(window, rectangle).points) == pytest.approx(expected, abs=1)
        assert editor.undo_stack.count() == steps + 2
        assert painted(window, 140, 200) and not painted(window, 100, 110)

        saving = window.controller.saving
        assert saving is not None
        editor.read_only = True  # as while a save runs: the gesture is refused, the object stays where it is
        saving.runningChanged.emit(True)
        assert not window.object_actions.actions["undo"].isEnabled()
        drag_at(window, (240, 200), (400, 300))
        assert list(item(window, rectangle).points) == pytest.approx(expected, abs=1)
        assert window.canvas.drawable(window.controller.drawable_id(rectangle)).points == item(window, rectangle).points
        assert editor.undo_stack.count() == steps + 2 and "save is running" in window.message_label.text()
        editor.read_only = False
        saving.runningChanged.emit(False)

        undo = window.object_actions.actions["undo"]
        assert undo.isEnabled() and undo.text() != window.object_actions.tr("&Undo")  # "Undo <the step>"
        key(window, Qt.Key.Key_Z, CTRL)
        assert list(item(window, rectangle).points) == pytest.approx(drawn_rectangle)
        key(window, Qt.Key.Key_Z, CTRL)
        assert list(item(window, polygon).points) == pytest.approx(flat_at(window, corners))
        key(window, Qt.Key.Key_Y, CTRL)  # redo (CVAT has Ctrl+Y and Ctrl+Shift+Z)
        assert list(item(window, polygon).points) == pytest.approx(flat_at(window, moved_corners), abs=1)
        key(window, Qt.Key.Key_Z, CTRL | SHIFT)
        assert list(item(window, rectangle).points) == pytest.approx(expected, abs=1)


async def test_the_attribute_editor_writes_every_input_type_and_a_label_change_resets_them(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        editor = editor_of(window)
        rectangle = draw_rectangle(window, (100, 100), (300, 220))
        panel = window.attribute_editor
        form = panel.form
        kind, color, parked, plate, speed = (
            spec_id(window, CAR, name) for name in ("type", "color", "parked", "plate", "speed")
        )
        steps = editor.undo_stack.count()

        combo = form.editor(kind)
        assert isinstance(combo, QComboBox)
        combo.setFocus()
        QTest.keyClick(combo, Qt.Key.Key_Down)  # sedan → suv
        QTest.mouseClick(form.editor(color).property("buttons").button(2), LEFT)  # red
        QTest.mouseClick(form.editor(parked), LEFT)
        field = form.editor(plate)
        assert isinstance(field, QLineEdit)
        field.setFocus()
        QTest.keyClicks(field, "B-XY 42")
        QTest.keyClick(field, Qt.Key.Key_Return)
        spin = form.editor(speed)
        assert isinstance(spin, QSpinBox)
        spin.setFocus()
        QTest.keyClick(spin, Qt.Key.Key_Up)  # the spec's step: 5
        values = editor.attribute_values(rectangle)
        assert [values[s] for s in (kind, color, parked, plate, speed)] == ["suv", "red", "true", "B-XY 42", "5"]
        assert editor.undo_stack.count() == steps + 5  # one step per change

        QTest.mouseClick(panel.occluded, LEFT)
        assert item(window, rectangle).occluded and editor.undo_stack.count() == steps + 6

        label_combo = panel.label_combo
        label_combo.setFocus()
        QTest.keyClick(label_combo, Qt.Key.Key_Down)  # car → pedestrian
        shape = item(window, rectangle)
        assert shape.label_id == label_id(window, PEDESTRIAN)
        assert editor.attribute_values(rectangle) == {spec_id(window, PEDESTRIAN, "age"): "adult"}
        assert [form.value(s.id) for s in form.specs()] == ["adult"]  # the form follows
        QTest.keyClick(label_combo, Qt.Key.Key_Up)  # back to car: the defaults, not the values it had
        values = editor.attribute_values(rectangle)
        assert [values[s] for s in (kind, color, parked, plate, speed)] == ["sedan", "white", "false", "", "0"]


async def test_mutable_attributes_of_a_track_are_set_on_the_keyframe(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        window.tool_palette.set_track(True)
        track = draw_rectangle(window, (100, 100), (300, 220))
        first = controller.frame
        parked, kind = spec_id(window, CAR, "parked"), spec_id(window, CAR, "type")
        form = window.attribute_editor.form
        assert form.name_label(parked).text().endswith(KEYFRAME_MARK)
        assert not form.name_label(kind).text().endswith(KEYFRAME_MARK)
        assert window.attribute_editor.keyframe.isVisible() and window.attribute_editor.keyframe.isChecked()

        controller.go_to(first + 5)
        await until(lambda: controller.image is not None)
        assert not window.attribute_editor.keyframe.isChecked()
        QTest.mouseClick(window.attribute_editor.form.editor(parked), LEFT)
        assert editor.attribute_values(track)[parked] == "true"
        assert sorted(shape.frame for shape in item(window, track).shapes) == [first, first + 5]
        assert window.attribute_editor.keyframe.isChecked()
        key(window, Qt.Key.Key_E)  # the previous keyframe
        await until(lambda: controller.frame == first and controller.image is not None)
        assert editor.attribute_values(track)[parked] == "false"
        assert window.attribute_editor.form.value(parked) == "false"
        key(window, Qt.Key.Key_R)  # the next one
        await until(lambda: controller.frame == first + 5 and controller.image is not None)
        assert controller.selected == track
        key(window, Qt.Key.Key_O)  # outside from here on: no longer drawn
        assert controller.object(track).outside and track not in {o.key for o in controller.drawn_objects()}
        assert window.attribute_editor.outside.isChecked()
        key(window, Qt.Key.Key_O)
        assert not controller.object(track).outside
        key(window, Qt.Key.Key_K)  # no longer a keyframe: the values come from the one before
        assert sorted(shape.frame for shape in item(window, track).shapes) == [first]
        assert editor.attribute_values(track)[parked] == "false"


async def two_rectangles(client: CvatClient, task: Task) -> None:
    """Two cars on the job's first frame, the second above the first."""
    car = next(label.id for label in task.labels if label.name == CAR)
    shapes = tuple(
        LabeledShape(type="rectangle", frame=0, label_id=car, points=points, z_order=z)
        for points, z in (((100.0, 100.0, 300.0, 220.0), 0), ((200.0, 150.0, 400.0, 300.0), 1))
    )
    await client.replace_job_annotations(task.jobs[0].id, Annotations(shapes=shapes))


async def test_object_commands_from_cvats_keys_and_a_remapped_key(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(fresh_sandbox, tmp_path, before=two_rectangles) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        lower, upper = (("shape", shape.id) for shape in sorted(editor.document.shapes, key=lambda s: s.z_order))
        controller.select(lower)

        key(window, Qt.Key.Key_Q)
        assert item(window, lower).occluded
        key(window, Qt.Key.Key_Equal)  # to the front
        assert item(window, lower).z_order > item(window, upper).z_order
        key(window, Qt.Key.Key_Minus)  # to the back
        assert item(window, lower).z_order < item(window, upper).z_order

        key(window, Qt.Key.Key_C, CTRL)
        key(window, Qt.Key.Key_V, CTRL)
        copy = controller.selected
        assert copy not in (lower, upper) and list(item(window, copy).points) == list(item(window, lower).points)
        key(window, Qt.Key.Key_Delete)
        assert len(editor.document.shapes) == 2 and controller.selected is None

        controller.select(upper)
        key(window, Qt.Key.Key_L)  # lock: still selected, no more edits until unlocked
        assert upper in controller.locked and controller.selected == upper
        key(window, Qt.Key.Key_Delete)
        assert len(editor.document.shapes) == 2  # refused: locked
        assert "locked" in window.message_label.text()
        key(window, Qt.Key.Key_Delete, SHIFT)  # force delete
        assert len(editor.document.shapes) == 1

        controller.select(lower)
        assert window.keymap.assign("occluded", (QKeySequence("X"),)) == []
        key(window, Qt.Key.Key_Q)
        assert item(window, lower).occluded  # Q does nothing any more
        key(window, Qt.Key.Key_X)
        assert not item(window, lower).occluded
        assert window.keymap.assign("delete", (QKeySequence("X"),)) == ["occluded"]  # a clash is refused

        key(window, Qt.Key.Key_T)
        key(window, Qt.Key.Key_H)  # CVAT's T+H: hide all
        assert controller.hidden == {obj.key for obj in controller.objects} and not window.canvas.drawables()[0].visible
        key(window, Qt.Key.Key_T)
        key(window, Qt.Key.Key_L)  # T+L: lock all
        assert {obj.key for obj in controller.objects} <= controller.locked
        key(window, Qt.Key.Key_T)
        key(window, Qt.Key.Key_H)
        assert not controller.hidden and window.canvas.drawables()[0].visible

        key(window, Qt.Key.Key_F1)
        dialog = window.shortcuts_action.dialog
        assert dialog is not None and dialog.isVisible()
        row = dialog.row_of("occluded")
        assert dialog.item(row, 2).text() == "X"
        dialog.close()


async def test_group_and_merge_objects_picked_with_ctrl_click(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        first = controller.frame
        a = draw_rectangle(window, (100, 100), (300, 220))
        b = draw_rectangle(window, (500, 100), (700, 220))
        click_at(window, 200, 160, modifiers=CTRL)  # pick a; b stays selected
        assert window.drawing.picks == [a] and controller.selected == b
        key(window, Qt.Key.Key_G)
        assert item(window, a).group == item(window, b).group != 0
        assert window.drawing.picks == []
        key(window, Qt.Key.Key_G, SHIFT)  # ungroup the selected
        assert item(window, b).group == 0

        click_at(window, 200, 160, modifiers=CTRL)  # pick a on this frame …
        key(window, Qt.Key.Key_F)
        await until(lambda: controller.frame == first + 1 and controller.image is not None)
        c = draw_rectangle(window, (120, 110), (320, 230))  # … and merge it with a shape on the next frame
        key(window, Qt.Key.Key_M)
        track = item(window, controller.selected)
        assert [(s.frame, s.outside) for s in track.shapes] == [(first, False), (first + 1, False), (first + 2, True)]
        assert list(track.shapes[1].points) == pytest.approx(flat_at(window, [(120, 110), (320, 230)]))
        assert {shape.frame for shape in editor.document.shapes} == {first}  # a and c went into the track
        assert c[0] == "shape" and a[0] == "shape"


async def test_propagate_asks_the_frames_in_a_bar_and_the_context_menu_runs_commands(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        first = controller.frame
        rectangle = draw_rectangle(window, (100, 100), (300, 220))
        key(window, Qt.Key.Key_B, CTRL)
        bar = window.propagate_bar
        assert bar.isVisible() and bar.frames.hasFocus()
        QTest.keyClicks(bar.frames, "3")
        QTest.keyClick(bar.frames, Qt.Key.Key_Return)
        assert not bar.isVisible()
        copies = sorted(s.frame for s in editor.document.shapes if s.frame != first)
        assert copies == [first + 1, first + 2, first + 3]

        controller.select(None)
        click_at(window, 200, 100, button=RIGHT)  # on the rectangle's top edge: selects it, opens the menu
        menu = window.object_actions.context_menu
        assert controller.selected == rectangle and menu.isVisible()
        delete = window.object_actions.actions["delete"]
        assert delete in menu.actions() and delete.isEnabled()
        menu.hide()
        delete.trigger()
        assert rectangle not in {("shape", s.id) for s in editor.document.shapes}
        assert not any(s.frame == first for s in editor.document.shapes)


async def test_the_point_menu_sets_the_start_point_and_deletes_a_vertex(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        editor, actions = editor_of(window), window.object_actions
        corners = [(500, 100), (700, 120), (650, 300), (520, 280)]
        polygon = draw_polygon(window, corners)
        steps = editor.undo_stack.count()
        click_at(window, 650, 300, button=RIGHT)  # on the selected polygon's third vertex
        assert actions.point_menu.isVisible() and not actions.context_menu.isVisible()
        actions.point_menu.hide()
        actions.start_point_action.trigger()
        assert list(item(window, polygon).points) == pytest.approx(flat_at(window, corners[2:] + corners[:2]))
        click_at(window, 700, 120, button=RIGHT)
        actions.point_menu.hide()
        actions.delete_point_action.trigger()
        left = [corners[2], corners[3], corners[0]]
        assert list(item(window, polygon).points) == pytest.approx(flat_at(window, left))
        assert editor.undo_stack.count() == steps + 2


async def test_split_a_track_with_alt_m_and_switch_orientation_from_the_menu(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        corners = [(500, 100), (700, 120), (650, 300)]
        polygon = draw_polygon(window, corners)
        switch = window.object_actions.actions["switch_orientation"]
        assert switch in window.object_actions.object_menu.actions() and switch.isEnabled()
        switch.trigger()
        assert list(item(window, polygon).points) == pytest.approx(flat_at(window, corners[::-1]))

        window.tool_palette.set_track(True)
        first = controller.frame
        track = draw_rectangle(window, (100, 100), (300, 220))
        controller.go_to(first + 3)
        await until(lambda: controller.image is not None)
        controller.select(track)
        key(window, Qt.Key.Key_M, Qt.KeyboardModifier.AltModifier)
        assert len(editor.document.tracks) == 2
        starts = sorted(min(shape.frame for shape in t.shapes) for t in editor.document.tracks)
        assert starts == [first, first + 3]
