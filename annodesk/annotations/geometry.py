"""Geometry rules of CVAT v1.1's web client for every change of points (§3.2 of the annotation-view reference:
``fitPoints``, ``checkShapeArea``, ``checkOutside`` in cvat-core's ``annotations-objects.js``).

- Points are clamped to ``[0, width] × [0, height]`` of the frame; cuboids are not clamped.
- A result under 9 px² (bounding box; a polyline: width and height both under 3) or wholly outside the image is
  refused (the web client drops it quietly; here :class:`EditRejected` says why, and the caller may ignore it).
- A wrong point count is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from .objects import EXACT_POINTS, MIN_POINTS

MIN_AREA = 9.0
MIN_POLYLINE_EXTENT = 3.0
ImageSize = tuple[float, float]


class EditRejected(ValueError):
    """An edit that CVAT's rules do not allow (too few points, too small, locked, not a track…); ``reason`` is a
    short machine-readable word, the message a plain English sentence for logs."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def check_count(shape_type: str, points: Sequence[float]) -> None:
    """Refuse a wrong number of coordinates for ``shape_type``."""
    if len(points) % 2:
        raise EditRejected("point_count", "points must be x, y pairs")
    count = len(points) // 2
    exact = EXACT_POINTS.get(shape_type)
    if exact is not None and count != exact:
        raise EditRejected("point_count", f"a {shape_type} has exactly {exact} points, not {count}")
    minimum = MIN_POINTS.get(shape_type, 1)
    if count < minimum:
        raise EditRejected("point_count", f"a {shape_type} needs at least {minimum} points, not {count}")


def clamp(shape_type: str, points: Sequence[float], image: ImageSize | None) -> tuple[float, ...]:
    """``points`` clamped to the image (``fitPoints``); cuboids and ``image=None`` unchanged."""
    if image is None or shape_type == "cuboid":
        return tuple(float(value) for value in points)
    width, height = image
    result = []
    for index, value in enumerate(points):
        limit = width if index % 2 == 0 else height
        result.append(min(max(float(value), 0.0), float(limit)))
    return tuple(result)


def _extent(points: Sequence[float]) -> tuple[float, float, float, float]:
    xs = points[0::2]
    ys = points[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def check_size(shape_type: str, points: Sequence[float]) -> None:
    """Refuse a shape that is too small (``checkShapeArea``): points are never too small."""
    if shape_type == "points" or not points:
        return
    left, top, right, bottom = _extent(points)
    if shape_type == "polyline":
        if right - left < MIN_POLYLINE_EXTENT and bottom - top < MIN_POLYLINE_EXTENT:
            raise EditRejected("too_small", "a polyline must span at least 3 px")
    elif (right - left) * (bottom - top) < MIN_AREA:
        raise EditRejected("too_small", f"a {shape_type} must cover at least 9 px²")


def check_inside(points: Sequence[float], image: ImageSize) -> None:
    """Refuse points that lie wholly outside the image (``checkOutside``)."""
    width, height = image
    left, top, right, bottom = _extent(points)
    if right < 0 or bottom < 0 or left > width or top > height:
        raise EditRejected("outside", "the shape is wholly outside the image")


def fit(shape_type: str, points: Sequence[float], image: ImageSize | None) -> tuple[float, ...]:
    """Checked and clamped points, in the web client's order: count, wholly outside, clamping, size."""
    check_count(shape_type, points)
    if image is not None and shape_type != "cuboid":
        check_inside(points, image)
    fitted = clamp(shape_type, points, image)
    check_size(shape_type, fitted)
    return fitted


def normalized_rectangle(points: Sequence[float]) -> tuple[float, float, float, float]:
    """Two opposite corners as ``x1 ≤ x2, y1 ≤ y2``."""
    x1, y1, x2, y2 = points
    return min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)


def translated(points: Sequence[float], dx: float, dy: float) -> tuple[float, ...]:
    return tuple(value + (dx if index % 2 == 0 else dy) for index, value in enumerate(points))


CUBOID_DEPTH = 0.1  # "From rectangle": the back face is offset by a tenth of the box's width and height


def cuboid_from_rectangle(x1: float, y1: float, x2: float, y2: float) -> tuple[float, ...]:
    """The 8 points of a cuboid drawn "From rectangle" as the web client makes them (``drawCuboid`` →
    ``cuboidFrom4Points`` of the box's bottom-left, bottom-right, top-right corners and a point a tenth of the size
    up and right). Layout: edges (0, 1) front-left, (2, 3) front-right, (4, 5) back-right, (6, 7) back-left, each top
    then bottom; the web client nudges tops down and back bottoms up by 0.1 px. Boxes more than about ten times as
    tall as wide take another branch in the web client ("up") that is not reproduced: the same layout is used."""
    left, top, right, bottom = normalized_rectangle((x1, y1, x2, y2))
    dx, dy = (right - left) * CUBOID_DEPTH, (bottom - top) * CUBOID_DEPTH
    return (
        left, top + 0.1, left, bottom,
        right, top, right, bottom,
        right + dx, top - dy + 0.1, right + dx, bottom - dy - 0.1,
        left + dx, top - dy + 0.1, left + dx, bottom - dy - 0.1,
    )  # fmt: skip


def reversed_points(points: Sequence[float]) -> tuple[float, ...]:
    """The points in the opposite order ("Switch orientation" of a polygon or polyline)."""
    pairs = [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]
    return tuple(value for pair in reversed(pairs) for value in pair)


def started_at(points: Sequence[float], vertex: int) -> tuple[float, ...]:
    """A polygon's points rotated so that ``vertex`` comes first ("Set start point")."""
    cut = 2 * (vertex % max(1, len(points) // 2))
    return tuple(points[cut:]) + tuple(points[:cut])
