"""``auth/login``, ``auth/logout``, ``auth/register`` and ``restrictions/*`` (django-rest-auth + allauth rules)."""

from __future__ import annotations

import re
from typing import Any

from starlette.responses import HTMLResponse, Response

from .endpoint import Call, route
from .http import field_errors, json_response, read_body
from .passwords import password_problems

USERNAME_PATTERN = re.compile(r"^[\w.@+-]+\Z")
EMAIL_PATTERN = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+\Z")
REQUIRED = "This field is required."
BLANK = "This field may not be blank."
MAX_EMAIL = 254  # Django's EmailField (RFC 5321's path limit)
BAD_CREDENTIALS = "Unable to log in with provided credentials."


async def login(call: Call) -> dict[str, str]:
    """Token for username + password; also starts a browser session (cookies), as CVAT does."""
    body = await read_body(call.request)
    username, password = body.get("username"), body.get("password")
    if password is None:
        raise field_errors({"password": [REQUIRED]})
    if str(password) == "":
        raise field_errors({"password": [BLANK]})
    if not username:
        raise field_errors({"non_field_errors": ['Must include "username" and "password".']})
    user = call.state.accounts.authenticate(str(username), str(password))
    if user is None:
        raise field_errors({"non_field_errors": [BAD_CREDENTIALS]})
    key = call.state.accounts.token_for(user.id)
    call.state.accounts.record_login(user.id)
    call.start_session(user.id)
    return {"key": key}


async def logout(call: Call) -> dict[str, str]:
    """Delete the user's token (for every client) and flush the session."""
    if call.identity.user is not None:
        call.state.accounts.revoke_token(call.identity.user.id)
        call.state.accounts.end_sessions(call.identity.user.id)  # also those token requests started
    if call.identity.session_key:
        call.state.accounts.end_session(call.identity.session_key)
    return {"detail": "Successfully logged out."}


async def register(call: Call) -> Response:
    """A new user without groups; 201 without a token, but logged in to a session."""
    body = await read_body(call.request)
    errors = _registration_errors(call, body)
    if errors:
        raise field_errors(errors)
    first_name, last_name = str(body.get("first_name", "")), str(body.get("last_name", ""))
    email = str(body.get("email", ""))
    user_id = call.state.accounts.create_user(
        str(body["username"]), str(body["password1"]), first_name=first_name, last_name=last_name, email=email
    )
    call.start_session(user_id)
    call.state.accounts.record_login(user_id)
    created = {
        "username": str(body["username"]),
        "email": email,
        "first_name": first_name,
        "last_name": last_name,
        "email_verification_required": False,
    }
    return json_response(created, 201)


def _registration_errors(call: Call, body: dict[str, Any]) -> dict[str, list[str]]:
    """Field errors first (in the serializer's field order); the password match only once fields pass."""
    errors: dict[str, list[str]] = {}
    username = body.get("username")
    if username is None:
        errors["username"] = [REQUIRED]
    elif str(username) == "":
        errors["username"] = [BLANK]
    elif len(str(username)) > 150:
        errors["username"] = ["Ensure this field has no more than 150 characters."]
    elif not USERNAME_PATTERN.match(str(username)):
        errors["username"] = ["Usernames can only contain letters, digits and @/./+/-/_."]
    elif call.state.accounts.by_username(str(username)) is not None:
        errors["username"] = ["A user with that username already exists."]

    if "email" in body:
        email = str(body["email"])
        if email == "":
            errors["email"] = [BLANK]
        elif len(email) > MAX_EMAIL:
            errors["email"] = [f"Ensure this field has no more than {MAX_EMAIL} characters."]
        elif not EMAIL_PATTERN.match(email):
            errors["email"] = ["Enter a valid email address."]
        elif call.state.accounts.email_taken(email):
            errors["email"] = ["A user is already registered with this e-mail address."]

    for key in ("password1", "password2"):
        if body.get(key) is None:
            errors[key] = [REQUIRED]
        elif str(body[key]) == "":
            errors[key] = [BLANK]
    if "password1" not in errors:
        attributes = {key: str(body[key]) for key in ("username", "first_name", "last_name", "email") if key in body}
        problems = password_problems(str(body["password1"]), attributes)
        if problems:
            errors["password1"] = problems

    for key in ("first_name", "last_name"):
        if key in body and str(body[key]) == "":
            errors[key] = [BLANK]
        elif key in body and len(str(body[key])) > 150:
            errors[key] = ["Ensure this field has no more than 150 characters."]

    if not errors and str(body["password1"]) != str(body["password2"]):
        errors["non_field_errors"] = ["The two password fields didn't match."]
    return errors


PASSWORD_FIELDS = ("old_password", "new_password1", "new_password2")
PASSWORD_MAX = 128  # rest_auth's PasswordChangeSerializer: CharField(max_length=128)


async def password_change(call: Call) -> dict[str, str]:
    """rest_auth 0.9.5's ``PasswordChangeView`` as CVAT v1.1 configures it (old password checked): the serializer's
    field errors first, then Django's ``SetPasswordForm`` (mismatch, else the validators) on ``new_password2``."""
    body = await read_body(call.request)
    user = call.user
    values: dict[str, str] = {}
    errors: dict[str, list[str]] = {}
    for key in PASSWORD_FIELDS:
        value = body.get(key)
        text = "" if value is None else str(value).strip()  # DRF's CharField trims whitespace
        if value is None:
            errors[key] = [REQUIRED]
        elif text == "":
            errors[key] = [BLANK]
        elif len(text) > PASSWORD_MAX:
            errors[key] = [f"Ensure this field has no more than {PASSWORD_MAX} characters."]
        else:
            values[key] = text
    if "old_password" in values and not call.state.accounts.password_matches(user.id, values["old_password"]):
        errors["old_password"] = ["Invalid password"]
    if errors:
        raise field_errors(errors)
    if values["new_password1"] != values["new_password2"]:
        raise field_errors({"new_password2": ["The two password fields didn't match."]})
    attributes = {"username": user.username, "first_name": user.first_name, "last_name": user.last_name}
    attributes["email"] = user.email
    problems = password_problems(values["new_password2"], attributes, allauth=False)
    if problems:
        raise field_errors({"new_password2": problems})
    call.state.accounts.set_password(user.id, values["new_password2"])
    return {"detail": "New password has been saved."}


async def user_agreements(call: Call) -> list[Any]:
    """No agreements are configured (CVAT's default)."""
    return []


async def terms_of_use(call: Call) -> Response:
    """The terms-of-use page (HTML)."""
    return HTMLResponse("<!doctype html><html><body><h1>Terms of use</h1><p>Sandbox server.</p></body></html>")


ROUTES = [
    route("auth/login", {"POST": login}, public=True),
    route("auth/logout", {"POST": logout}, public=True),
    route("auth/register", {"POST": register}, public=True),
    route("auth/password/change", {"POST": password_change}),
    route("restrictions/user-agreements", {"GET": user_agreements}, public=True),
    route("restrictions/terms-of-use", {"GET": terms_of_use}, public=True),
]
