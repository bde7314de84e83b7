"""Chunk decoders for worker threads: a zip of images (Qt's image readers) or an MP4 (PyAV) into ``QImage``s.

Both yield ``(offset in the chunk, QImage)`` and stop early once ``wanted()`` turns false, so a decode nobody
waits for any more ends at the next frame; ``cursor()`` says which frame is waited for now.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator

from PySide6.QtGui import QImage


class ChunkDecodeError(Exception):
    """A chunk's bytes are not a readable zip of images or MP4."""


def decode_image(data: bytes) -> QImage:
    """One encoded image (JPEG, PNG…) as a ``QImage``."""
    image = QImage.fromData(data)
    if image.isNull():
        raise ChunkDecodeError("not a readable image")
    return image


Cursor = Callable[[], tuple[int | None, int]]  # (offset someone waits for in this chunk, or None; +1/-1)


def next_offset(remaining: set[int], cursor: tuple[int | None, int]) -> int:
    """The offset to decode next: the one waited for, then those ahead of it in the direction of travel,
    then the rest (nearest first)."""
    offset, direction = cursor
    if offset is None:
        return min(remaining) if direction > 0 else max(remaining)
    ahead = [o for o in remaining if (o - offset) * direction >= 0]
    if ahead:
        return min(ahead, key=lambda o: abs(o - offset))
    return min(remaining, key=lambda o: abs(o - offset))


def decode_zip(data: bytes, wanted: Callable[[], bool], cursor: Cursor) -> Iterator[tuple[int, QImage]]:
    """Entries numbered by their position in the archive (as CVAT's web client does, not by file name),
    decoded in the order :func:`next_offset` picks, asking ``cursor()`` again before each: a player that
    runs ahead of the decoder gets the frame it shows now, not the ones it has passed."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise ChunkDecodeError(str(error)) from None
    remaining = set(range(len(members)))
    with archive:
        while remaining and wanted():
            offset = next_offset(remaining, cursor())
            remaining.discard(offset)
            try:
                payload = archive.read(members[offset])
            except (zipfile.BadZipFile, OSError) as error:
                raise ChunkDecodeError(str(error)) from None
            yield offset, decode_image(payload)


def decode_mp4(data: bytes, wanted: Callable[[], bool], cursor: Cursor) -> Iterator[tuple[int, QImage | None]]:
    """The frames of an MP4 chunk in order, as ``Format_RGB32`` images of the chunk's own size. H.264 decodes
    in order; frames behind the cursor while travelling forward are decoded but not converted (``None``)."""
    import av  # heavy: loaded on the first video chunk

    try:
        container = av.open(io.BytesIO(data))
    except av.FFmpegError as error:
        raise ChunkDecodeError(str(error)) from None
    with container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        try:
            for offset, frame in enumerate(container.decode(stream)):
                if not wanted():
                    return
                waited, direction = cursor()
                if waited is not None and direction > 0 and offset < waited:
                    yield offset, None
                    continue
                yield offset, _to_qimage(frame.reformat(format="bgra"))
        except av.FFmpegError as error:
            raise ChunkDecodeError(str(error)) from None


def _to_qimage(frame: object) -> QImage:
    """A ``bgra`` video frame (byte order of ``Format_RGB32`` on little-endian machines) copied into a QImage."""
    plane = frame.planes[0]  # type: ignore[attr-defined]
    width, height = frame.width, frame.height  # type: ignore[attr-defined]
    image = QImage(width, height, QImage.Format.Format_RGB32)
    target = image.bits()
    row = width * 4
    if plane.line_size == image.bytesPerLine():
        target[: row * height] = memoryview(plane).cast("B")[: row * height]
    else:
        source = memoryview(plane).cast("B")
        stride, line = plane.line_size, image.bytesPerLine()
        for y in range(height):
            target[y * line : y * line + row] = source[y * stride : y * stride + row]
    return image
