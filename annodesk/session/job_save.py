"""Saving one job's annotations: only what changed, merged with other people's saves, never twice. No Qt.

A :class:`JobSaver` lives as long as the job is open. It keeps :attr:`~JobSaver.base`, the server's state the
user's document was last agreed with (ids, version), and :attr:`~JobSaver.in_flight`, what a save whose outcome is
not known (or that stopped half-way) left behind. :meth:`JobSaver.save` does, in order:

1. read the job's annotations again (only the ``version`` is decoded unless more is needed);
2. if a save was in flight: match its pending creations to what the server has now, by content
   (:func:`~annodesk.annotations.recover_creates`), and give the local objects the ids found (never a duplicate);
3. the server's version equals the base's (nobody wrote): the requests are the diff of the objects touched since
   the base (untouched ones are skipped by reference before anything is normalised); otherwise the three-way
   :func:`~annodesk.annotations.merge` of base, local and the server now — open conflicts end the save with
   :class:`NeedsDecision` and nothing is sent; ``choices`` decide them;
4. send the non-empty bodies as CVAT's ``PATCH jobs/{id}/annotations?action=create|update|delete`` in that order;
5. the answers give the ids of created objects and keyframes (client ids kept); each write adds one to the version,
   so when the last answer has exactly the expected version nobody else wrote and the document is known; else the
   job is read again and that is the new base (someone saved between our read and our writes).

Write-ahead: ``before_write`` (optional) is called before each PATCH with the :class:`InFlight` that would describe
that request's outcome being unknown (None when nothing would be left behind), and the request waits for it (when
it returns an awaitable, until that is done): a caller puts it on disk first, so a kill during the request leaves
what the next save needs to find the creations that reached the server (never a duplicate).

Failures: a 400 or 403 raises :class:`SaveRefused` (the server's reason, the objects of the refused body); a
timeout, a dropped connection, a 5xx or an unreadable answer re-raises the client's error with :attr:`in_flight`
set. The caller's document is never changed by a failed save: every edit is kept.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import Any, Protocol

from annodesk.annotations import (
    Annotations,
    LabelSet,
    MergeResult,
    Shape,
    Tag,
    Track,
    merge,
    recover_creates,
    version_check,
)
from annodesk.annotations.identity import CLIENT_ID, KINDS, TRACKS, ObjectKey, client_id, identified, items_of
from annodesk.annotations.merge import count
from annodesk.api import errors
from annodesk.api.annotation_transfer import RawAnnotations

Item = Tag | Shape | Track
ITEM_TYPES: dict[str, type[Tag] | type[Shape] | type[Track]] = {"tags": Tag, "shapes": Shape, TRACKS: Track}
# Errors after which a write may or may not have happened (the request may have reached the server).
UNKNOWN_OUTCOME = (errors.NetworkError, errors.ServerError, errors.MalformedResponse, errors.AnswerTooLarge)


class AnnotationClient(Protocol):
    """What a save needs of :class:`~annodesk.api.client.CvatClient`."""

    async def get_job_annotations_raw(self, job_id: int) -> RawAnnotations: ...

    async def patch_job_annotations_json(self, job_id: int, action: str, body: dict[str, Any]) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Saved:
    """A save that went through: ``document`` is what the server holds now, in local form (the user's edits with
    the server's ids adopted — client ids kept — and other users' changes merged in); ``version`` the job's;
    how many objects were created, updated and deleted; ``merged``: the server had moved since the base (other
    users' saves were merged)."""

    document: Annotations
    version: int
    created: int = 0
    updated: int = 0
    deleted: int = 0
    merged: bool = False

    @property
    def sent(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@dataclass(frozen=True)
class NeedsDecision:
    """The merge found conflicts; nothing was sent. Show ``result.conflicts`` and save again with
    ``choices = {conflict.token: MINE | THEIRS | BOTH}``."""

    result: MergeResult


class SaveRefused(errors.CvatError):
    """The server refused a write (400 with its reason, or 403): ``reason`` in its words, ``objects`` the domain
    keys of the objects of the refused request, ``action`` which request. Every edit is kept."""

    def __init__(
        self, message: str, *, reason: str, objects: tuple[ObjectKey, ...], action: str, status: int | None
    ) -> None:
        super().__init__(message, status=status, detail=reason)
        self.reason = reason
        self.objects = objects
        self.action = action


@dataclass(frozen=True)
class InFlight:
    """What a save left behind when it did not finish (JSON-able: keep it with the journal).

    ``create``: a create body whose outcome is unknown, sent at job version ``version_before`` when the job had
    the object ids ``known``; ``create_keys``: the client id of each of its objects, per kind, in order.
    ``adopted``: objects the server made (client id → server id, per kind) that the user's document does not know
    yet. ``copies``: which of those (or of the pending ones) copy a saved object (client id → the server id of the
    object copied: keep both, keep mine against a deletion). ``sent``: the actions that went out, the last one
    failed."""

    version_before: int
    create: dict[str, Any] | None = None
    create_keys: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    known: Mapping[str, tuple[int, ...]] = field(default_factory=dict)
    adopted: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    sent: tuple[str, ...] = ()
    copies: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "version_before": self.version_before,
            "create": self.create,
            "create_keys": {kind: list(keys) for kind, keys in self.create_keys.items()},
            "known": {kind: list(ids) for kind, ids in self.known.items()},
            "adopted": {kind: dict(ids) for kind, ids in self.adopted.items()},
            "sent": list(self.sent),
            "copies": {kind: dict(ids) for kind, ids in self.copies.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> InFlight:
        return cls(
            version_before=int(data["version_before"]),
            create=data.get("create"),
            create_keys={kind: tuple(keys) for kind, keys in data.get("create_keys", {}).items()},
            known={kind: tuple(int(i) for i in ids) for kind, ids in data.get("known", {}).items()},
            adopted={kind: {str(k): int(v) for k, v in ids.items()} for kind, ids in data.get("adopted", {}).items()},
            sent=tuple(data.get("sent", ())),
            copies={kind: {str(k): int(v) for k, v in ids.items()} for kind, ids in data.get("copies", {}).items()},
        )


@dataclass
class _Plan:
    """One save worked out: the base and local documents it compares (after a recovery), the requests, and the
    client id of each object to create."""

    base: Annotations
    local: Annotations
    result: MergeResult
    create_keys: dict[str, tuple[str, ...]]
    adopted: dict[str, dict[str, int]]
    merged: bool
    copies: dict[str, dict[str, int]] = field(default_factory=dict)
    target: Annotations | None = None  # the document the server holds once the requests are applied (no new ids)


class JobSaver:
    """Saves one job; see the module's docstring. ``base`` is the document as loaded (or as last saved)."""

    def __init__(
        self,
        client: AnnotationClient,
        job_id: int,
        labels: LabelSet,
        base: Annotations,
        in_flight: InFlight | None = None,
        before_write: Callable[[InFlight | None], Awaitable[None] | None] | None = None,
    ) -> None:
        self.client = client
        self.job_id = job_id
        self.labels = labels
        self.base = base
        self.in_flight = in_flight
        self.before_write = before_write  # see the module's docstring (write-ahead)
        self._busy = False

    async def save(
        self,
        local: Annotations,
        choices: Mapping[tuple[Any, ...], str] | None = None,
        *,
        read: RawAnnotations | None = None,
    ) -> Saved | NeedsDecision:
        """Save ``local`` (the user's document); see the module's docstring. ``read``: the job's annotations as the
        caller read them just before (step 1 is skipped; the version check after the writes still sees anyone who
        wrote since)."""
        if self._busy:
            raise RuntimeError("a save of this job is already running")
        self._busy = True
        try:
            return await self._save(identified(local), dict(choices or {}), read)
        finally:
            self._busy = False

    async def _save(
        self, local: Annotations, choices: dict[tuple[Any, ...], str], read: RawAnnotations | None = None
    ) -> Saved | NeedsDecision:
        base = self.base
        diff: asyncio.Future[_Plan] | None = None
        if read is not None:
            raw = read
            if not self.in_flight and raw.version == base.version:
                diff = asyncio.ensure_future(asyncio.to_thread(_diff, base, local, self.labels))
        else:
            # The diff of a normal save does not depend on the read: it is worked out while the read is on its way.
            if not self.in_flight:
                diff = asyncio.ensure_future(asyncio.to_thread(_diff, base, local, self.labels))
            try:
                raw = await self.client.get_job_annotations_raw(self.job_id)
            finally:
                if diff is not None:
                    diff.add_done_callback(_retrieved)
        if diff is not None and raw.version == base.version:
            plan = await diff
        else:
            plan = await asyncio.to_thread(self._plan, raw, local, choices)
        if plan.result.conflicts:
            return NeedsDecision(plan.result)
        requests = plan.result.requests.nonempty()
        answers: dict[str, dict[str, Any]] = {}
        adopted = {kind: dict(ids) for kind, ids in plan.adopted.items()}
        for action, body in requests:
            if self.before_write is not None:  # write-ahead: on disk before the request may reach the server
                done = [a for a, _ in requests if a in answers]
                try:
                    written = self.before_write(self._left_behind(True, plan, raw, action, body, adopted, done))
                    if written is not None:
                        await written
                except BaseException:  # cancelled, or the disk failed: this request did not go out
                    self.in_flight = _carry(raw.version, adopted, done, plan.copies)
                    raise
            try:
                answers[action] = await self.client.patch_job_annotations_json(self.job_id, action, body)
            except errors.CvatError as exc:
                done = [a for a, _ in requests if a in answers]
                self._stopped(isinstance(exc, UNKNOWN_OUTCOME), plan, raw, action, body, adopted, done)
                refusal = self._refusal(exc, plan, action, body)
                if refusal is None:
                    raise
                raise refusal from exc
            except asyncio.CancelledError:  # the window closes mid-request: the request may have gone out
                self._stopped(True, plan, raw, action, body, adopted, [a for a, _ in requests if a in answers])
                raise
            if action == "create":
                made = _created_ids(answers[action], plan.create_keys)
                if made is None:  # an answer that does not list what was made: as if it had been lost
                    self._stopped(True, plan, raw, action, body, adopted, [])
                    raise errors.MalformedResponse("The server's answer to a save does not list the objects made.")
                for kind, ids in made.items():
                    adopted.setdefault(kind, {}).update(ids)
        try:
            last = answers[requests[-1][0]].get("version") if requests else raw.version
            version = last if isinstance(last, int) else -1
            moved = version_check(raw.version, len(requests), version) == "moved"  # (no version: read again)
            if moved:  # someone wrote between our read and our writes: what the server holds is read again
                after = await self.client.get_job_annotations_raw(self.job_id)
                document = await asyncio.to_thread(
                    _server_document, after.json(), plan.local, adopted, plan.result.origins
                )
                version = after.version
            else:
                document = await asyncio.to_thread(_settled, plan, answers, version)
        except BaseException:  # everything was written: only the ids of the creations must not be lost
            self.in_flight = _carry(raw.version, adopted, [a for a, _ in requests], plan.copies)
            raise
        self.base = document
        self.in_flight = None
        bodies = plan.result.requests
        return Saved(document, version, count(bodies.create), count(bodies.update), count(bodies.delete),
                     plan.merged or moved)  # fmt: skip

    # -- working out what to send (a worker thread) --------------------------------------------------

    def _plan(self, raw: RawAnnotations, local: Annotations, choices: dict[tuple[Any, ...], str]) -> _Plan:
        """The three-way merge with the server now (after a recovery when a save was in flight)."""
        base = self.base
        adopted: dict[str, dict[str, int]] = {}
        flight = self.in_flight
        remote = raw.json()
        if flight is not None:
            adopted = _recovered(flight, remote, self.labels)
            local = _adopt(local, adopted, flight.copies, remote)
            base = _with_server_objects(base, remote, adopted)
        result = merge(base, local, remote, self.labels)
        if choices:
            result = result.session.with_choices(choices).result()
        copies = {kind: dict(ids) for kind, ids in (flight.copies if flight else {}).items()}
        for kind, ids in _copies(result, local).items():
            copies.setdefault(kind, {}).update(ids)
        return _Plan(base, local, result, _create_keys(result, local), adopted, merged=True, copies=copies)

    # -- failures --------------------------------------------------------------------------------------

    def _stopped(
        self,
        unknown: bool,
        plan: _Plan,
        raw: RawAnnotations,
        action: str,
        body: dict[str, Any],
        adopted: dict[str, dict[str, int]],
        done: list[str],
    ) -> None:
        """Remember what this save leaves behind: creations made, and a create whose outcome is unknown."""
        self.in_flight = self._left_behind(unknown, plan, raw, action, body, adopted, done)

    def _left_behind(
        self,
        unknown: bool,
        plan: _Plan,
        raw: RawAnnotations,
        action: str,
        body: dict[str, Any],
        adopted: dict[str, dict[str, int]],
        done: list[str],
    ) -> InFlight | None:
        """What a save stopped at ``action`` leaves behind (a snapshot: later creations do not change it)."""
        sent = (*done, action)
        if action == "create" and unknown:
            known = {kind: tuple(i.id for i in items_of(plan.base, kind) if i.id is not None) for kind in KINDS}
            if raw.version != plan.base.version or plan.adopted:  # the server's objects, not the base's
                remote = raw.json()
                known = {kind: tuple(int(item["id"]) for item in remote.get(kind, ())) for kind in KINDS}
            made = {kind: dict(ids) for kind, ids in adopted.items()}
            return InFlight(raw.version, body, plan.create_keys, known, made, sent, plan.copies)
        return _carry(raw.version, adopted, sent, plan.copies)

    def preview(self, raw: RawAnnotations, local: Annotations) -> MergeResult:
        """The merge a save of ``local`` would make against the server's ``raw`` answer, sending nothing (after the
        same recovery of a save in flight). Blocking: a worker thread."""
        return self._plan(raw, identified(local), {}).result

    def _refusal(self, exc: errors.CvatError, plan: _Plan, action: str, body: dict[str, Any]) -> SaveRefused | None:
        """A 400 or 403 as a :class:`SaveRefused` naming the objects of the refused request (None: not a refusal)."""
        if not isinstance(exc, errors.InvalidInput | errors.PermissionDenied):
            return None
        reason = exc.detail or exc.message
        objects = _body_keys(action, body, plan)
        return SaveRefused(
            f"The server refused to {action} {len(objects)} object(s): {reason}",
            reason=reason,
            objects=objects,
            action=action,
            status=exc.status,
        )


def _diff(base: Annotations, local: Annotations, labels: LabelSet) -> _Plan:
    """The plan of a normal save (nobody wrote since the base): the touched objects' diff."""
    reduced_base, reduced_local = _touched(base, local)
    result = merge(reduced_base, reduced_local, reduced_base, labels)
    return _Plan(base, local, result, _create_keys(result, local), {}, merged=False, target=local)


def _created_ids(
    answer: Mapping[str, Any], create_keys: Mapping[str, tuple[str, ...]]
) -> dict[str, dict[str, int]] | None:
    """Client id → server id from a create's answer (it lists the objects made in request order), None when it does
    not list exactly the objects sent."""
    made: dict[str, dict[str, int]] = {}
    for kind in KINDS:
        keys, items = create_keys.get(kind, ()), answer.get(kind, ())
        if not isinstance(items, list) or len(items) != len(keys):
            return None
        ids = [item.get("id") if isinstance(item, dict) else None for item in items]
        numbers = [i for i in ids if isinstance(i, int)]
        if len(numbers) != len(ids):
            return None
        made[kind] = dict(zip(keys, numbers, strict=True))
    return made


def _retrieved(future: asyncio.Future[Any]) -> None:
    """A worked-out diff that was not used (the read failed or the server moved): its outcome is dropped."""
    if not future.cancelled():
        future.exception()


def _carry(
    version: int,
    adopted: Mapping[str, Mapping[str, int]],
    sent: Iterable[str],
    copies: Mapping[str, Mapping[str, int]],
) -> InFlight | None:
    """What must outlive a failed save whose creations (if any) are known: the ids to adopt (and which of them
    copy a saved object)."""
    if not any(adopted.values()):
        return None
    kept = {kind: dict(ids) for kind, ids in adopted.items() if ids}
    copied = {kind: {k: v for k, v in ids.items() if k in kept.get(kind, {})} for kind, ids in copies.items()}
    return InFlight(version, adopted=kept, sent=tuple(sent), copies={k: v for k, v in copied.items() if v})


def _body_keys(action: str, body: Mapping[str, Any], plan: _Plan) -> tuple[ObjectKey, ...]:
    """The domain keys of a request body's objects: client ids of creations, local keys of the others."""
    if action == "create":
        return tuple((kind, key) for kind in KINDS for key in plan.create_keys.get(kind, ()))
    keys: list[ObjectKey] = []
    for kind in KINDS:
        by_id = {i.id: i for doc in (plan.base, plan.local) for i in items_of(doc, kind) if i.id is not None}
        for item in body.get(kind, ()):
            known = by_id.get(item.get("id"))
            local = client_id(known) if known is not None else None
            keys.append((kind, local if local is not None else int(item["id"])))
    return tuple(keys)


# -- the diff of a normal save -----------------------------------------------------------------------------


def _touched(base: Annotations, local: Annotations) -> tuple[Annotations, Annotations]:
    """Both documents without the objects that are the same on both sides (the same object, or equal): no request
    can come of them, so only the others are normalised and compared. Edits share unchanged objects, so this is
    mostly a pointer comparison."""
    reduced_base: dict[str, Any] = {}
    reduced_local: dict[str, Any] = {}
    for kind in KINDS:
        before = {item.id: item for item in items_of(base, kind) if item.id is not None}
        same: set[int] = set()
        kept: list[Item] = []
        for item in items_of(local, kind):
            if item.id is not None:
                old = before.get(item.id)
                if old is not None and (old is item or old == item):
                    same.add(item.id)
                    continue
            kept.append(item)
        reduced_local[kind] = tuple(kept)
        reduced_base[kind] = tuple(item for object_id, item in before.items() if object_id not in same)
    return replace(base, **reduced_base), replace(local, **reduced_local)


def _create_keys(result: MergeResult, local: Annotations) -> dict[str, tuple[str, ...]]:
    """The client id of each object of the create body: a new local object's own; for a local object copied (keep
    both, keep mine against a deletion) its client id, else ``revived-<kind>-<id>`` (as ``after_save`` names it)."""
    keys: dict[str, tuple[str, ...]] = {}
    for kind in KINDS:
        origins = result.origins.get(kind, ())
        if not origins:
            continue
        items = items_of(local, kind)
        new = iter(client_id(item) for item in items if item.id is None)
        by_id = {item.id: item for item in items if item.id is not None}
        names = []
        for origin in origins:
            if origin is None:
                name = next(new)
            else:
                copied = by_id.get(origin)
                name = client_id(copied) if copied is not None else None
                name = name or f"revived-{kind}-{origin}"
            names.append(name or "")
        keys[kind] = tuple(names)
    return keys


def _copies(result: MergeResult, local: Annotations) -> dict[str, dict[str, int]]:
    """Client id → the server id of the saved object it copies, for the copies in the create body."""
    keys = _create_keys(result, local)
    found: dict[str, dict[str, int]] = {}
    for kind, origins in result.origins.items():
        for key, origin in zip(keys.get(kind, ()), origins, strict=False):
            if origin is not None:
                found.setdefault(kind, {})[key] = origin
    return found


# -- a save in flight ----------------------------------------------------------------------------------------


def _ids_only(known: Mapping[str, Iterable[int]]) -> Annotations:
    """A document that has only these object ids (what :func:`recover_creates` compares against)."""
    return Annotations(
        tags=tuple(Tag(frame=0, label_id=0, id=i) for i in known.get("tags", ())),
        shapes=tuple(Shape(type="points", frame=0, label_id=0, points=(), id=i) for i in known.get("shapes", ())),
        tracks=tuple(Track(frame=0, label_id=0, shapes=(), id=i) for i in known.get("tracks", ())),
    )


def _recovered(flight: InFlight, remote: Mapping[str, Any], labels: LabelSet) -> dict[str, dict[str, int]]:
    """Client id → server id of every object the server made for us: known before, or found for a create whose
    outcome was unknown."""
    adopted = {kind: dict(ids) for kind, ids in flight.adopted.items()}
    if flight.create is not None:
        recovery = recover_creates(
            flight.create, _ids_only(flight.known), remote, version_before=flight.version_before, labels=labels
        )
        for (kind, position), object_id in recovery.created.items():
            keys = flight.create_keys.get(kind, ())
            if position < len(keys) and keys[position]:
                adopted.setdefault(kind, {})[keys[position]] = object_id
    return adopted


def _with_client_id(item: Any, key: str) -> Any:
    return replace(item, extra=MappingProxyType({**item.extra, CLIENT_ID: key}))


def _adopt(
    local: Annotations,
    adopted: Mapping[str, Mapping[str, int]],
    copies: Mapping[str, Mapping[str, int]],
    remote: Mapping[str, Any],
) -> Annotations:
    """``local`` with server ids given to the objects the server made for it, found by client id. A copy that was
    made (keep both, keep mine against a deletion) takes the place of the local object it copied — that object
    has the copy's id and client id now — and the copied object is the server's again (when it still has it), so
    the next merge neither conflicts over it again nor copies it twice."""
    changes: dict[str, Any] = {}
    for kind in KINDS:
        ids = adopted.get(kind)
        if not ids:
            continue
        copied = {origin: key for key, origin in copies.get(kind, {}).items() if key in ids}
        items = []
        for item in items_of(local, kind):
            key = client_id(item)
            if item.id is None and key is not None and key in ids:
                item = replace(item, id=ids[key], absent=item.absent - {"id"})
            elif item.id is not None and item.id in copied:
                key = copied[item.id]
                item = _with_client_id(replace(item, id=ids[key]), key)
            items.append(item)
        if copied:
            have = {item.id for item in items}
            model = ITEM_TYPES[kind]
            items += [
                model.from_json(theirs)
                for theirs in remote.get(kind, ())
                if theirs.get("id") in copied and theirs.get("id") not in have
            ]
        changes[kind] = tuple(items)
    return replace(local, **changes) if changes else local


def _with_server_objects(
    base: Annotations, remote: Mapping[str, Any], adopted: Mapping[str, Mapping[str, int]]
) -> Annotations:
    """``base`` with the server's version of the objects it made for us (so that the merge compares them, and a
    local deletion of one is sent)."""
    changes: dict[str, Any] = {}
    for kind in KINDS:
        made = set(adopted.get(kind, {}).values()) - {item.id for item in items_of(base, kind)}
        if not made:
            continue
        model = ITEM_TYPES[kind]
        extra = tuple(model.from_json(item) for item in remote.get(kind, ()) if item.get("id") in made)
        changes[kind] = items_of(base, kind) + extra
    return replace(base, **changes) if changes else base


# -- the document after the save ------------------------------------------------------------------------------


def _names(
    local: Annotations, adopted: Mapping[str, Mapping[str, int]], copied: Mapping[str, Iterable[int | None]]
) -> dict[tuple[str, int | None], str]:
    """(kind, server id) → client id after a save: the local objects' own, the ids the server gave to new objects;
    an object copied as a new one (keep both, keep mine against a deletion) hands its client id to the copy."""
    names: dict[tuple[str, int | None], str] = {
        (kind, item.id): key
        for kind in KINDS
        for item in items_of(local, kind)
        if item.id is not None and (key := client_id(item)) is not None
    }
    for kind, origins in copied.items():
        for origin in origins:
            if origin is not None:
                names.pop((kind, origin), None)
    for kind, ids in adopted.items():
        for key, object_id in ids.items():
            names[kind, object_id] = key
    return names


def _named(item: Any, key: str | None) -> Any:
    return _with_client_id(item, key) if key is not None else item


def _server_document(
    after: Mapping[str, Any],
    local: Annotations,
    adopted: Mapping[str, Mapping[str, int]],
    copied: Mapping[str, Iterable[int | None]],
) -> Annotations:
    """The job as read from the server, in local form: client ids kept (by server id)."""
    names = _names(local, adopted, copied)
    document = Annotations.from_json(after)
    renamed: dict[str, Any] = {
        kind: tuple(_named(item, names.get((kind, item.id))) for item in items_of(document, kind)) for kind in KINDS
    }
    return replace(document, **renamed)


def _settled(plan: _Plan, answers: Mapping[str, Mapping[str, Any]], version: int) -> Annotations:
    """What the server holds after the requests, when nobody else wrote: the target document (the local one, or
    the merge) with the ids the server gave — of created objects, and of the keyframes of created and updated
    tracks (from the answers) — and the client ids. Untouched objects stay the very same objects."""
    target = plan.target
    names: dict[tuple[str, int | None], str] = {}
    if target is None:  # the merge: the merged document with the local client ids
        names = _names(plan.local, {}, plan.result.origins)
        target = Annotations.from_json(plan.result.merged)
    created = answers.get("create", {})
    renewed = {item["id"]: item for item in answers.get("update", {}).get(TRACKS, ())}
    changes: dict[str, Any] = {"version": version}
    for kind in KINDS:
        if not names and not created.get(kind) and not (kind == TRACKS and renewed):
            continue
        fresh = iter(zip(plan.create_keys.get(kind, ()), created.get(kind, ()), strict=False))
        items = []
        for item in items_of(target, kind):
            if item.id is None:
                key, answer = next(fresh, (None, None))
                if answer is not None:
                    made = Track.from_json(answer) if kind == TRACKS else replace(
                        item, id=int(answer["id"]), absent=item.absent - {"id"}
                    )  # fmt: skip
                    item = made if client_id(made) == key else _named(made, key)
            elif kind == TRACKS and item.id in renewed:
                item = _named(Track.from_json(renewed[item.id]), client_id(item) or names.get((kind, item.id)))
            elif names:
                item = _named(item, names.get((kind, item.id)))
            items.append(item)
        changes[kind] = tuple(items)
    return replace(target, **changes)
