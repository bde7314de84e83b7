"""Label specifications as JSON (CVAT's raw label editor) and the rules CVAT's web UI applies to them.

- :func:`labels_to_json` writes labels as the raw editor shows them (an indented JSON list).
- :func:`labels_from_json` reads such a list — also labels copied from a server's task JSON (ids are
  dropped) — and raises :class:`LabelSpecError` naming the label and attribute at fault.
- :func:`validate_labels` lists what CVAT's label form would refuse (empty or duplicate names, a default
  that is not one of the values, a bad ``min;max;step``…), one readable sentence per problem;
  :func:`label_problems` gives the same problems as :class:`LabelProblem` s (what, where, which field), for a
  UI that shows each next to the field it concerns, in its own language.

Every error and problem has a ``code`` and its ``values`` besides the English sentence, so that a translated
UI can say the same thing without parsing English.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .models import Label
from .task_models import INPUT_TYPES, NewAttribute, NewLabel

NAME_MAX = 64
DEFAULT_VALUE_MAX = 128
COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")


@dataclass(frozen=True)
class SpecPlace:
    """Where in a list of labels: label ``label`` (1-based; ``None``: the whole list) and, within it, attribute
    ``attribute`` (1-based; ``None``: the label itself). Names are given when known (``""`` otherwise)."""

    label: int | None = None
    label_name: str = ""
    attribute: int | None = None
    attribute_name: str = ""

    def __str__(self) -> str:
        """``Label 2 (“car”), attribute 1 (“type”)`` (names left out when unknown)."""
        if self.label is None:
            return ""
        text = f"Label {self.label}" + (f" (“{self.label_name}”)" if self.label_name else "")
        if self.attribute is not None:
            text += f", attribute {self.attribute}" + (f" (“{self.attribute_name}”)" if self.attribute_name else "")
        return text


class LabelSpecError(ValueError):
    """A label specification that cannot be read; ``str()`` is a sentence fit for a user.

    ``code`` says what is wrong (``json``, ``not_list``, ``label_not_object``, ``label_name_type``,
    ``color_type``, ``attributes_type``, ``attribute_not_object``, ``attribute_name_type``, ``input_type``,
    ``mutable_type``, ``values_type``, ``default_type``), ``place`` where, and ``values`` the pieces the sentence
    quotes: for ``json`` the parser's message, line and column; for the type errors the kind of value found
    (``null``, ``true/false``, ``a number``, ``a text``, ``a list``, ``an object``) or its JSON text.
    """

    def __init__(
        self, message: str, *, code: str = "", place: SpecPlace | None = None, values: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message)
        self.code = code
        self.place = place or SpecPlace()
        self.values = values


@dataclass(frozen=True)
class LabelProblem:
    """One thing CVAT would refuse in a list of labels.

    ``field`` is what it concerns: ``labels`` (the list), ``name``, ``color`` (of a label), or ``name``,
    ``input_type``, ``values``, ``default`` (of an attribute, when ``place.attribute`` is set). ``message`` is
    the English sentence :func:`validate_labels` gives; ``code`` and ``values`` let a UI word it itself.
    """

    code: str
    field: str
    message: str
    place: SpecPlace = SpecPlace()
    values: tuple[str, ...] = ()


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
            f"The label specification is not valid JSON: {error.msg} (line {error.lineno}, column {error.colno}).",
            code="json",
            values=(error.msg, str(error.lineno), str(error.colno)),
        ) from None
    if isinstance(data, dict) and isinstance(data.get("labels"), list):
        data = data["labels"]  # a whole task's JSON: take its labels
    if not isinstance(data, list):
        raise LabelSpecError(
            'The label specification must be a JSON list of labels, like [{"name": "car"}].', code="not_list"
        )
    return tuple(_label(index, item) for index, item in enumerate(data, start=1))


def _error(place: SpecPlace, code: str, sentence: str, value: str) -> LabelSpecError:
    """``sentence`` has ``{where}`` and ``{value}`` slots."""
    return LabelSpecError(sentence.format(where=place, value=value), code=code, place=place, values=(value,))


def _label(index: int, item: Any) -> NewLabel:
    name = item.get("name") if isinstance(item, dict) else None
    place = SpecPlace(index, name if isinstance(name, str) else "")
    if not isinstance(item, dict):
        sentence = "{where} must be a JSON object with a “name”, not {value}."
        raise _error(place, "label_not_object", sentence, _kind(item))
    if not isinstance(name, str):
        raise _error(place, "label_name_type", "{where} needs a “name” that is a text, not {value}.", _kind(name))
    color = item.get("color", "")
    if color is None:
        color = ""
    if not isinstance(color, str):
        raise _error(place, "color_type", '{where}: “color” must be a text like "#ff0000", not {value}.', _kind(color))
    attributes = item.get("attributes", [])
    if attributes is None:
        attributes = []
    if not isinstance(attributes, list):
        raise _error(place, "attributes_type", "{where}: “attributes” must be a list, not {value}.", _kind(attributes))
    return NewLabel(
        name=name,
        color=color,
        attributes=tuple(_attribute(place, number, raw) for number, raw in enumerate(attributes, start=1)),
    )


def _attribute(label: SpecPlace, number: int, item: Any) -> NewAttribute:
    name = item.get("name") if isinstance(item, dict) else None
    here = SpecPlace(label.label, label.label_name, number, name if isinstance(name, str) else "")
    if not isinstance(item, dict):
        raise _error(here, "attribute_not_object", "{where} must be a JSON object, not {value}.", _kind(item))
    if not isinstance(name, str):
        raise _error(here, "attribute_name_type", "{where} needs a “name” that is a text, not {value}.", _kind(name))
    input_type = item.get("input_type")
    if not isinstance(input_type, str) or input_type.lower() not in INPUT_TYPES:
        raise _error(
            here,
            "input_type",
            f"{{where}}: “input_type” must be one of {', '.join(INPUT_TYPES)}, not {{value}}.",
            json.dumps(input_type, ensure_ascii=False),
        )
    mutable = item.get("mutable", False)
    if not isinstance(mutable, bool):
        raise _error(
            here, "mutable_type", "{where}: “mutable” must be true or false, not {value}.", json.dumps(mutable)
        )
    values = item.get("values", [])
    if values is None:
        values = []
    if not isinstance(values, list) or not all(isinstance(v, str | int | float) and not isinstance(v, bool)
                                               for v in values):  # fmt: skip
        raise LabelSpecError(
            f'{here}: “values” must be a list of texts, like ["a", "b"].', code="values_type", place=here
        )
    texts = tuple(_text(value) for value in values)
    default = item.get("default_value")
    if default is None:
        default = texts[0] if texts else ""
    if not isinstance(default, str | int | float) or isinstance(default, bool):
        raise _error(here, "default_type", "{where}: “default_value” must be a text, not {value}.", _kind(default))
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


KINDS = ("null", "true/false", "a number", "a text", "a list", "an object")
"""How :class:`LabelSpecError` names the kind of a JSON value it did not expect."""


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
    return [problem.message for problem in label_problems(labels)]


def label_problems(labels: Sequence[NewLabel]) -> list[LabelProblem]:
    """What :func:`validate_labels` says, with each problem's code, place and field."""
    if not labels:
        return [LabelProblem("no_labels", "labels", "Add at least one label.")]
    problems: list[LabelProblem] = []
    seen: set[str] = set()
    for index, label in enumerate(labels, start=1):
        place = SpecPlace(index, label.name if label.name.strip() else "")
        if not label.name.strip():
            problems.append(LabelProblem("label_name_empty", "name", f"{place} has no name.", place))
        elif len(label.name) > NAME_MAX:
            text = f"{place}: the name is longer than {NAME_MAX} characters."
            problems.append(LabelProblem("label_name_long", "name", text, place, (str(NAME_MAX),)))
        if label.name in seen:
            text = f"{place}: another label already has this name; label names must be unique."
            problems.append(LabelProblem("label_name_duplicate", "name", text, place))
        seen.add(label.name)
        if label.color and not COLOR.match(label.color):
            text = f"{place}: the color must look like #rrggbb (for example #ff6037)."
            problems.append(LabelProblem("label_color", "color", text, place))
        names: set[str] = set()
        for number, attribute in enumerate(label.attributes, start=1):
            here = SpecPlace(index, place.label_name, number, attribute.name if attribute.name.strip() else "")
            if attribute.name in names:
                text = f"{here}: the label already has an attribute of this name."
                problems.append(LabelProblem("attribute_name_duplicate", "name", text, here))
            names.add(attribute.name)
            problems.extend(
                LabelProblem(code, field, f"{here}: {text}", here, values)
                for code, field, text, values in _attribute_issues(attribute)
            )
    return problems


def attribute_problems(attribute: NewAttribute) -> list[str]:
    """What is wrong with one attribute (its name, type, values and default), as short sentences."""
    return [text for _code, _field, text, _values in _attribute_issues(attribute)]


_Issue = tuple[str, str, str, tuple[str, ...]]  # code, field, English sentence, quoted values


def _attribute_issues(attribute: NewAttribute) -> list[_Issue]:
    issues: list[_Issue] = []
    if not attribute.name.strip():
        issues.append(("attribute_name_empty", "name", "it has no name.", ()))
    elif len(attribute.name) > NAME_MAX:
        text = f"the name is longer than {NAME_MAX} characters."
        issues.append(("attribute_name_long", "name", text, (str(NAME_MAX),)))
    if len(attribute.default_value) > DEFAULT_VALUE_MAX:
        text = f"the default value is longer than {DEFAULT_VALUE_MAX} characters."
        issues.append(("default_long", "default", text, (str(DEFAULT_VALUE_MAX),)))
    kind = attribute.input_type
    values = attribute.values
    if kind not in INPUT_TYPES:
        text = f"the input type must be one of {', '.join(INPUT_TYPES)}."
        issues.append(("input_type", "input_type", text, (", ".join(INPUT_TYPES),)))
    elif kind in ("select", "radio"):
        if not values:
            issues.append(("values_missing", "values", "list at least one value to choose from.", ()))
        if any(not value.strip() for value in values):
            issues.append(("value_empty", "values", "a value is empty.", ()))
        if len(set(values)) != len(values):
            issues.append(("value_twice", "values", "a value is listed twice.", ()))
        if values and attribute.default_value not in values:
            text = f"the default value “{attribute.default_value}” is not one of the values."
            issues.append(("default_not_value", "default", text, (attribute.default_value,)))
    elif kind == "checkbox":
        if values not in ((), ("true",), ("false",)):
            issues.append(("checkbox_value", "values", "a checkbox's value must be true or false.", ()))
        if attribute.default_value not in ("true", "false"):
            issues.append(("checkbox_default", "default", "a checkbox's default must be true or false.", ()))
    elif kind == "number":
        issues.extend(_number_issues(attribute))
    elif kind == "text" and len(values) > 1:
        issues.append(("text_values", "values", "a text attribute has one value: its default text.", ()))
    return issues


def _number_issues(attribute: NewAttribute) -> list[_Issue]:
    """CVAT's ``min;max;step`` rule: three numbers, min < max, 0 < step ≤ max − min; the default in range."""
    if len(attribute.values) != 3:
        text = "a number needs three values: minimum, maximum and step (min;max;step)."
        return [("number_count", "values", text, ())]
    try:
        low, high, step = (float(value) for value in attribute.values)
    except ValueError:
        joined = ";".join(attribute.values)
        return [("number_not_numbers", "values", f"“{joined}” is not three numbers (min;max;step).", (joined,))]
    if not all(math.isfinite(n) for n in (low, high, step)):
        return [("number_not_finite", "values", "the minimum, maximum and step must be finite numbers.", ())]
    issues: list[_Issue] = []
    if low >= high:
        issues.append(("number_min_max", "values", "the minimum must be less than the maximum.", ()))
    if step <= 0:
        issues.append(("number_step_positive", "values", "the step must be a positive number.", ()))
    elif low < high and high - low < step:  # (with min ≥ max, the range is what must be fixed first)
        text = "the step must not be larger than the maximum minus the minimum."
        issues.append(("number_step_large", "values", text, ()))
    try:
        default = float(attribute.default_value)
    except ValueError:
        text = f"the default “{attribute.default_value}” is not a number."
        issues.append(("number_default_nan", "default", text, (attribute.default_value,)))
    else:
        if low < high and not low <= default <= high:
            first, last = attribute.values[0], attribute.values[1]
            text = f"the default {attribute.default_value} is outside {first}…{last}."
            issues.append(("number_default_range", "default", text, (attribute.default_value, first, last)))
    return issues
