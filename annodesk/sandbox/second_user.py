"""A test-only switch: another user writes to a job at a chosen moment — just before the server handles the next
request that matches — the way a colleague's save lands between a client's read and its own save.

Only Python code that holds a :class:`~annodesk.sandbox.server.SandboxServer` can reach it (``server.second_user``);
neither the command line nor ``annodesk --demo`` exposes it. The write goes through the same validation and store as
``PATCH``/``PUT jobs/{id}/annotations`` (so it moves the job's version like any save), inside the fault switch (a
request that a fault answers never reaches the server, so it triggers nothing)::

    server.second_user.before_next(job_id, "update", body, method="PATCH", query="action=create")
    ...  # the client saves; its create request first lets the other user's update through
    server.second_user.answers  # what the server answered the other user
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Receive, Scope, Send

from .annotation_store import JobWriter
from .annotation_validation import parse_labeled_data
from .state import SandboxState

ACTIONS = ("create", "update", "delete", "put")


@dataclass
class PlannedWrite:
    """One write by the other user, made before the first request matching ``method``/``path``/``query``."""

    job_id: int
    action: str
    body: dict[str, Any]
    method: str | None
    path: re.Pattern[str]
    query: re.Pattern[str] | None

    def matches(self, method: str, path: str, query: str) -> bool:
        return (
            self.method in (None, method)
            and bool(self.path.search(path))
            and (self.query is None or bool(self.query.search(query)))
        )


class SecondUser:
    """The planned writes (thread-safe: tests plan them while the server runs) and the answers they got."""

    def __init__(self) -> None:
        self._planned: list[PlannedWrite] = []
        self._lock = threading.Lock()
        self.answers: list[dict[str, Any]] = []

    def before_next(
        self,
        job_id: int,
        action: str,
        body: dict[str, Any],
        *,
        method: str | None = "PATCH",
        path: str | None = None,
        query: str | None = None,
    ) -> None:
        """Write ``body`` to job ``job_id`` with ``action`` (create, update, delete, put) just before the server
        handles the next request matching ``method``, ``path`` (a regex searched in the URL path; default: this
        job's annotations) and ``query`` (a regex searched in the query string)."""
        if action not in ACTIONS:
            raise ValueError(f"unknown action {action!r}; choose from {ACTIONS}")
        pattern = re.compile(path if path is not None else rf"/jobs/{job_id}/annotations$")
        planned = PlannedWrite(
            job_id, action, body, method and method.upper(), pattern, re.compile(query) if query else None
        )
        with self._lock:
            self._planned.append(planned)

    def pending(self) -> int:
        """How many planned writes have not happened yet."""
        with self._lock:
            return len(self._planned)

    def clear(self) -> None:
        with self._lock:
            self._planned.clear()
            self.answers.clear()

    def take(self, method: str, path: str, query: str) -> list[PlannedWrite]:
        due: list[PlannedWrite] = []
        kept: list[PlannedWrite] = []
        with self._lock:
            for write in self._planned:
                (due if write.matches(method, path, query) else kept).append(write)
            self._planned = kept
        return due

    def run(self, state: SandboxState, write: PlannedWrite) -> dict[str, Any]:
        """Make one write as the server's own view would (raises on invalid bodies, as that view answers 400)."""
        job = state.tasks.job(write.job_id)
        if job is None:
            raise LookupError(f"no job {write.job_id}")
        data = parse_labeled_data(write.body)
        with state.db.write() as conn:
            answer = getattr(JobWriter(conn, job.task_id), write.action)(job.id, data)
        with self._lock:
            self.answers.append(answer)
        return answer


class SecondUserMiddleware:
    """ASGI middleware that lets the planned writes through before the requests they wait for."""

    def __init__(self, app: ASGIApp, second_user: SecondUser, state: SandboxState) -> None:
        self.app = app
        self.second_user = second_user
        self.state = state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            query = scope.get("query_string", b"").decode("latin-1")
            for write in self.second_user.take(scope["method"], scope["path"], query):
                self.second_user.run(self.state, write)
        await self.app(scope, receive, send)
