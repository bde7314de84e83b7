"""UI test fixtures: isolated settings and cache, controllers over them (the qasync loop, the keyring and the helpers
below come from tests/conftest.py and tests/qt_support.py)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings

from annodesk.controller import AppController
from annodesk.i18n import LanguageManager
from annodesk.session.tokens import TokenStore

from ..conftest import MemoryKeyring, NoKeyring  # noqa: F401  (UI tests import them from here)
from ..qt_support import next_emission, until, wait_for  # noqa: F401  (UI tests import them from here)


@pytest.fixture(autouse=True)
def qt_environment(gui_thread_collector: None, languages: LanguageManager) -> None:
    """Every UI test: the GC on the GUI thread only, and English (fixtures in tests/qt_support.py)."""


@pytest.fixture
def settings_path(tmp_path: Path) -> Path:
    return tmp_path / "settings" / "annodesk.ini"


@pytest.fixture
def cache_root(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def make_settings(path: Path) -> QSettings:
    return QSettings(str(path), QSettings.Format.IniFormat)


@pytest.fixture
def make_controller(
    settings_path: Path, cache_root: Path, languages: LanguageManager
) -> Iterator[Callable[..., AppController]]:
    """Build controllers sharing one settings file and cache (a 'restart' is a second controller)."""
    made: list[AppController] = []

    def build(timeout: float = 5.0) -> AppController:
        settings = make_settings(settings_path)
        controller = AppController(settings, TokenStore(), cache_root, timeout=timeout, languages=languages)
        made.append(controller)
        return controller

    yield build


from .matrix_report import pytest_terminal_summary  # noqa: E402, F401  (prints the fault matrix at the end)


async def page_shown(window: Any) -> None:
    """The window's page load has ended (the first one may end before the window is shown: it waits for it)."""
    await until(lambda: window.pages_shown > 0 and not window.controller.work.running("page"))
