"""Small inputs that expand: an archive entry of 1 GB, an annotation XML of 512 MB, request bodies of 200 MB.
Each is refused within a configurable limit, with memory and disk use measured on a real sandbox process
(issue 13, item 8)."""

from __future__ import annotations

import contextlib
import io
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from .bombs import BLOCK, write_bomb
from .processes import SandboxProcess, bytes_written, memory, sandbox_process

MB = 1 << 20
PASSWORD = "demo-pass-2024"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SandboxProcess]:
    """A sandbox process with default limits but a 16 MB annotation file limit (parsing 64 MB takes a while)."""
    folder = tmp_path_factory.mktemp("bombs")
    with sandbox_process(folder, "--anon-throttle", "0", "--max-annotation-file", "16") as process:
        yield process


@pytest.fixture(scope="module")
def client(server: SandboxProcess) -> Iterator[httpx.Client]:
    response = httpx.post(f"{server.base_url}/api/v1/auth/login", json={"username": "demo", "password": PASSWORD})
    headers = {"Authorization": f"Token {response.json()['key']}", "Accept": "application/json"}
    with httpx.Client(base_url=f"{server.base_url}/api/v1/", headers=headers, timeout=120) as session:
        yield session


def new_task(client: httpx.Client, name: str) -> int:
    response = client.post("tasks", json={"name": name, "labels": [{"name": "car"}]})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def wait_for_status(client: httpx.Client, task_id: int, limit: float = 120) -> dict[str, str]:
    """Poll ``tasks/{id}/status`` until Finished or Failed (bounded)."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        status = client.get(f"tasks/{task_id}/status").json()
        if status["state"] in ("Finished", "Failed"):
            return status
    raise AssertionError(f"task {task_id} never finished")


def wait_for_import(client: httpx.Client, url: str, params: dict[str, str], pid: int) -> tuple[httpx.Response, int]:
    """Repeat the import PUT until it is no longer 202 (bounded); the answer and the highest RSS seen meanwhile."""
    highest = 0
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        highest = max(highest, memory(pid)[0])
        response = client.put(url, params=params)
        if response.status_code != 202:
            return response, highest
    raise AssertionError("the import never ended")


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (32, 24), (200, 30, 30)).save(out, "PNG")
    return out.getvalue()


def test_a_zip_with_a_1_gb_entry_writes_a_bounded_amount_and_leaves_nothing(
    server: SandboxProcess, client: httpx.Client, tmp_path: Path
) -> None:
    archive = tmp_path / "bomb.zip"
    unpacked = write_bomb(archive, "images/bomb.png", bytes(BLOCK), 1000)
    assert archive.stat().st_size < 1.1 * MB and unpacked == 1000 * MB
    task_id = new_task(client, "zip bomb")
    written = bytes_written(server.process.pid)
    with archive.open("rb") as handle:
        files = {"client_files[0]": ("bomb.zip", handle, "application/zip")}
        assert client.post(f"tasks/{task_id}/data", data={"image_quality": "70"}, files=files).status_code == 202
    status = wait_for_status(client, task_id)
    extra = bytes_written(server.process.pid) - written
    print(f"\nzip bomb: 1 MB zip holding a 1000 MB entry -> the server wrote {extra / MB:.0f} MB")
    assert status["state"] == "Failed"
    assert "larger than the server's limit" in status["message"]
    assert extra < 150 * MB  # the upload itself (twice: spooled, then stored) and at most 100 MB extracted
    task = client.get(f"tasks/{task_id}").json()
    media = [path for path in (Path(server.data_dir) / "media").rglob("*") if path.is_file()]
    assert media == [], "a failed task's media are removed"
    assert task["segments"] == []


def test_an_annotation_zip_with_a_512_mb_xml_is_streamed_within_the_limit(
    server: SandboxProcess, client: httpx.Client, tmp_path: Path
) -> None:
    task_id = new_task(client, "xml bomb")
    files = {"client_files[0]": ("a.png", png(), "image/png")}
    assert client.post(f"tasks/{task_id}/data", data={"image_quality": "70"}, files=files).status_code == 202
    assert wait_for_status(client, task_id)["state"] == "Finished"
    line = b'<image id="0" name="a.png"></image>\n'
    archive = tmp_path / "annotations.zip"
    size = write_bomb(
        archive,
        "annotations.xml",
        line * (BLOCK // len(line)),
        512,
        prefix=b'<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n',
        suffix=b"</annotations>\n",
    )
    assert archive.stat().st_size < 2 * MB and size > 500 * MB
    rss_before, _ = memory(server.process.pid)
    url = f"tasks/{task_id}/annotations"
    params = {"format": "CVAT 1.1"}
    with archive.open("rb") as handle:
        files = {"annotation_file": ("annotations.zip", handle, "application/zip")}
        assert client.put(url, params=params, files=files).status_code == 202
    response, highest = wait_for_import(client, url, params, server.process.pid)
    print(
        f"\nxml bomb: {archive.stat().st_size / MB:.1f} MB zip holding a {size / MB:.0f} MB XML -> highest RSS "
        f"while importing {(highest - rss_before) / MB:+.0f} MB"
    )
    assert response.status_code == 500
    assert "larger than the server's limit of 16 MB" in response.json()
    assert highest - rss_before < 100 * MB


def test_an_annotation_xml_under_the_limit_is_parsed_in_flat_memory(
    server: SandboxProcess, client: httpx.Client, tmp_path: Path
) -> None:
    task_id = new_task(client, "xml stream")
    files = {"client_files[0]": ("a.png", png(), "image/png")}
    assert client.post(f"tasks/{task_id}/data", data={"image_quality": "70"}, files=files).status_code == 202
    assert wait_for_status(client, task_id)["state"] == "Finished"
    line = b'<image id="0" name="a.png"></image>\n'
    archive = tmp_path / "annotations.zip"
    size = write_bomb(
        archive, "annotations.xml", line * (BLOCK // len(line)), 15, prefix=b"<annotations>", suffix=b"</annotations>"
    )
    rss_before, _ = memory(server.process.pid)
    url, params = f"tasks/{task_id}/annotations", {"format": "CVAT 1.1"}
    with archive.open("rb") as handle:
        files = {"annotation_file": ("annotations.zip", handle, "application/zip")}
        assert client.put(url, params=params, files=files).status_code == 202
    response, highest = wait_for_import(client, url, params, server.process.pid)
    elements = size // len(line)
    print(f"\n{size / MB:.0f} MB XML, {elements} elements, imported: highest RSS {(highest - rss_before) / MB:+.0f} MB")
    assert response.status_code == 201, response.text
    assert highest - rss_before < 20 * MB  # kept, 400,000 parsed elements would take 50 MB or more


def _raw_post(base_url: str, path: str, headers: dict[str, str], body: Iterator[bytes]) -> int:
    """POST over a plain socket, sending ``body`` from a thread while reading the status line (the server may
    answer and close before it has read everything, as nginx does)."""
    host, port = base_url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=60) as sock:
        head = f"POST {path} HTTP/1.1\r\nHost: {host}:{port}\r\n" + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        sock.sendall(head.encode() + b"\r\n")

        def send() -> None:
            try:
                for part in body:
                    sock.sendall(part)
            except OSError:
                pass  # the server answered and closed: expected

        sender = threading.Thread(target=send, daemon=True)
        sender.start()
        status_line = sock.makefile("rb").readline()
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sender.join(30)
    return int(status_line.split()[1])


def _json_of(size: int) -> Iterator[bytes]:
    yield b'{"username": "'
    for _ in range(size // BLOCK):
        yield b"a" * BLOCK
    yield b'", "password": "x"}'


def test_a_200_mb_login_body_is_a_413_without_being_read(server: SandboxProcess) -> None:
    size = 200 * MB
    _, peak_before = memory(server.process.pid)
    started = time.perf_counter()
    headers = {"Content-Type": "application/json", "Content-Length": str(size + 33)}
    status = _raw_post(server.base_url, "/api/v1/auth/login", headers, _json_of(size))
    took = time.perf_counter() - started
    _, peak_after = memory(server.process.pid)
    print(f"\n200 MB login body: {status} in {took * 1000:.0f} ms, peak RSS {(peak_after - peak_before) / MB:+.0f} MB")
    assert status == 413
    assert peak_after - peak_before < 20 * MB


def test_a_chunked_body_is_cut_at_the_limit(server: SandboxProcess) -> None:
    def chunked() -> Iterator[bytes]:
        for part in _json_of(200 * MB):
            yield f"{len(part):x}\r\n".encode() + part + b"\r\n"
        yield b"0\r\n\r\n"

    _, peak_before = memory(server.process.pid)
    headers = {"Content-Type": "application/json", "Transfer-Encoding": "chunked"}
    status = _raw_post(server.base_url, "/api/v1/auth/login", headers, chunked())
    _, peak_after = memory(server.process.pid)
    print(f"\n200 MB chunked login body: {status}, peak RSS {(peak_after - peak_before) / MB:+.0f} MB")
    assert status == 413
    assert peak_after - peak_before < 20 * MB


def test_small_bodies_still_work(server: SandboxProcess) -> None:
    response = httpx.post(f"{server.base_url}/api/v1/auth/login", json={"username": "demo", "password": PASSWORD})
    assert response.status_code == 200
    response = httpx.post(
        f"{server.base_url}/api/v1/auth/login", json={"username": "demo", "password": "x" * 2_000_000}
    )
    assert response.status_code == 400  # under the anonymous limit: parsed and refused as CVAT does
