"""Item model tests: Qt objects with no widgets, read through ``qtmodeltester`` and their own API."""

from __future__ import annotations

import pytest

from annodesk.i18n import LanguageManager


@pytest.fixture(autouse=True)
def qt_environment(gui_thread_collector: None, languages: LanguageManager) -> None:
    """As for the UI: the GC on the GUI thread only, and English (fixtures in tests/qt_support.py)."""
