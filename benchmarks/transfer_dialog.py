"""Measure exports and imports through the real dialogs, and how the GUI thread fares during a large download.

The sandbox runs in a process of its own (it must not share the GIL); the app's windows run here, offscreen, signed in
through the sign-in dialog, with throwaway settings, cache and keyring.

1. Export of a task with 1,000 shapes (10 frames) through the export dialog, click → "Saved to …", for CVAT for images
   1.1 and COCO 1.0: with the app's poll interval (0.5 s between "ready yet?" requests, as the client's default) and
   with 0.01 s (what is left is the dialog's and the transfer's own cost), against the client library alone at 0.01 s.
   Each run first changes the task so the server really writes the file again.
2. Import of that task's CVAT XML (1,000 shapes) through the import dialog: click "Replace annotations" → the count read
   back.
3. GUI stalls during a dataset export of 100 frames of ~1 MB (a ~50 MB archive): a 4 ms ``PreciseTimer`` records how
   late each tick comes while the file downloads; the longest lag and the 99th percentile, and the download speed.

Run: ``QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/transfer_dialog.py [--runs 5] [--frames 100]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_API", "pyside6")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent))

import keyring
import keyring.backend
import qasync
from harness import SandboxProcess, Stat, now
from PIL import Image
from PySide6.QtCore import QLocale, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication

from annodesk.api import Annotations, CvatClient, LabeledShape, NewLabel
from annodesk.controller import AppController
from annodesk.i18n import ENGLISH, LanguageManager
from annodesk.sandbox.seed import SAMPLE_USERS
from annodesk.session.tokens import TokenStore
from annodesk.settings import Settings
from annodesk.ui.collector import MainThreadCollector
from annodesk.ui.export_dialog import ExportDialog
from annodesk.ui.import_dialog import ImportDialog
from annodesk.ui.main_window import MainWindow

PASSWORDS = {user[0]: user[1] for user in SAMPLE_USERS}
INTERVAL_MS = 4


class _MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.entries: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.entries.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.entries[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        self.entries.pop((service, username), None)


class LagProbe(QObject):
    """How late each tick of a 4 ms timer comes while ``recording`` (a stall of the GUI thread delays it), and how
    much CPU time the GUI thread used between ticks: a late tick with little CPU is the machine's other load (the
    thread was not running), one with as much CPU as lag is work done on the GUI thread."""

    def __init__(self) -> None:
        super().__init__()
        self.lags: list[tuple[float, float]] = []  # (lag ms, GUI-thread CPU ms since the previous tick)
        self.recording = False
        self._last = now()
        self._cpu = time.thread_time()
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self._tick)
        self._timer.start(INTERVAL_MS)

    def _tick(self) -> None:
        current, cpu = now(), time.thread_time()
        if self.recording:
            lag = max(0.0, (current - self._last) * 1000 - INTERVAL_MS)
            self.lags.append((lag, (cpu - self._cpu) * 1000))
        self._last, self._cpu = current, cpu


def signal_future(signal: Any) -> asyncio.Future[Any]:
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def done(*args: Any) -> None:
        if not future.done():
            future.set_result(args[0] if len(args) == 1 else args)

    signal.connect(done)
    return future


async def prepare(base_url: str, folder: Path, frames: int) -> tuple[int, int]:
    """A task with 1,000 shapes on 10 small frames, and a task of ``frames`` incompressible ~1 MB frames."""
    small, large = folder / "small", folder / "large"
    small.mkdir()
    large.mkdir()
    for index in range(10):
        Image.new("RGB", (640, 480), (index * 20, 90, 160)).save(small / f"f_{index:02d}.png")
    for index in range(frames):
        Image.effect_noise((577, 577), 90).convert("RGB").save(large / f"f_{index:03d}.png", compress_level=0)
    async with CvatClient(base_url) as client:
        await client.login("demo", PASSWORDS["demo"])
        ids = []
        for name, source in (("bench 1,000 shapes", small), ("bench large dataset", large)):
            task = await client.create_task(name, [NewLabel("car"), NewLabel("person")])
            await client.upload_task_data(task.id, sorted(source.iterdir()))
            await client.wait_for_task_data(task.id, interval=0.05)
            ids.append(task.id)
        task = await client.get_task(ids[0])
        labels = [label.id for label in task.labels]
        rng = random.Random(7)
        shapes = tuple(
            LabeledShape(
                type="rectangle" if n % 2 else "polygon",
                frame=n % 10,
                label_id=labels[n % 2],
                points=tuple(round(rng.uniform(0, 480), 2) for _ in range(4 if n % 2 else 10)),
            )
            for n in range(1000)
        )
        await client.replace_task_annotations(task.id, Annotations(shapes=shapes))
    return ids[0], ids[1]


async def touch(base_url: str, task_id: int, attempt: int) -> None:
    """Change the task so the server forgets its cached exports (a label's colour)."""
    async with CvatClient(base_url) as client:
        await client.login("demo", PASSWORDS["demo"])
        await client.update_task(task_id, labels=[NewLabel("car", color=f"#1000{attempt % 100:02d}")])


async def select(window: MainWindow, task_id: int) -> None:
    row = window.model.row_of(task_id)
    assert row is not None
    shown = signal_future(window.detailsShown)
    window.table.selectRow(row)
    await asyncio.wait_for(shown, 30)


async def export_once(window: MainWindow, dataset: bool, format_name: str) -> tuple[float, Any]:
    dialog = window.transfers.export_selected()
    assert isinstance(dialog, ExportDialog)
    while not dialog.formats.count():
        await asyncio.wait_for(signal_future(dialog.formatsShown), 30)
    assert dialog.formats.choose(format_name)
    dialog.with_images.setChecked(dataset)
    finished = signal_future(dialog.transferFinished)
    started = time.perf_counter()
    dialog.export_button.click()
    transfer = await asyncio.wait_for(finished, 600)
    seconds = time.perf_counter() - started
    assert transfer.state == "succeeded", transfer.outcome_text()
    return seconds, transfer


async def measure(base_url: str, work: Path, runs: int, frames: int) -> None:
    small, large = await prepare(base_url, work, frames)
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    languages = LanguageManager(settings, system_locale=QLocale("en_US"))
    languages.set_choice(ENGLISH)
    out = work / "out"
    out.mkdir()
    Settings(settings).export_folder = str(out)
    controller = AppController(settings, TokenStore(), work / "cache", timeout=30.0, languages=languages)
    await controller.start()
    dialog = controller.dialog
    assert dialog is not None
    dialog.server.setCurrentText(base_url)
    dialog.username.setText("demo")
    dialog.password.setText(PASSWORDS["demo"])
    shown = signal_future(controller.mainWindowShown)
    dialog.sign_in_button.click()
    window: MainWindow = await asyncio.wait_for(shown, 30)
    while window.model.row_of(large) is None:
        await asyncio.sleep(0.05)
    await select(window, small)
    service = window.transfers.service

    print("1. export of a task with 1,000 shapes (10 frames), click → saved:")
    attempt = 0
    for format_name in ("CVAT for images 1.1", "COCO 1.0"):
        for interval in (0.5, 0.01):
            service.interval = interval
            times = []
            for _ in range(runs):
                attempt += 1
                await touch(base_url, small, attempt)
                seconds, transfer = await export_once(window, False, format_name)
                times.append(seconds * 1000)
            size = transfer.saved.stat().st_size
            print(f"   {format_name}, poll every {interval:g} s, dialog: {Stat.of(times).text('ms')}  [{size:,} bytes]")
        library = []
        async with CvatClient(base_url) as client:
            await client.login("demo", PASSWORDS["demo"])
            for _ in range(runs):
                attempt += 1
                await touch(base_url, small, attempt)
                started = time.perf_counter()
                await client.export_annotations(small, format_name, out / "library.zip", interval=0.01)
                library.append((time.perf_counter() - started) * 1000)
        print(f"   {format_name}, poll every 0.01 s, client library alone: {Stat.of(library).text('ms')}")

    print("2. import of the CVAT XML of 1,000 shapes, click → objects counted:")
    xml = work / "annotations.xml"
    with zipfile.ZipFile(next(out.glob("*cvat for images*.zip"))) as archive:
        xml.write_bytes(archive.read("annotations.xml"))
    service.interval = 0.01
    times = []
    for _ in range(runs):
        importer = window.transfers.import_into_selected()
        assert isinstance(importer, ImportDialog)
        while not importer.formats.count():
            await asyncio.wait_for(signal_future(importer.formatsShown), 30)
        importer.file.setText(str(xml))
        importer.import_button.click()
        assert importer.confirmation is not None
        finished = signal_future(importer.transferFinished)
        started = time.perf_counter()
        importer.replace_button.click()
        transfer = await asyncio.wait_for(finished, 600)
        times.append((time.perf_counter() - started) * 1000)
        assert transfer.state == "succeeded" and transfer.counts.total == 1000, transfer.outcome_text()
    print(f"   CVAT 1.1, {xml.stat().st_size:,} bytes, poll every 0.01 s: {Stat.of(times).text('ms')}")

    print(f"3. GUI thread during a dataset export of {frames} frames of ~1 MB:")
    await select(window, large)
    service.interval = 0.05
    probe = LagProbe()
    maxima, busy, p99s, speeds = [], [], [], []
    for run in range(runs):
        attempt += 1
        probe.lags.clear()
        dialog = window.transfers.export_selected()
        assert isinstance(dialog, ExportDialog)
        while not dialog.formats.count():
            await asyncio.wait_for(signal_future(dialog.formatsShown), 30)
        dialog.with_images.setChecked(True)
        moments: dict[str, float] = {}

        def watch(transfer: Any, moments: dict[str, float] = moments) -> None:
            def changed() -> None:
                if transfer.phase == "downloading" and "downloading" not in moments:
                    moments["downloading"] = time.perf_counter()
                    probe.recording = True

            transfer.changed.connect(changed)

        dialog.transferStarted.connect(watch)
        finished = signal_future(dialog.transferFinished)
        dialog.export_button.click()
        transfer = await asyncio.wait_for(finished, 600)
        probe.recording = False
        ended = time.perf_counter()
        assert transfer.state == "succeeded", transfer.outcome_text()
        size = transfer.saved.stat().st_size
        worst_lag, worst_cpu = max(probe.lags)
        lags = sorted(lag for lag, _cpu in probe.lags)
        maxima.append(worst_lag)
        busy.append(max(cpu for _lag, cpu in probe.lags))
        p99s.append(lags[int(len(lags) * 0.99) - 1])
        speeds.append(size / (ended - moments["downloading"]) / 1e6)
        transfer.saved.unlink()
        dialog.transferStarted.disconnect(watch)
        print(
            f"   run {run + 1}: {size / 1e6:.1f} MB in {ended - moments['downloading']:.2f} s, {len(lags)} ticks, "
            f"longest lag {worst_lag:.1f} ms (GUI thread busy {worst_cpu:.1f} ms of it), p99 {p99s[-1]:.1f} ms, "
            f"longest GUI-thread work between two ticks {busy[-1]:.1f} ms"
        )
    print(f"   longest lag: {Stat.of(maxima).text('ms', 1)}")
    print(f"   p99 lag:     {Stat.of(p99s).text('ms', 1)}")
    print(f"   longest GUI-thread work between two ticks: {Stat.of(busy).text('ms', 1)}")
    print(f"   download:    {Stat.of(speeds).text('MB/s', 0)}")
    await controller.shutdown()
    languages.uninstall()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--frames", type=int, default=100)
    args = parser.parse_args()
    keyring.set_keyring(_MemoryKeyring())
    app = QApplication(sys.argv[:1])
    app.setQuitOnLastWindowClosed(False)
    collector = MainThreadCollector()  # as the app: Python's GC on the GUI thread, from a timer
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    with SandboxProcess(seed_tasks=0) as sandbox, tempfile.TemporaryDirectory(prefix="annodesk-bench-") as work:
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            loop.run_until_complete(measure(sandbox.base_url, Path(work), args.runs, args.frames))
    collector.stop()
    print(f"load average at end: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
