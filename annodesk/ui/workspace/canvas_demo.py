"""A look at the canvas on a dense synthetic frame: ``python -m annodesk.ui.workspace.canvas_demo``.

The frame is the benchmark's (benchmarks/dense_canvas.py): 10,000×5,000 pixels, 5,000 polygons of 20 points and
5,000 rectangles, from a fixed seed. ``--screenshot PATH`` paints it offscreen into a PNG instead of opening a
window.
"""

from __future__ import annotations

import argparse
import sys

from PySide6.QtCore import QCoreApplication, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QImage, QLinearGradient, QPainter
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.workspace.synthetic import DENSE_HEIGHT, DENSE_WIDTH, dense_drawables, image_blocks


def synthetic_image(width: int = DENSE_WIDTH, height: int = DENSE_HEIGHT) -> QImage:
    """The dense frame's picture: a gradient, coloured blocks and fine stripes, drawn fast by Qt."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gradient = QLinearGradient(0, 0, width, height)
    gradient.setColorAt(0, QColor(40, 70, 90))
    gradient.setColorAt(1, QColor(120, 110, 80))
    painter.fillRect(0, 0, width, height, gradient)
    for x, y, w, h, r, g, b in image_blocks(width, height):
        painter.fillRect(QRectF(x, y, w, h), QColor(int(r), int(g), int(b)))
    painter.setPen(QColor(255, 255, 255, 40))
    for x in range(0, width, 16):
        painter.drawLine(x, 0, x, height)
    painter.end()
    return image


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--width", type=int, default=DENSE_WIDTH)
    parser.add_argument("--height", type=int, default=DENSE_HEIGHT)
    parser.add_argument("--objects", type=int, default=10_000, help="half polygons, half rectangles")
    parser.add_argument("--screenshot", help="paint offscreen into this PNG and quit")
    parser.add_argument("--zoom", type=float, default=0.0, help="zoom (0 = fit) for the screenshot")
    args = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    canvas = AnnotationCanvas()
    canvas.set_frame(synthetic_image(args.width, args.height), QSizeF(args.width, args.height))
    canvas.set_drawables(dense_drawables(args.width, args.height, args.objects // 2, args.objects - args.objects // 2))
    window = QMainWindow()
    window.setWindowTitle(QCoreApplication.translate("CanvasDemo", "annodesk canvas demo"))
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
        canvas.wait_for_image_levels()
        canvas.finish_rendering()
        canvas.grab().save(args.screenshot)
        return 0
    window.show()
    canvas.setFocus(Qt.FocusReason.OtherFocusReason)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
