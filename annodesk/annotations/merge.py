"""The three-way merge of a job's labeled data (§4.5 of the annotation-view reference) and the diff of a normal save.

``merge(base, local, remote)``: *base* is the copy as loaded, *local* has the user's edits, *remote* is the server
now. Objects are matched by (kind, server id); local objects without an id are new. Per object:

- unchanged here → the server's version, nothing sent; changed here only, or the same change on both sides → the
  local version (an ``update`` unless the server already holds it);
- changed on both sides → merged field by field (each attribute by spec id; tracks keyframe by keyframe, each
  keyframe field by field; a keyframe added or deleted on one side only is taken); a field changed differently on
  both sides is a conflict; a label change on one side against any attribute change (or another label) on the
  other is a conflict over the whole object (a label change resets the attributes); ``source`` never conflicts;
- deleted here and unchanged there → ``delete``; deleted here and changed there, or changed here and deleted there
  → a conflict (never an ``update`` of a vanished id: keeping mine re-creates it without its id);
- new here → ``create``; new there → taken.

An object with an unresolved conflict stays as the server has it, and nothing is sent for it, until
:func:`resolve` decides: keep mine, keep theirs, or keep both (the server's version stays, the local version
becomes a new object). ``merged`` is always exactly what the server holds once ``requests`` are applied to
*remote*.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from .fieldmap import ATTR, KEYFRAME, KINDS, Fields, attribute_items, fields_of, keyframes, to_json
from .labels import LabelSet
from .normal import SHAPES, TAGS, TRACKS, normalized
from .objects import Annotations

MINE, THEIRS, BOTH = "mine", "theirs", "both"
CHOICES = (MINE, THEIRS, BOTH)

BOTH_CHANGED = "both_changed"  # a field (or keyframe field) changed differently on both sides
LABEL_CHANGED = "label_changed"  # a label change against attribute changes or another label: the whole object
DELETED_HERE = "deleted_here"  # deleted here, changed on the server (kept as the server has it until resolved)
DELETED_THERE = "deleted_there"  # changed here, deleted on the server (stays deleted until resolved)
KEYFRAME_DELETED = "keyframe_deleted"  # a keyframe deleted on one side, changed on the other
NO_KEYFRAMES = "no_keyframes"  # each side deleted the keyframes the other kept: the whole track

_MISSING: Any = object()
Key = tuple[str, int]
Document = Mapping[str, Any] | Annotations
Labels = LabelSet | list[Mapping[str, Any]] | None


@dataclass(frozen=True)
class Conflict:
    """What cannot be merged: the object (``kind``, ``id``), why (``reason``), the field (``"points"``,
    ``"attributes"`` with ``spec_id``, ``"keyframe"``…, None for the whole object) and, for a track's keyframe,
    its ``frame``; the base, local (``mine``) and server (``theirs``) values of that field (None: absent), and the
    whole object on both sides as JSON (``local``, ``remote``; None where deleted) for drawing them."""

    kind: str
    id: int
    reason: str
    field: str | None = None
    spec_id: int | None = None
    frame: int | None = None
    base: Any = None
    mine: Any = None
    theirs: Any = None
    local: dict[str, Any] | None = None
    remote: dict[str, Any] | None = None
    session: _Session | None = dataclasses.field(default=None, compare=False, repr=False)

    @property
    def key(self) -> Key:
        return self.kind, self.id

    @property
    def token(self) -> tuple[Any, ...]:
        """What identifies this conflict across merges of the same three documents."""
        return self.kind, self.id, self.reason, self.field, self.spec_id, self.frame


@dataclass(frozen=True)
class Requests:
    """The bodies of CVAT's ``PATCH jobs/{id}/annotations?action=create|update|delete``, to send in that order."""

    create: dict[str, Any]
    update: dict[str, Any]
    delete: dict[str, Any]

    def __iter__(self) -> Iterator[tuple[str, dict[str, Any]]]:
        yield "create", self.create
        yield "update", self.update
        yield "delete", self.delete

    def nonempty(self) -> list[tuple[str, dict[str, Any]]]:
        """The ``(action, body)`` pairs that carry at least one object."""
        return [(action, body) for action, body in self if count(body)]

    def __bool__(self) -> bool:
        return bool(self.nonempty())


@dataclass(frozen=True)
class PossibleDuplicate:
    """A local creation that looks like an object another user created meanwhile (same frame, label and type,
    boxes overlapping by more than :data:`DUPLICATE_IOU`). Reported, never removed silently."""

    kind: str
    index: int  # position in ``requests.create[kind]``
    remote_id: int


DUPLICATE_IOU = 0.9


@dataclass(frozen=True)
class MergeResult:
    """The merged document (labeled-data JSON, normal form, keyframes without ids, new objects without ids), the
    requests that turn the server's document into it, the unresolved conflicts and possible duplicates."""

    merged: dict[str, Any]
    requests: Requests
    conflicts: tuple[Conflict, ...]
    duplicates: tuple[PossibleDuplicate, ...]
    session: _Session = dataclasses.field(compare=False, repr=False)
    origins: Mapping[str, tuple[int | None, ...]] = dataclasses.field(default_factory=dict, compare=False, repr=False)
    """Per kind, where each object of ``requests.create`` comes from: the server id of the local object it copies
    (keep both, or keep mine against a deletion), or None for a local object without an id (those come last, in
    the local document's order)."""

    def resolve(self, conflict: Conflict, choice: str) -> MergeResult:
        return resolve(conflict, choice)

    def resolve_all(self, choice: str) -> MergeResult:
        """Every open conflict decided the same way."""
        return self.session.with_choices({c.token: choice for c in self.conflicts}).result()


def count(body: Mapping[str, Any]) -> int:
    """How many objects a labeled-data body holds."""
    return sum(len(body.get(kind, ())) for kind in KINDS)


def resolve(conflict: Conflict, choice: str) -> MergeResult:
    """The merge again with ``conflict`` decided: :data:`MINE`, :data:`THEIRS` or :data:`BOTH` (for the whole
    object: the server's version stays, the local one is created as a new object)."""
    if choice not in CHOICES:
        raise ValueError(f"choice must be one of {CHOICES}, not {choice!r}")
    if conflict.session is None:
        raise ValueError("this conflict does not come from merge()")
    return conflict.session.with_choices({conflict.token: choice}).result()


def merge(base: Document, local: Document, remote: Document, labels: Labels = None) -> MergeResult:
    """Merge the user's edits (``local`` against ``base``) into the server's ``remote``; ``labels`` (the task's
    labels JSON), when given, fills in attribute defaults as the server's GET does."""
    return _Session(_Sides.read(base, local, remote, labels), {}).result()


def changes(base: Document, local: Document, labels: Labels = None) -> Requests:
    """The requests of a normal save: creates for new objects, an ``update`` (with the whole object) for each
    changed one, a ``delete`` for each removed one — and nothing for untouched ones."""
    if isinstance(base, Mapping) and isinstance(local, Mapping):
        base, local = _without_untouched(base, local)
    return merge(base, local, base, labels).requests


def _without_untouched(base: Mapping[str, Any], local: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Both documents without the objects whose JSON is identical on both sides (untouched: no request can come
    of them), so that only the others are read into the normal form."""
    reduced_base, reduced_local = dict(base), dict(local)
    for kind in KINDS:
        before = {item.get("id"): item for item in base.get(kind, ())}
        untouched = {
            item["id"] for item in local.get(kind, ()) if item.get("id") is not None and before.get(item["id"]) == item
        }
        if untouched:
            reduced_base[kind] = [item for item in base.get(kind, ()) if item.get("id") not in untouched]
            reduced_local[kind] = [item for item in local.get(kind, ()) if item.get("id") not in untouched]
    return reduced_base, reduced_local


# The inputs --------------------------------------------------------------------------------------------------


def _read(document: Document, labels: LabelSet) -> Annotations:
    annotations = document if isinstance(document, Annotations) else Annotations.from_json(document)
    return normalized(annotations, labels)


@dataclass
class _Sides:
    """The three documents as flat field maps per kind: saved objects by id, local new objects in order."""

    version: int
    base: dict[str, dict[int, Fields]]
    local: dict[str, dict[int, Fields]]
    remote: dict[str, dict[int, Fields]]
    created: dict[str, list[Fields]]

    @classmethod
    def read(cls, base: Document, local: Document, remote: Document, labels: Labels) -> _Sides:
        label_set = LabelSet.from_json(labels or [])
        docs = [_read(document, label_set) for document in (base, local)]
        docs.append(docs[0] if remote is base else _read(remote, label_set))  # changes(): the base read once
        maps: list[dict[str, dict[int, Fields]]] = []
        created: dict[str, list[Fields]] = {kind: [] for kind in KINDS}
        for position, doc in enumerate(docs):
            if position == 2 and remote is base:
                maps.append(maps[0])
                break
            by_kind: dict[str, dict[int, Fields]] = {}
            for kind, items in ((TAGS, doc.tags), (SHAPES, doc.shapes), (TRACKS, doc.tracks)):
                table: dict[int, Fields] = {}
                for item in items:
                    if item.id is not None:
                        table[item.id] = fields_of(item)
                    elif position == 1:
                        created[kind].append(fields_of(item))
                by_kind[kind] = table
            maps.append(by_kind)
        version = docs[2].version if isinstance(docs[2].version, int) else 0
        return cls(version, maps[0], maps[1], maps[2], created)


# One object --------------------------------------------------------------------------------------------------


@dataclass
class _Outcome:
    """What the merge makes of one saved object: the merged fields (None: absent), its conflicts with their
    choices, and a local copy to create (keep both, or keep mine against a deletion)."""

    merged: Fields | None
    conflicts: list[Conflict]
    choices: list[str | None]
    create: Fields | None = None

    @property
    def open(self) -> list[Conflict]:
        return [c for c, choice in zip(self.conflicts, self.choices, strict=True) if choice is None]


def _field_name(key: Any) -> tuple[str, int | None]:
    if type(key) is tuple:
        return ("attributes", key[1]) if key[0] == ATTR else ("keyframe", key[1])
    return key, None


def _json_value(key: Any, value: Any) -> Any:
    if value is _MISSING:
        return None
    if key == "points":
        return list(value)
    return value


class _ObjectMerge:
    """The field-by-field merge of one object changed on both sides."""

    def __init__(self, session: _Session, kind: str, object_id: int, sides: tuple[Fields, Fields, Fields]) -> None:
        self.session = session
        self.kind = kind
        self.id = object_id
        self.base, self.local, self.remote = sides
        self.conflicts: list[Conflict] = []
        self.choices: list[str | None] = []

    def conflict(self, reason: str, key: Any = None, frame: int | None = None, values: tuple = ()) -> str | None:
        name, spec_id = _field_name(key) if key is not None else (None, None)
        if name == "keyframe":
            name, frame, spec_id = "keyframe", spec_id, None
        base, mine, theirs = (_json_value(key, v) for v in values) if values else (None, None, None)
        conflict = Conflict(
            self.kind,
            self.id,
            reason,
            name,
            spec_id,
            frame,
            base,
            mine,
            theirs,
            to_json(self.kind, self.local, self.id),
            to_json(self.kind, self.remote, self.id),
            self.session,
        )
        choice = self.session.choices.get(conflict.token)
        self.conflicts.append(conflict)
        self.choices.append(choice)
        return choice

    def fields(self, base: Fields, local: Fields, remote: Fields, frame: int | None = None) -> Fields:
        """Plain fields merged one by one (keyframes excluded: :meth:`keyframes` does them)."""
        result: Fields = {}
        for key in {**base, **local, **remote}:
            if type(key) is tuple and key[0] == KEYFRAME:
                continue
            b, mine, theirs = base.get(key, _MISSING), local.get(key, _MISSING), remote.get(key, _MISSING)
            if mine == b:
                value = theirs
            elif theirs in (b, mine) or key == "source":
                value = mine
            else:
                value = mine if self.conflict(BOTH_CHANGED, key, frame, (b, mine, theirs)) == MINE else theirs
            if value is not _MISSING:
                result[key] = value
        return result

    def keyframes(self, result: Fields) -> None:
        base, local, remote = keyframes(self.base), keyframes(self.local), keyframes(self.remote)
        for frame in sorted({*base, *local, *remote}):
            b, mine, theirs = base.get(frame), local.get(frame), remote.get(frame)
            if mine == b:
                value = theirs
            elif theirs in (b, mine):
                value = mine
            elif mine is None or theirs is None:
                key = (KEYFRAME, frame)
                values = (_kf_json(frame, b), _kf_json(frame, mine), _kf_json(frame, theirs))
                choice = self.conflict(KEYFRAME_DELETED, key, frame, values)
                value = mine if choice == MINE else theirs
            else:
                value = self.fields(b or {}, mine, theirs, frame)
            if value is not None:
                result[KEYFRAME, frame] = value

    def label_conflict(self) -> bool:
        """Whether a label change meets another label or any attribute change on the other side."""
        base, local, remote = self.base, self.local, self.remote
        here = local["label_id"] != base.get("label_id")
        there = remote["label_id"] != base.get("label_id")
        if here and there:
            return local["label_id"] != remote["label_id"]
        if here:
            return _attributes_changed(base, remote)
        if there:
            return _attributes_changed(base, local)
        return False

    def run(self) -> _Outcome:
        if self.label_conflict():
            values = (self.base.get("label_id", _MISSING), self.local["label_id"], self.remote["label_id"])
            choice = self.conflict(LABEL_CHANGED, "label_id", None, values)
            merged = self.local if choice == MINE else self.remote
        else:
            merged = self.fields(self.base, self.local, self.remote)
            if self.kind == TRACKS:
                self.keyframes(merged)
                if not keyframes(merged) and None not in self.choices:  # a track needs a keyframe
                    choice = self.conflict(NO_KEYFRAMES, "keyframe")
                    merged = self.local if choice == MINE else self.remote
        return _finish(merged, self.remote, self.local, self.conflicts, self.choices)


def _kf_json(frame: int, keyframe: Fields | None) -> dict[str, Any] | None:
    if keyframe is None:
        return None
    return to_json(
        TRACKS, {"frame": frame, "label_id": 0, "group": 0, "source": "", (KEYFRAME, frame): keyframe}, None
    )["shapes"][0]


def _finish(
    merged: Fields, remote: Fields, local: Fields, conflicts: list[Conflict], choices: list[str | None]
) -> _Outcome:
    if BOTH in choices:
        return _Outcome(remote, conflicts, choices, create=local)
    if None in choices:
        return _Outcome(remote, conflicts, choices)
    return _Outcome(merged, conflicts, choices)


def _attributes_changed(base: Fields, side: Fields) -> bool:
    if attribute_items(base) != attribute_items(side):
        return True
    before, after = keyframes(base), keyframes(side)
    return any(
        attribute_items(before.get(frame, {})) != attribute_items(after.get(frame, {})) for frame in {*before, *after}
    )


# The whole document ------------------------------------------------------------------------------------------


class _Session:
    """The three documents and the choices made so far; per-object outcomes are kept between resolutions."""

    def __init__(self, sides: _Sides, choices: dict[tuple[Any, ...], str], cache: dict | None = None) -> None:
        self.sides = sides
        self.choices = choices
        self.cache: dict[tuple[str, int], _Outcome | None] = cache if cache is not None else {}

    def with_choices(self, choices: Mapping[tuple[Any, ...], str]) -> _Session:
        touched = {(token[0], token[1]) for token in choices}
        cache = {key: outcome for key, outcome in self.cache.items() if key not in touched}
        return _Session(self.sides, {**self.choices, **choices}, cache)

    def outcome(self, kind: str, object_id: int) -> _Outcome | None:
        """None when the object ends as the server has it, nothing sent and no conflict."""
        key = (kind, object_id)
        if key in self.cache:
            return self.cache[key]
        sides = self.sides
        base = sides.base[kind].get(object_id)
        local = sides.local[kind].get(object_id)
        remote = sides.remote[kind].get(object_id)
        result = self._decide(kind, object_id, base, local, remote)
        self.cache[key] = result
        return result

    def _decide(
        self, kind: str, object_id: int, base: Fields | None, local: Fields | None, remote: Fields | None
    ) -> _Outcome | None:
        if local in (base, remote):
            return None
        if local is None or remote is None:
            if base is None:  # an id the server never had (local ≠ base: local holds it): a creation
                return _Outcome(None, [], [], create=local)
            if local is None and remote == base:
                return _Outcome(None, [], [])  # deleted here only
            reason = DELETED_HERE if local is None else DELETED_THERE
            conflict = Conflict(
                kind,
                object_id,
                reason,
                base=to_json(kind, base, object_id),
                mine=local and to_json(kind, local, object_id),
                theirs=remote and to_json(kind, remote, object_id),
                local=local and to_json(kind, local, object_id),
                remote=remote and to_json(kind, remote, object_id),
                session=self,
            )
            choice = self.choices.get(conflict.token)
            if choice is None:
                return _Outcome(remote, [conflict], [None])
            if local is None:  # deleted here, changed there: mine deletes, theirs (or both) keeps the server's
                return _Outcome(None if choice == MINE else remote, [conflict], [choice])
            return _Outcome(None, [conflict], [choice], create=None if choice == THEIRS else local)
        if base is None or remote == base:
            if base is None:
                return _ObjectMerge(self, kind, object_id, ({}, local, remote)).run()
            return _Outcome(local, [], [])
        return _ObjectMerge(self, kind, object_id, (base, local, remote)).run()

    def result(self) -> MergeResult:
        sides = self.sides
        merged: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
        bodies: dict[str, dict[str, list[dict[str, Any]]]] = {
            action: {kind: [] for kind in KINDS} for action in ("create", "update", "delete")
        }
        conflicts: list[Conflict] = []
        origins: dict[str, tuple[int | None, ...]] = {}
        for kind in KINDS:
            remote = sides.remote[kind]
            ids = list(remote)
            ids += [object_id for object_id in sides.local[kind] if object_id not in remote]
            ids += [
                object_id
                for object_id in sides.base[kind]
                if object_id not in remote and object_id not in sides.local[kind]
            ]
            out = merged[kind]
            copies: list[Fields] = []
            copied: list[int | None] = []
            for object_id in ids:
                outcome = self.outcome(kind, object_id)
                theirs = remote.get(object_id)
                if outcome is None:
                    if theirs is not None:
                        out.append(to_json(kind, theirs, object_id))
                    continue
                conflicts.extend(dataclasses.replace(c, session=self) for c in outcome.open)  # choices made so far
                if outcome.create is not None:
                    copies.append(outcome.create)
                    copied.append(object_id)
                if outcome.merged is None:
                    if theirs is not None:
                        bodies["delete"][kind].append(to_json(kind, theirs, object_id))
                    continue
                item = to_json(kind, outcome.merged, object_id)
                out.append(item)
                if outcome.merged != theirs:
                    bodies["update"][kind].append(item)
            for fields in copies + sides.created[kind]:
                item = to_json(kind, fields, None)
                out.append(item)
                bodies["create"][kind].append(item)
            origins[kind] = (*copied, *(None for _ in sides.created[kind]))
        version = sides.version
        requests = Requests(*({"version": version, **bodies[action]} for action in ("create", "update", "delete")))
        document = {"version": version, **merged}
        duplicates = _duplicates(requests.create, sides)
        return MergeResult(document, requests, tuple(conflicts), duplicates, self, origins)


# Possible duplicates -----------------------------------------------------------------------------------------


def _box(points: Any) -> tuple[float, float, float, float]:
    xs, ys = points[0::2], points[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def iou(a: Any, b: Any) -> float:
    """Intersection over union of the bounding boxes of two flat point lists."""
    ax1, ay1, ax2, ay2 = _box(a)
    bx1, by1, bx2, by2 = _box(b)
    width, height = min(ax2, bx2) - max(ax1, bx1), min(ay2, by2) - max(ay1, by1)
    inter = max(width, 0.0) * max(height, 0.0)
    union = (ax2 - ax1) * (ay2 - ay1) + (bx2 - bx1) * (by2 - by1) - inter
    if union <= 0:
        return 1.0 if _box(a) == _box(b) else 0.0
    return inter / union


def _signature(kind: str, fields: Fields) -> tuple[Any, Any, Any, Any]:
    """(frame, label, type, points) compared for duplicates; tracks by their first keyframe."""
    if kind == TRACKS:
        frames = keyframes(fields)
        first = frames[min(frames)] if frames else {"type": "", "points": ()}
        return min(frames, default=fields["frame"]), fields["label_id"], first["type"], first["points"]
    return fields["frame"], fields["label_id"], fields.get("type"), fields.get("points")


def _duplicates(creates: Mapping[str, Any], sides: _Sides) -> tuple[PossibleDuplicate, ...]:
    found = []
    for kind in KINDS:
        fresh: dict[tuple[Any, Any, Any], list[tuple[int, Any]]] = {}
        for object_id, fields in sides.remote[kind].items():
            if object_id not in sides.base[kind]:
                frame, label, shape_type, points = _signature(kind, fields)
                fresh.setdefault((frame, label, shape_type), []).append((object_id, points))
        if not fresh:
            continue
        for index, item in enumerate(creates[kind]):
            frame, label, shape_type, points = _signature(kind, _fields_of_json(kind, item))
            for object_id, theirs in fresh.get((frame, label, shape_type), ()):
                if points is None or (points and theirs and iou(points, theirs) > DUPLICATE_IOU):
                    found.append(PossibleDuplicate(kind, index, object_id))
    return tuple(found)


def _fields_of_json(kind: str, item: Mapping[str, Any]) -> Fields:
    if kind == TRACKS:
        shapes = item["shapes"]
        return {
            "frame": item["frame"],
            "label_id": item["label_id"],
            **{(KEYFRAME, s["frame"]): {"type": s["type"], "points": s["points"]} for s in shapes},
        }
    return {
        "frame": item["frame"],
        "label_id": item["label_id"],
        "type": item.get("type"),
        "points": item.get("points"),
    }
