"""The select / edit tool of the workspace: the editing tool, plus picking several objects and a context menu.

- Ctrl+click on an object (not on a vertex of the selected one, which Ctrl+click deletes) picks or unpicks it:
  ``picked(drawable_id)``. The picks (kept by the caller, across frames) are what merge and group work on; they are
  outlined with a dashed box.
- A right-click selects the object under the mouse and asks for the object menu: ``menuRequested(drawable_id or
  None, global position)``; on a vertex of the selected object it asks for CVAT's point menu instead (delete the
  point, set the start point): ``pointMenuRequested(drawable_id, vertex, global position)``.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPen

from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.ui.workspace.tools.editing import VERTEX, EditingTool
from annodesk.workspace.drawables import display_color

PICK_PAD = 5.0  # widget pixels between a picked object and its dashed box


class PickingTool(EditingTool):
    """Selects, edits, picks (Ctrl+click) and asks for the object menu (right-click)."""

    picked = Signal(int)  # drawable id: Ctrl+click
    menuRequested = Signal(object, QPoint)  # drawable id or None, global position
    pointMenuRequested = Signal(int, int, QPoint)  # drawable id, vertex index, global position

    def __init__(self, canvas: AnnotationCanvas) -> None:
        super().__init__(canvas)
        self.picked_ids: frozenset[int] = frozenset()

    def set_picked_ids(self, ids: frozenset[int]) -> None:
        if ids != self.picked_ids:
            self.picked_ids = ids
            self._canvas.update()

    def mouse_press(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool:
        button = event.button()
        handle = self.handle_at(event.position())
        on_vertex = handle is not None and handle.role == VERTEX
        selected = canvas.selected_id()
        if button == Qt.MouseButton.RightButton and on_vertex and handle is not None and selected is not None:
            self.pointMenuRequested.emit(selected, handle.index, canvas.mapToGlobal(event.position().toPoint()))
            return True
        if button == Qt.MouseButton.RightButton and not on_vertex and not canvas.space_held():
            target = canvas.object_at(event.position())
            if target is not None:
                canvas.set_selected_id(target)
            self.menuRequested.emit(target, canvas.mapToGlobal(event.position().toPoint()))
            return True
        control = bool(event.modifiers() & Qt.KeyboardModifier.ControlModifier)
        if button == Qt.MouseButton.LeftButton and control and not on_vertex and not canvas.space_held():
            target = canvas.object_at(event.position())
            if target is not None:
                self.picked.emit(target)
            return True
        return super().mouse_press(canvas, event, image_pos)

    def paint(self, canvas: AnnotationCanvas, painter: QPainter) -> None:
        super().paint(canvas, painter)
        if not self.picked_ids:
            return
        viewport = canvas.viewport()
        mode = canvas.overlay_style().color_mode
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for drawable_id in self.picked_ids:
            drawable = canvas.drawable(drawable_id)
            if drawable is None or not drawable.visible:
                continue
            left, top, right, bottom = drawable.bounds()
            box = viewport.widget_rect(QRectF(left, top, right - left, bottom - top))
            pen = QPen(QColor(display_color(drawable, mode)), 2, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(box.adjusted(-PICK_PAD, -PICK_PAD, PICK_PAD, PICK_PAD))
