"""Helpers for the workspace tests: annotations put on the sandbox, a job opened from the jobs tree."""

from __future__ import annotations

from typing import Any

import msgspec
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage

from annodesk.api import Annotations, AttributeVal, CvatClient, LabeledShape, LabeledTag, Task
from annodesk.sandbox import SandboxServer
from annodesk.ui.main_window import MainWindow
from annodesk.ui.workspace.window import WorkspaceWindow

from .conftest import next_emission, until, wait_for
from .test_job_editing import double_click, jobs_model, open_task
from .test_sign_in import PASSWORD

RECEIPTS = 12  # "Receipts OCR": owner demo, assignee alice; 16 frames of 600×1000, jobs 0–7 (alice), 8–15 (demo)
STREET_ZH = (
    2  # "城市街景 · 上海 行人检测": owner and assignee zhangwei; 80 frames of 1920×1080 (chunks of 36), jobs of 40
)
SPORTS = 13  # "Sports: basketball players": a 1280×720 video, assignee demo; tracks of every type on each job


async def admin_task(server: SandboxServer, task_id: int) -> Task:
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        return await client.get_task(task_id)


async def job_annotations(server: SandboxServer, job_id: int) -> dict[str, Any]:
    """The job's labeled data as the server's JSON."""
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        return msgspec.to_builtins(await client.get_job_annotations(job_id))


def spec(task: Task, label: str, attribute: str) -> int:
    found = next(a.id for lb in task.labels if lb.name == label for a in lb.attributes if a.name == attribute)
    return found


def label_id(task: Task, name: str) -> int:
    return next(label.id for label in task.labels if label.name == name)


async def put_receipt_annotations(server: SandboxServer) -> tuple[Task, int, Annotations]:
    """One shape of each type, and a tag, on the first frame of demo's Receipts job; one rectangle on the next.

    Returns the task, the job id and the annotations as the server keeps them (with ids)."""
    task = await admin_task(server, RECEIPTS)
    job_id = task.jobs[1].id
    line, total = label_id(task, "text line"), label_id(task, "total")
    language = spec(task, "text line", "language")
    amount = spec(task, "total", "amount")
    first = task.segments[1].start_frame

    def shape(kind: str, points: list[float], label: int = line, frame: int = first, **extra: object) -> LabeledShape:
        attributes = (AttributeVal(spec_id=language, value="zh"),) if label == line else ()
        return LabeledShape(
            type=kind, frame=frame, label_id=label, points=tuple(points), attributes=attributes, **extra
        )  # type: ignore[arg-type]

    annotations = Annotations(
        shapes=(
            shape("rectangle", [100, 100, 300, 200], z_order=1),
            shape("polygon", [350, 100, 500, 120, 450, 300]),
            shape("polyline", [50, 400, 250, 450, 500, 420]),
            shape("points", [100, 700, 200, 750, 300, 800]),
            shape("cuboid", [100, 850, 100, 950, 250, 850, 250, 950, 300, 830, 300, 930, 150, 830, 150, 930]),
            shape("rectangle", [400, 600, 550, 700], label=total, occluded=True),
            shape("rectangle", [10, 10, 60, 60], frame=first + 1),
        ),
        tags=(LabeledTag(frame=first, label_id=total, attributes=(AttributeVal(spec_id=amount, value="42"),)),),
    )
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        saved = await client.replace_job_annotations(job_id, annotations)
    return task, job_id, saved


async def open_from_jobs_tree(window: MainWindow, task_id: int, name: str, job_id: int) -> WorkspaceWindow:
    """Double-click the job's row in the jobs tree; wait for its first frame on the canvas."""
    await open_task(window, task_id, name)
    view = window.details.jobs_view
    index = jobs_model(window).job_index(job_id, 0)
    view.scrollTo(index)
    opened = next_emission(window.workspaces.opened)
    double_click(view.viewport(), view.visualRect(index).center())
    workspace: WorkspaceWindow = await wait_for(opened)
    await until(lambda: workspace.controller.image is not None)
    return workspace


async def frame_shown(workspace: WorkspaceWindow, frame: int) -> None:
    await until(lambda: workspace.controller.frame == frame and workspace.controller.image is not None)


def canvas_point(workspace: WorkspaceWindow, x: float, y: float) -> QPoint:
    """Where image point (x, y) is on the canvas widget."""
    return workspace.canvas.map_from_image(QPointF(x, y)).toPoint()


def grabbed(workspace: WorkspaceWindow) -> QImage:
    workspace.canvas.finish_rendering()  # the overlay layer renders in chunks: all of it, now
    return workspace.canvas.grab().toImage()


def painted_toward(bare: QColor, drawn: QColor, expected: str) -> bool:
    """Whether ``drawn`` is ``bare`` painted over with ``expected`` (at least a quarter opaque: antialiased
    1-pixel outlines cover a pixel in part)."""
    want = QColor(expected)
    b = (bare.red(), bare.green(), bare.blue())
    d = (drawn.red(), drawn.green(), drawn.blue())
    c = (want.red(), want.green(), want.blue())
    towards = [ci - bi for ci, bi in zip(c, b, strict=True)]
    length = sum(t * t for t in towards)
    if length < 30 * 30:
        return False  # the colour is too close to the frame's there to tell
    alpha = sum((di - bi) * t for di, bi, t in zip(d, b, towards, strict=True)) / length
    residual = max(abs(di - (bi + alpha * t)) for di, bi, t in zip(d, b, towards, strict=True))
    return alpha >= 0.25 and residual <= 40


def drawn_near(workspace: WorkspaceWindow, x: float, y: float, expected: str, radius: int = 2) -> bool:
    """Whether the canvas paints ``expected`` within ``radius`` pixels of image point (x, y): the canvas grabbed
    with its objects is compared with the same view grabbed without them."""
    canvas = workspace.canvas
    drawn = grabbed(workspace)
    drawables = list(canvas.drawables())
    canvas.set_drawables([])
    bare = grabbed(workspace)
    canvas.set_drawables(drawables)
    point = canvas_point(workspace, x, y)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            px, py = point.x() + dx, point.y() + dy
            inside = 0 <= px < drawn.width() and 0 <= py < drawn.height()
            if inside and painted_toward(bare.pixelColor(px, py), drawn.pixelColor(px, py), expected):
                return True
    return False


LEFT = Qt.MouseButton.LeftButton
