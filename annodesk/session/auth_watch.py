"""One place where a session ends: any 401 answer on the session's client, whatever asked. No Qt.

Features do not catch ``NotAuthenticated`` to go back to sign-in: the client's response hook sees the 401 first
and calls ``on_ended(detail)`` once per session (the server's reason, when its answer says one briefly).
"""

from __future__ import annotations

from collections.abc import Callable

import httpx
import msgspec

from annodesk.api import CvatClient

DETAIL_MAX_BYTES = 16_384  # a longer 401 body is not read for its reason


class AuthWatch:
    """Watches ``client`` for 401 answers; ``on_ended`` is called for the first one only (until :meth:`reset`)."""

    def __init__(self, client: CvatClient, on_ended: Callable[[str], None]) -> None:
        self._on_ended = on_ended
        self.ended = False
        self.paused = False  # while signing out: the server's 401 to a revoked token is expected
        client.add_response_hook(self._answered)

    async def _answered(self, response: httpx.Response) -> None:
        if response.status_code != 401 or self.ended or self.paused:
            return
        self.ended = True
        self._on_ended(await _detail(response))

    def reset(self) -> None:
        self.ended = False


async def _detail(response: httpx.Response) -> str:
    length = response.headers.get("content-length", "")
    if not length.isdigit() or int(length) > DETAIL_MAX_BYTES:
        return ""
    try:
        body = msgspec.json.decode(await response.aread())
    except (httpx.HTTPError, msgspec.DecodeError):
        return ""
    detail = body.get("detail") if isinstance(body, dict) else None
    return detail if isinstance(detail, str) else ""
