"""The task and job routes: one route per path, its methods served by the views modules."""

from __future__ import annotations

from starlette.routing import Route

from . import views_annotations, views_jobs, views_media, views_task_data, views_task_edit, views_tasks
from .endpoint import route

ANNOTATION_METHODS = ("GET", "PUT", "PATCH", "DELETE")

ROUTES: list[Route] = [
    route("tasks", {"GET": views_tasks.list_tasks, "POST": views_task_edit.create_task}),
    route(
        "tasks/{task_id}",
        {
            "GET": views_tasks.get_task,
            "PATCH": views_task_edit.change_task,
            "PUT": views_task_edit.change_task,
            "DELETE": views_task_edit.delete_task,
        },
    ),
    route("tasks/{task_id}/jobs", {"GET": views_tasks.task_jobs}),
    route("tasks/{task_id}/status", {"GET": views_task_data.task_status}),
    route("tasks/{task_id}/data", {"GET": views_media.task_data, "POST": views_task_data.attach_data}),
    route("tasks/{task_id}/data/meta", {"GET": views_media.data_meta}),
    route("tasks/{task_id}/annotations", dict.fromkeys(ANNOTATION_METHODS, views_annotations.task_annotations)),
    route("tasks/{task_id}/dataset", {"GET": views_annotations.dataset}),
    route("jobs/{job_id}", {"GET": views_jobs.get_job, "PATCH": views_jobs.change_job, "PUT": views_jobs.change_job}),
    route("jobs/{job_id}/annotations", dict.fromkeys(ANNOTATION_METHODS, views_annotations.job_annotations)),
]
