"""Measure the task-editing paths on loopback: uploading 50 × 1 MB images (client → sandbox), their processing,
and exporting a task with 1,000 shapes (CVAT for images and COCO; the 202 → 201 → download flow).

Run: ``.venv/bin/python benchmarks/task_transfers.py [--images 50] [--shapes 1000] [--repeat 3]``.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import tempfile
import time
import zipfile
from pathlib import Path

from PIL import Image

from annodesk.api import Annotations, CvatClient, LabeledShape, NewLabel
from annodesk.sandbox import SandboxServer


def noise_images(folder: Path, count: int) -> list[Path]:
    """``count`` incompressible PNGs of about 1 MB each (577×577 RGB noise, stored uncompressed)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"frame_{index:03d}.png"
        Image.effect_noise((577, 577), 90).convert("RGB").save(path, compress_level=0)
        paths.append(path)
    return paths


async def measure(server: SandboxServer, folder: Path, images: int, shapes: int, repeat: int) -> None:
    files = noise_images(folder / "images", images)
    total = sum(path.stat().st_size for path in files)
    async with CvatClient(server.base_url) as client:
        await client.login("demo", "demo-pass-2024")
        uploads, processing = [], []
        task_id = 0
        for _ in range(repeat):
            task = await client.create_task("bench", [NewLabel("car"), NewLabel("person")])
            started = time.perf_counter()
            await client.upload_task_data(task.id, files)
            uploads.append(time.perf_counter() - started)
            started = time.perf_counter()
            await client.wait_for_task_data(task.id, interval=0.01)
            processing.append(time.perf_counter() - started)
            task_id = task.id
        upload = statistics.median(uploads)
        print(f"upload {images} images, {total / 1e6:.1f} MB: {upload:.2f} s = {total / upload / 1e6:.0f} MB/s")
        print(f"processing (decode, JPEG re-encode, preview): {statistics.median(processing):.2f} s")

        task = await client.get_task(task_id)
        labels = [label.id for label in task.labels]
        rng = random.Random(7)
        boxes = tuple(
            LabeledShape(
                type="rectangle" if n % 2 else "polygon",
                frame=n % images,
                label_id=labels[n % 2],
                points=tuple(round(rng.uniform(0, 577), 2) for _ in range(4 if n % 2 else 10)),
            )
            for n in range(shapes)
        )
        await client.replace_task_annotations(task_id, Annotations(shapes=boxes))
        for format_name in ("CVAT for images 1.1", "COCO 1.0"):
            times = []
            for attempt in range(repeat):
                # A label change makes the server forget cached exports, so each run really writes the file.
                await client.update_task(task_id, labels=[NewLabel("car", color=f"#00000{attempt}")])
                started = time.perf_counter()
                target = await client.export_annotations(task_id, format_name, folder / "export.zip", interval=0.01)
                times.append(time.perf_counter() - started)
            with zipfile.ZipFile(target) as archive:
                inflated = sum(info.file_size for info in archive.infolist())
            print(
                f"export {shapes} shapes as {format_name}: {statistics.median(times) * 1000:.0f} ms "
                f"({target.stat().st_size:,} bytes zipped, {inflated:,} unzipped)"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--images", type=int, default=50)
    parser.add_argument("--shapes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, SandboxServer(Path(folder) / "sandbox", anon_throttle=0) as server:
        asyncio.run(measure(server, Path(folder), args.images, args.shapes, args.repeat))


if __name__ == "__main__":
    main()
