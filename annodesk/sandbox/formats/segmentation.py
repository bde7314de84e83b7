"""Segmentation mask 1.1: VOC-style class and instance masks of every frame's polygons and rectangles, with
``labelmap.txt``; the importer traces the masks back into polygons (rectangles stay rectangles)."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from .masks import load_segmentation, write_segmentation
from .model import ImageSource, TaskSnapshot, new_annotations


def export(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None, dumped: str) -> None:
    """Masks for every frame; with images, ``JPEGImages/<stem><ext>`` too."""
    write_segmentation(task, archive, task.by_frame(task.flat_shapes()))
    if images is not None:
        for frame in task.frames:
            picture = images(frame.number)
            archive.writestr(f"JPEGImages/{PurePosixPath(frame.name).stem}{picture.ext}", picture.data)


def load(path: Path, task: TaskSnapshot) -> dict[str, Any]:
    """Polygons from the masks of a zip archive."""
    if not zipfile.is_zipfile(path):
        raise ValueError("Segmentation masks are expected in a zip archive")
    result = new_annotations()
    with zipfile.ZipFile(path) as archive:
        result["shapes"] = load_segmentation(task, archive)
    return result
