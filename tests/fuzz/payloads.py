"""Hypothesis strategies for CVAT v1 JSON: well-formed task/job/user/page objects as servers v1.1–v1.3 send them,
and mutations of them (missing fields, wrong types, nulls, extra fields, huge and odd unicode strings, deep nesting,
v1.2-style nested owner objects), down to the bytes (invalid UTF-8, cut bodies)."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

from hypothesis import strategies as st

ODD = "abc XYZ 中文街景标注 שלום مرحبا 😀👩‍👩‍👧 \x00\u202e\u200f\ufeff\u0301\n\t\"\\</script>&'%s{}"
plain_text = st.text(max_size=16)
odd_text = st.text(alphabet=st.sampled_from(ODD) | st.characters(codec="utf-8"), max_size=24)
huge_text = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=3), st.integers(2_000, 40_000))
text = st.one_of(plain_text, odd_text)
ids = st.one_of(st.integers(1, 10_000), st.integers(-(2**70), 2**70))
frames = st.integers(-5, 1_000_000)

offsets = st.builds(lambda minutes: timezone(timedelta(minutes=minutes)), st.integers(-23 * 60 - 59, 23 * 60 + 59))
moments = st.builds(
    lambda when, zone: when.replace(tzinfo=zone),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59, 59)),
    st.one_of(st.just(UTC), offsets),
)
timestamps = st.one_of(
    moments.map(lambda moment: moment.isoformat().replace("+00:00", "Z")),
    st.sampled_from(["2020-08-04T04:37:17.438341Z", "2020-08-04T04:37:17Z", "2021-03-01T10:00:00+03:00"]),
)

nested_user = st.fixed_dictionaries(
    {"id": ids},
    optional={"username": text, "first_name": text, "last_name": text, "url": text},
)
user_field = st.one_of(st.none(), ids, nested_user)  # v1.1: an id; v1.2+: a nested object
statuses = st.one_of(st.sampled_from(["annotation", "validation", "completed"]), text)

attributes = st.fixed_dictionaries(
    {
        "id": ids,
        "name": text,
        "input_type": st.one_of(st.sampled_from(["select", "radio", "checkbox", "text", "number"]), text),
        "mutable": st.booleans(),
        "default_value": text,
        "values": st.lists(text, max_size=5),
    }
)
labels = st.fixed_dictionaries(
    {"id": ids, "name": text, "attributes": st.lists(attributes, max_size=3)},
    optional={"color": st.one_of(st.sampled_from(["#ff0000", "red", "", "#12345"]), text)},
)
job_refs = st.fixed_dictionaries({"id": ids, "status": statuses}, optional={"url": text, "assignee": user_field})
segments = st.fixed_dictionaries({"start_frame": frames, "stop_frame": frames, "jobs": st.lists(job_refs, max_size=3)})

TASK_OPTIONAL: dict[str, st.SearchStrategy[Any]] = {
    "url": text,
    "mode": st.one_of(st.sampled_from(["annotation", "interpolation", ""]), text),
    "owner": user_field,
    "assignee": user_field,
    "bug_tracker": text,
    "overlap": st.one_of(st.none(), frames),
    "segment_size": frames,
    "z_order": st.booleans(),
    "project": st.one_of(st.none(), ids),
    "project_id": st.one_of(st.none(), ids),
    "size": st.one_of(st.none(), frames),
    "image_quality": st.one_of(st.none(), st.integers(0, 100)),
    "data": st.one_of(st.none(), ids),
    "data_chunk_size": st.one_of(st.none(), frames),
    "data_compressed_chunk_type": st.one_of(st.none(), st.sampled_from(["imageset", "video"])),
    "data_original_chunk_type": st.one_of(st.none(), st.sampled_from(["imageset", "video"])),
    "dimension": st.one_of(st.none(), st.sampled_from(["2d", "3d"])),
    "subset": st.one_of(st.none(), text),
}
tasks = st.fixed_dictionaries(
    {
        "id": ids,
        "name": text,
        "status": statuses,
        "created_date": timestamps,
        "updated_date": timestamps,
        "labels": st.lists(labels, max_size=3),
        "segments": st.lists(segments, max_size=3),
    },
    optional=TASK_OPTIONAL,
)
jobs = st.fixed_dictionaries(
    {"id": ids, "status": statuses, "start_frame": frames, "stop_frame": frames, "task_id": ids},
    optional={"url": text, "assignee": user_field},
)
users = st.fixed_dictionaries(
    {"id": ids, "username": text},
    optional={
        "url": text,
        "first_name": text,
        "last_name": text,
        "email": text,
        "groups": st.lists(st.sampled_from(["admin", "user", "annotator", "observer"]) | text, max_size=4),
        "is_staff": st.booleans(),
        "is_superuser": st.booleans(),
        "is_active": st.booleans(),
        "last_login": st.one_of(st.none(), timestamps),
        "date_joined": timestamps,
    },
)


def pages(items: st.SearchStrategy[Any]) -> st.SearchStrategy[dict[str, Any]]:
    """A DRF page of ``items``."""
    return st.fixed_dictionaries(
        {"count": st.integers(0, 10**9), "results": st.lists(items, max_size=4)},
        optional={"next": st.one_of(st.none(), text), "previous": st.one_of(st.none(), text)},
    )


# -- any JSON, for wrong types and extra fields ------------------------------------------------------------------

scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), text, timestamps
)
any_json = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4), max_leaves=12
)


def deep(depth: int, leaf: Any = 1) -> Any:
    """``depth`` levels of nested lists and objects."""
    value = leaf
    for level in range(depth):
        value = [value] if level % 2 else {"a": value}
    return value


# -- mutations ---------------------------------------------------------------------------------------------------


def _containers(value: Any, found: list[Any]) -> list[Any]:
    if isinstance(value, dict | list):
        found.append(value)
        for child in value.values() if isinstance(value, dict) else value:
            _containers(child, found)
    return found


@st.composite
def mutated(draw: st.DrawFn, base: st.SearchStrategy[Any], max_mutations: int = 3) -> Any:
    """A well-formed value from ``base`` with up to ``max_mutations`` of: a key dropped, a value replaced by any
    JSON (wrong type), by null, by a huge string or by deep nesting, an extra key, a list emptied or doubled."""
    value = copy.deepcopy(draw(base))  # never change a value the strategy may hand out again
    for _ in range(draw(st.integers(0, max_mutations))):
        spots = _containers(value, [])
        if not spots:
            break
        spot = draw(st.sampled_from(spots))
        operation = draw(st.sampled_from(["drop", "wrong", "null", "huge", "deep", "extra", "list"]))
        keys = list(spot) if isinstance(spot, dict) else list(range(len(spot)))
        if operation == "extra" and isinstance(spot, dict):
            spot[draw(text)] = draw(any_json)
            continue
        if not keys:
            continue
        key = draw(st.sampled_from(keys))
        if operation == "drop":
            del spot[key]
        elif operation == "wrong":
            spot[key] = draw(any_json)
        elif operation == "null":
            spot[key] = None
        elif operation == "huge":
            spot[key] = draw(huge_text)
        elif operation == "deep":
            spot[key] = deep(draw(st.integers(10, 600)))
        elif isinstance(spot[key], list):
            spot[key] = spot[key] * draw(st.integers(0, 3))
    return value


@st.composite
def wire_bytes(draw: st.DrawFn, values: st.SearchStrategy[Any]) -> bytes:
    """``values`` as the bytes of an HTTP body: JSON (ASCII-escaped or raw UTF-8, lone surrogates passed through
    as invalid UTF-8), sometimes cut off, prefixed with a BOM, or with a byte flipped."""
    value = draw(values)
    body = json.dumps(value, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    damage = draw(st.sampled_from(["none", "none", "none", "cut", "bom", "flip"]))
    if damage == "cut" and body:
        body = body[: draw(st.integers(0, len(body) - 1))]
    elif damage == "bom":
        body = b"\xef\xbb\xbf" + body
    elif damage == "flip" and body:
        where = draw(st.integers(0, len(body) - 1))
        body = body[:where] + bytes([body[where] ^ draw(st.integers(1, 255))]) + body[where + 1 :]
    return body
