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

# per checkout: (until recorded: job, task, meta and annotations read, the first chunks meanwhile; the rest)
PHASES: list[tuple[float, float]] = []


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


async def one_checkout(base_url: str, job_id: int, task_id: int | None, folder: Path) -> tuple[float, int, int]:
    """Seconds (sign-in excluded), bytes downloaded, and bytes on disk of a checkout into a fresh store. The task id
    is given (None with ``--without-task``), as the app's views (jobs tree, My jobs, workspace) give it."""
    async with CvatClient(base_url) as client:
        await client.login(*ADMIN)
        store = CheckoutStore(folder)
        marks: list[float] = []
        started = time.perf_counter()
        result = await check_out(
            client, store, job_id, task_id=task_id, progress=lambda _: marks.append(time.perf_counter())
        )
        seconds = time.perf_counter() - started
        PHASES.append((marks[0] - started, marks[-1] - marks[0]))
        disk = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        store.close()
        return seconds, result.bytes_downloaded, disk


async def measure(base_url: str, rounds: int, tmp: Path, with_task: bool) -> None:
    async with CvatClient(base_url) as client:
        token = await client.login(*ADMIN)
        page = await client.list_tasks(name=FRAME_BENCH_VIDEO, page_size=5)
        task = next(task for task in page.results if task.name == FRAME_BENCH_VIDEO)
        (job,) = await client.task_jobs(task.id)
        meta = await client.task_data_meta(task.id)
        numbers = job_chunks(job, chunk_size_of(task, meta))
    hint = task.id if with_task else None
    frames = job.stop_frame - job.start_frame + 1
    print(
        f"job {job.id}: {frames} frames of {meta.frames[0].width}×{meta.frames[0].height} video, {len(numbers)} chunks"
    )
    await floor(base_url, token, task.id, numbers)  # warm-up: the sandbox encodes chunks on first use
    await one_checkout(base_url, job.id, hint, tmp / "warm-up")
    floors, checkouts, disks = [], [], []
    chunk_bytes = 0
    for index in range(rounds):
        seconds, chunk_bytes = await floor(base_url, token, task.id, numbers)
        floors.append(seconds)
        seconds, downloaded, disk = await one_checkout(base_url, job.id, hint, tmp / f"round-{index}")
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
    print(f"  of which: until recorded (job, task, meta, annotations; first chunks meanwhile) {metadata * 1000:.0f} ms;"
          f" the rest of the chunks {chunks * 1000:.0f} ms")  # fmt: skip
    disk = statistics.median(disks)
    print(f"disk: {disk / 1e6:.2f} MB = {disk / chunk_bytes:.3f}× the chunks' size (store database included)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--without-task", action="store_true", help="check out by job id alone (one more round trip)")
    args = parser.parse_args()
    with (
        tempfile.TemporaryDirectory(prefix="annodesk-checkout-") as tmp,
        SandboxProcess(seed_tasks=0, extra_args=("--seed-frame-bench",)) as sandbox,
    ):
        asyncio.run(measure(sandbox.base_url, args.rounds, Path(tmp), not args.without_task))
    return 0


if __name__ == "__main__":
    sys.exit(main())
