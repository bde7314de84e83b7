"""Object colours as CVAT v1.1's web client picks them.

- By label (the default): the label's ``color`` from the server (every v1.1 label has one; the server picks it when
  the task is created). A label without a usable colour — an older server, or an empty string — gets the palette
  colour at the label's position in the task's labels: our choice, v1.1 has no fallback.
- By instance: the palette colour of the object's client id (``colors[clientID % 30]`` in cvat-core).
- By group: ``#E0E0E0`` for no group, else the palette colour of the group id.
"""

from __future__ import annotations

import re

# The 30 colours of cvat-core's ``colors`` list (``cvat-core/src/enums.js`` at v1.1.0), in order.
PALETTE: tuple[str, ...] = (
    "#33ddff",
    "#fa3253",
    "#34d1b7",
    "#ff007c",
    "#ff6037",
    "#ddff33",
    "#24b353",
    "#b83df5",
    "#66ff66",
    "#32b7fa",
    "#ffcc33",
    "#83e070",
    "#fafa37",
    "#5986b3",
    "#8c78f0",
    "#ff6a4d",
    "#f078f0",
    "#2a7dd1",
    "#b25050",
    "#cc3366",
    "#cc9933",
    "#aaf0d1",
    "#ff00cc",
    "#3df53d",
    "#fa32b7",
    "#fa7dbb",
    "#ff355e",
    "#f59331",
    "#3d3df5",
    "#733380",
)
NO_GROUP_COLOR = "#E0E0E0"
_HEX_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


def is_color(value: object) -> bool:
    """Whether ``value`` is a ``#rrggbb`` string."""
    return isinstance(value, str) and bool(_HEX_COLOR.match(value))


def palette_color(index: int) -> str:
    """The palette colour for ``index`` (any integer, wrapped)."""
    return PALETTE[index % len(PALETTE)]


def label_color(color: object, position: int) -> str:
    """The colour of a label: its own ``color`` when it is ``#rrggbb``, else the palette at its ``position``."""
    return color if is_color(color) else palette_color(position)  # type: ignore[return-value]


def instance_color(client_id: int) -> str:
    """The colour of an object when colouring by instance."""
    return palette_color(client_id)


def group_color(group: int | None) -> str:
    """The colour of an object when colouring by group."""
    return palette_color(group) if group else NO_GROUP_COLOR
