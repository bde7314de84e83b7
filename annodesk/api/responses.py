"""Turn HTTP answers into parsed models or into the typed errors of :mod:`annodesk.api.errors`."""

from __future__ import annotations

from typing import Any, TypeVar

import httpx
import msgspec

from . import errors

T = TypeVar("T")

_ANY_JSON = msgspec.json.Decoder()


_DECODERS: dict[object, msgspec.json.Decoder[Any]] = {}


def decoder_for(model: type[T]) -> msgspec.json.Decoder[T]:
    """A cached JSON decoder straight into ``model`` (a Struct type, or e.g. ``tuple[Job, ...]``)."""
    decoder = _DECODERS.get(model)
    if decoder is None:
        decoder = _DECODERS[model] = msgspec.json.Decoder(model)
    return decoder


def decode(response: httpx.Response, model: type[T], what: str) -> T:
    """Parse ``response`` into ``model``; on a mismatch raise MalformedResponse naming ``what``."""
    if _looks_like_html(response):
        raise errors.NotCvatServer(
            f"The server sent a web page instead of {what}. Is this the address of a CVAT server?",
            status=response.status_code,
        )
    try:
        return decoder_for(model).decode(response.content)
    except msgspec.ValidationError as exc:
        raise errors.MalformedResponse(
            f"The server's {what} could not be read: {exc}.", status=response.status_code, detail=str(exc)
        ) from None
    except (msgspec.DecodeError, UnicodeDecodeError):  # msgspec raises the latter for invalid UTF-8 in a string
        raise errors.MalformedResponse(
            f"The server's {what} is not valid JSON (it may have been cut off).",
            status=response.status_code,
        ) from None


def _looks_like_html(response: httpx.Response) -> bool:
    content_type = response.headers.get("content-type", "")
    if "html" in content_type:
        return True
    head = response.content[:64].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<h1"))


def _json_or_none(response: httpx.Response) -> Any:
    if _looks_like_html(response) or not response.content:
        return None
    try:
        return _ANY_JSON.decode(response.content)
    except (msgspec.DecodeError, UnicodeDecodeError):
        return None


def _flatten_messages(body: Any) -> list[str]:
    """All human-readable strings in a DRF error body, in order."""
    if isinstance(body, str):
        return [body.strip()]
    if isinstance(body, list):
        return [msg for item in body for msg in _flatten_messages(item)]
    if isinstance(body, dict):
        return [msg for value in body.values() for msg in _flatten_messages(value)]
    return []


def field_errors_of(body: Any) -> dict[str, list[str]]:
    """DRF's ``{"field": ["msg", ...]}`` map, with non-list values wrapped; empty for other shapes."""
    if not isinstance(body, dict):
        return {}
    return {str(key): _flatten_messages(value) for key, value in body.items()}


def raise_for_status(response: httpx.Response) -> None:
    """Raise the typed error matching a non-2xx ``response``; return quietly for 2xx."""
    status = response.status_code
    if 200 <= status < 300:
        return
    body = _json_or_none(response)
    detail = body.get("detail") if isinstance(body, dict) else None
    summary = "; ".join(_flatten_messages(body)) if body is not None else ""

    if status == 400:
        raise errors.InvalidInput(
            summary or "The server rejected the request.", field_errors=field_errors_of(body), detail=summary
        )
    if status == 401:
        raise errors.NotAuthenticated(
            f"Your session is no longer valid ({detail or 'not signed in'}). Please sign in again.",
            status=status,
            detail=str(detail or ""),
        )
    if status == 403:
        raise errors.PermissionDenied(
            summary or "You do not have permission to perform this action.", status=status, detail=summary
        )
    if status == 404:
        if body is None:
            raise errors.NotFound("The server has no such address. Is this a CVAT v1 server?", status=status)
        raise errors.NotFound(str(detail or summary or "Not found."), status=status, detail=str(detail or summary))
    if status == 429:
        retry_after = _retry_after(response)
        raise errors.RateLimited(
            str(detail or "Too many requests; the server asks to wait a moment."),
            retry_after=retry_after,
            detail=str(detail or ""),
        )
    if status >= 500:
        where = "a proxy in front of the server" if status in (502, 503, 504) else "the server"
        text = f" ({summary})" if summary else ""
        raise errors.ServerError(
            f"{where.capitalize()} failed with error {status}{text}. Try again later.", status=status, detail=summary
        )
    if 300 <= status < 400:
        location = response.headers.get("location", "")
        raise errors.RedirectRefused(
            f"The server redirected the request (HTTP {status}) to {location or 'another address'}; "
            "redirects are not followed.",
            location=location,
            status=status,
            detail=summary,
        )
    raise errors.RequestRejected(
        summary or f"The server refused the request (HTTP {status}).", status=status, detail=summary
    )


def _retry_after(response: httpx.Response) -> float | None:
    try:
        return float(response.headers.get("retry-after", ""))
    except ValueError:
        return None
