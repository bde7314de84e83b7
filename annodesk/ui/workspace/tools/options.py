"""What the caller chooses before a drawing starts (CVAT's draw popover): the kind, shape or track, the label."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from annodesk.workspace.drawables import PALETTE, ShapeKind


class RectangleMethod(StrEnum):
    """CVAT's ``RectDrawingMethod``."""

    BY_2_POINTS = "by_2_points"  # opposite corners: two clicks or a drag
    BY_4_POINTS = "by_4_points"  # four extreme points; the result is their bounding box


class CuboidMethod(StrEnum):
    """CVAT's ``CuboidDrawingMethod``."""

    FROM_RECTANGLE = "from_rectangle"  # a rectangle (2 clicks or a drag) is the front face; default depth
    BY_4_POINTS = "by_4_points"  # three points span the front face, the fourth gives the depth


@dataclass(frozen=True)
class DrawOptions:
    """A drawing's setup. The tool uses ``kind``, ``rectangle_method``, ``points_limit`` and ``color``; ``track``
    and ``label`` ride along for the caller (``DrawingTool.options()`` after ``drawn``)."""

    kind: ShapeKind = ShapeKind.RECTANGLE
    track: bool = False  # draw as a track (a keyframe on this frame) rather than a shape
    label: str = ""
    color: str = PALETTE[0]  # the label's colour: the preview is drawn in it
    rectangle_method: RectangleMethod = RectangleMethod.BY_2_POINTS
    cuboid_method: CuboidMethod = CuboidMethod.FROM_RECTANGLE
    points_limit: int = 0  # CVAT's "Number of points": polygons, polylines and points finish by themselves at it
