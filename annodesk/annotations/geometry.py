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
