"""Labeled data of a task or job (``tasks/{id}/annotations``, ``jobs/{id}/annotations``), both ways.

Objects without an ``id`` (None) are new: the server assigns ids when it saves them. Attribute values are
strings, as CVAT stores them.
"""

from __future__ import annotations

import msgspec


class _Model(msgspec.Struct, frozen=True, kw_only=True):
    """Base: immutable, keyword-only."""


class AttributeVal(_Model):
    """The value of attribute spec ``spec_id`` on an object."""

    spec_id: int
    value: str


class LabeledTag(_Model):
    """A label on a whole frame."""

    frame: int
    label_id: int
    id: int | None = None
    group: int | None = 0
    source: str = "manual"
    attributes: tuple[AttributeVal, ...] = ()


class LabeledShape(_Model):
    """A shape on one frame. ``type``: rectangle ``[x1, y1, x2, y2]``, polygon/polyline/points
    ``[x0, y0, x1, y1, …]``, cuboid (8 points)."""

    type: str
    frame: int
    label_id: int
    points: tuple[float, ...]
    occluded: bool = False
    z_order: int = 0
    id: int | None = None
    group: int | None = 0
    source: str = "manual"
    attributes: tuple[AttributeVal, ...] = ()


class TrackedShape(_Model):
    """A keyframe of a track (``outside`` ends the object's visibility from this frame on)."""

    type: str
    frame: int
    points: tuple[float, ...]
    outside: bool = False
    occluded: bool = False
    z_order: int = 0
    id: int | None = None
    attributes: tuple[AttributeVal, ...] = ()


class LabeledTrack(_Model):
    """An object followed over frames by its keyframes; ``attributes`` are the immutable ones."""

    frame: int
    label_id: int
    shapes: tuple[TrackedShape, ...]
    id: int | None = None
    group: int | None = 0
    source: str = "manual"
    attributes: tuple[AttributeVal, ...] = ()


class Annotations(_Model):
    """Everything annotated in a task or job; ``version`` counts the job's saved changes."""

    version: int = 0
    tags: tuple[LabeledTag, ...] = ()
    shapes: tuple[LabeledShape, ...] = ()
    tracks: tuple[LabeledTrack, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether there is nothing at all."""
        return not (self.tags or self.shapes or self.tracks)
