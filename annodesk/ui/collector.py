"""Run Python's cyclic garbage collector only on the GUI thread.

Qt objects must be destroyed on the thread that owns them. Python's automatic collector runs on whichever
thread happens to allocate, and the app has others (the embedded sandbox server, httpx helpers), so a
cycle holding a dialog or window could otherwise be freed from a worker thread and crash Qt. This
switches automatic collection off and collects from a GUI-thread timer instead (the pattern Qt-for-Python
apps such as pyqtgraph use).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class MainThreadCollector(QObject):
    """Collects garbage on the GUI thread every ``INTERVAL_MS``, by the generation thresholds Python uses."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._was_enabled = gc.isenabled()
        gc.disable()
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.check)
        self._timer.start(interval_ms)

    def check(self) -> None:
        """Collect the generations whose allocation counts passed their thresholds."""
        first, second, third = gc.get_threshold()
        count0, count1, count2 = gc.get_count()
        if count0 > first:
            generation = 2 if count2 > third else 1 if count1 > second else 0
            gc.collect(generation)

    def stop(self) -> None:
        """Stop the timer, collect once, and give automatic collection back."""
        self._timer.stop()
        gc.collect()
        if self._was_enabled:
            gc.enable()
