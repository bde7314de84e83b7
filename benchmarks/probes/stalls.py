"""Probe for figure 4: the longest event-loop stalls while the main window loads and scrolls 10,000 tasks.

Scenario (the app as a user runs it, the sandbox in another process): sign in through the dialog; in the
main window choose 100 tasks per page; then for every page, first to last: scroll the table to the bottom
in steps (one wheel-like step every 16 ms), select the last row (the details pane shows the task and loads
its preview) and wait for the preview, then press "next page" and wait for the page.

The probe: a ``PreciseTimer`` that should fire every ``INTERVAL_MS``; each firing's lag (how late it came)
is a stall of the GUI thread. Lags are collected from the moment the main window is shown to the end of
the scenario; the lags before that (start-up, sign-in, building the window) are reported apart.

With ``previews`` as a fourth argument the task table's preview column is switched on first (View menu), and on
each page, once scrolled to the bottom, the probe waits (as a user looking at the page) until the thumbnails of the
rows on screen are shown; their counts are printed too.

Usage: ``stalls.py BASE_URL USERNAME PASSWORD [previews]``; prints one JSON line.
"""

from __future__ import annotations

import asyncio
import sys
from typing import Any

from app_driver import MARKS, finish, now, run, signal_future
from PySide6.QtCore import QObject, Qt, QTimer

BASE_URL, USERNAME, PASSWORD = sys.argv[1:4]
PREVIEWS = sys.argv[4:5] == ["previews"]
INTERVAL_MS = 4
SCROLL_STEP_MS = 16
SCROLL_STEPS = 6


class LagProbe(QObject):
    """Measures how late each timer tick arrives (a stall of the event loop delays every timer)."""

    def __init__(self) -> None:
        super().__init__()
        self.lags: list[float] = []
        self.before_window: list[float] = []
        self.recording = False
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._last = now()
        self._timer.start(INTERVAL_MS)

    def _tick(self) -> None:
        current = now()
        lag = max(0.0, (current - self._last) * 1000 - INTERVAL_MS)
        (self.lags if self.recording else self.before_window).append(lag)
        self._last = current


PROBE: LagProbe | None = None


async def scenario(window: Any) -> None:
    assert PROBE is not None
    PROBE.recording = True
    started = now()
    while window.pages_shown == 0 or window.controller.work.running("page"):  # (may be shown before the window)
        await signal_future(window.pageShown)
    if PREVIEWS:
        window.thumbnails.action.trigger()  # View › Show task previews, as a user would
    index = window.pager.page_size_box.findData(100)
    if window.controller.page_size != 100:
        shown = signal_future(window.pageShown)
        window.pager.page_size_box.setCurrentIndex(index)
        await shown
    pages = 0
    rows = 0
    while True:
        pages += 1
        rows += window.model.rowCount()
        bar = window.table.verticalScrollBar()
        for step in range(1, SCROLL_STEPS + 1):
            bar.setValue(bar.maximum() * step // SCROLL_STEPS)
            await asyncio.sleep(SCROLL_STEP_MS / 1000)
        if PREVIEWS:
            await previews_shown(window)
        last = window.model.rowCount() - 1
        task = window.model.task_at(last)
        if task is not None and (window.table.selected_task() is None or window.table.selected_task().id != task.id):
            details = signal_future(window.detailsShown)
            window.table.selectRow(last)
            await details
        if not window.pager.next_button.isEnabled():
            break
        shown = signal_future(window.pageShown)
        window.pager.next_button.click()
        await shown
    PROBE.recording = False
    lags = sorted(PROBE.lags)
    before = sorted(PROBE.before_window)
    finish(
        {
            "max_ms": lags[-1],
            "p99_ms": lags[int(len(lags) * 0.99)],
            "p50_ms": lags[len(lags) // 2],
            "samples": len(lags),
            "worst10_ms": lags[-10:],
            "before_window_max_ms": before[-1] if before else 0.0,
            "pages": pages,
            "rows": rows,
            "previews": PREVIEWS,
            "thumbnails": dict(window.thumbnails.loader.stats),
            "seconds": now() - started,
            "marks": {k: v - MARKS.times.get("sign in clicked", v) for k, v in MARKS.times.items()},
        }
    )


async def previews_shown(window: Any) -> None:
    """A user who looks at the page: wait until the thumbnails of the rows on screen are there (at most 5 s)."""
    thumbnails = window.thumbnails
    deadline = now() + 5
    while now() < deadline:
        rows = [r for r in range(window.model.rowCount()) if thumbnails.visible(window.model.tasks[r].id)]
        wanted = [window.model.tasks[r] for r in rows if window.model.tasks[r].has_data]
        if rows and all(thumbnails.store.cached(task.id) for task in wanted):
            return
        await asyncio.sleep(SCROLL_STEP_MS / 1000)


RUNNING: list[asyncio.Future[None]] = []


def on_main_window(window: Any) -> None:
    RUNNING.append(asyncio.ensure_future(scenario(window)))


def start_probe() -> None:
    global PROBE
    PROBE = LagProbe()


QTimer.singleShot(0, start_probe)  # runs once the app's event loop is up
run(BASE_URL, USERNAME, PASSWORD, on_main_window)
