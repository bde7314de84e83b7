"""Probe for figure 5: resident memory added per task loaded into the app's task table model.

In a fresh process with Qt and annodesk imported and a ``QApplication`` up: one page of 100 tasks is
loaded and dropped first (so one-time costs — code paths, the decoder, the connection pool — are paid
before), then the resident set size (RSS, from /proc via psutil) is read with the garbage collector
settled; every task is loaded through ``CvatClient.iter_all_tasks()`` into a ``TaskTableModel``; RSS is read
again, settled the same way. Growth ÷ tasks = bytes per task. The sandbox runs in another process.

Usage: ``memory.py BASE_URL USERNAME PASSWORD``; prints one JSON line.
"""

from __future__ import annotations

import asyncio
import gc
import json
import os
import sys

import httpx
import psutil

os.environ.setdefault("QT_API", "pyside6")
from PySide6.QtWidgets import QApplication

from annodesk.api import CvatClient
from annodesk.models.task_table import TaskTableModel

BASE_URL, USERNAME, PASSWORD = sys.argv[1:4]


def settled_rss() -> int:
    for _ in range(3):
        gc.collect()
    return psutil.Process().memory_info().rss


async def main() -> dict[str, float]:
    token = httpx.post(f"{BASE_URL}/api/v1/auth/login", json={"username": USERNAME, "password": PASSWORD}).json()["key"]
    model = TaskTableModel()
    async with CvatClient(BASE_URL, token) as client:
        warm = TaskTableModel()
        warm.set_tasks((await client.list_tasks(1, 100)).results)
        warm.set_tasks(())
        del warm
        before = settled_rss()
        model.set_tasks(tuple([task async for task in client.iter_all_tasks()]))
        after = settled_rss()
    count = model.rowCount()
    return {"tasks": count, "rss_before": before, "rss_after": after, "bytes_per_task": (after - before) / count}


app = QApplication(sys.argv[:1])
print(json.dumps(asyncio.run(main())), flush=True)
