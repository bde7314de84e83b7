"""A form's error lines: one under each field, one for the rest — filled from a server's field errors."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Mapping

from PySide6.QtWidgets import QWidget

from annodesk.api import CvatError, InvalidInput
from annodesk.i18n import LiveText
from annodesk.messages import action_error

from .form import ErrorLabel, FieldWithError
from .server_words import field_errors_text


class FieldErrors:
    """The error lines of ``owner``'s form: ``rows`` by the server's field names, ``general`` for other fields."""

    def __init__(self, owner: QWidget, rows: Mapping[str, FieldWithError], general: ErrorLabel) -> None:
        self.owner, self.rows, self.general = owner, rows, general

    def clear(self) -> None:
        for row in self.rows.values():
            row.error.show_message("")
        self.general.show_message("")

    def show(self, exc: InvalidInput) -> None:
        """Each field's errors under it (in the UI's language), the others' in the general line."""
        for field, messages in exc.field_errors.items():
            words = list(messages)
            label = self.rows[field].error if field in self.rows else self.general
            label.show_message(lambda words=words: field_errors_text(words))  # type: ignore[misc]
        if not exc.field_errors:
            self.general.show_message(lambda: action_error(exc))

    def texts(self) -> dict[str, str]:
        """The visible error messages by field (``general`` for the others)."""
        texts = {name: row.error.text() for name, row in self.rows.items() if row.error.isVisibleTo(self.owner)}
        if self.general.isVisibleTo(self.owner):
            texts["general"] = self.general.text()
        return texts

    async def attempt(self, call: Awaitable[object], busy: QWidget, button: QWidget, cancelled: LiveText) -> bool:
        """Await the form's request with ``busy`` shown and ``button`` off; its errors go to their lines (the server's
        field errors under their fields, ``cancelled`` when it was cancelled). Whether it succeeded."""
        try:
            await call
            return True
        except InvalidInput as exc:
            self.show(exc)
        except CvatError as exc:
            error = exc  # the message is made again in each language
            self.general.show_message(lambda: action_error(error))
        except asyncio.CancelledError:
            self.general.show_message(cancelled)
        finally:
            busy.hide()
            button.setEnabled(True)
        return False
