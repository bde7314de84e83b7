"""Every edit of the annotation workspace (issue 15) as a pure function on :class:`Annotations`, by the rules of
CVAT v1.1's web client (§3 of the annotation-view reference). Objects are addressed by :data:`ObjectKey`
(:mod:`.identity`); new objects get a client id. Geometry goes through :func:`.geometry.fit` (clamped to the image,
too small or wholly outside refused with :class:`EditRejected`).

Tracks: an edit of points, occluded, z-order, outside or a mutable attribute at a frame that is not a keyframe
makes a keyframe there from the interpolated state (cvat-core's ``Track._save*``), then changes it. Any change of
points, occluded, z-order, outside or keyframes sets ``source`` to ``manual``; label, attribute and group changes
keep it. Functions that make objects return :class:`Made` (the document and the new keys); the others return the
new document. Wrap a result in an :class:`~.history.EditStep` for undo and the journal.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any, NamedTuple, TypeVar

from .geometry import (
    EditRejected,
    ImageSize,
    check_count,
    fit,
    normalized_rectangle,
    reversed_points,
    started_at,
    translated,
)
from .identity import SHAPES, TAGS, TRACKS, Item, ObjectKey, find, items_of, key_of, with_client_id, with_items
from .labels import LabelSet
from .objects import Annotations, Attribute, Shape, Tag, Track, TrackedShape, attribute_map
from .tracks import TrackState, TrackTimeline

_NO_LABELS = LabelSet(())
MANUAL = "manual"


class Made(NamedTuple):
    """The document after an edit that made objects, and their keys in the order made."""

    annotations: Annotations
    keys: tuple[ObjectKey, ...]


# ---- helpers -------------------------------------------------------------------------------------------------------


ItemT = TypeVar("ItemT", bound=Tag | Shape | Track | TrackedShape)


def _with(item: ItemT, **changes: Any) -> ItemT:
    """``item`` with ``changes``; a field that was absent from the server's JSON is written once it is set."""
    absent = item.absent - changes.keys() if item.absent else item.absent
    return replace(item, absent=absent, **changes)


def _put(annotations: Annotations, key: ObjectKey, item: Item) -> Annotations:
    index, _ = find(annotations, key)
    items = items_of(annotations, key[0])
    return with_items(annotations, key[0], (*items[:index], item, *items[index + 1 :]))


def _append(annotations: Annotations, kind: str, new: Sequence[Item]) -> Made:
    marked = [with_client_id(item) for item in new]
    result = with_items(annotations, kind, (*items_of(annotations, kind), *marked))
    return Made(result, tuple(key_of(kind, item) for item in marked))


def _track(annotations: Annotations, key: ObjectKey) -> Track:
    if key[0] != TRACKS:
        raise EditRejected("not_a_track", "only tracks have keyframes")
    item = find(annotations, key)[1]
    assert isinstance(item, Track)
    return item


def _attributes(values: Iterable[tuple[int, Any]]) -> tuple[Attribute, ...]:
    return tuple(Attribute(spec_id, value) for spec_id, value in values)


def _keyframe_index(track: Track, frame: int) -> int | None:
    """Position in ``track.shapes`` of the keyframe on ``frame`` (the last one in the JSON, as cvat-core reads)."""
    for index in range(len(track.shapes) - 1, -1, -1):
        if track.shapes[index].frame == frame:
            return index
    return None


def state_at(track: Track, frame: int, labels: LabelSet | None = None) -> TrackState:
    """The track at ``frame`` as the web client shows it (attributes complete when ``labels`` are given)."""
    return TrackTimeline(track, labels or _NO_LABELS).at(frame)


def _insert_keyframe(track: Track, keyframe: TrackedShape) -> Track:
    frames = [shape.frame for shape in track.shapes]
    position = bisect_right(frames, keyframe.frame) if frames == sorted(frames) else len(frames)
    shapes = (*track.shapes[:position], keyframe, *track.shapes[position:])
    return _with(track, shapes=shapes)


def with_keyframe(track: Track, frame: int) -> tuple[Track, int]:
    """``track`` with a keyframe on ``frame`` (made from the interpolated state, no attributes of its own, when
    there is none) and its position in ``shapes``."""
    index = _keyframe_index(track, frame)
    if index is not None:
        return track, index
    if frame < min(shape.frame for shape in track.shapes):
        raise EditRejected("before_track", "the track does not exist yet on this frame")
    state = state_at(track, frame)
    keyframe = TrackedShape(
        type=track.type,
        frame=frame,
        points=tuple(state.points),
        outside=state.outside,
        occluded=state.occluded,
        z_order=state.z_order,
    )
    track = _insert_keyframe(track, keyframe)
    index = _keyframe_index(track, frame)
    assert index is not None
    return track, index


def _edit_keyframe(annotations: Annotations, key: ObjectKey, frame: int, **changes: Any) -> Annotations:
    track, index = with_keyframe(_track(annotations, key), frame)
    shapes = list(track.shapes)
    shapes[index] = _with(shapes[index], **changes)
    return _put(annotations, key, _with(track, shapes=tuple(shapes), source=MANUAL))


def _geometry(annotations: Annotations, key: ObjectKey, frame: int) -> tuple[str, tuple[float, ...]]:
    """The type and points of a shape, or of a track at ``frame``."""
    item = find(annotations, key)[1]
    if isinstance(item, Shape):
        return item.type, item.points
    if isinstance(item, Track):
        return item.type, tuple(state_at(item, frame).points)
    raise EditRejected("no_geometry", "a tag has no points")


# ---- create --------------------------------------------------------------------------------------------------------


def create_shape(
    annotations: Annotations,
    labels: LabelSet,
    *,
    shape_type: str,
    frame: int,
    label_id: int,
    points: Sequence[float],
    image: ImageSize | None,
    z_order: int = 0,
    occluded: bool = False,
    attributes: Mapping[int, str] | None = None,
) -> Made:
    """A new shape (every attribute of the label, at its default unless given), points checked and clamped.
    ``z_order`` is the current z-layer, as the web client gives it."""
    values = labels.with_defaults(label_id, attributes or {})
    shape = Shape(
        type=shape_type,
        frame=frame,
        label_id=label_id,
        points=fit(shape_type, points, image),
        occluded=occluded,
        z_order=z_order,
        attributes=_attributes(values.items()),
    )
    return _append(annotations, SHAPES, [shape])


def create_track(
    annotations: Annotations,
    labels: LabelSet,
    *,
    shape_type: str,
    frame: int,
    label_id: int,
    points: Sequence[float],
    image: ImageSize | None,
    z_order: int = 0,
    occluded: bool = False,
    attributes: Mapping[int, str] | None = None,
) -> Made:
    """A new track with one keyframe on ``frame`` (CVAT v1.1 adds no outside keyframe: the track lasts to the end
    of the job): immutable attributes on the track, mutable ones on the keyframe, all at their defaults unless
    given."""
    values = labels.with_defaults(label_id, attributes or {})
    mutable = labels.mutable_ids(label_id)
    keyframe = TrackedShape(
        type=shape_type,
        frame=frame,
        points=fit(shape_type, points, image),
        occluded=occluded,
        z_order=z_order,
        attributes=_attributes((k, v) for k, v in values.items() if k in mutable),
    )
    track = Track(
        frame=frame,
        label_id=label_id,
        shapes=(keyframe,),
        attributes=_attributes((k, v) for k, v in values.items() if k not in mutable),
    )
    return _append(annotations, TRACKS, [track])


def create_tag(
    annotations: Annotations,
    labels: LabelSet,
    *,
    frame: int,
    label_id: int,
    attributes: Mapping[int, str] | None = None,
) -> Made:
    """A new tag on ``frame`` with every attribute of the label."""
    values = labels.with_defaults(label_id, attributes or {})
    return _append(annotations, TAGS, [Tag(frame=frame, label_id=label_id, attributes=_attributes(values.items()))])


# ---- geometry ------------------------------------------------------------------------------------------------------


def set_points(
    annotations: Annotations, key: ObjectKey, frame: int, points: Sequence[float], *, image: ImageSize | None
) -> Annotations:
    """New points for a shape, or for a track on ``frame`` (a keyframe there): the general geometry edit (a resize
    by a handle, a cuboid's edit, a vertex drag all end here). Checked and clamped; rectangles normalised."""
    shape_type, _ = _geometry(annotations, key, frame)
    if shape_type == "rectangle":
        check_count(shape_type, points)
        points = normalized_rectangle(points)
    fitted = fit(shape_type, points, image)
    item = find(annotations, key)[1]
    if isinstance(item, Shape):
        return _put(annotations, key, _with(item, points=fitted, source=MANUAL))
    return _edit_keyframe(annotations, key, frame, points=fitted)


def move(
    annotations: Annotations, key: ObjectKey, frame: int, dx: float, dy: float, *, image: ImageSize | None
) -> Annotations:
    """The object moved by ``(dx, dy)``; each point is then clamped to the image, as the web client does (a box
    pushed past the border is cut there)."""
    _, points = _geometry(annotations, key, frame)
    return set_points(annotations, key, frame, translated(points, dx, dy), image=image)


def resize_rectangle(
    annotations: Annotations,
    key: ObjectKey,
    frame: int,
    corner: int,
    x: float,
    y: float,
    *,
    image: ImageSize | None,
) -> Annotations:
    """A rectangle with one corner dragged to ``(x, y)``: ``corner`` 0–3 is top-left, top-right, bottom-right,
    bottom-left; the opposite corner stays. Flipping past it is allowed (the box is normalised)."""
    shape_type, points = _geometry(annotations, key, frame)
    if shape_type != "rectangle":
        raise EditRejected("not_a_rectangle", "only rectangles have corner handles")
    x1, y1, x2, y2 = normalized_rectangle(points)
    opposite = ((x2, y2), (x1, y2), (x1, y1), (x2, y1))[corner]
    return set_points(annotations, key, frame, (x, y, *opposite), image=image)


def move_vertex(
    annotations: Annotations, key: ObjectKey, frame: int, vertex: int, x: float, y: float, *, image: ImageSize | None
) -> Annotations:
    """Vertex ``vertex`` of a polygon, polyline, points or cuboid moved to ``(x, y)``."""
    shape_type, points = _geometry(annotations, key, frame)
    if shape_type == "rectangle":
        raise EditRejected("not_a_vertex", "rectangles are resized by their corners")
    values = list(points)
    values[2 * vertex : 2 * vertex + 2] = [x, y]
    return set_points(annotations, key, frame, values, image=image)


def insert_vertex(
    annotations: Annotations, key: ObjectKey, frame: int, vertex: int, x: float, y: float, *, image: ImageSize | None
) -> Annotations:
    """A new vertex at ``(x, y)`` before position ``vertex`` (``vertex`` = the count appends) of a polygon,
    polyline or points."""
    shape_type, points = _geometry(annotations, key, frame)
    if shape_type in ("rectangle", "cuboid"):
        raise EditRejected("fixed_points", f"a {shape_type} has a fixed number of points")
    values = list(points)
    values[2 * vertex : 2 * vertex] = [x, y]
    return set_points(annotations, key, frame, values, image=image)


def delete_vertex(
    annotations: Annotations, key: ObjectKey, frame: int, vertex: int, *, image: ImageSize | None
) -> Annotations:
    """Vertex ``vertex`` removed from a polygon, polyline or points (refused below 3 / 2 / 1 points)."""
    shape_type, points = _geometry(annotations, key, frame)
    if shape_type in ("rectangle", "cuboid"):
        raise EditRejected("fixed_points", f"a {shape_type} has a fixed number of points")
    values = list(points)
    del values[2 * vertex : 2 * vertex + 2]
    return set_points(annotations, key, frame, values, image=image)


def switch_orientation(annotations: Annotations, key: ObjectKey, frame: int) -> Annotations:
    """A polygon's or polyline's points in the opposite order (the object menu's "Switch orientation")."""
    shape_type, points = _geometry(annotations, key, frame)
    if shape_type not in ("polygon", "polyline"):
        raise EditRejected("not_a_poly", "only polygons and polylines have an orientation")
    return set_points(annotations, key, frame, reversed_points(points), image=None)


def set_start_point(annotations: Annotations, key: ObjectKey, frame: int, vertex: int) -> Annotations:
    """A polygon's points rotated so that ``vertex`` is the first (the point menu's "Set start point")."""
    shape_type, points = _geometry(annotations, key, frame)
    if shape_type != "polygon":
        raise EditRejected("not_a_polygon", "only polygons have a start point to set")
    return set_points(annotations, key, frame, started_at(points, vertex), image=None)


# ---- label, attributes, flags --------------------------------------------------------------------------------------


def change_label(annotations: Annotations, labels: LabelSet, key: ObjectKey, label_id: int) -> Annotations:
    """The object's label changed; all its attributes reset to the new label's defaults (cvat-core ``_saveLabel``):
    on a track the immutable ones on the track, the mutable ones on its first keyframe, none on the others."""
    if label_id not in labels.by_id:
        raise EditRejected("unknown_label", f"the task has no label {label_id}")
    item = find(annotations, key)[1]
    defaults = labels.defaults(label_id)
    if not isinstance(item, Track):
        return _put(annotations, key, _with(item, label_id=label_id, attributes=_attributes(defaults)))
    mutable = labels.mutable_ids(label_id)
    first = min(range(len(item.shapes)), key=lambda i: item.shapes[i].frame)
    shapes = tuple(
        _with(
            shape,
            attributes=_attributes((k, v) for k, v in defaults if k in mutable) if index == first else (),
        )
        for index, shape in enumerate(item.shapes)
    )
    immutable = _attributes((k, v) for k, v in defaults if k not in mutable)
    return _put(annotations, key, _with(item, label_id=label_id, attributes=immutable, shapes=shapes))


def valid_value(labels: LabelSet, spec_id: int, value: str) -> bool:
    """Whether ``value`` is allowed for the spec (cvat-core ``validateAttributeValue``): numbers within min and
    max, checkboxes true/false in any case, select and radio one of the values, text anything."""
    spec = labels.spec(spec_id)
    if spec is None:
        return False
    if spec.input_type == "number":
        try:
            number = float(value)
            low, high = float(spec.values[0]), float(spec.values[1])
        except (ValueError, IndexError):
            return False
        return low <= number <= high
    if spec.input_type == "checkbox":
        return value.lower() in ("true", "false")
    if spec.input_type in ("select", "radio"):
        return value in spec.values
    return True


def _set_attribute_value(attributes: tuple[Attribute, ...], spec_id: int, value: str) -> tuple[Attribute, ...]:
    values = attribute_map(attributes)
    values[spec_id] = value
    return _attributes(values.items())


def set_attribute(
    annotations: Annotations, labels: LabelSet, key: ObjectKey, frame: int, spec_id: int, value: str
) -> Annotations:
    """An attribute set: on a tag or shape; on a track the immutable ones on the track, a mutable one on the
    keyframe at ``frame`` (made there if needed, so the value holds from this frame on)."""
    item = find(annotations, key)[1]
    spec = labels.spec(spec_id)
    if spec is None or spec not in labels.specs(item.label_id):
        raise EditRejected("unknown_attribute", f"label {item.label_id} has no attribute {spec_id}")
    if not valid_value(labels, spec_id, value):
        raise EditRejected("bad_value", f"{value!r} is not a valid value of attribute {spec.name!r}")
    if not isinstance(item, Track) or not spec.mutable:
        return _put(annotations, key, _with(item, attributes=_set_attribute_value(item.attributes, spec_id, value)))
    track, index = with_keyframe(item, frame)
    shapes = list(track.shapes)
    shapes[index] = _with(shapes[index], attributes=_set_attribute_value(shapes[index].attributes, spec_id, value))
    return _put(annotations, key, _with(track, shapes=tuple(shapes)))


def set_occluded(annotations: Annotations, key: ObjectKey, frame: int, occluded: bool) -> Annotations:
    """Occluded on a shape, or on a track from ``frame`` (a keyframe there)."""
    item = find(annotations, key)[1]
    if isinstance(item, Tag):
        raise EditRejected("no_geometry", "a tag cannot be occluded")
    if isinstance(item, Shape):
        return _put(annotations, key, _with(item, occluded=occluded, source=MANUAL))
    return _edit_keyframe(annotations, key, frame, occluded=occluded)


def set_z_order(annotations: Annotations, key: ObjectKey, frame: int, z_order: int) -> Annotations:
    """``z_order`` of a shape, or of a track from ``frame``."""
    item = find(annotations, key)[1]
    if isinstance(item, Tag):
        raise EditRejected("no_geometry", "a tag has no z-order")
    if isinstance(item, Shape):
        return _put(annotations, key, _with(item, z_order=z_order, source=MANUAL))
    return _edit_keyframe(annotations, key, frame, z_order=z_order)


def _visible_z(track: Track, frame: int) -> int | None:
    """The track's z-order on ``frame``, None when it is not visible there (from the keyframe at or before it, as
    :class:`TrackTimeline` reads it, without interpolating the points)."""
    left: TrackedShape | None = None
    for shape in track.shapes:  # the last one in the JSON wins on a shared frame
        if shape.frame <= frame and (left is None or shape.frame >= left.frame):
            left = shape
    if left is None or left.outside:
        return None
    return left.z_order


def _z_orders_at(annotations: Annotations, frame: int) -> list[int]:
    values = [shape.z_order for shape in annotations.shapes if shape.frame == frame]
    for track in annotations.tracks:
        z_order = _visible_z(track, frame)
        if z_order is not None:
            values.append(z_order)
    return values


def _z_of(annotations: Annotations, key: ObjectKey, frame: int) -> int:
    item = find(annotations, key)[1]
    if isinstance(item, Shape):
        return item.z_order
    if isinstance(item, Track):
        return state_at(item, frame).z_order
    raise EditRejected("no_geometry", "a tag has no z-order")


def to_front(annotations: Annotations, key: ObjectKey, frame: int) -> Annotations:
    """Above every object of the frame: ``max + 1``, unless already at the maximum (``toForeground``)."""
    current = _z_of(annotations, key, frame)
    highest = max(_z_orders_at(annotations, frame), default=current)
    return set_z_order(annotations, key, frame, highest + 1) if current < highest else annotations


def to_back(annotations: Annotations, key: ObjectKey, frame: int) -> Annotations:
    """Below every object of the frame: ``min − 1``, unless already at the minimum (``toBackground``)."""
    current = _z_of(annotations, key, frame)
    lowest = min(_z_orders_at(annotations, frame), default=current)
    return set_z_order(annotations, key, frame, lowest - 1) if current > lowest else annotations


# ---- groups --------------------------------------------------------------------------------------------------------


def next_group_id(annotations: Annotations) -> int:
    """A new group id as ``Collection.group`` makes it: one above the largest in the job."""
    groups = [item.group or 0 for kind in (TAGS, SHAPES, TRACKS) for item in items_of(annotations, kind)]
    return max(groups, default=0) + 1


def group(annotations: Annotations, keys: Iterable[ObjectKey]) -> Annotations:
    """The objects put in one new group (G … G)."""
    return set_group(annotations, keys, next_group_id(annotations))


def ungroup(annotations: Annotations, keys: Iterable[ObjectKey]) -> Annotations:
    """The objects out of their groups (group 0, Shift+G)."""
    return set_group(annotations, keys, 0)


def set_group(annotations: Annotations, keys: Iterable[ObjectKey], group_id: int) -> Annotations:
    result = annotations
    for key in keys:
        result = _put(result, key, _with(find(result, key)[1], group=group_id))
    return result


# ---- copy, paste, propagate ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Clipboard:
    """A copied object as it was on its frame: kind (``tags``, ``shapes`` or ``tracks``), type, label, points,
    flags and every attribute (a track's immutable and mutable values there)."""

    kind: str
    label_id: int
    shape_type: str = ""
    points: tuple[float, ...] = ()
    occluded: bool = False
    z_order: int = 0
    attributes: tuple[tuple[int, str], ...] = ()


def copy(annotations: Annotations, labels: LabelSet, key: ObjectKey, frame: int) -> Clipboard:
    """What Ctrl+C keeps of the object on ``frame``."""
    item = find(annotations, key)[1]
    if isinstance(item, Tag):
        values = labels.with_defaults(item.label_id, attribute_map(item.attributes))
        return Clipboard(TAGS, item.label_id, attributes=tuple(values.items()))
    if isinstance(item, Shape):
        values = labels.with_defaults(item.label_id, attribute_map(item.attributes))
        return Clipboard(
            SHAPES, item.label_id, item.type, item.points, item.occluded, item.z_order, tuple(values.items())
        )
    state = state_at(item, frame, labels)
    return Clipboard(
        TRACKS,
        item.label_id,
        item.type,
        tuple(state.points),
        state.occluded,
        state.z_order,
        tuple(state.attributes.items()),
    )


def paste(
    annotations: Annotations,
    labels: LabelSet,
    clipboard: Clipboard,
    frame: int,
    *,
    image: ImageSize | None,
    dx: float = 0.0,
    dy: float = 0.0,
) -> Made:
    """A new object from the clipboard on ``frame``, moved by ``(dx, dy)`` (where the click placed it): a tag, a
    shape, or a track with one keyframe (the web client keeps the object type)."""
    values = dict(clipboard.attributes)
    if clipboard.kind == TAGS:
        return create_tag(annotations, labels, frame=frame, label_id=clipboard.label_id, attributes=values)
    maker = create_track if clipboard.kind == TRACKS else create_shape
    return maker(
        annotations,
        labels,
        shape_type=clipboard.shape_type,
        frame=frame,
        label_id=clipboard.label_id,
        points=translated(clipboard.points, dx, dy),
        image=image,
        z_order=clipboard.z_order,
        occluded=clipboard.occluded,
        attributes=values,
    )


def propagate(
    annotations: Annotations, labels: LabelSet, key: ObjectKey, frame: int, count: int, *, stop_frame: int
) -> Made:
    """Independent copies of the object on ``frame`` (a shape, or a track there) as shapes on ``frame + 1`` …
    ``frame + count``, not past the job's ``stop_frame`` (Ctrl+B)."""
    clip = copy(annotations, labels, key, frame)
    if clip.kind == TAGS:
        raise EditRejected("no_geometry", "tags are not propagated")
    last = min(frame + count, stop_frame)
    shapes = [
        Shape(
            type=clip.shape_type,
            frame=target,
            label_id=clip.label_id,
            points=clip.points,
            occluded=clip.occluded,
            z_order=clip.z_order,
            attributes=_attributes(clip.attributes),
        )
        for target in range(frame + 1, last + 1)
    ]
    return _append(annotations, SHAPES, shapes)


# ---- tracks: keyframes, outside, merge, split ----------------------------------------------------------------------


def toggle_keyframe(annotations: Annotations, key: ObjectKey, frame: int) -> Annotations:
    """K: a keyframe on ``frame`` made from the interpolated state, or the keyframe there removed (never the last
    one; its own attribute values go with it)."""
    track = _track(annotations, key)
    index = _keyframe_index(track, frame)
    if index is None:
        made, _ = with_keyframe(track, frame)
        return _put(annotations, key, _with(made, source=MANUAL))
    remaining = tuple(shape for shape in track.shapes if shape.frame != frame)
    if not remaining:
        raise EditRejected("last_keyframe", "a track keeps at least one keyframe")
    first = min(shape.frame for shape in remaining)  # the track starts at its first keyframe
    return _put(annotations, key, _with(track, shapes=remaining, frame=first, source=MANUAL))


def set_outside(annotations: Annotations, key: ObjectKey, frame: int, outside: bool) -> Annotations:
    """The track outside (or back inside) from ``frame`` on: the keyframe there (made if needed) flagged."""
    return _edit_keyframe(annotations, key, frame, outside=outside)


def toggle_outside(annotations: Annotations, key: ObjectKey, frame: int) -> Annotations:
    """O: the outside flag at ``frame`` flipped."""
    return set_outside(annotations, key, frame, not state_at(_track(annotations, key), frame).outside)


def next_keyframe(annotations: Annotations, key: ObjectKey, frame: int) -> int | None:
    """R: the first keyframe after ``frame``, or None."""
    return TrackTimeline(_track(annotations, key), _NO_LABELS).keyframe_bounds(frame)[1]


def previous_keyframe(annotations: Annotations, key: ObjectKey, frame: int) -> int | None:
    """E: the last keyframe before ``frame``, or None."""
    return TrackTimeline(_track(annotations, key), _NO_LABELS).keyframe_bounds(frame)[0]


def merge_into_track(annotations: Annotations, labels: LabelSet, keys: Sequence[ObjectKey]) -> Made:
    """Shapes and tracks of one label and type merged into one new track (``Collection.merge``): each shape a
    keyframe (its mutable attributes) plus an outside keyframe on the next frame unless one is there; tracks bring
    their keyframes; leading outside keyframes dropped; immutable attributes from the first pick; the sources
    removed. Two visible objects on one frame are refused."""
    if not keys:
        raise EditRejected("nothing_to_merge", "pick at least one object")
    items = [find(annotations, key)[1] for key in keys]
    if any(isinstance(item, Tag) for item in items):
        raise EditRejected("no_geometry", "tags cannot be merged")
    label_id = items[0].label_id
    first = items[0]
    shape_type = first.type if isinstance(first, Shape | Track) else ""
    if any(item.label_id != label_id or getattr(item, "type", None) != shape_type for item in items):
        raise EditRejected("mixed", "merged objects must share label and type")
    mutable = labels.mutable_ids(label_id)
    keyframes: dict[int, TrackedShape] = {}
    closing: dict[int, TrackedShape] = {}  # outside keyframes after shapes, used where no keyframe is
    for item in items:
        if isinstance(item, Shape):
            if item.frame in keyframes and not keyframes[item.frame].outside:
                raise EditRejected("same_frame", f"two objects are visible on frame {item.frame}")
            values = labels.with_defaults(label_id, attribute_map(item.attributes))
            keyframes[item.frame] = TrackedShape(
                type=shape_type,
                frame=item.frame,
                points=item.points,
                occluded=item.occluded,
                z_order=item.z_order,
                attributes=_attributes((k, v) for k, v in values.items() if k in mutable),
            )
            closing[item.frame + 1] = _with(keyframes[item.frame], frame=item.frame + 1, outside=True)
        elif isinstance(item, Track):
            for shape in item.shapes:
                existing = keyframes.get(shape.frame)
                if existing is not None and not existing.outside and not shape.outside:
                    raise EditRejected("same_frame", f"two objects are visible on frame {shape.frame}")
                if existing is None or existing.outside:
                    keyframes[shape.frame] = replace(shape, id=None)
    for frame, shape in closing.items():
        keyframes.setdefault(frame, shape)
    ordered = [keyframes[frame] for frame in sorted(keyframes)]
    while ordered and ordered[0].outside:
        ordered.pop(0)
    if not ordered:
        raise EditRejected("nothing_to_merge", "every picked keyframe is outside")
    immutable = labels.with_defaults(label_id, attribute_map(first.attributes))
    track = Track(
        frame=ordered[0].frame,
        label_id=label_id,
        shapes=tuple(ordered),
        group=first.group,
        attributes=_attributes((k, v) for k, v in immutable.items() if k not in mutable),
    )
    result = delete(annotations, keys, force=True)
    return _append(result, TRACKS, [track])


def split_track(annotations: Annotations, labels: LabelSet, key: ObjectKey, frame: int) -> Made:
    """Alt+M: the track cut at ``frame`` (after its first keyframe, ``Collection.split``): the first part keeps the
    keyframes before ``frame`` and gets an outside keyframe there; the second starts with the track as it is on
    ``frame`` and keeps the keyframes after it. Unlike the web client, the second part's first keyframe keeps the
    mutable values of that frame (cvat-core drops them to defaults). The original is removed."""
    track = _track(annotations, key)
    frames = sorted({shape.frame for shape in track.shapes})
    if frame <= frames[0]:
        raise EditRejected("split_start", "a track is split after its first keyframe")
    state = state_at(track, frame, labels)
    mutable = labels.mutable_ids(track.label_id)
    by_frame = {shape.frame: shape for shape in track.shapes}
    before = [replace(by_frame[f], id=None) for f in frames if f < frame]
    last = before[-1]
    close = TrackedShape(
        type=track.type,
        frame=frame,
        points=tuple(state.points),
        outside=True,
        occluded=last.occluded,
        z_order=last.z_order,
    )
    start = TrackedShape(
        type=track.type,
        frame=frame,
        points=tuple(state.points),
        outside=state.outside,
        occluded=state.occluded,
        z_order=state.z_order,
        attributes=_attributes((k, v) for k, v in state.attributes.items() if k in mutable),
    )
    after = [replace(by_frame[f], id=None) for f in frames if f > frame]
    first_part = _with(replace(track, id=None), frame=frames[0], shapes=(*before, close), source=MANUAL)
    second_part = _with(replace(track, id=None), frame=frame, shapes=(start, *after), source=MANUAL)
    result = delete(annotations, [key], force=True)
    return _append(result, TRACKS, [first_part, second_part])  # each part gets a fresh client id


# ---- delete --------------------------------------------------------------------------------------------------------


def delete(
    annotations: Annotations,
    keys: Iterable[ObjectKey],
    *,
    locked: Iterable[ObjectKey] = (),
    force: bool = False,
) -> Annotations:
    """The objects removed (Del). Locked ones (``locked``: the client's lock state) only with ``force``
    (Shift+Del); otherwise :class:`EditRejected` ``locked`` and nothing is removed."""
    keys = list(keys)
    locked_set = set(locked)
    if not force and any(key in locked_set for key in keys):
        raise EditRejected("locked", "locked objects are deleted only with a force delete")
    result = annotations
    for kind in (TAGS, SHAPES, TRACKS):
        positions = {find(annotations, key)[0] for key in keys if key[0] == kind}
        if positions:
            items = items_of(annotations, kind)
            result = with_items(result, kind, tuple(item for i, item in enumerate(items) if i not in positions))
    return result
