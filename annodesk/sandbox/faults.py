"""A test-only switch: make chosen requests fail the ways real servers, proxies and networks fail.

Only Python code that holds a :class:`~annodesk.sandbox.server.SandboxServer` can reach it (``server.faults``):
neither the ``annodesk-sandbox`` command line nor ``annodesk --demo`` exposes it.

Kinds (``FaultPlan.add(kind, path=..., query=..., method=..., times=..., delay=...)``):

==================  ===========================================================================================
``refuse``          the server stops listening: new TCP connections are refused (and open ones closed) until
                    :meth:`FaultPlan.clear`. It applies to the whole server, since a connection is refused
                    before any request path exists.
``hang``            no answer until the plan is cleared or the server stops (past any client timeout)
``slow``            the real answer, after ``delay`` seconds (default 5)
``500``             Django's HTML "Server Error (500)" page
``502_html``        an nginx "502 Bad Gateway" HTML page
``malformed_json``  200 with a body that is not JSON
``truncated_json``  the real answer cut in half (``Content-Length`` matching the cut body)
``401``/``403``     DRF's "Invalid token." / "You do not have permission…" JSON errors
``404``             DRF's JSON "Not found."
``close``           starts an answer, then drops the connection
``drip``            200 with a (chunked) JSON body sent one byte every ``interval`` seconds (0.1 by default: each
                    byte beats any per-read timeout) until the plan is cleared or the client goes
``endless``         200 with a chunked JSON body that never ends (whitespace, as fast as the client reads it)
                    until the plan is cleared or the client goes
``oversized``       200 with a valid JSON answer of ``size`` bytes (64 MB + 1 by default), ``Content-Length`` set
``close_after``     the request is handled (a write is made), then the connection drops before the answer
``hang_after``      the request is handled (a write is made), then no answer until the plan is cleared or the
                    server stops (a client times out not knowing its write went through)
==================  ===========================================================================================

Tests can also :meth:`~FaultPlan.hold` every faulty answer at a gate (and :meth:`~FaultPlan.release` it), and see
how many faulty requests the server is handling right now (:meth:`~FaultPlan.in_flight`): that is how a test
knows a request is pending without measuring time.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .http import BAD_GATEWAY_HTML, SERVER_ERROR_HTML

KINDS = frozenset(
    {
        "refuse",
        "500",
        "502_html",
        "malformed_json",
        "truncated_json",
        "hang",
        "slow",
        "401",
        "403",
        "404",
        "close",
        "drop_upload",
        "drip",
        "endless",
        "oversized",
        "close_after",
        "hang_after",
    }
)
DROP_AFTER = 64 * 1024  # default bytes of a request body "drop_upload" reads before dropping the connection
_JSON_ERRORS = {
    "401": (401, b'{"detail":"Invalid token."}'),
    "403": (403, b'{"detail":"You do not have permission to perform this action."}'),
    "404": (404, b'{"detail":"Not found."}'),
}
_POLL = 0.01
DRIP_INTERVAL = 0.1  # seconds between two bytes of a "drip" answer
OVERSIZED = 64 * 1024 * 1024 + 1  # bytes of an "oversized" answer: one over the client's default limit
_ENDLESS_CHUNK = b" " * (1024 * 1024)
_JSON_HEAD = b'{"count":1,"next":null,"previous":null,"results":['


@dataclass
class Fault:
    """One planned failure: ``kind`` for requests whose path (and query) match (``times`` None: forever)."""

    kind: str
    path: re.Pattern[str]
    method: str | None
    times: int | None
    delay: float
    query: re.Pattern[str] | None = None
    after_bytes: int = DROP_AFTER
    interval: float = DRIP_INTERVAL
    size: int = OVERSIZED

    def matches(self, method: str, path: str, query: str = "") -> bool:
        """Whether this fault applies to the request."""
        return (
            (self.times is None or self.times > 0)
            and (self.method in (None, method))
            and bool(self.path.search(path))
            and (self.query is None or bool(self.query.search(query)))
        )


class FaultPlan:
    """The faults to inject; thread-safe, so tests can change it while the server runs."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._in_flight = 0
        self._hits = 0
        self._epoch = 0  # bumped by clear(): hanging requests of an older epoch give up
        self._refusing = False
        self.released = threading.Event()  # set when the server stops: hanging requests give up
        self.gate = threading.Event()  # cleared by hold(): faulty answers wait until release()
        self.gate.set()
        self.on_refuse: Callable[[bool], None] | None = None  # the server stops/starts listening

    def add(
        self,
        kind: str,
        path: str = ".*",
        method: str | None = None,
        times: int | None = None,
        delay: float = 5.0,
        query: str | None = None,
        after_bytes: int = DROP_AFTER,
        interval: float = DRIP_INTERVAL,
        size: int = OVERSIZED,
    ) -> None:
        """Fail requests matching ``path`` (a regex searched in the URL path; ``query`` likewise in the query
        string) the way ``kind`` says. ``refuse`` takes no other argument: the whole server stops listening.
        ``drop_upload`` reads ``after_bytes`` of the request body, then drops the connection mid-upload;
        ``drip`` sends a byte every ``interval`` seconds; ``oversized`` sends ``size`` bytes.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; choose from {sorted(KINDS)}")
        if kind == "refuse":
            if (path, method, times, query) != (".*", None, None, None):
                raise ValueError("'refuse' applies to the whole server: a connection is refused before any request")
            self._set_refusing(True)
            return
        with self._lock:
            self._faults.append(
                Fault(
                    kind,
                    re.compile(path),
                    method and method.upper(),
                    times,
                    delay,
                    re.compile(query) if query else None,
                    after_bytes,
                    interval,
                    size,
                )
            )

    def clear(self) -> None:
        """Remove every planned fault, answer held and hanging requests, and listen again if refusing."""
        with self._lock:
            self._faults.clear()
            self._epoch += 1
            self._hits = 0
        self.gate.set()
        self._set_refusing(False)

    def _set_refusing(self, refusing: bool) -> None:
        if refusing == self._refusing:
            return
        self._refusing = refusing
        if self.on_refuse is not None:
            self.on_refuse(refusing)

    @property
    def refusing(self) -> bool:
        """Whether connections are being refused."""
        return self._refusing

    def hold(self) -> None:
        """Make faulty answers wait (server side) until :meth:`release` (or :meth:`clear`, or a stop)."""
        self.gate.clear()

    def release(self) -> None:
        """Let held faulty answers go."""
        self.gate.set()

    def pending(self) -> bool:
        """Whether a counted fault has not fired yet."""
        with self._lock:
            return any(fault.times for fault in self._faults)

    def in_flight(self) -> int:
        """How many faulty requests the server is handling right now (held, hanging, slow or answering)."""
        with self._lock:
            return self._in_flight

    def hits(self) -> int:
        """How many requests met a fault since the last :meth:`clear`."""
        with self._lock:
            return self._hits

    def take(self, method: str, path: str, query: str = "") -> Fault | None:
        """The first fault for this request, counting it as used."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path, query):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None

    def _enter(self) -> int:
        with self._lock:
            self._in_flight += 1
            self._hits += 1
            return self._epoch

    def _leave(self) -> None:
        with self._lock:
            self._in_flight -= 1

    def _over(self, epoch: int) -> bool:
        """Whether waits begun in ``epoch`` should end (plan cleared or server stopping)."""
        with self._lock:
            return self.released.is_set() or epoch != self._epoch

    async def _wait_gate(self, epoch: int) -> None:
        while not self.gate.is_set() and not self._over(epoch):
            await asyncio.sleep(_POLL)


class FaultMiddleware:
    """ASGI middleware that applies a :class:`FaultPlan`."""

    def __init__(self, app: ASGIApp, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fault = None
        if scope["type"] == "http":
            query = scope.get("query_string", b"").decode("latin-1")
            fault = self.plan.take(scope["method"], scope["path"], query)
        if fault is None:
            await self.app(scope, receive, send)
            return
        epoch = self.plan._enter()
        try:
            await self.plan._wait_gate(epoch)
            await self._apply(fault, epoch, scope, receive, send)
        finally:
            self.plan._leave()

    async def _apply(self, fault: Fault, epoch: int, scope: Scope, receive: Receive, send: Send) -> None:
        if fault.kind == "slow":
            await asyncio.sleep(fault.delay)
            await self.app(scope, receive, send)
        elif fault.kind == "hang":
            while not self.plan._over(epoch):
                await asyncio.sleep(_POLL)
            await _send(send, 503, b"", "text/plain")
        elif fault.kind == "500":
            await _send(send, 500, SERVER_ERROR_HTML.encode(), "text/html; charset=utf-8")
        elif fault.kind == "502_html":
            await _send(send, 502, BAD_GATEWAY_HTML.encode(), "text/html")
        elif fault.kind == "malformed_json":
            await _send(send, 200, b'{"detail": oops, this is not JSON', "application/json")
        elif fault.kind in _JSON_ERRORS:
            status, body = _JSON_ERRORS[fault.kind]
            await _send(send, status, body, "application/json")
        elif fault.kind == "truncated_json":
            await self._truncated(scope, receive, send)
        elif fault.kind == "drop_upload":
            await _drop_upload(receive, send, fault.after_bytes)
        elif fault.kind in ("drip", "endless"):
            await self._never_ending(fault, epoch, receive, send)
        elif fault.kind == "oversized":
            await _oversized(send, fault.size)
        elif fault.kind in ("close_after", "hang_after"):
            await self.app(scope, receive, _discard)  # handled (written); its answer is lost
            if fault.kind == "hang_after":
                while not self.plan._over(epoch):
                    await asyncio.sleep(_POLL)
                await _send(send, 503, b"", "text/plain")
                return
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1000")]})
            await send({"type": "http.response.body", "body": b'{"version":', "more_body": True})
            raise ConnectionAbortedError("fault injected: connection dropped after the request was handled")
        else:  # "close": start an answer, then drop the connection
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1000")]})
            await send({"type": "http.response.body", "body": b'{"count":', "more_body": True})
            raise ConnectionAbortedError("fault injected: connection dropped")

    async def _never_ending(self, fault: Fault, epoch: int, receive: Receive, send: Send) -> None:
        """A 200 JSON answer whose body never ends: dripped byte by byte, or endless whitespace at full speed.

        It ends quietly: when the client goes (nothing more to say), or when the plan is cleared (the chunked body
        is closed, leaving JSON that is cut off).
        """
        gone = asyncio.Event()
        watcher = asyncio.ensure_future(_watch_disconnect(receive, gone))
        try:
            await send(
                {"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"application/json")]}
            )
            await send({"type": "http.response.body", "body": _JSON_HEAD[:1], "more_body": True})
            while not gone.is_set() and not self.plan._over(epoch):
                if fault.kind == "drip":
                    await asyncio.sleep(fault.interval)
                    await send({"type": "http.response.body", "body": b" ", "more_body": True})
                else:
                    await send({"type": "http.response.body", "body": _ENDLESS_CHUNK, "more_body": True})
                    await asyncio.sleep(0)  # let the disconnect watcher and the clear() run
            if not gone.is_set():
                await send({"type": "http.response.body", "body": b""})
        finally:
            watcher.cancel()

    async def _truncated(self, scope: Scope, receive: Receive, send: Send) -> None:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                start.update(message)
            else:
                chunks.append(message.get("body", b""))

        await self.app(scope, receive, capture)
        body = b"".join(chunks)
        body = body[: max(1, len(body) // 2)]
        headers = [(k, v) for k, v in start.get("headers", []) if k.lower() != b"content-length"]
        headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": start.get("status", 200), "headers": headers})
        await send({"type": "http.response.body", "body": body})


async def _drop_upload(receive: Receive, send: Send, after_bytes: int) -> None:
    """Read part of the request body, then break the connection (an answer started, never finished)."""
    received = 0
    while received < after_bytes:
        message = await receive()
        if message["type"] == "http.disconnect":
            return
        received += len(message.get("body", b""))
        if not message.get("more_body"):
            break
    await send({"type": "http.response.start", "status": 502, "headers": [(b"content-length", b"1000")]})
    await send({"type": "http.response.body", "body": b"", "more_body": True})
    raise ConnectionAbortedError(f"fault injected: connection dropped after {received} bytes of the upload")


async def _discard(message: Message) -> None:
    """An answer nobody receives."""


async def _watch_disconnect(receive: Receive, gone: asyncio.Event) -> None:
    """Set ``gone`` once the client closes the connection."""
    while (await receive())["type"] != "http.disconnect":
        pass
    gone.set()


async def _oversized(send: Send, size: int) -> None:
    """A valid JSON page of ``size`` bytes (an empty list padded with whitespace), streamed in chunks."""
    tail = b"]}"
    padding = size - len(_JSON_HEAD) - len(tail)
    headers = [(b"content-type", b"application/json"), (b"content-length", str(size).encode())]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": _JSON_HEAD, "more_body": True})
    while padding > 0:
        chunk = _ENDLESS_CHUNK[: min(padding, len(_ENDLESS_CHUNK))]
        padding -= len(chunk)
        await send({"type": "http.response.body", "body": chunk, "more_body": True})
    await send({"type": "http.response.body", "body": tail})


async def _send(send: Send, status: int, body: bytes, content_type: str) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
