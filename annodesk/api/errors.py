"""One exception hierarchy for everything that can go wrong talking to a CVAT server.

Every error carries a plain, user-facing English ``message`` (for logs and non-Qt users) and ``detail``: the
server's own words (or the low-level cause), which a translated UI may quote after its own sentence.
"""

from __future__ import annotations

from collections.abc import Mapping


class CvatError(Exception):
    """Base of every error raised by :mod:`annodesk.api`."""

    def __init__(self, message: str, *, status: int | None = None, detail: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.detail = detail


class InvalidInput(CvatError):
    """The server rejected what we sent (HTTP 400), with its per-field messages."""

    def __init__(
        self,
        message: str,
        *,
        field_errors: Mapping[str, list[str]] | None = None,
        status: int | None = 400,
        detail: str = "",
    ) -> None:
        super().__init__(message, status=status, detail=detail)
        self.field_errors: dict[str, list[str]] = dict(field_errors or {})


class BadCredentials(InvalidInput):
    """Sign-in refused: wrong username or password (or an inactive account)."""


class NotAuthenticated(CvatError):
    """HTTP 401: no valid token. The token was revoked, or the user signed out elsewhere."""


class PermissionDenied(CvatError):
    """HTTP 403: signed in, but not allowed to do this."""


class NotFound(CvatError):
    """HTTP 404: the object (or page) does not exist."""


class RateLimited(CvatError):
    """HTTP 429: the server throttles anonymous requests; ``retry_after`` is in seconds."""

    def __init__(self, message: str, *, retry_after: float | None = None, detail: str = "") -> None:
        super().__init__(message, status=429, detail=detail)
        self.retry_after = retry_after


class RequestRejected(CvatError):
    """Any other 4xx answer the client has no better name for."""


class RedirectRefused(RequestRejected):
    """HTTP 3xx: the server sends us elsewhere. Not followed, so the token never goes to another address."""

    def __init__(self, message: str, *, location: str = "", status: int | None = None, detail: str = "") -> None:
        super().__init__(message, status=status, detail=detail)
        self.location = location


class ServerError(CvatError):
    """HTTP 5xx, including HTML error pages from the server or a proxy in front of it."""


class NetworkError(CvatError):
    """The connection failed or broke before a whole answer arrived."""


class ServerUnreachable(NetworkError):
    """The server could not be reached at all (refused, unknown host, no route)."""


class RequestTimeout(NetworkError):
    """The server did not answer in time."""


class CertificateNotTrusted(NetworkError):
    """TLS: the server's certificate is not signed by a trusted CA (self-signed, private CA, expired, wrong host).

    Nothing was sent: the connection stopped at the handshake. A self-hosted server's CA can be given as
    ``verify=path`` (a CA bundle file).
    """


class CaBundleError(CvatError):
    """The CA certificate file chosen for a server cannot be used (missing, unreadable, not PEM)."""


class MalformedResponse(CvatError):
    """The answer was not the JSON a CVAT v1 server sends (bad JSON, wrong or missing fields)."""


class AnswerTooLarge(CvatError):
    """The server's answer grew past the client's size limit (``limit`` bytes); the rest was not read.

    The limit (64 MB by default) is a setting for servers that really send more.
    """

    def __init__(self, message: str, *, limit: int, status: int | None = None) -> None:
        super().__init__(message, status=status)
        self.limit = limit


class NotCvatServer(MalformedResponse):
    """The address answers, but not like a CVAT v1 server (HTML pages, no ``/api/v1``)."""


class UploadInterrupted(NetworkError):
    """An upload stopped part-way (the connection dropped or timed out); ``bytes_sent`` of ``total`` went out.

    Nothing was attached on the server: the same upload can simply be tried again.
    """

    def __init__(self, message: str, *, bytes_sent: int, total: int, detail: str = "") -> None:
        super().__init__(message, detail=detail)
        self.bytes_sent = bytes_sent
        self.total = total


class TaskProcessingFailed(CvatError):
    """The server could not process a task's uploaded data; ``reason`` is its message (one line)."""

    def __init__(self, message: str, *, reason: str) -> None:
        super().__init__(message, detail=reason)
        self.reason = reason


class ExportFailed(CvatError):
    """The server failed to produce an export; ``reason`` is its bare-string answer."""

    def __init__(self, message: str, *, reason: str, status: int | None = None) -> None:
        super().__init__(message, status=status, detail=reason)
        self.reason = reason


class ImportFailed(CvatError):
    """The server could not import an annotation file; ``reason`` is its bare-string answer."""

    def __init__(self, message: str, *, reason: str, status: int | None = None) -> None:
        super().__init__(message, status=status, detail=reason)
        self.reason = reason
