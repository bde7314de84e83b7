"""The server's fixed words (statuses, modes, input types…), shown translated and sent back unchanged.

Each :class:`Vocabulary` marks its values with ``QT_TRANSLATE_NOOP`` (so ``pyside6-lupdate`` extracts them
into their own context) and translates at display time. A value the table does not know (a newer server)
is shown as it is. Models put the translation in ``DisplayRole`` and the server's value in
:data:`RAW_VALUE_ROLE`; an editing combo box uses ``addItem(vocabulary.display(value), value)`` and sends
``currentData()``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt

from annodesk.i18n import QT_TRANSLATE_NOOP, translated

RAW_VALUE_ROLE = Qt.ItemDataRole.UserRole + 10
"""The server's own value behind a translated cell (``"annotation"``, not ``"标注中"``)."""


class Vocabulary:
    """A server vocabulary: ``display(value)`` in the current language, ``values`` as the server spells them."""

    def __init__(self, context: str, values: tuple[str, ...]) -> None:
        self.context = context
        self.values = values

    def display(self, value: str | None) -> str:
        """``value`` in the current language; unknown values unchanged, ``None`` as empty text."""
        if value is None:
            return ""
        return translated(self.context, value) if value in self.values else value

    def items(self) -> list[tuple[str, str]]:
        """``(shown text, server value)`` for every known value, in order (for combo boxes)."""
        return [(self.display(value), value) for value in self.values]


STATUS = Vocabulary(
    "Status",
    (
        QT_TRANSLATE_NOOP("Status", "annotation"),
        QT_TRANSLATE_NOOP("Status", "validation"),
        QT_TRANSLATE_NOOP("Status", "completed"),
    ),
)
"""Task and job statuses."""

MODE = Vocabulary(
    "Mode",
    (
        QT_TRANSLATE_NOOP("Mode", "annotation"),
        QT_TRANSLATE_NOOP("Mode", "interpolation"),
    ),
)
"""Task modes (images annotated frame by frame, or video with interpolated tracks)."""

INPUT_TYPE = Vocabulary(
    "InputType",
    (
        QT_TRANSLATE_NOOP("InputType", "select"),
        QT_TRANSLATE_NOOP("InputType", "radio"),
        QT_TRANSLATE_NOOP("InputType", "checkbox"),
        QT_TRANSLATE_NOOP("InputType", "text"),
        QT_TRANSLATE_NOOP("InputType", "number"),
    ),
)
"""Attribute input types."""

CHUNK_TYPE = Vocabulary(
    "ChunkType",
    (
        QT_TRANSLATE_NOOP("ChunkType", "imageset"),
        QT_TRANSLATE_NOOP("ChunkType", "video"),
    ),
)
"""Data chunk types."""

PROCESSING_STATE = Vocabulary(
    "ProcessingState",
    (
        QT_TRANSLATE_NOOP("ProcessingState", "Queued"),
        QT_TRANSLATE_NOOP("ProcessingState", "Started"),
        QT_TRANSLATE_NOOP("ProcessingState", "Finished"),
        QT_TRANSLATE_NOOP("ProcessingState", "Failed"),
    ),
)
"""States of server-side processing (data upload, export, import: ``tasks/{id}/status``)."""

USER_GROUP = Vocabulary(
    "UserGroup",
    (
        QT_TRANSLATE_NOOP("UserGroup", "admin"),
        QT_TRANSLATE_NOOP("UserGroup", "user"),
        QT_TRANSLATE_NOOP("UserGroup", "annotator"),
        QT_TRANSLATE_NOOP("UserGroup", "observer"),
    ),
)
"""User groups (roles)."""


def display_status(value: str | None) -> str:
    return STATUS.display(value)


def display_mode(value: str | None) -> str:
    return MODE.display(value)


def display_input_type(value: str | None) -> str:
    return INPUT_TYPE.display(value)


def display_chunk_type(value: str | None) -> str:
    return CHUNK_TYPE.display(value)


def display_processing_state(value: str | None) -> str:
    return PROCESSING_STATE.display(value)


def display_group(value: str | None) -> str:
    return USER_GROUP.display(value)
