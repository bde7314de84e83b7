"""``users/self``, ``users`` and ``users/{id}``: full fields for staff (and for yourself, except in the list),
basic ones otherwise."""

from __future__ import annotations

from typing import Any

from .accounts import Account
from .endpoint import Call, route
from .http import field_errors, forbidden, not_found, read_body
from .pagination import page_body, paginate
from .views_auth import BLANK, EMAIL_PATTERN, USERNAME_PATTERN

USER_ORDERING = {
    "id": "id",
    "username": "username",
    "first_name": "first_name",
    "last_name": "last_name",
    "email": "email",
    "is_staff": "is_staff",
    "is_superuser": "is_superuser",
    "is_active": "is_active",
    "last_login": "last_login",
    "date_joined": "date_joined",
}


def user_json(api_root: str, user: Account, full: bool) -> dict[str, Any]:
    """CVAT's ``UserSerializer`` (full) or ``BasicUserSerializer``."""
    body: dict[str, Any] = {
        "url": f"{api_root}/users/{user.id}",
        "id": user.id,
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
    }
    if full:
        body.update(
            email=user.email,
            groups=list(user.groups),
            is_staff=user.is_staff,
            is_superuser=user.is_superuser,
            is_active=user.is_active,
            last_login=user.last_login,
            date_joined=user.date_joined,
        )
    return body


async def current_user(call: Call) -> dict[str, Any]:
    """``GET users/self``."""
    return user_json(call.api_root, call.user, full=True)


async def list_users(call: Call) -> dict[str, Any]:
    """``GET users``: paged, by id, ``ordering=`` over the serializer's fields."""
    keys = [key.strip() for key in call.request.query_params.get("ordering", "").split(",")]
    clauses = [
        f"{USER_ORDERING[key.lstrip('-')]} {'DESC' if key.startswith('-') else 'ASC'}"
        for key in keys
        if key.lstrip("-") in USER_ORDERING
    ]
    users = call.state.accounts.all_users(", ".join([*clauses, "id"]))
    shown, page = paginate(call.request, users)
    full = call.user.is_staff  # the list never singles out the caller's own entry
    results = [user_json(call.api_root, user, full) for user in shown]
    return page_body(results, page)


async def get_user(call: Call) -> dict[str, Any]:
    """``GET users/{id}``."""
    user = call.state.accounts.by_id(call.int_param("user_id"))
    if user is None:
        raise not_found()
    return user_json(call.api_root, user, full=call.user.is_staff or user.id == call.user.id)


BASIC_FIELDS = ("url", "id", "username", "first_name", "last_name")
STAFF_ONLY = {"is_staff", "is_superuser", "groups"}
NAME_LIMITS = {"username": 150, "first_name": 30, "last_name": 150, "email": 254}  # Django 2.2's User model


async def patch_user(call: Call) -> dict[str, Any]:
    """``PATCH users/{id}``: yourself, or anyone for admins. Non-staff get CVAT's ``BasicUserSerializer``, which
    refuses every key outside its fields (``Got unknown fields: {'email'}``). Staff may also change ``email`` (the
    sandbox does not change groups or flags: those keys are accepted and ignored)."""
    user_id = call.int_param("user_id")
    if user_id != call.user.id and not (call.user.is_superuser or call.user.in_group("admin")):
        raise forbidden()
    target = call.state.accounts.by_id(user_id)
    if target is None:
        raise not_found()
    body = await read_body(call.request)
    full = call.user.is_staff
    errors = _user_field_errors(call, body, user_id, editable=("username", "first_name", "last_name", "email"))
    if errors:
        raise field_errors(errors)
    if not full:
        unknown = [key for key in body if key not in BASIC_FIELDS]
        if unknown:
            names = "{" + ", ".join(repr(key) for key in unknown) + "}"
            if STAFF_ONLY & set(unknown):
                message = f"You do not have permissions to access some of these fields: {names}"
            else:
                message = f"Got unknown fields: {names}"
            raise field_errors({"non_field_errors": [message]})
    changes = {key: str(body[key]) for key in ("username", "first_name", "last_name", "email") if key in body}
    if not full:
        changes.pop("email", None)
    call.state.accounts.update_user(user_id, changes)
    updated = call.state.accounts.by_id(user_id)
    assert updated is not None
    return user_json(call.api_root, updated, full)


def _user_field_errors(
    call: Call, body: dict[str, Any], user_id: int, editable: tuple[str, ...]
) -> dict[str, list[str]]:
    """The model fields' own checks (length, username rules and uniqueness, e-mail form)."""
    errors: dict[str, list[str]] = {}
    for key in editable:
        if key not in body:
            continue
        value = "" if body[key] is None else str(body[key])
        if body[key] is None:
            errors[key] = ["This field may not be null."]
        elif key == "username" and value == "":
            errors[key] = [BLANK]
        elif len(value) > NAME_LIMITS[key]:
            errors[key] = [f"Ensure this field has no more than {NAME_LIMITS[key]} characters."]
        elif key == "username" and not USERNAME_PATTERN.match(value):
            errors[key] = [
                "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters."
            ]
        elif key == "username" and (other := call.state.accounts.by_username(value)) and other.id != user_id:
            errors[key] = ["A user with that username already exists."]
        elif key == "email" and value and not EMAIL_PATTERN.match(value):
            errors[key] = ["Enter a valid email address."]
    return errors


ROUTES = [
    route("users/self", {"GET": current_user}),
    route("users", {"GET": list_users}),
    route("users/{user_id}", {"GET": get_user, "PATCH": patch_user}),
]
