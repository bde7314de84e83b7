"""Opening a job in the annotation workspace, and stepping through it, through the real window.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/workspace_open.py [--rounds 3] [--steps 100] [--only video]

The sandbox runs in a process of its own (``--seed-dense-job --seed-frame-bench``); the first chunk of each job is
asked for once before measuring (a real server writes chunks when the task is created). For each job, with an empty
chunk cache each round:

- **open → first frame painted**: ``WorkspaceController.open()`` (job, task, meta and annotations read, panels
  filled) until the canvas has painted the first frame and every object on it (overlay complete). The floor, in the
  same run: the frames alone — ``FrameSource.open`` (task and meta) and the first frame decoded, painted on a bare
  canvas with no objects and no window around it.
- **F → next frame painted** (images and video): a key press on the window until the canvas painted the next frame
  with its objects, for ``--steps`` frames after the first chunk (prefetch as in use). The floor: painting an already
  decoded frame on the same canvas (``set_frame`` and a paint).

Goals (issue 14): first frame ≤ 300 ms on loopback; stepping p99 ≤ 16 ms once prefetch is warm.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from harness import ADMIN, SandboxProcess
from PySide6.QtCore import QSettings, QSizeF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annodesk.api import CvatClient
from annodesk.sandbox.bench_seed import DENSE_TASK, FRAME_BENCH_IMAGES, FRAME_BENCH_VIDEO
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import Repository
from annodesk.ui.collector import MainThreadCollector
from annodesk.ui.workspace.canvas import AnnotationCanvas
from annodesk.ui.workspace.frame_glue import FrameSources
from annodesk.ui.workspace.window import WorkspaceWindow
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.frames import FrameSource

VARIANTS = {"dense frame": DENSE_TASK, "images 1080p": FRAME_BENCH_IMAGES, "video 1080p": FRAME_BENCH_VIDEO}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def ms(seconds: float) -> float:
    return seconds * 1000


async def image_ready(controller: WorkspaceController) -> None:
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def ready(*_args: object) -> None:
        if not done.done():
            done.set_result(None)

    def failed(_frame: int, problem: object) -> None:
        if not done.done():
            done.set_exception(RuntimeError(str(getattr(problem, "text", problem))))

    controller.imageReady.connect(ready)
    controller.imageFailed.connect(failed)
    try:
        await asyncio.wait_for(done, 120)
    finally:
        controller.imageReady.disconnect(ready)
        controller.imageFailed.disconnect(failed)


def paint(canvas: AnnotationCanvas) -> None:
    canvas.finish_rendering()  # the overlay of every object, crisp
    canvas.repaint()  # painted now, not on the next event


async def open_in_window(repository: Repository, job_id: int, settings: QSettings) -> tuple[float, WorkspaceWindow]:
    controller = WorkspaceController(repository, job_id, FrameSources(None))
    window = WorkspaceWindow(controller, settings)
    window.resize(1400, 860)
    window.show()
    started = time.perf_counter()
    controller.open()
    await image_ready(controller)
    paint(window.canvas)
    return time.perf_counter() - started, window


async def open_bare(client: CvatClient, task_id: int, first: int, last: int) -> float:
    canvas = AnnotationCanvas()
    canvas.resize(1100, 800)
    canvas.show()
    started = time.perf_counter()
    source = await FrameSource.open(client, task_id, first, last)
    frame = await source.frame(first)
    canvas.set_frame(frame.image, QSizeF(frame.size))
    paint(canvas)
    elapsed = time.perf_counter() - started
    source.close()
    canvas.close()
    return elapsed


async def step(window: WorkspaceWindow, count: int) -> tuple[list[float], list[float]]:
    """F pressed ``count`` times from the first chunk's end; each until painted. The floor: re-painting a frame."""
    controller = window.controller
    chunk = controller.source.media.chunk_size if controller.source is not None else 36
    controller.go_to(min(controller.last_frame, controller.first_frame + chunk - 1))
    await image_ready(controller)
    if controller.source is not None:
        await controller.source.settle()
    times, floors = [], []
    for _ in range(min(count, controller.last_frame - controller.frame)):
        started = time.perf_counter()
        QTest.keyClick(window, Qt.Key.Key_F)
        if controller.image is None:
            await image_ready(controller)
        paint(window.canvas)
        times.append(time.perf_counter() - started)
        image = controller.image
        assert image is not None
        started = time.perf_counter()
        window.canvas.set_frame(image, QSizeF(controller.image_size))
        paint(window.canvas)
        floors.append(time.perf_counter() - started)
    return times, floors


async def measure(base_url: str, rounds: int, steps: int, work: Path, only: set[str]) -> None:
    async with CvatClient(base_url) as client:
        await client.login(*ADMIN)
        tasks = {task.name: task for task in (await client.list_tasks(1, 100)).results}
        settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
        for variant, name in VARIANTS.items():
            if only and variant.split()[0] not in only:
                continue
            task = await client.get_task(tasks[name].id)
            job = task.jobs[0]
            segment = task.segments[0]
            await client.task_chunk(task.id, 0, "compressed")  # the server has its chunks, as CVAT does
            opened, floor = [], []
            for index in range(rounds):
                repository = Repository(client, OfflineCache(work / f"cache-{variant}-{index}", base_url, ADMIN[0]))
                elapsed, window = await open_in_window(repository, job.id, settings)
                opened.append(ms(elapsed))
                objects = len(window.controller.objects)
                if index == rounds - 1 and variant != "dense frame":
                    times, floors = await step(window, steps)
                window.close()
                window.deleteLater()
                floor.append(ms(await open_bare(client, task.id, segment.start_frame, segment.stop_frame)))
            app, bare = statistics.median(opened), statistics.median(floor)
            print(f"{variant}: job opened → first frame painted with its {objects} objects: {app:.0f} ms median")
            print(f"    floor (frames alone, bare canvas): {bare:.0f} ms; ratio {app / bare:.2f}; goal ≤ 300 ms")
            if variant != "dense frame":
                p50, p99 = percentile(times, 0.5), percentile(times, 0.99)
                f50, f99 = percentile(floors, 0.5), percentile(floors, 0.99)
                print(
                    f"    F → next frame painted ({len(times)} steps): p50 {ms(p50):.1f} ms, p99 {ms(p99):.1f} ms;"
                    f" floor (paint a decoded frame) p50 {ms(f50):.1f} ms, p99 {ms(f99):.1f} ms; goal p99 ≤ 16 ms"
                )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--steps", type=int, default=100)
    parser.add_argument("--only", default="", help="dense,images,video (default: all)")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)  # closing a measured window must not end the run
    collector = MainThreadCollector()
    try:
        with (
            SandboxProcess(seed_tasks=0, extra_args=("--seed-dense-job", "--seed-frame-bench")) as sandbox,
            tempfile.TemporaryDirectory(prefix="annodesk-bench-workspace-") as work,
        ):
            only = {name for name in args.only.split(",") if name}
            qasync.run(measure(sandbox.base_url, args.rounds, args.steps, Path(work), only))
    finally:
        collector.stop()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
