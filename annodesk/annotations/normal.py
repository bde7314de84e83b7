"""A normal form of a job's annotations, for comparing snapshots (the three-way merge of §4.5 in the
annotation-view reference starts here) without being fooled by what the server fills in or renumbers.

- Every tag and shape lists every attribute of its label (missing ones at their default), spec ids as ints,
  values as strings, sorted by spec id — as ``GET`` fills them in.
- A track lists its label's immutable attributes the same way; its keyframes are in frame order (one per frame: the
  last one in the JSON, as the web client reads them), each listing every mutable attribute — the value set there,
  else the one carried from the keyframe before, else the default (as ``GET`` carries them) — and without ids,
  which change on every update of the track.

What the web client shows is unchanged: ``track_at`` gives the same answer for the track and its normal form at
every frame.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from typing import Any

from .labels import LabelSet
from .objects import Annotations, Attribute, Shape, Tag, Track, TrackedShape

TAGS, SHAPES, TRACKS = "tags", "shapes", "tracks"


def _sorted_attributes(values: Mapping[int, Any]) -> tuple[Attribute, ...]:
    return tuple(Attribute(spec_id, str(values[spec_id])) for spec_id in sorted(values))


def _complete(attributes: Iterable[Attribute], defaults: Iterable[tuple[int, str]]) -> dict[int, Any]:
    values = {int(attribute.spec_id): attribute.value for attribute in attributes}
    for spec_id, default in defaults:
        values.setdefault(spec_id, default)
    return values


def normalized_tag(tag: Tag, labels: LabelSet) -> Tag:
    values = _complete(tag.attributes, labels.defaults(tag.label_id))
    return replace(tag, attributes=_sorted_attributes(values))


def normalized_shape(shape: Shape, labels: LabelSet) -> Shape:
    values = _complete(shape.attributes, labels.defaults(shape.label_id))
    return replace(shape, attributes=_sorted_attributes(values))


def normalized_track(track: Track, labels: LabelSet) -> Track:
    mutable = labels.mutable_ids(track.label_id)
    defaults = labels.defaults(track.label_id)
    immutable_defaults = [(spec_id, value) for spec_id, value in defaults if spec_id not in mutable]
    carried = {spec_id: value for spec_id, value in defaults if spec_id in mutable}
    by_frame: dict[int, TrackedShape] = {}
    for shape in track.shapes:
        by_frame[shape.frame] = shape
    keyframes = []
    for frame in sorted(by_frame):
        shape = by_frame[frame]
        carried = {**carried, **{int(a.spec_id): a.value for a in shape.attributes}}
        keyframes.append(replace(shape, id=None, attributes=_sorted_attributes(carried)))
    values = _complete(track.attributes, immutable_defaults)
    return replace(track, attributes=_sorted_attributes(values), shapes=tuple(keyframes))


def normalized(annotations: Annotations, labels: LabelSet | list[Mapping[str, Any]]) -> Annotations:
    """``annotations`` in normal form (see the module's docstring)."""
    labels = LabelSet.from_json(labels)
    return replace(
        annotations,
        tags=tuple(normalized_tag(tag, labels) for tag in annotations.tags),
        shapes=tuple(normalized_shape(shape, labels) for shape in annotations.shapes),
        tracks=tuple(normalized_track(track, labels) for track in annotations.tracks),
    )


def object_key(kind: str, item: Tag | Shape | Track) -> tuple[str, int | None]:
    """An object's identity in a job: its kind (``tags``, ``shapes``, ``tracks``) and server id — ids are counted
    per table, so a shape and a track may share one."""
    return kind, item.id


def by_key(annotations: Annotations) -> dict[tuple[str, int | None], Tag | Shape | Track]:
    """The saved objects (those with a server id) by :func:`object_key`."""
    result: dict[tuple[str, int | None], Tag | Shape | Track] = {}
    for kind, items in ((TAGS, annotations.tags), (SHAPES, annotations.shapes), (TRACKS, annotations.tracks)):
        for item in items:
            if item.id is not None:
                result[object_key(kind, item)] = item
    return result
