"""A test-only switch: make chosen requests fail the ways real servers and proxies fail."""

from __future__ import annotations

import asyncio
import re
import threading
from dataclasses import dataclass
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .http import BAD_GATEWAY_HTML, SERVER_ERROR_HTML

KINDS = frozenset(
    {"500", "502_html", "malformed_json", "truncated_json", "hang", "slow", "401", "403", "404", "close", "drop_upload"}
)
DROP_AFTER = 64 * 1024  # default bytes of a request body "drop_upload" reads before dropping the connection
_JSON_ERRORS = {
    "401": (401, b'{"detail":"Invalid token."}'),
    "403": (403, b'{"detail":"You do not have permission to perform this action."}'),
    "404": (404, b'{"detail":"Not found."}'),
}


@dataclass
class Fault:
    """One planned failure: ``kind`` for requests whose path matches ``path`` (``times`` None: forever)."""

    kind: str
    path: re.Pattern[str]
    method: str | None
    times: int | None
    delay: float
    after_bytes: int = DROP_AFTER

    def matches(self, method: str, path: str) -> bool:
        """Whether this fault applies to the request."""
        return (
            (self.times is None or self.times > 0) and (self.method in (None, method)) and bool(self.path.search(path))
        )


class FaultPlan:
    """The faults to inject; thread-safe, so tests can change it while the server runs."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self.released = threading.Event()  # set when the server stops: hanging requests give up

    def add(
        self,
        kind: str,
        path: str = ".*",
        method: str | None = None,
        times: int | None = None,
        delay: float = 5.0,
        after_bytes: int = DROP_AFTER,
    ) -> None:
        """Fail requests matching ``path`` (a regex searched in the URL path) the way ``kind`` says.

        ``drop_upload`` reads ``after_bytes`` of the request body, then drops the connection mid-upload.
        """
        if kind not in KINDS:
            raise ValueError(f"unknown fault {kind!r}; choose from {sorted(KINDS)}")
        with self._lock:
            self._faults.append(Fault(kind, re.compile(path), method and method.upper(), times, delay, after_bytes))

    def clear(self) -> None:
        """Remove every planned fault."""
        with self._lock:
            self._faults.clear()

    def pending(self) -> bool:
        """Whether a counted fault has not fired yet."""
        with self._lock:
            return any(fault.times for fault in self._faults)

    def take(self, method: str, path: str) -> Fault | None:
        """The first fault for this request, counting it as used."""
        with self._lock:
            for fault in self._faults:
                if fault.matches(method, path):
                    if fault.times is not None:
                        fault.times -= 1
                    return fault
        return None


class FaultMiddleware:
    """ASGI middleware that applies a :class:`FaultPlan`."""

    def __init__(self, app: ASGIApp, plan: FaultPlan) -> None:
        self.app = app
        self.plan = plan

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        fault = self.plan.take(scope["method"], scope["path"]) if scope["type"] == "http" else None
        if fault is None:
            await self.app(scope, receive, send)
            return
        if fault.kind == "slow":
            await asyncio.sleep(fault.delay)
            await self.app(scope, receive, send)
        elif fault.kind == "hang":
            while not self.plan.released.is_set():
                await asyncio.sleep(0.05)
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
        else:  # "close": start an answer, then drop the connection
            await send({"type": "http.response.start", "status": 200, "headers": [(b"content-length", b"1000")]})
            await send({"type": "http.response.body", "body": b'{"count":', "more_body": True})
            raise ConnectionAbortedError("fault injected: connection dropped")

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


async def _send(send: Send, status: int, body: bytes, content_type: str) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
