"""Async client library for the CVAT v1 REST API. No Qt in here: usable on its own.

The client (httpx) and the models (msgspec) are imported on first use, so that importing the errors or the
URL helpers — all the sign-in dialog needs before the user signs in — stays cheap at start-up.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .errors import (
    AnswerTooLarge,
    BadCredentials,
    CaBundleError,
    CertificateNotTrusted,
    CvatError,
    ExportFailed,
    ImportFailed,
    InvalidInput,
    MalformedResponse,
    NetworkError,
    NotAuthenticated,
    NotCvatServer,
    NotFound,
    PermissionDenied,
    RateLimited,
    RedirectRefused,
    RequestRejected,
    RequestTimeout,
    ServerError,
    ServerUnreachable,
    TaskProcessingFailed,
    UploadInterrupted,
)
from .urls import is_loopback_host, normalize_server_url

if TYPE_CHECKING:
    from .annotation_models import (
        Annotations,
        AttributeVal,
        LabeledShape,
        LabeledTag,
        LabeledTrack,
        TrackedShape,
    )
    from .client import (
        CvatClient,
        redact_headers,
    )
    from .labels import (
        LabelProblem,
        LabelSpecError,
        SpecPlace,
        label_problems,
        labels_from_json,
        labels_to_json,
        new_label_from,
        validate_labels,
    )
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
    from .projects import PROJECT_FILTERS, PROJECT_ORDERING, Project
    from .task_models import (
        INPUT_TYPES,
        AnnotationFormat,
        AnnotationFormats,
        DataUpload,
        NewAttribute,
        NewLabel,
        TaskStatus,
    )
    from .unset import UNSET

# What is imported on first use, by module (the client and models need httpx and msgspec).
_LAZY = {
    **dict.fromkeys(("CvatClient", "redact_headers"), "client"),
    "UNSET": "unset",
    **dict.fromkeys(("PROJECT_FILTERS", "PROJECT_ORDERING", "Project"), "projects"),
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
    **dict.fromkeys(
        ("Annotations", "AttributeVal", "LabeledShape", "LabeledTag", "LabeledTrack", "TrackedShape"),
        "annotation_models",
    ),
    **dict.fromkeys(
        (
            "LabelProblem",
            "LabelSpecError",
            "SpecPlace",
            "label_problems",
            "labels_from_json",
            "labels_to_json",
            "new_label_from",
            "validate_labels",
        ),
        "labels",
    ),
    **dict.fromkeys(
        (
            "INPUT_TYPES",
            "AnnotationFormat",
            "AnnotationFormats",
            "DataUpload",
            "NewAttribute",
            "NewLabel",
            "TaskStatus",
        ),
        "task_models",
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
    "INPUT_TYPES",
    "PROJECT_FILTERS",
    "PROJECT_ORDERING",
    "UNSET",
    "AnnotationFormat",
    "AnnotationFormats",
    "Annotations",
    "AnswerTooLarge",
    "Attribute",
    "AttributeVal",
    "BadCredentials",
    "CaBundleError",
    "CertificateNotTrusted",
    "CvatClient",
    "CvatError",
    "DataMeta",
    "DataUpload",
    "ExportFailed",
    "FrameInfo",
    "ImportFailed",
    "InvalidInput",
    "Job",
    "JobRef",
    "Label",
    "LabelProblem",
    "LabelSpecError",
    "LabeledShape",
    "LabeledTag",
    "LabeledTrack",
    "MalformedResponse",
    "NetworkError",
    "NewAttribute",
    "NewLabel",
    "NotAuthenticated",
    "NotCvatServer",
    "NotFound",
    "Page",
    "PermissionDenied",
    "Project",
    "RateLimited",
    "RedirectRefused",
    "RegisteredUser",
    "RequestRejected",
    "RequestTimeout",
    "Segment",
    "ServerAbout",
    "ServerError",
    "ServerUnreachable",
    "SpecPlace",
    "Task",
    "TaskProcessingFailed",
    "TaskStatus",
    "TrackedShape",
    "UploadInterrupted",
    "User",
    "UserRef",
    "is_loopback_host",
    "label_problems",
    "labels_from_json",
    "labels_to_json",
    "new_label_from",
    "normalize_server_url",
    "redact_headers",
    "validate_labels",
]
