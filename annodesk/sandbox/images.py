"""Generated media: a deterministic synthetic picture per task and frame, as JPEG (or PNG for video frames)."""

from __future__ import annotations

import colorsys
import io
import random
from functools import lru_cache

from PIL import Image, ImageDraw

PREVIEW_MAX = 256


def _scene(task_id: int, frame: int, width: int, height: int) -> Image.Image:
    """A street-like scene: a sky/ground gradient and a few boxes that drift from frame to frame."""
    rng = random.Random(task_id * 7919)
    hue = rng.random()
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    horizon = int(height * (0.45 + 0.15 * rng.random()))
    for y in range(height):
        top = y < horizon
        shade = y / max(1, horizon) if top else (y - horizon) / max(1, height - horizon)
        r, g, b = colorsys.hsv_to_rgb(hue if top else (hue + 0.5) % 1.0, 0.35, 0.95 - 0.4 * shade)
        draw.line([(0, y), (width, y)], fill=(int(r * 255), int(g * 255), int(b * 255)))
    for index in range(3 + rng.randrange(4)):
        w = int(width * (0.08 + 0.12 * rng.random()))
        h = int(height * (0.08 + 0.15 * rng.random()))
        speed = (rng.random() - 0.5) * width * 0.02
        x = int((rng.random() * (width - w) + speed * frame) % max(1, width - w))
        y = horizon + int(rng.random() * max(1, height - horizon - h))
        r, g, b = colorsys.hsv_to_rgb((hue + 0.13 * (index + 1)) % 1.0, 0.7, 0.8)
        draw.rounded_rectangle(
            [x, y, x + w, y + h], radius=max(2, w // 8), fill=(int(r * 255), int(g * 255), int(b * 255))
        )
    draw.text((max(4, width // 80), max(4, height // 80)), f"task {task_id} · frame {frame}", fill=(20, 20, 20))
    return image


def picture(task_id: int, frame: int, width: int, height: int) -> Image.Image:
    """Frame ``frame`` of a generated task, as a picture (for video chunks)."""
    return _scene(task_id, frame, width, height)


def _encode(image: Image.Image, fmt: str, quality: int) -> bytes:
    buffer = io.BytesIO()
    if fmt == "JPEG":
        image.save(buffer, "JPEG", quality=max(1, min(95, quality)))
    else:
        image.save(buffer, fmt)
    return buffer.getvalue()


@lru_cache(maxsize=512)
def preview(task_id: int, width: int, height: int) -> bytes:
    """A JPEG thumbnail of frame 0, at most 256×256, as ``data?type=preview`` returns it."""
    scale = min(1.0, PREVIEW_MAX / max(width, height))
    size = (max(1, round(width * scale)), max(1, round(height * scale)))
    return _encode(_scene(task_id, 0, *size), "JPEG", 75)


@lru_cache(maxsize=64)
def frame(task_id: int, number: int, width: int, height: int, quality: int, original_format: str) -> bytes:
    """Frame ``number`` re-encoded at ``quality`` (compressed) or in its upload format (original)."""
    image = _scene(task_id, number, width, height)
    return _encode(image, original_format, quality)
