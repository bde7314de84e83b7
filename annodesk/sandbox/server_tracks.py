"""Tracks as CVAT v1.1's server expands and cuts them (``TrackManager.get_interpolated_shapes`` and
``AnnotationIR._slice_track`` in ``cvat/apps/dataset_manager/annotation.py`` at v1.1.0), quirks included:

- The expansion works **in place** on the track's dicts, as the server's does: each keyframe gets
  ``keyframe: True`` and the mutable attributes it lacks, copied from the keyframe before it; the result is cached
  on the track as ``interpolated_shapes`` and returned as is by later calls while that list is not empty (even for
  another end frame). Those extra keys leak into the task-level PUT/PATCH answers (§ "views" below).
- Between keyframes: straight lines for rectangles and cuboids, points only with one point on both sides, polygons
  and polylines resampled by the same algorithm as the web client. Towards an outside keyframe the left shape is
  held.
- After the last visible keyframe only rectangles, points and cuboids go on, up to ``end_frame - 1``.

Where the sandbox departs from it, accepting writes the server fails on with a 500: keyframes are taken in frame
order (the server asserts they are sorted); a shape copied to a segment's edge loses its ``id`` (the server keeps
the keyframe's id and fails on a duplicate key); a part that would be one interpolated shape gets it once (the server
adds it twice and fails deleting its ``keyframe`` key twice); a track with nothing left in a segment is left out of
it (the server fails reading its first shape). ``scripts/cvat_server_oracle/compare.py`` checks everything else
against the server's own code.
"""

from __future__ import annotations

import copy
from typing import Any

from annodesk.annotations.polyline import PolyPlan

EXTENDED_TYPES = ("rectangle", "points", "cuboid")


def _copy_shape(source: dict[str, Any], frame: int, points: list[float] | None = None) -> dict[str, Any]:
    copied = copy.deepcopy(source)
    copied["keyframe"] = False
    copied["frame"] = frame
    if points is not None:
        copied["points"] = points
    return copied


def _between(shape0: dict[str, Any], shape1: dict[str, Any]) -> list[dict[str, Any]]:
    """The shapes strictly between two keyframes (the left one held when the right one is outside)."""
    kind = shape0["type"]
    if kind != shape1["type"]:
        raise ValueError("keyframes of different types")  # the server's NotImplementedError: a 500
    frames = range(shape0["frame"] + 1, shape1["frame"])
    distance = shape1["frame"] - shape0["frame"]
    left = [float(value) for value in shape0["points"]]
    right = [float(value) for value in shape1["points"]]
    result = []
    if kind in ("polygon", "polyline"):
        plan = None if shape1["outside"] else PolyPlan(left, right, closed=kind == "polygon")
        for frame in frames:
            points = list(left) if plan is None else plan.at((frame - shape0["frame"]) / distance)
            result.append(_copy_shape(shape0, frame, points))
        return result
    moves = kind in ("rectangle", "cuboid") or (len(left) == 2 and len(right) == 2)
    for frame in frames:
        if not moves:
            result.append(_copy_shape(shape0, frame))
            continue
        offset = (frame - shape0["frame"]) / distance
        held = shape1["outside"]
        points = list(left) if held else [a + (b - a) * offset for a, b in zip(left, right, strict=False)]
        result.append(_copy_shape(shape0, frame, points))
    return result


def get_interpolated_shapes(track: dict[str, Any], end_frame: int) -> list[dict[str, Any]]:
    """Every frame's shape of ``track`` (keyframes themselves included, marked), cached on the track."""
    cached = track.get("interpolated_shapes")
    if cached:
        return cached
    shapes: list[dict[str, Any]] = []
    previous: dict[str, Any] | None = None
    for shape in sorted(track["shapes"], key=lambda item: item["frame"]):
        if previous is not None:
            present = {attribute["spec_id"] for attribute in shape["attributes"]}
            for attribute in previous["attributes"]:
                if attribute["spec_id"] not in present:
                    shape["attributes"].append(copy.deepcopy(attribute))
            if not previous["outside"]:
                shapes.extend(_between(previous, shape))
        shape["keyframe"] = True
        shapes.append(shape)
        previous = shape
    if previous is not None and not previous["outside"] and previous["type"] in EXTENDED_TYPES:
        shapes.extend(_between(previous, {**previous, "frame": end_frame}))
    track["interpolated_shapes"] = shapes
    return shapes


def is_track_inside(track: dict[str, Any], start: int, stop: int) -> bool:
    """Whether ``track`` is visible somewhere in frames ``start``–``stop`` (``_is_track_inside``)."""
    previous = None
    for shape in track["shapes"]:
        visible = previous is not None and not previous["outside"]
        if visible and min(shape["frame"], stop) - max(previous["frame"], start) >= 0:
            return True
        previous = shape
    return previous is not None and not previous["outside"] and previous["frame"] <= stop


def _inside(shapes: list[dict[str, Any]], start: int, stop: int) -> list[dict[str, Any]]:
    kept = [shape for shape in shapes if start <= shape["frame"] <= stop]
    drop = 0
    for shape in kept:
        if not shape["outside"]:
            break
        drop += 1
    if kept and drop == len(kept):
        drop -= 1  # all outside: keep the last one
    return kept[drop:]


def slice_track(original: dict[str, Any], start: int, stop: int) -> dict[str, Any] | None:
    """The part of a track inside frames ``start``–``stop``: its keyframes there, plus the interpolated shapes at
    the edges when the track goes on beyond them (None when nothing is left)."""
    track = copy.deepcopy(original)
    track.pop("interpolated_shapes", None)
    shapes = _inside(track["shapes"], start, stop)
    if len(shapes) < len(track["shapes"]):
        scoped = _inside(get_interpolated_shapes(track, stop), start, stop)
        if scoped:
            if not scoped[0]["keyframe"]:
                shapes.insert(0, {**scoped[0], "id": None})
            if not scoped[-1]["keyframe"] and scoped[-1] is not scoped[0]:
                shapes.append({**scoped[-1], "id": None})
        del track["interpolated_shapes"]
        for shape in shapes:
            shape.pop("keyframe", None)
    if not shapes:
        return None
    track["shapes"] = shapes
    track["frame"] = shapes[0]["frame"]
    return track
