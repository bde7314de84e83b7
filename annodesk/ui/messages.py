"""Plain-language messages for client errors, and which form field each belongs next to.

Every sentence is translated here (context ``messages``); the client's English ``exc.message`` is only shown
for server-written texts (400 field errors), never a Python repr or traceback.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annodesk.api import errors


def tr(text: str) -> str:
    return QCoreApplication.translate("messages", text)


def sign_in_error(exc: errors.CvatError, server: str) -> tuple[str, str]:
    """``(field, message)`` for a failed sign-in; field is ``server``, ``username``, ``password``, ``ca`` or
    ``general``."""
    if isinstance(exc, errors.BadCredentials):
        return "password", tr("Wrong username or password.")
    if isinstance(exc, errors.CertificateNotTrusted):
        return "server", tr(
            "The server's certificate is not trusted. If this is your organisation's own server, choose its CA "
            "certificate below."
        )
    if isinstance(exc, errors.CaBundleError):
        return "ca", tr("This CA certificate file cannot be used. Choose a PEM file with the CA's certificate.")
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
        return "server", server_error(exc)
    if isinstance(exc, errors.RedirectRefused):
        return "server", redirect_refused(exc)
    if isinstance(exc, errors.RateLimited):
        wait = f"{exc.retry_after:.0f}" if exc.retry_after else "60"
        return "general", tr("Too many attempts. Wait %1 seconds, then try again.").replace("%1", wait)
    if isinstance(exc, errors.NotAuthenticated):
        return "general", tr("The server did not accept the session (you were signed out at once). Sign in again.")
    if isinstance(exc, errors.PermissionDenied):
        return "general", tr("The server does not allow this account to sign in here (not allowed, error 403).")
    if isinstance(exc, errors.NotFound):
        return "server", tr("Not found: this address has no CVAT sign-in (error 404). Check the server address.")
    if isinstance(exc, errors.InvalidInput):
        return "general", exc.message  # the server's own words about what it rejected
    return "general", other_error(exc)


def action_error(exc: errors.CvatError) -> str:
    """One line for an error while browsing (shown in the status area; the data on screen stays)."""
    if isinstance(exc, errors.CertificateNotTrusted):
        return tr("Offline: the server's certificate is not trusted.")
    if isinstance(exc, errors.ServerUnreachable):
        return tr("Offline: the server cannot be reached.")
    if isinstance(exc, errors.RequestTimeout):
        return tr("Offline: the server did not answer in time.")
    if isinstance(exc, errors.NetworkError):
        return tr("Offline: the connection to the server broke.")
    if isinstance(exc, errors.ServerError):
        return server_error(exc)
    if isinstance(exc, errors.MalformedResponse):
        return tr("The server's answer could not be read (not a CVAT answer). Try again later.")
    if isinstance(exc, errors.NotAuthenticated):
        return tr("You were signed out by the server.")
    if isinstance(exc, errors.PermissionDenied):
        return tr("Not allowed: the server refused this (error 403).")
    if isinstance(exc, errors.NotFound):
        return tr("Not found: the server no longer has this (error 404).")
    if isinstance(exc, errors.RateLimited):
        return tr("The server asks to slow down. Try again in a minute.")
    if isinstance(exc, errors.RedirectRefused):
        return redirect_refused(exc)
    if isinstance(exc, errors.InvalidInput):
        return exc.message
    return other_error(exc)


def server_error(exc: errors.CvatError) -> str:
    """A 5xx answer: the server's own failure, or a proxy's in front of it."""
    status = str(exc.status or 500)
    if exc.status in (502, 503, 504):
        return tr("Server error: a proxy in front of the server failed (error %1). Try again later.").replace(
            "%1", status
        )
    return tr("Server error: the server failed (error %1). Try again later.").replace("%1", status)


def redirect_refused(exc: errors.RedirectRefused) -> str:
    """A redirect that was not followed (the token must not go to another address)."""
    return tr(
        "The server sends requests to another address (%1). annodesk does not follow redirects; if you trust that "
        "address, enter it as the server."
    ).replace("%1", exc.location or "?")


def other_error(exc: errors.CvatError) -> str:
    """Any other refusal, by its HTTP status."""
    return tr("The server refused the request (error %1).").replace("%1", str(exc.status or "?"))


def sign_out_notice(exc: errors.CvatError | None) -> str:
    """What the sign-in dialog says after signing out; ``exc`` when the server could not be told."""
    if exc is None:
        return tr("You have signed out.")
    return tr(
        "You are signed out on this computer, but the server could not end the session: %1 Sign out again later "
        "to revoke the token there."
    ).replace("%1", action_error(exc))
