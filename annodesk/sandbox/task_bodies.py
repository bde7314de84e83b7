"""CVAT v1.1's ``TaskSerializer`` input rules: task fields, labels and attributes, with DRF's messages.

Quirks kept on purpose: attributes are not validated at all (any ``input_type`` is stored; ``values`` sent as a
string is split into characters); what the database then refuses (a missing ``mutable`` or ``input_type``, an
attribute ``id``, over-long texts) is a server error (HTML 500), not a field error.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import fields as f
from .http import field_errors

INPUT_TYPE_MAX = 16
ATTRIBUTE_NAME_MAX = 64
DEFAULT_VALUE_MAX = 128


class DatabaseRefusal(Exception):
    """What the real server's database would reject: answered with Django's HTML 500."""


@dataclass(frozen=True, slots=True)
class AttributeInput:
    """An attribute spec as sent; None where a key was missing (the store decides what the database takes)."""

    name: str | None
    mutable: bool | None
    input_type: str | None
    default_value: str | None
    values: str  # newline-joined, as CVAT stores them ("" when missing)
    has_id: bool = False

    def refusal(self) -> str | None:
        """Why inserting this as a new attribute fails in CVAT's database, or None."""
        if self.has_id:
            return "attribute ids go straight to the database"
        if self.mutable is None or self.input_type is None:
            return "mutable and input_type are NOT NULL columns"
        too_long = (
            len(self.name or "") > ATTRIBUTE_NAME_MAX
            or len(self.input_type) > INPUT_TYPE_MAX
            or len(self.default_value or "") > DEFAULT_VALUE_MAX
        )
        return "value too long for its column" if too_long else None


@dataclass(frozen=True, slots=True)
class LabelInput:
    """A label to create or update (matched by name); ``color`` None or "" means "pick one"."""

    name: str
    color: str | None
    attributes: tuple[AttributeInput, ...] = ()


@dataclass
class TaskInput:
    """Validated task fields (only the keys that were sent) and labels."""

    values: dict[str, Any]
    labels: list[LabelInput] | None


def parse_task(body: dict[str, Any], *, partial: bool, user_exists: Any, project_exists: Any) -> TaskInput:
    """Validate a create (``partial=False``: name and labels required), PUT or PATCH body; raise 400 on errors."""
    rules = {
        "name": f.not_null(lambda v: f.char(v, max_length=256)),
        "owner": f.nullable(lambda v: f.primary_key(v, user_exists)),
        "assignee": f.nullable(lambda v: f.primary_key(v, user_exists)),
        "bug_tracker": f.not_null(lambda v: f.char(v, max_length=2000, allow_blank=True)),
        "overlap": f.nullable(lambda v: f.integer(v, min_value=0, max_value=2147483647)),
        "segment_size": f.not_null(lambda v: f.integer(v, min_value=0, max_value=2147483647)),
        "z_order": f.not_null(f.boolean),
        "project": f.nullable(lambda v: f.primary_key(v, project_exists)),
    }
    required = frozenset() if partial else frozenset({"name", "labels"})
    values, errors = f.collect(body, rules, required=required)
    labels: list[LabelInput] | None = None
    raw_labels = body.get("labels")
    if raw_labels is None and "labels" not in body:
        raw_labels = f.html_list(body, "labels")
    if raw_labels is None:
        if "labels" in body:
            errors["labels"] = [f.NULL]
        elif not partial:
            errors["labels"] = [f.REQUIRED]
    else:
        labels, label_errors = _parse_labels(raw_labels)
        if label_errors is not None:
            errors["labels"] = label_errors
    if errors:
        raise field_errors(errors)
    return TaskInput(values, labels)


def _parse_labels(raw: Any) -> tuple[list[LabelInput], Any]:
    """Labels and their error entry (a message list, or a per-label list of dicts; None when valid)."""
    try:
        items = f.list_field(raw)
    except f.FieldError as error:
        return [], error.messages
    per_label: list[dict[str, list[str]]] = []
    labels: list[LabelInput] = []
    for item in items:
        label, problems = _parse_label(item)
        per_label.append(problems)
        if label is not None:
            labels.append(label)
    if any(per_label):
        return [], per_label
    if not labels:
        return [], ["Label set must not be empty"]
    names = [label.name for label in labels]
    if len(names) != len(set(names)):
        return [], ["All label names must be unique for the task"]
    return labels, None


def _parse_label(item: Any) -> tuple[LabelInput | None, dict[str, list[str]]]:
    if not isinstance(item, dict):
        return None, {"non_field_errors": [f"Invalid data. Expected a dictionary, but got {type(item).__name__}."]}
    values, errors = f.collect(
        item,
        {
            "name": f.not_null(lambda v: f.char(v, max_length=64)),
            "color": f.nullable(lambda v: f.char(v, allow_blank=True)),
        },
        required=frozenset({"name"}),
    )
    raw_attributes = item.get("attributes")
    if raw_attributes is None:
        raw_attributes = f.html_list(item, "attributes") or []
    if not isinstance(raw_attributes, list):
        errors["attributes"] = [f'Expected a list of items but got type "{type(raw_attributes).__name__}".']
    if errors:
        return None, errors
    attributes = tuple(_attribute(raw) for raw in raw_attributes)
    return LabelInput(values["name"], values.get("color"), attributes), {}


def _attribute(raw: Any) -> AttributeInput:
    """CVAT's ``AttributeSerializer.to_internal_value``: no validation; what the database takes is stored."""
    if not isinstance(raw, dict):
        raise DatabaseRefusal("attribute is not an object")
    values = raw.get("values", [])
    items = values if isinstance(values, list | str) else [values]
    mutable = None
    if raw.get("mutable") is not None:
        try:
            mutable = f.boolean(raw["mutable"])
        except f.FieldError:
            raise DatabaseRefusal("mutable is not a boolean") from None
    return AttributeInput(
        name=None if raw.get("name") is None else str(raw["name"]),
        mutable=mutable,
        input_type=None if raw.get("input_type") is None else str(raw["input_type"]),
        default_value=None if raw.get("default_value") is None else str(raw["default_value"]),
        values="\n".join(str(item).strip() for item in items),
        has_id="id" in raw,
    )
