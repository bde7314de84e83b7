"""Playback's frame clock: frames follow wall time at 1–100 fps; frames it passes without an image are dropped.

The clock does not wait for images. At each tick the frame due is ``origin + elapsed × fps``; when the clock moves
past a frame whose image was never shown (still loading, or skipped over), that frame counts as dropped. So
``shown`` and ``dropped`` measure what the user really saw, not what was asked for.
"""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal

MIN_FPS, MAX_FPS, DEFAULT_FPS = 1, 100, 25


class FrameClock(QObject):
    """``advance(frame)`` when a new frame is due; ``statsChanged(shown, dropped)``; ``runningChanged(bool)``."""

    advance = Signal(int)
    statsChanged = Signal(int, int)
    runningChanged = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.fps: float = DEFAULT_FPS
        self.shown_count = 0
        self.dropped_count = 0
        self._origin = 0
        self._current = 0
        self._last = 0
        self._current_shown = False
        self._finishing = False  # at the end: the clock waits for the last frame's image, then stops
        self._elapsed = QElapsedTimer()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)

    @property
    def running(self) -> bool:
        return self._timer.isActive() or self._finishing

    def set_fps(self, fps: float) -> None:
        """Frames per second, clamped to 1–100; a running clock keeps going from where it is at the new rate."""
        self.fps = float(max(MIN_FPS, min(MAX_FPS, fps)))
        if self.running:
            self._origin = self._current
            self._elapsed.restart()
            self._timer.setInterval(self._interval())

    def _interval(self) -> int:
        return max(1, int(500 / self.fps))  # tick twice per frame: a late tick never costs a whole frame

    def start(self, frame: int, last: int, on_screen: bool) -> None:
        """Play from ``frame`` to ``last`` (``on_screen``: ``frame`` is shown already, else on its way).

        The counts start afresh. At ``last`` the clock waits for its image, then stops.
        """
        self._origin = self._current = frame
        self._last = last
        self._current_shown = on_screen
        self._finishing = False
        self.shown_count, self.dropped_count = int(on_screen), 0
        self._elapsed.start()
        self._timer.start(self._interval())
        self.runningChanged.emit(True)
        self.statsChanged.emit(self.shown_count, 0)

    def stop(self) -> None:
        """Stop now (pause, or a frame that failed)."""
        if not self.running:
            return
        self._timer.stop()
        self._finishing = False
        self.runningChanged.emit(False)

    def shown(self, frame: int) -> None:
        """The image of ``frame`` reached the screen."""
        if self.running and frame == self._current and not self._current_shown:
            self._current_shown = True
            self.shown_count += 1
            self.statsChanged.emit(self.shown_count, self.dropped_count)
            if self._finishing:
                self._finishing = False
                self.runningChanged.emit(False)

    def _tick(self) -> None:
        due = min(self._last, self._origin + int(self._elapsed.elapsed() * self.fps / 1000))
        if due <= self._current:
            return
        self.dropped_count += due - self._current - 1 + (0 if self._current_shown else 1)
        self._current = due
        self._current_shown = False
        self.statsChanged.emit(self.shown_count, self.dropped_count)
        if due >= self._last:
            self._timer.stop()
            self._finishing = True
        self.advance.emit(due)
