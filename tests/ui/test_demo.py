"""``--demo`` runs the sandbox in a thread of the GUI process: it must keep its own event loop there."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = """
import asyncio, sys
import qasync
from PySide6.QtWidgets import QApplication
from annodesk.api import CvatClient
from annodesk.demo import DEMO_USERNAME, demo_password
from annodesk.sandbox import SandboxServer

app = QApplication(sys.argv[:1])

async def main() -> None:
    server = SandboxServer(sys.argv[1], anon_throttle=0)
    await asyncio.to_thread(server.start)  # as annodesk.app does, with qasync's loop policy installed
    try:
        async with CvatClient(server.base_url) as client:
            await client.login(DEMO_USERNAME, demo_password())
            page = await client.list_tasks()
            print("tasks", page.count)
    finally:
        await asyncio.to_thread(server.stop)

qasync.run(main())
"""


def test_sandbox_serves_inside_a_qasync_app(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "QT_API": "pyside6"}
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path / "demo")],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert result.stdout.split()[:1] == ["tasks"] and int(result.stdout.split()[1]) > 0
    assert "Traceback" not in result.stderr
