"""``UNSET``: "leave this field alone" in update methods, where ``None`` means "set to null"."""

from __future__ import annotations

from typing import Final


class _Unset:
    """The type of :data:`UNSET`."""

    def __repr__(self) -> str:
        return "UNSET"


UNSET: Final = _Unset()
