"""Qt test fixtures: a qasync loop per test, an in-memory keyring, isolated settings and cache."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import keyring
import keyring.backend
import keyring.errors
import pytest
import qasync
from PySide6.QtCore import QLocale, QSettings, SignalInstance
from PySide6.QtWidgets import QApplication

from annodesk.controller import AppController
from annodesk.i18n import ENGLISH, LanguageManager
from annodesk.session.tokens import TokenStore
from annodesk.ui.collector import MainThreadCollector

T = TypeVar("T")


class MemoryKeyring(keyring.backend.KeyringBackend):
    """A keyring that lives in a dict: what the OS keyring would hold, inspectable by tests."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.entries:
            raise keyring.errors.PasswordDeleteError("no such entry")
        del self.entries[(service, username)]


class NoKeyring(keyring.backend.KeyringBackend):
    """Headless Linux: every write fails like keyring's fail backend."""

    priority = 0  # type: ignore[assignment]

    def get_password(self, service: str, username: str) -> str | None:
        return None

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.NoKeyringError("No recommended backend was available.")


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collector(qapp: QApplication) -> Iterator[None]:
    """As in the app: Python's cyclic GC runs on the GUI thread only (sandbox threads must not free Qt objects)."""
    collector = MainThreadCollector()
    yield
    collector.stop()


@pytest.fixture(scope="session")
def session_languages(qapp: QApplication, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LanguageManager]:
    """As the app does at start: annodesk's English catalogue (its plural forms) and an en_US locale."""
    settings = QSettings(str(tmp_path_factory.mktemp("languages") / "languages.ini"), QSettings.Format.IniFormat)
    manager = LanguageManager(settings, system_locale=QLocale("en_US"))
    manager.set_choice(ENGLISH)
    yield manager
    manager.uninstall()


@pytest.fixture(autouse=True)
def languages(session_languages: LanguageManager) -> Iterator[LanguageManager]:
    """The UI language manager every controller uses; each test starts, and ends, in English."""
    if session_languages.choice != ENGLISH or session_languages.language != ENGLISH:
        session_languages.set_choice(ENGLISH)
    yield session_languages
    if session_languages.choice != ENGLISH or session_languages.language != ENGLISH:
        session_languages.set_choice(ENGLISH)


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A fresh qasync loop for this test (platform notes: don't stop it in teardown)."""
    qapp.setQuitOnLastWindowClosed(False)  # as annodesk.app does: the controller decides when to quit
    event_loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    event_loop.close()
    asyncio.set_event_loop(None)


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


def next_emission(signal: SignalInstance) -> asyncio.Future[Any]:
    """A future resolved with the arguments of ``signal`` 's next emission."""
    future: asyncio.Future[Any] = asyncio.get_event_loop().create_future()

    def resolve(*args: Any) -> None:
        if not future.done():
            future.set_result(args[0] if len(args) == 1 else args)
        with contextlib.suppress(RuntimeError, TypeError):
            signal.disconnect(resolve)

    signal.connect(resolve)
    return future


async def wait_for(awaitable: Awaitable[T], seconds: float = 10.0) -> T:
    """Await with a safety timeout so a broken test fails instead of hanging."""
    return await asyncio.wait_for(awaitable, seconds)


async def until(predicate: Callable[[], bool], seconds: float = 10.0) -> None:
    """Let the event loop run until ``predicate()`` holds (fails after ``seconds``)."""

    async def poll() -> None:
        while not predicate():
            await asyncio.sleep(0.01)

    await asyncio.wait_for(poll(), seconds)


from .matrix_report import pytest_terminal_summary  # noqa: E402, F401  (prints the fault matrix at the end)


async def page_shown(window: Any) -> None:
    """The window's page load has ended (the first one may end before the window is shown: it waits for it)."""
    await until(lambda: window.pages_shown > 0 and not window.controller.work.running("page"))
