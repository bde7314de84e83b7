"""MOT 1.1 (MOT Challenge ground truth): ``gt/gt.txt`` rows ``frame,track,x,y,w,h,not_ignored,class,visibility``
(frames from 1) and ``gt/labels.txt``. Rectangles only: tracks give a row per frame they are visible in (ids
from 1), plain rectangles track id -1. On import, rows with a track id become tracks (keyframes, closed by an
outside shape after their last row), rows with -1 become rectangles."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path
from typing import Any

from .members import read_member
from .model import ImageSource, TaskSnapshot, new_annotations, shape


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def export(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None, dumped: str) -> None:
    """``gt/gt.txt`` and ``gt/labels.txt``; with images, ``img1/NNNNNN<ext>``."""
    classes = {label.id: number for number, label in enumerate(task.labels, start=1)}
    rows = []
    for item in task.flat_shapes():
        if item.type != "rectangle":
            continue
        x1, y1, x2, y2 = item.points[:4]
        track = item.track_id + 1 if item.track_id is not None else -1
        visibility = "0.0" if item.occluded else "1.0"
        cells = (item.frame + 1, track, x1, y1, x2 - x1, y2 - y1, 1, classes[item.label.id], visibility)
        rows.append(",".join(c if isinstance(c, str) else _number(c) for c in cells))
    archive.writestr("gt/gt.txt", "".join(f"{row}\n" for row in rows))
    archive.writestr("gt/labels.txt", "".join(f"{label.name}\n" for label in task.labels))
    if images is not None:
        for frame in task.frames:
            picture = images(frame.number)
            archive.writestr(f"img1/{frame.number + 1:06d}{picture.ext}", picture.data)


def load(path: Path, task: TaskSnapshot) -> dict[str, Any]:
    """Tracks and rectangles from ``gt/gt.txt`` (class numbers named by ``gt/labels.txt``)."""
    if not zipfile.is_zipfile(path):
        raise ValueError("MOT annotations are expected in a zip archive (gt/gt.txt, gt/labels.txt)")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        gt = next((n for n in names if n.endswith("gt/gt.txt") or n == "gt.txt"), None)
        if gt is None:
            raise ValueError("The archive has no gt/gt.txt")
        labels_file = next((n for n in names if n.endswith("labels.txt")), None)
        label_names = read_member(archive, labels_file).decode("utf-8").split() if labels_file else []
        text = read_member(archive, gt).decode("utf-8")
    result = new_annotations()
    tracks: dict[int, dict[str, Any]] = {}
    for row in csv.reader(io.StringIO(text)):
        if len(row) < 6:
            continue
        frame = int(float(row[0])) - 1
        track_id = int(float(row[1]))
        x, y, w, h = (float(v) for v in row[2:6])
        class_number = int(float(row[7])) if len(row) > 7 else 1
        if not 1 <= class_number <= len(label_names):
            raise ValueError(f"Class {class_number} of gt.txt is not in labels.txt")
        label = task.label_named(label_names[class_number - 1])
        occluded = len(row) > 8 and float(row[8]) < 0.5
        if not 0 <= frame < task.size:
            raise ValueError(f"Frame {frame + 1} of gt.txt is outside the task")
        points = [x, y, x + w, y + h]
        if track_id < 0:
            result["shapes"].append(shape(frame, label, "rectangle", points, occluded=occluded))
            continue
        track = tracks.setdefault(
            track_id,
            {"id": None, "frame": frame, "label_id": label.id, "group": 0, "source": "manual", "shapes": [],
             "attributes": []},
        )  # fmt: skip
        track["shapes"].append(
            {"type": "rectangle", "occluded": occluded, "z_order": 0, "points": points, "id": None, "frame": frame,
             "outside": False, "attributes": []}
        )  # fmt: skip
    for track in tracks.values():
        track["shapes"].sort(key=lambda s: s["frame"])
        track["frame"] = track["shapes"][0]["frame"]
        last = track["shapes"][-1]
        if last["frame"] + 1 < task.size:
            track["shapes"].append({**last, "frame": last["frame"] + 1, "outside": True})
        result["tracks"].append(track)
    return result
