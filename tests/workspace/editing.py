"""Helpers for the editor's tests: a job with annotations on a sandbox, opened by a real WorkspaceController over
real HTTP (frames from the real frame source), and signals awaited."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import msgspec

from annodesk.annotations import Annotations as Document
from annodesk.annotations import adopt_ids, changes, created_ids
from annodesk.api import Annotations, AttributeVal, CvatClient, LabeledShape, LabeledTag, LabeledTrack, Task
from annodesk.api import TrackedShape as ApiTrackedShape
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS, VEHICLES
from annodesk.sandbox.specs import DataSpec, TaskSpec
from annodesk.session.cache import OfflineCache
from annodesk.session.journal import Journal
from annodesk.session.repository import Repository
from annodesk.ui.workspace.frame_glue import FrameSources
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.editor import JobEditor

PASSWORDS = {user[0]: user[1] for user in SAMPLE_USERS}
SIZE = (640, 480)
FRAMES = 12


def add_task(server: SandboxServer, frames: int = FRAMES) -> int:
    """A task of ``frames`` generated 640×480 images in one job, with the vehicle labels."""
    (task_id,) = server.state.tasks.add_tasks([TaskSpec("editing", None, VEHICLES, data=DataSpec(frames, *SIZE))])
    return task_id


def label(task: Task, name: str) -> int:
    return next(item.id for item in task.labels if item.name == name)


def spec(task: Task, label_name: str, attribute: str) -> int:
    return next(a.id for item in task.labels if item.name == label_name for a in item.attributes if a.name == attribute)


def sample_annotations(task: Task) -> Annotations:
    """On frame 0: a rectangle, a 4-point polygon, a polyline, a tag; a rectangle track over frames 0–10 (keyframes
    0 and 10); on frame 3 a polygon."""
    car, person = label(task, "car"), label(task, "pedestrian")
    plate = spec(task, "car", "plate")
    return Annotations(
        shapes=(
            LabeledShape(type="rectangle", frame=0, label_id=car, points=(10, 10, 110, 60), z_order=1),
            LabeledShape(type="polygon", frame=0, label_id=person, points=(200, 200, 300, 200, 300, 300, 200, 300)),
            LabeledShape(type="polyline", frame=0, label_id=car, points=(400, 50, 500, 80, 600, 40)),
            LabeledShape(type="polygon", frame=3, label_id=person, points=(20, 300, 120, 300, 70, 400)),
        ),
        tracks=(
            LabeledTrack(
                frame=0,
                label_id=car,
                shapes=(
                    ApiTrackedShape(type="rectangle", frame=0, points=(300, 10, 340, 50)),
                    ApiTrackedShape(
                        type="rectangle",
                        frame=10,
                        points=(400, 110, 440, 150),
                        attributes=(AttributeVal(spec_id=plate, value="B 42"),),
                    ),
                ),
            ),
        ),
        tags=(LabeledTag(frame=0, label_id=person),),
    )


async def server_document(client: CvatClient, job_id: int) -> Document:
    return Document.from_json(msgspec.to_builtins(await client.get_job_annotations(job_id)))


async def wait_signal(signal: Any, timeout: float = 20.0) -> tuple[Any, ...]:
    """The arguments of ``signal``'s next emission."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_running_loop().create_future()

    def done(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(done)
    try:
        return await asyncio.wait_for(future, timeout)
    finally:
        signal.disconnect(done)


class Emissions:
    """Every emission of a signal from now on (connected at once, unlike an awaited coroutine)."""

    def __init__(self, signal: Any) -> None:
        self.seen: list[tuple[Any, ...]] = []
        signal.connect(lambda *args: self.seen.append(args))

    def __len__(self) -> int:
        return len(self.seen)

    @property
    def last(self) -> Any:
        return self.seen[-1][0]


async def until(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.005)


@dataclass
class Opened:
    """A loaded controller on the job ``job_id`` of ``task``, and the admin's client for reading it back."""

    controller: WorkspaceController
    client: CvatClient
    task: Task
    job_id: int

    @property
    def editor(self) -> JobEditor:
        editor = self.controller.editor
        assert editor is not None
        return editor


async def put_annotations(server: SandboxServer, annotations: Callable[[Task], Annotations] | None) -> tuple[Task, int]:
    task_id = add_task(server)
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORDS["admin"])
        task = await client.get_task(task_id)
        job_id = task.jobs[0].id
        if annotations is not None:
            await client.replace_job_annotations(job_id, annotations(task))
    return task, job_id


@asynccontextmanager
async def opened_job(
    server: SandboxServer,
    folder: Path,
    job: tuple[Task, int],
    *,
    journal: Journal | None = None,
    before_open: Callable[[WorkspaceController], None] | None = None,
) -> AsyncIterator[Opened]:
    """Open ``job`` (from :func:`put_annotations`) in a controller and wait until it is loaded and on its first
    frame (``before_open`` gets the controller before it opens: to connect to its signals)."""
    task, job_id = job
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORDS["admin"])
        repository = Repository(client, OfflineCache(folder / "cache", server.base_url, "admin"))
        controller = WorkspaceController(repository, job_id, FrameSources(None), task_id=task.id, journal=journal)
        loaded = asyncio.ensure_future(wait_signal(controller.loaded))
        if before_open is not None:
            before_open(controller)
        controller.open()
        await loaded
        try:
            yield Opened(controller, client, task, job_id)
        finally:
            controller.close()
            if controller.editor is not None:
                controller.editor.flush_journal(10)


async def save_through(opened: Opened) -> Document:
    """Save the editor's changes as a saver does (the merge engine's requests over real HTTP, the created ids
    adopted) and tell the editor (``mark_saved``); the job as the server has it after."""
    editor = opened.editor
    local = editor.document.to_json()
    requests = changes(editor.saved.to_json(), local, editor.labels)
    created: dict[tuple[str, int], int] = {}
    for action, body in requests.nonempty():
        answer = await opened.client.patch_job_annotations(opened.job_id, action, msgspec.convert(body, Annotations))
        if action == "create":
            created = created_ids(msgspec.to_builtins(answer))
    server = await server_document(opened.client, opened.job_id)
    editor.mark_saved(Document.from_json(adopt_ids(local, created)), server.version)
    return server
