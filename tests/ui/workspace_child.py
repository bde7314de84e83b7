"""Run by test_workspace_saving.py as a real app process that opens a job, edits it, and dies without saving.

Usage: ``python -m tests.ui.workspace_child BASE_URL USERNAME PASSWORD TASK_ID JOB_ID CACHE_ROOT``. It opens the
job in a :class:`WorkspaceController` journaling where the app's journal for that cache root is (``journal_for``, as
the workspace opening does), moves the first rectangle of the first frame by (7, 3) and draws a new
rectangle, waits until the journal has both steps on disk, prints ``edited <json>`` (the document's shapes) and
ends with ``os._exit`` — no clean-up, no save, as a crash or a kill would leave it.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication

from annodesk.api import CvatClient
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import Repository
from annodesk.ui.workspace.frame_glue import FrameSources
from annodesk.ui.workspace.opening import journal_for
from annodesk.workspace.controller import WorkspaceController

MOVE = (7.0, 3.0)
NEW_RECTANGLE = [20.0, 500.0, 90.0, 560.0]


async def edit(base_url: str, username: str, password: str, task_id: int, job_id: int, folder: Path) -> None:
    client = CvatClient(base_url)
    await client.login(username, password)
    repository = Repository(client, OfflineCache(folder, client.server_url, username))
    journal = journal_for(repository)
    controller = WorkspaceController(repository, job_id, FrameSources(None), task_id=task_id, journal=journal)
    loaded: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    controller.loaded.connect(lambda: loaded.done() or loaded.set_result(None))
    controller.open()
    await asyncio.wait_for(loaded, 30)
    editor = controller.editor
    assert editor is not None
    rectangle = next(obj for obj in controller.objects if obj.type == "rectangle" and obj.kind == "shape")
    assert editor.move(rectangle.key, *MOVE)
    assert editor.create("rectangle", NEW_RECTANGLE, label_id=rectangle.label_id) is not None
    assert editor.flush_journal(30)
    shapes = sorted((shape.frame, shape.label_id, list(shape.points)) for shape in editor.document.shapes)
    print("edited " + json.dumps(shapes), flush=True)
    os._exit(9)  # as a crash would: nothing saved, nothing closed


def main() -> None:
    base_url, username, password, task_id, job_id, folder = sys.argv[1:7]
    app = QApplication.instance() or QApplication([])
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        loop.run_until_complete(edit(base_url, username, password, int(task_id), int(job_id), Path(folder)))


if __name__ == "__main__":
    main()
