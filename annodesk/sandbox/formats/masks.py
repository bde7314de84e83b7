"""Raster masks for "Segmentation mask 1.1" and PASCAL VOC: polygons and rectangles drawn into palette PNGs
(a class mask and an instance mask per frame, in z order), and masks traced back into polygons on import."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from pathlib import PurePosixPath
from typing import Any

from PIL import Image, ImageDraw

from ..label_colors import palette_color
from .geometry import polygon_to_rectangle, rectangle_polygon
from .members import read_member
from .model import FlatShape, LabelMeta, TaskSnapshot, shape

LABELMAP_HEADER = "# label:color_rgb:parts:actions\n"


def hex_rgb(color: str) -> tuple[int, int, int]:
    text = color.lstrip("#")
    try:
        return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)
    except ValueError:
        return 0, 0, 0


def labelmap(task: TaskSnapshot) -> str:
    """``labelmap.txt``: background first, then each label with its color."""
    lines = [LABELMAP_HEADER, "background:0,0,0::\n"]
    for label in task.labels:
        r, g, b = hex_rgb(label.color)
        lines.append(f"{label.name}:{r},{g},{b}::\n")
    return "".join(lines)


def parse_labelmap(text: str) -> list[tuple[str, tuple[int, int, int]]]:
    """(name, color) per line of a ``labelmap.txt``, in class-index order."""
    entries: list[tuple[str, tuple[int, int, int]]] = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, _, rest = line.partition(":")
        color_text = rest.partition(":")[0]
        try:
            color = tuple(int(part) for part in color_text.split(","))
        except ValueError:
            color = ()
        entries.append((name, color if len(color) == 3 else palette_color(len(entries))))
    return entries


def _palette(colors: Iterable[tuple[int, int, int]]) -> list[int]:
    flat = [channel for color in colors for channel in color]
    return flat + [0] * (768 - len(flat))


def draw_masks(task: TaskSnapshot, shapes: list[FlatShape], width: int, height: int) -> tuple[bytes, bytes]:
    """(class mask PNG, instance mask PNG) of the frame's polygons and rectangles, higher z drawn last."""
    indices = {label.id: number for number, label in enumerate(task.labels, start=1)}
    classes = Image.new("P", (width, height), 0)
    instances = Image.new("P", (width, height), 0)
    classes.putpalette(_palette([(0, 0, 0), *(hex_rgb(label.color) for label in task.labels)]))
    instances.putpalette(_palette([(0, 0, 0), *(palette_color(n) for n in range(1, 256))]))
    class_pen, instance_pen = ImageDraw.Draw(classes), ImageDraw.Draw(instances)
    drawable = [s for s in shapes if s.type in ("polygon", "rectangle")]
    for number, item in enumerate(sorted(drawable, key=lambda s: s.z_order), start=1):
        points = rectangle_polygon(item.points) if item.type == "rectangle" else item.points
        outline = list(zip(points[0::2], points[1::2], strict=False))
        if len(outline) < 3:
            continue
        class_pen.polygon(outline, fill=indices[item.label.id])
        instance_pen.polygon(outline, fill=min(number, 255))
    return _png(classes), _png(instances)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def write_segmentation(task: TaskSnapshot, archive: zipfile.ZipFile, shapes: dict[int, list[FlatShape]]) -> None:
    """``SegmentationClass/``, ``SegmentationObject/``, ``ImageSets/Segmentation/default.txt``, ``labelmap.txt``."""
    names = []
    for frame in task.frames:
        stem = PurePosixPath(frame.name).stem
        names.append(stem)
        class_png, instance_png = draw_masks(task, shapes.get(frame.number, []), frame.width, frame.height)
        archive.writestr(f"SegmentationClass/{stem}.png", class_png)
        archive.writestr(f"SegmentationObject/{stem}.png", instance_png)
    archive.writestr("ImageSets/Segmentation/default.txt", "".join(f"{name}\n" for name in names))
    archive.writestr("labelmap.txt", labelmap(task))


# Import: tracing -----------------------------------------------------------------------------------

_DIRECTIONS = ((1, 0), (1, 1), (0, 1), (-1, 1), (-1, 0), (-1, -1), (0, -1), (1, -1))  # clockwise, y down


def trace(mask: bytes, width: int, height: int) -> list[tuple[int, int]]:
    """The outer boundary (pixel centres, clockwise) of the first region of non-zero bytes (Moore tracing)."""
    start_index = next((i for i, value in enumerate(mask) if value), None)
    if start_index is None:
        return []
    start = (start_index % width, start_index // width)

    def filled(x: int, y: int) -> bool:
        return 0 <= x < width and 0 <= y < height and mask[y * width + x] != 0

    boundary = [start]
    current, came_from = start, 4  # entered from the west
    for _ in range(4 * width * height + 8):
        for turn in range(8):
            direction = (came_from + 1 + turn) % 8
            dx, dy = _DIRECTIONS[direction]
            candidate = (current[0] + dx, current[1] + dy)
            if filled(*candidate):
                came_from = (direction + 4) % 8
                current = candidate
                break
        else:
            return boundary  # a single pixel
        if current == start:
            break
        boundary.append(current)
    return _four_connected(boundary, filled)


def _four_connected(points: list[tuple[int, int]], filled: Any) -> list[tuple[int, int]]:
    """Put the filled pixel between two diagonal neighbours, so that concave corners are kept exactly."""
    result: list[tuple[int, int]] = []
    for index, point in enumerate(points):
        result.append(point)
        following = points[(index + 1) % len(points)]
        dx, dy = following[0] - point[0], following[1] - point[1]
        if dx and dy:
            for corner in ((point[0] + dx, point[1]), (point[0], point[1] + dy)):
                if filled(*corner):
                    result.append(corner)
                    break
    return result


def simplify(points: list[tuple[int, int]], tolerance: float = 1.5) -> list[tuple[int, int]]:
    """Fewer points for the same outline (Ramer–Douglas–Peucker, closed): staircases become straight edges."""
    if len(points) < 4:
        return points
    far = max(range(len(points)), key=lambda i: (points[i][0] - points[0][0]) ** 2 + (points[i][1] - points[0][1]) ** 2)
    first = _rdp(points[: far + 1], tolerance)
    second = _rdp([*points[far:], points[0]], tolerance)
    return first[:-1] + second[:-1]


def _rdp(points: list[tuple[int, int]], tolerance: float) -> list[tuple[int, int]]:
    if len(points) < 3:
        return points
    (x1, y1), (x2, y2) = points[0], points[-1]
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5 or 1.0
    distances = [abs((x2 - x1) * (y1 - y) - (x1 - x) * (y2 - y1)) / length for x, y in points[1:-1]]
    index = max(range(len(distances)), key=distances.__getitem__)
    if distances[index] <= tolerance:
        return [points[0], points[-1]]
    split = index + 1
    return _rdp(points[: split + 1], tolerance)[:-1] + _rdp(points[split:], tolerance)


def masks_to_shapes(
    task: TaskSnapshot,
    frame: int,
    classes: Image.Image,
    instances: Image.Image | None,
    class_labels: dict[int, LabelMeta],
) -> list[dict[str, Any]]:
    """One polygon (or rectangle, when the outline is one) per instance, labelled by its class pixels."""
    classes = _indices(classes)
    source = _indices(instances) if instances is not None else classes
    width = source.width
    class_bytes = classes.tobytes()
    result = []
    for value in sorted(v for _, v in (source.getcolors(256 * 256) or []) if v):
        region = source.point(lambda pixel, v=value: 255 if pixel == v else 0, mode="L")
        box = region.getbbox()
        if box is None:
            continue
        crop = region.crop(box)
        outline = simplify(trace(crop.tobytes(), crop.width, crop.height))
        if len(outline) < 3:
            continue
        points: list[float] = [coordinate for x, y in outline for coordinate in (x + box[0], y + box[1])]
        first = outline[0]
        class_index = class_bytes[(first[1] + box[1]) * width + first[0] + box[0]]
        label = class_labels.get(class_index)
        if label is None:
            continue
        rectangle = polygon_to_rectangle(points)
        kind, points = ("rectangle", rectangle) if rectangle else ("polygon", points)
        result.append(shape(frame, label, kind, points, z_order=0))
    return result


def _indices(image: Image.Image) -> Image.Image:
    """The palette indices (or grey levels) of a mask as an ``L`` image."""
    if image.mode == "P":
        return Image.frombytes("L", image.size, image.tobytes())
    return image if image.mode == "L" else image.convert("L")


def read_png(archive: zipfile.ZipFile, name: str) -> Image.Image | None:
    try:
        data = read_member(archive, name)
    except KeyError:
        return None
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


def class_labels(task: TaskSnapshot, archive: zipfile.ZipFile, palette_image: Image.Image) -> dict[int, LabelMeta]:
    """Class index → task label, from ``labelmap.txt`` (names) or, without one, the task's label order."""
    try:
        entries = parse_labelmap(read_member(archive, "labelmap.txt").decode("utf-8"))
    except KeyError:
        entries = [("background", (0, 0, 0)), *((label.name, hex_rgb(label.color)) for label in task.labels)]
    mapping = {}
    for index, (name, _) in enumerate(entries):
        if index == 0 or name == "background":
            continue
        mapping[index] = task.label_named(name)
    return mapping


def load_segmentation(task: TaskSnapshot, archive: zipfile.ZipFile) -> list[dict[str, Any]]:
    """Polygons from every ``SegmentationClass/*.png`` (with its ``SegmentationObject`` twin when present)."""
    shapes = []
    for member in sorted(archive.namelist()):
        path = PurePosixPath(member)
        if path.parent.name != "SegmentationClass" or path.suffix.lower() != ".png":
            continue
        classes = read_png(archive, member)
        if classes is None:
            continue
        instances = read_png(archive, str(path.parent.parent / "SegmentationObject" / path.name))
        frame = task.frame_of(path.stem)
        shapes += masks_to_shapes(task, frame, classes, instances, class_labels(task, archive, classes))
    return shapes
