"""Measure taking a job offline (issue 16): checking out a 500-frame 1080p job (its compressed chunks, the job, task,
meta and annotations) against the floor of downloading the same chunks with bare httpx in the same run (goal ≤
1.2×), and the disk the store uses against the chunks' size. Two jobs:

- *realistic*: 500 textured 1920×1080 JPEGs (``--seed-checkout-bench``), ~150 KB a frame as real footage, ~75 MB
  of chunks: the downloads and writes dominate, as they do in use;
- *flat*: the sandbox's synthetic 1080p video (``--seed-frame-bench``), ~5 KB a frame, 2.5 MB of chunks: the
  checkout's fixed costs (reading the job, task, meta and annotations; recording it durably) dominate.

The sandbox runs in its own process. Each round checks out into a fresh store; rounds alternate floor and checkout,
after one warm-up pass of each (the sandbox makes chunks on first use).

Run: ``.venv/bin/python benchmarks/checkout.py [--rounds 5] [--case realistic|flat]``.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx
from harness import ADMIN, SandboxProcess

from annodesk.api import CvatClient
from annodesk.sandbox.bench_seed import CHECKOUT_BENCH, FRAME_BENCH_VIDEO
from annodesk.session.checkout import check_out, chunk_size_of, job_chunks
from annodesk.session.checkout_store import CheckoutStore

CASES = {"realistic": CHECKOUT_BENCH, "flat": FRAME_BENCH_VIDEO}  # the task of each case's job


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


async def one_checkout(
    base_url: str, job_id: int, task_id: int | None, folder: Path, phases: list[tuple[float, float]]
) -> tuple[float, int, int]:
    """Seconds (sign-in excluded), bytes downloaded, and bytes on disk of a checkout into a fresh store. The task id
    is given (None with ``--without-task``), as the app's views (jobs tree, My jobs, workspace) give it. Appends to
    ``phases`` (until recorded: job, task, meta and annotations read, the first chunks meanwhile; the rest)."""
    async with CvatClient(base_url) as client:
        await client.login(*ADMIN)
        store = CheckoutStore(folder)
        marks: list[float] = []
        started = time.perf_counter()
        result = await check_out(
            client, store, job_id, task_id=task_id, progress=lambda _: marks.append(time.perf_counter())
        )
        seconds = time.perf_counter() - started
        phases.append((marks[0] - started, marks[-1] - marks[0]))
        disk = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        store.close()
        shutil.rmtree(folder)  # ~75 MB a round in the realistic case
        return seconds, result.bytes_downloaded, disk


async def measure(base_url: str, case: str, rounds: int, tmp: Path, with_task: bool) -> dict[str, float]:
    """One case: prints its figures and returns the summary (median and best ratio, disk ratio, chunks' MB)."""
    name = CASES[case]
    async with CvatClient(base_url) as client:
        token = await client.login(*ADMIN)
        page = await client.list_tasks(name=name, page_size=5)
        task = next(task for task in page.results if task.name == name)
        (job,) = await client.task_jobs(task.id)
        meta = await client.task_data_meta(task.id)
        numbers = job_chunks(job, chunk_size_of(task, meta))
    hint = task.id if with_task else None
    frames = job.stop_frame - job.start_frame + 1
    kind = "video" if task.mode == "interpolation" else "images"
    size = f"{meta.frames[0].width}×{meta.frames[0].height}"
    print(f"\n■ {case}: job {job.id}, {frames} frames of {size} {kind}, {len(numbers)} chunks")
    await floor(base_url, token, task.id, numbers)  # warm-up: the sandbox makes chunks on first use
    phases: list[tuple[float, float]] = []
    await one_checkout(base_url, job.id, hint, tmp / f"{case}-warm-up", phases)
    floors, checkouts, disks = [], [], []
    chunk_bytes = 0
    for index in range(rounds):
        seconds, chunk_bytes = await floor(base_url, token, task.id, numbers)
        floors.append(seconds)
        seconds, downloaded, disk = await one_checkout(base_url, job.id, hint, tmp / f"{case}-{index}", phases)
        assert downloaded == chunk_bytes, (downloaded, chunk_bytes)
        checkouts.append(seconds)
        disks.append(disk)
    ratios = [c / f for c, f in zip(checkouts, floors, strict=True)]
    print(f"chunks: {chunk_bytes / 1e6:.1f} MB")
    print(f"floor (bare httpx, same chunks): median {statistics.median(floors) * 1000:.0f} ms  {_ms(floors)}")
    print(f"checkout:                        median {statistics.median(checkouts) * 1000:.0f} ms  {_ms(checkouts)}")
    median, best = statistics.median(ratios), min(checkouts) / min(floors)
    print(f"checkout / floor: median {median:.2f}×  (goal ≤ 1.2×)  per round {[round(r, 2) for r in ratios]}")
    # the machine may be shared: the fastest of each (the least disturbed) is a steadier comparison than the medians
    print(f"best checkout / best floor: {best:.2f}×")
    metadata = statistics.median(phase[0] for phase in phases[1:])
    chunks = statistics.median(phase[1] for phase in phases[1:])
    print(f"  of which: until recorded (job, task, meta, annotations; first chunks meanwhile) {metadata * 1000:.0f} ms;"
          f" the rest of the chunks {chunks * 1000:.0f} ms")  # fmt: skip
    disk = statistics.median(disks)
    print(f"disk: {disk / 1e6:.2f} MB = {disk / chunk_bytes:.3f}× the chunks' size (store database included)")
    return {"median": median, "best": best, "disk": disk / chunk_bytes, "megabytes": chunk_bytes / 1e6}


def _ms(seconds: list[float]) -> list[int]:
    return [round(value * 1000) for value in seconds]


async def measure_all(base_url: str, cases: list[str], rounds: int, tmp: Path, with_task: bool) -> None:
    summary = {case: await measure(base_url, case, rounds, tmp, with_task) for case in cases}
    print("\n■ summary: checkout / floor (goal ≤ 1.2×)")
    for case, figures in summary.items():
        print(
            f"    {case:<9} {figures['megabytes']:5.1f} MB of chunks: median {figures['median']:.2f}×,"
            f" best {figures['best']:.2f}×; disk {figures['disk']:.3f}× the chunks"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--without-task", action="store_true", help="check out by job id alone (one more round trip)")
    parser.add_argument("--case", choices=sorted(CASES), action="append", help="one case (default: both)")
    args = parser.parse_args()
    cases = args.case or list(CASES)
    seeds = {"realistic": "--seed-checkout-bench", "flat": "--seed-frame-bench"}
    with (
        tempfile.TemporaryDirectory(prefix="annodesk-checkout-") as tmp,
        SandboxProcess(seed_tasks=0, extra_args=tuple(seeds[case] for case in cases)) as sandbox,
    ):
        print(f"sandbox ready (seeded) in {sandbox.seconds_to_ready:.1f} s")
        asyncio.run(measure_all(sandbox.base_url, cases, args.rounds, Path(tmp), not args.without_task))
    return 0


if __name__ == "__main__":
    sys.exit(main())
