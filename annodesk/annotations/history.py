"""Undo and redo as data: every edit is an :class:`EditStep` holding the documents before and after it (immutable
and sharing their unchanged objects, so a step costs a few tuples), the frame to show when it is undone or redone,
and a plain-English description. A ``QUndoStack`` command in the UI layer sets the document to ``before`` on undo
and ``after`` on redo; one user action (a whole drag) is one step.

For the journal a step is written as a :class:`Delta` — the objects it removed, changed and inserted, as JSON —
and replayed on the document before it (:func:`apply_delta`). ``apply_delta(before, step.delta()) == after``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .identity import KINDS, Item, ObjectKey, item_id, items_of, with_items
from .objects import Annotations, Shape, Tag, Track

_PARSE: dict[str, Callable[[Mapping[str, Any]], Item]] = {
    "tags": Tag.from_json,
    "shapes": Shape.from_json,
    "tracks": Track.from_json,
}


@dataclass(frozen=True)
class Delta:
    """What a step changed, per kind: ``removed`` keys, ``changed`` objects (JSON, replaced in place by key),
    ``inserted`` ``(position, JSON)`` in increasing position of the result; ``replaced`` is the whole list of a kind
    when its order changed otherwise (never by the edits of :mod:`.edits`)."""

    removed: tuple[ObjectKey, ...] = ()
    changed: tuple[tuple[str, dict[str, Any]], ...] = ()
    inserted: tuple[tuple[str, int, dict[str, Any]], ...] = ()
    replaced: tuple[tuple[str, list[dict[str, Any]]], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "removed": [list(key) for key in self.removed],
            "changed": [[kind, item] for kind, item in self.changed],
            "inserted": [[kind, position, item] for kind, position, item in self.inserted],
            "replaced": [[kind, items] for kind, items in self.replaced],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Delta:
        return cls(
            removed=tuple((kind, value) for kind, value in data.get("removed", ())),
            changed=tuple((kind, item) for kind, item in data.get("changed", ())),
            inserted=tuple((kind, position, item) for kind, position, item in data.get("inserted", ())),
            replaced=tuple((kind, items) for kind, items in data.get("replaced", ())),
        )

    def __bool__(self) -> bool:
        return bool(self.removed or self.changed or self.inserted or self.replaced)


def _window(before: Sequence[Item], after: Sequence[Item]) -> tuple[int, int, int]:
    """Common prefix length and the ends of the differing windows (objects compared by identity first)."""
    start = 0
    limit = min(len(before), len(after))
    while start < limit and before[start] is after[start]:
        start += 1
    end_before, end_after = len(before), len(after)
    while end_before > start and end_after > start and before[end_before - 1] is after[end_after - 1]:
        end_before -= 1
        end_after -= 1
    return start, end_before, end_after


def delta(before: Annotations, after: Annotations) -> Delta:
    """The :class:`Delta` that turns ``before`` into ``after`` (objects identified by :func:`item_id`)."""
    removed: list[ObjectKey] = []
    changed: list[tuple[str, dict[str, Any]]] = []
    inserted: list[tuple[str, int, dict[str, Any]]] = []
    replaced: list[tuple[str, list[dict[str, Any]]]] = []
    for kind in KINDS:
        old, new = items_of(before, kind), items_of(after, kind)
        if old is new:
            continue
        start, end_old, end_new = _window(old, new)
        old_window = {item_id(item): item for item in old[start:end_old]}
        new_ids = [item_id(item) for item in new[start:end_new]]
        new_set = set(new_ids)
        common_new = [value for value in new_ids if value in old_window]
        common_old = [value for value in old_window if value in new_set]
        if common_new != common_old or len(new_set) != len(new_ids):
            replaced.append((kind, [item.to_json() for item in new]))
            continue
        removed.extend((kind, value) for value in old_window if value not in new_set)
        for offset, (value, item) in enumerate(zip(new_ids, new[start:end_new], strict=True)):
            previous = old_window.get(value)
            if previous is None:
                inserted.append((kind, start + offset, item.to_json()))
            elif previous is not item and (previous != item or previous.extra != item.extra):
                changed.append((kind, item.to_json()))
    return Delta(tuple(removed), tuple(changed), tuple(inserted), tuple(replaced))


def apply_delta(document: Annotations, change: Delta) -> Annotations:
    """``document`` with ``change`` applied: removals, then changes in place, then insertions by position."""
    lists: dict[str, list[Item]] = {}

    def items(kind: str) -> list[Item]:
        if kind not in lists:
            lists[kind] = list(items_of(document, kind))
        return lists[kind]

    for kind, documents in change.replaced:
        lists[kind] = [_PARSE[kind](value) for value in documents]
    gone: dict[str, set[int | str]] = {}
    for kind, removed_id in change.removed:
        gone.setdefault(kind, set()).add(removed_id)
    for kind, ids in gone.items():
        lists[kind] = [item for item in items(kind) if item_id(item) not in ids]
    positions: dict[str, dict[int | str, int]] = {}  # per kind, made once: item id → its first position
    for kind, changed_json in change.changed:
        new_item = _PARSE[kind](changed_json)
        wanted = item_id(new_item)
        current = items(kind)
        where = positions.get(kind)
        if where is None:
            where = positions[kind] = {}
            for index, existing in enumerate(current):
                where.setdefault(item_id(existing), index)
        position = where.get(wanted)
        if position is None:
            raise KeyError((kind, wanted))
        current[position] = new_item  # the same id: every position stays right
    for kind, position, inserted_json in change.inserted:
        items(kind).insert(position, _PARSE[kind](inserted_json))
    result = document
    for kind, final in lists.items():
        result = with_items(result, kind, tuple(final))
    return result


@dataclass(frozen=True)
class EditStep:
    """One user action: ``after`` replaced ``before``; ``frame`` is the frame to show on undo and redo;
    ``objects`` the keys it touched (for selecting them again)."""

    description: str
    frame: int
    before: Annotations
    after: Annotations
    objects: tuple[ObjectKey, ...] = ()

    @property
    def changed(self) -> bool:
        return self.before is not self.after

    def inverse(self) -> EditStep:
        """The step that undoes this one."""
        return EditStep(self.description, self.frame, self.after, self.before, self.objects)

    def delta(self) -> Delta:
        """What this step changed, for the journal."""
        return delta(self.before, self.after)
