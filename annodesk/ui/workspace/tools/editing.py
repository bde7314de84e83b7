"""The editing tool: handles on the selected object; move, resize, drag / insert / delete vertices.

Active whenever no drawing is under way (the drawing tool hands the canvas back to it). As CVAT v1.1
(``canvasView.ts``, ``editHandler.ts``):

- drag an object's body to move it (pressing on another object selects it and drags it at once);
- rectangles: 4 corner and 4 edge handles; cuboids: the front face's 4 edge handles and a depth handle on the
  dorsal edge (moves the dorsal face);
- polygons, polylines, points: drag a vertex; drag a round mid-edge handle to insert a vertex there; Ctrl+click,
  Alt+click or a right-click on a vertex deletes it while the shape keeps its minimum (3 / 2 / 1 points);
- locked objects have no handles and never move; Esc during a drag puts the object back.

A gesture is one signal at its end: ``edited(object_id, points)`` (flat image coordinates, clamped to the image,
cuboids excepted; a result CVAT would refuse as too small is dropped and the object put back). During a drag the
canvas shows the change live through ``update_drawables``, which redraws only the overlay around the object.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QMouseEvent, QPainter

from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.ui.workspace.tools.marks import HANDLE_GRAB, draw_handles, draw_midpoints
from annodesk.ui.workspace.tools.shapes import Point, acceptable, clamp, flat
from annodesk.workspace.drawables import MIN_POINTS, Drawable, ShapeKind, display_color
from annodesk.workspace.geometry import hits

DRAG_THRESHOLD = 2.0  # widget pixels the mouse moves before a press becomes a drag
PICK_TOLERANCE = 6.0  # widget pixels, as the canvas
VERTEX, MIDPOINT, RESIZE, CUBOID_EDGE, DEPTH, MOVE = "vertex", "midpoint", "resize", "cuboid", "depth", "move"
# Cuboid edge handles: (the corners whose x or y follow, "x" or "y", the two corners the handle sits between).
CUBOID_EDGES: tuple[tuple[tuple[int, ...], str, tuple[int, int]], ...] = (
    ((0, 1, 6, 7), "x", (0, 1)),  # front-left edge: the left side
    ((2, 3, 4, 5), "x", (2, 3)),  # front-right edge: the right side
    ((0, 2, 4, 6), "y", (0, 2)),  # front top edge: the top
    ((1, 3, 5, 7), "y", (1, 3)),  # front bottom edge: the bottom
)
DEPTH_CORNERS = (4, 5, 6, 7)


@dataclass(frozen=True)
class Handle:
    """A grip on the selected object: ``role`` and ``index`` say what a drag of it changes."""

    role: str
    index: int
    position: Point
    sides: tuple[int, int] = (0, 0)  # rectangles: (-1 left / 1 right / 0, -1 top / 1 bottom / 0)


@dataclass
class _Drag:
    original: Drawable
    handle: Handle
    press: QPointF  # widget
    start: Point  # image
    started: bool = False
    current: Drawable | None = None


def handles(drawable: Drawable) -> list[Handle]:
    """The handles CVAT offers on ``drawable`` (none on locked objects)."""
    if drawable.locked or not drawable.visible:
        return []
    points = drawable.xy()
    kind = drawable.kind
    if kind is ShapeKind.RECTANGLE:
        left, top, right, bottom = drawable.bounds()
        xs = {-1: left, 0: (left + right) / 2, 1: right}
        ys = {-1: top, 0: (top + bottom) / 2, 1: bottom}
        sides = [(sx, sy) for sy in (-1, 0, 1) for sx in (-1, 0, 1) if (sx, sy) != (0, 0)]
        return [Handle(RESIZE, i, (xs[sx], ys[sy]), (sx, sy)) for i, (sx, sy) in enumerate(sides)]
    if kind is ShapeKind.CUBOID:
        found = [Handle(CUBOID_EDGE, i, _middle(points[a], points[b])) for i, (_, _, (a, b)) in enumerate(CUBOID_EDGES)]
        return [*found, Handle(DEPTH, 0, _middle(points[4], points[5]))]
    found = [Handle(VERTEX, i, point) for i, point in enumerate(points)]
    if kind is not ShapeKind.POINTS:
        ends = len(points) if kind is ShapeKind.POLYGON else len(points) - 1
        for i in range(ends):
            found.append(Handle(MIDPOINT, i, _middle(points[i], points[(i + 1) % len(points)])))
    return found


def _middle(a: Point, b: Point) -> Point:
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def reshape(drawable: Drawable, handle: Handle, start: Point, now: Point) -> list[Point]:
    """``drawable``'s points after ``handle`` was dragged from ``start`` to ``now`` (image coordinates)."""
    points = drawable.xy()
    dx, dy = now[0] - start[0], now[1] - start[1]
    role = handle.role
    if role == MOVE:
        return [(x + dx, y + dy) for x, y in points]
    if role == VERTEX:
        points[handle.index] = (points[handle.index][0] + dx, points[handle.index][1] + dy)
        return points
    if role == MIDPOINT:
        x, y = handle.position
        return [*points[: handle.index + 1], (x + dx, y + dy), *points[handle.index + 1 :]]
    if role == RESIZE:
        left, top, right, bottom = drawable.bounds()
        sx, sy = handle.sides
        left, right = left + dx * (sx == -1), right + dx * (sx == 1)
        top, bottom = top + dy * (sy == -1), bottom + dy * (sy == 1)
        return [(min(left, right), min(top, bottom)), (max(left, right), max(top, bottom))]
    if role == CUBOID_EDGE:
        corners, axis, _ = CUBOID_EDGES[handle.index]
        for i in corners:
            x, y = points[i]
            points[i] = (x + dx, y) if axis == "x" else (x, y + dy)
        return points
    if role == DEPTH:
        for i in DEPTH_CORNERS:
            points[i] = (points[i][0] + dx, points[i][1] + dy)
        return points
    raise ValueError(role)


class EditingTool(QObject):
    """Edits the canvas's selected object with the mouse; says what changed with ``edited`` once per gesture."""

    edited = Signal(int, list)  # object id, flat image coordinates

    def __init__(self, canvas: AnnotationCanvas) -> None:
        super().__init__(canvas)
        self._canvas = canvas
        self._drag: _Drag | None = None

    def is_dragging(self) -> bool:
        return self._drag is not None and self._drag.started

    def _selected(self) -> Drawable | None:
        drawable = self._canvas.drawable(self._canvas.selected_id())
        return drawable if drawable is not None and drawable.selectable else None

    def handle_at(self, widget_pos: QPointF) -> Handle | None:
        """The selected object's handle under ``widget_pos`` (vertices before mid-edge handles)."""
        drawable = self._selected()
        if drawable is None:
            return None
        viewport = self._canvas.viewport()
        best: Handle | None = None
        best_key = (True, math.inf)
        for handle in handles(drawable):
            at = viewport.to_widget(*handle.position)
            distance = math.hypot(at.x() - widget_pos.x(), at.y() - widget_pos.y())
            key = (handle.role == MIDPOINT, distance)
            if distance <= HANDLE_GRAB and key < best_key:
                best, best_key = handle, key
        return best

    # -- CanvasTool ----------------------------------------------------------------------------------------------

    def mouse_press(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool:
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or canvas.space_held() or self._drag is not None:
            return False
        position = event.position()
        handle = self.handle_at(position)
        deleting = button == Qt.MouseButton.RightButton or (
            button == Qt.MouseButton.LeftButton
            and event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        )
        if deleting:
            if handle is not None and handle.role == VERTEX:
                self._delete_vertex(handle.index)
                return True
            return button == Qt.MouseButton.RightButton
        if button != Qt.MouseButton.LeftButton:
            return False
        start = (image_pos.x(), image_pos.y())
        selected = self._selected()
        if handle is not None and selected is not None:
            self._drag = _Drag(selected, handle, position, start)
            return True
        tolerance = PICK_TOLERANCE / canvas.scale()
        if selected is None or not hits(selected, start[0], start[1], tolerance):
            picked = canvas.object_at(position)
            if picked is None:
                return False  # empty space: the canvas pans or clears the selection
            canvas.set_selected_id(picked)
            selected = self._selected()
            if selected is None:
                return True
        self._drag = _Drag(selected, Handle(MOVE, 0, start), position, start)
        return True

    def mouse_move(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool:
        drag = self._drag
        if drag is not None and canvas.drawable(drag.original.id) is None:
            self._drag = drag = None  # the object left the frame (new drawables) mid-drag
        if drag is None:
            if not canvas.is_panning() and not canvas.space_held():
                over = self.handle_at(event.position())
                canvas.setCursor(Qt.CursorShape.PointingHandCursor if over is not None else Qt.CursorShape.ArrowCursor)
            return False
        if not drag.started:
            moved = event.position() - drag.press
            if math.hypot(moved.x(), moved.y()) < DRAG_THRESHOLD:
                return True
            drag.started = True
        points = reshape(drag.original, drag.handle, drag.start, (image_pos.x(), image_pos.y()))
        drag.current = replace(drag.original, points=tuple(flat(points)))
        canvas.update_drawables([drag.current])
        return True

    def mouse_release(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool:
        drag, self._drag = self._drag, None
        if drag is None:
            return False
        if drag.started and drag.current is not None and canvas.drawable(drag.original.id) is not None:
            self._commit(drag.original, drag.current.xy())
        return True

    def claims_key(self, event: QKeyEvent) -> bool:
        """Esc during a drag is the tool's (it puts the object back)."""
        return event.key() == Qt.Key.Key_Escape and self._drag is not None

    def key_press(self, canvas: AnnotationCanvas, event: QKeyEvent) -> bool:
        if event.key() == Qt.Key.Key_Escape and self._drag is not None:
            drag, self._drag = self._drag, None
            if drag.started:
                canvas.update_drawables([drag.original])
            return True
        return False

    def paint(self, canvas: AnnotationCanvas, painter: QPainter) -> None:
        drawable = self._selected()
        if drawable is None:
            return
        color = QColor(display_color(drawable, canvas.overlay_style().color_mode))
        viewport = canvas.viewport()
        found = handles(drawable)
        draw_midpoints(painter, color, [viewport.to_widget(*h.position) for h in found if h.role == MIDPOINT])
        draw_handles(painter, color, [viewport.to_widget(*h.position) for h in found if h.role != MIDPOINT])

    # -- results -------------------------------------------------------------------------------------------------

    def _delete_vertex(self, index: int) -> None:
        drawable = self._selected()
        if drawable is None or drawable.kind not in (ShapeKind.POLYGON, ShapeKind.POLYLINE, ShapeKind.POINTS):
            return
        points = drawable.xy()
        if len(points) <= MIN_POINTS[drawable.kind]:
            return
        del points[index]
        self._commit(drawable, points)

    def _commit(self, original: Drawable, points: list[Point]) -> None:
        """Clamp, check and send the gesture's result; a refused one puts the object back."""
        if original.kind is not ShapeKind.CUBOID:
            size = self._canvas.image_size()
            points = clamp(points, size.width(), size.height())
        values = flat(points)
        if not acceptable(original.kind, points) or tuple(values) == original.points:
            self._canvas.update_drawables([original])
            return
        self._canvas.update_drawables([replace(original, points=tuple(values))])
        self.edited.emit(original.id, values)
