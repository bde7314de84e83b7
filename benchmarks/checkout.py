"""Measure taking a job offline (issue 16): checking out the 500-frame 1080p video job (its compressed chunks, the
job, task, meta and annotations) against the floor of downloading the same chunks with bare httpx in the same
run (goal ≤ 1.2×), and the disk the store uses against the chunks' size.

The sandbox runs in its own process (``--seed-frame-bench``). Each round checks out into a fresh store; rounds
alternate floor and checkout, after one warm-up pass of each (the sandbox encodes chunks on first use).

Run: ``.venv/bin/python benchmarks/checkout.py [--rounds 5]``.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from harness import ADMIN, SandboxProcess

from annodesk.api import CvatClient
from annodesk.sandbox.bench_seed import FRAME_BENCH_VIDEO
from annodesk.session.checkout import check_out, chunk_size_of, job_chunks
from annodesk.session.checkout_store import CheckoutStore

PHASES: list[tuple[float, float]] = []  # per checkout: (job, task, meta and annotations read and recorded; chunks)


async def floor(base_url: str, token: str, task_id: int, numbers: list[int]) -> tuple[float, int]:
    """Seconds and bytes to GET every chunk with a bare httpx client (one connection, bodies read in full)."""
    headers = {"Authorization": f"Token {token}"}
    async with httpx.AsyncClient(base_url=f"{base_url}/api/v1/", headers=headers, timeout=120) as http:
        started = time.perf_counter()
        total = 0
        for number in numbers:
            response = await http.get(
                f"tasks/{task_id}/data", params={"type": "chunk", "number": number, "quality": "compressed"}
            )
            response.raise_for_status()
            total += len(response.content)
        return time.perf_counter() - started, total


async def one_checkout(base_url: str, job_id: int, folder: Path) -> tuple[float, int, int]:
    """Seconds (sign-in excluded), bytes downloaded, and bytes on disk of a checkout into a fresh store."""
    async with CvatClient(base_url) as client:
        await client.login(*ADMIN)
        store = CheckoutStore(folder)
        marks: list[float] = []
        started = time.perf_counter()
        result = await check_out(client, store, job_id, progress=lambda _: marks.append(time.perf_counter()))
        seconds = time.perf_counter() - started
        PHASES.append((marks[0] - started, marks[-1] - marks[0]))
        disk = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        store.close()
        return seconds, result.bytes_downloaded, disk


async def measure(base_url: str, rounds: int, tmp: Path) -> None:
    async with CvatClient(base_url) as client:
        token = await client.login(*ADMIN)
        page = await client.list_tasks(name=FRAME_BENCH_VIDEO, page_size=5)
        task = next(task for task in page.results if task.name == FRAME_BENCH_VIDEO)
        (job,) = await client.task_jobs(task.id)
        meta = await client.task_data_meta(task.id)
        numbers = job_chunks(job, chunk_size_of(task, meta))
    frames = job.stop_frame - job.start_frame + 1
    print(
        f"job {job.id}: {frames} frames of {meta.frames[0].width}×{meta.frames[0].height} video, {len(numbers)} chunks"
    )
    await floor(base_url, token, task.id, numbers)  # warm-up: the sandbox encodes chunks on first use
    await one_checkout(base_url, job.id, tmp / "warm-up")
    floors, checkouts, disks = [], [], []
    chunk_bytes = 0
    for index in range(rounds):
        seconds, chunk_bytes = await floor(base_url, token, task.id, numbers)
        floors.append(seconds)
        seconds, downloaded, disk = await one_checkout(base_url, job.id, tmp / f"round-{index}")
        assert downloaded == chunk_bytes, (downloaded, chunk_bytes)
        checkouts.append(seconds)
        disks.append(disk)
    ratios = [c / f for c, f in zip(checkouts, floors, strict=True)]
    print(f"chunks: {chunk_bytes / 1e6:.1f} MB")
    print(f"floor (bare httpx, same chunks): median {statistics.median(floors) * 1000:.0f} ms  {floors}")
    print(f"checkout:                        median {statistics.median(checkouts) * 1000:.0f} ms")
    print(f"checkout / floor: median {statistics.median(ratios):.2f}×  (goal ≤ 1.2×)  per round {ratios}")
    # the machine may be shared: the fastest of each (the least disturbed) is a steadier comparison than the medians
    print(f"best checkout / best floor: {min(checkouts) / min(floors):.2f}×")
    metadata = statistics.median(phase[0] for phase in PHASES[1:])
    chunks = statistics.median(phase[1] for phase in PHASES[1:])
    print(f"  of which: job, task, meta, annotations {metadata * 1000:.0f} ms; chunks {chunks * 1000:.0f} ms")
    print(f"chunk phase / floor: median {chunks / statistics.median(floors):.2f}×")
    disk = statistics.median(disks)
    print(f"disk: {disk / 1e6:.2f} MB = {disk / chunk_bytes:.3f}× the chunks' size (store database included)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="annodesk-checkout-") as tmp,
        SandboxProcess(seed_tasks=0, extra_args=("--seed-frame-bench",)) as sandbox,
    ):
        asyncio.run(measure(sandbox.base_url, args.rounds, Path(tmp)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
