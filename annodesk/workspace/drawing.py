"""The frame's objects as the canvas draws them: :class:`FrameObject` → :class:`Drawable`, and back by id.

A drawable id must be one int, while server ids are per table (a shape and a track may share one): the id keeps
the kind in its lowest two bits, so it is unique and stable from frame to frame (a track keeps its id).
"""

from __future__ import annotations

from collections.abc import Iterable

from .drawables import Drawable, ShapeKind
from .frame_objects import SHAPE, TAG, TRACK, FrameObject, ObjectKey

_KIND_BITS = {SHAPE: 0, TRACK: 1, TAG: 2}
_KINDS = {bits: kind for kind, bits in _KIND_BITS.items()}


def drawable_id(key: ObjectKey) -> int:
    kind, server_id = key
    return server_id * 4 + _KIND_BITS[kind]


def key_of(drawable: int | None) -> ObjectKey | None:
    if drawable is None:
        return None
    return (_KINDS[drawable % 4], drawable // 4)


def to_drawable(obj: FrameObject, *, hidden: bool = False, locked: bool = False) -> Drawable:
    """``obj`` for the canvas (colour chosen by the controller: label, instance or group)."""
    return Drawable(
        id=drawable_id(obj.key),
        kind=ShapeKind(obj.type),
        points=obj.points,
        label=obj.label,
        color=obj.color,
        attributes_text="\n".join(f"{name}: {value}" for name, value in obj.attributes),
        occluded=obj.occluded,
        z_order=obj.z_order,
        outside=obj.outside,
        hidden=hidden,
        locked=locked,
        group=obj.group,
    )


def to_drawables(
    objects: Iterable[FrameObject],
    hidden: Iterable[ObjectKey],
    hidden_labels: Iterable[int],
    locked: Iterable[ObjectKey],
) -> list[Drawable]:
    """Every shape and track of ``objects`` (tags are not drawn), hidden ones marked, in z-order (lowest first)."""
    hidden, hidden_labels, locked = set(hidden), set(hidden_labels), set(locked)
    return [
        to_drawable(obj, hidden=obj.key in hidden or obj.label_id in hidden_labels, locked=obj.key in locked)
        for obj in sorted(objects, key=lambda o: o.z_order)
        if obj.type != TAG
    ]
