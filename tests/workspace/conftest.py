"""Fixtures for the workspace's widget-free parts: a qasync loop per test over a QGuiApplication-capable qapp."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

import pytest
import qasync
from PySide6.QtWidgets import QApplication

from annodesk.ui.collector import MainThreadCollector


@pytest.fixture(scope="session", autouse=True)
def gui_thread_collector(qapp: QApplication) -> Iterator[None]:
    """As in the app: Python's cyclic GC runs on the GUI thread only (worker threads must not free QObjects)."""
    collector = MainThreadCollector()
    yield
    collector.stop()


@pytest.fixture
def loop(qapp: QApplication) -> Iterator[qasync.QEventLoop]:
    """A fresh qasync loop for this test (platform notes: don't stop it in teardown)."""
    event_loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(event_loop)
    yield event_loop
    event_loop.close()
    asyncio.set_event_loop(None)
