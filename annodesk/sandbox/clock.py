"""Timestamps as Django REST framework writes them (ISO 8601, UTC as ``Z``)."""

from __future__ import annotations

from datetime import UTC, datetime


def iso(moment: datetime) -> str:
    """``moment`` in DRF's format: microseconds only when non-zero, UTC written as ``Z``."""
    return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def now_iso() -> str:
    """The current time in DRF's format."""
    return iso(datetime.now(UTC))
