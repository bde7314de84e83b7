"""How an object of a job is identified while it is being edited.

An object that the server saved has its server ``id`` (ids are per table, so the key carries the kind: §2.1 of the
annotation-view reference). An object made here has no server id until a save maps one back; it carries a
**client id** — a UUID string kept in the object's ``extra["client_id"]`` — from the moment it is made (§4.5:
"offline creations carry a local UUID"). The merge engine matches objects by server id and treats id-less objects
as new, and it builds request bodies from the modelled fields only, so the client id is never sent; the journal
keeps it (it is part of ``to_json``). When a save gives the object its server id (``adopt_ids``) the client id stays:
the key of an object is its client id when it has one, else its server id, so it never changes.

After a save, documents kept for undo and redo still describe the job before it: :func:`after_save` brings one up to
date — objects the save created get their server ids, and an object whose row the save deleted loses its id (an
undo that revives it must create it again, never update a vanished id: §4.4-3 and §5 of the reference).
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from types import MappingProxyType
from typing import Any, TypeVar

from .objects import Annotations, Shape, Tag, Track

TAGS, SHAPES, TRACKS = "tags", "shapes", "tracks"
KINDS = (TAGS, SHAPES, TRACKS)
CLIENT_ID = "client_id"

Item = Tag | Shape | Track
AnyItem = TypeVar("AnyItem", bound=Tag | Shape | Track)
ObjectKey = tuple[str, int | str]
"""(kind, server id) or (kind, client id): an object's identity in the job, stable across edits."""


def new_client_id() -> str:
    """A fresh client id (a random UUID, hex)."""
    return uuid.uuid4().hex


def client_id(item: Item) -> str | None:
    """The object's client id, if it has one."""
    value = item.extra.get(CLIENT_ID)
    return value if isinstance(value, str) else None


def with_client_id(item: AnyItem, value: str | None = None) -> AnyItem:
    """``item`` carrying client id ``value`` (a fresh one if None)."""
    return replace(item, extra=MappingProxyType({**item.extra, CLIENT_ID: value or new_client_id()}))


def item_id(item: Item) -> int | str:
    """The client id, else the server id: an object made here keeps its client id as key after a save gives it a
    server id, so keys held by the UI stay valid. ``KeyError`` when the object has neither (see :func:`identified`)."""
    local = client_id(item)
    if local is not None:
        return local
    if item.id is None:
        raise KeyError("an object without a server id needs a client id (see identified())")
    return item.id


def key_of(kind: str, item: Item) -> ObjectKey:
    """The object's :data:`ObjectKey`."""
    return kind, item_id(item)


def items_of(annotations: Annotations, kind: str) -> tuple[Item, ...]:
    if kind == TAGS:
        return annotations.tags
    if kind == SHAPES:
        return annotations.shapes
    if kind == TRACKS:
        return annotations.tracks
    raise ValueError(f"unknown kind {kind!r}")


def with_items(annotations: Annotations, kind: str, items: tuple[Item, ...]) -> Annotations:
    """``annotations`` with the objects of ``kind`` replaced."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    fields: dict[str, Any] = {kind: items}
    return replace(annotations, **fields)


def identified(annotations: Annotations) -> Annotations:
    """``annotations`` with a client id on every object that has neither a server id nor a client id (call it on
    a document before editing it; documents read from the server need nothing)."""
    result = annotations
    for kind in KINDS:
        items = items_of(annotations, kind)
        if any(item.id is None and client_id(item) is None for item in items):
            fixed = tuple(
                with_client_id(item) if item.id is None and client_id(item) is None else item for item in items
            )
            result = with_items(result, kind, fixed)
    return result


def find(annotations: Annotations, key: ObjectKey) -> tuple[int, Item]:
    """The position and object with ``key``; ``KeyError`` if there is none. Searched from the newest object back
    (keys are unique): the object just made, the one most asked about, is found at once on a dense job."""
    kind, wanted = key
    items = items_of(annotations, kind)
    if isinstance(wanted, str):
        for index in range(len(items) - 1, -1, -1):
            if client_id(items[index]) == wanted:
                return index, items[index]
    else:
        for index in range(len(items) - 1, -1, -1):
            item = items[index]
            if item.id == wanted and client_id(item) is None:
                return index, item
    raise KeyError(key)


def after_save(document: Annotations, saved: Annotations) -> Annotations:
    """``document`` (from the undo history) made consistent with the ``saved`` one: server ids the save gave to
    objects made here (matched by client id) adopted; server ids that ``saved`` no longer has cleared (the object
    keeps, or gets, a client id — ``revived-<kind>-<id>``, the same on every call — and will be created again)."""
    result = document
    for kind in KINDS:
        saved_items = items_of(saved, kind)
        server_ids = {item.id for item in saved_items if item.id is not None}
        adopted = {local: item.id for item in saved_items if (local := client_id(item)) is not None}
        items = items_of(document, kind)
        fixed = []
        changed = False
        for item in items:
            new = item
            if item.id is not None and item.id not in server_ids:
                if client_id(new) is None:
                    new = with_client_id(new, f"revived-{kind}-{item.id}")
                new = replace(new, id=None)
            local = client_id(new)
            if local is not None and adopted.get(local) is not None and new.id != adopted[local]:
                new = replace(new, id=adopted[local], absent=new.absent - {"id"})
            changed = changed or new is not item
            fixed.append(new)
        if changed:
            result = with_items(result, kind, tuple(fixed))
    return result
