"""The objects of one frame as the workspace shows them, their filters, colours and counts. No Qt.

What is on a frame comes from the annotations domain (:class:`annodesk.annotations.FrameIndex`: tracks computed
as CVAT v1.1's web client computes them); this module adds names, colours and the panel's filters.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import msgspec

from annodesk.annotations import SHAPE as DOMAIN_SHAPE
from annodesk.annotations import FrameIndex, attribute_map, group_color, instance_color
from annodesk.annotations import label_color as domain_label_color
from annodesk.annotations.colors import NO_GROUP_COLOR
from annodesk.annotations.identity import SHAPES, TAGS, TRACKS, item_id
from annodesk.annotations.objects import Annotations as Document
from annodesk.api.annotation_models import Annotations
from annodesk.api.models import Label

SHAPE, TRACK, TAG = "shape", "track", "tag"
SHAPE_TYPES = ("rectangle", "polygon", "polyline", "points", "cuboid")
ObjectKey = tuple[str, int | str]
"""(kind, domain item id): the client id (str) of an object made here, else its server id (int). Ids are per table,
so a shape and a track may share one; the key of an object never changes, not even when a save gives it an id."""

DOMAIN_KIND = {SHAPE: SHAPES, TRACK: TRACKS, TAG: TAGS}
WORKSPACE_KIND = {domain: kind for kind, domain in DOMAIN_KIND.items()}


def domain_key(key: ObjectKey) -> tuple[str, int | str]:
    """The annotations domain's key (``("shapes", id)``…) of a workspace key (``("shape", id)``…)."""
    return DOMAIN_KIND[key[0]], key[1]


def workspace_key(key: tuple[str, int | str]) -> ObjectKey:
    """The workspace key of a domain key."""
    return WORKSPACE_KIND[key[0]], key[1]


COLOR_BY_LABEL, COLOR_BY_INSTANCE, COLOR_BY_GROUP = "label", "instance", "group"
KIND_OFFSET = {SHAPE: 0, TRACK: 11, TAG: 23}  # colour by instance: a shape and a track with one id differ


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
    color: str = NO_GROUP_COLOR
    server_id: int | None = None  # None until a save gives an object made here its id; an int key is its own

    def __post_init__(self) -> None:
        if self.server_id is None and isinstance(self.key[1], int):
            object.__setattr__(self, "server_id", self.key[1])

    @property
    def kind(self) -> str:
        return self.key[0]


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
    return domain_label_color(label.color, index)


class FrameReader:
    """Reads the objects of any frame from one job's annotations (the domain's :class:`Annotations`, or the API's
    model), through the annotations domain's :class:`~annodesk.annotations.FrameIndex` (shapes grouped by frame,
    tracks computed as CVAT's web client does)."""

    def __init__(
        self, annotations: Document | Annotations, labels: Sequence[Label], color_by: str = COLOR_BY_LABEL
    ) -> None:
        self.color_by = color_by
        self.labels = tuple(labels)
        self.labels_json = msgspec.to_builtins(list(labels))
        self.document = annotations if isinstance(annotations, Document) else as_document(annotations)
        self.index = FrameIndex(self.document, self.labels_json)
        self._label_by_id = {label.id: (index, label) for index, label in enumerate(labels)}
        self._label_colors = {label.id: label_color(label, index) for index, label in enumerate(labels)}

    def objects_at(self, frame: int) -> list[FrameObject]:
        """Every object on ``frame`` in drawing order (z-order), then its tags. A track is listed at an outside
        keyframe (``outside`` set: not drawn) and left out on the other frames where it is outside."""
        found: list[FrameObject] = []
        for item in self.index.objects_at(frame):
            source = item.source
            kind = SHAPE if item.kind == DOMAIN_SHAPE else TRACK
            found.append(
                self._object(
                    (kind, item_id(source)),
                    source.id,
                    item.label_id,
                    item.type,
                    item.group,
                    source.source,
                    item.attributes,
                    points=tuple(item.points),
                    occluded=bool(item.occluded),
                    outside=bool(item.outside),
                    z_order=int(item.z_order),
                    keyframe=bool(item.keyframe),
                )
            )
        for tag in self.index.tags_at(frame):
            values = self.index.labels.with_defaults(tag.label_id, attribute_map(tag.attributes))
            found.append(self._object((TAG, item_id(tag)), tag.id, tag.label_id, TAG, tag.group, tag.source, values))
        return found

    def _object(
        self,
        key: ObjectKey,
        server_id: int | None,
        label_id: int,
        kind_type: str,
        group: int | None,
        source: str,
        values: Mapping[int, Any],
        **geometry: Any,
    ) -> FrameObject:
        index, label = self._label_by_id.get(label_id, (0, None))
        attributes = (
            tuple((spec.name, str(values.get(spec.id, spec.default_value))) for spec in label.attributes)
            if label
            else ()
        )
        return FrameObject(
            key,
            label_id,
            label.name if label else f"#{label_id}",
            kind_type,
            group=group or 0,
            source=source,
            attributes=attributes,
            color=self._color(key, index, label, group or 0),
            server_id=server_id,
            **geometry,
        )

    def _color(self, key: ObjectKey, index: int, label: Label | None, group: int) -> str:
        if self.color_by == COLOR_BY_INSTANCE:
            return instance_color(instance_number(key[1]) + KIND_OFFSET[key[0]])
        if self.color_by == COLOR_BY_GROUP:
            return group_color(group)
        return self._label_colors[label.id] if label else instance_color(0)


def instance_number(value: int | str) -> int:
    """A number for an object's instance colour: its server id, or a stable hash of its client id."""
    return value if isinstance(value, int) else zlib.crc32(value.encode())


def as_document(annotations: Annotations) -> Document:
    """The API's labeled data as the annotations domain's lossless document."""
    return Document.from_json(msgspec.to_builtins(annotations))


@dataclass(frozen=True)
class JobCounts:
    """How many objects a job has by label and type: shapes and tracks apart, tags on their own."""

    by_label: Mapping[int, Counter[str]]  # label id → "<type> shape" / "<type> track" / "tag" → count
    by_type: Counter[str]  # rectangle / polygon / … / tag → count of objects (shapes and tracks together)
    total: int


def job_counts(annotations: Annotations | Document) -> JobCounts:
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
