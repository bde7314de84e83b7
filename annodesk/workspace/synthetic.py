"""A deterministic dense frame for the canvas demo and benchmarks (CVAT #3875's scale, doubled).

Pure Python (no Qt), so a peer canvas in another Qt binding (labelme's, on PyQt5) can draw exactly the same
objects: ``polygons`` polygons of 20 points and ``rectangles`` rectangles spread over the frame.
"""

from __future__ import annotations

import math
import random

from annodesk.workspace.drawables import PALETTE, Drawable, ShapeKind

LABELS = ("car", "person", "tree", "building", "sign", "bicycle", "road mark", "animal")
DENSE_WIDTH, DENSE_HEIGHT = 10_000, 5_000
SEED = 3875


def dense_drawables(
    width: int = DENSE_WIDTH, height: int = DENSE_HEIGHT, polygons: int = 5000, rectangles: int = 5000, seed: int = SEED
) -> list[Drawable]:
    """The objects, ids 0…n-1; about one in ten occluded; z-orders 0–2."""
    rng = random.Random(seed)
    drawables: list[Drawable] = []
    for index in range(polygons):
        cx, cy, radius = rng.uniform(0, width), rng.uniform(0, height), rng.uniform(15, 70)
        points: list[float] = []
        for k in range(20):
            angle = 2 * math.pi * k / 20
            r = radius * rng.uniform(0.6, 1.0)
            points += [cx + r * math.cos(angle), cy + r * math.sin(angle)]
        drawables.append(_object(len(drawables), ShapeKind.POLYGON, points, index, rng))
    for index in range(rectangles):
        x, y = rng.uniform(0, width - 20), rng.uniform(0, height - 20)
        points = [x, y, x + rng.uniform(15, 140), y + rng.uniform(15, 140)]
        drawables.append(_object(len(drawables), ShapeKind.RECTANGLE, points, index, rng))
    return drawables


def _object(object_id: int, kind: ShapeKind, points: list[float], index: int, rng: random.Random) -> Drawable:
    label = index % len(LABELS)
    return Drawable(
        id=object_id,
        kind=kind,
        points=tuple(points),
        label=LABELS[label],
        color=PALETTE[label],
        attributes_text=f"quality: {rng.choice(('good', 'bad'))}",
        occluded=rng.random() < 0.1,
        z_order=rng.randrange(0, 3),
        group=rng.randrange(0, 40),
    )


def image_blocks(width: int = DENSE_WIDTH, height: int = DENSE_HEIGHT, seed: int = 7) -> list[tuple[float, ...]]:
    """Coloured blocks (x, y, w, h, r, g, b) that give the synthetic frame structure at every scale."""
    rng = random.Random(seed)
    blocks = []
    for _ in range(max(1, width * height // 40_000)):
        r, g, b = rng.randrange(30, 200), rng.randrange(30, 200), rng.randrange(30, 200)
        w, h = rng.uniform(20, 400), rng.uniform(20, 400)
        blocks.append((rng.uniform(0, width), rng.uniform(0, height), w, h, r, g, b))
    return blocks
