"""One frame's drawables arranged for drawing and picking: z-order, a spatial index, Tab order."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from annodesk.workspace.drawables import Drawable
from annodesk.workspace.geometry import hits
from annodesk.workspace.spatial import Bounds, SpatialGrid


class FrameScene:
    """The visible drawables of one frame, painted in ``order`` (z-order, then the caller's order)."""

    def __init__(self, drawables: Sequence[Drawable]) -> None:
        self.drawables: list[Drawable] = list(drawables)
        self.index_of: dict[int, int] = {d.id: i for i, d in enumerate(self.drawables)}
        visible = [i for i, d in enumerate(self.drawables) if d.visible]
        self._sort(visible)
        self.bounds: dict[int, Bounds] = {i: self.drawables[i].bounds() for i in visible}
        self.grid = SpatialGrid(self.bounds.items())

    def _sort(self, visible: list[int]) -> None:
        self.order: list[int] = sorted(visible, key=lambda i: self.drawables[i].z_order)  # stable: ties keep order
        self.rank: dict[int, int] = {index: position for position, index in enumerate(self.order)}

    def replace(self, drawable: Drawable) -> tuple[Bounds | None, Bounds | None]:
        """Put ``drawable`` in place of the one with its id (which must be there); (old, new) bounds of what is
        drawn, None where nothing is. Costs one grid update, and a re-sort only if z-order or visibility changed."""
        index = self.index_of[drawable.id]
        old = self.drawables[index]
        self.drawables[index] = drawable
        old_bounds = self.bounds.pop(index, None)
        new_bounds = drawable.bounds() if drawable.visible else None
        if new_bounds is not None:
            self.bounds[index] = new_bounds
        self.grid.move(index, new_bounds)
        if old.z_order != drawable.z_order or old.visible != drawable.visible:
            self._reorder(index, old.visible, drawable.visible)
        return old_bounds, new_bounds

    def _reorder(self, index: int, was_visible: bool, visible: bool) -> None:
        """Object ``index`` out of the paint order and back at its z-order's place (ties in index order, as the
        scene's first sort has them): a removal and a binary search, not a sort of every object."""
        if was_visible:
            self.order.remove(index)
        if visible:
            drawables = self.drawables
            place = (drawables[index].z_order, index)
            self.order.insert(bisect_right(self.order, place, key=lambda i: (drawables[i].z_order, i)), index)
        self.rank = {i: position for position, i in enumerate(self.order)}

    def add(self, drawable: Drawable) -> Bounds | None:
        """Put ``drawable`` (an id not there yet) on top of the objects of its z-order; the bounds of what is drawn,
        None when nothing is. Costs one grid update and a binary search, not a new scene."""
        index = len(self.drawables)
        self.drawables.append(drawable)
        self.index_of[drawable.id] = index
        if not drawable.visible:
            return None
        bounds = drawable.bounds()
        self.bounds[index] = bounds
        self.grid.move(index, bounds)
        self._reorder(index, False, True)
        return bounds

    def __len__(self) -> int:
        return len(self.drawables)

    def get(self, drawable_id: int | None) -> Drawable | None:
        """The drawable with this id, if there is one."""
        index = self.index_of.get(drawable_id) if drawable_id is not None else None
        return self.drawables[index] if index is not None else None

    def in_rect(self, bounds: Bounds) -> list[int]:
        """Indices of visible objects whose bounds meet ``bounds``, in paint order (bottom first)."""
        found = self.grid.query(bounds)
        if len(found) == len(self.order):
            return list(self.order)
        rank = self.rank
        return sorted(found, key=rank.__getitem__)

    def topmost_at(self, x: float, y: float, tolerance: float) -> Drawable | None:
        """The selectable object drawn on top at (x, y) (lines and points within ``tolerance``)."""
        candidates = sorted(self.grid.query_point(x, y, tolerance), key=self.rank.__getitem__, reverse=True)
        for index in candidates:
            drawable = self.drawables[index]
            if drawable.selectable and hits(drawable, x, y, tolerance):
                return drawable
        return None

    def cycle(self, current: int | None, backwards: bool = False) -> Drawable | None:
        """The next (or previous) selectable object after ``current`` in the caller's order, wrapping around."""
        selectable = [d for d in self.drawables if d.selectable]
        if not selectable:
            return None
        ids = [d.id for d in selectable]
        if current not in ids:
            return selectable[-1] if backwards else selectable[0]
        position = ids.index(current) + (-1 if backwards else 1)
        return selectable[position % len(selectable)]
