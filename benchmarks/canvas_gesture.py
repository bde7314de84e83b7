"""The scripted 10 s pan and zoom gesture of benchmarks/dense_canvas.py, as plain numbers (no Qt).

Five phases of 2 s at 60 steps a second: zoom in at a point from the fit to 2×, pan at 2×, zoom out past the fit,
pan there, zoom in at another point to 0.5×. Each step is a view (scale, dx, dy): widget = image × scale + (dx, dy).
Shared with the labelme probe so both canvases go through the same views.
"""

from __future__ import annotations

FPS = 60
PHASE_SECONDS = 2.0

View = tuple[float, float, float]


def fit(image_w: float, image_h: float, widget_w: float, widget_h: float) -> View:
    scale = min(widget_w / image_w, widget_h / image_h)
    return scale, (widget_w - image_w * scale) / 2, (widget_h - image_h * scale) / 2


def _zoom(view: View, target: float, anchor: tuple[float, float], steps: int) -> list[View]:
    scale, dx, dy = view
    factor = (target / scale) ** (1 / steps)
    out = []
    for _ in range(steps):
        new = scale * factor
        dx = anchor[0] - (anchor[0] - dx) / scale * new
        dy = anchor[1] - (anchor[1] - dy) / scale * new
        scale = new
        out.append((scale, dx, dy))
    return out


def _pan(view: View, step: tuple[float, float], steps: int) -> list[View]:
    scale, dx, dy = view
    return [(scale, dx + step[0] * (i + 1), dy + step[1] * (i + 1)) for i in range(steps)]


def phases(image_w: float, image_h: float, widget_w: float, widget_h: float) -> list[tuple[str, list[View]]]:
    """The gesture's phases: (name, views)."""
    steps = int(FPS * PHASE_SECONDS)
    start = fit(image_w, image_h, widget_w, widget_h)
    result: list[tuple[str, list[View]]] = []
    zoom_in = _zoom(start, 2.0, (0.3 * widget_w, 0.4 * widget_h), steps)
    result.append(("zoom in to 2×", zoom_in))
    pan = _pan(zoom_in[-1], (-7.0, -4.0), steps)
    result.append(("pan at 2×", pan))
    zoom_out = _zoom(pan[-1], start[0] * 0.9, (0.5 * widget_w, 0.5 * widget_h), steps)
    result.append(("zoom out past the fit", zoom_out))
    pan_out = _pan(zoom_out[-1], (3.0, 2.0), steps)
    result.append(("pan zoomed out", pan_out))
    result.append(("zoom in to 0.5×", _zoom(pan_out[-1], 0.5, (0.7 * widget_w, 0.6 * widget_h), steps)))
    return result


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]
