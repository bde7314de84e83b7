"""An object of labeled data as a flat map of the fields the three-way merge compares one by one, and back to the
server's JSON.

Keys: ``"frame"``, ``"label_id"``, ``"group"``, ``"source"``; for shapes also ``"type"``, ``"points"``,
``"occluded"``, ``"z_order"``; each attribute as ``("attr", spec_id)``; for tracks each keyframe as ``("kf", frame)``
holding a map of its own (``"type"``, ``"points"``, ``"occluded"``, ``"outside"``, ``"z_order"``, attributes).
Objects are read in the normal form of :mod:`.normal` (defaults filled, keyframes by frame without ids), so equal
maps mean equal objects as the server keeps them.
"""

from __future__ import annotations

from typing import Any

from .labels import LabelSet
from .normal import SHAPES, TAGS, TRACKS
from .objects import Attribute, Shape, Tag, Track, TrackedShape

Fields = dict[Any, Any]
ATTR = "attr"
KEYFRAME = "kf"
KINDS = (TAGS, SHAPES, TRACKS)
SHAPE_FIELDS = ("type", "frame", "label_id", "group", "source", "points", "occluded", "z_order")
KEYFRAME_FIELDS = ("type", "points", "occluded", "outside", "z_order")


def _attributes(into: Fields, attributes: tuple[Attribute, ...]) -> Fields:
    for attribute in attributes:
        into[ATTR, int(attribute.spec_id)] = str(attribute.value)
    return into


def _keyframe(shape: TrackedShape) -> Fields:
    return _attributes(
        {
            "type": shape.type,
            "points": shape.points,
            "occluded": bool(shape.occluded),
            "outside": bool(shape.outside),
            "z_order": int(shape.z_order),
        },
        shape.attributes,
    )


def fields_of(item: Tag | Shape | Track) -> Fields:
    """The flat map of a normalized tag, shape or track."""
    common: dict[str, Any] = {
        "frame": item.frame,
        "label_id": item.label_id,
        "group": item.group,
        "source": item.source,
    }
    if isinstance(item, Shape):
        common.update(type=item.type, points=item.points, occluded=bool(item.occluded), z_order=int(item.z_order))
    fields = _attributes(common, item.attributes)
    if isinstance(item, Track):
        for shape in item.shapes:
            fields[KEYFRAME, shape.frame] = _keyframe(shape)
    return fields


class NormalFields:
    """``fields_of(normalized(item, labels))`` worked out directly — no normalized copy of the object is made (the
    merge reads thousands of objects; that copy was most of its time). Per-label defaults are looked up once."""

    def __init__(self, labels: LabelSet) -> None:
        self.labels = labels
        self._all: dict[int, tuple[tuple[int, str], ...]] = {}
        self._split: dict[int, tuple[tuple[tuple[int, str], ...], dict[int, str]]] = {}

    def _defaults(self, label_id: int) -> tuple[tuple[int, str], ...]:
        found = self._all.get(label_id)
        if found is None:
            found = self._all[label_id] = tuple((int(s), str(v)) for s, v in self.labels.defaults(label_id))
        return found

    def _track_defaults(self, label_id: int) -> tuple[tuple[tuple[int, str], ...], dict[int, str]]:
        """A label's immutable defaults, and its mutable ones (what a track's first keyframe carries)."""
        found = self._split.get(label_id)
        if found is None:
            mutable = self.labels.mutable_ids(label_id)
            defaults = self._defaults(label_id)
            found = self._split[label_id] = (
                tuple(pair for pair in defaults if pair[0] not in mutable),
                {spec_id: value for spec_id, value in defaults if spec_id in mutable},
            )
        return found

    def of(self, item: Tag | Shape | Track) -> Fields:
        fields: Fields = {"frame": item.frame, "label_id": item.label_id, "group": item.group, "source": item.source}
        if isinstance(item, Track):
            immutable, carried = self._track_defaults(item.label_id)
            _complete(fields, item.attributes, immutable)
            by_frame: dict[int, TrackedShape] = {}
            for shape in item.shapes:
                by_frame[shape.frame] = shape
            for frame in sorted(by_frame):
                shape = by_frame[frame]
                if shape.attributes:
                    carried = {**carried, **{int(a.spec_id): str(a.value) for a in shape.attributes}}
                keyframe: Fields = {
                    "type": shape.type,
                    "points": shape.points,
                    "occluded": bool(shape.occluded),
                    "outside": bool(shape.outside),
                    "z_order": int(shape.z_order),
                }
                for spec_id, value in carried.items():
                    keyframe[ATTR, spec_id] = value
                fields[KEYFRAME, frame] = keyframe
            return fields
        if isinstance(item, Shape):
            fields["type"] = item.type
            fields["points"] = item.points
            fields["occluded"] = bool(item.occluded)
            fields["z_order"] = int(item.z_order)
        return _complete(fields, item.attributes, self._defaults(item.label_id))


def _complete(into: Fields, attributes: tuple[Attribute, ...], defaults: tuple[tuple[int, str], ...]) -> Fields:
    """Attributes as the normal form has them: spec ids as ints, values as strings, the last one of a spec winning,
    every default filled in."""
    for attribute in attributes:
        into[ATTR, int(attribute.spec_id)] = str(attribute.value)
    for spec_id, value in defaults:
        into.setdefault((ATTR, spec_id), value)
    return into


def attribute_items(fields: Fields) -> dict[Any, Any]:
    """The attribute entries of a flat map (of an object or a keyframe)."""
    return {key: value for key, value in fields.items() if type(key) is tuple and key[0] == ATTR}


def keyframes(fields: Fields) -> dict[int, Fields]:
    """A track's keyframes by frame."""
    return {key[1]: value for key, value in fields.items() if type(key) is tuple and key[0] == KEYFRAME}


def _attributes_json(fields: Fields) -> list[dict[str, Any]]:
    pairs = sorted((key[1], value) for key, value in attribute_items(fields).items())
    return [{"spec_id": spec_id, "value": value} for spec_id, value in pairs]


def _with_id(item: dict[str, Any], object_id: int | None) -> dict[str, Any]:
    if object_id is not None:
        item["id"] = object_id
    return item


def to_json(kind: str, fields: Fields, object_id: int | None) -> dict[str, Any]:
    """The server's JSON for a flat map (keys in the server's order; no ``id`` key when ``object_id`` is None,
    keyframes always without ids)."""
    if kind == SHAPES:
        item: dict[str, Any] = {
            "type": fields["type"],
            "occluded": fields["occluded"],
            "z_order": fields["z_order"],
            "points": list(fields["points"]),
        }
        _with_id(item, object_id)
    else:
        item = _with_id({}, object_id)
    item.update(frame=fields["frame"], label_id=fields["label_id"], group=fields["group"], source=fields["source"])
    if kind == TRACKS:
        item["shapes"] = [
            {
                "type": keyframe["type"],
                "occluded": keyframe["occluded"],
                "z_order": keyframe["z_order"],
                "points": list(keyframe["points"]),
                "frame": frame,
                "outside": keyframe["outside"],
                "attributes": _attributes_json(keyframe),
            }
            for frame, keyframe in sorted(keyframes(fields).items())
        ]
    item["attributes"] = _attributes_json(fields)
    return item
