"""INTERIM, to be replaced by the canvas branch's widget at merge time: a plain frame view for the workspace window.

It shows the frame fitted to the widget and the objects over it, picks the topmost object under a click, reports
the cursor in image coordinates and zooms to a rectangle. No pan, no pyramid, no adjustments: the real canvas
(``annodesk/ui/workspace/`` on the canvas branch) brings those; the window talks to either through the same few
methods and signals (see :class:`annodesk.ui.workspace.window.WorkspaceWindow`).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QImage, QKeyEvent, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QWidget

from annodesk.workspace.frame_objects import FrameObject, ObjectKey

CUBOID_EDGES = ((0, 1), (2, 3), (4, 5), (6, 7), (0, 2), (1, 3), (2, 4), (3, 5), (4, 6), (5, 7), (6, 0), (7, 1))


class InterimCanvas(QWidget):
    """``selectionRequested(key or None)``, ``cursorMoved(QPointF image point or None)``, ``tabPressed(backwards)``."""

    selectionRequested = Signal(object)
    cursorMoved = Signal(object)
    tabPressed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(320, 240)
        self.setAutoFillBackground(True)
        self.image = QImage()
        self.image_size = (0, 0)
        self.objects: list[FrameObject] = []
        self.selected: ObjectKey | None = None
        self.view_rect: QRectF | None = None  # the image area shown (None: the whole frame)

    def set_image(self, image: QImage | None, size: tuple[int, int]) -> None:
        self.image = image if image is not None else QImage()
        self.image_size = size
        self.update()

    def set_objects(self, objects: list[FrameObject], selected: ObjectKey | None) -> None:
        self.objects, self.selected = list(objects), selected
        self.update()

    def set_selected(self, key: ObjectKey | None) -> None:
        self.selected = key
        self.update()

    def fit(self) -> None:
        self.view_rect = None
        self.update()

    def zoom_to(self, rect: QRectF) -> None:
        self.view_rect = rect.adjusted(
            -rect.width() * 0.2, -rect.height() * 0.2, rect.width() * 0.2, rect.height() * 0.2
        )
        self.update()

    def transform(self) -> QTransform:
        """Image coordinates → widget coordinates."""
        width, height = self.image_size
        shown = self.view_rect or QRectF(0, 0, max(1, width), max(1, height))
        scale = min(self.width() / max(1.0, shown.width()), self.height() / max(1.0, shown.height()))
        dx = (self.width() - shown.width() * scale) / 2 - shown.left() * scale
        dy = (self.height() - shown.height() * scale) / 2 - shown.top() * scale
        return QTransform(scale, 0, 0, scale, dx, dy)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor("#2b2b2b"))
        width, height = self.image_size
        if not width or not height:
            return
        painter.setTransform(self.transform())
        if not self.image.isNull():
            painter.drawImage(QRectF(0, 0, width, height), self.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for obj in self.objects:
            pen = QPen(QColor(obj.color), 3 if obj.key == self.selected else 2)
            pen.setCosmetic(True)
            if obj.occluded:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            fill = QColor(obj.color)
            fill.setAlpha(90 if obj.key == self.selected else 40)
            painter.setBrush(fill)
            _draw(painter, obj)

    def object_at(self, point: QPointF) -> FrameObject | None:
        for obj in sorted(self.objects, key=lambda o: o.z_order, reverse=True):
            if _bounds(obj).adjusted(-2, -2, 2, 2).contains(point):
                return obj
        return None

    def image_point(self, widget_point: QPointF) -> QPointF:
        inverted, _ok = self.transform().inverted()
        return inverted.map(widget_point)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            hit = self.object_at(self.image_point(event.position()))
            self.selectionRequested.emit(hit.key if hit else None)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.image_point(event.position())
        width, height = self.image_size
        inside = 0 <= point.x() < width and 0 <= point.y() < height
        self.cursorMoved.emit(point if inside else None)
        super().mouseMoveEvent(event)

    def leaveEvent(self, event: QEvent) -> None:
        self.cursorMoved.emit(None)
        super().leaveEvent(event)

    def event(self, event: QEvent) -> bool:
        tab_keys = (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and event.key() in tab_keys:
            self.tabPressed.emit(event.key() == Qt.Key.Key_Backtab)
            return True
        return super().event(event)


def _bounds(obj: FrameObject) -> QRectF:
    xs, ys = obj.points[0::2], obj.points[1::2]
    if not xs:
        return QRectF()
    return QRectF(QPointF(min(xs), min(ys)), QPointF(max(xs), max(ys)))


def _draw(painter: QPainter, obj: FrameObject) -> None:
    points = [QPointF(obj.points[i], obj.points[i + 1]) for i in range(0, len(obj.points) - 1, 2)]
    if obj.type == "rectangle" and len(points) >= 2:
        painter.drawRect(QRectF(points[0], points[1]).normalized())
    elif obj.type == "polygon":
        painter.drawPolygon(QPolygonF(points))
    elif obj.type == "polyline":
        painter.drawPolyline(QPolygonF(points))
    elif obj.type == "points":
        for point in points:
            painter.drawEllipse(
                point, 3 / max(painter.transform().m11(), 1e-6), 3 / max(painter.transform().m11(), 1e-6)
            )
    elif obj.type == "cuboid" and len(points) == 8:
        for a, b in CUBOID_EDGES:
            painter.drawLine(points[a], points[b])
