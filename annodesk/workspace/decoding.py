"""Chunk decoders for worker threads: a zip of images (Qt's image readers) or an MP4 (PyAV) into ``QImage``s.

Both yield ``(offset in the chunk, QImage)`` in chunk order and stop early once ``wanted()`` turns false, so a
decode nobody waits for any more ends at the next frame.
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


def decode_zip(data: bytes, wanted: Callable[[], bool], first: int = 0) -> Iterator[tuple[int, QImage]]:
    """Entries numbered by their position in the archive (as CVAT's web client does, not by file name).

    ``first``: the offset decoded first (the frame someone waits for); the others follow in order.
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, OSError) as error:
        raise ChunkDecodeError(str(error)) from None
    order = list(range(len(members)))
    if 0 <= first < len(order):
        order = [first, *order[first + 1 :], *order[:first]]
    with archive:
        for offset in order:
            if not wanted():
                return
            try:
                payload = archive.read(members[offset])
            except (zipfile.BadZipFile, OSError) as error:
                raise ChunkDecodeError(str(error)) from None
            yield offset, decode_image(payload)


def decode_mp4(data: bytes, wanted: Callable[[], bool]) -> Iterator[tuple[int, QImage]]:
    """Every frame of an MP4 chunk in order, as ``Format_RGB32`` images of the chunk's own size."""
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
