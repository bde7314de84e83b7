"""Typed settings of the workspace window: geometry and dock layout, playback speed, frame step.

MERGE NOTE: the arch branch (issue 12) brings ``annodesk/settings.py`` with one typed accessor per key; these
accessors should move there (same keys) when it lands. Nothing else reads these keys.
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

LAYOUT_VERSION = 1  # bump when the docks change so an old saved state is not restored onto new docks
GEOMETRY_KEY = "workspace/geometry"
STATE_KEY = "workspace/state"
STATE_VERSION_KEY = "workspace/stateVersion"
FPS_KEY = "workspace/fps"
STEP_KEY = "workspace/step"


def geometry(settings: QSettings) -> QByteArray | None:
    value = settings.value(GEOMETRY_KEY)
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def set_geometry(settings: QSettings, value: QByteArray) -> None:
    settings.setValue(GEOMETRY_KEY, value)


def dock_state(settings: QSettings) -> QByteArray | None:
    value = settings.value(STATE_KEY)
    if _int(settings.value(STATE_VERSION_KEY), 0) != LAYOUT_VERSION:
        return None
    return value if isinstance(value, QByteArray) and not value.isEmpty() else None


def set_dock_state(settings: QSettings, value: QByteArray) -> None:
    settings.setValue(STATE_KEY, value)
    settings.setValue(STATE_VERSION_KEY, LAYOUT_VERSION)


def fps(settings: QSettings) -> int:
    return max(1, min(100, _int(settings.value(FPS_KEY), 25)))


def set_fps(settings: QSettings, value: int) -> None:
    settings.setValue(FPS_KEY, int(value))


def step(settings: QSettings) -> int:
    return max(1, min(1000, _int(settings.value(STEP_KEY), 10)))


def set_step(settings: QSettings, value: int) -> None:
    settings.setValue(STEP_KEY, int(value))


def _int(value: object, default: int) -> int:
    try:
        return int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
