"""The canvas's view: image (meta) coordinates ↔ widget pixels, zoom about a point, fit, 1:1."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSizeF
from PySide6.QtGui import QTransform

MIN_SCALE = 0.1
MAX_SCALE = 40.0


def clamp_scale(scale: float) -> float:
    """``scale`` held within 0.1–40× (CVAT stops at 10×; a desktop can afford more for pixel work)."""
    return max(MIN_SCALE, min(MAX_SCALE, scale))


@dataclass(frozen=True)
class Viewport:
    """widget = image × scale + offset."""

    scale: float = 1.0
    dx: float = 0.0
    dy: float = 0.0

    def transform(self) -> QTransform:
        """Image → widget."""
        return QTransform(self.scale, 0.0, 0.0, self.scale, self.dx, self.dy)

    def to_widget(self, x: float, y: float) -> QPointF:
        return QPointF(x * self.scale + self.dx, y * self.scale + self.dy)

    def to_image(self, point: QPointF) -> QPointF:
        return QPointF((point.x() - self.dx) / self.scale, (point.y() - self.dy) / self.scale)

    def image_rect(self, widget_rect: QRectF) -> QRectF:
        """The part of the image (in image coordinates) that ``widget_rect`` shows."""
        top_left = self.to_image(widget_rect.topLeft())
        return QRectF(top_left, widget_rect.size() / self.scale)

    def widget_rect(self, image_rect: QRectF) -> QRectF:
        return QRectF(self.to_widget(image_rect.x(), image_rect.y()), image_rect.size() * self.scale)

    def zoomed(self, scale: float, anchor: QPointF) -> Viewport:
        """The view at ``scale`` (clamped) keeping the image point under the widget point ``anchor`` in place."""
        scale = clamp_scale(scale)
        image_point = self.to_image(anchor)
        return Viewport(scale, anchor.x() - image_point.x() * scale, anchor.y() - image_point.y() * scale)

    def panned(self, dx: float, dy: float) -> Viewport:
        return Viewport(self.scale, self.dx + dx, self.dy + dy)

    @staticmethod
    def fitting(content: QRectF, area: QSizeF, margin: float = 0.0, max_scale: float = MAX_SCALE) -> Viewport:
        """The view showing ``content`` (image coordinates) whole and centred in a widget of ``area``."""
        width = max(1.0, area.width() - 2 * margin)
        height = max(1.0, area.height() - 2 * margin)
        if content.width() <= 0 or content.height() <= 0:
            return Viewport()
        scale = clamp_scale(min(width / content.width(), height / content.height(), max_scale))
        centre = content.center()
        return Viewport(scale, area.width() / 2 - centre.x() * scale, area.height() / 2 - centre.y() * scale)

    @staticmethod
    def actual_size(content: QRectF, area: QSizeF, anchor_image: QPointF | None = None) -> Viewport:
        """1:1, centred on ``anchor_image`` (default: the content's centre)."""
        centre = anchor_image if anchor_image is not None else content.center()
        return Viewport(1.0, area.width() / 2 - centre.x(), area.height() / 2 - centre.y())
