"""The sandbox answers like the recorded CVAT v1.1.0 server: the recorded session (create three tasks, attach
images, poll, read tasks/jobs/media, annotate, export) replayed, and the answers compared field by field."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from PIL import Image

from annodesk.sandbox import SandboxServer
from tests.api.helpers import raw_client
from tests.api.test_models import RECORDED

VARIABLE_KEYS = {"url", "id", "created_date", "updated_date", "data", "task_id"}


def recorded(name: str) -> tuple[int, dict[str, str], str]:
    """Status, response headers (lower-case names) and body text of a recorded exchange."""
    text = (RECORDED / name).read_text(encoding="utf-8")
    status = int(re.search(r"^STATUS: (\d+)$", text, re.M).group(1))  # type: ignore[union-attr]
    head = text.split("--- response headers ---\n", 1)[1].split("--- body ---\n", 1)[0]
    headers = {}
    for line in head.splitlines()[1:]:
        key, sep, value = line.partition(":")
        if sep:
            headers[key.strip().lower()] = value.strip()
    return status, headers, text.split("--- body ---\n", 1)[1]


def request_body(name: str) -> Any:
    """The JSON a recorded request sent (``-d {...}``)."""
    text = (RECORDED / name).read_text(encoding="utf-8")
    args = text.split("CURL-ARGS: ", 1)[1].split("\nSTATUS:", 1)[0]
    return json.loads(args.split(" -d ", 1)[1])


def normalized(value: Any) -> Any:
    """JSON without what differs between two servers: ids, URLs, dates; attribute lists sorted by name."""
    if isinstance(value, dict):
        result = {k: normalized(v) for k, v in value.items() if k not in VARIABLE_KEYS}
        if "attributes" in result and all(isinstance(a, dict) and "name" in a for a in result["attributes"]):
            result["attributes"] = sorted(result["attributes"], key=lambda a: a["name"])
        return result
    if isinstance(value, list):
        return [normalized(item) for item in value]
    return value


def same_shape(ours: httpx.Response, name: str) -> None:
    """Status, JSON content type and normalized body as recorded."""
    status, headers, body = recorded(name)
    assert ours.status_code == status, name
    assert ours.headers.get("content-type") == headers.get("content-type"), name
    assert normalized(ours.json()) == normalized(json.loads(body)), name


def images(folder: Path, numbers: range) -> dict[str, tuple[str, bytes, str]]:
    files = {}
    for index, number in enumerate(numbers):
        buffer = io.BytesIO()
        Image.new("RGB", (320, 240), (number * 25, 90, 140)).save(buffer, "JPEG")
        files[f"client_files[{index}]"] = (f"img_{number:02d}.jpg", buffer.getvalue(), "image/jpeg")
    return files


@pytest.fixture(scope="module")
def replay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    """The recorded session's requests sent to a new sandbox by ``admin`` (user 1, like the recorded root)."""
    with SandboxServer(tmp_path_factory.mktemp("replay"), anon_throttle=0) as server:
        yield _replay(server, tmp_path_factory.mktemp("images"))


def _replay(server: SandboxServer, tmp_path: Path) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    with raw_client(server, "admin") as http:
        tasks = []
        for name in ("07_task1_create.txt", "08_task2_create.txt", "09_task3_create.txt"):
            answers[name] = http.post("tasks", json=request_body(name))
            tasks.append(answers[name].json()["id"])
        answers["10_task1_data.txt"] = http.post(
            f"tasks/{tasks[0]}/data", data={"image_quality": 70}, files=images(tmp_path, range(10))
        )
        answers["11_task2_data.txt"] = http.post(
            f"tasks/{tasks[1]}/data", data={"image_quality": 70}, files=images(tmp_path, range(3))
        )
        answers["12_task3_data.txt"] = http.post(
            f"tasks/{tasks[2]}/data",
            data={"image_quality": 70, "use_zip_chunks": "true"},
            files=images(tmp_path, range(5, 10)),
        )
        for task_id, name in zip(
            tasks, ("13_task1_status.txt", "14_task2_status.txt", "15_task3_status.txt"), strict=True
        ):
            while (status := http.get(f"tasks/{task_id}/status")).json()["state"] != "Finished":
                assert status.json()["state"] in ("Queued", "Started")
            answers[name] = status
        answers["17_task1_get.txt"] = http.get(f"tasks/{tasks[0]}")
        answers["18_task3_get.txt"] = http.get(f"tasks/{tasks[2]}")
        first_job = answers["17_task1_get.txt"].json()["segments"][0]["jobs"][0]["id"]
        answers["20_job_get.txt"] = http.get(f"jobs/{first_job}")
        answers["21_task1_data_meta.txt"] = http.get(f"tasks/{tasks[0]}/data/meta")
        answers["22_task1_preview.txt"] = http.get(f"tasks/{tasks[0]}/data", params={"type": "preview"})
        frame = {"type": "frame", "quality": "compressed", "number": 0}
        answers["23_task1_frame0_compressed.txt"] = http.get(f"tasks/{tasks[0]}/data", params=frame)
        answers["24_task1_frame0_original.txt"] = http.get(
            f"tasks/{tasks[0]}/data", params={**frame, "quality": "original"}
        )
        answers["25_task1_chunk0_compressed.txt"] = http.get(
            f"tasks/{tasks[0]}/data", params={**frame, "type": "chunk"}
        )
        answers["26_task1_annotations_get_empty.txt"] = http.get(f"tasks/{tasks[0]}/annotations")
        answers["30_job_patch_status.txt"] = http.patch(f"jobs/{first_job}", json={"status": "validation"})
        answers["31_job_get_after_patch.txt"] = http.get(f"jobs/{first_job}")
        answers["32_task1_jobs.txt"] = http.get(f"tasks/{tasks[0]}/jobs")
        answers["45_err_job_patch_invalid_status.txt"] = http.patch(f"jobs/{first_job}", json={"status": "bogus"})
        answers["52_task3_data_meta.txt"] = http.get(f"tasks/{tasks[2]}/data/meta")
        answers["53_task3_frame1_compressed.txt"] = http.get(f"tasks/{tasks[2]}/data", params={**frame, "number": 1})
        answers["54_err_frame_out_of_range.txt"] = http.get(f"tasks/{tasks[2]}/data", params={**frame, "number": 99})
        for prefix, path, fmt in (
            ("48", "annotations", "CVAT for images 1.1"),
            ("61", "annotations", "COCO 1.0"),
            ("64", "dataset", "CVAT for images 1.1"),
        ):
            task_id = tasks[1] if path == "dataset" else tasks[0]
            flow = []
            while (response := http.get(f"tasks/{task_id}/{path}", params={"format": fmt})).status_code != 201:
                flow.append(response)
            flow.append(response)
            flow.append(http.get(f"tasks/{task_id}/{path}", params={"format": fmt, "action": "download"}))
            answers[prefix] = flow
    return answers


def test_create_data_and_status(replay: dict[str, Any]) -> None:
    for name in ("07_task1_create.txt", "08_task2_create.txt", "09_task3_create.txt"):
        same_shape(replay[name], name)
        assert replay[name].headers["location"] == replay[name].json()["url"]
    for name in ("10_task1_data.txt", "11_task2_data.txt", "12_task3_data.txt"):
        status, _, body = recorded(name)
        assert (replay[name].status_code, replay[name].json()) == (status, json.loads(body))  # exactly
    for name in ("13_task1_status.txt", "14_task2_status.txt", "15_task3_status.txt"):
        assert replay[name].json() == json.loads(recorded(name)[2])


def test_tasks_jobs_and_media(replay: dict[str, Any]) -> None:
    for name in (
        "17_task1_get.txt",
        "18_task3_get.txt",
        "20_job_get.txt",
        "30_job_patch_status.txt",
        "31_job_get_after_patch.txt",
        "45_err_job_patch_invalid_status.txt",
        "26_task1_annotations_get_empty.txt",
    ):
        same_shape(replay[name], name)
    ours = sorted((job["start_frame"], job["status"]) for job in replay["32_task1_jobs.txt"].json())
    theirs = sorted((job["start_frame"], job["status"]) for job in json.loads(recorded("32_task1_jobs.txt")[2]))
    assert ours == theirs
    for name in ("21_task1_data_meta.txt", "52_task3_data_meta.txt"):
        assert replay[name].json() == json.loads(recorded(name)[2])  # exactly: names, sizes, chunk size
    preview = replay["22_task1_preview.txt"]
    assert preview.headers["content-type"] == "image/jpeg"
    recorded_preview = Image.open(RECORDED / "22_task1_preview.jpg")
    assert Image.open(io.BytesIO(preview.content)).size == recorded_preview.size == (256, 192)
    for name in ("23_task1_frame0_compressed.txt", "24_task1_frame0_original.txt", "53_task3_frame1_compressed.txt"):
        assert replay[name].headers["content-type"] == recorded(name)[1]["content-type"] == "('image/jpeg', None)"
        assert Image.open(io.BytesIO(replay[name].content)).size == (320, 240)
    chunk = zipfile.ZipFile(io.BytesIO(replay["25_task1_chunk0_compressed.txt"].content))
    assert chunk.namelist() == [f"{n:06d}.jpeg" for n in range(10)]
    error = replay["54_err_frame_out_of_range.txt"]
    assert (error.status_code, error.text) == (400, recorded("54_err_frame_out_of_range.txt")[2].strip())


@pytest.mark.parametrize(
    ("prefix", "names"),
    [
        (
            "48",
            (
                "48_export_annotations_request.txt",
                "49_export_annotations_ready.txt",
                "50_export_annotations_download.txt",
            ),
        ),
        ("61", ("61_export_coco_request.txt", "62_export_coco_ready.txt", "63_export_coco_download.txt")),
        ("64", ("64_dataset_export_request.txt", "65_dataset_export_ready.txt")),
    ],
)
def test_export_flows(replay: dict[str, Any], prefix: str, names: tuple[str, ...]) -> None:
    flow = replay[prefix]
    requested, ready, download = flow[0], flow[-2], flow[-1]
    assert all(step.status_code == 202 for step in flow[:-2])
    for ours, name in zip((requested, ready, download), names, strict=False):
        status, headers, _ = recorded(name)
        assert ours.status_code == status, name
        if status in (201, 202):
            assert ours.content == b"" and "content-type" not in ours.headers
        else:
            assert ours.headers["content-type"] == headers["content-type"] == "application/zip"
            stamp = re.compile(r"\d{4}(_\d\d){5}")  # the task's updated_date: the only difference
            assert stamp.sub("<time>", ours.headers["content-disposition"]) == stamp.sub(
                "<time>", headers["content-disposition"]
            )
    dataset = zipfile.ZipFile(io.BytesIO(flow[-1].content)) if prefix == "64" else None
    if dataset is not None:
        assert sorted(dataset.namelist()) == [
            "annotations.xml",
            "images/img_00.jpg",
            "images/img_01.jpg",
            "images/img_02.jpg",
        ]
