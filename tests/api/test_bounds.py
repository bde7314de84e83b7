"""What one request may cost, tested against a hostile sandbox over real HTTP: an endless or oversized answer is
refused at the size limit, a dripping answer ends at the request's deadline (not the per-read timeout, which every
byte beats), a stalled download or upload at the transfer window; and ``iter_all_tasks`` keeps its work in flight
bounded whatever count a server claims.

Each test has a far larger safety limit (``GUARD``) so that, without the bounds, it fails instead of hanging.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx
import msgspec
import pytest

from annodesk.api import AnswerTooLarge, CvatClient, RequestTimeout, UploadInterrupted
from annodesk.api.defaults import MAX_ANSWER_BYTES
from annodesk.sandbox import SandboxServer

from .helpers import make_images, ready_task, recorded_labels, run, sign_in

GUARD = 60.0  # seconds: only reached when a bound is missing
SMALL_LIMIT = 256 * 1024
DRIP_TIMEOUT = 0.4  # the client's per-read timeout in the drip tests: the sandbox drips a byte every 0.05 s


async def guarded(awaitable: Any) -> Any:
    return await asyncio.wait_for(awaitable, GUARD)


def test_endless_answer_stops_at_the_size_limit(fresh_sandbox: SandboxServer) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin", max_answer_bytes=SMALL_LIMIT)
        async with client:
            fresh_sandbox.faults.add("endless", path=r"/api/v1/tasks$", times=1)
            with pytest.raises(AnswerTooLarge) as info:
                await guarded(client.list_tasks())
            assert info.value.limit == SMALL_LIMIT and "too large" in info.value.message
            assert (await client.list_tasks()).count > 0  # the connection pool still works

    run(body())


def test_oversized_answer_is_refused_by_its_length_before_reading(fresh_sandbox: SandboxServer) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin")
        async with client:
            assert client.max_answer_bytes == MAX_ANSWER_BYTES
            fresh_sandbox.faults.add("oversized", path=r"/api/v1/tasks$", times=1)  # 64 MB + 1 byte
            with pytest.raises(AnswerTooLarge):
                await guarded(client.list_tasks())

    run(body())


def test_answer_within_a_raised_limit_is_read(fresh_sandbox: SandboxServer) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin", max_answer_bytes=2 * SMALL_LIMIT)
        async with client:
            fresh_sandbox.faults.add("oversized", path=r"/api/v1/tasks$", times=1, size=SMALL_LIMIT + 1)
            page = await guarded(client.list_tasks())
            assert page.results == ()

    run(body())


def test_dripping_answer_ends_at_the_deadline(fresh_sandbox: SandboxServer) -> None:
    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin", timeout=DRIP_TIMEOUT)
        async with client:
            fresh_sandbox.faults.add("drip", path=r"/api/v1/tasks$", times=1, interval=0.05)
            with pytest.raises(RequestTimeout, match="did not answer in time"):
                await guarded(client.list_tasks())
            assert fresh_sandbox.faults.hits() == 1
            assert (await client.list_tasks()).count > 0

    run(body())


def test_dripping_download_ends_at_the_transfer_window(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path / "images", username="admin", count=2)

    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin", timeout=DRIP_TIMEOUT)
        async with client:
            fresh_sandbox.faults.add("drip", path=r"/annotations$", query="action=download", interval=0.05)
            target = tmp_path / "export.zip"
            with pytest.raises(RequestTimeout):
                await guarded(client.export_annotations(task.id, "CVAT for images 1.1", target, interval=0.01))
            assert not target.exists() and not list(tmp_path.glob(".export.zip.*"))

    run(body())


def test_stalled_upload_ends_at_the_transfer_window(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    """A server that stops reading the body: the upload ends once nothing went out for the window."""

    async def body() -> None:
        client = await sign_in(fresh_sandbox, "admin", timeout=DRIP_TIMEOUT)
        async with client:
            task = await client.create_task("stalled", recorded_labels())
            images = make_images(tmp_path / "big", 1, size=(3000, 3000), fmt="BMP")  # 27 MB: fills the buffers
            fresh_sandbox.faults.add("hang", path=r"/data$", method="POST")
            with pytest.raises(UploadInterrupted) as info:
                await guarded(client.upload_task_data(task.id, images))
            assert 0 < info.value.bytes_sent < info.value.total

    run(body())


def test_all_tasks_keeps_the_work_in_flight_bounded() -> None:
    """A server claiming 10^7 tasks: pages are asked for a few at a time, not all at once."""
    asked: list[int] = []

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        asked.append(page)
        size = int(request.url.params["page_size"])
        results = [_task(id_) for id_ in range((page - 1) * size + 1, page * size + 1)]
        return httpx.Response(200, content=msgspec.json.encode({"count": 10**7, "results": results}))

    async def body() -> None:
        async with CvatClient("http://127.0.0.1:9", transport=httpx.MockTransport(answer)) as client:
            seen = 0
            async for _ in client.iter_all_tasks(page_size=10, concurrency=3):
                seen += 1
                in_flight = len(asyncio.all_tasks())
                assert in_flight <= 1 + 3, in_flight
                if seen == 50:
                    break
        assert max(asked) <= 5 + 1 + 3  # pages 1–5 yielded, page 6 being read, three asked ahead

    run(body())


def test_all_tasks_ends_at_an_empty_page() -> None:
    """A server claiming more tasks than it has: the first empty page ends the list."""

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        results = [_task(page)] if page <= 3 else []
        return httpx.Response(200, content=msgspec.json.encode({"count": 10**9, "results": results}))

    async def body() -> list[int]:
        async with CvatClient("http://127.0.0.1:9", transport=httpx.MockTransport(answer)) as client:
            return [task.id async for task in client.iter_all_tasks(page_size=1)]

    assert run(body()) == [1, 2, 3]


def _task(task_id: int) -> dict[str, Any]:
    stamp = "2021-01-01T00:00:00Z"
    return {"id": task_id, "name": f"task {task_id}", "status": "annotation", "created_date": stamp,
            "updated_date": stamp, "labels": [], "segments": []}  # fmt: skip
