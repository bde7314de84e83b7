"""The annotation canvas through simulated mouse and keys, checked on the pixels it paints.

The frame is 200×150 (grey 100) in a 400×300 canvas, so a fit shows it at exactly 2×: image point (x, y) is widget
pixel (2x, 2y), and 2-pixel outlines on even widget coordinates cover whole pixels.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QPoint, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QPainter, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.ui.workspace.image_pyramid import reduce_image
from annodesk.workspace.drawables import PALETTE, ColorMode, Drawable, ShapeKind

GREY = 100
RED, GREEN, BLUE, YELLOW, MAGENTA = "#ff0000", "#00ff00", "#0000ff", "#ffff00", "#ff00ff"


def frame(width: int = 200, height: int = 150, grey: int = GREY) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(grey, grey, grey))
    return image


@pytest.fixture
def canvas(qtbot) -> Iterator[AnnotationCanvas]:
    widget = AnnotationCanvas()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_frame(frame())
    widget.set_fill_opacity(0.0, 0.3)  # outlines only, but the hovered and selected objects filled
    assert widget.scale() == pytest.approx(2.0)
    yield widget


def shape(object_id: int, kind: ShapeKind, points: list[float], color: str = RED, **fields: object) -> Drawable:
    return Drawable(id=object_id, kind=kind, points=tuple(points), label=f"object {object_id}", color=color, **fields)


def grab(canvas: AnnotationCanvas) -> QImage:
    canvas.finish_rendering()
    return canvas.grab().toImage()


def close(pixel: QColor, expected: QColor | str, tolerance: int = 40) -> bool:
    want = QColor(expected)
    return all(abs(a - b) <= tolerance for a, b in zip(pixel.getRgb()[:3], want.getRgb()[:3], strict=True))


def at(image: QImage, x: float, y: float) -> QColor:
    return image.pixelColor(int(x), int(y))


def is_background(image: QImage, x: float, y: float) -> bool:
    return close(at(image, x, y), QColor(GREY, GREY, GREY), 6)


def near(image: QImage, x: float, y: float, color: str, radius: int = 1) -> bool:
    """Some pixel within ``radius`` of widget (x, y) has ``color`` (anti-aliasing moves edges by a pixel)."""
    return any(
        close(image.pixelColor(int(x) + dx, int(y) + dy), color)
        for dx in range(-radius, radius + 1)
        for dy in range(-radius, radius + 1)
    )


def wheel(canvas: AnnotationCanvas, position: QPointF, notches: int) -> None:
    event = QWheelEvent(
        position,
        canvas.mapToGlobal(position),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, event)


def move(canvas: AnnotationCanvas, position: QPoint, buttons=Qt.MouseButton.NoButton) -> None:
    """A mouse move, sent straight to the canvas (QTest.mouseMove sends nothing when the cursor is already there
    from an earlier test)."""
    local = QPointF(position)
    event = QMouseEvent(
        QEvent.Type.MouseMove,
        local,
        canvas.mapToGlobal(local),
        Qt.MouseButton.NoButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, event)


def drag(canvas: AnnotationCanvas, start: QPoint, end: QPoint, button=Qt.MouseButton.LeftButton) -> None:
    QTest.mousePress(canvas, button, Qt.KeyboardModifier.NoModifier, start)
    middle = (start + end) / 2
    move(canvas, middle, button)
    move(canvas, end, button)
    QTest.mouseRelease(canvas, button, Qt.KeyboardModifier.NoModifier, end)


# -- drawing ------------------------------------------------------------------------------------------------------


def test_every_shape_type_is_drawn_where_its_points_say(canvas: AnnotationCanvas) -> None:
    cuboid = [120, 20, 120, 60, 150, 20, 150, 60, 170, 10, 170, 50, 140, 10, 140, 50]
    canvas.set_drawables(
        [
            shape(1, ShapeKind.RECTANGLE, [10, 10, 50, 40], RED),
            shape(2, ShapeKind.POLYGON, [20, 80, 60, 80, 40, 120], GREEN),
            shape(3, ShapeKind.POLYLINE, [80, 80, 110, 80, 110, 120], BLUE),
            shape(4, ShapeKind.POINTS, [150, 100, 170, 130], YELLOW),
            shape(5, ShapeKind.CUBOID, cuboid, MAGENTA),
        ]
    )
    image = grab(canvas)
    # Rectangle: the middle of each side, and inside / outside it.
    for x, y in ((30, 10), (30, 40), (10, 25), (50, 25)):
        assert near(image, 2 * x, 2 * y, RED), (x, y)
    assert is_background(image, 2 * 30, 2 * 25) and is_background(image, 2 * 60, 2 * 25)
    # Polygon: its base, a slanted side, and not across the open top.
    assert near(image, 2 * 40, 2 * 80, GREEN) and near(image, 2 * 30, 2 * 100, GREEN)
    assert is_background(image, 2 * 40, 2 * 100) and is_background(image, 2 * 40, 2 * 125)
    # Polyline: both segments, and no closing segment from its end back to its start.
    assert near(image, 2 * 95, 2 * 80, BLUE) and near(image, 2 * 110, 2 * 100, BLUE)
    assert is_background(image, 2 * 95, 2 * 100)
    # Points: a dot on each, nothing between them.
    assert near(image, 2 * 150, 2 * 100, YELLOW, 0) and near(image, 2 * 170, 2 * 130, YELLOW, 0)
    assert is_background(image, 2 * 160, 2 * 115)
    # Cuboid: front face edges, the dorsal right edge, the top edge to the back; its inside is empty.
    assert near(image, 2 * 120, 2 * 40, MAGENTA) and near(image, 2 * 150, 2 * 40, MAGENTA)
    assert near(image, 2 * 135, 2 * 20, MAGENTA) and near(image, 2 * 170, 2 * 30, MAGENTA)
    assert near(image, 2 * 160, 2 * 15, MAGENTA)
    assert is_background(image, 2 * 130, 2 * 40)


def test_occluded_objects_are_dashed(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables(
        [
            shape(1, ShapeKind.RECTANGLE, [10, 10, 90, 40], RED),
            shape(2, ShapeKind.RECTANGLE, [10, 80, 90, 110], RED, occluded=True),
        ]
    )
    image = grab(canvas)
    solid = [near(image, x, 2 * 10, RED, 0) for x in range(2 * 15, 2 * 85)]
    dashed = [near(image, x, 2 * 80, RED, 0) for x in range(2 * 15, 2 * 85)]
    assert all(solid)
    assert any(dashed) and not all(dashed)  # dashes with gaps along the same length
    assert dashed.count(False) > len(dashed) // 4


def test_z_order_decides_who_is_on_top_where_objects_overlap(canvas: AnnotationCanvas) -> None:
    canvas.set_fill_opacity(1.0, 1.0)
    below = shape(1, ShapeKind.RECTANGLE, [10, 10, 80, 80], RED, z_order=5)
    above = shape(2, ShapeKind.RECTANGLE, [40, 40, 120, 120], BLUE, z_order=1)
    canvas.set_drawables([below, above])  # list order says blue on top; z-order says red
    image = grab(canvas)
    assert near(image, 2 * 60, 2 * 60, RED, 0)
    canvas.set_drawables([Drawable(**{**_fields(below), "z_order": 0}), above])
    image = grab(canvas)
    assert near(image, 2 * 60, 2 * 60, BLUE, 0)


def _fields(drawable: Drawable) -> dict[str, object]:
    return {name: getattr(drawable, name) for name in Drawable.__slots__}


def test_hidden_and_outside_objects_are_not_drawn(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables(
        [
            shape(1, ShapeKind.RECTANGLE, [10, 10, 50, 40], RED, hidden=True),
            shape(2, ShapeKind.RECTANGLE, [60, 10, 100, 40], RED, outside=True),
            shape(3, ShapeKind.RECTANGLE, [110, 10, 150, 40], RED),
        ]
    )
    image = grab(canvas)
    assert is_background(image, 2 * 30, 2 * 10) and is_background(image, 2 * 80, 2 * 10)
    assert near(image, 2 * 130, 2 * 10, RED)
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(2 * 30, 2 * 10))
    assert canvas.selected_id() is None


def test_colour_by_instance_and_group_use_cvats_palette(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(7, ShapeKind.RECTANGLE, [10, 10, 50, 40], RED, group=3)])
    canvas.set_color_mode(ColorMode.INSTANCE)
    assert near(grab(canvas), 2 * 30, 2 * 10, PALETTE[7])
    canvas.set_color_mode(ColorMode.GROUP)
    assert near(grab(canvas), 2 * 30, 2 * 10, PALETTE[3])
    canvas.set_color_mode(ColorMode.LABEL)
    assert near(grab(canvas), 2 * 30, 2 * 10, RED)


def test_a_downscaled_frame_is_stretched_to_its_meta_size(qtbot) -> None:
    canvas = AnnotationCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(400, 300)
    small = frame(100, 75)
    small.setPixelColor(50, 37, QColor(255, 255, 255))  # meta pixel (100, 74)…(101, 75)
    canvas.set_frame(small, QSizeF(200, 150))
    canvas.set_drawables([shape(1, ShapeKind.RECTANGLE, [100, 74, 102, 76], RED)])
    canvas.set_fill_opacity(0.0, 0.0)
    assert canvas.image_size() == QSizeF(200, 150)
    assert canvas.scale() == pytest.approx(2.0)
    image = grab(canvas)
    assert close(at(image, 2 * 101, 2 * 75), "#ffffff", 60)  # the white source pixel covers meta 100–102
    assert is_background(image, 2 * 96, 2 * 75)
    assert near(image, 2 * 100, 2 * 75, RED)  # the rectangle lines up with the stretched pixel
    assert close(at(image, 399, 299), QColor(GREY, GREY, GREY), 6)  # the stretched frame fills the canvas


# -- view ---------------------------------------------------------------------------------------------------------


def test_wheel_zoom_keeps_the_image_point_under_the_cursor(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(1, ShapeKind.POINTS, [60, 45], RED)])
    cursor = QPointF(2 * 60, 2 * 45)
    before = canvas.map_to_image(cursor)
    for _ in range(3):
        wheel(canvas, cursor, 1)
    assert canvas.scale() == pytest.approx(2.0 * (6 / 5) ** 3)
    after = canvas.map_to_image(cursor)
    assert (after.x(), after.y()) == pytest.approx((before.x(), before.y()))
    image = grab(canvas)
    assert near(image, cursor.x(), cursor.y(), RED, 0)  # the point drawn still sits under the cursor
    wheel(canvas, cursor, -10)
    assert canvas.scale() >= 0.1


def test_zoom_is_held_within_its_limits(canvas: AnnotationCanvas) -> None:
    centre = QPointF(200, 150)
    canvas.zoom_at(1000.0, centre, gesture=False)
    assert canvas.scale() == pytest.approx(40.0)
    canvas.zoom_at(0.00001, centre, gesture=False)
    assert canvas.scale() == pytest.approx(0.1)


def test_a_zoom_gesture_is_redrawn_crisp_when_it_settles(qtbot, canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(1, ShapeKind.RECTANGLE, [10, 10, 50, 40], RED)])
    grab(canvas)
    wheel(canvas, QPointF(20, 20), 2)
    assert canvas.is_interacting()
    assert not canvas.rendering_complete()
    qtbot.waitUntil(lambda: not canvas.is_interacting())
    canvas.grab()
    assert canvas.rendering_complete()


def test_left_drag_on_empty_space_pans(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(1, ShapeKind.POINTS, [100, 100], RED)])
    canvas.zoom_at(1.0, QPointF(0, 0), gesture=False)
    views: list[object] = []
    canvas.viewChanged.connect(lambda: views.append(canvas.viewport()))
    drag(canvas, QPoint(20, 20), QPoint(60, 50))
    assert views
    assert canvas.map_from_image(QPointF(100, 100)) == QPointF(240, 230)
    assert near(grab(canvas), 240, 230, RED, 0)
    assert canvas.selected_id() is None


def test_middle_button_and_space_drag_pan_even_over_objects(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(1, ShapeKind.RECTANGLE, [0, 0, 200, 150], RED, z_order=0)])
    canvas.set_fill_opacity(0.2, 0.2)
    start = canvas.map_from_image(QPointF(50, 50))
    drag(canvas, QPoint(100, 100), QPoint(110, 120), Qt.MouseButton.MiddleButton)
    assert canvas.map_from_image(QPointF(50, 50)) == start + QPointF(10, 20)
    QTest.keyPress(canvas, Qt.Key.Key_Space)
    drag(canvas, QPoint(100, 100), QPoint(90, 100))
    QTest.keyRelease(canvas, Qt.Key.Key_Space)
    assert canvas.map_from_image(QPointF(50, 50)) == start + QPointF(0, 20)
    assert canvas.selected_id() is None  # the drags panned; neither picked the rectangle


def test_fit_and_actual_size(canvas: AnnotationCanvas) -> None:
    canvas.zoom_at(3.0, QPointF(10, 10), gesture=False)
    canvas.fit_to_view()
    assert canvas.scale() == pytest.approx(2.0)
    image = grab(canvas)
    assert is_background(image, 1, 1) and is_background(image, 398, 298)
    centre_image = canvas.map_to_image(QPointF(200, 150))
    canvas.zoom_actual_size()
    assert canvas.scale() == 1.0
    again = canvas.map_to_image(QPointF(200, 150))
    assert (again.x(), again.y()) == pytest.approx((centre_image.x(), centre_image.y()))
    image = grab(canvas)
    assert is_background(image, 200, 150)
    assert close(at(image, 10, 10), QColor(48, 48, 48), 6)  # 1:1 leaves a margin around a 200×150 frame
    canvas.resize(600, 450)
    assert canvas.scale() == 1.0  # a zoomed view is not refitted by a resize


def test_brightness_contrast_and_saturation_change_the_pixels(canvas: AnnotationCanvas) -> None:
    assert is_background(grab(canvas), 100, 100)
    canvas.set_adjustments(brightness=1.5)
    assert close(at(grab(canvas), 100, 100), QColor(150, 150, 150), 3)
    canvas.set_adjustments(contrast=2.0)
    assert close(at(grab(canvas), 100, 100), QColor(72, 72, 72), 3)
    coloured = frame()
    coloured.fill(QColor(200, 40, 40))
    canvas.set_frame(coloured)
    canvas.set_adjustments(saturation=0.0)
    pixel = at(grab(canvas), 100, 100)
    assert abs(pixel.red() - pixel.green()) <= 2 and abs(pixel.green() - pixel.blue()) <= 2
    canvas.set_adjustments()
    assert close(at(grab(canvas), 100, 100), QColor(200, 40, 40), 3)


def test_pixel_grid_shows_at_high_zoom(canvas: AnnotationCanvas) -> None:
    canvas.set_pixel_grid(True)
    assert is_background(grab(canvas), 101, 101)  # 2×: no grid yet
    canvas.set_viewport(type(canvas.viewport())(10.0, 0.0, 0.0))
    image = grab(canvas)
    assert not is_background(image, 50, 55)  # a pixel edge
    assert is_background(image, 55, 55)  # a pixel's inside


def test_cursor_position_is_reported_in_image_coordinates(qtbot, canvas: AnnotationCanvas) -> None:
    with qtbot.waitSignal(canvas.cursorMoved) as moved:
        move(canvas, QPoint(51, 31))
    assert moved.args == pytest.approx([25.5, 15.5])


# -- hover and selection --------------------------------------------------------------------------------------------


def test_hover_highlights_and_reports_the_object(qtbot, canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(1, ShapeKind.RECTANGLE, [10, 10, 50, 40], RED)])
    assert is_background(grab(canvas), 2 * 30, 2 * 25)
    with qtbot.waitSignal(canvas.hovered) as hovered:
        move(canvas, QPoint(2 * 30, 2 * 25))
    assert hovered.args == [1]
    assert not is_background(grab(canvas), 2 * 30, 2 * 25)  # filled when hovered
    with qtbot.waitSignal(canvas.hovered) as hovered:
        move(canvas, QPoint(2 * 100, 2 * 100))
    assert hovered.args == [None]
    assert is_background(grab(canvas), 2 * 30, 2 * 25)


def test_click_selects_the_topmost_object_and_empty_space_clears(qtbot, canvas: AnnotationCanvas) -> None:
    canvas.set_drawables(
        [
            shape(1, ShapeKind.RECTANGLE, [10, 10, 80, 80], RED, z_order=2),
            shape(2, ShapeKind.RECTANGLE, [40, 40, 120, 120], BLUE, z_order=1),
        ]
    )
    with qtbot.waitSignal(canvas.selected) as picked:
        QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(2 * 60, 2 * 60))
    assert picked.args == [1]
    QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(2 * 100, 2 * 100))
    assert canvas.selected_id() == 2
    assert not is_background(grab(canvas), 2 * 100, 2 * 100)  # the selected object is filled
    with qtbot.waitSignal(canvas.selected) as picked:
        QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(2 * 150, 2 * 20))
    assert picked.args == [None]


def test_lines_and_points_are_picked_within_a_tolerance(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables(
        [
            shape(1, ShapeKind.POLYLINE, [10, 10, 100, 10], BLUE),
            shape(2, ShapeKind.POINTS, [150, 100], YELLOW),
            shape(3, ShapeKind.RECTANGLE, [10, 100, 40, 140], RED, locked=True),
        ]
    )
    assert canvas.object_at(QPointF(2 * 50, 2 * 10 + 4)) == 1
    assert canvas.object_at(QPointF(2 * 50, 2 * 10 + 12)) is None
    assert canvas.object_at(QPointF(2 * 150 - 4, 2 * 100 + 3)) == 2
    assert canvas.object_at(QPointF(2 * 150 - 14, 2 * 100)) is None
    assert canvas.object_at(QPointF(2 * 20, 2 * 120)) is None  # locked objects are not picked (as in CVAT)


def test_tab_cycles_through_selectable_objects(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables(
        [
            shape(1, ShapeKind.RECTANGLE, [10, 10, 20, 20]),
            shape(2, ShapeKind.RECTANGLE, [30, 10, 40, 20], hidden=True),
            shape(3, ShapeKind.RECTANGLE, [50, 10, 60, 20]),
            shape(4, ShapeKind.RECTANGLE, [70, 10, 80, 20], locked=True),
            shape(5, ShapeKind.RECTANGLE, [90, 10, 100, 20]),
        ]
    )
    canvas.setFocus()
    seen = []
    for _ in range(4):
        QTest.keyClick(canvas, Qt.Key.Key_Tab)
        seen.append(canvas.selected_id())
    assert seen == [1, 3, 5, 1]
    QTest.keyClick(canvas, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert canvas.selected_id() == 5
    assert canvas.hasFocus()  # Tab did not move the focus away


def test_zoom_to_selection_shows_the_object_whole(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(1, ShapeKind.RECTANGLE, [150, 100, 170, 110], RED)])
    assert not canvas.zoom_to_selection()
    canvas.set_selected_id(1)
    assert canvas.zoom_to_selection()
    assert canvas.scale() == pytest.approx(8.0)
    centre = canvas.map_from_image(QPointF(160, 105))
    assert (centre.x(), centre.y()) == pytest.approx((200, 150))


def test_many_objects_render_in_chunks_without_blocking(qtbot, canvas: AnnotationCanvas) -> None:
    rectangles = [
        shape(i, ShapeKind.RECTANGLE, [(i % 50) * 4, (i // 50) * 3, (i % 50) * 4 + 2, (i // 50) * 3 + 2])
        for i in range(2500)
    ]
    canvas.set_drawables(rectangles)
    canvas.grab()  # starts the layer; too many objects to draw inside one paint
    assert not canvas.rendering_complete()
    qtbot.waitUntil(canvas.rendering_complete)
    image = canvas.grab().toImage()
    assert near(image, 2 * 4 * 10 + 2, 2 * 3 * 10, RED)
    assert near(image, 2 * 4 * 49 + 2, 2 * 3 * 49, RED)


def test_new_drawables_keep_a_selection_that_still_exists(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(1, ShapeKind.RECTANGLE, [10, 10, 20, 20]), shape(2, ShapeKind.POINTS, [5, 5])])
    canvas.set_selected_id(2)
    canvas.set_drawables([shape(2, ShapeKind.POINTS, [6, 6])])
    assert canvas.selected_id() == 2
    canvas.set_drawables([shape(1, ShapeKind.RECTANGLE, [10, 10, 20, 20])])
    assert canvas.selected_id() is None


def test_large_frames_are_drawn_from_mip_levels_built_in_the_background(qtbot) -> None:
    canvas = AnnotationCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(400, 300)
    big = frame(4096, 2048)
    painter = QPainter(big)
    painter.fillRect(2048, 1024, 1024, 512, QColor(255, 255, 255))
    painter.end()
    canvas.set_frame(big)
    before = grab(canvas)  # drawn at once from the full image while the levels are built
    assert close(at(before, *_widget(canvas, 2560, 1280)), "#ffffff", 10)
    canvas.wait_for_image_levels()
    assert 3 in canvas._pyramid.levels_built()
    after = grab(canvas)
    assert close(at(after, *_widget(canvas, 2560, 1280)), "#ffffff", 10)
    assert close(at(after, *_widget(canvas, 1500, 1280)), QColor(GREY, GREY, GREY), 6)
    assert close(at(after, *_widget(canvas, 2000, 1280)), QColor(GREY, GREY, GREY), 12)  # 48 px from the edge


def _widget(canvas: AnnotationCanvas, x: float, y: float) -> tuple[float, float]:
    point = canvas.map_from_image(QPointF(x, y))
    return point.x(), point.y()


def test_mip_levels_average_boxes_of_pixels(qapp) -> None:
    image = QImage(4, 2, QImage.Format.Format_RGB32)
    for x in range(4):
        for y in range(2):
            image.setPixelColor(x, y, QColor(0, 0, 0) if (x + y) % 2 else QColor(200, 100, 40))
    reduced = reduce_image(image, 2)
    assert (reduced.width(), reduced.height()) == (2, 1)
    assert reduced.pixelColor(0, 0).getRgb()[:3] == (100, 50, 20)


def test_texts_beside_objects_when_asked_and_for_the_hovered_one(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(1, ShapeKind.RECTANGLE, [10, 10, 50, 40], RED, attributes_text="colour: red")])
    beside = (2 * 50 + 20, 2 * 10 + 6)  # right of the box, at its top: where CVAT puts the text
    assert is_background(grab(canvas), *beside)
    canvas.set_show_all_text(True)
    assert not is_background(grab(canvas), *beside)
    canvas.set_show_all_text(False)
    move(canvas, QPoint(2 * 30, 2 * 25))
    assert canvas.hovered_id() == 1
    image = grab(canvas)
    assert not is_background(image, *beside)
    assert not is_background(image, 2 * 50 + 20, 2 * 10 + 24)  # the attribute's line under the label
    canvas.set_show_attributes(False)
    assert is_background(grab(canvas), 2 * 50 + 20, 2 * 10 + 26)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(list(ShapeKind)),
            st.lists(st.floats(-300, 500, allow_nan=False), max_size=20),
            st.booleans(),
            st.integers(-3, 3),
        ),
        max_size=12,
    ),
    st.lists(st.tuples(st.integers(-10, 410), st.integers(-10, 310)), max_size=5),
)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_objects_are_painted_and_picked_without_error(canvas: AnnotationCanvas, objects, clicks) -> None:
    drawables = [
        shape(i, kind, points, occluded=occluded, z_order=z) for i, (kind, points, occluded, z) in enumerate(objects)
    ]
    canvas.set_drawables(drawables)
    canvas.set_selected_id(len(drawables) - 1 if drawables else None)
    grab(canvas)
    for x, y in clicks:
        picked = canvas.object_at(QPointF(x, y))
        assert picked is None or canvas._scene.get(picked).selectable
    canvas.select_next()
    canvas.zoom_to_selection()
    grab(canvas)


def test_a_pan_moves_the_overlay_and_renders_it_again_only_past_its_margin(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables([shape(1, ShapeKind.POINTS, [100, 75], RED)])
    grab(canvas)
    rendered = canvas.layers_rendered
    drag(canvas, QPoint(20, 20), QPoint(60, 50))
    image = grab(canvas)
    assert canvas.layers_rendered == rendered  # moved, not redrawn
    assert near(image, 240, 180, RED, 0)
    drag(canvas, QPoint(300, 200), QPoint(100, 200))
    image = grab(canvas)
    assert canvas.layers_rendered == rendered + 1
    assert near(image, 40, 180, RED, 0)


def test_double_click_fits_the_frame(canvas: AnnotationCanvas) -> None:
    canvas.zoom_at(4.0, QPointF(50, 50), gesture=False)
    QTest.mouseDClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(100, 100))
    assert canvas.scale() == pytest.approx(2.0)
    assert canvas.map_from_image(QPointF(0, 0)) == QPointF(0, 0)


def test_updating_objects_redraws_only_around_them(canvas: AnnotationCanvas) -> None:
    canvas.set_drawables(
        [
            shape(1, ShapeKind.RECTANGLE, [10, 10, 50, 40], RED),
            shape(2, ShapeKind.POLYLINE, [0, 30, 200, 30], BLUE),  # crosses where the rectangle was and goes
        ]
    )
    grab(canvas)
    rendered = canvas.layers_rendered
    canvas.update_drawables([shape(1, ShapeKind.RECTANGLE, [110, 60, 150, 90], RED)])
    image = grab(canvas)
    assert canvas.layers_rendered == rendered  # repaired in place, not rendered again
    assert is_background(image, 2 * 30, 2 * 10)  # gone from where it was
    assert near(image, 2 * 130, 2 * 60, RED)  # drawn where it is now
    assert near(image, 2 * 20, 2 * 30, BLUE)  # the line through the old place is whole again
    assert canvas.object_at(QPointF(2 * 130, 2 * 75)) == 1 and canvas.object_at(QPointF(2 * 30, 2 * 20)) is None
    canvas.update_drawables([shape(3, ShapeKind.POINTS, [100, 100], GREEN)])  # a new id: added
    assert near(grab(canvas), 2 * 100, 2 * 100, GREEN, 0)
    assert {d.id for d in canvas.drawables()} == {1, 2, 3}


def test_the_overview_stands_in_where_a_zoomed_out_layer_leaves_the_canvas_bare(qtbot, canvas) -> None:
    canvas.set_fill_opacity(1.0, 1.0)
    canvas.set_drawables(
        [shape(1, ShapeKind.RECTANGLE, [160, 110, 190, 140], RED), shape(2, ShapeKind.POINTS, [10, 10], BLUE)]
    )
    grab(canvas)
    qtbot.waitUntil(canvas.overview_ready)
    canvas.set_viewport(type(canvas.viewport())(16.0, 0.0, 0.0))  # the top-left corner, close up
    grab(canvas)
    for _ in range(12):
        wheel(canvas, QPointF(0, 0), -1)  # zooming out: the layer shrinks towards the corner
    assert canvas.is_interacting()
    centre = canvas.map_from_image(QPointF(175, 125))
    assert QRectF(canvas.rect()).contains(centre)
    assert near(canvas.grab().toImage(), centre.x(), centre.y(), RED, 0)  # from the overview, before any redraw


def test_a_new_object_on_top_is_drawn_over_the_layer_as_a_full_render_would_draw_it(qtbot) -> None:
    objects = [
        shape(1, ShapeKind.RECTANGLE, [10, 10, 120, 90], BLUE),
        shape(2, ShapeKind.POLYGON, [30, 20, 150, 40, 90, 130], GREEN, z_order=1),
    ]
    new = shape(3, ShapeKind.POLYGON, [20, 60, 170, 50, 100, 140], RED, z_order=2)  # over both, as a drawing is
    images = []
    for incremental in (True, False):
        widget = AnnotationCanvas()
        qtbot.addWidget(widget)
        widget.resize(400, 300)
        widget.show()
        qtbot.waitExposed(widget)
        widget.set_frame(frame())
        widget.set_drawables(objects if incremental else [*objects, new])
        grab(widget)
        rendered = widget.layers_rendered
        if incremental:
            widget.update_drawables([new])
            assert widget.layers_rendered == rendered  # painted onto the layer, not rendered again
        images.append(grab(widget))
    incremental_image, full_image = images
    assert near(incremental_image, 2 * 95, 2 * 55, RED, 0)  # on its edge (the fill is translucent)
    assert incremental_image == full_image  # translucent fills stacked exactly once, in the same order
