"""``server/*`` endpoints and the API root."""

from __future__ import annotations

from typing import Any

from . import formats
from .endpoint import Call, route
from .http import ApiError

ABOUT = {
    "name": "Computer Vision Annotation Tool",
    "description": (
        "CVAT is completely re-designed and re-implemented version of Video Annotation Tool from Irvine, "
        "California tool. It is free, online, interactive video and image annotation tool for computer vision. "
        "It is being used by our team to annotate million of objects with different properties. Many UI and UX "
        "decisions are based on feedbacks from professional data annotation team."
    ),
    "version": "1.1",
}


async def about(call: Call) -> dict[str, Any]:
    """``GET server/about``."""
    return dict(ABOUT)


async def annotation_formats(call: Call) -> dict[str, Any]:
    """``GET server/annotation/formats``: the formats the sandbox reads and writes (TFRecord disabled)."""
    return {
        "importers": [entry.describe() for entry in formats.IMPORTERS],
        "exporters": [entry.describe() for entry in formats.EXPORTERS],
    }


async def share(call: Call) -> list[dict[str, str]]:
    """``GET server/share``: the sandbox's share is empty."""
    directory = call.request.query_params.get("directory", "/").strip("/")
    if directory:
        raise ApiError(400, f"{directory} is an invalid directory")
    return []


async def api_root(call: Call) -> dict[str, str]:
    """``GET /api/v1/``: DRF's router root."""
    return {name: f"{call.api_root}/{name}" for name in ("tasks", "jobs", "users", "server", "projects")}


ROUTES = [
    route("server/about", {"GET": about}),
    route("server/annotation/formats", {"GET": annotation_formats}),
    route("server/share", {"GET": share}),
    route("", {"GET": api_root}),
]
