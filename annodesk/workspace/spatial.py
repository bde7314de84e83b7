"""A uniform grid over bounding boxes: which objects may lie in a rectangle or under a point.

Chosen over an R-tree by measurement (benchmarks/dense_canvas.py): objects on an annotated frame are spread
fairly evenly and are small against the image, so a grid with a few objects per cell answers a point query in
microseconds and a view-rectangle query in about a millisecond for 10,000 objects, with no dependency.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

Bounds = tuple[float, float, float, float]  # left, top, right, bottom


class SpatialGrid:
    """Maps grid cells to the indices of the objects whose bounding boxes touch them."""

    def __init__(self, items: Iterable[tuple[int, Bounds]], cell_size: float | None = None) -> None:
        entries = list(items)
        self._bounds: dict[int, Bounds] = dict(entries)
        if cell_size is None:
            cell_size = self._guess_cell_size(entries)
        self.cell_size = cell_size
        self._cells: dict[tuple[int, int], list[int]] = {}
        for index, bounds in entries:
            for key in self._keys(bounds):
                self._cells.setdefault(key, []).append(index)

    @staticmethod
    def _guess_cell_size(entries: list[tuple[int, Bounds]]) -> float:
        """About twice the typical object size, at least 32 units: a handful of objects per cell."""
        if not entries:
            return 256.0
        sizes = sorted(max(b[2] - b[0], b[3] - b[1]) for _, b in entries)
        return max(32.0, 2.0 * sizes[len(sizes) // 2])

    def _keys(self, bounds: Bounds) -> Iterable[tuple[int, int]]:
        size = self.cell_size
        left, top, right, bottom = bounds
        for cx in range(math.floor(left / size), math.floor(right / size) + 1):
            for cy in range(math.floor(top / size), math.floor(bottom / size) + 1):
                yield cx, cy

    def __len__(self) -> int:
        return len(self._bounds)

    def move(self, index: int, bounds: Bounds | None) -> None:
        """Index ``index`` under new ``bounds`` (None: take it out)."""
        old = self._bounds.pop(index, None)
        if old is not None:
            for key in self._keys(old):
                members = self._cells.get(key)
                if members is not None and index in members:
                    members.remove(index)
        if bounds is not None:
            self._bounds[index] = bounds
            for key in self._keys(bounds):
                self._cells.setdefault(key, []).append(index)

    def query(self, bounds: Bounds) -> set[int]:
        """Indices of the objects whose bounding boxes intersect ``bounds``."""
        left, top, right, bottom = bounds
        size = self.cell_size
        x0, x1 = math.floor(left / size), math.floor(right / size)
        y0, y1 = math.floor(top / size), math.floor(bottom / size)
        found: set[int] = set()
        cells = self._cells
        if (x1 - x0 + 1) * (y1 - y0 + 1) > len(cells):  # a rectangle bigger than the occupied grid
            for (cx, cy), members in cells.items():
                if x0 <= cx <= x1 and y0 <= cy <= y1:
                    found.update(members)
        else:
            for cx in range(x0, x1 + 1):
                for cy in range(y0, y1 + 1):
                    members = cells.get((cx, cy))
                    if members:
                        found.update(members)
        all_bounds = self._bounds
        return {
            i
            for i in found
            if all_bounds[i][0] <= right
            and all_bounds[i][2] >= left
            and all_bounds[i][1] <= bottom
            and all_bounds[i][3] >= top
        }

    def query_point(self, x: float, y: float, radius: float = 0.0) -> set[int]:
        """Indices of the objects whose bounding boxes lie within ``radius`` of (x, y)."""
        return self.query((x - radius, y - radius, x + radius, y + radius))
