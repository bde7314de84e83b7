"""Drawn in the window, saved, read back from the server: every shape type and a track and a tag drawn with the
mouse and keys on the real canvas, saved through ``controller.saving`` (Ctrl+S's path), and ``GET jobs/{id}/
annotations`` holds exactly what was drawn (the clicks mapped through the canvas transform)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from annodesk.sandbox import SandboxServer
from annodesk.ui.workspace.tool_palette import TAG
from annodesk.ui.workspace.tools.shapes import cuboid_from_rectangle
from annodesk.workspace.drawables import ShapeKind

from .conftest import next_emission, wait_for
from .workspace_tools_helpers import CAR, at, choose_tool, click_at, drag_at, flat_at, key, label_id, street_workspace

POLYGON = [(500, 100), (700, 120), (650, 300)]
POLYLINE = [(100, 500), (300, 420), (500, 520)]
POINTS = [(800, 500), (900, 550)]


async def test_every_type_drawn_is_on_the_server_after_a_save(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    async with street_workspace(fresh_sandbox, tmp_path) as (window, client):
        controller = window.controller
        frame, job_id, car = controller.frame, controller.job_id, label_id(window, CAR)
        choose_tool(window, ShapeKind.RECTANGLE)
        drag_at(window, (100, 100), (300, 220))
        for kind, clicks in ((ShapeKind.POLYGON, POLYGON), (ShapeKind.POLYLINE, POLYLINE), (ShapeKind.POINTS, POINTS)):
            choose_tool(window, kind)
            for x, y in clicks:
                click_at(window, x, y)
            key(window, Qt.Key.Key_N)
        choose_tool(window, ShapeKind.CUBOID)
        drag_at(window, (900, 100), (1100, 300))
        window.tool_palette.set_track(True)
        choose_tool(window, ShapeKind.RECTANGLE)
        drag_at(window, (300, 300), (450, 400))
        choose_tool(window, TAG)

        saving = controller.saving
        assert saving is not None
        saved = next_emission(saving.saved)
        saving.save()
        await wait_for(saved, 30)
        server = await client.get_job_annotations(job_id)

        drawn = {
            "rectangle": flat_at(window, [(100, 100), (300, 220)]),
            "polygon": flat_at(window, POLYGON),
            "polyline": flat_at(window, POLYLINE),
            "points": flat_at(window, POINTS),
            "cuboid": [v for p in cuboid_from_rectangle(*at(window, 900, 100), *at(window, 1100, 300)) for v in p],
        }
        assert sorted(shape.type for shape in server.shapes) == sorted(drawn)
        for shape in server.shapes:
            assert (shape.frame, shape.label_id) == (frame, car)
            assert list(shape.points) == pytest.approx(drawn[shape.type], abs=1e-3)
        (track,) = server.tracks
        assert (track.frame, track.label_id) == (frame, car)
        first = track.shapes[0]
        assert (first.type, first.frame, first.outside) == ("rectangle", frame, False)
        assert list(first.points) == pytest.approx(flat_at(window, [(300, 300), (450, 400)]), abs=1e-3)
        (tag,) = server.tags
        assert (tag.frame, tag.label_id) == (frame, car)
