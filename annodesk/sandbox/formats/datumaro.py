"""Datumaro 1.0: a whole Datumaro project, as CVAT v1.1 exports it: ``.datumaro/config.yaml``, the dataset in
Datumaro's own JSON (``dataset/annotations/default.json``: label categories with their attribute names, one item
per frame with bbox / polygon / polyline / points / label annotations) and a README; without images, a source
``sources/task_<id>_images`` (``config.json``, ``images_meta.json``) naming where the frames are, read by the
plugin in ``.datumaro/plugins``. Export only, as in CVAT v1.1 (which has no Datumaro importer). CVAT also adds a
copy of its command-line client; the sandbox does not."""

from __future__ import annotations

import json
import zipfile
from pathlib import PurePosixPath
from typing import Any

from .model import ImageSource, TaskSnapshot

REMOTE_IMAGES = "cvat_rest_api_task_images"
README = """# {name}

A Datumaro project exported from a CVAT v1.1-compatible server (the annodesk sandbox).

- `dataset/annotations/default.json`: the annotations, in Datumaro's own format.
- `sources/`: where the frames are, when they were not exported with the annotations
  (`config.json`: the server and task; `images_meta.json`: frame names and sizes).

Open it with `datum project info -p .` (Datumaro).
"""
# A Datumaro extractor plugin listing the task's frames from ``images_meta.json`` (the pictures stay on the server).
PLUGIN = """\"\"\"A task's frames on a CVAT server, listed from images_meta.json (the pictures stay there).\"\"\"

import json
import os.path as osp

from datumaro.components.extractor import DatasetItem, SourceExtractor


class cvat_rest_api_task_images(SourceExtractor):
    def __init__(self, url):
        super().__init__()
        with open(osp.join(url, "images_meta.json")) as meta:
            frames = json.load(meta)["images"]
        self._items = [DatasetItem(id=str(frame["id"]), attributes={"frame": frame["id"]}) for frame in frames]

    def __iter__(self):
        return iter(self._items)

    def __len__(self):
        return len(self._items)
"""
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
    archive.writestr("dataset/annotations/default.json", json.dumps(document, ensure_ascii=False))
    archive.writestr("README.md", README.format(name=task.name))
    source = f"task_{task.id}_images"
    if images is not None:
        archive.writestr(".datumaro/config.yaml", _config(task.name, None))
        for frame in task.frames:
            picture = images(frame.number)
            name = frame.name if PurePosixPath(frame.name).suffix else frame.name + picture.ext
            archive.writestr(f"dataset/images/{name}", picture.data)
        return
    archive.writestr(".datumaro/config.yaml", _config(task.name, source))
    host = task.server_url.split("://", 1)[-1] or "localhost"
    archive.writestr(f"sources/{source}/config.json", json.dumps({"server_url": host, "task_id": task.id}))
    meta = [
        {"id": f.number, "name": PurePosixPath(f.name).name, "width": f.width, "height": f.height} for f in task.frames
    ]
    archive.writestr(f"sources/{source}/images_meta.json", json.dumps({"images": meta}))
    archive.writestr(f".datumaro/plugins/{REMOTE_IMAGES}.py", PLUGIN)


def _config(name: str, source: str | None) -> str:
    """The project's ``config.yaml`` (JSON-quoted strings are valid YAML)."""
    sources = (
        f"sources:\n  {source}:\n    format: {REMOTE_IMAGES}\n    options: {{}}\n    url: ''\n"
        if source
        else "sources: {}\n"
    )
    return (
        f"format_version: 1\nmodels: {{}}\nproject_name: {json.dumps(name, ensure_ascii=False)}\n{sources}subsets: []\n"
    )
