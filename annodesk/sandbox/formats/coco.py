"""COCO 1.0 (instances): ``annotations/instances_default.json`` as CVAT's Datumaro-based exporter writes it
(rectangles as boxes, polygons as segmentations, attributes and ``occluded`` under ``attributes``), and the
importer for such a JSON file, alone or in a zip."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any

from .geometry import bbox, polygon_area
from .members import read_member
from .model import FlatShape, ImageSource, TaskSnapshot, new_annotations, shape

INSTANCES = "annotations/instances_default.json"


def typed_attributes(item: FlatShape) -> dict[str, Any]:
    """Every attribute of the shape's label, in label order, typed as Datumaro reads them from CVAT: numbers as
    floats, checkboxes as booleans, the rest as text; a value the shape lacks is the attribute's default."""
    given = dict(item.attributes)
    typed: dict[str, Any] = {}
    for spec in item.label.attributes:
        value = given.get(spec.name, spec.default_value)
        if spec.input_type == "number":
            try:
                typed[spec.name] = float(value)
            except ValueError:
                typed[spec.name] = value
        elif spec.input_type == "checkbox":
            typed[spec.name] = value.lower() == "true"
        else:
            typed[spec.name] = value
    return typed


def _attribute_text(value: Any) -> Any:
    """A typed COCO attribute value as CVAT's text: ``true``/``false``, ``42`` for ``42.0``."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return value


def export(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None, dumped: str) -> None:
    """Categories are the task's labels (ids from 1), images its frames (ids from 1)."""
    categories = {label.id: number for number, label in enumerate(task.labels, start=1)}
    document: dict[str, Any] = {
        "licenses": [{"name": "", "id": 0, "url": ""}],
        "info": {"contributor": "", "date_created": "", "description": "", "url": "", "version": "", "year": ""},
        "categories": [
            {"id": number, "name": label.name, "supercategory": ""} for number, label in enumerate(task.labels, start=1)
        ],
        "images": [
            {
                "id": frame.number + 1,
                "width": frame.width,
                "height": frame.height,
                "file_name": PurePosixPath(frame.name).name,
                "license": 0,
                "flickr_url": "",
                "coco_url": "",
                "date_captured": 0,
            }
            for frame in task.frames
        ],
        "annotations": [],
    }
    for item in task.flat_shapes():
        if item.type not in ("rectangle", "polygon"):
            continue
        if item.type == "rectangle":
            x1, y1, x2, y2 = item.points[:4]
            box = (x1, y1, x2 - x1, y2 - y1)
            segmentation: list[list[float]] = []
            area = box[2] * box[3]
        else:
            box = bbox(item.points)
            segmentation = [list(item.points)]
            area = polygon_area(item.points)
        attributes = typed_attributes(item)
        attributes["occluded"] = item.occluded
        document["annotations"].append(
            {
                "id": 0,  # CVAT v1.1's Datumaro COCO writer: shapes have no annotation ids
                "image_id": item.frame + 1,
                "category_id": categories[item.label.id],
                "segmentation": segmentation,
                "area": area,
                "bbox": list(box),
                "iscrowd": 0,
                "attributes": attributes,
            }
        )
    archive.writestr(INSTANCES, json.dumps(document, ensure_ascii=False))
    if images is not None:
        for frame in task.frames:
            picture = images(frame.number)
            name = PurePosixPath(frame.name).name
            archive.writestr(f"images/{name if PurePosixPath(name).suffix else name + picture.ext}", picture.data)


def _document(path: Path) -> dict[str, Any]:
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = [n for n in archive.namelist() if n.lower().endswith(".json")]
            preferred = [n for n in names if PurePosixPath(n).name.startswith("instances")] or names
            if not preferred:
                raise ValueError("The archive has no COCO instances file (annotations/instances_*.json)")
            text = read_member(archive, preferred[0])
    else:
        text = path.read_bytes()
    try:
        document = json.loads(text)
    except (ValueError, RecursionError) as error:
        raise ValueError(f"The file is not valid COCO JSON: {error}") from None
    if not isinstance(document, dict) or "annotations" not in document or "images" not in document:
        raise ValueError("The file is not a COCO instances file (no 'images' or 'annotations')")
    return document


def load(path: Path, task: TaskSnapshot) -> dict[str, Any]:
    """Boxes become rectangles, polygon segmentations polygons (crowd masks: their box)."""
    document = _document(path)
    result = new_annotations()
    labels = {c["id"]: task.label_named(c["name"]) for c in document.get("categories", [])}
    frames = {
        image["id"]: task.frame_of(str(image.get("file_name", "")), int(image["id"]) - 1)
        for image in document["images"]
    }
    for item in document["annotations"]:
        label = labels.get(item.get("category_id"))
        frame = frames.get(item.get("image_id"))
        if label is None or frame is None:
            raise ValueError(f"Annotation {item.get('id')} names an unknown category or image")
        raw_attributes = dict(item.get("attributes") or {})
        occluded = bool(raw_attributes.pop("occluded", False))
        attributes = task.resolve_attributes(label, ((k, _attribute_text(v)) for k, v in raw_attributes.items()))
        segmentation = item.get("segmentation")
        polygons = segmentation if isinstance(segmentation, list) and not item.get("iscrowd") else []
        polygons = [p for p in polygons if isinstance(p, list) and len(p) >= 6]
        if polygons:
            for points in polygons:
                result["shapes"].append(
                    shape(frame, label, "polygon", points, occluded=occluded, attributes=attributes)
                )
        else:
            x, y, w, h = item["bbox"]
            result["shapes"].append(
                shape(frame, label, "rectangle", (x, y, x + w, y + h), occluded=occluded, attributes=attributes)
            )
    return result
