"""Label specs as CVAT's raw JSON, and the rules of CVAT's label form (no server needed)."""

from __future__ import annotations

import json

import pytest

from annodesk.api import (
    Label,
    LabelSpecError,
    NewAttribute,
    NewLabel,
    SpecPlace,
    label_problems,
    labels_from_json,
    labels_to_json,
    new_label_from,
    validate_labels,
)
from annodesk.api.responses import decoder_for

from .test_models import recorded_body

SPEC = (
    NewLabel(
        "行人",
        color="#3d3df5",
        attributes=(
            NewAttribute("姿态", "select", default_value="站立", values=("站立", "行走")),
            NewAttribute("occluded", "checkbox", mutable=True, default_value="false", values=("false",)),
            NewAttribute("count", "number", default_value="1", values=("1", "20", "1")),
            NewAttribute("note", "text", mutable=True, default_value="none", values=("none",)),
            NewAttribute("side", "radio", default_value="left", values=("left", "right")),
        ),
    ),
    NewLabel("car"),
)


def test_json_round_trip_is_pretty_and_lossless() -> None:
    text = labels_to_json(SPEC)
    assert text.startswith('[\n  {\n    "name": "行人",\n    "color": "#3d3df5",')  # indented, CJK kept
    assert labels_from_json(text) == SPEC
    assert json.loads(text)[1] == {"name": "car", "attributes": []}  # no colour: the server picks one


def test_server_labels_are_accepted_without_ids() -> None:
    task = decoder_for(dict).decode(recorded_body("17_task1_get.txt"))
    labels = labels_from_json(json.dumps(task["labels"]))
    assert [label.name for label in labels] == ["car", "person"]
    assert labels[0].attributes[0] == NewAttribute("color", "select", False, "red", ("red", "blue", "green"))
    assert labels_from_json(json.dumps(task)) == labels  # a whole task's JSON: its labels
    parsed = [decoder_for(Label).decode(json.dumps(raw)) for raw in task["labels"]]
    assert tuple(new_label_from(label) for label in parsed) == labels
    assert validate_labels(labels) == []


def test_values_as_numbers_and_missing_keys_get_defaults() -> None:
    (label,) = labels_from_json(
        '[{"name": "box", "attributes": [{"name": "size", "input_type": "NUMBER", "values": [1, 10, 1]}]}]'
    )
    assert label.attributes[0] == NewAttribute("size", "number", False, "1", ("1", "10", "1"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[{",
            "The label specification is not valid JSON: Expecting property name enclosed in double quotes "
            "(line 1, column 3).",
        ),
        ('{"name": "car"}', "The label specification must be a JSON list of labels"),
        ("[1]", "Label 1 must be a JSON object with a “name”, not a number."),
        ('[{"color": "#fff000"}]', "Label 1 needs a “name” that is a text, not null."),
        (
            '[{"name": "car"}, {"name": "bus", "attributes": {}}]',
            "Label 2 (“bus”): “attributes” must be a list, not an object.",
        ),
        (
            '[{"name": "car", "attributes": [{"name": "speed", "input_type": "slider"}]}]',
            "Label 1 (“car”), attribute 1 (“speed”): “input_type” must be one of select, radio, checkbox, text, "
            'number, not "slider".',
        ),
        (
            '[{"name": "car", "attributes": [{"name": "a", "input_type": "text", "mutable": "yes"}]}]',
            'Label 1 (“car”), attribute 1 (“a”): “mutable” must be true or false, not "yes".',
        ),
        (
            '[{"name": "car", "attributes": [{"name": "a", "input_type": "select", "values": "red"}]}]',
            "Label 1 (“car”), attribute 1 (“a”): “values” must be a list of texts",
        ),
    ],
)
def test_unreadable_specs_say_where_and_what(text: str, message: str) -> None:
    with pytest.raises(LabelSpecError) as info:
        labels_from_json(text)
    assert str(info.value).startswith(message)
    assert isinstance(info.value, ValueError)


def test_rules_of_the_label_form() -> None:
    bad = (
        NewLabel(" "),
        NewLabel("car", color="red"),
        NewLabel(
            "car",
            attributes=(
                NewAttribute("type", "select", default_value="van", values=("sedan", "suv")),
                NewAttribute("type", "radio", values=()),
                NewAttribute("parked", "checkbox", default_value="yes", values=("maybe",)),
                NewAttribute("speed", "number", default_value="500", values=("0", "200", "5")),
                NewAttribute("size", "number", default_value="0", values=("10", "1", "0")),
                NewAttribute("range", "number", default_value="0", values=("0", "1")),
                NewAttribute("x" * 65, "text"),
            ),
        ),
    )
    problems = validate_labels(bad)
    assert problems == [
        "Label 1 has no name.",
        "Label 2 (“car”): the color must look like #rrggbb (for example #ff6037).",
        "Label 3 (“car”): another label already has this name; label names must be unique.",
        "Label 3 (“car”), attribute 1 (“type”): the default value “van” is not one of the values.",
        "Label 3 (“car”), attribute 2 (“type”): the label already has an attribute of this name.",
        "Label 3 (“car”), attribute 2 (“type”): list at least one value to choose from.",
        "Label 3 (“car”), attribute 3 (“parked”): a checkbox's value must be true or false.",
        "Label 3 (“car”), attribute 3 (“parked”): a checkbox's default must be true or false.",
        "Label 3 (“car”), attribute 4 (“speed”): the default 500 is outside 0…200.",
        "Label 3 (“car”), attribute 5 (“size”): the minimum must be less than the maximum.",
        "Label 3 (“car”), attribute 5 (“size”): the step must be a positive number.",
        "Label 3 (“car”), attribute 6 (“range”): a number needs three values: minimum, maximum and step "
        "(min;max;step).",
        f"Label 3 (“car”), attribute 7 (“{'x' * 65}”): the name is longer than 64 characters.",
    ]
    assert validate_labels([]) == ["Add at least one label."]
    assert validate_labels(SPEC) == []


def test_problems_and_errors_say_what_where_and_which_field() -> None:
    """A UI words them itself (translated) and puts each next to its field: code, place and field are given."""
    labels = (
        NewLabel("car", color="blue"),
        NewLabel("car", attributes=(NewAttribute("speed", "number", default_value="9", values=("0", "5", "1")),)),
    )
    problems = label_problems(labels)
    assert [(p.code, p.field, p.place, p.values) for p in problems] == [
        ("label_color", "color", SpecPlace(1, "car"), ()),
        ("label_name_duplicate", "name", SpecPlace(2, "car"), ()),
        ("number_default_range", "default", SpecPlace(2, "car", 1, "speed"), ("9", "0", "5")),
    ]
    assert [p.message for p in problems] == validate_labels(labels)
    assert str(SpecPlace(2, "car", 1, "speed")) == "Label 2 (“car”), attribute 1 (“speed”)"
    assert str(SpecPlace(3, "", 2, "")) == "Label 3, attribute 2"

    cases = [
        ("[{", "json", SpecPlace(), ("Expecting property name enclosed in double quotes", "1", "3")),
        ('{"a": 1}', "not_list", SpecPlace(), ()),
        ('[{"name": 5}]', "label_name_type", SpecPlace(1), ("a number",)),
        ('[{"name": "a", "color": []}]', "color_type", SpecPlace(1, "a"), ("a list",)),
        ('[{"name": "a", "attributes": [null]}]', "attribute_not_object", SpecPlace(1, "a", 1), ("null",)),
        (
            '[{"name": "a", "attributes": [{"name": "b", "input_type": "滑块"}]}]',
            "input_type",
            SpecPlace(1, "a", 1, "b"),
            ('"滑块"',),
        ),
        (
            '[{"name": "a", "attributes": [{"name": "b", "input_type": "text", "default_value": true}]}]',
            "default_type",
            SpecPlace(1, "a", 1, "b"),
            ("true/false",),
        ),
    ]
    for text, code, place, values in cases:
        with pytest.raises(LabelSpecError) as info:
            labels_from_json(text)
        assert (info.value.code, info.value.place, info.value.values) == (code, place, values), text
