"""Server text cut to a length views can lay out: a 50 MB task name froze the GUI for two minutes in Qt's text
layout. Views show :func:`elided` text; tooltips a longer cut (:func:`tooltip_text`); ``FULL_TEXT_ROLE`` gives the
whole text (for copying)."""

from __future__ import annotations

from PySide6.QtCore import Qt

DISPLAY_CHARS = 200  # what a cell, a title or a property shows
TOOLTIP_CHARS = 2000  # what a tooltip shows
ELLIPSIS = "…"
FULL_TEXT_ROLE = Qt.ItemDataRole.UserRole + 100  # the whole, uncut text of a cell


def elided(text: str, limit: int = DISPLAY_CHARS) -> str:
    """``text``, or its first ``limit - 1`` characters and "…" when it is longer."""
    if len(text) <= limit:
        return text
    return text[: max(0, limit - 1)] + ELLIPSIS


def tooltip_text(text: str) -> str:
    """``text`` cut for a tooltip (longer than a cell, still quick to lay out)."""
    return elided(text, TOOLTIP_CHARS)
