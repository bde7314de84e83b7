"""Decoded frames in an LRU bounded by the bytes of their pixels (``QImage.sizeInBytes``)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

from PySide6.QtGui import QImage

DEFAULT_BUDGET = 1 << 30  # 1 GiB: about 128 decoded 1080p frames


class DecodedFrames:
    """Frames by key (frame number and quality); the least recently used go first once over ``budget`` bytes.

    Used on one thread (the GUI thread): workers hand their images over before they are stored.
    """

    def __init__(self, budget: int = DEFAULT_BUDGET) -> None:
        self.budget = max(0, int(budget))
        self._images: OrderedDict[Hashable, QImage] = OrderedDict()
        self._bytes = 0

    @property
    def bytes(self) -> int:
        """Bytes of pixels held now (at most ``budget``)."""
        return self._bytes

    def __len__(self) -> int:
        return len(self._images)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._images

    def get(self, key: Hashable) -> QImage | None:
        """The image (now the most recently used), or None."""
        image = self._images.get(key)
        if image is not None:
            self._images.move_to_end(key)
        return image

    def put(self, key: Hashable, image: QImage) -> None:
        """Keep ``image``; an image larger than the whole budget is not kept."""
        size = image.sizeInBytes()
        previous = self._images.pop(key, None)
        if previous is not None:
            self._bytes -= previous.sizeInBytes()
        if size > self.budget:
            return
        self._images[key] = image
        self._bytes += size
        while self._bytes > self.budget:
            _, dropped = self._images.popitem(last=False)
            self._bytes -= dropped.sizeInBytes()

    def set_budget(self, budget: int) -> None:
        """Change the budget, dropping the least recently used frames over it."""
        self.budget = max(0, int(budget))
        while self._bytes > self.budget and self._images:
            _, dropped = self._images.popitem(last=False)
            self._bytes -= dropped.sizeInBytes()

    def clear(self) -> None:
        """Drop every frame."""
        self._images.clear()
        self._bytes = 0
