"""Qt and async test support, shared by every layer's tests (fixtures and hooks are taken in by tests/conftest.py).

A test may be a plain ``async def test_...``: it runs on a fresh qasync loop of its own (the ``loop`` fixture), as
the platform notes advise, with the same fixtures as any test. Inside it, await a Qt signal with
:func:`next_emission` rather than ``qtbot.waitSignal`` (which cannot run inside a running task).
"""

from __future__ import annotations

import asyncio
import contextlib
import inspect
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import QLocale, QSettings, SignalInstance
from PySide6.QtWidgets import QApplication

from annodesk.i18n import ENGLISH, LanguageManager
from annodesk.ui.collector import MainThreadCollector

T = TypeVar("T")

# A safety net, not a speed limit: an async test that has not ended by then fails instead of hanging the run.
ASYNC_TEST_TIMEOUT = 300.0


@pytest.fixture(scope="session")
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


@pytest.fixture
def languages(session_languages: LanguageManager) -> Iterator[LanguageManager]:
    """The UI language manager every controller uses; the test starts, and ends, in English."""
    if session_languages.choice != ENGLISH or session_languages.language != ENGLISH:
        session_languages.set_choice(ENGLISH)
    yield session_languages
    if session_languages.choice != ENGLISH or session_languages.language != ENGLISH:
        session_languages.set_choice(ENGLISH)


@pytest.fixture
def loop(qapp: QApplication, gui_thread_collector: None) -> Iterator[qasync.QEventLoop]:
    """A fresh qasync loop for this test (platform notes: don't stop it in teardown)."""
    qapp.setQuitOnLastWindowClosed(False)  # as annodesk.app does: the controller decides when to quit
    event_loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    event_loop.close()
    asyncio.set_event_loop(None)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every ``async def`` test gets the ``loop`` fixture (its own qasync loop), asked for or not."""
    for item in items:
        wants_loop = isinstance(item, pytest.Function) and inspect.iscoroutinefunction(item.obj)
        if wants_loop and "loop" not in item.fixturenames:
            item.fixturenames.append("loop")


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run an ``async def`` test to its end on its loop; what it raises (a failed assert too) fails the test."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    event_loop: qasync.QEventLoop = pyfuncitem.funcargs["loop"]
    parameters = inspect.signature(pyfuncitem.obj).parameters
    coroutine = pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in parameters})
    event_loop.run_until_complete(asyncio.wait_for(coroutine, ASYNC_TEST_TIMEOUT))
    return True


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
