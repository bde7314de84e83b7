"""Who may do what (CVAT v1.1's permission table), operation by operation, for each sample user group.

The task is alice's (group user) and assigned to zhangwei (annotator); the others are the admin, another user
(demo), an annotator with no part in it (bob), the observer (olga) and a user of no group (guest).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest

from annodesk.api import Annotations, CvatClient, NewLabel, PermissionDenied, Task
from annodesk.sandbox import SandboxServer
from tests.api.helpers import as_user, make_images, ready_task, user_ids

OPERATIONS = ("create", "edit", "upload", "job edit", "annotate", "export", "import", "delete")
ALLOWED = {
    "admin": set(OPERATIONS),
    "demo": {"create", "upload"},
    "zhangwei": {"edit", "job edit", "annotate", "export", "import"},  # the assignee may not delete
    "bob": set(),
    "olga": {"export"},
    "guest": set(),
}


@pytest.mark.parametrize("username", list(ALLOWED))
def test_rights_per_group(fresh_sandbox: SandboxServer, tmp_path: Path, username: str) -> None:
    ids = user_ids(fresh_sandbox)
    task = ready_task(fresh_sandbox, tmp_path / "images", username="alice", count=3, assignee=ids["zhangwei"])
    empty = as_user(fresh_sandbox, "alice", lambda c: c.create_task("no data yet", [NewLabel("car")]))
    exported = tmp_path / "export.zip"
    as_user(
        fresh_sandbox, "alice", lambda c: c.export_annotations(task.id, "CVAT for images 1.1", exported, interval=0.01)
    )
    files = make_images(tmp_path / "more", 1)

    def attempts(task: Task, empty: Task) -> dict[str, Callable[[CvatClient], Awaitable[object]]]:
        return {
            "create": lambda c: c.create_task("mine", [NewLabel("dog")]),
            "edit": lambda c: c.update_task(task.id, bug_tracker="http://tracker/1"),
            "upload": lambda c: c.upload_task_data(empty.id, files),
            "job edit": lambda c: c.update_job(task.jobs[0].id, status="validation"),
            "annotate": lambda c: c.replace_task_annotations(task.id, Annotations()),
            "export": lambda c: c.export_annotations(task.id, "COCO 1.0", tmp_path / f"{username}.zip", interval=0.01),
            "import": lambda c: c.import_task_annotations(task.id, "CVAT 1.1", exported, interval=0.01),
            "delete": lambda c: c.delete_task(task.id),
        }

    allowed = set()

    async def body(client: CvatClient) -> None:
        for name, attempt in attempts(task, empty).items():
            try:
                await attempt(client)
            except PermissionDenied as refusal:
                assert refusal.message == "You do not have permission to perform this action."
            else:
                allowed.add(name)

    as_user(fresh_sandbox, username, body)
    assert allowed == ALLOWED[username]
