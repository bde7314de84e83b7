"""Exports as a genuine CVAT v1.1.0 writes them: stored (uncompressed) zips, COCO annotation ids 0 with typed
attribute values, no VOC segmentation or class lists when nothing needs them (issue 13, sandbox fidelity)."""

from __future__ import annotations

import io
import json
import time
import zipfile
from collections.abc import Iterator

import httpx
import pytest
from PIL import Image

from annodesk.sandbox import SandboxServer
from annodesk.sandbox.formats import EXPORTERS

from .helpers import api

LABELS = [
    {
        "name": "car",
        "attributes": [
            {
                "name": "parked",
                "mutable": True,
                "input_type": "checkbox",
                "default_value": "false",
                "values": ["false"],
            },
            {
                "name": "speed",
                "mutable": True,
                "input_type": "number",
                "default_value": "0",
                "values": ["0", "200", "1"],
            },
            {"name": "model", "mutable": False, "input_type": "text", "default_value": "", "values": [""]},
        ],
    }
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[httpx.Client]:
    with SandboxServer(tmp_path_factory.mktemp("exports"), anon_throttle=0) as server, api(server, "admin") as client:
        yield client


@pytest.fixture(scope="module")
def task_id(client: httpx.Client) -> int:
    """Two frames, one rectangle with a checkbox, a number and a text attribute; no polygon, no tag."""
    task = client.post("tasks", json={"name": "boxes only", "labels": LABELS}).json()
    files = {}
    for n in range(2):
        out = io.BytesIO()
        Image.new("RGB", (64, 48), (n * 90, 20, 20)).save(out, "PNG")
        files[f"client_files[{n}]"] = (f"frame_{n}.png", out.getvalue(), "image/png")
    assert client.post(f"tasks/{task['id']}/data", data={"image_quality": "80"}, files=files).status_code == 202
    deadline = time.monotonic() + 60
    while client.get(f"tasks/{task['id']}/status").json()["state"] != "Finished":
        assert time.monotonic() < deadline
    task = client.get(f"tasks/{task['id']}").json()
    label = task["labels"][0]
    spec = {a["name"]: a["id"] for a in label["attributes"]}
    shape = {
        "frame": 1,
        "label_id": label["id"],
        "group": 0,
        "type": "rectangle",
        "occluded": False,
        "points": [4, 5, 30, 40],
        "attributes": [
            {"spec_id": spec["speed"], "value": "4"},
            {"spec_id": spec["parked"], "value": "false"},
            {"spec_id": spec["model"], "value": "T"},
        ],
    }
    body = {"version": 0, "tags": [], "shapes": [shape], "tracks": []}
    assert client.put(f"tasks/{task['id']}/annotations", json=body).status_code == 200
    return int(task["id"])


def export(client: httpx.Client, task_id: int, format_name: str, kind: str = "annotations") -> zipfile.ZipFile:
    url, params = f"tasks/{task_id}/{kind}", {"format": format_name}
    deadline = time.monotonic() + 60
    while (status := client.get(url, params=params).status_code) == 202:
        assert time.monotonic() < deadline
    assert status == 201
    response = client.get(url, params={**params, "action": "download"})
    assert response.status_code == 200
    return zipfile.ZipFile(io.BytesIO(response.content))


@pytest.mark.parametrize("format_name", [f.name for f in EXPORTERS if f.write is not None])
def test_export_members_are_stored_uncompressed(client: httpx.Client, task_id: int, format_name: str) -> None:
    with export(client, task_id, format_name) as archive:
        assert archive.infolist()
        assert {member.compress_type for member in archive.infolist()} == {zipfile.ZIP_STORED}


def test_coco_annotation_ids_are_0_and_attribute_values_typed(client: httpx.Client, task_id: int) -> None:
    with export(client, task_id, "COCO 1.0") as archive:
        document = json.loads(archive.read("annotations/instances_default.json"))
    (box,) = document["annotations"]
    assert box["id"] == 0
    assert box["attributes"] == {"parked": False, "speed": 4.0, "model": "T", "occluded": False}
    assert isinstance(box["attributes"]["speed"], float)


def test_voc_without_masks_or_tags_has_no_segmentation_and_no_class_lists(client: httpx.Client, task_id: int) -> None:
    with export(client, task_id, "PASCAL VOC 1.1") as archive:
        names = sorted(archive.namelist())
    assert names == ["Annotations/frame_0.xml", "Annotations/frame_1.xml", "ImageSets/Main/default.txt", "labelmap.txt"]


def test_datumaro_exports_a_whole_project(client: httpx.Client, task_id: int) -> None:
    with export(client, task_id, "Datumaro 1.0") as archive:
        names = set(archive.namelist())
        source = f"sources/task_{task_id}_images"
        assert {
            ".datumaro/config.yaml",
            ".datumaro/plugins/cvat_rest_api_task_images.py",
            "dataset/annotations/default.json",
            "README.md",
            f"{source}/config.json",
            f"{source}/images_meta.json",
        } <= names
        config = archive.read(".datumaro/config.yaml").decode()
        assert 'project_name: "boxes only"' in config and f"task_{task_id}_images:" in config
        assert json.loads(archive.read(f"{source}/config.json"))["task_id"] == task_id
        frames = json.loads(archive.read(f"{source}/images_meta.json"))["images"]
        assert [(f["id"], f["name"], f["width"]) for f in frames] == [(0, "frame_0.png", 64), (1, "frame_1.png", 64)]
        items = json.loads(archive.read("dataset/annotations/default.json"))["items"]
        assert [len(item["annotations"]) for item in items] == [0, 1]
    with export(client, task_id, "Datumaro 1.0", kind="dataset") as archive:
        names = set(archive.namelist())
        assert {"dataset/images/frame_0.png", "dataset/images/frame_1.png", ".datumaro/config.yaml"} <= names
        assert not any(name.startswith("sources/") for name in names)
