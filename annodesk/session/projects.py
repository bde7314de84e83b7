"""Projects for the UI (contract §7): their pages read live, or from the offline cache when the network is gone,
and every project write (create, rename, reassign, delete) — to the server, then to the cache's copies. No Qt.

Deleting a project deletes its tasks on the server (CVAT does); their cached copies go too.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import msgspec

from annodesk.api import UNSET
from annodesk.api.models import Page
from annodesk.api.projects import Project
from annodesk.api.unset import _Unset

from .repository import Fetched, Repository

PAGE_KIND = "projects"  # the cache's kind for project pages
LAST = "last"


@dataclass(frozen=True)
class ProjectQuery:
    """What the projects list asks for: page, search, the owner/assignee/status filters and the ordering."""

    page: int = 1
    page_size: int = 10
    search: str = ""
    ordering: str = ""
    owner: str = ""  # a username (substring, as CVAT filters)
    assignee: str = ""
    status: str = ""

    @property
    def key(self) -> str:
        """A stable cache key."""
        return (
            f"page={self.page}&page_size={self.page_size}&search={self.search}&ordering={self.ordering}"
            f"&owner={self.owner}&assignee={self.assignee}&status={self.status}"
        )


class ProjectsRepository:
    """Project pages and single projects through ``repository`` 's client, cached in its offline cache."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository
        self.client = repository.client
        self.cache = repository.cache
        self._page_keys: set[str] = set()  # the pages cached by this session (writer thread only)

    async def page(self, query: ProjectQuery) -> Fetched[Page[Project]]:
        """A page of projects; offline, the cached copy of that page (else the last page seen)."""

        def fetch() -> Awaitable[Page[Project]]:
            return self.client.list_projects(
                query.page,
                query.page_size,
                search=query.search or None,
                ordering=query.ordering or None,
                owner=query.owner,
                assignee=query.assignee,
                status=query.status,
            )

        return await self.repository.read_through(
            fetch,
            lambda page: self._store_page(query, page),
            lambda: self._cached(query.key) or self._cached(LAST),
        )

    def _cached(self, key: str) -> tuple[Page[Project], float] | None:
        return self.cache.get(PAGE_KIND, key, Page[Project])

    def _store_page(self, query: ProjectQuery, page: Page[Project]) -> None:
        self.cache.put(PAGE_KIND, query.key, page)
        self.cache.put(PAGE_KIND, LAST, page)
        self._page_keys.update((query.key, LAST))

    def replace_in_pages(self, project: Project) -> None:
        """Cached pages listing ``project`` show it as saved."""
        self._edit_pages(lambda items: tuple(project if item.id == project.id else item for item in items))

    def forget(self, project_id: int) -> None:
        """A deleted project leaves the cached pages, its tasks the cached task pages."""
        self._edit_pages(lambda items: tuple(item for item in items if item.id != project_id))
        self.repository.forget_project_tasks(project_id)

    def _edit_pages(self, change: Callable[[tuple[Project, ...]], tuple[Project, ...]]) -> None:
        for key in list(self._page_keys):
            hit = self._cached(key)
            if hit is None:
                continue
            page = hit[0]
            results = change(page.results)
            if results != page.results:
                count = max(0, page.count - (len(page.results) - len(results)))
                self.cache.put(PAGE_KIND, key, msgspec.structs.replace(page, results=results, count=count))


class ProjectWrites:
    """Every project write: the server first, then the cache's copies (a refused write changes nothing)."""

    def __init__(self, projects: ProjectsRepository) -> None:
        self.projects = projects
        self.client = projects.client

    async def create(self, name: str, *, assignee: int | None = None, bug_tracker: str = "") -> Project:
        """A new project owned by the signed-in user (the list is reloaded to show it)."""
        return await self.client.create_project(name, assignee=assignee, bug_tracker=bug_tracker)

    async def update(
        self,
        project_id: int,
        *,
        name: str | _Unset = UNSET,
        assignee: int | _Unset | None = UNSET,
        owner: int | _Unset | None = UNSET,
        bug_tracker: str | _Unset = UNSET,
    ) -> Project:
        """Rename or reassign; the project as saved replaces its rows in the cached pages."""
        project = await self.client.update_project(
            project_id, name=name, assignee=assignee, owner=owner, bug_tracker=bug_tracker
        )
        await self.projects.repository.on_writer(self.projects.replace_in_pages, project)
        return project

    async def delete(self, project_id: int) -> None:
        """Delete the project and, on the server, every task in it; the cached copies of both go."""
        await self.client.delete_project(project_id)
        await self.projects.repository.on_writer(self.projects.forget, project_id)
