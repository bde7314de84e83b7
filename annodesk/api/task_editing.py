"""Creating, editing and deleting tasks (``POST tasks``, ``PATCH``/``DELETE tasks/{id}``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from .client_base import ClientBase
from .labels import label_payload
from .models import Task
from .responses import decode
from .task_models import NewLabel
from .unset import UNSET, _Unset


class TaskEditing(ClientBase):
    """Task writes. Rights (CVAT v1.1): create — admin and user groups; edit — admin, owner, assignee;
    delete — admin, owner. A refusal is :class:`~annodesk.api.errors.PermissionDenied`."""

    async def _user_key(self, name: str) -> str:
        """``owner``/``assignee``/``project`` on v1.1, ``owner_id``/``assignee_id``/``project_id`` on v1.2+."""
        return f"{name}_id" if await self._server_at_least(1, 2) else name

    async def create_task(
        self,
        name: str,
        labels: Sequence[NewLabel],
        *,
        segment_size: int = 0,
        overlap: int | None = None,
        bug_tracker: str = "",
        assignee: int | None = None,
        owner: int | None = None,
        z_order: bool = False,
        project: int | None = None,
    ) -> Task:
        """Create a task without data (attach it with ``upload_task_data``); the creator owns it by default.

        ``segment_size`` 0 makes one job for every frame; ``overlap`` None lets the server choose (0 for
        images). Field errors (``{"labels": ["Label set must not be empty"]}``…) come as ``InvalidInput``.
        """
        body: dict[str, Any] = {
            "name": name,
            "labels": [label_payload(label) for label in labels],
            "segment_size": segment_size,
            "bug_tracker": bug_tracker,
        }
        if overlap is not None:
            body["overlap"] = overlap
        for key, value in (("assignee", assignee), ("owner", owner), ("project", project)):
            if value is not None:
                body[await self._user_key(key)] = value
        if not await self._server_at_least(1, 2):
            body["z_order"] = z_order
        response = await self._request("POST", "tasks", json=body)
        return decode(response, Task, "new task")

    async def update_task(
        self,
        task_id: int,
        *,
        name: str | _Unset = UNSET,
        assignee: int | _Unset | None = UNSET,
        bug_tracker: str | _Unset = UNSET,
        labels: Sequence[NewLabel] | _Unset = UNSET,
        z_order: bool | _Unset = UNSET,
    ) -> Task:
        """Change the given fields (``assignee=None`` unassigns) and return the task as saved.

        ``labels`` are only the labels to add or update: CVAT never removes a label or an attribute. A label
        whose name exists is updated (color, and its attributes matched by name: default, mutability, type,
        values); a new name is created. Labels not sent are kept as they are.
        """
        body: dict[str, Any] = {}
        if not isinstance(name, _Unset):
            body["name"] = name
        if not isinstance(assignee, _Unset):
            body[await self._user_key("assignee")] = assignee
        if not isinstance(bug_tracker, _Unset):
            body["bug_tracker"] = bug_tracker
        if not isinstance(z_order, _Unset) and not await self._server_at_least(1, 2):
            body["z_order"] = z_order
        if not isinstance(labels, _Unset):
            payload = [label_payload(label) for label in labels]
            if await self._server_at_least(1, 3):
                # v1.3 creates every label sent without an id: existing ones must carry theirs.
                existing = {label.name: label.id for label in (await self.get_task(task_id)).labels}
                for item in payload:
                    if item["name"] in existing:
                        item["id"] = existing[item["name"]]
            body["labels"] = payload
        if not body:
            return await self.get_task(task_id)
        response = await self._request("PATCH", f"tasks/{int(task_id)}", json=body)
        return decode(response, Task, "task")

    async def delete_task(self, task_id: int) -> None:
        """Delete the task with its jobs, annotations and media."""
        await self._request("DELETE", f"tasks/{int(task_id)}")
