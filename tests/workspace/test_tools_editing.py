"""The editing tool through the real canvas: handles, drags, vertex insertion and deletion, one signal a gesture."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.ui.workspace.tools.editing import EditingTool, handles
from annodesk.workspace.drawables import Drawable, ShapeKind
from tests.workspace.canvas_input import LEFT, RIGHT, click, drag, frame, grab, move, near, wheel, widget_at

RED, BLUE = "#ff0000", "#0000ff"
WHITE = QColor(255, 255, 255)


def shape(object_id: int, kind: ShapeKind, points: list[float], **fields: object) -> Drawable:
    return Drawable(id=object_id, kind=kind, points=tuple(points), label="thing", color=RED, **fields)  # type: ignore[arg-type]


RECT = shape(1, ShapeKind.RECTANGLE, [20, 20, 60, 50])
POLYGON = shape(2, ShapeKind.POLYGON, [100, 20, 160, 20, 160, 80, 100, 80])
TRIANGLE = shape(3, ShapeKind.POLYGON, [20, 100, 60, 100, 40, 140])
LINE = shape(4, ShapeKind.POLYLINE, [100, 110, 180, 110])
CUBOID = shape(
    5, ShapeKind.CUBOID, [120, 100, 120, 130, 150, 100, 150, 130, 155, 95, 155, 125, 125, 95, 125, 125], z_order=-1
)


@pytest.fixture
def canvas(qtbot) -> Iterator[AnnotationCanvas]:
    widget = AnnotationCanvas()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_frame(frame())
    widget.set_drawables([RECT, POLYGON, TRIANGLE, LINE])
    yield widget


@pytest.fixture
def tool(canvas: AnnotationCanvas) -> EditingTool:
    editing = EditingTool(canvas)
    canvas.set_tool(editing)
    return editing


@pytest.fixture
def edits(tool: EditingTool) -> list[tuple[int, list[float]]]:
    found: list[tuple[int, list[float]]] = []
    tool.edited.connect(lambda object_id, points: found.append((object_id, points)))
    return found


def points_of(canvas: AnnotationCanvas, object_id: int) -> tuple[float, ...]:
    drawable = canvas.drawable(object_id)
    assert drawable is not None
    return drawable.points


@pytest.mark.parametrize("notches", [0, 3, -1])
def test_resize_a_rectangle_by_its_corner_and_edge(
    canvas: AnnotationCanvas, tool: EditingTool, edits: list, notches: int
) -> None:
    wheel(canvas, QPointF(120, 90), notches)
    canvas.set_selected_id(1)
    drag(canvas, widget_at(canvas, 60, 50), widget_at(canvas, 80, 70))  # bottom-right corner
    assert edits == [(1, pytest.approx([20, 20, 80, 70], abs=1 / canvas.scale()))]
    drag(canvas, widget_at(canvas, 20, 45), widget_at(canvas, 10, 30))  # left edge: x only
    assert len(edits) == 2
    assert edits[1][1] == pytest.approx([10, 20, 80, 70], abs=2 / canvas.scale())


def test_move_by_dragging_the_body_selects_and_moves_at_once(
    canvas: AnnotationCanvas, tool: EditingTool, edits: list
) -> None:
    assert canvas.selected_id() is None
    drag(canvas, widget_at(canvas, 40, 30), widget_at(canvas, 50, 45))
    assert canvas.selected_id() == 1
    assert edits == [(1, [30.0, 35.0, 70.0, 65.0])]
    assert points_of(canvas, 1) == (30.0, 35.0, 70.0, 65.0)


def test_moving_past_the_edge_clamps(canvas: AnnotationCanvas, tool: EditingTool, edits: list) -> None:
    canvas.set_selected_id(1)
    drag(canvas, widget_at(canvas, 40, 30), widget_at(canvas, 10, 20))  # 30 left, 10 up
    assert edits == [(1, [0.0, 10.0, 30.0, 40.0])]


def test_vertex_drag_is_live_and_emits_once_at_the_end(
    canvas: AnnotationCanvas, tool: EditingTool, edits: list
) -> None:
    canvas.set_selected_id(2)
    drag(canvas, widget_at(canvas, 160, 80), widget_at(canvas, 180, 100), release=False)
    assert edits == []  # still dragging
    assert points_of(canvas, 2)[4:6] == (180.0, 100.0)  # the canvas shows it live
    image = grab(canvas)
    assert near(image, 2 * 160, 2 * 95, RED, 2)  # the edge to the dragged vertex, drawn where it now is
    QTest.mouseRelease(canvas, LEFT, Qt.KeyboardModifier.NoModifier, widget_at(canvas, 180, 100))
    assert edits == [(2, [100.0, 20.0, 160.0, 20.0, 180.0, 100.0, 100.0, 80.0])]


def test_escape_during_a_drag_restores_the_original(canvas: AnnotationCanvas, tool: EditingTool, edits: list) -> None:
    canvas.set_selected_id(2)
    drag(canvas, widget_at(canvas, 100, 20), widget_at(canvas, 60, 10), release=False)
    assert points_of(canvas, 2) != POLYGON.points
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    QTest.mouseRelease(canvas, LEFT, Qt.KeyboardModifier.NoModifier, widget_at(canvas, 60, 10))
    assert points_of(canvas, 2) == POLYGON.points and edits == []


def test_a_midpoint_handle_inserts_a_vertex(canvas: AnnotationCanvas, tool: EditingTool, edits: list) -> None:
    canvas.set_selected_id(2)
    drag(canvas, widget_at(canvas, 130, 20), widget_at(canvas, 130, 5))  # the top edge's middle
    assert edits == [(2, [100.0, 20.0, 130.0, 5.0, 160.0, 20.0, 160.0, 80.0, 100.0, 80.0])]


@pytest.mark.parametrize(
    ("button", "modifiers"),
    [(LEFT, Qt.KeyboardModifier.AltModifier), (LEFT, Qt.KeyboardModifier.ControlModifier), (RIGHT, None)],
)
def test_delete_a_vertex_respecting_the_minimum(
    canvas: AnnotationCanvas, tool: EditingTool, edits: list, button: Qt.MouseButton, modifiers: object
) -> None:
    modifier = modifiers if isinstance(modifiers, Qt.KeyboardModifier) else Qt.KeyboardModifier.NoModifier
    canvas.set_selected_id(2)
    click(canvas, widget_at(canvas, 160, 80), button, modifier)
    assert edits == [(2, [100.0, 20.0, 160.0, 20.0, 100.0, 80.0])]
    click(canvas, widget_at(canvas, 160, 20), button, modifier)  # a triangle now: its minimum
    assert len(edits) == 1 and len(points_of(canvas, 2)) == 6
    canvas.set_selected_id(4)
    click(canvas, widget_at(canvas, 180, 110), button, modifier)  # a polyline of 2 points: its minimum
    assert len(edits) == 1


def test_points_vertices_drag(canvas: AnnotationCanvas, tool: EditingTool, edits: list) -> None:
    canvas.set_drawables([shape(9, ShapeKind.POINTS, [30, 30, 70, 40])])
    canvas.set_selected_id(9)
    drag(canvas, widget_at(canvas, 70, 40), widget_at(canvas, 75, 60))
    assert edits == [(9, [30.0, 30.0, 75.0, 60.0])]


def test_cuboid_edge_and_depth_handles(canvas: AnnotationCanvas, tool: EditingTool, edits: list) -> None:
    canvas.set_drawables([CUBOID])
    canvas.set_selected_id(5)
    drag(canvas, widget_at(canvas, 120, 115), widget_at(canvas, 110, 118))  # the front-left edge: left side
    assert edits[0][1][0:4] == [110.0, 100.0, 110.0, 130.0] and edits[0][1][12:16] == [115.0, 95.0, 115.0, 125.0]
    assert edits[0][1][4:12] == list(CUBOID.points[4:12])
    drag(canvas, widget_at(canvas, 155, 110), widget_at(canvas, 165, 100))  # depth: the dorsal face moves
    assert edits[1][1][8:16] == [165.0, 85.0, 165.0, 115.0, 125.0, 85.0, 125.0, 115.0]
    assert edits[1][1][0:8] == edits[0][1][0:8]


def test_locked_objects_show_no_handles_and_never_change(
    canvas: AnnotationCanvas, tool: EditingTool, edits: list
) -> None:
    locked = shape(7, ShapeKind.POLYGON, [30, 30, 90, 30, 90, 90, 30, 90], locked=True)
    canvas.set_drawables([locked])
    canvas.set_selected_id(7)
    assert handles(locked) == []
    image = grab(canvas)
    assert not near(image, 2 * 90, 2 * 90, WHITE, 3)
    drag(canvas, widget_at(canvas, 90, 90), widget_at(canvas, 120, 120))  # a vertex
    drag(canvas, widget_at(canvas, 60, 60), widget_at(canvas, 70, 70))  # the body
    click(canvas, widget_at(canvas, 30, 30), LEFT, Qt.KeyboardModifier.AltModifier)
    assert edits == [] and points_of(canvas, 7) == locked.points


def test_handles_are_painted_on_the_selected_object(canvas: AnnotationCanvas, tool: EditingTool) -> None:
    canvas.set_selected_id(2)
    move(canvas, widget_at(canvas, 5, 5))
    image = grab(canvas)
    for x, y in ((100, 20), (160, 20), (160, 80), (100, 80)):
        assert near(image, 2 * x, 2 * y, WHITE, 2)  # a white square on each vertex
    assert near(image, 2 * 130, 2 * 20, RED, 2)  # a round mid-edge handle in the object's colour
    assert not near(image, 2 * 60, 2 * 50, WHITE, 2)  # none on the unselected rectangle


def test_a_click_without_a_drag_changes_nothing(canvas: AnnotationCanvas, tool: EditingTool, edits: list) -> None:
    canvas.set_selected_id(2)
    click(canvas, widget_at(canvas, 160, 80))
    click(canvas, widget_at(canvas, 130, 50))
    assert edits == [] and canvas.selected_id() == 2
    click(canvas, widget_at(canvas, 90, 140))  # empty space clears the selection, as without the tool
    assert canvas.selected_id() is None


def test_new_drawables_mid_drag_end_the_drag_quietly(canvas: AnnotationCanvas, tool: EditingTool, edits: list) -> None:
    canvas.set_selected_id(2)
    drag(canvas, widget_at(canvas, 100, 20), widget_at(canvas, 60, 10), release=False)
    canvas.set_drawables([RECT])  # e.g. the next frame
    move(canvas, widget_at(canvas, 70, 12), LEFT)
    QTest.mouseRelease(canvas, LEFT, Qt.KeyboardModifier.NoModifier, widget_at(canvas, 70, 12))
    assert edits == [] and points_of(canvas, 1) == RECT.points
