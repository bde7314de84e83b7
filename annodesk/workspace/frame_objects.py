"""The objects of one frame as the workspace shows them, their filters, colours and counts. No Qt.

What is on a frame comes from the annotations domain (:class:`annodesk.annotations.FrameIndex`: tracks computed
as CVAT v1.1's web client computes them); this module adds names, colours and the panel's filters.
"""

from __future__ import annotations

import zlib
from collections import Counter, OrderedDict, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import attrgetter
from typing import Any

import msgspec

from annodesk.annotations import LabelSet, TrackTimeline, attribute_map, group_color, instance_color
from annodesk.annotations import label_color as domain_label_color
from annodesk.annotations.colors import NO_GROUP_COLOR
from annodesk.annotations.identity import SHAPES, TAGS, TRACKS, item_id
from annodesk.annotations.objects import Annotations as Document
from annodesk.annotations.objects import Shape, Tag
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
RECENT_FRAMES = 64  # frames whose objects are kept (repaints and back-and-forth steps cost a list copy)
_BY_Z = attrgetter("z_order")
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
    model): shapes and tags grouped by frame, tracks computed as CVAT's web client does (the annotations domain's
    :class:`~annodesk.annotations.TrackTimeline`), in the order of :class:`~annodesk.annotations.FrameIndex`
    (z-order, then tracks before shapes, then the JSON's order).

    After an edit, :meth:`update` takes the new document and re-reads only what changed: the frames of the shapes
    and tags that changed, the tracks that changed; the objects of shapes and tags are kept per object, so reading
    a frame of thousands of shapes again costs a lookup per shape.
    """

    def __init__(
        self, annotations: Document | Annotations, labels: Sequence[Label], color_by: str = COLOR_BY_LABEL
    ) -> None:
        self.color_by = color_by
        self.labels = tuple(labels)
        self.label_set = LabelSet.from_json(msgspec.to_builtins(list(labels)))
        self._label_by_id = {label.id: (index, label) for index, label in enumerate(labels)}
        self._label_colors = {label.id: label_color(label, index) for index, label in enumerate(labels)}
        self.document = annotations if isinstance(annotations, Document) else as_document(annotations)
        self._shapes: dict[int, list[Shape]] = _by_frame(self.document.shapes, sort=True)
        self._tags: dict[int, list[Tag]] = _by_frame(self.document.tags, sort=False)
        self._timelines = [TrackTimeline(track, self.label_set) for track in self.document.tracks if track.shapes]
        self._made: dict[int, tuple[Shape | Tag, FrameObject]] = {}  # by id() of the shape or tag it was made of
        self._recent: OrderedDict[int, list[FrameObject]] = OrderedDict()
        self._stale: set[tuple[str, int]] = set()  # (kind, frame) whose shapes or tags an edit changed
        self._positions: dict[ObjectKey, int] = {}  # where each object is in _positions_of (a cached frame's list)
        self._positions_of: list[FrameObject] | None = None
        # After update(): the objects of frame ``patched_frame`` that changed (None: went), when that frame was
        # patched in place; None when it has to be read again.
        self.patched: dict[ObjectKey, FrameObject | None] | None = None
        self.patched_frame: int | None = None

    # ---- reading ---------------------------------------------------------------------------------------------------

    def objects_at(self, frame: int) -> list[FrameObject]:
        """Every object on ``frame`` in drawing order (z-order), then its tags. A track is listed at an outside
        keyframe (``outside`` set: not drawn) and left out on the other frames where it is outside."""
        recent = self._recent.get(frame)
        if recent is not None:
            self._recent.move_to_end(frame)
            return list(recent)
        found = [obj for timeline in self._timelines if (obj := self._track_object(timeline, frame)) is not None]
        found.extend(self._cached(shape, SHAPE) for shape in self._frame_items(SHAPE, frame))
        found.sort(key=_BY_Z)  # tracks first on a tie: a stable sort of two sorted runs
        found.extend(self._cached(tag, TAG) for tag in self._frame_items(TAG, frame))
        self._recent[frame] = found
        if len(self._recent) > RECENT_FRAMES:
            self._recent.popitem(last=False)
        return list(found)

    def _track_object(self, timeline: TrackTimeline, frame: int) -> FrameObject | None:
        state = timeline.at(frame, copy_attributes=False)
        if state.outside and not state.keyframe:
            return None
        track = timeline.track
        return self._object(
            (TRACK, item_id(track)),
            track.id,
            track.label_id,
            track.type,
            track.group,
            track.source,
            state.attributes,
            points=tuple(state.points),
            occluded=bool(state.occluded),
            outside=bool(state.outside),
            z_order=int(state.z_order),
            keyframe=bool(state.keyframe),
        )

    def _cached(self, item: Shape | Tag, kind: str) -> FrameObject:
        made = self._made.get(id(item))
        if made is not None and made[0] is item:
            return made[1]
        values = self.label_set.with_defaults(item.label_id, attribute_map(item.attributes))
        if isinstance(item, Shape):
            obj = self._object(
                (kind, item_id(item)),
                item.id,
                item.label_id,
                item.type,
                item.group,
                item.source,
                values,
                points=item.points,
                occluded=bool(item.occluded),
                z_order=int(item.z_order),
                keyframe=True,
            )
        else:
            obj = self._object((kind, item_id(item)), item.id, item.label_id, TAG, item.group, item.source, values)
        self._made[id(item)] = (item, obj)
        return obj

    # ---- after an edit ---------------------------------------------------------------------------------------------

    def update(self, document: Document) -> set[ObjectKey]:
        """Take ``document`` (an edit of the current one: unchanged objects are the same Python objects) and re-read
        what changed; returns the keys of the objects that changed, appeared or went. The frame read last is patched
        in place when the edit kept its drawing order (a move, a drag, an attribute, a deletion); other frames the
        edit touched are read again when asked for."""
        old, self.document = self.document, document
        touched: set[ObjectKey] = set()
        came_by_key: dict[ObjectKey, Shape | Tag | TrackTimeline] = {}
        frames: set[int] = set()
        for kind, old_items, new_items in ((SHAPE, old.shapes, document.shapes), (TAG, old.tags, document.tags)):
            if old_items is new_items:
                continue
            gone, came = _changed(old_items, new_items)
            for item in gone:
                touched.add((kind, item_id(item)))
                frames.add(item.frame)
                self._made.pop(id(item), None)
            for item in came:
                key = (kind, item_id(item))
                touched.add(key)
                frames.add(item.frame)
                came_by_key[key] = item
            self._stale.update((kind, frame) for frame in frames)
        tracks_changed = old.tracks is not document.tracks
        if tracks_changed:
            gone, came = _changed(old.tracks, document.tracks)
            touched.update((TRACK, item_id(track)) for track in gone)
            kept = {id(timeline.track): timeline for timeline in self._timelines}
            self._timelines = [
                kept.get(id(track)) or TrackTimeline(track, self.label_set) for track in document.tracks if track.shapes
            ]
            made = {id(timeline.track): timeline for timeline in self._timelines}
            for track in came:
                key = (TRACK, item_id(track))
                touched.add(key)
                if id(track) in made:
                    came_by_key[key] = made[id(track)]
        latest = next(reversed(self._recent), None) if self._recent else None
        self.patched, self.patched_frame = None, None
        for frame in list(self._recent):
            if tracks_changed or frame in frames:
                patched = self._patched(frame, touched, came_by_key) if frame == latest else None
                if patched is None:
                    del self._recent[frame]
                else:
                    self._recent[frame] = patched
        return touched

    def _patched(
        self, frame: int, touched: set[ObjectKey], came: Mapping[ObjectKey, Shape | Tag | TrackTimeline]
    ) -> list[FrameObject] | None:
        """The cached objects of ``frame`` with the ``touched`` ones replaced or removed, or None when the edit
        changed the drawing order there (an object added, or a z-order changed): then the frame is read again."""
        cached = self._recent[frame]
        if self._positions_of is not cached:
            self._positions = {obj.key: index for index, obj in enumerate(cached)}
            self._positions_of = cached
        positions = self._positions
        changes: dict[ObjectKey, FrameObject | None] = {}
        for key in touched:
            new = self._object_at(came.get(key), key[0], frame)
            index = positions.get(key)
            if index is None:
                if new is None:
                    continue
                return None  # a new object: its place in the drawing order is found by reading the frame again
            if new is not None and new.z_order != cached[index].z_order and new.type != TAG:
                return None
            changes[key] = new
        removed = {positions[key] for key, new in changes.items() if new is None}
        for key, new in changes.items():
            if new is not None:
                cached[positions[key]] = new
        self.patched, self.patched_frame = changes, frame
        return [obj for index, obj in enumerate(cached) if index not in removed] if removed else cached

    def _object_at(self, item: Shape | Tag | TrackTimeline | None, kind: str, frame: int) -> FrameObject | None:
        if item is None:
            return None
        if isinstance(item, TrackTimeline):
            return self._track_object(item, frame)
        return self._cached(item, kind) if item.frame == frame else None

    def _frame_items(self, kind: str, frame: int) -> list[Any]:
        """The shapes (sorted by z-order) or tags of ``frame``, read again from the document after an edit there."""
        grouped: dict[int, list[Any]] = self._shapes if kind == SHAPE else self._tags
        if (kind, frame) in self._stale:
            self._stale.discard((kind, frame))
            items = self.document.shapes if kind == SHAPE else self.document.tags
            found = [item for item in items if item.frame == frame]
            if kind == SHAPE:
                found.sort(key=_BY_Z)
            if found:
                grouped[frame] = found
            else:
                grouped.pop(frame, None)
        return grouped.get(frame, [])

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


def _by_frame(items: Iterable[Any], *, sort: bool) -> dict[int, list[Any]]:
    grouped: dict[int, list[Any]] = defaultdict(list)
    for item in items:
        grouped[item.frame].append(item)
    if sort:
        for found in grouped.values():
            found.sort(key=_BY_Z)
    return dict(grouped)


def _changed(old: Sequence[Any], new: Sequence[Any]) -> tuple[Sequence[Any], Sequence[Any]]:
    """The objects of ``old`` and ``new`` between their common start and end (compared by identity: an edit keeps
    every object it does not change)."""
    start, limit = 0, min(len(old), len(new))
    while start < limit and old[start] is new[start]:
        start += 1
    end_old, end_new = len(old), len(new)
    while end_old > start and end_new > start and old[end_old - 1] is new[end_new - 1]:
        end_old -= 1
        end_new -= 1
    return old[start:end_old], new[start:end_new]


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
