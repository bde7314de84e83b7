"""The workspace's save (Ctrl+S, "save and mark the job completed"): Qt glue over the session's :class:`JobSaver`.
No widgets.

A :class:`JobSaving` saves a :class:`SaveTarget` (the :class:`~annodesk.workspace.editor.JobEditor`): the target is
read-only while a save runs; the save runs as the controller's named task ``"save"`` and is never started twice
(a second Ctrl+S while one runs is dropped — the running save covers the same document — and a "mark completed"
asked meanwhile runs right after it). What happens is said by signals, never by exceptions into Qt, and every
failure leaves the user's edits as they are. ``inFlightChanged`` hands over what an unfinished save left behind
(:class:`InFlight`, JSON-able) so the journal can keep it across a crash.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import Any, Protocol

from PySide6.QtCore import QObject, Signal

from annodesk.annotations import Annotations, MergeResult
from annodesk.api import CvatError, PermissionDenied
from annodesk.api.models import Job
from annodesk.i18n import arg
from annodesk.messages import error_sentence
from annodesk.session.job_save import InFlight, JobSaver, NeedsDecision, Saved, SaveRefused
from annodesk.tasks.work import Work

from .problems import Problem

log = logging.getLogger(__name__)

SAVE_TASK = "save"
KIND_NAMES = {"tags": "tag", "shapes": "shape", "tracks": "track"}


class SaveTarget(Protocol):
    """What is saved: the document now, the document as last saved (the save's base), and a switch that refuses
    edits while a save runs. :meth:`mark_saved` takes the saved document (server ids adopted, client ids kept)."""

    document: Annotations
    saved: Annotations
    read_only: bool

    def mark_saved(self, saved: Annotations, version: int) -> None: ...


class JobSaving(QObject):
    """Saves one job's annotations; see the module docstring.

    Signals: ``started()``; ``saved(Saved)``; ``failed(Problem)`` (nothing or part sent; edits kept; when the
    outcome is unknown :attr:`in_flight` is set and the next save first checks what reached the server);
    ``refused(Problem)`` (a 400 or 403, the error a :class:`SaveRefused` naming the objects); ``conflicts(MergeResult)``
    (nothing sent: decide, then :meth:`resolve`); ``statusSaved(Job)`` after "save and mark completed";
    ``inFlightChanged(InFlight | None)``; ``runningChanged(bool)``.
    """

    started = Signal()
    saved = Signal(object)
    failed = Signal(object)
    refused = Signal(object)
    conflicts = Signal(object)
    statusSaved = Signal(object)
    inFlightChanged = Signal(object)
    runningChanged = Signal(bool)

    def __init__(
        self,
        saver: JobSaver,
        target: SaveTarget,
        work: Work,
        *,
        mark_completed: Callable[[], Awaitable[Job]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.saver = saver
        self.target = target
        self.work = work
        self._mark_completed = mark_completed
        self.running = False
        self.pending: MergeResult | None = None  # the open conflicts of the last save, until resolved
        self._completing = False  # the current save ends with "mark completed"
        self._queued_completion = False

    @property
    def in_flight(self) -> InFlight | None:
        """What an unfinished save left behind (None: nothing)."""
        return self.saver.in_flight

    # -- actions -----------------------------------------------------------------------------------------------

    def save(self, mark_completed: bool = False) -> None:
        """Save the target's document; with ``mark_completed``, then send the job's status ``completed`` (only
        that field). While a save runs: dropped, or (mark completed) queued after it."""
        if self.running:
            self._queued_completion = self._queued_completion or mark_completed
            return
        self._completing = mark_completed
        self._start(None)

    def resolve(self, choices: Mapping[tuple[Any, ...], str]) -> None:
        """Save again with the conflicts decided (``{conflict.token: MINE | THEIRS | BOTH}``)."""
        if self.running:
            return
        self._start(dict(choices))

    # -- the run -----------------------------------------------------------------------------------------------

    def _start(self, choices: dict[tuple[Any, ...], str] | None) -> None:
        self._set_running(True)
        was_read_only = self.target.read_only
        self.target.read_only = True
        self.started.emit()
        task = self.work.start(self._run(choices, was_read_only), SAVE_TASK)
        if task is None:  # the window is closing
            self.target.read_only = was_read_only
            self._set_running(False)

    async def _run(self, choices: dict[tuple[Any, ...], str] | None, was_read_only: bool) -> None:
        target, saver = self.target, self.saver
        before = saver.in_flight
        outcome: Saved | NeedsDecision | None = None
        error: CvatError | None = None
        try:
            saver.base = _with_version(target.saved, getattr(target, "version", None))
            outcome = await saver.save(target.document, choices)
        except CvatError as exc:
            error = exc
        finally:
            target.read_only = was_read_only
            if outcome is None and error is None:  # cancelled (the window closes) or a crash (logged by Work)
                self._done()
        if saver.in_flight is not before:
            self.inFlightChanged.emit(saver.in_flight)
        if isinstance(error, SaveRefused):
            refusal = error
            self._done()
            self.refused.emit(Problem(lambda: self._refused_text(refusal), refusal))
        elif error is not None:
            failure, unknown = error, saver.in_flight is not None
            self._done()
            self.failed.emit(Problem(lambda: self._failed_text(failure, unknown), failure))
        elif isinstance(outcome, NeedsDecision):
            self.pending = outcome.result
            self._done()
            self.conflicts.emit(outcome.result)
        elif isinstance(outcome, Saved):
            self.pending = None
            target.mark_saved(outcome.document, outcome.version)
            self.saved.emit(outcome)
            if self._completing:
                await self._complete()
            self._done()

    async def _complete(self) -> None:
        if self._mark_completed is None:
            return
        try:
            job = await self._mark_completed()
        except CvatError as exc:
            failure = exc
            self.failed.emit(Problem(lambda: self._status_text(failure), failure))
            return
        self.statusSaved.emit(job)

    def _done(self) -> None:
        self._completing = False
        self._set_running(False)
        if self._queued_completion:
            self._queued_completion = False
            asyncio.get_running_loop().call_soon(self.save, True)

    def _set_running(self, running: bool) -> None:
        if running != self.running:
            self.running = running
            self.runningChanged.emit(running)

    # -- messages ----------------------------------------------------------------------------------------------

    def _failed_text(self, exc: CvatError, unknown: bool) -> str:
        text = arg(self.tr("The annotations were not saved. %1 Your edits are kept."), error_sentence(exc))
        if unknown:
            text += " " + self.tr(
                "The server may have received part of the save: the next save checks what arrived first, so "
                "nothing is saved twice."
            )
        return text

    def _refused_text(self, exc: SaveRefused) -> str:
        names = ", ".join(self.object_name(key) for key in exc.objects[:10])
        if len(exc.objects) > 10:
            names = arg(self.tr("%1 and %2 more"), names, len(exc.objects) - 10)
        if exc.status == 403 or isinstance(exc.__cause__, PermissionDenied):
            text = arg(self.tr("You are not allowed to save these objects: %1."), names)
        else:
            text = arg(self.tr("The server refused to save %1."), names)
        if exc.reason:
            text = arg(self.tr("%1 The server said: “%2”"), text, exc.reason)
        return text + " " + self.tr("Your edits are kept.")

    def object_name(self, key: tuple[str, int | str]) -> str:
        """A refused object as the user knows it: ``shape #12``, or ``a new shape`` (not saved yet)."""
        kind, object_id = key
        name = KIND_NAMES.get(kind, kind)
        if isinstance(object_id, int):
            names = {"tag": self.tr("tag #%1"), "shape": self.tr("shape #%1"), "track": self.tr("track #%1")}
            return arg(names.get(name, "#%1"), object_id)
        news = {"tag": self.tr("a new tag"), "shape": self.tr("a new shape"), "track": self.tr("a new track")}
        return news.get(name, name)

    def _status_text(self, exc: CvatError) -> str:
        return arg(self.tr("The annotations were saved, but the job was not marked completed. %1"), error_sentence(exc))


def _with_version(document: Annotations, version: int | None) -> Annotations:
    if version is None or document.version == version:
        return document
    return replace(document, version=version)
