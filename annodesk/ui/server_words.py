"""The server's own words about a password or a profile field (Django and DRF, in English), said in the UI's
language. A message this module does not know is shown as the server wrote it."""

from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication

from annodesk.i18n import arg

TOO_SHORT = re.compile(r"This password is too short\. It must contain at least (\d+) characters?\.")
TOO_LONG = re.compile(r"Ensure this field has no more than (\d+) characters\.")
TOO_SIMILAR = re.compile(r"The password is too similar to the (username|first name|last name|email address)\.")
REFUSED_FIELDS = re.compile(
    r"(?:Got unknown fields|You do not have permissions to access some of these fields): \{(.*)\}"
)


def field_names(names: list[str]) -> list[str]:
    """Profile field names as the UI calls them."""
    known = {
        "email": QCoreApplication.translate("ServerWords", "e-mail address"),
        "username": QCoreApplication.translate("ServerWords", "username"),
        "first_name": QCoreApplication.translate("ServerWords", "first name"),
        "last_name": QCoreApplication.translate("ServerWords", "last name"),
        "groups": QCoreApplication.translate("ServerWords", "groups"),
        "is_staff": QCoreApplication.translate("ServerWords", "staff status"),
        "is_superuser": QCoreApplication.translate("ServerWords", "superuser status"),
    }
    return [known.get(name, name) for name in names]


def server_words(message: str) -> str:
    """``message`` (one of the server's field errors) in the UI's language."""
    fixed = {
        "Invalid password": QCoreApplication.translate("ServerWords", "The current password is not correct."),
        "The two password fields didn't match.": QCoreApplication.translate(
            "ServerWords", "The two new passwords are not the same."
        ),
        "This password is too common.": QCoreApplication.translate("ServerWords", "This password is too common."),
        "This password is entirely numeric.": QCoreApplication.translate(
            "ServerWords", "This password has only digits."
        ),
        "This field is required.": QCoreApplication.translate("ServerWords", "Required."),
        "This field may not be blank.": QCoreApplication.translate("ServerWords", "Required."),
        "Enter a valid email address.": QCoreApplication.translate("ServerWords", "Enter a valid e-mail address."),
        "A user with that username already exists.": QCoreApplication.translate(
            "ServerWords", "A user with that username already exists."
        ),
    }
    if message in fixed:
        return fixed[message]
    if match := TOO_SHORT.fullmatch(message):
        return arg(
            QCoreApplication.translate("ServerWords", "This password is too short: it needs at least %1 characters."),
            match.group(1),
        )
    if match := TOO_LONG.fullmatch(message):
        return arg(QCoreApplication.translate("ServerWords", "Too long: at most %1 characters."), match.group(1))
    if match := TOO_SIMILAR.fullmatch(message):
        similar = {
            "username": QCoreApplication.translate("ServerWords", "This password is too similar to your username."),
            "first name": QCoreApplication.translate("ServerWords", "This password is too similar to your first name."),
            "last name": QCoreApplication.translate("ServerWords", "This password is too similar to your last name."),
            "email address": QCoreApplication.translate(
                "ServerWords", "This password is too similar to your e-mail address."
            ),
        }
        return similar[match.group(1)]
    if match := REFUSED_FIELDS.fullmatch(message):
        names = [name.strip().strip("'\"") for name in match.group(1).split(",") if name.strip()]
        return arg(
            QCoreApplication.translate("ServerWords", "This server does not let you change your %1."),
            ", ".join(field_names(names)),
        )
    return message


def field_errors_text(messages: list[str]) -> str:
    """A field's messages, translated, one after the other."""
    return " ".join(server_words(message) for message in messages)
