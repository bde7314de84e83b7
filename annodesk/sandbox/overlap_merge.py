"""How CVAT v1.1's server merges the jobs of a task into one answer (``AnnotationManager.merge`` with its
``TagManager``, ``ShapeManager`` and ``TrackManager`` in ``cvat/apps/dataset_manager/annotation.py`` at v1.1.0).

Jobs are merged in id order. Objects of a job that start in the frames it shares with the jobs before it
(``start ≤ frame < start + overlap``) are matched against what is already merged, frame by frame, by an optimal
assignment on ``1 − similarity``:

- tags: same label (cost ≤ 0.25);
- shapes: same label and type, intersection over union of rectangles and polygons (cost ≤ 0.25; other types never
  match, so they appear twice);
- tracks: same label, the mean over the shared frames of the shapes' IoU (0 for a shape outside on one side only,
  and for types other than rectangle and polygon), cost ≤ 0.5. Matched tracks are united into the one that starts
  first: every keyframe of both, so the shapes both jobs had at their edges become keyframes — one merged track
  across the task. A track of the earlier job that matches nothing and is still visible gets an outside keyframe
  at ``start + overlap``; so does every visible track when jobs share no frames.

Matched shapes and tags keep the object merged first. The similarity of tracks expands them in place
(:func:`.server_tracks.get_interpolated_shapes`), which leaves ``keyframe`` on their shapes and
``interpolated_shapes`` on the tracks: the task-level PUT/PATCH answers show them, the GET drops them (its
serializer keeps known fields only).

Geometry without shapely: rectangles by their normalised boxes; polygons by summing the intersections of the
signed triangles of both polygons (exact for simple polygons; GEOS refuses self-intersecting ones, which the server
answers with a 500). The optimal assignment is the Hungarian method; among equally good assignments the one chosen
may differ from scipy's.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from typing import Any

from .server_tracks import get_interpolated_shapes

Obj = dict[str, Any]
Poly = list[tuple[float, float]]


# Geometry ---------------------------------------------------------------------------------------------


def _area(polygon: Poly) -> float:
    total = 0.0
    for i, (x1, y1) in enumerate(polygon):
        x2, y2 = polygon[(i + 1) % len(polygon)]
        total += x1 * y2 - x2 * y1
    return total / 2


def _clip(subject: Poly, clip: Poly) -> Poly:
    """Sutherland–Hodgman: ``subject`` clipped by the convex, counter-clockwise ``clip``."""
    output = subject
    for i, (ax, ay) in enumerate(clip):
        bx, by = clip[(i + 1) % len(clip)]
        if not output:
            break
        points, output = output, []

        def side(x: float, y: float, ax: float = ax, ay: float = ay, bx: float = bx, by: float = by) -> float:
            return (bx - ax) * (y - ay) - (by - ay) * (x - ax)

        for j, (px, py) in enumerate(points):
            qx, qy = points[(j + 1) % len(points)]
            sp, sq = side(px, py), side(qx, qy)
            if sp >= 0:
                output.append((px, py))
            if (sp >= 0) != (sq >= 0):
                t = sp / (sp - sq)
                output.append((px + (qx - px) * t, py + (qy - py) * t))
    return output


def _triangles(polygon: Poly) -> list[tuple[float, Poly]]:
    """A fan of signed triangles whose signed sum is the polygon's indicator: (sign, counter-clockwise triangle)."""
    origin = polygon[0]
    result = []
    for i in range(1, len(polygon) - 1):
        triangle = [origin, polygon[i], polygon[i + 1]]
        area = _area(triangle)
        if area > 0:
            result.append((1.0, triangle))
        elif area < 0:
            result.append((-1.0, triangle[::-1]))
    return result


def intersection_area(a: Poly, b: Poly) -> float:
    """The area of ``a ∩ b`` for simple polygons of any orientation."""
    sign = (1.0 if _area(a) >= 0 else -1.0) * (1.0 if _area(b) >= 0 else -1.0)
    total = 0.0
    for sign_a, triangle_a in _triangles(a):
        for sign_b, triangle_b in _triangles(b):
            clipped = _clip(triangle_a, triangle_b)
            if len(clipped) >= 3:
                total += sign_a * sign_b * abs(_area(clipped))
    return abs(total * sign)


def _pairs(points: Sequence[float]) -> Poly:
    return [(float(points[i]), float(points[i + 1])) for i in range(0, len(points) - 1, 2)]


def _box(points: Sequence[float]) -> Poly:
    x1, y1, x2, y2 = (float(value) for value in points[:4])
    left, right, top, bottom = min(x1, x2), max(x1, x2), min(y1, y2), max(y1, y2)
    return [(left, top), (right, top), (right, bottom), (left, bottom)]


def _iou(a: Poly, b: Poly) -> float:
    area_a, area_b = abs(_area(a)), abs(_area(b))
    if area_a == 0 or area_b == 0:
        return 0.0
    shared = intersection_area(a, b)
    return shared / (area_a + area_b - shared)


def shape_similarity(a: Obj, b: Obj) -> float:
    """``ShapeManager._calc_objects_similarity``."""
    if a["type"] != b["type"] or a.get("label_id") != b.get("label_id"):
        return 0.0
    if a["type"] == "rectangle" and len(a["points"]) >= 4 and len(b["points"]) >= 4:
        return _iou(_box(a["points"]), _box(b["points"]))
    if a["type"] == "polygon" and len(a["points"]) >= 6 and len(b["points"]) >= 6:
        return _iou(_pairs(a["points"]), _pairs(b["points"]))
    return 0.0


def tag_similarity(a: Obj, b: Obj) -> float:
    return 1.0 if a["label_id"] == b["label_id"] else 0.0


def track_similarity(a: Obj, b: Obj, start: int, overlap: int) -> float:
    """``TrackManager._calc_objects_similarity`` over the frames the jobs share."""
    if a["label_id"] != b["label_id"]:
        return 0.0
    end = start + overlap
    shapes_a = {shape["frame"]: shape for shape in get_interpolated_shapes(a, end)}
    shapes_b = {shape["frame"]: shape for shape in get_interpolated_shapes(b, end)}
    count = error = 0.0
    for frame in range(start, end):
        shape_a, shape_b = shapes_a.get(frame), shapes_b.get(frame)
        if shape_a and shape_b:
            error += 1 if shape_a["outside"] != shape_b["outside"] else 1 - shape_similarity(shape_a, shape_b)
            count += 1
        elif shape_a or shape_b:
            error += 1
            count += 1
    return 1 - error / count if count else 0.0


# Assignment -------------------------------------------------------------------------------------------


def assignment(cost: list[list[float]]) -> list[tuple[int, int]]:
    """A minimum-cost matching of rows to columns (as many pairs as the smaller side), Hungarian method."""
    rows = len(cost)
    cols = len(cost[0]) if rows else 0
    if not rows or not cols:
        return []
    transposed = rows > cols
    matrix = [list(column) for column in zip(*cost, strict=True)] if transposed else cost
    n, m = len(matrix), len(matrix[0])
    infinity = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    owner, way = [0] * (m + 1), [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        least = [infinity] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], infinity, 0
            for j in range(1, m + 1):
                if not used[j]:
                    current = matrix[i0 - 1][j - 1] - u[i0] - v[j]
                    if current < least[j]:
                        least[j], way[j] = current, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    pairs = [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]
    if transposed:
        pairs = [(col, row) for row, col in pairs]
    return sorted(pairs)


# Managers ---------------------------------------------------------------------------------------------


class _Manager:
    threshold = 0.25

    def __init__(self, objects: list[Obj]) -> None:
        self.objects = objects

    def by_frame(self, objects: list[Obj], start: int) -> dict[int, list[Obj]]:
        grouped: dict[int, list[Obj]] = {}
        for obj in objects:
            if obj["frame"] >= start:
                grouped.setdefault(obj["frame"], []).append(obj)
        return grouped

    def similarity(self, a: Obj, b: Obj, start: int, overlap: int) -> float:
        raise NotImplementedError

    def unite(self, a: Obj, b: Obj) -> Obj:
        return a if a["frame"] < b["frame"] else b

    def unmatched(self, obj: Obj, end_frame: int) -> None:
        """What happens to an earlier job's object that nothing matched (nothing, but for tracks)."""

    def merge(self, objects: list[Obj], start: int, overlap: int) -> None:
        """Add a later job's ``objects`` (its segment starts at ``start``) to the merged ones."""
        new = [obj for obj in objects if obj["frame"] >= start + overlap]
        shared = [obj for obj in objects if obj["frame"] < start + overlap]
        shared_by_frame = self.by_frame(shared, start)
        old_by_frame = self.by_frame(self.objects, start)
        self.objects.extend(new)
        if not old_by_frame or not shared_by_frame:
            for old_objects in old_by_frame.values():
                for old in old_objects:
                    self.unmatched(old, start + overlap)
            self.objects.extend(shared)
            return
        for frame, later in shared_by_frame.items():
            earlier = old_by_frame.get(frame)
            if earlier is None:
                self.objects.extend(later)
                continue
            cost = [[1 - self.similarity(a, b, start, overlap) for b in earlier] for a in later]
            taken_later, taken_earlier = set(), set()
            for i, j in assignment(cost):
                if cost[i][j] <= self.threshold:
                    earlier[j] = self.unite(later[i], earlier[j])  # as the server: into the frame's list only
                    taken_later.add(i)
                    taken_earlier.add(j)
            self.objects.extend(obj for i, obj in enumerate(later) if i not in taken_later)
            for j, obj in enumerate(earlier):
                if j not in taken_earlier:
                    self.unmatched(obj, start + overlap)


class TagMerger(_Manager):
    def similarity(self, a: Obj, b: Obj, start: int, overlap: int) -> float:
        return tag_similarity(a, b)


class ShapeMerger(_Manager):
    def similarity(self, a: Obj, b: Obj, start: int, overlap: int) -> float:
        return shape_similarity(a, b)


class TrackMerger(_Manager):
    threshold = 0.5

    def by_frame(self, objects: list[Obj], start: int) -> dict[int, list[Obj]]:
        alive = [obj for obj in objects if obj["shapes"][-1]["frame"] >= start or not obj["shapes"][-1]["outside"]]
        return {0: alive} if alive else {}

    def similarity(self, a: Obj, b: Obj, start: int, overlap: int) -> float:
        return track_similarity(a, b, start, overlap)

    def unite(self, a: Obj, b: Obj) -> Obj:
        track = a if a["frame"] < b["frame"] else b
        shapes = {shape["frame"]: shape for shape in a["shapes"]}
        for shape in b["shapes"]:
            shapes[shape["frame"]] = shape  # on a frame both have, the earlier job's shape stays
        track["frame"] = min(a["frame"], b["frame"])
        track["shapes"] = sorted(shapes.values(), key=lambda shape: shape["frame"])
        track["interpolated_shapes"] = []
        return track

    def unmatched(self, obj: Obj, end_frame: int) -> None:
        last = obj["shapes"][-1]
        if last["outside"]:
            return
        closing = copy.deepcopy(last)
        closing["frame"] = end_frame
        closing["outside"] = True
        obj["shapes"].append(closing)
        cached = obj.get("interpolated_shapes")
        if cached:
            held = cached[-1]
            for frame in range(held["frame"] + 1, end_frame):
                held = copy.deepcopy(held)
                held["frame"] = frame
                cached.append(held)
            cached.append(closing)


MERGERS: tuple[tuple[str, Callable[[list[Obj]], _Manager]], ...] = (
    ("tags", TagMerger),
    ("shapes", ShapeMerger),
    ("tracks", TrackMerger),
)


def merge_jobs(parts: Sequence[tuple[int, dict[str, Any]]], overlap: int) -> dict[str, Any]:
    """One labeled-data answer from each job's ``(start_frame, data)`` in job-id order; ``version`` the highest.
    The jobs' dicts are merged in place, as the server does."""
    merged: dict[str, Any] = {"version": 0, "tags": [], "shapes": [], "tracks": []}
    for start, data in parts:
        merged["version"] = max(merged["version"], data["version"])
        for kind, merger in MERGERS:
            merger(merged[kind]).merge(data[kind], start, overlap)
    return merged
