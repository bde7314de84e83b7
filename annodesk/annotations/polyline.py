"""Polyline and polygon positions between two keyframes with any point counts, as CVAT v1.1's web client computes
them (``PolyTrack.interpolatePosition`` in ``cvat-core/src/annotations-objects.js``; §2.5 of the annotation-view
reference). Written from that description and checked against its rules; the arithmetic is done in the same order
so that results match the web client to the last bit.

1. Each point of the left curve L (n points) and the right curve R (m points) gets its normalised arc-length
   position in 0…1.
2. Every L_i is matched to the R_j with the nearest position (the first on a tie).
3. Every R_j left unmatched is attached to its nearest L_i; each L_i's list is sorted.
4. ``L_i + (R_j − L_i)·offset`` is emitted for each i in order, then each of its j in order.
5. The result is thinned stretch by stretch (a *run* of consecutive L points matched to one R point, or a *fan* of
   R points matched to one L point), keeping points at least ``length / (2·count)`` apart.

A curve of zero length makes the web client divide 0 by 0: its positions are NaN, every NaN comparison is false,
so every such point matches index 0. Python raises instead of producing NaN, so :func:`_positions` produces the
NaNs explicitly and the rest behaves as in the browser.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

NAN = float("nan")
Point = tuple[float, float]


def _pairs(flat: Sequence[float]) -> list[Point]:
    return [(flat[i], flat[i + 1]) for i in range(0, len(flat) - 1, 2)]


def _distance(a: Point, b: Point) -> float:
    dx = a[0] - b[0]
    dy = a[1] - b[1]
    return math.sqrt(dx * dx + dy * dy)


def _length(points: Sequence[Point]) -> float:
    total = 0.0
    for i in range(1, len(points)):
        dx = points[i][0] - points[i - 1][0]
        dy = points[i][1] - points[i - 1][1]
        total = total + math.sqrt(dx * dx + dy * dy)
    return total


def _positions(points: Sequence[Point]) -> list[float]:
    """Normalised arc-length position of each point (0 for the first; NaN after it on a zero-length curve)."""
    length = _length(points)
    result = [0.0]
    walked = 0.0
    for i in range(1, len(points)):
        dx = points[i][0] - points[i - 1][0]
        dy = points[i][1] - points[i - 1][1]
        walked += math.sqrt(dx * dx + dy * dy)
        result.append(walked / length if length != 0 else NAN)
    return result


def _nearest(value: float, curve: Sequence[float]) -> int:
    best = 0
    best_distance = abs(value - curve[0])
    for index in range(1, len(curve)):
        distance = abs(value - curve[index])
        if distance < best_distance:
            best, best_distance = index, distance
    return best


def match_points(left: Sequence[Point], right: Sequence[Point]) -> list[list[int]]:
    """For each left point, the sorted indexes of the right points it moves to (steps 1–3)."""
    left_positions = _positions(left)
    right_positions = _positions(right)
    matching = [[_nearest(position, right_positions)] for position in left_positions]
    matched = {targets[0] for targets in matching}
    for j, position in enumerate(right_positions):
        if j not in matched:
            matching[_nearest(position, left_positions)].append(j)
    for targets in matching:
        targets.sort()
    return matching


def _thin(moved: Sequence[Point], start: int, stop: int, threshold: float, out: list[Point]) -> None:
    """Append to ``out`` the points of ``moved[start..stop]`` kept by the stretch's threshold."""
    kept = [moved[start]]
    last = start
    for index in range(start + 1, stop):
        if _distance(moved[last], moved[index]) >= threshold:
            kept.append(moved[index])
            last = index
    kept.append(moved[stop])
    if len(kept) == 2 and _distance(moved[start], moved[stop]) < threshold:
        out.append(((0.0 + kept[0][0] + kept[1][0]) / 2, (0.0 + kept[0][1] + kept[1][1]) / 2))
        return
    out.extend(kept)


def _stretches(
    matching: Sequence[Sequence[int]], left: Sequence[Point], right: Sequence[Point]
) -> list[tuple[int, int, float]]:
    """Step 5's stretches over the moved points: ``(first, last, threshold)``; ``first == last`` keeps one point.
    They depend only on the two keyframes, not on the offset."""
    first_index: list[int] = []
    last_index: list[int] = []
    counter = 0
    for targets in matching:
        first_index.append(counter)
        counter += len(targets)
        last_index.append(counter - 1)

    stretches: list[tuple[int, int, float]] = []

    def run(start: int, stop: int) -> None:
        begin, end = first_index[start], first_index[stop]
        if begin == end:
            stretches.append((begin, begin, 0.0))
            return
        stretches.append((begin, end, _length(left[start : stop + 1]) / (2 * (stop - start + 1))))

    def fan(i: int) -> None:
        begin_right, end_right = matching[i][0], matching[i][-1]
        base = _length(right[begin_right : end_right + 1])
        stretches.append((first_index[i], last_index[i], base / (2 * (end_right - begin_right + 1))))

    opened: int | None = None
    for i, targets in enumerate(matching):
        if len(targets) == 1:
            if opened is None:
                opened = i
            elif targets[0] != matching[opened][0]:
                run(opened, i - 1)
                opened = i
        else:
            if opened is not None:
                run(opened, i - 1)
                opened = None
            fan(i)
    if opened is not None:
        run(opened, len(left) - 1)
    return stretches


class PolyPlan:
    """The offset-independent part of interpolating between two keyframes (matching and stretches), computed once
    and reused for every frame between them."""

    __slots__ = ("_closed", "_left_flat", "_pairs", "_stretches")

    def __init__(
        self,
        left_flat: Sequence[float],
        right_flat: Sequence[float],
        *,
        closed: bool = False,
        matcher: Callable[[Sequence[Point], Sequence[Point]], list[list[int]]] | None = None,
    ) -> None:
        if closed:
            left_flat = [*left_flat, left_flat[0], left_flat[1]]
            right_flat = [*right_flat, right_flat[0], right_flat[1]]
        self._closed = closed
        self._left_flat = list(left_flat)
        left = _pairs(left_flat)
        right = _pairs(right_flat)
        matching = (matcher or match_points)(left, right)
        self._pairs = [(lx, ly, *right[j]) for (lx, ly), targets in zip(left, matching, strict=True) for j in targets]
        self._stretches = _stretches(matching, left, right)

    def at(self, offset: float) -> list[float]:
        """The curve at ``offset`` (0 gives the left keyframe)."""
        if offset == 0:
            result = list(self._left_flat)
        else:
            moved = [(lx + (rx - lx) * offset, ly + (ry - ly) * offset) for lx, ly, rx, ry in self._pairs]
            kept: list[Point] = []
            for first, last, threshold in self._stretches:
                if first == last:
                    kept.append(moved[first])
                else:
                    _thin(moved, first, last, threshold, kept)
            result = [value for point in kept for value in point]
        return result[:-2] if self._closed else result


def interpolate_polyline(left_flat: Sequence[float], right_flat: Sequence[float], offset: float) -> list[float]:
    """The polyline between keyframes ``left_flat`` and ``right_flat`` at ``offset`` (0 gives the left one)."""
    if offset == 0:
        return list(left_flat)
    return PolyPlan(left_flat, right_flat).at(offset)


def interpolate_polygon(left_flat: Sequence[float], right_flat: Sequence[float], offset: float) -> list[float]:
    """The polygon between two keyframes: both rings closed with their first point, interpolated as polylines,
    then the last point dropped (cvat-core's ``PolygonTrack``)."""
    if offset == 0:
        return list(left_flat)
    return PolyPlan(left_flat, right_flat, closed=True).at(offset)
