"""Labeled data of a task or job (``tasks/{id}/annotations``, ``jobs/{id}/annotations``), both ways.

Objects without an ``id`` (None) are new: the server assigns ids when it saves them. Attribute values are
strings, as CVAT stores them.
"""

from __future__ import annotations

import msgspec


class _Model(msgspec.Struct, frozen=True, kw_only=True):
    """Base: immutable, keyword-only.

    Subclasses say ``frozen=True`` again: msgspec inherits it at run time, but type checkers read only the class
    statement (``dataclass_transform``).
    """


class AttributeVal(_Model, frozen=True):
    """The value of attribute spec ``spec_id`` on an object."""

    spec_id: int
    value: str


class LabeledTag(_Model, frozen=True):
    """A label on a whole frame."""

    frame: int
    label_id: int
    id: int | None = None
    group: int | None = 0
    source: str = "manual"
    attributes: tuple[AttributeVal, ...] = ()


class LabeledShape(_Model, frozen=True):
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


class TrackedShape(_Model, frozen=True):
    """A keyframe of a track (``outside`` ends the object's visibility from this frame on)."""

    type: str
    frame: int
    points: tuple[float, ...]
    outside: bool = False
    occluded: bool = False
    z_order: int = 0
    id: int | None = None
    attributes: tuple[AttributeVal, ...] = ()


class LabeledTrack(_Model, frozen=True):
    """An object followed over frames by its keyframes; ``attributes`` are the immutable ones."""

    frame: int
    label_id: int
    shapes: tuple[TrackedShape, ...]
    id: int | None = None
    group: int | None = 0
    source: str = "manual"
    attributes: tuple[AttributeVal, ...] = ()


class Annotations(_Model, frozen=True):
    """Everything annotated in a task or job; ``version`` counts the job's saved changes."""

    version: int = 0
    tags: tuple[LabeledTag, ...] = ()
    shapes: tuple[LabeledShape, ...] = ()
    tracks: tuple[LabeledTrack, ...] = ()

    @property
    def empty(self) -> bool:
        """Whether there is nothing at all."""
        return not (self.tags or self.shapes or self.tracks)
