"""Video with PyAV, as CVAT v1.1's ``media_extractors.py`` does it: decode an uploaded video into frames, and
write MP4 chunks (``Mpeg4CompressedChunkWriter``: H.264 baseline, downscaled; ``Mpeg4ChunkWriter``: full size).
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from pathlib import Path

from PIL import Image

FPS = 25
VIDEO_EXTENSIONS = (".mp4", ".avi", ".mov", ".mkv", ".webm", ".mpg", ".mpeg", ".m4v", ".wmv", ".flv", ".3gp")


def downscale_factor(height: int) -> int:
    """CVAT's compressed-chunk scale: the factor doubles while ``height / factor`` is at least 1080."""
    factor = 1
    while height / factor >= 1080:
        factor *= 2
    return factor


def compressed_size(width: int, height: int) -> tuple[int, int]:
    """The frame size inside a compressed video chunk (even numbers, as H.264 in yuv420p needs)."""
    factor = downscale_factor(height)
    return _even(width // factor), _even(height // factor)


def crf(image_quality: int) -> int:
    """CVAT's mapping of the task's image quality (1–100) to x264's constant rate factor (0–51)."""
    return round(51 * (100 - max(1, min(100, image_quality))) / 99)


def encode_chunk(frames: Iterable[Image.Image], *, compressed: bool, image_quality: int) -> bytes:
    """An MP4 chunk of ``frames`` at 25 fps: compressed (downscaled, CRF from the quality) or original (CRF 17)."""
    import av  # imported when first needed: ~80 ms the sandbox's start-up does without

    buffer = io.BytesIO()
    stream = None
    with av.open(buffer, "w", format="mp4") as container:
        for image in frames:
            if stream is None:
                full = (_even(image.width), _even(image.height))
                width, height = compressed_size(*image.size) if compressed else full
                stream = container.add_stream("libx264", rate=FPS)
                stream.width, stream.height, stream.pix_fmt = width, height, "yuv420p"
                stream.options = (
                    {"crf": str(crf(image_quality)), "preset": "ultrafast", "profile": "baseline", "coder": "0"}
                    | {"x264-params": "no-deblock=1"}
                    if compressed
                    else {"crf": "17", "preset": "ultrafast"}
                )
            if image.size != (stream.width, stream.height):
                image = image.resize((stream.width, stream.height), Image.Resampling.BILINEAR)
            for packet in stream.encode(av.VideoFrame.from_image(image.convert("RGB"))):
                container.mux(packet)
        if stream is not None:
            for packet in stream.encode():
                container.mux(packet)
    return buffer.getvalue()


def decode_chunk(data: bytes) -> Iterator[Image.Image]:
    """The frames of an MP4 chunk, in order."""
    import av

    with av.open(io.BytesIO(data)) as container:
        for frame in container.decode(video=0):
            yield frame.to_image()


def read_frames(path: Path, start: int = 0, stop: int | None = None, step: int = 1) -> Iterator[Image.Image]:
    """The frames of a video file numbered ``start``, ``start + step``… up to ``stop`` (inclusive), as RGB."""
    import av

    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.thread_type = "AUTO"
        for number, frame in enumerate(container.decode(stream)):
            if stop is not None and number > stop:
                break
            if number >= start and (number - start) % step == 0:
                yield frame.to_image()


def _even(value: int) -> int:
    return max(2, value - value % 2)
