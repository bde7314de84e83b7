"""Projects (contract §7): ``projects`` (paged list, create), ``projects/{id}`` (read, PATCH, DELETE) and
``projects/{id}/tasks``.

Rights (CVAT v1.1): create — admin and user groups; view — admin, observer, owner, annotator of one of its tasks;
change — admin, owner, assignee; delete — admin, owner. A refusal is :class:`~annodesk.api.errors.PermissionDenied`.
A v1.1 project has no labels: a task in a project keeps its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

import msgspec

from .client_base import ClientBase
from .models import Page, Task, UserField, _Model, user_id
from .responses import decode
from .unset import UNSET, _Unset

# What a project list may be ordered by (CVAT v1.1 ``ProjectViewSet.ordering_fields``); ``-`` for descending.
PROJECT_ORDERING = ("id", "name", "owner", "status", "assignee")
# Its substring filters (``ProjectFilter``); ``id`` is exact.
PROJECT_FILTERS = ("name", "owner", "assignee", "status")


class Project(_Model, frozen=True):
    """A project: owner and assignee are user ids on v1.1, nested users on v1.2+."""

    id: int
    name: str
    created_date: datetime
    updated_date: datetime
    url: str = ""
    owner: UserField = None
    assignee: UserField = None
    bug_tracker: str = ""
    status: str = "annotation"

    @property
    def owner_id(self) -> int | None:
        return user_id(self.owner)

    @property
    def assignee_id(self) -> int | None:
        return user_id(self.assignee)


class ProjectCalls(ClientBase):
    """Project reads and writes."""

    async def _user_key(self, name: str) -> str:
        raise NotImplementedError

    async def list_projects(
        self,
        page: int = 1,
        page_size: int = 10,
        search: str | None = None,
        ordering: str | Iterable[str] | None = None,
        **filters: str | int | None,
    ) -> Page[Project]:
        """One page of the projects the user may see, newest first unless ``ordering`` says otherwise.

        ``filters``: ``name``, ``owner``, ``assignee`` (usernames), ``status`` (substring), ``id`` (exact).
        """
        if page < 1 or page_size < 1:
            raise ValueError("page and page_size start at 1")
        params: dict[str, Any] = {"page": page, "page_size": page_size}
        if search:
            params["search"] = search
        if ordering:
            params["ordering"] = ordering if isinstance(ordering, str) else ",".join(ordering)
        params.update({k: v for k, v in filters.items() if v not in (None, "")})
        result: Page[Project] = await self._get("projects", Page[Project], "project list", params)
        return msgspec.structs.replace(result, page=page, page_size=page_size)

    async def get_project(self, project_id: int) -> Project:
        """One project."""
        return await self._get(f"projects/{int(project_id)}", Project, "project")

    async def create_project(
        self, name: str, *, assignee: int | None = None, owner: int | None = None, bug_tracker: str = ""
    ) -> Project:
        """A new project (the creator owns it unless ``owner`` says otherwise); field errors as ``InvalidInput``."""
        body: dict[str, Any] = {"name": name, "bug_tracker": bug_tracker}
        for key, value in (("assignee", assignee), ("owner", owner)):
            if value is not None:
                body[await self._user_key(key)] = value
        response = await self._request("POST", "projects", json=body)
        return decode(response, Project, "new project")

    async def update_project(
        self,
        project_id: int,
        *,
        name: str | _Unset = UNSET,
        assignee: int | _Unset | None = UNSET,
        owner: int | _Unset | None = UNSET,
        bug_tracker: str | _Unset = UNSET,
    ) -> Project:
        """Rename or reassign a project (``assignee=None`` unassigns); the project as saved."""
        body: dict[str, Any] = {}
        if not isinstance(name, _Unset):
            body["name"] = name
        for key, value in (("assignee", assignee), ("owner", owner)):
            if not isinstance(value, _Unset):
                body[await self._user_key(key)] = value
        if not isinstance(bug_tracker, _Unset):
            body["bug_tracker"] = bug_tracker
        if not body:
            return await self.get_project(project_id)
        response = await self._request("PATCH", f"projects/{int(project_id)}", json=body)
        return decode(response, Project, "project")

    async def delete_project(self, project_id: int) -> None:
        """Delete the project and, as CVAT does, every task in it (with their jobs, annotations and media)."""
        await self._request("DELETE", f"projects/{int(project_id)}")

    async def project_tasks(self, project_id: int, page: int = 1, page_size: int = 10) -> Page[Task]:
        """One page of the project's tasks the user may see (``projects/{id}/tasks``), newest first.

        For search and ordering within a project use ``list_tasks(project_id=...)``, which the task table does.
        """
        if page < 1 or page_size < 1:
            raise ValueError("page and page_size start at 1")
        params = {"page": page, "page_size": page_size}
        result: Page[Task] = await self._get(f"projects/{int(project_id)}/tasks", Page[Task], "task list", params)
        return msgspec.structs.replace(result, page=page, page_size=page_size)
