"""A job's annotations, Qt-free: typed objects read from and written to the server's labeled-data JSON, the
task's labels, tracks at any frame as CVAT v1.1's web client computes them, the objects visible at a frame, label
colours, and the three-way merge of saves. Pure Python (no Qt, no network): the canvas and the edits build on it."""

from .colors import PALETTE, group_color, instance_color, label_color, palette_color
from .frames import SHAPE, TRACK, FrameIndex, FrameObject
from .labels import AttributeSpec, Label, LabelSet
from .merge import (
    BOTH,
    BOTH_CHANGED,
    DELETED_HERE,
    DELETED_THERE,
    KEYFRAME_DELETED,
    LABEL_CHANGED,
    MINE,
    NO_KEYFRAMES,
    THEIRS,
    Conflict,
    MergeResult,
    PossibleDuplicate,
    Requests,
    changes,
    merge,
    resolve,
)
from .normal import by_key, normalized, object_key
from .objects import SHAPE_TYPES, Annotations, Attribute, Shape, Tag, Track, TrackedShape, attribute_map
from .pending import Recovery, adopt_ids, created_ids, expected_version, recover_creates, version_check
from .polyline import interpolate_polygon, interpolate_polyline
from .tracks import TrackState, TrackTimeline, track_at

__all__ = [
    "BOTH",
    "BOTH_CHANGED",
    "DELETED_HERE",
    "DELETED_THERE",
    "KEYFRAME_DELETED",
    "LABEL_CHANGED",
    "MINE",
    "NO_KEYFRAMES",
    "PALETTE",
    "SHAPE",
    "SHAPE_TYPES",
    "THEIRS",
    "TRACK",
    "Annotations",
    "Attribute",
    "AttributeSpec",
    "Conflict",
    "FrameIndex",
    "FrameObject",
    "Label",
    "LabelSet",
    "MergeResult",
    "PossibleDuplicate",
    "Recovery",
    "Requests",
    "Shape",
    "Tag",
    "Track",
    "TrackState",
    "TrackTimeline",
    "TrackedShape",
    "adopt_ids",
    "attribute_map",
    "by_key",
    "changes",
    "created_ids",
    "expected_version",
    "group_color",
    "instance_color",
    "interpolate_polygon",
    "interpolate_polyline",
    "label_color",
    "merge",
    "normalized",
    "object_key",
    "palette_color",
    "recover_creates",
    "resolve",
    "track_at",
    "version_check",
]
