"""The sandbox's task id window reads like a list (count + LIMIT/OFFSET, as Django's paginator does)."""

from __future__ import annotations

from annodesk.sandbox import SandboxServer
from annodesk.sandbox.tasks import TaskQuery


def test_task_ids_behave_like_the_full_list(sandbox: SandboxServer) -> None:
    tasks = sandbox.store.tasks
    for query in (TaskQuery(), TaskQuery(search_terms=("a",), ordering=("name",)), TaskQuery(viewer_id=2)):
        ids = tasks.list_ids(query)
        full = list(ids)
        assert len(ids) == len(full) == len(set(full)) > 0
        assert ids[2:7] == full[2:7] and ids[-3:] == full[-3:] and ids[5:2] == [] and ids[::2] == full[::2]
        assert ids[0] == full[0] and ids[-1] == full[-1]


def test_task_json_is_rebuilt_after_any_change(fresh_sandbox: SandboxServer) -> None:
    tasks = fresh_sandbox.store.tasks
    root = "http://127.0.0.1/api/v1"
    task_id = next(task for task in tasks.list_ids(TaskQuery()) if tasks.jobs_of(task))
    job = tasks.jobs_of(task_id)[0]
    new_status = "completed" if job.status != "completed" else "validation"
    before = tasks.load([task_id], root)[0]
    assert tasks.load([task_id], root)[0] is before  # kept between calls
    tasks.update_job(job.id, {"status": new_status})
    after = tasks.load([task_id], root)[0]
    statuses = {j["id"]: j["status"] for segment in after["segments"] for j in segment["jobs"]}
    assert statuses[job.id] == new_status
    assert tasks.load([task_id], "http://localhost/api/v1")[0]["url"] == f"http://localhost/api/v1/tasks/{task_id}"
