"""A frame as a mipmap pyramid of tiles, with brightness, contrast and saturation applied per tile on demand.

Level 0 is the decoded image; level *k* is it reduced 2^k times (box filter). The levels are built by Pillow in a
background thread (Pillow releases the GIL while it reduces; Qt's own smooth scaling holds it — measured), so a
new 10,000×5,000 frame never blocks the GUI thread: until a level is ready, the next finer one is drawn instead.
The canvas draws from the coarsest level still at least as sharp as the screen, so that frame zoomed out costs a
~2,500×1,250 blit, and zoomed in only the visible part of level 0. Adjusted tiles come from lookup tables run by
Pillow in C (no per-pixel Python), cached in a bounded LRU; with neutral adjustments nothing is copied at all.
"""

from __future__ import annotations

import math
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image, ImageEnhance
from PySide6.QtCore import QCoreApplication, QObject, QRectF, QSizeF, Signal
from PySide6.QtGui import QImage, QPainter

TILE = 512
TILE_CACHE_BYTES = 256 * 1024 * 1024
_FAST_FORMATS = (QImage.Format.Format_RGB32, QImage.Format.Format_ARGB32_Premultiplied)


@dataclass(frozen=True)
class Adjustments:
    """CSS-like factors as CVAT applies them (1.0 = unchanged; CVAT's keys step 0.1 within 0.5–2.0)."""

    brightness: float = 1.0
    contrast: float = 1.0
    saturation: float = 1.0

    @property
    def neutral(self) -> bool:
        return self.brightness == 1.0 and self.contrast == 1.0 and self.saturation == 1.0

    def lut(self) -> list[int]:
        """One 256-entry table for brightness then contrast, for each of R, G, B, and identity for alpha."""
        table = [max(0, min(255, round((v * self.brightness - 127.5) * self.contrast + 127.5))) for v in range(256)]
        return table * 3 + list(range(256))


def adjust(image: QImage, adjustments: Adjustments) -> QImage:
    """``image`` (RGB32 or premultiplied ARGB32) with the adjustments applied, as a new RGB32 image."""
    width, height = image.width(), image.height()
    source = image.convertToFormat(QImage.Format.Format_RGB32)
    pil = Image.frombuffer("RGBA", (width, height), bytes(source.constBits()), "raw", "BGRA", source.bytesPerLine(), 1)
    pil = pil.point(adjustments.lut())
    if adjustments.saturation != 1.0:
        pil = ImageEnhance.Color(pil).enhance(adjustments.saturation)
    data = pil.tobytes("raw", "BGRA")
    return QImage(data, width, height, width * 4, QImage.Format.Format_RGB32).copy()


def reduce_image(image: QImage, factor: int) -> QImage:
    """``image`` shrunk ``factor`` times by box averaging (Pillow, GIL released; safe in a worker thread)."""
    width, height = image.width() // factor, image.height() // factor
    view = Image.frombuffer("RGBA", (image.width(), image.height()), image.constBits(), "raw", "RGBA", 0, 1)
    data = view.reduce(factor, (0, 0, width * factor, height * factor)).tobytes()
    # A copy that owns its pixels: an image over ``data`` would outlive it once a queued signal hands it to the GUI
    # thread (the copy Qt makes shares the buffer but not the Python object keeping ``data`` alive): a crash.
    return QImage(data, width, height, width * 4, image.format()).copy()


class _LevelNews(QObject):
    """Carries finished levels from builder threads to the GUI thread (a queued signal): (pyramid, level, image),
    the pyramid as a weak reference."""

    ready = Signal(object, int, QImage)


_news: _LevelNews | None = None


def _level_news() -> _LevelNews:
    """The one carrier of finished levels, made on the GUI thread with the first pyramid and never deleted: a
    builder thread then never emits on an object that is gone, and never holds the last reference to a pyramid
    (which would free the pyramid's Qt objects on that thread: a crash)."""
    global _news
    if _news is None:
        _news = _LevelNews()
        _news.ready.connect(_deliver)
    return _news


def _deliver(target: weakref.ref[ImagePyramid], level: int, image: QImage) -> None:
    pyramid = target()
    if pyramid is not None:
        pyramid._arrived(level, image)


class ImagePyramid:
    """The frame's mip levels and adjusted tiles; draws any part of the frame at any scale."""

    def __init__(self, image: QImage, meta_size: QSizeF | None = None) -> None:
        if image.format() not in _FAST_FORMATS:
            image = image.convertToFormat(
                QImage.Format.Format_ARGB32_Premultiplied if image.hasAlphaChannel() else QImage.Format.Format_RGB32
            )
        self._levels: dict[int, QImage] = {0: image}
        self._news = _level_news()
        self.on_level: Callable[[int], None] | None = None  # told of each level as it arrives (GUI thread)
        self._builder: threading.Thread | None = None
        self._cancelled = threading.Event()
        size = meta_size if meta_size is not None and not meta_size.isEmpty() else QSizeF(image.size())
        self.meta_size = QSizeF(size)
        # Level-0 pixels per image (meta) unit: < 1 for a downscaled video chunk, stretched back when drawn.
        self.source_scale_x = image.width() / size.width()
        self.source_scale_y = image.height() / size.height()
        self.adjustments = Adjustments()
        self._tiles: OrderedDict[tuple[int, int, int], QImage] = OrderedDict()
        self._tile_bytes = 0

    @property
    def image(self) -> QImage:
        return self._levels[0]

    def max_level(self) -> int:
        """The coarsest level worth having (its shorter side still ≥ 16 pixels)."""
        return max(0, int(math.log2(max(1, min(self.image.width(), self.image.height())))) - 4)

    def build_levels(self, first: int = 1) -> None:
        """Start building every level in a worker thread, ``first`` first; each arrives through ``news.ready``."""
        if self._builder is not None or self.max_level() == 0:
            return
        first = max(1, min(first, self.max_level()))
        order = [first, *(k for k in range(1, self.max_level() + 1) if k != first)]
        source, news, cancelled, target = self.image, self._news, self._cancelled, weakref.ref(self)

        def build() -> None:  # holds no strong reference to the pyramid (see _level_news)
            built = {0: source}
            for level in order:
                if cancelled.is_set():
                    return
                below = max(k for k in built if k < level)  # reduce the nearest finer level: less to read
                built[level] = reduce_image(built[below], 2 ** (level - below))
                news.ready.emit(target, level, built[level])

        self._builder = threading.Thread(target=build, name="image-pyramid", daemon=True)
        self._builder.start()

    def wait_for_levels(self) -> None:
        """Block until every level is built and delivered (benchmarks, tests)."""
        if self._builder is not None:
            self._builder.join()
        QCoreApplication.processEvents()

    def cancel(self) -> None:
        self._cancelled.set()

    def _arrived(self, level: int, image: QImage) -> None:
        if self._cancelled.is_set():
            return
        self._levels[level] = image
        if self.on_level is not None:
            self.on_level(level)

    def levels_built(self) -> list[int]:
        return sorted(self._levels)

    def set_adjustments(self, adjustments: Adjustments) -> None:
        if adjustments != self.adjustments:
            self.adjustments = adjustments
            self._tiles.clear()
            self._tile_bytes = 0

    def level_for(self, screen_per_source: float) -> int:
        """The coarsest level whose pixels are no smaller than a screen pixel."""
        if screen_per_source >= 1.0:
            return 0
        return min(math.floor(math.log2(1.0 / screen_per_source)), self.max_level())

    def available(self, wanted: int) -> int:
        """``wanted`` if built, else the nearest finer level that is (level 0 always is)."""
        while wanted not in self._levels:
            wanted -= 1
        return wanted

    def _tile(self, level: int, tx: int, ty: int) -> QImage:
        key = (level, tx, ty)
        tile = self._tiles.get(key)
        if tile is not None:
            self._tiles.move_to_end(key)
            return tile
        source = self._levels[level].copy(tx * TILE, ty * TILE, TILE, TILE)
        tile = adjust(source, self.adjustments)
        self._tiles[key] = tile
        self._tile_bytes += tile.sizeInBytes()
        while self._tile_bytes > TILE_CACHE_BYTES and len(self._tiles) > 1:
            _, old = self._tiles.popitem(last=False)
            self._tile_bytes -= old.sizeInBytes()
        return tile

    def draw(self, painter: QPainter, visible_image_rect: QRectF, scale: float, smooth: bool) -> None:
        """Paint the part of the frame within ``visible_image_rect`` (image coordinates) under the painter's
        current image → widget transform, whose scale is ``scale``."""
        frame = QRectF(0, 0, self.meta_size.width(), self.meta_size.height())
        wanted = visible_image_rect.intersected(frame)
        if wanted.isEmpty():
            return
        wanted_level = self.level_for(scale / self.source_scale_x)
        if wanted_level > 0 and self._builder is None:
            self.build_levels(first=wanted_level)
        level_index = self.available(wanted_level)
        level = self._levels[level_index]
        # Level pixels per image unit.
        kx = level.width() / self.meta_size.width()
        ky = level.height() / self.meta_size.height()
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, smooth)
        if self.adjustments.neutral:
            # Whole level pixels around the wanted part, so edges never resample outside the image.
            left = math.floor(wanted.left() * kx)
            top = math.floor(wanted.top() * ky)
            right = min(level.width(), math.ceil(wanted.right() * kx))
            bottom = min(level.height(), math.ceil(wanted.bottom() * ky))
            source = QRectF(left, top, right - left, bottom - top)
            target = QRectF(left / kx, top / ky, (right - left) / kx, (bottom - top) / ky)
            painter.drawImage(target, level, source)
            return
        x0 = max(0, int(wanted.left() * kx) // TILE)
        x1 = min((level.width() - 1) // TILE, int(wanted.right() * kx) // TILE)
        y0 = max(0, int(wanted.top() * ky) // TILE)
        y1 = min((level.height() - 1) // TILE, int(wanted.bottom() * ky) // TILE)
        for ty in range(y0, y1 + 1):
            for tx in range(x0, x1 + 1):
                tile = self._tile(level_index, tx, ty)
                target = QRectF(tx * TILE / kx, ty * TILE / ky, tile.width() / kx, tile.height() / ky)
                painter.drawImage(target, tile)
