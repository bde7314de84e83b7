"""Running exports and imports: each is a :class:`Transfer` (phase, bytes, outcome, cancel) that dialogs and the
Transfers window show; :class:`TransferManager` starts them and keeps the list of the session's transfers.

A transfer runs as a cancellable asyncio task started with :func:`~annodesk.ui.background.spawn` (so closing the
main window or signing out ends it, and the client deletes any partial file). Transfers belong to no Qt parent:
a window closing never deletes one under its running coroutine.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from annodesk.api import CvatError, ExportFailed, ImportFailed
from annodesk.i18n import arg, format_size
from annodesk.messages import error_sentence
from annodesk.session.transfers import ObjectCounts, TransferService, TransferTarget

from .background import spawn

log = logging.getLogger(__name__)

EXPORT, DATASET, IMPORT = "export", "dataset", "import"
RUNNING, SUCCEEDED, FAILED, CANCELLED = "running", "succeeded", "failed", "cancelled"
# Phases: the client's ("preparing", "downloading", "uploading", "importing") and the session's ("counting").
STARTING = "starting"
PROGRESS_EVERY = 0.05  # seconds: byte counts repaint at most 20 times a second (phase changes at once)


class Transfer(QObject):
    """One export or import: what it is, where it stands, how it ended. Texts are made in the current language
    on each call (:meth:`title`, :meth:`progress_text`, :meth:`outcome_text`), so they follow a language switch.
    """

    changed = Signal()
    finished = Signal()

    def __init__(self, kind: str, target: TransferTarget, format_name: str, path: Path) -> None:
        super().__init__()
        self.kind = kind
        self.target = target
        self.format_name = format_name
        self.path = path  # export: where it is saved; import: the file sent
        self.state = RUNNING
        self.phase = STARTING
        self.done = 0
        self.total: int | None = None
        self.error: CvatError | OSError | None = None
        self.counts: ObjectCounts | None = None
        self.saved: Path | None = None
        self.started_at = time.monotonic()
        self.ended_at: float | None = None
        self.task: asyncio.Task[Any] | None = None
        self._shown_at = 0.0

    # -- state -----------------------------------------------------------------------------------

    @property
    def running(self) -> bool:
        return self.state == RUNNING

    @property
    def is_export(self) -> bool:
        return self.kind in (EXPORT, DATASET)

    def cancel(self) -> None:
        """Stop it (the outcome is set when the coroutine has ended and cleaned up)."""
        if self.task is not None and not self.task.done():
            self.task.cancel()

    def report(self, phase: str, done: int, total: int | None) -> None:
        """The client's progress callback: ``phase``, bytes done, total bytes (None: unknown)."""
        new_phase = phase != self.phase
        self.phase, self.done, self.total = phase, done, total
        now = time.monotonic()
        if new_phase or now - self._shown_at >= PROGRESS_EVERY or (total is not None and done >= total):
            self._shown_at = now
            self.changed.emit()

    async def run(self, work: Awaitable[Any]) -> None:
        """Await ``work`` (the client call) and record how it ended; emit ``finished`` in every case."""
        try:
            result = await work
        except asyncio.CancelledError:
            self._end(CANCELLED)
            raise
        except (CvatError, OSError) as exc:
            self.error = exc
            self._end(FAILED)
            return
        except BaseException:
            self._end(FAILED)
            raise
        if isinstance(result, ObjectCounts):
            self.counts = result
        elif isinstance(result, Path):
            self.saved = result
        self._end(SUCCEEDED)

    def _end(self, state: str) -> None:
        self.state = state
        self.ended_at = time.monotonic()
        self.changed.emit()
        self.finished.emit()

    # -- texts -----------------------------------------------------------------------------------

    def title(self) -> str:
        """What it is, in one line."""
        target = self.target
        if self.kind == EXPORT:
            text = self.tr("Export of task #%1 “%2” (%3)")
        elif self.kind == DATASET:
            text = self.tr("Dataset export of task #%1 “%2” (%3)")
        elif target.job_id is not None:
            return arg(self.tr("Import into job #%1 of task #%2 (%3)"), target.job_id, target.task_id, self.format_name)
        else:
            text = self.tr("Import into task #%1 “%2” (%3)")
        return arg(text, target.task_id, target.task_name, self.format_name)

    def progress_text(self) -> str:
        """Where a running transfer stands."""
        phase, done, total = self.phase, self.done, self.total
        if phase == "preparing":
            return self.tr("Preparing on the server…")
        if phase == "downloading":
            if total is None:
                return arg(self.tr("Downloading… %1"), format_size(done))
            return arg(self.tr("Downloading… %1 of %2"), format_size(done), format_size(total))
        if phase == "uploading":
            return arg(self.tr("Uploading… %1 of %2"), format_size(done), format_size(total or 0))
        if phase == "importing":
            return self.tr("Importing on the server…")
        if phase == "waiting":
            return self.tr("Waiting for the server to finish the earlier import…")
        if phase == "counting":
            return self.tr("Reading back the annotations…")
        return self.tr("Starting…")

    def outcome_text(self) -> str:
        """How it ended (empty while running)."""
        if self.state == SUCCEEDED:
            if self.is_export:
                return arg(self.tr("Saved to %1"), str(self.saved or self.path))
            return self.counts_text()
        if self.state == CANCELLED:
            if self.is_export:
                return self.tr("Cancelled. Nothing was saved.")
            if self.phase in ("importing", "counting"):
                return self.tr(
                    "Stopped waiting. The server already has the file and may still replace the annotations."
                )
            return self.tr("Cancelled. Nothing was imported.")
        if self.state == FAILED and self.error is not None:
            return self.error_text()
        return ""

    def counts_text(self) -> str:
        """After an import: how many objects the task or job now holds, and of which kind."""
        counts = self.counts or ObjectCounts()
        if self.target.job_id is not None:
            summary = self.tr("Imported. Job #%1 now has %Ln object(s).", "", counts.total)
            summary = arg(summary, self.target.job_id)
        else:
            summary = arg(self.tr("Imported. Task #%1 now has %Ln object(s).", "", counts.total), self.target.task_id)
        kinds = arg(self.tr("Shapes: %1 · tracks: %2 · tags: %3"), counts.shapes, counts.tracks, counts.tags)
        return f"{summary}\n{kinds}"

    def error_text(self) -> str:
        """The failure in plain words (the server's own words quoted)."""
        exc = self.error
        if isinstance(exc, ExportFailed | ImportFailed) and exc.status == 405:
            return arg(self.tr("The server has the format “%1” disabled. Choose another format."), self.format_name)
        if isinstance(exc, OSError):
            reason = exc.strerror or str(exc)
            if self.is_export:
                return arg(self.tr("The file %1 could not be written: %2"), str(self.path), reason)
            return arg(self.tr("The file %1 could not be read: %2"), str(self.path), reason)
        if isinstance(exc, CvatError):
            return error_sentence(exc)
        return ""

    def fraction(self) -> float | None:
        """How much of the current phase is done (None: unknown, e.g. while the server works)."""
        if self.phase in ("downloading", "uploading") and self.total:
            return min(1.0, self.done / self.total)
        return None


class TransferManager(QObject):
    """Starts transfers through a :class:`TransferService` and keeps the session's list of them.

    ``added(transfer)`` when one starts, ``transferFinished(transfer)`` when one ends (any outcome).
    """

    added = Signal(object)
    transferFinished = Signal(object)

    def __init__(self, service: TransferService) -> None:
        super().__init__()
        self.service = service
        self.transfers: list[Transfer] = []
        # Imports the server goes on with after the user stopped waiting, by target: followed to their end.
        self.unfinished: dict[tuple[int, int | None], asyncio.Task[None]] = {}
        self.closing = False  # the session ends: nothing new starts

    def running(self) -> list[Transfer]:
        return [transfer for transfer in self.transfers if transfer.running]

    def export(self, target: TransferTarget, format_name: str, destination: Path, *, dataset: bool) -> Transfer:
        """Start exporting the target task's annotations (``dataset``: with images) to ``destination``."""
        transfer = Transfer(DATASET if dataset else EXPORT, target, format_name, destination)
        work = self.service.export(target.task_id, format_name, destination, dataset=dataset, progress=transfer.report)
        return self._start(transfer, work)

    def import_file(self, target: TransferTarget, format_name: str, file: Path) -> Transfer:
        """Start replacing the target's annotations with ``file``'s."""
        transfer = Transfer(IMPORT, target, format_name, file)
        return self._start(transfer, self._import(transfer))

    async def _import(self, transfer: Transfer) -> ObjectCounts:
        target = transfer.target
        earlier = self.unfinished.get(target.key)
        if earlier is not None and not earlier.done():
            transfer.report("waiting", 0, None)
            await asyncio.wait({earlier})  # cancelling this wait leaves the earlier import followed
        return await self.service.import_annotations(
            target, transfer.format_name, transfer.path, progress=transfer.report
        )

    def _start(self, transfer: Transfer, work: Awaitable[Any]) -> Transfer:
        self.transfers.append(transfer)
        transfer.finished.connect(partial(self._transfer_finished, transfer))
        transfer.task = spawn(transfer.run(work))
        self.added.emit(transfer)
        transfer.changed.emit()
        return transfer

    def _transfer_finished(self, transfer: Transfer) -> None:
        log.info("%s in %s: %s", transfer.kind, transfer.format_name, transfer.state)
        cancelled_import = transfer.kind == IMPORT and transfer.state == CANCELLED and transfer.phase == "importing"
        if cancelled_import and not self.closing:
            self.unfinished[transfer.target.key] = spawn(self._follow(transfer))
        self.transferFinished.emit(transfer)

    async def _follow(self, transfer: Transfer) -> None:
        """The server has the file of a cancelled import and goes on: follow it to its end (see
        :meth:`TransferService.follow_import`), so that the next import into the same target starts afresh."""
        key = transfer.target.key
        try:
            await self.service.follow_import(transfer.target, transfer.format_name, transfer.path)
        except (CvatError, OSError) as exc:
            log.info("following a cancelled import ended: %s", type(exc).__name__)
        finally:
            if self.unfinished.get(key) is asyncio.current_task():
                del self.unfinished[key]

    def cancel_all(self) -> None:
        """The session ends (the main window closes): cancel every running transfer, and stop following imports."""
        self.closing = True
        for transfer in self.running():
            transfer.cancel()
        for following in self.unfinished.values():
            following.cancel()

    def clear_finished(self) -> None:
        """Forget the transfers that have ended."""
        self.transfers = self.running()
