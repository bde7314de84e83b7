"""CVAT's XML annotation file (``annotations.xml``, version 1.1), Qt-free and shared: the sandbox's "CVAT for
images/video 1.1" exporters write it with :class:`XmlWriter` and :func:`coordinates`, and :func:`job_xml` writes
one job's document — the offline edits of a checkout that can no longer be synced (issue 16) — as a file that
CVAT's "CVAT 1.1" importer reads back.

:func:`job_xml` writes, like CVAT's dumper: ``<version>``, ``<meta>`` (the task, its labels with their attributes,
the job's segment), one ``<image>`` per frame of the job with its shapes (``<box>``, ``<polygon>``…) and tags, and
each track as a ``<track>`` with its keyframes (``keyframe="1"``; CVAT's importer keeps keyframes only, so nothing
is lost and nothing is interpolated twice). Immutable attributes of a track are repeated on each of its shapes and
its mutable ones are per keyframe, as in CVAT's "CVAT for video" files; the importer splits them again. Unlike
CVAT's dumper, ``z_order`` is written whatever the task's setting (the importer reads it): nothing drawn is lost.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from .labels import Label, LabelSet
from .objects import Annotations, Attribute

CUBOID_KEYS = (
    "xtl1", "ytl1", "xbl1", "ybl1", "xtr1", "ytr1", "xbr1", "ybr1",
    "xtl2", "ytl2", "xbl2", "ybl2", "xtr2", "ytr2", "xbr2", "ybr2",
)  # fmt: skip
SHAPE_TAGS = {"rectangle": "box", "polygon": "polygon", "polyline": "polyline", "points": "points", "cuboid": "cuboid"}


class XmlWriter:
    """A small streaming XML writer that indents like CVAT's dumper (two spaces, one element per line):
    ``open``/``close`` nest, ``leaf`` writes one element with text."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._level = 0
        out.write('<?xml version="1.0" encoding="utf-8"?>')

    def _start(self, tag: str, attributes: Mapping[str, str] | None) -> str:
        attrs = "".join(f" {name}={quoteattr(str(value))}" for name, value in (attributes or {}).items())
        return f"<{tag}{attrs}>"

    def open(self, tag: str, attributes: Mapping[str, str] | None = None) -> None:
        self._out.write("\n" + "  " * self._level + self._start(tag, attributes))
        self._level += 1

    def close(self, tag: str) -> None:
        self._level -= 1
        self._out.write("\n" + "  " * self._level + f"</{tag}>")

    def leaf(self, tag: str, text: str = "", attributes: Mapping[str, str] | None = None) -> None:
        self._out.write("\n" + "  " * self._level + self._start(tag, attributes) + escape(str(text)) + f"</{tag}>")


def coordinates(kind: str, points: Sequence[float]) -> dict[str, str]:
    """A shape's points as CVAT's XML attributes (two decimals, as CVAT writes them)."""
    if kind == "rectangle":
        return dict(zip(("xtl", "ytl", "xbr", "ybr"), (f"{p:.2f}" for p in points[:4]), strict=True))
    if kind == "cuboid":
        return dict(zip(CUBOID_KEYS, (f"{p:.2f}" for p in points[:16]), strict=False))
    pairs = zip(points[::2], points[1::2], strict=False)
    return {"points": ";".join(f"{x:.2f},{y:.2f}" for x, y in pairs)}


@dataclass(frozen=True)
class FrameInfo:
    """One frame of the job as ``<image>`` names it: task-relative number, file name, size."""

    number: int
    name: str
    width: int
    height: int


@dataclass(frozen=True)
class JobInfo:
    """What ``<meta>`` says of the job and its task."""

    job_id: int
    task_id: int
    task_name: str
    mode: str
    start_frame: int  # the task's data start frame (``<image id>`` is the absolute frame number)
    stop_frame: int
    frame_filter: str
    z_order: bool
    job_start: int
    job_stop: int
    server_url: str = ""
    dumped: str = ""


def frame_step(frame_filter: str) -> int:
    """The step of a task's frame filter (``step=3`` → 3; 1 without one)."""
    text = frame_filter.partition("=")[2].strip()
    return int(text) if text.isdigit() and int(text) > 0 else 1


def _named(label: Label | None, values: Iterable[Attribute]) -> list[tuple[str, str]]:
    names = {spec.id: spec.name for spec in label.attributes} if label is not None else {}
    return [(names[value.spec_id], _text(value.value)) for value in values if value.spec_id in names]


def _text(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def _meta(xml: XmlWriter, info: JobInfo, labels: LabelSet, size: int) -> None:
    xml.leaf("version", "1.1")
    xml.open("meta")
    xml.open("task")
    for key, value in (
        ("id", info.task_id),
        ("name", info.task_name),
        ("size", size),
        ("mode", info.mode),
        ("start_frame", info.start_frame),
        ("stop_frame", info.stop_frame),
        ("frame_filter", info.frame_filter),
        ("z_order", info.z_order),
    ):
        xml.leaf(key, str(value))
    xml.open("labels")
    for label in labels.labels:
        xml.open("label")
        xml.leaf("name", label.name)
        xml.leaf("color", label.color or "")
        xml.open("attributes")
        for spec in label.attributes:
            xml.open("attribute")
            xml.leaf("name", spec.name)
            xml.leaf("mutable", str(spec.mutable))
            xml.leaf("input_type", spec.input_type)
            xml.leaf("default_value", str(spec.default_value))
            xml.leaf("values", "\n".join(spec.values))
            xml.close("attribute")
        xml.close("attributes")
        xml.close("label")
    xml.close("labels")
    xml.open("segments")
    xml.open("segment")
    xml.leaf("id", str(info.job_id))
    xml.leaf("start", str(info.job_start))
    xml.leaf("stop", str(info.job_stop))
    xml.leaf("url", f"{info.server_url}/?id={info.job_id}")
    xml.close("segment")
    xml.close("segments")
    xml.close("task")
    xml.leaf("dumped", info.dumped)
    xml.close("meta")


def _shape(xml: XmlWriter, kind: str, head: dict[str, str], points: Sequence[float], z_order: int,
           attributes: list[tuple[str, str]]) -> None:  # fmt: skip
    data = {**head, **coordinates(kind, points), "z_order": str(z_order)}
    element = SHAPE_TAGS[kind]
    if not attributes:
        xml.leaf(element, "", data)
        return
    xml.open(element, data)
    for name, value in attributes:
        xml.leaf("attribute", value, {"name": name})
    xml.close(element)


def job_xml(document: Annotations, labels: LabelSet, frames: Sequence[FrameInfo], info: JobInfo) -> str:
    """One job's annotations as CVAT's ``annotations.xml`` (see the module's docstring)."""
    out = io.StringIO()
    xml = XmlWriter(out)
    xml.open("annotations")
    _meta(xml, info, labels, len(frames))
    step = frame_step(info.frame_filter)
    shapes: dict[int, list[int]] = {}
    for index, item in enumerate(document.shapes):
        shapes.setdefault(item.frame, []).append(index)
    tags: dict[int, list[int]] = {}
    for index, tag in enumerate(document.tags):
        tags.setdefault(tag.frame, []).append(index)
    for frame in frames:
        absolute = info.start_frame + frame.number * step
        xml.open(
            "image",
            {"id": str(absolute), "name": frame.name, "width": str(frame.width), "height": str(frame.height)},
        )
        for index in shapes.get(frame.number, ()):
            item = document.shapes[index]
            label = labels.by_id.get(item.label_id)
            head = {"label": label.name if label else str(item.label_id), "occluded": str(int(item.occluded)),
                    "source": item.source}  # fmt: skip
            if item.group:
                head["group_id"] = str(item.group)
            _shape(xml, item.type, head, item.points, item.z_order, _named(label, item.attributes))
        for index in tags.get(frame.number, ()):
            tag = document.tags[index]
            label = labels.by_id.get(tag.label_id)
            data = {"label": label.name if label else str(tag.label_id), "source": tag.source}
            if tag.group:
                data["group_id"] = str(tag.group)
            xml.open("tag", data)
            for name, value in _named(label, tag.attributes):
                xml.leaf("attribute", value, {"name": name})
            xml.close("tag")
        xml.close("image")
    for number, track in enumerate(document.tracks):
        label = labels.by_id.get(track.label_id)
        data = {"id": str(number), "label": label.name if label else str(track.label_id), "source": track.source}
        if track.group:
            data["group_id"] = str(track.group)
        xml.open("track", data)
        fixed = _named(label, track.attributes)
        for shape in sorted(track.shapes, key=lambda s: s.frame):
            head = {
                "frame": str(info.start_frame + shape.frame * step),
                "outside": str(int(shape.outside)),
                "occluded": str(int(shape.occluded)),
                "keyframe": "1",
            }
            values = fixed + _named(label, shape.attributes)
            _shape(xml, shape.type, head, shape.points, shape.z_order, values)
        xml.close("track")
    xml.close("annotations")
    return out.getvalue()
