"""What a hostile server costs the client (issue 13): an endless answer (memory growth, time until it stops),
a dripped answer (time until RequestTimeout), and a 50 MB task name (time to show it in the table and the details).

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/hostile_answers.py [--only endless,drip,name]``.
Each measurement stops at ``--give-up`` seconds (a client without bounds never ends by itself); the sandbox runs in
this process (the fault switch is only reachable there). Numbers are printed, never asserted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import tempfile
import threading
import time
from pathlib import Path

import psutil

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from annodesk.api import CvatClient, CvatError
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS

PASSWORD = {user[0]: user[1] for user in SAMPLE_USERS}["admin"]


class PeakRss:
    """The process's resident memory, sampled every 10 ms in a thread: the peak above the start."""

    def __init__(self) -> None:
        self.process = psutil.Process()
        self.start = self.peak = self.process.memory_info().rss
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.process.memory_info().rss)
            time.sleep(0.01)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return (self.peak - self.start) / 1e6


async def _until_error(server: SandboxServer, fault: str, give_up: float, **client_args: object) -> str:
    client = CvatClient(server.base_url, **client_args)  # type: ignore[arg-type]
    async with client:
        await client.login("admin", PASSWORD)
        server.faults.add(fault, path=r"/api/v1/tasks$", times=1)
        try:
            await asyncio.wait_for(client.list_tasks(), give_up)
        except CvatError as exc:
            return type(exc).__name__
        except TimeoutError:
            return f"still reading after {give_up:.0f} s (stopped)"
        finally:
            await asyncio.to_thread(server.faults.clear)
    return "answered"


def endless(server: SandboxServer, give_up: float) -> None:
    rss = PeakRss()
    started = time.perf_counter()
    outcome = asyncio.run(_until_error(server, "endless", give_up))
    seconds = time.perf_counter() - started
    print(f"endless body: {outcome} after {seconds:.2f} s, peak memory +{rss.stop():.0f} MB")


def drip(server: SandboxServer, give_up: float) -> None:
    started = time.perf_counter()
    outcome = asyncio.run(_until_error(server, "drip", give_up))  # the default timeout (15 s per read)
    print(f"dripped body (a byte every 0.1 s, default timeout): {outcome} after {time.perf_counter() - started:.1f} s")


def huge_name(give_up: float) -> None:
    """Time from handing the models a task with a 50 MB name to the end of the event-loop pass that painted it."""
    import msgspec
    from PySide6.QtWidgets import QApplication, QTableView

    from annodesk.api.models import Task
    from annodesk.models.task_table import TaskTableModel
    from annodesk.ui.task_details import TaskDetails

    app = QApplication.instance() or QApplication([])
    stamp = "2021-01-01T00:00:00Z"
    raw = {"id": 1, "name": "n" * (50 * 1024 * 1024), "status": "annotation", "created_date": stamp,
           "updated_date": stamp, "labels": [], "segments": []}  # fmt: skip
    task = msgspec.json.decode(msgspec.json.encode(raw), type=Task)
    model = TaskTableModel()
    view = QTableView()
    view.setModel(model)
    view.resize(1000, 400)
    details = TaskDetails()
    details.resize(500, 700)
    view.show()
    details.show()
    app.processEvents()
    started = time.perf_counter()
    model.set_tasks((task,))
    details.show_task(task)
    view.grab()
    details.grab()
    app.processEvents()
    print(f"50 MB task name: shown in the table and the details in {time.perf_counter() - started:.2f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", default="endless,drip,name")
    parser.add_argument("--give-up", type=float, default=60.0)
    args = parser.parse_args()
    chosen = set(args.only.split(","))
    if "name" in chosen:
        huge_name(args.give_up)
    if chosen & {"endless", "drip"}:
        with SandboxServer(Path(tempfile.mkdtemp()), anon_throttle=0) as server:
            if "endless" in chosen:
                endless(server, args.give_up)
            if "drip" in chosen:
                drip(server, args.give_up)


if __name__ == "__main__":
    main()
