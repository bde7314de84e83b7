"""The color CVAT v1.1 gives a label created without one.

Well-known class names get their PASCAL VOC-style palette color (CVAT keeps a table of ~700 names; the few most
common ones are listed here with their palette index); any other name gets a palette color picked by a hash of
its normalised name, shifted when another label of the task normalises to the same name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from hashlib import blake2s

PALETTE_OFFSET = 2000
# Palette index of common class names in CVAT's predefined color table.
PREDEFINED = {
    "background": 0,
    "bicycle": 48,
    "bird": 56,
    "boat": 60,
    "bottle": 65,
    "box": 70,
    "building": 80,
    "bus": 84,
    "car": 102,
    "cat": 110,
    "chair": 120,
    "cow": 153,
    "dog": 184,
    "horse": 298,
    "motorbike": 390,
    "motorcycle": 391,
    "pedestrian": 435,
    "person": 441,
    "road": 502,
    "sheep": 537,
    "sky": 554,
    "train": 654,
    "traffic_light": 651,
    "tree": 657,
    "truck": 661,
}


def palette_color(index: int) -> tuple[int, int, int]:
    """The PASCAL VOC colormap: the index's bits spread over the channels, most significant first."""
    color = [0, 0, 0]
    for shift in range(7, -1, -1):
        for channel in range(3):
            color[channel] |= ((index >> channel) & 1) << shift
        index >>= 3
    return color[0], color[1], color[2]


def normalize_label(name: str) -> str:
    """ASCII, lower case, runs of spaces and dashes as ``_`` (non-Latin names normalise to ``""``)."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = re.sub(r"[^\w\s-]", "", text).strip().lower()
    return re.sub(r"[-\s]+", "_", text)


def label_color(name: str, existing_names: Iterable[str]) -> str:
    """``#rrggbb`` for a new label called ``name`` in a task that already has ``existing_names``."""
    normalized = normalize_label(name)
    same = [normalize_label(other) for other in existing_names].count(normalized)
    offset = int.from_bytes(blake2s(normalized.encode(), digest_size=4).digest(), "big") + same
    index = PREDEFINED.get(normalized)
    if index is None:
        rgb = palette_color(PALETTE_OFFSET + offset)
    elif same:
        rgb = palette_color(PALETTE_OFFSET + offset - 1)
    else:
        rgb = palette_color(index)
    return "#{:02x}{:02x}{:02x}".format(*rgb)
