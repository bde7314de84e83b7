"""labelme's own canvas (PyQt5) painting the dense frame through the gesture of benchmarks/dense_canvas.py.

Run by that benchmark in a process of its own (PyQt5 and PySide6 must not share one). The same objects
(annodesk.workspace.synthetic, Qt-free) and a frame of the same size are loaded into ``labelme.widgets.Canvas``
inside a ``QScrollArea``, as labelme's main window holds it; each view of the gesture sets the canvas's scale
(labelme's zoom) and the scroll bars (its pan), then the canvas's visible part is repainted and timed. labelme
paints the whole pixmap and every shape on each paint, so only every ``stride``-th view is painted, within a time
budget.

Prints one JSON line: {version, first_paint_ms, frames_ms, stride}.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

import labelme
from canvas_gesture import phases
from labelme._shape import Shape
from labelme.widgets.canvas import Canvas
from PyQt5.QtCore import QPointF, QRectF
from PyQt5.QtGui import QColor, QImage, QLinearGradient, QPainter, QPixmap
from PyQt5.QtWidgets import QApplication, QScrollArea

from annodesk.workspace.synthetic import DENSE_HEIGHT, DENSE_WIDTH, dense_drawables, image_blocks

WIDGET_W, WIDGET_H = 1280, 800


def frame() -> QPixmap:
    image = QImage(DENSE_WIDTH, DENSE_HEIGHT, QImage.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, DENSE_WIDTH, DENSE_HEIGHT)
    gradient.setColorAt(0, QColor(40, 70, 90))
    gradient.setColorAt(1, QColor(120, 110, 80))
    painter.fillRect(0, 0, DENSE_WIDTH, DENSE_HEIGHT, gradient)
    for x, y, w, h, r, g, b in image_blocks():
        painter.fillRect(QRectF(x, y, w, h), QColor(int(r), int(g), int(b)))
    painter.end()
    return QPixmap.fromImage(image)


def shapes() -> list[Shape]:
    result = []
    for drawable in dense_drawables():
        shape = Shape(label=drawable.label, shape_type=drawable.kind.value)
        pts = drawable.points
        for i in range(0, len(pts), 2):
            shape.add_point(QPointF(pts[i], pts[i + 1]))
        shape.close()
        result.append(shape)
    return result


def main() -> int:
    budget = float(sys.argv[1]) if len(sys.argv) > 1 else 60.0
    app = QApplication(sys.argv[:1])
    pixmap = frame()
    loaded = shapes()
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    canvas = Canvas(epsilon=10.0, double_click="close", num_backups=10)
    scroll.setWidget(canvas)
    scroll.resize(WIDGET_W, WIDGET_H)
    scroll.show()
    app.processEvents()
    views = [view for _name, phase in phases(DENSE_WIDTH, DENSE_HEIGHT, WIDGET_W, WIDGET_H) for view in phase]

    started = time.perf_counter()
    canvas.load_pixmap(pixmap)
    canvas.load_shapes(loaded)
    canvas.scale = views[0][0]
    canvas.adjustSize()
    canvas.repaint(canvas.visibleRegion())
    first_paint = time.perf_counter() - started

    one = time.perf_counter()
    canvas.repaint(canvas.visibleRegion())
    per_paint = max(time.perf_counter() - one, 1e-3)
    stride = max(1, int(len(views) * per_paint / budget) + 1)
    frames = []
    began = time.perf_counter()
    for scale, dx, dy in views[::stride]:
        canvas.scale = scale
        canvas.adjustSize()
        scroll.horizontalScrollBar().setValue(int(-dx))
        scroll.verticalScrollBar().setValue(int(-dy))
        app.processEvents()
        paint_started = time.perf_counter()
        canvas.repaint(canvas.visibleRegion())
        frames.append((time.perf_counter() - paint_started) * 1000)
        if time.perf_counter() - began > budget:
            break
    version = getattr(labelme, "__version__", "?")
    print(json.dumps({"version": version, "first_paint_ms": first_paint * 1000, "frames_ms": frames, "stride": stride}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
