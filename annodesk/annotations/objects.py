"""A job's annotations as typed, immutable objects, read from and written to the server's labeled-data JSON
(``{"version", "tags", "shapes", "tracks"}``, ``cvat-v1-api.md`` §6) without loss.

Lossless means ``Annotations.from_json(data).to_json() == data``: keys we do not model are kept and written back,
absent optional keys stay absent, lists keep their order. Coordinates become floats, as the server sends them.
Edits make new objects (``dataclasses.replace``), so snapshots of a job can be compared and merged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .jsonfields import emit, leftovers, missing, no_extra

SHAPE_TYPES = ("rectangle", "polygon", "polyline", "points", "cuboid")
# Point counts cvat-core accepts (``checkNumberOfPoints``): exact for rectangle and cuboid, minimum otherwise.
MIN_POINTS = {"rectangle": 2, "polygon": 3, "polyline": 2, "points": 1, "cuboid": 8}
EXACT_POINTS = {"rectangle": 2, "cuboid": 8}
_ATTRIBUTE_KEYS = frozenset(("spec_id", "value"))


@dataclass(frozen=True, slots=True)
class Attribute:
    """The value of attribute spec ``spec_id`` (values are strings on the server)."""

    spec_id: int
    value: Any
    extra: Mapping[str, Any] = field(default_factory=no_extra, compare=False)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Attribute:
        return cls(data["spec_id"], data["value"], leftovers(data, _ATTRIBUTE_KEYS))

    def to_json(self) -> dict[str, Any]:
        return emit((("spec_id", self.spec_id), ("value", self.value)), frozenset(), self.extra)


def _attributes(items: Iterable[Mapping[str, Any]]) -> tuple[Attribute, ...]:
    return tuple(Attribute.from_json(item) for item in items)


def attribute_map(attributes: Iterable[Attribute]) -> dict[int, Any]:
    """``spec id → value``; a spec listed twice keeps its last value (as cvat-core reads it)."""
    return {attribute.spec_id: attribute.value for attribute in attributes}


def _points(values: Iterable[Any]) -> tuple[float, ...]:
    return tuple(map(float, values))


@dataclass(frozen=True, slots=True)
class Tag:
    """A label on a whole frame."""

    frame: int
    label_id: int
    id: int | None = None
    group: int | None = 0
    source: str = "manual"
    attributes: tuple[Attribute, ...] = ()
    absent: frozenset[str] = frozenset()
    extra: Mapping[str, Any] = field(default_factory=no_extra, compare=False)

    _KEYS = frozenset(("id", "frame", "label_id", "group", "source", "attributes"))
    _OPTIONAL = frozenset(("id", "group", "source", "attributes"))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Tag:
        return cls(
            frame=data["frame"],
            label_id=data["label_id"],
            id=data.get("id"),
            group=data.get("group", 0),
            source=data.get("source", "manual"),
            attributes=_attributes(data.get("attributes", ())),
            absent=missing(data, cls._OPTIONAL),
            extra=leftovers(data, cls._KEYS),
        )

    def to_json(self) -> dict[str, Any]:
        pairs = (
            ("id", self.id),
            ("frame", self.frame),
            ("label_id", self.label_id),
            ("group", self.group),
            ("source", self.source),
            ("attributes", [a.to_json() for a in self.attributes]),
        )
        return emit(pairs, self.absent, self.extra)


@dataclass(frozen=True, slots=True)
class Shape:
    """A shape on one frame: ``type`` is one of :data:`SHAPE_TYPES`; ``points`` flat ``x0, y0, x1, y1, …``."""

    type: str
    frame: int
    label_id: int
    points: tuple[float, ...]
    occluded: bool = False
    z_order: int = 0
    id: int | None = None
    group: int | None = 0
    source: str = "manual"
    attributes: tuple[Attribute, ...] = ()
    absent: frozenset[str] = frozenset()
    extra: Mapping[str, Any] = field(default_factory=no_extra, compare=False)

    _KEYS = frozenset(
        ("type", "occluded", "z_order", "points", "id", "frame", "label_id", "group", "source", "attributes")
    )
    _OPTIONAL = frozenset(("occluded", "z_order", "id", "group", "source", "attributes"))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Shape:
        return cls(
            type=data["type"],
            frame=data["frame"],
            label_id=data["label_id"],
            points=_points(data["points"]),
            occluded=data.get("occluded", False),
            z_order=data.get("z_order", 0),
            id=data.get("id"),
            group=data.get("group", 0),
            source=data.get("source", "manual"),
            attributes=_attributes(data.get("attributes", ())),
            absent=missing(data, cls._OPTIONAL),
            extra=leftovers(data, cls._KEYS),
        )

    def to_json(self) -> dict[str, Any]:
        pairs = (
            ("type", self.type),
            ("occluded", self.occluded),
            ("z_order", self.z_order),
            ("points", list(self.points)),
            ("id", self.id),
            ("frame", self.frame),
            ("label_id", self.label_id),
            ("group", self.group),
            ("source", self.source),
            ("attributes", [a.to_json() for a in self.attributes]),
        )
        return emit(pairs, self.absent, self.extra)


@dataclass(frozen=True, slots=True)
class TrackedShape:
    """A keyframe of a track; ``attributes`` hold the mutable attributes set (or repeated) at this frame."""

    type: str
    frame: int
    points: tuple[float, ...]
    outside: bool = False
    occluded: bool = False
    z_order: int = 0
    id: int | None = None
    attributes: tuple[Attribute, ...] = ()
    absent: frozenset[str] = frozenset()
    extra: Mapping[str, Any] = field(default_factory=no_extra, compare=False)

    _KEYS = frozenset(("type", "occluded", "z_order", "points", "id", "frame", "outside", "attributes"))
    _OPTIONAL = frozenset(("occluded", "z_order", "id", "outside", "attributes"))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TrackedShape:
        return cls(
            type=data["type"],
            frame=data["frame"],
            points=_points(data["points"]),
            outside=data.get("outside", False),
            occluded=data.get("occluded", False),
            z_order=data.get("z_order", 0),
            id=data.get("id"),
            attributes=_attributes(data.get("attributes", ())),
            absent=missing(data, cls._OPTIONAL),
            extra=leftovers(data, cls._KEYS),
        )

    def to_json(self) -> dict[str, Any]:
        pairs = (
            ("type", self.type),
            ("occluded", self.occluded),
            ("z_order", self.z_order),
            ("points", list(self.points)),
            ("id", self.id),
            ("frame", self.frame),
            ("outside", self.outside),
            ("attributes", [a.to_json() for a in self.attributes]),
        )
        return emit(pairs, self.absent, self.extra)


@dataclass(frozen=True, slots=True)
class Track:
    """An object followed over frames by keyframes (``shapes``, in the JSON's order); ``attributes`` are the
    immutable ones. Its type is that of its first shape, as cvat-core's ``trackFactory`` decides."""

    frame: int
    label_id: int
    shapes: tuple[TrackedShape, ...]
    id: int | None = None
    group: int | None = 0
    source: str = "manual"
    attributes: tuple[Attribute, ...] = ()
    absent: frozenset[str] = frozenset()
    extra: Mapping[str, Any] = field(default_factory=no_extra, compare=False)

    _KEYS = frozenset(("id", "frame", "label_id", "group", "source", "shapes", "attributes"))
    _OPTIONAL = frozenset(("id", "group", "source", "attributes"))

    @property
    def type(self) -> str:
        return self.shapes[0].type if self.shapes else ""

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Track:
        return cls(
            frame=data["frame"],
            label_id=data["label_id"],
            shapes=tuple(TrackedShape.from_json(item) for item in data["shapes"]),
            id=data.get("id"),
            group=data.get("group", 0),
            source=data.get("source", "manual"),
            attributes=_attributes(data.get("attributes", ())),
            absent=missing(data, cls._OPTIONAL),
            extra=leftovers(data, cls._KEYS),
        )

    def to_json(self) -> dict[str, Any]:
        pairs = (
            ("id", self.id),
            ("frame", self.frame),
            ("label_id", self.label_id),
            ("group", self.group),
            ("source", self.source),
            ("shapes", [s.to_json() for s in self.shapes]),
            ("attributes", [a.to_json() for a in self.attributes]),
        )
        return emit(pairs, self.absent, self.extra)


@dataclass(frozen=True, slots=True)
class Annotations:
    """Everything annotated in a job (or task): ``version`` counts the job's saved changes."""

    version: int = 0
    tags: tuple[Tag, ...] = ()
    shapes: tuple[Shape, ...] = ()
    tracks: tuple[Track, ...] = ()
    absent: frozenset[str] = frozenset()
    extra: Mapping[str, Any] = field(default_factory=no_extra, compare=False)

    _KEYS = frozenset(("version", "tags", "shapes", "tracks"))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Annotations:
        """From labeled-data JSON (a decoded dict)."""
        return cls(
            version=data.get("version", 0),
            tags=tuple(Tag.from_json(item) for item in data.get("tags", ())),
            shapes=tuple(Shape.from_json(item) for item in data.get("shapes", ())),
            tracks=tuple(Track.from_json(item) for item in data.get("tracks", ())),
            absent=missing(data, cls._KEYS),
            extra=leftovers(data, cls._KEYS),
        )

    def to_json(self) -> dict[str, Any]:
        """Back to labeled-data JSON, equal to what was read when nothing changed."""
        pairs = (
            ("version", self.version),
            ("tags", [t.to_json() for t in self.tags]),
            ("shapes", [s.to_json() for s in self.shapes]),
            ("tracks", [t.to_json() for t in self.tracks]),
        )
        return emit(pairs, self.absent, self.extra)
