"""Async client library for the CVAT v1 REST API. No Qt in here: usable on its own.

The client (httpx) and the models (msgspec) are imported on first use, so that importing the errors or the
URL helpers — all the sign-in dialog needs before the user signs in — stays cheap at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    BadCredentials,
    CvatError,
    InvalidInput,
    MalformedResponse,
    NetworkError,
    NotAuthenticated,
    NotCvatServer,
    NotFound,
    PermissionDenied,
    RateLimited,
    RequestRejected,
    RequestTimeout,
    ServerError,
    ServerUnreachable,
)
from .urls import is_loopback_host, normalize_server_url

if TYPE_CHECKING:
    from .client import UNSET, CvatClient, redact_headers
    from .models import (
        Attribute,
        DataMeta,
        FrameInfo,
        Job,
        JobRef,
        Label,
        Page,
        RegisteredUser,
        Segment,
        ServerAbout,
        Task,
        User,
        UserRef,
    )

_LAZY = {
    **dict.fromkeys(("UNSET", "CvatClient", "redact_headers"), "client"),
    **dict.fromkeys(
        (
            "Attribute",
            "DataMeta",
            "FrameInfo",
            "Job",
            "JobRef",
            "Label",
            "Page",
            "RegisteredUser",
            "Segment",
            "ServerAbout",
            "Task",
            "User",
            "UserRef",
        ),
        "models",
    ),
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


__all__ = [
    "UNSET",
    "Attribute",
    "BadCredentials",
    "CvatClient",
    "CvatError",
    "DataMeta",
    "FrameInfo",
    "InvalidInput",
    "Job",
    "JobRef",
    "Label",
    "MalformedResponse",
    "NetworkError",
    "NotAuthenticated",
    "NotCvatServer",
    "NotFound",
    "Page",
    "PermissionDenied",
    "RateLimited",
    "RegisteredUser",
    "RequestRejected",
    "RequestTimeout",
    "Segment",
    "ServerAbout",
    "ServerError",
    "ServerUnreachable",
    "Task",
    "User",
    "UserRef",
    "is_loopback_host",
    "normalize_server_url",
    "redact_headers",
]
