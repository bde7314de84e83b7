"""What tools paint over the canvas, in widget pixels (crisp at any zoom): the crosshair, previews, handles."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF, QRegion

from annodesk.ui.workspace.viewport import Viewport

Point = tuple[float, float]
HANDLE_SIZE = 8.0  # widget pixels, the side of a vertex handle
HANDLE_GRAB = 7.0  # widget pixels around a handle's centre that still grab it
MIDPOINT_SIZE = 6.0
CROSSHAIR = QColor(255, 255, 255, 160)
PREVIEW_FILL_ALPHA = 40


def widget_points(viewport: Viewport, points: Sequence[Point]) -> list[QPointF]:
    return [viewport.to_widget(x, y) for x, y in points]


def draw_crosshair(painter: QPainter, width: int, height: int, at: QPointF) -> None:
    """Two 1-pixel lines through ``at`` across the widget (CVAT's crosshair)."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(CROSSHAIR, 1))
    x, y = round(at.x()), round(at.y())
    painter.drawLine(x, 0, x, height)
    painter.drawLine(0, y, width, y)


def crosshair_region(width: int, height: int, at: QPointF | None) -> QRegion:
    if at is None:
        return QRegion()
    x, y = round(at.x()), round(at.y())
    return QRegion(QRect(x - 2, 0, 5, height)).united(QRegion(QRect(0, y - 2, width, 5)))


def draw_preview(painter: QPainter, color: QColor, points: Sequence[QPointF], closed: bool, lines: bool) -> None:
    """The drawing so far: its outline (closed for polygons), a faint fill, and each placed point."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(color, 2)
    pen.setCosmetic(True)
    painter.setPen(pen)
    if lines and len(points) >= 2:
        polygon = QPolygonF(list(points))
        if closed:
            fill = QColor(color)
            fill.setAlpha(PREVIEW_FILL_ALPHA)
            painter.setBrush(fill)
            painter.drawPolygon(polygon)
        else:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(polygon)
    painter.setBrush(color)
    painter.setPen(Qt.PenStyle.NoPen)
    for point in points:
        painter.drawEllipse(point, 3.5, 3.5)


def draw_handles(painter: QPainter, color: QColor, centres: Sequence[QPointF], size: float = HANDLE_SIZE) -> None:
    """Square handles: white with the object's colour around."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    painter.setPen(QPen(color, 1.5))
    painter.setBrush(QColor(255, 255, 255))
    half = size / 2
    for centre in centres:
        painter.drawRect(QRectF(centre.x() - half, centre.y() - half, size, size))


def draw_midpoints(painter: QPainter, color: QColor, centres: Sequence[QPointF]) -> None:
    """Round handles on edges: drag one to insert a vertex there."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor(255, 255, 255), 1.5))
    painter.setBrush(color)
    for centre in centres:
        painter.drawEllipse(centre, MIDPOINT_SIZE / 2, MIDPOINT_SIZE / 2)


def bounding_region(points: Sequence[QPointF], pad: float) -> QRegion:
    if not points:
        return QRegion()
    xs = [p.x() for p in points]
    ys = [p.y() for p in points]
    rect = QRectF(min(xs) - pad, min(ys) - pad, max(xs) - min(xs) + 2 * pad, max(ys) - min(ys) + 2 * pad)
    return QRegion(rect.toAlignedRect())
