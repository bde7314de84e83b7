"""What the canvas draws: plain, immutable descriptions of a frame's objects, in image coordinates.

The workspace controller turns domain objects (shapes, tracks at a frame) into :class:`Drawable` values; the canvas
only reads them. Points are CVAT's flat lists ``[x1, y1, x2, y2, …]`` in the frame's meta (original) pixel space: a
rectangle has 2 points, a cuboid 8 (CVAT's order: front-left top/bottom, front-right top/bottom, dorsal-right
top/bottom, dorsal-left top/bottom).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ShapeKind(StrEnum):
    """CVAT's shape types (``shapes[].type`` on the wire)."""

    RECTANGLE = "rectangle"
    POLYGON = "polygon"
    POLYLINE = "polyline"
    POINTS = "points"
    CUBOID = "cuboid"


class ColorMode(StrEnum):
    """How objects are coloured (CVAT's "Color by" setting)."""

    LABEL = "label"
    INSTANCE = "instance"
    GROUP = "group"


# CVAT's 30-colour palette (``colors`` in cvat-core/src/enums.js): instance and group colours.
PALETTE: tuple[str, ...] = (
    "#33ddff", "#fa3253", "#34d1b7", "#ff007c", "#ff6037", "#ddff33", "#24b353", "#b83df5", "#66ff66", "#32b7fa",
    "#ffcc33", "#83e070", "#fafa37", "#5986b3", "#8c78f0", "#ff6a4d", "#f078f0", "#2a7dd1", "#b25050", "#cc3366",
    "#cc9933", "#aaf0d1", "#ff00cc", "#3df53d", "#fa32b7", "#fa7dbb", "#ff355e", "#f59331", "#3d3df5", "#733380",
)  # fmt: skip
MIN_POINTS = {
    ShapeKind.RECTANGLE: 2,
    ShapeKind.POLYGON: 3,
    ShapeKind.POLYLINE: 2,
    ShapeKind.POINTS: 1,
    ShapeKind.CUBOID: 8,
}
NO_GROUP_COLOR = "#e0e0e0"  # CVAT's colour for group 0 in "Color by group"

# The 8 cuboid corners joined into CVAT's four side faces (front, right, dorsal, left); the front one is first.
CUBOID_FACES: tuple[tuple[int, int, int, int], ...] = ((0, 1, 3, 2), (2, 3, 5, 4), (4, 5, 7, 6), (6, 7, 1, 0))
CUBOID_FRONT_EDGES: tuple[tuple[int, int], ...] = ((0, 1), (2, 3), (0, 2), (1, 3))


@dataclass(frozen=True, slots=True)
class Drawable:
    """One object as the canvas draws it on the current frame."""

    id: int
    kind: ShapeKind
    points: tuple[float, ...]
    label: str
    color: str = PALETTE[0]  # the label's colour ("#rrggbb"): used in ColorMode.LABEL
    attributes_text: str = ""  # e.g. "color: red\nparked: true"; shown when the canvas shows attributes
    occluded: bool = False
    z_order: int = 0
    outside: bool = False
    hidden: bool = False
    locked: bool = False
    group: int = 0

    @property
    def visible(self) -> bool:
        """Drawn at all (outside keyframes, hidden objects and ones with too few points are not)."""
        return not (self.outside or self.hidden) and self.drawable

    @property
    def selectable(self) -> bool:
        """Can be hovered and picked with the mouse or Tab (CVAT never activates locked objects)."""
        return self.visible and not self.locked

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the points, in image coordinates ((0, 0, 0, 0) with no points)."""
        xs = self.points[0::2]
        ys = self.points[1::2]
        if not xs or not ys:
            return 0.0, 0.0, 0.0, 0.0
        return min(xs), min(ys), max(xs), max(ys)

    @property
    def drawable(self) -> bool:
        """Has enough points for its kind to be drawn (CVAT: rectangle 2, polygon 3, polyline 2, points 1,
        cuboid 8)."""
        return len(self.points) >= 2 * MIN_POINTS[self.kind]

    def xy(self) -> list[tuple[float, float]]:
        """The points as (x, y) pairs."""
        pts = self.points
        return [(pts[i], pts[i + 1]) for i in range(0, len(pts) - 1, 2)]


def display_color(drawable: Drawable, mode: ColorMode) -> str:
    """The colour ``drawable`` is drawn in under ``mode`` (CVAT: instance = palette[id mod 30], group likewise)."""
    if mode is ColorMode.INSTANCE:
        return PALETTE[drawable.id % len(PALETTE)]
    if mode is ColorMode.GROUP:
        return PALETTE[drawable.group % len(PALETTE)] if drawable.group else NO_GROUP_COLOR
    return drawable.color
