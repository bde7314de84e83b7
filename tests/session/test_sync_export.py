"""Exporting a checkout's local edits to CVAT's XML (issue 16: edits that can no longer be sent are not lost), over
real HTTP against the sandbox: the file of a video job (frames named as CVAT names them, tracks with their
keyframes) imports back through the server's "CVAT 1.1" importer to the same objects; a job not checked out is
refused."""

from __future__ import annotations

import asyncio
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import msgspec
import pytest

from annodesk.annotations import LabelSet, edits
from annodesk.api import CvatClient
from annodesk.api.models import Task
from annodesk.sandbox import SandboxServer
from annodesk.session.sync import export_local

from ..api.helpers import sign_in
from ..sandbox.annotation_helpers import Job
from .sync_support import named, take_offline

SPORTS = "Sports: basketball players"  # video, 150 frames, jobs of 50 frames overlapping by 5


async def _sports_job(client: CvatClient) -> tuple[Task, Job]:
    """The sample video task and its second job (as the tests' ``Job``)."""
    async for task in client.iter_all_tasks():
        if task.name == SPORTS:
            return task, Job(task.jobs[1].id, task.jobs[2].id, task.id, msgspec.to_builtins(task.labels), {})
    raise AssertionError(SPORTS)


async def test_a_video_jobs_export_imports_back_to_the_same_objects(
    fresh_sandbox: SandboxServer, tmp_path: Path
) -> None:
    client = await sign_in(fresh_sandbox, "admin")
    async with client:
        task, ref = await _sports_job(client)
        job_id, labels_json, labels = ref.id, ref.labels, LabelSet.from_json(ref.labels)
        job = await client.get_job(job_id)
        offline = await take_offline(client, ref, tmp_path)
        base = offline.copy().base
        label = task.labels[0].id
        frame = job.start_frame + 7
        polygon = [10.0, 10.0, 80.0, 12.5, 40.25, 70.0]
        drawn = edits.create_shape(base, labels, shape_type="polygon", frame=frame, label_id=label, points=polygon,
                                   image=None, z_order=3).annotations  # fmt: skip
        tracked = edits.create_track(drawn, labels, shape_type="rectangle", frame=frame + 3, label_id=label,
                                     points=[5.0, 6.0, 50.0, 60.0], image=None).annotations  # fmt: skip
        offline.edit(base, tracked, "Draw")
        local = offline.copy().document

        exported = await asyncio.to_thread(
            export_local, offline.store, offline.journal, offline.server, job_id, tmp_path / "out" / "job.zip"
        )

        with zipfile.ZipFile(exported) as archive:
            root = ElementTree.fromstring(archive.read("annotations.xml"))
        images = root.findall("image")
        assert len(images) == job.stop_frame - job.start_frame + 1
        assert images[7].get("name") == f"frame_{frame:06d}" and images[7].get("id") == str(frame)
        assert images[7].find("polygon") is not None
        assert [s.get("keyframe") for s in root.findall("track")[-1]] == ["1"]
        await client.delete_job_annotations(job_id)
        await client.import_job_annotations(job_id, "CVAT 1.1", exported, interval=0.02)
        imported = await client.get_job_annotations_json(job_id)
        assert named(imported, labels_json) == named(local, labels_json)
        assert len(local.shapes) + len(local.tracks) + len(local.tags) > 2
        offline.close()


async def test_a_job_not_checked_out_is_not_exported(fresh_sandbox: SandboxServer, tmp_path: Path) -> None:
    client = await sign_in(fresh_sandbox, "admin")
    async with client:
        _, ref = await _sports_job(client)
        job_id = ref.id
        offline = await take_offline(client, ref, tmp_path)
        with pytest.raises(LookupError):
            export_local(offline.store, offline.journal, offline.server, job_id + 1, tmp_path / "job.xml")
        assert not (tmp_path / "job.xml").exists()
        path = export_local(offline.store, offline.journal, offline.server, job_id, tmp_path / "job.xml")
        assert ElementTree.parse(path).getroot().tag == "annotations"
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".job.xml")] == []  # no temporary left
        offline.close()
