"""A checked-out job in the workspace (issue 16): read from the checkout store when the server cannot be reached,
frames from the store's chunk files (online too), and the store's base kept with the journal's after a save. No
widgets; the blocking functions here run in worker threads.

The journal is the authority for the base once it has one: the *effective base* of a checked-out job is the
journal's base when it exists and its version is at least the store's ``base_version``, else the store's base.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from types import MappingProxyType

import msgspec

from annodesk.annotations.identity import CLIENT_ID, KINDS, items_of, with_items
from annodesk.annotations.objects import Annotations
from annodesk.api.models import DataMeta, Job, Task
from annodesk.session import sync
from annodesk.session.checkout import ORIGINAL, chunk_size_of
from annodesk.session.checkout_store import Checkout, CheckoutStore, CheckoutStoreError, media_version
from annodesk.session.chunk_cache import ChunkCache, ChunkKey
from annodesk.session.journal import Journal, JournalError

from .frames import COMPRESSED, TaskMedia

log = logging.getLogger(__name__)

STORED_MEMORY_BUDGET = 64 * 1024**2  # stored chunks kept in memory once read (reading one again is a local file)


class StoredJobError(Exception):
    """The checkout could not be read (the message is for logs)."""


@dataclass(frozen=True)
class StoredJob:
    """A checkout as the workspace opens it with no network: the job, its task and meta as checked out, and the
    effective base (a domain document whose ``version`` is the base version)."""

    checkout: Checkout
    job: Job
    task: Task
    meta: DataMeta
    base: Annotations


def effective_base(checkout: Checkout, journal: Journal | None) -> Annotations:
    """The journal's base when it has one at least as new as the store's, else the store's (blocking)."""
    if journal is not None:
        try:
            return sync.effective_base(checkout, journal)
        except JournalError:
            log.exception("the edit journal of job %s could not be read", checkout.job_id)
    return sync.stored_base(checkout)


def read_stored_job(checkout: Checkout, journal: Journal | None) -> StoredJob:
    """Decode a checkout's job, task, meta and effective base (blocking)."""
    try:
        job = msgspec.json.decode(checkout.job, type=Job)
        task = msgspec.json.decode(checkout.task, type=Task)
        meta = msgspec.json.decode(checkout.meta, type=DataMeta)
        base = effective_base(checkout, journal)
    except (msgspec.DecodeError, msgspec.ValidationError, KeyError, TypeError, ValueError) as error:
        raise StoredJobError(f"the offline copy of job {checkout.job_id} could not be read: {error}") from error
    return StoredJob(checkout, job, task, meta, base)


class Checkouts:
    """The workspace's side of the checkout store for one server: which jobs are checked out, whether the app is
    online (``online()``, the task view's word), and the store's base following a save (a save of a checked-out job
    is its sync)."""

    def __init__(self, store: CheckoutStore, server: str, online: Callable[[], bool] = lambda: True) -> None:
        self.store = store
        self.server = server
        self.online = online

    def find(self, job_id: int) -> Checkout | None:
        """The job's checkout, or None (blocking; a store that cannot be read counts as none)."""
        try:
            return self.store.checkout(self.server, job_id)
        except CheckoutStoreError:
            log.exception("the checkout of job %s could not be read", job_id)
            return None

    def renew_base(
        self, job_id: int, version: int, document: Annotations, job: Job | None = None, task: Task | None = None
    ) -> None:
        """After a save: the saved document becomes the store's base too, and ``job`` and ``task`` (as the server
        sent them) its job and task (blocking; call it after the journal's ``mark_saved``, which is the authority —
        a failure here is healed by the effective-base rule)."""
        try:
            base = msgspec.json.encode(server_form(replace(document, version=version)).to_json())
            self.store.set_base(
                self.server, job_id, version, base,
                job=msgspec.json.encode(job) if job is not None else None,
                task=msgspec.json.encode(task) if task is not None else None,
            )  # fmt: skip
        except CheckoutStoreError:
            log.exception("the offline base of job %s could not be renewed", job_id)


def server_form(document: Annotations) -> Annotations:
    """``document`` without the workspace's client ids (as the server would send it)."""
    result = document
    for kind in KINDS:
        items = items_of(document, kind)
        if any(CLIENT_ID in item.extra for item in items):
            plain = tuple(
                replace(item, extra=MappingProxyType({k: v for k, v in item.extra.items() if k != CLIENT_ID}))
                for item in items
            )
            result = with_items(result, kind, plain)
    return result


@dataclass(frozen=True)
class StoredChunks:
    """A checkout whose chunk files a frame source reads (see :class:`CheckoutChunks`)."""

    store: CheckoutStore
    checkout: Checkout

    def serves(self, task: Task, meta: DataMeta) -> bool:
        """Whether the stored chunks are of this task's media as the server describes it now."""
        version = media_version(
            meta.size, chunk_size_of(task, meta), meta.image_quality, meta.start_frame, meta.stop_frame,
            meta.frame_filter,
        )  # fmt: skip
        return task.id == self.checkout.task_id and version == self.checkout.media_version

    def media(self, task: Task, meta: DataMeta) -> TaskMedia:
        """The task's media as the stored chunks hold it (original-quality chunks are of the original chunk type)."""
        media = TaskMedia.of(task, meta)
        if self.checkout.quality == ORIGINAL:
            media = replace(media, video=(task.data_original_chunk_type or "imageset") == "video")
        return media


class CheckoutChunks(ChunkCache):
    """A chunk cache that answers the job's chunks from the checkout store (in the quality checked out), held in
    memory once read; anything else (and a chunk the store lacks) from ``fallback``, where fetched chunks go too."""

    def __init__(self, stored: StoredChunks, fallback: ChunkCache | None = None) -> None:
        super().__init__(None, stored.checkout.server, memory_budget=STORED_MEMORY_BUDGET)
        self.stored = stored
        self.fallback = fallback
        self.store_reads = 0  # chunks read from the store (tests)

    def _stored_key(self, key: ChunkKey) -> bool:
        return key.quality == COMPRESSED and key.task_id == self.stored.checkout.task_id

    def get(self, key: ChunkKey) -> bytes | None:
        if self._stored_key(key):
            data = super().get(key)
            if data is not None:
                return data
            checkout = self.stored.checkout
            try:
                data = self.stored.store.read_chunk(checkout.server, checkout.task_id, checkout.quality, key.index)
            except CheckoutStoreError:
                log.exception("chunk %s of task %s could not be read from the store", key.index, key.task_id)
                data = None
            if data is not None:
                self.store_reads += 1
                super().put(key, data)  # memory only (the folder is None)
                return data
        return self.fallback.get(key) if self.fallback is not None else super().get(key)

    def put(self, key: ChunkKey, data: bytes) -> None:
        if self.fallback is not None:
            self.fallback.put(key, data)
        else:
            super().put(key, data)

    def discard(self, key: ChunkKey) -> None:
        super().discard(key)
        if self.fallback is not None:
            self.fallback.discard(key)
