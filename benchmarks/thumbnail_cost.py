"""What one task-table thumbnail costs: decoding, and the GUI thread's CPU time to load one from the server or disk.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/thumbnail_cost.py [--rounds 5]

Against a throwaway sandbox in this process (its threads are not counted: ``time.thread_time()`` of the GUI thread
only). Each round loads the thumbnails of the sample tasks through ``ThumbnailLoader`` — once with an empty offline
cache (from the server), once again (from the disk cache) — and decodes a sample preview 200 times, scaled while
decoding (as the loader does) and in full. Prints medians over the rounds.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import qasync
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from annodesk.api import CvatClient
from annodesk.models.thumbnails import THUMBNAIL_SIZE, ThumbnailStore
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import Repository
from annodesk.ui.thumbnails import ThumbnailLoader, decode_thumbnail

DECODES = 200


async def load_all(client: CvatClient, cache_dir: Path, task_ids: list[int]) -> float:
    """GUI-thread CPU milliseconds per thumbnail to load ``task_ids`` through a loader."""
    repository = Repository(client, OfflineCache(cache_dir, "sandbox", "admin"))
    store = ThumbnailStore()
    loader = ThumbnailLoader(repository, store, lambda _task_id: True)
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def loaded(_task_id: int) -> None:
        if all(store.cached(task_id) for task_id in task_ids) and not done.done():
            done.set_result(None)

    loader.loaded.connect(loaded)
    started = time.thread_time()
    for task_id in task_ids:
        store.wanted.emit(task_id)
    await asyncio.wait_for(done, 60)
    return (time.thread_time() - started) * 1000 / len(task_ids)


async def measure(server: SandboxServer, work: Path, rounds: int) -> dict[str, list[float]]:
    password = next(user[1] for user in SAMPLE_USERS if user[0] == "admin")
    results: dict[str, list[float]] = {"server": [], "disk": [], "decode scaled": [], "decode full": []}
    async with CvatClient(server.base_url) as client:
        await client.login("admin", password)
        task_ids = [task.id for task in (await client.list_tasks(page_size=100)).results if task.has_data]
        preview = await client.task_preview(task_ids[0])
        await load_all(client, work / "warm-up", task_ids)  # imports, connections, thread pools
        for round_number in range(rounds):
            cache_dir = work / f"round-{round_number}"
            results["server"].append(await load_all(client, cache_dir, task_ids))
            results["disk"].append(await load_all(client, cache_dir, task_ids))
            started = time.perf_counter()
            for _ in range(DECODES):
                decode_thumbnail(preview, THUMBNAIL_SIZE)
            results["decode scaled"].append((time.perf_counter() - started) * 1000 / DECODES)
            started = time.perf_counter()
            for _ in range(DECODES):
                QImage.fromData(preview)
            results["decode full"].append((time.perf_counter() - started) * 1000 / DECODES)
    size = QImage.fromData(preview).size()
    print(f"{len(task_ids)} sample tasks with data; preview {len(preview):,} bytes, {size.width()}×{size.height()}")
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="annodesk-thumbs-") as tmp, SandboxServer(Path(tmp) / "sandbox") as server:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            results = loop.run_until_complete(measure(server, Path(tmp), args.rounds))
    labels = {
        "server": "GUI-thread CPU per thumbnail from the server",
        "disk": "GUI-thread CPU per thumbnail from the disk cache",
        "decode scaled": "decode to 48×36 while reading (worker thread)",
        "decode full": "decode in full (for comparison)",
    }
    for key, label in labels.items():
        values = results[key]
        print(f"{label:48} {statistics.median(values):6.2f} ms  (min {min(values):.2f}, max {max(values):.2f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
