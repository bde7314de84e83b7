"""``projects``, ``projects/{id}`` and ``projects/{id}/tasks`` as CVAT v1.1 serves them (contract §7): paged
lists with search, filters and ordering; create, detail, PATCH and DELETE (its tasks go too); no PUT."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from . import fields as f
from .accounts import Account
from .endpoint import Call, route
from .fields import storable
from .http import field_errors, forbidden, json_response, method_not_allowed, not_found, read_body
from .pagination import page_body, paginate
from .permissions import can_create_task, sees_every_task, task_annotator
from .projects import ORDERING_COLUMNS, TEXT_FILTERS, ProjectQuery, ProjectRow
from .tasks import TaskQuery
from .transfers import forget_task
from .views_tasks import SEARCH_SPLIT

COLUMNS = {"name": "name", "owner": "owner_id", "assignee": "assignee_id", "bug_tracker": "bug_tracker"}


# Rights (CVAT v1.1 ``authentication/auth.py``) ---------------------------------------------------------------
def _privileged(user: Account) -> bool:
    return user.is_superuser or user.in_group("admin")


def _annotator(call: Call, project: ProjectRow) -> bool:
    """A job annotator in one of the project's tasks."""
    for task_id in call.state.projects.task_ids(project.id):
        access = call.state.tasks.access(task_id)
        if access is not None and task_annotator(call.user, access):
            return True
    return False


def can_view_project(call: Call, project: ProjectRow) -> bool:
    """Admin, observer, owner, or annotator of one of its tasks."""
    user = call.user
    return _privileged(user) or user.in_group("observer") or user.id == project.owner_id or _annotator(call, project)


def can_change_project(user: Account, project: ProjectRow) -> bool:
    """Admin, owner, assignee."""
    return _privileged(user) or user.id in (project.owner_id, project.assignee_id)


def can_delete_project(user: Account, project: ProjectRow) -> bool:
    """Admin, owner."""
    return _privileged(user) or user.id == project.owner_id


def _project(call: Call) -> ProjectRow:
    project = call.state.projects.get(call.int_param("project_id"))
    if project is None:
        raise not_found()
    return project


# Views --------------------------------------------------------------------------------------------------------
def project_query(call: Call) -> ProjectQuery:
    """The list request's search, filters and ordering, validated as django-filter and DRF do."""
    params = call.request.query_params
    terms = tuple(term for term in SEARCH_SPLIT.split(params.get("search", "")) if term)
    filters = tuple((name, params[name]) for name in TEXT_FILTERS if params.get(name))
    project_id = None
    if params.get("id"):
        try:
            project_id = int(params["id"])
        except ValueError:
            raise field_errors({"id": ["Enter a number."]}) from None
        if not storable(project_id):
            project_id = -1
    ordering = tuple(
        key
        for key in (part.strip() for part in params.get("ordering", "").split(","))
        if key.lstrip("-") in ORDERING_COLUMNS
    )
    viewer = None if sees_every_task(call.user) else call.user.id
    return ProjectQuery(viewer, terms, filters, project_id, ordering)


async def list_projects(call: Call) -> dict[str, Any]:
    """``GET projects``: newest first, paged."""
    ids = call.state.projects.list_ids(project_query(call))
    shown, page = paginate(call.request, ids)
    return page_body([row.json(call.api_root) for row in call.state.projects.load(list(shown))], page)


def _parse(call: Call, body: dict[str, Any], *, partial: bool) -> dict[str, Any]:
    def user(value: Any) -> int:
        return f.primary_key(value, lambda pk: call.state.accounts.by_id(pk) is not None)

    values, errors = f.collect(
        body,
        {
            "name": f.not_null(lambda v: f.char(v, max_length=256)),
            "owner": f.nullable(user),
            "assignee": f.nullable(user),
            "bug_tracker": f.not_null(lambda v: f.char(v, max_length=2000, allow_blank=True)),
        },
        required=frozenset() if partial else frozenset({"name"}),
    )
    if errors:
        raise field_errors(errors)
    return values


async def create_project(call: Call) -> Response:
    """201 with the project and ``Location``; the creator owns it unless ``owner`` says otherwise."""
    if not can_create_task(call.user):
        raise forbidden()
    values = _parse(call, await read_body(call.request), partial=False)
    project_id = call.state.projects.create(
        values["name"],
        values.get("owner") or call.user.id,
        values.get("assignee"),
        values.get("bug_tracker", ""),
    )
    created = call.state.projects.get(project_id)
    assert created is not None
    body = created.json(call.api_root)
    return json_response(body, 201, {"Location": body["url"]})


async def get_project(call: Call) -> dict[str, Any]:
    """``GET projects/{id}``: 404 when missing, 403 when not yours to see."""
    project = _project(call)
    if not can_view_project(call, project):
        raise forbidden()
    return project.json(call.api_root)


async def change_project(call: Call) -> dict[str, Any]:
    """``PATCH projects/{id}``: name, owner, assignee, bug tracker."""
    project = _project(call)
    if not can_change_project(call.user, project):
        raise forbidden()
    values = _parse(call, await read_body(call.request), partial=True)
    call.state.projects.update(project.id, {COLUMNS[key]: value for key, value in values.items()})
    changed = call.state.projects.get(project.id)
    assert changed is not None
    return changed.json(call.api_root)


async def delete_project(call: Call) -> Response:
    """204; its tasks go too, with their jobs, annotations, media and exports."""
    project = _project(call)
    if not can_delete_project(call.user, project):
        raise forbidden()
    for task_id in call.state.projects.task_ids(project.id):
        job_ids = [job.id for job in call.state.tasks.jobs_of(task_id)]
        for data_id in call.state.edits.delete(task_id):
            call.state.media.remove(data_id)
        forget_task(call.state, task_id, job_ids)
    call.state.projects.delete(project.id)
    return Response(status_code=204)


async def project_tasks(call: Call) -> dict[str, Any]:
    """``GET projects/{id}/tasks``: the project's tasks the caller may list, newest first, paged."""
    project = _project(call)
    if not can_view_project(call, project):
        raise forbidden()
    viewer = None if sees_every_task(call.user) else call.user.id
    ids = call.state.tasks.list_ids(TaskQuery(viewer_id=viewer, project_id=project.id))
    shown, page = paginate(call.request, ids)
    return page_body(call.state.tasks.load(shown, call.api_root), page)


# Methods the view set does not serve: its permission class for the method runs first (DRF), then 405 -----------
def _refused(allowed: Any) -> Any:
    async def handler(call: Call) -> None:
        if not allowed(call.user):
            raise forbidden()
        raise method_not_allowed(call.request.method)

    return handler


ADMIN_ONLY = _refused(_privileged)  # PUT, OPTIONS: AdminRolePermission
ANYONE = _refused(lambda user: True)  # PATCH, DELETE on a list: object permissions never run
CREATORS = _refused(can_create_task)  # POST where there is nothing to create

ROUTES = [
    route(
        "projects",
        {
            "GET": list_projects,
            "POST": create_project,
            "PUT": ADMIN_ONLY,
            "OPTIONS": ADMIN_ONLY,
            "PATCH": ANYONE,
            "DELETE": ANYONE,
        },
    ),
    route(
        "projects/{project_id}",
        {
            "GET": get_project,
            "PATCH": change_project,
            "DELETE": delete_project,
            "PUT": ADMIN_ONLY,
            "OPTIONS": ADMIN_ONLY,
            "POST": CREATORS,
        },
    ),
    route(
        "projects/{project_id}/tasks",
        {
            "GET": project_tasks,
            "PUT": ADMIN_ONLY,
            "OPTIONS": ADMIN_ONLY,
            "POST": CREATORS,
            "PATCH": ANYONE,
            "DELETE": ANYONE,
        },
    ),
]
