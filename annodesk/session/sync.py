"""Syncing a checked-out job (issue 16): the edits made offline go to the server, merged three ways with what other
people saved meanwhile, and the result becomes the new base. No Qt.

The **effective base** of a checkout is what the user's edits are against: the journal's base when the journal
holds steps (they were made against it) or when its version is at least the store's ``base_version``; otherwise the
store's base (the job as checked out). :func:`local_copy` reads it and the document with the journal's steps.

:func:`sync_job` reads the job and its task first and says what changed on the server while the job was out
(:class:`ServerChange`: reassigned, status, job or task deleted, labels changed). A job or task that is gone, or
labels that the local edits use and that the server no longer has, make the sync impossible
(:class:`SyncImpossible`: nothing is sent, nothing local is touched; :func:`export_local` writes the edits to a
file). Otherwise the part-2 :class:`~annodesk.session.job_save.JobSaver` saves the local document against the
effective base: the server's version unchanged → only the local changes are sent; moved → the three-way merge, and
open conflicts end the sync with :class:`SyncConflicts` (nothing sent; sync again with ``choices``).

**Crash safety**: before each PATCH the sync writes to the journal what that request leaves behind if its outcome
is never known (``JobSaver.before_write`` → ``journal.set_in_flight``, fsynced), so a kill or a dropped connection
mid-request is followed by a sync that finds the objects that reached the server by content and never creates them
twice. After a successful push: ``journal.mark_saved`` (new base, steps and in-flight record cleared, one
transaction) FIRST, then ``store.set_base`` with the server's current job and task JSON; a kill between the two is
healed by the effective-base rule. Network failures raise the client's :class:`~annodesk.api.CvatError` with
nothing lost.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime
import io
import logging
import os
import tempfile
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import msgspec

from annodesk.annotations import Annotations, LabelSet, MergeResult
from annodesk.annotations.cvat_xml import FrameInfo, JobInfo, frame_step, job_xml
from annodesk.annotations.identity import KINDS, items_of
from annodesk.api import CvatClient, errors
from annodesk.api.annotation_transfer import RawAnnotations
from annodesk.api.models import DataMeta, Job, Task, UserRef

from .checkout_store import Checkout, CheckoutStore
from .job_save import InFlight, JobSaver, NeedsDecision, SaveRefused
from .journal import Journal

log = logging.getLogger(__name__)

REASSIGNED, STATUS, JOB_DELETED, TASK_DELETED, LABELS_CHANGED = (
    "reassigned",
    "status",
    "job_deleted",
    "task_deleted",
    "labels_changed",
)
IN_SYNC, CHANGED_HERE, CHANGED_ON_SERVER, CONFLICTS, UNAVAILABLE = (
    "in_sync",
    "changed_here",
    "changed_on_server",
    "conflicts",
    "unavailable",
)


@dataclass(frozen=True)
class ServerChange:
    """Something that changed on the server while the job was out, said plainly: ``kind`` is one of
    ``"reassigned" | "status" | "job_deleted" | "task_deleted" | "labels_changed"``; ``before`` / ``after`` the old
    and new assignee username, status, or label names (", "-joined); None where it does not apply (no assignee)."""

    kind: str
    before: str | None
    after: str | None


@dataclass(frozen=True)
class SyncDone:
    """Pushed (or nothing to push): the result is the new base, at ``version``; how many objects were created,
    updated and deleted on the server; ``merged``: other people's changes were merged in."""

    version: int
    created: int
    updated: int
    deleted: int
    merged: bool
    changes: tuple[ServerChange, ...]


@dataclass(frozen=True)
class SyncConflicts:
    """Nothing was sent: ``result.conflicts`` are for the conflict view; sync again with ``choices``."""

    result: MergeResult
    changes: tuple[ServerChange, ...]


@dataclass(frozen=True)
class SyncImpossible:
    """The edits can no longer be sent (job or task deleted, a 400/403 refusal, labels gone); every edit is kept.
    ``reason`` is English, for logs; the UI words it from ``changes`` / ``refusal``."""

    reason: str
    changes: tuple[ServerChange, ...]
    refusal: SaveRefused | None = None


SyncOutcome = SyncDone | SyncConflicts | SyncImpossible


@dataclass(frozen=True)
class LocalCopy:
    """A checked-out job as it is here: the effective base (at ``base_version``), the document with the journal's
    steps replayed (``== base`` when there are none), and how many steps are not synced."""

    base_version: int
    base: Annotations
    document: Annotations
    steps: int


@dataclass(frozen=True)
class SyncStatus:
    """What a sync would find, read without writing: ``state`` is ``"in_sync" | "changed_here" |
    "changed_on_server" | "conflicts" | "unavailable"`` (job or task gone, or labels the edits use removed);
    the server's annotation version (None when unavailable); how many conflicts a sync would offer."""

    state: str
    server_version: int | None
    conflicts: int
    changes: tuple[ServerChange, ...]


# -- the local side ------------------------------------------------------------------------------------------------


def stored_base(record: Checkout) -> Annotations:
    """The base as stored with the checkout (the job as checked out or last synced), at its version."""
    document = Annotations.from_json(msgspec.json.decode(record.base))
    return replace(document, version=record.base_version)


def effective_base(record: Checkout, journal: Journal) -> Annotations:
    """The base a checked-out job's edits are made against, at its version: the journal's when it has one at least
    as new as the store's (the journal is the authority once it has a base), else the store's. Blocking."""
    journaled = journal.base(record.job_id)
    if journaled is not None and journaled[0] >= record.base_version:
        return replace(journaled[1], version=journaled[0])
    return stored_base(record)


def local_copy(store: CheckoutStore, journal: Journal, server: str, job_id: int) -> LocalCopy | None:
    """The checked-out job as it is here (None: not checked out). Blocking (disk, decoding): a worker thread."""
    record = store.checkout(server, job_id)
    if record is None:
        return None
    pending = journal.pending(job_id)
    if pending is not None:  # the steps were made against the journal's base
        base = replace(pending.base, version=pending.version)
        return LocalCopy(pending.version, base, replace(pending.document, version=pending.version), pending.steps)
    base = effective_base(record, journal)
    return LocalCopy(base.version, base, base, 0)


def reconcile(store: CheckoutStore, journal: Journal, server: str, job_id: int) -> bool:
    """Copy the journal's base into the store when it is newer and has no steps on it (a save from the workspace,
    or a kill between the two writes of a sync), so the store's ``base_version`` is the effective one; whether it
    did. Blocking: a worker thread."""
    record = store.checkout(server, job_id)
    if record is None:
        return False
    journaled_version, steps = journal.summary(job_id)
    if steps or journaled_version is None or journaled_version <= record.base_version:
        return False
    journaled = journal.base(job_id)
    if journaled is None:
        return False
    version, document = journaled
    store.set_base(server, job_id, version, msgspec.json.encode(replace(document, version=version).to_json()))
    return True


def journaled_in_flight(journal: Journal, job_id: int) -> InFlight | None:
    """What an unfinished save or sync of the job left in the journal."""
    try:
        data = journal.in_flight(job_id)
        return InFlight.from_json(data) if data is not None else None
    except (KeyError, TypeError, ValueError):
        log.exception("the unfinished save of job %s could not be read from the journal", job_id)
        return None


# -- the server side -----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _ServerView:
    """The job and its task as the server has them now (None: deleted), and what changed since the checkout."""

    job: Job | None
    task: Task | None
    changes: tuple[ServerChange, ...]

    @property
    def gone(self) -> bool:
        return self.job is None or self.task is None


async def _read_or_none(read: Any) -> Any:
    try:
        return await read
    except errors.NotFound:
        return None


async def _server_view(client: CvatClient, record: Checkout) -> _ServerView:
    """Read the job and its task (concurrently) and compare them with the stored copies."""
    job, task = await asyncio.gather(
        _read_or_none(client.get_job(record.job_id)), _read_or_none(client.get_task(record.task_id))
    )
    before_job = msgspec.json.decode(record.job, type=Job)
    before_task = msgspec.json.decode(record.task, type=Task)
    changes: list[ServerChange] = []
    if task is None:
        changes.append(ServerChange(TASK_DELETED, before_task.name, None))
    elif job is None:
        changes.append(ServerChange(JOB_DELETED, f"#{record.job_id}", None))
    if job is not None:
        if job.assignee_id != before_job.assignee_id:
            names = await _user_names(client, (before_job.assignee, job.assignee))
            changes.append(ServerChange(REASSIGNED, names[0], names[1]))
        if job.status != before_job.status:
            changes.append(ServerChange(STATUS, before_job.status, job.status))
    if task is not None and _label_shape(task) != _label_shape(before_task):
        changes.append(ServerChange(LABELS_CHANGED, _label_names(before_task), _label_names(task)))
    return _ServerView(job, task, tuple(changes))


async def _user_names(client: CvatClient, users: tuple[int | UserRef | None, ...]) -> list[str | None]:
    """Usernames of assignees (an id is looked up; ``#id`` when the server does not say)."""
    names: list[str | None] = []
    for user in users:
        if user is None:
            names.append(None)
        elif isinstance(user, UserRef) and user.username:
            names.append(user.username)
        else:
            user_id = user.id if isinstance(user, UserRef) else int(user)
            try:
                names.append((await client.get_user(user_id)).username)
            except errors.CvatError:
                names.append(f"#{user_id}")
    return names


def _label_shape(task: Task) -> list[tuple[Any, ...]]:
    """What of the labels matters to annotations: ids, names, attribute specs (not colours)."""
    return [(label.id, label.name, label.attributes) for label in task.labels]


def _label_names(task: Task) -> str:
    return ", ".join(label.name for label in task.labels)


def _labels_json(task: Task) -> list[dict[str, Any]]:
    labels: list[dict[str, Any]] = msgspec.to_builtins(task.labels)
    return labels


def lost_labels(before: Task, after: Task, copy: LocalCopy) -> tuple[str, ...]:
    """Names of labels the server no longer has that objects changed or made here use (those cannot be sent)."""
    gone = {label.id: label.name for label in before.labels}
    for label in after.labels:
        gone.pop(label.id, None)
    if not gone:
        return ()
    used: set[int] = set()
    for kind in KINDS:
        base = {item.id: item for item in items_of(copy.base, kind) if item.id is not None}
        for item in items_of(copy.document, kind):
            old = base.get(item.id) if item.id is not None else None
            if (old is None or (old is not item and old != item)) and item.label_id in gone:
                used.add(item.label_id)
    return tuple(sorted(gone[label_id] for label_id in used))


# -- syncing -------------------------------------------------------------------------------------------------------


def _keep_in_flight(journal: Journal, job_id: int, in_flight: InFlight | None) -> None:
    journal.set_in_flight(job_id, in_flight.to_json() if in_flight is not None else None)


async def sync_job(
    client: CvatClient,
    store: CheckoutStore,
    journal: Journal,
    job_id: int,
    *,
    choices: Mapping[tuple[Any, ...], str] | None = None,
) -> SyncOutcome:
    """Sync one checked-out job; see the module's docstring. ``choices``: the conflicts of an earlier
    :class:`SyncConflicts` decided (``{conflict.token: MINE | THEIRS | BOTH}``). Network failures raise the client's
    error (every edit is kept, and what a request in flight may have done is in the journal). Two syncs of one job
    (Sync, Sync all, on reconnect) never run at once in this process: the second waits for the first, then finds
    what is left to do."""
    key = (client.server_url, int(job_id))
    while (running := _RUNNING.get(key)) is not None:
        await asyncio.shield(running)
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    _RUNNING[key] = done
    try:
        return await _sync(client, store, journal, job_id, choices)
    finally:
        del _RUNNING[key]
        done.set_result(None)


_RUNNING: dict[tuple[str, int], asyncio.Future[None]] = {}  # the syncs under way, by (server, job)


async def _read_all(
    client: CvatClient, store: CheckoutStore, journal: Journal, record: Checkout
) -> tuple[LocalCopy, _ServerView, RawAnnotations | None]:
    """The local copy (read in a worker thread) while the job, its task and its annotations (None: gone) are on
    their way; the first failure is raised once all are done."""
    job_id = record.job_id
    reading = asyncio.to_thread(local_copy, store, journal, record.server, job_id)
    read_view, read_raw = _server_view(client, record), _read_or_none(client.get_job_annotations_raw(job_id))
    results: tuple[Any, ...] = await asyncio.gather(reading, read_view, read_raw, return_exceptions=True)
    for failure in (results[1], results[2], results[0]):
        if isinstance(failure, BaseException):
            raise failure
    copy: LocalCopy | None = results[0]
    if copy is None:
        raise LookupError(f"job {job_id} is no longer checked out")
    return copy, results[1], results[2]


async def _sync(
    client: CvatClient,
    store: CheckoutStore,
    journal: Journal,
    job_id: int,
    choices: Mapping[tuple[Any, ...], str] | None,
) -> SyncOutcome:
    server = client.server_url
    record = await asyncio.to_thread(store.checkout, server, job_id)
    if record is None:
        return SyncImpossible(f"job {job_id} is not checked out from {server}", ())
    try:
        copy, view, raw = await _read_all(client, store, journal, record)
    except errors.PermissionDenied as denied:
        return SyncImpossible("the server no longer lets this user read the job", (), _refused_read(denied))
    changes = view.changes
    if view.gone or view.task is None:
        return SyncImpossible("the job or its task was deleted on the server", changes)
    lost = lost_labels(msgspec.json.decode(record.task, type=Task), view.task, copy)
    if lost:
        return SyncImpossible(f"labels used by the local edits were removed on the server: {', '.join(lost)}", changes)
    labels = LabelSet.from_json(_labels_json(view.task))
    in_flight = await asyncio.to_thread(journaled_in_flight, journal, job_id)
    saver = JobSaver(
        client,
        job_id,
        labels,
        copy.base,
        in_flight,
        before_write=lambda flight: asyncio.to_thread(_keep_in_flight, journal, job_id, flight),  # off the loop
    )
    try:
        outcome = await saver.save(copy.document, choices, read=raw)
    except SaveRefused as refusal:
        _keep_in_flight(journal, job_id, saver.in_flight)
        return SyncImpossible(f"the server refused the sync: {refusal.reason}", changes, refusal)
    except errors.NotFound:
        _keep_in_flight(journal, job_id, saver.in_flight)
        return SyncImpossible("the job was deleted on the server during the sync", (*changes, _deleted(record)))
    except (errors.CvatError, asyncio.CancelledError):
        _keep_in_flight(journal, job_id, saver.in_flight)
        raise
    if isinstance(outcome, NeedsDecision):
        return SyncConflicts(outcome.result, changes)
    document = replace(outcome.document, version=outcome.version)
    job_json = msgspec.json.encode(view.job) if view.job is not None else None
    await asyncio.to_thread(
        _renew_base, store, journal, server, job_id, outcome.version, document, job_json, msgspec.json.encode(view.task)
    )
    return SyncDone(outcome.version, outcome.created, outcome.updated, outcome.deleted, outcome.merged, changes)


def _renew_base(
    store: CheckoutStore,
    journal: Journal,
    server: str,
    job_id: int,
    version: int,
    document: Annotations,
    job: bytes | None,
    task: bytes,
) -> None:
    """The synced document becomes the base: in the journal first (steps and in-flight record cleared), then in the
    store with the server's current job and task JSON."""
    encoded = msgspec.json.encode(document.to_json())  # once, for both
    journal.mark_saved(job_id, version, document, clear_in_flight=True, encoded=encoded)
    store.set_base(server, job_id, version, encoded, job=job, task=task)


def _deleted(record: Checkout) -> ServerChange:
    return ServerChange(JOB_DELETED, f"#{record.job_id}", None)


def _refused_read(denied: errors.PermissionDenied) -> SaveRefused:
    reason = denied.detail or denied.message
    return SaveRefused(f"The server refused to read the job: {reason}", reason=reason, objects=(), action="read",
                       status=denied.status)  # fmt: skip


async def inspect(client: CvatClient, store: CheckoutStore, journal: Journal, job_id: int) -> SyncStatus:
    """What a sync of the job would find, read-only (nothing is written to the server or here). Network failures
    raise the client's error."""
    server = client.server_url
    record = await asyncio.to_thread(store.checkout, server, job_id)
    if record is None:
        return SyncStatus(UNAVAILABLE, None, 0, ())
    try:
        copy, view, raw = await _read_all(client, store, journal, record)
    except errors.PermissionDenied:
        return SyncStatus(UNAVAILABLE, None, 0, ())
    if view.gone or view.task is None or raw is None:
        return SyncStatus(UNAVAILABLE, None, 0, view.changes)
    if lost_labels(msgspec.json.decode(record.task, type=Task), view.task, copy):
        return SyncStatus(UNAVAILABLE, None, 0, view.changes)
    in_flight = await asyncio.to_thread(journaled_in_flight, journal, job_id)
    local_changes = copy.steps > 0 or in_flight is not None
    if raw.version == copy.base_version:
        return SyncStatus(CHANGED_HERE if local_changes else IN_SYNC, raw.version, 0, view.changes)
    if not local_changes:
        return SyncStatus(CHANGED_ON_SERVER, raw.version, 0, view.changes)
    saver = JobSaver(client, job_id, LabelSet.from_json(_labels_json(view.task)), copy.base, in_flight)
    result = await asyncio.to_thread(saver.preview, raw, copy.document)
    state = CONFLICTS if result.conflicts else CHANGED_HERE
    return SyncStatus(state, raw.version, len(result.conflicts), view.changes)


# -- export ----------------------------------------------------------------------------------------------------------


def export_local(store: CheckoutStore, journal: Journal, server: str, job_id: int, path: Path | str) -> Path:
    """Write the job as it is here (the effective base with the journal's steps) to ``path`` as CVAT's
    ``annotations.xml`` — a ``.zip`` holding it when ``path`` ends so, plain XML otherwise — that CVAT's "CVAT 1.1"
    importer reads (labels named as checked out). Written under a temporary name, then renamed. Blocking: a worker
    thread. Raises ``LookupError`` when the job is not checked out, ``OSError`` when the file cannot be written."""
    record = store.checkout(server, job_id)
    copy = local_copy(store, journal, server, job_id)
    if record is None or copy is None:
        raise LookupError(f"job {job_id} is not checked out from {server}")
    job = msgspec.json.decode(record.job, type=Job)
    task = msgspec.json.decode(record.task, type=Task)
    meta = msgspec.json.decode(record.meta, type=DataMeta)
    info = JobInfo(
        job_id=job.id, task_id=task.id, task_name=task.name, mode=task.mode, start_frame=meta.start_frame,
        stop_frame=meta.stop_frame, frame_filter=meta.frame_filter, z_order=task.z_order, job_start=job.start_frame,
        job_stop=job.stop_frame, server_url=server, dumped=str(datetime.datetime.now(datetime.UTC)),
    )  # fmt: skip
    frames = [_frame_info(meta, number) for number in range(job.start_frame, job.stop_frame + 1)]
    text = job_xml(copy.document, LabelSet.from_json(_labels_json(task)), frames, info)
    target = Path(path)
    _write_atomically(target, _zipped(text) if target.suffix.lower() == ".zip" else text.encode("utf-8"))
    return target


def _frame_info(meta: DataMeta, number: int) -> FrameInfo:
    """A frame's name and size: its own for an image task, the video's size and CVAT's ``frame_000042`` name for a
    video (whose meta lists one entry)."""
    if len(meta.frames) > 1 or (len(meta.frames) == 1 and meta.size == 1):
        frame = meta.frames[min(number, len(meta.frames) - 1)]
        return FrameInfo(number, frame.name, frame.width, frame.height)
    first = meta.frames[0] if meta.frames else None
    absolute = meta.start_frame + number * frame_step(meta.frame_filter)  # CVAT names video frames so
    return FrameInfo(number, f"frame_{absolute:06d}", first.width if first else 0, first.height if first else 0)


def _zipped(text: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("annotations.xml", text)
    return out.getvalue()


def _write_atomically(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


__all__ = [
    "CHANGED_HERE",
    "CHANGED_ON_SERVER",
    "CONFLICTS",
    "IN_SYNC",
    "JOB_DELETED",
    "LABELS_CHANGED",
    "REASSIGNED",
    "STATUS",
    "TASK_DELETED",
    "UNAVAILABLE",
    "LocalCopy",
    "ServerChange",
    "SyncConflicts",
    "SyncDone",
    "SyncImpossible",
    "SyncOutcome",
    "SyncStatus",
    "export_local",
    "inspect",
    "local_copy",
    "reconcile",
    "sync_job",
]
