"""The annotation workspace's controller: one job, its frames and the objects on them. No widgets.

A :class:`WorkspaceController` loads the job through the session layer, holds the current frame, the step and the
selection, asks its frame source for images (the newest request wins), and says what changed through signals.
The window (``annodesk.ui.workspace.window``) is a view over it. Failures become translated messages
(:class:`Problem`), never exceptions into Qt; a 401 is the session's (its AuthWatch signs in again).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Protocol

import msgspec
from PySide6.QtCore import QObject, QSize, Signal
from PySide6.QtGui import QImage

from annodesk.annotations import LabelSet
from annodesk.annotations.identity import identified
from annodesk.annotations.objects import Annotations
from annodesk.api import CvatError, NetworkError, NotAuthenticated, PermissionDenied
from annodesk.api.annotation_models import Annotations as ServerAnnotations
from annodesk.api.models import DataMeta, Job, Task
from annodesk.i18n import arg
from annodesk.session.checkout_store import Checkout
from annodesk.session.job_data import JobData, change_job_status, load_job_media
from annodesk.session.job_save import InFlight, JobSaver, Saved
from annodesk.session.journal import Journal, JournalError, Pending
from annodesk.session.repository import Repository
from annodesk.tasks.work import Work

from .drawables import Drawable
from .drawing import DrawableIds, to_drawable, to_drawables
from .editor import JobEditor
from .frame_objects import (
    COLOR_BY_LABEL,
    FrameObject,
    FrameReader,
    JobCounts,
    ObjectFilter,
    ObjectKey,
    as_document,
    job_counts,
)
from .frames import COMPRESSED, ORIGINAL, FrameLoadError, FrameSource, FrameSuperseded
from .offline import Checkouts, StoredChunks, StoredJob, StoredJobError, read_stored_job
from .playback import FrameClock
from .problems import Problem
from .saving import JobSaving

log = logging.getLogger(__name__)

JOB_STATUSES = ("annotation", "validation", "completed")
TASK_NAMES = ("load", "frame", "status")  # the controller's named, latest-wins work


class FrameSourceFactory(Protocol):
    """Makes a job's frame source; ``stored``: the job's checkout, whose chunk files it reads."""

    def __call__(
        self, repository: Repository, task: Task, meta: DataMeta, job: Job, stored: StoredChunks | None = None
    ) -> FrameSource: ...


@dataclass(frozen=True)
class _Indexed:
    """What the load reads off the GUI thread: the job as a domain document, its frames indexed, its counts, and
    unsaved edits of an earlier session found in the journal."""

    document: Annotations
    labels: LabelSet
    reader: FrameReader
    counts: JobCounts
    pending: Pending | None


class WorkspaceController(QObject):
    """One job in the workspace.

    Signals: ``loaded()`` once the job is read; ``loadFailed(Problem)``; ``frameChanged(int)`` the moment the
    current frame changes (objects follow at once, the image when it arrives); ``imageReady(int, QImage)``;
    ``imageFailed(int, Problem)``; ``objectsChanged()`` (the frame's objects, a filter, hide or lock);
    ``selectionChanged(object)`` (an :data:`ObjectKey` or ``None``); ``statusChanged(str)``;
    ``message(Problem)`` (a notice for the status bar); ``restorable(Pending)`` after ``loaded`` when the journal
    holds unsaved edits of an earlier session (then :meth:`restore` or :meth:`discard_restorable`). A 401 is not
    handled here: the session's AuthWatch sees every 401 on the client and takes the user back to sign-in once.

    Once loaded, :attr:`editor` (a :class:`JobEditor`) holds the job's annotations: the frame's objects are read
    from its document and again after every edit. ``journal``: where edits are journaled (None: nowhere).

    A checked-out job (``checkouts``, issue 16) reads its frames from the checkout store; when the app is offline or
    the server cannot be reached it opens from the store (:attr:`offline` True, ``offlineChanged(bool)``), its
    journal's steps restored without asking (``restored(steps)``: they are the user's offline work — online too).
    ``connectionCheckWanted()`` asks the app to try the server now (a network failure here, or a save asked for
    offline: :meth:`check_connection`); :meth:`set_online` follows the app's word; a save (:meth:`sync`) of a
    checked-out job is its sync and renews the store's base.
    """

    loaded = Signal()
    loadFailed = Signal(object)
    frameChanged = Signal(int)
    imageReady = Signal(int, QImage)
    imageFailed = Signal(int, object)
    objectsChanged = Signal()
    selectionChanged = Signal(object)
    statusChanged = Signal(str)
    message = Signal(object)
    playingChanged = Signal(bool)
    restorable = Signal(object)
    restored = Signal(int)
    offlineChanged = Signal(bool)
    connectionCheckWanted = Signal()

    def __init__(
        self,
        repository: Repository,
        job_id: int,
        frame_sources: FrameSourceFactory,
        parent: QObject | None = None,
        *,
        task_id: int | None = None,
        journal: Journal | None = None,
        checkouts: Checkouts | None = None,
    ) -> None:
        super().__init__(parent)
        self.journal = journal
        self.checkouts = checkouts
        self.checkout: Checkout | None = None  # the job's checkout in the store, once the load found it
        self.offline = False  # opened from the checkout store, or the server went away since: saving waits
        self._from_store = False  # the job, task and meta shown were read from the checkout store
        self.sync_on_load = False  # once loaded (and restored), save: a sync whose conflicts the user resolves here
        self.editor: JobEditor | None = None
        self.saving: JobSaving | None = None  # the job's save, once loaded
        self.pending: Pending | None = None  # unsaved edits of an earlier session, until restored or discarded
        self._ids = DrawableIds()
        self._by_key: dict[ObjectKey, FrameObject] | None = None  # the frame's objects by key, made when asked
        self._label_counts: dict[int, int] | None = None  # label_counts(), made when asked
        self.repository = repository
        self.job_id = job_id
        self.task_id = task_id  # when known, the job and its task are read at once
        self._frame_sources = frame_sources
        self.work = Work(self._crashed)
        self.data: JobData | None = None
        self.source: FrameSource | None = None
        self.frame = 0
        self.step = 10
        self.original_quality = False  # frames as uploaded (type=frame&quality=original), one by one
        self.image: QImage | None = None  # the current frame's image once it came
        self.image_size = QSize()  # the size it is drawn at (the frame's meta size)
        self.objects: list[FrameObject] = []  # every object on the current frame
        self.hidden: set[ObjectKey] = set()
        self.locked: set[ObjectKey] = set()
        self.hidden_labels: set[int] = set()
        self.filter = ObjectFilter()
        self.selected: ObjectKey | None = None
        self.color_by = COLOR_BY_LABEL
        self._counts: JobCounts | None = None
        self._counted: Annotations | None = None  # the document counted
        # While objectsChanged is emitted for an edit: the keys of the objects it changed, added or removed (the rest
        # of the frame is as it was); None for any other change.
        self.changed_keys: frozenset[ObjectKey] | None = None
        self._reader: FrameReader | None = None
        self.clock = FrameClock(self)
        self.clock.advance.connect(self._clock_advance)
        self.clock.runningChanged.connect(self.playingChanged)

    # -- the job -----------------------------------------------------------------------------------

    @property
    def job(self) -> Job | None:
        return self.data.job if self.data else None

    @property
    def task(self) -> Task | None:
        return self.data.task if self.data else None

    @property
    def first_frame(self) -> int:
        return self.data.job.start_frame if self.data else 0

    @property
    def last_frame(self) -> int:
        return self.data.job.stop_frame if self.data else 0

    def open(self) -> None:
        """Read the job (again); ``loaded`` or ``loadFailed`` follows."""
        self.work.start(self._load(), "load")

    async def _load(self) -> None:
        """The job, task and meta first (the first frame is asked for at once), the annotations meanwhile. A
        checked-out job opens from the store when the app is offline or the server cannot be reached."""
        checkouts = self.checkouts
        checkout = await asyncio.to_thread(checkouts.find, self.job_id) if checkouts is not None else None
        self.checkout = checkout
        if checkout is not None and checkouts is not None and not checkouts.online():
            await self._load_stored(checkout)
            return
        stored = StoredChunks(checkouts.store, checkout) if checkouts is not None and checkout is not None else None
        annotations = asyncio.ensure_future(self.repository.client.get_job_annotations(self.job_id))
        unreachable = False
        try:
            media = await load_job_media(self.repository, self.job_id, self.task_id)
            self._replace_source(self._frame_sources(self.repository, media.task, media.meta, media.job, stored))
            self._request_first(media.job)  # on its way while the annotations come and are read
            data = JobData(media.job, media.task, media.meta, await annotations)
            # indexing thousands of objects is pure Python: off the GUI thread, so the window keeps answering
            indexed = await asyncio.to_thread(_index, data, self.color_by, self.journal)
        except NotAuthenticated:
            return  # the session's one 401 path (AuthWatch) takes the user back to sign-in
        except NetworkError as exc:
            if checkout is None:
                self._load_failed(exc, not_checked_out=checkouts is not None)
                return
            unreachable = True  # opened from the store below
        except CvatError as exc:
            self._load_failed(exc)
            return
        finally:
            if not annotations.done():
                annotations.cancel()
            elif not annotations.cancelled():
                annotations.exception()  # retrieved: a failure here was reported above
        if unreachable:
            assert checkout is not None
            self.connectionCheckWanted.emit()
            await self._load_stored(checkout)
            return
        self._loaded_with(data, indexed, offline=False)

    async def _load_stored(self, checkout: Checkout) -> None:
        """Open the job from its checkout: job, task, meta and the effective base from the store, frames from its
        chunk files, the journal's steps restored."""
        try:
            stored = await asyncio.to_thread(read_stored_job, checkout, self.journal)
        except StoredJobError:
            log.exception("the offline copy of job %s could not be read", self.job_id)
            job_id = self.job_id
            self.loadFailed.emit(
                Problem(lambda: arg(self.tr("The offline copy of job #%1 could not be read."), job_id))
            )
            return
        assert self.checkouts is not None
        chunks = StoredChunks(self.checkouts.store, checkout)
        self._replace_source(self._frame_sources(self.repository, stored.task, stored.meta, stored.job, chunks))
        self._request_first(stored.job)
        data = JobData(stored.job, stored.task, stored.meta, ServerAnnotations(version=stored.base.version))
        indexed = await asyncio.to_thread(_index, data, self.color_by, self.journal, stored)
        self._loaded_with(data, indexed, offline=True)

    def _replace_source(self, source: FrameSource) -> None:
        if self.source is not None:
            self.source.close()
        self.source = source

    def _request_first(self, job: Job) -> None:
        if self.source is not None:
            self.source.request(job.start_frame)

    def _load_failed(self, exc: CvatError, *, not_checked_out: bool = False) -> None:
        job_id = self.job_id
        if not_checked_out:  # the server cannot be reached and the job is not on this computer
            text = lambda: arg(  # noqa: E731
                self.tr("Job #%1 could not be opened; to work on it with no network, take it offline first."), job_id
            )
        else:
            text = lambda: arg(self.tr("Job #%1 could not be opened."), job_id)  # noqa: E731
        self.loadFailed.emit(Problem(text, exc))

    def _loaded_with(self, data: JobData, indexed: _Indexed, *, offline: bool) -> None:
        self.data = data
        self._from_store = offline
        self._reader, self._counts, self._counted = indexed.reader, indexed.counts, indexed.document
        self._start_editor(indexed)
        self.frame = data.job.start_frame
        self._set_offline(offline)
        self.loaded.emit()
        self.go_to(data.job.start_frame, force=True)
        pending = indexed.pending
        if pending is not None and self.checkout is not None:
            self.restore()  # the user's offline work: taken back without asking
            self.restored.emit(pending.steps)
        elif pending is not None:
            self.restorable.emit(pending)
        elif self.editor is not None:
            self.editor.begin_journal()
        if self.sync_on_load:
            self.sync_on_load = False
            self.sync()

    def _start_editor(self, indexed: _Indexed) -> None:
        if self.editor is not None:
            self.editor.close()
            self.editor.deleteLater()
        editor = JobEditor(
            self, indexed.document, indexed.labels, job_id=self.job_id, journal=self.journal, parent=self
        )
        editor.restore_pending = indexed.pending is not None
        editor.edited.connect(self._edited)
        self.pending = indexed.pending
        self.editor = editor
        self._start_saving(editor)

    def _start_saving(self, editor: JobEditor) -> None:
        """``saving`` (Ctrl+S, save and mark completed) over the new editor; a save's status change shows here."""
        if self.saving is not None:
            self.saving.deleteLater()
        job_id = self.job_id
        saver = JobSaver(
            self.repository.client, job_id, editor.labels, editor.saved, self._journaled_in_flight(),
            before_write=self._write_ahead,  # a kill mid-request must not create anything twice
        )  # fmt: skip
        self.saving = JobSaving(
            saver, editor, self.work, mark_completed=lambda: change_job_status(self.repository, job_id, "completed"),
            parent=self,
        )  # fmt: skip
        self.saving.statusSaved.connect(self._status_saved)
        self.saving.inFlightChanged.connect(self._journal_in_flight)
        self.saving.saved.connect(self._save_went_through)
        self.saving.saved.connect(self._saved)
        self.saving.failed.connect(self._save_failed)

    def _journaled_in_flight(self) -> InFlight | None:
        """What an unfinished save of an earlier session left in the journal (its next save looks for it first)."""
        if self.journal is None:
            return None
        try:
            data = self.journal.in_flight(self.job_id)
            return InFlight.from_json(data) if data is not None else None
        except (JournalError, KeyError, TypeError, ValueError):
            log.exception("the unfinished save of job %s could not be read from the journal", self.job_id)
            return None

    def _journal_in_flight(self, in_flight: InFlight | None) -> None:
        """Keep an unfinished save in the journal (a crash must not make the next save create anything twice)."""
        if self.journal is None:
            return
        try:
            self.journal.set_in_flight(self.job_id, in_flight.to_json() if in_flight is not None else None)
        except JournalError:
            log.exception("the unfinished save of job %s could not be journaled", self.job_id)

    async def _write_ahead(self, in_flight: InFlight | None) -> None:
        """Before each request of a save: what it leaves behind if its answer never comes, on disk (a worker thread:
        the fsync does not hold the window up)."""
        await asyncio.to_thread(self._journal_in_flight, in_flight)

    def _save_went_through(self, _saved: object) -> None:
        """A save went through: what its write-ahead put in the journal (before each request) is done with."""
        if self.saving is not None and self.saving.in_flight is None:
            self._journal_in_flight(None)

    def _status_saved(self, job: Job) -> None:
        if self.data is not None:
            self.data = replace(self.data, job=job)
            self.statusChanged.emit(job.status)

    # -- a checked-out job: offline, online, sync -------------------------------------------------

    def set_online(self, online: bool) -> None:
        """The app's word on its connection: a checked-out job goes offline with it (saving waits), and back."""
        if self.checkout is not None and self.data is not None:
            self._set_offline(not online)

    def _set_offline(self, offline: bool) -> None:
        if offline != self.offline:
            self.offline = offline
            self.offlineChanged.emit(offline)

    def check_connection(self) -> None:
        """Ask the app to try the server now (its answer comes back through :meth:`set_online`)."""
        self.connectionCheckWanted.emit()

    def sync(self) -> None:
        """Save now — for a checked-out job, its sync (base: the journal's; conflicts go to the conflict view);
        asked before the load ended, it runs once the job is loaded and its offline work restored."""
        if self.saving is None or self.editor is None:
            self.sync_on_load = True
            return
        if self.pending is not None:
            self.restore()
        self.saving.save()

    def _saved(self, saved: Saved) -> None:
        """A save of a checked-out job is its sync: the store's base follows the journal's (written after it)."""
        if self.offline:  # the server answered before the app noticed: the app looks again now
            self._set_offline(False)
            self.check_connection()
        checkouts, editor = self.checkouts, self.editor
        if checkouts is None or editor is None or self.checkout is None:
            return
        job_id, version, document = self.job_id, saved.version, editor.saved
        job = task = None
        if self.data is not None and not self._from_store:  # read from the server: its current job and task
            job, task = self.data.job, self.data.task
        editor.after_journal(lambda: checkouts.renew_base(job_id, version, document, job, task))

    def _save_failed(self, problem: Problem) -> None:
        """The server could not be reached: a checked-out job goes on offline (its edits stay in the journal)."""
        if isinstance(problem.error, NetworkError) and self.checkout is not None:
            self._set_offline(True)
            self.connectionCheckWanted.emit()

    # -- unsaved edits of an earlier session -------------------------------------------------------

    def restore(self) -> None:
        """Take back the journal's unsaved edits (``restorable``): the document as it was, dirty, on its last frame."""
        pending, editor = self.pending, self.editor
        if pending is None or editor is None:
            return
        self.pending = None
        editor.restore(pending.base, pending.version, pending.document)
        self.go_to(pending.last_frame)

    def discard_restorable(self) -> None:
        """Drop the journal's unsaved edits: the journal begins afresh from the server's copy."""
        if self.pending is None or self.editor is None:
            return
        self.pending = None
        self.editor.begin_journal()

    def close(self) -> None:
        """Stop every request and playback; the frame source lets go of its memory."""
        self.clock.stop()
        self.work.closed = True  # nothing starts any more, and what runs is cancelled now (no await here)
        if self.editor is not None:
            self.editor.close()
        for name in TASK_NAMES:
            self.work.cancel(name)
        if self.source is not None:
            self.source.close()
            self.source = None

    def _crashed(self, exc: BaseException) -> None:
        self.message.emit(
            Problem(lambda: self.tr("Something went wrong in the workspace; the details are in the log."))
        )

    # -- frames ------------------------------------------------------------------------------------

    def frame_name(self, frame: int | None = None) -> str:
        """The file name of ``frame`` (default: the current one) from the media meta (a video's for every frame)."""
        if self.data is None:
            return ""
        frames = self.data.meta.frames
        number = self.frame if frame is None else frame
        if not frames:
            return ""
        info = frames[number] if 0 <= number < len(frames) else frames[0]
        return info.name

    def frame_size(self, frame: int) -> tuple[float, float] | None:
        """The size of ``frame`` in the media meta (what geometry is clamped to), None when not known."""
        if self.data is None or not self.data.meta.frames:
            return None
        frames = self.data.meta.frames
        info = frames[frame] if 0 <= frame < len(frames) else frames[0]
        return float(info.width), float(info.height)

    def clamp(self, frame: int) -> int:
        return max(self.first_frame, min(self.last_frame, frame))

    def go_to(self, frame: int, *, force: bool = False) -> None:
        """Show ``frame`` (clamped to the job): objects at once, the image when the source has it."""
        if self.data is None:
            return
        frame = self.clamp(frame)
        if frame == self.frame and not force and self.image is not None:
            return
        self.frame = frame
        self.image = None
        self._read_objects()
        self.frameChanged.emit(frame)
        self.objectsChanged.emit()
        self.work.start(self._fetch_image(frame), "frame")

    def set_original_quality(self, original: bool) -> None:
        """Show frames in their original quality (asked for one by one) or as compressed chunks (the default)."""
        if original != self.original_quality:
            self.original_quality = original
            self.go_to(self.frame, force=True)

    def retry(self) -> None:
        """Ask for the current frame's image again (after a failure)."""
        self.go_to(self.frame, force=True)

    async def _fetch_image(self, frame: int) -> None:
        source = self.source
        if source is None:
            return
        try:
            loaded = await source.frame(frame, ORIGINAL if self.original_quality else COMPRESSED)
        except FrameSuperseded:
            return  # a newer frame was asked for
        except NotAuthenticated:
            return  # the session's one 401 path (AuthWatch)
        except (CvatError, FrameLoadError) as exc:
            if isinstance(exc, FrameLoadError) and isinstance(exc.error, NotAuthenticated):
                return  # the session's one 401 path (AuthWatch)
            self.clock.stop()
            error = exc if isinstance(exc, CvatError) else None
            reason = exc.message if isinstance(exc, FrameLoadError) else ""
            self.imageFailed.emit(frame, Problem(lambda: self._frame_failure(frame, reason), error))
            return
        if frame != self.frame:
            return
        self.image, self.image_size = loaded.image, loaded.size
        self.clock.shown(frame)
        self.imageReady.emit(frame, loaded.image)

    def _frame_failure(self, frame: int, reason: str) -> str:
        if reason:  # the frame source's own sentence (it names the frame and why)
            return reason
        return arg(self.tr("Frame %1 could not be loaded."), frame)

    def first(self) -> None:
        self.go_to(self.first_frame)

    def last(self) -> None:
        self.go_to(self.last_frame)

    def next(self) -> None:
        self.go_to(self.frame + 1)

    def previous(self) -> None:
        self.go_to(self.frame - 1)

    def forward(self) -> None:
        """Jump ahead by the step (CVAT's V)."""
        self.go_to(self.frame + self.step)

    def backward(self) -> None:
        """Jump back by the step (CVAT's C)."""
        self.go_to(self.frame - self.step)

    def set_step(self, step: int) -> None:
        self.step = max(1, int(step))

    # -- playback ----------------------------------------------------------------------------------

    def play(self, fps: float | None = None) -> None:
        """Play from the current frame at ``fps`` (1–100; default: the clock's); from the start at the end."""
        if self.data is None:
            return
        if fps is not None:
            self.clock.set_fps(fps)
        if self.frame >= self.last_frame:
            self.go_to(self.first_frame)
        self.clock.start(self.frame, self.last_frame, on_screen=self.image is not None)

    def pause(self) -> None:
        self.clock.stop()

    def toggle_play(self) -> None:
        if self.clock.running:
            self.pause()
        else:
            self.play()

    def _clock_advance(self, frame: int) -> None:
        self.go_to(frame)

    # -- objects -----------------------------------------------------------------------------------

    def _read_objects(self) -> None:
        try:
            self.objects = self._reader.objects_at(self.frame) if self._reader else []
        except Exception:  # a malformed track must not take the window down: the frame shows without objects
            log.exception("objects of frame %s could not be read", self.frame)
            self.objects = []
            self.message.emit(Problem(lambda: self.tr("Some objects of this frame could not be read.")))
        self._by_key = None
        self._label_counts = None
        if self.selected is not None and self.object(self.selected) is None:
            self.select(None)

    def _patch_objects(self, objects: list[FrameObject], changes: dict[ObjectKey, FrameObject | None]) -> None:
        """The frame's objects after an edit that changed only ``changes`` (None: gone) in place."""
        self.objects = objects
        by_key, counts = self._by_key, self._label_counts
        assert by_key is not None
        for key, new in changes.items():
            old = by_key.pop(key, None)
            if new is not None:
                by_key[key] = new
            if counts is not None:
                if old is not None:
                    counts[old.label_id] -= 1
                    if not counts[old.label_id]:
                        del counts[old.label_id]
                if new is not None:
                    counts[new.label_id] = counts.get(new.label_id, 0) + 1
        if self.selected is not None and self.selected not in by_key:
            self.select(None)

    def listed_objects(self) -> list[FrameObject]:
        """The current frame's objects that pass the filter (what the objects panel lists)."""
        return [obj for obj in self.objects if self.filter.matches(obj)]

    def drawn_objects(self) -> list[FrameObject]:
        """What the canvas draws: listed, not outside, not hidden (itself or its label), not tags; by z-order."""
        drawn = [
            obj
            for obj in self.listed_objects()
            if obj.type != "tag"
            and not obj.outside
            and obj.key not in self.hidden
            and obj.label_id not in self.hidden_labels
        ]
        return sorted(drawn, key=lambda obj: obj.z_order)

    def drawables(self) -> list[Drawable]:
        """The frame's shapes and tracks that pass the filter, as the canvas draws them (hidden and locked marked)."""
        return to_drawables(self.listed_objects(), self.hidden, self.hidden_labels, self.locked, self._ids)

    def drawable(self, key: ObjectKey) -> Drawable | None:
        """Object ``key`` as the canvas draws it (hidden and locked marked), None when it is not drawn on this frame
        (not there, filtered out, or a tag)."""
        obj = self.object(key)
        if obj is None or obj.type == "tag" or not self.filter.matches(obj):
            return None
        hidden = key in self.hidden or obj.label_id in self.hidden_labels
        return to_drawable(obj, self._ids.id(key), hidden=hidden, locked=key in self.locked)

    def drawable_id(self, key: ObjectKey) -> int:
        """The canvas's id of object ``key`` (stable for the controller's life)."""
        return self._ids.id(key)

    def key_of_drawable(self, drawable: int | None) -> ObjectKey | None:
        """The object of a canvas id (None for None or an id never handed out)."""
        return self._ids.key(drawable)

    def top_z_order(self) -> int:
        """The highest z-order of the current frame's shapes and tracks (what a new object gets), 0 when none."""
        return max((obj.z_order for obj in self.objects if obj.type != "tag"), default=0)

    @property
    def counts(self) -> JobCounts | None:
        """How many objects the job has by label and type (counted again after edits, when asked for)."""
        if self._reader is not None and self._counted is not self._reader.document:
            self._counts, self._counted = job_counts(self._reader.document), self._reader.document
        return self._counts

    def _edited(self, _step: object) -> None:
        """The editor changed the document: what changed is read again (the frame's other objects are kept), and
        ``objectsChanged`` says so with :attr:`changed_keys` set to the keys of the objects that changed."""
        if self.editor is None or self._reader is None:
            return
        reader = self._reader
        touched = reader.update(self.editor.document)
        if reader.patched is not None and reader.patched_frame == self.frame and self._by_key is not None:
            self._patch_objects(reader.objects_at(self.frame), reader.patched)
        else:
            self._read_objects()
        self.changed_keys = frozenset(touched)
        try:
            self.objectsChanged.emit()
        finally:
            self.changed_keys = None

    def tags(self) -> list[FrameObject]:
        """The frame's tags (the reader lists them after every shape and track)."""
        objects = self.objects
        start = len(objects)
        while start > 0 and objects[start - 1].type == "tag":
            start -= 1
        return objects[start:]

    def object(self, key: ObjectKey | None) -> FrameObject | None:
        """The current frame's object ``key`` (None when it is not on the frame)."""
        if self._by_key is None:
            self._by_key = {obj.key: obj for obj in self.objects}
        return self._by_key.get(key) if key is not None else None

    def set_filter(self, object_filter: ObjectFilter) -> None:
        self.filter = object_filter
        if self.selected is not None and not any(obj.key == self.selected for obj in self.listed_objects()):
            self.select(None)
        self.objectsChanged.emit()

    def set_hidden(self, key: ObjectKey, hidden: bool) -> None:
        """Hide or show one object (client-only, as in CVAT: not saved)."""
        (self.hidden.add if hidden else self.hidden.discard)(key)
        self.objectsChanged.emit()

    def set_hidden_many(self, keys: Iterable[ObjectKey], hidden: bool) -> None:
        """Hide or show several objects at once (T+H: all of the frame's), one change said."""
        (self.hidden.update if hidden else self.hidden.difference_update)(keys)
        self.objectsChanged.emit()

    def set_locked_many(self, keys: Iterable[ObjectKey], locked: bool) -> None:
        """Lock or unlock several objects at once (T+L: all of the frame's), one change said."""
        (self.locked.update if locked else self.locked.difference_update)(keys)
        self.objectsChanged.emit()

    def set_locked(self, key: ObjectKey, locked: bool) -> None:
        """Lock or unlock one object (client-only): a locked object is not picked on the canvas nor edited, but stays
        selectable from the objects panel (as in CVAT's sidebar), so L unlocks it and Shift+Del deletes it."""
        (self.locked.add if locked else self.locked.discard)(key)
        self.objectsChanged.emit()

    def set_label_hidden(self, label_id: int, hidden: bool) -> None:
        (self.hidden_labels.add if hidden else self.hidden_labels.discard)(label_id)
        self.objectsChanged.emit()

    def set_color_by(self, color_by: str) -> None:
        """Colour objects by ``label``, ``instance`` or ``group``."""
        self.color_by = color_by
        if self.data is not None and self._reader is not None:
            self._reader = FrameReader(self._reader.document, self.data.task.labels, color_by)
            self._read_objects()
            self.objectsChanged.emit()

    def select(self, key: ObjectKey | None) -> None:
        """Select one object of the frame (``None``: nothing); an unknown object is not selected (a locked one is: the
        canvas never picks it, the panel may)."""
        if key is not None and self.object(key) is None:
            key = None
        if key == self.selected:
            return
        self.selected = key
        self.selectionChanged.emit(key)

    def select_next(self, backwards: bool = False) -> None:
        """Tab through the drawn objects (unlocked ones), wrapping around."""
        keys = [obj.key for obj in self.drawn_objects() if obj.key not in self.locked]
        if not keys:
            return
        if self.selected not in keys:
            self.select(keys[-1] if backwards else keys[0])
            return
        index = keys.index(self.selected)
        self.select(keys[(index + (-1 if backwards else 1)) % len(keys)])

    def label_counts(self) -> dict[int, int]:
        """How many objects of each label the current frame has (before filters and hiding)."""
        if self._label_counts is None:
            counts: dict[int, int] = {}
            for obj in self.objects:
                counts[obj.label_id] = counts.get(obj.label_id, 0) + 1
            self._label_counts = counts
        return dict(self._label_counts)

    # -- job status --------------------------------------------------------------------------------

    def set_status(self, status: str) -> None:
        """Change the job's status on the server (only ``status`` is sent); shown at once, rolled back if refused."""
        if self.data is None or status not in JOB_STATUSES or status == self.data.job.status:
            return
        before = self.data.job
        self.data = replace(self.data, job=_with_status(before, status))
        self.statusChanged.emit(status)
        self.work.start(self._send_status(before, status), "status")

    async def _send_status(self, before: Job, status: str) -> None:
        try:
            job = await change_job_status(self.repository, before.id, status)
        except NotAuthenticated:
            self._roll_back(before)  # the session's one 401 path (AuthWatch) follows
            return
        except PermissionDenied as exc:
            self._roll_back(before)
            job_id = before.id
            self.message.emit(
                Problem(
                    lambda: arg(self.tr("You may not change the status of job #%1; it stays as it was."), job_id), exc
                )
            )
            return
        except CvatError as exc:
            self._roll_back(before)
            job_id = before.id
            self.message.emit(Problem(lambda: arg(self.tr("The status of job #%1 was not changed."), job_id), exc))
            return
        if self.data is not None:
            self.data = replace(self.data, job=job)
            self.statusChanged.emit(job.status)
            self.message.emit(Problem(lambda: self.tr("Status saved.")))

    def _roll_back(self, before: Job) -> None:
        if self.data is not None:
            self.data = replace(self.data, job=before)
            self.statusChanged.emit(before.status)


def _index(data: JobData, color_by: str, journal: Journal | None, stored: StoredJob | None = None) -> _Indexed:
    """The job's annotations as a domain document (``stored``: its checkout's effective base), indexed by frame and
    counted, and the journal's unsaved edits of the job (a worker thread: no Qt here)."""
    document = identified(stored.base if stored is not None else as_document(data.annotations))
    pending = None
    if journal is not None:
        try:
            pending = journal.pending(data.job.id)
        except JournalError:
            log.exception("the edit journal of job %s could not be read", data.job.id)
    return _Indexed(
        document,
        LabelSet.from_json(msgspec.to_builtins(list(data.task.labels))),
        FrameReader(document, data.task.labels, color_by),
        job_counts(document),
        pending,
    )


def _with_status(job: Job, status: str) -> Job:
    return msgspec.structs.replace(job, status=status)
