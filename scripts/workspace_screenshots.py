"""Render the annotation workspace against a throwaway sandbox and save PNGs for the README.

Run: ``QT_QPA_PLATFORM=offscreen python scripts/workspace_screenshots.py [--out docs/screenshots]``.
Produces ``workspace-dense.png`` / ``workspace-dense-zh.png`` (the 10,000×5,000 frame of ``--seed-dense-job``:
5,000 polygons of 20 points and 5,000 rectangles, one object selected) and ``workspace-video.png`` /
``workspace-video-zh.png`` (a frame of the sample video task between keyframes: tracks of every shape type).
Both show the tool palette, the label picker and the attribute editor (on the video frame: a track's, with its
keyframe marks); ``workspace-dense-drawing.png`` / ``-zh`` show a polygon being drawn on the dense frame.
``conflict-view.png`` / ``conflict-view-zh.png``: the conflict view after another user's save met this one's edits of
three players on a video frame (both moved one, both set another's number, one deleted here and changed there).
``workspace-offline.png`` / ``-zh``: a checked-out video job opened with the server gone (issue 16): the offline bar,
"(offline)" in the title, a player moved and Ctrl+S's word that the changes are kept on this computer.
Chinese is switched live, as a user would. Nothing touches the real keyring, settings or cache.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annodesk.annotations import THEIRS
from annodesk.api.client import CvatClient
from annodesk.i18n import CHINESE, ENGLISH, LanguageManager
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.bench_seed import add_dense_job
from annodesk.sandbox.seed import SAMPLE_USERS
from annodesk.session.cache import OfflineCache
from annodesk.session.checkout import check_out
from annodesk.session.checkout_store import CheckoutStore
from annodesk.session.journal import Journal
from annodesk.session.repository import Repository
from annodesk.ui.workspace.frame_glue import FrameSources
from annodesk.ui.workspace.window import WorkspaceWindow
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.offline import Checkouts

VIDEO_TASK = "Sports: basketball players"


async def _until(predicate: Callable[[], bool], seconds: float = 60.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not predicate():
        if loop.time() > deadline:
            raise TimeoutError("the workspace did not get there in time")
        await asyncio.sleep(0.02)


async def _painted(controller: WorkspaceController, act: Callable[[], None]) -> None:
    """Do ``act`` and wait until the frame it asks for is on the canvas (or say why not)."""
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def ready(*_args: object) -> None:
        if not done.done():
            done.set_result(None)

    def failed(*args: object) -> None:
        if not done.done():
            done.set_exception(RuntimeError(f"the frame failed: {args}"))

    controller.imageReady.connect(ready)
    controller.imageFailed.connect(failed)
    controller.loadFailed.connect(failed)
    act()
    await asyncio.wait_for(done, 120)


def _drawing_a_polygon(window: WorkspaceWindow) -> None:
    """A polygon under way on the canvas: four points placed, the mouse where the fifth goes."""
    canvas = window.canvas
    window.drawing.choose("polygon")
    centre = canvas.rect().center()
    for dx, dy in ((-160, -90), (60, -140), (190, 20), (40, 150)):
        QTest.mouseClick(canvas, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre + QPoint(dx, dy))
    cursor = QPointF(centre + QPoint(-140, 110))
    move = QMouseEvent(
        QEvent.Type.MouseMove,
        cursor,
        canvas.mapToGlobal(cursor),
        Qt.MouseButton.NoButton,
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(canvas, move)


async def _shoot_job(
    out: Path,
    work: Path,
    name: str,
    repository: Repository,
    job_id: int,
    languages: LanguageManager,
    step: int,
    act: Callable[[WorkspaceWindow], None] | None = None,
) -> None:
    names = {user.id: user.username for user in await repository.client.list_users()}  # as the task view passes
    settings = QSettings(str(work / f"{name}.ini"), QSettings.Format.IniFormat)
    controller = WorkspaceController(repository, job_id, FrameSources(None))
    window = WorkspaceWindow(controller, settings)
    window.job_info.set_user_names(names)
    window.resize(1600, 960)
    window.show()
    await _painted(controller, controller.open)
    if step:
        await _painted(controller, lambda: controller.go_to(controller.first_frame + step))
    if act is None:
        controller.select_next()
    else:
        act(window)
    for language, suffix in ((ENGLISH, ""), (CHINESE, "-zh")):
        languages.set_choice(language)
        await asyncio.sleep(0.3)  # the language change's events and a relayout
        window.canvas.finish_rendering()
        await asyncio.sleep(0.1)
        window.grab().save(str(out / f"workspace-{name}{suffix}.png"))
        print(f"saved workspace-{name}{suffix}.png", flush=True)
    languages.set_choice(ENGLISH)
    window.close()
    window.deleteLater()


def _box(frame: int, label: int, points: list[float], attributes: list[dict[str, object]]) -> dict[str, object]:
    return {"type": "rectangle", "frame": frame, "label_id": label, "points": points, "occluded": False,
            "z_order": 0, "group": 0, "source": "manual", "attributes": attributes}  # fmt: skip


async def _shoot_conflicts(
    out: Path, work: Path, repository: Repository, server: SandboxServer, job_id: int, languages: LanguageManager
) -> None:
    """Three players boxed on a frame; this user moves one, numbers another and deletes the third while another
    user moves, renumbers and marks them occluded; the save opens the conflict view."""
    client = repository.client
    job = await client.get_job(job_id)
    task = await client.get_task(job.task_id)
    player = next(label for label in task.labels if label.name == "player")
    number = next(spec.id for spec in player.attributes if spec.name == "number")
    frame = job.start_frame + 12
    boxes = ([430.0, 210.0, 560.0, 520.0], [700.0, 240.0, 830.0, 560.0], [960.0, 200.0, 1080.0, 500.0])
    shapes = [_box(frame, player.id, points, [{"spec_id": number, "value": "0"}]) for points in boxes]
    created = await client.patch_job_annotations_json(
        job_id, "create", {"version": 0, "tags": [], "shapes": shapes, "tracks": []}
    )
    ids = [shape["id"] for shape in created["shapes"]]
    settings = QSettings(str(work / "conflicts.ini"), QSettings.Format.IniFormat)
    controller = WorkspaceController(repository, job_id, FrameSources(None))
    window = WorkspaceWindow(controller, settings)
    window.resize(1600, 960)
    window.show()
    await _painted(controller, controller.open)
    await _painted(controller, lambda: controller.go_to(frame))
    editor, saving = controller.editor, controller.saving
    assert editor is not None and saving is not None
    theirs = [dict(shape, id=object_id) for shape, object_id in zip(shapes, ids, strict=True)]
    theirs[0]["points"] = [400.0, 260.0, 530.0, 570.0]
    theirs[1]["attributes"] = [{"spec_id": number, "value": "23"}]
    theirs[2]["occluded"] = True
    server.second_user.before_next(
        job_id, "update", {"version": 0, "tags": [], "shapes": theirs, "tracks": []}, method="GET"
    )
    editor.move(("shape", ids[0]), 45, -30)
    editor.set_attribute(("shape", ids[1]), number, "7")
    editor.delete(("shape", ids[2]))
    actions = window.save_actions
    actions.save()
    await _until(lambda: actions.conflict_view is not None and actions.conflict_view.isVisible())
    view = actions.conflict_view
    assert view is not None
    view.resize(1180, 640)
    await _until(view.preview.has_image)
    for language, suffix in ((ENGLISH, ""), (CHINESE, "-zh")):
        languages.set_choice(language)
        await asyncio.sleep(0.3)
        view.select(1)  # the numbers first chosen, then the moved player shown
        view.choose_selected(THEIRS)
        view.select(0)
        await asyncio.sleep(0.1)
        view.grab().save(str(out / f"conflict-view{suffix}.png"))
        print(f"saved conflict-view{suffix}.png", flush=True)
    languages.set_choice(ENGLISH)
    view.close()
    window.close_guard.release()
    window.close()
    window.deleteLater()


async def _shoot_offline(
    out: Path, work: Path, repository: Repository, server: SandboxServer, job_id: int, languages: LanguageManager
) -> None:
    """The job checked out, the server gone: opened from the store, a player moved, Ctrl+S pressed."""
    client = repository.client
    store = CheckoutStore(work / "offline")
    await check_out(client, store, job_id)
    await asyncio.to_thread(server.faults.add, "refuse")
    try:
        settings = QSettings(str(work / "offline.ini"), QSettings.Format.IniFormat)
        checkouts = Checkouts(store, client.server_url, online=lambda: False)
        journal = Journal(work / "journal", client.server_url)
        controller = WorkspaceController(repository, job_id, FrameSources(None), journal=journal, checkouts=checkouts)
        window = WorkspaceWindow(controller, settings)
        window.resize(1600, 960)
        window.show()
        await _painted(controller, controller.open)
        await _painted(controller, lambda: controller.go_to(controller.first_frame + 12))
        controller.select_next()
        editor = controller.editor
        assert editor is not None and controller.selected is not None
        editor.move(controller.selected, 60, 20)
        window.save_actions.save()  # offline: nothing tried, the changes kept here
        for language, suffix in ((ENGLISH, ""), (CHINESE, "-zh")):
            languages.set_choice(language)
            await asyncio.sleep(0.3)
            window.canvas.finish_rendering()
            await asyncio.sleep(0.1)
            window.grab().save(str(out / f"workspace-offline{suffix}.png"))
            print(f"saved workspace-offline{suffix}.png", flush=True)
        languages.set_choice(ENGLISH)
        window.close()
        window.deleteLater()
    finally:
        await asyncio.to_thread(server.faults.clear)


async def _shoot(out: Path, work: Path, languages: LanguageManager, server: SandboxServer, job: str) -> None:
    """Shoot ``job`` (``dense``, ``video``, ``conflicts`` or ``offline``) with a client of its own."""
    password = next(p for user, p, *_rest in SAMPLE_USERS if user == "admin")
    async with CvatClient(server.base_url) as client:
        await client.login("admin", password)
        repository = Repository(client, OfflineCache(work / f"cache-{job}", client.server_url, "admin"))
        if job == "dense":
            dense = await client.get_task(add_dense_job(server.state.db))
            await _shoot_job(out, work, "dense", repository, dense.jobs[0].id, languages, 0)
            await _shoot_job(out, work, "dense-drawing", repository, dense.jobs[0].id, languages, 0, _drawing_a_polygon)
        else:
            page = await client.list_tasks(page=1, page_size=100, search=VIDEO_TASK)
            video = next(t for t in page.results if t.name == VIDEO_TASK)
            if job == "video":
                await _shoot_job(out, work, "video", repository, video.jobs[0].id, languages, 12)
            elif job == "offline":
                await _shoot_offline(out, work, repository, server, video.jobs[1].id, languages)
            else:
                await _shoot_conflicts(out, work, repository, server, video.jobs[0].id, languages)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    parser.add_argument(
        "jobs", nargs="*", default=["dense", "video", "conflicts", "offline"], help="dense, video, conflicts, offline"
    )
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv)
    app.setQuitOnLastWindowClosed(False)  # closing the first job's window must not stop the loop
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        languages = LanguageManager(QSettings(str(work / "languages.ini"), QSettings.Format.IniFormat))
        server = SandboxServer(work / "sandbox", port=0).start()
        try:
            for job in args.jobs:  # each in a run of its own: a window's teardown ends with its run
                loop.run_until_complete(_shoot(args.out.resolve(), work, languages, server, job))
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
