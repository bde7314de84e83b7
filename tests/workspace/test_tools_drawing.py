"""The drawing tool through the real canvas: simulated clicks and keys, emitted points, pixels of the preview."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest

from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.ui.workspace.tools.drawing import DrawingTool
from annodesk.ui.workspace.tools.editing import EditingTool
from annodesk.ui.workspace.tools.options import CuboidMethod, DrawOptions, RectangleMethod
from annodesk.ui.workspace.tools.shapes import cuboid_from_rectangle, flat
from annodesk.workspace.drawables import ShapeKind
from tests.workspace.canvas_input import (
    LEFT,
    MIDDLE,
    RIGHT,
    click,
    drag,
    frame,
    grab,
    is_background,
    move,
    near,
    wheel,
    widget_at,
)

GREEN = "#00ff00"


class Recorder:
    def __init__(self, tool: DrawingTool) -> None:
        self.drawn: list[tuple[str, list[float]]] = []
        self.cancelled = 0
        tool.drawn.connect(lambda kind, points: self.drawn.append((kind, points)))
        tool.cancelled.connect(self._cancel)

    def _cancel(self) -> None:
        self.cancelled += 1


@pytest.fixture
def canvas(qtbot) -> Iterator[AnnotationCanvas]:
    widget = AnnotationCanvas()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_frame(frame())
    assert widget.scale() == pytest.approx(2.0)
    yield widget


@pytest.fixture
def tool(canvas: AnnotationCanvas) -> DrawingTool:
    return DrawingTool(canvas, fallback=EditingTool(canvas))


def start(tool: DrawingTool, kind: ShapeKind, **options: object) -> Recorder:
    recorder = Recorder(tool)
    tool.start(DrawOptions(kind=kind, color=GREEN, **options))  # type: ignore[arg-type]
    return recorder


def click_image(canvas: AnnotationCanvas, x: float, y: float, **kwargs: object) -> None:
    click(canvas, widget_at(canvas, x, y), **kwargs)  # type: ignore[arg-type]


def assert_points(actual: list[float], expected: list[float], canvas: AnnotationCanvas) -> None:
    assert actual == pytest.approx(expected, abs=1.0 / canvas.scale())  # a widget pixel, in image units


VIEWS = {
    "fit": (0, QPointF(0, 0)),
    "zoomed in": (3, QPointF(-40, -25)),
    "zoomed out, panned": (-2, QPointF(30, 17)),
}


@pytest.mark.parametrize("view", VIEWS)
def test_rectangle_by_two_clicks_in_image_coordinates(canvas: AnnotationCanvas, tool: DrawingTool, view: str) -> None:
    notches, pan = VIEWS[view]
    wheel(canvas, QPointF(150, 110), notches)
    canvas.pan_by(pan.x(), pan.y(), gesture=False)
    recorder = start(tool, ShapeKind.RECTANGLE)
    click_image(canvas, 60, 40)
    assert tool.is_drawing()
    click_image(canvas, 30, 70)
    assert recorder.drawn and recorder.drawn[0][0] == "rectangle"
    assert_points(recorder.drawn[0][1], [30, 40, 60, 70], canvas)
    assert not tool.is_drawing() and isinstance(canvas.tool(), EditingTool)


def test_rectangle_by_drag(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.RECTANGLE)
    drag(canvas, widget_at(canvas, 10, 20), widget_at(canvas, 50, 80))
    assert recorder.drawn == [("rectangle", [10.0, 20.0, 50.0, 80.0])]


def test_rectangle_by_four_points_is_their_bounding_box(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.RECTANGLE, rectangle_method=RectangleMethod.BY_4_POINTS)
    for x, y in ((50, 10), (90, 40), (60, 70), (20, 35)):
        assert not recorder.drawn
        click_image(canvas, x, y)
    assert recorder.drawn == [("rectangle", [20.0, 10.0, 90.0, 70.0])]


def test_a_tiny_rectangle_is_dropped_as_cvat_does(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.RECTANGLE)
    click_image(canvas, 10, 10)
    click_image(canvas, 12, 13)  # 6 px² < 9
    assert recorder.drawn == [] and recorder.cancelled == 1


@pytest.mark.parametrize("finish_key", [Qt.Key.Key_N, Qt.Key.Key_Return, Qt.Key.Key_Enter])
def test_polygon_by_clicks_finishes_on_n_or_enter(
    canvas: AnnotationCanvas, tool: DrawingTool, finish_key: Qt.Key
) -> None:
    recorder = start(tool, ShapeKind.POLYGON)
    for x, y in ((10, 10), (80, 15), (60, 70), (20, 50)):
        click_image(canvas, x, y)
    QTest.keyClick(canvas, finish_key)
    assert recorder.drawn == [("polygon", [10.0, 10.0, 80.0, 15.0, 60.0, 70.0, 20.0, 50.0])]


@pytest.mark.parametrize(("kind", "minimum"), [(ShapeKind.POLYGON, 3), (ShapeKind.POLYLINE, 2), (ShapeKind.POINTS, 1)])
def test_minimum_point_counts(canvas: AnnotationCanvas, tool: DrawingTool, kind: ShapeKind, minimum: int) -> None:
    spots = [(10, 10), (90, 20), (40, 80)]
    recorder = start(tool, kind)
    for x, y in spots[: minimum - 1]:
        click_image(canvas, x, y)
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert recorder.drawn == [] and recorder.cancelled == 1  # one short of the minimum: dropped
    recorder = start(tool, kind)
    for x, y in spots[:minimum]:
        click_image(canvas, x, y)
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert recorder.drawn == [(kind.value, flat([(float(x), float(y)) for x, y in spots[:minimum]]))]


def test_backspace_and_right_click_take_the_last_point_back(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.POLYLINE)
    click_image(canvas, 10, 10)
    click_image(canvas, 50, 50)
    click_image(canvas, 90, 10)
    QTest.keyClick(canvas, Qt.Key.Key_Backspace)
    assert tool.points() == [(10.0, 10.0), (50.0, 50.0)]
    click_image(canvas, 30, 30, button=RIGHT)
    click_image(canvas, 70, 60)
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert recorder.drawn == [("polyline", [10.0, 10.0, 70.0, 60.0])]


def test_points_limit_finishes_by_itself(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.POINTS, points_limit=2)
    click_image(canvas, 10, 10)
    assert not recorder.drawn
    click_image(canvas, 20, 30)
    assert recorder.drawn == [("points", [10.0, 10.0, 20.0, 30.0])]


def test_escape_cancels_and_hands_the_canvas_back(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.POLYGON)
    click_image(canvas, 10, 10)
    click_image(canvas, 50, 10)
    QTest.keyClick(canvas, Qt.Key.Key_Escape)
    assert recorder.cancelled == 1 and recorder.drawn == []
    assert canvas.tool() is tool.fallback and not tool.is_drawing()
    click_image(canvas, 80, 80)  # no longer drawing
    assert recorder.drawn == []


def test_points_outside_the_image_are_clamped(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    wheel(canvas, QPointF(200, 150), -3)  # the frame now leaves a margin around it
    recorder = start(tool, ShapeKind.POLYGON)
    click_image(canvas, -20, -10)
    click_image(canvas, 230, 40)
    click_image(canvas, 100, 170)
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert_points(recorder.drawn[0][1], [0, 0, 200, 40, 100, 150], canvas)


def test_cuboid_from_a_rectangle_gets_cvats_default_depth(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.CUBOID)
    drag(canvas, widget_at(canvas, 40, 50), widget_at(canvas, 140, 110))
    assert recorder.drawn == [("cuboid", flat(cuboid_from_rectangle(40, 50, 140, 110)))]
    assert len(recorder.drawn[0][1]) == 16
    assert recorder.drawn[0][1][8:10] == [150.0, 44.0]  # dorsal-right top: a tenth of the size up and right


def test_cuboid_by_four_points_front_face_then_depth(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.CUBOID, cuboid_method=CuboidMethod.BY_4_POINTS)
    for x, y in ((40, 50), (40, 110), (140, 110)):
        click_image(canvas, x, y)
    move(canvas, widget_at(canvas, 160, 100))
    image = grab(canvas)
    assert near(image, 2 * 150, 2 * 40, GREEN)  # the previewed dorsal face's top edge, from the cursor's depth
    click_image(canvas, 160, 100)
    assert recorder.drawn == [
        (
            "cuboid",
            [40.0, 50.0, 40.0, 110.0, 140.0, 50.0, 140.0, 110.0, 160.0, 40.0, 160.0, 100.0, 60.0, 40.0, 60.0, 100.0],
        )
    ]


def test_a_quick_double_click_places_two_points_and_keeps_the_view(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    wheel(canvas, QPointF(100, 100), 2)
    view = canvas.viewport()
    recorder = start(tool, ShapeKind.POLYLINE)
    click_image(canvas, 20, 20)
    QTest.mouseDClick(canvas, LEFT, Qt.KeyboardModifier.NoModifier, widget_at(canvas, 60, 40))
    assert canvas.viewport() == view  # no fit mid-draw
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert recorder.drawn and len(recorder.drawn[0][1]) >= 4


def test_shift_and_mouse_moves_place_points_every_15_pixels(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.POLYLINE)
    click_image(canvas, 10, 10)
    for step in range(1, 31):  # 60 widget pixels to the right, in 2-pixel moves
        move(canvas, widget_at(canvas, 10 + step, 10), modifiers=Qt.KeyboardModifier.ShiftModifier)
    move(canvas, widget_at(canvas, 10, 60))  # without Shift: no point
    assert [round(x) for x, _ in tool.points()] == [10, 18, 26, 34]  # 16 px apart: the first move past 15
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert recorder.drawn and len(recorder.drawn[0][1]) == 8


def test_repeat_draws_again_with_the_last_setup(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    assert not tool.repeat()
    recorder = start(tool, ShapeKind.POINTS, track=True, label="car")
    click_image(canvas, 5, 5)
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert tool.repeat() and tool.is_drawing()
    click_image(canvas, 7, 9)
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert recorder.drawn == [("points", [5.0, 5.0]), ("points", [7.0, 9.0])]
    options = tool.options()
    assert options is not None and options.track and options.label == "car"


def test_zoom_and_pan_mid_draw(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    recorder = start(tool, ShapeKind.POLYLINE)
    click_image(canvas, 20, 20)
    wheel(canvas, QPointF(100, 100), 2)
    drag(canvas, QPoint(200, 200), QPoint(150, 170), MIDDLE)  # a pan, no point
    assert tool.points() == [(20.0, 20.0)]
    click_image(canvas, 60, 40)
    QTest.keyClick(canvas, Qt.Key.Key_N)
    assert_points(recorder.drawn[0][1], [20, 20, 60, 40], canvas)


def test_preview_in_the_label_colour_and_crosshair(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    start(tool, ShapeKind.RECTANGLE)
    before = grab(canvas)
    click_image(canvas, 20, 20)
    move(canvas, widget_at(canvas, 120, 100))
    image = grab(canvas)
    assert near(image, 2 * 70, 2 * 20, GREEN)  # the top edge of the rubber band
    assert near(image, 2 * 120, 2 * 60, GREEN)  # its right edge, through the cursor
    assert is_background(before, 2 * 70, 2 * 20)
    assert not is_background(image, 2 * 120, 5) and not is_background(image, 5, 2 * 100)  # crosshair lines
    wheel(canvas, QPointF(40, 40), 2)  # zoomed mid-draw: the preview follows the view, crisp
    image = grab(canvas)
    corner = canvas.map_from_image(QPointF(20, 20))
    edge = canvas.map_from_image(QPointF(50, 20))
    assert near(image, edge.x(), edge.y(), GREEN) and near(image, corner.x() + 1, corner.y() + 1, GREEN, 2)


def test_polygon_preview_shows_placed_points(canvas: AnnotationCanvas, tool: DrawingTool) -> None:
    start(tool, ShapeKind.POLYGON)
    click_image(canvas, 20, 20)
    click_image(canvas, 100, 20)
    move(canvas, widget_at(canvas, 100, 100))
    image = grab(canvas)
    assert near(image, 2 * 60, 2 * 20, GREEN)  # the first edge
    assert near(image, 2 * 100, 2 * 60, GREEN)  # the edge to the cursor
    assert near(image, 2 * 60, 2 * 60, GREEN)  # the closing edge back to the first point
