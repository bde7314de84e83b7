"""``annodesk --self-test``: prove an installation (venv or bundle) works end to end, headless or not.

Starts the embedded sandbox, signs in as the demo user with the real client library, loads the first task
page and one task's label and job trees into the real item models, opens an image job and a video job in the
annotation workspace and paints a frame of each with its objects (decoding a JPEG chunk and an MP4 chunk with
PyAV), and checks the keyring backends, the icon and the Chinese catalogues (annodesk's and Qt's own). Prints
one line per step; exits 0 when all pass, 1 with what failed otherwise.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

STEP_TIMEOUT = 60.0
# The keyring backend this platform's desktop needs, and the module it cannot work without.
PLATFORM_KEYRING = {"linux": ("SecretService", "secretstorage"), "darwin": ("macOS", "keyring.backends.macOS.api")}


def keyring_backends_shipped() -> list[str]:
    """Names of the keyring backends whose entry point is found and whose module imports."""
    from importlib import import_module
    from importlib.metadata import entry_points

    shipped = []
    for point in entry_points(group="keyring.backends"):
        try:
            import_module(point.value.split(":")[0])
        except ImportError:
            continue
        shipped.append(point.name)
    return sorted(shipped)


class SelfTest:
    """Runs named steps in order and reports each."""

    def __init__(self) -> None:
        self.failures: list[str] = []

    async def step(self, name: str, action: Callable[[], Awaitable[Any]]) -> Any:
        """Run one step; print ✓ with its duration and detail, or ✗ with the error."""
        started = time.perf_counter()
        try:
            detail = await asyncio.wait_for(action(), STEP_TIMEOUT)
        except Exception as exc:  # a self-test reports every failure instead of crashing
            self.failures.append(name)
            print(f"✗ {name}: {type(exc).__name__}: {exc}", flush=True)
            return None
        elapsed = (time.perf_counter() - started) * 1000
        print(f"✓ {name} ({elapsed:.0f} ms){f': {detail}' if isinstance(detail, str) else ''}", flush=True)
        return detail


async def _run(work: Path) -> int:
    import keyring.backend

    from .api import CvatClient
    from .demo import DEMO_USERNAME, demo_password
    from .models.job_tree import JobTreeModel
    from .models.label_tree import LabelTreeModel
    from .models.task_table import TaskTableModel
    from .paths import resource_path
    from .sandbox import SandboxServer

    test = SelfTest()

    async def backends() -> str:
        shipped = keyring_backends_shipped()
        backend, dependency = PLATFORM_KEYRING.get(sys.platform, ("Windows", "win32ctypes"))
        if backend not in shipped:
            raise RuntimeError(f"the {backend} keyring backend is missing (found {', '.join(shipped) or 'none'})")
        __import__(dependency)  # e.g. SecretStorage: without it the backend is never usable
        usable = sorted({type(backend).__name__ for backend in keyring.backend.get_all_keyring()})
        return f"shipped {', '.join(shipped)}; usable here: {', '.join(usable) or 'none'}"

    async def icon() -> str:
        path = resource_path("icons/hicolor/256x256/apps/annodesk.png")
        if not path.is_file():
            raise FileNotFoundError(path)
        return str(path)

    async def chinese() -> str:
        from PySide6.QtCore import QSettings

        from .i18n import CHINESE, LanguageManager, translated

        languages = LanguageManager(QSettings(str(work / "languages.ini"), QSettings.Format.IniFormat))
        languages.set_choice(CHINESE)
        try:
            files = sorted(Path(path).name for path in languages.loaded_files())
            # Looked up, not marked: these messages belong to the sign-in dialog and to Qt.
            ours = translated("SignInDialog", "Sign in")
            qts = translated("QPlatformTheme", "Cancel")
        finally:
            languages.uninstall()
        if files != ["annodesk_zh_CN.qm", "qtbase_zh_CN.qm"] or (ours, qts) != ("登录", "取消"):
            raise RuntimeError(f"catalogues {files}: 'Sign in' → {ours!r}, 'Cancel' → {qts!r}")
        return ", ".join(files)

    await test.step("keyring backends", backends)
    await test.step("icon resource", icon)
    await test.step("简体中文 translations", chinese)
    server = SandboxServer(work / "sandbox", anon_throttle=0)

    async def start() -> str:
        await asyncio.to_thread(server.start)
        return server.base_url

    if await test.step("start the embedded sandbox", start) is None:
        return 1
    try:
        async with CvatClient(server.base_url) as client:

            async def sign_in() -> str:
                await client.login(DEMO_USERNAME, demo_password())
                return (await client.current_user()).username

            async def first_page() -> str:
                page = await client.list_tasks(page=1, page_size=10)
                users = {user.id: user for user in await client.list_users()}
                table = TaskTableModel()
                table.set_tasks(page.results, users)
                if table.rowCount() != len(page.results) or not page.results:
                    raise RuntimeError(f"the table shows {table.rowCount()} of {len(page.results)} tasks")
                state["tasks"] = page.results
                return f"{table.rowCount()} of {page.count} tasks"

            async def trees() -> str:
                task = next(t for t in state["tasks"] if t.has_data)
                detail = await client.get_task(task.id)
                labels, jobs = LabelTreeModel(), JobTreeModel()
                labels.set_labels(detail.labels)
                jobs.set_segments(detail.segments)
                if labels.rowCount() != len(detail.labels) or jobs.rowCount() != len(detail.segments):
                    raise RuntimeError("the trees do not match the task")
                return f"task #{detail.id}: {labels.rowCount()} labels, {jobs.rowCount()} segments"

            async def workspace(video: bool) -> str:
                return await paint_in_workspace(client, work, DEMO_USERNAME, video)

            async def frames() -> str:
                from .workspace.frames import FrameSource

                shown = []
                for mode in ("interpolation", "annotation"):  # a video task (PyAV) and an image task
                    task = next(t for t in state["tasks"] if t.has_data and t.mode == mode)
                    last = task.size - 1  # the last chunk: the shortest to make and decode
                    source = await FrameSource.open(client, task.id, last, last, prefetch_chunks=0)
                    try:
                        frame = await source.frame(last)
                    finally:
                        source.close()
                    if frame.image.isNull():
                        raise RuntimeError(f"frame {last} of task #{task.id} did not decode")
                    kind = "MP4" if source.media.video else "zip"
                    shown.append(f"task #{task.id} ({kind}) {frame.image.width()}×{frame.image.height()}")
                return "; ".join(shown)

            state: dict[str, Any] = {}
            await test.step(f"sign in as {DEMO_USERNAME}", sign_in)
            await test.step("first task page in the table model", first_page)
            if "tasks" in state:
                await test.step("label and job trees of a task", trees)
                await test.step("last frame of a video and an image task decoded", frames)
            await test.step("workspace: an image job's frame and objects painted", lambda: workspace(False))
            await test.step("workspace: a video job's frame (PyAV) and tracks painted", lambda: workspace(True))
    finally:
        await asyncio.to_thread(server.stop)
    if test.failures:
        print(f"self-test FAILED: {', '.join(test.failures)}", flush=True)
        return 1
    print("self-test passed", flush=True)
    return 0


async def paint_in_workspace(client: Any, work: Path, username: str, video: bool) -> str:
    """Open the first image (or video) job with annotations in a real workspace window and paint a frame of it."""
    from PySide6.QtCore import QSettings

    from .session.cache import OfflineCache
    from .session.repository import Repository
    from .ui.workspace.frame_glue import FrameSources
    from .ui.workspace.window import WorkspaceWindow
    from .workspace.controller import WorkspaceController

    page = await client.list_tasks(page=1, page_size=100)
    kind = "video" if video else "imageset"
    candidates = [t for t in page.results if t.has_data and t.data_compressed_chunk_type == kind and t.jobs]
    job_id = None
    for task in candidates:  # a job with objects if there is one, else the first job of the first such task
        for job in task.jobs:
            annotations = await client.get_job_annotations(job.id)
            if not annotations.empty:
                job_id = job.id
                break
        if job_id is not None:
            break
    if job_id is None and candidates:  # the sample data has none on images: draw two on a job of the user's own
        me = await client.current_user()
        task = next((t for t in candidates if t.owner_id == me.id), candidates[0])
        job_id = task.jobs[0].id
        await client.replace_job_annotations(job_id, _two_shapes(task))
    if job_id is None:
        raise RuntimeError(f"no {kind} task with jobs to open")
    repository = Repository(client, OfflineCache(work / "cache", client.server_url, username))
    controller = WorkspaceController(repository, job_id, FrameSources(None))
    window = WorkspaceWindow(controller, QSettings(str(work / "workspace.ini"), QSettings.Format.IniFormat))
    loop = asyncio.get_running_loop()
    painted: asyncio.Future[None] = loop.create_future()

    def failed(problem: Any) -> None:
        from .workspace.controller import Problem

        text = problem.text() if isinstance(problem, Problem) and callable(problem.text) else str(problem)
        if not painted.done():
            painted.set_exception(RuntimeError(text))

    controller.imageReady.connect(lambda *_args: None if painted.done() else painted.set_result(None))
    controller.imageFailed.connect(lambda _frame, problem: failed(problem))
    controller.loadFailed.connect(failed)
    window.resize(1000, 700)
    window.show()
    try:
        controller.open()
        await painted
        canvas = window.canvas
        canvas.finish_rendering()
        image = canvas.grab().toImage()
        size = controller.image_size
        if image.isNull() or controller.image is None or controller.image.isNull():
            raise RuntimeError("the frame was not painted")
        drawn = len([d for d in canvas.drawables() if d.visible])
        if drawn == 0:
            raise RuntimeError(f"job #{job_id}: no tracks drawn on frame {controller.frame}")
        return f"job #{job_id}, frame {controller.frame} ({size.width()}×{size.height()}), {drawn} objects drawn"
    finally:
        window.close()
        window.deleteLater()


def _two_shapes(task: Any) -> Any:
    """A rectangle and a polygon on the first frame of ``task``'s first job (this run's own sandbox)."""
    from .api import Annotations, LabeledShape

    first, label = task.segments[0].start_frame, task.labels[0].id
    return Annotations(
        shapes=(
            LabeledShape(type="rectangle", frame=first, label_id=label, points=(40, 40, 240, 160)),
            LabeledShape(type="polygon", frame=first, label_id=label, points=(300, 60, 420, 80, 360, 200)),
        )
    )


def run_self_test() -> int:
    """Run the self-test inside a Qt application with qasync, as the app runs; return the exit code."""
    os.environ.setdefault("QT_API", "pyside6")
    import qasync
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    result: list[int] = []
    with tempfile.TemporaryDirectory(prefix="annodesk-self-test-") as work:

        async def main() -> None:
            result.append(await _run(Path(work)))

        qasync.run(main())
    return result[0] if result else 1
