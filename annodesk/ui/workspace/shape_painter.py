"""Draws drawables with a QPainter: pens, fills, dashes for occluded objects, texts beside objects.

Shapes are drawn under the painter's image → device transform with cosmetic pens, so lines keep their width in
screen pixels at any zoom and stay crisp (nothing is scaled as a bitmap once the view is still).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QPen, QPolygonF

from annodesk.workspace.drawables import (
    CUBOID_FACES,
    CUBOID_FRONT_EDGES,
    ColorMode,
    Drawable,
    ShapeKind,
    display_color,
)

NORMAL, HOVERED, SELECTED = 0, 1, 2
_GENERAL = object()  # drawn through ShapePainter.draw (points, cuboids)
TEXT_MARGIN = 6.0


@dataclass(frozen=True)
class OverlayStyle:
    """How objects look (CVAT's defaults: fill opacity 3 %, 30 % for the active object)."""

    color_mode: ColorMode = ColorMode.LABEL
    # 1 px: Qt's fast cosmetic stroker (measured 3-6x faster than any wider pen on the dense frame); the hovered and
    # selected objects are drawn wider on top.
    line_width: float = 1.0
    emphasis_width: float = 2.5
    fill_opacity: float = 0.03
    selected_fill_opacity: float = 0.3
    point_size: float = 7.0
    show_all_text: bool = False
    show_attributes: bool = True


class ShapePainter:
    """Pens, brushes and polygons cached per style and per drawable; one ``draw`` call per object."""

    def __init__(self, style: OverlayStyle) -> None:
        self.style = style
        self._pens: dict[tuple[str, bool, int, float], QPen] = {}
        self._brushes: dict[tuple[str, float], QBrush] = {}
        self._polygons: dict[int, QPolygonF] = {}
        self._prepared: dict[int, tuple[object, ...] | object] = {}
        self._no_brush = QBrush(Qt.BrushStyle.NoBrush)
        self._colors: dict[str, QColor] = {}
        self.font = QFont()
        self.font.setPointSizeF(9.0)
        self._metrics = QFontMetricsF(self.font)

    def forget_shapes(self) -> None:
        """Drop cached polygons (the frame's drawables changed)."""
        self._polygons.clear()
        self._prepared.clear()

    def forget(self, drawable_id: int) -> None:
        """Drop what is cached for one object (it changed)."""
        self._polygons.pop(drawable_id, None)
        self._prepared.pop(drawable_id, None)

    def draw_many(self, painter: QPainter, drawables: Sequence[Drawable], indices: Sequence[int]) -> None:
        """Draw ``drawables[i]`` for each index, in order, as plain objects: the layer's inner loop.

        Rectangles, polygons and polylines are prepared once (pen, brush, geometry) and the painter's pen and brush
        are only set when they change; other kinds go through :meth:`draw`.
        """
        prepared = self._prepared
        last_pen = last_brush = None
        for index in indices:
            drawable = drawables[index]
            entry = prepared.get(drawable.id)
            if entry is None:
                entry = prepared[drawable.id] = self._prepare(drawable)
            if entry is _GENERAL:
                self.draw(painter, drawable)
                last_pen = last_brush = None
                continue
            pen, brush, kind, geometry = entry
            if pen is not last_pen:
                painter.setPen(pen)
                last_pen = pen
            if brush is not last_brush:
                painter.setBrush(brush)
                last_brush = brush
            if kind is ShapeKind.RECTANGLE:
                painter.drawRect(geometry)
            elif kind is ShapeKind.POLYGON:
                painter.drawPolygon(geometry)
            else:
                painter.drawPolyline(geometry)

    def _prepare(self, drawable: Drawable) -> tuple[object, ...] | object:
        kind = drawable.kind
        if kind not in (ShapeKind.RECTANGLE, ShapeKind.POLYGON, ShapeKind.POLYLINE):
            return _GENERAL
        name = display_color(drawable, self.style.color_mode)
        pen = self._pen(name, drawable.occluded, NORMAL)
        opacity = self.style.fill_opacity
        brush = self._no_brush if kind is ShapeKind.POLYLINE or opacity <= 0 else self._brush(name, opacity)
        if kind is ShapeKind.RECTANGLE:
            x1, y1, x2, y2 = drawable.points[:4]
            return pen, brush, kind, QRectF(QPointF(x1, y1), QPointF(x2, y2)).normalized()
        return pen, brush, kind, self._polygon(drawable)

    def color(self, drawable: Drawable) -> QColor:
        name = display_color(drawable, self.style.color_mode)
        color = self._colors.get(name)
        if color is None:
            color = self._colors[name] = QColor(name)
        return color

    def _pen(self, name: str, dashed: bool, emphasis: int, factor: float = 1.0) -> QPen:
        key = (name, dashed, emphasis, factor)
        pen = self._pens.get(key)
        if pen is None:
            width = (self.style.emphasis_width if emphasis else self.style.line_width) * factor
            pen = QPen(QColor(name), width)
            pen.setCosmetic(True)
            pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
            if dashed:
                dash = 5.0 / width  # 5 px dashes and gaps, as CVAT's occluded "stroke-dasharray: 5"
                pen.setDashPattern([dash, dash])
            self._pens[key] = pen
        return pen

    def _brush(self, name: str, opacity: float) -> QBrush:
        key = (name, opacity)
        brush = self._brushes.get(key)
        if brush is None:
            color = QColor(name)
            color.setAlphaF(opacity)
            brush = self._brushes[key] = QBrush(color)
        return brush

    def _polygon(self, drawable: Drawable) -> QPolygonF:
        polygon = self._polygons.get(drawable.id)
        if polygon is None:
            pts = drawable.points
            polygon = QPolygonF([QPointF(pts[i], pts[i + 1]) for i in range(0, len(pts) - 1, 2)])
            self._polygons[drawable.id] = polygon
        return polygon

    def draw(self, painter: QPainter, drawable: Drawable, emphasis: int = NORMAL) -> None:
        """Draw one object under the painter's image → device transform."""
        style = self.style
        name = display_color(drawable, style.color_mode)
        pen = self._pen(name, drawable.occluded, emphasis)
        opacity = style.selected_fill_opacity if emphasis == SELECTED else style.fill_opacity
        if emphasis == HOVERED:
            opacity = max(opacity, style.selected_fill_opacity / 2)
        brush = self._brush(name, opacity) if opacity > 0 else Qt.BrushStyle.NoBrush
        kind = drawable.kind
        painter.setPen(pen)
        if kind is ShapeKind.RECTANGLE:
            x1, y1, x2, y2 = drawable.points[:4]
            painter.setBrush(brush)
            painter.drawRect(QRectF(QPointF(x1, y1), QPointF(x2, y2)).normalized())
        elif kind is ShapeKind.POLYGON:
            painter.setBrush(brush)
            painter.drawPolygon(self._polygon(drawable))
        elif kind is ShapeKind.POLYLINE:
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawPolyline(self._polygon(drawable))
        elif kind is ShapeKind.POINTS:
            dot = QPen(self._pen(name, False, emphasis))
            dot.setWidthF(style.point_size * (1.4 if emphasis else 1.0))
            dot.setCapStyle(Qt.PenCapStyle.RoundCap)
            painter.setPen(dot)
            painter.drawPoints(self._polygon(drawable))
        elif kind is ShapeKind.CUBOID and len(drawable.points) == 16:
            self._draw_cuboid(painter, drawable, name, emphasis, brush)

    def _draw_cuboid(self, painter: QPainter, drawable: Drawable, name: str, emphasis: int, brush: object) -> None:
        """CVAT's cuboid: the four side faces (front, right, dorsal, left), the front face's edges thicker."""
        pts = self._polygon(drawable)
        painter.setBrush(brush)
        for face in reversed(CUBOID_FACES):  # the front face last, on top
            painter.drawPolygon(QPolygonF([pts[i] for i in face]))
        painter.setPen(self._pen(name, drawable.occluded, emphasis, 1.75))
        for a, b in CUBOID_FRONT_EDGES:
            painter.drawLine(pts[a], pts[b])

    def text_lines(self, drawable: Drawable) -> list[str]:
        lines = [drawable.label]
        if self.style.show_attributes and drawable.attributes_text:
            lines.extend(drawable.attributes_text.splitlines())
        return lines

    def text_rect(self, drawable: Drawable, widget_bounds: QRectF) -> QRectF:
        """Where the text goes, in widget pixels: right of the object's box, from its top (as CVAT puts it)."""
        lines = self.text_lines(drawable)
        width = max(self._metrics.horizontalAdvance(line) for line in lines) + 4
        height = self._metrics.lineSpacing() * len(lines) + 4
        return QRectF(widget_bounds.right() + TEXT_MARGIN, widget_bounds.top(), width, height)

    def draw_text(self, painter: QPainter, drawable: Drawable, widget_bounds: QRectF) -> None:
        """Label (and attributes) beside the object, with no transform on the painter: white on a dark halo."""
        rect = self.text_rect(drawable, widget_bounds)
        painter.setFont(self.font)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(0, 0, 0, 150))
        painter.drawRoundedRect(rect, 3, 3)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(rect.adjusted(2, 2, -2, -2), Qt.AlignmentFlag.AlignLeft, "\n".join(self.text_lines(drawable)))
