"""Floor for figure 2: a bare PySide6 window showing a ``QTableView`` filled from one httpx GET of the first page.

Started the same way as annodesk's first page: the moment the login answer is in, the GET of
``tasks?page=1&page_size=10`` is sent (``httpx.AsyncClient`` on a qasync loop, as the app does) while a main window
with a table of the app's size is built and shown; the answer's JSON fills a ``QStandardItemModel``. The figure
ends, like the app's, after the event-loop pass that painted the table's viewport with rows — so the floor
includes building, showing and painting a window, not only the request.

Usage: ``first_page_floor.py BASE_URL USERNAME PASSWORD``; prints one JSON line.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time

os.environ.setdefault("QT_API", "pyside6")

import httpx
import qasync
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QMainWindow, QTableView

BASE_URL, USERNAME, PASSWORD = sys.argv[1:4]
COLUMNS = ("id", "name", "owner", "assignee", "mode", "status", "size", "created_date", "updated_date")


def now() -> float:
    return time.clock_gettime(time.CLOCK_MONOTONIC)


class Painted(QObject):
    def __init__(self, table: QTableView, started: float) -> None:
        super().__init__(table)
        self.table, self.started, self.seen = table, started, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint and self.table.model().rowCount() > 0:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print(json.dumps({"floor_ms": (now() - self.started) * 1000}), flush=True)
        os._exit(0)


async def main() -> None:
    client = httpx.AsyncClient(base_url=f"{BASE_URL}/api/v1/")
    answer = await client.post("auth/login", json={"username": USERNAME, "password": PASSWORD})
    token = answer.json()["key"]
    started = now()  # "login answered"
    request = asyncio.ensure_future(
        client.get("tasks", params={"page": 1, "page_size": 10}, headers={"Authorization": f"Token {token}"})
    )
    window = QMainWindow()
    model = QStandardItemModel(0, len(COLUMNS), window)
    model.setHorizontalHeaderLabels(list(COLUMNS))
    table = QTableView()
    table.setModel(model)
    window.setCentralWidget(table)
    window.resize(1280, 760)  # the app's first-run size
    table.viewport().installEventFilter(Painted(table, started))
    window.show()
    response = await request
    response.raise_for_status()
    for task in response.json()["results"]:
        model.appendRow([QStandardItem(str(task.get(column, ""))) for column in COLUMNS])
    await asyncio.sleep(3600)  # the paint reports and ends the process


app = QApplication(sys.argv[:1])
qasync.run(main())
