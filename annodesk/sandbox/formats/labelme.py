"""LabelMe 3.0: one XML file per frame (``default/<name>.xml``) with an ``<object>`` per rectangle (type
``bounding_box``) or polygon; attributes as ``name=value, …``. The importer reads these files from a zip."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import Any
from xml.etree.ElementTree import Element, SubElement, fromstring, indent, tostring

from .geometry import rectangle_polygon
from .members import read_member
from .model import ImageSource, TaskSnapshot, new_annotations, shape

FOLDER = "default"


def _text(parent: Element, tag: str, text: str = "") -> Element:
    element = SubElement(parent, tag)
    element.text = text
    return element


def _number(value: float) -> str:
    return f"{value:g}" if float(value).is_integer() else f"{value:.2f}"


def export(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None, dumped: str) -> None:
    """Rectangles and polygons (LabelMe has no polylines, points or cuboids); tracks on every frame they show."""
    shapes = task.by_frame(task.flat_shapes())
    for frame in task.frames:
        name = PurePosixPath(frame.name).name
        root = Element("annotation")
        _text(root, "filename", name)
        _text(root, "folder", "")
        source = SubElement(root, "source")
        _text(source, "sourceImage", "")
        _text(source, "sourceAnnotation", "Datumaro")
        size = SubElement(root, "imagesize")
        _text(size, "nrows", str(frame.height))
        _text(size, "ncols", str(frame.width))
        for index, item in enumerate(s for s in shapes.get(frame.number, []) if s.type in ("rectangle", "polygon")):
            obj = SubElement(root, "object")
            _text(obj, "name", item.label.name)
            _text(obj, "deleted", "0")
            _text(obj, "verified", "0")
            _text(obj, "occluded", "yes" if item.occluded else "no")
            _text(obj, "date", "")
            _text(obj, "id", str(index))
            parts = SubElement(obj, "parts")
            _text(parts, "hasparts", "")
            _text(parts, "ispartof", "")
            points = item.points
            if item.type == "rectangle":
                _text(obj, "type", "bounding_box")
                points = rectangle_polygon(item.points)
            polygon = SubElement(obj, "polygon")
            for x, y in zip(points[0::2], points[1::2], strict=False):
                point = SubElement(polygon, "pt")
                _text(point, "x", _number(x))
                _text(point, "y", _number(y))
            _text(polygon, "username", "")
            _text(obj, "attributes", ", ".join(f"{key}={value}" for key, value in item.attributes))
        indent(root)
        archive.writestr(f"{FOLDER}/{PurePosixPath(name).stem}.xml", tostring(root, encoding="unicode"))
        if images is not None:
            picture = images(frame.number)
            archive.writestr(f"{FOLDER}/{name if PurePosixPath(name).suffix else name + picture.ext}", picture.data)


def _attributes(text: str) -> list[tuple[str, str]]:
    """``a=1, b=x, y`` → ``[("a", "1"), ("b", "x, y")]`` (a part without ``=`` continues the value before it)."""
    pairs: list[tuple[str, str]] = []
    for part in text.split(","):
        key, sep, value = part.partition("=")
        if sep and key.strip():
            pairs.append((key.strip(), value.strip()))
        elif pairs:
            name, before = pairs[-1]
            pairs[-1] = (name, f"{before},{part}".strip())
    return pairs


def load(path: Path, task: TaskSnapshot) -> dict[str, Any]:
    """Every ``*.xml`` annotation in the zip; its ``filename`` (or the XML's name) picks the frame."""
    if not zipfile.is_zipfile(path):
        raise ValueError("LabelMe annotations are expected in a zip archive")
    result = new_annotations()
    with zipfile.ZipFile(path) as archive:
        for member in sorted(n for n in archive.namelist() if n.lower().endswith(".xml")):
            root = fromstring(read_member(archive, member))
            if root.tag != "annotation":
                continue
            filename = (root.findtext("filename") or "").strip() or PurePosixPath(member).stem
            frame = task.frame_of(filename)
            for obj in root.iter("object"):
                if (obj.findtext("deleted") or "0").strip() == "1":
                    continue
                label = task.label_named((obj.findtext("name") or "").strip())
                points = [float(point.findtext(axis) or 0) for point in obj.iter("pt") for axis in ("x", "y")]
                if len(points) < 6:
                    continue
                occluded = (obj.findtext("occluded") or "no").strip() == "yes"
                attributes = task.resolve_attributes(label, _attributes(obj.findtext("attributes") or ""))
                if (obj.findtext("type") or "").strip() == "bounding_box":
                    xs, ys = points[0::2], points[1::2]
                    kind, points = "rectangle", [min(xs), min(ys), max(xs), max(ys)]
                else:
                    kind = "polygon"
                result["shapes"].append(shape(frame, label, kind, points, occluded=occluded, attributes=attributes))
    return result
