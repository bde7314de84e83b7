"""Plane geometry for hit-testing drawables: containment and distance to outlines, in image coordinates."""

from __future__ import annotations

import math
from collections.abc import Sequence

from annodesk.workspace.drawables import CUBOID_FACES, Drawable, ShapeKind

Point = tuple[float, float]


def point_in_polygon(x: float, y: float, polygon: Sequence[Point]) -> bool:
    """Even-odd rule containment (the boundary may fall either way)."""
    inside = False
    n = len(polygon)
    if n < 3:
        return False
    px, py = polygon[-1]
    for qx, qy in polygon:
        if (qy > y) != (py > y) and x < (px - qx) * (y - qy) / (py - qy) + qx:
            inside = not inside
        px, py = qx, qy
    return inside


def segment_distance(x: float, y: float, ax: float, ay: float, bx: float, by: float) -> float:
    """Distance from (x, y) to the segment a–b."""
    dx, dy = bx - ax, by - ay
    length2 = dx * dx + dy * dy
    if length2 == 0:
        return math.hypot(x - ax, y - ay)
    t = max(0.0, min(1.0, ((x - ax) * dx + (y - ay) * dy) / length2))
    return math.hypot(x - (ax + t * dx), y - (ay + t * dy))


def outline_distance(x: float, y: float, points: Sequence[Point], closed: bool) -> float:
    """Distance from (x, y) to a polyline (``closed``: a polygon's outline)."""
    if not points:
        return math.inf
    if len(points) == 1:
        return math.hypot(x - points[0][0], y - points[0][1])
    best = math.inf
    ends = [*points[1:], points[0]] if closed else points[1:]
    pairs = zip(points, ends, strict=False)
    for (ax, ay), (bx, by) in pairs:
        best = min(best, segment_distance(x, y, ax, ay, bx, by))
    return best


def hits(drawable: Drawable, x: float, y: float, tolerance: float) -> bool:
    """Whether (x, y) picks ``drawable``: inside an area, or within ``tolerance`` of a line or point."""
    pts = drawable.xy()
    kind = drawable.kind
    if kind is ShapeKind.RECTANGLE:
        left, top, right, bottom = drawable.bounds()
        return left - tolerance <= x <= right + tolerance and top - tolerance <= y <= bottom + tolerance
    if kind is ShapeKind.POLYGON:
        return point_in_polygon(x, y, pts) or outline_distance(x, y, list(pts), closed=True) <= tolerance
    if kind is ShapeKind.POLYLINE:
        return outline_distance(x, y, list(pts), closed=False) <= tolerance
    if kind is ShapeKind.POINTS:
        return any(math.hypot(x - px, y - py) <= tolerance for px, py in pts)
    if kind is ShapeKind.CUBOID and len(pts) == 8:
        faces = [[pts[i] for i in face] for face in CUBOID_FACES]
        return any(point_in_polygon(x, y, face) or outline_distance(x, y, face, True) <= tolerance for face in faces)
    return False
