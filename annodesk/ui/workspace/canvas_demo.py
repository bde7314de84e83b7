"""A look at the canvas on a dense synthetic frame: ``python -m annodesk.ui.workspace.canvas_demo``.

The frame is the benchmark's (benchmarks/dense_canvas.py): 10,000×5,000 pixels, 5,000 polygons of 20 points and
5,000 rectangles, from a fixed seed. ``--screenshot PATH`` paints it offscreen into a PNG instead of opening a
window.
"""

from __future__ import annotations

import argparse
import math
import random
import sys

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.workspace.drawables import PALETTE, Drawable, ShapeKind

LABELS = ("car", "person", "tree", "building", "sign", "bicycle", "road mark", "animal")


def synthetic_image(width: int, height: int, seed: int = 7) -> QImage:
    """A frame with structure at every scale (a gradient, blocks, fine stripes), drawn fast by Qt."""
    rng = random.Random(seed)
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor(40, 70, 90))
    gradient.setColorAt(1, QColor(120, 110, 80))
    painter.fillRect(0, 0, width, height, gradient)
    for _ in range(max(1, width * height // 40_000)):
        color = QColor(rng.randrange(30, 200), rng.randrange(30, 200), rng.randrange(30, 200))
        w, h = rng.uniform(20, 400), rng.uniform(20, 400)
        painter.fillRect(QRectF(rng.uniform(0, width), rng.uniform(0, height), w, h), color)
    painter.setPen(QColor(255, 255, 255, 40))
    for x in range(0, width, 16):
        painter.drawLine(x, 0, x, height)
    painter.end()
    return image


def dense_drawables(
    width: int, height: int, polygons: int = 5000, rectangles: int = 5000, seed: int = 3875
) -> list[Drawable]:
    """``polygons`` polygons of 20 points and ``rectangles`` rectangles spread over the frame; a few occluded."""
    rng = random.Random(seed)
    drawables: list[Drawable] = []
    for index in range(polygons):
        cx, cy, radius = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(15, 70)
        points: list[float] = []
        for k in range(20):
            angle = 2 * math.pi * k / 20
            r = radius * rng.uniform(0.6, 1.0)
            points += [cx + r * math.cos(angle), cy + r * math.sin(angle)]
        drawables.append(_object(len(drawables), ShapeKind.POLYGON, points, index, rng))
    for index in range(rectangles):
        x, y = rng.uniform(0, width - 20), rng.uniform(0, height - 20)
        points = [x, y, x + rng.uniform(15, 140), y + rng.uniform(15, 140)]
        drawables.append(_object(len(drawables), ShapeKind.RECTANGLE, points, index, rng))
    return drawables


def _object(object_id: int, kind: ShapeKind, points: list[float], index: int, rng: random.Random) -> Drawable:
    label = index % len(LABELS)
    return Drawable(
        id=object_id,
        kind=kind,
        points=tuple(points),
        label=LABELS[label],
        color=PALETTE[label],
        attributes_text=f"quality: {rng.choice(('good', 'bad'))}",
        occluded=rng.random() < 0.1,
        z_order=rng.randrange(0, 3),
        group=rng.randrange(0, 40),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--width", type=int, default=10_000)
    parser.add_argument("--height", type=int, default=5_000)
    parser.add_argument("--objects", type=int, default=10_000, help="half polygons, half rectangles")
    parser.add_argument("--screenshot", help="paint offscreen into this PNG and quit")
    parser.add_argument("--zoom", type=float, default=0.0, help="zoom (0 = fit) for the screenshot")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    canvas = AnnotationCanvas()
    canvas.set_frame(synthetic_image(args.width, args.height), QSizeF(args.width, args.height))
    canvas.set_drawables(dense_drawables(args.width, args.height, args.objects // 2, args.objects - args.objects // 2))
    window = QMainWindow()
    window.setWindowTitle(window.tr("annodesk canvas demo"))
    window.setCentralWidget(canvas)
    status = QLabel()
    window.statusBar().addWidget(status)
    canvas.cursorMoved.connect(lambda x, y: status.setText(f"{x:.1f}, {y:.1f}"))
    window.resize(1280, 800)
    if args.screenshot:
        window.show()
        canvas.fit_to_view()
        if args.zoom:
            centre = QPointF(canvas.width() / 2, canvas.height() / 2)
            canvas.zoom_at(args.zoom / canvas.scale(), centre, gesture=False)
        canvas.finish_rendering()
        canvas.grab().save(args.screenshot)
        return 0
    window.show()
    canvas.setFocus(Qt.FocusReason.OtherFocusReason)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
