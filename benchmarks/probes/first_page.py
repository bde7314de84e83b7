"""Probe for figure 2: sign-in accepted → first task page painted, and its floor, a bare httpx GET of that page.

"Sign-in accepted" is the moment the client has the server's answer to ``POST auth/login`` (the token):
from then on everything is the app's own work and the requests it chooses to make. "First task page painted"
is the end of the event-loop pass that painted the task table's viewport with at least one row.

The floor runs first, in this process: a plain ``httpx.Client`` signs in (not timed), then one timed GET of
``tasks?page=1&page_size=10`` (the window's first page) including JSON parsing, on the open connection.

Usage: ``first_page.py BASE_URL USERNAME PASSWORD``; prints one JSON line.
"""

from __future__ import annotations

import sys
from typing import Any

import httpx
from app_driver import MARKS, now

BASE_URL, USERNAME, PASSWORD = sys.argv[1:4]
PAGE = {"page": 1, "page_size": 10}


def bare_get_ms() -> tuple[float, float]:
    with httpx.Client(base_url=f"{BASE_URL}/api/v1/") as client:
        token = client.post("auth/login", json={"username": USERNAME, "password": PASSWORD}).json()["key"]
        started = now()
        response = client.get("tasks", params=PAGE, headers={"Authorization": f"Token {token}"})
        response.raise_for_status()
        count = response.json()["count"]
        elapsed = (now() - started) * 1000
    assert count > 0
    timing = response.headers.get("Server-Timing", "")
    return elapsed, float(timing.split("dur=")[1]) if "dur=" in timing else float("nan")


FLOOR_MS, SERVER_MS = bare_get_ms()

from app_driver import finish, run  # noqa: E402  (Qt and the app are imported after the floor ran)
from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtWidgets import QTableView  # noqa: E402


class TablePainted(QObject):
    """Notes the end of the first event-loop pass that paints the task table with rows."""

    def __init__(self, table: QTableView) -> None:
        super().__init__(table)
        self.table = table
        self.seen = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.seen and event.type() == QEvent.Type.Paint and self.table.model().rowCount() > 0:
            self.seen = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        MARKS.mark("first page painted")
        marks = MARKS
        result: dict[str, Any] = {
            "floor_ms": FLOOR_MS,
            "floor_server_ms": SERVER_MS,
            "app_ms": marks.ms("login answered", "first page painted"),
            "steps_ms": {
                name: (marks.times[name] - marks.times["login answered"]) * 1000
                for name in sorted(marks.times, key=marks.times.__getitem__)
                if marks.times[name] >= marks.times["login answered"]
            },
        }
        finish(result)


def on_main_window(window: Any) -> None:
    watcher = TablePainted(window.table)
    window.table.viewport().installEventFilter(watcher)


run(BASE_URL, USERNAME, PASSWORD, on_main_window)
