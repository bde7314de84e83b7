"""Both versions of a conflicting object drawn over its frame: mine solid blue, theirs dashed orange.

:func:`conflict_frame` picks the frame a conflict is best seen on (a keyframe's, the shape's, or the first keyframe
where the two tracks differ); :func:`outline_at` turns one side's JSON into what is drawn there (a track
interpolated as CVAT does). :class:`ConflictPreview` shows the part of the frame around both outlines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QImage, QPainter, QPaintEvent, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QSizePolicy, QWidget

from annodesk.annotations import Conflict, LabelSet, track_at
from annodesk.workspace.drawables import CUBOID_FACES

MINE_COLOR = "#1e6fff"  # blue, solid: my version
THEIRS_COLOR = "#ff7a00"  # orange, dashed: the other user's version
TRACKS, SHAPES = "tracks", "shapes"


@dataclass(frozen=True)
class Outline:
    """One version of an object as drawn on a frame: CVAT's shape type and flat points (image coordinates)."""

    type: str
    points: tuple[float, ...]

    def bounds(self) -> QRectF:
        xs, ys = self.points[0::2], self.points[1::2]
        if not xs:
            return QRectF()
        return QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys)))


def _keyframes(track: Mapping[str, Any] | None) -> dict[int, dict[str, Any]]:
    if not track:
        return {}
    return {shape["frame"]: {k: v for k, v in shape.items() if k != "id"} for shape in track.get("shapes", ())}


def conflict_frame(conflict: Conflict) -> int | None:
    """The frame to show a conflict on: its keyframe's; a shape's or tag's frame; for a track, the first keyframe
    where the two versions differ (else the track's start). None: no side has a frame."""
    if conflict.frame is not None:
        return conflict.frame
    sides = [side for side in (conflict.local, conflict.remote) if side]
    if not sides:
        return None
    if conflict.kind == TRACKS:
        mine, theirs = _keyframes(conflict.local), _keyframes(conflict.remote)
        differing = sorted(frame for frame in mine.keys() | theirs.keys() if mine.get(frame) != theirs.get(frame))
        if differing:
            return differing[0]
    return int(sides[0]["frame"])


def outline_at(kind: str, item: Mapping[str, Any] | None, frame: int, labels: LabelSet) -> Outline | None:
    """What ``item`` (one object's JSON of ``kind``) draws on ``frame``; None for a tag, a deleted object, another
    frame's shape or a track outside there."""
    if not item or kind not in (SHAPES, TRACKS):
        return None
    if kind == SHAPES:
        if item.get("frame") != frame or not item.get("points"):
            return None
        return Outline(str(item["type"]), tuple(float(v) for v in item["points"]))
    shapes = sorted(item.get("shapes", ()), key=lambda shape: shape["frame"])
    if not shapes:
        return None
    try:
        state = track_at(item, frame, labels)
    except (KeyError, ValueError, IndexError, TypeError):
        return None
    if state.outside or not state.points:
        return None
    before = [shape for shape in shapes if shape["frame"] <= frame]
    shape_type = (before[-1] if before else shapes[0])["type"]
    return Outline(str(shape_type), tuple(float(v) for v in state.points))


class ConflictPreview(QWidget):
    """The frame around a conflicting object with both versions drawn; ``map_from_image`` says where an image
    point is on the widget."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conflictPreview")
        self.setMinimumSize(320, 220)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self._image: QImage | None = None
        self._size = QSizeF()
        self._mine: Outline | None = None
        self._theirs: Outline | None = None

    def set_image(self, image: QImage | None, size: QSizeF | None = None) -> None:
        """The frame (``size``: the meta size the points refer to; default: the image's own)."""
        self._image = image
        if image is not None:
            self._size = QSizeF(size) if size is not None and not size.isEmpty() else QSizeF(image.size())
        self.update()

    def has_image(self) -> bool:
        return self._image is not None

    def set_outlines(self, mine: Outline | None, theirs: Outline | None) -> None:
        self._mine, self._theirs = mine, theirs
        self.update()

    def outlines(self) -> tuple[Outline | None, Outline | None]:
        return self._mine, self._theirs

    # -- geometry ------------------------------------------------------------------------------------

    def view_rect(self) -> QRectF:
        """The part of the image shown: both outlines with a margin, else the whole frame."""
        boxes = [outline.bounds() for outline in (self._mine, self._theirs) if outline is not None]
        if not boxes:
            if self._size.isEmpty():
                return QRectF(0, 0, 1, 1)
            return QRectF(QPointF(0, 0), self._size)
        region = boxes[0]
        for box in boxes[1:]:
            region = region.united(box)
        margin = max(region.width(), region.height()) * 0.35 + 24.0
        return region.adjusted(-margin, -margin, margin, margin)

    def _scale_and_offset(self) -> tuple[float, QPointF]:
        view = self.view_rect()
        width, height = max(view.width(), 1e-6), max(view.height(), 1e-6)
        scale = min(self.width() / width, self.height() / height)
        offset = QPointF(
            (self.width() - width * scale) / 2 - view.left() * scale,
            (self.height() - height * scale) / 2 - view.top() * scale,
        )
        return scale, offset

    def map_from_image(self, point: QPointF) -> QPointF:
        scale, offset = self._scale_and_offset()
        return QPointF(point.x() * scale + offset.x(), point.y() * scale + offset.y())

    # -- painting ------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#2b2b2b"))
        scale, offset = self._scale_and_offset()
        if self._image is not None:
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, True)
            painter.setTransform(QTransform(scale, 0, 0, scale, offset.x(), offset.y()))
            painter.drawImage(QRectF(QPointF(0, 0), self._size), self._image)
            painter.restore()
        else:
            painter.setPen(QColor("#d0d0d0"))
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("Loading the frame…"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        for outline, color, style in (
            (self._theirs, THEIRS_COLOR, Qt.PenStyle.DashLine),
            (self._mine, MINE_COLOR, Qt.PenStyle.SolidLine),
        ):
            if outline is not None:
                _draw(painter, outline, [self.map_from_image(QPointF(x, y)) for x, y in _pairs(outline.points)],
                      QColor(color), style)  # fmt: skip
        painter.end()


def _pairs(points: Sequence[float]) -> list[tuple[float, float]]:
    return [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]


def _draw(painter: QPainter, outline: Outline, points: list[QPointF], color: QColor, style: Qt.PenStyle) -> None:
    pen = QPen(color, 2.5, style)
    pen.setCosmetic(True)
    fill = QColor(color)
    fill.setAlphaF(0.14)
    painter.setPen(pen)
    painter.setBrush(QBrush(fill))
    kind = outline.type
    if kind == "rectangle" and len(points) >= 2:
        painter.drawRect(QRectF(points[0], points[1]).normalized())
    elif kind == "polygon" and len(points) >= 3:
        painter.drawPolygon(QPolygonF(points))
    elif kind == "polyline" and len(points) >= 2:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPolyline(QPolygonF(points))
    elif kind == "cuboid" and len(points) >= 8:
        for face in CUBOID_FACES:
            painter.drawPolygon(QPolygonF([points[i] for i in face]))
    else:  # points (and anything unknown): a ring at each point
        painter.setBrush(QBrush(fill))
        for point in points:
            painter.drawEllipse(point, 5.0, 5.0)
