"""Run by test_editor_journal.py as a real process: open a job in a WorkspaceController over real HTTP, edit it through
the controller's editor, wait until the journal has every edit, write the document it ended with, then die at once.

Usage: ``python editor_child.py BASE_URL JOURNAL_ROOT TASK_ID JOB_ID EXPECTED_JSON``. The edits: the rectangle on
frame 0 moved by (7, 3), a polygon drawn there, then on frame 3 the polygon there deleted. ``os._exit`` ends the
process with no clean-up (no close, no atexit: what a kill leaves)."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import qasync
from PySide6.QtWidgets import QApplication

from annodesk.api import CvatClient
from annodesk.sandbox.seed import SAMPLE_USERS
from annodesk.session.cache import OfflineCache
from annodesk.session.journal import Journal
from annodesk.session.repository import Repository
from annodesk.ui.workspace.frame_glue import FrameSources
from annodesk.workspace.controller import WorkspaceController
from annodesk.workspace.frame_objects import SHAPE

PASSWORD = {user[0]: user[1] for user in SAMPLE_USERS}["admin"]


async def edit(base_url: str, root: Path, task_id: int, job_id: int, expected: Path) -> None:
    async with CvatClient(base_url) as client:
        await client.login("admin", PASSWORD)
        repository = Repository(client, OfflineCache(root / "child-cache", base_url, "admin"))
        controller = WorkspaceController(
            repository, job_id, FrameSources(None), task_id=task_id, journal=Journal(root, base_url)
        )
        loaded = asyncio.get_running_loop().create_future()
        controller.loaded.connect(lambda: loaded.done() or loaded.set_result(None))
        controller.open()
        await loaded
        editor = controller.editor
        assert editor is not None
        rectangle = next(obj for obj in controller.objects if obj.kind == SHAPE and obj.type == "rectangle")
        assert editor.move(rectangle.key, 7, 3)
        assert editor.create("polygon", [300, 300, 400, 320, 350, 420], label_id=rectangle.label_id) is not None
        controller.go_to(3)
        polygon = next(obj for obj in controller.objects if obj.kind == SHAPE and obj.type == "polygon")
        assert editor.delete(polygon.key)
        assert editor.flush_journal(60)
        expected.write_text(json.dumps(editor.document.to_json()))
        print("edited", flush=True)
        os._exit(3)  # no close, no clean-up: as a kill leaves it


def main() -> None:
    base_url, root, task_id, job_id, expected = sys.argv[1:6]
    app = QApplication(sys.argv[:1])
    qasync.run(edit(base_url, Path(root), int(task_id), int(job_id), Path(expected)))
    del app


if __name__ == "__main__":
    main()
