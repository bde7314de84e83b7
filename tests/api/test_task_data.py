"""Attaching media: the streamed upload, background processing states, real frames, failures, drops and
cancellation, over real HTTP against the sandbox."""

from __future__ import annotations

import asyncio
import io
import socket
import zipfile
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from PIL import Image

from annodesk.api import (
    CvatClient,
    NewLabel,
    PermissionDenied,
    Task,
    TaskProcessingFailed,
    TaskStatus,
    UploadInterrupted,
)
from annodesk.sandbox import SandboxServer

from .helpers import as_user, make_images, raw_client, run, sign_in

LABELS = [NewLabel("car"), NewLabel("person")]


async def until(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    """Wait for a condition the server reaches (polling, bounded)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while not predicate():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not reached")
        await asyncio.sleep(0.005)


def new_task(server: SandboxServer, username: str = "demo", **kwargs: object) -> Task:
    return as_user(server, username, lambda c: c.create_task("media", LABELS, **kwargs))  # type: ignore[arg-type]


def test_upload_images_and_read_them_back(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    folder = tmp_path / "images"
    files = [*make_images(folder, 3, size=(320, 240)), *make_images(folder / "jpeg", 2, size=(80, 60), fmt="JPEG")]
    bmp = folder / "zz.bmp"
    Image.new("RGB", (50, 40), "red").save(bmp)
    files.append(bmp)
    task = new_task(fresh_sandbox, segment_size=4)
    progress: list[tuple[int, int]] = []
    sent_headers: list[httpx.Headers] = []

    async def body(client: CvatClient) -> None:
        async def record(request: httpx.Request) -> None:
            sent_headers.append(request.headers)

        client._http.event_hooks["request"].append(record)
        echo = await client.upload_task_data(
            task.id, files, image_quality=60, progress=lambda sent, total: progress.append((sent, total))
        )
        assert echo.client_files == tuple(path.name for path in files)
        assert (echo.image_quality, echo.size, echo.chunk_size, echo.use_zip_chunks) == (60, 0, None, False)
        status = await client.wait_for_task_data(task.id, interval=0.02)
        assert status == TaskStatus(state="Finished", message="")
        done = await client.get_task(task.id)
        assert done.has_data and (done.size, done.mode, done.image_quality, done.overlap) == (6, "annotation", 60, 0)
        assert [(s.start_frame, s.stop_frame) for s in done.segments] == [(0, 3), (4, 5)]
        meta = await client.task_data_meta(task.id)
        names = sorted(path.name for path in files)  # frames are sorted by path, as CVAT does
        assert [f.name for f in meta.frames] == names
        sizes = {path.name: Image.open(path).size for path in files}
        assert [(f.width, f.height) for f in meta.frames] == [sizes[name] for name in names]
        assert (meta.size, meta.start_frame, meta.stop_frame, meta.chunk_size) == (6, 0, 5, 72)
        for number, name in enumerate(names):
            original = await client.task_frame(task.id, number, "original")
            assert original == (folder / name if (folder / name).exists() else folder / "jpeg" / name).read_bytes()
            compressed = Image.open(io.BytesIO(await client.task_frame(task.id, number)))
            assert compressed.format == "JPEG" and compressed.size == sizes[name]
        preview = Image.open(io.BytesIO(await client.task_preview(task.id)))
        assert preview.format == "JPEG" and preview.size == sizes[names[0]]  # the first frame, small already

    as_user(fresh_sandbox, "demo", body)
    total = progress[-1][1]
    assert progress[-1] == (total, total) and total > sum(path.stat().st_size for path in files)
    upload = next(headers for headers in sent_headers if headers.get("content-type", "").startswith("multipart/"))
    assert upload["content-length"] == str(total) and "transfer-encoding" not in upload  # length known up front
    assert [sent for sent, _ in progress] == sorted(sent for sent, _ in progress)
    with raw_client(fresh_sandbox, "demo") as http:
        frame = http.get(f"tasks/{task.id}/data", params={"type": "frame", "number": 0, "quality": "original"})
        chunk = http.get(f"tasks/{task.id}/data", params={"type": "chunk", "number": 0, "quality": "original"})
    assert frame.headers["content-type"] == "('image/jpeg', None)"  # CVAT's broken header, kept on purpose
    names = sorted(path.name for path in files)
    assert zipfile.ZipFile(io.BytesIO(chunk.content)).namelist() == [
        f"{number:06d}{Path(name).suffix}" for number, name in enumerate(names)
    ]


def test_zip_archive_and_frame_selection(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    images = make_images(tmp_path / "src", 7, size=(100, 80))
    archive = tmp_path / "photos.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        for path in reversed(images):
            bundle.write(path, f"set/{path.name}")
        bundle.writestr("set/readme.txt", "not an image")
    task = new_task(fresh_sandbox)

    async def body(client: CvatClient) -> None:
        echo = await client.upload_task_data(
            task.id, [archive], start_frame=1, stop_frame=5, frame_step=2, chunk_size=2
        )
        assert (echo.start_frame, echo.stop_frame, echo.frame_filter, echo.chunk_size) == (1, 5, "step=2", 2)
        await client.wait_for_task_data(task.id, interval=0.02)
        meta = await client.task_data_meta(task.id)
        assert [f.name for f in meta.frames] == ["set/img_01.png", "set/img_03.png", "set/img_05.png"]
        assert (meta.size, meta.start_frame, meta.stop_frame, meta.frame_filter, meta.chunk_size) == (
            3,
            1,
            5,
            "step=2",
            2,
        )
        assert await client.task_frame(task.id, 1, "original") == images[3].read_bytes()

    as_user(fresh_sandbox, "demo", body)


def test_status_passes_through_queued_and_started(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    files = make_images(tmp_path, 3)
    task = new_task(fresh_sandbox)
    worker = fresh_sandbox.state.worker

    async def body(client: CvatClient) -> None:
        seen: list[TaskStatus] = []
        worker.pause()
        await client.upload_task_data(task.id, files)
        waiting = asyncio.create_task(client.wait_for_task_data(task.id, interval=0.01, on_status=seen.append))
        await until(lambda: bool(seen))
        assert seen[0] == TaskStatus(state="Queued", message="")
        worker.step()  # start the job; it stops at its first progress report
        await until(lambda: seen[-1].message == "Media files are being extracted...")
        assert seen[-1].state == "Started"
        worker.step()
        await until(lambda: seen[-1].message.startswith("Images are being compressed"))
        assert seen[-1] == TaskStatus(state="Started", message="Images are being compressed 100%")
        worker.resume()
        assert (await waiting).finished
        assert seen[-1].state == "Finished" and len(seen) >= 4

    as_user(fresh_sandbox, "demo", body)


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(
    ("make_files", "reason"),
    [
        (lambda d: [_write(d / "notes.txt", b"hello")], "ValueError: No media data found"),
        (
            lambda d: [_write(d / "bad.jpg", b"not an image")],
            "PIL.UnidentifiedImageError: cannot identify image file 'bad.jpg'",
        ),
        (
            lambda d: [_write(d / "clip.mp4", b"\x00" * 64)],
            "ValueError: cannot decode video file 'clip.mp4': Invalid data found when processing input",
        ),
        (
            lambda d: [*make_images(d, 1), _write(d / "more.zip", b"PK")],
            "ValueError: Only one video, archive, pdf, zip or many image, directory can be used simultaneously,"
            "             but 1 image(s), 0 video(s), 0 archive(s), 0 directory(s), 0 pdf(s), 1 zip(s) found.",
        ),
    ],
)
def test_processing_failures(
    fresh_sandbox: SandboxServer, tmp_path: Path, make_files: Callable[[Path], list[Path]], reason: str
) -> None:
    task = new_task(fresh_sandbox)
    files = make_files(tmp_path)

    async def body(client: CvatClient) -> None:
        await client.upload_task_data(task.id, files)
        with pytest.raises(TaskProcessingFailed) as info:
            await client.wait_for_task_data(task.id, interval=0.02)
        assert info.value.reason.startswith(reason) and "\n" not in info.value.reason
        assert info.value.message.startswith("The server could not process the task's data: ")
        status = await client.task_status(task.id)
        assert status.failed and status.message.endswith("\n")  # CVAT's one-line exception text
        failed = await client.get_task(task.id)
        assert not failed.has_data and failed.size == 0 and failed.segments == ()  # the record stays, empty

    as_user(fresh_sandbox, "demo", body)


def test_data_request_validation(fresh_sandbox: SandboxServer) -> None:
    task = new_task(fresh_sandbox)
    png = io.BytesIO()
    Image.new("RGB", (4, 4)).save(png, "PNG")
    file = {"client_files[0]": ("a.png", png.getvalue(), "image/png")}
    cases = [
        ({}, {"image_quality": ["This field is required."]}),
        ({"image_quality": "101"}, {"image_quality": ["Ensure this value is less than or equal to 100."]}),
        ({"image_quality": "70", "chunk_size": "0"}, {"chunk_size": ["Chunk size must be a positive integer"]}),
        ({"image_quality": "70", "frame_filter": "every=2"}, {"frame_filter": ["Invalid frame filter expression"]}),
        (
            {"image_quality": "70", "start_frame": "5", "stop_frame": "2"},
            {"non_field_errors": ["Stop frame must be more or equal start frame"]},
        ),
    ]
    with raw_client(fresh_sandbox, "demo") as http:
        for data, expected in cases:
            response = http.post(f"tasks/{task.id}/data", data=data, files=file)
            assert (response.status_code, response.json()) == (400, expected)
        assert http.post("tasks/99999/data", data={"image_quality": "70"}, files=file).status_code == 404
        size = http.post(f"tasks/{task.id}/data", data={"image_quality": "70", "size": "3"}, files=file)
        assert size.status_code == 202 and size.json()["size"] == 3
    with pytest.raises(TaskProcessingFailed, match="NotImplementedError: Adding more data is not implemented"):
        as_user(fresh_sandbox, "demo", lambda c: c.wait_for_task_data(task.id, interval=0.02))


def test_json_data_request_with_share_and_remote_files(fresh_sandbox: SandboxServer) -> None:
    """The share is empty (CVAT fails on the missing file); remote files are never downloaded."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.setblocking(False)
    url = f"http://127.0.0.1:{listener.getsockname()[1]}/photo.jpg"
    share_task, remote_task = new_task(fresh_sandbox), new_task(fresh_sandbox)
    try:
        with raw_client(fresh_sandbox, "demo") as http:
            shared = http.post(f"tasks/{share_task.id}/data", json={"image_quality": 50, "server_files": ["a.jpg"]})
            remote = http.post(f"tasks/{remote_task.id}/data", json={"image_quality": 50, "remote_files": [url]})
        assert shared.status_code == remote.status_code == 202
        assert shared.json()["server_files"] == ["a.jpg"] and remote.json()["remote_files"] == [url]

        async def body(client: CvatClient) -> tuple[str, str]:
            reasons = []
            for task in (share_task, remote_task):
                with pytest.raises(TaskProcessingFailed) as info:
                    await client.wait_for_task_data(task.id, interval=0.02)
                reasons.append(info.value.reason)
            return reasons[0], reasons[1]

        share_reason, remote_reason = as_user(fresh_sandbox, "demo", body)
        assert (
            share_reason.startswith("FileNotFoundError: [Errno 2] No such file or directory")
            and "a.jpg" in share_reason
        )
        assert f"Failed to download {url}" in remote_reason and "no outbound connections" in remote_reason
        with pytest.raises(BlockingIOError):
            listener.accept()  # nobody ever connected
    finally:
        listener.close()


@pytest.mark.parametrize("username", ["bob", "zhangwei", "olga", "guest"])
def test_upload_needs_admin_or_user_role(sandbox: SandboxServer, tmp_path: Path, username: str) -> None:
    task_id = as_user(sandbox, "admin", lambda c: c.list_tasks(page_size=1)).results[0].id
    files = make_images(tmp_path, 1)
    with pytest.raises(PermissionDenied):
        as_user(sandbox, username, lambda c: c.upload_task_data(task_id, files))


def test_role_is_enough_to_upload_into_another_users_task(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = new_task(fresh_sandbox, "alice")
    files = make_images(tmp_path, 2)
    echo = as_user(fresh_sandbox, "demo", lambda c: c.upload_task_data(task.id, files))
    assert echo.client_files == ("img_00.png", "img_01.png")


def test_network_drop_during_upload_then_retry(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    files = []
    for index in range(4):  # ~3 MB each, incompressible
        path = tmp_path / f"noise_{index}.png"
        Image.effect_noise((1024, 1024), 80).convert("RGB").save(path, compress_level=0)
        files.append(path)
    task = new_task(fresh_sandbox)
    fresh_sandbox.faults.add("drop_upload", path=rf"/tasks/{task.id}/data$", times=1, after_bytes=128 * 1024)

    async def body(client: CvatClient) -> None:
        with pytest.raises(UploadInterrupted) as info:
            await client.upload_task_data(task.id, files)
        error = info.value
        assert 0 < error.bytes_sent < error.total
        assert "interrupted after" in error.message and "try again" in error.message
        assert not (await client.get_task(task.id)).has_data
        echo = await client.upload_task_data(task.id, files)
        assert len(echo.client_files) == 4
        await client.wait_for_task_data(task.id, interval=0.02)
        assert (await client.get_task(task.id)).size == 4

    as_user(fresh_sandbox, "demo", body)


def test_cancelled_upload_leaves_nothing(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    files = []
    for index in range(6):
        path = tmp_path / f"noise_{index}.png"
        Image.effect_noise((1024, 1024), 80).convert("RGB").save(path, compress_level=0)
        files.append(path)
    task = new_task(fresh_sandbox)

    async def body() -> None:
        client = await sign_in(fresh_sandbox, "demo")
        async with client:
            halfway = asyncio.Event()

            def progress(sent: int, total: int) -> None:
                if sent > 512 * 1024:
                    halfway.set()

            upload = asyncio.create_task(client.upload_task_data(task.id, files, progress=progress))
            await halfway.wait()
            upload.cancel()
            with pytest.raises(asyncio.CancelledError):
                await upload
            after = await client.get_task(task.id)
            assert not after.has_data and after.data is None  # no data record: nothing was attached
            assert (await client.task_status(task.id)).finished  # and nothing is queued
            media = fresh_sandbox.data_dir / "media"
            assert not media.exists() or not any(media.rglob("*.png"))
            await client.upload_task_data(task.id, files[:2])
            await client.wait_for_task_data(task.id, interval=0.02)
            assert (await client.get_task(task.id)).size == 2

    run(body())


def test_attaching_data_twice_adds_segments(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    """CVAT v1.1 accepts a second upload: the new media replaces the old, and new jobs are added."""
    task = new_task(fresh_sandbox)
    first, second = make_images(tmp_path / "a", 2), make_images(tmp_path / "b", 3, size=(30, 20))

    async def body(client: CvatClient) -> Task:
        await client.upload_task_data(task.id, first)
        await client.wait_for_task_data(task.id, interval=0.02)
        await client.upload_task_data(task.id, second)
        await client.wait_for_task_data(task.id, interval=0.02)
        return await client.get_task(task.id)

    twice = as_user(fresh_sandbox, "demo", body)
    assert twice.size == 3 and [(s.start_frame, s.stop_frame) for s in twice.segments] == [(0, 1), (0, 2)]
    meta = as_user(fresh_sandbox, "demo", lambda c: c.task_data_meta(twice.id))
    assert [(f.width, f.height) for f in meta.frames] == [(30, 20)] * 3
