"""The drawing tool: a new rectangle, polygon, polyline, points or cuboid placed with the mouse, as CVAT v1.1 does
(``drawHandler.ts``).

- rectangle: two clicks on opposite corners, or a drag; "by 4 points": four clicks, their bounding box;
- polygon, polyline, points: a click per point; N or Enter finishes (CVAT's minimum 3 / 2 / 1 points, else the
  drawing is dropped), Backspace or a right-click takes the last point back, Shift + moving the mouse places a
  point every 15 px, the options' ``points_limit`` finishes by itself;
- cuboid "from rectangle": a rectangle as for rectangles becomes the front face, with CVAT's default depth;
  "by 4 points": three clicks span the front face, the fourth sets the depth;
- Esc cancels. Wheel zoom, middle drag and Space+drag pan keep working mid-draw.

The result is ``drawn(kind, points)``: CVAT's flat list in image coordinates, clamped to the image (cuboids: their
rectangle), or ``cancelled()``. Either way the canvas gets its ``fallback`` tool back (the editing tool).
"""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter, QRegion

from annodesk.ui.workspace.canvas import AnnotationCanvas, CanvasTool
from annodesk.ui.workspace.tools.marks import (
    bounding_region,
    crosshair_region,
    draw_crosshair,
    draw_preview,
    widget_points,
)
from annodesk.ui.workspace.tools.options import CuboidMethod, DrawOptions, RectangleMethod
from annodesk.ui.workspace.tools.shapes import (
    Point,
    acceptable,
    bounding_box,
    clamp,
    cuboid_from_4_points,
    cuboid_from_rectangle,
    flat,
    rectangle_from,
)
from annodesk.workspace.drawables import CUBOID_FACES, ShapeKind

DRAG_THRESHOLD = 4.0  # widget pixels: a press and release further apart than this draw a rectangle by dragging
SHIFT_STEP = 15.0  # widget pixels between the points Shift + mouse move places (CVAT)
FINISH_KEYS = frozenset({Qt.Key.Key_N, Qt.Key.Key_Return, Qt.Key.Key_Enter})


class DrawingTool(QObject):
    """Draws one object at a time on ``canvas``; ``start(options)`` to begin, ``repeat()`` for the last setup."""

    drawn = Signal(str, list)  # ShapeKind value, flat image coordinates
    cancelled = Signal()

    def __init__(self, canvas: AnnotationCanvas, fallback: CanvasTool | None = None) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self.fallback = fallback
        self._options: DrawOptions | None = None
        self._last: DrawOptions | None = None
        self._points: list[Point] = []
        self._cursor: QPointF | None = None  # widget position of the mouse
        self._press: QPointF | None = None  # widget position of a left press that may become a rectangle drag
        self._region = QRegion()  # what the last paint of the tool covered

    # -- control -------------------------------------------------------------------------------------------------

    def options(self) -> DrawOptions | None:
        """The setup of the drawing under way, else of the last one."""
        return self._options or self._last

    def is_drawing(self) -> bool:
        return self._options is not None

    def points(self) -> list[Point]:
        """The points placed so far (image coordinates)."""
        return list(self._points)

    def start(self, options: DrawOptions) -> None:
        """Begin a drawing (a drawing under way is dropped) and take the canvas's mouse and keys."""
        self._options = options
        self._last = options
        self._points = []
        self._press = None
        self._canvas.set_tool(self)
        self._canvas.setCursor(Qt.CursorShape.CrossCursor)
        self._canvas.set_selected_id(None)
        self._refresh()

    def repeat(self) -> bool:
        """N: draw again with the last setup; False when there was none."""
        if self._last is None:
            return False
        self.start(self._last)
        return True

    def cancel(self) -> None:
        if self._options is not None:
            self._end()
            self.cancelled.emit()

    def finish(self) -> None:
        """End the drawing with the points placed: ``drawn`` if CVAT would accept them, else ``cancelled``."""
        options = self._options
        if options is None:
            return
        points = self._result(options, self._points)
        self._end()
        if points is None:
            self.cancelled.emit()
        else:
            self.drawn.emit(options.kind.value, flat(points))

    def _result(self, options: DrawOptions, placed: list[Point]) -> list[Point] | None:
        size = self._canvas.image_size()
        width, height = size.width(), size.height()
        kind = options.kind
        if kind is ShapeKind.CUBOID and options.cuboid_method is CuboidMethod.BY_4_POINTS:
            if len(placed) < 4:
                return None
            front = clamp(placed[:3], width, height)
            cuboid = cuboid_from_4_points(
                [*front, (placed[3][0] - placed[2][0] + front[2][0], placed[3][1] - placed[2][1] + front[2][1])]
            )
            return cuboid if acceptable(ShapeKind.RECTANGLE, rectangle_from(front)) else None
        if kind in (ShapeKind.RECTANGLE, ShapeKind.CUBOID):
            needed = 4 if kind is ShapeKind.RECTANGLE and options.rectangle_method is RectangleMethod.BY_4_POINTS else 2
            if len(placed) < needed:
                return None
            box = rectangle_from(clamp(placed, width, height))
            if not acceptable(ShapeKind.RECTANGLE, box):
                return None
            if kind is ShapeKind.CUBOID:
                (left, top), (right, bottom) = box
                return cuboid_from_rectangle(left, top, right, bottom)
            return box
        points = clamp(placed, width, height)
        return points if acceptable(kind, points) else None

    def _end(self) -> None:
        self._options = None
        self._points = []
        self._press = None
        self._canvas.unsetCursor()
        if self._canvas.tool() is self:
            self._canvas.set_tool(self.fallback)
        self._canvas.update(self._region)
        self._region = QRegion()

    def _add(self, point: QPointF) -> None:
        options = self._options
        assert options is not None
        self._points.append((point.x(), point.y()))
        kind = options.kind
        if self._by_4_points():
            if len(self._points) == 4:
                self.finish()
                return
        elif kind in (ShapeKind.RECTANGLE, ShapeKind.CUBOID):
            if len(self._points) == 2:
                self.finish()
                return
        elif options.points_limit and len(self._points) >= max(options.points_limit, 1):
            self.finish()
            return
        self._refresh()

    def _take_back(self) -> None:
        if self._points:
            self._points.pop()
            self._refresh()

    # -- CanvasTool ----------------------------------------------------------------------------------------------

    def mouse_press(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool:
        button = event.button()
        if self._options is None or button == Qt.MouseButton.MiddleButton or canvas.space_held():
            return False  # the canvas pans
        if button == Qt.MouseButton.RightButton:
            self._take_back()
            return True
        if button != Qt.MouseButton.LeftButton:
            return True
        self._cursor = event.position()
        if self._drags() and not self._points:
            self._press = event.position()
        self._add(image_pos)
        return True

    def mouse_move(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool:
        if self._options is None or canvas.is_panning():
            return False
        self._cursor = event.position()
        if self._placing_by_moves(event):
            last = canvas.map_from_image(QPointF(*self._points[-1]))
            if math.hypot(last.x() - self._cursor.x(), last.y() - self._cursor.y()) >= SHIFT_STEP:
                self._add(image_pos)
                return True
        self._refresh()
        return True

    def _placing_by_moves(self, event: QMouseEvent) -> bool:
        """CVAT: with Shift held, moving the mouse places a polygon's or polyline's points on its own."""
        options = self._options
        return (
            options is not None
            and options.kind in (ShapeKind.POLYGON, ShapeKind.POLYLINE)
            and bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            and bool(self._points)
        )

    def mouse_release(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool:
        if self._options is None or canvas.is_panning():
            return False
        press, self._press = self._press, None
        if press is not None and event.button() == Qt.MouseButton.LeftButton:
            moved = event.position() - press
            if math.hypot(moved.x(), moved.y()) > DRAG_THRESHOLD:
                self._add(image_pos)  # a drag: the release is the opposite corner
        return True

    def claims_key(self, event: QKeyEvent) -> bool:
        """While drawing, N, Enter, Esc and Backspace are the tool's, even if a window action has them too."""
        if self._options is None:
            return False
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        return key in (Qt.Key.Key_Escape, Qt.Key.Key_Backspace) or (key in FINISH_KEYS and plain)

    def key_press(self, canvas: AnnotationCanvas, event: QKeyEvent) -> bool:
        if self._options is None:
            return False
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self.cancel()
        elif key in FINISH_KEYS and not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier):
            self.finish()
        elif key == Qt.Key.Key_Backspace:
            self._take_back()
        else:
            return False
        return True

    def paint(self, canvas: AnnotationCanvas, painter: QPainter) -> None:
        options = self._options
        if options is None:
            return
        color = QColor(options.color)
        for points, closed, lines in self._preview(options):
            draw_preview(painter, color, widget_points(canvas.viewport(), points), closed, lines)
        if self._cursor is not None:
            draw_crosshair(painter, canvas.width(), canvas.height(), self._cursor)

    # -- preview -------------------------------------------------------------------------------------------------

    def _by_4_points(self) -> bool:
        options = self._options
        assert options is not None
        if options.kind is ShapeKind.CUBOID:
            return options.cuboid_method is CuboidMethod.BY_4_POINTS
        return options.kind is ShapeKind.RECTANGLE and options.rectangle_method is RectangleMethod.BY_4_POINTS

    def _drags(self) -> bool:
        options = self._options
        assert options is not None
        return options.kind in (ShapeKind.RECTANGLE, ShapeKind.CUBOID) and not self._by_4_points()

    def _preview(self, options: DrawOptions) -> list[tuple[list[Point], bool, bool]]:
        """(points, closed, joined) in image coordinates: what the paint shows."""
        placed = list(self._points)
        if self._cursor is not None:
            cursor = self._canvas.map_to_image(self._cursor)
            placed.append((cursor.x(), cursor.y()))
        kind = options.kind
        if not placed:
            return []
        if kind is ShapeKind.CUBOID and options.cuboid_method is CuboidMethod.BY_4_POINTS:
            if len(placed) < 4:
                return [(placed, False, True)]
            corners = cuboid_from_4_points(placed[:4])
            return [([corners[i] for i in face], True, True) for face in CUBOID_FACES[::-1]]
        if kind is ShapeKind.RECTANGLE and options.rectangle_method is RectangleMethod.BY_4_POINTS:
            if len(self._points) < 1:
                return []
            left, top, right, bottom = bounding_box(placed)
            return [
                ([(left, top), (right, top), (right, bottom), (left, bottom)], True, True),
                (self._points, False, False),
            ]
        if kind in (ShapeKind.RECTANGLE, ShapeKind.CUBOID):
            if len(self._points) < 1:
                return []
            left, top, right, bottom = bounding_box(placed[:1] + placed[-1:])
            if kind is ShapeKind.CUBOID:
                corners = cuboid_from_rectangle(left, top, right, bottom)
                return [([corners[i] for i in face], True, True) for face in CUBOID_FACES[::-1]]
            return [([(left, top), (right, top), (right, bottom), (left, bottom)], True, True)]
        if kind is ShapeKind.POINTS:
            return [(self._points, False, False)]
        return [(placed, kind is ShapeKind.POLYGON, True)]

    def _refresh(self) -> None:
        """Repaint what the last paint covered and what the next will: the preview and the crosshair only."""
        canvas = self._canvas
        region = crosshair_region(canvas.width(), canvas.height(), self._cursor)
        options = self._options
        if options is not None:
            for points, _, _ in self._preview(options):
                region = region.united(bounding_region(widget_points(canvas.viewport(), points), 6))
        canvas.update(self._region.united(region))
        self._region = region
