"""Label specifications as JSON (CVAT's raw label editor) and the rules CVAT's web UI applies to them.

- :func:`labels_to_json` writes labels as the raw editor shows them (an indented JSON list).
- :func:`labels_from_json` reads such a list — also labels copied from a server's task JSON (ids are
  dropped) — and raises :class:`LabelSpecError` naming the label and attribute at fault.
- :func:`validate_labels` lists what CVAT's label form would refuse (empty or duplicate names, a default
  that is not one of the values, a bad ``min;max;step``…), one readable sentence per problem.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

from .models import Label
from .task_models import INPUT_TYPES, NewAttribute, NewLabel

NAME_MAX = 64
DEFAULT_VALUE_MAX = 128
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


class LabelSpecError(ValueError):
    """A label specification that cannot be read; ``str()`` is a sentence fit for a user."""


def new_label_from(label: Label) -> NewLabel:
    """The spec of an existing label (without ids), e.g. to copy a task's labels into a new one."""
    return NewLabel(
        name=label.name,
        color=label.color,
        attributes=tuple(
            NewAttribute(
                name=attribute.name,
                input_type=attribute.input_type,
                mutable=attribute.mutable,
                default_value=attribute.default_value,
                values=attribute.values,
            )
            for attribute in label.attributes
        ),
    )


def label_payload(label: NewLabel) -> dict[str, Any]:
    """A label as CVAT's create/update endpoints take it (every attribute key sent; no ids)."""
    payload: dict[str, Any] = {"name": label.name}
    if label.color:
        payload["color"] = label.color
    payload["attributes"] = [
        {
            "name": attribute.name,
            "mutable": attribute.mutable,
            "input_type": attribute.input_type,
            "default_value": attribute.default_value,
            "values": list(_values_to_send(attribute)),
        }
        for attribute in label.attributes
    ]
    return payload


def _values_to_send(attribute: NewAttribute) -> tuple[str, ...]:
    """The web UI's conventions when ``values`` is empty: the default text, or the checkbox default."""
    if attribute.values:
        return attribute.values
    if attribute.input_type in ("text", "checkbox"):
        return (attribute.default_value or ("false" if attribute.input_type == "checkbox" else ""),)
    return ()


def labels_to_json(labels: Iterable[NewLabel]) -> str:
    """The labels as CVAT's raw editor shows them: an indented JSON list, non-ASCII kept."""
    return json.dumps([label_payload(label) for label in labels], ensure_ascii=False, indent=2)


def labels_from_json(text: str) -> tuple[NewLabel, ...]:
    """Read a JSON list of labels (CVAT's raw format, or labels from a task's JSON: ids are ignored).

    Raises :class:`LabelSpecError` for text that is not such a list, naming what is wrong and where.
    Content rules (duplicates, defaults…) are :func:`validate_labels`' job.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise LabelSpecError(
            f"The label specification is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno})."
        ) from None
    if isinstance(data, dict) and isinstance(data.get("labels"), list):
        data = data["labels"]  # a whole task's JSON: take its labels
    if not isinstance(data, list):
        raise LabelSpecError('The label specification must be a JSON list of labels, like [{"name": "car"}].')
    return tuple(_label(index, item) for index, item in enumerate(data, start=1))


def _where_label(index: int, item: Any) -> str:
    name = item.get("name") if isinstance(item, dict) else None
    return f"Label {index} (“{name}”)" if isinstance(name, str) and name else f"Label {index}"


def _label(index: int, item: Any) -> NewLabel:
    where = _where_label(index, item)
    if not isinstance(item, dict):
        raise LabelSpecError(f"{where} must be a JSON object with a “name”, not {_kind(item)}.")
    name = item.get("name")
    if not isinstance(name, str):
        raise LabelSpecError(f"{where} needs a “name” that is a text, not {_kind(name)}.")
    color = item.get("color", "")
    if color is None:
        color = ""
    if not isinstance(color, str):
        raise LabelSpecError(f'{where}: “color” must be a text like "#ff0000", not {_kind(color)}.')
    attributes = item.get("attributes", [])
    if attributes is None:
        attributes = []
    if not isinstance(attributes, list):
        raise LabelSpecError(f"{where}: “attributes” must be a list, not {_kind(attributes)}.")
    return NewLabel(
        name=name,
        color=color,
        attributes=tuple(_attribute(where, number, raw) for number, raw in enumerate(attributes, start=1)),
    )


def _attribute(where: str, number: int, item: Any) -> NewAttribute:
    name = item.get("name") if isinstance(item, dict) else None
    here = f"{where}, attribute {number}" + (f" (“{name}”)" if isinstance(name, str) and name else "")
    if not isinstance(item, dict):
        raise LabelSpecError(f"{here} must be a JSON object, not {_kind(item)}.")
    if not isinstance(name, str):
        raise LabelSpecError(f"{here} needs a “name” that is a text, not {_kind(name)}.")
    input_type = item.get("input_type")
    if not isinstance(input_type, str) or input_type.lower() not in INPUT_TYPES:
        raise LabelSpecError(
            f"{here}: “input_type” must be one of {', '.join(INPUT_TYPES)}, not {json.dumps(input_type)}."
        )
    mutable = item.get("mutable", False)
    if not isinstance(mutable, bool):
        raise LabelSpecError(f"{here}: “mutable” must be true or false, not {json.dumps(mutable)}.")
    values = item.get("values", [])
    if values is None:
        values = []
    if not isinstance(values, list) or not all(isinstance(v, str | int | float) and not isinstance(v, bool)
                                               for v in values):  # fmt: skip
        raise LabelSpecError(f'{here}: “values” must be a list of texts, like ["a", "b"].')
    texts = tuple(_text(value) for value in values)
    default = item.get("default_value")
    if default is None:
        default = texts[0] if texts else ""
    if not isinstance(default, str | int | float) or isinstance(default, bool):
        raise LabelSpecError(f"{here}: “default_value” must be a text, not {_kind(default)}.")
    return NewAttribute(
        name=name,
        input_type=input_type.lower(),
        mutable=mutable,
        default_value=_text(default),
        values=texts,
    )


def _text(value: str | float) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _kind(value: Any) -> str:
    return {
        type(None): "null",
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "a text",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


# Rules --------------------------------------------------------------------------------------------------


def validate_labels(labels: Sequence[NewLabel]) -> list[str]:
    """Problems CVAT (server and web UI) would refuse, one sentence each; empty when the labels are fine."""
    problems: list[str] = []
    if not labels:
        return ["Add at least one label."]
    seen: set[str] = set()
    for index, label in enumerate(labels, start=1):
        where = f"Label {index}" + (f" (“{label.name}”)" if label.name.strip() else "")
        if not label.name.strip():
            problems.append(f"{where} has no name.")
        elif len(label.name) > NAME_MAX:
            problems.append(f"{where}: the name is longer than {NAME_MAX} characters.")
        if label.name in seen:
            problems.append(f"{where}: another label already has this name; label names must be unique.")
        seen.add(label.name)
        if label.color and not COLOR.match(label.color):
            problems.append(f"{where}: the color must look like #rrggbb (for example #ff6037).")
        names: set[str] = set()
        for number, attribute in enumerate(label.attributes, start=1):
            here = f"{where}, attribute {number}" + (f" (“{attribute.name}”)" if attribute.name.strip() else "")
            if attribute.name in names:
                problems.append(f"{here}: the label already has an attribute of this name.")
            names.add(attribute.name)
            problems.extend(f"{here}: {problem}" for problem in attribute_problems(attribute))
    return problems


def attribute_problems(attribute: NewAttribute) -> list[str]:
    """What is wrong with one attribute (its name, type, values and default), as short sentences."""
    problems = []
    if not attribute.name.strip():
        problems.append("it has no name.")
    elif len(attribute.name) > NAME_MAX:
        problems.append(f"the name is longer than {NAME_MAX} characters.")
    if len(attribute.default_value) > DEFAULT_VALUE_MAX:
        problems.append(f"the default value is longer than {DEFAULT_VALUE_MAX} characters.")
    kind = attribute.input_type
    values = attribute.values
    if kind not in INPUT_TYPES:
        problems.append(f"the input type must be one of {', '.join(INPUT_TYPES)}.")
    elif kind in ("select", "radio"):
        if not values:
            problems.append("list at least one value to choose from.")
        if any(not value.strip() for value in values):
            problems.append("a value is empty.")
        if len(set(values)) != len(values):
            problems.append("a value is listed twice.")
        if values and attribute.default_value not in values:
            problems.append(f"the default value “{attribute.default_value}” is not one of the values.")
    elif kind == "checkbox":
        if values not in ((), ("true",), ("false",)):
            problems.append("a checkbox's value must be true or false.")
        if attribute.default_value not in ("true", "false"):
            problems.append("a checkbox's default must be true or false.")
    elif kind == "number":
        problems.extend(_number_problems(attribute))
    elif kind == "text" and len(values) > 1:
        problems.append("a text attribute has one value: its default text.")
    return problems


def _number_problems(attribute: NewAttribute) -> list[str]:
    """CVAT's ``min;max;step`` rule: three numbers, min < max, 0 < step ≤ max − min; the default in range."""
    if len(attribute.values) != 3:
        return ["a number needs three values: minimum, maximum and step (min;max;step)."]
    try:
        low, high, step = (float(value) for value in attribute.values)
    except ValueError:
        return [f"“{';'.join(attribute.values)}” is not three numbers (min;max;step)."]
    if not all(math.isfinite(n) for n in (low, high, step)):
        return ["the minimum, maximum and step must be finite numbers."]
    problems = []
    if low >= high:
        problems.append("the minimum must be less than the maximum.")
    if step <= 0:
        problems.append("the step must be a positive number.")
    elif high - low < step:
        problems.append("the step must not be larger than the maximum minus the minimum.")
    try:
        default = float(attribute.default_value)
    except ValueError:
        problems.append(f"the default “{attribute.default_value}” is not a number.")
    else:
        if low < high and not low <= default <= high:
            problems.append(
                f"the default {attribute.default_value} is outside {attribute.values[0]}…{attribute.values[1]}."
            )
    return problems
