"""The frame source of a job against the sandbox over real HTTP: frames equal to the meta across chunk
boundaries (images and video), the decoded-frame byte budget, prefetch in the direction of travel, newest
request wins, a failed chunk fetch and its retry, the disk cache reused, and decoded video pixels."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import QSize

from annodesk.api import CvatClient, NewLabel
from annodesk.api.errors import ServerError
from annodesk.messages import error_sentence
from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS, VEHICLES
from annodesk.sandbox.specs import DataSpec, TaskSpec
from annodesk.session.chunk_cache import ChunkCache, ChunkKey
from annodesk.workspace.frames import FrameImage, FrameLoadError, FrameSource, FrameSuperseded

from ..media import SQUARE, make_video, square_at

T = TypeVar("T")
PASSWORDS = {user[0]: user[1] for user in SAMPLE_USERS}
SMALL = (64, 48)  # chunk size 72 (CVAT's maximum for small images)


def run(loop: qasync.QEventLoop, server: SandboxServer, body: Callable[[CvatClient], Awaitable[T]]) -> T:
    """Run ``body`` with a client signed in as admin, in the test's qasync loop."""

    async def main() -> T:
        async with CvatClient(server.base_url) as client:
            await client.login("admin", PASSWORDS["admin"])
            return await body(client)

    return loop.run_until_complete(main())


def small_task(server: SandboxServer, frames: int = 200) -> int:
    """A task of ``frames`` generated 64×48 images in one job (chunks of 72 frames)."""
    (task_id,) = server.state.tasks.add_tasks([TaskSpec("small frames", None, VEHICLES, data=DataSpec(frames, *SMALL))])
    return task_id


async def until(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    """Wait for a condition the server reaches (polling, bounded)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.005)


def signal_future(signal: Any) -> asyncio.Future[tuple[Any, ...]]:
    """A future resolved by the next emission of ``signal``."""
    future: asyncio.Future[tuple[Any, ...]] = asyncio.get_event_loop().create_future()

    def done(*args: Any) -> None:
        if not future.done():
            future.set_result(args)

    signal.connect(done)
    return future


def test_image_frames_across_a_chunk_boundary_match_the_meta(loop: qasync.QEventLoop, sandbox: SandboxServer) -> None:
    async def body(client: CvatClient) -> None:
        meta = await client.task_data_meta(2)  # 80 frames of 1920×1080, chunks of 36; job 1: frames 0–39
        source = await FrameSource.open(client, 2, 0, 39)
        try:
            for number in range(30, 40):
                frame = await source.frame(number)
                expected = meta.frames[number]
                assert (frame.number, frame.name, frame.quality) == (number, expected.name, "compressed")
                assert frame.size == QSize(expected.width, expected.height) == frame.image.size()
            assert source.fetched_chunks == [0, 1]
        finally:
            source.close()

    run(loop, sandbox, body)


def test_video_frames_across_a_chunk_boundary(loop: qasync.QEventLoop, sandbox: SandboxServer) -> None:
    async def body(client: CvatClient) -> None:
        source = await FrameSource.open(client, 13, 0, 49)  # "Sports": 1280×720 video, chunks of 36
        try:
            assert source.media.video and source.media.chunk_size == 36
            frames = [await source.frame(number) for number in range(30, 50)]
            assert [frame.number for frame in frames] == list(range(30, 50))
            assert {(frame.size.width(), frame.size.height()) for frame in frames} == {(1280, 720)}
            assert {frame.name for frame in frames} == {"video/game.mp4"}
            assert len({frame.image.pixel(640, 600) for frame in frames}) >= 1
            assert source.fetched_chunks[:2] == [0, 1]
            with pytest.raises(ValueError):
                await source.frame(50)  # outside the job
        finally:
            source.close()

    run(loop, sandbox, body)


def test_decoded_frames_stay_within_the_byte_budget(loop: qasync.QEventLoop, fresh_sandbox: SandboxServer) -> None:
    task_id = small_task(fresh_sandbox)
    frame_bytes = SMALL[0] * SMALL[1] * 4

    async def body(client: CvatClient) -> None:
        source = await FrameSource.open(client, task_id, 0, 199, decoded_budget=5 * frame_bytes)
        try:
            for number in range(0, 200, 3):
                frame = await source.frame(number)
                assert frame.number == number and not frame.image.isNull()
                assert source.decoded.bytes <= 5 * frame_bytes and len(source.decoded) <= 5
            await source.settle()
            assert source.decoded.bytes <= 5 * frame_bytes
            assert sorted(set(source.fetched_chunks)) == sorted(source.fetched_chunks) == [0, 1, 2]
        finally:
            source.close()

    run(loop, fresh_sandbox, body)


def test_prefetch_follows_the_direction_of_travel(loop: qasync.QEventLoop, fresh_sandbox: SandboxServer) -> None:
    task_id = small_task(fresh_sandbox)  # chunks 0–71, 72–143, 144–199

    async def body(client: CvatClient) -> None:
        source = await FrameSource.open(client, task_id, 0, 199)
        try:
            await source.frame(100)
            await source.settle()
            assert source.fetched_chunks == [1, 2]  # forward: the next chunk
            assert source.cached(150) is not None and source.cached(60) is None
            await source.frame(99)  # now backwards
            await source.settle()
            assert source.fetched_chunks == [1, 2, 0]
            assert source.cached(60) is not None
        finally:
            source.close()

    run(loop, fresh_sandbox, body)


def test_newest_request_wins(loop: qasync.QEventLoop, fresh_sandbox: SandboxServer) -> None:
    task_id = small_task(fresh_sandbox)
    faults = fresh_sandbox.faults

    async def body(client: CvatClient) -> None:
        source = await FrameSource.open(client, task_id, 0, 199, prefetch_chunks=0)
        delivered: list[int] = []
        source.frameReady.connect(lambda frame: delivered.append(frame.number))
        try:
            faults.hold()
            faults.add("slow", path=r"tasks/\d+/data", query=r"type=chunk&number=0&", delay=0)
            stale = asyncio.ensure_future(source.frame(5))
            await until(lambda: faults.in_flight() == 1)  # chunk 0 is held by the server
            newest = await source.frame(100)
            assert newest.number == 100
            with pytest.raises(FrameSuperseded):
                await stale
            faults.release()
            await source.settle()
            assert delivered == [100]  # frame 5 is never delivered late
            assert source.cached(5) is None  # its chunk arrived but nobody wanted it decoded any more
        finally:
            faults.clear()
            source.close()

    run(loop, fresh_sandbox, body)


def test_a_failed_chunk_fetch_reports_an_error_and_a_retry_succeeds(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer
) -> None:
    task_id = small_task(fresh_sandbox)

    async def body(client: CvatClient) -> None:
        source = await FrameSource.open(client, task_id, 0, 199, prefetch_chunks=0, describe_error=error_sentence)
        try:
            fresh_sandbox.faults.add("500", path=r"tasks/\d+/data", query="type=chunk", times=1)
            failed = signal_future(source.frameFailed)
            with pytest.raises(FrameLoadError) as info:
                await source.frame(3)
            number, message = await failed
            assert number == 3 and info.value.number == 3
            assert message == info.value.message and isinstance(info.value.error, ServerError)
            assert message == f"Frame 3 could not be loaded: {error_sentence(info.value.error)}"
            ready = signal_future(source.frameReady)
            source.retry()
            (frame,) = await ready
            assert isinstance(frame, FrameImage) and frame.number == 3 and frame.image.size() == QSize(*SMALL)
        finally:
            fresh_sandbox.faults.clear()
            source.close()

    run(loop, fresh_sandbox, body)


def test_a_second_frame_source_reuses_the_disk_cache(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    task_id = small_task(fresh_sandbox)

    async def body(client: CvatClient) -> None:
        first = await FrameSource.open(client, task_id, 0, 199, chunk_cache=ChunkCache(tmp_path, client.server_url))
        expected = (await first.frame(10)).image
        await first.settle()
        first.close()
        assert first.fetched_chunks == [0, 1]
        second = await FrameSource.open(client, task_id, 0, 199, chunk_cache=ChunkCache(tmp_path, client.server_url))
        try:
            assert (await second.frame(10)).image == expected
            await second.settle()
            assert second.fetched_chunks == []  # everything came from disk
        finally:
            second.close()
        # A damaged file reads as missing: the chunk is fetched again.
        cache = ChunkCache(tmp_path, client.server_url)
        path = cache.path(ChunkKey(task_id, 0, "compressed", second.media.version))
        assert path is not None and path.is_file()
        path.write_bytes(path.read_bytes()[:-100])
        third = await FrameSource.open(client, task_id, 0, 199, chunk_cache=cache, prefetch_chunks=0)
        try:
            assert (await third.frame(10)).image == expected
            assert third.fetched_chunks == [0]
        finally:
            third.close()

    run(loop, fresh_sandbox, body)


def test_decoded_video_frames_show_the_drawn_square(
    loop: qasync.QEventLoop, fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    video = make_video(tmp_path / "square.mp4", 45, size=(1920, 1080))

    async def body(client: CvatClient) -> None:
        task = await client.create_task("square", [NewLabel("box")])
        await client.upload_task_data(task.id, [video], image_quality=95)
        await client.wait_for_task_data(task.id, interval=0.02)
        source = await FrameSource.open(client, task.id, 0, 44)
        try:
            for number in (3, 40):  # both chunks
                frame = await source.frame(number)
                assert frame.size == QSize(1920, 1080)  # drawn at the meta size...
                assert frame.image.size() == QSize(960, 540)  # ...from the server's downscaled chunk
                x, y = square_at(number)
                inside = frame.image.pixelColor((x + SQUARE // 2) // 2, (y + SQUARE // 2) // 2)
                outside = frame.image.pixelColor((x + SQUARE + 20) // 2, (y + SQUARE // 2) // 2)
                assert min(inside.red(), inside.green(), inside.blue()) > 200
                assert max(outside.red(), outside.green(), outside.blue()) < 50
            original = await source.frame(40, "original")
            assert original.quality == "original" and original.image.size() == QSize(1920, 1080)
            x, y = square_at(40)
            assert original.image.pixelColor(x + SQUARE // 2, y + SQUARE // 2).red() > 200
            assert original.image.pixelColor(x - 10, y + SQUARE // 2).red() < 50
        finally:
            source.close()

    run(loop, fresh_sandbox, body)
