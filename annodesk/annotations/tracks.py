"""A track at any frame, as CVAT v1.1's web client shows it (``Track.get``, ``boundedKeyframes``, ``getPosition``,
``getAttributes`` and each track type's ``interpolatePosition`` in ``cvat-core/src/annotations-objects.js``;
§2.4–2.5 of the annotation-view reference).

For frame *t*: ``left`` is *t* when it is a keyframe, else the last keyframe before it; ``next`` is the first
keyframe after *t*.

- ``left`` and ``next``: the position between them at ``(t − left) / (next − left)`` — rectangles and cuboids
  move each coordinate in a straight line; points only when both keyframes hold exactly one point (else the left
  keyframe holds); polylines and polygons are resampled (:mod:`.polyline`).
- Only ``left`` (after the last keyframe): a copy of it, to the end of the job — unless it is outside.
- Only ``next`` (before the first keyframe): ``next``'s points, outside.
- ``occluded``, ``outside`` and ``z_order`` come from ``left``, never interpolated: after an outside keyframe the
  object stays outside until the next keyframe; towards an outside keyframe it still moves (the server's exports
  do not: §2.6).
- Attributes: the track's own values, then the label's defaults for every spec it lacks (mutable ones included),
  overlaid by each keyframe's values in frame order up to *t*.

Choices where the web client gives no answer:
- Two keyframes on the same frame: the later one in the JSON wins (cvat-core builds a frame → keyframe map).
- The interpolation follows the track's type, that of its first shape in the JSON (``trackFactory``).
- A rectangle or cuboid keyframe with fewer coordinates than the one before it yields NaN where the browser reads
  ``undefined``; the server refuses such data anyway.
- A track with no keyframe at all raises ``ValueError`` (the web client throws a DataError).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .labels import LabelSet
from .objects import Track, TrackedShape, attribute_map
from .polyline import NAN, PolyPlan


@dataclass(slots=True)
class TrackState:
    """A track at one frame: what the web client draws and lists for it."""

    points: list[float]
    occluded: bool
    outside: bool
    z_order: int
    keyframe: bool
    attributes: dict[int, Any]

    FIELDS = ("points", "occluded", "outside", "z_order", "keyframe", "attributes")

    def __getitem__(self, key: str) -> Any:
        """Mapping-style access (``state["points"]``); with :meth:`keys`, ``dict(state)`` works too."""
        if key not in self.FIELDS:
            raise KeyError(key)
        return getattr(self, key)

    def keys(self) -> tuple[str, ...]:
        return self.FIELDS


def _linear(left: Sequence[float], right: Sequence[float], offset: float) -> list[float]:
    count = len(right)
    return [value + ((right[index] if index < count else NAN) - value) * offset for index, value in enumerate(left)]


def _points_track(left: Sequence[float], right: Sequence[float], offset: float) -> list[float]:
    if len(left) == 2 and len(right) == 2:
        return _linear(left, right, offset)
    return list(left)


INTERPOLATORS = {"rectangle": _linear, "cuboid": _linear, "points": _points_track}
CLOSED = {"polyline": False, "polygon": True}  # resampled types (closed: a ring)


class TrackTimeline:
    """One track prepared for fast reads at any frame: keyframes sorted once, attributes accumulated once, the
    position computed on demand (O(log keyframes) plus the interpolation itself)."""

    __slots__ = (
        "_attributes_upto",
        "_base_attributes",
        "_closed",
        "_interpolate",
        "_plans",
        "frames",
        "keyframes",
        "track",
    )

    def __init__(self, track: Track, labels: LabelSet) -> None:
        if not track.shapes:
            raise ValueError("a track needs at least one keyframe")
        self.track = track
        by_frame: dict[int, TrackedShape] = {}
        for shape in track.shapes:
            by_frame[shape.frame] = shape
        self.frames: list[int] = sorted(by_frame)
        self.keyframes: list[TrackedShape] = [by_frame[frame] for frame in self.frames]
        self._interpolate = INTERPOLATORS.get(track.type, _linear)
        self._closed = CLOSED.get(track.type)
        self._plans: dict[int, PolyPlan] = {}  # by left keyframe index, made on first use
        base = labels.with_defaults(track.label_id, attribute_map(track.attributes))
        self._base_attributes = base
        upto: list[dict[int, Any]] = []
        current = base
        for keyframe in self.keyframes:
            if keyframe.attributes:
                current = {**current, **attribute_map(keyframe.attributes)}
            upto.append(current)
        self._attributes_upto = upto

    def at(self, frame: int, *, copy_attributes: bool = True) -> TrackState:
        """The track at ``frame``; ``copy_attributes=False`` shares a read-only attribute dict (faster)."""
        frames = self.frames
        count = bisect_right(frames, frame)  # keyframes at or before the frame
        is_keyframe = count > 0 and frames[count - 1] == frame
        if count > 0:
            left = self.keyframes[count - 1]
            attributes = self._attributes_upto[count - 1]
            if count < len(frames):
                right = self.keyframes[count]
                left_frame = frames[count - 1]
                offset = (frame - left_frame) / (frames[count] - left_frame)
                if self._closed is None:
                    points = self._interpolate(left.points, right.points, offset)
                else:
                    plan = self._plans.get(count)
                    if plan is None:
                        plan = self._plans[count] = PolyPlan(left.points, right.points, closed=self._closed)
                    points = plan.at(offset)
            else:
                points = list(left.points)
            outside = left.outside
            source = left
        else:
            source = self.keyframes[0]
            attributes = self._base_attributes
            points = list(source.points)
            outside = True
        return TrackState(
            points=points,
            occluded=source.occluded,
            outside=outside,
            z_order=source.z_order,
            keyframe=is_keyframe,
            attributes=dict(attributes) if copy_attributes else attributes,
        )

    def keyframe_bounds(self, frame: int) -> tuple[int | None, int | None]:
        """The previous and next keyframe frames around ``frame`` (strictly before / after), or None."""
        index = bisect_right(self.frames, frame)
        before = index - 1 if index > 0 and self.frames[index - 1] != frame else index - 2
        previous = self.frames[before] if before >= 0 else None
        following = self.frames[index] if index < len(self.frames) else None
        return previous, following


def track_at(
    track: Mapping[str, Any] | Track, frame: int, labels: Sequence[Mapping[str, Any]] | LabelSet
) -> TrackState:
    """``track`` (one track of the server's JSON) at ``frame`` with the task's ``labels`` (the task JSON's list):
    ``points``, ``occluded``, ``outside``, ``z_order``, ``keyframe`` and ``attributes`` (spec id → value, defaults
    included), as CVAT v1.1's web client shows it. For many reads, keep a :class:`TrackTimeline` instead."""
    parsed = track if isinstance(track, Track) else Track.from_json(track)
    return TrackTimeline(parsed, LabelSet.from_json(labels)).at(frame)
