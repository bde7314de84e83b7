"""Who is asking: DRF's Token, Session (+CSRF) and Basic authenticators, tried in CVAT's order."""

from __future__ import annotations

import base64
import binascii
import hmac
from dataclasses import dataclass, field

from starlette.requests import Request

from .accounts import Account, AccountStore
from .http import ApiError, not_authenticated

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FAILED = "CSRF Failed: CSRF token missing or incorrect."


@dataclass
class Identity:
    """The authenticated user (if any), how they were recognised, and cookies to set on the answer."""

    user: Account | None = None
    scheme: str | None = None  # "token", "session" or "basic"
    session_key: str | None = None
    cookies: dict[str, str] = field(default_factory=dict)


def authenticate(request: Request, accounts: AccountStore) -> Identity:
    """Identify the requester; raise 401 for a bad token or bad Basic credentials, 403 for a failed CSRF check."""
    header = request.headers.get("authorization", "")
    keyword, _, rest = header.partition(" ")
    if keyword.lower() == "token":
        return _token_identity(request, accounts, rest.strip())

    session_key = request.cookies.get("sessionid")
    if session_key:
        user = accounts.session(session_key)
        if user is not None:
            if not user.is_active:
                raise not_authenticated("User inactive or deleted.")
            if request.method not in SAFE_METHODS:
                _enforce_csrf(request)
            return Identity(user, "session", session_key)

    if keyword.lower() == "basic":
        return Identity(_basic_user(accounts, rest.strip()), "basic")
    return Identity()


def _token_identity(request: Request, accounts: AccountStore, key: str) -> Identity:
    if not key:
        raise not_authenticated("Invalid token header. No credentials provided.")
    if " " in key:
        raise not_authenticated("Invalid token header. Token string should not contain spaces.")
    user = accounts.user_for_token(key)
    if user is None:
        raise not_authenticated("Invalid token.")
    if not user.is_active:
        raise not_authenticated("User inactive or deleted.")
    identity = Identity(user, "token")
    if not request.cookies.get("sessionid"):
        # CVAT's TokenAuthentication calls Django's login() for token requests without a session (a quirk).
        session, csrf = accounts.new_session(user.id)
        accounts.record_login(user.id)
        identity.cookies = {"sessionid": session, "csrftoken": csrf}
    return identity


def _basic_user(accounts: AccountStore, encoded: str) -> Account:
    try:
        username, _, password = base64.b64decode(encoded, validate=True).decode().partition(":")
    except (binascii.Error, UnicodeDecodeError):
        raise not_authenticated("Invalid basic header. Credentials not correctly base64 encoded.") from None
    user = accounts.authenticate(username, password)
    if user is None:
        raise not_authenticated("Invalid username/password.")
    return user


def _enforce_csrf(request: Request) -> None:
    cookie = request.cookies.get("csrftoken", "")
    sent = request.headers.get("x-csrftoken", "")
    if not cookie or not sent or not hmac.compare_digest(cookie, sent):
        raise ApiError(403, {"detail": CSRF_FAILED})


def require_user(identity: Identity) -> Account:
    """The authenticated user, or DRF's 401."""
    if identity.user is None:
        raise not_authenticated()
    return identity.user
