"""The frame's objects as the canvas draws them: :class:`FrameObject` → :class:`Drawable`, and back by id.

A drawable id must be one int, while an object's key is (kind, server id or client id): :class:`DrawableIds` hands
out ints from a registry, so an id is unique and stable for the window's life (a track keeps its id from frame to
frame, an object made here keeps it when a save gives it a server id).
"""

from __future__ import annotations

from collections.abc import Iterable

from .drawables import Drawable, ShapeKind
from .frame_objects import TAG, FrameObject, ObjectKey


class DrawableIds:
    """A registry of drawable ids: ``id(key)`` gives the key's int (a new one the first time), ``key(id)`` the key."""

    def __init__(self) -> None:
        self._ids: dict[ObjectKey, int] = {}
        self._keys: list[ObjectKey] = []

    def id(self, key: ObjectKey) -> int:
        found = self._ids.get(key)
        if found is None:
            found = self._ids[key] = len(self._keys)
            self._keys.append(key)
        return found

    def key(self, drawable: int | None) -> ObjectKey | None:
        if drawable is None or not 0 <= drawable < len(self._keys):
            return None
        return self._keys[drawable]

    def __len__(self) -> int:
        return len(self._keys)


def to_drawable(obj: FrameObject, drawable_id: int, *, hidden: bool = False, locked: bool = False) -> Drawable:
    """``obj`` for the canvas as ``drawable_id`` (colour chosen by the controller: label, instance or group)."""
    return Drawable(
        id=drawable_id,
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


def removed_drawable(drawable_id: int) -> Drawable:
    """What replaces an object that went from the frame in an update of the canvas: nothing to draw or pick."""
    return Drawable(id=drawable_id, kind=ShapeKind.POINTS, points=(), label="", hidden=True)


def to_drawables(
    objects: Iterable[FrameObject],
    hidden: Iterable[ObjectKey],
    hidden_labels: Iterable[int],
    locked: Iterable[ObjectKey],
    ids: DrawableIds,
) -> list[Drawable]:
    """Every shape and track of ``objects`` (tags are not drawn), hidden ones marked, in z-order (lowest first)."""
    hidden, hidden_labels, locked = set(hidden), set(hidden_labels), set(locked)
    return [
        to_drawable(
            obj, ids.id(obj.key), hidden=obj.key in hidden or obj.label_id in hidden_labels, locked=obj.key in locked
        )
        for obj in sorted(objects, key=lambda o: o.z_order)
        if obj.type != TAG
    ]
