"""A save whose outcome is unknown (a timeout, a dropped connection) must not duplicate anything.

CVAT has no idempotency keys: a ``create`` that reached the server but whose answer was lost made the objects, and
sending it again makes them twice. So, after such a failure, read the job again and :func:`recover_creates`:
each pending creation is matched by content — kind, label, type, frame, group, occluded, z-order, points within a
tolerance, attributes (the server fills in defaults it was not sent), for tracks every keyframe — to an object the
server has now that was not in the base; matched ones get that id and are not sent again. Updates and deletes need
no such care: they are idempotent by id, and a new :func:`~annodesk.annotations.merge` against the fresh read sends
only what is still missing.

Each write adds exactly one to the job's version (§4.2), so :func:`expected_version` says where the version must
be after the requests, and :func:`version_check` whether someone else wrote in between.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .fieldmap import ATTR, KINDS, Fields, fields_of, keyframes
from .labels import LabelSet
from .merge import Document, Labels, Requests, _read
from .normal import SHAPES, TAGS, TRACKS
from .objects import Annotations

TOLERANCE = 0.01  # pixels: the server keeps floats as sent, so only representation noise is forgiven


@dataclass(frozen=True)
class Recovery:
    """What an unknown-outcome ``create`` became: ``created`` maps (kind, position in the create body) to the
    server id found for it; ``remaining`` is the create body still to send (the unmatched ones, in order);
    ``applied`` says whether the request went through (True: every object found; False: none found — the
    version did not move, or nothing matches; None: only some found — another user's work interfered, so look
    at ``remaining`` before sending it)."""

    created: dict[tuple[str, int], int]
    remaining: dict[str, Any]
    applied: bool | None


def _close(a: Any, b: Any, tolerance: float) -> bool:
    return len(a) == len(b) and all(abs(x - y) <= tolerance for x, y in zip(a, b, strict=True))


def _attributes_agree(sent: Fields, stored: Fields) -> bool:
    """Every attribute sent has the stored value; stored ones not sent are what the server filled in."""
    return all(stored.get(key) == value for key, value in sent.items() if type(key) is tuple and key[0] == ATTR)


def _same(kind: str, sent: Fields, stored: Fields, tolerance: float) -> bool:
    for name in ("frame", "label_id", "group", "type", "occluded", "z_order"):
        if sent.get(name) != stored.get(name):
            return False
    if kind == SHAPES and not _close(sent["points"], stored["points"], tolerance):
        return False
    if not _attributes_agree(sent, stored):
        return False
    if kind == TRACKS:
        mine, theirs = keyframes(sent), keyframes(stored)
        if mine.keys() != theirs.keys():
            return False
        for frame, keyframe in mine.items():
            other = theirs[frame]
            if any(keyframe[name] != other[name] for name in ("type", "occluded", "outside", "z_order")):
                return False
            if not _close(keyframe["points"], other["points"], tolerance) or not _attributes_agree(keyframe, other):
                return False
    return True


def _flat(kind: str, items: list[Mapping[str, Any]], labels: LabelSet) -> list[Fields]:
    document = _read({"version": 0, "tags": [], "shapes": [], "tracks": [], kind: items}, labels)
    return [fields_of(item) for item in getattr(document, kind)]


def recover_creates(
    pending: Mapping[str, Any],
    base: Document,
    current: Document,
    *,
    version_before: int | None = None,
    labels: Labels = None,
    tolerance: float = TOLERANCE,
) -> Recovery:
    """Match the objects of ``pending`` (a ``create`` body whose answer was lost) to the objects of ``current``
    (the job read again) that ``base`` did not have. ``version_before`` is the job's version when the create was
    sent: if ``current`` still has it, nothing was written and everything remains to send."""
    label_set = LabelSet.from_json(labels or [])
    now = current if isinstance(current, Annotations) else Annotations.from_json(current)
    total = sum(len(pending.get(kind, ())) for kind in KINDS)
    if version_before is not None and now.version == version_before:
        return Recovery({}, {"version": now.version, **{k: list(pending.get(k, ())) for k in KINDS}}, False)
    old = base if isinstance(base, Annotations) else Annotations.from_json(base)
    known = {kind: {item.id for item in getattr(old, kind)} for kind in KINDS}
    fresh_doc = _read(now, label_set)
    created: dict[tuple[str, int], int] = {}
    remaining: dict[str, Any] = {"version": now.version}
    for kind in (TAGS, SHAPES, TRACKS):
        items = list(pending.get(kind, ()))
        candidates = [(item.id, fields_of(item)) for item in getattr(fresh_doc, kind) if item.id not in known[kind]]
        candidates.sort(key=lambda pair: pair[0])  # CVAT numbers a batch in request order
        taken: set[int] = set()
        left = []
        for position, (item, sent) in enumerate(zip(items, _flat(kind, items, label_set), strict=True)):
            match = next(
                (oid for oid, stored in candidates if oid not in taken and _same(kind, sent, stored, tolerance)),
                None,
            )
            if match is None:
                left.append(item)
            else:
                taken.add(match)
                created[kind, position] = match
        remaining[kind] = left
    applied = True if len(created) == total else (False if not created else None)
    return Recovery(created, remaining, applied)


def adopt_ids(local: Mapping[str, Any], created: Mapping[tuple[str, int], int]) -> dict[str, Any]:
    """``local`` with server ids given to its new objects: ``created`` maps (kind, position among the objects
    without an id, in order — as :func:`~annodesk.annotations.changes` sends them) to an id; a create's answer
    lists its objects in request order, so ``{(kind, i): answer[kind][i]["id"]}`` maps a successful save."""
    result = dict(local)
    for kind in KINDS:
        position = 0
        items = []
        for item in local.get(kind, ()):
            if item.get("id") is None:
                object_id = created.get((kind, position))
                position += 1
                if object_id is not None:
                    item = {**item, "id": object_id}
            items.append(item)
        result[kind] = items
    return result


def created_ids(answer: Mapping[str, Any]) -> dict[tuple[str, int], int]:
    """(kind, position) → id from the answer to a ``create`` request."""
    return {(kind, i): item["id"] for kind in KINDS for i, item in enumerate(answer.get(kind, ()))}


def expected_version(version_before: int, requests: Requests | int) -> int:
    """The job's version after sending ``requests`` (every write, empty or not, adds one), or after that many
    writes."""
    writes = requests if isinstance(requests, int) else len(list(requests))
    return version_before + writes


def version_check(version_before: int, writes: int, version_now: int) -> str:
    """``"unchanged"`` (nothing written: safe to send again), ``"expected"`` (our writes and no one else's),
    ``"moved"`` (someone else wrote too: read and merge again)."""
    if version_now == version_before:
        return "unchanged"
    return "expected" if version_now == version_before + writes else "moved"
