"""``OPTIONS`` on any API route: DRF's ``SimpleMetadata`` (view name, renderers, parsers, and for ``tasks`` the
fields a POST takes when the caller may create tasks)."""

from __future__ import annotations

from typing import Any

RENDERS = ["application/json", "text/html"]
PARSES = ["application/json", "application/x-www-form-urlencoded", "multipart/form-data"]
MAX_INT = 2147483647


def _field(kind: str, label: str, *, required: bool = False, read_only: bool = False, **extra: Any) -> dict[str, Any]:
    return {"type": kind, "required": required, "read_only": read_only, "label": label, **extra}


def _read_only(kind: str, label: str) -> dict[str, Any]:
    return _field(kind, label, read_only=True)


ATTRIBUTE_FIELDS = {
    "id": _field("integer", "ID"),
    "name": _field("string", "Name", required=True, max_length=64),
    "mutable": _field("boolean", "Mutable", required=True),
    "input_type": _field(
        "choice",
        "Input type",
        required=True,
        choices=[{"value": v, "display_name": v} for v in ("checkbox", "radio", "number", "text", "select")],
    ),
    "default_value": _field("string", "Default value", required=True, max_length=128),
    "values": _field("string", "Values", required=True),
}
LABEL_FIELDS = {
    "id": _field("integer", "ID"),
    "name": _field("string", "Name", required=True, max_length=64),
    "color": _field("string", "Color"),
    "attributes": _field(
        "field", "Attributes", child=_field("nested object", "Attributes", required=True, children=ATTRIBUTE_FIELDS)
    ),
}
JOB_FIELDS = {
    "url": _read_only("field", "Url"),
    "id": _read_only("integer", "ID"),
    "assignee": _field("field", "Assignee"),
    "status": _field(
        "choice",
        "Status",
        choices=[{"value": v, "display_name": v} for v in ("annotation", "validation", "completed")],
    ),
}
SEGMENT_FIELDS = {
    "start_frame": _read_only("integer", "Start frame"),
    "stop_frame": _read_only("integer", "Stop frame"),
    "jobs": _field("field", "Jobs", read_only=True, child=_field("nested object", "Jobs", children=JOB_FIELDS)),
}
TASK_FIELDS = {
    "url": _read_only("field", "Url"),
    "id": _read_only("integer", "ID"),
    "name": _field("string", "Name", required=True, max_length=256),
    "mode": _read_only("string", "Mode"),
    "owner": _field("field", "Owner"),
    "assignee": _field("field", "Assignee"),
    "bug_tracker": _field("string", "Bug tracker", max_length=2000),
    "created_date": _read_only("datetime", "Created date"),
    "updated_date": _read_only("datetime", "Updated date"),
    "overlap": _field("integer", "Overlap", min_value=0, max_value=MAX_INT),
    "segment_size": _field("integer", "Segment size", min_value=0, max_value=MAX_INT),
    "z_order": _field("boolean", "Z order"),
    "status": _read_only("choice", "Status"),
    "labels": _field(
        "field", "Labels", required=True, child=_field("nested object", "Labels", required=True, children=LABEL_FIELDS)
    ),
    "segments": _field(
        "field", "Segments", read_only=True, child=_field("nested object", "Segments", children=SEGMENT_FIELDS)
    ),
    "project": _field("field", "Project"),
    "data_chunk_size": _read_only("integer", "Data chunk size"),
    "data_compressed_chunk_type": _read_only("choice", "Data compressed chunk type"),
    "data_original_chunk_type": _read_only("choice", "Data original chunk type"),
    "size": _read_only("integer", "Size"),
    "image_quality": _read_only("integer", "Image quality"),
    "data": _read_only("field", "Data"),
}


def view_name(path: str) -> str:
    """DRF's ``get_view_name`` for a route: ``Task List``, ``Task Instance``, an action's name, an APIView's."""
    parts = [part for part in path.split("/") if not part.startswith("{")]
    detail = path.endswith("}")
    if parts[0] in ("tasks", "jobs", "users", "projects") and len(parts) == 1:
        noun = {"tasks": "Task", "jobs": "Job", "users": "User", "projects": "Project"}[parts[0]]
        return f"{noun} {'Instance' if detail else 'List'}"
    return " ".join(word.replace("-", " ").capitalize() for word in parts[-1:])


def options_body(path: str, post_fields: dict[str, Any] | None) -> dict[str, Any]:
    """The ``OPTIONS`` answer for the route ``path`` (``actions`` only when the caller may POST)."""
    body: dict[str, Any] = {"name": view_name(path), "description": "", "renders": RENDERS, "parses": PARSES}
    if post_fields is not None:
        body["actions"] = {"POST": post_fields}
    return body
