"""A background job queue like CVAT's RQ worker: one thread, jobs keyed by id, states and progress messages.

Jobs run one at a time, in order. Tests can hold the worker (:meth:`Worker.pause`) to see a job ``queued``,
let it run to its next progress report (:meth:`Worker.step`) to see it ``started`` with a message, and
:meth:`Worker.resume` it — conditions to wait on, never timing.
"""

from __future__ import annotations

import logging
import queue
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

log = logging.getLogger(__name__)

QUEUED, STARTED, FINISHED, FAILED = "queued", "started", "finished", "failed"


@dataclass
class Job:
    """One unit of background work; ``message`` is the latest progress report or, once failed, the error."""

    key: str
    func: Callable[[Job], Any]
    meta: dict[str, Any] = field(default_factory=dict)
    state: str = QUEUED
    message: str = ""
    result: Any = None
    enqueued_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    _worker: Worker | None = field(default=None, repr=False)

    def progress(self, message: str) -> None:
        """Report progress (shown by status requests); with a held worker, wait here until allowed on."""
        self.message = message
        if self._worker is not None:
            self._worker.checkpoint()


def exception_text(error: BaseException) -> str:
    """RQ's ``exc_info`` as CVAT v1.1 stores it: ``"ValueError: No media data found\\n"``."""
    return "".join(traceback.format_exception_only(type(error), error))


class Worker:
    """Runs jobs in a daemon thread (started on first use); thread-safe registry of jobs by key."""

    def __init__(self, name: str = "annodesk-sandbox-worker") -> None:
        self._name = name
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job | None] = queue.Queue()
        self._lock = threading.Lock()
        self._gate = threading.Condition()
        self._permits: int | None = None  # None: run freely; n: n more checkpoints may pass
        self._thread: threading.Thread | None = None
        self._stopped = False

    # Registry -------------------------------------------------------------------------------------
    def enqueue(self, key: str, func: Callable[[Job], Any], **meta: Any) -> Job:
        """Queue ``func(job)`` under ``key`` (replacing a job of that key) and return the job."""
        job = Job(key, func, dict(meta), _worker=self)
        with self._lock:
            self._jobs[key] = job
            if self._thread is None and not self._stopped:
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()
        self._queue.put(job)
        return job

    def record_failure(self, key: str, message: str) -> Job:
        """Register a job under ``key`` that failed with ``message`` without running (work lost in a crash)."""
        job = Job(key, lambda _: None, state=FAILED, message=message)
        with self._lock:
            self._jobs[key] = job
        return job

    def fetch(self, key: str) -> Job | None:
        """The job registered under ``key``."""
        with self._lock:
            return self._jobs.get(key)

    def delete(self, key: str, job: Job | None = None) -> None:
        """Forget the job under ``key`` (only if it is still ``job``, when given). A running job finishes unseen."""
        with self._lock:
            if job is None or self._jobs.get(key) is job:
                self._jobs.pop(key, None)

    def delete_matching(self, predicate: Callable[[str], bool]) -> None:
        """Forget every job whose key matches."""
        with self._lock:
            for key in [key for key in self._jobs if predicate(key)]:
                del self._jobs[key]

    # Holding, for tests ---------------------------------------------------------------------------
    def pause(self) -> None:
        """Hold jobs: none starts, and a running one stops at its next progress report."""
        with self._gate:
            self._permits = 0

    def step(self, checkpoints: int = 1) -> None:
        """While paused, let the worker pass ``checkpoints`` more points (starting a job is one)."""
        with self._gate:
            self._permits = (self._permits or 0) + checkpoints
            self._gate.notify_all()

    def resume(self) -> None:
        """Run freely again."""
        with self._gate:
            self._permits = None
            self._gate.notify_all()

    def checkpoint(self) -> None:
        """Wait while the worker is held (called by the worker thread only)."""
        with self._gate:
            while self._permits == 0 and not self._stopped:
                self._gate.wait()
            if self._permits:
                self._permits -= 1

    def stop(self) -> None:
        """Release everything and end the thread (jobs still queued are dropped)."""
        with self._gate:
            self._stopped = True
            self._permits = None
            self._gate.notify_all()
        self._queue.put(None)
        if self._thread is not None:
            self._thread.join(timeout=10)

    # The thread -----------------------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            job = self._queue.get()
            if job is None or self._stopped:
                return
            if self.fetch(job.key) is not job:
                continue  # replaced or deleted while queued
            self.checkpoint()
            job.state = STARTED
            try:
                job.result = job.func(job)
            except Exception as error:  # a failed job reports its exception, as RQ does
                log.debug("job %s failed", job.key, exc_info=True)
                job.message = exception_text(error)
                job.state = FAILED
            else:
                job.state = FINISHED
