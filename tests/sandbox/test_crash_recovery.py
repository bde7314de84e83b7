"""A sandbox killed while it processes an upload comes back with the task failed, not "Finished" with no frames;
an upload that cannot be stored attaches nothing (issue 13, item 7)."""

from __future__ import annotations

import io
import time
from pathlib import Path

import httpx
import pytest
from PIL import Image

from annodesk.sandbox import SandboxServer
from annodesk.sandbox.seed import SAMPLE_USERS

from .helpers import api
from .processes import sandbox_process

PASSWORDS = {user[0]: user[1] for user in SAMPLE_USERS}


def jpeg(number: int, size: tuple[int, int] = (800, 600)) -> bytes:
    """A distinct JPEG (a gradient and a number's worth of colour)."""
    image = Image.linear_gradient("L").resize(size).convert("RGB")
    image.paste((number % 256, 40, 200), (0, 0, 64, 64))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def signed_in(base_url: str) -> httpx.Client:
    response = httpx.post(f"{base_url}/api/v1/auth/login", json={"username": "demo", "password": PASSWORDS["demo"]})
    response.raise_for_status()
    headers = {"Authorization": f"Token {response.json()['key']}", "Accept": "application/json"}
    return httpx.Client(base_url=f"{base_url}/api/v1/", headers=headers, timeout=120)


def new_task(client: httpx.Client, name: str) -> int:
    response = client.post("tasks", json={"name": name, "labels": [{"name": "car"}], "segment_size": 100})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def upload(client: httpx.Client, task_id: int, images: list[bytes], **fields: str) -> httpx.Response:
    files = {f"client_files[{i}]": (f"frame_{i:04d}.jpg", data, "image/jpeg") for i, data in enumerate(images)}
    return client.post(f"tasks/{task_id}/data", data={"image_quality": "70", **fields}, files=files)


def wait_for_status(client: httpx.Client, task_id: int, done: set[str], limit: float = 120) -> dict[str, str]:
    """Poll ``tasks/{id}/status`` until its state is one of ``done`` (bounded by ``limit`` seconds)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status = client.get(f"tasks/{task_id}/status").json()
        if status["state"] in done:
            return status
    raise AssertionError(f"task {task_id} never reached {done}")


def wait_until_compressing(client: httpx.Client, task_id: int, limit: float = 120) -> str:
    """Poll until processing reports compression under way and not past 50%; return that message."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status = client.get(f"tasks/{task_id}/status").json()
        assert status["state"] in ("Queued", "Started"), status
        message = status["message"]
        if message.startswith("Images are being compressed"):
            percent = int(message.rsplit(" ", 1)[1].rstrip("%"))
            assert percent <= 50, "processing got too far before the test saw it"
            return message
    raise AssertionError("compression never started")


def test_killed_mid_processing_the_task_fails_and_takes_data_again(tmp_path: Path) -> None:
    data_dir = tmp_path / "sandbox"
    images = [jpeg(number) for number in range(400)]
    with sandbox_process(data_dir, "--anon-throttle", "0") as server:
        with signed_in(server.base_url) as client:
            task_id = new_task(client, "killed while processing")
            assert upload(client, task_id, images, chunk_size="2").status_code == 202
            seen = wait_until_compressing(client, task_id)
        server.kill()
    media = data_dir / "media"
    assert any(media.rglob("*.jpeg")), f"no compressed frames on disk when killed at '{seen}'"

    with sandbox_process(data_dir, "--anon-throttle", "0") as server, signed_in(server.base_url) as client:
        status = client.get(f"tasks/{task_id}/status").json()
        assert status["state"] == "Failed"
        assert "stopped while this task's data was being processed" in status["message"]
        task = client.get(f"tasks/{task_id}").json()
        assert "size" not in task and task["segments"] == [] and task["mode"] == ""  # no half-made data record
        assert not any(media.rglob("*.jpeg")) and not any(media.rglob("*.jpg"))  # its files are gone

        assert upload(client, task_id, images[:3]).status_code == 202  # it takes data again
        assert wait_for_status(client, task_id, {"Finished", "Failed"})["state"] == "Finished"
        task = client.get(f"tasks/{task_id}").json()
        assert task["size"] == 3 and len(task["segments"]) == 1 and task["mode"] == "annotation"


def test_an_upload_that_cannot_be_stored_attaches_no_data(
    fresh_sandbox: SandboxServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*args: object) -> str:
        raise OSError(28, "No space left on device")

    with api(fresh_sandbox, "demo") as client:
        task_id = new_task(client, "disk full")
        monkeypatch.setattr(fresh_sandbox.state.media, "save_upload", disk_full)
        response = upload(client, task_id, [jpeg(0), jpeg(1)])
        assert response.status_code == 500
        monkeypatch.undo()
        task = client.get(f"tasks/{task_id}").json()
        assert "size" not in task and task["mode"] == ""
        assert client.get(f"tasks/{task_id}/status").json() == {"state": "Finished", "message": ""}
        assert not any((fresh_sandbox.data_dir / "media").rglob("*.jpg"))
        assert upload(client, task_id, [jpeg(0), jpeg(1)]).status_code == 202
        assert wait_for_status(client, task_id, {"Finished", "Failed"})["state"] == "Finished"
        assert client.get(f"tasks/{task_id}").json()["size"] == 2


def test_a_file_name_over_255_bytes_is_a_400_and_attaches_nothing(fresh_sandbox: SandboxServer) -> None:
    with api(fresh_sandbox, "demo") as client:
        task_id = new_task(client, "long name")
        name = "é" * 130 + ".jpg"  # 264 bytes in UTF-8
        files = {"client_files[0]": ("ok.jpg", jpeg(0), "image/jpeg"), "client_files[1]": (name, jpeg(1), "image/jpeg")}
        response = client.post(f"tasks/{task_id}/data", data={"image_quality": "70"}, files=files)
        assert response.status_code == 400
        assert response.json() == {
            "client_files": [{}, {"file": ["Ensure this filename has at most 255 characters (it has 264)."]}]
        }
        task = client.get(f"tasks/{task_id}").json()
        assert "size" not in task
        assert client.get(f"tasks/{task_id}/status").json()["state"] == "Finished"
