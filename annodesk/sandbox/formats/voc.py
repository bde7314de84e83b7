"""PASCAL VOC 1.1: ``Annotations/<id>.xml`` with a ``<bndbox>`` object per rectangle (and its attributes),
``ImageSets/Main`` lists (tags as image-level classes), segmentation masks of the polygons, ``labelmap.txt``.
The importer reads boxes, image-level classes and masks back."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree.ElementTree import Element, SubElement, fromstring, indent, tostring

from .masks import labelmap, load_segmentation, write_segmentation
from .members import read_member
from .model import FlatShape, ImageSource, TaskSnapshot, new_annotations, shape, tag


def _text(parent: Element, name: str, text: str = "") -> Element:
    element = SubElement(parent, name)
    element.text = text
    return element


def _object(parent: Element, item: FlatShape) -> None:
    obj = SubElement(parent, "object")
    _text(obj, "name", item.label.name)
    _text(obj, "pose", "Unspecified")
    _text(obj, "truncated", "0")
    _text(obj, "difficult", "0")
    _text(obj, "occluded", str(int(item.occluded)))
    box = SubElement(obj, "bndbox")
    for name, value in zip(("xmin", "ymin", "xmax", "ymax"), item.points[:4], strict=True):
        _text(box, name, f"{value:.2f}")
    if item.attributes:
        attributes = SubElement(obj, "attributes")
        for name, text in item.attributes:
            attribute = SubElement(attributes, "attribute")
            _text(attribute, "name", name)
            _text(attribute, "value", text)


def export(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None, dumped: str) -> None:
    """Boxes for rectangles, masks for polygons, Main lists for tags; with images, ``JPEGImages/``."""
    shapes = task.by_frame(task.flat_shapes())
    tags = task.tags_by_frame()
    stems = []
    for frame in task.frames:
        stem = PurePosixPath(frame.name).stem
        stems.append(stem)
        root = Element("annotation")
        _text(root, "folder", "")
        _text(root, "filename", PurePosixPath(frame.name).name)
        source = SubElement(root, "source")
        for name in ("database", "annotation", "image"):
            _text(source, name, "Unknown")
        size = SubElement(root, "size")
        _text(size, "width", str(frame.width))
        _text(size, "height", str(frame.height))
        _text(size, "depth", "")
        polygons = [s for s in shapes.get(frame.number, []) if s.type == "polygon"]
        _text(root, "segmented", "1" if polygons else "0")
        for item in shapes.get(frame.number, []):
            if item.type == "rectangle":
                _object(root, item)
        indent(root)
        archive.writestr(f"Annotations/{stem}.xml", tostring(root, encoding="unicode"))
        if images is not None:
            picture = images(frame.number)
            archive.writestr(f"JPEGImages/{stem}{picture.ext}", picture.data)
    archive.writestr("ImageSets/Main/default.txt", "".join(f"{stem}\n" for stem in stems))
    has_tags = any(tags.values())  # image-level classes: lists only when some frame has one
    for label in task.labels if has_tags else ():
        present = {number for number, found in tags.items() if any(t[0].id == label.id for t in found)}
        lines = "".join(
            f"{stem} {1 if frame.number in present else -1}\n" for stem, frame in zip(stems, task.frames, strict=True)
        )
        archive.writestr(f"ImageSets/Main/{label.name}_default.txt", lines)
    polygon_shapes = {n: [s for s in found if s.type == "polygon"] for n, found in shapes.items()}
    if any(polygon_shapes.values()):  # masks only when some were drawn
        write_segmentation(task, archive, polygon_shapes)
    else:
        archive.writestr("labelmap.txt", labelmap(task))


def _boxes(task: TaskSnapshot, archive: zipfile.ZipFile) -> list[dict[str, Any]]:
    result = []
    for member in sorted(archive.namelist()):
        path = PurePosixPath(member)
        if path.parent.name != "Annotations" or path.suffix.lower() != ".xml":
            continue
        root = fromstring(read_member(archive, member))
        frame = task.frame_of((root.findtext("filename") or "").strip() or path.stem)
        for obj in root.iter("object"):
            label = task.label_named((obj.findtext("name") or "").strip())
            box = obj.find("bndbox")
            if box is None:
                continue
            points = [float(box.findtext(name) or 0) for name in ("xmin", "ymin", "xmax", "ymax")]
            pairs = [((a.findtext("name") or "").strip(), a.findtext("value") or "") for a in obj.iter("attribute")]
            occluded = (obj.findtext("occluded") or "0").strip() == "1"
            attributes = task.resolve_attributes(label, pairs)
            result.append(shape(frame, label, "rectangle", points, occluded=occluded, attributes=attributes))
    return result


def _image_classes(task: TaskSnapshot, archive: zipfile.ZipFile) -> list[dict[str, Any]]:
    result = []
    for member in sorted(archive.namelist()):
        path = PurePosixPath(member)
        if path.parent.name != "Main" or not path.name.endswith("_default.txt") or path.name == "default.txt":
            continue
        label = task.label_named(path.name[: -len("_default.txt")])
        for line in read_member(archive, member).decode("utf-8").splitlines():
            item, _, flag = line.strip().rpartition(" ")
            if item and flag == "1":
                result.append(tag(task.frame_of(item), label))
    return result


def load(path: Path, task: TaskSnapshot) -> dict[str, Any]:
    """Boxes, image-level classes (tags) and mask polygons from a VOC zip."""
    if not zipfile.is_zipfile(path):
        raise ValueError("PASCAL VOC annotations are expected in a zip archive")
    result = new_annotations()
    with zipfile.ZipFile(path) as archive:
        result["shapes"] = _boxes(task, archive) + load_segmentation(task, archive)
        result["tags"] = _image_classes(task, archive)
    return result
