"""A task's labels and their attribute specs, from the task JSON's ``labels`` (``cvat-v1-api.md`` §5).

Attribute values are strings. ``mutable`` attributes of a track live on its keyframes, immutable ones on the track
(§2.3 of the annotation-view reference). Every object shows every attribute of its label, missing ones at their
``default_value`` (cvat-core's ``appendDefaultAttributes``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .colors import label_color
from .jsonfields import emit, leftovers, missing, no_extra

INPUT_TYPES = ("select", "radio", "checkbox", "text", "number")


@dataclass(frozen=True, slots=True, eq=True)
class AttributeSpec:
    """One attribute of a label: ``input_type`` is select, radio, checkbox, text or number (``values`` holds
    ``min, max, step`` for numbers)."""

    id: int
    name: str
    mutable: bool
    input_type: str
    default_value: str
    values: tuple[str, ...]
    absent: frozenset[str] = frozenset()
    extra: Mapping[str, Any] = field(default_factory=no_extra, compare=False)

    _KEYS = frozenset(("id", "name", "mutable", "input_type", "default_value", "values"))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> AttributeSpec:
        return cls(
            id=int(data.get("id", 0)),
            name=str(data.get("name", "")),
            mutable=bool(data.get("mutable", False)),
            input_type=str(data.get("input_type", "text")),
            default_value=data.get("default_value", ""),
            values=tuple(data.get("values", ())),
            absent=missing(data, cls._KEYS),
            extra=leftovers(data, cls._KEYS),
        )

    def to_json(self) -> dict[str, Any]:
        pairs = (
            ("id", self.id),
            ("name", self.name),
            ("mutable", self.mutable),
            ("input_type", self.input_type),
            ("default_value", self.default_value),
            ("values", list(self.values)),
        )
        return emit(pairs, self.absent, self.extra)


@dataclass(frozen=True, slots=True, eq=True)
class Label:
    """A label of the task: id, name, ``#rrggbb`` colour as the server gave it, and attribute specs in order."""

    id: int
    name: str
    color: str | None
    attributes: tuple[AttributeSpec, ...]
    absent: frozenset[str] = frozenset()
    extra: Mapping[str, Any] = field(default_factory=no_extra, compare=False)

    _KEYS = frozenset(("id", "name", "color", "attributes"))

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Label:
        return cls(
            id=int(data.get("id", 0)),
            name=str(data.get("name", "")),
            color=data.get("color"),
            attributes=tuple(AttributeSpec.from_json(item) for item in data.get("attributes", ())),
            absent=missing(data, cls._KEYS),
            extra=leftovers(data, cls._KEYS),
        )

    def to_json(self) -> dict[str, Any]:
        pairs = (
            ("id", self.id),
            ("name", self.name),
            ("color", self.color),
            ("attributes", [spec.to_json() for spec in self.attributes]),
        )
        return emit(pairs, self.absent, self.extra)


_NO_SPECS: tuple[AttributeSpec, ...] = ()


class LabelSet:
    """The task's labels by id, with each label's defaults and display colour worked out once."""

    __slots__ = ("_colors", "_defaults", "_mutable", "_specs", "by_id", "labels")

    def __init__(self, labels: Iterable[Label]) -> None:
        self.labels: tuple[Label, ...] = tuple(labels)
        self.by_id: dict[int, Label] = {label.id: label for label in self.labels}
        self._specs: dict[int, AttributeSpec] = {spec.id: spec for label in self.labels for spec in label.attributes}
        self._defaults: dict[int, tuple[tuple[int, str], ...]] = {
            label.id: tuple((spec.id, spec.default_value) for spec in label.attributes) for label in self.labels
        }
        self._mutable: dict[int, frozenset[int]] = {
            label.id: frozenset(spec.id for spec in label.attributes if spec.mutable) for label in self.labels
        }
        self._colors: dict[int, str] = {
            label.id: label_color(label.color, position) for position, label in enumerate(self.labels)
        }

    @classmethod
    def from_json(cls, labels: Sequence[Mapping[str, Any]] | LabelSet) -> LabelSet:
        """From the task JSON's ``labels`` list (a LabelSet is returned as is)."""
        if isinstance(labels, LabelSet):
            return labels
        return cls(Label.from_json(item) for item in labels)

    def to_json(self) -> list[dict[str, Any]]:
        return [label.to_json() for label in self.labels]

    def spec(self, spec_id: int) -> AttributeSpec | None:
        """The attribute spec with ``spec_id``, of any label."""
        return self._specs.get(spec_id)

    def specs(self, label_id: int) -> tuple[AttributeSpec, ...]:
        """The attribute specs of a label, in the task's order (none for an unknown label)."""
        label = self.by_id.get(label_id)
        return label.attributes if label is not None else _NO_SPECS

    def defaults(self, label_id: int) -> tuple[tuple[int, str], ...]:
        """``(spec id, default value)`` of every attribute of a label, in order."""
        return self._defaults.get(label_id, ())

    def mutable_ids(self, label_id: int) -> frozenset[int]:
        """The spec ids of a label's mutable attributes."""
        return self._mutable.get(label_id, frozenset())

    def color(self, label_id: int) -> str:
        """The display colour of a label (see :mod:`.colors`); grey for an unknown label."""
        return self._colors.get(label_id, "#808080")

    def name(self, label_id: int) -> str:
        label = self.by_id.get(label_id)
        return label.name if label is not None else str(label_id)

    def with_defaults(self, label_id: int, values: Mapping[int, str]) -> dict[int, str]:
        """``values`` completed by the label's defaults for the specs it lacks (cvat-core's
        ``appendDefaultAttributes``)."""
        result = dict(values)
        for spec_id, default in self._defaults.get(label_id, ()):
            result.setdefault(spec_id, default)
        return result
