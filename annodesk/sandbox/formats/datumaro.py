"""Datumaro 1.0: the dataset as Datumaro's own JSON (``annotations/default.json``): label categories with
their attribute names, one item per frame with bbox / polygon / polyline / points / label annotations.
Export only, as in CVAT v1.1 (which has no Datumaro importer)."""

from __future__ import annotations

import json
import zipfile
from pathlib import PurePosixPath
from typing import Any

from .model import ImageSource, TaskSnapshot

TYPES = {"rectangle": "bbox", "polygon": "polygon", "polyline": "polyline", "points": "points"}


def export(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None, dumped: str) -> None:
    """Cuboids have no Datumaro type and are left out."""
    indices = {label.id: index for index, label in enumerate(task.labels)}
    shapes = task.by_frame(task.flat_shapes())
    tags = task.tags_by_frame()
    items = []
    for frame in task.frames:
        annotations: list[dict[str, Any]] = []
        for item in shapes.get(frame.number, []):
            if item.type not in TYPES:
                continue
            entry: dict[str, Any] = {
                "id": len(annotations),
                "type": TYPES[item.type],
                "attributes": {**dict(item.attributes), "occluded": item.occluded},
                "group": item.group,
                "label_id": indices[item.label.id],
                "z_order": item.z_order,
            }
            if item.track_id is not None:
                entry["attributes"]["track_id"] = item.track_id
            if item.type == "rectangle":
                x1, y1, x2, y2 = item.points[:4]
                entry["bbox"] = [x1, y1, x2 - x1, y2 - y1]
            else:
                entry["points"] = list(item.points)
            annotations.append(entry)
        for label, tag in tags.get(frame.number, []):
            annotations.append(
                {
                    "id": len(annotations),
                    "type": "label",
                    "attributes": dict(task.named_attributes(label, tag["attributes"])),
                    "group": tag.get("group") or 0,
                    "label_id": indices[label.id],
                }
            )
        items.append(
            {
                "id": str(PurePosixPath(frame.name).with_suffix("")),
                "annotations": annotations,
                "attr": {"frame": frame.number},
                "image": {"size": [frame.height, frame.width], "path": frame.name},
            }
        )
    document = {
        "info": {},
        "categories": {
            "label": {
                "labels": [
                    {"name": label.name, "parent": "", "attributes": [a.name for a in label.attributes]}
                    for label in task.labels
                ],
                "attributes": ["occluded"],
            }
        },
        "items": items,
    }
    archive.writestr("annotations/default.json", json.dumps(document, ensure_ascii=False))
    if images is not None:
        for frame in task.frames:
            picture = images(frame.number)
            name = frame.name if PurePosixPath(frame.name).suffix else frame.name + picture.ext
            archive.writestr(f"images/{name}", picture.data)
