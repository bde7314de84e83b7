"""Hypothesis strategies for labeled data: labels, tracks of every shape type, whole jobs."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

LABELS: list[dict[str, Any]] = [
    {
        "id": 7,
        "name": "car",
        "color": "#fa3253",
        "attributes": [
            {
                "id": 11,
                "name": "kind",
                "mutable": False,
                "input_type": "select",
                "default_value": "sedan",
                "values": ["sedan", "suv", "truck"],
            },
            {
                "id": 12,
                "name": "parked",
                "mutable": True,
                "input_type": "checkbox",
                "default_value": "false",
                "values": ["false"],
            },
            {
                "id": 13,
                "name": "speed",
                "mutable": True,
                "input_type": "number",
                "default_value": "0",
                "values": ["0", "200", "1"],
            },
        ],
    },
    {"id": 8, "name": "person", "color": "", "attributes": []},
]
MUTABLE = (12, 13)
SHAPE_TYPES = ("rectangle", "polygon", "polyline", "points", "cuboid")
POINT_COUNTS = {"rectangle": (2, 2), "cuboid": (8, 8), "points": (1, 5), "polyline": (2, 8), "polygon": (3, 8)}

coordinate = st.floats(min_value=-1000, max_value=5000, allow_nan=False, allow_infinity=False)


def flat_points(kind: str, count: int | None = None) -> st.SearchStrategy[list[float]]:
    low, high = POINT_COUNTS[kind]
    if count is not None:
        low = high = count
    return st.integers(low, high).flatmap(lambda n: st.lists(coordinate, min_size=2 * n, max_size=2 * n))


mutable_attributes = st.lists(
    st.one_of(
        st.builds(lambda v: {"spec_id": 12, "value": v}, st.sampled_from(["true", "false"])),
        st.builds(lambda v: {"spec_id": 13, "value": str(v)}, st.integers(0, 200)),
    ),
    max_size=2,
    unique_by=lambda a: a["spec_id"],
)


@st.composite
def tracks(draw: st.DrawFn, kind: str | None = None, same_count: bool = False) -> dict[str, Any]:
    """A track of ``kind`` (any type if None) with 1–6 keyframes on distinct frames, in random JSON order."""
    kind = kind or draw(st.sampled_from(SHAPE_TYPES))
    frames = draw(st.lists(st.integers(0, 60), min_size=1, max_size=6, unique=True))
    count = draw(st.integers(*POINT_COUNTS[kind])) if same_count else None
    shapes = [
        {
            "type": kind,
            "occluded": draw(st.booleans()),
            "z_order": draw(st.integers(-3, 3)),
            "points": draw(flat_points(kind, count)),
            "id": draw(st.none() | st.integers(1, 10_000)),
            "frame": frame,
            "outside": draw(st.booleans()),
            "attributes": draw(mutable_attributes),
        }
        for frame in frames
    ]
    immutable = draw(st.lists(st.sampled_from(["sedan", "suv", "truck"]), max_size=1))
    return {
        "id": draw(st.none() | st.integers(1, 10_000)),
        "frame": min(frames),
        "label_id": 7,
        "group": draw(st.integers(0, 3)),
        "source": "manual",
        "shapes": shapes,
        "attributes": [{"spec_id": 11, "value": value} for value in immutable],
    }


extra_keys = st.dictionaries(st.sampled_from(["keyframe", "interpolated_shapes", "note"]), st.integers(0, 3))


@st.composite
def json_objects(draw: st.DrawFn, base: dict[str, Any], optional: tuple[str, ...]) -> dict[str, Any]:
    """``base`` with some ``optional`` keys dropped and some unknown keys added."""
    result = {key: value for key, value in base.items() if key not in optional or draw(st.booleans())}
    result.update(draw(extra_keys))
    return result


@st.composite
def labeled_data(draw: st.DrawFn) -> dict[str, Any]:
    """A job's labeled data with tags, shapes and tracks; some optional keys absent, some unknown keys present."""
    tags = [
        draw(
            json_objects(
                {
                    "id": draw(st.integers(1, 99)),
                    "frame": draw(st.integers(0, 9)),
                    "label_id": 7,
                    "group": 0,
                    "source": "manual",
                    "attributes": [{"spec_id": 11, "value": "suv"}],
                },
                ("id", "group", "source"),
            )
        )
        for _ in range(draw(st.integers(0, 3)))
    ]
    shapes = []
    for _ in range(draw(st.integers(0, 6))):
        kind = draw(st.sampled_from(SHAPE_TYPES))
        shapes.append(
            draw(
                json_objects(
                    {
                        "type": kind,
                        "occluded": draw(st.booleans()),
                        "z_order": draw(st.integers(-2, 2)),
                        "points": draw(flat_points(kind)),
                        "id": draw(st.none() | st.integers(1, 99)),
                        "frame": draw(st.integers(0, 9)),
                        "label_id": draw(st.sampled_from([7, 8])),
                        "group": draw(st.none() | st.integers(0, 3)),
                        "source": draw(st.sampled_from(["manual", "auto"])),
                        "attributes": draw(mutable_attributes),
                    },
                    ("z_order", "id", "group", "source"),
                )
            )
        )
    track_list = [draw(tracks()) for _ in range(draw(st.integers(0, 3)))]
    data: dict[str, Any] = {"version": draw(st.integers(0, 50)), "tags": tags, "shapes": shapes, "tracks": track_list}
    data.update(draw(st.dictionaries(st.sampled_from(["extra"]), st.integers())))
    return data
