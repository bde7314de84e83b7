"""Words of the annotation workspace shown translated: shape types and object kinds (server values unchanged)."""

from __future__ import annotations

from annodesk.i18n import QT_TRANSLATE_NOOP

from .vocabulary import Vocabulary

SHAPE_TYPE = Vocabulary(
    "ShapeType",
    (
        QT_TRANSLATE_NOOP("ShapeType", "rectangle"),
        QT_TRANSLATE_NOOP("ShapeType", "polygon"),
        QT_TRANSLATE_NOOP("ShapeType", "polyline"),
        QT_TRANSLATE_NOOP("ShapeType", "points"),
        QT_TRANSLATE_NOOP("ShapeType", "cuboid"),
        QT_TRANSLATE_NOOP("ShapeType", "tag"),
    ),
)
"""Shape types (and ``tag``)."""

OBJECT_KIND = Vocabulary(
    "ObjectKind",
    (
        QT_TRANSLATE_NOOP("ObjectKind", "shape"),
        QT_TRANSLATE_NOOP("ObjectKind", "track"),
        QT_TRANSLATE_NOOP("ObjectKind", "tag"),
    ),
)
"""Whether an object is a shape (one frame), a track (interpolated over frames) or a tag."""
