"""The widget-free side of the canvas: the spatial grid, picking geometry, paint and Tab order."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from annodesk.workspace.drawables import NO_GROUP_COLOR, PALETTE, ColorMode, Drawable, ShapeKind, display_color
from annodesk.workspace.geometry import hits, point_in_polygon
from annodesk.workspace.scene import FrameScene
from annodesk.workspace.spatial import SpatialGrid

coordinate = st.floats(-500, 3000, allow_nan=False)
box = st.tuples(coordinate, coordinate, st.floats(0, 400), st.floats(0, 400)).map(
    lambda b: (b[0], b[1], b[0] + b[2], b[1] + b[3])
)


@given(st.lists(box, max_size=60), box, st.one_of(st.none(), st.floats(8, 500)))
def test_grid_queries_find_exactly_the_intersecting_boxes(boxes, query, cell_size) -> None:
    grid = SpatialGrid(enumerate(boxes), cell_size)
    expected = {
        i
        for i, (left, top, right, bottom) in enumerate(boxes)
        if left <= query[2] and right >= query[0] and top <= query[3] and bottom >= query[1]
    }
    assert grid.query(query) == expected


def rect(object_id: int, left: float, top: float, right: float, bottom: float, **fields: object) -> Drawable:
    return Drawable(object_id, ShapeKind.RECTANGLE, (left, top, right, bottom), "car", **fields)


def test_paint_order_is_z_order_then_the_given_order() -> None:
    scene = FrameScene([rect(1, 0, 0, 1, 1, z_order=2), rect(2, 0, 0, 1, 1), rect(3, 0, 0, 1, 1, z_order=-1)])
    assert [scene.drawables[i].id for i in scene.order] == [3, 2, 1]
    assert scene.topmost_at(0.5, 0.5, 0).id == 1


def test_picking_skips_hidden_outside_and_locked_objects() -> None:
    scene = FrameScene(
        [
            rect(1, 0, 0, 10, 10),
            rect(2, 0, 0, 10, 10, z_order=1, hidden=True),
            rect(3, 0, 0, 10, 10, z_order=2, outside=True),
            rect(4, 0, 0, 10, 10, z_order=3, locked=True),
        ]
    )
    assert scene.topmost_at(5, 5, 0).id == 1
    assert [scene.drawables[i].id for i in scene.in_rect((0, 0, 10, 10))] == [1, 4]  # locked ones are drawn


def test_polygon_containment_and_line_tolerance() -> None:
    triangle = [(0.0, 0.0), (10.0, 0.0), (0.0, 10.0)]
    assert point_in_polygon(2, 2, triangle) and not point_in_polygon(8, 8, triangle)
    line = Drawable(1, ShapeKind.POLYLINE, (0, 0, 10, 0, 10, 10), "lane")
    assert hits(line, 5, 1.5, 2) and not hits(line, 5, 3, 2) and not hits(line, 5, 5, 2)
    cuboid = Drawable(2, ShapeKind.CUBOID, (0, 0, 0, 10, 10, 0, 10, 10, 15, -5, 15, 5, 5, -5, 5, 5), "box")
    assert hits(cuboid, 5, 5, 0) and hits(cuboid, 12, 0, 0) and not hits(cuboid, 30, 30, 1)


def test_colours_by_mode() -> None:
    drawable = rect(31, 0, 0, 1, 1, color="#123456", group=0)
    assert display_color(drawable, ColorMode.LABEL) == "#123456"
    assert display_color(drawable, ColorMode.INSTANCE) == PALETTE[1]
    assert display_color(drawable, ColorMode.GROUP) == NO_GROUP_COLOR
    assert len(PALETTE) == 30


def test_the_drawables_side_imports_no_qt() -> None:
    code = (
        "import sys, annodesk.workspace.drawables, annodesk.workspace.geometry, annodesk.workspace.spatial,"
        " annodesk.workspace.scene, annodesk.workspace.synthetic;"
        "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt5', 'annodesk.ui'))))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@given(st.lists(box, min_size=1, max_size=40), st.lists(st.tuples(st.integers(0, 39), box), max_size=20), box)
def test_moving_boxes_in_the_grid_keeps_its_answers_exact(boxes, moves, query) -> None:
    grid = SpatialGrid(enumerate(boxes), 64.0)
    current = dict(enumerate(boxes))
    for index, bounds in moves:
        index %= len(boxes)
        grid.move(index, bounds)
        current[index] = bounds
    expected = {
        i
        for i, (left, top, right, bottom) in current.items()
        if left <= query[2] and right >= query[0] and top <= query[3] and bottom >= query[1]
    }
    assert grid.query(query) == expected


def test_replacing_an_object_reorders_only_when_z_changes() -> None:
    scene = FrameScene([rect(1, 0, 0, 10, 10), rect(2, 5, 5, 20, 20)])
    assert scene.replace(rect(1, 30, 30, 40, 40)) == ((0, 0, 10, 10), (30, 30, 40, 40))
    assert scene.topmost_at(35, 35, 0).id == 1 and scene.topmost_at(2, 2, 0) is None
    scene.replace(rect(1, 0, 0, 30, 30, z_order=5))
    assert scene.topmost_at(10, 10, 0).id == 1
    assert scene.replace(rect(2, 5, 5, 20, 20, hidden=True))[1] is None
    assert [scene.drawables[i].id for i in scene.order] == [1]
