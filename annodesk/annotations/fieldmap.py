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
