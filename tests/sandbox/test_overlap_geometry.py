"""The pieces the sandbox's job merge stands on: areas of polygon intersections and the optimal assignment."""

from __future__ import annotations

import itertools

from hypothesis import given
from hypothesis import strategies as st

from annodesk.sandbox.overlap_merge import assignment, intersection_area, shape_similarity

L_SHAPE = [(0.0, 0.0), (4.0, 0.0), (4.0, 1.0), (1.0, 1.0), (1.0, 4.0), (0.0, 4.0)]  # area 7


def rectangle(points: list[float]) -> dict:
    return {"type": "rectangle", "points": points}


def test_rectangles_iou() -> None:
    assert shape_similarity(rectangle([0, 0, 10, 10]), rectangle([0, 0, 10, 10])) == 1
    assert shape_similarity(rectangle([0, 0, 10, 10]), rectangle([5, 0, 15, 10])) == 50 / 150
    assert shape_similarity(rectangle([10, 10, 0, 0]), rectangle([0, 0, 10, 10])) == 1  # corners in any order
    assert shape_similarity(rectangle([0, 0, 10, 10]), rectangle([20, 20, 30, 30])) == 0


def test_non_convex_polygons_either_orientation() -> None:
    assert intersection_area(L_SHAPE, L_SHAPE) == 7
    assert intersection_area(L_SHAPE[::-1], L_SHAPE) == 7
    square = [(0.0, 0.0), (2.0, 0.0), (2.0, 2.0), (0.0, 2.0)]
    assert intersection_area(L_SHAPE, square) == 3  # the square minus the notch (1, 1)–(2, 2)
    polygon = {"type": "polygon", "points": [value for point in L_SHAPE for value in point]}
    assert shape_similarity(polygon, polygon) == 1
    assert shape_similarity(polygon, {**polygon, "type": "polyline"}) == 0


@given(st.lists(st.lists(st.floats(0, 1), min_size=4, max_size=4), min_size=1, max_size=4), st.booleans())
def test_assignment_is_optimal(rows: list[list[float]], transpose: bool) -> None:
    cost = [list(column) for column in zip(*rows, strict=True)] if transpose else rows
    pairs = assignment(cost)
    n, m = len(cost), len(cost[0])
    assert len(pairs) == min(n, m)
    assert len({i for i, _ in pairs}) == len({j for _, j in pairs}) == len(pairs)
    best = min(
        sum(cost[i][j] for i, j in zip(rows_, cols, strict=False))
        for rows_ in itertools.permutations(range(n), min(n, m))
        for cols in itertools.permutations(range(m), min(n, m))
    )
    assert abs(sum(cost[i][j] for i, j in pairs) - best) < 1e-9
