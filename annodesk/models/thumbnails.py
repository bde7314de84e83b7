"""Task previews scaled for the task table, kept in memory by task id; a miss is asked for, never fetched here.

The table model asks :meth:`ThumbnailStore.pixmap` when a view paints a preview cell — so only rows on screen
are ever asked for. A miss returns a placeholder and emits ``wanted(task_id)`` once; whoever loads previews
(``annodesk.ui.thumbnails``) answers with :meth:`put`, and ``changed(task_id)`` makes the view paint it.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPixmap

from annodesk.api.models import Task

THUMBNAIL_SIZE = QSize(48, 36)
CAPACITY = 600  # pixmaps kept in memory (~7 kB each at 48×36)
READY, LOADING, NO_PREVIEW, NO_DATA = "ready", "loading", "none", "no data"


class ThumbnailStore(QObject):
    """Scaled previews by task id, the least recently used dropped beyond ``capacity``."""

    wanted = Signal(int)
    changed = Signal(int)

    def __init__(self, parent: Any = None, capacity: int = CAPACITY, size: QSize = THUMBNAIL_SIZE) -> None:
        super().__init__(parent)
        self.capacity = capacity
        self.size = QSize(size)
        self._pixmaps: OrderedDict[int, QPixmap | None] = OrderedDict()  # None: the task has no readable preview
        self._asked: set[int] = set()
        self._placeholders: dict[str, QPixmap] = {}

    def state(self, task: Task) -> str:
        """``ready``, ``loading`` (asked for, or not yet), ``none`` (none could be had) or ``no data``."""
        if not task.has_data:
            return NO_DATA
        if task.id not in self._pixmaps:
            return LOADING
        return READY if self._pixmaps[task.id] is not None else NO_PREVIEW

    def pixmap(self, task: Task) -> QPixmap:
        """The task's thumbnail, or a placeholder (then the thumbnail is asked for, once)."""
        if not task.has_data:
            return self.placeholder(NO_DATA)
        if task.id in self._pixmaps:
            self._pixmaps.move_to_end(task.id)
            return self._pixmaps[task.id] or self.placeholder(NO_PREVIEW)
        if task.id not in self._asked:
            self._asked.add(task.id)
            self.wanted.emit(task.id)
        return self.placeholder(LOADING)

    def cached(self, task_id: int) -> bool:
        return task_id in self._pixmaps

    def put(self, task_id: int, pixmap: QPixmap | None) -> None:
        """The thumbnail of ``task_id`` (``None``: it has none that can be shown)."""
        self._asked.discard(task_id)
        self._pixmaps[task_id] = pixmap if pixmap is not None and not pixmap.isNull() else None
        self._pixmaps.move_to_end(task_id)
        while len(self._pixmaps) > self.capacity:
            self._pixmaps.popitem(last=False)
        self.changed.emit(task_id)

    def drop_request(self, task_id: int) -> None:
        """It was not loaded (scrolled away, page changed): ask again the next time it is painted."""
        self._asked.discard(task_id)

    def forget(self, task_id: int) -> None:
        """Drop what is known of ``task_id`` (a deleted task)."""
        self._asked.discard(task_id)
        self._pixmaps.pop(task_id, None)

    def forget_failures(self) -> None:
        """Tasks whose preview could not be had are asked for again (the server is back)."""
        failed = [task_id for task_id, pixmap in self._pixmaps.items() if pixmap is None]
        for task_id in failed:
            del self._pixmaps[task_id]
            self.changed.emit(task_id)

    def placeholder(self, kind: str) -> QPixmap:
        """A grey box while loading; a dashed, lighter one when there is no preview."""
        pixmap = self._placeholders.get(kind)
        if pixmap is None:
            pixmap = self._placeholders[kind] = _placeholder(self.size, kind == LOADING)
        return pixmap


def _placeholder(size: QSize, loading: bool) -> QPixmap:
    pixmap = QPixmap(size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(QColor("#c4c4c4" if loading else "#cfcfcf"))
    pen.setStyle(Qt.PenStyle.SolidLine if loading else Qt.PenStyle.DashLine)
    painter.setPen(pen)
    painter.setBrush(QColor("#e4e4e4" if loading else "#f4f4f4"))
    painter.drawRoundedRect(QRectF(0.5, 0.5, size.width() - 1, size.height() - 1), 3, 3)
    painter.end()
    return pixmap
