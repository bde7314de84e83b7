"""The objects of one frame as the workspace shows them, their filters, colours and counts. No Qt.

Shapes and tags are read as they are; a track's state at a frame comes from the annotations domain
(:func:`annodesk.annotations.track_at`, computed as CVAT v1.1's web client computes it). A track that is
outside at the frame is not on it (CVAT's default: "show all interpolation tracks" off).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import msgspec

from annodesk.api.annotation_models import Annotations
from annodesk.api.models import Label

SHAPE, TRACK, TAG = "shape", "track", "tag"
SHAPE_TYPES = ("rectangle", "polygon", "polyline", "points", "cuboid")
ObjectKey = tuple[str, int]  # (kind, server id): ids are per table, so a shape and a track may share one

# A 30-colour palette after CVAT's (used for labels without a colour, and for colour by instance or group).
PALETTE = (
    "#33ddff", "#fa3253", "#34d1b7", "#ff007c", "#ff6037", "#ddff33", "#24b353", "#b83df5", "#66ff66", "#32b7fa",
    "#ffcc33", "#83e070", "#fafa37", "#5986b3", "#8c78f0", "#ff6a4d", "#f078f0", "#2a7dd1", "#b25050", "#cc3366",
    "#cc9933", "#aaf0d1", "#ff00cc", "#3df53d", "#fa32b7", "#3d3df5", "#733380", "#f07c0c", "#8c8cff", "#ff6075",
)  # fmt: skip
NO_GROUP_COLOR = "#e0e0e0"
KIND_OFFSET = {SHAPE: 0, TRACK: 11, TAG: 23}  # colour by instance: a shape and a track with one id differ
COLOR_BY_LABEL, COLOR_BY_INSTANCE, COLOR_BY_GROUP = "label", "instance", "group"


@dataclass(frozen=True)
class FrameObject:
    """One object on the current frame. ``attributes``: (name, value) pairs in the label's order."""

    key: ObjectKey
    label_id: int
    label: str
    type: str  # a shape type, or "tag"
    points: tuple[float, ...] = ()
    occluded: bool = False
    outside: bool = False
    z_order: int = 0
    keyframe: bool = False
    group: int = 0
    source: str = "manual"
    attributes: tuple[tuple[str, str], ...] = ()
    color: str = PALETTE[0]

    @property
    def kind(self) -> str:
        return self.key[0]

    @property
    def server_id(self) -> int:
        return self.key[1]


@dataclass(frozen=True)
class ObjectFilter:
    """Which objects the panel lists and the canvas draws: ``None`` or empty text means "any"."""

    label_ids: frozenset[int] | None = None
    types: frozenset[str] | None = None
    attribute_text: str = ""  # a case-insensitive part of any attribute value (or of "name=value")

    @property
    def active(self) -> bool:
        return self.label_ids is not None or self.types is not None or bool(self.attribute_text.strip())

    def matches(self, obj: FrameObject) -> bool:
        if self.label_ids is not None and obj.label_id not in self.label_ids:
            return False
        if self.types is not None and obj.type not in self.types:
            return False
        text = self.attribute_text.strip().casefold()
        if text:
            return any(
                text in value.casefold() or text in f"{name}={value}".casefold() for name, value in obj.attributes
            )
        return True


def label_color(label: Label, index: int) -> str:
    """The task's colour for ``label``, else a palette colour by its place in the task."""
    return label.color or PALETTE[index % len(PALETTE)]


@dataclass
class FrameReader:
    """Reads the objects of any frame from one job's annotations (keeps the JSON ``track_at`` needs)."""

    annotations: Annotations
    labels: Sequence[Label]
    color_by: str = COLOR_BY_LABEL
    _labels_json: list[dict[str, Any]] = field(init=False, repr=False)
    _tracks_json: list[dict[str, Any]] = field(init=False, repr=False)
    _label_by_id: dict[int, tuple[int, Label]] = field(init=False, repr=False)
    _spec_names: dict[int, str] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._labels_json = msgspec.to_builtins(list(self.labels))
        self._tracks_json = msgspec.to_builtins(list(self.annotations.tracks))
        self._label_by_id = {label.id: (index, label) for index, label in enumerate(self.labels)}
        self._spec_names = {spec.id: spec.name for label in self.labels for spec in label.attributes}

    def objects_at(self, frame: int) -> list[FrameObject]:
        """Every object on ``frame``: its shapes, the tracks not outside there, and its tags (in that order)."""
        found: list[FrameObject] = []
        for shape in self.annotations.shapes:
            if shape.frame == frame and shape.id is not None:
                found.append(
                    self._object(
                        (SHAPE, shape.id),
                        shape.label_id,
                        shape.type,
                        shape.group,
                        shape.source,
                        {a.spec_id: a.value for a in shape.attributes},
                        points=tuple(shape.points),
                        occluded=shape.occluded,
                        z_order=shape.z_order,
                    )
                )
        if self.annotations.tracks:
            from annodesk.annotations import track_at  # the annotations domain (its own branch until merged)

            for track, track_json in zip(self.annotations.tracks, self._tracks_json, strict=True):
                if track.id is None or not track.shapes:
                    continue
                state = _as_mapping(track_at(track_json, frame, self._labels_json))
                if state is None or state["outside"]:
                    continue
                found.append(
                    self._object(
                        (TRACK, track.id),
                        track.label_id,
                        track.shapes[0].type,
                        track.group,
                        track.source,
                        {int(k): str(v) for k, v in dict(state["attributes"]).items()},
                        points=tuple(float(p) for p in state["points"]),
                        occluded=bool(state["occluded"]),
                        z_order=int(state["z_order"]),
                        keyframe=bool(state["keyframe"]),
                    )
                )
        for tag in self.annotations.tags:
            if tag.frame == frame and tag.id is not None:
                values = {a.spec_id: a.value for a in tag.attributes}
                found.append(self._object((TAG, tag.id), tag.label_id, TAG, tag.group, tag.source, values))
        return found

    def _object(
        self,
        key: ObjectKey,
        label_id: int,
        kind_type: str,
        group: int | None,
        source: str,
        values: Mapping[int, str],
        **geometry: Any,
    ) -> FrameObject:
        index, label = self._label_by_id.get(label_id, (0, None))
        attributes = (
            tuple((spec.name, values.get(spec.id, spec.default_value)) for spec in label.attributes) if label else ()
        )
        name = label.name if label else f"#{label_id}"
        return FrameObject(
            key,
            label_id,
            name,
            kind_type,
            group=group or 0,
            source=source,
            attributes=attributes,
            color=self._color(key, index, label, group or 0),
            **geometry,
        )

    def _color(self, key: ObjectKey, index: int, label: Label | None, group: int) -> str:
        if self.color_by == COLOR_BY_INSTANCE:
            return PALETTE[(key[1] + KIND_OFFSET[key[0]]) % len(PALETTE)]
        if self.color_by == COLOR_BY_GROUP:
            return PALETTE[group % len(PALETTE)] if group else NO_GROUP_COLOR
        return label_color(label, index) if label else PALETTE[0]


def _as_mapping(state: Any) -> Mapping[str, Any] | None:
    """``track_at``'s answer as a mapping (it may return a mapping or an object with the same fields)."""
    if state is None or isinstance(state, Mapping):
        return state
    names = ("points", "occluded", "outside", "z_order", "keyframe", "attributes")
    return {name: getattr(state, name) for name in names}


def sort_key(obj: FrameObject, order: str) -> tuple[Any, ...]:
    """Sort keys of the objects panel: ``id``, ``label``, ``type`` or ``z_order`` (ties by kind and id)."""
    primary: dict[str, Any] = {
        "id": obj.server_id,
        "label": obj.label.casefold(),
        "type": obj.type,
        "z_order": obj.z_order,
    }
    return (primary.get(order, obj.server_id), obj.kind, obj.server_id)


@dataclass(frozen=True)
class JobCounts:
    """How many objects a job has by label and type: shapes and tracks apart, tags on their own."""

    by_label: Mapping[int, Counter[str]]  # label id → "<type> shape" / "<type> track" / "tag" → count
    by_type: Counter[str]  # rectangle / polygon / … / tag → count of objects (shapes and tracks together)
    total: int


def job_counts(annotations: Annotations) -> JobCounts:
    """Count a job's objects as CVAT's job statistics do (a track counts once, whatever its length)."""
    by_label: dict[int, Counter[str]] = {}
    by_type: Counter[str] = Counter()
    rows: Iterable[tuple[int, str, str]] = (
        *((s.label_id, s.type, SHAPE) for s in annotations.shapes),
        *((t.label_id, t.shapes[0].type if t.shapes else "", TRACK) for t in annotations.tracks),
        *((t.label_id, TAG, TAG) for t in annotations.tags),
    )
    total = 0
    for label_id, kind_type, kind in rows:
        by_label.setdefault(label_id, Counter())[kind_type if kind == TAG else f"{kind_type} {kind}"] += 1
        by_type[kind_type] += 1
        total += 1
    return JobCounts(by_label, by_type, total)
