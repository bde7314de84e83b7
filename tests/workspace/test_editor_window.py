"""An edit as the window shows it, against the sandbox over real HTTP: only the edited objects change on the canvas
(moved, gone, added on top) and in the objects panel (rows updated, removed, inserted in the sort order), and the
frame painted shows them."""

from __future__ import annotations

import asyncio
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, QSettings
from PySide6.QtGui import QImage

from annodesk.sandbox import SandboxServer
from annodesk.ui.workspace.window import WorkspaceWindow
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.frame_objects import SHAPE

from .editing import label, opened_job, put_annotations, sample_annotations, wait_signal


def changed_near(before: QImage, after: QImage, point: QPoint, radius: int = 3) -> bool:
    """Whether a pixel within ``radius`` of ``point`` differs between the two grabs."""
    return any(
        before.pixelColor(point.x() + dx, point.y() + dy) != after.pixelColor(point.x() + dx, point.y() + dy)
        for dx in range(-radius, radius + 1)
        for dy in range(-radius, radius + 1)
    )


async def test_an_edit_changes_only_its_objects_on_the_canvas_and_in_the_panel(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    job = await put_annotations(fresh_sandbox, sample_annotations)
    windows: list[WorkspaceWindow] = []
    images: list[asyncio.Future[tuple[object, ...]]] = []

    def make_window(controller: WorkspaceController) -> None:
        window = WorkspaceWindow(controller, QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
        window.resize(1200, 800)
        window.show()
        windows.append(window)
        images.append(asyncio.ensure_future(wait_signal(controller.imageReady)))

    async with opened_job(fresh_sandbox, tmp_path, job, before_open=make_window) as opened:
        (window,) = windows
        await images[0]
        ws, editor, canvas, panel = opened.controller, opened.editor, window.canvas, window.objects_panel
        rectangle = next(obj for obj in ws.objects if obj.kind == SHAPE and obj.type == "rectangle")
        polygon = next(obj for obj in ws.objects if obj.kind == SHAPE and obj.type == "polygon")
        rect_id, polygon_id = ws.drawable_id(rectangle.key), ws.drawable_id(polygon.key)
        scene_before = {d.id: d for d in canvas.drawables()}
        rows = panel.model.rowCount()
        resets: list[bool] = []
        panel.model.modelReset.connect(lambda: resets.append(True))

        canvas.finish_rendering()
        painted = canvas.grab().toImage()
        assert editor.move(rectangle.key, 100, 50)
        drawn = canvas.drawable(rect_id)
        assert drawn is not None and drawn.points == (110, 60, 210, 110)
        others = {d.id: d for d in canvas.drawables() if d.id != rect_id}
        assert others == {i: d for i, d in scene_before.items() if i != rect_id}  # the rest as it was
        row = panel.model.row_of(rectangle.key)
        assert row is not None and panel.model.objects[row].points == (110, 60, 210, 110)

        assert editor.delete(polygon.key)
        gone = canvas.drawable(polygon_id)
        assert gone is None or not gone.visible
        assert canvas.object_at(canvas.map_from_image(QPointF(250, 250))) != polygon_id
        assert panel.model.rowCount() == rows - 1 and panel.model.row_of(polygon.key) is None

        new = editor.create("polygon", [400, 300, 500, 300, 450, 400], label_id=label(opened.task, "pedestrian"))
        assert new is not None
        added = canvas.drawable(ws.drawable_id(new))
        assert added is not None and added.visible and canvas.drawables()[-1].id == added.id
        assert panel.model.rowCount() == rows and panel.model.row_of(new) == 0  # sorted by id: no id yet comes first
        by_id = sorted(panel.model.objects, key=lambda obj: -1 if obj.server_id is None else obj.server_id)
        assert [obj.key for obj in panel.model.objects] == [obj.key for obj in by_id]
        assert resets == []  # rows changed one by one, the panel never filled again

        # and the canvas paints the moved rectangle where it is now: its left edge, where nothing was
        canvas.finish_rendering()
        now = canvas.grab().toImage()
        assert changed_near(painted, now, canvas.map_from_image(QPointF(110, 85)).toPoint())
        assert not changed_near(painted, now, canvas.map_from_image(QPointF(580, 180)).toPoint())  # nothing there
    window.hide()  # not closed: closing the last window would end the test's event loop
    window.deleteLater()
