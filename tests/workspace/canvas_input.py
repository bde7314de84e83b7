"""Simulated input and pixel checks shared by the canvas-tool tests.

The frame is 200×150 (grey 100) in a 400×300 canvas, so a fit shows it at exactly 2×.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QMouseEvent, QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annodesk.ui.workspace.canvas import AnnotationCanvas

GREY = 100
NO = Qt.KeyboardModifier.NoModifier
LEFT, RIGHT, MIDDLE = Qt.MouseButton.LeftButton, Qt.MouseButton.RightButton, Qt.MouseButton.MiddleButton


def frame(width: int = 200, height: int = 150) -> QImage:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(GREY, GREY, GREY))
    return image


def widget_at(canvas: AnnotationCanvas, x: float, y: float) -> QPoint:
    """The widget pixel showing image point (x, y) in the current view."""
    return canvas.map_from_image(QPointF(x, y)).toPoint()


def move(
    canvas: AnnotationCanvas,
    position: QPoint,
    buttons: Qt.MouseButton = Qt.MouseButton.NoButton,
    modifiers: Qt.KeyboardModifier = NO,
) -> None:
    """A mouse move sent straight to the canvas (QTest.mouseMove sends nothing when the cursor is already there)."""
    local = QPointF(position)
    event = QMouseEvent(
        QEvent.Type.MouseMove, local, canvas.mapToGlobal(local), Qt.MouseButton.NoButton, buttons, modifiers
    )
    QApplication.sendEvent(canvas, event)


def click(
    canvas: AnnotationCanvas, position: QPoint, button: Qt.MouseButton = LEFT, modifiers: Qt.KeyboardModifier = NO
) -> None:
    move(canvas, position)
    QTest.mouseClick(canvas, button, modifiers, position)


def drag(
    canvas: AnnotationCanvas, start: QPoint, end: QPoint, button: Qt.MouseButton = LEFT, release: bool = True
) -> None:
    move(canvas, start)
    QTest.mousePress(canvas, button, NO, start)
    for step in range(1, 5):
        move(canvas, start + (end - start) * step / 4, button)
    if release:
        QTest.mouseRelease(canvas, button, NO, end)


def wheel(canvas: AnnotationCanvas, position: QPointF, notches: int) -> None:
    event = QWheelEvent(
        position,
        canvas.mapToGlobal(position),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        NO,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(canvas, event)


def grab(canvas: AnnotationCanvas) -> QImage:
    canvas.finish_rendering()
    return canvas.grab().toImage()


def close(pixel: QColor, expected: QColor | str, tolerance: int = 40) -> bool:
    want = QColor(expected)
    return all(abs(a - b) <= tolerance for a, b in zip(pixel.getRgb()[:3], want.getRgb()[:3], strict=True))


def near(image: QImage, x: float, y: float, color: QColor | str, radius: int = 1) -> bool:
    """Some pixel within ``radius`` of widget (x, y) has ``color``."""
    return any(
        close(image.pixelColor(int(x) + dx, int(y) + dy), color)
        for dx in range(-radius, radius + 1)
        for dy in range(-radius, radius + 1)
    )


def is_background(image: QImage, x: float, y: float) -> bool:
    return close(image.pixelColor(int(x), int(y)), QColor(GREY, GREY, GREY), 6)
