"""Limits the user may raise in the settings (any QSettings-like object; no Qt import)."""

from __future__ import annotations

from typing import Any

from annodesk.api.defaults import MAX_ANSWER_BYTES

ANSWER_LIMIT_KEY = "network/maxAnswerMB"
MEGABYTE = 1024 * 1024


def answer_limit(settings: Any) -> int:
    """Bytes a server's JSON answer may hold (``network/maxAnswerMB``, 64 by default; bigger servers need more)."""
    try:
        megabytes = int(settings.value(ANSWER_LIMIT_KEY, MAX_ANSWER_BYTES // MEGABYTE))
    except (TypeError, ValueError):
        return MAX_ANSWER_BYTES
    return megabytes * MEGABYTE if megabytes > 0 else MAX_ANSWER_BYTES
