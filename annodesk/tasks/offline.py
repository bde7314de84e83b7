"""The offline jobs' controller (issue 16), with no widget in sight (QtCore only): what the *Offline jobs* view
lists, taking jobs offline (a queue, one job at a time, with progress, cancel, resume and the storage budget),
removing checkouts, syncing them back, and syncing on reconnect when the user chose so.

It works for the signed-in account's server (its client, its journal); checkouts of other servers are listed too,
and may be removed, but are opened and synced from their own account.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

import msgspec
from PySide6.QtCore import QObject, QSettings, Signal

from annodesk.api import CvatError, NetworkError
from annodesk.api.models import Job, Task
from annodesk.i18n import LiveText, arg, format_size
from annodesk.messages import action_error
from annodesk.session.checkout import COMPRESSED, ORIGINAL, CheckoutCancelled, CheckoutProgress, check_out, remove
from annodesk.session.checkout_store import CheckoutStore, CheckoutStoreError
from annodesk.session.journal import Journal, JournalError
from annodesk.session.sync import (
    ServerChange,
    SyncConflicts,
    SyncDone,
    SyncOutcome,
    SyncStatus,
    export_local,
    inspect,
    sync_job,
)
from annodesk.settings import Settings

from .controller import TaskController

log = logging.getLogger(__name__)
_serial = itertools.count(1)
SI_MEGABYTE = 1_000_000  # as format_size shows sizes: a budget of 10 GB reads "10.0 GB"

IN_SYNC, CHANGED_HERE, CHANGED_ON_SERVER, CONFLICTS = "in_sync", "changed_here", "changed_on_server", "conflicts"
UNAVAILABLE, INCOMPLETE = "unavailable", "incomplete"


@dataclass(frozen=True)
class OfflineJob:
    """One checked-out job as the view lists it."""

    server: str
    job_id: int
    task_id: int
    task_name: str
    start_frame: int
    stop_frame: int
    size: int  # bytes on disk: its chunks (a chunk shared with another job counts for each) and its copies
    base_version: int  # the effective base's version (the journal's, once newer than the store's)
    local_changes: int  # unsynced journal steps
    checked_out: float
    synced: float
    complete: bool  # every chunk is stored
    state: str  # IN_SYNC, CHANGED_HERE, CHANGED_ON_SERVER, CONFLICTS, UNAVAILABLE or INCOMPLETE
    checked: bool = False  # the state came from the server (else from what is here only)
    conflicts: int = 0
    changes: tuple[ServerChange, ...] = ()  # what changed on the server while the job was out (when asked)

    @property
    def frame_count(self) -> int:
        return self.stop_frame - self.start_frame + 1


@dataclass(frozen=True)
class TakeOfflineProgress:
    """The job being taken offline (``progress`` None while its description is read), and the batch it is in."""

    job_id: int
    progress: CheckoutProgress | None
    done: int  # jobs of the batch finished (taken offline, failed or cancelled)
    total: int


def read_offline_jobs(store: CheckoutStore, journal_for: Callable[[str], Journal]) -> list[OfflineJob]:
    """Every checkout of ``store`` with its size, local changes and local state. Blocking: a worker thread."""
    found = []
    for checkout in store.checkouts():
        job = msgspec.json.decode(checkout.job, type=Job)
        task = msgspec.json.decode(checkout.task, type=Task)
        chunks = store.chunk_states(checkout.server, checkout.job_id)
        size = sum(state.size for state in chunks) + sum(
            len(part) for part in (checkout.job, checkout.task, checkout.meta, checkout.base)
        )
        steps, version = 0, checkout.base_version
        try:
            journaled, steps = journal_for(checkout.server).summary(checkout.job_id)
            if journaled is not None and journaled >= checkout.base_version:
                version = journaled  # the journal is the authority for the base once it is newer
        except JournalError:
            log.warning("the edit journal of job %s could not be read", checkout.job_id, exc_info=True)
        state = INCOMPLETE if not checkout.complete else CHANGED_HERE if steps else IN_SYNC
        found.append(
            OfflineJob(
                checkout.server, checkout.job_id, checkout.task_id, task.name, job.start_frame, job.stop_frame, size,
                version, steps, checkout.checked_out, checkout.synced, checkout.complete, state,
            )
        )  # fmt: skip
    return found


class OfflineJobsController(QObject):
    """The checkouts of ``store`` and the work on them for ``tasks``' account.

    Signals: ``jobsChanged(list[OfflineJob])`` after each reading (and each row's news); ``progressChanged(
    TakeOfflineProgress or None)`` while jobs are taken offline (None: the queue is empty); ``message(LiveText)``
    a sentence for the status line; ``tookOffline(job id, bool)`` after each job of the queue (True: complete);
    ``removalRefused(server, job id, unsynced steps)`` — ask, then :meth:`remove` with ``force``; ``removed(job id)``;
    ``openRequested(job id, task id, sync)`` — open the job in the workspace (``sync``: start a save at once, so
    that conflicts go to the conflict view); ``synced(job id, SyncOutcome)`` after each sync that reached the
    server (``SyncImpossible``: show its sentences with an Export… button); ``syncsEnded()`` when the sync queue is
    empty.
    """

    jobsChanged = Signal(object)
    progressChanged = Signal(object)
    message = Signal(object)
    tookOffline = Signal(int, bool)
    removalRefused = Signal(str, int, int)
    removed = Signal(int)
    openRequested = Signal(int, int, bool)
    synced = Signal(int, object)
    exported = Signal(int, object)
    syncsEnded = Signal()

    def __init__(
        self,
        tasks: TaskController,
        store: CheckoutStore,
        journal_for: Callable[[str], Journal],
        settings: QSettings,
        *,
        is_open: Callable[[int], bool] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.tasks = tasks
        self.store = store
        self.journal_for = journal_for
        self.settings = settings
        self.is_open = is_open or (lambda _job_id: False)
        self.client = tasks.repository.client
        self.server = self.client.server_url
        self.work = tasks.work  # the account's: its close ends these loads before the client closes
        self.jobs: list[OfflineJob] = []
        self.closed = False
        self.total_bytes = 0
        self.last_message: LiveText = ""
        self.queue: list[int] = []  # jobs waiting to be taken offline
        self.current: int | None = None  # the job being taken offline
        self.interrupted: set[int] = set()  # checkouts a dropped connection stopped: resumed on reconnect
        self._batch_done = 0
        self._batch_total = 0
        self._stop: set[int] = set()  # jobs whose checkout is to stop (cancelled, or being removed)
        self._job_ended = asyncio.Event()  # set each time a job of the queue ends
        self.sync_queue: list[tuple[int, bool]] = []  # (job, open its window on conflicts)
        self.syncing: int | None = None
        tasks.onlineChanged.connect(self._online_changed)

    # -- reading -----------------------------------------------------------------------------------

    @property
    def budget(self) -> int:
        """Bytes the store may hold (``offline/budgetMB``, in the SI megabytes sizes are shown in)."""
        return max(1, Settings(self.settings).offline_budget_mb) * SI_MEGABYTE

    def set_budget_mb(self, megabytes: int) -> None:
        Settings(self.settings).offline_budget_mb = max(1, int(megabytes))

    def job(self, job_id: int, server: str | None = None) -> OfflineJob | None:
        server = self.server if server is None else server
        return next((job for job in self.jobs if job.job_id == job_id and job.server == server), None)

    def refresh(self, *, ask_server: bool = True) -> None:
        """Read the store and the journals again (off the GUI thread); ``jobsChanged`` when read. ``ask_server``
        (when online): then each row's state is asked of the server (read-only)."""
        self.work.start(self._refresh(ask_server), "offline: refresh")

    async def _refresh(self, ask_server: bool = True) -> None:
        if self.closed:
            return
        try:
            jobs = await asyncio.to_thread(read_offline_jobs, self.store, self.journal_for)
            total = await asyncio.to_thread(self.store.disk_bytes)
        except CheckoutStoreError as error:
            log.warning("the offline store could not be read: %s", error)
            self.say(lambda: self.tr("The offline jobs could not be read from this computer's disk."))
            return
        checked = {(job.server, job.job_id): job for job in self.jobs if job.checked}
        self.jobs = [_keep_checked(job, checked.get((job.server, job.job_id))) for job in jobs]
        self.total_bytes = total
        self.jobsChanged.emit(self.jobs)
        if ask_server and self.tasks.online:
            self.work.start(self._inspect_all(), "offline: inspect")  # a newer reading asks again (latest wins)

    async def _inspect_all(self) -> None:
        """Ask the server about each complete checkout of this server (read-only): the rows' states."""
        for key in [(job.server, job.job_id) for job in self.jobs if job.server == self.server and job.complete]:
            row = self.job(key[1])
            if row is None or self.syncing == key[1]:
                continue
            try:
                status = await inspect(self.client, self.store, self.journal_for(self.server), key[1])
            except CvatError as error:
                log.info("job %s could not be inspected: %s", key[1], type(error).__name__)
                return
            except (CheckoutStoreError, JournalError):
                log.warning("job %s could not be read here", key[1], exc_info=True)
                continue
            now = self.job(key[1])
            if now is not None and now.local_changes == row.local_changes and now.base_version == row.base_version:
                self._replace(_with_status(now, status))

    def _replace(self, job: OfflineJob) -> None:
        self.jobs = [job if (row.server, row.job_id) == (job.server, job.job_id) else row for row in self.jobs]
        self.jobsChanged.emit(self.jobs)

    def say(self, text: LiveText) -> None:
        self.last_message = text
        self.message.emit(text)

    # -- taking jobs offline -----------------------------------------------------------------------

    def take_offline(self, job_ids: Iterable[int]) -> None:
        """Queue ``job_ids`` (of this account's server) to be taken offline; an unfinished checkout resumes."""
        added = [job for job in dict.fromkeys(job_ids) if job not in self.queue and job != self.current]
        if not added:
            return
        self.queue.extend(added)
        self._batch_total += len(added)
        self.interrupted.difference_update(added)
        if not self.work.running("offline: take offline"):
            self.work.start(self._take_offline_queue(), "offline: take offline")
            self._report(self.queue[0], None)  # said at once: the first job is being read
        else:
            self._report(self.current, None)

    def cancel_take_offline(self) -> None:
        """Stop taking jobs offline: the job under way stops (what it stored is kept), the queue is emptied."""
        if self.current is not None:
            self._stop.add(self.current)
        self.queue.clear()

    @property
    def taking_offline(self) -> bool:
        return self.work.running("offline: take offline")

    def _report(self, job_id: int | None, progress: CheckoutProgress | None) -> None:
        if job_id is not None:
            self.progressChanged.emit(TakeOfflineProgress(job_id, progress, self._batch_done, self._batch_total))

    async def _take_offline_queue(self) -> None:
        try:
            while self.queue:
                job_id = self.queue.pop(0)
                self.current = job_id
                try:
                    complete = await self._take_one_offline(job_id)
                finally:
                    self.current = None
                    self._stop.discard(job_id)
                    self._batch_done += 1
                    ended, self._job_ended = self._job_ended, asyncio.Event()
                    ended.set()
                self.tookOffline.emit(job_id, complete)
                await self._refresh(ask_server=not self.queue)  # the server asked once, at the end
        finally:
            self.queue.clear()
            self._batch_done = self._batch_total = 0
            self.current = None
            self.progressChanged.emit(None)

    async def _take_one_offline(self, job_id: int) -> bool:
        budget, quality = self.budget, ORIGINAL if Settings(self.settings).offline_original_quality else COMPRESSED
        used = await asyncio.to_thread(self.store.disk_bytes)
        if used >= budget:
            self._say_over_budget(job_id, used, budget)
            self.queue.clear()
            return False
        self._report(job_id, None)

        over_budget = False

        def progress(step: CheckoutProgress) -> None:
            nonlocal over_budget
            over_budget = over_budget or used + step.bytes_received > budget  # stops at the next piece
            self._report(job_id, step)

        try:
            stop = self._stop
            result = await check_out(
                self.client, self.store, job_id, quality=quality, progress=progress,
                cancelled=lambda: over_budget or job_id in stop,
            )  # fmt: skip
        except CheckoutCancelled:
            if over_budget:
                self._say_over_budget(job_id, used, budget)
                self.queue.clear()
            else:
                self.say(lambda: arg(self.tr("Taking job #%1 offline was cancelled; what was downloaded is kept."),
                                     job_id))  # fmt: skip
            return False
        except NetworkError as error:
            self.interrupted.add(job_id)
            self.tasks.refresh()  # the task view learns that the server is gone (and retries: onlineChanged)
            dropped = error
            self.say(
                lambda: arg(
                    self.tr("Job #%1 could not be taken offline: %2 What was downloaded is kept; it resumes when the "
                            "server answers again."),
                    job_id, action_error(dropped),
                )
            )  # fmt: skip
            self.queue.clear()
            return False
        except CvatError as error:
            failure = error
            self.say(lambda: arg(self.tr("Job #%1 could not be taken offline: %2"), job_id, action_error(failure)))
            return False
        except (CheckoutStoreError, OSError) as error:
            log.warning("checkout of job %s failed: %s", job_id, error)
            self.say(lambda: arg(self.tr("Job #%1 could not be stored on this computer (is the disk full?)."), job_id))
            self.queue.clear()
            return False
        size = result.bytes_downloaded
        if result.downloaded:
            self.say(lambda: arg(self.tr("Job #%1 is available offline (%2 downloaded)."), job_id, format_size(size)))
        else:
            self.say(lambda: arg(self.tr("Job #%1 is available offline."), job_id))
        return True

    def _say_over_budget(self, job_id: int, used: int, budget: int) -> None:
        self.say(
            lambda: arg(
                self.tr("Job #%1 was not taken offline: the offline jobs would need more than the %2 allowed (%3 "
                        "used). Remove jobs you no longer need offline, or allow more space."),
                job_id, format_size(budget), format_size(used),
            )
        )  # fmt: skip

    def _online_changed(self, online: bool) -> None:
        if not online:
            return
        if self.interrupted:
            self.take_offline(sorted(self.interrupted))
        if Settings(self.settings).offline_sync_on_reconnect:
            self.work.start(self._sync_changed(), "offline: sync on reconnect")

    async def _sync_changed(self) -> None:
        """Sync every checkout of this server that changed here (conflicts are left for the user)."""
        await self._refresh_quietly()
        changed = [job.job_id for job in self.jobs if job.server == self.server and job.local_changes]
        if changed:
            self.sync(changed, open_conflicts=False)

    # -- removing ----------------------------------------------------------------------------------

    def remove(self, keys: Iterable[tuple[str, int]], *, force: bool = False) -> None:
        """Remove the checkouts ``(server, job id)``; one holding unsynced edits is kept (``removalRefused``) unless
        ``force`` (then its edits are discarded with it)."""
        self.work.start(self._remove(list(keys), force), f"offline: remove {next(_serial)}")

    async def _remove(self, keys: list[tuple[str, int]], force: bool) -> None:
        for server, job_id in keys:
            if server == self.server and self.is_open(job_id):
                self.say(partial(self._close_first_text, job_id))
                continue
            if server == self.server and job_id in self.queue:
                self.queue.remove(job_id)
            while server == self.server and self.current == job_id:
                self._stop.add(job_id)
                await self._job_ended.wait()
            try:
                removal = await asyncio.to_thread(
                    remove, self.store, server, job_id, journal=self.journal_for(server), force=force
                )
            except (CheckoutStoreError, JournalError, OSError) as error:
                log.warning("removing checkout %s of %s failed: %s", job_id, server, error)
                self.say(partial(self._not_removed_text, job_id))
                continue
            if not removal.removed:
                self.removalRefused.emit(server, job_id, removal.unsynced_steps)
                continue
            self.interrupted.discard(job_id)
            self.say(partial(self._removed_text, job_id, removal.bytes_freed))
            self.removed.emit(job_id)
        await self._refresh(ask_server=False)

    def _close_first_text(self, job_id: int) -> str:
        return arg(self.tr("Close job #%1's window first."), job_id)

    def _not_removed_text(self, job_id: int) -> str:
        return arg(self.tr("Job #%1 could not be removed from this computer."), job_id)

    def _removed_text(self, job_id: int, freed: int) -> str:
        return arg(self.tr("Job #%1 removed from this computer (%2 freed)."), job_id, format_size(freed))

    # -- syncing -----------------------------------------------------------------------------------

    def sync(self, job_ids: Iterable[int], *, open_conflicts: bool = True) -> None:
        """Queue ``job_ids`` (of this server) to be synced one after the other; with ``open_conflicts``, a job
        whose sync has conflicts opens in its window (``openRequested`` with ``sync``) for the user to resolve."""
        queued = {job for job, _ in self.sync_queue}
        added = [job for job in dict.fromkeys(job_ids) if job not in queued and job != self.syncing]
        self.sync_queue.extend((job, open_conflicts) for job in added)
        if added and not self.work.running("offline: sync"):
            self.work.start(self._sync_queue(), "offline: sync")

    def sync_all(self) -> None:
        """Sync every complete checkout of this server (the unchanged ones take the server's newer work)."""
        self.sync([job.job_id for job in self.jobs if job.server == self.server and job.complete])

    @property
    def sync_running(self) -> bool:
        return self.work.running("offline: sync")

    async def _sync_queue(self) -> None:
        try:
            while self.sync_queue:
                job_id, open_conflicts = self.sync_queue.pop(0)
                self.syncing = job_id
                try:
                    go_on = await self._sync_one(job_id, open_conflicts)
                finally:
                    self.syncing = None
                if not go_on:
                    self.sync_queue.clear()
        finally:
            self.syncing = None
            if not self.closed:
                self.syncsEnded.emit()
                await self._refresh(ask_server=False)

    async def _sync_one(self, job_id: int, open_conflicts: bool) -> bool:
        """Sync one job; False when the others should wait (the connection dropped)."""
        if self.is_open(job_id):
            self.say(partial(self._open_elsewhere_text, job_id))
            return True
        self.say(lambda: arg(self.tr("Syncing job #%1…"), job_id))
        try:
            outcome = await sync_job(self.client, self.store, self.journal_for(self.server), job_id)
        except NetworkError as error:
            dropped = error
            self.tasks.refresh()  # the task view learns that the server is gone (and retries: onlineChanged)
            self.say(lambda: arg(self.tr("Job #%1 was not synced: %2 Its edits are kept here."), job_id,
                                 action_error(dropped)))  # fmt: skip
            return False
        except CvatError as error:
            failure = error
            self.say(lambda: arg(self.tr("Job #%1 was not synced: %2 Its edits are kept here."), job_id,
                                 action_error(failure)))  # fmt: skip
            return True
        except (CheckoutStoreError, JournalError, OSError) as error:
            log.warning("sync of job %s failed here: %s", job_id, error)
            self.say(lambda: arg(self.tr("Job #%1 was not synced: this computer's copy could not be read or "
                                         "written (is the disk full?). Its edits are kept."), job_id))  # fmt: skip
            return True
        await self._refresh_quietly()
        row = self.job(job_id)
        if row is not None:
            self._replace(_with_outcome(row, outcome))
        self._say_outcome(job_id, outcome, open_conflicts)
        self.synced.emit(job_id, outcome)
        if isinstance(outcome, SyncConflicts) and open_conflicts and row is not None:
            self.openRequested.emit(job_id, row.task_id, True)
        return True

    async def _refresh_quietly(self) -> None:
        """Read the store and journals again, without asking the server (a sync just did)."""
        try:
            jobs = await asyncio.to_thread(read_offline_jobs, self.store, self.journal_for)
            self.total_bytes = await asyncio.to_thread(self.store.disk_bytes)
        except CheckoutStoreError:
            return
        checked = {(job.server, job.job_id): job for job in self.jobs if job.checked}
        self.jobs = [_keep_checked(job, checked.get((job.server, job.job_id))) for job in jobs]
        self.jobsChanged.emit(self.jobs)

    def _say_outcome(self, job_id: int, outcome: SyncOutcome, opened: bool) -> None:
        if isinstance(outcome, SyncDone):
            done = outcome
            if done.created or done.updated or done.deleted:
                self.say(lambda: arg(self.tr("Job #%1 synced: %2 created, %3 changed, %4 deleted on the server."),
                                     job_id, done.created, done.updated, done.deleted))  # fmt: skip
            else:
                self.say(lambda: arg(self.tr("Job #%1 synced: it now holds the server's latest version."), job_id))
        elif isinstance(outcome, SyncConflicts):
            count = len(outcome.result.conflicts)
            if opened:
                self.say(lambda: arg(self.tr("Job #%1: %n change(s) here conflict with the server's; resolve them in "
                                             "its window.", "", count), job_id))  # fmt: skip
            else:
                self.say(lambda: arg(self.tr("Job #%1: %n change(s) here conflict with the server's; open it to "
                                             "resolve them.", "", count), job_id))  # fmt: skip
        else:
            self.say(lambda: arg(self.tr("Job #%1 can no longer be synced; its edits are kept here."), job_id))

    def _open_elsewhere_text(self, job_id: int) -> str:
        return arg(self.tr("Job #%1 is open in its window: save it there (Ctrl+S) to sync it."), job_id)

    # -- exporting ---------------------------------------------------------------------------------

    def export_local(self, job_id: int, path: Path) -> None:
        """Write job ``job_id``'s document as edited here to ``path`` (CVAT for images 1.1: ``annotations.xml``, zipped
        when ``path`` ends in ``.zip``); ``exported(job id, path or None)`` when done."""
        self.work.start(self._export_local(job_id, path), f"offline: export {next(_serial)}")

    async def _export_local(self, job_id: int, path: Path) -> None:
        try:
            written = await asyncio.to_thread(export_local, self.store, self.journal_for(self.server), self.server,
                                              job_id, path)  # fmt: skip
        except (OSError, LookupError, CheckoutStoreError, JournalError, ValueError) as error:
            log.warning("export of job %s to %s failed: %s", job_id, path, error)
            name = str(path)
            self.say(lambda: arg(self.tr("Job #%1's edits could not be written to %2."), job_id, name))
            self.exported.emit(job_id, None)
            return
        name = str(written)
        self.say(lambda: arg(self.tr("Job #%1 as edited here was saved to %2."), job_id, name))
        self.exported.emit(job_id, written)

    # -- opening -----------------------------------------------------------------------------------

    def open(self, job_id: int) -> None:
        """Open a checked-out job of this server in the workspace."""
        job = self.job(job_id)
        if job is not None:
            self.openRequested.emit(job.job_id, job.task_id, False)

    async def close(self) -> None:
        """Stop every download and sync; nothing is emitted afterwards."""
        self.closed = True
        self.queue.clear()
        self.sync_queue.clear()
        if self.current is not None:
            self._stop.add(self.current)
        running = [task for name in list(self.work.names()) if name.startswith("offline: ")
                   if (task := self.work.get(name)) is not None and task is not asyncio.current_task()]  # fmt: skip
        for task in running:
            task.cancel()
        if running:
            await asyncio.gather(*running, return_exceptions=True)


def _with_status(job: OfflineJob, status: SyncStatus) -> OfflineJob:
    return replace(job, state=status.state, checked=True, conflicts=status.conflicts, changes=status.changes)


def _with_outcome(job: OfflineJob, outcome: SyncOutcome) -> OfflineJob:
    if isinstance(outcome, SyncDone):
        return replace(job, state=IN_SYNC if not job.local_changes else CHANGED_HERE, checked=True, conflicts=0,
                       changes=outcome.changes)  # fmt: skip
    if isinstance(outcome, SyncConflicts):
        return replace(job, state=CONFLICTS, checked=True, conflicts=len(outcome.result.conflicts),
                       changes=outcome.changes)  # fmt: skip
    return replace(job, state=UNAVAILABLE, checked=True, conflicts=0, changes=outcome.changes)


def _keep_checked(job: OfflineJob, checked: OfflineJob | None) -> OfflineJob:
    """A row read again keeps what the server said of it, as long as nothing changed here since."""
    if checked is None or job.state == INCOMPLETE or checked.local_changes != job.local_changes:
        return job
    if checked.base_version != job.base_version:
        return job
    return replace(job, state=checked.state, checked=True, conflicts=checked.conflicts, changes=checked.changes)
