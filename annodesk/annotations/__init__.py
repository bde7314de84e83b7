"""A job's annotations, Qt-free: typed objects read from and written to the server's labeled-data JSON, the
task's labels, tracks at any frame as CVAT v1.1's web client computes them, the objects visible at a frame, and
label colours. Pure Python (no Qt, no network): the canvas, the edits and the three-way merge build on it."""

from .colors import PALETTE, group_color, instance_color, label_color, palette_color
from .frames import SHAPE, TRACK, FrameIndex, FrameObject
from .labels import AttributeSpec, Label, LabelSet
from .normal import by_key, normalized, object_key
from .objects import SHAPE_TYPES, Annotations, Attribute, Shape, Tag, Track, TrackedShape, attribute_map
from .polyline import interpolate_polygon, interpolate_polyline
from .tracks import TrackState, TrackTimeline, track_at

__all__ = [
    "PALETTE",
    "SHAPE",
    "SHAPE_TYPES",
    "TRACK",
    "Annotations",
    "Attribute",
    "AttributeSpec",
    "FrameIndex",
    "FrameObject",
    "Label",
    "LabelSet",
    "Shape",
    "Tag",
    "Track",
    "TrackState",
    "TrackTimeline",
    "TrackedShape",
    "attribute_map",
    "by_key",
    "group_color",
    "instance_color",
    "interpolate_polygon",
    "interpolate_polyline",
    "label_color",
    "normalized",
    "object_key",
    "palette_color",
    "track_at",
]
