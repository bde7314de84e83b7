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
