"""The projects list's controller (contract §7), beside the :class:`~annodesk.tasks.controller.TaskController` it
filters: the query (page, page size, search, owner/assignee/status filters, ordering), page loads (latest wins),
the chosen project (the task table then shows its tasks), and the project writes. QtCore only, no widget.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annodesk.api import CvatError, NotFound
from annodesk.api.models import Page
from annodesk.api.projects import Project
from annodesk.api.unset import UNSET, _Unset
from annodesk.i18n import LiveText, arg
from annodesk.messages import action_error
from annodesk.models.elide import elided
from annodesk.session.projects import ProjectQuery, ProjectsRepository, ProjectWrites

from .controller import PAGE_SIZES, TaskController

ALL_PROJECTS_PAGE = 500  # how many projects the create-task dialog and the task details know by name


class ProjectsController(QObject):
    """Browses and changes the projects of ``tasks`` ' session; choosing one filters ``tasks`` to its tasks.

    Signals: ``pageLoaded(Fetched[Page[Project]])`` (state already updated); ``pageFailed(CvatError)`` (the
    previous page stays); ``chosenChanged(Project or None)``; ``namesChanged(dict id → name)`` the projects known
    by name (for the task details and the create-task dialog); ``projectSaved(Project)`` created or changed;
    ``projectDeleted(project id)``. Status lines go through ``tasks.say``.
    """

    pageLoaded = Signal(object)
    pageFailed = Signal(object)
    chosenChanged = Signal(object)
    namesChanged = Signal(object)
    projectSaved = Signal(object)
    projectDeleted = Signal(int)

    def __init__(self, tasks: TaskController) -> None:
        super().__init__(tasks)
        self.tasks = tasks
        self.repository = ProjectsRepository(tasks.repository)
        self.writes = ProjectWrites(self.repository)  # every project write
        self.page = 1
        self.page_size = PAGE_SIZES[0]
        self.search = ""
        self.ordering = ""
        self.owner = ""
        self.assignee = ""
        self.status = ""
        self.page_count = 1
        self.total = 0
        self.projects: tuple[Project, ...] = ()  # the page shown
        self.known: dict[int, Project] = {}  # every project seen (by id): names for the task details
        self.chosen: Project | None = None

    # -- the query ---------------------------------------------------------------------------------

    def query(self) -> ProjectQuery:
        return ProjectQuery(
            self.page,
            self.page_size,
            self.search.strip(),
            self.ordering,
            self.owner.strip(),
            self.assignee.strip(),
            self.status,
        )

    def start(self) -> None:
        """Load the first page and the projects known by name (again whenever the server is back)."""
        self.tasks.onlineChanged.connect(self._online_changed)
        self.refresh()
        self.tasks.run(self._load_names(), "project names")

    def _online_changed(self, online: bool) -> None:
        if online:
            self.refresh()
            self.tasks.run(self._load_names(), "project names")

    def refresh(self) -> None:
        self.tasks.run(self._load_page(self.query()), "projects")

    def go_to_page(self, page: int) -> None:
        page = max(1, min(page, self.page_count))
        if page != self.page:
            self.page = page
            self.refresh()

    def set_page_size(self, size: int) -> None:
        self.page_size, self.page = size, 1
        self.refresh()

    def set_search(self, text: str) -> None:
        self.search, self.page = text, 1
        self.refresh()

    def set_filters(self, *, owner: str = "", assignee: str = "", status: str = "") -> None:
        """Only projects whose owner's / assignee's username contains ``owner`` / ``assignee``, with ``status``."""
        self.owner, self.assignee, self.status, self.page = owner, assignee, status, 1
        self.refresh()

    def sort_by(self, ordering: str) -> None:
        self.ordering, self.page = ordering, 1
        self.refresh()

    # -- loading -----------------------------------------------------------------------------------

    async def _load_page(self, query: ProjectQuery) -> None:
        try:
            fetched = await self.repository.page(query)
        except NotFound as exc:  # the page vanished (fewer projects now): start over
            if query.page > 1:
                self.page = 1
                self.refresh()
                return
            self._page_failed(exc)
            return
        except CvatError as exc:
            self._page_failed(exc)
            return
        page: Page[Project] = fetched.value
        self.projects = page.results
        self.total, self.page_count = page.count, page.page_count
        self.page = min(page.page, self.page_count)
        self._know(page.results)
        self.pageLoaded.emit(fetched)

    def _page_failed(self, exc: CvatError) -> None:
        error = exc
        self.tasks.say(lambda: arg(self.tr("The projects could not be loaded. %1"), action_error(error)))
        self.pageFailed.emit(exc)

    async def _load_names(self) -> None:
        try:
            fetched = await self.repository.page(ProjectQuery(1, ALL_PROJECTS_PAGE, ordering="name"))
        except CvatError:
            return  # names fall back to #id
        self._know(fetched.value.results)

    def _know(self, projects: tuple[Project, ...]) -> None:
        changed = False
        for project in projects:
            if self.known.get(project.id) != project:
                self.known[project.id] = project
                changed = True
        if changed:
            self.namesChanged.emit(self.names())

    def names(self) -> dict[int, str]:
        """The projects known by name, by id."""
        return {project_id: project.name for project_id, project in self.known.items()}

    # -- choosing ----------------------------------------------------------------------------------

    def choose(self, project: Project | None) -> None:
        """Show ``project`` 's tasks in the task table (``None``: all tasks)."""
        if (None if project is None else project.id) == self.chosen_id:
            self.chosen = project
            return
        self.chosen = project
        self.tasks.set_project(None if project is None else project.id)
        self.chosenChanged.emit(project)

    @property
    def chosen_id(self) -> int | None:
        return None if self.chosen is None else self.chosen.id

    # -- rights (CVAT v1.1 ``authentication/auth.py``; while the profile is unknown the server decides) --------

    def _privileged(self) -> bool | None:
        profile = self.tasks.profile
        if profile is None:
            return None
        return profile.is_superuser or "admin" in profile.groups

    def may_create(self) -> bool:
        """Admin and user groups create projects."""
        profile = self.tasks.profile
        return profile is None or bool(self._privileged()) or "user" in profile.groups

    def may_change(self, project: Project) -> bool:
        """Admins, the owner and the assignee rename and reassign."""
        profile = self.tasks.profile
        return profile is None or bool(self._privileged()) or profile.id in (project.owner_id, project.assignee_id)

    def may_delete(self, project: Project) -> bool:
        """Admins and the owner delete."""
        profile = self.tasks.profile
        return profile is None or bool(self._privileged()) or profile.id == project.owner_id

    async def task_count(self, project: Project) -> int | None:
        """How many of the project's tasks the user may see (None: the server did not say)."""
        try:
            page = await self.tasks.repository.client.list_tasks(1, 1, project_id=project.id)
        except CvatError:
            return None
        return page.count

    # -- writes (a dialog awaits them: CvatError is raised to it, field errors and all) -----------------

    async def create(self, name: str, *, assignee: int | None = None, bug_tracker: str = "") -> Project:
        """Create a project, then show the first page (newest first) with it."""
        project = await self.writes.create(name, assignee=assignee, bug_tracker=bug_tracker)
        self._saved(project, lambda: arg(self.tr("Project #%1 “%2” created."), project.id, elided(project.name)))
        self.page = 1
        self.refresh()
        return project

    async def update(
        self,
        project: Project,
        *,
        name: str | _Unset = UNSET,
        assignee: int | _Unset | None = UNSET,
        bug_tracker: str | _Unset = UNSET,
    ) -> Project:
        """Rename and/or reassign ``project``; its row (and the chosen project) show it as saved."""
        saved = await self.writes.update(project.id, name=name, assignee=assignee, bug_tracker=bug_tracker)
        self.projects = tuple(saved if item.id == saved.id else item for item in self.projects)
        if self.chosen_id == saved.id:
            self.chosen = saved
        self._saved(saved, lambda: arg(self.tr("Project #%1 “%2” saved."), saved.id, elided(saved.name)))
        return saved

    def _saved(self, project: Project, text: LiveText) -> None:
        self._know((project,))
        self.tasks.say(text)
        self.projectSaved.emit(project)

    async def delete(self, project: Project) -> bool:
        """Delete ``project`` and its tasks on the server; whether it is gone (a refusal is said, nothing changes)."""
        project_id, name = project.id, elided(project.name)
        self.tasks.say(lambda: arg(self.tr("Deleting project #%1 and its tasks…"), project_id))
        try:
            await self.writes.delete(project_id)
        except NotFound:
            pass  # already gone: the same outcome
        except CvatError as exc:
            error = exc
            self.tasks.say(
                lambda: arg(self.tr("Project #%1 “%2” was not deleted. %3"), project_id, name, action_error(error))
            )
            return False
        self.known.pop(project_id, None)
        self.namesChanged.emit(self.names())
        self.projectDeleted.emit(project_id)
        outcome: LiveText = lambda: arg(self.tr("Project #%1 “%2” was deleted with its tasks."), project_id, name)  # noqa: E731
        self._say_after_task_page(outcome)
        if self.chosen_id == project_id:
            self.choose(None)
        else:
            self.tasks.refresh()  # its tasks may be on the page shown
        self.refresh()
        self.tasks.say(outcome)
        return True

    def _say_after_task_page(self, outcome: LiveText) -> None:
        """The task page reloaded next says "N tasks found": the deletion is what the user wants to read."""
        tasks = self.tasks

        def shown(*_args: object) -> None:
            tasks.pageLoaded.disconnect(shown)
            tasks.pageFailed.disconnect(shown)
            if tasks.online:
                tasks.say(outcome)

        tasks.pageLoaded.connect(shown)
        tasks.pageFailed.connect(shown)
