"""Every drawing tool through the workspace window over the sandbox: the palette's tool clicked, the shape drawn on
the real canvas with simulated mouse and keys, the new object in the editor's document equal to what was drawn
(clicks mapped through the canvas transform) and painted on the canvas; shape and track; N repeats, N and Enter
finish, Esc cancels; the tool goes back to select after a drawing."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from annodesk.annotations import Shape, Tag, Track
from annodesk.i18n import CHINESE, LanguageManager
from annodesk.sandbox import SandboxServer
from annodesk.ui.workspace.tool_palette import SELECT, TAG
from annodesk.ui.workspace.tools.picking import PickingTool
from annodesk.ui.workspace.tools.shapes import cuboid_from_4_points, cuboid_from_rectangle
from annodesk.workspace.drawables import ShapeKind
from tests.workspace.canvas_input import LEFT

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
    hover,
    item,
    key,
    label_id,
    painted,
    spec_id,
    street_workspace,
)

N, ENTER, ESC = Qt.Key.Key_N, Qt.Key.Key_Return, Qt.Key.Key_Escape


def back_to_select(window: object) -> bool:
    palette = window.tool_palette  # type: ignore[attr-defined]
    return palette.tool_actions[SELECT].isChecked() and isinstance(window.canvas.tool(), PickingTool)  # type: ignore[attr-defined]


async def test_rectangles_by_drag_by_two_clicks_and_by_four_points(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        car = label_id(window, CAR)
        frame = controller.frame

        choose_tool(window, ShapeKind.RECTANGLE)
        assert window.drawing.drawing.is_drawing()
        drag_at(window, (100, 100), (300, 220))
        drawn = item(window, controller.selected)
        assert isinstance(drawn, Shape) and back_to_select(window)
        assert (drawn.type, drawn.frame, drawn.label_id) == ("rectangle", frame, car)
        assert list(drawn.points) == pytest.approx(flat_at(window, [(100, 100), (300, 220)]))
        assert painted(window, 100, 160) and painted(window, 200, 220)
        assert not painted(window, 1000, 600)  # where nothing was drawn

        choose_tool(window, ShapeKind.RECTANGLE)
        hover(window, 500, 300)
        click_at(window, 500, 300)
        click_at(window, 420, 380)  # opposite corners in any order
        second = item(window, controller.selected)
        assert list(second.points) == pytest.approx(flat_at(window, [(420, 300), (500, 380)]))
        assert back_to_select(window) and painted(window, 500, 340)

        window.tool_palette.rectangle_method.setCurrentIndex(1)  # by 4 points: their bounding box
        choose_tool(window, ShapeKind.RECTANGLE)
        for x, y in ((700, 100), (800, 160), (720, 260), (640, 150)):
            click_at(window, x, y)
        third = item(window, controller.selected)
        left, top = at(window, 640, 100)
        right, bottom = at(window, 800, 260)
        assert list(third.points) == pytest.approx([left, top, right, bottom])
        assert painted(window, 640, 180) and painted(window, 720, 260)
        assert len(editor.document.shapes) == 3 and editor.undo_stack.count() == 3


async def test_polygons_finish_on_n_and_on_enter_and_esc_cancels(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        corners = [(100, 100), (300, 120), (260, 300), (120, 260)]
        choose_tool(window, ShapeKind.POLYGON)
        for x, y in corners:
            click_at(window, x, y)
        assert window.drawing.drawing.is_drawing()
        key(window, N)
        polygon = item(window, controller.selected)
        assert polygon.type == "polygon" and list(polygon.points) == pytest.approx(flat_at(window, corners))
        assert back_to_select(window) and painted(window, 200, 110)

        window.tool_palette.set_track(True)
        triangle = [(600, 100), (800, 200), (650, 300)]
        choose_tool(window, ShapeKind.POLYGON)
        for x, y in triangle:
            click_at(window, x, y)
        key(window, ENTER)
        track = item(window, controller.selected)
        assert isinstance(track, Track) and track.frame == controller.frame
        assert [(s.frame, s.outside) for s in track.shapes][:1] == [(controller.frame, False)]
        assert list(track.shapes[0].points) == pytest.approx(flat_at(window, triangle))
        assert painted(window, 700, 150)

        steps = editor.undo_stack.count()
        choose_tool(window, ShapeKind.POLYGON)
        for x, y in ((900, 400), (1000, 420), (950, 500)):
            click_at(window, x, y)
        key(window, ESC)
        assert editor.undo_stack.count() == steps and back_to_select(window)
        assert len(editor.document.shapes) == 1 and len(editor.document.tracks) == 1


@pytest.mark.parametrize(
    ("kind", "clicks"),
    [
        (ShapeKind.POLYLINE, [(100, 500), (300, 420), (500, 520)]),
        (ShapeKind.POINTS, [(150, 150), (260, 180), (200, 300)]),
    ],
)
async def test_polylines_and_points_as_shape_then_as_track_by_n(
    sandbox: SandboxServer, tmp_path: Path, kind: ShapeKind, clicks: list[tuple[float, float]]
) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        choose_tool(window, kind)
        for x, y in clicks:
            click_at(window, x, y)
        key(window, N)
        shape = item(window, controller.selected)
        assert isinstance(shape, Shape) and shape.type == kind.value
        assert list(shape.points) == pytest.approx(flat_at(window, clicks))
        assert painted(window, *clicks[1])

        window.tool_palette.set_track(True)
        key(window, N)  # N again: the same drawing, now as a track
        assert window.drawing.drawing.is_drawing()
        moved = [(x + 600, y) for x, y in clicks]
        for x, y in moved:
            click_at(window, x, y)
        key(window, N)
        track = item(window, controller.selected)
        assert isinstance(track, Track) and track.shapes[0].type == kind.value
        assert list(track.shapes[0].points) == pytest.approx(flat_at(window, moved))
        assert painted(window, *moved[1]) and back_to_select(window)
        assert editor.undo_stack.count() == 2


async def test_cuboids_from_a_rectangle_and_by_four_points(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller = window.controller
        choose_tool(window, ShapeKind.CUBOID)
        drag_at(window, (200, 200), (400, 400))
        cuboid = item(window, controller.selected)
        (left, top), (right, bottom) = at(window, 200, 200), at(window, 400, 400)
        expected = [v for point in cuboid_from_rectangle(left, top, right, bottom) for v in point]
        assert cuboid.type == "cuboid" and list(cuboid.points) == pytest.approx(expected)
        assert painted(window, 200, 300) and back_to_select(window)

        window.tool_palette.set_track(True)
        window.tool_palette.cuboid_method.setCurrentIndex(1)
        choose_tool(window, ShapeKind.CUBOID)
        clicks = [(700, 200), (900, 200), (900, 400), (950, 350)]
        for x, y in clicks:
            click_at(window, x, y)
        track = item(window, controller.selected)
        expected = [v for point in cuboid_from_4_points([at(window, x, y) for x, y in clicks]) for v in point]
        assert isinstance(track, Track) and list(track.shapes[0].points) == pytest.approx(expected)
        assert painted(window, 700, 300)


async def test_a_tag_on_the_frame_with_the_picked_label_and_values_and_n_tags_again(
    sandbox: SandboxServer, tmp_path: Path
) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        picker = window.tool_palette.label_picker
        assert picker.set_label(label_id(window, PEDESTRIAN))
        age = spec_id(window, PEDESTRIAN, "age")
        QTest.mouseClick(picker.form.editor(age).property("buttons").button(1), LEFT)  # "child"
        choose_tool(window, TAG)
        tag = item(window, controller.selected)
        assert isinstance(tag, Tag) and (tag.frame, tag.label_id) == (controller.frame, label_id(window, PEDESTRIAN))
        assert {a.spec_id: a.value for a in tag.attributes} == {age: "child"}
        assert window.tags_panel.model.rowCount() == 1
        key(window, N)
        assert len(editor.document.tags) == 2 and window.tags_panel.model.rowCount() == 2


async def test_the_label_picker_is_remembered_per_job(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        assert window.tool_palette.label_picker.set_label(label_id(window, PEDESTRIAN))
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        assert window.tool_palette.label_picker.label_id() == label_id(window, PEDESTRIAN)
    async with street_workspace(sandbox, tmp_path, job_index=1) as (window, _client):
        assert window.tool_palette.label_picker.label_id() == label_id(window, CAR)  # another job: the first label


async def test_shift_n_draws_the_selected_object_again_in_one_step(sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        controller, editor = window.controller, editor_of(window)
        choose_tool(window, ShapeKind.RECTANGLE)
        drag_at(window, (100, 100), (300, 220))
        rectangle = controller.selected
        steps = editor.undo_stack.count()
        key(window, N, Qt.KeyboardModifier.ShiftModifier)
        assert window.drawing.drawing.is_drawing()
        drag_at(window, (600, 300), (800, 450))
        assert controller.selected == rectangle and len(editor.document.shapes) == 1
        assert list(item(window, rectangle).points) == pytest.approx(flat_at(window, [(600, 300), (800, 450)]))
        assert editor.undo_stack.count() == steps + 1 and back_to_select(window)


async def test_the_tools_menus_and_attribute_editor_switch_language_live(
    sandbox: SandboxServer, tmp_path: Path, languages: LanguageManager
) -> None:
    async with street_workspace(sandbox, tmp_path) as (window, _client):
        choose_tool(window, ShapeKind.RECTANGLE)
        drag_at(window, (100, 100), (300, 220))
        actions = window.object_actions
        languages.set_choice(CHINESE)
        await until(lambda: window.docks["tools"].windowTitle() == "工具")
        assert window.tool_palette.tool_actions[ShapeKind.RECTANGLE.value].text() == "矩形"
        assert actions.edit_menu.title() == "编辑(&E)" and actions.actions["delete"].text() == "删除(&D)"
        assert window.drawing.draw_action.text() == "重复上次绘制(&R)"
        assert actions.actions["undo"].text().startswith("撤销")
        assert window.attribute_editor.occluded.text() == "遮挡(&O)"
        assert window.attribute_editor.title.text().endswith("形状")
        assert window.controller.selected is not None  # nothing reloaded or lost
