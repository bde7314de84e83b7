"""Small geometry shared by the writers: bounding boxes, polygon areas, rectangles as polygons."""

from __future__ import annotations

from collections.abc import Sequence


def bbox(points: Sequence[float]) -> tuple[float, float, float, float]:
    """``(x, y, width, height)`` of the points' bounding box."""
    xs, ys = points[0::2], points[1::2]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def polygon_area(points: Sequence[float]) -> float:
    """The shoelace area of a polygon given as ``[x0, y0, x1, y1, …]``."""
    xs, ys = points[0::2], points[1::2]
    count = len(xs)
    twice = sum(xs[i] * ys[(i + 1) % count] - xs[(i + 1) % count] * ys[i] for i in range(count))
    return abs(twice) / 2.0


def rectangle_polygon(points: Sequence[float]) -> list[float]:
    """A rectangle ``[x1, y1, x2, y2]`` as the polygon of its corners, clockwise from the top left."""
    x1, y1, x2, y2 = points[:4]
    return [x1, y1, x2, y1, x2, y2, x1, y2]


def polygon_to_rectangle(points: Sequence[float]) -> list[float] | None:
    """``[x1, y1, x2, y2]`` when the polygon is an axis-aligned rectangle, else None."""
    if len(points) != 8:
        return None
    xs, ys = sorted(set(points[0::2])), sorted(set(points[1::2]))
    if len(xs) != 2 or len(ys) != 2:
        return None
    corners = set(zip(points[0::2], points[1::2], strict=True))
    if corners != {(x, y) for x in xs for y in ys}:
        return None
    return [xs[0], ys[0], xs[1], ys[1]]
