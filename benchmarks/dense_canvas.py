"""The annotation canvas on the dense frame: CVAT #3875's scale, doubled.

A 10,000×5,000 frame with 5,000 polygons of 20 points and 5,000 rectangles (annodesk.workspace.synthetic, fixed
seed) in a 1280×800 canvas, offscreen:

1. first full paint: frame and objects handed over → every object painted crisp at the fit;
2. the scripted 10 s pan and zoom gesture (benchmarks/canvas_gesture.py, 600 steps at 60 a second, the event loop
   running between them): each step sets the view and ``repaint()``s; the time of each paint is a frame. Between
   phases the gesture pauses, the view settles and the objects are redrawn crisp (in chunks): that redraw and its
   longest chunk are reported on their own. The floor is the same gesture over the bare frame (no objects), in the
   same run;
3. hover and selection: a mouse move (or click) → the event handled and the canvas repainted, p99;
4. memory per loaded object (RSS growth over drawables, scene, index and cached polygons); a vertex of one polygon
   dragged at 2× through ``update_drawables`` (floor: that polygon alone on the frame); the cost of a
   brightness/contrast/saturation step;
5. the design alternative, measured: QGraphicsView with one item per object over the same image pyramid;
6. the peer: labelme's own canvas (PyQt5, in a subprocess: benchmarks/probes/labelme_canvas.py) through the same
   views, if ``labelme`` is installed (the ``bench`` extra).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/dense_canvas.py [--runs 3] [--no-peer]``.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib.util
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import psutil
from canvas_gesture import FPS, percentile, phases
from harness import Check, Figure, Stat, run_probe
from PySide6.QtCore import QEvent, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QMouseEvent, QPainter, QPen, QPolygonF, QTransform
from PySide6.QtWidgets import QApplication, QGraphicsScene, QGraphicsView

from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.ui.workspace.canvas_demo import synthetic_image
from annodesk.ui.workspace.image_pyramid import ImagePyramid
from annodesk.ui.workspace.viewport import Viewport
from annodesk.workspace.drawables import ShapeKind
from annodesk.workspace.geometry import hits
from annodesk.workspace.scene import FrameScene
from annodesk.workspace.synthetic import DENSE_HEIGHT, DENSE_WIDTH, dense_drawables

WIDGET_W, WIDGET_H = 1280, 800


def ms(seconds: float) -> float:
    return seconds * 1000.0


def settle(app: QApplication, canvas: AnnotationCanvas) -> tuple[float, float, float]:
    """Let the gesture settle and the crisp redraw finish, as the event loop would; (redraw s, longest chunk s wall,
    and in CPU time)."""
    deadline = time.perf_counter() + 30
    while (canvas.is_interacting() or not canvas.rendering_complete()) and time.perf_counter() < deadline:
        app.processEvents()
        canvas.repaint()  # a paint starts the redraw once settled
        time.sleep(0.002)
    return canvas.last_layer_seconds, canvas.last_layer_longest_chunk, canvas.last_layer_longest_chunk_cpu


def gesture(app: QApplication, canvas: AnnotationCanvas) -> dict[str, Any]:
    """The scripted gesture: frame times during it, redraw times at its pauses."""
    canvas.fit_to_view()
    settle(app, canvas)
    frames: list[float] = []
    cpu: list[float] = []
    redraws: list[float] = []
    chunks: list[float] = []
    chunks_cpu: list[float] = []
    for _name, views in phases(DENSE_WIDTH, DENSE_HEIGHT, canvas.width(), canvas.height()):
        tick = time.perf_counter()
        for scale, dx, dy in views:
            canvas.set_viewport(Viewport(scale, dx, dy), gesture=True)
            started, started_cpu = time.perf_counter(), time.thread_time()
            canvas.repaint()
            frames.append(time.perf_counter() - started)
            cpu.append(time.thread_time() - started_cpu)
            tick += 1 / FPS
            while time.perf_counter() < tick:  # the event loop between two input events, as in real use
                app.processEvents()
                time.sleep(0.0005)
        redraw, chunk, chunk_cpu = settle(app, canvas)
        redraws.append(redraw)
        chunks.append(chunk)
        chunks_cpu.append(chunk_cpu)
    return {"frames": frames, "cpu": cpu, "redraws": redraws, "chunks": chunks, "chunks_cpu": chunks_cpu}


def first_paint(app: QApplication, canvas: AnnotationCanvas, image, drawables) -> tuple[float, float]:
    """(frame and objects painted crisp, the frame's mip levels built in the background): seconds from hand-over."""
    started = time.perf_counter()
    canvas.set_frame(image, QSizeF(DENSE_WIDTH, DENSE_HEIGHT))
    canvas.set_drawables(drawables)
    canvas.fit_to_view()
    canvas.finish_rendering()
    canvas.repaint()
    painted = time.perf_counter() - started
    canvas.wait_for_image_levels()
    return painted, time.perf_counter() - started


def pointer_response(app: QApplication, canvas: AnnotationCanvas, drawables, count: int = 300) -> dict[str, list]:
    """Mouse move → hover handled and painted; click → selection handled and painted (seconds)."""
    rng = random.Random(11)
    hover: list[float] = []
    select: list[float] = []
    hover_cpu: list[float] = []
    select_cpu: list[float] = []
    changed = 0
    for _ in range(count):
        target = drawables[rng.randrange(len(drawables))]
        left, top, right, bottom = target.bounds()
        position = canvas.map_from_image(QPointF((left + right) / 2, (top + bottom) / 2))
        if not QRectF(canvas.rect()).contains(position):
            position = QPointF(rng.uniform(0, canvas.width()), rng.uniform(0, canvas.height()))
        global_position = canvas.mapToGlobal(position)
        before_hover, paints = canvas.hovered_id(), canvas.paint_count
        move = QMouseEvent(
            QEvent.Type.MouseMove,
            position,
            global_position,
            Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        started, started_cpu = time.perf_counter(), time.thread_time()
        QApplication.sendEvent(canvas, move)
        app.processEvents()
        hover.append(time.perf_counter() - started)
        hover_cpu.append(time.thread_time() - started_cpu)
        if canvas.hovered_id() != before_hover:
            changed += canvas.paint_count > paints
        press = QMouseEvent(
            QEvent.Type.MouseButtonPress,
            position,
            global_position,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
        )
        release = QMouseEvent(
            QEvent.Type.MouseButtonRelease,
            position,
            global_position,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier,
        )
        started, started_cpu = time.perf_counter(), time.thread_time()
        QApplication.sendEvent(canvas, press)
        QApplication.sendEvent(canvas, release)
        app.processEvents()
        select.append(time.perf_counter() - started)
        select_cpu.append(time.thread_time() - started_cpu)
    return {
        "hover": hover,
        "select": select,
        "hover_cpu": hover_cpu,
        "select_cpu": select_cpu,
        "hover_changes_painted": changed,
    }


def hit_index_cost(drawables, count: int = 500) -> dict[str, list[float]]:
    """Picking under a point at the fit's tolerance (6 px at 0.128× ≈ 47 image px): the grid against a scan of every
    object's bounds (seconds per query); and culling the view at 2× (a 640×400 image rectangle)."""
    scene = FrameScene(drawables)
    rng = random.Random(5)
    tolerance = 6.0 / 0.128
    grid: list[float] = []
    scan: list[float] = []
    for _ in range(count):
        x, y = rng.uniform(0, DENSE_WIDTH), rng.uniform(0, DENSE_HEIGHT)
        started = time.perf_counter()
        found = scene.topmost_at(x, y, tolerance)
        grid.append(time.perf_counter() - started)
        started = time.perf_counter()
        candidates = [
            i
            for i, (left, top, right, bottom) in scene.bounds.items()
            if left - tolerance <= x <= right + tolerance and top - tolerance <= y <= bottom + tolerance
        ]
        best = None
        for i in sorted(candidates, key=scene.rank.__getitem__, reverse=True):
            if scene.drawables[i].selectable and hits(scene.drawables[i], x, y, tolerance):
                best = scene.drawables[i]
                break
        scan.append(time.perf_counter() - started)
        assert best == found
    cull: list[float] = []
    for _ in range(count // 5):
        x, y = rng.uniform(0, DENSE_WIDTH - 640), rng.uniform(0, DENSE_HEIGHT - 400)
        started = time.perf_counter()
        scene.in_rect((x, y, x + 640, y + 400))
        cull.append(time.perf_counter() - started)
    return {"grid": grid, "scan": scan, "cull": cull}


class PyramidGraphicsView(QGraphicsView):
    """QGraphicsView with one item per object, over the same image pyramid (the alternative to our widget)."""

    def __init__(self, pyramid: ImagePyramid) -> None:
        super().__init__()
        self.pyramid = pyramid
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        self.pyramid.draw(painter, rect, self.transform().m11(), smooth=True)


def graphics_view_gesture(app: QApplication, image, drawables, max_seconds: float) -> dict[str, Any]:
    scene = QGraphicsScene()
    scene.setSceneRect(-DENSE_WIDTH, -DENSE_HEIGHT, 3 * DENSE_WIDTH, 3 * DENSE_HEIGHT)
    for drawable in drawables:
        pen = QPen(QColor(drawable.color), 2)
        pen.setCosmetic(True)
        if drawable.occluded:
            pen.setDashPattern([3.0, 3.0])
        fill = QColor(drawable.color)
        fill.setAlphaF(0.03)
        pts = drawable.points
        if drawable.kind is ShapeKind.RECTANGLE:
            item = scene.addRect(QRectF(QPointF(pts[0], pts[1]), QPointF(pts[2], pts[3])), pen, QBrush(fill))
        else:
            polygon = QPolygonF([QPointF(pts[i], pts[i + 1]) for i in range(0, len(pts), 2)])
            item = scene.addPolygon(polygon, pen, QBrush(fill))
        item.setZValue(drawable.z_order)
    view = PyramidGraphicsView(ImagePyramid(image, QSizeF(DENSE_WIDTH, DENSE_HEIGHT)))
    view.setScene(scene)
    view.resize(WIDGET_W, WIDGET_H)
    view.show()
    app.processEvents()
    frames: list[float] = []
    started_all = time.perf_counter()
    for _name, views in phases(DENSE_WIDTH, DENSE_HEIGHT, WIDGET_W, WIDGET_H):
        for scale, dx, dy in views[::4]:  # every 4th step: this alternative is slow
            view.setTransform(QTransform.fromScale(scale, scale))
            view.centerOn((WIDGET_W / 2 - dx) / scale, (WIDGET_H / 2 - dy) / scale)
            started = time.perf_counter()
            view.viewport().repaint()
            frames.append(time.perf_counter() - started)
            if time.perf_counter() - started_all > max_seconds:
                break
        if time.perf_counter() - started_all > max_seconds:
            break
    view.close()
    return {"frames": frames}


def adjustment_cost(canvas: AnnotationCanvas) -> dict[str, list[float]]:
    """A brightness/contrast/saturation step (CVAT's keys: ±10 %) → the frame repainted, at the fit and at 1:1;
    then a repaint with the adjusted tiles cached (seconds)."""
    result: dict[str, list[float]] = {"fit": [], "1:1": [], "cached": []}
    for view in ("fit", "1:1"):
        canvas.fit_to_view() if view == "fit" else canvas.zoom_actual_size()
        for step in range(1, 6):
            started = time.perf_counter()
            canvas.set_adjustments(brightness=1 + step / 10, contrast=1.1, saturation=0.8)
            canvas.repaint()
            result[view].append(time.perf_counter() - started)
        started = time.perf_counter()
        canvas.repaint()
        result["cached"].append(time.perf_counter() - started)
    canvas.set_adjustments()
    return result


def vertex_drag(app: QApplication, canvas: AnnotationCanvas, drawables, steps: int = 120) -> dict[str, list[float]]:
    """Drag one vertex of a 20-point polygon, 120 steps: ``update_drawables`` + repaint each (seconds; wall, CPU).

    The ground for issue 15's editing; the floor is the same drag with that polygon alone on the frame."""
    target = next(d for d in drawables if d.kind is ShapeKind.POLYGON and 4000 < d.points[0] < 6000)
    canvas.set_drawables(drawables)
    left, top, right, bottom = target.bounds()
    centre_x, centre_y = (left + right) / 2, (top + bottom) / 2
    canvas.set_viewport(Viewport(2.0, canvas.width() / 2 - 2 * centre_x, canvas.height() / 2 - 2 * centre_y))
    canvas.finish_rendering()
    canvas.repaint()
    wall: list[float] = []
    cpu: list[float] = []
    points = list(target.points)
    for step in range(steps):
        points[0] += 1.5
        points[1] += 0.75 if step % 2 else -0.5
        moved = dataclasses.replace(target, points=tuple(points))
        started, started_cpu = time.perf_counter(), time.thread_time()
        canvas.update_drawables([moved])
        canvas.repaint()
        wall.append(time.perf_counter() - started)
        cpu.append(time.thread_time() - started_cpu)
    return {"wall": wall, "cpu": cpu}


def memory_per_object(app: QApplication, canvas: AnnotationCanvas) -> dict[str, float]:
    process = psutil.Process()
    canvas.set_drawables([])
    canvas.wait_for_image_levels()
    canvas.repaint()
    gc.collect()
    before = process.memory_info().rss
    drawables = dense_drawables()
    canvas.set_drawables(drawables)
    canvas.fit_to_view()
    canvas.finish_rendering()  # every polygon built and cached
    gc.collect()
    after = process.memory_info().rss
    return {"bytes_per_object": (after - before) / len(drawables), "objects": len(drawables)}


def summary(frames: list[float]) -> dict[str, float]:
    return {
        "p50": ms(percentile(frames, 0.5)),
        "p99": ms(percentile(frames, 0.99)),
        "max": ms(max(frames)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-peer", action="store_true", help="skip labelme's canvas")
    parser.add_argument("--no-graphics-view", action="store_true", help="skip the QGraphicsView alternative")
    parser.add_argument("--peer-seconds", type=float, default=60.0, help="time budget for each slow alternative")
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    started = time.perf_counter()
    image = synthetic_image(DENSE_WIDTH, DENSE_HEIGHT)
    drawables = dense_drawables()
    print(f"dense frame made in {time.perf_counter() - started:.1f} s: {len(drawables):,} objects")

    first: list[tuple[float, float]] = []
    ours: list[dict[str, Any]] = []
    bare: list[dict[str, Any]] = []
    pointer: list[dict[str, Any]] = []
    for _run in range(args.runs):
        canvas = AnnotationCanvas()
        canvas.resize(WIDGET_W, WIDGET_H)
        canvas.show()
        app.processEvents()
        first.append(first_paint(app, canvas, image, drawables))
        ours.append(gesture(app, canvas))
        canvas.fit_to_view()
        settle(app, canvas)
        pointer.append(pointer_response(app, canvas, drawables))
        canvas.set_drawables([])
        bare.append(gesture(app, canvas))
        canvas.close()
        canvas.deleteLater()
        app.processEvents()

    figures: list[Figure] = []
    figure = Figure("first_paint", "1. dense frame handed over → every object painted crisp (fit, 1280×800)", "ms")
    figure.measured["frame + 10,000 objects"] = Stat.of([ms(s[0]) for s in first])
    figure.measured["mip levels ready (worker thread)"] = Stat.of([ms(s[1]) for s in first])
    figures.append(figure)

    ours_sum = [summary(r["frames"]) for r in ours]
    bare_sum = [summary(r["frames"]) for r in bare]
    ours_cpu = [summary(r["cpu"]) for r in ours]
    bare_cpu = [summary(r["cpu"]) for r in bare]
    figure = Figure(
        "gesture",
        "2. 10 s pan and zoom gesture, frame time (600 paints; wall, and CPU of the GUI thread)",
        "ms",
        digits=2,
    )
    for key in ("p50", "p99", "max"):
        figure.measured[f"{key}, 10,000 objects"] = Stat.of([s[key] for s in ours_sum])
    for key in ("p50", "p99", "max"):
        figure.measured[f"{key} CPU, 10,000 objects"] = Stat.of([s[key] for s in ours_cpu])
    for key in ("p50", "p99", "max"):
        figure.floors[f"{key}, bare frame"] = Stat.of([s[key] for s in bare_sum])
    for key in ("p50", "p99", "max"):
        figure.floors[f"{key} CPU, bare frame"] = Stat.of([s[key] for s in bare_cpu])
    p99 = Stat.of([s["p99"] for s in ours_sum]).median
    p99_bare = Stat.of([s["p99"] for s in bare_sum]).median
    p99_cpu = Stat.of([s["p99"] for s in ours_cpu]).median
    p99_cpu_bare = Stat.of([s["p99"] for s in bare_cpu]).median
    figure.checks.append(Check("p99 with objects", p99, "<=", 16, "ms"))
    figure.checks.append(Check("p99 ÷ bare p99", p99 / p99_bare, "<=", 1.5))
    figure.checks.append(Check("p99 CPU with objects", p99_cpu, "<=", 16, "ms"))
    figure.checks.append(Check("p99 CPU ÷ bare p99 CPU", p99_cpu / p99_cpu_bare, "<=", 1.5))
    figure.notes.append("CPU: time.thread_time() around each paint; wall minus CPU is time the OS gave to others")
    redraws = [ms(x) for r in ours for x in r["redraws"]]
    chunks = [ms(x) for r in ours for x in r["chunks"]]
    chunks_cpu = [ms(x) for r in ours for x in r["chunks_cpu"]]
    figure.notes.append(
        f"crisp redraw when a phase settles (chunked): median {percentile(redraws, 0.5):.0f} ms, "
        f"max {max(redraws):.0f} ms of work; longest chunk (GUI thread held) {max(chunks):.1f} ms wall, "
        f"{max(chunks_cpu):.1f} ms CPU"
    )
    figures.append(figure)

    hover = [ms(x) for p in pointer for x in p["hover"]]
    select = [ms(x) for p in pointer for x in p["select"]]
    figure = Figure("pointer", "3. hover and selection at the fit: event → handled and repainted", "ms", digits=2)
    figure.measured["hover (mouse move)"] = Stat.of([percentile(hover, q) for q in (0.5, 0.99)])
    figure.measured["select (click)"] = Stat.of([percentile(select, q) for q in (0.5, 0.99)])
    hover_cpu = [ms(x) for p in pointer for x in p["hover_cpu"]]
    select_cpu = [ms(x) for p in pointer for x in p["select_cpu"]]
    figure.measured["hover CPU"] = Stat.of([percentile(hover_cpu, q) for q in (0.5, 0.99)])
    figure.measured["select CPU"] = Stat.of([percentile(select_cpu, q) for q in (0.5, 0.99)])
    figure.checks.append(Check("hover p99", percentile(hover, 0.99), "<=", 8, "ms"))
    figure.checks.append(Check("selection p99", percentile(select, 0.99), "<=", 8, "ms"))
    figure.checks.append(Check("hover p99 CPU", percentile(hover_cpu, 0.99), "<=", 8, "ms"))
    figure.checks.append(Check("selection p99 CPU", percentile(select_cpu, 0.99), "<=", 8, "ms"))
    figure.notes.append("rows: (p50, p99) as min/max; hover changes that led to a paint: ")
    figure.notes[-1] += ", ".join(str(p["hover_changes_painted"]) for p in pointer)
    index = hit_index_cost(drawables)
    figure.notes.append(
        f"picking alone: spatial grid p50 {ms(percentile(index['grid'], 0.5)) * 1000:.0f} µs, "
        f"p99 {ms(percentile(index['grid'], 0.99)) * 1000:.0f} µs; scanning every object's bounds p50 "
        f"{ms(percentile(index['scan'], 0.5)) * 1000:.0f} µs, p99 {ms(percentile(index['scan'], 0.99)) * 1000:.0f} µs; "
        f"culling a 2× view: p50 {ms(percentile(index['cull'], 0.5)) * 1000:.0f} µs"
    )
    figures.append(figure)

    canvas = AnnotationCanvas()
    canvas.resize(WIDGET_W, WIDGET_H)
    canvas.show()
    canvas.set_frame(image, QSizeF(DENSE_WIDTH, DENSE_HEIGHT))
    memory = memory_per_object(app, canvas)
    figure = Figure("memory", "4. memory per loaded object (RSS growth: drawable, scene, index, cached polygon)", "B")
    figure.measured["per object"] = Stat.of([memory["bytes_per_object"]])
    figures.append(figure)
    dense_drag = vertex_drag(app, canvas, drawables)
    alone = next(d for d in drawables if d.kind is ShapeKind.POLYGON and 4000 < d.points[0] < 6000)
    alone_drag = vertex_drag(app, canvas, [alone])
    figure = Figure(
        "edit", "4b. a vertex of a 20-point polygon dragged at 2× (update_drawables + repaint)", "ms", digits=2
    )
    for key, fraction in (("p50", 0.5), ("p99", 0.99)):
        figure.measured[f"{key}, dense frame"] = Stat.of([ms(percentile(dense_drag["wall"], fraction))])
        figure.measured[f"{key} CPU, dense frame"] = Stat.of([ms(percentile(dense_drag["cpu"], fraction))])
    for key, fraction in (("p50", 0.5), ("p99", 0.99)):
        figure.floors[f"{key}, the polygon alone"] = Stat.of([ms(percentile(alone_drag["wall"], fraction))])
        figure.floors[f"{key} CPU, the polygon alone"] = Stat.of([ms(percentile(alone_drag["cpu"], fraction))])
    figure.checks.append(
        Check(
            "p99 CPU ÷ alone",
            percentile(dense_drag["cpu"], 0.99) / percentile(alone_drag["cpu"], 0.99),
            "<=",
            1.5,
        )
    )
    figures.append(figure)
    canvas.set_drawables(drawables)
    adjusted = adjustment_cost(canvas)
    figure = Figure("adjust", "4c. a brightness/contrast/saturation step → frame repainted (adjusted tiles)", "ms")
    figure.measured["at the fit (level 2 tiles)"] = Stat.of([ms(x) for x in adjusted["fit"]])
    figure.measured["at 1:1 (level 0 tiles)"] = Stat.of([ms(x) for x in adjusted["1:1"]])
    figure.measured["repaint, tiles cached"] = Stat.of([ms(x) for x in adjusted["cached"]])
    figures.append(figure)
    canvas.close()

    if not args.no_graphics_view:
        alternative = graphics_view_gesture(app, image, drawables, args.peer_seconds)
        figure = Figure("graphics_view", "5. the alternative: QGraphicsView, one item per object, same gesture", "ms")
        stats = summary(alternative["frames"])
        for key in ("p50", "p99", "max"):
            figure.measured[f"{key}, QGraphicsView"] = Stat.of([stats[key]])
        figure.notes.append(f"{len(alternative['frames'])} paints (every 4th step, ≤ {args.peer_seconds:g} s)")
        figure.checks.append(Check("QGraphicsView p99 ÷ canvas p99", stats["p99"] / p99, ">=", 1))
        figures.append(figure)

    figure = Figure("peer", "6. peer: labelme's canvas (PyQt5), same frame and views", "ms")
    if args.no_peer:
        figure.notes.append("skipped (--no-peer)")
    elif importlib.util.find_spec("labelme") is None:
        figure.notes.append("labelme is not installed (pip install -e '.[bench]')")
    else:
        try:
            peer = run_probe("labelme_canvas", str(args.peer_seconds), timeout=args.peer_seconds * 4 + 300)
        except RuntimeError as error:
            figure.notes.append(f"labelme's canvas failed: {str(error)[-300:]}")
        else:
            figure.measured["first paint, labelme"] = Stat.of([peer["first_paint_ms"]])
            stats = summary([f / 1000 for f in peer["frames_ms"]])
            for key in ("p50", "p99", "max"):
                figure.measured[f"{key}, labelme"] = Stat.of([stats[key]])
            figure.notes.append(
                f"labelme {peer['version']}: {len(peer['frames_ms'])} paints of the gesture's steps "
                f"(every {peer['stride']}th, within {args.peer_seconds:g} s)"
            )
            figure.checks.append(Check("labelme p99 ÷ annodesk p99", stats["p99"] / p99, ">=", 1))
    figures.append(figure)

    for figure in figures:
        figure.print()
    print(f"\nload average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
