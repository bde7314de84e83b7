"""The annotation canvas: one frame and its objects, zoom and pan, hover and selection.

A plain QWidget with its own paint (chosen over QGraphicsView by measurement, benchmarks/dense_canvas.py): one
pass over a spatial index culls 10,000 objects to the visible ones, and objects are drawn from immutable
:class:`~annodesk.workspace.drawables.Drawable` values with no per-object QGraphicsItem.

Painting is layered:

1. the frame, from an :class:`ImagePyramid` (mip levels; adjusted tiles for brightness/contrast/saturation);
2. the objects, rendered crisp into an *overlay layer* (widget size plus a margin, so a pan shows objects at once)
   for one scale. A pan only moves the layer (whole pixels: still crisp); moved past half its margin, a new one is
   rendered between events while the old one stands in. During a zoom the last layer is scaled, and rendered
   crisp again when the gesture settles. Rendering runs in chunks of a few milliseconds (the first inside the
   paint, the rest between events), so input is never held long. An overview of every object at a coarse
   scale, rendered when idle, fills what a moved or zoomed-out layer leaves bare;
3. the hovered and selected objects, their texts, the pixel grid and the active tool, drawn directly each paint.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, QSizeF, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QRegion,
    QResizeEvent,
    QTransform,
    QWheelEvent,
)
from PySide6.QtWidgets import QWidget
from shiboken6 import Shiboken

from annodesk.ui.workspace.image_pyramid import Adjustments, ImagePyramid
from annodesk.ui.workspace.shape_painter import HOVERED, SELECTED, OverlayStyle, ShapePainter
from annodesk.ui.workspace.viewport import Viewport, clamp_scale
from annodesk.workspace.drawables import ColorMode, Drawable
from annodesk.workspace.scene import FrameScene
from annodesk.workspace.spatial import Bounds

WHEEL_STEP = 6 / 5  # CVAT's zoom per wheel notch
SETTLE_MS = 150  # a gesture is over after this long without a view change
LAYER_MARGIN = 256  # overlay pixels rendered beyond each widget edge
CHUNK_SECONDS = 0.006  # overlay rendering works in chunks this long: the first in the paint, the rest between events
PICK_TOLERANCE = 6.0  # widget pixels around lines and points that still pick them
OVERVIEW_SIDE = 2048  # the overview's longer side, at most
GRID_MIN_SCALE = 8.0  # the pixel grid shows from this zoom on
BACKGROUND = QColor(48, 48, 48)


class CanvasTool(Protocol):
    """An interaction mode (drawing, editing: the next issue) that sees input before the canvas does.

    Each handler returns True when it consumed the event. ``paint`` draws the tool's own marks with the painter in
    widget coordinates (the canvas's ``viewport`` maps them).
    """

    def mouse_press(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool: ...
    def mouse_move(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool: ...
    def mouse_release(self, canvas: AnnotationCanvas, event: QMouseEvent, image_pos: QPointF) -> bool: ...
    def key_press(self, canvas: AnnotationCanvas, event: QKeyEvent) -> bool: ...
    def paint(self, canvas: AnnotationCanvas, painter: QPainter) -> None: ...


@dataclass
class _Layer:
    """Objects rendered for one view and one version of the scene and style; ``position`` counts done ones."""

    image: QImage
    viewport: Viewport
    version: int
    size: tuple[int, int]
    indices: list[int]
    position: int = 0
    texts_done: bool = False
    seconds: float = field(default=0.0)  # rendering time, all chunks
    longest_chunk: float = field(default=0.0)  # the longest the GUI thread was held at once (wall clock)
    longest_chunk_cpu: float = field(default=0.0)  # the same in CPU time of the GUI thread

    @property
    def complete(self) -> bool:
        return self.position >= len(self.indices) and self.texts_done


class AnnotationCanvas(QWidget):
    """Shows one frame (at its meta size) and its drawables; emits what is hovered, selected and pointed at."""

    hovered = Signal(object)  # drawable id or None
    selected = Signal(object)  # drawable id or None
    cursorMoved = Signal(float, float)  # image coordinates under the mouse
    viewChanged = Signal()
    spaceTapped = Signal()  # Space pressed and released with no pan in between (CVAT: play / pause)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setMinimumSize(64, 64)
        self._pyramid: ImagePyramid | None = None
        self._meta_size = QSizeF()
        self._scene = FrameScene(())
        self._style = OverlayStyle()
        self._painter = ShapePainter(self._style)
        self._version = 0  # bumps on any change of what the overlay layer shows
        self._viewport = Viewport()
        self._fitted = True  # follow the widget's size with a fit until the user zooms or pans
        self._layer: _Layer | None = None
        self._pending: _Layer | None = None
        # All objects at a coarse scale (≤ 2,048 px a side), rendered when idle: stands in where a moved or scaled
        # layer leaves the widget uncovered during a gesture.
        self._overview: _Layer | None = None
        self._overview_pending: _Layer | None = None
        self._hovered_id: int | None = None
        self._selected_id: int | None = None
        self._adjust = Adjustments()
        self._pixel_grid = False
        self._tool: CanvasTool | None = None
        self._interacting = False
        self._zooming = False
        self._settle = _single_shot(self, SETTLE_MS, self._settled)
        self._chunk_timer = _single_shot(self, 0, self._render_chunk)
        self._pan_from: QPointF | None = None
        self._pan_moved = False
        self._space_held = False
        self._space_panned = False  # a pan ran while Space was held: its release is no tap
        self.last_layer_seconds = 0.0  # how long the last complete overlay layer took to render (benchmarks)
        self.last_layer_longest_chunk = 0.0
        self.last_layer_longest_chunk_cpu = 0.0
        self.paint_count = 0
        self.layers_rendered = 0  # complete overlay renderings so far (tests, benchmarks)

    # -- content ------------------------------------------------------------------------------------------------

    def set_frame(self, image: QImage | None, meta_size: QSizeF | None = None) -> None:
        """Show ``image`` stretched to ``meta_size`` (the frame's size in the task's meta; default: the image's).

        Compressed video chunks arrive downscaled: the canvas draws them at the meta size, so image coordinates
        are always the original frame's pixels.
        """
        had_size = QSizeF(self._meta_size)
        if image is None or image.isNull():
            if self._pyramid is not None:
                self._pyramid.cancel()
            self._pyramid = None
            self._meta_size = QSizeF(meta_size) if meta_size is not None else QSizeF()
        else:
            if self._pyramid is not None:
                self._pyramid.cancel()
            self._pyramid = ImagePyramid(image, meta_size)
            self._pyramid.set_adjustments(self.adjustments())
            self._pyramid.on_level = self._level_arrived
            self._meta_size = QSizeF(self._pyramid.meta_size)
        if self._fitted or had_size != self._meta_size:
            self.fit_to_view()
        if self._pyramid is not None:  # start the coarser levels now when this view already wants one
            wanted = self._pyramid.level_for(self.scale() / self._pyramid.source_scale_x)
            if wanted > 0:
                self._pyramid.build_levels(first=wanted)
        self.update()

    def _level_arrived(self, _level: int) -> None:
        if Shiboken.isValid(self):  # the widget may be gone while its last frame's levels still arrive
            self.update()

    def set_drawables(self, drawables: list[Drawable] | tuple[Drawable, ...]) -> None:
        """Replace the frame's objects. Hover and selection stay when their object is still there and selectable."""
        self._scene = FrameScene(drawables)
        self._painter.forget_shapes()
        self._invalidate_layer()
        if self._hovered_id is not None and not self._is_selectable(self._hovered_id):
            self._set_hovered(None)
        if self._selected_id is not None and self._scene.get(self._selected_id) is None:
            self.set_selected_id(None)

    def update_drawables(self, changed: Sequence[Drawable]) -> None:
        """Change objects on the frame (an edit, a drag): only the overlay around them is redrawn, so a vertex
        dragged on the dense frame costs a few objects, not all. Unknown ids are added on top of their z-order."""
        known = self._scene.index_of
        if self._style.show_all_text:
            merged = {d.id: d for d in self._scene.drawables}
            merged.update((d.id, d) for d in changed)
            self.set_drawables(list(merged.values()))
            return
        dirty: list[Bounds] = []
        on_top: list[int] = []  # new objects painted over everything: drawn onto the layers, nothing cleared
        for drawable in changed:
            if drawable.id not in known:  # a new object (drawn, pasted): on top of its z-order
                added = self._scene.add(drawable)
                if added is not None:
                    index = self._scene.index_of[drawable.id]
                    if self._scene.order and self._scene.order[-1] == index:
                        on_top.append(index)
                    else:
                        dirty.append(added)
                continue
            self._painter.forget(drawable.id)
            dirty.extend(b for b in self._scene.replace(drawable) if b is not None)
        if dirty and on_top:  # a repair would draw them too (twice over a translucent fill): repair them as well
            dirty.extend(self._scene.bounds[index] for index in on_top)
            on_top = []
        if self._pending is not None:
            self._invalidate_layer()  # a layer under way starts again with the new objects
        elif self._layer is not None and self._layer.version == self._version:
            self._repair_layer(self._layer, dirty, on_top)
        # The overview and one under way are repaired, not restarted: a drag that starts before the overview is
        # done would otherwise restart its 10,000 objects on every move (a chunk of it each event, never finished).
        for overview in (self._overview, self._overview_pending):
            if overview is not None and overview.version == self._version:
                self._repair_layer(overview, dirty, on_top)
        self._start_overview()
        if self._hovered_id is not None and not self._is_selectable(self._hovered_id):
            self._set_hovered(None)
        self.update()

    def _repair_layer(self, layer: _Layer, dirty: list[Bounds], on_top: Sequence[int] = ()) -> None:
        """Clear the layer around each of ``dirty`` (image bounds) and draw again what lies there; then draw the
        objects ``on_top`` (scene indices, last in paint order) over what the layer holds."""
        transform = self._layer_transform(layer)
        inverse, _ = transform.inverted()
        pad = self._style.point_size + self._style.emphasis_width * 2 + 2
        painter = QPainter(layer.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for left, top, right, bottom in dirty:
            rect = transform.mapRect(QRectF(left, top, right - left, bottom - top)).adjusted(-pad, -pad, pad, pad)
            painter.resetTransform()
            painter.setClipRect(rect)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_Clear)
            painter.fillRect(rect, Qt.GlobalColor.transparent)
            painter.setCompositionMode(QPainter.CompositionMode.CompositionMode_SourceOver)
            area = inverse.mapRect(rect)
            indices = self._scene.in_rect((area.left(), area.top(), area.right(), area.bottom()))
            painter.setTransform(transform)
            self._painter.draw_many(painter, self._scene.drawables, indices)
        if on_top:
            painter.setClipping(False)
            painter.setTransform(transform)
            self._painter.draw_many(painter, self._scene.drawables, on_top)
        painter.end()

    def drawables(self) -> tuple[Drawable, ...]:
        return tuple(self._scene.drawables)

    def drawable(self, drawable_id: int | None) -> Drawable | None:
        """The object with this id on the frame, as drawn now (tools read the selected one on every paint)."""
        return self._scene.get(drawable_id)

    def image_size(self) -> QSizeF:
        """The frame's meta size (image coordinates run over it)."""
        return QSizeF(self._meta_size)

    # -- looks ---------------------------------------------------------------------------------------------------

    def overlay_style(self) -> OverlayStyle:
        return self._style

    def set_overlay_style(self, style: OverlayStyle) -> None:
        if style != self._style:
            self._style = style
            self._painter = ShapePainter(style)
            self._invalidate_layer()

    def set_color_mode(self, mode: ColorMode) -> None:
        self.set_overlay_style(replace(self._style, color_mode=mode))

    def set_show_all_text(self, shown: bool) -> None:
        self.set_overlay_style(replace(self._style, show_all_text=shown))

    def set_show_attributes(self, shown: bool) -> None:
        self.set_overlay_style(replace(self._style, show_attributes=shown))

    def set_fill_opacity(self, opacity: float, selected: float | None = None) -> None:
        chosen = self._style.selected_fill_opacity if selected is None else selected
        self.set_overlay_style(replace(self._style, fill_opacity=opacity, selected_fill_opacity=chosen))

    def adjustments(self) -> Adjustments:
        return self._adjust

    def set_adjustments(self, brightness: float = 1.0, contrast: float = 1.0, saturation: float = 1.0) -> None:
        """Brightness, contrast and saturation factors (1.0 = as decoded), like CVAT's CSS filters."""
        self._adjust = Adjustments(brightness, contrast, saturation)
        if self._pyramid is not None:
            self._pyramid.set_adjustments(self._adjust)
        self.update()

    def set_pixel_grid(self, shown: bool) -> None:
        """A grid on pixel edges, drawn from 8× zoom on."""
        self._pixel_grid = shown
        self.update()

    def pixel_grid(self) -> bool:
        return self._pixel_grid

    def set_tool(self, tool: CanvasTool | None) -> None:
        self._tool = tool
        self.update()

    def tool(self) -> CanvasTool | None:
        return self._tool

    def is_panning(self) -> bool:
        """A mouse pan (middle drag, Space+drag, drag on empty space) is under way: tools leave the mouse alone."""
        return self._pan_from is not None

    def space_held(self) -> bool:
        """Space is down: a left drag pans instead of drawing or editing."""
        return self._space_held

    # -- view ----------------------------------------------------------------------------------------------------

    def viewport(self) -> Viewport:
        return self._viewport

    def scale(self) -> float:
        return self._viewport.scale

    def set_viewport(self, viewport: Viewport, gesture: bool = False) -> None:
        """Show the image through ``viewport``; ``gesture``: part of a continuous pan or zoom by the user."""
        viewport = Viewport(clamp_scale(viewport.scale), viewport.dx, viewport.dy)
        if viewport == self._viewport:
            return
        zooming = viewport.scale != self._viewport.scale
        self._viewport = viewport
        if gesture:
            self._interacting = True
            if zooming:  # a scaled copy of the layer stands in until the gesture settles
                self._zooming = True
                self._pending = None
                self._chunk_timer.stop()
            self._settle.start()
        self.update()
        self.viewChanged.emit()

    def zoom_at(self, factor: float, anchor: QPointF, gesture: bool = True) -> None:
        """Multiply the zoom by ``factor`` keeping the image point under widget point ``anchor`` still."""
        self._fitted = False
        self.set_viewport(self._viewport.zoomed(self._viewport.scale * factor, anchor), gesture)

    def pan_by(self, dx: float, dy: float, gesture: bool = True) -> None:
        """Move the image by (dx, dy) widget pixels."""
        self._fitted = False
        self.set_viewport(self._viewport.panned(dx, dy), gesture)

    def fit_to_view(self) -> None:
        """The whole frame, centred (CVAT's fit)."""
        self._fitted = True
        if not self._meta_size.isEmpty():
            frame = QRectF(0, 0, self._meta_size.width(), self._meta_size.height())
            self.set_viewport(Viewport.fitting(frame, QSizeF(self.size())))

    def zoom_actual_size(self) -> None:
        """1:1 (one image pixel per screen pixel), keeping the image point at the widget's centre in place."""
        self._fitted = False
        centre = QPointF(self.width() / 2, self.height() / 2)
        self.set_viewport(self._viewport.zoomed(1.0, centre))

    def zoom_to_selection(self, margin: float = 40.0) -> bool:
        """Show the selected object whole, centred, at most at 8×; False when nothing is selected."""
        drawable = self._scene.get(self._selected_id)
        if drawable is None:
            return False
        left, top, right, bottom = drawable.bounds()
        box = QRectF(left, top, max(right - left, 1.0), max(bottom - top, 1.0))
        self._fitted = False
        self.set_viewport(Viewport.fitting(box, QSizeF(self.size()), margin, max_scale=8.0))
        return True

    def map_to_image(self, widget_pos: QPointF) -> QPointF:
        return self._viewport.to_image(widget_pos)

    def map_from_image(self, image_pos: QPointF) -> QPointF:
        return self._viewport.to_widget(image_pos.x(), image_pos.y())

    def is_interacting(self) -> bool:
        """A pan or zoom gesture is under way (the overlay is a moved copy until it settles)."""
        return self._interacting

    def _settled(self) -> None:
        self._interacting = False
        self._zooming = False
        self.update()

    # -- hover and selection ----------------------------------------------------------------------------------------

    def hovered_id(self) -> int | None:
        return self._hovered_id

    def selected_id(self) -> int | None:
        return self._selected_id

    def object_at(self, widget_pos: QPointF) -> int | None:
        """The topmost selectable object at ``widget_pos`` (lines and points within a few pixels)."""
        image_pos = self._viewport.to_image(widget_pos)
        found = self._scene.topmost_at(image_pos.x(), image_pos.y(), PICK_TOLERANCE / self._viewport.scale)
        return found.id if found is not None else None

    def set_selected_id(self, drawable_id: int | None) -> None:
        """Select an object (e.g. from the objects panel); emits ``selected`` when it changes."""
        if drawable_id is not None and self._scene.get(drawable_id) is None:
            drawable_id = None
        if drawable_id == self._selected_id:
            return
        old = self._selected_id
        self._selected_id = drawable_id
        self._update_objects(old, drawable_id)
        self.selected.emit(drawable_id)

    def select_next(self, backwards: bool = False) -> int | None:
        """Tab / Shift+Tab: the next or previous selectable object, wrapping around."""
        found = self._scene.cycle(self._selected_id, backwards)
        self.set_selected_id(found.id if found is not None else None)
        return self._selected_id

    def _is_selectable(self, drawable_id: int) -> bool:
        drawable = self._scene.get(drawable_id)
        return drawable is not None and drawable.selectable

    def _set_hovered(self, drawable_id: int | None) -> None:
        if drawable_id == self._hovered_id:
            return
        old = self._hovered_id
        self._hovered_id = drawable_id
        self._update_objects(old, drawable_id)
        self.hovered.emit(drawable_id)

    def _object_region(self, drawable_id: int | None) -> QRect:
        drawable = self._scene.get(drawable_id)
        if drawable is None or not drawable.visible:
            return QRect()
        left, top, right, bottom = drawable.bounds()
        box = self._viewport.widget_rect(QRectF(left, top, right - left, bottom - top))
        text = self._painter.text_rect(drawable, box)
        pad = self._style.point_size * 2 + self._style.emphasis_width * 3
        return box.adjusted(-pad, -pad, pad, pad).united(text.adjusted(-2, -2, 2, 2)).toAlignedRect()

    def _update_objects(self, *ids: int | None) -> None:
        region = QRegion()
        for drawable_id in ids:
            region = region.united(self._object_region(drawable_id))
        if not region.isEmpty():
            self.update(region)

    # -- overlay layer -------------------------------------------------------------------------------------------

    def _invalidate_layer(self) -> None:
        self._version += 1
        self._pending = None
        self._overview_pending = None
        self._chunk_timer.stop()
        self.update()

    def _layer_size(self) -> tuple[int, int]:
        return self.width() + 2 * LAYER_MARGIN, self.height() + 2 * LAYER_MARGIN

    def _layer_fits(self, layer: _Layer | None, slack: float = LAYER_MARGIN / 2) -> bool:
        """``layer`` shows the current objects at the current scale, shifted by at most ``slack`` pixels (a shifted
        layer is drawn moved: still crisp, and its margin still covers the widget)."""
        if layer is None or layer.version != self._version or layer.size != self._layer_size():
            return False
        old, new = layer.viewport, self._viewport
        return old.scale == new.scale and abs(new.dx - old.dx) <= slack and abs(new.dy - old.dy) <= slack

    def _ensure_layer(self) -> None:
        """Start the crisp rendering of the overlay for the current view unless a fitting layer is there or under
        way (during a pan, any layer under way at this scale is worth finishing)."""
        if self._layer_fits(self._layer):
            return
        if self._layer_fits(self._pending, math.inf if self._interacting else LAYER_MARGIN / 2):
            return
        width, height = self._layer_size()
        ratio = self.devicePixelRatioF()
        image = QImage(round(width * ratio), round(height * ratio), QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        area = self._viewport.image_rect(QRectF(-LAYER_MARGIN, -LAYER_MARGIN, width, height))
        indices = self._scene.in_rect((area.left(), area.top(), area.right(), area.bottom()))
        self._pending = _Layer(image, self._viewport, self._version, (width, height), indices)
        if self._interacting:
            self._chunk_timer.start()  # between events: this paint stays as cheap as the gesture needs
        else:
            self._render_chunk()  # a few objects are done at once; many continue between events

    @staticmethod
    def _layer_transform(layer: _Layer) -> QTransform:
        """Image → layer pixels; half a pixel more, so 1-pixel lines on whole coordinates fall on pixel centres."""
        return layer.viewport.transform() * QTransform.fromTranslate(LAYER_MARGIN + 0.5, LAYER_MARGIN + 0.5)

    def _start_overview(self) -> None:
        """Queue the overview of the current objects unless it is there or under way."""
        for layer in (self._overview, self._overview_pending):
            if layer is not None and layer.version == self._version:
                return
        if self._meta_size.isEmpty() or not self._scene.order:
            return
        scale = min(1.0, OVERVIEW_SIDE / max(self._meta_size.width(), self._meta_size.height()))
        width = math.ceil(self._meta_size.width() * scale) + 1
        height = math.ceil(self._meta_size.height() * scale) + 1
        image = QImage(width, height, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        viewport = Viewport(scale, -LAYER_MARGIN, -LAYER_MARGIN)  # so that the layer transform is image × scale
        self._overview_pending = _Layer(image, viewport, self._version, (width, height), list(self._scene.order))
        self._overview_pending.texts_done = True
        self._chunk_timer.start()

    def overview_ready(self) -> bool:
        """The coarse stand-in for the current objects is rendered (tests)."""
        return self._overview is not None and self._overview.version == self._version

    def _render_chunk(self, budget: float | None = CHUNK_SECONDS) -> None:
        layer = self._pending or self._overview_pending
        if layer is None:
            return
        if layer is self._overview_pending:
            self._render_overview_chunk(layer, budget)
            return
        started, started_cpu = time.perf_counter(), time.thread_time()
        deadline = started + budget if budget is not None else None
        painter = QPainter(layer.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        transform = self._layer_transform(layer)
        painter.setTransform(transform)
        drawables = self._scene.drawables
        indices = layer.indices
        draw_many = self._painter.draw_many
        position = layer.position
        end = len(indices)
        while position < end:
            stop = min(end, position + 16)
            draw_many(painter, drawables, indices[position:stop])
            position = stop
            if deadline is not None and time.perf_counter() > deadline:
                break
        layer.position = position
        if position >= end and not layer.texts_done and (deadline is None or time.perf_counter() <= deadline):
            if self._style.show_all_text:
                painter.resetTransform()
                for index in indices:
                    drawable = drawables[index]
                    self._painter.draw_text(painter, drawable, self._widget_bounds(drawable, transform))
            layer.texts_done = True
        painter.end()
        spent = time.perf_counter() - started
        layer.seconds += spent
        layer.longest_chunk = max(layer.longest_chunk, spent)
        layer.longest_chunk_cpu = max(layer.longest_chunk_cpu, time.thread_time() - started_cpu)
        if layer.complete:
            self._layer = layer
            self._pending = None
            self.last_layer_seconds = layer.seconds
            self.last_layer_longest_chunk = layer.longest_chunk
            self.last_layer_longest_chunk_cpu = layer.longest_chunk_cpu
            self.layers_rendered += 1
            self.update()
            self._start_overview()
        else:
            self._chunk_timer.start()
            if self._layer is None or self._layer.version != self._version:
                self.update()  # a new frame's objects appear as they are drawn

    def _render_overview_chunk(self, layer: _Layer, budget: float | None) -> None:
        deadline = time.perf_counter() + budget if budget is not None else None
        painter = QPainter(layer.image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setTransform(self._layer_transform(layer))
        position, end = layer.position, len(layer.indices)
        while position < end:
            stop = min(end, position + 16)
            self._painter.draw_many(painter, self._scene.drawables, layer.indices[position:stop])
            position = stop
            if deadline is not None and time.perf_counter() > deadline:
                break
        painter.end()
        layer.position = position
        if layer.complete:
            self._overview, self._overview_pending = layer, None
        else:
            self._chunk_timer.start()

    def finish_rendering(self) -> None:
        """Render whatever the overlay still lacks for the current view, now (tests, benchmarks, screenshots)."""
        self._interacting = False
        self._zooming = False
        self._settle.stop()
        self._ensure_layer()
        if self._pending is not None:
            self._chunk_timer.stop()
            self._render_chunk(budget=None)

    def rendering_complete(self) -> bool:
        """The objects on screen are crisp for the current view."""
        return not self._zooming and self._layer_fits(self._layer)

    def wait_for_image_levels(self) -> None:
        """Block until the frame's mip levels are built (benchmarks, screenshots)."""
        if self._pyramid is not None:
            self._pyramid.wait_for_levels()
        self.update()

    @staticmethod
    def _widget_bounds(drawable: Drawable, transform: QTransform) -> QRectF:
        left, top, right, bottom = drawable.bounds()
        return transform.mapRect(QRectF(left, top, right - left, bottom - top))

    def _draw_layer(self, painter: QPainter) -> None:
        layer = self._layer if self._layer is not None and self._layer.version == self._version else None
        pending = self._pending
        if layer is None and pending is not None and pending.viewport.scale == self._viewport.scale:
            layer = pending  # a new frame's objects, partly drawn
        if layer is None:
            return
        old, new = layer.viewport, self._viewport
        if old.scale == new.scale:  # moved only: whole pixels, crisp
            offset = QPoint(round(new.dx - old.dx) - LAYER_MARGIN, round(new.dy - old.dy) - LAYER_MARGIN)
            self._draw_overview(painter, QRectF(offset.x(), offset.y(), *layer.size))
            painter.drawImage(offset, layer.image)
            return
        # Scaled copy during a zoom: layer pixel → image → widget.
        k = new.scale / old.scale
        tx = new.dx - (old.dx + LAYER_MARGIN) * k
        ty = new.dy - (old.dy + LAYER_MARGIN) * k
        self._draw_overview(painter, QRectF(tx, ty, layer.size[0] * k, layer.size[1] * k))
        painter.save()
        painter.setTransform(QTransform(k, 0, 0, k, tx, ty))
        painter.drawImage(QPointF(0, 0), layer.image)
        painter.restore()

    def _draw_overview(self, painter: QPainter, covered: QRectF) -> None:
        """The overview, scaled, wherever the layer (at ``covered``, widget pixels) leaves the widget bare."""
        overview = self._overview
        if overview is None or overview.version != self._version or covered.contains(QRectF(self.rect())):
            return
        bare = QRegion(self.rect()).subtracted(QRegion(covered.adjusted(1, 1, -1, -1).toAlignedRect()))
        k = self._viewport.scale / overview.viewport.scale
        painter.save()
        painter.setClipRegion(bare)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.setTransform(QTransform(k, 0, 0, k, self._viewport.dx - 0.5 * k, self._viewport.dy - 0.5 * k))
        painter.drawImage(QPointF(0, 0), overview.image)
        painter.restore()

    # -- painting ------------------------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        self.paint_count += 1
        painter = QPainter(self)
        painter.fillRect(event.rect(), BACKGROUND)
        viewport = self._viewport
        if self._pyramid is not None:
            painter.setTransform(viewport.transform())
            visible = viewport.image_rect(QRectF(event.rect()))
            self._pyramid.draw(painter, visible, viewport.scale, smooth=not self._interacting)
            painter.resetTransform()
        if not self._zooming:
            self._ensure_layer()
        self._draw_layer(painter)
        self._draw_emphasis(painter)
        if self._pixel_grid and viewport.scale >= GRID_MIN_SCALE:
            self._draw_pixel_grid(painter, QRectF(event.rect()))
        if self._tool is not None:
            self._tool.paint(self, painter)
        painter.end()

    def _draw_emphasis(self, painter: QPainter) -> None:
        """The hovered and selected objects on top, crisp, with their texts."""
        transform = self._viewport.transform()
        for drawable_id, emphasis in ((self._hovered_id, HOVERED), (self._selected_id, SELECTED)):
            if drawable_id is None or (emphasis == HOVERED and drawable_id == self._selected_id):
                continue
            drawable = self._scene.get(drawable_id)
            if drawable is None or not drawable.visible:
                continue
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setTransform(transform)
            self._painter.draw(painter, drawable, emphasis)
            painter.resetTransform()
            self._painter.draw_text(painter, drawable, self._widget_bounds(drawable, transform))

    def _draw_pixel_grid(self, painter: QPainter, rect: QRectF) -> None:
        viewport = self._viewport
        area = viewport.image_rect(rect).intersected(QRectF(0, 0, self._meta_size.width(), self._meta_size.height()))
        if area.isEmpty():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(QColor(255, 255, 255, 60), 1))
        top = viewport.to_widget(0, area.top()).y()
        bottom = viewport.to_widget(0, area.bottom()).y()
        left = viewport.to_widget(area.left(), 0).x()
        right = viewport.to_widget(area.right(), 0).x()
        for x in range(int(area.left()), int(area.right()) + 1):
            sx = viewport.to_widget(x, 0).x()
            painter.drawLine(QPointF(sx, top), QPointF(sx, bottom))
        for y in range(int(area.top()), int(area.bottom()) + 1):
            sy = viewport.to_widget(0, y).y()
            painter.drawLine(QPointF(left, sy), QPointF(right, sy))

    # -- input ---------------------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.fit_to_view()

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120
        if steps:
            self.zoom_at(WHEEL_STEP**steps, event.position())
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        # A tool takes a double-click's second press as a press (quick clicks while drawing place two points).
        if self._tool is not None and self._tool.mouse_press(self, event, self.map_to_image(event.position())):
            return
        if event.button() == Qt.MouseButton.LeftButton and not event.modifiers():
            self.fit_to_view()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        if self._tool is not None and self._tool.mouse_press(self, event, self.map_to_image(position)):
            return
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space_held):
            self._start_pan(position)
        elif button == Qt.MouseButton.LeftButton:
            picked = self.object_at(position)
            if picked is not None:
                self.set_selected_id(picked)
            else:
                self._start_pan(position)

    def _start_pan(self, position: QPointF) -> None:
        self._pan_from = position
        self._pan_moved = False
        self._space_panned = self._space_panned or self._space_held
        self.setCursor(Qt.CursorShape.ClosedHandCursor)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        image_pos = self.map_to_image(position)
        self.cursorMoved.emit(image_pos.x(), image_pos.y())
        if self._tool is not None and self._tool.mouse_move(self, event, image_pos):
            return
        if self._pan_from is not None:
            delta = position - self._pan_from
            if delta.manhattanLength() > 0:
                self._pan_from = position
                self._pan_moved = True
                self.pan_by(delta.x(), delta.y())
            return
        self._set_hovered(self.object_at(position))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if self._tool is not None and self._tool.mouse_release(self, event, self.map_to_image(event.position())):
            return
        if self._pan_from is not None:
            clicked_empty = not self._pan_moved and event.button() == Qt.MouseButton.LeftButton
            self._pan_from = None
            self.setCursor(Qt.CursorShape.OpenHandCursor if self._space_held else Qt.CursorShape.ArrowCursor)
            if clicked_empty and not self._space_held:
                self.set_selected_id(None)

    def leaveEvent(self, event: object) -> None:
        self._set_hovered(None)

    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab and Shift+Tab cycle through objects instead

    def event(self, event: QEvent) -> bool:
        # Space is the canvas's own key (held: pan; tapped: ``spaceTapped``), even when a window action (CVAT's
        # play / pause) has it as its shortcut: the action is reached through ``spaceTapped`` instead.
        # A tool may claim keys the window's actions also use (N, Enter, Esc, Backspace while drawing) through an
        # optional ``claims_key(event) -> bool``.
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            claims = getattr(self._tool, "claims_key", None)
            space = event.key() == Qt.Key.Key_Space and not event.modifiers()
            if space or (claims is not None and claims(event)):
                event.accept()
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self._tool is not None and self._tool.key_press(self, event):
            return
        key = event.key()
        if key == Qt.Key.Key_Tab:
            self.select_next()
        elif key == Qt.Key.Key_Backtab:
            self.select_next(backwards=True)
        elif key == Qt.Key.Key_Space:
            if not event.isAutoRepeat():
                self._space_held = True
                self._space_panned = False
                self.setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            super().keyPressEvent(event)

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat():
            was_held = self._space_held
            self._space_held = False
            if self._pan_from is None:
                self.setCursor(Qt.CursorShape.ArrowCursor)
            if was_held and not self._space_panned:
                self.spaceTapped.emit()
            self._space_panned = False
        elif event.key() == Qt.Key.Key_Space:
            pass  # auto-repeat while held
        else:
            super().keyReleaseEvent(event)


def _single_shot(parent: QObject, interval: int, slot: Callable[[], None]) -> QTimer:
    """A single-shot timer of ``parent`` that calls ``slot`` ``interval`` ms after each ``start()``."""
    timer = QTimer(parent)
    timer.setSingleShot(True)
    timer.setInterval(interval)
    timer.timeout.connect(slot)
    return timer
