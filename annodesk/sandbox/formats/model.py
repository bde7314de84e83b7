"""What exporters read and importers resolve names against: a task's metadata, frames, labels and annotations
at one moment, with look-ups by name and per-frame views (tracks expanded between keyframes)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import PurePosixPath
from typing import Any

from ..frame_source import FrameBytes
from ..interpolation import interpolated_shapes

ImageSource = Callable[[int], FrameBytes]


@dataclass(frozen=True, slots=True)
class AttributeMeta:
    id: int
    name: str
    mutable: bool
    input_type: str
    default_value: str
    values: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LabelMeta:
    id: int
    name: str
    color: str
    attributes: tuple[AttributeMeta, ...]

    def attribute_named(self, name: str) -> AttributeMeta | None:
        return next((a for a in self.attributes if a.name == name), None)


@dataclass(frozen=True, slots=True)
class FrameMeta:
    number: int
    name: str
    width: int
    height: int

    @property
    def stem(self) -> str:
        """The name without folders or extension (``images/0001.jpg`` → ``0001``), as item ids are."""
        return PurePosixPath(self.name).stem


@dataclass(frozen=True, slots=True)
class Person:
    username: str
    email: str


@dataclass(frozen=True, slots=True)
class FlatShape:
    """A shape on one frame with names resolved: a labeled shape, or a track's shape on that frame."""

    frame: int
    label: LabelMeta
    type: str
    points: list[float]
    occluded: bool
    z_order: int
    group: int
    source: str
    attributes: list[tuple[str, str]]
    track_id: int | None = None
    outside: bool = False
    keyframe: bool = True


@dataclass
class TaskSnapshot:
    """A task as of the export (or import) request."""

    id: int
    name: str
    mode: str
    overlap: int
    bug_tracker: str
    created: str
    updated: str
    start_frame: int
    stop_frame: int
    frame_filter: str
    z_order: bool
    labels: list[LabelMeta]
    segments: list[tuple[int, int, int]]  # (job id, start, stop)
    owner: Person | None
    assignee: Person | None
    frames: list[FrameMeta]
    annotations: dict[str, Any] = field(default_factory=dict)
    server_url: str = ""

    @property
    def size(self) -> int:
        return len(self.frames)

    # Look-ups --------------------------------------------------------------------------------------
    def label(self, label_id: int) -> LabelMeta:
        return next(label for label in self.labels if label.id == label_id)

    def label_named(self, name: str) -> LabelMeta:
        """The task's label called ``name``; an unknown name is an import error."""
        for label in self.labels:
            if label.name == name:
                return label
        raise ValueError(f"Label '{name}' is not registered for this task")

    def spec_name(self, label: LabelMeta, spec_id: int) -> str | None:
        attribute = next((a for a in label.attributes if a.id == spec_id), None)
        return attribute.name if attribute else None

    def match_frame(self, name: str) -> int | None:
        """The frame a file name or item id refers to (full path, path or base name without extension)."""
        wanted = name.replace("\\", "/")
        wanted_stem = str(PurePosixPath(wanted).with_suffix("")) if PurePosixPath(wanted).suffix else wanted
        for frame in self.frames:
            path = PurePosixPath(frame.name)
            if wanted in (frame.name, str(path.with_suffix(""))) or wanted_stem == str(path.with_suffix("")):
                return frame.number
        base = PurePosixPath(wanted_stem).name
        matches = [frame.number for frame in self.frames if frame.stem == base]
        return matches[0] if len(matches) == 1 else None

    def frame_of(self, name: str, fallback: int | None = None) -> int:
        """``match_frame`` or the fallback number; an import error when neither names a task frame."""
        number = self.match_frame(name)
        if number is None and fallback is not None and 0 <= fallback < self.size:
            number = fallback
        if number is None:
            raise ValueError(f"Could not match item id: '{name}' with any task frame")
        return number

    def named_attributes(self, label: LabelMeta, values: Iterable[dict[str, Any]]) -> list[tuple[str, str]]:
        result = []
        for value in values:
            name = self.spec_name(label, value["spec_id"])
            if name is not None:
                result.append((name, value["value"]))
        return result

    def resolve_attributes(self, label: LabelMeta, pairs: Iterable[tuple[str, Any]]) -> list[dict[str, Any]]:
        """``{"spec_id", "value"}`` for the pairs naming attributes of ``label`` (others are dropped)."""
        result = []
        for name, value in pairs:
            attribute = label.attribute_named(str(name))
            if attribute is not None:
                text = str(value).lower() if isinstance(value, bool) else str(value)
                result.append({"spec_id": attribute.id, "value": text})
        return result

    # Views -----------------------------------------------------------------------------------------
    def flat_shapes(self, *, with_tracks: bool = True, keep_outside: bool = False) -> list[FlatShape]:
        """Labeled shapes, plus every frame of every track (between keyframes) unless ``with_tracks`` is false."""
        result = []
        for shape in self.annotations.get("shapes", []):
            label = self.label(shape["label_id"])
            result.append(
                FlatShape(
                    frame=shape["frame"],
                    label=label,
                    type=shape["type"],
                    points=list(shape["points"]),
                    occluded=shape["occluded"],
                    z_order=shape["z_order"],
                    group=shape.get("group") or 0,
                    source=shape["source"],
                    attributes=self.named_attributes(label, shape["attributes"]),
                )
            )
        if with_tracks:
            for index, track in enumerate(self.annotations.get("tracks", [])):
                result.extend(self.track_shapes(index, track, keep_outside=keep_outside))
        return sorted(result, key=lambda shape: shape.frame)

    def track_shapes(self, index: int, track: dict[str, Any], *, keep_outside: bool = False) -> list[FlatShape]:
        """A track's shape on every frame from its first keyframe (outside ones only if ``keep_outside``)."""
        label = self.label(track["label_id"])
        track_attributes = self.named_attributes(label, track["attributes"])
        shapes = []
        for shape in interpolated_shapes(track, self.size - 1):
            if shape["outside"] and not keep_outside:
                continue
            shapes.append(
                FlatShape(
                    frame=shape["frame"],
                    label=label,
                    type=shape["type"],
                    points=list(shape["points"]),
                    occluded=shape["occluded"],
                    z_order=shape["z_order"],
                    group=track.get("group") or 0,
                    source=track["source"],
                    attributes=track_attributes + self.named_attributes(label, shape["attributes"]),
                    track_id=index,
                    outside=shape["outside"],
                    keyframe=shape["keyframe"],
                )
            )
        return shapes

    def by_frame(self, shapes: Iterable[FlatShape]) -> dict[int, list[FlatShape]]:
        grouped: dict[int, list[FlatShape]] = {frame.number: [] for frame in self.frames}
        for shape in shapes:
            grouped.setdefault(shape.frame, []).append(shape)
        return grouped

    def tags_by_frame(self) -> dict[int, list[tuple[LabelMeta, dict[str, Any]]]]:
        grouped: dict[int, list[tuple[LabelMeta, dict[str, Any]]]] = {frame.number: [] for frame in self.frames}
        for tag in self.annotations.get("tags", []):
            grouped.setdefault(tag["frame"], []).append((self.label(tag["label_id"]), tag))
        return grouped


def python_datetime_text(iso: str) -> str:
    """``2026-11-24T00:38:39.857252Z`` as ``str(datetime)`` writes it: ``2026-11-24 00:38:39.857252+00:00``."""
    return str(datetime.fromisoformat(iso))


def new_annotations() -> dict[str, list[dict[str, Any]]]:
    """Empty imported annotations."""
    return {"tags": [], "shapes": [], "tracks": []}


def shape(
    frame: int,
    label: LabelMeta,
    kind: str,
    points: Iterable[float],
    *,
    occluded: bool = False,
    z_order: int = 0,
    group: int = 0,
    source: str = "manual",
    attributes: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """A labeled shape to import."""
    return {
        "type": kind,
        "occluded": occluded,
        "z_order": z_order,
        "points": [float(p) for p in points],
        "id": None,
        "frame": frame,
        "label_id": label.id,
        "group": group,
        "source": source,
        "attributes": attributes or [],
    }


def tag(frame: int, label: LabelMeta, *, group: int = 0, source: str = "manual", attributes: Any = None) -> dict:
    """A tag to import."""
    return {
        "id": None,
        "frame": frame,
        "label_id": label.id,
        "group": group,
        "source": source,
        "attributes": attributes or [],
    }
