"""Plain-language messages for client errors, and which form field each belongs next to."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annodesk.api import errors


def tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def sign_in_error(exc: errors.CvatError, server: str) -> tuple[str, str]:
    """``(field, message)`` for a failed sign-in; field is ``server``, ``username``, ``password`` or ``general``."""
    if isinstance(exc, errors.BadCredentials):
        return "password", tr("Wrong username or password.")
    if isinstance(exc, errors.ServerUnreachable):
        return "server", tr("Cannot reach %1. Check the address and your network.").replace("%1", server)
    if isinstance(exc, errors.RequestTimeout):
        return "server", tr("The server did not answer in time. Try again in a moment.")
    if isinstance(exc, errors.NotCvatServer):
        return "server", tr("This address answers, but it is not a CVAT server.")
    if isinstance(exc, errors.MalformedResponse):
        return "server", tr("The server's answer could not be read. Is this a CVAT v1 server?")
    if isinstance(exc, errors.NetworkError):
        return "server", tr("The connection to the server broke. Try again.")
    if isinstance(exc, errors.ServerError):
        return "server", tr("The server failed (error %1). Try again later.").replace("%1", str(exc.status))
    if isinstance(exc, errors.RateLimited):
        wait = f"{exc.retry_after:.0f}" if exc.retry_after else "60"
        return "general", tr("Too many attempts. Wait %1 seconds, then try again.").replace("%1", wait)
    if isinstance(exc, errors.NotAuthenticated):
        return "general", tr("The server did not accept the session. Sign in again.")
    return "general", exc.message


def action_error(exc: errors.CvatError) -> str:
    """One line for an error while browsing (shown in the status area; the data on screen stays)."""
    if isinstance(exc, errors.NetworkError):
        return tr("Offline: %1").replace("%1", exc.message)
    if isinstance(exc, errors.PermissionDenied):
        return tr("Not allowed: %1").replace("%1", exc.message)
    if isinstance(exc, errors.NotFound):
        return tr("Not found: %1").replace("%1", exc.message)
    return exc.message
