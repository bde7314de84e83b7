"""Label spec errors and problems in the UI's language.

:mod:`annodesk.api.labels` gives each :class:`~annodesk.api.labels.LabelSpecError` and
:class:`~annodesk.api.labels.LabelProblem` a ``code``, a ``place`` and the ``values`` it quotes besides its English
sentence. Here each code has its sentence marked for translation (the English text is the library's own, so an
English UI shows exactly the library's message): :func:`spec_error_sentence` for the raw JSON tab,
:func:`problem_sentence` next to a field of the constructor, :func:`located_problem` with its place in a list.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annodesk.api.labels import KINDS, LabelProblem, LabelSpecError, SpecPlace
from annodesk.api.task_models import INPUT_TYPES
from annodesk.i18n import QT_TRANSLATE_NOOP, arg, translated

SPEC_ERRORS = {
    "json": QT_TRANSLATE_NOOP("LabelSpec", "The label specification is not valid JSON: %1 (line %2, column %3)."),
    "not_list": QT_TRANSLATE_NOOP(
        "LabelSpec", 'The label specification must be a JSON list of labels, like [{"name": "car"}].'
    ),
    "label_not_object": QT_TRANSLATE_NOOP("LabelSpec", "%1 must be a JSON object with a “name”, not %2."),
    "label_name_type": QT_TRANSLATE_NOOP("LabelSpec", "%1 needs a “name” that is a text, not %2."),
    "color_type": QT_TRANSLATE_NOOP("LabelSpec", '%1: “color” must be a text like "#ff0000", not %2.'),
    "attributes_type": QT_TRANSLATE_NOOP("LabelSpec", "%1: “attributes” must be a list, not %2."),
    "attribute_not_object": QT_TRANSLATE_NOOP("LabelSpec", "%1 must be a JSON object, not %2."),
    "attribute_name_type": QT_TRANSLATE_NOOP("LabelSpec", "%1 needs a “name” that is a text, not %2."),
    "input_type": QT_TRANSLATE_NOOP("LabelSpec", "%1: “input_type” must be one of %2, not %3."),
    "mutable_type": QT_TRANSLATE_NOOP("LabelSpec", "%1: “mutable” must be true or false, not %2."),
    "values_type": QT_TRANSLATE_NOOP("LabelSpec", '%1: “values” must be a list of texts, like ["a", "b"].'),
    "default_type": QT_TRANSLATE_NOOP("LabelSpec", "%1: “default_value” must be a text, not %2."),
}
_KIND_WORDS = {
    "null": QT_TRANSLATE_NOOP("LabelSpec", "null"),
    "true/false": QT_TRANSLATE_NOOP("LabelSpec", "true/false"),
    "a number": QT_TRANSLATE_NOOP("LabelSpec", "a number"),
    "a text": QT_TRANSLATE_NOOP("LabelSpec", "a text"),
    "a list": QT_TRANSLATE_NOOP("LabelSpec", "a list"),
    "an object": QT_TRANSLATE_NOOP("LabelSpec", "an object"),
}
assert set(_KIND_WORDS) == set(KINDS)

PROBLEMS = {
    "no_labels": QT_TRANSLATE_NOOP("LabelProblem", "Add at least one label."),
    "label_name_empty": QT_TRANSLATE_NOOP("LabelProblem", "The label has no name."),
    "label_name_long": QT_TRANSLATE_NOOP("LabelProblem", "The name is longer than %1 characters."),
    "label_name_duplicate": QT_TRANSLATE_NOOP(
        "LabelProblem", "Another label already has this name; label names must be unique."
    ),
    "label_color": QT_TRANSLATE_NOOP("LabelProblem", "The color must look like #rrggbb (for example #ff6037)."),
    "attribute_name_duplicate": QT_TRANSLATE_NOOP("LabelProblem", "The label already has an attribute of this name."),
    "attribute_name_empty": QT_TRANSLATE_NOOP("LabelProblem", "The attribute has no name."),
    "attribute_name_long": QT_TRANSLATE_NOOP("LabelProblem", "The name is longer than %1 characters."),
    "default_long": QT_TRANSLATE_NOOP("LabelProblem", "The default value is longer than %1 characters."),
    "input_type": QT_TRANSLATE_NOOP("LabelProblem", "The input type must be one of %1."),
    "values_missing": QT_TRANSLATE_NOOP("LabelProblem", "List at least one value to choose from."),
    "value_empty": QT_TRANSLATE_NOOP("LabelProblem", "A value is empty."),
    "value_twice": QT_TRANSLATE_NOOP("LabelProblem", "A value is listed twice."),
    "default_not_value": QT_TRANSLATE_NOOP("LabelProblem", "The default value “%1” is not one of the values."),
    "checkbox_value": QT_TRANSLATE_NOOP("LabelProblem", "A checkbox's value must be true or false."),
    "checkbox_default": QT_TRANSLATE_NOOP("LabelProblem", "A checkbox's default must be true or false."),
    "number_count": QT_TRANSLATE_NOOP(
        "LabelProblem", "A number needs three values: minimum, maximum and step (min;max;step)."
    ),
    "number_not_numbers": QT_TRANSLATE_NOOP("LabelProblem", "“%1” is not three numbers (min;max;step)."),
    "number_not_finite": QT_TRANSLATE_NOOP("LabelProblem", "The minimum, maximum and step must be finite numbers."),
    "number_min_max": QT_TRANSLATE_NOOP("LabelProblem", "The minimum must be less than the maximum."),
    "number_step_positive": QT_TRANSLATE_NOOP("LabelProblem", "The step must be a positive number."),
    "number_step_large": QT_TRANSLATE_NOOP(
        "LabelProblem", "The step must not be larger than the maximum minus the minimum."
    ),
    "number_default_nan": QT_TRANSLATE_NOOP("LabelProblem", "The default “%1” is not a number."),
    "number_default_range": QT_TRANSLATE_NOOP("LabelProblem", "The default %1 is outside %2…%3."),
    "text_values": QT_TRANSLATE_NOOP("LabelProblem", "A text attribute has one value: its default text."),
}


def place_text(place: SpecPlace) -> str:
    """``Label 2 (“car”), attribute 1 (“type”)`` in the current language (empty for the whole list)."""
    if place.label is None:
        return ""
    label, name = place.label, place.label_name
    if place.attribute is None:
        if name:
            return arg(QCoreApplication.translate("LabelSpec", "Label %1 (“%2”)"), label, name)
        return arg(QCoreApplication.translate("LabelSpec", "Label %1"), label)
    attribute, attribute_name = place.attribute, place.attribute_name
    if name and attribute_name:
        text = QCoreApplication.translate("LabelSpec", "Label %1 (“%2”), attribute %3 (“%4”)")
        return arg(text, label, name, attribute, attribute_name)
    if name:
        return arg(QCoreApplication.translate("LabelSpec", "Label %1 (“%2”), attribute %3"), label, name, attribute)
    if attribute_name:
        text = QCoreApplication.translate("LabelSpec", "Label %1, attribute %2 (“%3”)")
        return arg(text, label, attribute, attribute_name)
    return arg(QCoreApplication.translate("LabelSpec", "Label %1, attribute %2"), label, attribute)


def _kind(word: str) -> str:
    source = _KIND_WORDS.get(word)
    return translated("LabelSpec", source) if source else word


def spec_error_sentence(error: LabelSpecError) -> str:
    """Why a raw label specification cannot be read, in the current language (English: the library's words)."""
    template = SPEC_ERRORS.get(error.code)
    if template is None:
        return str(error)
    text = translated("LabelSpec", template)
    if error.code == "json":
        return arg(text, *error.values)
    if error.code == "not_list":
        return text
    where = place_text(error.place)
    if error.code == "input_type":
        return arg(text, where, ", ".join(INPUT_TYPES), *error.values)
    if error.code in ("mutable_type", "values_type"):
        return arg(text, where, *error.values)
    return arg(text, where, *(_kind(value) for value in error.values))


def problem_sentence(problem: LabelProblem) -> str:
    """The problem as one sentence next to the field it concerns (its place is where it is shown)."""
    template = PROBLEMS.get(problem.code)
    if template is None:
        return problem.message
    return arg(translated("LabelProblem", template), *problem.values)


def located_problem(problem: LabelProblem) -> str:
    """The problem with its place, for a list of problems away from the fields (``Label 2 (“car”): …``)."""
    where = place_text(problem.place)
    if not where:
        return problem_sentence(problem)
    return arg(QCoreApplication.translate("LabelSpec", "%1: %2"), where, problem_sentence(problem))
