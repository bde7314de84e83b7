"""The objects visible at a frame, for a canvas that asks on every frame step.

Shapes are grouped by frame and sorted once; tracks are computed at the asked frame (:class:`TrackTimeline`).
A frame's list is ordered by ``z_order`` (lowest first, i.e. drawing order); equal ``z_order`` keeps cvat-core's
``Collection.get`` order: tracks, then shapes, each in the JSON's order.

As in ``Collection.get``, a track that is outside at the frame is left out unless the frame is one of its
keyframes (then it is listed with ``outside`` set, and a canvas should not draw it), or ``all_tracks`` is asked
for (the web client's "show all interpolation tracks").
"""

from __future__ import annotations

from collections import OrderedDict, defaultdict
from collections.abc import Mapping, Sequence
from operator import attrgetter
from typing import Any

from .labels import LabelSet
from .objects import Annotations, Shape, Tag, Track, attribute_map
from .tracks import TrackTimeline

SHAPE = "shape"
TRACK = "track"


class FrameObject:
    """A shape, or a track at one frame: what to draw and list. ``index`` is the object's position in the job's
    ``shapes`` or ``tracks``; ``source`` the object itself. ``attributes`` must be treated as read-only."""

    __slots__ = ("attributes", "index", "keyframe", "kind", "occluded", "outside", "points", "source", "z_order")

    def __init__(
        self,
        kind: str,
        index: int,
        source: Shape | Track,
        points: Sequence[float],
        occluded: bool,
        outside: bool,
        z_order: int,
        keyframe: bool,
        attributes: Mapping[int, Any],
    ) -> None:
        self.kind = kind
        self.index = index
        self.source = source
        self.points = points
        self.occluded = occluded
        self.outside = outside
        self.z_order = z_order
        self.keyframe = keyframe
        self.attributes = attributes

    @property
    def type(self) -> str:
        return self.source.type

    @property
    def label_id(self) -> int:
        return self.source.label_id

    @property
    def server_id(self) -> int | None:
        return self.source.id

    @property
    def group(self) -> int | None:
        return self.source.group

    @property
    def key(self) -> tuple[str, int]:
        """Identity within the job: (kind, index)."""
        return self.kind, self.index

    def __repr__(self) -> str:
        return f"FrameObject({self.kind}#{self.index} {self.type} z={self.z_order} outside={self.outside})"


_BY_Z = attrgetter("z_order")
RECENT_FRAMES = 64  # frames whose answers are kept (repaints and back-and-forth steps cost a list copy)


class FrameIndex:
    """A job's annotations indexed for "what is visible at frame F" queries."""

    def __init__(self, annotations: Annotations, labels: LabelSet | Sequence[Mapping[str, Any]]) -> None:
        self.annotations = annotations
        self.labels = LabelSet.from_json(labels)
        shapes_by_frame: dict[int, list[FrameObject]] = defaultdict(list)
        for index, shape in enumerate(annotations.shapes):
            attributes = self.labels.with_defaults(shape.label_id, attribute_map(shape.attributes))
            shapes_by_frame[shape.frame].append(
                FrameObject(SHAPE, index, shape, shape.points, shape.occluded, False, shape.z_order, True, attributes)
            )
        self._shapes: dict[int, list[FrameObject]] = {
            frame: sorted(objects, key=_BY_Z) for frame, objects in shapes_by_frame.items()
        }
        tags_by_frame: dict[int, list[Tag]] = defaultdict(list)
        for tag in annotations.tags:
            tags_by_frame[tag.frame].append(tag)
        self._tags = dict(tags_by_frame)
        self.timelines: list[TrackTimeline] = [
            TrackTimeline(track, self.labels) for track in annotations.tracks if track.shapes
        ]
        self._track_index = [index for index, track in enumerate(annotations.tracks) if track.shapes]
        self._recent: OrderedDict[tuple[int, bool], list[FrameObject]] = OrderedDict()

    @classmethod
    def from_json(cls, data: Mapping[str, Any], labels: Sequence[Mapping[str, Any]] | LabelSet) -> FrameIndex:
        """From labeled-data JSON and the task's labels JSON."""
        return cls(Annotations.from_json(data), labels)

    def shapes_at(self, frame: int) -> list[FrameObject]:
        """The shapes of ``frame`` in drawing order (a shared list: do not modify)."""
        return self._shapes.get(frame, [])

    def tracks_at(self, frame: int, *, all_tracks: bool = False) -> list[FrameObject]:
        """The tracks at ``frame`` in JSON order (outside ones only at their keyframes or with ``all_tracks``)."""
        result = []
        for index, timeline in zip(self._track_index, self.timelines, strict=True):
            state = timeline.at(frame, copy_attributes=False)
            if state.outside and not state.keyframe and not all_tracks:
                continue
            result.append(
                FrameObject(
                    TRACK,
                    index,
                    timeline.track,
                    state.points,
                    state.occluded,
                    state.outside,
                    state.z_order,
                    state.keyframe,
                    state.attributes,
                )
            )
        return result

    def objects_at(self, frame: int, *, all_tracks: bool = False) -> list[FrameObject]:
        """Every object at ``frame`` (tracks computed there), in drawing order: by ``z_order``, then tracks before
        shapes, then JSON order. The list is the caller's; the objects in it are shared and read-only."""
        key = (frame, all_tracks)
        recent = self._recent.get(key)
        if recent is not None:
            self._recent.move_to_end(key)
            return list(recent)
        result = self._compute(frame, all_tracks)
        self._recent[key] = result
        if len(self._recent) > RECENT_FRAMES:
            self._recent.popitem(last=False)
        return list(result)

    def _compute(self, frame: int, all_tracks: bool) -> list[FrameObject]:
        tracks = self.tracks_at(frame, all_tracks=all_tracks)
        shapes = self._shapes.get(frame)
        if not shapes:
            tracks.sort(key=_BY_Z)
            return tracks
        if not tracks:
            return list(shapes)
        tracks.extend(shapes)
        tracks.sort(key=_BY_Z)  # two sorted runs after the tracks: close to linear
        return tracks

    def tags_at(self, frame: int) -> list[Tag]:
        """The tags of ``frame``, in JSON order."""
        return self._tags.get(frame, [])
