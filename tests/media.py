"""Test media: a small MP4 with a white square that moves 4 px right per frame on black (known pixels)."""

from __future__ import annotations

from pathlib import Path

import av
from PIL import Image, ImageDraw

SQUARE = 40


def square_at(frame: int) -> tuple[int, int]:
    """Top-left corner of the square in frame ``frame``."""
    return 10 + 4 * frame, 50


def square_frame(frame: int, size: tuple[int, int]) -> Image.Image:
    image = Image.new("RGB", size, (0, 0, 0))
    x, y = square_at(frame)
    ImageDraw.Draw(image).rectangle([x, y, x + SQUARE - 1, y + SQUARE - 1], fill=(255, 255, 255))
    return image


def make_video(path: Path, frames: int, size: tuple[int, int] = (320, 240)) -> Path:
    """An H.264 MP4 of ``frames`` frames at 25 fps, nearly lossless."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with av.open(str(path), "w") as container:
        stream = container.add_stream("libx264", rate=25)
        stream.width, stream.height, stream.pix_fmt = size[0], size[1], "yuv420p"
        stream.options = {"crf": "10", "preset": "ultrafast"}
        for number in range(frames):
            for packet in stream.encode(av.VideoFrame.from_image(square_frame(number, size))):
                container.mux(packet)
        for packet in stream.encode():
            container.mux(packet)
    return path
