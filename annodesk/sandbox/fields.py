"""DRF's field coercion and messages (IntegerField, BooleanField, CharField, PrimaryKeyRelatedField, lists).

Each function returns the coerced value or raises :class:`FieldError` with DRF's message, so serializer-like
validators can collect ``{"field": ["message"]}`` maps the way Django REST framework 3.11 words them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

REQUIRED = "This field is required."
NULL = "This field may not be null."
BLANK = "This field may not be blank."
TRUE_VALUES = frozenset({"t", "T", "y", "Y", "yes", "YES", "true", "True", "TRUE", "on", "On", "ON", "1", 1})
FALSE_VALUES = frozenset({"f", "F", "n", "N", "no", "NO", "false", "False", "FALSE", "off", "Off", "OFF", "0", 0})
_DECIMAL_TAIL = re.compile(r"\.0*\s*$")


class FieldError(ValueError):
    """One field's validation messages."""

    def __init__(self, *messages: str) -> None:
        super().__init__(*messages)
        self.messages = list(messages)


def integer(value: Any, *, min_value: int | None = None, max_value: int | None = None) -> int:
    """DRF ``IntegerField``: ints, integral floats and numeric strings (``"5"``, ``"5.0"``)."""
    if isinstance(value, bool) or value is None:
        raise FieldError("A valid integer is required.")
    try:
        number = int(_DECIMAL_TAIL.sub("", str(value)))
    except ValueError:
        raise FieldError("A valid integer is required.") from None
    if min_value is not None and number < min_value:
        raise FieldError(f"Ensure this value is greater than or equal to {min_value}.")
    if max_value is not None and number > max_value:
        raise FieldError(f"Ensure this value is less than or equal to {max_value}.")
    return number


def floating(value: Any) -> float:
    """DRF ``FloatField``."""
    if isinstance(value, bool) or value is None:
        raise FieldError("A valid number is required.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise FieldError("A valid number is required.") from None
    if number != number or number in (float("inf"), float("-inf")):
        raise FieldError("A valid number is required.")
    return number


def boolean(value: Any) -> bool:
    """DRF ``BooleanField``."""
    try:
        if value in TRUE_VALUES:
            return True
        if value in FALSE_VALUES:
            return False
    except TypeError:  # unhashable (a list or a dict)
        pass
    raise FieldError("Must be a valid boolean.")


def char(value: Any, *, max_length: int | None = None, allow_blank: bool = False) -> str:
    """DRF ``CharField``: strings and plain numbers (coerced), surrounding whitespace trimmed."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise FieldError("Not a valid string.")
    text = str(value).strip()
    if not text and not allow_blank:
        raise FieldError(BLANK)
    if max_length is not None and len(text) > max_length:
        raise FieldError(f"Ensure this field has no more than {max_length} characters.")
    return text


def storable(number: int) -> bool:
    """Whether ``number`` fits a database integer (SQLite and PostgreSQL ``bigint``: 64-bit signed)."""
    return -(1 << 63) <= number < (1 << 63)


def primary_key(value: Any, exists: Callable[[int], bool]) -> int:
    """DRF ``PrimaryKeyRelatedField`` over objects for which ``exists(pk)`` holds."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise FieldError(f"Incorrect type. Expected pk value, received {type(value).__name__}.")
    try:
        pk = int(value)
    except ValueError:
        raise FieldError("Incorrect type. Expected pk value, received str.") from None
    if not storable(pk) or not exists(pk):
        raise FieldError(f'Invalid pk "{pk}" - object does not exist.')
    return pk


def nullable(coerce: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``coerce`` for a field with ``allow_null=True`` (``None`` and, from forms, ``""`` mean null)."""

    def run(value: Any) -> Any:
        return None if value in (None, "") else coerce(value)

    return run


def not_null(coerce: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """``coerce`` for a field that refuses null."""

    def run(value: Any) -> Any:
        if value is None:
            raise FieldError(NULL)
        return coerce(value)

    return run


def collect(
    body: Mapping[str, Any],
    rules: Mapping[str, Callable[[Any], Any]],
    *,
    required: frozenset[str] = frozenset(),
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """Apply ``rules`` to the keys of ``body`` present: (coerced values, DRF-style field errors)."""
    values: dict[str, Any] = {}
    errors: dict[str, list[str]] = {}
    for name, coerce in rules.items():
        if name not in body:
            if name in required:
                errors[name] = [REQUIRED]
            continue
        try:
            values[name] = coerce(body[name])
        except FieldError as error:
            errors[name] = error.messages
    return values, errors


def html_list(body: Mapping[str, Any], prefix: str) -> list[Any] | None:
    """DRF's ``parse_html_list``: ``prefix[0]``, ``prefix[1]name``… of a form body as a list (None: no such keys).

    A bare repeated ``prefix`` key is ignored, as Django does (the keys must be indexed).
    """
    pattern = re.compile(rf"^{re.escape(prefix)}\[([0-9]+)\](.*)$")
    found: dict[int, Any] = {}
    for key, value in body.items():
        match = pattern.match(key)
        if match is None:
            continue
        index, rest = int(match.group(1)), match.group(2)
        if not rest:
            found[index] = value
        else:
            entry = found.setdefault(index, {})
            if isinstance(entry, dict):
                entry[rest] = value
    if not found:
        return None
    return [found[index] for index in sorted(found)]


def list_field(value: Any) -> list[Any]:
    """A JSON list, or DRF's message for another type."""
    if not isinstance(value, list):
        raise FieldError(f'Expected a list of items but got type "{type(value).__name__}".')
    return value
