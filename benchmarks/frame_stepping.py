"""Frame stepping through a job of 500 × 1080p frames (images, and video), up to the decoded ``QImage``.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/frame_stepping.py [--rounds 3] [--only images,video]

The sandbox runs in a process of its own (``--seed-frame-bench``), its chunks made once before measuring (a
real server has them from task creation). For each variant, in this process's qasync loop:

- **open → first frame**: ``FrameSource.open`` (task + meta) and frame 0 decoded, with an empty chunk cache;
- **step, prefetch warm**: ``request(n + 1)`` → ``frameReady``, for every frame, once prefetch has settled;
  the floor: handing an already decoded ``QImage`` over the same way (a signal on the next loop turn);
- **playback at 25 fps**: 500 frames on a 40 ms clock from a cold client cache (just opened); a frame not
  ready by the next tick is dropped (playback moves on, as CVAT's player does).

The canvas paint is not included (another benchmark's); p50/p99 in milliseconds and ratios to the floor.
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

import httpx
import qasync
from harness import ADMIN, SandboxProcess
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from annodesk.api import CvatClient
from annodesk.sandbox.bench_seed import FRAME_BENCH_IMAGES, FRAME_BENCH_VIDEO
from annodesk.session.chunk_cache import ChunkCache
from annodesk.ui.collector import MainThreadCollector
from annodesk.workspace.frames import FrameImage, FrameSource

FRAMES = 500
FPS = 25


class Handover(QObject):
    """The floor: a decoded frame handed over as ``FrameSource`` does (a signal, on the next loop turn)."""

    ready = Signal(object)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def warm_server(base_url: str, token: str, task_id: int, chunks: int) -> None:
    """Make the server build every compressed chunk once (CVAT writes them when the task is created)."""
    with httpx.Client(base_url=f"{base_url}/api/v1/", headers={"Authorization": f"Token {token}"}, timeout=600) as http:
        for number in range(chunks):
            http.get(f"tasks/{task_id}/data", params={"type": "chunk", "number": number}).raise_for_status()


async def next_signal(signal: object, action: object) -> float:
    """Seconds from ``action()`` to the next emission of ``signal``."""
    future: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def done(*_args: object) -> None:
        if not future.done():
            future.set_result(None)

    signal.connect(done)  # type: ignore[attr-defined]
    started = time.perf_counter()
    action()  # type: ignore[operator]
    await future
    elapsed = time.perf_counter() - started
    signal.disconnect(done)  # type: ignore[attr-defined]
    return elapsed


async def open_first_frame(client: CvatClient, task_id: int, cache_dir: Path) -> tuple[float, FrameSource]:
    started = time.perf_counter()
    cache = ChunkCache(cache_dir, client.server_url)
    source = await FrameSource.open(client, task_id, 0, FRAMES - 1, chunk_cache=cache)
    await source.frame(0)
    return time.perf_counter() - started, source


async def stepping(source: FrameSource) -> list[float]:
    """``request(n)`` → ``frameReady`` for frames 1…499, each once prefetch has settled."""
    times = []
    for number in range(1, FRAMES):
        await source.settle()
        times.append(await next_signal(source.frameReady, lambda number=number: source.request(number)))
    return times


async def floor(image: QImage, count: int = FRAMES) -> list[float]:
    """A decoded QImage handed over through a signal on the next loop turn."""
    handover = Handover()
    loop = asyncio.get_running_loop()
    frame = FrameImage(0, image, image.size(), "", "compressed")
    return [await next_signal(handover.ready, lambda: loop.call_soon(handover.ready.emit, frame)) for _ in range(count)]


async def playback(source: FrameSource) -> tuple[int, list[float]]:
    """Play all frames at 25 fps from the source's current state: (dropped frames, latencies of shown ones)."""
    loop = asyncio.get_running_loop()
    shown: dict[int, float] = {}
    asked: dict[int, float] = {}
    source.frameReady.connect(lambda frame: shown.setdefault(frame.number, time.perf_counter()))
    start = loop.time()
    for number in range(FRAMES):
        await asyncio.sleep(max(0.0, start + number / FPS - loop.time()))
        asked[number] = time.perf_counter()
        source.request(number)
    await asyncio.sleep(1 / FPS)
    latencies = [shown[n] - asked[n] for n in shown if n in asked]
    dropped = sum(1 for n in range(FRAMES) if n not in shown or shown[n] - asked[n] > 1 / FPS)
    return dropped, latencies


async def measure(base_url: str, variants: dict[str, int], rounds: int, work: Path) -> None:
    async with CvatClient(base_url) as client:
        await client.login(*ADMIN)
        for name, task_id in variants.items():
            print(f"\n== {name}: task {task_id}, {FRAMES} frames of 1920×1080", flush=True)
            started = time.perf_counter()
            await asyncio.to_thread(warm_server, base_url, client.token or "", task_id, -(-FRAMES // 36))
            print(f"   server made its chunks in {time.perf_counter() - started:.1f} s (not measured)", flush=True)
            firsts, steps, floors, drops, play = [], [], [], [], []
            for round_number in range(rounds):
                first, source = await open_first_frame(client, task_id, work / f"{name}-{round_number}-a")
                firsts.append(first)
                steps += await stepping(source)
                floors += await floor((await source.frame(FRAMES - 1)).image)
                source.close()
                _, source = await open_first_frame(client, task_id, work / f"{name}-{round_number}-b")
                dropped, latencies = await playback(source)
                source.close()
                drops.append(dropped)
                play += latencies
            image = await first_frame_size(client, task_id, work / f"{name}-size")
            print(f"   decoded frame {image}, drawn at 1920×1080")
            p50, p99, f50, f99 = (1000 * percentile(v, q) for v in (steps, floors) for q in (0.5, 0.99))
            print(
                f"   open → first frame decoded      median {1000 * statistics.median(firsts):7.1f} ms  "
                f"(min {1000 * min(firsts):.1f}, max {1000 * max(firsts):.1f}; n={len(firsts)})"
            )
            print(f"   step → frame ready (warm)       p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  (n={len(steps)})")
            print(f"   floor: decoded QImage handed over p50 {f50:6.2f} ms  p99 {f99:6.2f} ms")
            print(f"   ratio to the floor              p50 {p50 / f50:5.1f}×   p99 {p99 / f99:5.1f}×")
            print(
                f"   playback at {FPS} fps, {FRAMES} frames  dropped {drops} per round; "
                f"latency p50 {1000 * percentile(play, 0.5):.1f} ms, p99 {1000 * percentile(play, 0.99):.1f} ms"
            )


async def first_frame_size(client: CvatClient, task_id: int, cache_dir: Path) -> str:
    _, source = await open_first_frame(client, task_id, cache_dir)
    image = (await source.frame(0)).image
    source.close()
    return f"{image.width()}×{image.height()}"


async def find_tasks(base_url: str, only: set[str]) -> dict[str, int]:
    async with CvatClient(base_url) as client:
        await client.login(*ADMIN)
        found = {}
        for name, title in (("images", FRAME_BENCH_IMAGES), ("video", FRAME_BENCH_VIDEO)):
            if name in only:
                page = await client.list_tasks(name=title, page_size=5)
                found[name] = next(task.id for task in page.results if task.name == title)
        return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--only", default="images,video")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    collector = MainThreadCollector()
    with (
        tempfile.TemporaryDirectory(prefix="annodesk-frames-") as tmp,
        SandboxProcess(seed_tasks=0, extra_args=("--seed-frame-bench",)) as sandbox,
    ):
        loop = qasync.QEventLoop(app)
        asyncio.set_event_loop(loop)
        with loop:
            variants = loop.run_until_complete(find_tasks(sandbox.base_url, set(args.only.split(","))))
            loop.run_until_complete(measure(sandbox.base_url, variants, args.rounds, Path(tmp)))
    collector.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
