"""CVAT v1.1's ``LabeledDataSerializer``: the shape of an annotations body, with DRF's per-item error lists.

The result is plain dicts in the server's field order, attribute values turned into strings (CVAT's
``AttributeValSerializer`` does ``str(value)``: ``40`` → ``"40"``, ``true`` → ``"True"``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import fields as f
from .http import field_errors

SHAPE_TYPES = ("rectangle", "polygon", "polyline", "points", "cuboid")
MAX_INT = 2147483647
Fields = dict[str, Callable[[Any], Any]]


class _Invalid(Exception):
    def __init__(self, errors: Any) -> None:
        super().__init__(errors)
        self.errors = errors


def parse_labeled_data(body: Any) -> dict[str, Any]:
    """Validated ``{"version", "tags", "shapes", "tracks"}``; raise DRF's 400 otherwise."""
    if not isinstance(body, dict):
        raise field_errors(
            {"non_field_errors": [f"Invalid data. Expected a dictionary, but got {type(body).__name__}."]}
        )
    result: dict[str, Any] = {}
    errors: dict[str, Any] = {}
    try:
        result["version"] = _required(body, "version", lambda v: f.integer(v, min_value=-MAX_INT, max_value=MAX_INT))
    except _Invalid as error:
        errors["version"] = error.errors
    for name, item in (("tags", _tag), ("shapes", _shape), ("tracks", _track)):
        try:
            result[name] = _items(body, name, item, required=True)
        except _Invalid as error:
            errors[name] = error.errors
    if errors:
        raise field_errors(errors)
    return result


def _required(body: dict[str, Any], name: str, coerce: Callable[[Any], Any]) -> Any:
    if name not in body:
        raise _Invalid([f.REQUIRED])
    try:
        return f.not_null(coerce)(body[name])
    except f.FieldError as error:
        raise _Invalid(error.messages) from None


def _items(body: dict[str, Any], name: str, parse: Callable[[Any], dict[str, Any]], *, required: bool) -> list[Any]:
    if name not in body:
        if required:
            raise _Invalid([f.REQUIRED])
        return []
    value = body[name]
    if value is None:
        raise _Invalid([f.NULL])
    if not isinstance(value, list):
        raise _Invalid([f'Expected a list of items but got type "{type(value).__name__}".'])
    parsed: list[Any] = []
    problems: list[Any] = []
    for item in value:
        try:
            parsed.append(parse(item))
            problems.append({})
        except _Invalid as error:
            problems.append(error.errors)
    if any(problems):
        raise _Invalid(problems)
    return parsed


def _object(item: Any, rules: Fields, required: frozenset[str], lists: dict[str, Any]) -> dict[str, Any]:
    """One nested serializer: scalar ``rules``, then nested ``lists`` (name → (parser, allow_empty))."""
    if not isinstance(item, dict):
        raise _Invalid({"non_field_errors": [f"Invalid data. Expected a dictionary, but got {type(item).__name__}."]})
    values, errors = f.collect(item, rules, required=required)
    result: dict[str, Any] = {}
    for name, (parse, allow_empty) in lists.items():
        try:
            result[name] = _items(item, name, parse, required=True)
            if not allow_empty and not result[name]:
                errors[name] = ["This list may not be empty."]
        except _Invalid as error:
            errors[name] = error.errors
    if errors:
        raise _Invalid(errors)
    return {**values, **result}


def _int(min_value: int = 0) -> Callable[[Any], int]:
    return f.not_null(lambda v: f.integer(v, min_value=min_value, max_value=MAX_INT))


def _points(value: Any) -> list[float]:
    items = f.list_field(value)
    if not items:
        raise f.FieldError("This list may not be empty.")
    parsed, problems = [], {}
    for index, item in enumerate(items):
        try:
            parsed.append(f.floating(item))
        except f.FieldError as error:
            problems[index] = error.messages
    if problems:
        first = next(iter(problems.values()))
        raise f.FieldError(*first)
    return parsed


def _choice(choices: tuple[str, ...]) -> Callable[[Any], str]:
    def run(value: Any) -> str:
        if value not in choices:
            raise f.FieldError(f'"{value}" is not a valid choice.')
        return str(value)

    return f.not_null(run)


def _attribute(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise _Invalid({"non_field_errors": [f"Invalid data. Expected a dictionary, but got {type(item).__name__}."]})
    values, errors = f.collect(item, {"spec_id": _int(-MAX_INT)}, required=frozenset({"spec_id"}))
    text = str(item.get("value"))
    if "value" not in item:
        errors["value"] = [f.REQUIRED]
    elif len(text) > 4096:
        errors["value"] = ["Ensure this field has no more than 4096 characters."]
    if errors:
        raise _Invalid(errors)
    return {"spec_id": values["spec_id"], "value": text}


COMMON: Fields = {
    "id": f.nullable(lambda v: f.integer(v, min_value=-MAX_INT, max_value=MAX_INT)),
    "frame": _int(),
    "label_id": _int(),
    "group": f.nullable(lambda v: f.integer(v, min_value=0, max_value=MAX_INT)),
    "source": f.not_null(lambda v: f.char(v, max_length=16, allow_blank=True)),
}
GEOMETRY: Fields = {
    "type": _choice(SHAPE_TYPES),
    "occluded": f.not_null(f.boolean),
    "z_order": _int(-MAX_INT),
    "points": f.not_null(_points),
}


def _with_defaults(values: dict[str, Any], *, geometry: bool) -> dict[str, Any]:
    values.setdefault("id", None)
    values.setdefault("source", "manual")
    if geometry:
        values.setdefault("z_order", 0)
    return values


def _tag(item: Any) -> dict[str, Any]:
    parsed = _object(item, COMMON, frozenset({"frame", "label_id", "group"}), {"attributes": (_attribute, True)})
    tag = _with_defaults(parsed, geometry=False)
    return {key: tag[key] for key in ("id", "frame", "label_id", "group", "source", "attributes")}


def _shape(item: Any) -> dict[str, Any]:
    required = frozenset({"frame", "label_id", "group", "type", "occluded", "points"})
    parsed = _object(item, {**COMMON, **GEOMETRY}, required, {"attributes": (_attribute, True)})
    shape = _with_defaults(parsed, geometry=True)
    order = ("type", "occluded", "z_order", "points", "id", "frame", "label_id", "group", "source", "attributes")
    return {key: shape[key] for key in order}


def _tracked_shape(item: Any) -> dict[str, Any]:
    rules = {**GEOMETRY, "id": COMMON["id"], "frame": _int(), "outside": f.not_null(f.boolean)}
    parsed = _object(
        item, rules, frozenset({"type", "occluded", "points", "frame", "outside"}), {"attributes": (_attribute, True)}
    )
    parsed.setdefault("id", None)
    parsed.setdefault("z_order", 0)
    order = ("type", "occluded", "z_order", "points", "id", "frame", "outside", "attributes")
    return {key: parsed[key] for key in order}


def _track(item: Any) -> dict[str, Any]:
    parsed = _object(
        item,
        COMMON,
        frozenset({"frame", "label_id", "group"}),
        {"shapes": (_tracked_shape, False), "attributes": (_attribute, True)},
    )
    track = _with_defaults(parsed, geometry=False)
    return {key: track[key] for key in ("id", "frame", "label_id", "group", "source", "shapes", "attributes")}
