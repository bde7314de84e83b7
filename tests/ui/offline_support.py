"""Support for the offline jobs tests: an :class:`OfflineJobsController` over a real task controller signed in to a
sandbox, with a store, journals and settings of the test's own (never the user's folders)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from PySide6.QtCore import QSettings

from annodesk.api import CvatClient
from annodesk.api.models import Task
from annodesk.sandbox import SandboxServer
from annodesk.session.cache import OfflineCache
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal
from annodesk.session.repository import Repository
from annodesk.tasks.controller import TaskController
from annodesk.tasks.offline import OfflineJobsController

from .test_sign_in import PASSWORD

SPORTS = "Sports: basketball players"  # video, 150 frames, jobs of 50 frames overlapping by 5, chunks of 36
DRONE = "Drone footage — harbour"  # video, 300 frames, jobs of 100 frames
STREET = "Street cars — Berlin"  # images, jobs of 50 frames, one chunk of ~2 MB each


@dataclass
class Setup:
    controller: OfflineJobsController
    tasks: TaskController
    client: CvatClient
    store: CheckoutStore
    journals: dict[str, Journal]
    settings: QSettings
    folder: Path

    @property
    def server(self) -> str:
        return self.client.server_url

    def journal(self) -> Journal:
        return self.controller.journal_for(self.server)


@asynccontextmanager
async def offline_setup(server: SandboxServer, folder: Path, user: str = "admin") -> AsyncIterator[Setup]:
    client = CvatClient(server.base_url, timeout=5.0)
    await client.login(user, PASSWORD[user])
    tasks = TaskController(Repository(client, OfflineCache(folder / "cache", server.base_url, user)), "srv", user)
    store = CheckoutStore(folder / "offline")
    journals: dict[str, Journal] = {}

    def journal_for(name: str) -> Journal:
        if name not in journals:
            journals[name] = Journal(folder / "journal", name)
        return journals[name]

    settings = QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)
    controller = OfflineJobsController(tasks, store, journal_for, settings)
    try:
        yield Setup(controller, tasks, client, store, journals, settings, folder)
    finally:
        await controller.close()
        await tasks.close()
        await client.aclose()
        for journal in journals.values():
            journal.close()
        store.close()


async def task_named(client: CvatClient, name: str) -> Task:
    async for task in client.iter_all_tasks():
        if task.name == name:
            return task
    raise AssertionError(name)


def job_ids(task: Task) -> list[int]:
    return [job.id for segment in task.segments for job in segment.jobs]


def chunk_requests(client: CvatClient) -> list[int]:
    """The chunk numbers ``client`` asks for from now on, in order."""
    numbers: list[int] = []

    async def hook(response: httpx.Response) -> None:
        if response.request.url.params.get("type") == "chunk":
            numbers.append(int(response.request.url.params["number"]))

    client.add_response_hook(hook)
    return numbers


def record(signal: Any) -> list[Any]:
    seen: list[Any] = []
    signal.connect(lambda *args: seen.append(args[0] if len(args) == 1 else args))
    return seen
