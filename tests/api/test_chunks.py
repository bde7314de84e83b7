"""Chunks as CVAT v1.1 serves them, over real HTTP against the sandbox: zips of images for image tasks, MP4 for
video tasks (compressed downscaled, original full size), and video uploads processed into 36-frame chunks."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import av
import pytest
from PIL import Image

from annodesk.api import CvatClient, NewLabel
from annodesk.api.errors import CvatError, NetworkError
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.bench_seed import add_frame_bench
from annodesk.sandbox.video import compressed_size, crf, downscale_factor

from ..media import SQUARE, make_video, square_at
from .helpers import as_user, raw_client


def mp4_frames(data: bytes) -> list[Image.Image]:
    with av.open(io.BytesIO(data)) as container:
        return [frame.to_image() for frame in container.decode(video=0)]


def chunk(http: object, task_id: int, number: int, quality: str = "compressed") -> bytes:
    response = http.get(f"tasks/{task_id}/data", params={"type": "chunk", "number": number, "quality": quality})  # type: ignore[attr-defined]
    assert response.status_code == 200, response.text
    return response.content


def test_downscaling_follows_cvat() -> None:
    assert [downscale_factor(h) for h in (480, 720, 1079, 1080, 1440, 2160, 4320)] == [1, 1, 1, 2, 2, 4, 8]
    assert compressed_size(1920, 1080) == (960, 540) and compressed_size(3840, 2160) == (960, 540)
    assert compressed_size(1281, 721) == (1280, 720)  # even sizes for yuv420p
    assert (crf(100), crf(70), crf(1)) == (0, 15, 51)


def test_image_chunks_hold_the_frames_the_meta_lists(sandbox: SandboxServer) -> None:
    http = raw_client(sandbox, "admin")
    task = http.get("tasks/2").json()  # 80 frames of 1920×1080, chunk size 36
    meta = http.get("tasks/2/data/meta").json()
    assert (meta["size"], meta["chunk_size"], task["data_compressed_chunk_type"]) == (80, 36, "imageset")
    counts = []
    for number in range(3):
        archive = zipfile.ZipFile(io.BytesIO(chunk(http, 2, number)))
        names = archive.namelist()
        assert names == [f"{offset:06d}.jpeg" for offset in range(len(names))]
        for offset, name in enumerate(names):
            expected = meta["frames"][number * 36 + offset]
            assert Image.open(archive.open(name)).size == (expected["width"], expected["height"])
        counts.append(len(names))
    assert counts == [36, 36, 8]
    original = zipfile.ZipFile(io.BytesIO(chunk(http, 2, 2, "original")))
    assert original.namelist() == [f"{offset:06d}.jpg" for offset in range(8)]
    beyond = http.get("tasks/2/data", params={"type": "chunk", "number": 3, "quality": "compressed"})
    assert beyond.status_code == 400 and "No such file or directory" in beyond.text


def test_generated_video_chunks_are_mp4_with_the_meta_frames(sandbox: SandboxServer) -> None:
    http = raw_client(sandbox, "admin")
    task = http.get("tasks/13").json()  # "Sports": 150 frames of 1280×720
    meta = http.get("tasks/13/data/meta").json()
    assert (task["mode"], task["data_compressed_chunk_type"], meta["chunk_size"]) == ("interpolation", "video", 36)
    assert meta["frames"] == [{"width": 1280, "height": 720, "name": "video/game.mp4"}]
    last = chunk(http, 13, 4)
    response = http.get("tasks/13/data", params={"type": "chunk", "number": 4, "quality": "compressed"})
    assert response.headers["content-type"] == "video/mp4" and response.content == last  # kept once made
    frames = mp4_frames(last)
    assert len(frames) == 150 - 4 * 36 and {frame.size for frame in frames} == {(1280, 720)}  # 720p: not scaled


def test_1080p_video_chunks_are_downscaled_when_compressed(fresh_sandbox: SandboxServer) -> None:
    _, video_task = add_frame_bench(fresh_sandbox.state.db)
    http = raw_client(fresh_sandbox, "admin")
    meta = http.get(f"tasks/{video_task}/data/meta").json()
    assert (meta["size"], meta["chunk_size"], meta["frames"][0]["width"], meta["frames"][0]["height"]) == (
        500,
        36,
        1920,
        1080,
    )
    compressed = mp4_frames(chunk(http, video_task, 13))  # the last chunk: frames 468–499
    original = mp4_frames(chunk(http, video_task, 13, "original"))
    assert len(compressed) == len(original) == 500 - 13 * 36
    assert compressed[0].size == (960, 540) and original[0].size == (1920, 1080)


def test_video_upload_is_processed_into_chunks(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    video = make_video(tmp_path / "clip.mp4", 80)

    async def body(client: CvatClient) -> int:
        task = await client.create_task("clip", [NewLabel("car")], segment_size=30)
        await client.upload_task_data(task.id, [video], image_quality=95)
        await client.wait_for_task_data(task.id, interval=0.02)
        return task.id

    task_id = as_user(fresh_sandbox, "demo", body)
    http = raw_client(fresh_sandbox, "demo")
    task = http.get(f"tasks/{task_id}").json()
    meta = http.get(f"tasks/{task_id}/data/meta").json()
    assert (task["mode"], task["overlap"], task["data_compressed_chunk_type"], task["size"]) == (
        "interpolation",
        5,  # CVAT's default overlap for video
        "video",
        80,
    )
    assert (meta["size"], meta["chunk_size"], meta["start_frame"], meta["stop_frame"]) == (80, 36, 0, 79)
    assert meta["frames"] == [{"width": 320, "height": 240, "name": "clip.mp4"}]
    assert [len(mp4_frames(chunk(http, task_id, n))) for n in range(3)] == [36, 36, 8]
    frames = mp4_frames(chunk(http, task_id, 1, "original"))
    x, y = square_at(36 + 5)
    assert min(frames[5].getpixel((x + SQUARE // 2, y + SQUARE // 2))) > 200  # inside the square: white
    assert max(frames[5].getpixel((x - 8, y + SQUARE // 2))) < 50  # left of it: black
    png = http.get(f"tasks/{task_id}/data", params={"type": "frame", "number": 41, "quality": "original"})
    assert png.headers["content-type"] == "('image/png', None)"
    assert Image.open(io.BytesIO(png.content)).getpixel((x + SQUARE // 2, y + SQUARE // 2))[0] > 200
    preview = http.get(f"tasks/{task_id}/data", params={"type": "preview"})
    assert Image.open(io.BytesIO(preview.content)).size == (256, 192)


@pytest.mark.parametrize(("start", "stop", "step", "size"), [(2, 70, 3, 20), (10, None, 1, 50)])
def test_video_upload_keeps_the_frames_asked_for(
    fresh_sandbox: SandboxServer, tmp_path: Path, start: int, stop: int | None, step: int, size: int
) -> None:
    video = make_video(tmp_path / "clip.mp4", 60)

    async def body(client: CvatClient) -> int:
        task = await client.create_task("clip", [NewLabel("car")])
        await client.upload_task_data(task.id, [video], start_frame=start, stop_frame=stop, frame_step=step)
        await client.wait_for_task_data(task.id, interval=0.02)
        return task.id

    task_id = as_user(fresh_sandbox, "demo", body)
    http = raw_client(fresh_sandbox, "demo")
    meta = http.get(f"tasks/{task_id}/data/meta").json()
    assert (meta["size"], meta["start_frame"]) == (size, start)
    assert meta["stop_frame"] == start + (size - 1) * step
    frames = mp4_frames(chunk(http, task_id, 0, "original"))
    assert len(frames) == min(36, size)
    x, y = square_at(start + step)  # data frame 1 is source frame start + step
    assert min(frames[1].getpixel((x + SQUARE // 2, y + SQUARE // 2))) > 200


def test_the_client_streams_chunks_and_types_their_errors(fresh_sandbox: SandboxServer) -> None:
    raw = chunk(raw_client(fresh_sandbox, "admin"), 2, 1)
    received: list[int] = []

    async def body(client: CvatClient) -> None:
        assert await client.task_chunk(2, 1, on_bytes=received.append) == raw
        assert received and received[-1] == len(raw) and received == sorted(received)
        with pytest.raises(CvatError) as info:
            await client.task_chunk(2, 9)
        assert info.value.status == 400
        with pytest.raises(ValueError):
            await client.task_chunk(2, 0, "best")
        fresh_sandbox.faults.add("close", path=r"tasks/2/data", query="type=chunk", times=1)
        with pytest.raises(NetworkError):
            await client.task_chunk(2, 0)
        assert zipfile.ZipFile(io.BytesIO(await client.task_chunk(2, 0))).namelist()[0] == "000000.jpeg"

    as_user(fresh_sandbox, "admin", body)
