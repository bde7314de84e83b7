"""Keeping a window on its screen: a geometry restored from another screen (or at another scale factor,
``QT_SCALE_FACTOR=2`` on 1920×1080) can be larger than the screen, leaving the pager and the status bar off it."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def clamp_to_screen(geometry: QRect, available: QRect) -> QRect:
    """``geometry`` shrunk to fit ``available`` (a screen's free area) and moved inside it."""
    width = min(geometry.width(), available.width())
    height = min(geometry.height(), available.height())
    x = min(max(geometry.x(), available.x()), available.x() + available.width() - width)
    y = min(max(geometry.y(), available.y()), available.y() + available.height() - height)
    return QRect(x, y, width, height)


def fit_to_screen(window: QWidget) -> None:
    """Shrink and move ``window`` so that it, with its frame when known, lies on the screen it is mostly on."""
    geometry = window.geometry()
    screen = QGuiApplication.screenAt(geometry.center()) or window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return
    frame = window.frameGeometry()  # equal to geometry() until a window manager has framed the window
    extra_left, extra_top = geometry.x() - frame.x(), geometry.y() - frame.y()
    extra_width, extra_height = frame.width() - geometry.width(), frame.height() - geometry.height()
    fitted = clamp_to_screen(frame, screen.availableGeometry())
    inner = QRect(
        fitted.x() + extra_left, fitted.y() + extra_top, fitted.width() - extra_width, fitted.height() - extra_height
    )
    if inner != geometry:
        window.setGeometry(inner)


class _FitWhenShown(QObject):
    """Fits its window again once it is first shown: only then is the window manager's frame known."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.removeEventFilter(self)
            QTimer.singleShot(0, watched, lambda: fit_to_screen(watched))
        return False


def keep_on_screen(window: QWidget) -> None:
    """Fit ``window`` to its screen now (restored or default geometry), and again, frame included, once shown."""
    fit_to_screen(window)
    window.installEventFilter(_FitWhenShown(window))
