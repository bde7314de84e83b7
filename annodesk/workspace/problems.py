"""A failure or refusal said plainly, for the workspace's signals (no widgets)."""

from __future__ import annotations

from dataclasses import dataclass

from annodesk.api import CvatError
from annodesk.i18n import LiveText


@dataclass(frozen=True)
class Problem:
    """Something that failed, said plainly: ``text`` (translated, follows a language switch) and the error."""

    text: LiveText
    error: CvatError | None = None
