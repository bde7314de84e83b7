"""Exports and imports: CVAT's 202 → 201 → download flow, real files in every enabled format, round trips,
failures, cancellation and rights, over real HTTP against the sandbox."""

from __future__ import annotations

import asyncio
import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, fromstring

import msgspec
import pytest
from PIL import Image

from annodesk.api import (
    Annotations,
    AttributeVal,
    CvatClient,
    ExportFailed,
    ImportFailed,
    InvalidInput,
    LabeledShape,
    LabeledTag,
    LabeledTrack,
    PermissionDenied,
    Task,
    TrackedShape,
)
from annodesk.sandbox import SandboxServer

from .helpers import as_user, raw_client, ready_task, recorded_labels, run, sign_in, user_ids
from .test_models import RECORDED, recorded_body

EXPORTERS = [
    "COCO 1.0",
    "CVAT for video 1.1",
    "CVAT for images 1.1",
    "Datumaro 1.0",
    "LabelMe 3.0",
    "Segmentation mask 1.1",
    "MOT 1.1",
    "PASCAL VOC 1.1",
    "YOLO 1.1",
]


def names(task: Task) -> dict[str, int]:
    found = {}
    for label in task.labels:
        found[label.name] = label.id
        for attribute in label.attributes:
            found[f"{label.name}.{attribute.name}"] = attribute.id
    return found


def signature(annotations: Annotations, task: Task) -> dict[str, list[Any]]:
    """The annotations without ids, by names, in a stable order: what a round trip must keep."""
    label_names = {label.id: label.name for label in task.labels}
    spec_names = {a.id: a.name for label in task.labels for a in label.attributes}

    def attrs(values: tuple[AttributeVal, ...]) -> list[tuple[str, str]]:
        return sorted((spec_names[a.spec_id], a.value) for a in values)

    return {
        "tags": sorted((t.frame, label_names[t.label_id], attrs(t.attributes)) for t in annotations.tags),
        "shapes": sorted(
            (
                s.frame,
                label_names[s.label_id],
                s.type,
                tuple(round(p, 2) for p in s.points),
                s.occluded,
                attrs(s.attributes),
            )
            for s in annotations.shapes
        ),
        "tracks": sorted(
            (
                label_names[t.label_id],
                attrs(t.attributes),
                [
                    (s.frame, s.type, tuple(round(p, 2) for p in s.points), s.outside, s.occluded, attrs(s.attributes))
                    for s in t.shapes
                ],
            )
            for t in annotations.tracks
        ),
    }


def sample_annotations(task: Task, *, kinds: tuple[str, ...], tags: bool = False, tracks: bool = False) -> Annotations:
    ids = names(task)
    car_attrs = (
        AttributeVal(spec_id=ids["car.color"], value="blue"),
        AttributeVal(spec_id=ids["car.parked"], value="true"),
    )
    person_attrs = (
        AttributeVal(spec_id=ids["person.gender"], value="male"),
        AttributeVal(spec_id=ids["person.age"], value="42"),
        AttributeVal(spec_id=ids["person.note"], value="hello, world"),
    )
    geometry = {
        "rectangle": (40.0, 40.0, 140.0, 140.0),
        "polygon": (180.0, 60.0, 280.0, 60.0, 280.0, 200.0, 230.0, 200.0, 230.0, 120.0, 180.0, 120.0),
        "polyline": (10.0, 10.0, 50.0, 60.0, 90.0, 20.0),
        "points": (10.0, 10.0, 20.0, 20.0),
        "cuboid": tuple(float(v) for v in range(10, 170, 10)),
    }
    shapes = []
    for index, kind in enumerate(kinds):
        label, attributes = ("car", car_attrs) if index % 2 == 0 else ("person", person_attrs)
        shapes.append(
            LabeledShape(
                type=kind,
                frame=index % 3,
                label_id=ids[label],
                points=geometry[kind],
                occluded=index == 1,
                attributes=attributes,
            )
        )
    tag_items = (LabeledTag(frame=2, label_id=ids["person"], attributes=person_attrs),) if tags else ()
    track_items = ()
    if tracks:
        track_items = (
            LabeledTrack(
                frame=3,
                label_id=ids["car"],
                attributes=(AttributeVal(spec_id=ids["car.color"], value="green"),),
                shapes=(
                    TrackedShape(
                        type="rectangle",
                        frame=3,
                        points=(10, 10, 50, 50),
                        attributes=(AttributeVal(spec_id=ids["car.parked"], value="true"),),
                    ),
                    TrackedShape(
                        type="rectangle",
                        frame=5,
                        points=(30, 30, 70, 70),
                        attributes=(AttributeVal(spec_id=ids["car.parked"], value="false"),),
                    ),
                    TrackedShape(
                        type="rectangle",
                        frame=6,
                        points=(30, 30, 70, 70),
                        outside=True,
                        attributes=(AttributeVal(spec_id=ids["car.parked"], value="false"),),
                    ),
                ),
            ),
        )
    return Annotations(shapes=tuple(shapes), tags=tag_items, tracks=track_items)


def test_formats_are_those_of_cvat_v11(sandbox: SandboxServer) -> None:
    formats = as_user(sandbox, "guest", lambda c: c.annotation_formats())
    recorded = json.loads(recorded_body("34_server_annotation_formats.txt"))
    assert json.loads(msgspec.json.encode(formats)) == recorded
    assert formats.exporter("CVAT for images 1.1").enabled and not formats.exporter("TFRecord 1.0").enabled
    assert formats.importer("COCO 1.0").extensions == ("json", "zip") and formats.exporter("nope") is None


def wait_status(http: Any, url: str, params: dict[str, str], status: int) -> Any:
    """Repeat a request (as CVAT's CLI does) until the server answers ``status``."""
    for _ in range(5000):
        response = http.get(url, params=params)
        if response.status_code == status:
            return response
        assert response.status_code == 202, response.text
    raise AssertionError(f"no {status}")


def recorded_like_task(server: SandboxServer, folder: Path) -> Task:
    """Recorded task 1: ten 320×240 JPEGs ``img_00.jpg``…, segment size 3, the recorded shapes in job 1."""
    folder.mkdir(parents=True)
    files = []
    for index in range(10):
        path = folder / f"img_{index:02d}.jpg"
        Image.new("RGB", (320, 240), (index * 20, 80, 160)).save(path, "JPEG")
        files.append(path)
    answer = msgspec.json.decode(recorded_body("28_job_annotations_put.txt"))

    async def body(client: CvatClient) -> Task:
        task = await client.create_task("ref task 1 (10 imgs, segment 3)", recorded_labels(), segment_size=3, overlap=0)
        await client.upload_task_data(task.id, files)
        await client.wait_for_task_data(task.id, interval=0.02)
        task = await client.get_task(task.id)
        ids = names(task)
        specs = [ids["car.color"], ids["car.parked"], ids["person.gender"], ids["person.age"], ids["person.note"]]
        for shape in answer["shapes"]:
            shape["id"] = None
            shape["label_id"] = [ids["car"], ids["person"]][shape["label_id"] - 1]
            for attribute in shape["attributes"]:
                attribute["spec_id"] = specs[attribute["spec_id"] - 1]
        await client.replace_job_annotations(task.jobs[0].id, msgspec.convert(answer, Annotations))
        return await client.get_task(task.id)

    return as_user(server, "admin", body)


def comparable(element: Element) -> Any:
    """An XML tree without what differs between two servers (ids, dates, URLs, the owner)."""
    variable = {"id", "created", "updated", "dumped", "url", "owner"}
    children = [comparable(child) for child in element if child.tag not in variable]
    attributes = {k: v for k, v in element.attrib.items() if not (element.tag == "image" and k == "id")}
    return element.tag, attributes, (element.text or "").strip(), children


def test_cvat_for_images_export_matches_the_recorded_file(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = recorded_like_task(fresh_sandbox, tmp_path / "images")
    target = tmp_path / "export.zip"
    as_user(
        fresh_sandbox, "admin", lambda c: c.export_annotations(task.id, "CVAT for images 1.1", target, interval=0.01)
    )
    ours = zipfile.ZipFile(target).read("annotations.xml").decode()
    theirs = zipfile.ZipFile(RECORDED / "50_export_annotations_download.zip").read("annotations.xml").decode()
    assert comparable(fromstring(ours)) == comparable(fromstring(theirs))
    assert ours.splitlines()[:5] == theirs.splitlines()[:5]  # same header and layout
    assert ours.count("\n") == theirs.count("\n")


def test_coco_export_content(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = recorded_like_task(fresh_sandbox, tmp_path / "images")
    target = tmp_path / "coco.zip"
    as_user(fresh_sandbox, "admin", lambda c: c.export_annotations(task.id, "COCO 1.0", target, interval=0.01))
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["annotations/instances_default.json"]
        document = json.loads(archive.read("annotations/instances_default.json"))
    assert [c["name"] for c in document["categories"]] == ["car", "person"]
    assert [i["file_name"] for i in document["images"]] == [f"img_{n:02d}.jpg" for n in range(10)]
    box, polygon = document["annotations"]  # points are not part of COCO instances
    assert (box["bbox"], box["segmentation"], box["area"], box["image_id"]) == ([40, 40, 100, 100], [], 10000, 1)
    assert box["attributes"] == {"color": "blue", "parked": True, "occluded": False}  # typed, as Datumaro writes them
    assert polygon["segmentation"] == [[180, 60, 280, 60, 280, 200, 180, 200]] and polygon["area"] == 14000
    assert polygon["attributes"]["occluded"] is True and polygon["category_id"] == 2


@pytest.mark.parametrize("format_name", EXPORTERS)
def test_every_exporter_writes_a_real_archive(fresh_sandbox: SandboxServer, tmp_path: Path, format_name: str) -> None:
    task = ready_task(fresh_sandbox, tmp_path / "images", count=6)
    annotations = sample_annotations(task, kinds=("rectangle", "polygon", "points", "polyline"), tags=True, tracks=True)
    as_user(fresh_sandbox, "demo", lambda c: c.replace_task_annotations(task.id, annotations))
    plain, dataset = tmp_path / "plain.zip", tmp_path / "dataset.zip"

    async def body(client: CvatClient) -> None:
        await client.export_annotations(task.id, format_name, plain, interval=0.01)
        await client.export_dataset(task.id, format_name, dataset, interval=0.01)

    as_user(fresh_sandbox, "demo", body)
    with zipfile.ZipFile(plain) as archive, zipfile.ZipFile(dataset) as full:
        assert archive.testzip() is None and full.testzip() is None
        files = set(archive.namelist())
        images = [n for n in full.namelist() if n.endswith(".png")]
        assert not any(n.endswith(".png") and "Segmentation" not in n for n in files)  # no pictures without dataset
        pictures = [n for n in images if "Segmentation" not in n]
        assert len(pictures) == 6  # the dataset carries every frame
        for name in pictures:
            assert Image.open(io.BytesIO(full.read(name))).size == (320, 240)
    assert files, "the export is empty"


def round_trip(server: SandboxServer, task: Task, exporter: str, importer: str, folder: Path) -> Annotations:
    target = folder / "export.zip"

    async def body(client: CvatClient) -> Annotations:
        await client.export_annotations(task.id, exporter, target, interval=0.01)
        await client.delete_task_annotations(task.id)
        assert (await client.get_task_annotations(task.id)).empty
        await client.import_task_annotations(task.id, importer, target, interval=0.01)
        return await client.get_task_annotations(task.id)

    return as_user(server, "demo", body)


@pytest.mark.parametrize(
    ("exporter", "importer", "kinds", "tags", "tracks", "keep"),
    [
        (
            "CVAT for images 1.1",
            "CVAT 1.1",
            ("rectangle", "polygon", "polyline", "points", "cuboid"),
            True,
            False,
            ("tags", "shapes", "tracks"),
        ),
        ("CVAT for video 1.1", "CVAT 1.1", (), False, True, ("tags", "shapes", "tracks")),
        ("COCO 1.0", "COCO 1.0", ("rectangle", "polygon"), False, False, ("tags", "shapes", "tracks")),
        ("LabelMe 3.0", "LabelMe 3.0", ("rectangle", "polygon"), False, False, ("tags", "shapes", "tracks")),
        ("PASCAL VOC 1.1", "PASCAL VOC 1.1", ("rectangle",), True, False, ("shapes", "tracks")),
    ],
)
def test_round_trips_keep_annotations(
    fresh_sandbox: SandboxServer,
    tmp_path: Path,
    exporter: str,
    importer: str,
    kinds: tuple[str, ...],
    tags: bool,
    tracks: bool,
    keep: tuple[str, ...],
) -> None:
    task = ready_task(fresh_sandbox, tmp_path / "images", count=8, segment_size=0)
    sent = sample_annotations(task, kinds=kinds, tags=tags, tracks=tracks)
    as_user(fresh_sandbox, "demo", lambda c: c.replace_task_annotations(task.id, sent))
    before = signature(as_user(fresh_sandbox, "demo", lambda c: c.get_task_annotations(task.id)), task)
    after = signature(round_trip(fresh_sandbox, task, exporter, importer, tmp_path), task)
    for kind in keep:
        assert after[kind] == before[kind], kind
    assert any(after.values())


def test_geometry_only_formats_round_trip(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    """Masks, MOT and YOLO keep shapes and labels (not attributes): rectangles, polygons, tracks as they can."""
    task = ready_task(fresh_sandbox, tmp_path / "images", count=8, segment_size=0)
    ids = names(task)
    polygon = (60.0, 20.0, 120.0, 20.0, 120.0, 100.0, 90.0, 100.0, 90.0, 60.0, 60.0, 60.0)  # an L
    shapes = (
        LabeledShape(type="rectangle", frame=0, label_id=ids["car"], points=(10, 10, 50, 40)),
        LabeledShape(type="polygon", frame=1, label_id=ids["person"], points=polygon),
    )
    track = sample_annotations(task, kinds=(), tracks=True).tracks
    as_user(fresh_sandbox, "demo", lambda c: c.replace_task_annotations(task.id, Annotations(shapes=shapes)))

    def geometry(annotations: Annotations) -> list[Any]:
        return sorted((s.frame, s.label_id, s.type, tuple(round(p) for p in s.points)) for s in annotations.shapes)

    expected = [
        (0, ids["car"], "rectangle", (10, 10, 50, 40)),
        (1, ids["person"], "polygon", tuple(int(p) for p in polygon)),
    ]
    assert (
        geometry(round_trip(fresh_sandbox, task, "Segmentation mask 1.1", "Segmentation mask 1.1", tmp_path))
        == expected
    )
    voc = round_trip(fresh_sandbox, task, "PASCAL VOC 1.1", "PASCAL VOC 1.1", tmp_path)
    assert geometry(voc) == expected  # boxes as objects, polygons through the masks

    boxes = Annotations(shapes=shapes[:1], tracks=track)
    as_user(fresh_sandbox, "demo", lambda c: c.replace_task_annotations(task.id, boxes))
    yolo = round_trip(fresh_sandbox, task, "YOLO 1.1", "YOLO 1.1", tmp_path)
    frames = sorted(s.frame for s in yolo.shapes)
    assert frames == [0, 3, 4, 5]  # the track is a box on every frame it shows
    assert (0, ids["car"], "rectangle", (10, 10, 50, 40)) in geometry(yolo)
    as_user(fresh_sandbox, "demo", lambda c: c.replace_task_annotations(task.id, boxes))
    mot = round_trip(fresh_sandbox, task, "MOT 1.1", "MOT 1.1", tmp_path)
    assert geometry(mot) == [(0, ids["car"], "rectangle", (10, 10, 50, 40))]
    (back,) = mot.tracks
    assert [(s.frame, s.outside) for s in back.shapes] == [(3, False), (4, False), (5, False), (6, True)]
    assert back.shapes[1].points == (20.0, 20.0, 60.0, 60.0)  # the interpolated frame became a keyframe


def test_import_errors(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path / "images", count=3)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    stranger = tmp_path / "stranger.json"
    stranger.write_text(
        json.dumps(
            {
                "images": [{"id": 1, "file_name": "img_00.png", "width": 1, "height": 1}],
                "categories": [{"id": 1, "name": "dragon"}],
                "annotations": [],
            }
        )
    )

    async def body(client: CvatClient) -> None:
        with pytest.raises(InvalidInput) as unknown:
            await client.import_task_annotations(task.id, "Nope 1.0", broken, interval=0.01)
        assert unknown.value.message == "Unknown input format 'Nope 1.0'"
        with pytest.raises(ImportFailed) as bad:
            await client.import_task_annotations(task.id, "COCO 1.0", broken, interval=0.01)
        assert bad.value.reason.startswith("ValueError: The file is not valid COCO JSON") and bad.value.status == 500
        with pytest.raises(ImportFailed, match="Label 'dragon' is not registered for this task"):
            await client.import_task_annotations(task.id, "COCO 1.0", stranger, interval=0.01)
        with pytest.raises(ImportFailed, match="disabled"):
            await client.import_task_annotations(task.id, "TFRecord 1.0", broken, interval=0.01)

    as_user(fresh_sandbox, "demo", body)
    with raw_client(fresh_sandbox, "demo") as http:
        missing = http.put(f"tasks/{task.id}/annotations", params={"format": "COCO 1.0"}, data={"x": "1"})
    assert (missing.status_code, missing.json()) == (400, {"annotation_file": ["No file was submitted."]})


def test_import_into_one_job(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path / "images", count=6, segment_size=3)
    ids = names(task)
    everywhere = Annotations(
        shapes=tuple(LabeledShape(type="points", frame=f, label_id=ids["car"], points=(f, f)) for f in range(6))
    )
    as_user(fresh_sandbox, "demo", lambda c: c.replace_task_annotations(task.id, everywhere))
    target = tmp_path / "all.zip"

    async def body(client: CvatClient) -> None:
        await client.export_annotations(task.id, "CVAT for images 1.1", target, interval=0.01)
        await client.delete_task_annotations(task.id)

    as_user(fresh_sandbox, "demo", body)
    # The task has no assignee: anyone may edit its jobs, so a user of no group may import into one.
    as_user(
        fresh_sandbox, "guest", lambda c: c.import_job_annotations(task.jobs[1].id, "CVAT 1.1", target, interval=0.01)
    )
    after = as_user(fresh_sandbox, "demo", lambda c: c.get_task_annotations(task.id))
    assert [s.frame for s in after.shapes] == [3, 4, 5]


def test_transfer_rights(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    ids = user_ids(fresh_sandbox)
    task = ready_task(fresh_sandbox, tmp_path / "images", count=3, assignee=ids["alice"])
    target = tmp_path / "out.zip"
    as_user(fresh_sandbox, "olga", lambda c: c.export_annotations(task.id, "YOLO 1.1", target, interval=0.01))
    for username in ("olga", "bob", "guest"):
        with pytest.raises(PermissionDenied):
            as_user(
                fresh_sandbox, username, lambda c: c.import_task_annotations(task.id, "YOLO 1.1", target, interval=0.01)
            )
    for username in ("bob", "guest"):
        with pytest.raises(PermissionDenied):
            as_user(
                fresh_sandbox,
                username,
                lambda c: c.export_annotations(task.id, "YOLO 1.1", tmp_path / "x.zip", interval=0.01),
            )
    as_user(fresh_sandbox, "alice", lambda c: c.import_task_annotations(task.id, "YOLO 1.1", target, interval=0.01))
    assert not (tmp_path / "x.zip").exists()


def test_failed_export_is_export_failed(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path / "images", count=2)
    shutil.rmtree(fresh_sandbox.data_dir / "media" / str(task.data) / "raw")  # the media vanished on disk
    with pytest.raises(ExportFailed) as info:
        as_user(
            fresh_sandbox,
            "demo",
            lambda c: c.export_dataset(task.id, "CVAT for images 1.1", tmp_path / "d.zip", interval=0.01),
        )
    assert info.value.reason.startswith("FileNotFoundError: [Errno 2]") and info.value.status == 500
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".d.zip*")) == []


def test_cancelled_exports_leave_no_file(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path / "images", count=4, size=(800, 600))
    for path in (tmp_path / "images").glob("*.png"):  # incompressible frames: a dataset of several MB
        Image.effect_noise((800, 600), 90).convert("RGB").save(path, compress_level=0)
        shutil.copy(path, fresh_sandbox.data_dir / "media" / str(task.data) / "raw" / path.name)
    worker = fresh_sandbox.state.worker
    target = tmp_path / "out" / "dataset.zip"
    target.parent.mkdir()

    async def body() -> None:
        client = await sign_in(fresh_sandbox, "demo")
        async with client:
            # 1. Cancelled while the server prepares the file.
            worker.pause()
            preparing = asyncio.Event()
            export = asyncio.create_task(
                client.export_dataset(
                    task.id, "CVAT for images 1.1", target, interval=0.01, progress=lambda *_: preparing.set()
                )
            )
            await preparing.wait()
            export.cancel()
            with pytest.raises(asyncio.CancelledError):
                await export
            assert list(target.parent.iterdir()) == []
            worker.resume()
            # 2. Cancelled during the download.
            downloading = asyncio.Event()

            def progress(phase: str, done: int, total: int | None) -> None:
                if phase == "downloading":
                    downloading.set()

            export = asyncio.create_task(
                client.export_dataset(task.id, "CVAT for images 1.1", target, interval=0.01, progress=progress)
            )
            await downloading.wait()
            export.cancel()
            with pytest.raises(asyncio.CancelledError):
                await export
            assert list(target.parent.iterdir()) == []
            # Nothing is stuck: the export works afterwards.
            steps: list[tuple[str, int, int | None]] = []
            saved = await client.export_dataset(
                task.id, "CVAT for images 1.1", target, interval=0.01, progress=lambda *step: steps.append(step)
            )
            assert list(target.parent.iterdir()) == [saved] and zipfile.is_zipfile(saved)
            size = saved.stat().st_size
            downloads = [step for step in steps if step[0] == "downloading"]
            assert downloads[-1] == ("downloading", size, size) and len(downloads) > 1  # streamed in pieces

    run(body())


def test_import_flow_over_raw_http(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    task = ready_task(fresh_sandbox, tmp_path / "images", count=3)
    ids = names(task)
    shapes = Annotations(shapes=(LabeledShape(type="points", frame=1, label_id=ids["car"], points=(5, 6)),))
    as_user(fresh_sandbox, "demo", lambda c: c.replace_task_annotations(task.id, shapes))
    exported = tmp_path / "cvat.zip"
    as_user(
        fresh_sandbox, "demo", lambda c: c.export_annotations(task.id, "CVAT for images 1.1", exported, interval=0.01)
    )
    as_user(fresh_sandbox, "demo", lambda c: c.delete_task_annotations(task.id))
    worker = fresh_sandbox.state.worker
    url, query = f"tasks/{task.id}/annotations", {"format": "CVAT 1.1"}
    with raw_client(fresh_sandbox, "demo") as http, raw_client(fresh_sandbox, "admin") as other:
        worker.pause()
        started = http.put(url, params=query, files={"annotation_file": ("cvat.zip", exported.read_bytes())})
        assert (started.status_code, started.content) == (202, b"")
        assert http.put(url, params=query).status_code == 202  # the file may be omitted while it runs
        # Imports are keyed per user: the admin has none running, so a bare PUT lacks its file.
        assert other.put(url, params=query).json() == {"annotation_file": ["No file was submitted."]}
        worker.resume()
        while (response := http.put(url, params=query)).status_code == 202:
            pass
        assert (response.status_code, response.content) == (201, b"")
        assert http.put(url, params=query).json() == {"annotation_file": ["No file was submitted."]}  # consumed
        restored = http.get(url).json()["shapes"]
    assert [(s["frame"], s["points"]) for s in restored] == [(1, [5.0, 6.0])]


def test_plain_xml_and_json_files_import(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    """CVAT 1.1 takes an ``annotations.xml`` as well as a zip, COCO 1.0 a bare JSON file as well as a zip."""
    task = ready_task(fresh_sandbox, tmp_path / "images", count=4, segment_size=0)
    sent = sample_annotations(task, kinds=("rectangle", "polygon"))
    as_user(fresh_sandbox, "demo", lambda c: c.replace_task_annotations(task.id, sent))
    before = signature(as_user(fresh_sandbox, "demo", lambda c: c.get_task_annotations(task.id)), task)
    for exporter, member, importer in (
        ("CVAT for images 1.1", "annotations.xml", "CVAT 1.1"),
        ("COCO 1.0", "annotations/instances_default.json", "COCO 1.0"),
    ):
        archive = tmp_path / "export.zip"
        as_user(
            fresh_sandbox, "demo", lambda c, e=exporter, a=archive: c.export_annotations(task.id, e, a, interval=0.01)
        )
        plain = tmp_path / Path(member).name
        plain.write_bytes(zipfile.ZipFile(archive).read(member))

        async def body(client: CvatClient, plain: Path = plain, importer: str = importer) -> Annotations:
            await client.delete_task_annotations(task.id)
            await client.import_task_annotations(task.id, importer, plain, interval=0.01)
            return await client.get_task_annotations(task.id)

        assert signature(as_user(fresh_sandbox, "demo", body), task)["shapes"] == before["shapes"]
