"""Let decoded tasks share the strings they repeat, so that thousands of tasks cost less memory.

Tasks repeat a few dozen strings over and over — statuses, modes, label names and colours, attribute names,
input types, defaults and value lists — and the JSON decoder gives every occurrence its own ``str``: about
1.5 KB of a task's 4 KB. Right after decoding, before anyone else sees them, :func:`share_repeated_strings`
points those fields at one interned copy (``sys.intern``; identical value lists share one tuple). The models
stay frozen and compare equal to what was decoded, so nothing else changes.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from msgspec.structs import force_setattr

from .models import Task


def share_repeated_strings(tasks: Iterable[Task]) -> None:
    """Intern the repetitive string fields of ``tasks`` in place (see the module docstring)."""
    intern = sys.intern
    value_lists: dict[tuple[str, ...], tuple[str, ...]] = {}
    for task in tasks:
        force_setattr(task, "status", intern(task.status))
        force_setattr(task, "mode", intern(task.mode))
        for field in ("data_compressed_chunk_type", "data_original_chunk_type"):
            value = getattr(task, field)
            if value is not None:
                force_setattr(task, field, intern(value))
        for label in task.labels:
            force_setattr(label, "name", intern(label.name))
            force_setattr(label, "color", intern(label.color))
            for attribute in label.attributes:
                force_setattr(attribute, "name", intern(attribute.name))
                force_setattr(attribute, "input_type", intern(attribute.input_type))
                force_setattr(attribute, "default_value", intern(attribute.default_value))
                values = attribute.values
                shared = value_lists.get(values)
                if shared is None:
                    shared = value_lists[values] = tuple(intern(value) for value in values)
                force_setattr(attribute, "values", shared)
        for segment in task.segments:
            for job in segment.jobs:
                force_setattr(job, "status", intern(job.status))
