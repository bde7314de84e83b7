"""Knowing when the first window has been painted: start-up work that can wait starts then (annodesk/warmup.py),
and benchmarks measure start-up by it.

The moment is taken right after the event-loop pass that delivered the first Paint event of a watched
top-level window, i.e. after Qt painted every widget of that frame and flushed it to the screen (or the
offscreen surface). Only the windows given to :meth:`FirstPaintWatcher.watch` are filtered — not every event
of the application, which would slow start-up itself. ``ANNODESK_REPORT_FIRST_PAINT=<file>`` (read by
:func:`annodesk.app.run_app`) writes ``<CLOCK_MONOTONIC seconds> <window class>`` to the file then and ends the
process (benchmarks/startup.py).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget


class FirstPaintWatcher(QObject):
    """Emits ``painted`` (the window's class name) once, after the first frame of the first watched window."""

    painted = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._seen = False
        self.seen = False  # True once ``painted`` has been emitted

    def _emit(self, name: str) -> None:
        self.seen = True
        self.painted.emit(name)

    def watch(self, window: QWidget) -> None:
        """Watch ``window`` (just shown, not yet painted) until some watched window has painted."""
        if not self._seen:
            window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._seen and event.type() == QEvent.Type.Paint:
            self._seen = True
            watched.removeEventFilter(self)
            name = type(watched).__name__
            QTimer.singleShot(0, lambda: self._emit(name))
        return False


def report_first_paint(watcher: FirstPaintWatcher, path: str) -> None:
    """On the first paint, write its time and window class to ``path`` and end the process (benchmarks)."""

    def report(window: str) -> None:
        Path(path).write_text(f"{time.clock_gettime(time.CLOCK_MONOTONIC):.6f} {window}\n", encoding="utf-8")
        os._exit(0)  # a measurement run: nothing to save, and the clean shutdown is not what is measured

    watcher.painted.connect(report)
