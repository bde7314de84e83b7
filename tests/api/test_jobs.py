"""Job reads and edits with CVAT's validation and permission rules, over real HTTP."""

from __future__ import annotations

import pytest

from annodesk.api import CvatClient, InvalidInput, PermissionDenied, Task
from annodesk.sandbox import SandboxServer

from .helpers import as_user


def assigned_task(server: SandboxServer) -> Task:
    """A task with data and an assignee (so plain users may not edit its jobs)."""

    async def find(client: CvatClient) -> Task:
        async for task in client.iter_all_tasks():
            if task.has_data and task.assignee_id is not None and task.jobs:
                return task
        raise AssertionError("sample data has no assigned task with jobs")

    return as_user(server, "admin", find)


def test_update_job_status_and_assignee(fresh_sandbox: SandboxServer) -> None:
    task = assigned_task(fresh_sandbox)
    job_id = task.jobs[0].id

    async def body(client: CvatClient) -> None:
        users = {u.username: u.id for u in await client.list_users()}
        job = await client.update_job(job_id, status="completed", assignee=users["zhangwei"])
        assert job.status == "completed" and job.assignee_id == users["zhangwei"]
        again = await client.get_job(job_id)
        assert again == job
        unassigned = await client.update_job(job_id, assignee=None)
        assert unassigned.assignee_id is None and unassigned.status == "completed"
        refreshed = await client.get_task(task.id)
        statuses = [j.status for j in refreshed.jobs]
        expected = (
            "annotation" if "annotation" in statuses else "validation" if "validation" in statuses else "completed"
        )
        assert refreshed.status == expected

    as_user(fresh_sandbox, "admin", body)


def test_invalid_status_is_field_error(sandbox: SandboxServer) -> None:
    task = assigned_task(sandbox)

    async def body(client: CvatClient) -> None:
        await client.update_job(task.jobs[0].id, status="done")

    with pytest.raises(InvalidInput) as info:
        as_user(sandbox, "admin", body)
    assert info.value.field_errors == {"status": ['"done" is not a valid choice.']}


def test_unknown_assignee_is_field_error(sandbox: SandboxServer) -> None:
    task = assigned_task(sandbox)

    async def body(client: CvatClient) -> None:
        await client.update_job(task.jobs[0].id, assignee=987654)

    with pytest.raises(InvalidInput) as info:
        as_user(sandbox, "admin", body)
    assert info.value.field_errors == {"assignee": ['Invalid pk "987654" - object does not exist.']}


def test_observer_cannot_change_a_job(sandbox: SandboxServer) -> None:
    task = assigned_task(sandbox)

    async def body(client: CvatClient) -> None:
        assert (await client.get_job(task.jobs[0].id)).id == task.jobs[0].id  # may look
        await client.update_job(task.jobs[0].id, status="validation")  # may not touch

    with pytest.raises(PermissionDenied):
        as_user(sandbox, "olga", body)
