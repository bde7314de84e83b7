"""CVAT's own XML: "CVAT for images 1.1" and "CVAT for video 1.1" exports, and the "CVAT 1.1" importer
(an ``annotations.xml``, alone or in a zip) that reads both."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path, PurePosixPath
from typing import IO, Any
from xml.etree.ElementTree import Element, iterparse

from annodesk.annotations.cvat_xml import CUBOID_KEYS, SHAPE_TAGS, XmlWriter, coordinates

from .members import open_member
from .model import FlatShape, ImageSource, TaskSnapshot, new_annotations, python_datetime_text, shape, tag


def _frame_step(task: TaskSnapshot) -> int:
    text = task.frame_filter.partition("=")[2].strip()
    return int(text) if text.isdigit() and int(text) > 0 else 1


def _absolute(task: TaskSnapshot, frame: int) -> int:
    return task.start_frame + frame * _frame_step(task)


def _write_meta(xml: XmlWriter, task: TaskSnapshot, dumped: str) -> None:
    xml.leaf("version", "1.1")
    xml.open("meta")
    xml.open("task")
    for key, value in (
        ("id", task.id),
        ("name", task.name),
        ("size", task.size),
        ("mode", task.mode),
        ("overlap", task.overlap),
        ("bugtracker", task.bug_tracker),
        ("created", python_datetime_text(task.created)),
        ("updated", python_datetime_text(task.updated)),
        ("start_frame", task.start_frame),
        ("stop_frame", task.stop_frame),
        ("frame_filter", task.frame_filter),
        ("z_order", task.z_order),
    ):
        xml.leaf(key, str(value))
    xml.open("labels")
    for label in task.labels:
        xml.open("label")
        xml.leaf("name", label.name)
        xml.leaf("color", label.color)
        xml.open("attributes")
        for attribute in label.attributes:
            xml.open("attribute")
            xml.leaf("name", attribute.name)
            xml.leaf("mutable", str(attribute.mutable))
            xml.leaf("input_type", attribute.input_type)
            xml.leaf("default_value", attribute.default_value)
            xml.leaf("values", "\n".join(attribute.values))
            xml.close("attribute")
        xml.close("attributes")
        xml.close("label")
    xml.close("labels")
    xml.open("segments")
    for job_id, start, stop in task.segments:
        xml.open("segment")
        xml.leaf("id", str(job_id))
        xml.leaf("start", str(start))
        xml.leaf("stop", str(stop))
        xml.leaf("url", f"{task.server_url}/?id={job_id}")
        xml.close("segment")
    xml.close("segments")
    for role, person in (("owner", task.owner), ("assignee", task.assignee)):
        if person is None:
            xml.leaf(role)
        else:
            xml.open(role)
            xml.leaf("username", person.username)
            xml.leaf("email", person.email)
            xml.close(role)
    if task.mode == "interpolation" and task.frames:
        xml.open("original_size")
        xml.leaf("width", str(task.frames[0].width))
        xml.leaf("height", str(task.frames[0].height))
        xml.close("original_size")
    xml.close("task")
    xml.leaf("dumped", dumped)
    xml.close("meta")


def _write_shape(xml: XmlWriter, task: TaskSnapshot, item: FlatShape, head: dict[str, str]) -> None:
    data = {**head, **coordinates(item.type, item.points)}
    if task.z_order:
        data["z_order"] = str(item.z_order)
    if item.group and item.track_id is None:
        data["group_id"] = str(item.group)
    element = SHAPE_TAGS[item.type]
    if not item.attributes:
        xml.leaf(element, "", data)
        return
    xml.open(element, data)
    for name, value in item.attributes:
        xml.leaf("attribute", value, {"name": name})
    xml.close(element)


def _write_images(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None) -> None:
    if images is None:
        return
    for frame in task.frames:
        picture = images(frame.number)
        name = frame.name if PurePosixPath(frame.name).suffix else frame.name + picture.ext
        archive.writestr(f"images/{name}", picture.data)


def export_images(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None, dumped: str) -> None:
    """ "CVAT for images 1.1": one ``<image>`` per frame with its shapes (tracks expanded) and tags."""
    out = io.StringIO()
    xml = XmlWriter(out)
    xml.open("annotations")
    _write_meta(xml, task, dumped)
    shapes = task.by_frame(task.flat_shapes())
    tags = task.tags_by_frame()
    for frame in task.frames:
        xml.open(
            "image",
            {
                "id": str(_absolute(task, frame.number)),
                "name": frame.name,
                "width": str(frame.width),
                "height": str(frame.height),
            },
        )
        for item in shapes.get(frame.number, []):
            head = {"label": item.label.name, "occluded": str(int(item.occluded)), "source": item.source}
            _write_shape(xml, task, item, head)
        for label, tag_item in tags.get(frame.number, []):
            data = {"label": label.name, "source": tag_item["source"]}
            if tag_item.get("group"):
                data["group_id"] = str(tag_item["group"])
            xml.open("tag", data)
            for name, value in task.named_attributes(label, tag_item["attributes"]):
                xml.leaf("attribute", value, {"name": name})
            xml.close("tag")
        xml.close("image")
    xml.close("annotations")
    archive.writestr("annotations.xml", out.getvalue())
    _write_images(task, archive, images)


def export_video(task: TaskSnapshot, archive: zipfile.ZipFile, images: ImageSource | None, dumped: str) -> None:
    """ "CVAT for video 1.1": ``<track>`` elements with a shape per frame (keyframes marked); a plain shape
    becomes a one-frame track closed by an outside shape on the next frame. Tags are not part of this format."""
    out = io.StringIO()
    xml = XmlWriter(out)
    xml.open("annotations")
    _write_meta(xml, task, dumped)
    step = _frame_step(task)
    counter = 0
    for index, track in enumerate(task.annotations.get("tracks", [])):
        shapes = task.track_shapes(index, track, keep_outside=True)
        _write_track(xml, task, counter, shapes, track.get("group") or 0)
        counter += 1
    for item in task.flat_shapes(with_tracks=False):
        closing = []
        if _absolute(task, item.frame) + step <= task.stop_frame:
            closing = [FlatShape(**{**_fields(item), "frame": item.frame + 1, "outside": True})]
        _write_track(xml, task, counter, [item, *closing], item.group)
        counter += 1
    xml.close("annotations")
    archive.writestr("annotations.xml", out.getvalue())
    _write_images(task, archive, images)


def _fields(item: FlatShape) -> dict[str, Any]:
    return {name: getattr(item, name) for name in FlatShape.__slots__}


def _write_track(xml: XmlWriter, task: TaskSnapshot, number: int, shapes: list[FlatShape], group: int) -> None:
    if not shapes:
        return
    data = {"id": str(number), "label": shapes[0].label.name, "source": shapes[0].source}
    if group:
        data["group_id"] = str(group)
    xml.open("track", data)
    for item in shapes:
        head = {
            "frame": str(_absolute(task, item.frame)),
            "outside": str(int(item.outside)),
            "occluded": str(int(item.occluded)),
            "keyframe": str(int(item.keyframe)),
        }
        _write_shape(xml, task, FlatShape(**{**_fields(item), "track_id": number}), head)
    xml.close("track")


# Import ---------------------------------------------------------------------------------------------


@contextmanager
def _xml_stream(path: Path) -> Iterator[IO[bytes]]:
    """The XML file, or the archive's ``annotations.xml``, streamed (a member within the size limit)."""
    if not zipfile.is_zipfile(path):
        with path.open("rb") as stream:
            yield stream
        return
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.lower().endswith(".xml")]
        if not names:
            raise ValueError("The archive has no annotations.xml")
        preferred = next((n for n in names if PurePosixPath(n).name == "annotations.xml"), names[0])
        with open_member(archive, preferred) as stream:
            yield stream


def _points(element: Element) -> list[float]:
    if element.tag == "box":
        return [float(element.attrib[key]) for key in ("xtl", "ytl", "xbr", "ybr")]
    if element.tag == "cuboid":
        return [float(element.attrib[key]) for key in CUBOID_KEYS]
    return [float(v) for pair in element.attrib["points"].split(";") for v in pair.split(",")]


def _relative(task: TaskSnapshot, absolute: int) -> int:
    return (absolute - task.start_frame) // _frame_step(task)


def load(path: Path, task: TaskSnapshot) -> dict[str, Any]:
    """Read ``annotations.xml`` (images or video flavour): shapes, tags, and tracks from their keyframes."""
    result = new_annotations()
    frame: int | None = None
    track: dict[str, Any] | None = None
    attributes: list[tuple[str, str]] = []
    frames: dict[tuple[str, int], int] = {}
    parents: list[Element] = []  # the open elements: a finished one is taken off its parent, so memory stays flat
    with _xml_stream(path) as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            name = element.tag
            if event == "start":
                parents.append(element)
                if name == "track":
                    label = task.label_named(element.attrib["label"])
                    track = {
                        "id": None,
                        "frame": 0,
                        "label_id": label.id,
                        "group": int(element.attrib.get("group_id", 0)),
                        "source": element.attrib.get("source", "manual"),
                        "shapes": [],
                        "attributes": [],
                    }
                elif name == "image":
                    fallback = _relative(task, int(element.attrib.get("id", -1)))
                    key = (element.attrib.get("name", ""), fallback)
                    if key not in frames:  # a name is matched once, not once per <image> (the match is slow)
                        frames[key] = task.frame_of(*key)
                    frame = frames[key]
                elif name in (*SHAPE_TAGS.values(), "tag"):
                    attributes = []
                continue
            if name == "attribute" and (frame is not None or track is not None):
                attributes.append((element.attrib.get("name", ""), element.text or ""))
            elif name in SHAPE_TAGS.values() and track is not None:
                _track_shape(task, track, element, attributes)
            elif name in SHAPE_TAGS.values() and frame is not None:
                label = task.label_named(element.attrib["label"])
                kind = "rectangle" if name == "box" else name
                result["shapes"].append(
                    shape(
                        frame,
                        label,
                        kind,
                        _points(element),
                        occluded=element.attrib.get("occluded") == "1",
                        z_order=int(element.attrib.get("z_order", 0)),
                        group=int(element.attrib.get("group_id", 0)),
                        source=element.attrib.get("source", "manual"),
                        attributes=task.resolve_attributes(label, attributes),
                    )
                )
            elif name == "tag" and frame is not None:
                label = task.label_named(element.attrib["label"])
                result["tags"].append(
                    tag(
                        frame,
                        label,
                        group=int(element.attrib.get("group_id", 0)),
                        source=element.attrib.get("source", "manual"),
                        attributes=task.resolve_attributes(label, attributes),
                    )
                )
            elif name == "track" and track is not None:
                if track["shapes"]:
                    track["frame"] = track["shapes"][0]["frame"]
                    result["tracks"].append(track)
                track = None
            elif name == "image":
                frame = None
            element.clear()
            parents.pop()
            if parents:
                parents[-1].remove(element)
    return result


def _track_shape(task: TaskSnapshot, track: dict[str, Any], element: Element, attributes: list) -> None:
    if element.attrib.get("keyframe", "1") != "1":
        return
    label = task.label(track["label_id"])
    resolved = task.resolve_attributes(label, attributes)
    mutable = {a.id for a in label.attributes if a.mutable}
    for value in resolved:
        if value["spec_id"] not in mutable and value not in track["attributes"]:
            track["attributes"].append(value)
    track["shapes"].append(
        {
            "type": "rectangle" if element.tag == "box" else element.tag,
            "occluded": element.attrib.get("occluded") == "1",
            "z_order": int(element.attrib.get("z_order", 0)),
            "points": _points(element),
            "id": None,
            "frame": _relative(task, int(element.attrib["frame"])),
            "outside": element.attrib.get("outside") == "1",
            "attributes": [value for value in resolved if value["spec_id"] in mutable],
        }
    )
