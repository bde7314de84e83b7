"""Creating a task with 50 × 1 MB images through the create-task dialog: how long it takes, and how long the GUI
thread stalls meanwhile (the dialog's promise: the UI never freezes while files go out).

The sandbox runs in a process of its own (it must not share this process's GIL). The dialog is the real one, over
the real client, repository and offline cache, offscreen; a 4 ms ``PreciseTimer`` records how late each tick
comes (a stall of the event loop delays every timer) from the click on *Create* until the task is ready. Lags are
reported for the upload (click → all bytes sent) and for the whole creation (→ the server's "Finished").

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/create_task_dialog.py [--images 50] [--runs 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import qasync
from harness import SandboxProcess, now
from PIL import Image
from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QApplication

from annodesk.api import CvatClient, NewAttribute, NewLabel
from annodesk.session.cache import OfflineCache
from annodesk.session.repository import Repository
from annodesk.session.task_writes import TaskWrites
from annodesk.ui.create_task_dialog import CreateTaskDialog, Step

INTERVAL_MS = 4
USER = ("demo", "demo-pass-2024")


class LagProbe(QObject):
    """How late each tick of a 4 ms timer comes; ``mark()`` starts a new phase."""

    def __init__(self) -> None:
        super().__init__()
        self.lags: dict[str, list[float]] = {}
        self.phase = ""
        self._last = now()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start(INTERVAL_MS)

    def _tick(self) -> None:
        current = now()
        if self.phase:
            self.lags.setdefault(self.phase, []).append(max(0.0, (current - self._last) * 1000 - INTERVAL_MS))
        self._last = current

    def mark(self, phase: str) -> None:
        self.phase = phase


def noise_images(folder: Path, count: int) -> list[Path]:
    """``count`` incompressible PNGs of about 1 MB each (577×577 RGB noise, stored uncompressed)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"frame_{index:03d}.png"
        Image.effect_noise((577, 577), 90).convert("RGB").save(path, compress_level=0)
        paths.append(path)
    return paths


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))] if ordered else 0.0


async def one_run(base_url: str, files: list[Path], cache_root: Path, probe: LagProbe) -> dict[str, float]:
    async with CvatClient(base_url) as client:
        await client.login(*USER)
        writes = TaskWrites(Repository(client, OfflineCache(cache_root, base_url, USER[0])))
        dialog = CreateTaskDialog(writes)
        dialog.poll_interval = 0.1
        dialog.show()
        dialog.name.setText("benchmark")
        labels = [NewLabel("car", attributes=(NewAttribute("type", "select", values=("a", "b"), default_value="a"),))]
        dialog.editor.set_labels(labels)
        await dialog.files_box.add_files(files)
        created: asyncio.Future[object] = asyncio.get_running_loop().create_future()
        dialog.taskCreated.connect(lambda task: created.done() or created.set_result(task))
        uploaded: asyncio.Future[float] = asyncio.get_running_loop().create_future()
        dialog.statusShown.connect(lambda _state: uploaded.done() or uploaded.set_result(now()))
        started = now()
        probe.mark("upload")
        dialog.create_button.click()
        upload_done = await asyncio.wait_for(uploaded, 120)  # the first status: right after the last byte
        probe.mark("processing")
        await asyncio.wait_for(created, 300)
        finished = now()
        probe.mark("")
        assert dialog.step is Step.NEW and dialog.progress.sent == dialog.progress.total
        total = dialog.progress.total
        dialog.deleteLater()
    return {"upload_s": upload_done - started, "total_s": finished - started, "bytes": float(total)}


async def measure(images: int, runs: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory(prefix="annodesk-bench-create-") as work:
        files = noise_images(Path(work) / "images", images)
        results = []
        with SandboxProcess(seed_tasks=0) as sandbox:
            probe = LagProbe()
            for run in range(runs):
                timing = await one_run(sandbox.base_url, files, Path(work) / f"cache-{run}", probe)
                upload, whole = probe.lags.pop("upload", []), probe.lags.pop("processing", [])
                whole = upload + whole
                timing |= {
                    "upload_max_ms": max(upload, default=0.0),
                    "upload_p99_ms": p99(upload),
                    "total_max_ms": max(whole, default=0.0),
                    "total_p99_ms": p99(whole),
                    "ticks": float(len(whole)),
                }
                results.append(timing)
        return {
            "images": images,
            "runs": results,
            "median": {key: statistics.median(r[key] for r in results) for key in results[0]},
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=int, default=50)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(app)
    asyncio.set_event_loop(loop)
    with loop:
        report = loop.run_until_complete(measure(args.images, args.runs))
    median = report["median"]
    assert isinstance(median, dict)
    megabytes = median["bytes"] / 1e6
    print(
        f"{args.images} images, {megabytes:.1f} MB, median of {args.runs}: upload {median['upload_s']:.2f} s "
        f"({megabytes / median['upload_s']:.0f} MB/s), click → task ready {median['total_s']:.2f} s"
    )
    upload = f"upload max {median['upload_max_ms']:.1f} ms, p99 {median['upload_p99_ms']:.1f} ms"
    whole = f"whole creation max {median['total_max_ms']:.1f} ms, p99 {median['total_p99_ms']:.1f} ms"
    print(f"GUI thread lag (4 ms timer): {upload}; {whole}")
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
