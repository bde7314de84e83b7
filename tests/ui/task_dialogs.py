"""Helpers for the create-task and edit-task dialog tests: a signed-in main window, images on disk, the server's
own view of a task through the client library."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from annodesk.api import CvatClient, NewAttribute, NewLabel, NotFound
from annodesk.api.models import Task
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow

from .conftest import next_emission, wait_for
from .test_sign_in import PASSWORD

LABELS = (
    NewLabel(
        "car",
        color="#fa3253",
        attributes=(
            NewAttribute("type", "select", default_value="sedan", values=("sedan", "suv")),
            NewAttribute("parked", "checkbox", mutable=True, default_value="false", values=("false",)),
        ),
    ),
    NewLabel(
        "行人", color="#3d3df5", attributes=(NewAttribute("age", "number", default_value="0", values=("0", "99", "1")),)
    ),
)


def images(folder: Path, count: int, size: tuple[int, int] = (64, 48)) -> list[Path]:
    """``count`` small distinct PNGs."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"frame_{index:03d}.png"
        Image.new("RGB", size, (index * 30 % 256, 90, 160)).save(path)
        paths.append(path)
    return paths


def noise_images(folder: Path, count: int, side: int = 1024) -> list[Path]:
    """Incompressible PNGs (~3 MB each at 1024 px): an upload that takes many chunks."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"noise_{index:02d}.png"
        Image.effect_noise((side, side), 80).convert("RGB").save(path, compress_level=0)
        paths.append(path)
    return paths


async def server_client(server: SandboxServer, username: str = "admin") -> CvatClient:
    client = CvatClient(server.base_url)
    await client.login(username, PASSWORD[username])
    return client


async def server_task(server: SandboxServer, task_id: int) -> Task | None:
    """The task as the server has it (asked as admin), or None when it does not exist."""
    async with await server_client(server) as client:
        try:
            return await client.get_task(task_id)
        except NotFound:
            return None


async def task_count(server: SandboxServer) -> int:
    async with await server_client(server) as client:
        return (await client.list_tasks(page_size=1)).count


async def select_task(window: MainWindow, task_id: int) -> Task:
    """Select the task's row (reloading the page if needed) and wait for its details."""
    if window.model.row_of(task_id) is None:
        shown = next_emission(window.pageShown)
        window.refresh_action.trigger()
        await wait_for(shown)
    row = window.model.row_of(task_id)
    assert row is not None, f"task {task_id} is not on the page"
    if window.details.task is not None and window.details.task.id == task_id:
        return window.details.task
    details = next_emission(window.detailsShown)
    window.table.selectRow(row)
    await wait_for(details)
    assert window.details.task is not None
    return window.details.task
