"""``users/self``, ``users`` and ``users/{id}``: full fields for staff (and for yourself, except in the list),
basic ones otherwise."""

from __future__ import annotations

from typing import Any

from .accounts import Account
from .endpoint import Call, route
from .http import not_found
from .pagination import page_body, paginate

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


ROUTES = [
    route("users/self", {"GET": current_user}),
    route("users", {"GET": list_users}),
    route("users/{user_id}", {"GET": get_user}),
]
