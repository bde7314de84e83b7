"""Support for the merge tests: a model of CVAT v1.1's job writes (ids per table, update = delete + insert under the
same id, a vanished id re-created), random edits of a job as a user makes them, and comparison in normal form."""

from __future__ import annotations

import copy
import random
from collections import Counter
from dataclasses import dataclass
from typing import Any

from annodesk.annotations import Annotations, Requests, normalized
from annodesk.annotations.fieldmap import KINDS, fields_of

from .strategies import LABELS


@dataclass(frozen=True)
class Vocabulary:
    """What random edits may write: per label, its specs and a few values each; immutable specs; defaults."""

    attributes: dict[int, dict[int, tuple[str, ...]]]
    immutable: frozenset[int]
    defaults: dict[int, str]

    @property
    def labels(self) -> tuple[int, ...]:
        return tuple(self.attributes)

    def mutable(self, label: int) -> set[int]:
        return {spec for spec in self.attributes[label] if spec not in self.immutable}

    @classmethod
    def from_labels(cls, labels: list[dict[str, Any]]) -> Vocabulary:
        """From a task's labels JSON: the listed values (checkbox: both; number: min and max; text: two)."""
        attributes, immutable, defaults = {}, set(), {}
        for label in labels:
            specs = {}
            for spec in label["attributes"]:
                kind, values = spec["input_type"], tuple(spec["values"])
                if kind == "checkbox":
                    values = ("false", "true")
                elif kind == "number":
                    values = values[:2]
                elif kind == "text":
                    values = ("", "note")
                specs[spec["id"]] = values
                defaults[spec["id"]] = spec["default_value"]
                if not spec["mutable"]:
                    immutable.add(spec["id"])
            attributes[label["id"]] = specs
        return cls(attributes, frozenset(immutable), defaults)


VOCABULARY = Vocabulary.from_labels(LABELS)
TYPES = ("rectangle", "polygon", "polyline", "points", "cuboid")
SIZES = {"rectangle": 2, "polygon": 3, "polyline": 2, "points": 1, "cuboid": 8}
FRAMES = 6


def empty(version: int = 0) -> dict[str, Any]:
    return {"version": version, "tags": [], "shapes": [], "tracks": []}


# The server's side ---------------------------------------------------------------------------------------------


class ServerModel:
    """One job as CVAT v1.1's ``JobAnnotation`` keeps it; ids are counted per table and never reused."""

    def __init__(self, document: dict[str, Any] | None = None) -> None:
        self.doc = copy.deepcopy(document) if document is not None else empty()
        self.next_id = {kind: 1 + max((item["id"] for item in self.doc[kind]), default=0) for kind in KINDS}

    def _insert(self, kind: str, item: dict[str, Any]) -> dict[str, Any]:
        item = copy.deepcopy(item)
        if item.get("id") is None:
            item["id"] = self.next_id[kind]
            self.next_id[kind] += 1
        for shape in item.get("shapes", ()) if kind == "tracks" else ():
            shape.pop("id", None)
        self.doc[kind].append(item)
        self.doc[kind].sort(key=lambda entry: entry["id"])
        return item

    def _remove(self, kind: str, ids: set[int]) -> None:
        self.doc[kind] = [item for item in self.doc[kind] if item["id"] not in ids]

    def write(self, action: str, body: dict[str, Any]) -> dict[str, Any]:
        answer = empty()
        for kind in KINDS:
            if action in ("update", "delete"):
                self._remove(kind, {item["id"] for item in body[kind] if item.get("id") is not None})
            if action in ("create", "update"):
                answer[kind] = [self._insert(kind, item) for item in body[kind]]
            else:
                answer[kind] = body[kind]
        self.doc["version"] += 1
        answer["version"] = self.doc["version"]
        return answer

    def apply(self, requests: Requests) -> list[dict[str, Any]]:
        """The three requests in order; every write moves the version, as CVAT's do."""
        return [self.write(action, body) for action, body in requests]


# Comparing -------------------------------------------------------------------------------------------------------


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted(((repr(k), _frozen(v)) for k, v in value.items())))
    return value


def canonical(
    document: dict[str, Any] | Annotations, new_ids: set[tuple[str, int]] = frozenset(), labels: Any = None
) -> Any:
    """Saved objects by (kind, id) in normal form, and the multiset of the rest (new objects, or objects whose
    (kind, id) is in ``new_ids``: ids the server gave to creations)."""
    annotations = document if isinstance(document, Annotations) else Annotations.from_json(document)
    annotations = normalized(annotations, LABELS if labels is None else labels)
    saved, fresh = {}, Counter()
    for kind in KINDS:
        for item in getattr(annotations, kind):
            fields = _frozen(fields_of(item))
            if item.id is None or (kind, item.id) in new_ids:
                fresh[kind, fields] += 1
            else:
                saved[kind, item.id] = fields
    return saved, fresh


def fields_by_key(document: dict[str, Any]) -> dict[tuple[str, int], dict[Any, Any]]:
    annotations = normalized(Annotations.from_json(document), LABELS)
    return {(kind, item.id): fields_of(item) for kind in KINDS for item in getattr(annotations, kind) if item.id}


def assert_server_holds(
    server: dict[str, Any], merged: dict[str, Any], before: dict[str, Any], labels: Any = None
) -> None:
    """``server`` (after the requests) equals ``merged``, the ids the server gave to creations aside."""
    old = {(kind, item["id"]) for kind in KINDS for item in before[kind]}
    new = {(kind, item["id"]) for kind in KINDS for item in server[kind]} - old
    assert canonical(server, new, labels) == canonical(merged, labels=labels)


# Edits as a user makes them ------------------------------------------------------------------------------------


def _points(rng: random.Random, shape_type: str) -> list[float]:
    count = SIZES[shape_type] + (rng.randint(0, 2) if shape_type in ("polygon", "polyline", "points") else 0)
    return [float(rng.choice((0, 10, 20, 30))) for _ in range(2 * count)]


def _attributes(vocabulary: Vocabulary, label: int, immutable: bool | None) -> list[dict[str, Any]]:
    return [
        {"spec_id": spec, "value": vocabulary.defaults[spec]}
        for spec in vocabulary.attributes[label]
        if immutable is None or (spec in vocabulary.immutable) == immutable
    ]


def new_object(rng: random.Random, kind: str, vocabulary: Vocabulary = VOCABULARY) -> dict[str, Any]:
    label = rng.choice(vocabulary.labels)
    frame = rng.randrange(FRAMES)
    base = {"frame": frame, "label_id": label, "group": 0, "source": "manual"}
    if kind == "tags":
        return {**base, "attributes": _attributes(vocabulary, label, None)}
    shape_type = rng.choice(TYPES)
    if kind == "shapes":
        return {
            "type": shape_type,
            "occluded": False,
            "z_order": 0,
            "points": _points(rng, shape_type),
            **base,
            "attributes": _attributes(vocabulary, label, None),
        }
    frames = sorted(rng.sample(range(frame, FRAMES + 4), rng.randint(1, 3)))
    base["frame"] = frames[0]
    shapes = [
        {
            "type": shape_type,
            "occluded": False,
            "z_order": 0,
            "points": _points(rng, shape_type),
            "frame": f,
            "outside": False,
            "attributes": _attributes(vocabulary, label, False),
        }
        for f in frames
    ]
    return {**base, "shapes": shapes, "attributes": _attributes(vocabulary, label, True)}


def _set_attribute(
    rng: random.Random, vocabulary: Vocabulary, attributes: list[dict[str, Any]], label: int, allowed: set[int]
) -> bool:
    specs = [spec for spec in vocabulary.attributes[label] if spec in allowed]
    if not specs:
        return False
    spec = rng.choice(specs)
    value = rng.choice(vocabulary.attributes[label][spec])
    for attribute in attributes:
        if attribute["spec_id"] == spec:
            attribute["value"] = value
            return True
    attributes.append({"spec_id": spec, "value": value})
    return True


OPERATIONS = (
    "create",
    "delete",
    "points",
    "attribute",
    "label",
    "occluded",
    "z_order",
    "group",
    "keyframe_points",
    "keyframe_add",
    "keyframe_delete",
    "keyframe_attribute",
    "keyframe_outside",
)


def edit(
    document: dict[str, Any],
    operation: str,
    kind_index: int,
    target: int,
    seed: int,
    vocabulary: Vocabulary = VOCABULARY,
) -> None:
    """One user edit of ``document`` in place (no-op when it does not apply to the chosen object)."""
    rng = random.Random(seed)
    kind = KINDS[kind_index % 3]
    items = document[kind]
    if operation == "create" or not items:
        items.append(new_object(rng, kind, vocabulary))
        return
    item = items[target % len(items)]
    label = item["label_id"]
    if operation == "delete":
        items.remove(item)
    elif operation == "points" and kind == "shapes":
        item["points"] = _points(rng, item["type"])
    elif operation == "attribute":
        allowed = vocabulary.immutable if kind == "tracks" else set(vocabulary.attributes[label])
        _set_attribute(rng, vocabulary, item["attributes"], label, allowed)
    elif operation == "label":
        others = [other for other in vocabulary.labels if other != label]
        label = rng.choice(others)
        item["label_id"] = label
        item["attributes"] = _attributes(vocabulary, label, True if kind == "tracks" else None)
        for shape in item.get("shapes", ()):
            shape["attributes"] = _attributes(vocabulary, label, False)
    elif operation == "occluded" and kind == "shapes":
        item["occluded"] = not item["occluded"]
    elif operation == "z_order" and kind == "shapes":
        item["z_order"] = rng.choice((0, 1, 2))
    elif operation == "group":
        item["group"] = rng.choice((0, 1, 2))
    elif kind == "tracks":
        _edit_track(rng, vocabulary, item, operation)


def _edit_track(rng: random.Random, vocabulary: Vocabulary, track: dict[str, Any], operation: str) -> None:
    shapes = track["shapes"]
    shape = rng.choice(shapes)
    if operation == "keyframe_points":
        shape["points"] = _points(rng, shape["type"])
    elif operation == "keyframe_add":
        frame = rng.randrange(FRAMES + 4)
        if all(s["frame"] != frame for s in shapes):
            added = {**copy.deepcopy(shape), "frame": frame, "points": _points(rng, shape["type"])}
            added.pop("id", None)
            shapes.append(added)
            shapes.sort(key=lambda s: s["frame"])
    elif operation == "keyframe_delete" and len(shapes) > 1:
        shapes.remove(shape)
    elif operation == "keyframe_attribute":
        _set_attribute(rng, vocabulary, shape["attributes"], track["label_id"], vocabulary.mutable(track["label_id"]))
    elif operation == "keyframe_outside":
        shape["outside"] = not shape["outside"]
    track["frame"] = min(s["frame"] for s in shapes)


def random_objects(seed: int, objects: int = 6, vocabulary: Vocabulary = VOCABULARY) -> dict[str, Any]:
    """A create body of ``objects`` random objects (tags, shapes and tracks in turn)."""
    rng = random.Random(seed)
    body = empty()
    for index in range(objects):
        body[KINDS[index % 3]].append(new_object(rng, KINDS[index % 3], vocabulary))
    return body


def random_job(seed: int, objects: int = 6) -> dict[str, Any]:
    """A saved job: objects with ids, as the server's GET gives them."""
    server = ServerModel()
    server.write("create", random_objects(seed, objects))
    return server.doc
