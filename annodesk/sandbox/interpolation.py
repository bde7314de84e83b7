"""Tracks between their keyframes, as CVAT's ``TrackManager`` expands them: linear interpolation of points
(when two keyframes have the same type and number of points), nothing while the object is outside, and the last
keyframe held until the end of the task."""

from __future__ import annotations

from itertools import pairwise
from typing import Any


def interpolated_shapes(track: dict[str, Any], end_frame: int) -> list[dict[str, Any]]:
    """Every frame's shape of ``track`` up to ``end_frame`` (inclusive), each with a ``keyframe`` flag.

    Outside shapes are kept (marked ``outside``) where they are keyframes; no shapes are made after them.
    """
    keyframes = sorted(track["shapes"], key=lambda shape: shape["frame"])
    result: list[dict[str, Any]] = []
    for current, following in pairwise(keyframes):
        result.append({**current, "keyframe": True})
        if current["outside"]:
            continue
        span = following["frame"] - current["frame"]
        same_kind = current["type"] == following["type"] and len(current["points"]) == len(following["points"])
        for frame in range(current["frame"] + 1, following["frame"]):
            share = (frame - current["frame"]) / span
            points = (
                [a + (b - a) * share for a, b in zip(current["points"], following["points"], strict=True)]
                if same_kind
                else list(current["points"])
            )
            result.append({**current, "id": None, "frame": frame, "points": points, "keyframe": False})
    if keyframes:
        last = keyframes[-1]
        result.append({**last, "keyframe": True})
        if not last["outside"]:
            for frame in range(last["frame"] + 1, end_frame + 1):
                result.append({**last, "id": None, "frame": frame, "keyframe": False})
    return result
