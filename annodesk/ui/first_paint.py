"""A benchmark hook: note when the first window has been painted, then end the process.

Enabled by ``ANNODESK_REPORT_FIRST_PAINT=<file>`` (read by :func:`annodesk.app.run_app`); unused otherwise.
The file gets one line: ``<CLOCK_MONOTONIC seconds> <window class>``. The moment is taken right after the
event-loop pass that delivered the window's first Paint event, i.e. after Qt painted every widget of that
frame and flushed it to the screen (or the offscreen surface).
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget


class FirstPaintReporter(QObject):
    """Watches every object's events until a top-level widget gets its first Paint event."""

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self._seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        paint = event.type() == QEvent.Type.Paint
        if not self._seen and paint and isinstance(watched, QWidget) and watched.isWindow():
            self._seen = True
            name = type(watched).__name__
            QTimer.singleShot(0, lambda: self._report(name))
        return False

    def _report(self, window: str) -> None:
        self.path.write_text(f"{time.clock_gettime(time.CLOCK_MONOTONIC):.6f} {window}\n", encoding="utf-8")
        os._exit(0)  # a measurement run: nothing to save, and the clean shutdown is not what is measured


def install_first_paint_reporter(app: QApplication, path: str) -> None:
    """Report the first painted window to ``path`` and exit (see the module docstring)."""
    reporter = FirstPaintReporter(Path(path), app)
    app.installEventFilter(reporter)
