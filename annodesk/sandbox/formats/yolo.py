"""YOLO 1.1 (Darknet): ``obj.data``, ``obj.names``, ``train.txt`` and ``obj_train_data/<name>.txt`` with a
``class cx cy w h`` line per rectangle (relative to the frame size). Rectangles only, both ways."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from .members import read_member
from .model import ImageSource, TaskSnapshot, new_annotations, shape

DATA_DIR = "obj_train_data"


def export(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None, dumped: str) -> None:
    """One text file per frame (empty when it has no rectangles); with images, next to their text files."""
    classes = {label.id: number for number, label in enumerate(task.labels)}
    shapes = task.by_frame(task.flat_shapes())
    listed = []
    for frame in task.frames:
        stem = PurePosixPath(frame.name).stem
        lines = []
        for item in shapes.get(frame.number, []):
            if item.type != "rectangle":
                continue
            x1, y1, x2, y2 = item.points[:4]
            cx, cy = (x1 + x2) / 2 / frame.width, (y1 + y2) / 2 / frame.height
            w, h = (x2 - x1) / frame.width, (y2 - y1) / frame.height
            lines.append(f"{classes[item.label.id]} {cx:.6f} {cy:.6f} {w:.6f} {h:.6f}\n")
        archive.writestr(f"{DATA_DIR}/{stem}.txt", "".join(lines))
        ext = PurePosixPath(frame.name).suffix or ".jpg"
        if images is not None:
            picture = images(frame.number)
            ext = PurePosixPath(frame.name).suffix or picture.ext
            archive.writestr(f"{DATA_DIR}/{stem}{ext}", picture.data)
        listed.append(f"data/{DATA_DIR}/{stem}{ext}\n")
    archive.writestr("obj.names", "".join(f"{label.name}\n" for label in task.labels))
    archive.writestr(
        "obj.data",
        f"classes = {len(task.labels)}\ntrain = data/train.txt\nnames = data/obj.names\nbackup = backup/\n",
    )
    archive.writestr("train.txt", "".join(listed))


def load(path: Path, task: TaskSnapshot) -> dict[str, Any]:
    """Rectangles from every ``*.txt`` beside ``obj.names`` (``train.txt`` and the names file excepted)."""
    if not zipfile.is_zipfile(path):
        raise ValueError("YOLO annotations are expected in a zip archive (obj.names, obj_train_data/*.txt)")
    result = new_annotations()
    with zipfile.ZipFile(path) as archive:
        names_file = next((n for n in archive.namelist() if PurePosixPath(n).name == "obj.names"), None)
        if names_file is None:
            raise ValueError("The archive has no obj.names")
        names_text = read_member(archive, names_file).decode("utf-8")
        label_names = [line.strip() for line in names_text.splitlines() if line.strip()]
        for member in sorted(archive.namelist()):
            member_path = PurePosixPath(member)
            if member_path.suffix != ".txt" or member_path.name in ("train.txt", "valid.txt", "obj.names"):
                continue
            frame = task.frame_of(member_path.stem)
            info = task.frames[frame]
            for line in read_member(archive, member).decode("utf-8").splitlines():
                parts = line.split()
                if len(parts) != 5:
                    continue
                number = int(parts[0])
                if not 0 <= number < len(label_names):
                    raise ValueError(f"Class {number} in {member} is not in obj.names")
                label = task.label_named(label_names[number])
                cx, cy, w, h = (float(value) for value in parts[1:])
                x1, y1 = (cx - w / 2) * info.width, (cy - h / 2) * info.height
                points = [x1, y1, x1 + w * info.width, y1 + h * info.height]
                result["shapes"].append(shape(frame, label, "rectangle", [round(p, 2) for p in points]))
    return result
