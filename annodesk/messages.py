"""Plain-language, translated messages for client errors, and which form field each belongs next to.

The client library's ``exc.message`` is English and never shown: every error type maps to a sentence of
ours in the current language (context ``messages``); the server's own words (``exc.detail``) may follow it,
quoted verbatim. No Python repr or traceback ever reaches the user.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from annodesk.api import errors
from annodesk.i18n import arg, format_number, format_size
from annodesk.session.tokens import KeyringUnavailable

DEFAULT_WAIT_SECONDS = 60


def with_detail(sentence: str, detail: str) -> str:
    """``sentence`` followed by the server's own words, if it gave any."""
    if not detail:
        return sentence
    return arg(QCoreApplication.translate("messages", "%1 The server said: “%2”"), sentence, detail)


def with_reason(sentence: str, reason: str) -> str:
    """``sentence`` followed by the technical reason (TLS, files), if there is one."""
    if not reason:
        return sentence
    return arg(QCoreApplication.translate("messages", "%1 (Details: “%2”)"), sentence, reason)


def error_sentence(exc: errors.CvatError) -> str:
    """One translated sentence for any client error (server detail quoted where it helps)."""
    if isinstance(exc, errors.UploadInterrupted):
        return upload_interrupted(exc)
    if isinstance(exc, errors.TaskProcessingFailed):
        text = QCoreApplication.translate("messages", "The server could not process the task's files.")
        return with_detail(text, exc.detail)
    if isinstance(exc, errors.ExportFailed):
        return with_detail(
            QCoreApplication.translate("messages", "The server could not prepare the export."), exc.detail
        )
    if isinstance(exc, errors.ImportFailed):
        text = QCoreApplication.translate("messages", "The server could not import the annotation file.")
        return with_detail(text, exc.detail)
    if isinstance(exc, errors.BadCredentials):
        return QCoreApplication.translate("messages", "Wrong username or password.")
    if isinstance(exc, errors.InvalidInput):
        return with_detail(QCoreApplication.translate("messages", "The server rejected the request."), exc.detail)
    if isinstance(exc, errors.NotAuthenticated):
        return with_detail(
            QCoreApplication.translate("messages", "The server did not accept the session. Sign in again."),
            exc.detail,
        )
    if isinstance(exc, errors.PermissionDenied):
        return with_detail(QCoreApplication.translate("messages", "You are not allowed to do this."), exc.detail)
    if isinstance(exc, errors.NotFound):
        if not exc.detail:
            return QCoreApplication.translate("messages", "The server has no such address. Is this a CVAT v1 server?")
        return with_detail(QCoreApplication.translate("messages", "Not found."), exc.detail)
    if isinstance(exc, errors.RateLimited):
        return rate_limited(exc)
    if isinstance(exc, errors.ServerError):
        return server_error(exc)
    if isinstance(exc, errors.CertificateNotTrusted):
        return with_reason(
            QCoreApplication.translate(
                "messages", "The server's certificate is not trusted, so annodesk did not connect."
            ),
            exc.detail,
        )
    if isinstance(exc, errors.CaBundleError):
        return with_reason(ca_bundle_sentence(), exc.detail)
    if isinstance(exc, errors.RequestTimeout):
        return QCoreApplication.translate("messages", "The server did not answer in time. Try again in a moment.")
    if isinstance(exc, errors.ServerUnreachable):
        return QCoreApplication.translate(
            "messages", "The server cannot be reached. Check the address and your network."
        )
    if isinstance(exc, errors.NetworkError):
        return QCoreApplication.translate("messages", "The connection to the server broke. Try again.")
    if isinstance(exc, errors.NotCvatServer):
        return QCoreApplication.translate("messages", "This address answers, but it is not a CVAT server.")
    if isinstance(exc, errors.MalformedResponse):
        return with_detail(
            QCoreApplication.translate("messages", "The server's answer could not be read. Is this a CVAT v1 server?"),
            exc.detail,
        )
    if isinstance(exc, errors.RedirectRefused):
        return redirect_refused(exc)
    if isinstance(exc, errors.RequestRejected):
        text = QCoreApplication.translate("messages", "The server refused the request (error %1).")
        return with_detail(arg(text, exc.status or "?"), exc.detail)
    return with_detail(
        QCoreApplication.translate("messages", "Something went wrong talking to the server."), exc.detail
    )


def upload_interrupted(exc: errors.UploadInterrupted) -> str:
    """An upload that stopped part-way: how much went out, and that trying again is safe."""
    text = QCoreApplication.translate(
        "messages",
        "The upload stopped after %1 of %2: the connection broke. Nothing was attached; you can try again.",
    )
    return arg(text, format_size(exc.bytes_sent), format_size(exc.total))


def server_error(exc: errors.CvatError) -> str:
    """A 5xx answer: the server's own failure, or a proxy's in front of it (its words quoted, if any)."""
    if exc.status in (502, 503, 504):
        text = QCoreApplication.translate(
            "messages", "Server error: a proxy in front of the server failed (error %1). Try again later."
        )
    else:
        text = QCoreApplication.translate("messages", "Server error: the server failed (error %1). Try again later.")
    return with_detail(arg(text, exc.status or 500), exc.detail)


def redirect_refused(exc: errors.RedirectRefused) -> str:
    """A redirect that was not followed (the token must not go to another address)."""
    text = QCoreApplication.translate(
        "messages",
        "The server sends requests to another address (%1). annodesk does not follow redirects; if you trust "
        "that address, enter it as the server.",
    )
    return with_detail(arg(text, exc.location or "?"), exc.detail)


def rate_limited(exc: errors.RateLimited) -> str:
    """HTTP 429 while browsing: how long the server asks to wait."""
    if exc.retry_after is None:
        return QCoreApplication.translate("messages", "The server asks to slow down. Try again in a minute.")
    text = QCoreApplication.translate("messages", "Too many requests. Wait %1 s, then try again.")
    return arg(text, format_number(_wait_seconds(exc)))


def ca_bundle_sentence() -> str:
    return QCoreApplication.translate(
        "messages", "This CA certificate file cannot be used. Choose a PEM file with the CA's certificate."
    )


def _wait_seconds(exc: errors.RateLimited) -> int:
    return round(exc.retry_after) if exc.retry_after else DEFAULT_WAIT_SECONDS


def sign_in_error(exc: errors.CvatError, server: str) -> tuple[str, str]:
    """``(field, message)`` for a failed sign-in; field is ``server``, ``username``, ``password``, ``ca`` or
    ``general``."""
    if isinstance(exc, errors.BadCredentials):
        return "password", error_sentence(exc)
    if isinstance(exc, errors.CertificateNotTrusted):
        text = QCoreApplication.translate(
            "messages",
            "The server's certificate is not trusted. If this is your organisation's own server, choose its CA "
            "certificate below.",
        )
        return "server", with_reason(text, exc.detail)
    if isinstance(exc, errors.CaBundleError):
        return "ca", with_reason(ca_bundle_sentence(), exc.detail)
    if isinstance(exc, errors.ServerUnreachable):
        return "server", arg(
            QCoreApplication.translate("messages", "Cannot reach %1. Check the address and your network."), server
        )
    if isinstance(exc, errors.RateLimited):
        text = QCoreApplication.translate("messages", "Too many attempts. Wait %1 s, then try again.")
        return "general", arg(text, format_number(_wait_seconds(exc)))
    if isinstance(exc, errors.NotAuthenticated):
        text = QCoreApplication.translate(
            "messages", "The server did not accept the session (you were signed out at once). Sign in again."
        )
        return "general", with_detail(text, exc.detail)
    if isinstance(exc, errors.PermissionDenied):
        text = QCoreApplication.translate(
            "messages", "The server does not allow this account to sign in here (not allowed, error 403)."
        )
        return "general", with_detail(text, exc.detail)
    if isinstance(exc, errors.NotFound):
        text = QCoreApplication.translate(
            "messages", "Not found: this address has no CVAT sign-in (error 404). Check the server address."
        )
        return "server", with_detail(text, exc.detail)
    if isinstance(exc, errors.NetworkError | errors.MalformedResponse | errors.ServerError | errors.RedirectRefused):
        return "server", error_sentence(exc)
    return "general", error_sentence(exc)


def action_error(exc: errors.CvatError) -> str:
    """One line for an error while browsing (shown in the status area; the data on screen stays)."""
    if isinstance(exc, errors.UploadInterrupted):
        return upload_interrupted(exc)
    if isinstance(exc, errors.CertificateNotTrusted):
        return QCoreApplication.translate("messages", "Offline: the server's certificate is not trusted.")
    if isinstance(exc, errors.RequestTimeout):
        return QCoreApplication.translate("messages", "Offline: the server did not answer in time.")
    if isinstance(exc, errors.ServerUnreachable):
        return QCoreApplication.translate("messages", "Offline: the server cannot be reached.")
    if isinstance(exc, errors.NetworkError):
        return QCoreApplication.translate("messages", "Offline: the connection to the server broke.")
    if isinstance(exc, errors.MalformedResponse):
        text = QCoreApplication.translate(
            "messages", "The server's answer could not be read (not a CVAT answer). Try again later."
        )
        return with_detail(text, exc.detail)
    if isinstance(exc, errors.NotAuthenticated):
        return with_detail(QCoreApplication.translate("messages", "You were signed out by the server."), exc.detail)
    if isinstance(exc, errors.PermissionDenied):
        text = QCoreApplication.translate("messages", "Not allowed: the server refused this (error 403).")
        return with_detail(text, exc.detail)
    if isinstance(exc, errors.NotFound):
        text = QCoreApplication.translate("messages", "Not found: the server no longer has this (error 404).")
        return with_detail(text, exc.detail)
    return error_sentence(exc)


def sign_out_notice(exc: errors.CvatError | None) -> str:
    """What the sign-in dialog says after signing out; ``exc`` when the server could not be told."""
    if exc is None:
        return QCoreApplication.translate("messages", "You have signed out.")
    return arg(
        QCoreApplication.translate(
            "messages",
            "You are signed out on this computer, but the server could not end the session: %1 Sign out again "
            "later to revoke the token there.",
        ),
        action_error(exc),
    )


def server_address_error(address: str) -> str:
    """Why ``address`` (typed in a server field) is not usable."""
    if not address.strip():
        return QCoreApplication.translate("messages", "Enter the server address.")
    return arg(QCoreApplication.translate("messages", "“%1” is not an http(s) server address."), address.strip())


def keyring_notice(exc: KeyringUnavailable) -> str:
    """Why the session is not remembered, and what that means for the next start."""
    if exc.no_keyring:
        return QCoreApplication.translate(
            "messages",
            "No system keyring is available (for example no Secret Service on a headless Linux), so your session "
            "is kept in memory only. You will be asked to sign in again next time.",
        )
    return arg(
        QCoreApplication.translate(
            "messages",
            "The system keyring could not store your session (%1), so it is kept in memory only. "
            "You will be asked to sign in again next time.",
        ),
        exc.detail,
    )


def session_ended(detail: str) -> str:
    """Shown in the sign-in dialog after the server ended the session (token revoked); ``detail``: its reason."""
    return with_detail(
        QCoreApplication.translate(
            "messages", "You were signed out by the server: your session is no longer valid. Sign in again."
        ),
        detail,
    )
