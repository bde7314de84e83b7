"""Helpers for the drawing and editing tests: a workspace window over a controller on the sandbox (real HTTP), the
palette's tools clicked, gestures on the real canvas in image coordinates, and the editor's document read back."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtTest import QTest

from annodesk.annotations.identity import find
from annodesk.api import CvatClient, Task
from annodesk.sandbox import SandboxServer
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import Repository
from annodesk.ui.workspace.frame_glue import FrameSources
from annodesk.ui.workspace.window import WorkspaceWindow
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.editor import JobEditor
from annodesk.workspace.frame_objects import ObjectKey
from tests.workspace.canvas_input import LEFT, click, drag, move, widget_at

from .conftest import until
from .test_sign_in import PASSWORD
from .workspace_helpers import drawn_near

STREET = "Street cars — Berlin"  # 1280×720 images, no annotations; "car" has an attribute of every input type
CAR, PEDESTRIAN = "car", "pedestrian"
CAR_COLOR = "#fa3253"
PLURAL = {"shape": "shapes", "track": "tracks", "tag": "tags"}


@asynccontextmanager
async def street_workspace(
    server: SandboxServer,
    folder: Path,
    job_index: int = 0,
    before: Callable[[CvatClient, Task], Awaitable[None]] | None = None,
) -> AsyncIterator[tuple[WorkspaceWindow, CvatClient]]:
    """A workspace window on a job of the Street cars task (signed in as admin), its first frame on the canvas;
    ``before(client, task)`` runs first (e.g. puts annotations on the job)."""
    async with CvatClient(server.base_url) as client:
        await client.login("admin", PASSWORD["admin"])
        page = await client.list_tasks(page=1, page_size=100, search=STREET)
        task = next(t for t in page.results if t.name == STREET)
        if before is not None:
            await before(client, task)
        repository = Repository(client, OfflineCache(folder / "cache", client.server_url, "admin"))
        controller = WorkspaceController(repository, task.jobs[job_index].id, FrameSources(None))
        window = WorkspaceWindow(controller, QSettings(str(folder / "annodesk.ini"), QSettings.Format.IniFormat))
        window.resize(1400, 900)
        window.show()
        window.activateWindow()
        controller.open()
        await until(lambda: controller.image is not None and controller.editor is not None, 30)
        try:
            yield window, client
        finally:
            window.close()
            window.deleteLater()


def editor_of(window: WorkspaceWindow) -> JobEditor:
    editor = window.controller.editor
    assert editor is not None
    return editor


def item(window: WorkspaceWindow, key: ObjectKey | None) -> Any:
    """The domain object of a workspace key in the editor's document."""
    assert key is not None
    return find(editor_of(window).document, (PLURAL[key[0]], key[1]))[1]


def label_id(window: WorkspaceWindow, name: str) -> int:
    return next(label.id for label in editor_of(window).labels.labels if label.name == name)


def spec_id(window: WorkspaceWindow, label: str, name: str) -> int:
    specs = editor_of(window).labels.specs(label_id(window, label))
    return next(spec.id for spec in specs if spec.name == name)


def choose_tool(window: WorkspaceWindow, name: str) -> None:
    QTest.mouseClick(window.tool_palette.tool_buttons[name], LEFT)


def at(window: WorkspaceWindow, x: float, y: float) -> tuple[float, float]:
    """Where a click meant for image point (x, y) lands in image coordinates (through the canvas transform)."""
    canvas = window.canvas
    landed = canvas.map_to_image(QPointF(widget_at(canvas, x, y)))
    return landed.x(), landed.y()


def flat_at(window: WorkspaceWindow, points: Iterable[tuple[float, float]]) -> list[float]:
    return [value for x, y in points for value in at(window, x, y)]


def click_at(window: WorkspaceWindow, x: float, y: float, **kwargs: Any) -> None:
    click(window.canvas, widget_at(window.canvas, x, y), **kwargs)


def drag_at(window: WorkspaceWindow, start: tuple[float, float], end: tuple[float, float]) -> None:
    canvas = window.canvas
    drag(canvas, widget_at(canvas, *start), widget_at(canvas, *end))


def hover(window: WorkspaceWindow, x: float, y: float) -> None:
    move(window.canvas, widget_at(window.canvas, x, y))


def key(window: WorkspaceWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed with the focus on the canvas (the window's actions take their shortcuts from there)."""
    window.canvas.setFocus()
    QTest.keyClick(window.canvas, key, modifiers)


def painted(window: WorkspaceWindow, x: float, y: float, color: str = CAR_COLOR) -> bool:
    """The canvas paints ``color`` at image point (x, y) (nothing selected, so the plain outline is checked)."""
    window.controller.select(None)
    return drawn_near(window, x, y, color)
