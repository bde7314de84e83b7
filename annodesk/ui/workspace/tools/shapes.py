"""Geometry of new and edited shapes, Qt-free: CVAT's acceptance checks, clamping, cuboids from rectangles."""

from __future__ import annotations

from collections.abc import Sequence

from annodesk.workspace.drawables import MIN_POINTS, ShapeKind

Point = tuple[float, float]
AREA_THRESHOLD = 9.0  # CVAT's consts.AREA_THRESHOLD (px²)
SIZE_THRESHOLD = 3.0  # CVAT's consts.SIZE_THRESHOLD: a polyline's width or height at least this
CUBOID_DEPTH = 0.1  # a cuboid from a rectangle gets a dorsal face moved by this share of its width and height


def clamp(points: Sequence[Point], width: float, height: float) -> list[Point]:
    """Each point held within [0, width] × [0, height] (CVAT's ``fitPoints``)."""
    return [(min(max(x, 0.0), width), min(max(y, 0.0), height)) for x, y in points]


def flat(points: Sequence[Point]) -> list[float]:
    return [coordinate for point in points for coordinate in point]


def pairs(points: Sequence[float]) -> list[Point]:
    return [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]


def bounding_box(points: Sequence[Point]) -> tuple[float, float, float, float]:
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def rectangle_from(points: Sequence[Point]) -> list[Point]:
    """The box around ``points`` as CVAT's rectangle: top-left, bottom-right."""
    left, top, right, bottom = bounding_box(points)
    return [(left, top), (right, bottom)]


def cuboid_from_rectangle(left: float, top: float, right: float, bottom: float) -> list[Point]:
    """CVAT's cuboid "from rectangle": the rectangle is the front face; the dorsal face is offset up and right by a
    tenth of the size. Order: front-left top/bottom, front-right top/bottom, dorsal-right top/bottom, dorsal-left
    top/bottom."""
    dx, dy = (right - left) * CUBOID_DEPTH, (bottom - top) * CUBOID_DEPTH
    return [
        (left, top),
        (left, bottom),
        (right, top),
        (right, bottom),
        (right + dx, top - dy),
        (right + dx, bottom - dy),
        (left + dx, top - dy),
        (left + dx, bottom - dy),
    ]


def cuboid_from_4_points(points: Sequence[Point]) -> list[Point]:
    """A cuboid "by 4 points": the first three span the front face (its bounding box), the step from the third to
    the fourth is the depth (the dorsal face is the front one moved by it). CVAT keeps the front face a perspective
    quadrilateral; here it is upright, as every cuboid CVAT draws from a rectangle."""
    left, top, right, bottom = bounding_box(points[:3])
    dx, dy = points[3][0] - points[2][0], points[3][1] - points[2][1]
    front = [(left, top), (left, bottom), (right, top), (right, bottom)]
    back = [(right + dx, top + dy), (right + dx, bottom + dy), (left + dx, top + dy), (left + dx, bottom + dy)]
    return front + back


def acceptable(kind: ShapeKind, points: Sequence[Point]) -> bool:
    """CVAT's checks on a drawn or edited shape (``drawHandler.ts``): enough points, and not too small."""
    if len(points) < MIN_POINTS[kind]:
        return False
    if kind is ShapeKind.POINTS:
        return True
    left, top, right, bottom = bounding_box(points)
    if kind is ShapeKind.POLYLINE:
        return right - left >= SIZE_THRESHOLD or bottom - top >= SIZE_THRESHOLD
    return (right - left) * (bottom - top) >= AREA_THRESHOLD
